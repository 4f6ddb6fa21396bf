"""/thongbao: a chair's announcement to the voters subscribed in their unit, or to its polling teams.

Flow (``users.state`` flow "announce"): choose the audience → type the text (plain text, at most 3,500
characters) → preview, exactly as recipients will see it, with the number of recipients → "Gửi ngay" or
"Hẹn giờ" (then a time such as 18:30 or 23/5 18:30, on the election's clock) or "Hủy". A scheduled
announcement can be cancelled until it starts.

The ``chair_announcements`` producer turns each due announcement into one outbox row per recipient in one
transaction (``ann:{announcement}:{user}``), then reports progress to the sender from the outbox statuses. The
text is sent with no parse mode, so nothing a chair types is read as markup.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import encode, pattern
from bot.context import BotApplication, BotContext
from bot.delivery import Outgoing, enqueue
from bot.domain.chair_schedule import parse_when
from bot.domain.problems import Problem
from bot.handlers.start import refuse_button
from bot.i18n import N_, Translator, get_translator
from bot.runtime import Services
from bot.turn import Button, Turn, esc, open_turn
from db.models import AdminUnit, Announcement, User
from db.queries.chair import delivery_counts, team_recipients, voter_recipients
from db.queries.elections import active_election
from db.queries.scope import areas_under, units_under

from .common import chair_callback, require_chair, unit_name, within

FLOW = "announce"
MAX_TEXT = 3500
BROADCAST_PRIORITY = 7
NOTICE_PRIORITY = 3
DELIVERY_KIND = {"message": "announcement", "result": "result"}
AUDIENCES = {"v": "voters", "t": "teams"}


# --- recipients ---------------------------------------------------------------------------------------------------


async def recipients_for(
    session: AsyncSession, unit: AdminUnit, audience: str, election_id: int | None
) -> list[tuple[int, int, str]]:
    """(user_id, chat_id, language): the subscribed voters or the team members under the unit, nobody else."""
    if audience == "teams":
        return await team_recipients(session, unit.path)
    return await voter_recipients(session, election_id, areas_under(unit.path))


async def _blocked_among(session: AsyncSession, user_ids: list[int]) -> int:
    if not user_ids:
        return 0
    rows = await session.scalars(select(User.id).where(User.id.in_(user_ids), User.is_blocked.is_(True)))
    return len(list(rows))


def header(tr: Translator, unit: AdminUnit) -> str:
    return tr.gettext(N_("📣 Thông báo của Ủy ban bầu cử {unit}")).format(unit=unit_name(tr, unit))


# --- the flow -----------------------------------------------------------------------------------------------------


def _audience_label(t: Turn, audience: str, unit: AdminUnit, several: bool) -> str:
    label = t._("👥 Gửi cử tri đã đăng ký") if audience == "voters" else t._("🗳 Gửi các Tổ bầu cử")
    return f"{label} — {unit_name(t.tr, unit)}" if several else label


async def thongbao_command(update: Update, context: BotContext) -> None:
    """/thongbao: scheduled and recent announcements, then the choice of audience."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        units = await require_chair(t)
        if not units:
            return
        await _start(t, units)


async def _start(t: Turn, units: list[AdminUnit]) -> None:
    recent = list(
        await t.session.scalars(
            select(Announcement)
            .where(
                Announcement.kind == "message",
                or_(*(Announcement.unit_id.in_(units_under(u.path)) for u in units)),
                Announcement.status.in_(("scheduled", "sending", "sent")),
            )
            .order_by(Announcement.id.desc())
            .limit(5)
        )
    )
    cancel_buttons: list[list[Button]] = []
    if recent:
        counts = await delivery_counts(t.session, "announcement", [a.id for a in recent])
        lines = [t._("<b>Thông báo gần đây:</b>")]
        for a in recent:
            lines.append(f"#{a.id} " + status_line(t.tr, a, counts.get(a.id, {})) + f"\n    “{esc(_preview(a.text))}”")
            if a.status == "scheduled":
                cancel_buttons.append([Button(t._("❌ Hủy thông báo #{id}").format(id=a.id), encode("annc", a.id))])
        t.reply("\n".join(lines), cancel_buttons or None)
    several = len(units) > 1
    buttons = [
        [Button(_audience_label(t, aud, u, several), encode("anna", u.id, key))]
        for u in units
        for key, aud in AUDIENCES.items()
    ]
    t.reply(t._("📣 <b>Soạn thông báo mới</b>. Bạn muốn gửi tới ai?"), buttons)


def _preview(text: str) -> str:
    body = text.split("\n\n", 1)[-1].replace("\n", " ")
    return body if len(body) <= 60 else body[:59] + "…"


