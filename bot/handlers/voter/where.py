"""Where do I vote: search by place name, browse district → commune → polling area, share a location, save it."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.search import PlaceMatch
from bot.domain.text import prepare
from bot.domain.voter_geo import nearest, rounded_distance
from bot.handlers.start import button_handler
from bot.handlers.voter.common import contest_label, election_or_reply, hours, unit_label, unit_name, with_note
from bot.handlers.voter.place_index import Places, get_places
from bot.i18n import N_
from bot.turn import Button, Turn, esc, open_turn
from db.models import AdminUnit, Election
from db.queries import voter as q
from db.queries.voter import move_subscription

PAGE = 8
PLACE_KINDS = ("hamlet", "area", "commune", "district", "province")
SHARE_LOCATION = N_("📍 Gửi vị trí của tôi")


# --- the answer -------------------------------------------------------------------------------------------------


async def show_area(t: Turn, election: Election, area_id: int, *, edit: bool = False) -> bool:
    """The where-to-vote answer: area, address, hours, ballots with their constituencies, and a map pin."""
    area = await q.election_area(t.session, election.id, area_id)
    if area is None:
        return False
    chain = await q.unit_with_ancestors(t.session, area.commune_id)
    hamlets = await q.hamlet_names(t.session, area.id)
    ballots = await q.area_ballots(t.session, area.id)
    where = ", ".join(unit_label(t, u) for u in chain)
    lines = [
        "📍 " + t._("<b>{area}</b> ({place})").format(area=esc(area.name), place=where),
        t._("Địa chỉ: {address}").format(address=esc(area.address)),
    ]
    if hamlets:
        lines.append(t._("Dành cho cử tri: {hamlets}").format(hamlets=esc(", ".join(hamlets))))
    lines.append(t._("Giờ bỏ phiếu: {hours}").format(hours=hours(t, election)))
    buttons: list[list[Button]] = []
    if ballots:
        lines.append("")
        lines.append(t._("Các phiếu bầu bạn sẽ nhận ({n}):").format(n=t.tr.number(len(ballots))))
        for i, b in enumerate(ballots, 1):
            lines.append(
                t._("{i}. <b>{contest}</b>: {constituency}, bầu {seats} trong {candidates} người ứng cử").format(
                    i=i,
                    contest=contest_label(t, b.contest),
                    constituency=esc(b.constituency.name),
                    seats=t.tr.number(b.constituency.seats),
                    candidates=t.tr.number(b.candidates),
                )
            )
            buttons.append(
                [
                    Button(
                        "🗳 " + t._("Người ứng cử: {contest}").format(contest=contest_label(t, b.contest)),
                        encode("vcons", b.constituency.id),
                    )
                ]
            )
    home = t.user.home_area_id == area.id
    if home:
        lines.append("")
        lines.append("💾 " + t._("Đây là nơi bỏ phiếu đã lưu của bạn."))
    else:
        buttons.append([Button("💾 " + t._("Lưu làm nơi bỏ phiếu của tôi"), encode("vsave", area.id))])
    buttons.append([Button("🔔 " + t._("Nhắc lịch"), encode("vremind", area.id))])
    text = with_note(t, election, "\n".join(lines))
    if edit:
        t.edit(text, buttons)
    else:
        t.reply(text, buttons)
    if area.latitude is not None and area.longitude is not None:
        t.location(area.latitude, area.longitude, area.name, area.address)
    return True


async def ask_where(t: Turn, election: Election, *, intro: str | None = None) -> None:
    """Ask for a hamlet/commune name, offer browsing and sharing the location."""
    text = intro or t._(
        "Bạn bỏ phiếu ở đâu? Hãy gõ tên <b>thôn, tổ dân phố, xã</b> hoặc <b>khu vực bỏ phiếu</b> của bạn "
        "(có dấu hay không dấu đều được), chọn theo danh sách, hoặc gửi vị trí của bạn."
    )
    buttons = [[Button("🗂 " + t._("Chọn theo danh sách"), encode("vbrowse", 0, 0))]]
    if t.user.home_area_id:
        buttons.insert(0, [Button("💾 " + t._("Nơi bỏ phiếu đã lưu"), encode("varea", t.user.home_area_id))])
    t.reply(text, buttons)
    t.reply(t._("Hoặc bấm nút bên dưới để gửi vị trí:"), location_request=t._(SHARE_LOCATION))


def place_label(t: Turn, places: Places, m: PlaceMatch) -> str:
    """A button label for a place found: the name with its commune (and a hamlet's polling area)."""
    entry = m.entry
    ctx = entry.context[0] if entry.context else ""
    if entry.kind == "hamlet" and entry.key.startswith("area:"):
        area = places.area_label.get(int(entry.key.split(":")[1]), "")
        return f"{entry.name} · {ctx} → {area}" if ctx else f"{entry.name} → {area}"
    return f"{entry.name} · {ctx}" if ctx else entry.name


def _entry_button(t: Turn, places: Places, m: PlaceMatch) -> Button:
    kind, raw = m.entry.key.split(":")
    action = "varea" if kind == "area" else "vunit"
    return Button(place_label(t, places, m)[:60], encode(action, int(raw)))


async def open_entry(t: Turn, election: Election, places: Places, key: str) -> bool:
    kind, raw = key.split(":")
    if kind == "area":
        return await show_area(t, election, int(raw))
    return await show_unit(t, election, int(raw), 0)


async def search_place(t: Turn, election: Election, query: str, *, quiet: bool = False) -> str:
    """Answer a place name: one clear match → its answer ("place"); several → buttons ("choices");
    none → "" when ``quiet``, else a "not found" reply ("none")."""
    places = await get_places(t.services, t.session, election.id)
    res = places.places.resolve(query, limit=6, kinds=PLACE_KINDS)
    if res.best is not None and clear_in_sentence(query, res.best, res.confident):
        return "place" if await open_entry(t, election, places, res.best.entry.key) else ""
    inside = res.best is not None and in_sentence(query, res.best)
    strong = [m for m in res.candidates if m.score >= (75 if inside else 60)]
    if strong:
        offer_places(t, places, strong)
        return "choices"
    if not quiet:
        t.reply(
            t._("Không tìm thấy «{query}». Bạn thử gõ tên thôn hoặc xã khác, hoặc chọn theo danh sách.").format(
                query=esc(query[:80])
            ),
            [[Button("🗂 " + t._("Chọn theo danh sách"), encode("vbrowse", 0, 0))]],
        )
        return "none"
    return ""


def in_sentence(query: str, match: PlaceMatch) -> bool:
    """Whether the name is only part of a longer message (not the message itself)."""
    return len(prepare(query).tokens) > len(match.entry.name.split()) + 2


#: inside a sentence, a name typed with a typo is taken as meant from this score on: "thôn Cốc Phườg bỏ phiếu ở đâu"
#: scores 82.5 (one typo, the kind word before it), "bầu thì ở đâu" ≈ "Bản Thi" 75 (measured on the evaluation file:
#: 85 → 80 answered one more question, and no wrong one)
SENTENCE_TYPO_SCORE = 80.0


def clear_in_sentence(query: str, match: PlaceMatch, confident: bool) -> bool:
    """A confident match, and inside a longer message an exact one (or nearly): in a sentence, short everyday
    words with one typo often look like place names ("bầu thì" ≈ "Bản Thi"), so typos there need more evidence."""
    return confident and (not in_sentence(query, match) or match.exact or match.score >= SENTENCE_TYPO_SCORE)


def offer_places(t: Turn, places: Places, matches: list[PlaceMatch]) -> None:
    seen: set[str] = set()
    rows = []
    for m in matches:
        label = place_label(t, places, m)
        if (m.entry.key, label) in seen:
            continue
        seen.add((m.entry.key, label))
        rows.append([_entry_button(t, places, m)])
    t.reply(t._("Mình tìm thấy vài nơi gần giống. Bạn chọn đúng nơi của mình:"), rows[:6])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- browsing ---------------------------------------------------------------------------------------------------


async def show_unit(t: Turn, election: Election, unit_id: int, page: int, *, edit: bool = False) -> bool:
    """Browse: top → provinces/districts → communes → polling areas (pages of ``PAGE``)."""
    parent: AdminUnit | None = None
    if unit_id:
        parent = await t.session.get(AdminUnit, unit_id)
        if parent is None:
            return False
    children = await q.child_units_with_areas(t.session, election.id, parent.id if parent else None)
    details: list[str] = []
    if parent is not None and not children:
        areas = await q.areas_of_commune(t.session, election.id, parent.id)
        if not areas:
            t.reply(
                t._("Dữ liệu của cuộc bầu cử này chưa có khu vực bỏ phiếu nào của {unit}.").format(
                    unit=unit_label(t, parent)
                ),
                [[Button("🗂 " + t._("Chọn theo danh sách"), encode("vbrowse", 0, 0))]],
            )
            return True
        if len(areas) == 1 and page == 0 and not edit:
            return await show_area(t, election, areas[0].id)
        items = [Button(f"{a.name}"[:60], encode("varea", a.id)) for a in areas]
        title = t._("Các khu vực bỏ phiếu của {unit}:").format(unit=unit_label(t, parent))
        # each with its address and hamlets, so that the voter can tell which is theirs
        details = [
            t._("• {area}: {address} — {hamlets}").format(
                area=esc(a.name), address=esc(a.address), hamlets=esc(", ".join(await q.hamlet_names(t.session, a.id)))
            )
            for a in areas
        ]
    else:
        # skip levels with a single choice (one province, one district)
        if len(children) == 1 and page == 0:
            return await show_unit(t, election, children[0].id, 0, edit=edit)
        if not children:
            t.reply(t._("Chưa có khu vực bỏ phiếu nào trong dữ liệu."))
            return True
        items = [Button(_cap(unit_name(t, u.name, u.kind))[:60], encode("vbrowse", u.id, 0)) for u in children]
        title = (
            t._("Chọn đơn vị hành chính trong {unit}:").format(unit=unit_label(t, parent))
            if parent
            else t._("Chọn tỉnh, thành phố:")
        )
    pages = max(1, (len(items) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    chunk = items[page * PAGE : (page + 1) * PAGE]
    rows = [chunk[i : i + 2] for i in range(0, len(chunk), 2)]
    nav = []
    if page > 0:
        nav.append(Button("◀️ " + t._("Trước"), encode("vbrowse", unit_id, page - 1)))
    if page < pages - 1:
        nav.append(Button(t._("Tiếp") + " ▶️", encode("vbrowse", unit_id, page + 1)))
    if nav:
        rows.append(nav)
    if parent is not None and parent.parent_id is not None:
        rows.append([Button("⬆️ " + t._("Lên một cấp"), encode("vbrowse", parent.parent_id, 0))])
    text = title if pages == 1 else f"{title} ({page + 1}/{pages})"
    if details:
        text += "\n" + "\n".join(details[page * PAGE : (page + 1) * PAGE])
    if edit:
        t.edit(text, rows)
    else:
        t.reply(text, rows)
    return True


# --- location ---------------------------------------------------------------------------------------------------


async def answer_location(t: Turn, _text: str) -> bool:
    """The nearest polling areas to a shared location, with distances, as buttons."""
    message = t.update.effective_message
    loc = message.location if message else None
    if loc is None:
        return False
    election = await election_or_reply(t)
    if election is None:
        return True
    points = await q.areas_with_coordinates(t.session, election.id)
    found = nearest(points, loc.latitude, loc.longitude, 3)
    if not found:
        t.reply(t._("Chưa có tọa độ của các khu vực bỏ phiếu. Bạn hãy gõ tên thôn hoặc xã."), remove_keyboard=True)
        return True
    places = await get_places(t.services, t.session, election.id)
    rows = []
    lines = [t._("Các khu vực bỏ phiếu gần bạn nhất:")]
    for area_id, km in found:
        value, unit = rounded_distance(km)
        dist = f"{t.tr.number(value)} {unit}"
        commune = places.units.get(places.area_commune.get(area_id, 0))
        where = unit_name(t, commune.name, commune.kind) if commune else ""
        label = f"{places.area_label.get(area_id, '')}, {where}"
        lines.append(f"• {label} — {dist}")
        rows.append([Button(f"{label} ({dist})"[:60], encode("varea", area_id))])
    lines.append("")
    lines.append(t._("Khu vực bỏ phiếu theo nơi cư trú, không nhất thiết là nơi gần nhất: hãy chọn đúng nơi của bạn."))
    t.reply(t._("Đã nhận vị trí."), remove_keyboard=True)
    t.reply(with_note(t, election, "\n".join(lines)), rows)
    return True


# --- save -------------------------------------------------------------------------------------------------------


async def save_home(t: Turn, election: Election, area_id: int) -> bool:
    area = await q.election_area(t.session, election.id, area_id)
    if area is None:
        return False
    t.user.home_area_id = area.id
    await move_subscription(t.session, t.user.id, election.id, area.id)
    t.answer(t._("Đã lưu."))
    t.reply(
        "💾 "
        + t._(
            "Đã lưu <b>{area}</b> làm nơi bỏ phiếu của bạn. Xem người ứng cử của bạn: /ungcuvien; nhắc lịch: /nhacnho."
        ).format(area=esc(area.name)),
        [
            [Button("🗳 " + t._("Người ứng cử của tôi"), encode("vmine"))],
            [Button("🔔 " + t._("Nhắc lịch"), encode("vremind", area.id))],
        ],
    )
    return True


# --- handlers ---------------------------------------------------------------------------------------------------


async def where_command(update: Update, context: BotContext) -> None:
    """/noibophieu [place]: find the polling area."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        election = await election_or_reply(t)
        if election is None:
            return
        query = " ".join(context.args or [])
        if query.strip():
            await search_place(t, election, query)
        elif t.user.home_area_id and await show_area(t, election, t.user.home_area_id):
            t.reply(
                t._("Tìm nơi khác: gõ tên thôn hoặc xã."),
                [[Button("🗂 " + t._("Chọn theo danh sách"), encode("vbrowse", 0, 0))]],
            )
        else:
            await ask_where(t, election)


@button_handler
async def where_button(t: Turn, cb: Callback) -> bool:
    """Buttons: where, vbrowse:unit:page, varea:id, vunit:id, vsave:id."""
    election = await election_or_reply(t)
    if election is None:
        t.answer()
        return True
    ok = True
    if cb.action == "where":
        cb.expect(0)
        t.answer()
        if t.user.home_area_id and await show_area(t, election, t.user.home_area_id):
            pass
        else:
            await ask_where(t, election)
    elif cb.action == "vbrowse":
        cb.expect(2)
        t.answer()
        ok = await show_unit(t, election, cb.int(0), cb.int(1, maximum=10_000), edit=cb.int(1) > 0)
    elif cb.action == "varea":
        cb.expect(1)
        t.answer()
        ok = await show_area(t, election, cb.int(0))
    elif cb.action == "vunit":
        cb.expect(1)
        t.answer()
        ok = await show_unit(t, election, cb.int(0), 0)
    elif cb.action == "vsave":
        cb.expect(1)
        ok = await save_home(t, election, cb.int(0))
    else:
        raise BadCallback("unknown action")
    return ok


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_command("noibophieu", N_("Tìm nơi bỏ phiếu của bạn"))
    app.add_handler(CommandHandler(["noibophieu", "where"], where_command))
    app.add_handler(CallbackQueryHandler(where_button, pattern=pattern("where", "vbrowse", "varea", "vunit", "vsave")))
