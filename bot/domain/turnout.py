"""Turnout check-ins (báo cáo số cử tri đã bỏ phiếu): reading the typed number, validating a report, and
spotting anomalies on the turnout curves a committee chair watches.

A check-in is the cumulative number of voters who have voted in one polling area as of a slot (see ``slots``).
Percentages are ``Decimal`` rounded half up to 2 decimals; ``*_percent`` params are such percentages, which the
caller formats with ``Translator.percent`` (the templates do not add "%").
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from bot.i18n import N_

from .problems import Problem, percent
from .text import fold

Point = tuple[datetime, int]
Series = Sequence[Point]

# A polling area normally has 300 to 4,000 voters; anything past this is a slip of the keyboard, not a count.
MAX_COUNT = 100_000
MAX_DIGITS = 12
_NUMBER = re.compile(r"([-−–]\s*)?([0-9]+(?:[.,][0-9]+)*)")
# Words a team may naturally type after the number ("350 người", "350 cử tri"), folded without diacritics.
_UNIT_WORDS = frozenset({"nguoi", "ng", "cu", "tri", "ct", "phieu", "luot"})


def turnout_percent(voted: int, registered: int) -> Decimal | None:
    """Voters who voted as a percentage of listed voters, 2 decimals half up; None without listed voters."""
    return percent(voted, registered)


# --- reading the number a team types ----------------------------------------------------------------------


def _count_problem(code: str, message: str, **params: object) -> Problem:
    return Problem(code, message, params, field="value")


def _read_token(token: str) -> int | Problem:
    """One digit group like "1.234" or "1,234" as an integer, or why it is not a whole number."""
    separators = set(re.findall(r"[.,]", token))
    if not separators:
        return int(token)
    groups = re.split(r"[.,]", token)
    thousands = (
        len(separators) == 1
        and 1 <= len(groups[0]) <= 3
        and not groups[0].startswith("0")
        and all(len(g) == 3 for g in groups[1:])
    )
    if thousands:
        return int("".join(groups))
    if len(groups) == 2 or len(separators) > 1:
        # "35,5", "350.0", "1.234,5": a decimal number, which a head count can never be.
        return _count_problem(
            "count_decimal",
            N_(
                "Số người phải là số nguyên, không có phần lẻ. Nếu bạn muốn gõ số hàng nghìn, hãy dùng dấu chấm "
                "sau mỗi ba chữ số, ví dụ: 1.234."
            ),
        )
    return _count_problem(
        "count_format",
        N_(
            "Không đọc được con số này. Vui lòng gõ liền các chữ số (ví dụ: 1234) hoặc dùng dấu chấm sau mỗi "
            "ba chữ số (ví dụ: 1.234)."
        ),
    )


def parse_count(text: str, *, maximum: int = MAX_COUNT) -> int | Problem:
    """The whole number a team typed ("350", "1.234", "1,234", "350 người"), or a Problem saying what to type."""
    # NFKC turns full-width digits from some phone keyboards into ASCII ones.
    cleaned = unicodedata.normalize("NFKC", text[:200]).strip()
    if not cleaned:
        return _count_problem(
            "count_empty", N_("Bạn chưa gõ con số nào. Vui lòng gõ số người bằng chữ số, ví dụ: 350.")
        )
    if "%" in cleaned:
        return _count_problem(
            "count_percent",
            N_("Vui lòng gõ số người (ví dụ: 350), không gõ tỉ lệ phần trăm. Tỉ lệ sẽ được tính tự động."),
        )
    matches = list(_NUMBER.finditer(cleaned))
    words_problem = _count_problem(
        "count_words",
        N_(
            "Vui lòng chỉ gõ số người bằng chữ số, ví dụ: 350. Không gõ số bằng chữ (như “ba trăm”) và không "
            "kèm lời giải thích."
        ),
    )
    if not matches:
        return words_problem
    if any(len(re.sub(r"[.,]", "", m.group(2))) > MAX_DIGITS for m in matches):
        return _count_problem(
            "count_too_large",
            N_(
                "Con số này quá lớn so với một khu vực bỏ phiếu (tối đa {maximum}). Có thể bạn đã gõ thừa chữ "
                "số; vui lòng kiểm tra và gõ lại."
            ),
            maximum=maximum,
        )
    values: list[int] = []
    for match in matches:
        read = _read_token(match.group(2))
        if isinstance(read, Problem):
            return read
        values.append(read)
    distinct = list(dict.fromkeys(values))
    if len(distinct) > 1:
        return _count_problem(
            "count_several",
            N_(
                "Tin nhắn có nhiều con số khác nhau ({first} và {second}). Vui lòng chỉ gõ một số: số người đã "
                "bỏ phiếu tính đến thời điểm báo cáo, ví dụ: 350."
            ),
            first=distinct[0],
            second=distinct[1],
        )
    if any(m.group(1) for m in matches):
        return _count_problem(
            "count_negative",
            N_("Số người không thể là số âm. Vui lòng gõ lại con số, không có dấu trừ, ví dụ: 350."),
        )
    leftover = _NUMBER.sub(" ", cleaned)
    if any(word not in _UNIT_WORDS for word in fold(leftover).split()):
        return words_problem
    value = distinct[0]
    if value > maximum:
        return _count_problem(
            "count_too_large",
            N_(
                "Con số {value} quá lớn so với một khu vực bỏ phiếu (tối đa {maximum}). Có thể bạn đã gõ thừa chữ "
                "số; vui lòng kiểm tra và gõ lại."
            ),
            value=value,
            maximum=maximum,
        )
    return value


# --- validating one report --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportParams:
    """Thresholds for the "are you sure?" questions on a check-in.

    A jump is an increase above ``max(jump_factor × expected increase, jump_floor_percent % of listed voters +
    jump_floor_voters)``. The factor tolerates the morning rush usual in Vietnam (many areas pass half their
    voters by 09:00); the floor keeps small areas, where a family arriving together is a big share, from being
    asked all day. The day's first report has no history of its own and is measured against listed voters /
    voting hours, which the morning rush easily triples, so it gets ``first_jump_factor`` (by default: more than
    half of the voters in the first hour). A final figure below ``final_low_percent`` % is questioned because
    national turnout is near 99% (99.60% in 2021).
    """

    jump_factor: float = 3.0
    first_jump_factor: float = 6.0
    jump_floor_percent: int = 20
    jump_floor_voters: int = 30
    final_low_percent: int = 90


def _hours(delta: timedelta) -> float:
    return max(delta / timedelta(hours=1), 0.0)


def expected_pace(history: Series, *, registered: int, opens: datetime, closes: datetime) -> float:
    """The area's voters per hour: its average since opening up to its latest report, else listed voters / hours."""
    reported = [(slot, value) for slot, value in history if slot > opens]
    if reported:
        slot, value = max(reported, key=lambda point: point[0])
        return value / _hours(slot - opens)
    return registered / max(_hours(closes - opens), 1.0)


