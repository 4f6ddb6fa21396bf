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
