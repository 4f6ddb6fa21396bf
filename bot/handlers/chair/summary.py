"""/tonghop: turnout of the chair's unit now, per sub-unit (per polling area for a commune), the lowest ones,
drill-down buttons to each sub-unit and area, and a chart of turnout over the day.

Buttons carry unit or area ids; every press checks again that the id lies within one of the chair's units.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.chair_summary import AreaFigure, Summary, summarize, turnout_curves
from bot.handlers.start import refuse_button
from bot.i18n import N_
from bot.runtime import Services
from bot.turn import Button, Turn, esc, open_turn
from db.models import AdminUnit, Election, Incident, VoterListAddition
from db.queries.chair import (
    AreaRow,
    area_commune,
    areas_in,
    child_units,
    closures,
    current_series,
    latest_figures,
    reported_at,
)
from db.queries.elections import active_election
from db.queries.scope import ancestor_ids, areas_under

from .charts import render_turnout_chart
from .common import Day, chair_callback, election_day, require_chair, unit_name, within

PAGE = 8
LOWEST = 5


@dataclass
class UnitView:
    unit: AdminUnit
    election: Election
    day: Day
    slot: datetime | None
    areas: list[AreaRow]
    names: dict[int, str]
    group_of: dict[int, int]
    by_area: bool  # the groups are polling areas (a commune's summary)
    summary: Summary


async def unit_view(t: Turn, unit: AdminUnit, election: Election) -> UnitView:
    """One pass over the unit's areas: latest figures at the current slot, reported and closed areas."""
    day = election_day(election)
    slot = day.slot(t.now)
    areas = await areas_in(t.session, unit.path, election.id)
    children = [] if unit.level >= 3 else await child_units(t.session, unit.id)
    by_area = not children
    if by_area:
        names = {a.id: f"{a.name} ({a.code})" for a in areas}
        group_of = {a.id: a.id for a in areas}
    else:
        names = {c.id: unit_name(t.tr, c) for c in children}
        depth = len(ancestor_ids(unit.path))
        group_of = {}
        for a in areas:
            chain = ancestor_ids(a.commune_path)
            group_of[a.id] = chain[depth] if len(chain) > depth else a.commune_id
    latest = await latest_figures(t.session, unit.path, slot) if slot else {}
    closed = await closures(t.session, unit.path)
    reported = await reported_at(t.session, unit.path, slot) if slot else set()
    figures = [
        AreaFigure(
            area_id=a.id,
            group_id=group_of[a.id],
            registered=a.registered,
            voted=closed.get(a.id, latest.get(a.id)),
            reported=a.id in reported or a.id in closed,
        )
        for a in areas
    ]
    summary = summarize(unit.id, unit_name(t.tr, unit), figures, names)
    return UnitView(unit, election, day, slot, areas, names, group_of, by_area, summary)


def _share(t: Turn, voted: int, registered: int, turnout: object) -> str:
    return t._("{percent} ({voted}/{registered})").format(
        percent=t.tr.percent(turnout),  # type: ignore[arg-type]
        voted=t.tr.number(voted),
        registered=t.tr.number(registered),
    )


def summary_text(t: Turn, view: UnitView) -> str:
    s = view.summary
    total = s.total
    lines = [t._("📈 <b>Tổng hợp: {unit}</b>").format(unit=esc(unit_name(t.tr, view.unit)))]
    if view.slot is None:
        lines.append(
            t._("Chưa đến giờ báo cáo đầu tiên ({time} ngày {date}).").format(
                time=t.tr.time(view.day.slots[0]), date=t.tr.date(view.day.slots[0])
            )
        )
    else:
        lines.append(
            t._("Số liệu đến {time} ngày {date}.").format(time=t.tr.time(view.slot), date=t.tr.date(view.slot))
        )
    lines.append("")
    lines.append(t._("• Tổng số cử tri: <b>{n}</b>").format(n=t.tr.number(total.registered)))
    lines.append(
        t._("• Đã bỏ phiếu: <b>{n}</b>, tỉ lệ <b>{percent}</b>").format(
            n=t.tr.number(total.voted), percent=t.tr.percent(total.turnout)
        )
    )
    if view.slot is not None:
        lines.append(
            t._("• Khu vực đã báo cáo lúc {time}: <b>{reported}/{areas}</b>, chưa báo cáo: <b>{missing}</b>").format(
                time=t.tr.time(view.slot),
                reported=t.tr.number(total.reported),
                areas=t.tr.number(total.areas),
                missing=t.tr.number(total.missing),
            )
        )
    lowest = s.lowest(LOWEST)
    if view.slot is not None and len(s.groups) > 1 and lowest:
        lines.append("")
        lines.append(
            t._("<b>Khu vực có tỉ lệ thấp nhất:</b>") if view.by_area else t._("<b>Đơn vị có tỉ lệ thấp nhất:</b>")
        )
        for index, g in enumerate(lowest, start=1):
            line = f"{index}. {esc(g.name)}: " + _share(t, g.voted, g.registered, g.turnout)
            if g.missing:
                line += " — " + t._("chưa báo cáo {n} khu vực").format(n=t.tr.number(g.missing))
            lines.append(line)
    lines.append("")
    lines.append(
        t._("Bấm vào từng khu vực để xem chi tiết.") if view.by_area else t._("Bấm vào từng đơn vị để xem chi tiết.")
    )
    return "\n".join(lines)


