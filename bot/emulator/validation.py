"""Cheap versions of Telegram's own checks: HTML entity parsing, keyboards, parameter decoding."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.emulator.models import ApiError, bad_request

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64

# Fields Telegram documents as strings: never JSON-decode them, or a text of "123" would turn into an int.
TEXT_KEYS = frozenset(
    {
        "text", "caption", "title", "address", "description", "short_description", "name", "callback_query_id",
        "parse_mode", "url", "photo", "document", "video", "audio", "animation", "voice", "sticker", "thumbnail",
        "file_id", "inline_message_id", "foursquare_id", "foursquare_type", "google_place_id", "google_place_type",
        "language_code", "action", "secret_token", "ip_address", "phone_number", "first_name", "last_name", "vcard",
        "emoji", "business_connection_id", "message_effect_id", "certificate", "start_parameter", "payload",
        "currency", "provider_token", "question", "explanation", "custom_title", "button_text",
    }
)  # fmt: skip

_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:\s[^<>]*)?)>"
    r"|&(?P<ent>#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z]+);"
    r"|(?P<bad>[<&])"
)
_ATTR = re.compile(r"""([A-Za-z][A-Za-z0-9-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?""")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units (so emoji count twice)."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, pos: int) -> int:
    return len(text[:pos].encode("utf-8"))


def _entities_error(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Turn Telegram-HTML into (plain text, entities) the way the Bot API does, or raise its 400 error."""
    out: list[str] = []
    length = 0  # UTF-16 length of the plain text so far
    stack: list[tuple[str, int, dict[str, str]]] = []
    entities: list[dict[str, Any]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        chunk = text[pos : match.start()]
        out.append(chunk)
        length += utf16_len(chunk)
        pos = match.end()
        if match.group("bad"):
            char = match.group("bad")
            raise _entities_error(
                f"Unsupported start tag at byte offset {_byte_offset(text, match.start())}"
                if char == "<"
                else f"Character '&' at byte offset {_byte_offset(text, match.start())} must be escaped as &amp;"
            )
        if ent := match.group("ent"):
            if ent.startswith("#"):
                try:
                    decoded = chr(int(ent[2:], 16) if ent[1] in "xX" else int(ent[1:]))
                except (ValueError, OverflowError):
                    raise _entities_error(f'Unsupported HTML entity "&{ent};"') from None
            elif ent in _NAMED_ENTITIES:
                decoded = _NAMED_ENTITIES[ent]
            else:
                raise _entities_error(
                    f'Unsupported HTML entity "&{ent};" at byte offset {_byte_offset(text, match.start())}'
                )
            out.append(decoded)
            length += utf16_len(decoded)
            continue
        tag = match.group("tag").lower()
        offset = _byte_offset(text, match.start())
        if match.group("close"):
            if not stack:
                raise _entities_error(f"Unexpected end tag at byte offset {offset}")
            open_tag, start, attrs = stack.pop()
            if open_tag != tag:
                raise _entities_error(
                    f'Unmatched end tag at byte offset {offset}, expected "</{open_tag}>", found "</{tag}>"'
                )
            if length > start and not (open_tag == "a" and not attrs.get("href")):
                entities.append(_make_entity(open_tag, start, length - start, attrs))
            continue
        attrs = {
            m.group(1).lower(): next((g for g in m.groups()[1:] if g is not None), "")
            for m in _ATTR.finditer(match.group("attrs") or "")
        }
        if tag not in _TAG_ENTITY or (tag == "span" and attrs.get("class") != "tg-spoiler"):
            raise _entities_error(f'Unsupported start tag "{tag}" at byte offset {offset}')
        stack.append((tag, length, attrs))
    tail = text[pos:]
    out.append(tail)
    if stack:
        raise _entities_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _make_entity(tag: str, offset: int, length: int, attrs: dict[str, str]) -> dict[str, Any]:
    kind = _TAG_ENTITY[tag]
    if tag == "blockquote" and "expandable" in attrs:
        kind = "expandable_blockquote"
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if kind == "text_link":
        entity["url"] = attrs.get("href", "")
    if kind == "pre" and (lang := attrs.get("class", "")).startswith("language-"):
        entity["language"] = lang.removeprefix("language-")
    if kind == "custom_emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "0")
    return entity


def render_text(text: str, parse_mode: str | None, *, caption: bool = False) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text or caption and return what Telegram would store."""
    if parse_mode and parse_mode.upper() == "HTML":
        plain, entities = parse_html(text)
    else:
        # Markdown flavours are passed through unparsed: the bot uses HTML, so a full parser would be dead weight
        plain, entities = text, []
    if caption:
        if utf16_len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
    else:
        if not plain.strip():
            raise bad_request("message text is empty")
        if utf16_len(plain) > MAX_TEXT:
            raise bad_request("message is too long")
    return plain, entities


def check_reply_markup(markup: Any) -> dict[str, Any] | None:
    """Check a reply_markup object the way Telegram rejects broken ones; return it normalised."""
    if markup is None:
        return None
    if isinstance(markup, str):
        try:
            markup = json.loads(markup)
        except ValueError:
            raise bad_request("can't parse reply keyboard markup JSON object") from None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
        for row in rows:
            for button in row:
                if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                    raise bad_request("can't parse inline keyboard button: Text must be a String")
                if not button["text"].strip():
                    raise bad_request("BUTTON_TEXT_INVALID")
                data = button.get("callback_data")
                if data is not None and (not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA):
                    raise bad_request("BUTTON_DATA_INVALID")
                kinds = [k for k in button if k != "text"]
                if not kinds:
                    raise bad_request(
                        "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                    )
    elif "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise bad_request('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
    elif not ("remove_keyboard" in markup or "force_reply" in markup):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def inline_buttons(markup: dict[str, Any] | None) -> tuple[list[list[str]] | None, list[list[str | None]] | None]:
    if not markup or "inline_keyboard" not in markup:
        return None, None
    labels = [[b.get("text", "") for b in row] for row in markup["inline_keyboard"]]
    data = [[b.get("callback_data") for b in row] for row in markup["inline_keyboard"]]
    return labels, data


def reply_keyboard(markup: dict[str, Any] | None) -> list[list[str]] | None:
    if not markup or "keyboard" not in markup:
        return None
    return [[b if isinstance(b, str) else b.get("text", "") for b in row] for row in markup["keyboard"]]


def decode_form_value(key: str, value: str) -> Any:
    """Form bodies carry every field as a string and nested objects as JSON; decode like Telegram does."""
    if key in TEXT_KEYS:
        return value
    stripped = value.strip()
    if not stripped:
        return value
    if stripped[0] in "{[" or stripped in ("true", "false", "null") or re.fullmatch(r"-?\d+(\.\d+)?", stripped):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


def as_int(params: dict[str, Any], key: str, default: int | None = None, *, required: bool = False) -> int | None:
    value = params.get(key)
    if value is None or value == "":
        if required:
            raise bad_request(f"{key} is empty" if key != "chat_id" else "chat_id is empty")
        return default
    if isinstance(value, bool):
        return int(value)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {key} specified") from None


def as_float(params: dict[str, Any], key: str) -> float:
    try:
        return float(params[key])
    except KeyError:
        raise bad_request(f"{key} is empty") from None
    except (TypeError, ValueError):
        raise bad_request(f"invalid {key} specified") from None


def as_bool(params: dict[str, Any], key: str) -> bool:
    value = params.get(key)
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)
