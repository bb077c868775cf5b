"""The layering contract: core and store never import Textual; core never touches SQL."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tui"


def imported_modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module


@pytest.mark.parametrize("layer", ["core", "store", "ui/state"])
def test_layer_does_not_import_textual(layer):
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, name in imported_modules(PACKAGE / layer)
        if name.split(".")[0] in {"textual", "rich"} or name.startswith("tui.ui")
    ]
    assert offenders == []


def test_core_has_no_sql_or_store():
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path, name in imported_modules(PACKAGE / "core")
        if name.split(".")[0] in {"sqlite3", "sqlite_utils"} or name.startswith("tui.store")
    ]
    assert offenders == []


def test_importing_core_and_store_loads_no_textual():
    code = (
        "import sys, pkgutil, importlib, tui.core, tui.store\n"
        "for pkg in (tui.core, tui.store):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        importlib.import_module(m.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