def summary_buttons(t: Turn, view: UnitView, units: list[AdminUnit], page: int) -> list[list[Button]]:
    groups = list(view.summary.groups)
    pages = max(1, (len(groups) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    rows: list[list[Button]] = []
    flat = []
    for g in groups[page * PAGE : (page + 1) * PAGE]:
        label = f"{g.name} · {t.tr.percent(g.turnout)}"
        data = encode("suma", g.key) if view.by_area else encode("sumu", g.key, 0)
        flat.append(Button(label, data))
    rows += [flat[i : i + 2] for i in range(0, len(flat), 2)]
    nav = []
    if page > 0:
        nav.append(Button(t._("◀ Trang trước"), encode("sumu", view.unit.id, page - 1)))
    if page < pages - 1:
        nav.append(Button(t._("Trang sau ▶"), encode("sumu", view.unit.id, page + 1)))
    if nav:
        rows.append(nav)
    extra = [
        Button(t._("📊 Biểu đồ"), encode("sumc", view.unit.id)),
        Button(t._("🔄 Cập nhật"), encode("sumu", view.unit.id, page)),
    ]
    rows.append(extra)
    if view.unit.parent_id is not None and not any(u.id == view.unit.id for u in units):
        rows.append([Button(t._("⬆ Lên cấp trên"), encode("sumu", view.unit.parent_id, 0))])
    return rows


async def _no_election(t: Turn) -> None:
    t.reply(t._("Chưa có cuộc bầu cử nào đang diễn ra."))


async def tonghop_command(update: Update, context: BotContext) -> None:
    """/tonghop: the summary of the chair's unit (a choice first when they chair several)."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        units = await require_chair(t)
        if not units:
            return
        election = await active_election(t.session)
        if election is None:
            await _no_election(t)
            return
        if len(units) > 1:
            t.reply(
                t._("Bạn là Chủ tịch Ủy ban bầu cử của nhiều đơn vị. Chọn đơn vị cần xem:"),
                [[Button(unit_name(t.tr, u), encode("sumu", u.id, 0))] for u in units],
            )
            return
        view = await unit_view(t, units[0], election)
        t.reply(summary_text(t, view), summary_buttons(t, view, units, 0))


async def summary_button(update: Update, context: BotContext) -> None:
    """sumu:UNIT:PAGE, suma:AREA, sumc:UNIT: drill down, area detail, chart; each re-checks the jurisdiction."""
    async with open_turn(update, context.services) as t:
        got = await chair_callback(t)
        if got is None:
            return
        cb, units = got
        election = await active_election(t.session)
        if election is None:
            t.answer()
            await _no_election(t)
            return
        try:
            if cb.action == "suma":
                await _area_detail(t, units, cb.expect(1).int(0), election)
                return
            unit_id = cb.int(0)
            if cb.action == "sumu":
                page = cb.expect(2).int(1, maximum=10_000)
            else:
                cb.expect(1)
                page = 0
        except ValueError:
            await refuse_button(t)
            return
        unit = await t.session.get(AdminUnit, unit_id)
        if unit is None or not within(units, unit.path):
            await refuse_button(t, "outside jurisdiction")
            return
        view = await unit_view(t, unit, election)
        if cb.action == "sumc":
            t.answer()
            await _send_chart(t, view)
            return
        t.answer()
        t.edit(summary_text(t, view), summary_buttons(t, view, units, page))


async def _send_chart(t: Turn, view: UnitView) -> None:
    if view.slot is None:
        t.reply(t._("Chưa có số liệu để vẽ biểu đồ: chưa đến giờ báo cáo đầu tiên."))
        return
    slots = [s for s in view.day.slots if s <= view.slot]
    series = await current_series(t.session, areas_under(view.unit.path), view.slot)
    registered = {a.id: a.registered for a in view.areas}
    curves = turnout_curves(series, view.group_of, registered, slots)
    total = turnout_curves(series, {a.id: 0 for a in view.areas}, registered, slots).get(0, [None] * len(slots))
    groups = [(view.names.get(key, str(key)), values) for key, values in curves.items()]
    title = t._("Tỉ lệ cử tri đã bỏ phiếu — {unit}, {date}").format(
        unit=unit_name(t.tr, view.unit), date=t.tr.date(view.slot)
    )
    png = render_turnout_chart(t.tr, title, slots, (t._("Toàn đơn vị"), total), groups)
    caption = t._("Biểu đồ tỉ lệ cử tri đã bỏ phiếu theo giờ: {unit}").format(unit=esc(unit_name(t.tr, view.unit)))
    t.photo(png, caption, filename="tonghop.png")


async def _area_detail(t: Turn, units: list[AdminUnit], area_id: int, election: Election) -> None:
    found = await area_commune(t.session, area_id)
    if found is None or not within(units, found[1].path):
        await refuse_button(t, "outside jurisdiction")
        return
    area, commune = found
    day = election_day(election)
    slot = day.slot(t.now)
    added = int(
        await t.session.scalar(
            select(func.coalesce(func.sum(VoterListAddition.added), 0)).where(
                VoterListAddition.polling_area_id == area.id
            )
        )
        or 0
    )
    registered = area.registered_voters + added
    series = (await current_series(t.session, [area.id], slot or day.closes)).get(area.id, [])
    closed = (await closures(t.session, commune.path)).get(area.id)
    incidents = list(
        await t.session.execute(
            select(Incident.status, func.count()).where(Incident.polling_area_id == area.id).group_by(Incident.status)
        )
    )
    lines = [
        t._("🗳 <b>{area} ({code})</b>, {commune}").format(
            area=esc(area.name), code=esc(area.code), commune=esc(unit_name(t.tr, commune))
        ),
        t._("Địa chỉ: {address}").format(address=esc(area.address)),
        t._("Tổng số cử tri: <b>{n}</b>").format(n=t.tr.number(registered))
        + (t._(" (trong đó bổ sung trong ngày: {n})").format(n=t.tr.number(added)) if added else ""),
        "",
    ]
    if series:
        lines.append(t._("<b>Số cử tri đã bỏ phiếu theo giờ:</b>"))
        for at, voted in series:
            lines.append(
                t._("• {time}: {voted} ({percent})").format(
                    time=t.tr.time(at), voted=t.tr.number(voted), percent=t.tr.percent(_pct(voted, registered))
                )
            )
    else:
        lines.append(t._("Khu vực chưa gửi báo cáo nào."))
    if closed is not None:
        lines.append(
            t._("✅ Đã kết thúc bỏ phiếu: {voted} cử tri ({percent}).").format(
                voted=t.tr.number(closed), percent=t.tr.percent(_pct(closed, registered))
            )
        )
    elif slot is not None and not any(at == slot for at, _v in series):
        lines.append(t._("⏰ Chưa báo cáo số liệu lúc {time}.").format(time=t.tr.time(slot)))
    if incidents:
        total = sum(int(n) for _s, n in incidents)
        open_ = sum(int(n) for s, n in incidents if s == "open")
        lines.append(
            t._("🚨 Sự cố: {total} (chưa xử lý xong: {open})").format(total=t.tr.number(total), open=t.tr.number(open_))
        )
    t.answer()
    t.edit(
        "\n".join(lines),
        [[Button(t._("⬆ Về {unit}").format(unit=unit_name(t.tr, commune)), encode("sumu", commune.id, 0))]],
    )


def _pct(voted: int, registered: int) -> object:
    from bot.domain.turnout import turnout_percent

    return turnout_percent(voted, registered)


def register(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    services.add_command("tonghop", N_("Tổng hợp tình hình bỏ phiếu"), role="chair")
    services.add_menu("chair", N_("📈 Tổng hợp"), encode("sumh"), 10)
    app.add_handler(CommandHandler(["tonghop", "summary"], tonghop_command))
    app.add_handler(CallbackQueryHandler(menu_button, pattern=pattern("sumh")))
    app.add_handler(CallbackQueryHandler(summary_button, pattern=pattern("sumu", "suma", "sumc")))


async def menu_button(update: Update, context: BotContext) -> None:
    """The menu entry: same as /tonghop."""
    await tonghop_command(update, context)