def jump_threshold(
    expected_increase: float, registered: int, *, factor: float, floor_percent: int, floor_voters: int
) -> float:
    """The increase above which a report looks like a typing slip rather than a rush of voters."""
    floor = registered * floor_percent / 100 + floor_voters
    return max(factor * expected_increase, floor)


def validate_report(
    value: int,
    *,
    registered: int,
    previous: int | None,
    previous_slot: datetime | None,
    slot: datetime,
    pace_per_hour: float | None,
    voting_start: datetime,
    final: bool = False,
    confirmed: bool = False,
    params: ReportParams = ReportParams(),
) -> list[Problem]:
    """Problems with a check-in of ``value`` voters as of ``slot``: errors first, then questions to confirm.

    ``previous`` is the area's latest earlier report (None for the first one). ``pace_per_hour`` comes from
    ``expected_pace``; without it there is no jump question. Once the user has ``confirmed``, only errors remain.
    Questions are asked only when there is no error, so the user fixes the number first.
    """
    problems: list[Problem] = []
    if value < 0:
        problems.append(
            _count_problem(
                "count_negative",
                N_("Số người không thể là số âm. Vui lòng gõ lại con số, không có dấu trừ, ví dụ: 350."),
            )
        )
        return problems
    if value > registered:
        problems.append(
            Problem(
                "above_registered",
                N_(
                    "Số cử tri đã bỏ phiếu ({value}) lớn hơn tổng số cử tri trong danh sách của khu vực "
                    "({registered}). Vui lòng kiểm tra lại con số. Nếu có cử tri được bổ sung vào danh sách trong "
                    "ngày bầu cử, Tổ trưởng hãy cập nhật tổng số cử tri (ghi rõ lý do) rồi gửi lại báo cáo."
                ),
                {"value": value, "registered": registered},
                field="value",
            )
        )
    if previous is not None and value < previous:
        if previous_slot is not None:
            message = N_(
                "Số người đã bỏ phiếu là số cộng dồn từ lúc bắt đầu bỏ phiếu, nên không thể nhỏ hơn lần báo cáo "
                "trước ({previous} người, lúc {previous_slot}). Vui lòng gõ tổng số người đã bỏ phiếu tính đến "
                "bây giờ, không phải số người mới đến thêm."
            )
        else:
            message = N_(
                "Số người đã bỏ phiếu là số cộng dồn từ lúc bắt đầu bỏ phiếu, nên không thể nhỏ hơn lần báo cáo "
                "trước ({previous} người). Vui lòng gõ tổng số người đã bỏ phiếu tính đến bây giờ, không phải số "
                "người mới đến thêm."
            )
        problems.append(
            Problem(
                "below_previous",
                message,
                {"value": value, "previous": previous, "previous_slot": previous_slot},
                field="value",
            )
        )
    if problems or confirmed:
        return problems

    base = previous if previous is not None else 0
    if pace_per_hour is not None:
        since = previous_slot if previous is not None and previous_slot is not None else voting_start
        expected = pace_per_hour * _hours(slot - since)
        increase = value - base
        threshold = jump_threshold(
            expected,
            registered,
            factor=params.jump_factor if previous is not None else params.first_jump_factor,
            floor_percent=params.jump_floor_percent,
            floor_voters=params.jump_floor_voters,
        )
        if increase > threshold:
            if previous is None:
                message = N_(
                    "Số {value} có nghĩa là khu vực đã có {increase} người bỏ phiếu kể từ lúc bắt đầu, nhiều hơn "
                    "hẳn mức thường thấy (khoảng {expected} người trong khoảng thời gian này). Vui lòng kiểm tra "
                    "lại; nếu con số đúng, hãy xác nhận để gửi."
                )
            else:
                message = N_(
                    "Số {value} có nghĩa là có thêm {increase} người bỏ phiếu so với lần báo cáo trước "
                    "({previous}), nhiều hơn hẳn mức thường thấy ở khu vực này (khoảng {expected} người trong "
                    "khoảng thời gian này). "
                    "Vui lòng kiểm tra lại; nếu con số đúng, hãy xác nhận để gửi."
                )
            problems.append(
                Problem(
                    "jump",
                    message,
                    {"value": value, "previous": base, "increase": increase, "expected": round(expected)},
                    field="value",
                    severity="confirm",
                )
            )
    if final and registered > 0 and value * 100 < registered * params.final_low_percent:
        problems.append(
            Problem(
                "final_low",
                N_(
                    "Đây là số cuối cùng khi kết thúc bỏ phiếu: {value} trên tổng số {registered} cử tri, tỉ lệ "
                    "{turnout_percent}, thấp hơn nhiều so với thường lệ (trên {usual_percent}). Vui lòng kiểm tra "
                    "lại; nếu con số đúng, hãy xác nhận để gửi."
                ),
                {
                    "value": value,
                    "registered": registered,
                    "turnout_percent": turnout_percent(value, registered),
                    "usual_percent": Decimal(params.final_low_percent),
                },
                field="value",
                severity="confirm",
            )
        )
    return problems


