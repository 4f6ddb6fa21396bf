"""Data questions answered from the database: counts of a unit, communes of a constituency, a commune's constituency."""

from __future__ import annotations

import re
from typing import Any

from bot.callbacks import encode
from bot.domain.search import PlaceMatch
from bot.domain.text import fold
from bot.domain.voter_constituency import (
    ConstituencyRef,
    count_question,
    counts_polling_areas,
    explicit_constituency_number,
    names_hamlet,
    names_local_place,
    names_own_polling_area,
    names_polling_area,
    names_the_town,
    parse_constituency_ref,
    whole_level,
    without_number,
)
from bot.handlers.voter import where
from bot.handlers.voter.common import CONTEST_LEVELS, constituency_button, contest_label, unit_label, with_note
from bot.handlers.voter.place_index import Places, UnitInfo, get_places
from bot.turn import Button, Turn, esc
from db.models import AdminUnit, Constituency, Contest, Election
from db.queries import voter as q

UNIT_KINDS = ("province", "district", "commune")
_LEVEL_OF_CONTEST = {"qh": "national", "tinh": "province", "huyen": "district", "xa": "commune"}
_WORD_LEVEL = (
    (re.compile(r"\b(xa|phuong|thi tran|dac khu|commune|ward)\b"), 3),
    (re.compile(r"\b(huyen|quan|thi xa|district)\b"), 2),
    (re.compile(r"\b(tinh|province)\b"), 1),
)


def _plural_units(t: Turn, level: str, n: int) -> str:
    if level == "province":
        return t.ngettext("{n} tỉnh", "{n} tỉnh", n).format(n=t.tr.number(n))
    if level == "district":
        return t.ngettext("{n} huyện", "{n} huyện", n).format(n=t.tr.number(n))
    return t.ngettext("{n} xã", "{n} xã", n).format(n=t.tr.number(n))


async def resolve_unit(t: Turn, election: Election, text: str, kinds: tuple[str, ...] = UNIT_KINDS) -> tuple[str, Any]:
    """("unit", UnitInfo) / ("area", area id) for a clear place; ("choices", matches); ("none", None)."""
    places = await get_places(t.services, t.session, election.id)
    res = places.places.resolve(text, limit=5, kinds=kinds)
    if res.confident and res.best is not None:
        kind, raw = res.best.entry.key.split(":")
        if kind == "unit":
            return "unit", places.units[int(raw)]
        return "area", int(raw)
    strong = [m for m in res.candidates if m.score >= 60]
    if strong:
        return "choices", strong
    return "none", None


async def _home_unit(t: Turn, election: Election, places: Places, text: str) -> UnitInfo | None:
    """The unit of the saved polling area at the level the question names ("xã tôi", "huyện mình")."""
    if not t.user.home_area_id:
        return None
    commune = places.area_commune.get(t.user.home_area_id)
    if commune is None:
        return None
    chain = places.chain(commune)
    folded = f" {fold(text)} "
    for pattern, level in _WORD_LEVEL:
        if pattern.search(folded):
            for u in chain:
                if u.level == level:
                    return u
    return None


def _only_unit(places: Places, text: str) -> UnitInfo | None:
    """The district or province spoken of as a whole without its name ("cả huyện mình"), or the town ("thị trấn có
    bao nhiêu khu vực bỏ phiếu"), when the election's polling areas lie in only one unit of that level or kind."""
    level = whole_level(text)
    if level is None and not names_the_town(text):
        return None
    units = {u for c in set(places.area_commune.values()) for u in places.chain(c)}
    found = [u for u in units if (u.level == level if level is not None else u.kind == "thi_tran")]
    return found[0] if len(found) == 1 else None


def _offer_places(t: Turn, places: Places, matches: list[PlaceMatch]) -> None:
    """Buttons for the counts of the units and polling areas found (a hamlet stands for its polling area)."""
    rows, seen = [], set()
    for m in matches:
        if m.entry.key in seen:  # two hamlets of one polling area
            continue
        seen.add(m.entry.key)
        kind, raw = m.entry.key.split(":")
        action = "vcount" if kind == "unit" else "vacount"
        rows.append([Button(where.place_label(t, places, m)[:60], encode(action, int(raw)))])
    rows = rows[:6]
    t.reply(t._("Bạn muốn hỏi về nơi nào?"), rows)


