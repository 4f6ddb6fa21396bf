"""First conversation: /start, /help, /lang and the menu into each feature for the user's roles."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, decode, encode, pattern
from bot.context import BotApplication, BotContext
from bot.i18n import LANGUAGES, N_, get_translator
from bot.turn import Button, Turn, esc, open_turn
from db.queries.elections import active_election

LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}


async def role_names(t: Turn) -> set[str]:
    return {"voter"} | {r.role for r in await t.roles()}


async def menu_buttons(t: Turn) -> list[list[Button]]:
    """Two buttons a row, for every feature this user may use."""
    roles = await role_names(t)
    items = sorted((m for m in t.services.menu if m.role in roles), key=lambda m: (m.order, m.label))
    flat = [Button(t._(m.label), m.data) for m in items]
    flat.append(Button("🌐 " + t._("Ngôn ngữ / Language"), encode("lang")))
    return [flat[i : i + 2] for i in range(0, len(flat), 2)]


async def show_help(t: Turn, *, greeting: bool) -> None:
    roles = await role_names(t)
    lines: list[str] = []
    if greeting:
        lines.append(t._("Xin chào {name}! Tôi là <b>Trợ lý Bầu cử</b>.").format(name=esc(t.user.first_name or "")))
    election = await active_election(t.session)
    if election is not None:
        lines.append(
            t._("Cuộc bầu cử: <b>{name}</b>, ngày {date}, bỏ phiếu từ {start} đến {end}.").format(
                name=esc(election.name if t.lang == "vi" or not election.name_en else election.name_en),
                date=t.tr.weekday_date(election.election_date),
                start=t.tr.time(election.voting_start),
                end=t.tr.time(election.voting_end),
            )
        )
    lines.append("")
    lines.append(t._("Bạn có thể hỏi tôi bằng lời của mình, có dấu hay không dấu, hoặc bấm các nút bên dưới:"))
    lines.append(t._("• <b>Nơi bỏ phiếu</b>: gõ tên thôn, tổ dân phố hoặc xã, hoặc gửi vị trí của bạn."))
    lines.append(t._("• <b>Người ứng cử</b>: danh sách và tiểu sử theo từng đơn vị bầu cử."))
    lines.append(t._("• <b>Hỏi đáp</b>: giờ bỏ phiếu, mang theo gì, bỏ phiếu nơi khác, cách gạch phiếu…"))
    lines.append(t._("• <b>Nhắc lịch</b>: /nhacnho để nhận nhắc nhở trước ngày bầu cử, /huynhacnho để hủy."))
    if "team" in roles:
        lines.append("")
        lines.append(
            t._(
                "<b>Tổ bầu cử</b>: /baocao số cử tri đã bỏ phiếu mỗi giờ, /suco báo sự cố, /bienban nhập biên bản kiểm phiếu."
            )
        )
    if "chair" in roles:
        lines.append("")
        lines.append(
            t._(
                "<b>Ủy ban bầu cử</b>: /tonghop xem tổng hợp, /xuat xuất Excel, /thongbao gửi thông báo, /ketqua kết quả."
            )
        )
    lines.append("")
    lines.append(t._("Đổi ngôn ngữ: /lang. Xem lại hướng dẫn: /help."))
    if election is not None and election.is_demo:
        lines.append("")
        lines.append("ℹ️ " + t._("Đây là dữ liệu minh họa: khu vực bỏ phiếu và người ứng cử là giả định."))
    t.reply("\n".join(lines), await menu_buttons(t))


async def start(update: Update, context: BotContext) -> None:
    """Greet the user and show what the bot can do for their roles."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        await show_help(t, greeting=True)


