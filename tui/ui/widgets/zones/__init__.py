"""Widgets of the Zones screen."""
