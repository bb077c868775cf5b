"""Widgets of the Today screen."""
