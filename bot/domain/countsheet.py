"""Arithmetic of the count report (biên bản kết quả kiểm phiếu) of one contest in one polling area.

The team types the report field by field (``entry_order``); ``check_field`` answers at once about the field just
typed, ``check_sheet`` checks the whole report before it is sent, ``summary`` gives the percentages for the
confirmation screen. Fields not yet typed are None and take part in no rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal

from bot.i18n import N_

from .problems import Problem, percent

TOTAL_VOTERS = "total_voters"
VOTED = "voted"
BALLOTS_ISSUED = "ballots_issued"
BALLOTS_RECEIVED = "ballots_received"
VALID = "valid"
INVALID = "invalid"
NUMBER_FIELDS: tuple[str, ...] = (TOTAL_VOTERS, VOTED, BALLOTS_ISSUED, BALLOTS_RECEIVED, VALID, INVALID)
VOTE_PREFIX = "votes:"

_MISSING: dict[str, str] = {
    TOTAL_VOTERS: N_("Chưa nhập tổng số cử tri của khu vực bỏ phiếu."),
    VOTED: N_("Chưa nhập số cử tri đã tham gia bỏ phiếu."),
    BALLOTS_ISSUED: N_("Chưa nhập số phiếu phát ra."),
    BALLOTS_RECEIVED: N_("Chưa nhập số phiếu thu vào."),
    VALID: N_("Chưa nhập số phiếu hợp lệ."),
    INVALID: N_("Chưa nhập số phiếu không hợp lệ."),
}


def vote_field(candidate_key: str) -> str:
    """The field name of a candidate's votes: "votes:<key>"."""
    return VOTE_PREFIX + candidate_key


def candidate_of(field_name: str) -> str | None:
    """The candidate key of a votes field, None for the other fields."""
    return field_name[len(VOTE_PREFIX) :] if field_name.startswith(VOTE_PREFIX) else None


@dataclass(frozen=True)
class CandidateRef:
    """A candidate as printed on the ballot (số thứ tự trên phiếu bầu)."""

    key: str
    ballot_order: int
    name: str


@dataclass(frozen=True, kw_only=True)
class CountSheetInput:
    """The figures of one count report; any of them None while the guided entry is in progress."""

    total_voters: int | None = None
    voted: int | None = None
    ballots_issued: int | None = None
    ballots_received: int | None = None
    valid: int | None = None
    invalid: int | None = None
    votes: Mapping[str, int | None] = field(default_factory=dict)
    seats: int

    def get(self, field_name: str) -> int | None:
        """The value of a field named as in ``entry_order``."""
        key = candidate_of(field_name)
        if key is not None:
            return self.votes.get(key)
        if field_name not in NUMBER_FIELDS:
            raise KeyError(field_name)
        value: int | None = getattr(self, field_name)
        return value

    def with_value(self, field_name: str, value: int | None) -> CountSheetInput:
        """A copy with one field set."""
        key = candidate_of(field_name)
        if key is not None:
            return replace(self, votes={**self.votes, key: value})
        if field_name not in NUMBER_FIELDS:
            raise KeyError(field_name)
        return replace(self, **{field_name: value})


def entry_order(candidates: Sequence[CandidateRef]) -> list[str]:
    """The fields in the order of the printed report: the six totals, then each candidate by ballot order."""
    ordered = sorted(candidates, key=lambda c: (c.ballot_order, c.key))
    return [*NUMBER_FIELDS, *(vote_field(c.key) for c in ordered)]


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _ok(value: int | None) -> int | None:
    """The value if it can take part in the arithmetic (a non-negative whole number)."""
    return value if _is_count(value) else None


# Each finding is (fields it involves, problem): check_field keeps those that involve the field just typed.
Finding = tuple[frozenset[str], Problem]


def _number_findings(sheet: CountSheetInput, candidates: Sequence[CandidateRef]) -> Iterator[Finding]:
    names = [*NUMBER_FIELDS, *(vote_field(c.key) for c in candidates)]
    for name in names:
        value = sheet.get(name)
        if value is None or _is_count(value):
            continue
        if isinstance(value, int) and not isinstance(value, bool):
            problem = Problem(
                "negative",
                N_("Số liệu trên biên bản không thể là số âm. Vui lòng gõ lại đúng con số ghi trên biên bản."),
                {"value": value},
                field=name,
            )
        else:
            problem = Problem(
                "not_whole_number",
                N_("Số liệu này phải là một số nguyên, không âm (ví dụ: 0, 12, 350). Vui lòng gõ lại."),
                {},
                field=name,
            )
        yield frozenset({name}), problem


