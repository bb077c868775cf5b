"""The README's two commands exist, and CI runs exactly the README's test command."""

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
    install_run = next(b for b in blocks if b.endswith("scalp"))
    test = next(b for b in blocks if "pytest" in b)
    assert "pip install" in install_run and "pip install" in test
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert test in ci
