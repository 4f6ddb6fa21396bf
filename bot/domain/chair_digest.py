"""Alert digests for committee chairs: every alert due for a chair in one tick goes out as one message.

A chair of unit U receives the alerts whose ``unit_id`` is U (an incident alert is created once per level, so the
commune, district and province chairs each get their own row to acknowledge). A chair holding several units gets
one digest for all of them. A digest carries at most ``limit`` alerts; the rest wait for the next tick.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

DIGEST_LIMIT = 25


@dataclass(frozen=True)
class AlertItem:
    """One alert as a digest shows it."""

    id: int
    kind: str  # incident, missing_checkin, anomaly
    unit_id: int
    level: int
    area_id: int | None
    area_name: str
    area_code: str
    commune_name: str
    slot_at: datetime | None
    created_at: datetime
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ChairRecipient:
    user_id: int
    chat_id: int
    language: str


@dataclass(frozen=True)
class Digest:
    recipient: ChairRecipient
    alerts: tuple[AlertItem, ...]

    @property
    def first_id(self) -> int:
        return self.alerts[0].id

    @property
    def last_id(self) -> int:
        return self.alerts[-1].id

    @property
    def key(self) -> str:
        return f"digest:{self.recipient.user_id}:{self.first_id}-{self.last_id}"


@dataclass(frozen=True)
class DigestPlan:
    digests: tuple[Digest, ...]
    dispatched: tuple[int, ...]  # alert ids to mark dispatched now (sent, or nobody to send them to)


def plan_digests(
    alerts: Iterable[AlertItem],
    chairs: Sequence[tuple[int, ChairRecipient]],
    *,
    limit: int = DIGEST_LIMIT,
) -> DigestPlan:
    """Group due alerts into one digest per chair.

    ``chairs`` are (unit_id, recipient) pairs of the active chairs. An alert whose unit has no chair is marked
    dispatched (nobody can be told; it stays visible in the exports). An alert beyond a chair's ``limit`` stays
    undispatched for the next tick, unless another chair of the same unit got it now: then the whole row waits,
    so that no chair of that unit misses it.
    """
    by_unit: dict[int, list[ChairRecipient]] = {}
    for unit_id, recipient in chairs:
        by_unit.setdefault(unit_id, []).append(recipient)
    per_chair: dict[int, list[AlertItem]] = {}
    recipients: dict[int, ChairRecipient] = {}
    waiting: set[int] = set()
    handled: list[AlertItem] = []
    for alert in sorted(alerts, key=lambda a: a.id):
        targets = by_unit.get(alert.unit_id, [])
        if any(len(per_chair.get(r.user_id, [])) >= limit for r in targets):
            waiting.add(alert.id)
            continue
        for recipient in targets:
            recipients[recipient.user_id] = recipient
            per_chair.setdefault(recipient.user_id, []).append(alert)
        handled.append(alert)
    digests = tuple(Digest(recipients[user_id], tuple(items)) for user_id, items in sorted(per_chair.items()) if items)
    return DigestPlan(digests, tuple(a.id for a in handled if a.id not in waiting))
