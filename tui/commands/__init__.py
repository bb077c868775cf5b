"""Subcommands of `scalp`, one module each."""
