"""The layer contracts in pyproject.toml (`lint-imports`) hold, and they catch a breach.

The breach cases copy the packages' Python files and pyproject.toml into a
temporary folder, add one module with a forbidden import and run lint-imports
there: it must fail and name the offending import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "rules", "index", "knowledge")
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project, capture_output=True, text=True, timeout=120,
        env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(project)},
    )


def copy_project(target: Path) -> Path:
    def not_python(folder: str, names: list[str]) -> set[str]:
        return {n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
                or n == "__pycache__"}

    for package in PACKAGES:
        shutil.copytree(ROOT / package, target / package, ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def test_the_project_keeps_its_layer_contracts(tmp_path):
    result = lint_imports(copy_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "named"),
    [
        # upwards: data imports the rule engine
        ("knowledge/upward.py", "from rules.model import Purchase\n",
         "knowledge.upward -> rules.model"),
        # sideways: the rules know nothing of the search index
        ("rules/sideways.py", "import index.search\n", "rules.sideways -> index.search"),
        # the assistant's core imports the CLI
        ("assistant/uses_cli.py", "from assistant.cli import main\n",
         "assistant.uses_cli -> assistant.cli"),
        # the assistant's core imports the terminal app (inside a function counts too)
        ("assistant/uses_tui.py", "def f():\n    import assistant.tui.app\n",
         "assistant.uses_tui -> assistant.tui.app"),
        # infrastructure imports a loader of data
        ("knowledge/infra/upward.py", "import knowledge.thresholds\n",
         "knowledge.infra.upward -> knowledge.thresholds"),
        # the rules import a UI library
        ("rules/ui.py", "import textual\n", "rules.ui -> textual"),
    ],
)
def test_lint_imports_fails_on_a_forbidden_import_and_names_it(tmp_path, module, source, named):
    project = copy_project(tmp_path)
    (project / module).write_text(f'"""A module that breaks a layer."""\n\n{source}',
                                  encoding="utf-8")
    result = lint_imports(project)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert named in result.stdout
