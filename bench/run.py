"""The benchmark suite: ``python -m bench.run [--db sqlite|postgresql|both] [--quick] [--json PATH]``.

Every figure is measured next to its baseline in the same run and reported as a ratio (see bench/README.md).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bench import scenarios as sc
from bench.harness import (
    REPO,
    BenchEmulator,
    RunResult,
    Worker,
    arrivals,
    calibrate,
    calibrated,
    run_open,
    run_sessions,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ELECTION_DATE = date(2026, 3, 15)
CLOCK = datetime.combine(ELECTION_DATE, dtime(10, 5), tzinfo=TZ)  # the bot's clock: 10:05 on election day
SUMMARY_CLOCK = datetime.combine(ELECTION_DATE, dtime(19, 5), tzinfo=TZ)  # the summaries: the whole day is in
DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
SEED = 1
VOTER_BASE, INBOUND_BASE, TEAM_BASE, BROADCAST_BASE = 5_000_000, 6_000_000, 7_000_000, 9_000_000
CALIBRATION_BASE = 8_000_000  # fresh users that play each distinct voter action once before measuring


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: int
    communes: int
    areas: int
    voter_sessions: int  # each /start, 2 questions, /help (+ a language button for one in eight)
    turnout_reports: int  # queued at once, one per team member
    burst_n: int  # team reports of one province ...
    burst_seconds: float  # ... arriving over this long (Poisson)
    broadcast_n: int
    inbound_rate: float  # voter questions per second during (and without) the broadcast
    lookup_queries: int  # PlaceIndex answers these (bench_lookup's kinds, in turn) ...
    lookup_baseline: int  # ... and both sides this sample of them (the scans are slow)
    warm_lookups: int
    repeats: int  # timing repeats of the summaries


SCALES = {
    "full": Scale("full", 34, 3300, 72000, 300, 1000, 2000, 180.0, 1500, 4.0, 3000, 75, 300, 5),
    "quick": Scale("quick", 4, 120, 2400, 60, 150, 150, 10.0, 150, 4.0, 1000, 75, 100, 3),
    "tiny": Scale("tiny", 1, 3, 20, 4, 5, 6, 1.0, 8, 4.0, 50, 10, 10, 1),
}


@dataclass
class Figure:
    db: str
    bench: str
    metric: str
    value: float | None
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None
    status: str = "measured"  # measured | not measured
    note: str = ""


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def latency_figure(
    db: str, bench: str, metric: str, mine: float | None, base: float | None, baseline_name: str, **kw: Any
) -> Figure:
    """A latency in seconds, shown in ms next to its baseline, with their ratio."""
    return Figure(
        db,
        bench,
        metric,
        None if mine is None else mine * 1000,
        "ms",
        None if base is None else base * 1000,
        baseline_name,
        ratio(mine, base),
        **kw,
    )


# --- databases -------------------------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def database(kind: str, pg_admin: str) -> AsyncIterator[str]:
    """A fresh, migrated database for one run, dropped afterwards."""
    from db.migrate import upgrade
    from db.session import create_engine

    if kind == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="baucu_bench_"))
        url = f"sqlite+aiosqlite:///{folder / 'bench.db'}"
        try:
            await upgrade(url)
            yield url
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    name = f"baucu_bench_{os.getpid()}"
    admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(pg_admin).set(database=name).render_as_string(hide_password=False)
        await upgrade(url)
        yield url
    finally:
        with contextlib.suppress(Exception):
            async with admin.connect() as conn:
                await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@dataclass
class Context:
    election_id: int
    places: list[tuple[str, str]]  # (hamlet, commune) for the voters' questions
    names: list[str]  # every place name, for the lookups
    province_id: int
    province_path: str
    province_name: str
    burst: list[tuple[int, int]] = field(default_factory=list)  # (area_id, voted) in the busiest province
    turnout: list[tuple[int, int]] = field(default_factory=list)  # (area_id, voted) elsewhere


async def load_context(engine: AsyncEngine, election_id: int, scale: Scale) -> Context:
    from db.models import AdminUnit, Hamlet, PollingArea, TurnoutReport

    async with engine.connect() as conn:
        communes = dict((await conn.execute(select(AdminUnit.id, AdminUnit.name).where(AdminUnit.level >= 2))).all())
        hamlets = (
            await conn.execute(
                select(Hamlet.name, PollingArea.commune_id)
                .join(PollingArea, PollingArea.id == Hamlet.polling_area_id)
                .where(PollingArea.election_id == election_id)
                .order_by(Hamlet.id)
            )
        ).all()
        step = max(1, len(hamlets) // 2000)
        places = [(h, communes[c]) for h, c in hamlets[::step]]
        names = sorted({h for h, _ in hamlets} | set(communes.values()))
        provinces = (
            await conn.execute(select(AdminUnit.id, AdminUnit.path, AdminUnit.name).where(AdminUnit.level == 1))
        ).all()
        areas = (
            await conn.execute(
                select(PollingArea.id, PollingArea.registered_voters, AdminUnit.path)
                .join(AdminUnit, AdminUnit.id == PollingArea.commune_id)
                .where(PollingArea.election_id == election_id)
                .order_by(PollingArea.id)
            )
        ).all()
        nine = datetime.combine(ELECTION_DATE, dtime(9, 0), tzinfo=TZ).astimezone(UTC)
        at_nine = dict(
            (
                await conn.execute(
                    select(TurnoutReport.polling_area_id, TurnoutReport.voted).where(TurnoutReport.slot_at == nine)
                )
            ).all()
        )
    by_province = Counter(next(p for p in provinces if path.startswith(p[1]))[0] for _, _, path in areas)
    pid, ppath, pname = next(p for p in provinces if p[0] == by_province.most_common(1)[0][0])

    def voted(area_id: int, registered: int) -> int:
        return min(registered, round(max(at_nine.get(area_id, 0), registered * 0.3) * 1.35))

    mine = [(a, voted(a, r)) for a, r, path in areas if path.startswith(ppath)]
    others = [(a, voted(a, r)) for a, r, path in areas if not path.startswith(ppath)] or mine
    step = max(1, len(others) // max(1, scale.turnout_reports))
    return Context(
        election_id, places, names, pid, ppath, pname, mine[: scale.burst_n], others[::step][: scale.turnout_reports]
    )


async def election_day(engine: AsyncEngine, ctx: Context) -> None:
    """10:05 on election day (check-ins up to 09:00 exist): every team member used by the benchmark holds the role."""
    from db.models import RoleAssignment, User

    now = CLOCK.astimezone(UTC)
    async with engine.begin() as conn:
        members = sorted({a for a, _ in ctx.burst} | {a for a, _ in ctx.turnout})
        users = [
            {
                "id": TEAM_BASE + a,
                "chat_id": TEAM_BASE + a,
                "first_name": f"Tổ bầu cử {a}",
                "language": "vi",
                "language_chosen": False,
                "is_blocked": False,
                "created_at": now,
                "last_seen_at": now,
            }
            for a in members
        ]
        roles = [{"user_id": TEAM_BASE + a, "role": "team", "polling_area_id": a, "created_at": now} for a in members]
        for start in range(0, len(users), 2000):
            await conn.execute(insert(User), users[start : start + 2000])
            await conn.execute(insert(RoleAssignment), roles[start : start + 2000])


# --- the benchmarks ----------------------------------------------------------------------------------------------


async def timed(fn: Any, repeats: int) -> tuple[float, Any]:
    """Median seconds of ``repeats`` runs (after one warm-up) and the last result."""
    result = await fn()
    times = []
    for _ in range(max(1, repeats)):
        started = time.perf_counter()
        result = await fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


async def bench_summaries(
    db: str, engine: AsyncEngine, ctx: Context, scale: Scale
) -> tuple[list[Figure], dict[str, Any]]:
    from db.session import create_sessionmaker

    maker = create_sessionmaker(engine)
    figures, raw = [], {}
    summary = sc.summary_function()
    for level, path, unit_id in (("province", ctx.province_path, ctx.province_id), ("national", None, None)):

        async def baseline(path: str | None = path) -> int:
            async with maker() as session:
                return await sc.count_rows(session, path, ctx.election_id)

        base_s, rows = await timed(baseline, scale.repeats)
        raw[level] = {"count_rows": rows, "count_seconds": base_s}
        what = f"/tonghop {level}" + (f" ({ctx.province_name})" if level == "province" else "")
        if summary is None:
            figures.append(
                Figure(
                    db,
                    "summaries",
                    what,
                    None,
                    "ms",
                    base_s * 1000,
                    f"SELECT count(*) of {rows:,} check-ins",
                    status="not measured",
                    note="the chair summary is not on this branch (bench/scenarios.py SUMMARY_FUNCTION)",
                )
            )
            continue

        async def real(unit_id: int | None = unit_id) -> Any:
            async with maker() as session:
                return await summary(session, unit_id, SUMMARY_CLOCK)

        try:
            real_s, _ = await timed(real, scale.repeats)
        except NotImplementedError as exc:
            figures.append(
                Figure(
                    db,
                    "summaries",
                    what,
                    None,
                    "ms",
                    base_s * 1000,
                    f"SELECT count(*) of {rows:,} check-ins",
                    status="not measured",
                    note=str(exc),
                )
            )
            continue
        raw[level]["summary_seconds"] = real_s
        figures.append(
            Figure(
                db,
                "summaries",
                what,
                real_s * 1000,
                "ms",
                base_s * 1000,
                f"SELECT count(*) of {rows:,} check-ins",
                ratio(real_s, base_s),
                note=f"{sc.SUMMARY_FUNCTION} at {SUMMARY_CLOCK:%H:%M}, median of {scale.repeats}",
            )
        )
    return figures, raw


async def bench_lookup(engine: AsyncEngine, ctx: Context, scale: Scale) -> tuple[list[Figure], dict[str, Any]]:
    """bench/bench_lookup.py's queries, correctness rule and baselines, over the synthetic election's places."""
    from bench import bench_lookup as bl
    from bot.domain.search import PlaceIndex
    from bot.domain.text import fold
    from db.session import create_sessionmaker

    async with create_sessionmaker(engine)() as session:
        entries = await sc.place_entries(session, ctx.election_id)
    started = time.perf_counter()
    index = PlaceIndex(entries)
    build = time.perf_counter() - started
    queries = bl.make_queries(entries, scale.lookup_queries, seed=7)
    kinds = list(dict.fromkeys(k for k, _, _ in queries))
    per_kind = max(1, scale.lookup_baseline // len(kinds))
    sample = [q for k in kinds for q in [x for x in queries if x[0] == k][:per_kind]]
    names = [e.name for e in entries]
    with_ctx = [", ".join((e.name, *e.context)) for e in entries]
    folded_names, folded_ctx = [fold(n) for n in names], [fold(n) for n in with_ctx]

    def ix(kind: str, q: str) -> Any:
        m = index.search(q, limit=5)
        return m[0].entry if m else None

    def naive(kind: str, q: str) -> Any:
        r = bl.process.extractOne(
            q, with_ctx if kind == "+commune" else names, scorer=bl.fuzz.WRatio, processor=bl.utils.default_process
        )
        return entries[r[2]] if r else None

    def folded(kind: str, q: str) -> Any:
        r = bl.process.extractOne(fold(q), folded_ctx if kind == "+commune" else folded_names, scorer=bl.fuzz.WRatio)
        return entries[r[2]] if r else None

    def summary(stats: dict[str, tuple[int, int, float]]) -> dict[str, Any]:
        ok, n, secs = (sum(v[i] for v in stats.values()) for i in range(3))
        return {
            "rate": n / secs if secs else 0.0,
            "accuracy": ok / n if n else 0.0,
            "n": n,
            "by_kind": {k: f"{v[0]}/{v[1]}" for k, v in stats.items()},
        }

    def measure() -> dict[str, Any]:
        ix("exact", "warm up")
        return {
            "index_all": summary(bl.run("index", queries, ix)),
            "index": summary(bl.run("index", sample, ix)),
            "naive": summary(bl.run("naive", sample, naive)),
            "folded": summary(bl.run("folded", sample, folded)),
        }

    res = await asyncio.to_thread(measure)
    raw: dict[str, Any] = {"entries": len(entries), "build_seconds": build, **res}
    mine, base, fair = res["index"], res["naive"], res["folded"]
    what = f"lookups/s over {len(entries):,} places ({', '.join(kinds)})"
    r = ratio(mine["rate"], base["rate"])
    return [
        Figure(
            "-",
            "lookup",
            what,
            mine["rate"],
            "/s",
            base["rate"],
            "rapidfuzz extractOne scan",
            r,
            "≥ 5×",
            r is not None and r >= 5,
            note=f"same {mine['n']} queries; index built in {build:.1f}s; all {res['index_all']['n']} queries "
            f"{res['index_all']['rate']:.0f}/s; vs the folded-names scan {ratio(mine['rate'], fair['rate']):.1f}×",
        ),
        Figure(
            "-",
            "lookup",
            "top-1 accuracy",
            mine["accuracy"] * 100,
            "%",
            base["accuracy"] * 100,
            "rapidfuzz extractOne scan",
            ratio(mine["accuracy"], base["accuracy"]),
            "≥ baseline",
            mine["accuracy"] >= base["accuracy"],
            note=f"index {mine['by_kind']}; scan {base['by_kind']}; folded scan {fair['accuracy']:.0%} "
            f"{fair['by_kind']}; all queries {res['index_all']['accuracy']:.1%}",
        ),
    ], raw


@dataclass
class BotRun:
    kind: str
    results: dict[str, RunResult] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    ready: dict[str, Any] = field(default_factory=dict)
    broadcast: dict[str, Any] = field(default_factory=dict)
    warm: dict[str, Any] = field(default_factory=dict)
    calibration: dict[str, Any] = field(default_factory=dict)
    #: CPU seconds (user + system) the bot process used during each phase: with the bot on a core of its own,
    #: CPU per update near the phase's seconds per update means the bot, not the emulator, sets the pace
    cpu: dict[str, float] = field(default_factory=dict)


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a process from /proc (Linux), in seconds; None elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            fields = f.read().rpartition(")")[2].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.asynccontextmanager
async def cpu_of(run: BotRun, pid: int, phase: str) -> AsyncIterator[None]:
    before = cpu_seconds(pid)
    yield
    after = cpu_seconds(pid)
    if before is not None and after is not None:
        run.cpu[phase] = after - before


def _calibration_json(counts: dict[tuple[str | None, str | None, str | None], int]) -> dict[str, Any]:
    """How many distinct actions got how many replies, and a few examples of each."""
    by: dict[int, list[str]] = {}
    for (text_, press, data), n in counts.items():
        by.setdefault(n, []).append(text_ or press or data or "")
    return {"actions": len(counts), "replies": {n: len(v) for n, v in sorted(by.items())}} | {
        f"examples_{n}": v[:3] for n, v in sorted(by.items())
    }


async def run_bot(
    kind: str,
    url: str | None,
    ctx: Context,
    scale: Scale,
    logs: Path,
    *,
    label: str | None = None,
    broadcast_rate: float = 25.0,
    profile: Path | None = None,
) -> BotRun:
    """One bot process against a fresh emulator: throughput, burst, and for baucu the broadcast and warm-up."""
    emu = BenchEmulator()
    await emu.start()
    extra = ["--database-url", url, "--clock", CLOCK.isoformat()] if kind == "baucu" else []
    if kind == "echo-db":
        extra = ["--database-url", url or ""]
    extra += ["--broadcast-rate", str(broadcast_rate)]
    label = label or kind
    worker = await Worker.start(kind, emu, logs / f"{label}.log", *extra)
    spy = await start_profiler(worker.pid, profile / f"{label}.txt") if profile else None
    run = BotRun(label, ready=worker.ready)
    echo = kind in ("echo", "echo-db")

    say(f"{label}: started")
    try:
        sessions = sc.voter_sessions(ctx.places, scale.voter_sessions, VOTER_BASE)
        seconds = scale.broadcast_n / 25.0
        n_in = max(2, round(scale.inbound_rate * seconds))
        alone = sc.voter_texts(ctx.places, n_in, INBOUND_BASE, seed=3)
        during = sc.voter_texts(ctx.places, n_in, INBOUND_BASE + 100_000, seed=4)
        if echo:
            sessions = [[a.for_echo() for a in s] for s in sessions]
        else:
            # how many replies the assistant gives to each distinct action, on this bot and database
            in_session = await calibrate(emu, [a for s in sessions for a in s], CALIBRATION_BASE, after_start=True)
            sessions = [calibrated(s, in_session) for s in sessions]
            first = await calibrate(emu, alone + during, CALIBRATION_BASE + 500_000, after_start=False)
            alone, during = calibrated(alone, first), calibrated(during, first)
            run.calibration = {
                "in_session": _calibration_json(in_session),
                "first_message": _calibration_json(first),
            }
            say(f"{label}: calibrated {len(in_session)} + {len(first)} distinct actions")
        async with cpu_of(run, worker.pid, "voter"):
            run.results["voter"] = await run_sessions(emu, sessions, timeout=600)
        say(f"{label}: voter mix done")
        turnout = sc.turnout_actions([(TEAM_BASE + a, v) for a, v in ctx.turnout])
        async with cpu_of(run, worker.pid, "turnout"):
            run.results["turnout"] = await run_sessions(emu, [[a] for a in turnout], timeout=600)
        say(f"{label}: turnout done")
        # the burst: the same teams' next report (another slot's figure) at a fixed mean rate
        burst = sc.turnout_actions([(TEAM_BASE + a, v + 7) for a, v in ctx.burst])
        async with cpu_of(run, worker.pid, "burst"):
            run.results["burst"] = await run_open(emu, burst, arrivals(len(burst), scale.burst_seconds, poisson=True))
        say(f"{label}: burst done")
        if not echo:
            run.results["inbound_alone"] = await run_open(emu, alone, arrivals(n_in, seconds, poisson=True, seed=3))
            chats = [BROADCAST_BASE + i for i in range(scale.broadcast_n)]
            for chat in chats:
                emu.known_chat(chat)
            mark = len(emu.calls)
            text_ = "Thông báo của Ủy ban bầu cử: khu vực bỏ phiếu mở cửa từ 7 giờ đến 19 giờ."
            task = asyncio.create_task(worker.call({"op": "broadcast", "chats": chats, "text": text_}, timeout=900))
            run.results["inbound_during"] = await run_open(emu, during, arrivals(n_in, seconds, poisson=True, seed=4))
            run.broadcast = await task
            sends = [
                c for c in emu.calls[mark:] if c.method.lower() == "sendmessage" and c.ok and c.chat_id in set(chats)
            ]
            per_chat = Counter(c.chat_id for c in sends)
            times = sorted(c.finished_at for c in sends)
            span = times[-1] - times[0] if len(times) > 1 else 0.0
            run.broadcast.update(
                delivered=len(sends),
                duplicates=sum(n - 1 for n in per_chat.values() if n > 1),
                missing=len(set(chats) - set(per_chat)),
                span=span,
                rate=(len(times) - 1) / span if span > 0 else None,
                sustained_rate=(len(times) - 26) / (times[-1] - times[25]) if len(times) > 50 else None,
            )
            queries = [p for p, _ in ctx.places[: scale.warm_lookups]]
            run.warm = await worker.call({"op": "warm", "queries": queries}, timeout=600)
        run.status = worker.status()
    finally:
        await worker.stop()
        say(f"{label}: worker stopped")
        await emu.stop()
        if spy is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(spy.wait(), 30)
    return run


PY_SPY = shutil.which("py-spy") or next(
    (str(p) for p in [Path(sys.executable).with_name("py-spy")] if p.exists()), None
)


async def start_profiler(pid: int, path: Path) -> asyncio.subprocess.Process | None:
    """py-spy (not a project dependency: ``pip install py-spy``) sampling the worker until it exits."""
    exe = PY_SPY
    if exe is None:
        say("py-spy not installed; no profile")
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    return await asyncio.create_subprocess_exec(
        exe,
        "record",
        "--pid",
        str(pid),
        "--format",
        "raw",
        "--rate",
        "200",
        "--nonblocking",
        "-o",
        str(path),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


def floor_figures(db: str, floor: BotRun, echo: BotRun) -> list[Figure]:
    """``--floor``: the echo bot that also opens one database transaction per update (loads the user's row) —
    the least any database-backed handler pays — against the plain echo bot."""
    figs = []
    for key, what in (("voter", "voter-mix actions"), ("turnout", "/baocao actions")):
        a, b = floor.results[key], echo.results[key]
        note = f"{a.done}/{a.actions} answered"
        if key in floor.cpu and a.actions:
            note += f"; CPU {floor.cpu[key] / a.actions * 1000:.2f} ms/update"
        figs.append(
            Figure(
                db,
                "floor",
                f"echo + one DB transaction, {what}",
                a.rate,
                "updates/s",
                b.rate,
                "echo bot",
                ratio(a.rate, b.rate),
                "",
                None,
                note=note,
            )
        )
    a, b = floor.results["burst"], echo.results["burst"]
    mine, base = a.pct(95), b.pct(95)
    figs.append(
        latency_figure(
            db,
            "floor",
            "echo + one DB transaction, burst p95 reply latency",
            mine,
            base,
            "echo bot, same arrivals",
            note=f"dropped {a.dropped}",
        )
    )
    return figs


def compare(db: str, ours: BotRun, echo: BotRun, ctx: Context, scale: Scale, rate: float) -> list[Figure]:
    figs: list[Figure] = []
    for key, what in (("voter", "voter-question mix"), ("turnout", "turnout reports (/baocao)")):
        a, b = ours.results[key], echo.results[key]
        r = ratio(a.rate, b.rate)
        note = f"{a.done}/{a.actions} answered, {a.unexpected} unexpected replies"
        if key in ours.cpu and key in echo.cpu and a.actions and b.actions:
            note += (
                f"; bot CPU {ours.cpu[key] / a.actions * 1000:.2f} ms/update"
                f" (echo {echo.cpu[key] / b.actions * 1000:.2f})"
            )
        if key == "voter" and ours.calibration:
            cal = ours.calibration["in_session"]
            note += f"; replies per action calibrated on {cal['actions']} distinct actions " + ", ".join(
                f"{n} repl{'y' if n == 1 else 'ies'}: {k}" for n, k in cal["replies"].items()
            )
        figs.append(
            Figure(
                db,
                "throughput",
                what,
                a.rate,
                "updates/s",
                b.rate,
                "echo bot",
                r,
                "≥ 0.6",
                r is not None and r >= 0.6 and a.dropped == 0,
                note=note,
            )
        )
    a, b = ours.results["burst"], echo.results["burst"]
    rate_in = len(ctx.burst) / scale.burst_seconds
    for q in (50, 95, 99):
        mine, base = a.pct(q), b.pct(q)
        r = ratio(mine, base)
        figs.append(
            latency_figure(
                db,
                "burst",
                f"p{q} reply latency, {len(ctx.burst)} teams of {ctx.province_name}",
                mine,
                base,
                "echo bot, same arrivals",
                target="≤ 1.5" if q == 95 else "",
                passed=(r is not None and r <= 1.5 and a.dropped == 0) if q == 95 else None,
                note=f"dropped {a.dropped} (echo {b.dropped}); ~{rate_in:.1f}/s",
            )
        )
    bc = ours.broadcast
    # the Deliverer's Pacer spaces sends evenly; the first second (the outbox query, start-up) is left out
    br = bc.get("sustained_rate") or bc.get("rate")
    figs.append(
        Figure(
            db,
            "broadcast",
            f"delivered/s, {bc.get('delivered', 0)} messages",
            br,
            "msg/s",
            rate,
            "configured broadcast_rate",
            ratio(br, rate),
            "≥ 0.95",
            br is not None and br / rate >= 0.95 and bc.get("duplicates") == 0 and bc.get("missing") == 0,
            note=f"duplicates {bc.get('duplicates')}, missing {bc.get('missing')}; "
            + ("after the first second" if bc.get("sustained_rate") else "whole run, too short for a sustained rate")
            + f"; whole run {fmt(bc.get('rate'))}/s",
        )
    )
    alone, during = ours.results["inbound_alone"], ours.results["inbound_during"]
    pa, pd = alone.pct(95), during.pct(95)
    figs.append(
        latency_figure(
            db,
            "broadcast",
            "inbound p95 during the broadcast",
            pd,
            pa,
            "inbound p95 without it",
            note=f"dropped {during.dropped} (without: {alone.dropped}); unexpected replies {during.unexpected} "
            f"(without: {alone.unexpected}); {during.actions} questions at ~{scale.inbound_rate:.0f}/s",
        )
    )
    m, e = ours.status.get("VmRSS"), echo.status.get("VmRSS")
    warm = ours.warm
    figs.append(
        Figure(
            db,
            "memory",
            "RSS of the bot, national data loaded and warm",
            m and m / 1024,
            "MiB",
            e and e / 1024,
            "echo bot RSS",
            ratio(m, e),
            note=(
                f"warm: {warm.get('lookups')} lookups over {warm.get('entries')} places"
                if warm.get("index")
                else "warm: after the runs above; no place index on this branch"
            ),
        )
    )
    return figs


# --- the run -------------------------------------------------------------------------------------------------------


def machine_info() -> dict[str, Any]:
    import rapidfuzz
    import sqlalchemy
    import telegram

    cpu = ""
    with contextlib.suppress(OSError):
        cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name")), "")
    commit = ""
    with contextlib.suppress(Exception):
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=10
        ).stdout.strip()
        if subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain"], capture_output=True, text=True, timeout=10
        ).stdout.strip():
            commit += "+dirty"
    return {
        "host": platform.node(),
        "cpu_count": os.cpu_count(),
        "cpu": cpu,
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "ptb": telegram.__version__,
        "sqlalchemy": sqlalchemy.__version__,
        "rapidfuzz": rapidfuzz.__version__,
        "sqlite": sqlite3.sqlite_version,
        "commit": commit,
        "loadavg_start": os.getloadavg(),
    }


async def bench_db(
    db: str, scale: Scale, args: argparse.Namespace, logs: Path, report: dict[str, Any], do_lookup: bool
) -> list[Figure]:
    from bot.synth import SynthConfig, add_checkins, synthesize
    from db.session import create_engine

    figures: list[Figure] = []
    raw: dict[str, Any] = {}
    report["runs"][db] = raw
    async with database(db, args.pg_url) as url:
        engine = create_engine(url)
        try:
            if db == "postgresql":
                async with engine.connect() as conn:
                    report["machine"]["postgresql"] = await conn.scalar(text("SHOW server_version"))
            say(f"[{db}] synth: {scale.provinces} provinces, {scale.communes} communes, {scale.areas} areas")
            cfg = SynthConfig(
                provinces=scale.provinces,
                communes=scale.communes,
                areas=scale.areas,
                election_date=ELECTION_DATE,
                day_of_checkins=True,
                checkins_until=9,  # it is 10:05; the rest of the day is written before the summaries
                election_code="BENCH",
                seed=SEED,
            )
            synth = await synthesize(engine, cfg, progress=not args.quiet)
            raw["synth"] = asdict(synth)
            ctx = await load_context(engine, synth.election_id, scale)
            if do_lookup:
                say("lookups")
                f, report["runs"]["lookup"] = await bench_lookup(engine, ctx, scale)
                figures += f
            await election_day(engine, ctx)
        finally:
            await engine.dispose()
        profile = Path(args.profile) / db if args.profile else None
        say(f"[{db}] echo bot")
        echo = await run_bot("echo", None, ctx, scale, logs, profile=profile)
        floor = None
        if args.floor:
            say(f"[{db}] echo bot with a database turn")
            floor = await run_bot("echo-db", url, ctx, scale, logs, profile=profile)
        say(f"[{db}] baucu bot")
        ours = await run_bot("baucu", url, ctx, scale, logs, broadcast_rate=args.broadcast_rate, profile=profile)
        for run in (echo, ours, *([floor] if floor else [])):
            raw[run.kind] = {k: _run_json(v) for k, v in run.results.items()} | {
                "status": run.status,
                "broadcast": run.broadcast,
                "warm": run.warm,
                "ready": run.ready,
                "calibration": run.calibration,
                "cpu_seconds": run.cpu,
            }
        figures += compare(db, ours, echo, ctx, scale, args.broadcast_rate)
        if floor is not None:
            figures += floor_figures(db, floor, echo)
        # the rest of the day (10:00 … 19:00), then the summaries over a full day of check-ins
        engine = create_engine(url)
        try:
            say(f"[{db}] the rest of election day, summaries")
            raw["checkins_added"] = await add_checkins(engine, ctx.election_id, SEED, range(10, 20))
            f, raw["summaries"] = await bench_summaries(db, engine, ctx, scale)
            figures[:0] = f
        finally:
            await engine.dispose()
    return figures


def _run_json(r: RunResult) -> dict[str, Any]:
    return {
        "actions": r.actions,
        "done": r.done,
        "dropped": r.dropped,
        "seconds": r.seconds,
        "rate": r.rate,
        "p50": r.pct(50),
        "p95": r.pct(95),
        "p99": r.pct(99),
        "max": max(r.latencies, default=None),
        "unexpected_replies": r.unexpected,
        "errors": r.errors[:10],
    }


_T0 = time.monotonic()


def say(message: str) -> None:
    print(f"  {time.monotonic() - _T0:6.1f}s  {message}", file=sys.stderr, flush=True)


def fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        text_ = f"{value:,.0f}"
    elif abs(value) >= 10:
        text_ = f"{value:.1f}"
    else:
        text_ = f"{value:.2f}"
    return f"{text_} {unit}".strip()


def table(figures: list[Figure]) -> str:
    rows = [("db", "benchmark", "figure", "value", "baseline", "ratio", "target", "result")]
    for f in figures:
        result = (
            "not measured"
            if f.status != "measured"
            else ("—" if f.passed is None else ("PASS" if f.passed else "FAIL"))
        )
        rows.append(
            (
                f.db,
                f.bench,
                f.metric,
                fmt(f.value, f.unit),
                f"{fmt(f.baseline, f.unit)} ({f.baseline_name})",
                fmt(f.ratio),
                f.target,
                result,
            )
        )
    widths = [min(60, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        lines.append("  ".join(c[:60].ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    notes = [f"  [{f.db}/{f.bench}] {f.metric}: {f.note}" for f in figures if f.note]
    return "\n".join(lines) + ("\n\nnotes:\n" + "\n".join(notes) if notes else "")


def markdown(report: dict[str, Any]) -> str:
    """The figures of a JSON report as a Markdown table (for bench/README.md)."""
    m = report["machine"]
    lines = [
        f"Run {report['started']} → {report['finished']}, `{report['command']}`, {report['scale']['name']} scale, "
        f"commit {m['commit']}; {m['host']}: {m['cpu_count']} × {m['cpu']}, {m['platform']}, Python {m['python']}, "
        f"PTB {m['ptb']}, SQLAlchemy {m['sqlalchemy']}, SQLite {m['sqlite']}, PostgreSQL {m.get('postgresql', '—')}; "
        f"load average {m['loadavg_start'][0]:.1f} at the start, {m['loadavg_end'][0]:.1f} at the end.",
        "",
        "| db | benchmark | figure | value | baseline | ratio | target | result |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in map(lambda d: Figure(**d), report["figures"]):
        result = (
            "not measured"
            if f.status != "measured"
            else ("—" if f.passed is None else ("PASS" if f.passed else "FAIL"))
        )
        lines.append(
            f"| {f.db} | {f.bench} | {f.metric} | {fmt(f.value, f.unit)} | {fmt(f.baseline, f.unit)} "
            f"({f.baseline_name}) | {fmt(f.ratio)} | {f.target} | {result} |".replace("≥", "≥ ").replace("≥  ", "≥ ")
        )
    lines += ["", "Notes:", ""] + [
        f"* {f['db']}/{f['bench']}, {f['metric']}: {f['note']}" for f in report["figures"] if f["note"]
    ]
    return "\n".join(lines)


async def run_benchmarks(args: argparse.Namespace) -> dict[str, Any]:
    scale = SCALES[args.scale]
    dbs = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    report: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "python -m bench.run " + " ".join(args.argv),
        "scale": asdict(scale),
        "broadcast_rate": args.broadcast_rate,
        "machine": machine_info(),
        "runs": {},
        "errors": {},
    }
    logs = Path(tempfile.mkdtemp(prefix="baucu_bench_logs_"))
    figures: list[Figure] = []
    for i, db in enumerate(dbs):
        try:
            figures += await bench_db(db, scale, args, logs, report, do_lookup=i == 0)
        except (OSError, ConnectionError) as exc:
            report["errors"][db] = f"{type(exc).__name__}: {exc}"
            figures.append(
                Figure(
                    db, "all", "every benchmark", None, "", status="not measured", note=f"database unavailable: {exc}"
                )
            )
    report["machine"]["loadavg_end"] = os.getloadavg()
    report["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    report["figures"] = [asdict(f) for f in figures]
    report["logs"] = str(logs)
    return report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="baucu benchmarks, each against its baseline"
    )
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--quick", action="store_const", dest="scale", const="quick", default="full", help="small scale, ~2 minutes"
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="full", help=argparse.SUPPRESS)
    parser.add_argument(
        "--json", default=str(REPO / "bench" / "results" / "latest.json"), help="where to write the JSON"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BAUCU_BENCH_POSTGRES_URL", DEFAULT_PG),
        help="PostgreSQL admin URL; a database baucu_bench_<pid> is created and dropped",
    )
    parser.add_argument("--broadcast-rate", type=float, default=25.0, help="Settings.broadcast_rate (default 25)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars")
    parser.add_argument("--markdown", metavar="JSON", help="print the figures of an earlier run as Markdown and exit")
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also run an echo bot that opens one database transaction per update (what any DB-backed bot pays)",
    )
    parser.add_argument("--profile", help="record py-spy profiles of the bot processes into this folder")
    return parser


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # so that the databases, emulators and bot processes are cleaned up


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    if args.markdown:
        print(markdown(json.loads(Path(args.markdown).read_text(encoding="utf-8"))))
        return 0
    args.argv = argv
    report = asyncio.run(run_benchmarks(args))
    figures = [Figure(**f) for f in report["figures"]]
    m = report["machine"]
    print(
        f"\nbaucu benchmarks, {report['scale']['name']} scale, {report['started']} on {m['host']} "
        f"({m['cpu_count']} CPUs, {m['cpu']}, Python {m['python']}, commit {m['commit']}); "
        f"load average {m['loadavg_start'][0]:.1f} → {m['loadavg_end'][0]:.1f}\n"
    )
    print(table(figures))
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\nJSON: {path}   worker logs: {report['logs']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
