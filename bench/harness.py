"""The measuring side: an emulator that times replies, load drivers, bot worker processes, percentiles.

Why the bots run in their own process and the load is driven in-process here: the emulator records every Bot API
call with ``time.monotonic()`` in this process, so injection and reply times come from one clock, and driving
users through the emulator's Python API costs a few microseconds, not an HTTP round trip. The bot under test gets a
whole process (and, on two cores, a core) to itself, as in production, and the echo baseline is run in an
identical process against an identical emulator, so whatever the emulator and the driver cost is in both figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import sys
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.scenarios import Action
from bench.worker import read_status
from bot.emulator import BotApiEmulator

REPO = Path(__file__).resolve().parent.parent
# Bot API methods that answer a user (one "reply" each)
REPLY_METHODS = frozenset(
    m.lower()
    for m in (
        "sendMessage",
        "editMessageText",
        "answerCallbackQuery",
        "sendLocation",
        "sendVenue",
        "sendPhoto",
        "sendDocument",
        "editMessageReplyMarkup",
        "editMessageCaption",
    )
)

SETTLE = 0.5  # seconds the tracker keeps listening after a run, so late extra replies count as unexpected


@dataclass
class Pending:
    action: Action
    session: int
    injected: float
    got: int = 0
    first: float | None = None
    done: float | None = None

    @property
    def latency(self) -> float | None:
        return None if self.done is None else self.done - self.injected


class Tracker:
    """Matches the bot's replies to the users' actions: per chat, in order, ``action.expect`` replies each."""

    def __init__(self, on_done: Callable[[Pending], None] | None = None) -> None:
        self.queues: dict[int, deque[Pending]] = defaultdict(deque)
        self.users: set[int] = set()
        self.all: list[Pending] = []
        self.done = 0
        self.unexpected = 0
        self.errors: list[str] = []
        self.on_done = on_done
        self.changed = asyncio.Event()

    def inject(self, emu: BotApiEmulator, action: Action, session: int = -1) -> Pending | None:
        if action.expect < 1:
            raise ValueError(f"{action!r}: uncalibrated (run bench.harness.calibrate first)")
        p = Pending(action, session, time.monotonic())
        self.users.add(action.user)
        try:
            if action.text is not None:
                emu.send_text(action.user, action.text, name=action.name)
            elif action.press is not None:
                emu.press(action.user, action.press)
            else:
                emu.press_data(action.user, action.data or "x")
        except LookupError as exc:
            self.errors.append(f"user {action.user}: {exc}"[:300])
            self.changed.set()
            return None
        self.queues[action.user].append(p)
        self.all.append(p)
        return p

    def on_reply(self, chat_id: int, at: float) -> None:
        if chat_id not in self.users:
            return
        queue = self.queues.get(chat_id)
        if not queue:
            self.unexpected += 1
            return
        p = queue[0]
        p.got += 1
        if p.first is None:
            p.first = at
        if p.got >= p.action.expect:
            queue.popleft()
            p.done = at
            self.done += 1
            if self.on_done is not None:
                self.on_done(p)
            self.changed.set()

    @property
    def outstanding(self) -> int:
        return sum(len(q) for q in self.queues.values())


class BenchEmulator(BotApiEmulator):
    """The project's emulator, telling a tracker about every successful reply as it is recorded."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tracker: Tracker | ReplyCounter | None = None

    async def handle_api(
        self,
        token: str,
        method: str,
        params: dict[str, Any],
        files: Any,
        poll_closed: asyncio.Future[None] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        result = await super().handle_api(token, method, params, files, poll_closed)
        # the call was appended just before returning, with no await in between: it is the last one
        if self.tracker is not None and method.lower() in REPLY_METHODS:
            call = self.calls[-1]
            if call.ok and isinstance(call.chat_id, int):
                self.tracker.on_reply(call.chat_id, call.finished_at)
        return result


# --- calibration ---------------------------------------------------------------------------------------------


class CalibrationError(RuntimeError):
    pass


class ReplyCounter:
    """Counts the replies to a set of chats (the emulator's tracker during calibration)."""

    def __init__(self) -> None:
        self.users: set[int] = set()
        self.counts: Counter[int] = Counter()
        self.last = time.monotonic()
        self.changed = asyncio.Event()

    def on_reply(self, chat_id: int, at: float) -> None:
        if chat_id in self.users:
            self.counts[chat_id] += 1
            self.last = max(self.last, at)
            self.changed.set()


async def _settle(counter: ReplyCounter, users: Sequence[int], quiet: float, timeout: float) -> None:
    """Until every user has at least one reply and no reply has come for ``quiet`` seconds (the bot is idle)."""
    deadline = time.monotonic() + timeout
    counter.last = time.monotonic()
    while True:
        now = time.monotonic()
        if all(counter.counts[u] for u in users) and now - counter.last >= quiet:
            return
        if now >= deadline:
            silent = [u for u in users if not counter.counts[u]]
            raise CalibrationError(f"calibration: {len(silent)} of {len(users)} users got no reply in {timeout}s")
        counter.changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(counter.changed.wait(), max(0.01, min(quiet, deadline - now)))


async def calibrate(
    emu: BenchEmulator,
    actions: Sequence[Action],
    first_user: int,
    *,
    after_start: bool,
    quiet: float = 1.0,
    timeout: float = 300.0,
) -> dict[tuple[str | None, str | None, str | None], int]:
    """How many replies the bot under test gives to each distinct action, counted, not assumed.

    Every distinct action (``Action.key``) is played once by a fresh calibration user (``first_user`` on), after a
    ``/start`` of its own when ``after_start`` (as in a voter session: the language button needs /start's keyboard),
    else as the user's first message (as the open-loop questions are). All users go at once; each phase ends when
    every user has had a reply and the bot has been silent for ``quiet`` seconds, and the replies each user got are
    the action's count. With ``after_start`` the /start replies are the count of ``/start`` itself (they must agree
    across users). The voter handlers keep no conversation state for free text, so a question gets the same answer
    in a session as from a fresh user; what they answer depends on the data (a unique place → a message and a venue
    pin, an ambiguous one → a list, …), hence one calibration per bot and database.
    """
    distinct = list(dict.fromkeys(a.key for a in actions))
    start_key = ("/start", None, None)
    todo = [k for k in distinct if not (after_start and k == start_key)]
    counter = ReplyCounter()
    users = [first_user + i for i in range(len(todo))]
    counter.users.update(users)
    previous, emu.tracker = emu.tracker, counter
    out: dict[tuple[str | None, str | None, str | None], int] = {}
    try:
        if after_start:
            users_s = users or [first_user]
            counter.users.update(users_s)
            for u in users_s:
                emu.send_text(u, "/start", name=f"Hiệu chuẩn {u - first_user}")
            await _settle(counter, users_s, quiet, timeout)
            starts = {counter.counts[u] for u in users_s}
            if len(starts) != 1:
                raise CalibrationError(f"calibration: /start got {sorted(starts)} replies from different fresh users")
            out[start_key] = starts.pop()
            counter.counts.clear()
        for u, (text, press, data) in zip(users, todo, strict=True):
            try:
                if text is not None:
                    emu.send_text(u, text, name=f"Hiệu chuẩn {u - first_user}")
                elif press is not None:
                    emu.press(u, press)
                else:
                    emu.press_data(u, data or "x")
            except LookupError as exc:
                raise CalibrationError(f"calibration of {(text, press, data)}: {exc}") from exc
        await _settle(counter, users, quiet, timeout)
        out.update((k, counter.counts[u]) for u, k in zip(users, todo, strict=True))
    finally:
        emu.tracker = previous
    return out


def calibrated(actions: Sequence[Action], counts: dict[tuple[str | None, str | None, str | None], int]) -> list[Action]:
    """The actions with ``expect`` set to the calibrated reply counts."""
    return [replace(a, expect=counts[a.key]) for a in actions]


# --- load ------------------------------------------------------------------------------------------------------


@dataclass
class RunResult:
    actions: int
    done: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    unexpected: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def dropped(self) -> int:
        return self.actions - self.done

    @property
    def rate(self) -> float:
        return self.done / self.seconds if self.seconds > 0 else 0.0

    def pct(self, q: float) -> float | None:
        return percentile(self.latencies, q)


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


async def _wait(tracker: Tracker, finished: Callable[[], bool], deadline: float) -> None:
    while not finished() and time.monotonic() < deadline:
        tracker.changed.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(tracker.changed.wait(), max(0.001, min(1.0, deadline - time.monotonic())))


async def run_sessions(
    emu: BenchEmulator, sessions: Sequence[Sequence[Action]], timeout: float, settle: float = SETTLE
) -> RunResult:
    """Closed loop: every session's first action at once, each next one as soon as the previous is answered.

    With one action per session this is "queue N updates from N users, time until N are answered". Replies that
    come within ``settle`` seconds after the last action is done still count as unexpected (not in the time).
    """
    total = sum(len(s) for s in sessions)
    cursors = [0] * len(sessions)

    def next_action(p: Pending) -> None:
        i = p.session
        cursors[i] += 1
        if cursors[i] < len(sessions[i]):
            tracker.inject(emu, sessions[i][cursors[i]], i)

    tracker = Tracker(on_done=next_action)
    emu.tracker = tracker
    started = time.monotonic()
    for i, session in enumerate(sessions):
        if session:
            tracker.inject(emu, session[0], i)
    await _wait(tracker, lambda: tracker.done + len(tracker.errors) >= total, started + timeout)
    await asyncio.sleep(settle)
    emu.tracker = None
    finished = [p.done for p in tracker.all if p.done is not None]
    seconds = (max(finished) - started) if finished else time.monotonic() - started
    return RunResult(
        total,
        tracker.done,
        seconds,
        [p.latency for p in tracker.all if p.latency is not None],
        tracker.unexpected,
        tracker.errors,
    )


def arrivals(n: int, seconds: float, *, poisson: bool = False, seed: int = 1) -> list[float]:
    """Offsets of ``n`` arrivals spread over ``seconds``: evenly, or as a Poisson process of the same mean rate."""
    if n <= 0:
        return []
    if not poisson:
        return [i * seconds / n for i in range(n)]
    import random

    rng = random.Random(seed)
    t, out = 0.0, []
    for _ in range(n):
        out.append(t)
        t += rng.expovariate(n / seconds)
    return out


async def run_open(
    emu: BenchEmulator,
    actions: Sequence[Action],
    offsets: Sequence[float],
    grace: float = 30.0,
    settle: float = SETTLE,
) -> RunResult:
    """Open loop: inject each action at its offset whatever the bot is doing; latency = injection → last reply."""
    tracker = Tracker()
    emu.tracker = tracker
    started = time.monotonic()
    for action, offset in zip(actions, offsets, strict=True):
        delay = started + offset - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tracker.inject(emu, action)
    await _wait(tracker, lambda: tracker.outstanding == 0, time.monotonic() + grace)
    await asyncio.sleep(settle)
    emu.tracker = None
    finished = [p.done for p in tracker.all if p.done is not None]
    seconds = (max(finished) - started) if finished else time.monotonic() - started
    return RunResult(
        len(actions),
        tracker.done,
        seconds,
        [p.latency for p in tracker.all if p.latency is not None],
        tracker.unexpected,
        tracker.errors,
    )


# --- bot processes ----------------------------------------------------------------------------------------------


class WorkerError(RuntimeError):
    pass


class Worker:
    """A bot process (``bench.worker``) talking JSON lines over its stdin/stdout."""

    def __init__(self, proc: asyncio.subprocess.Process, log_path: Path, ready: dict[str, Any]) -> None:
        self.proc = proc
        self.log_path = log_path
        self.ready = ready

    @property
    def pid(self) -> int:
        return self.proc.pid

    @classmethod
    async def start(cls, kind: str, emu: BotApiEmulator, log_path: Path, *extra: str, timeout: float = 120) -> Worker:
        env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
        log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)  # the child's stderr
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.worker",
            "--kind",
            kind,
            "--base-url",
            emu.base_url,
            "--token",
            emu.token,
            *extra,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=log,
            cwd=REPO,
            env=env,
        )
        os.close(log)
        worker = cls(proc, log_path, {})
        try:
            worker.ready = await worker._read(timeout)
        except BaseException:
            await worker.kill()
            raise
        if not worker.ready.get("ready"):
            await worker.kill()
            raise WorkerError(f"{kind} worker did not start: {worker.ready} (log: {log_path})")
        return worker

    async def _read(self, timeout: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        try:
            line = await asyncio.wait_for(self.proc.stdout.readline(), timeout)
        except TimeoutError:
            raise WorkerError(f"worker {self.pid} did not answer within {timeout}s (log: {self.log_path})") from None
        if not line:
            tail = self.log_path.read_text(errors="replace")[-2000:]
            raise WorkerError(f"worker {self.pid} exited; log tail:\n{tail}")
        return json.loads(line)  # type: ignore[no-any-return]

    async def call(self, request: dict[str, Any], timeout: float = 300) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        await self.proc.stdin.drain()
        answer = await self._read(timeout)
        if "error" in answer:
            raise WorkerError(f"worker op {request.get('op')}: {answer['error']} (log: {self.log_path})")
        return answer

    def status(self) -> dict[str, int]:
        return read_status(self.pid)

    async def stop(self, timeout: float = 20) -> None:
        if self.proc.returncode is None and self.proc.stdin is not None:
            with contextlib.suppress(ConnectionError, BrokenPipeError):
                self.proc.stdin.write(b'{"op": "stop"}\n')
                await self.proc.stdin.drain()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.proc.wait(), timeout)
        await self.kill()

    async def kill(self) -> None:
        if self.proc.returncode is None:
            self.proc.terminate()
            try:
                await asyncio.wait_for(self.proc.wait(), 5)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
