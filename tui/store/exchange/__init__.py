"""Export and import of the whole log as JSON (one file) or CSV (one file per table).

Lossless: every column of every table, NULL kept apart from the empty string (CSV
writes NULL as ``\\N`` and doubles a leading backslash of a text), floats written with
Python's repr so they read back bit for bit. Rows are sorted, so exporting what was
imported gives the same bytes. Import is idempotent by row id: a row whose id (or
unique key: one check per zone per pass, one rest mark per day, one value per setting)
is already in the log is left as it is. It runs in one transaction: a bad row anywhere
imports nothing, and the error names the file and line.
"""

from tui.store.exchange.export import export_csv, export_json
from tui.store.exchange.files import Bundle, Row, read_csv_folder, read_export, read_json
from tui.store.exchange.load import ImportReport, PreparedImport, apply_import, import_bundle, prepare_import
from tui.store.exchange.tables import BadImport, Table, tables

__all__ = [
    "BadImport",
    "Bundle",
    "ImportReport",
    "PreparedImport",
    "Row",
    "Table",
    "apply_import",
    "export_csv",
    "export_json",
    "import_bundle",
    "prepare_import",
    "read_csv_folder",
    "read_export",
    "read_json",
    "tables",
]
