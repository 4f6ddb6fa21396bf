"""Typed settings, read from the environment or a ``.env`` file (pydantic-settings)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///baucu.db"


class Settings(BaseSettings):
    """Everything configurable about the bot; passed explicitly, never imported as a global."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = Field(default=None, description="Telegram bot token from @BotFather")
    database_url: str = Field(default=DEFAULT_DATABASE_URL, description="SQLAlchemy async URL")
    timezone: str = Field(default="Asia/Ho_Chi_Minh", description="Local time zone of the election")
    default_language: str = Field(default="vi", description="Language for users who have not chosen one")
    api_url: str | None = Field(default=None, description="Another Bot API server (base URL ending in /bot)")
    bot_username: str = Field(default="baucu_demo_bot", description="Used in invitation links")
    invite_pepper: SecretStr | None = Field(default=None, description="Secret mixed into stored invitation hashes")

    # scheduling
    tick_seconds: float = Field(default=15.0, description="How often due work is looked for")
    checkin_grace_minutes: int = Field(default=15, description="Minutes after a slot before teams are re-asked")
    escalation_grace_minutes: int = Field(default=15, description="Further minutes before escalating upwards")
    reminder_days_before: str = Field(default="3,1", description="Days before election day for voter reminders")
    reminder_morning_time: str = Field(default="06:30", description="Local time of the election-day reminder")
    reminder_evening_time: str = Field(default="19:00", description="Local time of the reminders on earlier days")

    # delivery
    broadcast_rate: float = Field(default=25.0, description="Messages per second overall (Telegram allows ~30)")
    paid_broadcast: bool = Field(default=False, description="Use Telegram's paid broadcast (allow_paid_broadcast)")

    log_level: str = Field(default="INFO")

    @field_validator("timezone")
    @classmethod
    def _valid_tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    @field_validator("default_language")
    @classmethod
    def _valid_lang(cls, value: str) -> str:
        if value not in ("vi", "en"):
            raise ValueError("default language must be vi or en")
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept plain URLs too: postgresql:// → postgresql+asyncpg://, sqlite:// → sqlite+aiosqlite://."""
        if value.startswith("postgres://"):
            value = "postgresql://" + value[len("postgres://") :]
        if value.startswith("postgresql://"):
            return "postgresql+asyncpg://" + value[len("postgresql://") :]
        if value.startswith("sqlite://") and not value.startswith("sqlite+"):
            return "sqlite+aiosqlite://" + value[len("sqlite://") :]
        return value

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def token(self) -> str | None:
        return self.bot_token.get_secret_value() if self.bot_token else None

    @property
    def reminder_days(self) -> list[int]:
        return sorted({int(x) for x in self.reminder_days_before.split(",") if x.strip()}, reverse=True)

    def sqlite_path(self) -> Path | None:
        if self.database_url.startswith("sqlite"):
            tail = self.database_url.split("///", 1)[-1]
            return None if tail in ("", ":memory:") else Path(tail)
        return None