async def help_command(update: Update, context: BotContext) -> None:
    """Show the help and the menu again."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        await show_help(t, greeting=False)


async def cancel_command(update: Update, context: BotContext) -> None:
    """/huy: leave whatever the bot was asking; what was already sent stays saved."""
    async with open_turn(update, context.services) as t:
        had = bool(t.state.get("flow"))
        await t.clear_state()
        if had:
            t.reply(t._("Đã dừng. Những gì bạn đã gửi trước đó vẫn được lưu lại."))
        else:
            t.reply(t._("Không có việc nào đang làm dở. Gõ /help để xem các chức năng."))


def _language_buttons() -> list[list[Button]]:
    return [[Button(LANGUAGE_NAMES[code], encode("lang", code)) for code in LANGUAGES]]


async def lang_command(update: Update, context: BotContext) -> None:
    """Choose the language: /lang, /lang en, /lang vi."""
    async with open_turn(update, context.services) as t:
        wanted = (context.args or [""])[0].lower()[:5]
        if wanted in LANGUAGES:
            await _set_language(t, wanted)
            return
        t.reply(t._("Chọn ngôn ngữ:"), _language_buttons())


async def lang_button(update: Update, context: BotContext) -> None:
    """Language buttons."""
    async with open_turn(update, context.services) as t:
        try:
            cb = decode(update.callback_query.data if update.callback_query else None)
            if not cb.args:
                t.answer()
                t.reply(t._("Chọn ngôn ngữ:"), _language_buttons())
                return
            code = cb.expect(1).token(0, set(LANGUAGES))
        except BadCallback:
            await refuse_button(t)
            return
        await _set_language(t, code)


async def _set_language(t: Turn, code: str) -> None:
    t.user.language = code
    t.user.language_chosen = True
    t.tr = get_translator(code, t.services.settings.timezone)
    t.answer(LANGUAGE_NAMES[code])
    t.reply(t._("Đã chuyển sang tiếng Việt."))
    if await t.roles():
        await t.refresh_commands()
    await show_help(t, greeting=False)


async def refuse_button(t: Turn, reason: str = "forged") -> None:
    """A button whose data is malformed, forged or no longer valid: say so politely and log it."""
    data = t.update.callback_query.data if t.update.callback_query else None
    await t.audit("button_refused", data=(data or "")[:80], reason=reason)
    t.answer(t._("Nút này không còn hiệu lực. Gõ /help để xem lại các chức năng."), alert=True)


#: returns False when what the button points at no longer exists (a deleted area, candidate...)
ButtonRoute = Callable[[Turn, Callback], Awaitable[bool | None]]


def button_handler(route: ButtonRoute) -> Callable[[Update, BotContext], Coroutine[Any, Any, None]]:
    """Make a button handler from ``route(t, cb)``: one turn, the decoded data, and a polite refusal (logged)
    whenever the data is malformed or forged (``route`` raises ``BadCallback``) or what it points at is gone
    (``route`` returns False)."""

    @functools.wraps(route)
    async def handler(update: Update, context: BotContext) -> None:
        async with open_turn(update, context.services) as t:
            try:
                found = await route(t, decode(update.callback_query.data if update.callback_query else None))
            except BadCallback:
                t.replies.clear()
                await refuse_button(t)
                return
            if found is False:
                t.replies.clear()
                await refuse_button(t, "not_found")

    return handler


async def unknown_button(update: Update, context: BotContext) -> None:
    """Any button no feature handles (old or forged data)."""
    async with open_turn(update, context.services) as t:
        await refuse_button(t, "unknown")


def register(app: BotApplication) -> None:
    """/start, /help, /lang; the catch-all for unknown buttons is registered last by ``bot.handlers``."""
    services = app.bot_data["services"]
    services.add_command("start", N_("Bắt đầu"))
    services.add_command("help", N_("Xem hướng dẫn và các chức năng"))
    services.add_command("lang", N_("Đổi ngôn ngữ"))
    services.add_command("huy", N_("Dừng việc đang làm"))
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CommandHandler(["help", "menu", "trogiup"], help_command))
    app.add_handler(CommandHandler(["lang", "ngonngu", "language"], lang_command))
    # every flow ends with /huy, so it belongs to no single feature
    app.add_handler(CommandHandler(["huy", "cancel", "dung"], cancel_command))
    app.add_handler(CallbackQueryHandler(lang_button, pattern=pattern("lang")))
