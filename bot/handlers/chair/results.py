"""/ketqua: results per constituency from the locked count sheets (or imported official figures).

For a chair: the constituencies owned by their unit or below; a review (turnout, valid ballots, votes and % per
candidate, winners, repeat/additional election, unresolved ties); "Công bố" → confirmation → a published
``ConstituencyResult`` and a result announcement to the voters subscribed in the constituency. A published
result is replaced only by an explicit republication with a reason.

For everyone else: ``show_voter_results(t)`` answers with the published results of the constituencies of the
user's saved polling area (``users.home_area_id``).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import encode, pattern
from bot.context import BotApplication, BotContext
from bot.delivery import Outgoing, enqueue
from bot.domain import chair_results
from bot.domain.countsheet import CountSheetInput
from bot.domain.results import Candidate as RuleCandidate
from bot.handlers.start import refuse_button
from bot.i18n import N_, Translator, get_translator
from bot.runtime import Services
from bot.turn import Button, Turn, esc, open_turn
from db.models import AdminUnit, Announcement, Constituency, ConstituencyResult, Contest, PollingArea
from db.queries.chair import (
    candidates_of,
    constituencies_owned,
    constituency_areas,
    latest_result,
    locked_sheets,
    next_result_version,
    published_for_area,
    published_ids,
    sheet_progress,
    voter_recipients,
)
from db.queries.elections import active_election

from .common import chair_callback, unit_name, within

PAGE = 8
REASON_FLOW = "result_reason"
RESULT_PRIORITY = 6


# --- computing ------------------------------------------------------------------------------------------------------


async def review_data(session: AsyncSession, constituency: Constituency, contest: Contest) -> dict[str, Any] | None:
    """The result to review: a newer draft imported from a file, else the sum of the current locked sheets."""
    draft = await latest_result(session, constituency.id)
    if draft is not None and draft.status == "draft" and draft.source == "import":
        return dict(draft.data)
    areas = await constituency_areas(session, constituency.id)
    sheets = await locked_sheets(session, constituency.id)
    candidates = await candidates_of(session, constituency.id)
    by_id = {c.id: c.code for c in candidates}
    inputs = [
        CountSheetInput(
            total_voters=s.total_voters,
            voted=s.voted,
            ballots_issued=s.ballots_issued,
            ballots_received=s.ballots_received,
            valid=s.valid,
            invalid=s.invalid,
            votes={by_id[c]: v for c, v in votes.items() if c in by_id},
            seats=constituency.seats,
        )
        for s, votes in sheets
    ]
    rule_candidates = [RuleCandidate(c.code, c.full_name, c.date_of_birth) for c in candidates]
    kind = "na" if contest.kind == "na" else "hdnd"
    try:
        return chair_results.from_sheets(kind, constituency.seats, inputs, rule_candidates, areas_total=len(areas))
    except ValueError:
        return None


def fingerprint(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=True).encode()).hexdigest()[:12]


# --- formatting -----------------------------------------------------------------------------------------------------


def title(tr: Translator, constituency: Constituency, contest: Contest) -> str:
    return tr.gettext(N_("{contest} — {constituency}")).format(
        contest=esc(contest.name), constituency=esc(constituency.name)
    )


def result_text(tr: Translator, constituency: Constituency, contest: Contest, data: dict[str, Any]) -> str:
    """The result in HTML (names escaped)."""
    lines = [tr.gettext(N_("🏁 <b>Kết quả bầu cử: {title}</b>")).format(title=title(tr, constituency, contest))]
    if data.get("source") == "import":
        lines.append(tr.gettext(N_("(Số liệu chính thức nhập từ tệp.)")))
    elif not data.get("complete"):
        lines.append(
            tr.gettext(N_("⏳ <b>Số liệu tạm tính</b>: {done}/{total} khu vực bỏ phiếu đã có biên bản.")).format(
                done=tr.number(int(data.get("areas_in", 0))), total=tr.number(int(data.get("areas_total", 0)))
            )
        )
    lines.append(tr.gettext(N_("Số đại biểu được bầu: {n}")).format(n=tr.number(int(data["seats"]))))
    lines.append(
        tr.gettext(N_("Cử tri: {registered} · Đã bỏ phiếu: {voted} ({percent})")).format(
            registered=tr.number(int(data["registered"])),
            voted=tr.number(int(data["voted"])),
            percent=tr.percent(_dec(data.get("turnout_percent"))),
        )
    )
    lines.append(
        tr.gettext(N_("Phiếu hợp lệ: {valid} · Phiếu không hợp lệ: {invalid}")).format(
            valid=tr.number(int(data["valid"])), invalid=tr.number(int(data["invalid"]))
        )
    )
    lines.append("")
    for index, c in enumerate(data.get("candidates", []), start=1):
        mark = "✅ " if c.get("elected") else ("⚖️ " if c.get("tied") else "")
        line = tr.gettext(N_("{n}. {mark}{name}: {votes} phiếu ({percent})")).format(
            n=index,
            mark=mark,
            name=esc(c["name"]),
            votes=tr.number(int(c["votes"])),
            percent=tr.percent(_dec(c.get("percent"))),
        )
        if c.get("elected"):
            line += tr.gettext(N_(" — trúng cử"))
        lines.append(line)
    lines.append("")
    names = {c["key"]: c["name"] for c in data.get("candidates", [])}
    if not data.get("stands"):
        lines.append(
            tr.gettext(
                N_("⚠️ <b>Cần bầu cử lại</b>: số cử tri đã bỏ phiếu chưa quá một nửa tổng số cử tri trong danh sách.")
            )
        )
    else:
        winners = [esc(names.get(k, k)) for k in data.get("winners", [])]
        if winners:
            lines.append(tr.gettext(N_("<b>Người trúng cử</b>: {names}.")).format(names=", ".join(winners)))
        else:
            lines.append(tr.gettext(N_("Không có người ứng cử nào được quá một nửa số phiếu hợp lệ.")))
        tied = [esc(names.get(k, k)) for k in data.get("tie_unresolved", [])]
        if tied:
            lines.append(
                tr.gettext(
                    N_(
                        "⚖️ Hòa phiếu cho {seats} ghế cuối mà tuổi không phân định được: {names}. Ủy ban bầu cử quyết định."
                    )
                ).format(seats=tr.number(int(data.get("seats_pending", 0))), names=", ".join(tied))
            )
        if data.get("needs") == "additional":
            lines.append(
                tr.gettext(N_("⚠️ <b>Cần bầu cử thêm</b>: còn {n} ghế chưa có người trúng cử.")).format(
                    n=tr.number(int(data.get("seats_unfilled", 0)))
                )
            )
    return "\n".join(lines).rstrip()


def _dec(value: Any) -> Any:
    from decimal import Decimal

    return Decimal(value) if value is not None else None


# --- chair views ----------------------------------------------------------------------------------------------------


async def _owned(t: Turn, units: list[AdminUnit]) -> list[tuple[Constituency, Contest]]:
    election = await active_election(t.session)
    if election is None:
        return []
    found: dict[int, tuple[Constituency, Contest]] = {}
    for u in units:
        for c, k in await constituencies_owned(t.session, election.id, u.path):
            found.setdefault(c.id, (c, k))
    return list(found.values())


async def _list(t: Turn, units: list[AdminUnit], page: int, *, edit: bool) -> None:
    owned = await _owned(t, units)
    if not owned:
        t.reply(t._("Không có đơn vị bầu cử nào do đơn vị của bạn phụ trách."))
        return
    pages = (len(owned) + PAGE - 1) // PAGE
    page = min(max(page, 0), pages - 1)
    shown = owned[page * PAGE : (page + 1) * PAGE]
    ids = [c.id for c, _k in shown]
    progress = await sheet_progress(t.session, ids)
    published = await published_ids(t.session, ids)
    names = ", ".join(unit_name(t.tr, u) for u in units)
    lines = [t._("🏁 <b>Kết quả bầu cử</b> — các đơn vị bầu cử do {unit} phụ trách:").format(unit=esc(names))]
    buttons: list[list[Button]] = []
    for index, (c, k) in enumerate(shown, start=page * PAGE + 1):
        done, total = progress.get(c.id, (0, 0))
        state = t._("✅ đã công bố") if c.id in published else t._("chưa công bố")
        lines.append(
            t._("{n}. {title}: {done}/{total} khu vực có biên bản · {state}").format(
                n=index, title=title(t.tr, c, k), done=t.tr.number(done), total=t.tr.number(total), state=state
            )
        )
        buttons.append([Button(f"{index}. {k.name} — {c.name}"[:60], encode("kqc", c.id))])
    nav = []
    if page > 0:
        nav.append(Button(t._("◀ Trang trước"), encode("kql", page - 1)))
    if page < pages - 1:
        nav.append(Button(t._("Trang sau ▶"), encode("kql", page + 1)))
    if nav:
        buttons.append(nav)
    (t.edit if edit else t.reply)("\n".join(lines), buttons)


async def _load_owned(t: Turn, units: list[AdminUnit], constituency_id: int) -> tuple[Constituency, Contest] | None:
    """The constituency if its owning unit lies within the chair's units; else refuses the button (logged)."""
    constituency = await t.session.get(Constituency, constituency_id)
    owner = await t.session.get(AdminUnit, constituency.unit_id) if constituency else None
    if constituency is None or owner is None or not within(units, owner.path):
        await refuse_button(t, "outside jurisdiction")
        return None
    contest = await t.session.get(Contest, constituency.contest_id)
    assert contest is not None
    return constituency, contest


