"""Run scalp as ``python -m tui``."""

from tui.entry import main

if __name__ == "__main__":
    main()
