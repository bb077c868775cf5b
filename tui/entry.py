"""The `scalp` executable: `scalp status` and the app are started straight away, the rest goes through click.

`scalp status` runs on every shell prompt, and importing click (and building the
command group) would cost more than Python's own start-up; so the plain forms of
`status` are recognised here first. Anything else, `scalp status --help` included,
goes to the click group in tui.cli, which runs the same code. The same holds for the
full-screen app (`scalp`, `scalp --db PATH`): its first frame should not wait for click.
"""

import os
import sys


def main() -> None:
    argv = sys.argv[1:]
    if "status" in argv:
        from tui.commands.quick_status import fast_main

        code = fast_main(argv)
        if code is not None:
            # Answered: nothing is left open and no exit handler is registered, so the
            # interpreter's tear-down (a sixth of a prompt's wait) is skipped.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    from tui.launch import app_db_option

    plain, db = app_db_option(argv)
    if plain:
        from tui.launch import run_app

        sys.exit(run_app(db))
    from tui.cli import main as cli_main

    cli_main()
