"""What every chair feature shares: who is a chair of what, unit names, the election day's slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.callbacks import BadCallback, Callback, decode
from bot.domain.slots import current_slot, slots_for, voting_window
from bot.handlers.start import refuse_button
from bot.i18n import N_, Translator
from bot.turn import Turn
from db.models import AdminUnit, Election
from db.queries.chair import chair_units, covers

UNIT_KINDS: dict[str, str] = {
    "tinh": N_("tỉnh {name}"),
    "thanh_pho_tw": N_("thành phố {name}"),
    "huyen": N_("huyện {name}"),
    "quan": N_("quận {name}"),
    "thi_xa": N_("thị xã {name}"),
    "thanh_pho": N_("thành phố {name}"),
    "xa": N_("xã {name}"),
    "phuong": N_("phường {name}"),
    "thi_tran": N_("thị trấn {name}"),
    "dac_khu": N_("đặc khu {name}"),
}

# computation that matters only on election day runs from this long before voting opens ...
BEFORE_OPENING = timedelta(hours=1)
# ... until this long after it closes (late final figures, escalations)
AFTER_CLOSING = timedelta(hours=4)


def unit_name(tr: Translator, unit: AdminUnit) -> str:
    """ "huyện Chợ Đồn" / "Chợ Đồn district" (not escaped)."""
    template = UNIT_KINDS.get(unit.kind)
    return tr.gettext(template).format(name=unit.name) if template else unit.name


@dataclass(frozen=True)
class Day:
    """The election day on the election's wall clock."""

    tz: ZoneInfo
    opens: datetime
    closes: datetime
    slots: list[datetime]

    def slot(self, now: datetime) -> datetime | None:
        return current_slot(now, self.slots)

    def active(self, now: datetime) -> bool:
        return self.opens - BEFORE_OPENING <= now <= self.closes + AFTER_CLOSING


def election_day(election: Election) -> Day:
    tz = ZoneInfo(election.timezone or "Asia/Ho_Chi_Minh")
    opens, closes = voting_window(election.election_date, election.voting_start, election.voting_end, tz)
    return Day(tz, opens, closes, slots_for(election.election_date, election.voting_start, election.voting_end, tz))


async def require_chair(t: Turn) -> list[AdminUnit]:
    """The units the user chairs; when none, says so (the caller then stops)."""
    units = await chair_units(t.session, t.user.id)
    if not units:
        await t.audit(
            "chair_refused", command=(t.update.effective_message.text or "")[:40] if t.update.effective_message else ""
        )
        t.reply(
            t._(
                "Chức năng này dành cho Chủ tịch Ủy ban bầu cử. Nếu bạn được mời, hãy bấm vào đường dẫn mời "
                "hoặc gõ /start kèm mã mời."
            )
        )
    return units


async def chair_callback(t: Turn) -> tuple[Callback, list[AdminUnit]] | None:
    """The pressed button's data and the presser's units; refuses (and logs) malformed data or a non-chair."""
    try:
        cb = decode(t.update.callback_query.data if t.update.callback_query else None)
    except BadCallback:
        await refuse_button(t)
        return None
    units = await chair_units(t.session, t.user.id)
    if not units:
        await refuse_button(t, "not a chair")
        return None
    return cb, units


def within(units: list[AdminUnit], path: str | None) -> bool:
    return covers(units, path)