# --- anomalies on the turnout curves ----------------------------------------------------------------------

AnomalyKind = Literal["decrease", "above_registered", "jump", "flat", "below_neighbours"]
_KIND_ORDER: tuple[AnomalyKind, ...] = ("decrease", "above_registered", "jump", "flat", "below_neighbours")


@dataclass(frozen=True)
class Anomaly:
    """Something on an area's turnout curve a committee chair should look at (the template omits the area name)."""

    kind: AnomalyKind
    area: str
    slot: datetime
    message: str
    params: Mapping[str, object]


@dataclass(frozen=True)
class AnomalyParams:
    """Thresholds for ``detect_anomalies``.

    ``jump``: as ``ReportParams``.
    ``flat``: unchanged over ``flat_slots`` consecutive reports while turnout is below ``flat_below_percent`` %.
    ``below_neighbours``: more than ``neighbour_gap_points`` percentage points under the neighbours' median *and*
    under ``neighbour_ratio_percent`` % of it, with at least ``min_neighbours`` neighbours reporting at that slot.
    The points gap keeps early-morning noise quiet (8% against 15% is no alarm); the ratio keeps the natural
    mid-day spread quiet (69% against 80%). At closing, with a median of 99%, an area under 84.15% shows.
    """

    jump_factor: float = 3.0
    first_jump_factor: float = 6.0
    jump_floor_percent: int = 20
    jump_floor_voters: int = 30
    flat_slots: int = 2
    flat_below_percent: int = 95
    neighbour_gap_points: int = 10
    neighbour_ratio_percent: int = 85
    min_neighbours: int = 2


