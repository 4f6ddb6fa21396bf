"""The outbox (bot/delivery.py) on its own: RetryAfter without a rate limiter, blocked users, batches."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from telegram.error import Forbidden, RetryAfter

from bot.delivery import Deliverer, Outgoing, enqueue
from bot.runtime import Services
from db.models import Delivery, User
from tests.chair_helpers import rows
from tests.factories import make_user


class FakeBot:
    """Records sends; answers with the errors queued per chat."""

    def __init__(self) -> None:
        self.sent: list[int] = []
        self.errors: dict[int, list[Exception]] = {}

    async def send_message(self, chat_id: int, text: str, **kw: Any) -> Any:
        queued = self.errors.get(chat_id)
        if queued:
            raise queued.pop(0)
        self.sent.append(chat_id)

        class Sent:
            message_id = len(self.sent)

        return Sent()


async def _outbox(services: Services, users: list[int], blocked: set[int] = frozenset()) -> None:  # type: ignore[assignment]
    now = services.clock.now()
    async with services.sessionmaker() as s, s.begin():
        for u in users:
            user = await make_user(s, u)
            user.is_blocked = u in blocked
        await enqueue(s, [Outgoing(f"t:{u}", "announcement", u, u, "x", now, ref_id=1) for u in users], now)


async def test_retry_after_puts_the_row_back_until_the_time_told(services: Services, clock) -> None:  # type: ignore[no-untyped-def]
    await _outbox(services, [1, 2])
    bot = FakeBot()
    bot.errors[1] = [RetryAfter(30)]
    deliverer = Deliverer(services, bot)  # type: ignore[arg-type]
    stats = await deliverer.drain()
    assert (stats.sent, stats.retried) == (1, 1) and bot.sent == [2]
    (row,) = await rows(services, Delivery, Delivery.user_id == 1)
    assert row.status == "pending" and row.due_at == clock.now() + timedelta(seconds=30)
    clock.advance(timedelta(seconds=29))
    assert (await deliverer.drain()).sent == 0
    clock.advance(timedelta(seconds=1))
    assert (await deliverer.drain()).sent == 1 and bot.sent == [2, 1]


async def test_forbidden_marks_the_user_blocked(services: Services) -> None:
    await _outbox(services, [1, 2])
    bot = FakeBot()
    bot.errors[2] = [Forbidden("Forbidden: bot was blocked by the user")]
    stats = await Deliverer(services, bot).drain()  # type: ignore[arg-type]
    assert (stats.sent, stats.blocked) == (1, 1)
    async with services.sessionmaker() as s:
        assert (await s.get(User, 2)).is_blocked is True
    assert {d.user_id: d.status for d in await rows(services, Delivery)} == {1: "sent", 2: "blocked"}


async def test_a_batch_of_only_blocked_users_does_not_stop_the_drain(services: Services) -> None:
    blocked = set(range(1, 61))
    await _outbox(services, list(range(1, 71)), blocked)
    bot = FakeBot()
    stats = await Deliverer(services, bot, batch=50).drain()  # type: ignore[arg-type]
    assert sorted(bot.sent) == list(range(61, 71)) and stats.sent == 10
    statuses = {d.user_id: d.status for d in await rows(services, Delivery)}
    assert all(statuses[u] == "blocked" for u in blocked) and all(statuses[u] == "sent" for u in range(61, 71))


async def test_messages_to_one_chat_are_paced_others_are_not(services: Services) -> None:
    """Telegram allows about one message a second per chat: the second message to a chat waits; other chats don't."""
    import time

    now = services.clock.now()
    async with services.sessionmaker() as s, s.begin():
        for u in (1, 2, 3):
            await make_user(s, u)
        await enqueue(
            s,
            [Outgoing(f"p:{i}", "alert", 1, 1, f"m{i}", now, priority=1) for i in range(2)]
            + [Outgoing(f"q:{u}", "announcement", u, u, "x", now) for u in (2, 3)],
            now,
        )
    bot = FakeBot()
    stamps: dict[int, list[float]] = {}
    original = bot.send_message

    async def stamped(chat_id: int, text: str, **kw: Any) -> Any:
        stamps.setdefault(chat_id, []).append(time.monotonic())
        return await original(chat_id, text, **kw)

    bot.send_message = stamped  # type: ignore[method-assign]
    stats = await Deliverer(services, bot).drain()  # type: ignore[arg-type]
    assert stats.sent == 4
    assert stamps[1][1] - stamps[1][0] >= 0.99
    # the other chats did not wait behind chat 1's pause
    assert max(stamps[2][0], stamps[3][0]) < stamps[1][1]
