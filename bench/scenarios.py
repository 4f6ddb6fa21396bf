"""What the benchmark users do, and the hooks into the features.

Everything a feature branch needs to change when it merges is in this file:

* ``VOTER_QUESTIONS``: the voter-question mix (the voter assistant answers them; how many replies each gets depends
  on the data, so voter actions carry ``expect=UNCALIBRATED`` and ``bench.harness.calibrate`` counts the replies of
  each distinct action against the bot and database under test before anything is measured);
* ``turnout_actions``: team members sending ``/baocao N`` (one acknowledgement each);
* ``SUMMARY_FUNCTION``: the chair's turnout summary (``"module:function"``), timed against ``SELECT count(*)``;
* ``build_place_index``: the place-name index used for lookups and warming the bot before measuring its memory.
"""

from __future__ import annotations

import importlib
import random
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

UNCALIBRATED = 0  # an action's ``expect`` until bench.harness.calibrate has counted its replies


@dataclass(frozen=True)
class Action:
    """One thing a user does: type ``text``, press the button labelled ``press``, or send raw callback ``data``.

    ``expect`` is the number of replies (messages sent or edited, callback answers, locations) the bot gives to it;
    ``UNCALIBRATED`` (0) until ``bench.harness.calibrate`` has counted it (the tracker refuses such actions).
    """

    user: int
    text: str | None = None
    press: str | None = None
    data: str | None = None
    expect: int = 1
    name: str | None = None

    def for_echo(self) -> Action:
        """The same action for the echo bot: it echoes texts and answers presses, one reply each."""
        if self.text is not None:
            return replace(self, expect=1)
        return replace(self, press=None, data="x", expect=1)

    @property
    def key(self) -> tuple[str | None, str | None, str | None]:
        """What the user does, whoever does it (calibration counts the replies once per key)."""
        return (self.text, self.press, self.data)


# (weight, text). Place names are filled in from the data: {hamlet}, {commune} (and without diacritics: *_plain).
# The replies each gets are calibrated, not declared: e.g. where-to-vote for a place that resolves to one polling
# area is a message and a venue pin, for an ambiguous one a list; the candidates without a saved area two messages.
VOTER_QUESTIONS: list[tuple[float, str]] = [
    (3, "giờ bỏ phiếu"),
    (2, "gio bo phieu may gio"),
    (3, "tôi ở {hamlet} {commune} thì bầu ở đâu"),
    (3, "toi o {hamlet_plain} thi bau o dau"),
    (2, "danh sách ứng cử viên"),
    (2, "danh sach ung cu vien {commune_plain}"),
    (1, "cần mang theo giấy tờ gì"),
    (1, "{hamlet}"),
]
LANGUAGE_BUTTON = "🌐 Ngôn ngữ / Language"
FEATURE_COMMANDS = {"turnout": "baocao", "summary": "tonghop"}
# the chair's summary (``"module:function"``), called as ``await fn(session, unit_id_or_None, now)``; it must read
# the check-ins the count(*) baseline counts. ``None`` for the unit means the national summary; a function that
# cannot do it raises NotImplementedError and the figure is reported as not measured.
SUMMARY_FUNCTION: str | None = "bench.scenarios:chair_summary"