def _sorted_points(series: Series, now_slot: datetime) -> list[Point]:
    return sorted((point for point in series if point[0] <= now_slot), key=lambda point: point[0])


def _curve_anomalies(
    area: str,
    points: list[Point],
    *,
    registered: int | None,
    now_slot: datetime,
    opens: datetime,
    closes: datetime,
    params: AnomalyParams,
) -> list[Anomaly]:
    found: list[Anomaly] = []
    previous: Point = (opens, 0)
    for index, (slot, value) in enumerate(points):
        prev_slot, prev_value = previous
        if index and value < prev_value:
            found.append(
                Anomaly(
                    "decrease",
                    area,
                    slot,
                    N_(
                        "Số người đã bỏ phiếu lúc {slot} ({value}) thấp hơn số đã báo cáo lúc {previous_slot} "
                        "({previous}). Đây là số cộng dồn nên không thể giảm; đề nghị Tổ bầu cử kiểm tra và sửa lại."
                    ),
                    {"slot": slot, "value": value, "previous_slot": prev_slot, "previous": prev_value},
                )
            )
        if registered is not None and value > registered:
            found.append(
                Anomaly(
                    "above_registered",
                    area,
                    slot,
                    N_(
                        "Số người đã bỏ phiếu lúc {slot} ({value}) lớn hơn tổng số cử tri của khu vực ({registered}). "
                        "Đề nghị Tổ bầu cử kiểm tra lại, hoặc cập nhật tổng số cử tri nếu danh sách được bổ sung "
                        "trong ngày bầu cử."
                    ),
                    {"slot": slot, "value": value, "registered": registered},
                )
            )
        if registered and value > prev_value:
            pace = expected_pace(points[:index], registered=registered, opens=opens, closes=closes)
            expected = pace * _hours(slot - prev_slot)
            increase = value - prev_value
            threshold = jump_threshold(
                expected,
                registered,
                factor=params.jump_factor if index else params.first_jump_factor,
                floor_percent=params.jump_floor_percent,
                floor_voters=params.jump_floor_voters,
            )
            if increase > threshold:
                found.append(
                    Anomaly(
                        "jump",
                        area,
                        slot,
                        N_(
                            "Từ {previous_slot} đến {slot}, số người đã bỏ phiếu tăng thêm {increase} người (từ "
                            "{previous} lên {value}), cao hơn nhiều so với nhịp độ thường thấy của khu vực (khoảng "
                            "{expected} người). Nên hỏi lại Tổ bầu cử để chắc chắn con số đúng."
                        ),
                        {
                            "slot": slot,
                            "previous_slot": prev_slot,
                            "value": value,
                            "previous": prev_value,
                            "increase": increase,
                            "expected": round(expected),
                        },
                    )
                )
        previous = (slot, value)

    if registered and points and now_slot < closes:
        last_slot, last_value = points[-1]
        run = 1
        while run < len(points) and points[-run - 1][1] == last_value:
            run += 1
        share = turnout_percent(last_value, registered)
        if run - 1 >= params.flat_slots and share is not None and share < params.flat_below_percent:
            since = points[-run][0]
            found.append(
                Anomaly(
                    "flat",
                    area,
                    last_slot,
                    N_(
                        "Số người đã bỏ phiếu không thay đổi ({value}) từ {since} đến {slot}, trong khi tỉ lệ mới "
                        "đạt {turnout_percent}. Nên liên hệ Tổ bầu cử xem khu vực có gặp khó khăn gì không, hoặc "
                        "đã quên báo cáo số mới."
                    ),
                    {"slot": last_slot, "since": since, "value": last_value, "turnout_percent": share},
                )
            )
    return found