def _ballot_findings(sheet: CountSheetInput) -> Iterator[Finding]:
    total, voted = _ok(sheet.total_voters), _ok(sheet.voted)
    issued, received = _ok(sheet.ballots_issued), _ok(sheet.ballots_received)
    valid, invalid = _ok(sheet.valid), _ok(sheet.invalid)
    if total is not None and voted is not None and voted > total:
        yield (
            frozenset({TOTAL_VOTERS, VOTED}),
            Problem(
                "voted_gt_total",
                N_(
                    "Số cử tri đã bỏ phiếu ({voted}) không được lớn hơn tổng số cử tri ({total_voters}). Vui lòng "
                    "kiểm tra lại hai số này trên biên bản."
                ),
                {"voted": voted, "total_voters": total},
                field=VOTED,
            ),
        )
    if issued is not None and received is not None and received > issued:
        yield (
            frozenset({BALLOTS_ISSUED, BALLOTS_RECEIVED}),
            Problem(
                "received_gt_issued",
                N_(
                    "Số phiếu thu vào ({ballots_received}) không được lớn hơn số phiếu phát ra ({ballots_issued}). "
                    "Vui lòng kiểm tra lại hai số này trên biên bản."
                ),
                {"ballots_received": received, "ballots_issued": issued},
                field=BALLOTS_RECEIVED,
            ),
        )
    if received is not None and valid is not None and invalid is not None:
        if valid + invalid != received:
            yield (
                frozenset({BALLOTS_RECEIVED, VALID, INVALID}),
                Problem(
                    "valid_invalid_ne_received",
                    N_(
                        "Số phiếu hợp lệ cộng số phiếu không hợp lệ ({valid} + {invalid} = {counted}) phải bằng số "
                        "phiếu thu vào ({ballots_received}), vì mỗi phiếu thu vào chỉ có thể là hợp lệ hoặc không "
                        "hợp lệ. Vui lòng kiểm tra lại ba số này."
                    ),
                    {"valid": valid, "invalid": invalid, "counted": valid + invalid, "ballots_received": received},
                    field=INVALID,
                ),
            )
    elif received is not None and valid is not None and valid > received:
        # Said as soon as the valid count is typed, before the invalid count can complete the sum.
        yield (
            frozenset({BALLOTS_RECEIVED, VALID}),
            Problem(
                "valid_gt_received",
                N_("Số phiếu hợp lệ ({valid}) không được lớn hơn số phiếu thu vào ({ballots_received})."),
                {"valid": valid, "ballots_received": received},
                field=VALID,
            ),
        )
    elif received is not None and invalid is not None and invalid > received:
        yield (
            frozenset({BALLOTS_RECEIVED, INVALID}),
            Problem(
                "invalid_gt_received",
                N_("Số phiếu không hợp lệ ({invalid}) không được lớn hơn số phiếu thu vào ({ballots_received})."),
                {"invalid": invalid, "ballots_received": received},
                field=INVALID,
            ),
        )


def _vote_findings(sheet: CountSheetInput, candidates: Sequence[CandidateRef]) -> Iterator[Finding]:
    valid = _ok(sheet.valid)
    if valid is None:
        return
    for candidate in candidates:
        votes = _ok(sheet.votes.get(candidate.key))
        if votes is not None and votes > valid:
            name = vote_field(candidate.key)
            yield (
                frozenset({VALID, name}),
                Problem(
                    "candidate_gt_valid",
                    N_(
                        "Số phiếu bầu cho {name} ({votes}) không được lớn hơn số phiếu hợp lệ ({valid}), vì trên "
                        "mỗi phiếu hợp lệ, mỗi người chỉ được bầu nhiều nhất một lần."
                    ),
                    {"name": candidate.name, "ballot_order": candidate.ballot_order, "votes": votes, "valid": valid},
                    field=name,
                ),
            )
    fields = frozenset({VALID, *(vote_field(c.key) for c in candidates)})
    known = [_ok(sheet.votes.get(c.key)) for c in candidates]
    total_votes = sum(v for v in known if v is not None)
    maximum = valid * sheet.seats
    if total_votes > maximum:
        # Already too many with only some candidates typed: no later figure can make it right.
        yield (
            fields,
            Problem(
                "votes_sum_gt_max",
                N_(
                    "Tổng số phiếu bầu cho các ứng cử viên ({total_votes}) vượt quá mức tối đa có thể ({maximum} = "
                    "{valid} phiếu hợp lệ × {seats} đại biểu được bầu), vì mỗi phiếu hợp lệ giữ lại nhiều nhất "
                    "{seats} tên. Vui lòng kiểm tra lại số phiếu của từng người."
                ),
                {"total_votes": total_votes, "maximum": maximum, "valid": valid, "seats": sheet.seats},
            ),
        )
    elif candidates and all(v is not None for v in known) and total_votes < valid:
        yield (
            fields,
            Problem(
                "votes_sum_lt_valid",
                N_(
                    "Tổng số phiếu bầu cho các ứng cử viên ({total_votes}) nhỏ hơn số phiếu hợp lệ ({valid}). Mỗi "
                    "phiếu hợp lệ giữ lại ít nhất một tên (phiếu gạch hết tên là phiếu không hợp lệ), nên tổng này "
                    "phải ít nhất bằng số phiếu hợp lệ. Vui lòng kiểm tra lại."
                ),
                {"total_votes": total_votes, "valid": valid},
            ),
        )


