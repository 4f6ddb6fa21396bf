"""The place-name and candidate-name indexes of the active election, built from the database on demand.

A derived cache in ``services.caches`` (never the source of truth), keyed by the election id and a cheap data
version (row counts and max ids), so an import invalidates it. The version is re-read at most every
``RECHECK_SECONDS`` per process; building takes one query per table.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.search import PlaceEntry, PlaceIndex, Resolution
from bot.domain.voter_constituency import called_by
from bot.handlers.voter.common import UNIT_PREFIX_VI
from bot.runtime import Services
from db.queries import voter as q

CACHE_KEY = "voter.places"
LOCK_KEY = "voter.places.lock"
RECHECK_SECONDS = 30.0


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    kind: str
    level: int
    parent_id: int | None
    path: str


@dataclass
class Places:
    """Indexes plus the small facts needed to label a hit without another query."""

    election_id: int
    version: tuple[int, ...]
    places: PlaceIndex
    people: PlaceIndex
    #: the candidates by surname and given name, the middle name left out ("Lèo Tuấn" for Lèo Văn Tuấn)
    people_short: PlaceIndex = field(default_factory=lambda: PlaceIndex([]))
    units: dict[int, UnitInfo] = field(default_factory=dict)
    area_commune: dict[int, int] = field(default_factory=dict)
    area_label: dict[int, str] = field(default_factory=dict)
    checked_at: float = 0.0

    def person(self, text: str, limit: int = 6) -> Resolution:
        """The candidate a message names: by full name, or by surname and given name when called so with a title
        ("ông Lèo Tuấn"; two words alone, "ban nhuong", are more often something else)."""
        full = self.people.resolve(text, limit=limit)
        if full.confident and full.best is not None and full.best.exact:
            return full
        # a short name typed exactly beats a full name read through typos ("ô Lèo Tuấn": not Lèo Xuân Hùng)
        short = self.people_short.resolve(text, limit=limit)
        if short.confident and short.best is not None and short.best.exact and called_by(text, short.best.entry.name):
            return short
        return full

    def chain(self, unit_id: int) -> list[UnitInfo]:
        """The unit and its ancestors, most specific first."""
        out = []
        current: int | None = unit_id
        while current is not None and current in self.units:
            out.append(self.units[current])
            current = self.units[current].parent_id
        return out


def _display(unit: UnitInfo) -> str:
    prefix = UNIT_PREFIX_VI.get(unit.kind)
    return f"{prefix} {unit.name}" if prefix else unit.name


async def build(session: AsyncSession, election_id: int, version: tuple[int, ...]) -> Places:
    units_rows = await q.all_units(session)
    areas = await q.areas_of_election(session, election_id)
    hamlets = await q.hamlets_of_election(session, election_id)
    people = await q.candidate_names(session, election_id)
    units = {u.id: UnitInfo(u.id, u.name, u.kind, u.level, u.parent_id, u.path) for u in units_rows}
    used_paths = {units[a.commune_id].path for a in areas if a.commune_id in units}
    with_areas = {i for i, u in units.items() if any(p.startswith(u.path) for p in used_paths)}
    # and the rest of the provinces the data reaches (the demo loads Chợ Đồn's areas only): "huyện Ba Bể" is then
    # found, and answered as a place of the province without polling areas in the data, not as a near hamlet
    provinces = [units[i].path for i in with_areas if units[i].parent_id is None]
    wanted = {i for i, u in units.items() if any(u.path.startswith(p) for p in provinces)} | with_areas
    result = Places(election_id, version, PlaceIndex([]), PlaceIndex([]), units=units)

    def context(unit_id: int) -> tuple[str, ...]:
        return tuple(u.name for u in result.chain(unit_id))

    entries: list[PlaceEntry] = []
    for uid in sorted(wanted):
        u = units[uid]
        kind = {1: "province", 2: "district"}.get(u.level, "commune")
        ctx = context(u.parent_id) if u.parent_id is not None else ()
        entries.append(PlaceEntry(f"unit:{uid}", _display(u), kind, ctx, strict=uid not in with_areas))
    for a in areas:
        result.area_commune[a.id] = a.commune_id
        ctx = context(a.commune_id)
        result.area_label[a.id] = a.name
        entries.append(PlaceEntry(f"area:{a.id}", a.name, "area", ctx))
        numbered = f"Khu vực bỏ phiếu số {a.number}"
        if str(a.number) not in a.name.split():
            entries.append(PlaceEntry(f"area:{a.id}", numbered, "area", ctx))
    for _hid, area_id, name in hamlets:
        commune = result.area_commune.get(area_id)
        if commune is not None:
            entries.append(PlaceEntry(f"area:{area_id}", name, "hamlet", context(commune)))
    person_entries = [PlaceEntry(f"cand:{cid}", name, "person", ()) for cid, name, _k in people]
    short_entries = [
        PlaceEntry(f"cand:{cid}", f"{words[0]} {words[-1]}", "person", ())
        for cid, name, _k in people
        if len(words := name.split()) >= 3
    ]
    # seconds of CPU at national scale: in a worker thread, so that the event loop keeps answering other updates
    # (team reports, rules questions) while the index is built
    result.places, result.people, result.people_short = await asyncio.to_thread(
        _indexes, entries, person_entries, short_entries
    )
    return result


def _indexes(*entries: list[PlaceEntry]) -> tuple[PlaceIndex, ...]:
    return tuple(PlaceIndex(e) for e in entries)


async def get_places(services: Services, session: AsyncSession, election_id: int) -> Places:
    """The indexes for the election, rebuilt when the data changed.

    One build at a time per process: the updates that arrive while the index is (re)built wait for it instead of
    each building their own (at national scale a build takes seconds of CPU; 64 concurrent cold builds took minutes).
    """
    cached: Places | None = services.caches.get(CACHE_KEY)
    now = time.monotonic()
    if cached is not None and cached.election_id == election_id and now - cached.checked_at < RECHECK_SECONDS:
        return cached
    lock: asyncio.Lock = services.caches.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        cached = services.caches.get(CACHE_KEY)
        now = time.monotonic()
        if cached is not None and cached.election_id == election_id and now - cached.checked_at < RECHECK_SECONDS:
            return cached  # built or re-checked by the update we waited for
        version = await q.data_version(session, election_id)
        if cached is not None and cached.election_id == election_id and cached.version == version:
            cached.checked_at = now
            return cached
        places = await build(session, election_id, version)
        places.checked_at = time.monotonic()
        services.caches[CACHE_KEY] = places
        return places
