"""The Zones logic stays free of Textual: the checklist, the pacer, the working state and the head geometry."""

import subprocess
import sys


def test_zones_logic_imports_without_textual():
    code = (
        "import sys\n"
        "import tui.core.checklist, tui.core.pacer, tui.ui.state.zone_session, tui.ui.state.headshape\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