def status_line(tr: Translator, a: Announcement, counts: dict[str, int]) -> str:
    if a.status == "scheduled":
        return tr.gettext(N_("⏳ hẹn gửi lúc {time}")).format(time=tr.datetime(a.scheduled_at or a.created_at))
    sent, blocked = counts.get("sent", 0), counts.get("blocked", 0)
    failed, uncertain = counts.get("failed", 0), counts.get("uncertain", 0)
    waiting = counts.get("pending", 0) + counts.get("sending", 0)
    label = tr.gettext(N_("📤 đang gửi")) if a.status == "sending" else tr.gettext(N_("✅ đã gửi xong"))
    return tr.gettext(
        N_(
            "{label}: {sent}/{total} đã nhận, {blocked} đã chặn bot, {failed} lỗi, {uncertain} chưa rõ, {waiting} đang chờ"
        )
    ).format(
        label=label,
        sent=tr.number(sent),
        total=tr.number(a.recipients),
        blocked=tr.number(blocked),
        failed=tr.number(failed),
        uncertain=tr.number(uncertain),
        waiting=tr.number(waiting),
    )


async def _unit_of_state(t: Turn, units: list[AdminUnit]) -> AdminUnit | None:
    unit_id = t.state.get("unit_id")
    unit = await t.session.get(AdminUnit, int(unit_id)) if isinstance(unit_id, int) else None
    return unit if unit is not None and within(units, unit.path) else None


async def announce_button(update: Update, context: BotContext) -> None:
    """anna:UNIT:v|t (audience), anns:now|later (send), annx (stop composing), annc:ID (cancel a scheduled one)."""
    async with open_turn(update, context.services) as t:
        got = await chair_callback(t)
        if got is None:
            return
        cb, units = got
        try:
            if cb.action == "anna":
                unit_id, key = cb.expect(2).int(0), cb.token(1, set(AUDIENCES))
                unit = await t.session.get(AdminUnit, unit_id)
                if unit is None or not within(units, unit.path):
                    await refuse_button(t, "outside jurisdiction")
                    return
                t.answer()
                await t.set_state(FLOW, step="text", unit_id=unit.id, audience=AUDIENCES[key])
                t.reply(
                    t._(
                        "Gõ nội dung thông báo (tối đa {n} ký tự). Tin nhắn được gửi nguyên văn, không định dạng. "
                        "Để thôi, bấm “Hủy” hoặc gõ /huy."
                    ).format(n=t.tr.number(MAX_TEXT)),
                    [[Button(t._("Hủy"), encode("annx"))]],
                )
            elif cb.action == "annx":
                cb.expect(0)
                t.answer()
                if t.state.get("flow") == FLOW:
                    await t.clear_state()
                t.edit(t._("Đã hủy soạn thông báo. Không có tin nào được gửi."))
            elif cb.action == "anns":
                await _send_choice(t, units, cb.expect(1).token(0, {"now", "later"}))
            elif cb.action == "annc":
                await _cancel_scheduled(t, units, cb.expect(1).int(0))
        except ValueError:
            await refuse_button(t)


async def _send_choice(t: Turn, units: list[AdminUnit], choice: str) -> None:
    state = t.state
    unit = await _unit_of_state(t, units)
    if state.get("flow") != FLOW or state.get("step") != "preview" or unit is None or not state.get("text"):
        t.answer(t._("Bản nháp này không còn. Gõ /thongbao để soạn lại."), alert=True)
        return
    t.answer()
    if choice == "later":
        await t.set_state(FLOW, **{**{k: v for k, v in state.items() if k != "flow"}, "step": "time"})
        t.reply(
            t._("Gõ thời điểm gửi (giờ Việt Nam), ví dụ: <b>18:30</b> hoặc <b>23/5 18:30</b>."),
            [[Button(t._("Hủy"), encode("annx"))]],
        )
        return
    await _create(t, unit, state, t.now)


async def _create(t: Turn, unit: AdminUnit, state: dict[str, object], when: datetime) -> None:
    election = await active_election(t.session)
    ann = Announcement(
        election_id=election.id if election else None,
        unit_id=unit.id,
        author_id=t.user.id,
        audience=str(state.get("audience")),
        kind="message",
        text=str(state.get("text")),
        status="scheduled",
        scheduled_at=when,
        created_at=t.now,
    )
    t.session.add(ann)
    await t.session.flush()
    await t.clear_state()
    await t.audit("announcement_scheduled", announcement_id=ann.id, unit_id=unit.id, audience=ann.audience)
    if when <= t.now:
        t.reply(t._("📤 Đang gửi thông báo #{id}. Tôi sẽ báo lại khi gửi xong.").format(id=ann.id))
        t.services.kick()
    else:
        t.reply(
            t._("⏳ Đã hẹn gửi thông báo #{id} lúc {time}. Bạn có thể hủy trước giờ đó.").format(
                id=ann.id, time=t.tr.datetime(when)
            ),
            [[Button(t._("❌ Hủy thông báo #{id}").format(id=ann.id), encode("annc", ann.id))]],
        )


