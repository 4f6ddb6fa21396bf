"""The benchmark harness at a tiny scale: every figure is produced, positive, nothing dropped or sent twice.

No timing assertions: this only proves the harness works end to end (emulator, both bot processes, database).
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

import pytest

from bench import harness
from bench.run import build_parser, run_benchmarks, table
from bench.scenarios import Action

POSTGRES_URL = os.environ.get("BAUCU_TEST_POSTGRES_URL")


def test_percentile_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert harness.percentile(values, 50) == 50.0
    assert harness.percentile(values, 95) == 95.0
    assert harness.percentile(values, 100) == 100.0
    assert harness.percentile([], 95) is None
    assert harness.arrivals(4, 2.0) == [0.0, 0.5, 1.0, 1.5]
    assert len(harness.arrivals(50, 1.0, poisson=True)) == 50


def test_tracker_matches_replies_in_order() -> None:
    tracker = harness.Tracker()

    class Emu:
        def send_text(self, *a: object, **k: object) -> int:
            return 1

    tracker.inject(Emu(), Action(1, "a", expect=2))  # type: ignore[arg-type]
    tracker.inject(Emu(), Action(1, "b"))  # type: ignore[arg-type]
    tracker.on_reply(1, 10.0)
    assert tracker.done == 0
    tracker.on_reply(1, 11.0)
    tracker.on_reply(1, 12.0)
    tracker.on_reply(1, 13.0)  # nobody waits for it
    tracker.on_reply(2, 13.0)  # not a tracked user: ignored
    assert tracker.done == 2 and tracker.unexpected == 1 and tracker.outstanding == 0
    assert [p.done for p in tracker.all] == [11.0, 12.0]


async def test_harness_tiny(tmp_path: Path) -> None:
    db = "postgresql" if POSTGRES_URL else "sqlite"
    argv = ["--scale", "tiny", "--db", db, "--quiet", "--json", str(tmp_path / "out.json")]
    if POSTGRES_URL:
        argv += ["--pg-url", POSTGRES_URL]
    args: argparse.Namespace = build_parser().parse_args(argv)
    args.argv = argv
    report = await run_benchmarks(args)
    assert not report["errors"]
    figures = report["figures"]
    measured = [f for f in figures if f["status"] == "measured"]
    benches = {f["bench"] for f in measured}
    assert {"throughput", "burst", "broadcast", "memory"} <= benches
    for f in measured:
        assert f["value"] is not None and f["value"] > 0, f
        assert f["baseline"] is not None and f["baseline"] > 0, f
        assert f["ratio"] is not None and f["ratio"] > 0, f
    # what is not measured says why, and carries no number of its own
    for f in figures:
        if f["status"] != "measured":
            assert f["value"] is None and f["note"], f
    run = report["runs"][db]
    for bot in ("echo", "baucu"):
        for name, r in run[bot].items():
            if isinstance(r, dict) and "dropped" in r:
                assert r["dropped"] == 0 and r["unexpected_replies"] == 0 and not r["errors"], (bot, name, r)
    bc = run["baucu"]["broadcast"]
    assert bc["sent"] == bc["delivered"] == report["scale"]["broadcast_n"]
    assert bc["duplicates"] == 0 and bc["missing"] == 0
    # a full day of synthetic check-ins, plus what the teams reported through the bot during the run
    reported = sum(run["baucu"][k]["done"] for k in ("turnout", "burst"))
    assert run["summaries"]["national"]["count_rows"] == report["scale"]["areas"] * 12 + reported
    assert run["summaries"]["province"]["summary_seconds"] > 0
    assert "throughput" in table([harness_figure(f) for f in figures])
    json.dumps(report, default=str)


def harness_figure(f: dict) -> object:  # type: ignore[type-arg]
    from bench.run import Figure

    return Figure(**f)


@pytest.mark.parametrize("argv", [["--quick"], []])
def test_parser_defaults(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.db == "both" and args.scale == ("quick" if argv else "full")
