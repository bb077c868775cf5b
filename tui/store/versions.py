"""The names of the schema migrations this version knows, kept apart from schema.py so that
checking a file's version does not import sqlite-utils (a test keeps the two lists equal)."""

SCHEMA_NAMES: tuple[str, ...] = ("0001_initial", "0002_sync_journal")
