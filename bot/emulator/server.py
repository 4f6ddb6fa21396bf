"""Tornado handlers: the Bot API endpoints, file downloads and the ``/_emulator/`` control endpoints."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Any

from tornado.web import Application, RequestHandler

from bot.emulator.models import UploadedFile
from bot.emulator.validation import decode_form_value

if TYPE_CHECKING:
    from bot.emulator.emulator import BotApiEmulator


def make_app(emu: BotApiEmulator) -> Application:
    return Application(
        [
            (r"/bot(?P<token>[^/]+)/(?P<method>[^/?]*)", ApiHandler, {"emu": emu}),
            (r"/file/bot(?P<token>[^/]+)/(?P<path>.+)", FileHandler, {"emu": emu}),
            (r"/_emulator/(?P<action>[a-z_]+)", ControlHandler, {"emu": emu}),
        ],
        # the emulator is test infrastructure: keep tornado from logging every request
        log_function=lambda handler: None,
    )


def _json_error(handler: RequestHandler, status: int, body: dict[str, Any]) -> None:
    handler.set_status(status)
    handler.set_header("Content-Type", "application/json")
    handler.finish(json.dumps(body, ensure_ascii=False))


class ApiHandler(RequestHandler):
    """``/bot<token>/<method>``: GET or POST with query string, form, multipart or JSON parameters."""

    def initialize(self, emu: BotApiEmulator) -> None:
        self.emu = emu
        self.closed: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_connection_close(self) -> None:
        # the client gave up (e.g. PTB cancelled its long poll): stop waiting, or we'd hand updates to nobody
        if not self.closed.done():
            self.closed.set_result(None)

    async def get(self, token: str, method: str) -> None:
        try:
            params, files = self._params()
        except ValueError as exc:
            status, body = 400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
        else:
            status, body = await self.emu.handle_api(token, method, params, files, self.closed)
        if self.closed.done():
            return
        _json_error(self, status, body)

    post = get

    def _params(self) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = {}
        for key, values in self.request.query_arguments.items():
            params[key] = decode_form_value(key, values[-1].decode("utf-8"))
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json"):
            if self.request.body.strip():
                try:
                    body = json.loads(self.request.body)
                except ValueError:
                    raise ValueError("can't parse JSON") from None
                if not isinstance(body, dict):
                    raise ValueError("JSON body must be an object")
                params.update(body)
        else:
            # tornado has already split url-encoded and multipart bodies; nested objects arrive as JSON strings
            for key, values in self.request.body_arguments.items():
                params[key] = decode_form_value(key, values[-1].decode("utf-8"))
        files = {
            name: UploadedFile("", "", parts[-1].filename or None, parts[-1].body, parts[-1].content_type or None)
            for name, parts in self.request.files.items()
        }
        return params, files


class FileHandler(RequestHandler):
    """``/file/bot<token>/<file_path>``: the bytes behind getFile."""

    def initialize(self, emu: BotApiEmulator) -> None:
        self.emu = emu

    def get(self, token: str, path: str) -> None:
        if token != self.emu.token:
            _json_error(self, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        upload = self.emu.file_by_path(path)
        if upload is None:
            _json_error(self, 404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        self.set_header("Content-Type", upload.content_type or "application/octet-stream")
        self.finish(upload.data)


class ControlHandler(RequestHandler):
    """``/_emulator/<action>``: act as users and read what the bot did, from another process."""

    def initialize(self, emu: BotApiEmulator) -> None:
        self.emu = emu

    def _body(self) -> dict[str, Any]:
        if not self.request.body.strip():
            return {}
        body = json.loads(self.request.body)
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object")
        return body

    def _reply(self, status: int, body: Any) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body, ensure_ascii=False))

    async def get(self, action: str) -> None:
        emu = self.emu
        since = int(self.get_query_argument("since", "0"))
        if action == "outgoing":
            self._reply(200, [e.to_json() for e in emu.outgoing(since)])
        elif action == "calls":
            self._reply(200, [c.to_json() for c in emu.calls[since:]])
        elif action == "messages":
            self._reply(200, emu.messages(int(self.get_query_argument("chat_id"))))
        elif action == "state":
            self._reply(
                200,
                {
                    "base_url": emu.base_url,
                    "base_file_url": emu.base_file_url,
                    "delivered_up_to": emu.delivered_up_to(),
                    "fetched_up_to": emu.fetched_up_to(),
                    "pending": len(emu.pending_updates()),
                    "outgoing": len(emu.events),
                    "calls": len(emu.calls),
                },
            )
        else:
            self._reply(404, {"error": f"unknown control action {action!r}"})

    async def post(self, action: str) -> None:
        try:
            body = self._body()
            result = await self._act(action, body)
        except LookupError as exc:
            self._reply(404, {"error": str(exc.args[0] if exc.args else exc)})
        except (ValueError, TypeError) as exc:
            self._reply(400, {"error": str(exc)})
        except TimeoutError as exc:
            self._reply(504, {"error": str(exc)})
        else:
            self._reply(200, result)

    async def _act(self, action: str, body: dict[str, Any]) -> Any:
        emu = self.emu
        user_kw = {k: body[k] for k in ("name", "lang", "username") if body.get(k) is not None}
        if action == "send":
            return {"update_id": emu.send_text(int(body["user"]), str(body["text"]), **user_kw)}
        if action == "location":
            update_id = emu.send_location(int(body["user"]), float(body["latitude"]), float(body["longitude"]),
                                          **user_kw)  # fmt: skip
            return {"update_id": update_id}
        if action == "photo":
            return {"update_id": emu.send_photo(int(body["user"]), body.get("caption"), **user_kw)}
        if action == "contact":
            return {"update_id": emu.send_contact(int(body["user"]), str(body["phone_number"]), **user_kw)}
        if action == "press":
            return {"update_id": emu.press(int(body["user"]), str(body["label"]))}
        if action == "press_data":
            return {"update_id": emu.press_data(int(body["user"]), str(body["data"]), body.get("message_id"))}
        if action == "update":
            return {"update_id": emu.queue_update(body)}
        if action == "known_chat":
            emu.known_chat(int(body["user"]), **user_kw)
            return {"ok": True}
        if action == "fault":
            emu.inject_fault(**body)
            return {"ok": True}
        if action == "clear_faults":
            emu.clear_faults()
            return {"ok": True}
        if action in ("block", "unblock"):
            (emu.block_user if action == "block" else emu.unblock_user)(int(body["user"]))
            return {"ok": True}
        if action == "idle":
            await emu.wait_idle(float(body.get("quiet", 0.05)), float(body.get("timeout", 10)))
            return {"ok": True}
        raise LookupError(f"unknown control action {action!r}")
