"""Evaluate the question matcher on a JSONL set of voter questions.

``python -m bot.domain.knowledge.evaluate [--file tests/data/voter_questions.jsonl]``
``[--split dev|heldout|heldout2|heldout3|heldout4|all] [-v]``

Each line: ``{"q", "expect" (topic id or null for "too vague"), "edition", "cat"?, "slots"?, "must_contain"?,
"nfd"?, "split"?}``. Accuracy = confident and correct / answerable; "wrong" = confident but not correct
(a null line answered with confidence counts as wrong).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bot.domain.knowledge.matcher import MatchResult, match
from bot.domain.knowledge.render import ElectionFacts, render
from bot.domain.knowledge.topics import BY_ID
from bot.domain.text import fold
from bot.i18n import get_translator

DEFAULT_FILE = Path(__file__).resolve().parents[3] / "tests" / "data" / "voter_questions.jsonl"

#: the elections the evaluation renders answers for, per law edition
EVAL_FACTS: dict[str, ElectionFacts] = {
    "2015": ElectionFacts(
        name="Bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021–2026",
        name_en="Election of deputies to the 15th National Assembly and People's Councils, 2021–2026",
        election_date=date(2021, 5, 23),
        edition="2015",
    ),
    "2025": ElectionFacts(
        name="Bầu cử đại biểu Quốc hội khóa XVI và đại biểu HĐND các cấp nhiệm kỳ 2026–2031",
        name_en="Election of deputies to the 16th National Assembly and People's Councils, 2026–2031",
        election_date=date(2026, 3, 15),
        edition="2025",
    ),
}


@dataclass
class Item:
    q: str
    expect: str | None
    edition: str
    cat: str = "plain"
    slots: dict[str, Any] = field(default_factory=dict)
    must_contain: list[str] = field(default_factory=list)
    split: str = "dev"

    @property
    def lang(self) -> str:
        return "en" if self.cat == "english" else "vi"


@dataclass
class Outcome:
    item: Item
    result: MatchResult
    correct: bool
    wrong: bool
    missing: list[str]


def load(path: Path, split: str = "all") -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        text = unicodedata.normalize("NFD", raw["q"]) if raw.get("nfd") else raw["q"]
        item = Item(
            q=text,
            expect=raw.get("expect"),
            edition=raw.get("edition", "2015"),
            cat=raw.get("cat", "plain"),
            slots=raw.get("slots") or {},
            must_contain=raw.get("must_contain") or [],
            split=raw.get("split", "dev"),
        )
        if split == "all" or item.split == split:
            items.append(item)
    return items


def _slots_ok(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    for key, value in expected.items():
        have = got.get(key)
        if isinstance(value, str):
            if have is None or fold(str(have)) != fold(value):
                return False
        elif have != value:
            return False
    return True


def judge(item: Item) -> Outcome:
    result = match(item.q, edition=item.edition)
    got = result.best.id if result.best else None
    if item.expect is None:
        return Outcome(item, result, correct=not result.confident, wrong=result.confident, missing=[])
    right_topic = got == item.expect and _slots_ok(item.slots, result.slots)
    missing: list[str] = []
    if item.must_contain:
        facts = EVAL_FACTS[item.edition]
        text = render(BY_ID[item.expect], get_translator(item.lang), facts)
        missing = [m for m in item.must_contain if m not in text]
    correct = result.confident and right_topic
    wrong = result.confident and not right_topic
    return Outcome(item, result, correct=correct, wrong=wrong, missing=missing)


@dataclass
class Summary:
    answerable: int
    correct: int
    wrong: int
    unsure_total: int
    unsure_ok: int
    missing_facts: int
    ms_per_question: float

    @property
    def accuracy(self) -> float:
        return self.correct / self.answerable if self.answerable else 0.0


def evaluate(items: list[Item]) -> tuple[Summary, list[Outcome]]:
    start = time.perf_counter()
    outcomes = [judge(it) for it in items]
    elapsed = (time.perf_counter() - start) * 1000 / max(1, len(items))
    answerable = [o for o in outcomes if o.item.expect is not None]
    unsure = [o for o in outcomes if o.item.expect is None]
    summary = Summary(
        answerable=len(answerable),
        correct=sum(o.correct for o in answerable),
        wrong=sum(o.wrong for o in outcomes),
        unsure_total=len(unsure),
        unsure_ok=sum(o.correct for o in unsure),
        missing_facts=sum(bool(o.missing) for o in outcomes),
        ms_per_question=elapsed,
    )
    return summary, outcomes


def _table(outcomes: list[Outcome]) -> str:
    by_cat: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_cat[o.item.cat].append(o)
    lines = [f"{'category':<15}{'n':>5}{'correct':>9}{'unsure':>8}{'wrong':>7}{'accuracy':>10}"]
    for cat in sorted(by_cat):
        group = by_cat[cat]
        n = len(group)
        correct = sum(o.correct for o in group)
        wrong = sum(o.wrong for o in group)
        lines.append(f"{cat:<15}{n:>5}{correct:>9}{n - correct - wrong:>8}{wrong:>7}{correct / n:>10.1%}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--split", choices=("dev", "heldout", "heldout2", "heldout3", "heldout4", "all"), default="all")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    items = load(args.file, args.split)
    summary, outcomes = evaluate(items)
    print(_table(outcomes))
    print()
    for o in outcomes:
        if args.verbose and (not o.correct or o.missing):
            got = o.result.best.id if o.result.best else None
            alts = ", ".join(f"{a.id}:{a.score:.1f}" for a in o.result.alternatives)
            flag = "WRONG" if o.wrong else ("facts" if o.correct else "unsure")
            extra = f" missing={o.missing}" if o.missing else ""
            print(f"[{flag}] {o.item.q[:70]!r} expect={o.item.expect} got={got} slots={o.result.slots} [{alts}]{extra}")
    print(
        f"split={args.split} questions={len(items)} answerable={summary.answerable} correct={summary.correct} "
        f"wrong_confident={summary.wrong} unsure_ok={summary.unsure_ok}/{summary.unsure_total} "
        f"missing_facts={summary.missing_facts} ms/question={summary.ms_per_question:.2f}"
    )
    print(f"accuracy: {summary.accuracy:.3f}")
    print()
    print(f"{'split':<10}{'n':>5}{'accuracy':>10}{'correct':>9}{'wrong':>7}{'unsure ok':>11}")
    for split in dict.fromkeys(i.split for i in items):
        part, _ = evaluate([i for i in items if i.split == split])
        print(
            f"{split:<10}{part.answerable + part.unsure_total:>5}{part.accuracy:>10.3f}"
            f"{f'{part.correct}/{part.answerable}':>9}{part.wrong:>7}{f'{part.unsure_ok}/{part.unsure_total}':>11}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
