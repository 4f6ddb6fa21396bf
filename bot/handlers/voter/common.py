"""Shared pieces of the voter assistant: the active election, its facts, labels of units and contests."""

from __future__ import annotations

from bot.callbacks import encode
from bot.domain.knowledge import ElectionFacts, demo_note
from bot.i18n import N_
from bot.turn import Button, Turn, esc
from db.models import AdminUnit, Constituency, Contest, Election
from db.queries.elections import active_election

UNIT_KINDS: dict[str, str] = {
    "tinh": N_("tỉnh"),
    "thanh_pho_tw": N_("thành phố"),
    "huyen": N_("huyện"),
    "thi_xa": N_("thị xã"),
    "thanh_pho": N_("thành phố"),
    "quan": N_("quận"),
    "xa": N_("xã"),
    "phuong": N_("phường"),
    "thi_tran": N_("thị trấn"),
    "dac_khu": N_("đặc khu"),
}
# Vietnamese prefixes of unit names (for the place index, which strips them)
UNIT_PREFIX_VI: dict[str, str] = {
    "tinh": "Tỉnh",
    "thanh_pho_tw": "Thành phố",
    "huyen": "Huyện",
    "thi_xa": "Thị xã",
    "thanh_pho": "Thành phố",
    "quan": "Quận",
    "xa": "Xã",
    "phuong": "Phường",
    "thi_tran": "Thị trấn",
    "dac_khu": "Đặc khu",
}
CONTEST_LEVELS: dict[str, str] = {
    "national": N_("Đại biểu Quốc hội"),
    "province": N_("Đại biểu HĐND tỉnh"),
    "district": N_("Đại biểu HĐND huyện"),
    "commune": N_("Đại biểu HĐND xã"),
}


async def election_or_reply(t: Turn) -> Election | None:
    """The active election, or a polite reply that none is loaded yet."""
    election = await active_election(t.session)
    if election is None:
        t.reply(t._("Hiện chưa có dữ liệu cuộc bầu cử nào. Bạn vui lòng quay lại sau."))
    return election


def facts_of(election: Election) -> ElectionFacts:
    return ElectionFacts(
        name=election.name,
        name_en=election.name_en,
        election_date=election.election_date,
        voting_start=election.voting_start,
        voting_end=election.voting_end,
        edition=election.law_edition,
        is_demo=election.is_demo,
    )


def with_note(t: Turn, election: Election, text: str) -> str:
    """Answers drawn from demo data carry the notice that people and polling areas are illustrative."""
    note = demo_note(t.tr, facts_of(election))
    return f"{text}\n\n{note}" if note else text


def unit_name(t: Turn, name: str, kind: str) -> str:
    """ "xã Đồng Lạc" / "Đồng Lạc commune"-like label, escaped."""
    label = t._(UNIT_KINDS.get(kind, N_("xã")))
    if t.lang == "en":
        return f"{esc(name)} {label}"
    return f"{label} {esc(name)}"


def unit_label(t: Turn, unit: AdminUnit) -> str:
    return unit_name(t, unit.name, unit.kind)


def contest_label(t: Turn, contest: Contest) -> str:
    """ "Đại biểu HĐND huyện"; a commune council names its commune ("Đại biểu HĐND thị trấn Bằng Lũng"): a voter
    may see the lists of several communes, and a town is no "xã"."""
    if contest.level == "commune" and contest.unit is not None:
        return t._("Đại biểu HĐND {unit}").format(unit=unit_name(t, contest.unit.name, contest.unit.kind))
    return t._(CONTEST_LEVELS.get(contest.level, N_("Đại biểu HĐND xã")))


def constituency_button(t: Turn, constituency: Constituency, contest: Contest, action: str) -> Button:
    """A button for one constituency among several: "Đại biểu HĐND huyện · Đơn vị bầu cử số 2"."""
    return Button(f"{contest_label(t, contest)} · {constituency.name}"[:60], encode(action, constituency.id))


def hours(t: Turn, election: Election) -> str:
    return t._("{start}–{end}, {date}").format(
        start=t.tr.time(election.voting_start),
        end=t.tr.time(election.voting_end),
        date=t.tr.weekday_date(election.election_date),
    )
