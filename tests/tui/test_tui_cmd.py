"""`innkjop tui` and `python tui.py`: arguments, bad input, and a light start-up path."""

from __future__ import annotations

import subprocess
import sys

from tui_helpers import settle

from assistant.cli import main
from assistant.tui.app import create_app
from assistant.tui.settings import TuiOptions
from tests.conftest import REPO_ROOT


def test_bad_as_of_is_a_norwegian_error_with_exit_code_2(capsys):
    assert main(["tui", "--as-of", "1. juli"]) == 2
    assert capsys.readouterr().err == (
        "Feil: --as-of: ugyldig dato «1. juli»: bruk ÅÅÅÅ-MM-DD (f.eks. 2026-03-01) eller "
        "DD.MM.ÅÅÅÅ.\n"
    )


def test_help_is_norwegian(capsys):
    try:
        main(["tui", "--help"])
    except SystemExit as exit:
        assert exit.code == 0
    out = capsys.readouterr().out
    assert "Start terminalappen" in out and "--uten-modell" in out


def test_tui_py_help_and_bad_input_run_as_a_user_would():
    result = subprocess.run(
        [sys.executable, "tui.py", "--as-of", "i morgen"],
        cwd=REPO_ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Feil: --as-of:")
    assert "Traceback" not in result.stderr


def test_importing_the_app_does_not_import_torch():
    code = "import sys, tui, assistant.tui.app; print('torch' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False"


async def test_factory_options_and_light_theme(scripted_session):
    app = create_app(TuiOptions(session=scripted_session, dense=False, theme="textual-light"))
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == "textual-light"
        assert app.search_mode == "lexical"
        assert "Klar" in app.status_bar.status
