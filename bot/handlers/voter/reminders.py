"""Reminders: /nhacnho subscribes to reminders for the saved polling area, /huynhacnho cancels; the producer.

Times (settings): ``reminder_days_before`` days before election day at ``reminder_evening_time`` and on the day at
``reminder_morning_time`` (local time of the election). Each reminder is an outbox row with the key
``reminder:{subscription}:{kind}``, so it is sent once even across restarts and several processes. A reminder
whose time passed more than ``bot.domain.voter_reminders.GRACE`` ago (the bot was down) is skipped, not sent late.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, encode, pattern
from bot.context import BotApplication, BotContext
from bot.delivery import Outgoing, enqueue
from bot.domain.voter_reminders import due_slots, parse_hhmm, schedule
from bot.handlers.start import button_handler, refuse_button
from bot.handlers.voter.common import election_or_reply, hours
from bot.i18n import N_, get_translator
from bot.runtime import Services
from bot.turn import Button, Turn, esc, markup_to_json, open_turn
from db.models import Election
from db.queries import voter as q


def _slots(services: Services, election: Election):  # type: ignore[no-untyped-def]
    s = services.settings
    return schedule(
        election.election_date,
        s.reminder_days,
        parse_hhmm(s.reminder_morning_time),
        parse_hhmm(s.reminder_evening_time),
        ZoneInfo(election.timezone or s.timezone),
    )


async def subscribe(t: Turn, election: Election, area_id: int | None = None) -> None:
    """Subscribe the user (saving ``area_id`` as their polling area if given); needs a saved polling area."""
    if area_id is not None:
        area = await q.election_area(t.session, election.id, area_id)
        if area is None:
            await refuse_button(t, "not_found")
            return
        t.user.home_area_id = area.id
    area = await q.election_area(t.session, election.id, t.user.home_area_id) if t.user.home_area_id else None
    if area is None:
        from bot.handlers.voter.where import ask_where

        await ask_where(
            t,
            election,
            # the day and hours at once: the reminder is about them, and the voter may not come back
            intro=t._("Giờ bỏ phiếu: {hours}").format(hours=hours(t, election))
            + "\n"
            + t._(
                "Để nhận nhắc lịch, trước hết hãy tìm nơi bỏ phiếu của bạn: gõ tên thôn, tổ dân phố hoặc xã, chọn "
                "theo danh sách, hoặc gửi vị trí. Sau đó bấm «🔔 Nhắc lịch»."
            ),
        )
        return
    _sub, already = await q.subscribe(t.session, t.user.id, election.id, area.id, t.now)
    slots = [s for s in _slots(t.services, election) if s.due_at > t.now]
    when = [t._("{time} ngày {date}").format(time=t.tr.time(s.due_at), date=t.tr.date(s.due_at)) for s in slots]
    lines = ["🔔 " + (t._("Bạn đã đăng ký nhắc lịch rồi.") if already else t._("Đã đăng ký nhắc lịch bầu cử cho bạn."))]
    lines.append(t._("Nơi bỏ phiếu: <b>{area}</b>, {address}.").format(area=esc(area.name), address=esc(area.address)))
    if when:
        lines.append(t._("Mình sẽ nhắc bạn lúc: {times}.").format(times="; ".join(when)))
    else:
        lines.append(t._("Các giờ nhắc của cuộc bầu cử này đã qua."))
    lines.append(t._("Hủy nhắc lịch: /huynhacnho."))
    t.answer()
    t.reply("\n".join(lines))


async def unsubscribe(t: Turn, election: Election) -> None:
    if await q.unsubscribe(t.session, t.user.id, election.id, t.now):
        t.reply("🔕 " + t._("Đã hủy nhắc lịch. Bạn sẽ không nhận thêm lời nhắc nào. Đăng ký lại: /nhacnho."))
    else:
        t.reply(t._("Bạn chưa đăng ký nhắc lịch. Đăng ký: /nhacnho."))


async def remind_command(update: Update, context: BotContext) -> None:
    """/nhacnho: subscribe to reminders for the saved polling area."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        election = await election_or_reply(t)
        if election is not None:
            await subscribe(t, election)


