"""Evaluate the WHOLE free-text router (not only the matcher) against the demo election.

``PYTHONPATH=. python -m bot.handlers.voter.evaluate [--file tests/data/voter_eval.jsonl] [--split dev|heldout|...|all]``
(ends with one line per split: accuracy, confidently wrong, vague questions kept unsure)
``[--database URL] [-v]``

Without ``--database`` the demo dataset is loaded into a fresh temporary SQLite database through the ordinary
import. Each question runs in its own transaction (rolled back), as a fresh user (``lang``, optional saved polling
area ``home`` given by its area code), for the law edition ``edition`` (default: the demo's).

Line format: ``{"q", "expect" (topic id, or null for "too vague: must not answer with confidence"), "must"?,
"must_not"?, "also"?, "lang"?, "home"?, "edition"?, "nfd"?, "cat"?, "split"?}``. ``also``: other topics whose
answer gives the facts asked for just as well (a question on the line between two topics). ``must`` strings must
all appear in what the bot sent (texts and button labels, tags removed). Accuracy = answered with the right topic and facts / answerable;
"confidently wrong" = answered as fact (not as buttons to choose from) but wrong, or a vague line answered.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import io
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sqlalchemy import select

from bot.clock import AdjustableClock
from bot.config import Settings
from bot.domain.knowledge import BY_ID, render_title
from bot.handlers.voter.qa import Routed, route
from bot.i18n import get_translator
from bot.runtime import Services
from bot.turn import Turn
from db.models import Election, PollingArea, User
from db.session import create_engine, create_sessionmaker

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "tests" / "data" / "voter_eval.jsonl"
NOW = datetime(2021, 5, 20, 3, 0, tzinfo=UTC)
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Item:
    q: str
    expect: str | None
    must: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    also: list[str] = field(default_factory=list)
    lang: str = "vi"
    home: str | None = None
    edition: str | None = None
    cat: str = "plain"
    split: str = "dev"


@dataclass
class Outcome:
    item: Item
    routed: Routed
    output: str
    correct: bool
    wrong: bool
    #: not answered, but the expected topic was among the topics offered as buttons
    offered: bool = False


def load(path: Path, split: str = "all") -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        q = unicodedata.normalize("NFD", raw["q"]) if raw.get("nfd") else raw["q"]
        item = Item(
            q=q,
            expect=raw.get("expect"),
            must=raw.get("must") or [],
            must_not=raw.get("must_not") or [],
            also=raw.get("also") or [],
            lang=raw.get("lang", "vi"),
            home=raw.get("home"),
            edition=raw.get("edition"),
            cat=raw.get("cat", "plain"),
            split=raw.get("split", "dev"),
        )
        if split == "all" or item.split == split:
            items.append(item)
    return items


def plain(turn: Turn) -> str:
    parts = []
    for r in turn.replies:
        parts.append(html.unescape(_TAG.sub("", r.text or "")))
        for row in r.buttons or ():
            parts.extend(b.label for b in row)
        if r.location_request:
            parts.append(r.location_request)
    return "\n".join(parts)


def judge(item: Item, routed: Routed, output: str) -> tuple[bool, bool]:
    if item.expect is None:
        # offering near place names as buttons ("cho do xa ko": "Chợ Đồn?") is a choice, not an answer, as below
        answered = routed.confident and routed.kind != "choices"
        return not answered, answered
    folded = output
    ok = (
        routed.confident
        and (routed.topic == item.expect or routed.topic in item.also)
        and all(m in folded for m in item.must)
        and not any(m in folded for m in item.must_not)
    )
    wrong = routed.confident and not ok and routed.kind != "choices"
    return ok, wrong


async def _ask(services: Services, item: Item, user_id: int) -> Outcome:
    async with services.sessionmaker() as session:
        async with session.begin():
            election = await session.scalar(select(Election).where(Election.is_active.is_(True)))
            if election is not None and item.edition:
                election.law_edition = item.edition
            home = None
            if item.home:
                home = await session.scalar(select(PollingArea.id).where(PollingArea.code == item.home))
                if home is None:
                    raise SystemExit(f"unknown polling area code {item.home!r}")
            user = User(
                id=user_id,
                chat_id=user_id,
                first_name="Eval",
                language=item.lang,
                home_area_id=home,
                created_at=NOW,
                last_seen_at=NOW,
            )
            session.add(user)
            await session.flush()
            update: Any = SimpleNamespace(effective_message=None, callback_query=None)
            turn = Turn(update, services, session, user, get_translator(item.lang), NOW)
            routed = await route(turn, item.q)
            output = plain(turn)
            await session.rollback()
    ok, wrong = judge(item, routed, output)
    return Outcome(item, routed, output, ok, wrong, offered=not ok and offers(item, routed, turn))


def offers(item: Item, routed: Routed, turn: Turn) -> bool:
    """Whether an unsure answer offered the expected topic (or an equally good one) as a button."""
    if routed.confident or item.expect is None:
        return False
    wanted = {render_title(BY_ID[t], turn.tr) for t in (item.expect, *item.also) if t in BY_ID}
    return any(b.label in wanted for r in turn.replies for row in r.buttons or () for b in row)


@dataclass
class Summary:
    answerable: int
    correct: int
    wrong: int
    offered: int
    vague_total: int
    vague_ok: int
    ms_per_question: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.answerable if self.answerable else 0.0


async def evaluate(services: Services, items: list[Item]) -> tuple[Summary, list[Outcome]]:
    start = time.perf_counter()
    outcomes = [await _ask(services, it, 900_000 + i) for i, it in enumerate(items)]
    elapsed = (time.perf_counter() - start) * 1000 / max(1, len(items))
    answerable = [o for o in outcomes if o.item.expect is not None]
    vague = [o for o in outcomes if o.item.expect is None]
    return (
        Summary(
            answerable=len(answerable),
            correct=sum(o.correct for o in answerable),
            wrong=sum(o.wrong for o in outcomes),
            offered=sum(o.offered for o in answerable),
            vague_total=len(vague),
            vague_ok=sum(o.correct for o in vague),
            ms_per_question=elapsed,
        ),
        outcomes,
    )


async def demo_services(database_url: str | None = None) -> tuple[Services, Any]:
    """Services over ``database_url``, or over a fresh temporary SQLite database with the demo loaded."""
    tmp = None
    if database_url is None:
        from db.importer import run_demo

        tmp = tempfile.TemporaryDirectory()
        database_url = f"sqlite+aiosqlite:///{tmp.name}/eval.db"
        if await run_demo(database_url, out=io.StringIO(), err=sys.stderr) != 0:
            raise SystemExit("could not load the demo")
    settings = Settings(_env_file=None, database_url=database_url, bot_token=None)  # type: ignore[call-arg]
    engine = create_engine(settings.database_url)
    services = Services(
        settings=settings,
        clock=AdjustableClock(NOW, frozen=True),
        engine=engine,
        sessionmaker=create_sessionmaker(engine),
    )
    return services, tmp


def table(outcomes: list[Outcome]) -> str:
    by_cat: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cat[o.item.cat].append(o)
    lines = [f"{'category':<16}{'n':>5}{'correct':>9}{'unsure':>8}{'wrong':>7}{'accuracy':>10}"]
    for cat in sorted(by_cat):
        group = by_cat[cat]
        n, correct, wrong = len(group), sum(o.correct for o in group), sum(o.wrong for o in group)
        lines.append(f"{cat:<16}{n:>5}{correct:>9}{n - correct - wrong:>8}{wrong:>7}{correct / n:>10.1%}")
    return "\n".join(lines)


async def _main(args: argparse.Namespace) -> int:
    items = load(args.file, args.split)
    services, tmp = await demo_services(args.database)
    try:
        summary, outcomes = await evaluate(services, items)
    finally:
        await services.engine.dispose()
        if tmp is not None:
            tmp.cleanup()
    print(table(outcomes))
    print()
    if args.verbose:
        for o in outcomes:
            if not o.correct:
                flag = "WRONG" if o.wrong else "offered" if o.offered else "miss"
                out = o.output.replace("\n", " | ")[:160]
                print(f"[{flag}] {o.item.q[:70]!r} expect={o.item.expect} got={o.routed} :: {out}")
    print(
        f"split={args.split} questions={len(items)} answerable={summary.answerable} correct={summary.correct} "
        f"confidently_wrong={summary.wrong} unsure_but_offered={summary.offered} vague_ok={summary.vague_ok}/{summary.vague_total} "
        f"ms/question={summary.ms_per_question:.1f}"
    )
    print(f"accuracy: {summary.accuracy:.3f}")
    print()
    print(per_split(outcomes))
    return 0


def per_split(outcomes: list[Outcome]) -> str:
    """One line per split: accuracy on the answerable questions, confidently wrong answers, unsure ones that offered
    the right topic as a button, vague ones kept unsure."""
    by_split: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_split[o.item.split].append(o)
    lines = [f"{'split':<10}{'n':>5}{'accuracy':>10}{'correct':>9}{'wrong':>7}{'offered':>9}{'vague ok':>10}"]
    for split, group in by_split.items():
        answerable = [o for o in group if o.item.expect is not None]
        vague = [o for o in group if o.item.expect is None]
        correct = sum(o.correct for o in answerable)
        accuracy = correct / len(answerable) if answerable else 0.0
        lines.append(
            f"{split:<10}{len(group):>5}{accuracy:>10.3f}{f'{correct}/{len(answerable)}':>9}"
            f"{sum(o.wrong for o in group):>7}{sum(o.offered for o in group):>9}"
            f"{f'{sum(o.correct for o in vague)}/{len(vague)}':>10}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--split", default="all")
    parser.add_argument("--database", default=None, help="a database with the election loaded (default: the demo)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    return asyncio.run(_main(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
