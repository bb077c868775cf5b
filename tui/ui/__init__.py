"""The Textual user interface; it talks to tui.core and tui.store through their public functions."""
