"""The outbox: every message the bot sends on its own initiative (reminders, prompts, alerts, broadcasts).

Rows are created with a unique ``dedupe_key`` (so each message exists once), claimed before sending
(``pending`` → ``sending``) and settled after (``sent``, ``blocked``, ``failed``). A row still ``sending``
when its process died is never re-sent: it becomes ``uncertain``, since Telegram may already have it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.runtime import Services
from db.models import Delivery, User
from db.queries.bulk import insert_ignore

log = logging.getLogger(__name__)

STALE_CLAIM = timedelta(minutes=2)
MAX_ATTEMPTS = 5
# Telegram allows about one message per second to one chat; the overall rate is paced by the bot's rate limiter
PER_CHAT_GAP = 1.0


@dataclass(frozen=True)
class Outgoing:
    """One message to put into the outbox."""

    key: str
    kind: str
    user_id: int
    chat_id: int
    text: str
    due_at: datetime
    parse_mode: str | None = "HTML"
    reply_markup: dict[str, Any] | None = None
    priority: int = 5
    ref_id: int | None = None


async def enqueue(session: AsyncSession, items: Iterable[Outgoing], now: datetime) -> int:
    """Add messages whose key is new; returns how many were added (existing keys are left alone)."""
    rows = [
        {
            "dedupe_key": o.key,
            "kind": o.kind,
            "ref_id": o.ref_id,
            "user_id": o.user_id,
            "chat_id": o.chat_id,
            "text": o.text,
            "parse_mode": o.parse_mode,
            "reply_markup": o.reply_markup,
            "priority": o.priority,
            "status": "pending",
            "due_at": o.due_at,
            "attempts": 0,
            "created_at": now,
        }
        for o in items
    ]
    return await insert_ignore(session, Delivery, rows, "dedupe_key")


class Pacer:
    """Spaces sends evenly at ``rate`` per second over all chats (Telegram's broadcast limit is about 30/s).

    Only the outbox is paced: replies to users' own messages are not held up behind a broadcast.
    """

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            at = max(now, self._next)
            self._next = at + self.interval
        if at > now:
            await asyncio.sleep(at - now)


@dataclass
class DrainStats:
    sent: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0
    uncertain: int = 0
    sent_ids: list[int] = field(default_factory=list)


class Deliverer:
    """Sends due outbox rows: paced at the configured broadcast rate, one chat at most once a second, RetryAfter
    honoured (by the bot's rate limiter, and by putting the row back when it still comes through)."""

    def __init__(self, services: Services, bot: Bot, *, batch: int = 50, concurrency: int = 16) -> None:
        self.services = services
        self.bot = bot
        self.batch = batch
        self.concurrency = concurrency
        self._lock = asyncio.Lock()
        # chat id -> time.monotonic() of the last message sent there (transport pacing, not application state)
        self._last_sent: dict[int, float] = {}
        self.pacer = Pacer(services.settings.broadcast_rate)

    async def recover(self) -> int:
        """Rows left ``sending`` by a dead process (or by this one before a restart) become ``uncertain``."""
        now = self.services.clock.now()
        async with self.services.sessionmaker() as session, session.begin():
            result = await session.execute(
                update(Delivery)
                .where(
                    Delivery.status == "sending",
                    or_(Delivery.claimed_by != self.services.instance_id, Delivery.claimed_at < now - STALE_CLAIM),
                )
                .values(status="uncertain", last_error="process stopped while sending")
            )
            return max(result.rowcount or 0, 0)  # type: ignore[attr-defined]

    async def drain(self, *, limit: int | None = None, kinds: Sequence[str] | None = None) -> DrainStats:
        """Send everything due now (at most ``limit`` messages); one drain at a time per process."""
        stats = DrainStats()
        async with self._lock:
            while limit is None or stats.sent + stats.blocked + stats.failed < limit:
                claimed = await self._claim(kinds)
                if claimed is None:
                    break
                to_send, skipped = claimed
                stats.blocked += skipped
                if to_send:  # a batch of only blocked users is settled already: go on with the next one
                    await self._send_batch(to_send, stats)
        return stats

    async def _claim(self, kinds: Sequence[str] | None) -> tuple[list[Delivery], int] | None:
        """Claim a batch of due rows: (rows to send, rows skipped as blocked), or None when nothing is due."""
        now = self.services.clock.now()
        async with self.services.sessionmaker() as session, session.begin():
            query = (
                select(Delivery.id)
                .where(Delivery.status == "pending", Delivery.due_at <= now)
                .order_by(Delivery.priority, Delivery.due_at, Delivery.id)
                .limit(self.batch)
            )
            if kinds:
                query = query.where(Delivery.kind.in_(kinds))
            ids = list(await session.scalars(query))
            if not ids:
                return None
            # the status condition makes the claim exclusive between processes
            rows = await session.scalars(
                update(Delivery)
                .where(Delivery.id.in_(ids), Delivery.status == "pending")
                .values(
                    status="sending",
                    claimed_at=now,
                    claimed_by=self.services.instance_id,
                    attempts=Delivery.attempts + 1,
                )
                .returning(Delivery)
            )
            claimed = list(rows)
            blocked_users = set(
                await session.scalars(
                    select(User.id).where(User.id.in_({d.user_id for d in claimed}), User.is_blocked.is_(True))
                )
            )
            for d in claimed:
                if d.user_id in blocked_users:
                    d.status = "blocked"
                    d.last_error = "user blocked the bot"
            to_send = sorted((d for d in claimed if d.status == "sending"), key=lambda d: (d.priority, d.due_at, d.id))
            return to_send, len(claimed) - len(to_send)

    async def _send_batch(self, rows: list[Delivery], stats: DrainStats) -> None:
        sem = asyncio.Semaphore(self.concurrency)
        outcomes: dict[int, dict[str, Any]] = {}
        newly_blocked: set[int] = set()

        by_chat: dict[int, list[Delivery]] = {}
        for d in rows:
            by_chat.setdefault(d.chat_id, []).append(d)

        async def send_chat(chat_id: int, items: list[Delivery]) -> None:
            # one chat's messages go one after the other, at least PER_CHAT_GAP apart
            for d in items:
                wait = self._last_sent.get(chat_id, -PER_CHAT_GAP) + PER_CHAT_GAP - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                async with sem:
                    await self.pacer.wait()
                    outcomes[d.id] = await self._send_one(d, newly_blocked)
                self._last_sent[chat_id] = time.monotonic()

        await asyncio.gather(*(send_chat(chat_id, items) for chat_id, items in by_chat.items()))
        cutoff = time.monotonic() - PER_CHAT_GAP
        self._last_sent = {c: t for c, t in self._last_sent.items() if t > cutoff}
        now = self.services.clock.now()
        async with self.services.sessionmaker() as session, session.begin():
            for d in rows:
                values = outcomes[d.id]
                status = values["status"]
                if status == "sent":
                    values["sent_at"] = now
                    stats.sent += 1
                    stats.sent_ids.append(d.id)
                elif status == "blocked":
                    stats.blocked += 1
                elif status == "failed":
                    stats.failed += 1
                elif status == "uncertain":
                    stats.uncertain += 1
                elif status == "pending":
                    stats.retried += 1
                    if d.attempts >= MAX_ATTEMPTS:
                        values["status"] = "failed"
                    values.setdefault("due_at", now + timedelta(seconds=min(60, 2**d.attempts)))
                await session.execute(
                    update(Delivery).where(and_(Delivery.id == d.id, Delivery.status == "sending")).values(**values)
                )
            if newly_blocked:
                await session.execute(update(User).where(User.id.in_(newly_blocked)).values(is_blocked=True))

    async def _send_one(self, d: Delivery, newly_blocked: set[int]) -> dict[str, Any]:
        markup = InlineKeyboardMarkup.de_json(d.reply_markup, self.bot) if d.reply_markup else None
        extra: dict[str, Any] = {}
        if self.services.settings.paid_broadcast and d.kind in ("announcement", "result"):
            extra["allow_paid_broadcast"] = True
        try:
            message = await self.bot.send_message(
                d.chat_id,
                d.text,
                parse_mode=d.parse_mode,
                reply_markup=markup,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                **extra,
            )
        except Forbidden as exc:
            newly_blocked.add(d.user_id)
            return {"status": "blocked", "last_error": str(exc)[:500]}
        except RetryAfter as exc:
            retry = exc.retry_after if isinstance(exc.retry_after, int | float) else exc.retry_after.total_seconds()
            return {
                "status": "pending",
                "last_error": str(exc)[:500],
                "due_at": self.services.clock.now() + timedelta(seconds=float(retry)),
            }
        except TimedOut as exc:
            # the request may have reached Telegram: never risk sending it twice
            return {"status": "uncertain", "last_error": str(exc)[:500]}
        except BadRequest as exc:
            return {"status": "failed", "last_error": str(exc)[:500]}
        except NetworkError as exc:  # 5xx and connection errors: Telegram did not take it
            return {"status": "pending", "last_error": str(exc)[:500]}
        return {"status": "sent", "message_id": message.message_id}
