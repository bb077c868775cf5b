"""The README's commands exist, and CI runs exactly the README's test command."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def sh_blocks(text: str) -> list[str]:
    blocks, inside, current = [], False, []
    for line in text.splitlines():
        if line.startswith("```sh"):
            inside, current = True, []
        elif line.startswith("```") and inside:
            inside = False
            blocks.append("\n".join(current).strip())
        elif inside:
            current.append(line)
    return blocks


def test_readme_has_install_and_test_commands_and_ci_runs_the_test_one():
    blocks = sh_blocks((ROOT / "README.md").read_text())
    install_run = next(b for b in blocks if b.endswith("scalp") and "pip install" in b)
    test = next(b for b in blocks if "pytest" in b)
    assert "pip install" in install_run and "pip install" in test
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci


def test_readme_quick_start_clones_then_installs_as_a_tool_before_a_bare_scalp():
    text = (ROOT / "README.md").read_text()
    quick = text[text.index("## Quick start") : text.index("\n## ", text.index("## Quick start") + 1)]
    tool = next(b for b in sh_blocks(quick) if "pipx install ." in b)
    lines = tool.splitlines()
    assert lines[0].startswith("git clone ") and "&& cd " in lines[0]
    assert "uv tool install ." in tool
    assert lines[-1] == "scalp"  # started only after the tool install put it on PATH
    assert "pipx install scalp-tui" in quick  # the name on the index, not the unrelated "scalp"
