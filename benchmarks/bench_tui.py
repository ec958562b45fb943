"""Benchmark: how fast the terminal app is interactive, and how fast it answers.

    .venv/bin/python benchmarks/bench_tui.py [--runs N] [--no-model]

Each run starts a fresh Python process (as `python tui.py` does) that builds the
app with the same factory and drives it headless with Textual's Pilot:

- launch -> first input accepted: from just before the process is spawned until a
  typed key is in the chat input (interpreter start, imports, layout, first paint);
- Enter -> decision on screen: from pressing Enter on a purchase description until
  the decision card shows a procedure. Measured four times: the first message
  right after launch (it may wait for the assistant to open the lexical search),
  a warm message with lexical search, one while the model is loading in the
  background (the model import competes for the interpreter), and one after the
  model has loaded (hybrid search);
- launch -> hybrid search ready: until the background worker has loaded the model
  (polled from launch on, beside the typing; it used to be read only after the two
  first answers, which added their ~1 s to it);
- CPU time at the first accepted key, of the whole process (including the worker
  that opens the search and the rules) and of the UI thread alone: the start-up
  cost without the waiting a busy machine adds (wall times on a loaded 2-core
  machine vary a lot).

Every run uses a fresh temporary data folder except that the first run builds the
search index there and later runs reuse it (the figures of run 1 include the build).
Goal: interactive within 1.5 s of launch. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PURCHASE = "Selbu kommune trenger en ny telefoniløsning, anslått 180 000 kr eks. mva. Ingen avtale."
FOLLOW_UP = "hva om det er 2 millioner?"
AS_OF = date(2026, 3, 1)


async def drive(started: float, dense: bool) -> dict[str, float]:
    """Run inside the child process: drive the app and return the figures in seconds."""
    from assistant.tui.app import create_app

    app = create_app(dense=dense, as_of=AS_OF)
    figures: dict[str, float] = {}
    async with app.run_test(size=(120, 35)) as pilot:

        async def hybrid_ready() -> None:
            """Polled from launch on, beside the typing: when the model is usable."""
            while app.search_mode != "hybrid":
                await asyncio.sleep(0.01)
            figures["launch_to_hybrid_s"] = time.time() - started

        watcher = asyncio.create_task(hybrid_ready()) if dense else None
        chat_input = app.chat.input
        while not chat_input.has_focus:
            await asyncio.sleep(0.005)
        await pilot.press("x")
        while chat_input.value != "x":
            await asyncio.sleep(0.005)
        figures["launch_to_input_s"] = time.time() - started
        figures["cpu_at_first_input_s"] = time.process_time()
        figures["ui_thread_cpu_at_first_input_s"] = time.thread_time()
        figures["torch_imported_at_first_input"] = float("torch" in sys.modules)

        async def answer(text: str, procedure: str) -> float:
            chat_input.value = text
            before = len(app.query(".chat-reply"))
            start = time.perf_counter()
            await pilot.press("enter")
            while not (
                len(app.query(".chat-reply")) > before
                and app.card.decision is not None
                and app.card.decision.procedure is not None
                and app.card.decision.procedure.code == procedure
            ):
                await asyncio.sleep(0.002)
            return time.perf_counter() - start

        figures["first_enter_to_decision_s"] = await answer(PURCHASE, "del1")
        figures["lexical_enter_to_decision_s"] = await answer(FOLLOW_UP, "del2")
        if dense:
            while "torch" not in sys.modules and app.search_mode != "hybrid":
                await asyncio.sleep(0.01)
            if app.search_mode != "hybrid":
                app.action_new_conversation()
                await pilot.pause()
                figures["during_model_load_enter_to_decision_s"] = await answer(PURCHASE, "del1")
            assert watcher is not None
            await watcher
            app.action_new_conversation()
            await pilot.pause()
            figures["hybrid_enter_to_decision_s"] = await answer(PURCHASE, "del1")
    return figures


def child(started: float, dense: bool) -> None:
    figures = asyncio.run(drive(started, dense))
    print(json.dumps(figures))


def run_once(home: Path, dense: bool) -> dict[str, float]:
    env = {**os.environ, "INNKJOP_HOME": str(home)}
    started = time.time()
    args = [sys.executable, __file__, "--child", str(started)]
    if not dense:
        args.append("--no-model")
    output = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(output.stdout.strip().splitlines()[-1])


def torch_free_startup() -> bool:
    """True if importing the app (as tui.py does) leaves torch unimported."""
    code = "import sys, assistant.tui.app; print('torch' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip() == "False"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-model", action="store_true", help="lexical search only")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child, dense=not args.no_model)
        return
    dense = not args.no_model
    print(f"innkjop TUI benchmark: {args.runs} runs, {'hybrid' if dense else 'lexical'} search")
    print(f"importing the app leaves torch unimported: {torch_free_startup()}")
    results: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="innkjop-bench-") as home:
        for run in range(1, args.runs + 1):
            figures = run_once(Path(home), dense)
            results.append(figures)
            shown = ", ".join(
                f"{k} {v:.3f}" for k, v in figures.items() if not k.startswith("torch")
            )
            print(f"run {run}{' (builds the index)' if run == 1 else ''}: {shown}")
    warm = results[1:] or results
    print("median over warm runs (index already built):")
    for key in warm[0]:
        if key.startswith("torch"):
            continue
        value = statistics.median(r[key] for r in warm)
        print(f"  {key:32s} {value * 1000:8.0f} ms")


if __name__ == "__main__":
    main()