def plain(text: str) -> str:
    """Without diacritics, as many people type: "Thôn Đông Hòa" → "thon dong hoa"."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


def voter_sessions(places: Sequence[tuple[str, str]], n: int, first_user: int, seed: int = 1) -> list[list[Action]]:
    """``n`` voters, each: /start, two questions from the mix, /help; one in eight also opens the language menu.

    Every action is ``UNCALIBRATED``: run ``bench.harness.calibrate(..., after_start=True)`` on them first.
    """
    rng = random.Random(seed)
    weights = [w for w, _ in VOTER_QUESTIONS]
    sessions: list[list[Action]] = []
    for i in range(n):
        user = first_user + i
        hamlet, commune = rng.choice(places)
        fill = {"hamlet": hamlet, "commune": commune, "hamlet_plain": plain(hamlet), "commune_plain": plain(commune)}
        session = [Action(user, "/start", expect=UNCALIBRATED, name=f"Cử tri {i}")]
        if i % 8 == 3:
            session.append(Action(user, press=LANGUAGE_BUTTON, expect=UNCALIBRATED))
        for _ in range(2):
            _, template = rng.choices(VOTER_QUESTIONS, weights=weights)[0]
            session.append(Action(user, template.format(**fill), expect=UNCALIBRATED))
        session.append(Action(user, "/help", expect=UNCALIBRATED))
        sessions.append(session)
    return sessions


def voter_texts(places: Sequence[tuple[str, str]], n: int, first_user: int, seed: int = 2) -> list[Action]:
    """``n`` single questions from distinct users (open-loop traffic needs actions that stand alone).

    ``UNCALIBRATED``: run ``bench.harness.calibrate(..., after_start=False)`` on them first (each is a first message).
    """
    rng = random.Random(seed)
    weights = [w for w, _ in VOTER_QUESTIONS]
    out = []
    for i in range(n):
        hamlet, commune = rng.choice(places)
        fill = {"hamlet": hamlet, "commune": commune, "hamlet_plain": plain(hamlet), "commune_plain": plain(commune)}
        _, template = rng.choices(VOTER_QUESTIONS, weights=weights)[0]
        out.append(Action(first_user + i, template.format(**fill), expect=UNCALIBRATED))
    return out


def turnout_actions(reports: Sequence[tuple[int, int]]) -> list[Action]:
    """Team members reporting: ``(user_id, voted)`` → ``/baocao voted``, one reply (the acknowledgement)."""
    return [Action(user, f"/baocao {voted}") for user, voted in reports]


# --- hooks ---------------------------------------------------------------------------------------------------


def summary_function() -> Callable[..., Awaitable[Any]] | None:
    if not SUMMARY_FUNCTION:
        return None
    module, _, name = SUMMARY_FUNCTION.partition(":")
    try:
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


def place_index_class() -> tuple[Any, Any] | None:
    """(PlaceIndex, PlaceEntry) from ``bot.domain.search`` when the place search is on this branch."""
    try:
        search = importlib.import_module("bot.domain.search")
        return search.PlaceIndex, search.PlaceEntry
    except (ImportError, AttributeError):
        return None


async def place_entries(session: AsyncSession, election_id: int | None = None) -> list[Any]:
    """Every province, commune and hamlet of the election as ``PlaceEntry`` (context: enclosing units)."""
    from db.models import AdminUnit, Hamlet, PollingArea

    classes = place_index_class()
    if classes is None:
        return []
    _, PlaceEntry = classes
    units = {u.id: u for u in await session.scalars(select(AdminUnit))}

    def context(unit_id: int) -> tuple[str, ...]:
        names, unit = [], units.get(unit_id)
        while unit is not None:
            names.append(unit.name)
            unit = units.get(unit.parent_id) if unit.parent_id else None
        return tuple(names)

    kinds = {1: "province", 2: "district", 3: "commune"}
    entries = []
    for u in units.values():
        kind = "commune" if u.kind in ("xa", "phuong", "thi_tran", "dac_khu") else kinds.get(u.level, "district")
        entries.append(PlaceEntry(f"unit:{u.id}", u.name, kind, context(u.parent_id) if u.parent_id else ()))
    query = select(Hamlet.id, Hamlet.name, PollingArea.commune_id).join(
        PollingArea, PollingArea.id == Hamlet.polling_area_id
    )
    if election_id is not None:
        query = query.where(PollingArea.election_id == election_id)
    for hid, name, commune_id in await session.execute(query):
        entries.append(PlaceEntry(f"hamlet:{hid}", name, "hamlet", context(commune_id)))
    areas = select(PollingArea.id, PollingArea.name, PollingArea.commune_id)
    if election_id is not None:
        areas = areas.where(PollingArea.election_id == election_id)
    for aid, name, commune_id in await session.execute(areas):
        entries.append(PlaceEntry(f"area:{aid}", name, "area", context(commune_id)))
    return entries


async def build_place_index(services: Any) -> Any | None:
    """The place index the voter assistant answers from (``bot.handlers.voter.place_index.get_places``: the
    bot's own, cached in ``services.caches``; built now if no voter has asked yet), or None without one."""
    try:
        from bot.handlers.voter.place_index import get_places
    except ImportError:
        return None
    from db.queries.elections import active_election

    async with services.sessionmaker() as session:
        election = await active_election(session)
        if election is None:
            return None
        return (await get_places(services, session, election.id)).places


async def count_rows(session: AsyncSession, unit_path: str | None, election_id: int) -> int:
    """The summaries baseline: ``SELECT count(*)`` of the check-ins a summary of the unit (or the nation) reads."""
    from db.models import AdminUnit, PollingArea, TurnoutReport

    query = (
        select(func.count())
        .select_from(TurnoutReport)
        .join(PollingArea, PollingArea.id == TurnoutReport.polling_area_id)
        .where(PollingArea.election_id == election_id)
    )
    if unit_path is not None:
        query = query.join(AdminUnit, AdminUnit.id == PollingArea.commune_id).where(
            AdminUnit.path.startswith(unit_path, autoescape=True)
        )
    return int(await session.scalar(query) or 0)


async def chair_summary(session: AsyncSession, unit_id: int | None, now: Any) -> str:
    """What ``/tonghop`` computes for a chair of the unit: ``unit_view`` (one pass over the unit's areas, latest
    figures at the current slot, closures) and the message text, without Telegram."""
    from bot.handlers.chair.summary import summary_text, unit_view
    from bot.i18n import get_translator
    from bot.turn import Turn
    from db.models import AdminUnit
    from db.queries.elections import active_election

    if unit_id is None:
        raise NotImplementedError("the chair feature has no national /tonghop: chairs hold a province or a commune")
    unit = await session.get(AdminUnit, unit_id)
    election = await active_election(session)
    assert unit is not None and election is not None
    t = Turn(update=None, services=None, session=session, user=None, tr=get_translator("vi"), now=now)  # type: ignore[arg-type]
    return summary_text(t, await unit_view(t, unit, election))
