"""`innkjop terskler`: thresholds in force with status and evidence, and the chore list."""

from __future__ import annotations

import json
import shutil

from assistant.cli import main
from knowledge.thresholds import THRESHOLDS_DIR

REQUIRED = {"key", "label", "value", "from", "status", "reference", "evidence"}


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lists_the_500_000_lower_limit_as_secondary_with_its_evidence(capsys):
    code, out, _ = run(["terskler", "--as-of", "2026-08-01", "--json"], capsys)
    entries = json.loads(out)
    assert code == 0 and isinstance(entries, list)
    assert all(REQUIRED <= set(entry) for entry in entries)
    lower = next(e for e in entries if e["key"] == "lower_limit")
    assert lower["value"] == 500000 and lower["from"] == "2026-07-01"
    assert lower["status"] == "secondary" and lower["status_text"] == "bare i sekundærkilder"
    assert lower["evidence"] and all(item["kind"] == "secondary" for item in lower["evidence"])
    assert "Innst. 38 L" in lower["evidence"][0]["quote"]
    national = next(e for e in entries if e["key"] == "national")
    assert national["status"] == "verified"
    assert any(item["kind"] == "primary" for item in national["evidence"])


def test_values_in_force_follow_the_date(capsys):
    _, out, _ = run(["terskler", "--as-of", "2022-02-01", "--json"], capsys)
    values = {e["key"]: (e["value"], e["from"]) for e in json.loads(out)}
    assert values["eea_goods_services"] == (2050000, "2020-02-13")
    assert values["eea_building"] == (51500000, "2020-02-13")
    assert "eea_health_social" not in values


def test_plain_listing_says_the_status_in_words_without_raw_keys_as_labels(capsys):
    code, out, _ = run(["terskler", "--as-of", "2026-08-01"], capsys)
    assert code == 0
    assert "## Nedre grense for anskaffelsesregelverket" in out
    assert "500 000 kr eks. mva fra 2026-07-01: bare i sekundærkilder" in out
    assert "1 300 000 kr eks. mva fra 2022-01-01: bekreftet i forskriften" in out
    assert "62 900 000 kr eks. mva fra 2026-04-21: ikke verifisert" in out
    assert "fil: knowledge/thresholds/lower_limit.yaml" in out


def test_sjekk_lists_unconfirmed_and_stale_values(tmp_path, monkeypatch, capsys):
    target = tmp_path / "terskler"
    shutil.copytree(THRESHOLDS_DIR, target)
    national = target / "national.yaml"
    national.write_text(national.read_text(encoding="utf-8").replace(
        "last_reviewed: 2026-12-01", "last_reviewed: 2020-01-01"), encoding="utf-8")
    monkeypatch.setenv("INNKJOP_THRESHOLDS", str(target))
    code, out, _ = run(["terskler", "--sjekk", "--json"], capsys)
    entries = json.loads(out)
    keys = {(e["key"], e["from"]) for e in entries}
    assert code == 0
    assert ("lower_limit", "2026-07-01") in keys and ("eea_goods_services", "2026-04-21") in keys
    assert ("lower_limit", "2022-01-01") not in keys  # verified and recently reviewed
    stale = next(e for e in entries if e["key"] == "national")
    assert stale["status"] == "verified" and "sist gjennomgått 2020-01-01" in stale["reasons"][0]
    assert any(e["kind"] == "parameter" and e["key"] == "vat_rate" for e in entries)
    code, out, _ = run(["terskler", "--sjekk", "--as-of", "2026-03-01"], capsys)
    assert "Nedre grense" not in out and "EØS-terskelverdi for varer og tjenester" in out


def test_bad_date_is_a_norwegian_message_and_exit_2(capsys):
    code, _, err = run(["terskler", "--as-of", "i morgen"], capsys)
    assert code == 2 and "ugyldig dato" in err
