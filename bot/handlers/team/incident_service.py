"""Incidents (sự cố): a category, a description, optionally a photo and a location; updates; resolution.

The incident is stored as soon as its description arrives (photo and location are added afterwards), so the
committees hear of it at once. Who must be alerted is recorded as ``Alert`` rows, one per unit from the commune
up to the province (``kind="incident"``, ``dedupe_key="incident:{incident_id}:{unit_id}"``, level 0, due now);
the committee feature delivers and acknowledges them.
"""

from __future__ import annotations

from bot.callbacks import encode
from bot.domain.team_incidents import CATEGORIES, clean_description, incident_ref
from bot.turn import Button, Turn, esc
from db.models import AdminUnit, Alert, Incident, IncidentUpdate, PollingArea
from db.queries.scope import ancestor_ids
from db.queries.team import open_incidents

from .common import area_name, is_member, refuse_area


def category_label(t: Turn, code: str) -> str:
    return t._(CATEGORIES.get(code, CATEGORIES["other"]))


async def start_incident(t: Turn, area_id: int) -> None:
    """The team's open incidents (update / resolve) and the categories of a new one."""
    if not await is_member(t, area_id):
        await refuse_area(t, area_id, "incident")
        return
    area = await t.session.get(PollingArea, area_id)
    if area is None:
        return
    await t.clear_state()
    buttons: list[list[Button]] = []
    lines = [f"<b>{area_name(area)}</b>"]
    incidents = await open_incidents(t.session, [area_id])
    if incidents:
        lines.append(t._("Sự cố chưa xử lý xong:"))
        for inc in incidents:
            lines.append(
                f"• <b>{esc(inc.ref)}</b> ({t.tr.time(inc.created_at)}) {category_label(t, inc.category)}: "
                f"{esc(inc.description[:80])}"
            )
            buttons.append(
                [
                    Button(t._("➕ Cập nhật {ref}").format(ref=inc.ref), encode("inc_upd", inc.id)),
                    Button(t._("✅ Đã xử lý {ref}").format(ref=inc.ref), encode("inc_res", inc.id)),
                ]
            )
        lines.append("")
    lines.append(t._("Báo sự cố mới: chọn loại sự cố."))
    cats = [Button(t._(label), encode("inc_cat", area_id, code)) for code, label in CATEGORIES.items()]
    buttons += [cats[i : i + 2] for i in range(0, len(cats), 2)]
    t.reply("\n".join(lines), buttons)


async def choose_category(t: Turn, area_id: int, category: str) -> None:
    await t.set_state("incident", step="desc", area=area_id, category=category)
    t.reply(
        t._(
            "Loại sự cố: {category}.\nVui lòng mô tả ngắn gọn sự việc: chuyện gì xảy ra, ở đâu, đã xử lý thế nào "
            "(ví dụ: Mất điện tại điểm bỏ phiếu, đã chuyển sang dùng đèn pin)."
        ).format(category=category_label(t, category))
    )


def _full_text(t: Turn) -> str:
    message = t.update.effective_message
    return (message.text or message.caption or "") if message else ""


def _photo_id(t: Turn) -> str | None:
    message = t.update.effective_message
    if message and message.photo:
        return message.photo[-1].file_id[:200]
    if message and message.document:
        return message.document.file_id[:200]
    return None


async def description(t: Turn, area_id: int, category: str) -> None:
    """The description arrives: store the incident, record the alerts, show the reference."""
    text = clean_description(_full_text(t))
    if text is None:
        t.reply(t._("Vui lòng gõ vài chữ mô tả sự việc (hoặc gõ /huy để dừng)."))
        return
    area = await t.session.get(PollingArea, area_id)
    if area is None:
        await t.clear_state()
        return
    incident = Incident(
        ref=f"tmp-{t.user.id}-{int(t.now.timestamp() * 1000)}"[:24],
        polling_area_id=area_id,
        reporter_id=t.user.id,
        category=category if category in CATEGORIES else "other",
        description=text,
        photo_file_id=_photo_id(t),
        status="open",
        created_at=t.now,
    )
    t.session.add(incident)
    await t.session.flush()
    incident.ref = incident_ref(incident.id)
    units = await record_alerts(t, incident, area)
    await t.audit("incident_reported", incident_id=incident.id, area_id=area_id, category=incident.category)
    t.services.kick()
    await t.set_state("incident", step="extra", incident=incident.id)
    t.reply(
        t._(
            "✅ Đã ghi nhận sự cố <b>{ref}</b> lúc {time} và chuyển đến Ủy ban bầu cử ({units}).\n"
            "Nếu có, bạn có thể gửi thêm <b>ảnh</b> 📷 hoặc <b>vị trí</b> 📍 của nơi xảy ra sự cố. Xong thì bấm “Xong”."
        ).format(ref=esc(incident.ref), time=t.tr.time(t.now), units=esc(", ".join(u.name for u in units))),
        [[Button(t._("✔️ Xong"), encode("inc_done", incident.id))]],
    )


