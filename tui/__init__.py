"""scalp: a terminal habit tracker for a daily self scalp massage."""

__version__ = "0.1.0"
