"""Candidates: lists in ballot order per constituency, a card per candidate, search by name, "my candidates".

Neutral by construction: candidates are only ever shown in ballot order, never ranked, filtered or recommended.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.voter_ballot import explain, marking_rule
from bot.domain.voter_constituency import ConstituencyRef, Option, decide, narrow
from bot.handlers.start import button_handler
from bot.handlers.voter.common import (
    constituency_button,
    contest_label,
    election_or_reply,
    unit_label,
    with_note,
)
from bot.handlers.voter.place_index import get_places
from bot.i18n import N_
from bot.turn import Button, Turn, esc, open_turn
from db.models import AdminUnit, Candidate, Constituency, Contest, Election
from db.queries import voter as q

GENDERS = {"nam": N_("nam"), "nu": N_("nữ")}


def marking_text(t: Turn, seats: int, candidates: int) -> str:
    template, params = explain(marking_rule(seats, candidates))
    return "✍️ " + t._(template).format(**{k: t.tr.number(v) for k, v in params.items()})


def _short(t: Turn, c: Candidate) -> str:
    return t._("{order}. <b>{name}</b> — {year}, {gender}, {occupation}").format(
        order=c.ballot_order,
        name=esc(c.full_name),
        year=c.date_of_birth.year,
        gender=t._(GENDERS.get(c.gender, N_("nam"))),
        occupation=esc(c.occupation),
    )


async def show_constituency(t: Turn, election: Election, constituency_id: int) -> bool:
    found = await q.election_constituency(t.session, election.id, constituency_id)
    if found is None:
        return False
    cons, contest = found
    people = await q.candidates_of(t.session, cons.id)
    lines = [
        t._("<b>{contest}</b> — {constituency}: bầu {seats} trong {n} người ứng cử.").format(
            contest=contest_label(t, contest),
            constituency=esc(cons.name),
            seats=t.tr.number(cons.seats),
            n=t.tr.number(len(people)),
        ),
        t._("Danh sách theo thứ tự trên phiếu bầu:"),
    ]
    lines += [_short(t, c) for c in people]
    lines.append("")
    lines.append(marking_text(t, cons.seats, len(people)))
    buttons = [Button(f"{c.ballot_order}. {c.full_name}"[:60], encode("vcand", c.id)) for c in people]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    t.reply(with_note(t, election, "\n".join(lines)), rows)
    return True


async def show_candidate(t: Turn, election: Election, candidate_id: int) -> bool:
    c = await q.election_candidate(t.session, election.id, candidate_id)
    if c is None:
        return False
    found = await q.election_constituency(t.session, election.id, c.constituency_id)
    if found is None:
        return False
    cons, contest = found
    yes, no = t._("có"), t._("không")
    lines = [
        f"👤 <b>{esc(c.full_name)}</b>",
        t._("{contest} — {constituency}, số thứ tự trên phiếu: {order}").format(
            contest=contest_label(t, contest), constituency=esc(cons.name), order=c.ballot_order
        ),
        "",
        t._("Ngày sinh: {date}").format(date=t.tr.date(c.date_of_birth)),
        t._("Giới tính: {gender}").format(gender=t._(GENDERS.get(c.gender, N_("nam")))),
        t._("Dân tộc: {value}").format(value=esc(c.ethnicity)),
        t._("Tôn giáo: {value}").format(value=esc(c.religion)),
        t._("Quê quán: {value}").format(value=esc(c.hometown)),
        t._("Nơi ở: {value}").format(value=esc(c.residence)),
        t._("Trình độ: {value}").format(value=esc(c.education)),
        t._("Nghề nghiệp, chức vụ: {value}").format(value=esc(c.occupation)),
        t._("Nơi công tác: {value}").format(value=esc(c.workplace)),
        t._("Đảng viên: {value}").format(
            value=(t._("có, vào Đảng ngày {date}").format(date=t.tr.date(c.party_joined)) if c.party_joined else yes)
            if c.party_member
            else no
        ),
        t._("Đang là đại biểu: {value}").format(
            value=(esc(c.incumbent_note) if c.incumbent_note else yes) if c.incumbent else no
        ),
    ]
    if c.biography.strip():
        lines += ["", "<b>" + t._("Tiểu sử") + "</b>", esc(c.biography.strip())]
    if c.programme.strip():
        lines += ["", "<b>" + t._("Chương trình hành động") + "</b>", esc(c.programme.strip())]
    t.reply(
        with_note(t, election, "\n".join(lines)),
        [[Button("◀️ " + t._("Danh sách của đơn vị này"), encode("vcons", cons.id))]],
    )
    return True


async def my_candidates(t: Turn, election: Election) -> None:
    """Every ballot of the saved polling area, each with its candidates in ballot order."""
    area = await q.election_area(t.session, election.id, t.user.home_area_id) if t.user.home_area_id else None
    if area is None or not await area_candidates(t, election, area.id, mine=True):
        from bot.handlers.voter.where import ask_where

        await ask_where(
            t,
            election,
            intro=t._(
                "Để xem người ứng cử trên các phiếu của bạn, trước hết hãy tìm nơi bỏ phiếu: gõ tên thôn, tổ dân phố "
                "hoặc xã của bạn, chọn theo danh sách, hoặc gửi vị trí. Bạn cũng có thể gõ tên một người ứng cử."
            ),
        )
        return


async def area_candidates(t: Turn, election: Election, area_id: int, *, mine: bool = False) -> bool:
    """Every ballot of one polling area (the saved one when ``mine``), each with its candidates in ballot order."""
    area = await q.election_area(t.session, election.id, area_id)
    if area is None:
        return False
    ballots = await q.area_ballots(t.session, area.id)
    if mine:
        intro = t._("Người ứng cử trên các phiếu bầu của bạn ({area}):").format(area=esc(area.name))
    else:
        commune = await t.session.get(AdminUnit, area.commune_id)
        intro = t._("Người ứng cử trên các phiếu bầu ở {area} ({commune}):").format(
            area=esc(area.name), commune=unit_label(t, commune) if commune else ""
        )
    lines = [intro]
    rows = []
    for b in ballots:
        people = await q.candidates_of(t.session, b.constituency.id)
        lines.append("")
        lines.append(
            t._("<b>{contest}</b> — {constituency}: bầu {seats} trong {n} người").format(
                contest=contest_label(t, b.contest),
                constituency=esc(b.constituency.name),
                seats=t.tr.number(b.constituency.seats),
                n=t.tr.number(len(people)),
            )
        )
        lines += [f"{c.ballot_order}. {esc(c.full_name)}" for c in people]
        lines.append(marking_text(t, b.constituency.seats, len(people)))
        rows.append([Button("🗳 " + contest_label(t, b.contest), encode("vcons", b.constituency.id))])
    t.reply(with_note(t, election, "\n".join(lines)), rows)
    return True


async def answer_list_request(t: Turn, election: Election, ref: ConstituencyRef, place_key: str | None) -> str:
    """The candidates of the constituency a message names by level, number and place ("ứng viên hđnd tỉnh đơn vị
    số 8", "ứng viên quốc hội ở Chợ Đồn"): the list(s) ("answer"), buttons to choose ("choices"), or a question
    ("ask"). A missing or ambiguous level is asked, never guessed."""
    pool: list[tuple[Constituency, Contest]] | None = None
    if place_key is not None:
        kind, raw = place_key.split(":")
        if kind == "area":
            pool = [(b.constituency, b.contest) for b in await q.area_ballots(t.session, int(raw))]
        else:
            unit = await t.session.get(AdminUnit, int(raw))
            if unit is not None:
                pool = [(k, c) for c, k in await q.constituencies_for_areas(t.session, election.id, unit.path)]
        if pool is not None and ref.number is not None and not narrow(_options(pool), ref):
            pool = None  # "đơn vị số 1 Bắc Kạn": the place only says where the numbered constituency is
    elif t.user.home_area_id and (ref.mine or ref.number is None or ref.level == "commune"):
        pool = [(b.constituency, b.contest) for b in await q.area_ballots(t.session, t.user.home_area_id)]
    if pool is None:
        if ref.level == "commune" or (ref.number is None and not ref.levels):
            if ref.mine or ref.number is None:
                await my_candidates(t, election)  # asks for the polling area first
                return "ask"
            t.reply(t._("Bạn hỏi HĐND xã, phường nào? Hãy gõ kèm tên xã, ví dụ: «ứng cử viên HĐND xã Đồng Lạc»."))
            return "ask"
        if ref.number is not None:
            pool = [(k, c) for k, c in await q.constituencies_numbered(t.session, election.id, ref.number)]
        else:
            pool = []
            for level in ref.levels:
                pool += await q.constituencies_of_level(t.session, election.id, level)
    by_id = {k.id: (k, c) for k, c in pool}
    found = narrow(_options(pool), ref)
    if ref.level is None and len(found) > 8:
        found = [o for o in found if o.level != "commune"] or found  # a commune council needs its commune named
    outcome = decide(found, ref)
    if outcome == "none":
        t.reply(t._("Không tìm thấy đơn vị bầu cử này trong dữ liệu. Bạn kiểm tra lại cấp và số đơn vị nhé."))
        return "answer"
    if outcome == "show":
        if (
            ref.position is not None
            and len(found) == 1
            and await _show_position(t, election, found[0].id, ref.position)
        ):
            return "answer"
        for o in found:
            await show_constituency(t, election, o.id)
        return "answer"
    rows = []
    for o in found[:8]:
        k, c = by_id[o.id]
        rows.append([constituency_button(t, k, c, "vcons")])
    t.reply(t._("Bạn muốn xem người ứng cử của đơn vị bầu cử nào?"), rows)
    return "choices"


async def _show_position(t: Turn, election: Election, constituency_id: int, position: int) -> bool:
    """The candidate at ``position`` on one constituency's ballot (their card); a position past the end of the
    ballot says how many names it has, then the list follows (False)."""
    people = await q.candidates_of(t.session, constituency_id)
    at = [c for c in people if c.ballot_order == position]
    if at:
        return await show_candidate(t, election, at[0].id)
    t.reply(
        t._("Phiếu bầu này chỉ có {n} người ứng cử, không có số thứ tự {position}.").format(
            n=t.tr.number(len(people)), position=position
        )
    )
    return False


def _options(pool: list[tuple[Constituency, Contest]]) -> list[Option]:
    seen: set[int] = set()
    out = []
    for k, c in pool:
        if k.id not in seen:
            seen.add(k.id)
            out.append(Option(k.id, c.level, k.number))
    return out


async def search_candidates(t: Turn, election: Election, query: str, *, quiet: bool = False) -> bool:
    """A candidate by name: one clear match → the card; several → buttons; none → False (or a reply)."""
    places = await get_places(t.services, t.session, election.id)
    matches = places.people.search(query, limit=12)
    called = places.person(query)
    if called.best is not None and called.best.entry.key not in {m.entry.key for m in matches if m.score >= 75}:
        matches = [called.best]  # called by surname and given name ("ông Lèo Tuấn")
    good = [m for m in matches if m.score >= 75]
    if not good:
        if not quiet:
            t.reply(t._("Không tìm thấy người ứng cử «{query}».").format(query=esc(query[:80])))
        return not quiet
    top = good[0].score
    best = [m for m in good if m.score >= top - 5]
    if good[0].exact and not any(m.exact for m in best[1:]):
        best = best[:1]  # "Hà Thanh Hoà" typed with its diacritics: Hà Thanh Hòa, not Hà Thanh Hoa
    ids = [int(m.entry.key.split(":")[1]) for m in best]
    if len(ids) == 1:
        return await show_candidate(t, election, ids[0])
    cands = [await q.election_candidate(t.session, election.id, i) for i in ids]
    cons = await q.constituencies_by_ids(t.session, [c.constituency_id for c in cands if c])
    rows = []
    for c in cands:
        if c is None or c.constituency_id not in cons:
            continue
        k, contest = cons[c.constituency_id]
        rows.append([Button(f"{c.full_name} · {contest_label(t, contest)}, {k.name}"[:60], encode("vcand", c.id))])
    t.reply(t._("Có {n} người ứng cử trùng hoặc gần giống tên này. Bạn chọn:").format(n=len(rows)), rows[:10])
    return True


async def candidates_command(update: Update, context: BotContext) -> None:
    """/ungcuvien [name]: my candidates, or search by name."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        election = await election_or_reply(t)
        if election is None:
            return
        query = " ".join(context.args or [])
        if query.strip():
            await search_candidates(t, election, query)
        else:
            await my_candidates(t, election)


@button_handler
async def candidates_button(t: Turn, cb: Callback) -> bool:
    """Buttons: vcons:constituency, vcand:candidate, vmine."""
    election = await election_or_reply(t)
    if election is None:
        t.answer()
        return True
    t.answer()
    ok = True
    if cb.action == "vcons":
        ok = await show_constituency(t, election, cb.expect(1).int(0))
    elif cb.action == "vcand":
        ok = await show_candidate(t, election, cb.expect(1).int(0))
    elif cb.action == "vmine":
        cb.expect(0)
        await my_candidates(t, election)
    else:
        raise BadCallback("unknown action")
    return ok


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_command("ungcuvien", N_("Người ứng cử ở nơi bạn bỏ phiếu"))
    app.add_handler(CommandHandler(["ungcuvien", "candidates"], candidates_command))
    app.add_handler(CallbackQueryHandler(candidates_button, pattern=pattern("vcons", "vcand", "vmine")))
