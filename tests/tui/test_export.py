"""The Markdown decision record: its content, atomic writing, and the export flow in the app."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from tui_helpers import export_to, notifications, send, settle
from tui_records import sample_decision, sample_hits

from assistant.tui.app import create_app
from assistant.tui.export import ExportError, decision_record, default_export_path, write_record
from assistant.tui.export_screen import ExportScreen


def test_record_holds_purchase_arithmetic_conclusions_ticks_citations_and_thresholds():
    record = decision_record(
        sample_decision(),
        {"protokoll"},
        passages=sample_hits(),
        exported_at=datetime(2026, 3, 2, 9, 30),
    )
    assert record.startswith("# Vurdering av anskaffelse")
    assert "- Vurdert per: 01.03.2026" in record
    assert "- Terskelverdisett: 2024-03-14 (må sjekkes)" in record
    assert "- Beskrivelse: PC-er til skolen" in record
    assert "250000 kr inkl. mva ÷ 1,25 = 200000 kr eks. mva" in record
    assert "**FOA del I**: FOA del I gjelder: sørg for konkurranse. (FOA del I)" in record
    assert "**VR Innkjøp**: VR Innkjøps kompetente innkjøpere. (Strategi 2.2.1)" in record
    assert "- [x] **Anskaffelsesprotokoll**: Anskaffelsesprotokoll (FOA § 7-1)" in record
    assert "- [ ] **Konkurranse i KGV**: Gjennomføres i KGV (Strategi 2.2.3)" in record
    assert "1. Beløpet er inkl. mva og deles på 1,25. (FOA § 5-4)" in record
    assert ("- Nedre grense for anskaffelsesregelverket: 100 000 kr (bekreftet i forskriften)"
            in record)
    assert "- Strategi 2.2.3" in record
    assert "- Strategi 2.2.3: Anskaffelsesstrategi, 2.2.3 Delmål 3, s. 4" in record


def test_default_path_is_in_the_data_folder(tmp_path: Path):
    path = default_export_path(tmp_path, datetime(2026, 3, 2, 9, 30, 5))
    assert path == tmp_path / "vurderinger" / "vurdering-20260302-093005.md"


def test_write_record_creates_folders_and_leaves_no_temp_files(tmp_path: Path):
    target = tmp_path / "a" / "b" / "v.md"
    assert write_record("# x\n", target) == target
    assert target.read_text(encoding="utf-8") == "# x\n"
    assert [p.name for p in target.parent.iterdir()] == ["v.md"]


def test_write_record_to_a_folder_or_impossible_place_is_a_norwegian_error(tmp_path: Path):
    with pytest.raises(ExportError, match="er en mappe"):
        write_record("# x\n", tmp_path)
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="Kunne ikke lagre vurderingen"):
        write_record("# x\n", blocker / "v.md")


async def test_export_writes_the_record_with_ticks_and_names_the_file(
    scripted_session, isolated_data_dir
):
    app = create_app(session=scripted_session, dense=False)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await pilot.press("f2", "space")  # tick the first duty
        await pilot.pause()
        assert app.card.ticked == {"protokoll"}
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("enter")
        await settle(app, pilot)
        files = list((isolated_data_dir / "vurderinger").glob("vurdering-*.md"))
        assert len(files) == 1
        text = files[0].read_text(encoding="utf-8")
        assert "- [x] **Anskaffelsesprotokoll**: Anskaffelsesprotokoll (FOA § 7-1)" in text
        assert "- [ ] **Konkurranse i KGV**: Gjennomføres i KGV (Strategi 2.2.3)" in text
        assert (f"Vurderingen er lagret i {files[0]}", "information") in notifications(app)


async def test_export_to_a_chosen_path(scripted_session, tmp_path: Path):
    app = create_app(session=scripted_session, dense=False)
    target = tmp_path / "mine" / "pc.md"
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await send(app, pilot, "PC-er for 250 000 kr")
        await export_to(app, pilot, target)
        assert target.read_text(encoding="utf-8").startswith("# Vurdering av anskaffelse")


async def test_export_to_a_bad_path_or_without_decision_notifies(scripted_session, tmp_path):
    app = create_app(session=scripted_session, dense=False)
    blocker = tmp_path / "fil"
    blocker.write_text("x")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
        assert notifications(app)[-1] == (
            "Ingen vurdering å eksportere ennå. Beskriv et kjøp først.",
            "warning",
        )
        await send(app, pilot, "PC-er for 250 000 kr")
        await export_to(app, pilot, blocker / "v.md")
        message, severity = notifications(app)[-1]
        assert severity == "error"
        assert message.startswith(f"Kunne ikke lagre vurderingen i {blocker / 'v.md'}")
