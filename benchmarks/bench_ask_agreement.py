"""Benchmark: how many ask cases give the structured check's verdict (the harness of
tests/assistant/test_ask_scenarios.py), per case file, with the misses listed.

    .venv/bin/python benchmarks/bench_ask_agreement.py [FILE.jsonl ...]

Default: tests/data/ask_cases_v2.jsonl (issue 9's dev set). Lexical-free: no
searcher, as in the tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datetime import date  # noqa: E402

from assistant.session import Session  # noqa: E402
from rules import decide  # noqa: E402
from rules.scenario_check import check_purchase  # noqa: E402
from tests.assistant.test_ask_scenarios import check_case, load_cases  # noqa: E402


def verdict(case: dict) -> tuple[tuple, tuple] | None:
    """(ask's, check's) procedure, authority and value, or None for a case without check."""
    if "check" not in case:
        return None
    session = Session()
    as_of = date.fromisoformat(case["as_of"])
    for earlier in case.get("history", []):
        session.respond(earlier, as_of=as_of)
    got = session.respond(case["text"], as_of=as_of).decision
    want = decide(check_purchase(case["check"]),
                  as_of=date.fromisoformat(case.get("check_as_of", case["as_of"])))

    def key(decision) -> tuple:
        if decision is None or decision.procedure is None:
            return (None, None, None)
        return (decision.procedure.code,
                decision.authority.code if decision.authority else None,
                decision.purchase.value_excl_vat)
    return key(got), key(want)


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or [ROOT / "tests" / "data" / "ask_cases_v2.jsonl"]
    for path in files:
        cases = load_cases(path)
        misses: list[tuple[str, str]] = []
        for case in cases:
            try:
                check_case(case)
            except AssertionError as error:
                misses.append((case["id"], str(error).splitlines()[0][:100] if str(error) else ""))
        ok = len(cases) - len(misses)
        print(f"{path.name}: harness {ok}/{len(cases)} pass ({100 * ok / len(cases):.0f} %)")
        pairs = [(c["id"], verdict(c)) for c in cases]
        pairs = [(i, p) for i, p in pairs if p is not None]
        same = sum(1 for _, (got, want) in pairs if got == want)
        print(f"  verdict (procedure, authority, value) = check: {same}/{len(pairs)}"
              f" ({100 * same / max(1, len(pairs)):.0f} %)")
        for ident, why in misses:
            print(f"  miss {ident}: {why}")
        for ident, (got, want) in pairs:
            if got != want:
                print(f"  verdict {ident}: ask {got} check {want}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