def _value_at(series: Series | None, slot: datetime) -> int | None:
    if series is None:
        return None
    values = [value for point_slot, value in series if point_slot == slot]
    return values[-1] if values else None


def _neighbour_anomaly(
    area: str,
    *,
    area_series: Mapping[str, Series],
    now_slot: datetime,
    registered: Mapping[str, int],
    neighbours: Sequence[str],
    params: AnomalyParams,
) -> Anomaly | None:
    own_value = _value_at(area_series.get(area), now_slot)
    own = turnout_percent(own_value, registered.get(area, 0)) if own_value is not None else None
    if own is None:
        return None
    others: list[Decimal] = []
    for key in dict.fromkeys(neighbours):
        value = _value_at(area_series.get(key), now_slot)
        share = turnout_percent(value, registered.get(key, 0)) if key != area and value is not None else None
        if share is not None:
            others.append(share)
    if len(others) < params.min_neighbours:
        return None
    median = statistics.median(others)
    if median - own > params.neighbour_gap_points and own * 100 < median * params.neighbour_ratio_percent:
        return Anomaly(
            "below_neighbours",
            area,
            now_slot,
            N_(
                "Lúc {slot}, tỉ lệ cử tri đã bỏ phiếu ({turnout_percent}) thấp hơn nhiều so với {neighbours} khu vực "
                "lân cận (các khu vực này thường đạt khoảng {median_percent}). Nên liên hệ Tổ bầu cử để tìm hiểu "
                "nguyên nhân."
            ),
            {"slot": now_slot, "turnout_percent": own, "median_percent": median, "neighbours": len(others)},
        )
    return None


def detect_anomalies(
    area_series: Mapping[str, Series],
    *,
    now_slot: datetime,
    registered: Mapping[str, int],
    neighbours: Mapping[str, Sequence[str]] | None = None,
    opens: datetime,
    closes: datetime,
    params: AnomalyParams = AnomalyParams(),
) -> list[Anomaly]:
    """Anomalies on the turnout curves up to ``now_slot``, ordered by slot, area, then kind.

    ``area_series`` maps an area key to its (slot, cumulative voters) reports; ``registered`` gives listed voters
    (an area missing there gets only the ``decrease`` check); ``neighbours`` maps an area to the areas it is
    compared with (e.g. the other areas of its commune). ``flat`` looks at the latest reports only and only while
    voting is open; ``below_neighbours`` compares the reports at ``now_slot`` only.
    """
    found: list[Anomaly] = []
    for area, series in area_series.items():
        found += _curve_anomalies(
            area,
            _sorted_points(series, now_slot),
            registered=registered.get(area),
            now_slot=now_slot,
            opens=opens,
            closes=closes,
            params=params,
        )
        if neighbours is not None and area in neighbours:
            anomaly = _neighbour_anomaly(
                area,
                area_series=area_series,
                now_slot=now_slot,
                registered=registered,
                neighbours=neighbours[area],
                params=params,
            )
            if anomaly is not None:
                found.append(anomaly)
    return sorted(found, key=lambda a: (a.slot, a.area, _KIND_ORDER.index(a.kind)))
