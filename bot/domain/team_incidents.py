"""Incident categories and references (Telegram-free)."""

from __future__ import annotations

from bot.i18n import N_

# Fixed codes stored in ``incidents.category``; labels are N_-marked msgids translated when shown.
CATEGORIES: dict[str, str] = {
    "security": N_("🚨 An ninh, trật tự"),
    "ballots": N_("🗳 Phiếu bầu, biểu mẫu"),
    "equipment": N_("📦 Hòm phiếu, thiết bị"),
    "complaint": N_("🙋 Khiếu nại của cử tri"),
    "weather": N_("⛈ Thời tiết, mất điện"),
    "health": N_("🚑 Sức khỏe"),
    "other": N_("📌 Việc khác"),
}
MAX_DESCRIPTION = 2000
MIN_DESCRIPTION = 3


def incident_ref(incident_id: int) -> str:
    """The reference a team and a chair quote: SC-0001 (sự cố)."""
    return f"SC-{incident_id:04d}"


def clean_description(text: str) -> str | None:
    """The description as stored (trimmed, clipped), or None if it is too short to mean anything."""
    cleaned = (
        " ".join(text.split()) if "\n" not in text else "\n".join(line.rstrip() for line in text.strip().split("\n"))
    )
    cleaned = cleaned.strip()[:MAX_DESCRIPTION]
    return cleaned if len(cleaned) >= MIN_DESCRIPTION else None
