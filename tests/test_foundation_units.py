"""Unit tests of the small foundation modules: settings, clock, callback data, message splitting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.callbacks import BadCallback, decode, encode
from bot.clock import AdjustableClock
from bot.config import Settings
from bot.turn import esc, split_message


def test_settings_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_TOKEN", "DATABASE_URL", "TIMEZONE", "DEFAULT_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.database_url == "sqlite+aiosqlite:///baucu.db"
    assert s.timezone == "Asia/Ho_Chi_Minh"
    assert s.default_language == "vi"
    assert s.token is None
    assert s.reminder_days == [3, 1]


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:abc")
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1/x")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.token == "123:abc"
    assert s.database_url == "postgresql+asyncpg://postgres@127.0.0.1/x"
    assert "123:abc" not in repr(s)  # the token is a secret


def test_settings_rejects_bad_values() -> None:
    with pytest.raises(ValueError):
        Settings(_env_file=None, timezone="Mars/Base")  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        Settings(_env_file=None, default_language="fr")  # type: ignore[call-arg]


def test_clock_moves_forward_only() -> None:
    start = datetime(2021, 5, 23, 0, 0, tzinfo=UTC)
    clock = AdjustableClock(start)
    assert clock.now() == start
    clock.advance(timedelta(hours=2))
    assert clock.now() == start + timedelta(hours=2)
    with pytest.raises(ValueError):
        clock.set(start)
    with pytest.raises(ValueError):
        clock.set(datetime(2021, 5, 24))  # naive


def test_running_clock_advances() -> None:
    clock = AdjustableClock(datetime(2021, 5, 23, tzinfo=UTC), frozen=False)
    first = clock.now()
    assert clock.now() >= first


def test_callback_round_trip() -> None:
    data = encode("area", 12, "vi")
    assert data == "area:12:vi"
    cb = decode(data)
    assert cb.action == "area" and cb.int(0) == 12 and cb.token(1, {"vi", "en"}) == "vi"


@pytest.mark.parametrize(
    "forged",
    ["", None, "x" * 65, "area:12:<b>", "AREA:1", "area:-1", "area:1;drop", "a:" + "9" * 40, "ar ea:1"],
)
def test_forged_callback_data_is_refused(forged: str | None) -> None:
    with pytest.raises(BadCallback):
        cb = decode(forged)
        cb.int(0)


def test_callback_bounds() -> None:
    cb = decode("area:99999999999999999")
    with pytest.raises(BadCallback):
        cb.int(0)
    with pytest.raises(BadCallback):
        decode("area").int(0)
    with pytest.raises(ValueError):
        encode("area", "x" * 70)


def test_escape_user_markup() -> None:
    assert esc("<b>hi</b> & <script>") == "&lt;b&gt;hi&lt;/b&gt; &amp; &lt;script&gt;"


def test_split_message_keeps_every_character() -> None:
    text = "\n".join(f"dòng {i} " + "x" * 50 for i in range(300))
    parts = split_message(text, limit=1000)
    assert all(len(p) <= 1000 for p in parts)
    assert "\n".join(parts) == text
    assert split_message("y" * 2500, limit=1000) == ["y" * 1000, "y" * 1000, "y" * 500]