async def _review(t: Turn, constituency: Constituency, contest: Contest) -> None:
    data = await review_data(t.session, constituency, contest)
    if data is None:
        t.edit(
            t._("Đơn vị bầu cử {title} chưa có biên bản kiểm phiếu nào đã khóa.").format(
                title=title(t.tr, constituency, contest)
            ),
            [[Button(t._("⬅ Danh sách"), encode("kql", 0))]],
        )
        return
    text = result_text(t.tr, constituency, contest, data)
    published = await latest_result(t.session, constituency.id, "published")
    fp = fingerprint(data)
    buttons: list[list[Button]] = []
    if published is not None:
        text += "\n\n" + t._("📢 Đã công bố lúc {time} (lần {version}).").format(
            time=t.tr.datetime(published.published_at or published.computed_at), version=published.version
        )
        if fingerprint(dict(published.data)) != fp and data.get("complete", True):
            text += "\n" + t._("Số liệu hiện tại khác với kết quả đã công bố.")
            buttons.append([Button(t._("📢 Công bố lại (cần lý do)"), encode("kqr", constituency.id, fp))])
    elif data.get("complete") or data.get("source") == "import":
        buttons.append([Button(t._("📢 Công bố"), encode("kqp", constituency.id, fp))])
    else:
        text += "\n\n" + t._("Chỉ công bố được khi tất cả khu vực bỏ phiếu đã có biên bản đã khóa.")
    buttons.append([Button(t._("⬅ Danh sách"), encode("kql", 0))])
    t.edit(text, buttons)


