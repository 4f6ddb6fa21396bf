"""Render a knowledge topic for one user: edition variant, translation, election facts filled in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.domain.knowledge.topics import DEMO_NOTE, Topic
from bot.i18n import N_, Translator

#: ballots per voter by law edition (2015: QH + tỉnh + huyện + xã; since 2025: QH + tỉnh + xã)
BALLOTS_BY_EDITION = {"2015": 4, "2025": 3}

_FALLBACK = N_("Mình chưa có câu trả lời cho nội dung này. Hãy hỏi Tổ bầu cử hoặc UBND cấp xã nơi bạn ở.")


def _eighteen_years_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 18, day=28)


@dataclass(frozen=True)
class ElectionFacts:
    """What the answers need to know about the loaded election (the caller fills it from the database)."""

    name: str
    election_date: date
    voting_start: time = time(7, 0)
    voting_end: time = time(19, 0)
    edition: str = "2015"
    is_demo: bool = False
    name_en: str | None = None
    eligible_birth_date: date | None = None
    ballots: int | None = None

    @property
    def year(self) -> int:
        return self.election_date.year

    @property
    def birth_cutoff(self) -> date:
        """Born on or before this date: 18 or older on election day."""
        return self.eligible_birth_date or _eighteen_years_before(self.election_date)

    @property
    def ballots_count(self) -> int:
        return self.ballots if self.ballots is not None else BALLOTS_BY_EDITION.get(self.edition, 4)


def placeholders_for(translator: Translator, facts: ElectionFacts) -> dict[str, str]:
    name = facts.name_en if (translator.lang == "en" and facts.name_en) else facts.name
    return {
        "election_name": name,
        "date": translator.date(facts.election_date),
        "weekday_date": translator.weekday_date(facts.election_date),
        "start": translator.time(facts.voting_start),
        "end": translator.time(facts.voting_end),
        "eligible_birth_date": translator.date(facts.birth_cutoff),
        "ballots": translator.number(facts.ballots_count),
        "year": str(facts.year),
    }


def render(topic: Topic, translator: Translator, facts: ElectionFacts) -> str:
    """The answer text of ``topic`` in the translator's language, for the election described by ``facts``.

    Data intents have no text here (the caller looks the answer up); rendering one gives a short fall-back.
    """
    variant = topic.variant(facts.edition, facts.year)
    template = variant.text if variant else _FALLBACK
    return translator.gettext(template).format_map(placeholders_for(translator, facts))


def render_title(topic: Topic, translator: Translator) -> str:
    """The short button title of ``topic``."""
    return translator.gettext(topic.title)


def demo_note(translator: Translator, facts: ElectionFacts) -> str | None:
    """The "illustrative data" line for answers drawn from demo data (None for a real election)."""
    return translator.gettext(DEMO_NOTE) if facts.is_demo else None
