"""The tests' isolation from the user's data (tests/conftest.py), run on small test suites.

Each case writes a tiny test module next to a copy of tests/conftest.py in a temporary
folder and runs pytest on it in a subprocess whose INNKJOP_HOME and default data folder
(XDG_DATA_HOME/innkjop) are temporary folders standing in for the user's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONFTEST = Path(__file__).resolve().parent / "conftest.py"


def run_suite(tmp_path: Path, test_source: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    suite = tmp_path / "suite"
    suite.mkdir()
    shutil.copy(CONFTEST, suite / "conftest.py")
    (suite / "test_case.py").write_text(test_source, encoding="utf-8")
    outer, xdg = tmp_path / "given_home", tmp_path / "xdg"
    outer.mkdir()
    (xdg / "innkjop").mkdir(parents=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    env.update(INNKJOP_HOME=str(outer), XDG_DATA_HOME=str(xdg), OUTER=str(outer),
               DEFAULT=str(xdg / "innkjop"))
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--rootdir", str(suite), str(suite)],
        cwd=suite, env=env, capture_output=True, text=True, timeout=120,
    )
    return result, outer


@pytest.mark.parametrize("target", ["OUTER", "DEFAULT"])
def test_a_write_to_the_users_folder_fails_the_run_and_names_the_file(tmp_path, target):
    result, _ = run_suite(tmp_path, (
        "import os, pathlib\n"
        "def test_writes():\n"
        f"    (pathlib.Path(os.environ['{target}']) / 'index').mkdir()\n"
        f"    (pathlib.Path(os.environ['{target}']) / 'index' / 'CURRENT').write_text('x')\n"
    ))
    assert result.returncode != 0, result.stdout
    assert "1 passed" in result.stdout  # the test itself passed; the guard failed the run
    assert "Testene skrev i" in result.stdout
    assert "+ index/CURRENT" in result.stdout


def test_writes_to_innkjop_home_stay_in_temporary_folders(tmp_path):
    result, outer = run_suite(tmp_path, (
        "import os, pathlib\n"
        "import pytest\n"
        "HOME_AT_IMPORT = os.environ['INNKJOP_HOME']\n"
        "@pytest.fixture(scope='session')\n"
        "def session_home():\n"
        "    return os.environ['INNKJOP_HOME']\n"
        "def test_undo_keeps_the_isolation(monkeypatch, session_home):\n"
        "    monkeypatch.setattr(os, 'sep', os.sep)\n"
        "    monkeypatch.undo()  # once undid the conftest's INNKJOP_HOME as well\n"
        "    for home in (os.environ['INNKJOP_HOME'], session_home, HOME_AT_IMPORT):\n"
        "        assert home != os.environ['OUTER']\n"
        "        (pathlib.Path(home) / 'index').mkdir(exist_ok=True)\n"
    ))
    assert result.returncode == 0, result.stdout + result.stderr
    assert list(outer.iterdir()) == []
