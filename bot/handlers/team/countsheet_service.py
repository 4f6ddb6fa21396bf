"""Count sheets (biên bản kết quả kiểm phiếu): a guided entry per contest of the area, field by field, checked at
once (``check_field``) and as a whole (``check_sheet``), a summary to confirm, then locked.

Progress lives in a draft ``CountSheet`` row (and its ``CountSheetVote`` rows), so the entry survives a restart
and can be resumed by any member of the team. Locking sets ``status="locked"``. A correction after locking needs a
reason and makes a new version (``supersedes_id``, ``correction_reason``); when it is locked the old version
becomes ``superseded`` and keeps its figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bot.callbacks import encode
from bot.domain.countsheet import (
    BALLOTS_ISSUED,
    BALLOTS_RECEIVED,
    INVALID,
    NUMBER_FIELDS,
    TOTAL_VOTERS,
    VALID,
    VOTED,
    CandidateRef,
    CountSheetInput,
    candidate_of,
    check_field,
    check_sheet,
    entry_order,
    summary,
)
from bot.domain.problems import Problem, errors
from bot.domain.turnout import MAX_COUNT, parse_count
from bot.i18n import N_
from bot.turn import Button, Turn, esc
from db.models import Candidate, Constituency, Contest, CountSheet, PollingArea
from db.queries.team import (
    area_contests,
    constituency_candidates,
    latest_closure,
    latest_sheets,
    set_sheet_vote,
    sheet_votes,
    voter_additions,
)

from .common import Day, area_name, is_member, load_area, refuse_area, render

FIELD_LABELS: dict[str, str] = {
    TOTAL_VOTERS: N_("Tổng số cử tri của khu vực bỏ phiếu"),
    VOTED: N_("Số cử tri đã tham gia bỏ phiếu"),
    BALLOTS_ISSUED: N_("Số phiếu phát ra"),
    BALLOTS_RECEIVED: N_("Số phiếu thu vào"),
    VALID: N_("Số phiếu hợp lệ"),
    INVALID: N_("Số phiếu không hợp lệ"),
}
MIN_REASON = 3


@dataclass
class SheetCtx:
    area: PollingArea
    day: Day
    contest: Contest
    constituency: Constituency
    candidates: list[Candidate]
    sheet: CountSheet
    votes: dict[int, int]
    checkin_final: int | None
    registered: int

    @property
    def refs(self) -> list[CandidateRef]:
        return [CandidateRef(str(c.id), c.ballot_order, c.full_name) for c in self.candidates]

    @property
    def fields(self) -> list[str]:
        return entry_order(self.refs)

    def data(self) -> CountSheetInput:
        s = self.sheet
        return CountSheetInput(
            total_voters=s.total_voters,
            voted=s.voted,
            ballots_issued=s.ballots_issued,
            ballots_received=s.ballots_received,
            valid=s.valid,
            invalid=s.invalid,
            votes={str(c.id): self.votes.get(c.id) for c in self.candidates},
            seats=self.constituency.seats,
        )

    def missing(self) -> list[str]:
        data = self.data()
        return [f for f in self.fields if data.get(f) is None]


def contest_title(t: Turn, contest: Contest, constituency: Constituency) -> str:
    return t._("{contest}, {constituency} ({seats} đại biểu)").format(
        contest=esc(contest.name), constituency=esc(constituency.name), seats=t.tr.number(constituency.seats)
    )


def field_label(t: Turn, ctx: SheetCtx, name: str) -> str:
    key = candidate_of(name)
    if key is None:
        return t._(FIELD_LABELS[name])
    cand = next(c for c in ctx.candidates if str(c.id) == key)
    return t._("Số phiếu bầu cho {order}. {name}").format(order=cand.ballot_order, name=esc(cand.full_name))


async def _registered(t: Turn, area: PollingArea) -> int:
    return area.registered_voters + await voter_additions(t.session, area.id)


async def _checkin_final(t: Turn, area_id: int) -> int | None:
    closure = await latest_closure(t.session, area_id)
    return closure.final_voted if closure else None


async def load_sheet(t: Turn, sheet_id: int, what: str, *, draft: bool = True) -> SheetCtx | None:
    """The sheet with everything its checks need, after the permission check (None: refused or not a draft)."""
    sheet = await t.session.get(CountSheet, sheet_id)
    if sheet is None or not await is_member(t, sheet.polling_area_id):
        await refuse_area(t, sheet.polling_area_id if sheet else None, what)
        await t.clear_state()
        return None
    if draft and sheet.status != "draft":
        await t.clear_state()
        t.reply(t._("Biên bản này đã được khóa. Gõ /bienban để xem lại."))
        return None
    loaded = await load_area(t, sheet.polling_area_id)
    contest = await t.session.get(Contest, sheet.contest_id)
    constituency = await t.session.get(Constituency, sheet.constituency_id)
    if loaded is None or contest is None or constituency is None:
        return None
    area, day = loaded
    return SheetCtx(
        area,
        day,
        contest,
        constituency,
        await constituency_candidates(t.session, constituency.id),
        sheet,
        await sheet_votes(t.session, sheet.id),
        await _checkin_final(t, area.id),
        await _registered(t, area),
    )


def _voting_over(t: Turn, day: Day) -> bool:
    return t.now >= day.closes


# --- the list of contests --------------------------------------------------------------------------------------


async def show_sheets(t: Turn, area_id: int) -> None:
    """/bienban: the contests of the area with the state of their count sheets."""
    if not await is_member(t, area_id):
        await refuse_area(t, area_id, "sheets")
        return
    loaded = await load_area(t, area_id)
    if loaded is None:
        return
    area, day = loaded
    await t.clear_state()
    if not _voting_over(t, day):
        t.reply(
            t._("Biên bản kết quả kiểm phiếu được nhập sau khi kết thúc bỏ phiếu ({time}) và kiểm phiếu xong.").format(
                time=t.tr.time(day.closes)
            )
        )
        return
    sheets = await latest_sheets(t.session, area_id)
    lines = [
        t._("📝 <b>Biên bản kết quả kiểm phiếu</b> — {area}").format(area=area_name(area)),
        t._("Mỗi cuộc bầu cử có một biên bản. Chọn biên bản để nhập:"),
    ]
    buttons: list[list[Button]] = []
    for index, (contest, constituency) in enumerate(await area_contests(t.session, area_id), start=1):
        sheet = sheets.get(contest.id)
        if sheet is None:
            status = t._("chưa nhập")
        elif sheet.status == "locked":
            status = t._("đã khóa lúc {time}").format(time=t.tr.time(sheet.locked_at or sheet.created_at))
        else:
            status = t._("đang nhập") if sheet.version == 1 else t._("đang sửa (lần {n})").format(n=sheet.version - 1)
        lines.append(f"{index}. {contest_title(t, contest, constituency)}: <b>{status}</b>")
        icon = "🔒" if sheet is not None and sheet.status == "locked" else ("✏️" if sheet is not None else "➕")
        buttons.append([Button(f"{icon} {index}. {contest.name}", encode("cs_open", area_id, contest.id))])
    t.reply("\n".join(lines), buttons)


async def open_contest(t: Turn, area_id: int, contest_id: int) -> None:
    """Start, resume or look at the count sheet of one contest."""
    if not await is_member(t, area_id):
        await refuse_area(t, area_id, "sheet_open")
        return
    pair = next(((c, k) for c, k in await area_contests(t.session, area_id) if c.id == contest_id), None)
    loaded = await load_area(t, area_id)
    if pair is None or loaded is None:
        await refuse_area(t, area_id, "sheet_open_contest")
        return
    if not _voting_over(t, loaded[1]):
        await show_sheets(t, area_id)
        return
    contest, constituency = pair
    sheet = (await latest_sheets(t.session, area_id)).get(contest_id)
    if sheet is None:
        sheet = CountSheet(
            polling_area_id=area_id,
            contest_id=contest.id,
            constituency_id=constituency.id,
            version=1,
            status="draft",
            created_by=t.user.id,
            created_at=t.now,
        )
        t.session.add(sheet)
        await t.session.flush()
    if sheet.status == "locked":
        ctx = await load_sheet(t, sheet.id, "sheet_view", draft=False)
        if ctx is not None:
            await show_locked(t, ctx)
        return
    ctx = await load_sheet(t, sheet.id, "sheet_open")
    if ctx is not None:
        await next_step(t, ctx)


async def next_step(t: Turn, ctx: SheetCtx) -> None:
    missing = ctx.missing()
    if missing:
        await ask_field(t, ctx, missing[0])
    else:
        await show_summary(t, ctx)


async def ask_field(t: Turn, ctx: SheetCtx, name: str, *, fix: bool = False) -> None:
    fields = ctx.fields
    step = fields.index(name) + 1
    await t.set_state("sheet", step="value", sheet=ctx.sheet.id, field=name, fix=fix)
    lines = []
    if step == 1 and not fix:
        lines.append(
            t._("Biên bản: {title}.\nTôi sẽ hỏi lần lượt từng số, theo đúng thứ tự trên biên bản.").format(
                title=contest_title(t, ctx.contest, ctx.constituency)
            )
        )
    lines.append(
        t._("Bước {step}/{total}: <b>{label}</b>?").format(
            step=step, total=len(fields), label=field_label(t, ctx, name)
        )
    )
    if name == TOTAL_VOTERS:
        lines.append(t._("(Theo danh sách cử tri: {n}.)").format(n=t.tr.number(ctx.registered)))
    elif name == VOTED and ctx.checkin_final is not None:
        lines.append(
            t._("(Số cuối cùng đã báo cáo lúc kết thúc bỏ phiếu: {n}.)").format(n=t.tr.number(ctx.checkin_final))
        )
    current = ctx.data().get(name)
    if current is not None:
        lines.append(t._("(Số đang ghi: {n}.)").format(n=t.tr.number(current)))
    buttons = [[Button(t._("✏️ Sửa số đã nhập"), encode("cs_fixmenu", ctx.sheet.id))]] if step > 1 else None
    t.reply("\n".join(lines), buttons)


async def _store(t: Turn, ctx: SheetCtx, name: str, value: int) -> None:
    key = candidate_of(name)
    if key is None:
        setattr(ctx.sheet, name, value)
    else:
        await set_sheet_vote(t.session, ctx.sheet.id, int(key), value)
        ctx.votes[int(key)] = value
    await t.session.flush()


async def typed(t: Turn, sheet_id: int, name: str, text: str, *, fix: bool) -> None:
    """A number typed for field ``name``."""
    ctx = await load_sheet(t, sheet_id, "sheet_value")
    if ctx is None:
        return
    if name not in ctx.fields:
        await t.clear_state()
        await next_step(t, ctx)
        return
    value = parse_count(text)
    if isinstance(value, Problem):
        t.reply(render(t, value) + "\n" + t._("Gõ /huy nếu bạn muốn tạm dừng; số đã nhập được giữ lại."))
        return
    await accept(t, ctx, name, value, fix=fix, confirmed=False)


async def accept(t: Turn, ctx: SheetCtx, name: str, value: int, *, fix: bool, confirmed: bool) -> None:
    problems = check_field(
        name, value, ctx.data(), candidates=ctx.refs, checkin_final=ctx.checkin_final, registered=ctx.registered
    )
    errs = errors(problems)
    fix_menu = [Button(t._("✏️ Sửa số đã nhập"), encode("cs_fixmenu", ctx.sheet.id))]
    if errs and not fix:
        lines = ["⚠️ " + render(t, p) for p in errs]
        lines.append(
            t._(
                "Số {value} chưa được ghi. Gõ lại số đúng cho “{label}”, hoặc bấm “Sửa số đã nhập” nếu số trước đó sai."
            ).format(value=t.tr.number(value), label=field_label(t, ctx, name))
        )
        t.reply("\n".join(lines), [fix_menu])
        return
    if problems and not errs and not confirmed:
        index = ctx.fields.index(name)
        lines = ["❓ " + render(t, p) for p in problems]
        t.reply(
            "\n".join(lines),
            [
                [
                    Button(
                        t._("✅ Đúng, số trên biên bản là {value}").format(value=t.tr.number(value)),
                        encode("cs_ok", ctx.sheet.id, index, value),
                    )
                ],
                [Button(t._("✏️ Gõ lại số khác"), encode("cs_retype", ctx.sheet.id))],
            ],
        )
        return
    await _store(t, ctx, name, value)
    if errs:  # a correction that still leaves the sheet inconsistent: stored, the sheet cannot be locked yet
        lines = ["⚠️ " + render(t, p) for p in errs]
        lines.append(
            t._("Đã ghi số {value}, nhưng biên bản vẫn còn chỗ chưa khớp. Hãy sửa tiếp số còn sai.").format(
                value=t.tr.number(value)
            )
        )
        t.reply("\n".join(lines), _fix_buttons(t, ctx))
        return
    await next_step(t, ctx)


def _fix_buttons(t: Turn, ctx: SheetCtx) -> list[list[Button]]:
    data = ctx.data()
    buttons = []
    for index, name in enumerate(ctx.fields):
        value = data.get(name)
        key = candidate_of(name)
        if key is None:
            label = t._(FIELD_LABELS[name])
        else:
            cand = next(c for c in ctx.candidates if str(c.id) == key)
            label = f"{cand.ballot_order}. {cand.full_name}"
        shown = t.tr.number(value) if value is not None else "—"
        buttons.append([Button(f"{label}: {shown}"[:60], encode("cs_fix", ctx.sheet.id, index))])
    return buttons


async def fix_menu(t: Turn, sheet_id: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_fixmenu")
    if ctx is None:
        return
    t.reply(t._("Chọn số cần sửa:"), _fix_buttons(t, ctx))


async def fix_field(t: Turn, sheet_id: int, index: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_fix")
    if ctx is None:
        return
    if not 0 <= index < len(ctx.fields):
        await t.audit("button_refused", data=f"cs_fix:{sheet_id}:{index}", reason="field")
        return
    await ask_field(t, ctx, ctx.fields[index], fix=True)


async def confirm_field(t: Turn, sheet_id: int, index: int, value: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_confirm")
    if ctx is None or not 0 <= index < len(ctx.fields) or value > MAX_COUNT:
        return
    await accept(t, ctx, ctx.fields[index], value, fix=bool(t.state.get("fix")), confirmed=True)


# --- summary, lock, correction ---------------------------------------------------------------------------------


def _figures(t: Turn, ctx: SheetCtx) -> list[str]:
    data = ctx.data()
    summ = summary(data, ctx.refs)
    lines = [f"<b>{contest_title(t, ctx.contest, ctx.constituency)}</b>"]
    for name in NUMBER_FIELDS:
        value = data.get(name)
        lines.append(f"• {t._(FIELD_LABELS[name])}: <b>{t.tr.number(value) if value is not None else '—'}</b>")
    lines.append(
        t._("Tỉ lệ cử tri đi bầu: {turnout}; phiếu hợp lệ: {valid}; không hợp lệ: {invalid}.").format(
            turnout=t.tr.percent(summ.turnout_percent),
            valid=t.tr.percent(summ.valid_percent),
            invalid=t.tr.percent(summ.invalid_percent),
        )
    )
    lines.append(t._("Số phiếu bầu cho từng người (tỉ lệ trên số phiếu hợp lệ):"))
    for c in ctx.candidates:
        votes = ctx.votes.get(c.id)
        share = summ.candidate_percent.get(str(c.id))
        lines.append(
            f"{c.ballot_order}. {esc(c.full_name)}: <b>{t.tr.number(votes) if votes is not None else '—'}</b> ({t.tr.percent(share)})"
        )
    return lines


async def show_summary(t: Turn, ctx: SheetCtx) -> None:
    problems = check_sheet(ctx.data(), candidates=ctx.refs, checkin_final=ctx.checkin_final, registered=ctx.registered)
    errs = errors(problems)
    lines = [t._("📋 <b>Kiểm tra lại biên bản trước khi khóa</b>"), *_figures(t, ctx)]
    if ctx.sheet.correction_reason:
        lines.append(t._("Lý do sửa: {reason}").format(reason=esc(ctx.sheet.correction_reason)))
    if errs:
        lines.append("")
        lines += ["⚠️ " + render(t, p) for p in errs]
        lines.append(t._("Biên bản chưa khớp nên chưa thể khóa. Chọn số cần sửa:"))
        await t.set_state("sheet", step="summary", sheet=ctx.sheet.id)
        t.reply("\n".join(lines), _fix_buttons(t, ctx))
        return
    notes = [p for p in problems if p.severity == "confirm"]
    if notes:
        lines.append("")
        lines += ["ℹ️ " + render(t, p) for p in notes]
    lines.append("")
    lines.append(
        t._(
            "Các số đều khớp. Nếu đúng với biên bản giấy, bấm “Xác nhận và khóa”. Sau khi khóa, muốn sửa phải ghi lý do."
        )
    )
    await t.set_state("sheet", step="summary", sheet=ctx.sheet.id)
    t.reply(
        "\n".join(lines),
        [
            [Button(t._("✅ Xác nhận và khóa"), encode("cs_lock", ctx.sheet.id))],
            [
                Button(t._("✏️ Sửa một số"), encode("cs_fixmenu", ctx.sheet.id)),
                Button(t._("❌ Hủy"), encode("cs_cancel", ctx.sheet.id)),
            ],
        ],
    )


async def lock(t: Turn, sheet_id: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_lock")
    if ctx is None:
        return
    problems = check_sheet(ctx.data(), candidates=ctx.refs, checkin_final=ctx.checkin_final, registered=ctx.registered)
    if errors(problems):
        await show_summary(t, ctx)
        return
    sheet = ctx.sheet
    sheet.status = "locked"
    sheet.locked_at = t.now
    sheet.locked_by = t.user.id
    if sheet.supersedes_id is not None:
        old = await t.session.get(CountSheet, sheet.supersedes_id)
        if old is not None and old.status == "locked":
            old.status = "superseded"
    await t.session.flush()
    await t.audit(
        "countsheet_locked",
        sheet_id=sheet.id,
        area_id=sheet.polling_area_id,
        contest_id=sheet.contest_id,
        version=sheet.version,
        supersedes_id=sheet.supersedes_id,
        reason=sheet.correction_reason,
    )
    await t.clear_state()
    sheets = await latest_sheets(t.session, ctx.area.id)
    contests = await area_contests(t.session, ctx.area.id)
    remaining = [c for c, _ in contests if sheets.get(c.id) is None or sheets[c.id].status != "locked"]
    lines = [
        t._("🔒 Đã khóa biên bản {title} lúc {time}.").format(
            title=contest_title(t, ctx.contest, ctx.constituency), time=t.tr.time(t.now)
        )
    ]
    if remaining:
        lines.append(
            t.ngettext("Còn {n} biên bản chưa khóa.", "Còn {n} biên bản chưa khóa.", len(remaining)).format(
                n=len(remaining)
            )
        )
    else:
        lines.append(t._("Đã khóa đủ biên bản của tất cả các cuộc bầu cử tại khu vực. Cảm ơn Tổ bầu cử!"))
    t.reply("\n".join(lines), [[Button(t._("📝 Danh sách biên bản"), encode("cs_area", ctx.area.id))]])


async def cancel(t: Turn, sheet_id: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_cancel", draft=False)
    if ctx is None:
        return
    await t.clear_state()
    t.reply(t._("Đã tạm dừng. Các số đã nhập vẫn được giữ lại; gõ /bienban để tiếp tục."))


async def show_locked(t: Turn, ctx: SheetCtx) -> None:
    lines = [
        t._("🔒 Biên bản đã khóa lúc {time} (phiên bản {version}).").format(
            time=t.tr.datetime(ctx.sheet.locked_at or ctx.sheet.created_at), version=ctx.sheet.version
        ),
        *_figures(t, ctx),
    ]
    if ctx.sheet.correction_reason:
        lines.append(t._("Lý do sửa: {reason}").format(reason=esc(ctx.sheet.correction_reason)))
    t.reply("\n".join(lines), [[Button(t._("✏️ Sửa biên bản đã khóa"), encode("cs_corr", ctx.sheet.id))]])


async def ask_correction(t: Turn, sheet_id: int) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_correct", draft=False)
    if ctx is None:
        return
    if ctx.sheet.status != "locked":
        await open_contest(t, ctx.area.id, ctx.contest.id)
        return
    await t.set_state("sheet", step="reason", sheet=sheet_id)
    t.reply(
        t._(
            "Biên bản đã khóa chỉ được sửa khi có lý do. Vui lòng gõ lý do sửa (ví dụ: kiểm lại phiếu, phát hiện "
            "ghi nhầm số phiếu của một người). Các số cũ vẫn được lưu lại."
        )
    )


async def start_correction(t: Turn, sheet_id: int, text: str) -> None:
    ctx = await load_sheet(t, sheet_id, "sheet_correct", draft=False)
    if ctx is None:
        return
    reason = " ".join(text.split())[:1000]
    if len(reason) < MIN_REASON:
        t.reply(t._("Lý do quá ngắn. Vui lòng ghi rõ vì sao cần sửa biên bản."))
        return
    old = ctx.sheet
    latest = (await latest_sheets(t.session, old.polling_area_id)).get(old.contest_id)
    if old.status != "locked" or latest is None or latest.id != old.id:
        await t.clear_state()
        await open_contest(t, old.polling_area_id, old.contest_id)
        return
    version = await t.session.scalar(
        select(func.max(CountSheet.version)).where(
            CountSheet.polling_area_id == old.polling_area_id, CountSheet.contest_id == old.contest_id
        )
    )
    new = CountSheet(
        polling_area_id=old.polling_area_id,
        contest_id=old.contest_id,
        constituency_id=old.constituency_id,
        version=int(version or old.version) + 1,
        status="draft",
        total_voters=old.total_voters,
        voted=old.voted,
        ballots_issued=old.ballots_issued,
        ballots_received=old.ballots_received,
        valid=old.valid,
        invalid=old.invalid,
        created_by=t.user.id,
        created_at=t.now,
        supersedes_id=old.id,
        correction_reason=reason,
    )
    t.session.add(new)
    await t.session.flush()
    for candidate_id, votes in ctx.votes.items():
        await set_sheet_vote(t.session, new.id, candidate_id, votes)
    await t.audit("countsheet_correction", old_sheet_id=old.id, new_sheet_id=new.id, reason=reason)
    new_ctx = await load_sheet(t, new.id, "sheet_correct")
    if new_ctx is None:
        return
    t.reply(
        t._("Đã mở bản sửa (phiên bản {version}). Bản đã khóa vẫn có hiệu lực cho đến khi bản sửa được khóa.").format(
            version=new.version
        )
    )
    await fix_menu(t, new.id)
    await t.set_state("sheet", step="summary", sheet=new.id)
