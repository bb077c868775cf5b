"""The `scalp` executable: `scalp status` is answered straight away, the rest goes through click.

`scalp status` runs on every shell prompt, and importing click (and building the
command group) would cost more than Python's own start-up; so the plain forms of
`status` are recognised here first. Anything else, `scalp status --help` included,
goes to the click group in tui.cli, which runs the same code.
"""

import sys


def main() -> None:
    argv = sys.argv[1:]
    if "status" in argv:
        from tui.commands.quick_status import fast_main

        code = fast_main(argv)
        if code is not None:
            sys.exit(code)
    from tui.cli import main as cli_main

    cli_main()
