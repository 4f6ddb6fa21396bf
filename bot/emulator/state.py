"""Chats, messages, queued updates and the synchronous Bot API methods that act on them."""

from __future__ import annotations

import copy
import itertools
import json
import re
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.emulator.models import ApiError, OutgoingEvent, UploadedFile, bad_request
from bot.emulator.validation import (
    as_bool,
    as_float,
    as_int,
    check_reply_markup,
    inline_buttons,
    render_text,
    reply_keyboard,
    utf16_len,
)

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a current "
    "content and reply markup of the message"
)
CANT_INITIATE = "Forbidden: bot can't initiate conversation with a user"
QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,64})?(?=\s|$)")
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
# The smallest valid PNG (1x1, transparent): the default bytes behind a user's photo.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class StoredMessage:
    """A message as Telegram holds it, plus what the bot literally sent (before HTML parsing)."""

    data: dict[str, Any]
    from_bot: bool
    raw_text: str | None = None
    parse_mode: str | None = None
    deleted: bool = False


@dataclass
class Chat:
    data: dict[str, Any]
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    next_message_id: int = 1


@dataclass
class CallbackQuery:
    query_id: str
    update_id: int
    chat_id: int
    message_id: int | None
    data: str
    answer: dict[str, Any] | None = None


ApiMethod = Callable[[dict[str, Any], dict[str, UploadedFile]], Any]


