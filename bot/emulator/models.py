"""Plain records the emulator keeps about what the bot did: API calls, outgoing events, uploaded files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ApiError(Exception):
    """A Bot API error answer, shaped like Telegram's ``{"ok": false, ...}`` body."""

    def __init__(self, error_code: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.error_code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass
class UploadedFile:
    """A file the bot uploaded (multipart attachment) or a user sent; the bytes stay available to tests."""

    file_id: str
    file_unique_id: str
    name: str | None
    data: bytes
    content_type: str | None = None
    file_path: str | None = None

    @property
    def size(self) -> int:
        return len(self.data)

    def summary(self) -> dict[str, Any]:
        return {
            "file_id": self.file_id,
            "name": self.name,
            "size": self.size,
            "content_type": self.content_type,
            "file_path": self.file_path,
        }


@dataclass
class ApiCall:
    """One HTTP request to the Bot API, recorded when it was answered."""

    method: str
    params: dict[str, Any]
    ok: bool
    result: Any = None
    error: str | None = None
    error_code: int | None = None
    at: float = 0.0
    finished_at: float = 0.0
    chat_id: int | str | None = None
    files: dict[str, UploadedFile] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "params": self.params,
            "ok": self.ok,
            "result": self.result,
            "error": self.error,
            "error_code": self.error_code,
            "at": self.at,
            "finished_at": self.finished_at,
            "chat_id": self.chat_id,
            "files": {name: f.summary() for name, f in self.files.items()},
        }


@dataclass
class OutgoingEvent:
    """Something the bot visibly did in a chat (a message sent, edited or deleted)."""

    seq: int
    method: str
    chat_id: int | str | None
    message_id: int | None
    text: str | None = None
    buttons: list[list[str]] | None = None
    button_data: list[list[str | None]] | None = None
    keyboard: list[list[str]] | None = None
    remove_keyboard: bool = False
    location: tuple[float, float] | None = None
    venue: tuple[str, str] | None = None
    photo: bool = False
    document: str | None = None
    file: UploadedFile | None = None
    parse_mode: str | None = None
    plain_text: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    at: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "method": self.method,
            "chat_id": self.chat_id,
            "message_id": self.message_id,
            "text": self.text,
            "plain_text": self.plain_text,
            "buttons": self.buttons,
            "button_data": self.button_data,
            "keyboard": self.keyboard,
            "remove_keyboard": self.remove_keyboard,
            "location": list(self.location) if self.location else None,
            "venue": list(self.venue) if self.venue else None,
            "photo": self.photo,
            "document": self.document,
            "file": self.file.summary() if self.file else None,
            "parse_mode": self.parse_mode,
            "raw": self.raw,
            "at": self.at,
        }
