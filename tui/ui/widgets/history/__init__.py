"""Widgets of the History screen."""