async def _confirm(t: Turn, constituency: Constituency, contest: Contest, fp: str) -> None:
    election = await active_election(t.session)
    areas = await constituency_areas(t.session, constituency.id)
    people = await voter_recipients(t.session, election.id if election else None, areas)
    text = t._(
        "Bạn sắp <b>công bố</b> kết quả {title} và gửi thông báo kết quả tới {n} cử tri đã đăng ký nhận tin. "
        "Sau khi công bố, chỉ có thể công bố lại kèm lý do. Bạn xác nhận?"
    ).format(title=title(t.tr, constituency, contest), n=t.tr.number(len(people)))
    reason = t.state.get("reason") if t.state.get("flow") == REASON_FLOW else None
    if reason:
        text += "\n" + t._("Lý do công bố lại: {reason}").format(reason=esc(reason))
    t.reply(
        text,
        [
            [Button(t._("✅ Xác nhận công bố"), encode("kqy", constituency.id, fp))],
            [Button(t._("Hủy"), encode("kqn"))],
        ],
    )


async def publish(
    t: Turn, constituency: Constituency, contest: Contest, data: dict[str, Any], reason: str | None
) -> ConstituencyResult:
    """Store the published result (superseding an earlier one) and enqueue the announcement to the voters."""
    previous = await latest_result(t.session, constituency.id, "published")
    if previous is not None:
        previous.status = "superseded"
    draft = await latest_result(t.session, constituency.id)
    if draft is not None and draft.status == "draft" and draft.source == "import" and dict(draft.data) == data:
        result = draft
    else:
        result = ConstituencyResult(
            constituency_id=constituency.id,
            version=await next_result_version(t.session, constituency.id),
            source=str(data.get("source") or "count_sheets"),
            data=data,
            computed_at=t.now,
        )
        t.session.add(result)
    result.status = "published"
    result.published_at = t.now
    result.published_by = t.user.id
    result.reason = reason
    await t.session.flush()
    election = await active_election(t.session)
    areas = await constituency_areas(t.session, constituency.id)
    people = await voter_recipients(t.session, election.id if election else None, areas)
    texts = {
        lang: result_text(get_translator(lang, t.services.settings.timezone), constituency, contest, data)
        for lang in {p[2] for p in people} | {"vi"}
    }
    ann = Announcement(
        election_id=election.id if election else None,
        unit_id=constituency.unit_id,
        author_id=t.user.id,
        audience="voters",
        kind="result",
        text=texts["vi"],
        status="sending",
        scheduled_at=t.now,
        started_at=t.now,
        created_at=t.now,
        recipients=len(people),
    )
    t.session.add(ann)
    await t.session.flush()
    await enqueue(
        t.session,
        [
            Outgoing(
                key=f"result:{result.id}:{user_id}",
                kind="result",
                user_id=user_id,
                chat_id=chat_id,
                text=texts.get(lang, texts["vi"]),
                due_at=t.now,
                priority=RESULT_PRIORITY,
                ref_id=ann.id,
            )
            for user_id, chat_id, lang in people
        ],
        t.now,
    )
    await t.audit(
        "result_published", constituency_id=constituency.id, result_id=result.id, version=result.version, reason=reason
    )
    return result


