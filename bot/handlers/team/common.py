"""What every polling-team feature shares: the user's areas, the permission check, the area picker, slots."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.callbacks import encode
from bot.domain.problems import Problem
from bot.domain.slots import slots_for
from bot.turn import Button, Turn, esc
from db.models import Election, PollingArea
from db.queries.team import area_with_election, areas_by_id

TEAM_FLOWS = frozenset({"checkin", "incident", "sheet", "join"})


@dataclass(frozen=True)
class Day:
    """The election day of an area: its report slots, opening and closing instants, time zone."""

    election: Election
    slots: list[datetime]
    opens: datetime
    closes: datetime

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.election.timezone)


def election_day(election: Election) -> Day:
    tz = ZoneInfo(election.timezone)
    slots = slots_for(election.election_date, election.voting_start, election.voting_end, tz)
    opens = datetime.combine(election.election_date, election.voting_start, tzinfo=tz)
    return Day(election, slots, opens, slots[-1])


async def team_area_ids(t: Turn) -> list[int]:
    """The areas this user is an active team member of."""
    return [r.polling_area_id for r in await t.roles() if r.role == "team" and r.polling_area_id is not None]


async def is_member(t: Turn, area_id: int) -> bool:
    """The permission check every team action makes (an area id from a button or state is never trusted alone)."""
    return area_id in await team_area_ids(t)


async def load_area(t: Turn, area_id: int) -> tuple[PollingArea, Day] | None:
    found = await area_with_election(t.session, area_id)
    if found is None:
        return None
    area, election = found
    return area, election_day(election)


def area_name(area: PollingArea) -> str:
    return f"{esc(area.name)} ({esc(area.code)})"


async def explain_join(t: Turn) -> None:
    """For a user without a team role who tries a team command."""
    t.reply(
        t._(
            "Chức năng này dành cho thành viên Tổ bầu cử. Nếu bạn là thành viên Tổ bầu cử, hãy xin Ủy ban nhân "
            "dân xã (phường, thị trấn) một mã mời, rồi gõ /join kèm mã đó, ví dụ: /join K7QF-M2XP-9A. Mỗi mã "
            "chỉ dùng được một lần."
        )
    )


async def refuse_area(t: Turn, area_id: int | None, action: str) -> None:
    """A command or typed step for an area the user is not a member of: log it and say so politely."""
    await t.audit("team_refused", area_id=area_id, what=action)
    t.reply(t._("Bạn không phải là thành viên Tổ bầu cử của khu vực này, nên không thể báo cáo cho khu vực đó."))


async def pick_area(t: Turn, action: str, *args: object) -> int | None:
    """The user's only area; with several, offer buttons ``tm_pick:<action>:<area>:<args>`` and return None."""
    ids = await team_area_ids(t)
    if not ids:
        await explain_join(t)
        return None
    if len(ids) == 1:
        return ids[0]
    areas = await areas_by_id(t.session, ids)
    rows = [
        [Button(f"{areas[i].name} ({areas[i].code})", encode("tm_pick", action, i, *args))]
        for i in sorted(ids, key=lambda x: areas[x].code)
        if i in areas
    ]
    t.reply(t._("Bạn là thành viên Tổ bầu cử của nhiều khu vực. Bạn muốn làm việc với khu vực nào?"), rows)
    return None


def render(t: Turn, problem: Problem) -> str:
    """A domain problem in the user's language, its numbers, percentages and times formatted, text escaped."""
    values: dict[str, str] = {}
    for key, value in problem.params.items():
        if isinstance(value, bool):
            values[key] = str(value)
        elif key.endswith("_percent") and isinstance(value, Decimal | int | float):
            values[key] = t.tr.percent(value)
        elif isinstance(value, int | Decimal):
            values[key] = t.tr.number(value)
        elif isinstance(value, datetime | time):
            values[key] = t.tr.time(value)
        elif value is None:
            values[key] = "—"
        else:
            values[key] = esc(value)
    return t._(problem.message).format(**values)


def slot_of(raw: object, day: Day) -> datetime | None:
    """A slot stored as ISO text (in the user's state), only if it is one of the day's slots."""
    if not isinstance(raw, str):
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value in day.slots else None


def message_is_media(t: Turn) -> bool:
    message = t.update.effective_message
    return bool(message and (message.photo or message.location or message.document))
