"""Sync between computers, the pure part: clocks, operations, merge rules and the journal file format.

Nothing here touches SQLite or the file system; tui.store.journal and tui.store.sync do.
"""