async def ketqua_command(update: Update, context: BotContext) -> None:
    """/ketqua: the chair's constituencies, or for a voter the published results of their constituencies."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        from db.queries.chair import chair_units

        units = await chair_units(t.session, t.user.id)
        if not units:
            await show_voter_results(t)
            return
        await _list(t, units, 0, edit=False)


async def result_button(update: Update, context: BotContext) -> None:
    """kql:PAGE, kqc:ID (review), kqp:ID:FP (ask to confirm), kqr:ID:FP (republish: reason), kqy:ID:FP, kqn."""
    async with open_turn(update, context.services) as t:
        data_raw = update.callback_query.data if update.callback_query else ""
        if data_raw == "kqm":
            t.answer()
            await ketqua_menu(t)
            return
        got = await chair_callback(t)
        if got is None:
            return
        cb, units = got
        try:
            if cb.action == "kql":
                t.answer()
                await _list(t, units, cb.expect(1).int(0, maximum=10_000), edit=True)
                return
            if cb.action == "kqn":
                cb.expect(0)
                t.answer()
                if t.state.get("flow") == REASON_FLOW:
                    await t.clear_state()
                t.edit(t._("Đã hủy. Kết quả chưa được công bố."))
                return
            constituency_id = cb.int(0)
            if cb.action == "kqc":
                cb.expect(1)
                fp = ""
            else:
                fp = cb.expect(2).token(1)
        except ValueError:
            await refuse_button(t)
            return
        loaded = await _load_owned(t, units, constituency_id)
        if loaded is None:
            return
        constituency, contest = loaded
        t.answer()
        if cb.action == "kqc":
            await _review(t, constituency, contest)
            return
        data = await review_data(t.session, constituency, contest)
        if data is None or fingerprint(data) != fp:
            t.reply(t._("Số liệu đã thay đổi kể từ khi bạn xem. Vui lòng xem lại trước khi công bố."))
            return
        if not (data.get("complete") or data.get("source") == "import"):
            t.reply(t._("Chỉ công bố được khi tất cả khu vực bỏ phiếu đã có biên bản đã khóa."))
            return
        published = await latest_result(t.session, constituency.id, "published")
        reason_state = t.state if t.state.get("flow") == REASON_FLOW else {}
        has_reason = reason_state.get("constituency_id") == constituency.id and reason_state.get("reason")
        if cb.action == "kqr":
            if published is None:
                await _confirm(t, constituency, contest, fp)
                return
            await t.set_state(REASON_FLOW, constituency_id=constituency.id, fp=fp)
            t.reply(t._("Gõ lý do công bố lại kết quả (ví dụ: sửa biên bản khu vực số 2)."))
            return
        if cb.action == "kqp":
            if published is not None and not has_reason:
                t.reply(t._("Kết quả này đã được công bố. Muốn công bố lại, hãy bấm “Công bố lại” và ghi lý do."))
                return
            await _confirm(t, constituency, contest, fp)
            return
        # kqy: confirmed
        if published is not None and not has_reason:
            t.reply(t._("Kết quả này đã được công bố. Muốn công bố lại, hãy bấm “Công bố lại” và ghi lý do."))
            return
        reason = str(reason_state.get("reason")) if has_reason else None
        result = await publish(t, constituency, contest, data, reason)
        await t.clear_state()
        t.edit(
            t._("📢 Đã công bố kết quả {title} (lần {version}). Đang gửi thông báo tới cử tri đã đăng ký.").format(
                title=title(t.tr, constituency, contest), version=result.version
            )
        )
        t.services.kick()


async def reason_flow(t: Turn, text: str) -> bool:
    state = t.state
    reason = text.strip()
    if reason.lower() in ("huy", "hủy"):
        await t.clear_state()
        t.reply(t._("Đã hủy. Kết quả chưa được công bố."))
        return True
    if len(reason) < 5:
        t.reply(t._("Vui lòng ghi rõ lý do (ít nhất 5 ký tự)."))
        return True
    from db.queries.chair import chair_units

    units = await chair_units(t.session, t.user.id)
    constituency = await t.session.get(Constituency, int(state.get("constituency_id") or 0))
    owner = await t.session.get(AdminUnit, constituency.unit_id) if constituency else None
    if constituency is None or owner is None or not within(units, owner.path):
        await t.clear_state()
        return False
    contest = await t.session.get(Contest, constituency.contest_id)
    assert contest is not None
    await t.set_state(REASON_FLOW, constituency_id=constituency.id, fp=state.get("fp"), reason=reason[:500])
    await _confirm(t, constituency, contest, str(state.get("fp") or ""))
    return True


# --- voters -----------------------------------------------------------------------------------------------------------


async def voter_results_text(session: AsyncSession, tr: Translator, area_id: int | None) -> str:
    """What a voter sees for ``/ketqua``: the published results of the constituencies of their polling area."""
    if area_id is None:
        return tr.gettext(
            N_(
                "Bạn chưa chọn khu vực bỏ phiếu của mình. Hãy gõ tên thôn, tổ dân phố hoặc xã nơi bạn ở (hoặc gửi vị trí), "
                "rồi hỏi lại kết quả."
            )
        )
    area = await session.get(PollingArea, area_id)
    found = await published_for_area(session, area_id)
    if not found:
        return tr.gettext(N_("Chưa có kết quả nào được công bố cho các đơn vị bầu cử của {area}.")).format(
            area=esc(area.name if area else "")
        )
    return "\n\n".join(result_text(tr, c, k, dict(r.data)) for c, k, r in found)


async def show_voter_results(t: Turn) -> None:
    """Reply with the published results for the user's saved polling area (the voter assistant may call this)."""
    t.reply(await voter_results_text(t.session, t.tr, t.user.home_area_id))


async def ketqua_menu(t: Turn) -> None:
    from db.queries.chair import chair_units

    units = await chair_units(t.session, t.user.id)
    if units:
        await _list(t, units, 0, edit=False)
    else:
        await show_voter_results(t)


def register(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    services.add_command("ketqua", N_("Xem kết quả bầu cử"))
    services.add_menu("chair", N_("🏁 Kết quả"), encode("kqm"), 13)
    services.add_flow(REASON_FLOW, reason_flow)
    app.add_handler(CommandHandler(["ketqua", "results"], ketqua_command))
    app.add_handler(
        CallbackQueryHandler(result_button, pattern=pattern("kqm", "kql", "kqc", "kqp", "kqr", "kqy", "kqn"))
    )
