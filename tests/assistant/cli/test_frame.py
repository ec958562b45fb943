"""The CLI frame: Norwegian usage errors, exit code 2, no traceback."""

from __future__ import annotations

import pytest

from assistant.cli import main, norwegian_usage_message


def test_unknown_command_gives_norwegian_error_and_exit_2(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_info:
        main(["finnesikke"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Feil:" in err
    assert "Traceback" not in err


def test_argparse_messages_are_translated():
    assert norwegian_usage_message("unrecognized arguments: --x") == "ukjente argumenter: --x"
    assert (
        norwegian_usage_message("the following arguments are required: --value")
        == "disse argumentene mangler: --value"
    )
