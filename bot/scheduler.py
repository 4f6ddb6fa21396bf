"""The tick: run every scheduled producer (each in its own transaction), then send what is due.

In ``baucu run`` PTB's JobQueue (APScheduler) calls ``tick`` every few seconds; in ``baucu chat --jsonl`` and
in tests it is called directly after moving the clock. Everything due is found in the database, so any
process can run a tick and a restart loses nothing.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot

from bot.delivery import Deliverer, DrainStats
from bot.runtime import Services

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(self, services: Services, bot: Bot) -> None:
        self.services = services
        self.deliverer = Deliverer(services, bot)
        self._lock = asyncio.Lock()

    async def tick(self) -> DrainStats:
        """Produce what has fallen due by the clock's now, then deliver it."""
        async with self._lock:
            for name, producer in self.services.producers:
                try:
                    async with self.services.sessionmaker() as session, session.begin():
                        await producer(session, self.services)
                except Exception:
                    # one failing producer must not stop reminders, alerts and broadcasts of the others
                    log.exception("producer %s failed", name)
            return await self.deliverer.drain()
