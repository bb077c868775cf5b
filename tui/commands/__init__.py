"""The `scalp` subcommands, one module each; tui.cli imports and registers them."""