class EmulatorState:
    """Everything the emulated Telegram server knows; no I/O here so it is easy to reason about."""

    def __init__(self, token: str, bot_username: str, bot_name: str) -> None:
        self.token = token
        head = token.split(":", 1)[0]
        self.bot_id = int(head) if head.isdigit() else 123456
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.users: dict[int, dict[str, Any]] = {}
        self.chats: dict[int, Chat] = {}
        self.events: list[OutgoingEvent] = []
        self.files: dict[str, UploadedFile] = {}
        self.callback_queries: dict[str, CallbackQuery] = {}
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.descriptions: dict[tuple[str, str], str] = {}
        self.webhook_url = ""
        self.allowed_updates: list[str] | None = None
        self._pending: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._delivered_up_to = 0
        self._acked_up_to = 0
        self._file_seq = itertools.count(1)
        self._query_seq = itertools.count(1)
        self.methods: dict[str, ApiMethod] = {
            name.lower(): impl
            for name, impl in {
                "getMe": self._get_me,
                "logOut": self._ok,
                "close": self._ok,
                "setWebhook": self._set_webhook,
                "deleteWebhook": self._delete_webhook,
                "getWebhookInfo": self._get_webhook_info,
                "sendMessage": self._send_message,
                "editMessageText": self._edit_message_text,
                "editMessageCaption": self._edit_message_caption,
                "editMessageReplyMarkup": self._edit_message_reply_markup,
                "deleteMessage": self._delete_message,
                "deleteMessages": self._delete_messages,
                "answerCallbackQuery": self._answer_callback_query,
                "sendLocation": self._send_location,
                "sendVenue": self._send_venue,
                "sendPhoto": self._send_photo,
                "sendDocument": self._send_document,
                "sendChatAction": self._send_chat_action,
                "setMyCommands": self._set_my_commands,
                "getMyCommands": self._get_my_commands,
                "deleteMyCommands": self._delete_my_commands,
                "setMyDescription": self._setter("description"),
                "setMyShortDescription": self._setter("short_description"),
                "setMyName": self._setter("name"),
                "getMyDescription": self._getter("description"),
                "getMyShortDescription": self._getter("short_description"),
                "getMyName": self._getter("name"),
                "setChatMenuButton": self._ok,
                "getChatMenuButton": lambda p, f: {"type": "commands"},
                "getChat": self._get_chat,
                "getFile": self._get_file,
            }.items()
        }

    # ----- hooks the server side overrides -----

    def _on_update_queued(self) -> None:
        """Called after an update is queued, so long polls can wake up."""

    # ----- updates -----

    def queue_update(self, update: dict[str, Any]) -> int:
        """Queue a raw update dict; its update_id is (re)assigned and returned."""
        update = dict(update)
        update_id = self._next_update_id
        self._next_update_id += 1
        update["update_id"] = update_id
        self._pending.append(update)
        self._on_update_queued()
        return update_id

    def fetched_up_to(self) -> int:
        """Highest update_id the bot acknowledged by asking getUpdates for a greater offset."""
        return self._acked_up_to

    def delivered_up_to(self) -> int:
        """Highest update_id handed out in a getUpdates answer."""
        return self._delivered_up_to

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet acknowledged, oldest first."""
        return [copy.deepcopy(u) for u in self._pending]

    def _acknowledge(self, offset: int | None) -> None:
        if offset is None or offset == 0:
            return
        if offset < 0:
            # Telegram: a negative offset keeps only the last -offset updates and forgets the rest
            keep = self._pending[offset:]
            dropped = self._pending[: len(self._pending) - len(keep)]
            if dropped:
                self._acked_up_to = max(self._acked_up_to, dropped[-1]["update_id"])
            self._pending = keep
            return
        self._pending = [u for u in self._pending if u["update_id"] >= offset]
        self._acked_up_to = max(self._acked_up_to, min(offset - 1, self._next_update_id - 1))

    def _take_updates(self, offset: int | None, limit: int) -> list[dict[str, Any]]:
        self._acknowledge(offset)
        if self.allowed_updates:
            # Telegram never produces disallowed kinds at all, so they are dropped rather than held back
            allowed = set(self.allowed_updates)
            self._pending = [u for u in self._pending if any(k in allowed for k in u if k != "update_id")]
        batch = [copy.deepcopy(u) for u in self._pending[:limit]]
        if batch:
            self._delivered_up_to = max(self._delivered_up_to, batch[-1]["update_id"])
        return batch

    # ----- users and chats -----

    def known_chat(
        self, chat_id: int, *, name: str | None = None, lang: str | None = None, username: str | None = None
    ) -> None:
        """Pre-register a private chat, as if the user had started the bot before."""
        self._ensure_chat(self._user(chat_id, name=name, lang=lang, username=username))

    def _user(
        self, user_id: int, *, name: str | None = None, lang: str | None = None, username: str | None = None
    ) -> dict[str, Any]:
        user = self.users.setdefault(user_id, {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"})
        if name is not None:
            user["first_name"] = name
        if lang is not None:
            user["language_code"] = lang
        if username is not None:
            user["username"] = username
        return user

    def _ensure_chat(self, user: dict[str, Any]) -> Chat:
        chat = self.chats.get(user["id"])
        if chat is None:
            chat = self.chats[user["id"]] = Chat({"id": user["id"], "type": "private"})
        chat.data["first_name"] = user["first_name"]
        if "username" in user:
            chat.data["username"] = user["username"]
        return chat

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": self.bot_name, "username": self.bot_username}

    def _store(self, chat: Chat, sender: dict[str, Any], content: dict[str, Any], **extra: Any) -> StoredMessage:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        data = {
            "message_id": message_id,
            "from": dict(sender),
            "chat": dict(chat.data),
            "date": int(time.time()),
            **content,
        }
        stored = StoredMessage(data=data, from_bot=sender.get("is_bot", False), **extra)
        chat.messages[message_id] = stored
        return stored

    def _user_message(self, user_id: int, content: dict[str, Any], user_kw: dict[str, Any]) -> int:
        user = self._user(user_id, **user_kw)
        chat = self._ensure_chat(user)
        stored = self._store(chat, user, content)
        return self.queue_update({"message": copy.deepcopy(stored.data)})

    # ----- acting as users -----

    def send_text(
        self, user_id: int, text: str, *, name: str | None = None, lang: str | None = None, username: str | None = None
    ) -> int:
        """A user types ``text`` in their private chat with the bot; returns the queued update_id."""
        content: dict[str, Any] = {"text": text}
        if match := _COMMAND.match(text):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]
        return self._user_message(user_id, content, {"name": name, "lang": lang, "username": username})

    def send_location(self, user_id: int, latitude: float, longitude: float, **user_kw: Any) -> int:
        return self._user_message(user_id, {"location": {"latitude": latitude, "longitude": longitude}}, user_kw)

    def send_photo(self, user_id: int, caption: str | None = None, *, data: bytes | None = None, **user_kw: Any) -> int:
        """A user sends a photo; ``data`` (default: a 1x1 PNG) is served back through getFile."""
        data = data if data is not None else TINY_PNG
        content_type = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
        upload = self._register_file(None, data, content_type, "photos", ".jpg")
        content: dict[str, Any] = {"photo": self._photo_sizes(upload)}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user_id, content, user_kw)

    def send_document(
        self,
        user_id: int,
        file_name: str,
        data: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        **user_kw: Any,
    ) -> int:
        """A user uploads a file (say, an Excel sheet to import)."""
        upload = self._register_file(file_name, data, mime_type, "documents", "")
        content: dict[str, Any] = {"document": self._document_json(upload)}
        if caption is not None:
            content["caption"] = caption
        return self._user_message(user_id, content, user_kw)

    def send_contact(
        self,
        user_id: int,
        phone_number: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        own: bool = True,
        **user_kw: Any,
    ) -> int:
        """A user shares a contact; ``own`` marks it as their own (what a request_contact button sends)."""
        user = self._user(user_id, **user_kw)
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name or user["first_name"]}
        if last_name:
            contact["last_name"] = last_name
        if own:
            contact["user_id"] = user_id
        return self._user_message(user_id, {"contact": contact}, {})

    def press(self, user_id: int, label: str) -> int:
        """Press the inline button labelled ``label`` on the latest bot message in the user's chat that has it."""
        chat = self.chats.get(user_id)
        if chat is None:
            raise LookupError(f"user {user_id} has no chat with the bot")
        wanted = label.strip().casefold()
        seen: list[str] = []
        for stored in reversed(list(chat.messages.values())):
            if stored.deleted or not stored.from_bot:
                continue
            rows = (stored.data.get("reply_markup") or {}).get("inline_keyboard") or []
            buttons = [b for row in rows for b in row]
            seen.extend(b.get("text", "") for b in buttons)
            button = next((b for b in buttons if b.get("text") == label), None) or next(
                (b for b in buttons if b.get("text", "").strip().casefold() == wanted), None
            )
            if button is None:
                continue
            if "callback_data" not in button:
                kind = "a URL" if "url" in button else "no callback_data"
                raise LookupError(f"button {label!r} has {kind} ({button}); pressing it does not reach the bot")
            return self._callback(user_id, chat, stored, button["callback_data"])
        raise LookupError(f"no inline button {label!r} in chat {user_id}; buttons seen (newest first): {seen}")

    def press_data(self, user_id: int, data: str, message_id: int | None = None) -> int:
        """Send raw (possibly forged) callback data, from ``message_id`` or the latest bot message."""
        chat = self.chats.get(user_id)
        if chat is None:
            raise LookupError(f"user {user_id} has no chat with the bot")
        if message_id is not None:
            stored = chat.messages.get(message_id)
            if stored is None or stored.deleted:
                raise LookupError(f"message {message_id} not found in chat {user_id}")
        else:
            bot_messages = [m for m in chat.messages.values() if m.from_bot and not m.deleted]
            with_keyboard = [m for m in bot_messages if "reply_markup" in m.data]
            if not bot_messages:
                raise LookupError(f"the bot has no message in chat {user_id} to attach a callback to")
            stored = (with_keyboard or bot_messages)[-1]
        return self._callback(user_id, chat, stored, data)

    def _callback(self, user_id: int, chat: Chat, stored: StoredMessage, data: str) -> int:
        query_id = f"{self.bot_id}{next(self._query_seq):010d}"
        update = {
            "callback_query": {
                "id": query_id,
                "from": dict(self.users[user_id]),
                "message": copy.deepcopy(stored.data),
                "chat_instance": f"-{abs(hash((self.bot_id, user_id))) % 10**18}",
                "data": data,
            }
        }
        update_id = self.queue_update(update)
        self.callback_queries[query_id] = CallbackQuery(
            query_id, update_id, chat.data["id"], stored.data["message_id"], data
        )
        return update_id

    # ----- reading state -----

    def messages(self, chat_id: int) -> list[dict[str, Any]]:
        """Current messages of a chat (user's and bot's, after edits, without deleted ones), oldest first."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        return [copy.deepcopy(m.data) for m in chat.messages.values() if not m.deleted]

    def last_message(self, chat_id: int, *, from_bot: bool = True) -> dict[str, Any] | None:
        chat = self.chats.get(chat_id)
        if chat is None:
            return None
        found = [m for m in chat.messages.values() if not m.deleted and m.from_bot == from_bot]
        return copy.deepcopy(found[-1].data) if found else None

    def last_keyboard(self, chat_id: int) -> list[list[str]] | None:
        """Labels of the newest inline keyboard the bot shows in the chat."""
        chat = self.chats.get(chat_id)
        for stored in reversed(list(chat.messages.values()) if chat else []):
            if stored.from_bot and not stored.deleted and "reply_markup" in stored.data:
                return inline_buttons(stored.data["reply_markup"])[0]
        return None

    def outgoing(self, since: int = 0) -> list[OutgoingEvent]:
        """Outgoing events with seq >= since, in order."""
        return self.events[since:]

    def callback_answer(self, update_id: int) -> dict[str, Any] | None:
        """How the bot answered the callback query queued as ``update_id`` (None if not answered yet)."""
        for query in self.callback_queries.values():
            if query.update_id == update_id:
                return query.answer
        return None

    def commands_for(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return list(self.commands.get((_scope_key(scope), language_code), []))

    # ----- helpers for API methods -----

    def _chat_for(self, params: dict[str, Any]) -> Chat:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        chat = self.chats.get(chat_id)
        if chat is None:
            if chat_id > 0:
                raise ApiError(403, CANT_INITIATE)
            raise bad_request("chat not found")
        return chat

    def _bot_message(self, chat: Chat, params: dict[str, Any], missing: str) -> StoredMessage:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        message_id = as_int(params, "message_id", required=True)
        stored = chat.messages.get(message_id or 0)
        if stored is None or stored.deleted:
            raise bad_request(missing)
        return stored

    def _event(self, method: str, chat: Chat, stored: StoredMessage | None, params: dict[str, Any], **kw: Any) -> None:
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) else None
        buttons, button_data = inline_buttons(markup)
        self.events.append(
            OutgoingEvent(
                seq=len(self.events),
                method=method,
                chat_id=chat.data["id"],
                message_id=stored.data["message_id"] if stored else as_int(params, "message_id"),
                buttons=buttons,
                button_data=button_data,
                keyboard=reply_keyboard(markup),
                remove_keyboard=bool(markup and markup.get("remove_keyboard")),
                parse_mode=params.get("parse_mode"),
                raw=dict(params),
                at=time.monotonic(),
                **kw,
            )
        )

    def _reply_to(self, chat: Chat, params: dict[str, Any]) -> dict[str, Any]:
        reply = params.get("reply_parameters")
        if isinstance(reply, str):
            reply = json.loads(reply)
        target = reply.get("message_id") if isinstance(reply, dict) else params.get("reply_to_message_id")
        if target is None:
            return {}
        stored = chat.messages.get(int(target))
        if stored is None or stored.deleted:
            allow = (isinstance(reply, dict) and reply.get("allow_sending_without_reply")) or as_bool(
                params, "allow_sending_without_reply"
            )
            if allow:
                return {}
            raise bad_request("message to be replied not found")
        replied = copy.deepcopy(stored.data)
        replied.pop("reply_to_message", None)
        return {"reply_to_message": replied}

    def _text_content(self, params: dict[str, Any], key: str) -> tuple[dict[str, Any], str | None]:
        raw = params.get(key)
        caption = key == "caption"
        if raw is None:
            if caption:
                return {}, None
            raise bad_request("message text is empty")
        raw = str(raw)
        entities = params.get("caption_entities" if caption else "entities")
        if isinstance(entities, list):
            plain, parsed = render_text(raw, None, caption=caption)
            parsed = entities
        else:
            plain, parsed = render_text(raw, params.get("parse_mode"), caption=caption)
        content: dict[str, Any] = {key: plain}
        if parsed:
            content["caption_entities" if caption else "entities"] = parsed
        return content, raw

    def _markup_content(self, params: dict[str, Any]) -> dict[str, Any]:
        markup = check_reply_markup(params.get("reply_markup"))
        if markup is not None:
            params["reply_markup"] = markup
        # Telegram only echoes inline keyboards back in the Message; reply keyboards live on the client
        return {"reply_markup": markup} if markup and "inline_keyboard" in markup else {}

    def _send(
        self, method: str, params: dict[str, Any], content: dict[str, Any], raw_text: str | None, **event_kw: Any
    ) -> dict[str, Any]:
        chat = self._chat_for(params)
        content = {**content, **self._reply_to(chat, params), **self._markup_content(params)}
        stored = self._store(chat, self._bot_user(), content, raw_text=raw_text, parse_mode=params.get("parse_mode"))
        plain = content.get("text", content.get("caption"))
        self._event(method, chat, stored, params, text=raw_text, plain_text=plain, **event_kw)
        return copy.deepcopy(stored.data)

    def _register_file(
        self, name: str | None, data: bytes, content_type: str | None, folder: str, suffix: str
    ) -> UploadedFile:
        n = next(self._file_seq)
        file_id = f"BQACAgIAAxkBAAI{n:06d}emu"
        ext = suffix or ("." + name.rsplit(".", 1)[1] if name and "." in name else "")
        upload = UploadedFile(
            file_id=file_id,
            file_unique_id=f"AQAD{n:06d}",
            name=name,
            data=data,
            content_type=content_type,
            file_path=f"{folder}/file_{n}{ext}",
        )
        self.files[file_id] = upload
        return upload

    def _photo_sizes(self, upload: UploadedFile) -> list[dict[str, Any]]:
        width, height = _image_size(upload.data)
        small = max(1, min(width, 90)), max(1, min(height, 90))
        return [
            {
                "file_id": upload.file_id + "s",
                "file_unique_id": upload.file_unique_id + "s",
                "width": small[0],
                "height": small[1],
                "file_size": min(upload.size, 1024),
            },
            {
                "file_id": upload.file_id,
                "file_unique_id": upload.file_unique_id,
                "width": width,
                "height": height,
                "file_size": upload.size,
            },
        ]

    @staticmethod
    def _document_json(upload: UploadedFile) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "file_id": upload.file_id,
            "file_unique_id": upload.file_unique_id,
            "file_size": upload.size,
        }
        if upload.name:
            doc["file_name"] = upload.name
        if upload.content_type:
            doc["mime_type"] = upload.content_type
        return doc

    def _input_file(self, params: dict[str, Any], files: dict[str, UploadedFile], key: str) -> UploadedFile:
        value = params.get(key)
        if isinstance(value, str) and value.startswith("attach://"):
            upload = files.get(value.removeprefix("attach://"))
        elif key in files:
            upload = files[key]
        elif isinstance(value, str) and value in self.files:
            upload = self.files[value]  # re-sending by file_id
        elif isinstance(value, str) and value.startswith(("http://", "https://")):
            upload = UploadedFile("", "", value.rsplit("/", 1)[-1] or None, b"", None)
        else:
            upload = None
        if upload is None:
            raise bad_request(
                f"there is no {key} in the request" if value is None else "wrong file identifier/HTTP URL specified"
            )
        if not upload.file_id:
            folder = "photos" if key == "photo" else "documents"
            upload = self._register_file(upload.name, upload.data, upload.content_type, folder, "")
        return upload

    # ----- API methods (params already decoded; raise ApiError like Telegram) -----

    @staticmethod
    def _ok(params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self.webhook_url = str(params.get("url") or "")
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self.webhook_url = ""
        if as_bool(params, "drop_pending_updates") and self._pending:
            self._acked_up_to = max(self._acked_up_to, self._pending[-1]["update_id"])
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._pending)}

    def _send_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        content, raw = self._text_content(params, "text")
        return self._send("sendMessage", params, content, raw)

    def _send_location(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        lat, lon = _lat_lon(params)
        return self._send("sendLocation", params, {"location": {"latitude": lat, "longitude": lon}}, None,
                          location=(lat, lon))  # fmt: skip

    def _send_venue(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        lat, lon = _lat_lon(params)
        title, address = params.get("title"), params.get("address")
        if not title:
            raise bad_request("title is empty")
        if not address:
            raise bad_request("address is empty")
        location = {"latitude": lat, "longitude": lon}
        venue = {"location": location, "title": str(title), "address": str(address)}
        return self._send("sendVenue", params, {"venue": venue, "location": location}, None, location=(lat, lon),
                          venue=(str(title), str(address)))  # fmt: skip

    def _send_photo(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        self._chat_for(params)  # Telegram checks the chat before looking at the upload
        upload = self._input_file(params, files, "photo")
        caption, raw = self._text_content(params, "caption")
        content = {"photo": self._photo_sizes(upload), **caption}
        return self._send("sendPhoto", params, content, raw, photo=True, file=upload)

    def _send_document(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        self._chat_for(params)
        upload = self._input_file(params, files, "document")
        caption, raw = self._text_content(params, "caption")
        content = {"document": self._document_json(upload), **caption}
        return self._send("sendDocument", params, content, raw, document=upload.name or "", file=upload)

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._chat_for(params)
        if not params.get("action"):
            raise bad_request("wrong parameter action in request")
        return True

    def _edited(self, method: str, chat: Chat, stored: StoredMessage, content: dict[str, Any],
                params: dict[str, Any], raw_text: str | None, text_key: str | None) -> dict[str, Any]:  # fmt: skip
        new = {k: v for k, v in stored.data.items() if k not in ("reply_markup", "edit_date")}
        if text_key is not None:
            for key in (text_key, "entities", "caption_entities"):
                new.pop(key, None)
        new.update(content)
        old_cmp = {k: v for k, v in stored.data.items() if k != "edit_date"}
        if new == old_cmp:
            raise bad_request(NOT_MODIFIED)
        new["edit_date"] = int(time.time())
        stored.data = new
        if text_key is not None:
            stored.raw_text, stored.parse_mode = raw_text, params.get("parse_mode")
        plain = new.get("text", new.get("caption")) if text_key else None
        self._event(method, chat, stored, params, text=raw_text, plain_text=plain)
        return copy.deepcopy(new)

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat = self._chat_for(params)
        stored = self._bot_message(chat, params, "message to edit not found")
        if not stored.from_bot:
            raise bad_request("message can't be edited")
        if "text" not in stored.data:
            raise bad_request("there is no text in the message to edit")
        content, raw = self._text_content(params, "text")
        # Like Telegram: an edit without reply_markup removes the inline keyboard
        content.update(self._markup_content(params))
        return self._edited("editMessageText", chat, stored, content, params, raw, "text")

    def _edit_message_caption(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat = self._chat_for(params)
        stored = self._bot_message(chat, params, "message to edit not found")
        if not stored.from_bot:
            raise bad_request("message can't be edited")
        if "text" in stored.data:
            raise bad_request("there is no caption in the message to edit")
        content, raw = self._text_content(params, "caption")
        content.update(self._markup_content(params))
        return self._edited("editMessageCaption", chat, stored, content, params, raw, "caption")

    def _edit_message_reply_markup(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        chat = self._chat_for(params)
        stored = self._bot_message(chat, params, "message to edit not found")
        if not stored.from_bot:
            raise bad_request("message can't be edited")
        content = self._markup_content(params)
        return self._edited("editMessageReplyMarkup", chat, stored, content, params, None, None)

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat = self._chat_for(params)
        stored = self._bot_message(chat, params, "message to delete not found")
        stored.deleted = True
        self._event("deleteMessage", chat, stored, params)
        return True

    def _delete_messages(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat = self._chat_for(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not ids:
            raise bad_request("message_ids is empty")
        for message_id in ids:
            stored = chat.messages.get(int(message_id))
            if stored is not None and not stored.deleted:
                stored.deleted = True
                self._event("deleteMessage", chat, stored, {**params, "message_id": int(message_id)})
        return True

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        query = self.callback_queries.get(str(params.get("callback_query_id") or ""))
        if query is None or query.answer is not None:
            raise bad_request(QUERY_INVALID)
        query.answer = {
            "text": params.get("text"),
            "show_alert": as_bool(params, "show_alert"),
            "url": params.get("url"),
            "cache_time": as_int(params, "cache_time", 0),
        }
        return True

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_NAME.match(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> list[dict[str, Any]]:
        return self.commands_for(str(params.get("language_code") or ""), params.get("scope"))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self.commands.pop((_scope_key(params.get("scope")), str(params.get("language_code") or "")), None)
        return True

    def _setter(self, field_name: str) -> ApiMethod:
        def set_value(params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
            self.descriptions[(field_name, str(params.get("language_code") or ""))] = str(params.get(field_name) or "")
            return True

        return set_value

    def _getter(self, field_name: str) -> ApiMethod:
        def get_value(params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, str]:
            lang = str(params.get("language_code") or "")
            value = self.descriptions.get((field_name, lang), self.descriptions.get((field_name, ""), ""))
            if field_name == "name" and not value:
                value = self.bot_name
            return {field_name: value}

        return get_value

    def _get_chat(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        try:
            chat = self._chat_for(params)
        except ApiError as exc:
            if exc.error_code == 403:
                raise bad_request("chat not found") from None
            raise
        return {
            **chat.data,
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        file_id = str(params.get("file_id") or "")
        # the thumbnail PhotoSize shares the bytes of the full-size photo
        upload = self.files.get(file_id) or self.files.get(file_id.removesuffix("s"))
        if upload is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": upload.file_unique_id,
            "file_size": upload.size,
            "file_path": upload.file_path,
        }

    def file_by_path(self, path: str) -> UploadedFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)


def _scope_key(scope: Any) -> str:
    if isinstance(scope, str):
        try:
            scope = json.loads(scope)
        except ValueError:
            return scope
    if not scope or scope == {"type": "default"}:
        return "default"
    return json.dumps(scope, sort_keys=True)


def _lat_lon(params: dict[str, Any]) -> tuple[float, float]:
    lat, lon = as_float(params, "latitude"), as_float(params, "longitude")
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise bad_request("wrong coordinates")
    return lat, lon


def _image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG (what charts are), else a plausible photo size."""
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return int(width), int(height)
    return 800, 600
