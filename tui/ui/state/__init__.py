"""Screen state with no Textual in it: today view, zone session, session keeper, keymap, head shape."""