def _consistency_findings(
    sheet: CountSheetInput, *, checkin_final: int | None, registered: int | None
) -> Iterator[Finding]:
    total, voted = _ok(sheet.total_voters), _ok(sheet.voted)
    issued, received = _ok(sheet.ballots_issued), _ok(sheet.ballots_received)
    if total is not None and registered is not None and total != registered:
        yield (
            frozenset({TOTAL_VOTERS}),
            Problem(
                "total_ne_registered",
                N_(
                    "Tổng số cử tri trên biên bản ({total_voters}) khác với số cử tri trong danh sách của khu vực "
                    "({registered}). Điều này có thể đúng nếu danh sách được bổ sung hoặc điều chỉnh trong ngày "
                    "bầu cử. Vui lòng kiểm tra lại; nếu số trên biên bản là đúng, hãy xác nhận để tiếp tục."
                ),
                {"total_voters": total, "registered": registered},
                field=TOTAL_VOTERS,
                severity="confirm",
            ),
        )
    if voted is not None and checkin_final is not None and voted != checkin_final:
        yield (
            frozenset({VOTED}),
            Problem(
                "voted_ne_checkin",
                N_(
                    "Số cử tri đã bỏ phiếu trên biên bản ({voted}) khác với số đã báo cáo lúc kết thúc bỏ phiếu "
                    "({checkin_final}). Vui lòng kiểm tra lại; nếu số trên biên bản là đúng, hãy xác nhận để "
                    "tiếp tục."
                ),
                {"voted": voted, "checkin_final": checkin_final},
                field=VOTED,
                severity="confirm",
            ),
        )
    if issued is not None and voted is not None and issued < voted:
        yield (
            frozenset({VOTED, BALLOTS_ISSUED}),
            Problem(
                "issued_lt_voted",
                N_(
                    "Số phiếu phát ra ({ballots_issued}) ít hơn số cử tri đã bỏ phiếu ({voted}), trong khi mỗi cử "
                    "tri đã bỏ phiếu đều phải được phát phiếu. Vui lòng kiểm tra lại; nếu số liệu đúng, hãy xác "
                    "nhận để tiếp tục."
                ),
                {"ballots_issued": issued, "voted": voted},
                field=BALLOTS_ISSUED,
                severity="confirm",
            ),
        )
    if received is not None and voted is not None and received < voted:
        yield (
            frozenset({VOTED, BALLOTS_RECEIVED}),
            Problem(
                "received_lt_voted",
                N_(
                    "Số phiếu thu vào ({ballots_received}) ít hơn số cử tri đã bỏ phiếu ({voted}). Điều này có thể "
                    "xảy ra khi có cử tri đã nhận phiếu nhưng không bỏ vào hòm phiếu. Nếu đúng như vậy, hãy xác "
                    "nhận để tiếp tục."
                ),
                {"ballots_received": received, "voted": voted},
                field=BALLOTS_RECEIVED,
                severity="confirm",
            ),
        )
    elif received is not None and voted is not None and received > voted:
        yield (
            frozenset({VOTED, BALLOTS_RECEIVED}),
            Problem(
                "received_gt_voted",
                N_(
                    "Số phiếu thu vào ({ballots_received}) nhiều hơn số cử tri đã bỏ phiếu ({voted}), trong khi mỗi "
                    "cử tri chỉ bỏ một phiếu vào hòm cho cuộc bầu cử này. Vui lòng kiểm tra lại cả hai số; nếu đã "
                    "kiểm tra và số liệu đúng, hãy xác nhận để tiếp tục."
                ),
                {"ballots_received": received, "voted": voted},
                field=BALLOTS_RECEIVED,
                severity="confirm",
            ),
        )


