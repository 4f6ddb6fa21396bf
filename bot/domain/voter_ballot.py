"""How to mark one ballot, computed from its seats and its number of candidates (Telegram-free).

The rule (Luật Bầu cử, DOMAIN.md "Marking"): keep at most as many names as there are seats and at least one;
draw a line through the whole full name of every candidate not chosen. Keeping fewer names than seats is valid;
keeping more than the seats, or crossing out every name, makes the ballot invalid.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import N_


@dataclass(frozen=True)
class MarkingRule:
    seats: int
    candidates: int

    @property
    def keep_max(self) -> int:
        """Most names a valid ballot may keep."""
        return max(1, min(self.seats, self.candidates))

    @property
    def keep_min(self) -> int:
        return 1 if self.candidates else 0

    @property
    def cross_min(self) -> int:
        """Fewest names to cross out."""
        return max(0, self.candidates - self.keep_max)

    @property
    def cross_max(self) -> int:
        """Most names to cross out (one must stay)."""
        return max(0, self.candidates - 1)

    def is_valid(self, kept: int) -> bool:
        """Whether keeping ``kept`` names gives a valid ballot."""
        return self.keep_min <= kept <= self.keep_max


def marking_rule(seats: int, candidates: int) -> MarkingRule:
    if seats < 1 or candidates < 0:
        raise ValueError("a constituency has at least one seat")
    return MarkingRule(seats, candidates)


def explain(rule: MarkingRule) -> tuple[str, dict[str, int]]:
    """The explanation as an ``N_`` template and its numbers (the caller translates and formats)."""
    params = {
        "candidates": rule.candidates,
        "seats": rule.seats,
        "keep": rule.keep_max,
        "cross_min": rule.cross_min,
        "cross_max": rule.cross_max,
    }
    if rule.candidates <= 1:
        return N_("Phiếu này có {candidates} người, bầu {seats}: giữ nguyên tên nếu bạn bầu cho người này."), params
    if rule.keep_max == 1:
        return (
            N_(
                "Phiếu này có {candidates} người, bầu {seats}: bạn giữ lại đúng 1 người; gạch ngang hết họ và tên "
                "những người không chọn (phải gạch {cross_max} người)."
            ),
            params,
        )
    return (
        N_(
            "Phiếu này có {candidates} người, bầu {seats}: bạn giữ lại tối đa {keep} và ít nhất 1 người; gạch ngang "
            "hết họ và tên những người không chọn (phải gạch từ {cross_min} đến {cross_max} người)."
        ),
        params,
    )
