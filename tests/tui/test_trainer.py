"""Trainer mode over the real scenarios and rules: step through the trace, what-if changes."""

from __future__ import annotations

import re

import pytest
from tui_helpers import notifications, settle
from tui_records import ScriptedSession

from assistant.tui.app import create_app
from assistant.tui.trainer_screen import TrainerScreen


async def open_scenario(app, pilot, scenario_id: str) -> TrainerScreen:
    await pilot.press("f5")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, TrainerScreen)
    index = [s.id for s in screen.scenarios].index(scenario_id)
    option_list = screen.query_one("#scenario-list")
    option_list.highlighted = index
    await pilot.press("enter")
    await pilot.pause()
    return screen


async def test_trainer_steps_a_scenario_and_what_if_updates_the_card():
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_scenario(app, pilot, "G02")  # exactly 100 000 kr eks. mva
        assert screen.card.decision.procedure.code == "del1"
        total = len(screen.card.decision.trace)
        assert total >= 3
        assert screen.trace.shown == 1
        assert str(screen.query_one("#step-label").render()).startswith(
            f"Hvorfor? Regel 1 av {total}"
        )
        await pilot.press("f8", "f8")
        assert screen.trace.shown == 3
        shown = screen.trace.steps_text().plain
        numbers = re.findall(r"^(?:▶ )?(\d+)\. ", shown, flags=re.MULTILINE)
        assert numbers == ["1", "2", "3"]
        assert shown.count("▶") == 1 and "▶ 3. " in shown
        await pilot.press("f7")
        assert screen.trace.shown == 2
        await pilot.press("f9")
        assert screen.trace.shown == total

        # what-if: one krone under the limit
        screen.query_one("#what-value").value = "99999"
        await pilot.pause()
        assert screen.card.decision.procedure.code == "direkte"
        assert screen.card.decision.purchase.value_excl_vat == 99999
        assert (
            "Prosedyren endret seg: FOA del I → Direkte kjøp",
            "information",
        ) in notifications(app)

        # what-if: same value after the 2026 change of the lower limit, 2 million, services
        screen.query_one("#what-value").value = "2000000"
        screen.query_one("#what-category").value = "tjenester"
        await pilot.pause()
        assert screen.card.decision.procedure.code == "del2"
        screen.query_one("#what-vat").value = "inkl"
        await pilot.pause()
        assert screen.card.decision.purchase.value_excl_vat == 1600000

        screen.query_one("#what-date").value = "2023-06-01"
        await pilot.pause()
        assert screen.card.decision.as_of.isoformat() == "2023-06-01"

        await pilot.press("escape")
        assert not isinstance(app.screen, TrainerScreen)


@pytest.mark.parametrize(
    ("field_id", "bad", "message", "good", "key", "expected"),
    [
        ("what-value", "mange penger", "Verdi: ugyldig beløp «mange penger»", "150000",
         "value_excl_vat", 150000),
        # "²" passes str.isdigit() but not int(): the form once crashed on it
        ("what-duration", "12²", "Varighet: ugyldig antall måneder «12²»: «²» er ikke et siffer",
         "24 mnd", "duration_months", 24),
    ],
)
async def test_trainer_bad_entry_marks_the_field_and_notifies_on_enter(
    field_id, bad, message, good, key, expected
):
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_scenario(app, pilot, "G02")
        before = screen.card.decision
        field = screen.query_one(f"#{field_id}")
        field.focus()
        field.value = bad
        await pilot.pause()
        assert field.has_class("-invalid")
        assert screen.card.decision is before  # the last good decision stays
        assert str(screen.query_one("#whatif-error").render()).startswith(message)
        await pilot.press("enter")
        await pilot.pause()
        shown, severity = notifications(app)[-1]
        assert severity == "error"
        assert shown.startswith(message)
        field.value = good
        await pilot.pause()
        assert not field.has_class("-invalid")
        assert screen.card.decision.purchase.to_dict()[key] == expected


async def test_export_from_the_trainer_writes_the_scenario_decision(isolated_data_dir):
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await open_scenario(app, pilot, "G02")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await settle(app, pilot)
        files = list((isolated_data_dir / "vurderinger").glob("*.md"))
        assert len(files) == 1
        assert "Vurdert per: 01.03.2026" in files[0].read_text(encoding="utf-8")


async def test_blank_fields_mean_not_stated():
    app = create_app(session=ScriptedSession(), dense=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        screen = await open_scenario(app, pilot, "G02")
        screen.query_one("#what-value").value = "  "
        screen.query_one("#what-date").value = ""
        await pilot.pause()
        purchase, as_of = screen.form.read(screen.base)
        assert purchase.value is None and as_of is None
        assert any(q.slot == "value" for q in screen.card.decision.questions)