async def _cancel_scheduled(t: Turn, units: list[AdminUnit], ann_id: int) -> None:
    ann = await t.session.get(Announcement, ann_id)
    unit = await t.session.get(AdminUnit, ann.unit_id) if ann else None
    if ann is None or unit is None or not within(units, unit.path) or ann.kind != "message":
        await refuse_button(t, "outside jurisdiction")
        return
    result = await t.session.execute(
        update(Announcement)
        .where(Announcement.id == ann.id, Announcement.status == "scheduled")
        .values(status="cancelled", cancelled_at=t.now)
    )
    if (result.rowcount or 0) != 1:  # type: ignore[attr-defined]
        t.answer(t._("Không hủy được: thông báo #{id} đã bắt đầu gửi.").format(id=ann.id), alert=True)
        return
    await t.audit("announcement_cancelled", announcement_id=ann.id)
    t.answer(t._("Đã hủy."))
    t.reply(t._("❌ Đã hủy thông báo #{id}. Không có tin nào được gửi.").format(id=ann.id))


async def announce_flow(t: Turn, text: str) -> bool:
    """The typed text (step "text" or a new draft at "preview") or the time (step "time")."""
    state = t.state
    units = await require_chair(t)
    unit = await _unit_of_state(t, units) if units else None
    if unit is None:
        await t.clear_state()
        return True
    if text.strip().lower() in ("huy", "hủy", "/huy"):
        await t.clear_state()
        t.reply(t._("Đã hủy soạn thông báo. Không có tin nào được gửi."))
        return True
    if state.get("step") == "time":
        tz = t.services.settings.tz
        election = await active_election(t.session)
        if election is not None and election.timezone:
            from zoneinfo import ZoneInfo

            tz = ZoneInfo(election.timezone)
        when = parse_when(text, t.now, tz)
        if isinstance(when, Problem):
            t.reply(_problem_text(t, when), [[Button(t._("Hủy"), encode("annx"))]])
            return True
        await _create(t, unit, state, when)
        return True
    message = t.update.effective_message
    raw = (message.text if message and message.text is not None else "").strip()
    if not raw:
        t.reply(t._("Vui lòng gõ nội dung thông báo bằng chữ."))
        return True
    if len(raw) > MAX_TEXT:
        t.reply(
            t._("Thông báo dài {n} ký tự, quá giới hạn {max} ký tự. Vui lòng rút gọn rồi gửi lại.").format(
                n=t.tr.number(len(raw)), max=t.tr.number(MAX_TEXT)
            )
        )
        return True
    full = header(t.tr, unit) + "\n\n" + raw
    audience = str(state.get("audience"))
    election = await active_election(t.session)
    people = await recipients_for(t.session, unit, audience, election.id if election else None)
    blocked = await _blocked_among(t.session, [p[0] for p in people])
    await t.set_state(FLOW, step="preview", unit_id=unit.id, audience=audience, text=full)
    who = (
        t._("{n} cử tri đã đăng ký nhận tin ở {unit}")
        if audience == "voters"
        else t._("{n} thành viên Tổ bầu cử ở {unit}")
    ).format(n=t.tr.number(len(people)), unit=esc(unit_name(t.tr, unit)))
    intro = t._("👁 <b>Xem trước</b>: tin nhắn dưới đây sẽ được gửi nguyên văn tới {who}.").format(who=who)
    if blocked:
        intro += "\n" + t._("({n} người đã chặn bot sẽ được bỏ qua.)").format(n=t.tr.number(blocked))
    t.reply(intro)
    t.reply(
        full,
        [
            [Button(t._("📤 Gửi ngay"), encode("anns", "now")), Button(t._("⏰ Hẹn giờ"), encode("anns", "later"))],
            [Button(t._("Hủy"), encode("annx"))],
        ],
        html_mode=False,
    )
    return True


def _problem_text(t: Turn, problem: Problem) -> str:
    params = {k: (t.tr.datetime(v) if isinstance(v, datetime) else esc(v)) for k, v in problem.params.items()}
    return t._(problem.message).format(**params)


# --- the producer -------------------------------------------------------------------------------------------------