# --- counts -------------------------------------------------------------------------------------------------------


async def answer_counts(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    """How many constituencies, seats, candidates, polling areas and voters a unit has. Returns the route kind."""
    ref = parse_constituency_ref(text)
    if ref.number is not None:
        # a constituency by number ("đơn vị số 2 có bao nhiêu người ứng cử"): its counts; several: a choice
        # (never the polling areas of that number)
        numbered = await numbered_constituencies(t, election, ref, text)
        if not ref.levels and len(numbered) > 8:  # a commune council needs its commune named
            numbered = [(k, c) for k, c in numbered if c.level != "commune"] or numbered
        if not numbered and explicit_constituency_number(text) is not None:
            t.reply(t._("Không tìm thấy đơn vị bầu cử này trong dữ liệu. Bạn kiểm tra lại cấp và số đơn vị nhé."))
            return "answer"
        if len(numbered) == 1:
            await show_constituency_counts(t, election, *numbered[0])
            return "answer"
        if numbered:
            rows = [[constituency_button(t, k, c, "vkcount")] for k, c in numbered[:8]]
            t.reply(t._("Bạn muốn hỏi về đơn vị bầu cử nào?"), rows)
            return "choices"
    places = await get_places(t.services, t.session, election.id)
    # a hamlet named with its polling area ("khu vực bỏ phiếu thôn Nà Ngần, Yên Mỹ"): that area, not the commune
    # so is a hamlet named as one ("thôn Cốc Lùng xã Đồng Lạc có bao nhiêu cử tri"): its polling area's figures
    hamlet_named = names_polling_area(text) or names_hamlet(text)
    kinds = (*UNIT_KINDS, "area", "hamlet") if hamlet_named else (*UNIT_KINDS, "area")
    kind, found = "none", None
    asked = count_question(text)
    if asked is not None:  # a story first, then the question: the place the question names, if it names one
        kind, found = await resolve_unit(t, election, asked, kinds)
    if kind not in ("unit", "area"):
        kind, found = await resolve_unit(t, election, text, kinds)
    unit: UnitInfo | None = None
    if kind == "area":  # "khu vực bỏ phiếu số 3 xã Yên Mỹ có bao nhiêu cử tri": that area, not its commune
        await show_area_counts(t, election, found, for_hamlet=hamlet_named and not names_polling_area(text))
        return "answer"
    if kind == "unit":
        unit = found
    elif kind == "choices":
        _offer_places(t, places, found)
        return "choices"
    else:
        if t.user.home_area_id and names_own_polling_area(text) and not counts_polling_areas(text):
            await show_area_counts(t, election, t.user.home_area_id)
            return "answer"
        if (names_polling_area(text) or names_own_polling_area(text)) and not counts_polling_areas(text):
            # one polling area asked about, none found and none saved: never the whole election's figures
            t.reply(
                t._(
                    "Bạn hỏi khu vực bỏ phiếu nào? Hãy gõ tên thôn, tổ dân phố hoặc số khu vực kèm tên xã, ví dụ: "
                    "«khu vực bỏ phiếu số 1 xã Đồng Lạc có bao nhiêu cử tri»."
                )
            )
            return "ask"
        unit = await _home_unit(t, election, places, text) or _only_unit(places, text)
        if unit is None and names_local_place(text):
            # "xã tôi có bao nhiêu cử tri" with nothing saved, "thôn bằng có bao nhiêu cử tri" (no such place): a
            # place asked about and not found is not the whole election
            t.reply(
                t._(
                    "Bạn hỏi về xã, thôn hay khu vực bỏ phiếu nào? Hãy gõ tên nơi đó (có dấu hay không dấu đều "
                    "được), ví dụ: «xã Đồng Lạc có bao nhiêu cử tri»."
                )
            )
            return "ask"
    await show_counts(t, election, unit.id if unit else None)
    return "answer"


async def in_named_unit(
    t: Turn, election: Election, text: str, found: list[tuple[Constituency, Contest]]
) -> list[tuple[Constituency, Contest]]:
    """Of several constituencies with the same number, those of the commune or district the message names
    ("đơn vị số 3 HĐND xã Xuân Lạc"); all of them when it names none. The number is left out of the place search."""
    if len(found) <= 1:
        return found
    kind, unit = await resolve_unit(t, election, without_number(text), ("commune", "district"))
    if kind != "unit":
        return found
    inside = {k.id for _c, k in await q.constituencies_for_areas(t.session, election.id, unit.path)}
    narrowed = [(k, c) for k, c in found if k.id in inside]
    if unit.level == 2:  # a district named: its own council, not the councils of its communes
        narrowed = [(k, c) for k, c in narrowed if c.level != "commune"] or narrowed
    return narrowed or found


async def numbered_constituencies(
    t: Turn, election: Election, ref: ConstituencyRef, text: str
) -> list[tuple[Constituency, Contest]]:
    """The constituencies a message may name by number, narrowed by the level and the commune or district it names
    ("đơn vị số 7 HĐND tỉnh", "đơn vị số 3 HĐND xã Xuân Lạc")."""
    if ref.number is None:
        return []
    found = [
        (k, c)
        for k, c in await q.constituencies_numbered(t.session, election.id, ref.number)
        if not ref.levels or c.level in ref.levels
    ]
    return await in_named_unit(t, election, text, found)


async def numbered_constituency(
    t: Turn, election: Election, ref: ConstituencyRef, text: str
) -> tuple[Constituency, Contest] | None:
    """The one constituency a message names by number; None when none or several fit."""
    found = await numbered_constituencies(t, election, ref, text)
    return found[0] if len(found) == 1 else None


async def show_constituency_counts(t: Turn, election: Election, k: Constituency, c: Contest) -> None:
    """ "đơn vị số 7 HĐND tỉnh có mấy người ứng cử": the seats and candidates of that constituency."""
    people = await q.candidates_of(t.session, k.id)
    text = t._("<b>{contest}</b> — {constituency}: bầu {seats} đại biểu, {n} người ứng cử.").format(
        contest=contest_label(t, c), constituency=esc(k.name), seats=t.tr.number(k.seats), n=t.tr.number(len(people))
    )
    voters = await q.constituency_voters(t.session, election.id, k.id)
    if voters.polling_areas and not voters.missing:
        text += "\n" + t._("{areas} khu vực bỏ phiếu, {voters} cử tri trong danh sách.").format(
            areas=t.tr.number(voters.polling_areas), voters=t.tr.number(voters.voters)
        )
    elif voters.polling_areas:
        # a National Assembly constituency of which one district is loaded: never its figures as the whole's
        text += "\n" + t._(
            "Trong dữ liệu đã nạp: {areas} khu vực bỏ phiếu, {voters} cử tri trong danh sách; chưa có khu vực bỏ "
            "phiếu của {missing}."
        ).format(
            areas=t.tr.number(voters.polling_areas),
            voters=t.tr.number(voters.voters),
            missing=", ".join(esc(unit_label(t, u)) for u in voters.missing),
        )
    t.reply(with_note(t, election, text), [[Button("🗳 " + t._("Xem danh sách người ứng cử"), encode("vcons", k.id))]])


async def show_constituency_counts_by_id(t: Turn, election: Election, constituency_id: int) -> bool:
    found = await q.election_constituency(t.session, election.id, constituency_id)
    if found is None:
        return False
    await show_constituency_counts(t, election, *found)
    return True


async def show_area_counts(t: Turn, election: Election, area_id: int, *, for_hamlet: bool = False) -> bool:
    """The voters on the list of one polling area, and its ballots. ``for_hamlet``: asked about one of its hamlets
    (the figures are the area's: which hamlets vote there is said first)."""
    area = await q.election_area(t.session, election.id, area_id)
    if area is None:
        return False
    commune = await t.session.get(AdminUnit, area.commune_id)
    ballots = await q.area_ballots(t.session, area.id)
    lines = []
    hamlets = await q.hamlet_names(t.session, area.id) if for_hamlet else []
    if hamlets:
        lines.append(
            t._("Cử tri {hamlets} bỏ phiếu chung ở một khu vực; số liệu dưới đây là của cả khu vực.").format(
                hamlets=esc(", ".join(hamlets))
            )
        )
    lines.append(
        t._("<b>{area}</b> ({commune}) có {voters} cử tri trong danh sách và một Tổ bầu cử.").format(
            area=esc(area.name),
            commune=unit_label(t, commune) if commune else "",
            voters=t.tr.number(area.registered_voters),
        )
    )
    for b in ballots:
        lines.append(
            "• "
            + t._("<b>{contest}</b>: {constituency}, bầu {seats} trong {n} người ứng cử").format(
                contest=contest_label(t, b.contest),
                constituency=esc(b.constituency.name),
                seats=t.tr.number(b.constituency.seats),
                n=t.tr.number(b.candidates),
            )
        )
    t.reply(
        with_note(t, election, "\n".join(lines)), [[Button("📍 " + t._("Xem nơi bỏ phiếu"), encode("varea", area.id))]]
    )
    return True


def _some_units(t: Turn, units: tuple[AdminUnit, ...], shown: int = 8) -> str:
    names = ", ".join(unit_label(t, u) for u in units[:shown])
    if len(units) > shown:
        return t.ngettext("{names} và {n} đơn vị khác", "{names} và {n} đơn vị khác", len(units) - shown).format(
            names=names, n=t.tr.number(len(units) - shown)
        )
    return names


async def show_counts(t: Turn, election: Election, unit_id: int | None) -> bool:
    unit = await t.session.get(AdminUnit, unit_id) if unit_id else None
    if unit_id and unit is None:
        return False
    counts = await q.unit_counts(t.session, election.id, unit)
    title = (
        t._("Số liệu của <b>{unit}</b> trong cuộc bầu cử này:").format(unit=unit_label(t, unit))
        if unit
        else t._("Số liệu toàn bộ cuộc bầu cử đã nạp vào hệ thống:")
    )
    if unit is not None and not counts.contests and not counts.polling_areas:
        t.reply(t._("Chưa có số liệu bầu cử của {unit}.").format(unit=unit_label(t, unit)))
        return True
    lines = [title]
    by_level: dict[str, list] = {}
    for c in counts.contests:
        by_level.setdefault(c.contest.level, []).append(c)
    for level in ("national", "province", "district", "commune"):
        group = by_level.get(level)
        if not group:
            continue
        label = t._(CONTEST_LEVELS[level])
        if len(group) > 1:
            label = t._("{label} ({n})").format(label=label, n=_plural_units(t, level, len(group)))
        n_cons = sum(c.constituencies for c in group)
        lines.append(
            "• "
            + t._("<b>{label}</b>: {cons} đơn vị bầu cử, bầu {seats} đại biểu, {cands} người ứng cử").format(
                label=label,
                cons=t.tr.number(n_cons),
                seats=t.tr.number(sum(c.seats for c in group)),
                cands=t.tr.number(sum(c.candidates for c in group)),
            )
        )
    if unit is not None and counts.missing and counts.missing[0].id == unit.id:
        lines.append(
            "• "
            + t._("Dữ liệu của cuộc bầu cử này chưa có khu vực bỏ phiếu nào của {unit}.").format(
                unit=unit_label(t, unit)
            )
        )
    else:
        lines.append(
            "• "
            + t._("{areas} khu vực bỏ phiếu (mỗi khu vực có một Tổ bầu cử), {voters} cử tri trong danh sách").format(
                areas=t.tr.number(counts.polling_areas), voters=t.tr.number(counts.voters)
            )
        )
        if counts.missing:
            lines.append(
                t._(
                    "Dữ liệu đã nạp chưa có khu vực bỏ phiếu của {units}: các số trên chỉ tính phần của {unit} "
                    "đã có trong dữ liệu."
                ).format(units=_some_units(t, counts.missing), unit=unit_label(t, unit))
            )
    if unit is not None and unit.level > 1:
        lines.append(
            t._("Đơn vị bầu cử Quốc hội và HĐND cấp trên có thể rộng hơn {unit}; số ghế là của cả đơn vị.").format(
                unit=unit_label(t, unit)
            )
        )
    t.reply(with_note(t, election, "\n".join(lines)))
    return True


# --- constituency coverage ------------------------------------------------------------------------------------------


async def answer_coverage(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    """Which communes constituency no. N covers, per contest."""
    number = slots.get("number")
    if number is None:
        m = re.search(r"\b(\d{1,3})\b", fold(text))
        number = int(m.group(1)) if m else None
    ref = parse_constituency_ref(text)
    if number is None and t.user.home_area_id and ref.mine:
        # "đơn vị bầu cử HĐND huyện của mình gồm những xã nào": the constituencies of the saved polling area
        # the council named ("HĐND huyện"), not the kind of unit asked for ("gồm những xã nào")
        level = _LEVEL_OF_CONTEST.get(slots.get("level") or "")
        own = [(b.constituency, b.contest) for b in await q.area_ballots(t.session, t.user.home_area_id)]
        own = [(k, c) for k, c in own if level is None or c.level == level]
        if own:
            lines = [await _coverage_line(t, k, c) for k, c in own]
            t.reply(with_note(t, election, "\n\n".join(lines)))
            return "answer"
    if number is None:
        # "Nghĩa Tá bầu HĐND huyện chung đơn vị với những xã nào": the constituencies of the commune named
        kind, place = await resolve_unit(t, election, text, ("commune", "hamlet", "area"))
        if kind in ("unit", "area"):
            if kind == "unit":
                pairs = await q.constituencies_for_areas(t.session, election.id, place.path)
            else:
                pairs = [(b.contest, b.constituency) for b in await q.area_ballots(t.session, place)]
            level = _LEVEL_OF_CONTEST.get(slots.get("level") or "")
            pairs = [(c, k) for c, k in pairs if level is None or c.level == level]
            if pairs:
                lines = [await _coverage_line(t, k, c) for c, k in pairs]
                t.reply(with_note(t, election, "\n\n".join(lines)))
                return "answer"
        t.reply(t._("Bạn hỏi đơn vị bầu cử số mấy? Ví dụ: «đơn vị bầu cử số 3 gồm những xã nào»."))
        return "ask"
    found = await q.constituencies_numbered(t.session, election.id, int(number))
    level = _LEVEL_OF_CONTEST.get(slots.get("level") or "")
    if level:
        found = [(k, c) for k, c in found if c.level == level]
    found = await in_named_unit(t, election, text, found)
    if t.user.home_area_id and len(found) > 1:
        mine = {b.constituency.id for b in await q.area_ballots(t.session, t.user.home_area_id)}
        if any(k.id in mine for k, _ in found):
            found = [(k, c) for k, c in found if k.id in mine]
    if len(found) > 4:
        found = [(k, c) for k, c in found if c.level != "commune"] or found
    if not found:
        t.reply(t._("Không có đơn vị bầu cử số {n} trong dữ liệu.").format(n=number))
        return "answer"
    if len(found) > 4:
        rows = [[Button(f"{c.name} · {k.name}"[:60], encode("vcover", k.id))] for k, c in found[:8]]
        t.reply(t._("Có nhiều đơn vị bầu cử số {n}. Bạn hỏi đơn vị của cuộc bầu nào?").format(n=number), rows)
        return "choices"
    lines = [await _coverage_line(t, k, c) for k, c in found]
    t.reply(with_note(t, election, "\n\n".join(lines)))
    return "answer"


async def _coverage_line(t: Turn, k: Constituency, c: Contest) -> str:
    units = await q.constituency_units(t.session, k.id)
    names = ", ".join(unit_label(t, u) for u in units) or "—"
    if c.level == "commune" and len(units) == 1:  # a commune council's constituency: which hamlets it covers
        hamlets = await q.constituency_hamlets(t.session, k.id)
        if hamlets:
            return t._(
                "<b>{contest}</b> ({contest_name}) — {constituency}, bầu {seats} đại biểu, gồm các thôn, tổ dân phố "
                "của {unit}: {hamlets}."
            ).format(
                contest=contest_label(t, c),
                contest_name=esc(c.name),
                constituency=esc(k.name),
                seats=t.tr.number(k.seats),
                unit=names,
                hamlets=esc(", ".join(hamlets)),
            )
    return t._("<b>{contest}</b> ({contest_name}) — {constituency}, bầu {seats} đại biểu, gồm: {units}.").format(
        contest=contest_label(t, c),
        contest_name=esc(c.name),
        constituency=esc(k.name),
        seats=t.tr.number(k.seats),
        units=names,
    )


async def show_coverage(t: Turn, election: Election, constituency_id: int) -> bool:
    found = await q.election_constituency(t.session, election.id, constituency_id)
    if found is None:
        return False
    t.reply(with_note(t, election, await _coverage_line(t, *found)))
    return True


# --- commune → constituency ------------------------------------------------------------------------------------------


async def answer_commune_constituency(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    """For each contest, the constituency a commune (or a hamlet's polling area) belongs to."""
    kind, found = await resolve_unit(t, election, text, ("commune", "hamlet", "area", "district"))
    if kind == "choices":
        rows = []
        places = await get_places(t.services, t.session, election.id)
        for m in found[:6]:
            k, raw = m.entry.key.split(":")
            rows.append([Button(where.place_label(t, places, m)[:60], encode("vbelong", k[0], int(raw)))])
        t.reply(t._("Bạn muốn hỏi về nơi nào?"), rows)
        return "choices"
    if kind == "unit":
        await show_belongs(t, election, "u", found.id)
        return "answer"
    if kind == "area":
        await show_belongs(t, election, "a", found)
        return "answer"
    if t.user.home_area_id:
        await show_belongs(t, election, "a", t.user.home_area_id)
        return "answer"
    t.reply(t._("Bạn hỏi xã, phường nào? Ví dụ: «xã Đồng Lạc thuộc đơn vị bầu cử nào»."))
    return "ask"


#: a constituency's units are listed with the commune's answer up to this many
COVERAGE_SHOWN = 12


async def show_belongs(t: Turn, election: Election, kind: str, ident: int) -> bool:
    if kind == "a":
        area = await q.election_area(t.session, election.id, ident)
        if area is None:
            return False
        pairs = [(b.contest, b.constituency) for b in await q.area_ballots(t.session, area.id)]
        commune = await t.session.get(AdminUnit, area.commune_id)
        hamlets = await q.hamlet_names(t.session, area.id)
        subject = t._("{area} ({hamlets}, {commune})").format(
            area=esc(area.name), hamlets=esc(", ".join(hamlets)), commune=unit_label(t, commune) if commune else ""
        )
    else:
        unit = await t.session.get(AdminUnit, ident)
        if unit is None:
            return False
        pairs = await q.constituencies_for_areas(t.session, election.id, unit.path) or (
            await q.constituencies_covering(t.session, election.id, unit)
        )
        subject = unit_label(t, unit)
        if not pairs:
            t.reply(t._("Chưa có số liệu bầu cử của {unit}.").format(unit=subject))
            return True
    lines = [t._("<b>{subject}</b> thuộc:").format(subject=subject[:1].upper() + subject[1:])]
    by_contest: dict[int, list[tuple[Contest, Constituency]]] = {}
    for c, k in pairs:
        by_contest.setdefault(c.id, []).append((c, k))
    for group in by_contest.values():
        c = group[0][0]
        names = "; ".join(
            t._("{constituency} (bầu {seats} đại biểu)").format(constituency=esc(k.name), seats=t.tr.number(k.seats))
            for _c, k in group
        )
        suffix = " " + t._("(tùy khu vực bỏ phiếu)") if len(group) > 1 else ""
        if len(group) == 1 and c.level != "commune":
            # the units sharing the constituency ("đơn vị số 6: Đồng Lạc, Nam Cường, Xuân Lạc"): often what is meant
            units = await q.constituency_units(t.session, group[0][1].id)
            if 1 < len(units) <= COVERAGE_SHOWN:
                suffix = " — " + t._("gồm: {units}").format(units=", ".join(unit_label(t, u) for u in units))
        lines.append(f"• <b>{contest_label(t, c)}</b> ({esc(c.name)}): {names}{suffix}")
    t.reply(with_note(t, election, "\n".join(lines)))
    return True
