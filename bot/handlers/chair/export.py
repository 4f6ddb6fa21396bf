"""/xuat: the chair gets an ``.xlsx`` with the check-ins, incidents and count sheets of their jurisdiction.

``build_export`` is shared with ``baucu export`` (``bot/cli_chair.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.chair_export import CHECKINS, INCIDENTS, SHEETS, VOTES, Sheet, make_sheets, write_xlsx
from bot.domain.turnout import turnout_percent
from bot.i18n import N_, Translator
from bot.runtime import Services
from bot.turn import Button, esc, open_turn
from db.models import AdminUnit
from db.queries.chair import export_checkins, export_incidents, export_sheets, export_votes

from .common import chair_callback, require_chair, unit_name, within

STATUS = {
    "draft": N_("Nháp"),
    "locked": N_("Đã khóa"),
    "superseded": N_("Đã được thay thế"),
    "open": N_("Đang xử lý"),
    "resolved": N_("Đã xử lý xong"),
}


def _local(value: datetime | None, tz: ZoneInfo) -> datetime | None:
    return value.astimezone(tz).replace(tzinfo=None) if value is not None else None


async def build_export(session: AsyncSession, unit: AdminUnit, tr: Translator, tz: ZoneInfo) -> list[Sheet]:
    """The sheets of the export for a unit and everything below it."""
    yes, no = tr.gettext(N_("Có")), tr.gettext(N_("Không"))

    def status(code: str) -> str:
        return tr.gettext(STATUS[code]) if code in STATUS else code

    checkins = await export_checkins(session, unit.path)
    current: dict[tuple[int, datetime], int] = {}
    for row in checkins:
        key = (row[9], row[3])
        current[key] = max(current.get(key, 0), row[8])
    rows: dict[str, list[Any]] = {CHECKINS: [], INCIDENTS: [], SHEETS: [], VOTES: []}
    for commune, code, name, slot, voted, registered, reported, final, report_id, area_id, reporter in checkins:
        share = turnout_percent(voted, registered)
        rows[CHECKINS].append(
            (
                commune,
                code,
                name,
                _local(slot, tz),
                voted,
                registered,
                float(share) if share is not None else None,
                _local(reported, tz),
                yes if final else no,
                yes if current[(area_id, slot)] == report_id else no,
                reporter or "",
            )
        )
    for ref, commune, code, name, category, description, state, created, resolved in await export_incidents(
        session, unit.path
    ):
        rows[INCIDENTS].append(
            (ref, commune, code, name, category, description, status(state), _local(created, tz), _local(resolved, tz))
        )
    for row in await export_sheets(session, unit.path):
        commune, code, name, contest, constituency, version, state, *numbers, locked_at, _id, _order = row
        rows[SHEETS].append(
            (commune, code, name, contest, constituency, version, status(state), *numbers, _local(locked_at, tz))
        )
    for commune, code, constituency, version, state, cand_code, cand_name, votes in await export_votes(
        session, unit.path
    ):
        rows[VOTES].append((commune, code, constituency, version, status(state), cand_code, cand_name, votes))
    return make_sheets(rows, tr.gettext)


def export_filename(unit: AdminUnit, now: datetime, tz: ZoneInfo, ext: str = "xlsx") -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in unit.code)
    return f"baucu-{safe}-{now.astimezone(tz):%Y%m%d-%H%M}.{ext}"


async def _send_export(update: Update, context: BotContext, unit_id: int | None) -> None:
    async with open_turn(update, context.services) as t:
        if unit_id is None:
            units = await require_chair(t)
            if not units:
                return
            if len(units) > 1:
                t.reply(
                    t._("Chọn đơn vị cần xuất dữ liệu:"),
                    [[Button(unit_name(t.tr, u), encode("xuat", u.id))] for u in units],
                )
                return
            unit = units[0]
        else:
            got = await chair_callback(t)
            if got is None:
                return
            _cb, units = got
            found = await t.session.get(AdminUnit, unit_id)
            if found is None or not within(units, found.path):
                from bot.handlers.start import refuse_button

                await refuse_button(t, "outside jurisdiction")
                return
            unit = found
        tz = t.services.settings.tz
        sheets = await build_export(t.session, unit, t.tr, tz)
        data = write_xlsx(sheets)
        counts = ", ".join(f"{esc(s.title)}: {t.tr.number(len(s.rows))}" for s in sheets)
        await t.audit("export", unit_id=unit.id)
        t.document(
            data,
            export_filename(unit, t.now, tz),
            t._("Dữ liệu của {unit} đến {time}. {counts}").format(
                unit=esc(unit_name(t.tr, unit)), time=t.tr.datetime(t.now), counts=counts
            ),
        )


async def xuat_command(update: Update, context: BotContext) -> None:
    """/xuat: the export of the chair's unit."""
    await _send_export(update, context, None)


async def xuat_button(update: Update, context: BotContext) -> None:
    """xuat (menu) or xuat:UNIT (a choice among several units)."""
    data = update.callback_query.data if update.callback_query else ""
    if data == "xuat":
        await _send_export(update, context, None)
        return
    try:
        unit_id = int((data or "").split(":", 1)[1])
    except (IndexError, ValueError):
        unit_id = -1
    await _send_export(update, context, unit_id)


def register(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    services.add_command("xuat", N_("Xuất dữ liệu ra Excel"), role="chair")
    services.add_menu("chair", N_("📥 Xuất Excel"), encode("xuat"), 11)
    app.add_handler(CommandHandler(["xuat", "export"], xuat_command))
    app.add_handler(CallbackQueryHandler(xuat_button, pattern=pattern("xuat")))