def _notice(ann: Announcement, author: User, stage: str, text: str, now: datetime) -> Outgoing:
    return Outgoing(
        key=f"annprog:{ann.id}:{stage}",
        kind="notice",
        user_id=author.id,
        chat_id=author.chat_id,
        text=text,
        due_at=now,
        priority=NOTICE_PRIORITY,
        ref_id=ann.id,
    )


async def produce_announcements(session: AsyncSession, services: Services) -> None:
    """Start due announcements (all recipients enqueued at once) and report progress of those under way."""
    now = services.clock.now()
    due = list(
        await session.scalars(
            select(Announcement)
            .where(Announcement.status == "scheduled", Announcement.scheduled_at <= now)
            .order_by(Announcement.id)
            .limit(20)
        )
    )
    notices: list[Outgoing] = []
    for ann in due:
        claimed = await session.execute(
            update(Announcement)
            .where(Announcement.id == ann.id, Announcement.status == "scheduled")
            .values(status="sending", started_at=now)
            .execution_options(synchronize_session=False)
        )
        if (claimed.rowcount or 0) != 1:  # type: ignore[attr-defined]
            continue
        unit = await session.get(AdminUnit, ann.unit_id)
        if unit is None:
            continue
        people = await recipients_for(session, unit, ann.audience, ann.election_id)
        await enqueue(
            session,
            [
                Outgoing(
                    key=f"ann:{ann.id}:{user_id}",
                    kind="announcement",
                    user_id=user_id,
                    chat_id=chat_id,
                    text=ann.text,
                    due_at=now,
                    parse_mode=None,
                    priority=BROADCAST_PRIORITY,
                    ref_id=ann.id,
                )
                for user_id, chat_id, _lang in people
            ],
            now,
        )
        await session.execute(update(Announcement).where(Announcement.id == ann.id).values(recipients=len(people)))
        ann.recipients = len(people)
        author = await session.get(User, ann.author_id) if ann.author_id else None
        if author is not None:
            tr = get_translator(author.language, services.settings.timezone)
            notices.append(
                _notice(
                    ann,
                    author,
                    "start",
                    tr.gettext(N_("📤 Bắt đầu gửi thông báo #{id} tới {n} người.")).format(
                        id=ann.id, n=tr.number(len(people))
                    ),
                    now,
                )
            )
    await enqueue(session, notices, now)
    await report_progress(session, services)


async def report_progress(session: AsyncSession, services: Services) -> None:
    """Announcements under way: finished when nothing is pending or sending; the sender hears at 50% and at the end."""
    now = services.clock.now()
    sending = list(await session.scalars(select(Announcement).where(Announcement.status == "sending")))
    if not sending:
        return
    counts: dict[int, dict[str, int]] = {}
    for kind, delivery_kind in DELIVERY_KIND.items():
        ids = [a.id for a in sending if a.kind == kind]
        counts.update(await delivery_counts(session, delivery_kind, ids))
    notices: list[Outgoing] = []
    for ann in sending:
        c = counts.get(ann.id, {})
        waiting = c.get("pending", 0) + c.get("sending", 0)
        done = sum(c.values()) - waiting
        author = await session.get(User, ann.author_id) if ann.author_id else None
        tr = get_translator(author.language if author else "vi", services.settings.timezone)
        if waiting == 0:
            await session.execute(
                update(Announcement)
                .where(Announcement.id == ann.id, Announcement.status == "sending")
                .values(status="sent", finished_at=now)
            )
            if author is not None:
                notices.append(
                    _notice(
                        ann,
                        author,
                        "done",
                        tr.gettext(N_("Thông báo #{id}: {status}")).format(id=ann.id, status=status_line(tr, ann, c)),
                        now,
                    )
                )
        elif author is not None and ann.recipients >= 100 and 2 * done >= ann.recipients:
            notices.append(
                _notice(
                    ann,
                    author,
                    "half",
                    tr.gettext(N_("Thông báo #{id}: {status}")).format(id=ann.id, status=status_line(tr, ann, c)),
                    now,
                )
            )
    await enqueue(session, notices, now)


async def menu_button(update: Update, context: BotContext) -> None:
    await thongbao_command(update, context)


def register(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    services.add_command("thongbao", N_("Gửi thông báo tới cử tri hoặc Tổ bầu cử"), role="chair")
    services.add_menu("chair", N_("📣 Thông báo"), encode("annm"), 12)
    services.add_flow(FLOW, announce_flow)
    services.add_producer("chair_announcements", produce_announcements)
    app.add_handler(CommandHandler(["thongbao", "announce"], thongbao_command))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=pattern("annm")))
    app.add_handler(CallbackQueryHandler(announce_button, pattern=pattern("anna", "anns", "annx", "annc")))
