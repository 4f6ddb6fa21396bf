"""BotApiEmulator: the emulated Telegram server, run on the caller's asyncio loop via tornado."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import Callable
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.emulator.faults import Fault, FaultBook, FaultKind
from bot.emulator.models import ApiCall, ApiError, OutgoingEvent, UploadedFile
from bot.emulator.state import EmulatorState
from bot.emulator.validation import as_int

CONFLICT_OTHER = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
CONFLICT_WEBHOOK = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)


class _Poller:
    """One pending getUpdates long poll."""

    def __init__(self) -> None:
        self.wakeup: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.conflict = False
        self.gone = False

    def wake(self) -> None:
        if not self.wakeup.done():
            self.wakeup.set_result(None)

    async def wait(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.shield(self.wakeup), seconds)
        self.wakeup = asyncio.get_running_loop().create_future()


class BotApiEmulator(EmulatorState):
    """A local Telegram Bot API server for tests and demos; point PTB at ``base_url``/``base_file_url``."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        *,
        bot_username: str = "baucu_demo_bot",
        bot_name: str = "Trợ lý Bầu cử",
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        super().__init__(token, bot_username, bot_name)
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError("the emulator only binds to the loopback interface")
        self.host = host
        self.port = port
        self.calls: list[ApiCall] = []
        self.faults = FaultBook()
        self._server: HTTPServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._pollers: set[_Poller] = set()
        self._stopping = False
        self._in_flight = 0
        self._last_activity = time.monotonic()

    # ----- lifecycle -----

    async def start(self) -> None:
        """Bind and serve (port 0 picks a free port); a second call is a no-op."""
        if self._server is not None:
            return
        from bot.emulator.server import make_app  # circular: the handlers need this class

        sockets = bind_sockets(self.port, address=self.host)
        self.port = sockets[0].getsockname()[1]
        self._server = HTTPServer(make_app(self))
        self._server.add_sockets(sockets)
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._stopping = False

    async def stop(self) -> None:
        """Answer pending long polls with [] and close the server; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        self._stopping = True
        for poller in list(self._pollers):
            poller.wake()
        # give the woken long polls a moment to write their empty answers before connections close
        for _ in range(50):
            if not self._pollers:
                break
            await asyncio.sleep(0.01)
        server.stop()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(server.close_all_connections(), 2)

    async def __aenter__(self) -> BotApiEmulator:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        return f"http://{self._netloc}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://{self._netloc}/file/bot"

    @property
    def control_url(self) -> str:
        return f"http://{self._netloc}/_emulator"

    @property
    def _netloc(self) -> str:
        if self._server is None and self.port == 0:
            raise RuntimeError("start() the emulator first: the port is not chosen yet")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    # ----- waking long polls -----

    def _on_update_queued(self) -> None:
        self._last_activity = time.monotonic()
        if self._loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            self._wake_pollers()
        else:
            # a test driving users from another thread must not touch loop objects directly
            self._loop.call_soon_threadsafe(self._wake_pollers)

    def _wake_pollers(self) -> None:
        for poller in list(self._pollers):
            poller.wake()

    # ----- faults -----

    def inject_fault(
        self,
        kind: FaultKind,
        *,
        method: str | None = None,
        chat_id: int | None = None,
        count: int = 1,
        retry_after: int = 1,
        delay: float = 1.0,
        description: str | None = None,
        error_code: int | None = None,
    ) -> None:
        """Make the next ``count`` matching calls fail (or, for "slow", answer late) as Telegram would."""
        self.faults.add(Fault(kind, method, chat_id, count, retry_after, delay, description, error_code))

    def block_user(self, chat_id: int) -> None:
        """From now on every send to this chat gets 403, like a user who blocked the bot."""
        self.faults.blocked.add(int(chat_id))

    def unblock_user(self, chat_id: int) -> None:
        self.faults.blocked.discard(int(chat_id))

    def clear_faults(self) -> None:
        self.faults.clear()

    # ----- synchronisation -----

    async def wait_delivered(self, update_id: int, timeout: float = 10) -> None:
        """Wait until the bot has received ``update_id`` through getUpdates."""
        await self._wait_until(lambda: self.delivered_up_to() >= update_id, timeout, f"update {update_id} delivered")

    async def wait_acknowledged(self, update_id: int, timeout: float = 10) -> None:
        """Wait until the bot has confirmed ``update_id`` (asked getUpdates for a greater offset)."""
        await self._wait_until(lambda: self.fetched_up_to() >= update_id, timeout, f"update {update_id} acknowledged")

    async def wait_outgoing(self, since: int = 0, *, count: int = 1, timeout: float = 10) -> list[OutgoingEvent]:
        """Wait until at least ``count`` outgoing events exist from ``since`` on, and return them all."""
        await self._wait_until(lambda: len(self.events) - since >= count, timeout, f"{count} outgoing event(s)")
        return self.outgoing(since)

    async def wait_idle(self, quiet: float = 0.05, timeout: float = 10) -> None:
        """Wait until every queued update is delivered, no call is running and none ended for ``quiet`` seconds."""

        def idle() -> bool:
            undelivered = any(u["update_id"] > self._delivered_up_to for u in self._pending)
            return not undelivered and self._in_flight == 0 and time.monotonic() - self._last_activity >= quiet

        await self._wait_until(idle, timeout, "the bot to go idle")

    async def _wait_until(self, condition: Callable[[], bool], limit: float, what: str) -> None:
        deadline = time.monotonic() + limit
        while not condition():
            if time.monotonic() >= deadline:
                raise TimeoutError(
                    f"timed out after {limit}s waiting for {what} (delivered up to {self._delivered_up_to}, "
                    f"acknowledged up to {self._acked_up_to}, {len(self._pending)} pending, "
                    f"{self._in_flight} call(s) in flight)"
                )
            await asyncio.sleep(0.005)

    # ----- handling API requests (called by the tornado handler) -----

    async def handle_api(
        self,
        token: str,
        method: str,
        params: dict[str, Any],
        files: dict[str, UploadedFile],
        poll_closed: asyncio.Future[None] | None = None,
    ) -> tuple[int, dict[str, Any]]:
        """Run one Bot API call and record it; returns (HTTP status, JSON body)."""
        started = time.monotonic()
        chat_id = self._call_chat(method, params)
        is_poll = method.lower() == "getupdates"
        counted = not is_poll
        if counted:
            self._in_flight += 1
        try:
            if token != self.token:
                raise ApiError(401, "Unauthorized")
            impl = self.methods.get(method.lower())
            if impl is None and not is_poll:
                raise ApiError(404, "Not Found: method not found")
            fault = self.faults.take(method, chat_id)
            if fault is not None and fault.kind == "slow":
                await asyncio.sleep(fault.delay)
                fault = None
            if fault is not None:
                raise fault.error()
            if blocked := self.faults.blocked_error(method, chat_id):
                raise blocked
            if is_poll:
                result: Any = await self._get_updates(params, poll_closed)
            else:
                assert impl is not None
                result = impl(params, files)
            status, body = 200, {"ok": True, "result": result}
            call = ApiCall(method, params, True, result=result, chat_id=chat_id, files=files)
        except ApiError as exc:
            status, body = exc.error_code, exc.to_json()
            call = ApiCall(method, params, False, error=exc.description, error_code=exc.error_code, chat_id=chat_id,
                           files=files)  # fmt: skip
        finally:
            if counted:
                self._in_flight -= 1
                self._last_activity = time.monotonic()
        call.at, call.finished_at = started, time.monotonic()
        self.calls.append(call)
        return status, body

    def _call_chat(self, method: str, params: dict[str, Any]) -> int | str | None:
        if method.lower() == "answercallbackquery":
            query = self.callback_queries.get(str(params.get("callback_query_id") or ""))
            return query.chat_id if query else None
        value = params.get("chat_id")
        if value is None:
            return None
        try:
            return int(value)
        except (TypeError, ValueError):
            return str(value)

    async def _get_updates(self, params: dict[str, Any], closed: asyncio.Future[None] | None) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(409, CONFLICT_WEBHOOK)
        offset = as_int(params, "offset")
        limit = min(max(as_int(params, "limit", 100) or 100, 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = [str(a) for a in allowed] or None
        # Telegram allows one long poll per bot: a newer request ends the older one with 409
        for other in list(self._pollers):
            other.conflict = True
            other.wake()
        poller = _Poller()
        if closed is not None:
            closed.add_done_callback(lambda _: (setattr(poller, "gone", True), poller.wake()))
        self._pollers.add(poller)
        deadline = time.monotonic() + timeout
        try:
            while True:
                if poller.gone or self._stopping:
                    return []
                if poller.conflict:
                    raise ApiError(409, CONFLICT_OTHER)
                batch = self._take_updates(offset, limit)
                remaining = deadline - time.monotonic()
                if batch:
                    self._last_activity = time.monotonic()
                    return batch
                if remaining <= 0:
                    return []
                await poller.wait(remaining)
        finally:
            self._pollers.discard(poller)
