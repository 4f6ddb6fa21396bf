"""Alerts for committee chairs: missing check-ins (with escalation), turnout anomalies, incidents; one digest
message per chair per tick, with buttons to acknowledge (who and when is recorded on each alert).

Producers (run on every tick, each in its own transaction):

- ``chair_missing``: after ``checkin_grace_minutes`` past the current slot, an alert to the commune for every
  area without a figure for that slot (``missing:{area}:{slot}:0``); after a further
  ``escalation_grace_minutes``, if still missing, one to the unit above (``missing:{area}:{slot}:1``).
- ``chair_anomalies``: ``detect_anomalies`` over the areas of every commune that got a new report since the
  last pass, neighbours = the commune's other areas (``anomaly:{kind}:{area}:{slot}``), to the commune.
- ``chair_digest``: every undispatched due alert, grouped per chair into one message (``digest:{user}:{first}-
  {last}``), enqueued in the same transaction that marks the alerts dispatched.

Incident alerts are created by the polling-team side (one row per level) and go out with the next digest.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Message, Update
from telegram.ext import CallbackQueryHandler

from bot.callbacks import encode, pattern
from bot.context import BotApplication, BotContext
from bot.delivery import Outgoing, enqueue
from bot.domain.chair_digest import AlertItem, ChairRecipient, Digest, plan_digests
from bot.domain.text import clip
from bot.domain.turnout import detect_anomalies
from bot.handlers.start import refuse_button
from bot.i18n import N_, Translator, get_translator
from bot.runtime import Services
from bot.turn import Button, esc, markup_to_json, open_turn
from db.models import Alert
from db.queries.bulk import insert_ignore
from db.queries.chair import (
    areas_of_communes,
    chair_recipients,
    communes_with_reports_since,
    current_series,
    due_alerts,
    missing_checkins,
)
from db.queries.elections import active_election

from .common import election_day

log = logging.getLogger(__name__)

ALERT_PRIORITY = 1
ANOMALY_CURSOR = "chair_anomaly_report_id"
PER_ALERT_BUTTONS = 10


def _slot_key(slot: datetime) -> str:
    return f"{slot:%Y%m%dT%H%M}"


# --- producers --------------------------------------------------------------------------------------------------


async def produce_missing(session: AsyncSession, services: Services) -> None:
    """Missing check-ins for the current slot: the commune after the grace, the unit above after the second."""
    now = services.clock.now()
    election = await active_election(session)
    if election is None:
        return
    day = election_day(election)
    slot = day.slot(now)
    if slot is None or not day.active(now):
        return
    first_due = slot + timedelta(minutes=services.settings.checkin_grace_minutes)
    second_due = first_due + timedelta(minutes=services.settings.escalation_grace_minutes)
    if now < first_due:
        return
    existing = set(
        (
            await session.execute(
                select(Alert.polling_area_id, Alert.level).where(Alert.kind == "missing_checkin", Alert.slot_at == slot)
            )
        ).all()
    )
    rows: list[dict[str, Any]] = []
    for area_id, commune_id, parent_id in await missing_checkins(session, election.id, slot):
        targets = [(0, commune_id)]
        if now >= second_due and parent_id is not None:
            targets.append((1, parent_id))
        for level, unit_id in targets:
            if (area_id, level) in existing:
                continue
            rows.append(
                {
                    "dedupe_key": f"missing:{area_id}:{_slot_key(slot)}:{level}",
                    "kind": "missing_checkin",
                    "unit_id": unit_id,
                    "polling_area_id": area_id,
                    "slot_at": slot,
                    "level": level,
                    "params": {"minutes": int((now - slot) / timedelta(minutes=1))},
                    "created_at": now,
                    "due_at": now,
                }
            )
    await insert_ignore(session, Alert, rows, "dedupe_key")


def _jsonable(params: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in dict(params).items():
        if isinstance(value, datetime):
            out[key] = value.isoformat()
        elif isinstance(value, Decimal):
            out[key] = str(value)
        else:
            out[key] = value
    return out


async def produce_anomalies(session: AsyncSession, services: Services) -> None:
    """Anomalies on the turnout curves of the communes that got new reports since the last pass."""
    now = services.clock.now()
    election = await active_election(session)
    if election is None:
        return
    day = election_day(election)
    slot = day.slot(now)
    if slot is None or not day.active(now):
        return
    cursor = int(services.caches.get(ANOMALY_CURSOR, 0))
    communes, top = await communes_with_reports_since(session, election.id, cursor)
    if not communes:
        return
    rows: list[dict[str, Any]] = []
    commune_list = sorted(communes)
    for start in range(0, len(commune_list), 500):
        areas = await areas_of_communes(session, commune_list[start : start + 500])
        series = await current_series(session, [a for a, _c, _r in areas], slot)
        by_commune: dict[int, list[int]] = {}
        registered: dict[str, int] = {}
        for area_id, commune_id, listed in areas:
            by_commune.setdefault(commune_id, []).append(area_id)
            registered[str(area_id)] = listed
        for commune_id, area_ids in by_commune.items():
            keys = [str(a) for a in area_ids]
            found = detect_anomalies(
                {str(a): series.get(a, []) for a in area_ids},
                now_slot=slot,
                registered={k: registered[k] for k in keys},
                neighbours={k: [o for o in keys if o != k] for k in keys},
                opens=day.opens,
                closes=day.closes,
            )
            for anomaly in found:
                rows.append(
                    {
                        "dedupe_key": f"anomaly:{anomaly.kind}:{anomaly.area}:{_slot_key(anomaly.slot)}",
                        "kind": "anomaly",
                        "unit_id": commune_id,
                        "polling_area_id": int(anomaly.area),
                        "slot_at": anomaly.slot,
                        "level": 0,
                        "params": {
                            "anomaly": anomaly.kind,
                            "message": anomaly.message,
                            "values": _jsonable(anomaly.params),
                        },
                        "created_at": now,
                        "due_at": now,
                    }
                )
    await insert_ignore(session, Alert, rows, "dedupe_key")
    services.caches[ANOMALY_CURSOR] = top


def _format_value(tr: Translator, key: str, value: Any) -> str:
    if isinstance(value, str) and (key.endswith("slot") or key == "since"):
        try:
            return tr.time(datetime.fromisoformat(value))
        except ValueError:
            return esc(value)
    if key.endswith("_percent"):
        try:
            return tr.percent(Decimal(str(value)))
        except InvalidOperation:
            return esc(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return tr.number(value)
    return esc(value)


def alert_line(tr: Translator, item: AlertItem, grace_minutes: int) -> str:
    """One alert of a digest, in HTML (data escaped)."""
    place = tr.gettext(N_("{area} ({code}), {commune}")).format(
        area=esc(item.area_name), code=esc(item.area_code), commune=esc(item.commune_name)
    )
    if item.kind == "incident":
        ref = item.params.get("_ref") or ""
        description = item.params.get("_description") or item.params.get("category") or ""
        return tr.gettext(N_("🚨 <b>Sự cố</b> {ref} lúc {time} — {place}\n    {description}")).format(
            ref=esc(ref), time=tr.time(item.created_at), place=place, description=esc(clip(str(description), 160))
        )
    if item.kind == "missing_checkin":
        slot = tr.time(item.slot_at) if item.slot_at else ""
        if item.level > 0:
            return tr.gettext(
                N_("⏰ <b>Vẫn chưa báo cáo</b> số cử tri lúc {slot} (đã quá {minutes} phút) — {place}")
            ).format(slot=slot, minutes=tr.number(int(item.params.get("minutes") or grace_minutes)), place=place)
        return tr.gettext(N_("⏰ <b>Chưa báo cáo</b> số cử tri lúc {slot} — {place}")).format(slot=slot, place=place)
    if item.kind == "anomaly":
        values = item.params.get("values") or {}
        message = tr.gettext(str(item.params.get("message") or ""))
        try:
            text = message.format(**{k: _format_value(tr, k, v) for k, v in values.items()})
        except (KeyError, IndexError, ValueError):
            text = esc(message)
        return tr.gettext(N_("⚠️ <b>Bất thường</b> — {place}:\n    {text}")).format(place=place, text=text)
    return tr.gettext(N_("🔔 {kind} — {place}")).format(kind=esc(item.kind), place=place)


def digest_text(tr: Translator, alerts: list[AlertItem], grace_minutes: int) -> str:
    lines = [tr.gettext(N_("🔔 <b>{n} cảnh báo mới</b>")).format(n=tr.number(len(alerts)))]
    for index, item in enumerate(alerts, start=1):
        lines.append(f"{index}. " + alert_line(tr, item, grace_minutes))
    lines.append("")
    lines.append(tr.gettext(N_("Bấm “Đã nắm” để xác nhận bạn đã biết; /tonghop để xem tình hình chung.")))
    return "\n".join(lines)


def ack_buttons(tr: Translator, remaining: list[tuple[int, int]], first: int, last: int) -> list[list[Button]]:
    """(number in the list, alert id) of the alerts not acknowledged yet → buttons."""
    rows: list[list[Button]] = []
    if 1 < len(remaining) <= PER_ALERT_BUTTONS:
        row: list[Button] = []
        for number, alert_id in remaining:
            row.append(Button(tr.gettext(N_("✅ {n}")).format(n=number), encode("ack", alert_id, first, last)))
            if len(row) == 5:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
    if remaining:
        label = tr.gettext(N_("✅ Đã nắm")) if len(remaining) == 1 else tr.gettext(N_("✅ Đã nắm tất cả"))
        rows.append([Button(label, encode("acka", first, last))])
    return rows


async def produce_digests(session: AsyncSession, services: Services) -> None:
    """One message per chair with every alert due for them; the alerts are marked dispatched in the same transaction."""
    now = services.clock.now()
    found = await due_alerts(session, now)
    if not found:
        return
    items = []
    for row in found:
        a = row.alert
        params = dict(a.params or {})
        if a.kind == "incident":
            params["_ref"] = row.incident_ref or ""
            params["_description"] = row.incident_description or ""
        items.append(
            AlertItem(
                id=a.id,
                kind=a.kind,
                unit_id=a.unit_id,
                level=a.level,
                area_id=a.polling_area_id,
                area_name=row.area_name,
                area_code=row.area_code,
                commune_name=row.commune_name,
                slot_at=a.slot_at,
                created_at=a.created_at,
                params=params,
            )
        )
    chairs = await chair_recipients(session, {i.unit_id for i in items})
    plan = plan_digests(items, [(u, ChairRecipient(user, chat, lang)) for u, user, chat, lang in chairs])
    grace = services.settings.checkin_grace_minutes
    outgoing = []
    for digest in plan.digests:
        outgoing.append(_digest_message(services, digest, now, grace))
    await enqueue(session, outgoing, now)
    if plan.dispatched:
        await session.execute(update(Alert).where(Alert.id.in_(plan.dispatched)).values(dispatched_at=now))
    if outgoing:
        log.info("alert digests: %d message(s), %d alert(s)", len(outgoing), len(plan.dispatched))


def _digest_message(services: Services, digest: Digest, now: datetime, grace: int) -> Outgoing:
    tr = get_translator(digest.recipient.language, services.settings.timezone)
    alerts = list(digest.alerts)
    remaining = [(i, a.id) for i, a in enumerate(alerts, start=1)]
    return Outgoing(
        key=digest.key,
        kind="alert",
        user_id=digest.recipient.user_id,
        chat_id=digest.recipient.chat_id,
        text=digest_text(tr, alerts, grace),
        due_at=now,
        reply_markup=markup_to_json(ack_buttons(tr, remaining, digest.first_id, digest.last_id)),
        priority=ALERT_PRIORITY,
        ref_id=digest.first_id,
    )


# --- acknowledging -----------------------------------------------------------------------------------------------


async def ack_button(update: Update, context: BotContext) -> None:
    """“Đã nắm” on a digest: one alert (ack:ID:FIRST:LAST) or all of the digest (acka:FIRST:LAST)."""
    from .common import chair_callback

    async with open_turn(update, context.services) as t:
        got = await chair_callback(t)
        if got is None:
            return
        cb, units = got
        try:
            if cb.action == "ack":
                alert_id, first, last = cb.expect(3).int(0), cb.int(1), cb.int(2)
            else:
                first, last = cb.expect(2).int(0), cb.int(1)
                alert_id = None
        except ValueError:
            await refuse_button(t)
            return
        if first > last or (alert_id is not None and not first <= alert_id <= last):
            await refuse_button(t)
            return
        unit_ids = [u.id for u in units]
        in_digest = and_(
            Alert.id >= first, Alert.id <= last, Alert.unit_id.in_(unit_ids), Alert.dispatched_at.is_not(None)
        )
        mine = list(await t.session.scalars(select(Alert).where(in_digest).order_by(Alert.id)))
        targets = [a for a in mine if alert_id is None or a.id == alert_id]
        if not targets:
            await refuse_button(t, "alert outside the chair's units")
            return
        fresh = [a for a in targets if a.acknowledged_at is None]
        for alert in fresh:
            alert.acknowledged_at = t.now
            alert.acknowledged_by = t.user.id
        if fresh:
            await t.audit("alerts_acknowledged", ids=[a.id for a in fresh])
        t.answer(
            t._("Đã ghi nhận: bạn đã nắm {n} cảnh báo.").format(n=t.tr.number(len(fresh)))
            if fresh
            else t._("Cảnh báo này đã được xác nhận trước đó.")
        )
        remaining = [(i, a.id) for i, a in enumerate(mine, start=1) if a.acknowledged_at is None]
        message = t.update.callback_query.message if t.update.callback_query else None
        if isinstance(message, Message) and message.text:
            text = message.text_html
            if not remaining:
                text += "\n\n" + t._("✅ Đã nắm: {name}, lúc {time}.").format(
                    name=esc(t.user.first_name or ""), time=t.tr.datetime(t.now)
                )
            t.edit(text, ack_buttons(t.tr, remaining, first, last))


def register(app: BotApplication) -> None:
    services: Services = app.bot_data["services"]
    services.add_producer("chair_missing", produce_missing)
    services.add_producer("chair_anomalies", produce_anomalies)
    services.add_producer("chair_digest", produce_digests)
    app.add_handler(CallbackQueryHandler(ack_button, pattern=pattern("ack", "acka")))
