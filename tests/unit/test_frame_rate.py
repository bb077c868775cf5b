"""The app's frame rate cap: 120 frames a second unless the user chose one."""

from __future__ import annotations

import os
import subprocess
import sys

from tui.launch import FRAMES_PER_SECOND, set_frame_rate


def test_the_cap_is_set_unless_the_user_chose_one():
    environ: dict[str, str] = {}
    set_frame_rate(environ)
    assert environ == {"TEXTUAL_FPS": str(FRAMES_PER_SECOND)} and FRAMES_PER_SECOND > 60
    mine = {"TEXTUAL_FPS": "30"}
    set_frame_rate(mine)
    assert mine == {"TEXTUAL_FPS": "30"}


def test_textual_takes_it_when_set_before_its_import():
    # Textual reads the variable once, on import: what the launcher sets must come first.
    probe = (
        "import os; from tui.launch import set_frame_rate; set_frame_rate(os.environ);"
        " import textual.constants as c; print(c.MAX_FPS)"
    )
    env = {key: value for key, value in os.environ.items() if key != "TEXTUAL_FPS"}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == str(FRAMES_PER_SECOND)