def _findings(
    sheet: CountSheetInput,
    candidates: Sequence[CandidateRef],
    *,
    checkin_final: int | None,
    registered: int | None,
) -> list[Finding]:
    if sheet.seats < 1:
        raise ValueError("a contest elects at least one deputy")
    known = {c.key for c in candidates}
    unknown = sorted(set(sheet.votes) - known)
    if unknown:
        raise ValueError(f"votes for unknown candidates: {unknown}")
    found = [
        *_number_findings(sheet, candidates),
        *_ballot_findings(sheet),
        *_vote_findings(sheet, candidates),
        *_consistency_findings(sheet, checkin_final=checkin_final, registered=registered),
    ]
    # Errors before questions to confirm; otherwise in the order of the printed report.
    return sorted(found, key=lambda f: f[1].severity == "confirm")


def check_sheet(
    sheet: CountSheetInput,
    *,
    candidates: Sequence[CandidateRef],
    checkin_final: int | None = None,
    registered: int | None = None,
) -> list[Problem]:
    """Every problem of a finished report: missing figures, arithmetic errors, then figures to confirm.

    ``registered`` is the area's listed voters and ``checkin_final`` the turnout reported at closing; both only
    raise questions, since the report records what the team found.
    """
    ordered = sorted(candidates, key=lambda c: (c.ballot_order, c.key))
    missing = [Problem("missing", _MISSING[name], {}, field=name) for name in NUMBER_FIELDS if sheet.get(name) is None]
    missing += [
        Problem(
            "missing_votes",
            N_("Chưa nhập số phiếu bầu cho {name} (số thứ tự {ballot_order} trên phiếu bầu)."),
            {"name": c.name, "ballot_order": c.ballot_order},
            field=vote_field(c.key),
        )
        for c in ordered
        if sheet.votes.get(c.key) is None
    ]
    found = _findings(sheet, ordered, checkin_final=checkin_final, registered=registered)
    return missing + [problem for _, problem in found]


def check_field(
    field_name: str,
    value: int,
    sheet: CountSheetInput,
    *,
    candidates: Sequence[CandidateRef],
    checkin_final: int | None = None,
    registered: int | None = None,
) -> list[Problem]:
    """The problems that ``value`` typed for ``field_name`` makes with the figures already typed in ``sheet``."""
    ordered = sorted(candidates, key=lambda c: (c.ballot_order, c.key))
    key = candidate_of(field_name)
    if key is not None and key not in {c.key for c in ordered}:
        raise ValueError(f"unknown candidate: {key}")
    updated = sheet.with_value(field_name, value)
    found = _findings(updated, ordered, checkin_final=checkin_final, registered=registered)
    return [replace(problem, field=field_name) for fields, problem in found if field_name in fields]


@dataclass(frozen=True)
class SheetSummary:
    """Percentages for the confirmation screen (2 decimals, half up; None when a figure is missing or zero)."""

    turnout_percent: Decimal | None  # voted / total voters
    valid_percent: Decimal | None  # valid / ballots received
    invalid_percent: Decimal | None  # invalid / ballots received
    total_votes: int | None  # sum of candidates' votes, None until all are typed
    candidate_percent: dict[str, Decimal | None]  # votes / valid ballots, by ballot order when candidates are given


def _share(part: int | None, whole: int | None) -> Decimal | None:
    part, whole = _ok(part), _ok(whole)
    if part is None or whole is None:
        return None
    return percent(part, whole)


def summary(sheet: CountSheetInput, candidates: Sequence[CandidateRef] | None = None) -> SheetSummary:
    """The percentages of a (possibly partial) report."""
    if candidates is not None:
        keys = [c.key for c in sorted(candidates, key=lambda c: (c.ballot_order, c.key))]
    else:
        keys = list(sheet.votes)
    values = [_ok(sheet.votes.get(k)) for k in keys]
    return SheetSummary(
        turnout_percent=_share(sheet.voted, sheet.total_voters),
        valid_percent=_share(sheet.valid, sheet.ballots_received),
        invalid_percent=_share(sheet.invalid, sheet.ballots_received),
        total_votes=sum(v for v in values if v is not None) if all(v is not None for v in values) else None,
        candidate_percent={k: _share(sheet.votes.get(k), sheet.valid) for k in keys},
    )
