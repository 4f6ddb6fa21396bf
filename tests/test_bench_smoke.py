"""The benchmark harness at a tiny scale: every figure is produced, positive, nothing dropped or sent twice.

No timing assertions: this only proves the harness works end to end (emulator, both bot processes, database).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import time
from pathlib import Path

import pytest

from bench import harness
from bench.run import build_parser, run_benchmarks, table
from bench.scenarios import UNCALIBRATED, Action

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


class FakeEmu:
    """Replies to each text with as many messages as it has words (``extra`` more or fewer when told)."""

    def __init__(self, extra: int = 0) -> None:
        self.tracker: object = None
        self.extra = extra
        self.sent: list[str] = []

    def send_text(self, user: int, text: str, **_: object) -> int:
        self.sent.append(text)
        n = len(text.split()) + (self.extra if text != "/start" else 0)
        loop = asyncio.get_running_loop()
        for i in range(n):
            loop.call_later(0.002 * (i + 1), self.reply, user)
        return len(self.sent)

    def reply(self, user: int) -> None:
        if self.tracker is not None:  # replies that come after the run are not recorded
            self.tracker.on_reply(user, time.monotonic())  # type: ignore[attr-defined]


async def test_calibration_counts_replies_and_the_tracker_catches_drops_and_duplicates() -> None:
    sessions = [
        [Action(u, "/start", expect=UNCALIBRATED), Action(u, t, expect=UNCALIBRATED)]
        for u, t in ((1, "a b"), (2, "a b c"), (3, "a b"))
    ]
    with pytest.raises(ValueError, match="uncalibrated"):
        harness.Tracker().inject(FakeEmu(), sessions[0][0])  # type: ignore[arg-type]
    emu = FakeEmu()
    counts = await harness.calibrate(emu, [a for s in sessions for a in s], 100, after_start=True, quiet=0.05)  # type: ignore[arg-type]
    assert counts == {("/start", None, None): 1, ("a b", None, None): 2, ("a b c", None, None): 3}
    assert emu.sent == ["/start", "/start", "a b", "a b c"]  # one fresh user per distinct action, after /start
    ready = [harness.calibrated(s, counts) for s in sessions]
    ok = await harness.run_sessions(FakeEmu(), ready, timeout=2, settle=0.1)  # type: ignore[arg-type]
    assert ok.done == ok.actions == 6 and ok.unexpected == 0 and ok.dropped == 0
    dropped = await harness.run_sessions(FakeEmu(extra=-1), ready, timeout=0.3, settle=0.1)  # type: ignore[arg-type]
    assert dropped.dropped == 3
    duplicated = await harness.run_sessions(FakeEmu(extra=1), ready, timeout=2, settle=0.1)  # type: ignore[arg-type]
    assert duplicated.dropped == 0 and duplicated.unexpected == 3
    with pytest.raises(harness.CalibrationError):  # an action the bot does not answer at all
        await harness.calibrate(FakeEmu(extra=-5), sessions[1], 200, after_start=True, quiet=0.05, timeout=0.3)  # type: ignore[arg-type]


async def test_harness_tiny(tmp_path: Path) -> None:
    db = "postgresql" if POSTGRES_URL else "sqlite"
    argv = ["--scale", "tiny", "--db", db, "--quiet", "--floor", "--json", str(tmp_path / "out.json")]
    if POSTGRES_URL:
        argv += ["--pg-url", POSTGRES_URL]
    args: argparse.Namespace = build_parser().parse_args(argv)
    args.argv = argv
    report = await run_benchmarks(args)
    assert not report["errors"]
    figures = report["figures"]
    measured = [f for f in figures if f["status"] == "measured"]
    benches = {f["bench"] for f in measured}
    assert {"throughput", "burst", "broadcast", "memory", "floor"} <= benches
    for f in measured:
        assert f["value"] is not None and f["value"] > 0, f
        assert f["baseline"] is not None and f["baseline"] > 0, f
        assert f["ratio"] is not None and f["ratio"] > 0, f
    # what is not measured says why, and carries no number of its own
    for f in figures:
        if f["status"] != "measured":
            assert f["value"] is None and f["note"], f
    run = report["runs"][db]
    for bot in ("echo", "echo-db", "baucu"):
        for name, r in run[bot].items():
            if isinstance(r, dict) and "dropped" in r:
                assert r["dropped"] == 0 and r["unexpected_replies"] == 0 and not r["errors"], (bot, name, r)
    for calibration in run["baucu"]["calibration"].values():  # every voter action's replies were counted
        assert calibration["actions"] > 0 and min(int(n) for n in calibration["replies"]) >= 1, calibration
    warm = run["baucu"]["warm"]  # the memory figure is taken with the bot's own place index built and used
    assert warm["index"] and warm["entries"] > 0 and warm["lookups"] > 0, warm
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