async def stop_command(update: Update, context: BotContext) -> None:
    """/huynhacnho: cancel reminders."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        election = await election_or_reply(t)
        if election is not None:
            await unsubscribe(t, election)


@button_handler
async def remind_button(t: Turn, cb: Callback) -> None:
    """Buttons: vremind (menu), vremind:area."""
    election = await election_or_reply(t)
    if election is None:
        t.answer()
        return
    area_id = cb.int(0) if cb.args else None
    if len(cb.args) > 1:
        raise BadCallback("too many arguments")
    await subscribe(t, election, area_id)


# --- producer ---------------------------------------------------------------------------------------------------

REMINDER_TEXTS = {
    "before": N_(
        "🔔 <b>Nhắc lịch bầu cử</b>: còn {days} ngày nữa là ngày bầu cử, <b>{date}</b>.\n"
        "Nơi bỏ phiếu của bạn: <b>{area}</b> ({commune}), {address}.\n"
        "Giờ bỏ phiếu: từ {start} đến {end}. Nhớ mang theo thẻ cử tri."
    ),
    "day": N_(
        "🗳 <b>Hôm nay là ngày bầu cử</b> ({date}).\n"
        "Nơi bỏ phiếu của bạn: <b>{area}</b> ({commune}), {address}.\n"
        "Giờ bỏ phiếu: từ {start} đến {end}. Nhớ mang theo thẻ cử tri và đi bầu sớm nhé!"
    ),
}


async def reminder_producer(session: AsyncSession, services: Services) -> None:
    """Enqueue the reminders due now for every active subscription that has not had them yet."""
    now = services.clock.now()
    batch: list[Outgoing] = []
    for election in await q.active_elections(session):
        for slot in due_slots(_slots(services, election), now):
            for r in await q.due_reminders(session, election.id, slot.kind, slot.due_at):
                tr = get_translator(r.language, services.settings.timezone)
                template = REMINDER_TEXTS["day" if slot.kind == "day" else "before"]
                label = tr.gettext(
                    {"xa": N_("xã"), "phuong": N_("phường"), "thi_tran": N_("thị trấn")}.get(r.commune.kind, N_("xã"))
                )
                commune = f"{esc(r.commune.name)} {label}" if tr.lang == "en" else f"{label} {esc(r.commune.name)}"
                text = tr.gettext(template).format(
                    days=slot.days_before,
                    date=tr.weekday_date(election.election_date),
                    area=esc(r.area.name),
                    commune=commune,
                    address=esc(r.area.address),
                    start=tr.time(election.voting_start),
                    end=tr.time(election.voting_end),
                )
                markup = markup_to_json(
                    [[Button("📍 " + tr.gettext(N_("Xem nơi bỏ phiếu")), encode("varea", r.area.id))]]
                )
                batch.append(
                    Outgoing(
                        key=q.reminder_key(r.subscription_id, slot.kind),
                        kind="reminder",
                        user_id=r.user_id,
                        chat_id=r.chat_id,
                        text=text,
                        due_at=slot.due_at,
                        reply_markup=markup,
                        priority=6,
                        ref_id=r.subscription_id,
                    )
                )
    await enqueue(session, batch, now)


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_command("nhacnho", N_("Nhận nhắc lịch đi bầu"))
    services.add_command("huynhacnho", N_("Hủy nhắc lịch"))
    app.add_handler(CommandHandler(["nhacnho", "remind"], remind_command))
    app.add_handler(CommandHandler(["huynhacnho", "stopremind"], stop_command))
    app.add_handler(CallbackQueryHandler(remind_button, pattern=pattern("vremind")))
    services.add_producer("voter_reminders", reminder_producer)