async def record_alerts(t: Turn, incident: Incident, area: PollingArea) -> list[AdminUnit]:
    """One Alert per unit from the commune up to the province; returns the units, commune first."""
    commune = await t.session.get(AdminUnit, area.commune_id)
    ids = ancestor_ids(commune.path) if commune else [area.commune_id]
    if area.commune_id not in ids:
        ids.append(area.commune_id)
    units = {u.id: u for u in [await t.session.get(AdminUnit, i) for i in ids] if u is not None}
    for unit_id in ids:
        t.session.add(
            Alert(
                dedupe_key=f"incident:{incident.id}:{unit_id}",
                kind="incident",
                unit_id=unit_id,
                polling_area_id=area.id,
                incident_id=incident.id,
                level=0,
                params={"category": incident.category, "ref": incident.ref, "area_code": area.code},
                created_at=t.now,
                due_at=t.now,
            )
        )
    await t.session.flush()
    return [units[i] for i in reversed(ids) if i in units]


async def _own_incident(t: Turn, incident_id: int, what: str) -> Incident | None:
    incident = await t.session.get(Incident, incident_id)
    if incident is None or not await is_member(t, incident.polling_area_id):
        await refuse_area(t, incident.polling_area_id if incident else None, what)
        await t.clear_state()
        return None
    return incident


async def extra(t: Turn, incident_id: int) -> None:
    """After the description: a photo, a location, or more text for the incident."""
    incident = await _own_incident(t, incident_id, "incident_extra")
    if incident is None:
        return
    message = t.update.effective_message
    photo = _photo_id(t)
    done = [[Button(t._("✔️ Xong"), encode("inc_done", incident.id))]]
    if photo:
        if incident.photo_file_id is None:
            incident.photo_file_id = photo
        else:
            t.session.add(
                IncidentUpdate(
                    incident_id=incident.id, user_id=t.user.id, kind="update", text=f"photo:{photo}", at=t.now
                )
            )
        caption = (message.caption or "").strip() if message else ""
        if caption:
            t.session.add(
                IncidentUpdate(incident_id=incident.id, user_id=t.user.id, kind="update", text=caption[:2000], at=t.now)
            )
        t.reply(t._("📷 Đã thêm ảnh vào sự cố {ref}.").format(ref=esc(incident.ref)), done)
        return
    if message and message.location:
        incident.latitude = message.location.latitude
        incident.longitude = message.location.longitude
        t.reply(t._("📍 Đã thêm vị trí vào sự cố {ref}.").format(ref=esc(incident.ref)), done)
        return
    text = clean_description(_full_text(t))
    if text is None:
        t.reply(t._("Gửi ảnh, vị trí, hoặc bấm “Xong”."), done)
        return
    t.session.add(IncidentUpdate(incident_id=incident.id, user_id=t.user.id, kind="update", text=text, at=t.now))
    t.reply(t._("Đã thêm thông tin vào sự cố {ref}.").format(ref=esc(incident.ref)), done)


async def finish(t: Turn, incident_id: int) -> None:
    incident = await _own_incident(t, incident_id, "incident_done")
    if incident is None:
        return
    await t.clear_state()
    t.reply(
        t._("Sự cố <b>{ref}</b> đã được lưu. Khi có diễn biến mới hoặc đã xử lý xong, gõ /suco để cập nhật.").format(
            ref=esc(incident.ref)
        )
    )


async def ask_update(t: Turn, incident_id: int) -> None:
    incident = await _own_incident(t, incident_id, "incident_update")
    if incident is None:
        return
    await t.set_state("incident", step="update", incident=incident.id)
    t.reply(t._("Vui lòng gõ thông tin cập nhật cho sự cố {ref}.").format(ref=esc(incident.ref)))


async def add_update(t: Turn, incident_id: int) -> None:
    incident = await _own_incident(t, incident_id, "incident_update")
    if incident is None:
        return
    text = clean_description(_full_text(t))
    if text is None:
        t.reply(t._("Vui lòng gõ vài chữ mô tả diễn biến mới (hoặc gõ /huy để dừng)."))
        return
    t.session.add(IncidentUpdate(incident_id=incident.id, user_id=t.user.id, kind="update", text=text, at=t.now))
    await t.clear_state()
    t.reply(
        t._("✅ Đã cập nhật sự cố {ref}.").format(ref=esc(incident.ref)),
        [[Button(t._("✅ Đã xử lý {ref}").format(ref=incident.ref), encode("inc_res", incident.id))]],
    )


async def resolve(t: Turn, incident_id: int) -> None:
    incident = await _own_incident(t, incident_id, "incident_resolve")
    if incident is None:
        return
    if incident.status == "resolved":
        t.reply(t._("Sự cố {ref} đã được đánh dấu là đã xử lý trước đó.").format(ref=esc(incident.ref)))
        return
    incident.status = "resolved"
    incident.resolved_at = t.now
    incident.resolved_by = t.user.id
    t.session.add(IncidentUpdate(incident_id=incident.id, user_id=t.user.id, kind="resolved", text="", at=t.now))
    await t.audit("incident_resolved", incident_id=incident.id)
    await t.clear_state()
    t.reply(
        t._("✅ Sự cố {ref} đã được đánh dấu là đã xử lý lúc {time}.").format(
            ref=esc(incident.ref), time=t.tr.time(t.now)
        )
    )
