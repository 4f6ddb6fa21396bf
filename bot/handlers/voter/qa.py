"""The free-text router: every message that no conversation step took ends up here.

Order: (1) safety topics (fraud, recommendation, injection, insult, off-topic) → fixed polite answers;
(2) a confident rules topic → its answer for the law edition of the loaded election; (3) data intents → answers
from the database; (4) a clear place name → where to vote, a clear candidate name → the candidate;
(5) otherwise the two or three best topics as buttons ("Có phải bạn muốn hỏi:"), never a guess presented as fact.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.callbacks import BadCallback, Callback, encode, pattern
from bot.context import BotApplication, BotContext
from bot.domain.knowledge import BY_ID, TOPICS, MatchResult, match, render, render_title
from bot.domain.knowledge.matcher import CLEAR_MARGIN, CONFIDENT_SCORE, TopicMatch, asks_other_than, opinion_without
from bot.domain.search import PlaceMatch, without_kind_words
from bot.domain.text import clip_message, fold, prepare
from bot.domain.voter_constituency import (
    asks_age,
    asks_the_rule,
    asks_where_of_other_than_voting,
    asks_who_else,
    candidate_list_request,
    counts_polling_areas,
    explicit_constituency_number,
    is_follow_up,
    parse_constituency_ref,
    supposes_a_case,
    without_number,
)
from bot.handlers.start import button_handler
from bot.handlers.voter import candidates as cand
from bot.handlers.voter import data, where
from bot.handlers.voter.common import contest_label, election_or_reply, facts_of, with_note
from bot.handlers.voter.place_index import get_places
from bot.i18n import N_
from bot.turn import Button, Turn, esc, open_turn
from db.models import Candidate, Constituency, Contest, Election
from db.queries import voter as q
from db.queries.chair import published_for_area, published_for_constituencies

# Topics offered in /hoidap, in this order (rules first).
FAQ_TOPICS = [t.id for t in TOPICS if t.kind == "info"]

#: a question about where (with a hamlet named exactly, it is where that hamlet votes; in a story, the place may be
#: the answer: "ông bà ra điểm nào bầu", "đi đâu")
_WHERE_WORDS = "o dau|nhung dau|cho nao|noi nao|where"
_WHERE_CUE = re.compile(rf" ({_WHERE_WORDS}|diem nao|di dau|polling) ")
#: asking where things are ("ở những đâu"), not naming them ("polling areas")
_WHERE_ARE = re.compile(rf" ({_WHERE_WORDS}) ")

#: being elected ("có trúng cử không", "was she elected")
_ELECTED = re.compile(r" (trung cu|dac cu|thang cu|elected|win|won) ")

#: a markup tag
_TAG = re.compile(r"</?[a-zA-Z][^<>]{0,40}>")
#: a script or style block typed into a message: code, not words of the question ("<script>alert(1)</script>")
_CODE = re.compile(r"<(script|style)\b[^<>]{0,40}>.{0,200}?</\1\s*>", re.IGNORECASE | re.DOTALL)
#: a tag that would run code ("<img src=x onerror=alert(1)>", "<a href='javascript:…'>")
_ACTIVE_TAG = re.compile(r"<[a-zA-Z][^<>]{0,200}?(\bon[a-z]+\s*=|javascript:)[^<>]{0,200}>", re.IGNORECASE)
#: the words a place's commune or district adds to its name in a message ("… xã Nam Cường")
PLACE_CONTEXT_WORDS = 3

#: rules topics about voting somewhere else than home
AWAY_TOPICS = frozenset(("vote_away", "temporary_residents", "soldiers", "returning_citizens"))

#: at most this many words besides a candidate's full name make a question about that candidate
PERSON_QUESTION_WORDS = 5
#: topics that, asked about a candidate named in full, are answered by that candidate's card (constituency, age)
PERSON_TOPICS = frozenset(("candidates", "commune_constituency", "constituency_coverage", "candidate_age"))
#: ... in a question of at most this many other words (as typed)
PERSON_TOPIC_WORDS = 20
#: a rules topic at least this sure, tied with or ahead of the matcher's best (unsure) topic: a longer message that
#: names a person may ask that rule, so the topics are offered rather than the person's card
RULES_HINT_SCORE = 2.5


#: a place named in a message of more words than this is no "where do I vote" when the classifier clearly reads
#: another question (a short message is mostly the place: "kvbp so 4 nghia ta")
STORY_WORDS = 8

#: a district or province named with the words of a topic at least this strong ("election results cho don") is
#: where that topic is asked of, not a request for its communes
BROAD_TOPIC_SCORE = 2.0

#: data intents about which constituency a place belongs to, or what a constituency covers: with a commune or
#: hamlet named and no constituency number, the question is the first
BELONGS_TOPICS = frozenset(("commune_constituency", "constituency_coverage"))

#: data intents about a constituency: with a constituency number named they answer even when the matcher is unsure
CONSTITUENCY_TOPICS = frozenset(("constituency_coverage", "count_query"))


@dataclass
class Routed:
    """What the router did with a message (the evaluation reads it)."""

    kind: str  # safety, topic, data, place, candidate, choices, unsure, none
    topic: str | None = None
    confident: bool = True
    detail: dict[str, Any] = field(default_factory=dict)


# --- answers ------------------------------------------------------------------------------------------------------


async def answer_topic(t: Turn, election: Election, topic_id: str) -> None:
    topic = BY_ID[topic_id]
    text = render(topic, t.tr, facts_of(election))
    if topic_id == "how_to_mark" and t.user.home_area_id:
        ballots = await q.area_ballots(t.session, t.user.home_area_id)
        if ballots:
            from bot.handlers.voter.common import contest_label

            lines = ["", t._("Với các phiếu ở nơi bỏ phiếu đã lưu của bạn:")]
            for b in ballots:
                lines.append(
                    f"<b>{contest_label(t, b.contest)}</b>: "
                    + cand.marking_text(t, b.constituency.seats, b.candidates)[2:]
                )
            text += "\n".join(lines)
    buttons = None
    if topic_id in ("how_to_mark", "ballots_count", "candidates_vs_seats") and not t.user.home_area_id:
        buttons = [[Button("📍 " + t._("Tìm nơi bỏ phiếu của tôi"), encode("where"))]]
    t.reply(text, buttons)


async def _where(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    if text and t.user.home_area_id:
        # with a saved polling area, a sentence that names no place clearly ("mai đi bầu thì mình ra chỗ nào":
        # "bầu thì" ≈ "Bản Thi") asks about that area, not about near names
        places = await get_places(t.services, t.session, election.id)
        res = places.places.resolve(text, limit=6, kinds=where.PLACE_KINDS)
        clear = res.best is not None and where.clear_in_sentence(text, res.best, res.confident)
        if (
            not clear
            and not any(m.exact for m in res.candidates)
            and await where.show_area(t, election, t.user.home_area_id)
        ):
            return "place"
    found = await where.search_place(t, election, text, quiet=True) if text else ""
    if found:
        return found
    if t.user.home_area_id and await where.show_area(t, election, t.user.home_area_id):
        return "place"
    await where.ask_where(t, election)
    return "ask"


async def _candidates(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    if text and await cand.search_candidates(t, election, text, quiet=True):
        return "candidate"
    if text and explicit_constituency_number(text) is not None:
        # "hđnd xã X đơn vị số 2 có những ai": the numbered constituency's list, never polling area 2 of X
        rest = without_number(text)
        places = await get_places(t.services, t.session, election.id)
        res = places.places.resolve(rest, limit=6, kinds=where.PLACE_KINDS)
        named = res.best is not None and where.clear_in_sentence(rest, res.best, res.confident)
        key = res.best.entry.key if named and res.best is not None else None
        return await cand.answer_list_request(t, election, parse_constituency_ref(text), key)
    if text:
        kind, found = await data.resolve_unit(t, election, text, ("commune", "hamlet", "area"))
        if kind == "area":
            # "ở thôn Nà Làng … những ai ra ứng cử hội đồng nhân dân xã": that area's ballot of the level named, or
            # all its ballots
            ref = parse_constituency_ref(text)
            if ref.level is not None:
                return await cand.answer_list_request(t, election, ref, f"area:{found}")
            await cand.area_candidates(t, election, found)
            return "answer"
        if kind == "unit":
            # "Bản Thi bầu huyện có những ai": the commune's constituency of the level named, else all of its ballots
            ref = parse_constituency_ref(text)
            if ref.level is not None:
                return await cand.answer_list_request(t, election, ref, f"unit:{found.id}")
            await data.show_belongs(t, election, "u", found.id)
            return "place"
    await cand.my_candidates(t, election)
    return "answer" if t.user.home_area_id else "ask"


async def _counts(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    return await data.answer_counts(t, election, text, slots)


async def _coverage(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    return await data.answer_coverage(t, election, text, slots)


async def _belongs(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    return await data.answer_commune_constituency(t, election, text, slots)


async def _results(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    # a constituency named by number and level ("đơn vị số 1 HĐND huyện ai trúng cử"): its result; else the saved
    # polling area's, or the rules
    named = await data.numbered_constituency(t, election, parse_constituency_ref(text), text) if text else None
    if named is not None:
        return await _constituency_results(t, election, named)
    if t.user.home_area_id and await published_for_area(t.session, t.user.home_area_id):
        from bot.handlers.chair.results import show_voter_results

        await show_voter_results(t)  # the published results of the saved polling area's constituencies
        return "answer"
    _not_yet(t, election, None)
    return "answer"


async def _constituency_results(
    t: Turn, election: Election, target: tuple[Constituency, Contest], who: Candidate | None = None
) -> str:
    """One constituency's published result, else that it is not out yet (naming the candidate asked about)."""
    from bot.handlers.chair.results import result_text

    k, c = target
    published = await published_for_constituencies(t.session, [k.id])
    if published:
        t.reply("\n\n".join(result_text(t.tr, pk, pc, dict(r.data)) for pk, pc, r in published))
        return "answer"
    if who is not None:
        line = t._("{contest} — {constituency}, nơi {name} ứng cử: kết quả chưa được công bố.").format(
            contest=contest_label(t, c), constituency=esc(k.name), name=esc(who.full_name)
        )
    else:
        line = t._("{contest} — {constituency}: kết quả chưa được công bố.").format(
            contest=contest_label(t, c), constituency=esc(k.name)
        )
    _not_yet(t, election, line)
    return "answer"


def _not_yet(t: Turn, election: Election, line: str | None) -> None:
    """Nothing published that answers the question: when it will be (the rules), and where to look then."""
    body = render(BY_ID["results_announcement"], t.tr, facts_of(election))
    parts = [line, body] if line else [body]
    t.reply("\n\n".join(parts) + "\n\n" + t._("Khi kết quả được công bố, bạn có thể xem bằng lệnh /ketqua."))


async def _candidate_result(t: Turn, election: Election, candidate_key: str) -> str:
    """Whether a candidate named in full was elected: their constituency's published result, else not yet."""
    who = await q.election_candidate(t.session, election.id, int(candidate_key.split(":")[1]))
    found = await q.election_constituency(t.session, election.id, who.constituency_id) if who else None
    if who is None or found is None:
        _not_yet(t, election, None)
        return "answer"
    return await _constituency_results(t, election, found, who)


async def _reminders(t: Turn, election: Election, text: str, slots: dict[str, Any]) -> str:
    from bot.handlers.voter import reminders

    folded = f" {fold(text)} "
    if any(w in folded for w in (" huy ", " tat ", " stop ", " unsubscribe ", " ngung ", " thoi nhac ")):
        await reminders.unsubscribe(t, election)
    else:
        await reminders.subscribe(t, election)
    return "answer"


DataHandler = Callable[[Turn, Election, str, dict[str, Any]], Awaitable[str]]
DATA: dict[str, DataHandler] = {
    "where_to_vote": _where,
    "candidates": _candidates,
    "count_query": _counts,
    "constituency_coverage": _coverage,
    "commune_constituency": _belongs,
    "results": _results,
    "reminders": _reminders,
}


def offer_topics(t: Turn, result: MatchResult) -> bool:
    """The two or three best topics as buttons, when the matcher is unsure."""
    alts = [a for a in result.alternatives if a.kind in ("info", "data")][:3]
    if not alts:
        return False
    rows = [[Button(render_title(a.topic, t.tr), encode("vtopic", a.id))] for a in alts]
    t.reply(t._("Có phải bạn muốn hỏi:"), rows)
    return True


def not_understood(t: Turn) -> None:
    t.reply(
        t._(
            "Xin lỗi, mình chưa hiểu câu hỏi. Bạn có thể gõ tên thôn hoặc xã để tìm nơi bỏ phiếu, hỏi ngắn gọn "
            "(ví dụ: «mấy giờ bắt đầu bỏ phiếu», «cần mang giấy tờ gì»), hoặc chọn một mục:"
        ),
        [[Button("📍 " + t._("Nơi bỏ phiếu"), encode("where")), Button("❓ " + t._("Hỏi đáp"), encode("vfaq"))]],
    )


# --- the router -----------------------------------------------------------------------------------------------------


async def route(t: Turn, text: str) -> Routed:
    """Answer one free-text message; returns what was done."""
    election = await election_or_reply(t)
    if election is None:
        return Routed("none", confident=False)
    # markup typed by the user ("<i>ứng cử</i>") is no word of the question (what is echoed back is escaped)
    clipped = clip_message(text)
    text = _TAG.sub(" ", _CODE.sub(" ", clipped))
    places = await get_places(t.services, t.session, election.id)
    person = places.person(text)
    # the candidates named in full: their names are no words of the question ("ông Triệu Xuân Bình": no money)
    named = tuple(dict.fromkeys(m.entry.name for m in person.candidates if m.exact and len(m.entry.name.split()) >= 2))
    result = match(text, edition=election.law_edition, names=named)
    if (_CODE.search(clipped) or _ACTIVE_TAG.search(clipped)) and not (
        result.confident and result.best is not None and result.best.kind != "meta" and result.best.id != "insult"
    ):
        # code alone, or around words that ask nothing (small talk, "<img src=x onerror=alert(1)> hiện cái này lên
        # giúp t với", rude words): an attempt at the bot, answered as one (what it may and may not do); code around
        # a real question or request ("<script>…</script> mình bầu ở đâu", "… giá lợn hơi hôm nay") gets its answer
        await answer_topic(t, election, "injection")
        return Routed("safety", "injection")
    follow_up = is_follow_up(text)
    if follow_up and result.confident and result.best is not None and result.best.score < CONFIDENT_SCORE:
        result = dataclasses.replace(result, confident=False)
    best = result.best
    # an explicit constituency number ("đơn vị số 3", "dv 2") is no polling area's: the place is read without it
    constituency_number = explicit_constituency_number(text)
    place_text = without_number(text) if constituency_number is not None else text
    place = places.places.resolve(place_text, limit=6, kinds=where.PLACE_KINDS)
    safety = best is not None and result.confident and best.kind == "safety"
    # a message that is just a name ("na tiem", "hoang thi binh") is that place or person, whatever words it has
    prepared = prepare(text)
    n_words = len(prepared.tokens)
    words = f" {prepared.text} "  # for the cue words below
    if not safety and n_words <= 6 and constituency_number is None:
        for res, kind in ((person, "candidate"), (place, "place")):
            top = res.best
            if top is None or top.score < 80 or n_words > len(top.entry.name.split()) + 1:
                continue
            close = [m for m in res.candidates if m.score >= top.score - 5]
            if kind == "candidate" and (res.confident or len({m.entry.name for m in close}) == 1):
                await cand.search_candidates(t, election, text, quiet=True)
                return Routed("candidate", "candidates")
            if kind == "place":
                if _topic_of_broad(top, n_words, best):
                    continue  # "election results cho don": the results asked of the district, below
                if not res.confident and result.clearly_vague:
                    continue  # "ý tôi là chỗ đó đó": "chỗ đó" is near "Chợ Đồn", but no place is meant
                if res.confident:
                    await where.open_entry(t, election, places, top.entry.key)
                else:
                    where.offer_places(t, places, close)
                    return Routed("choices", "where_to_vote")
                return Routed("place", "where_to_vote")
    # a request for the candidates of a constituency named by level, number or place ("ứng viên hđnd tỉnh đơn vị
    # số 8 gồm những ai", "ứng viên quốc hội ở Chợ Đồn"): the list, whatever rules words the sentence also has
    # (a person named, and who else runs: the list, which has that person too)
    named_person = person.confident and person.best is not None and person.best.exact and not asks_who_else(text)
    request = None if safety or _safety_hint(result) or named_person else candidate_list_request(text)
    if request is not None:
        # the place is read without the constituency number ("hđnd xã Yên Mỹ đơn vị số 2": "số 2" is no polling area)
        list_text = without_number(text) if request.number is not None else text
        in_place = (
            place if list_text == place_text else places.places.resolve(list_text, limit=6, kinds=where.PLACE_KINDS)
        )
        named = in_place.best is not None and where.clear_in_sentence(list_text, in_place.best, in_place.confident)
        place_key = in_place.best.entry.key if named and in_place.best is not None else None
        if request.specific or place_key is not None:
            outcome = await cand.answer_list_request(t, election, request, place_key)
            kind = "choices" if outcome == "choices" else "data"
            return Routed(kind, "candidates", detail={"outcome": outcome})
    # a numbered constituency asked about ("dv so 3 bau hdnd xa o nghia ta thi dan thon nao bau"): its coverage or
    # counts, even when the matcher is not sure; never a polling area of the same number
    if (
        not safety
        and not follow_up  # "còn đơn vị số 8 thì sao?": the question before it is not known
        and constituency_number is not None
        and best is not None
        and best.id in CONSTITUENCY_TOPICS
        and not _safety_hint(result)
    ):
        outcome = await DATA[best.id](t, election, text, result.slots)
        return Routed("choices" if outcome == "choices" else "data", best.id, detail={"outcome": outcome})
    # whether a candidate named in full was elected ("ông Triệu Xuân Bình có trúng cử không"): their constituency's
    # result, not their card (and never the rule of how winners are decided)
    if (
        not safety
        and person.confident
        and person.best is not None
        and person.best.score >= 80
        and _asks_result(result, text)
    ):
        outcome = await _candidate_result(t, election, person.best.entry.key)
        return Routed("data", "results", detail={"outcome": outcome})
    # a commune or hamlet named in a question about constituencies, with no constituency number ("Which district
    # council constituency does Bản Thi commune belong to?"): which constituencies it belongs to, even when the
    # matcher hesitates between that and a constituency's coverage (which needs a constituency named)
    if (
        not safety
        and constituency_number is None
        and best is not None
        and best.id in BELONGS_TOPICS
        and not result.confident  # a sure answer (either of the two) is given below
        and best.score >= CONFIDENT_SCORE
        and not _safety_hint(result)
        and place.best is not None
        and place.best.entry.kind in ("commune", "hamlet", "area")
        and where.clear_in_sentence(text, place.best, place.confident)
    ):
        outcome = await DATA["commune_constituency"](t, election, text, {})
        return Routed(
            "choices" if outcome == "choices" else "data", "commune_constituency", detail={"outcome": outcome}
        )
    # a short question about a candidate named in full ("Lèo Thị Liên sinh năm nào") is about that person, even
    # when its words also fit a rules topic (birth year ~ eligibility)
    top_person = person.best
    if (
        not safety
        and not any(a.kind == "safety" for a in result.alternatives)  # "nên gạch ông X không": a safety question
        and top_person is not None
        and person.confident
        and top_person.exact
        and len(top_person.entry.name.split()) >= 3
        # who may stand, asked about someone who does: the rule ("ông X đang ứng cử thì có được làm tổ trưởng không")
        and not (best is not None and best.id == "candidate_age" and result.confident and asks_the_rule(text))
        # a longer message that may ask a rule with the person as its example: the topics are offered below
        and not (
            not result.confident
            and _rules_hint(result, "candidates", len(text.split()) - len(top_person.entry.name.split()))
        )
        and (
            n_words - len(top_person.entry.name.split()) <= PERSON_QUESTION_WORDS
            # "Vàng Thanh Huệ ứng cử ở đơn vị nào vậy": a longer question, about where or whether that person runs
            # (the words as typed: "hđnd" is one word here, four once spelled out); "ông X năm nay bao nhiêu tuổi":
            # that person's age (the card's date of birth), not who may vote
            or (
                ((best is not None and best.id in PERSON_TOPICS) or asks_age(text))
                and len(text.split()) - len(top_person.entry.name.split()) <= PERSON_TOPIC_WORDS
            )
        )
    ):
        await cand.search_candidates(t, election, text, quiet=True)
        return Routed("candidate", "candidates")
    # a long message that names a hamlet or polling area exactly and asks where ("mình ở thôn Bó Pia xã Nam Cường,
    # ... chưa biết điểm bầu ở chỗ nào"): where to vote, even if its story also fits a rules topic
    if (
        not safety
        and best is not None
        and best.kind in ("info", "meta")
        and best.id not in AWAY_TOPICS  # "nhà ở Nà Mòn, bố đi làm xa": the hamlet is home, the question is away
        and place.best is not None
        and place.confident
        and place.best.exact
        and place.best.entry.kind in ("hamlet", "area")
        and _WHERE_CUE.search(words)
        and not asks_where_of_other_than_voting(text)
    ):
        await where.open_entry(t, election, places, place.best.entry.key)
        return Routed("place", "where_to_vote")
    # how many polling areas a commune has and where they are ("xã Tân Lập có mấy điểm bầu, ở những đâu"): its
    # polling areas with their addresses (the count is the length of that list)
    if (
        not safety
        and best is not None
        and best.id == "count_query"
        and counts_polling_areas(text)
        and _WHERE_ARE.search(words)
        and place.confident
        and place.best is not None
        and place.best.entry.kind in ("commune", "district")
    ):
        await where.open_entry(t, election, places, place.best.entry.key)
        return Routed("place", "where_to_vote")
    # (1) safety, (2) rules and small talk
    if best is not None and result.confident and best.kind in ("safety", "info", "meta"):
        await answer_topic(t, election, best.id)
        return Routed("safety" if best.kind == "safety" else "topic", best.id)
    # (3) data intents
    if best is not None and result.confident and best.kind == "data":
        outcome = await DATA[best.id](t, election, text, result.slots)
        return Routed(
            "choices" if outcome == "choices" else "data",
            best.id,
            confident=outcome != "ask" or best.id in ("where_to_vote", "reminders", "candidates"),
            detail={"outcome": outcome},
        )
    # (4) a place or a candidate named in a longer message
    place_score = place.best.score if place.best else 0.0
    person_score = person.best.score if person.best else 0.0
    # (inside a sentence, a name with a typo needs the score a place needs: "vu thi ai" ≈ "Vũ Thị Mai")
    if (
        person.best is not None
        and person_score >= 75
        and person_score > place_score
        and where.clear_in_sentence(text, person.best, True)
        and not _safety_hint(result)
        # "ông X ứng cử đơn vị số 2, vậy trên phiếu Quốc hội tôi được để lại tối đa mấy tên": a rule, offered
        and not _rules_hint(result, "candidates", len(text.split()) - len(person.best.entry.name.split()))
    ):
        await cand.search_candidates(t, election, text, quiet=True)
        return Routed("candidate", "candidates")
    # inside a sentence, a district or province named alone ("I work in Hanoi, my home is in Chợ Đồn") is where
    # the voter lives, not a question about where to vote: that needs the matcher's where-to-vote intent
    broad = (
        place.best is not None
        and place.best.entry.kind in ("district", "province")
        and not (best is not None and best.id == "where_to_vote")
        and (
            where.in_sentence(text, place.best)
            # a near name with other words ("cho do xa ko": "chỗ đó xa không", not "Chợ Đồn")
            or (not place.best.exact and n_words > len(place.best.entry.name.split()))
            or _topic_of_broad(place.best, n_words, best)
        )
    )
    if (
        place.best is not None
        and not broad
        and constituency_number is None  # "đơn vị 3 ở Nghĩa Tá ...": a constituency, not the commune's areas
        # a story set in that place but about something else ("thuê nhà ở Bằng Lũng…", "con đi nghĩa vụ, hộ khẩu
        # ở Nghĩa Tá…"; with no "where" in it, the classifier need only lean to another question): the topics are
        # offered below instead of the place's polling areas
        and not (
            n_words > STORY_WORDS
            and asks_other_than(
                opinion_without(text, [place.best.entry.name, *place.best.entry.context]),
                "where_to_vote",
                margin=_story_margin(words, n_words, place.best),
            )
        )
        and where.clear_in_sentence(text, place.best, place.confident)
    ):
        await where.open_entry(t, election, places, place.best.entry.key)
        return Routed("place", "where_to_vote")
    # (5) unsure: offer topics; else near place names; else help
    if offer_topics(t, result):
        return Routed("unsure", best.id if best else None, confident=False)
    strong = [m for m in place.candidates if m.score >= 75]
    if strong and not result.clearly_vague:
        where.offer_places(t, places, strong)
        return Routed("choices", "where_to_vote", confident=True)
    not_understood(t)
    return Routed("none", confident=False)


def _topic_of_broad(place: PlaceMatch, n_words: int, best: TopicMatch | None) -> bool:
    """A district or province named with the words of another topic ("election results cho don"): the topic is
    asked of it, not its communes (the words of its name besides the kind, "Huyện Chợ Đồn", must leave room)."""
    return (
        place.entry.kind in ("district", "province")
        and n_words > len(without_kind_words(fold(place.entry.name).split()))
        and best is not None
        and best.id != "where_to_vote"
        and best.score >= BROAD_TOPIC_SCORE
    )


def _story_margin(words: str, n_words: int, place: PlaceMatch) -> float:
    """How sure the classifier must be of another question to keep a story's place from being the answer: clearly
    when the message asks where, or is mostly the place's name (with its commune); merely leaning otherwise."""
    outside = n_words - len(place.entry.name.split()) - PLACE_CONTEXT_WORDS
    if outside <= STORY_WORDS or _WHERE_CUE.search(words):
        return CLEAR_MARGIN
    return 0.0


#: rules asked about a result rather than the result itself: complaining about it, electing again
_AFTER_RESULT = frozenset(("results_complaints", "additional_repeat"))


def _asks_result(result: MatchResult, text: str) -> bool:
    """Whether a message that names a candidate asks for a result (whether they were elected): the keywords say so,
    or it speaks of being elected of no supposed case ("được 60% thì có trúng cử không" asks the rule)."""
    best = result.best
    if best is None or any(a.kind == "safety" for a in result.alternatives):
        return False
    if best.id == "results":
        return True
    if result.confident and best.id in _AFTER_RESULT:
        return False  # "ông X thiếu mấy phiếu nữa là trúng cử … tôi muốn khiếu nại, gửi cho ai": the complaint
    return bool(_ELECTED.search(f" {' '.join(prepare(text).tokens)} ")) and not supposes_a_case(text)


#: rules a candidate's card answers as well, for that candidate (their programme, their age)
_CARD_RULES = frozenset(("campaigning", "candidate_age"))


def _rules_hint(result: MatchResult, besides: str, extra_words: int) -> bool:
    """Whether an unsure match has a rules topic (other than ``besides``) tied with or ahead of its best alternative:
    what a longer message naming a person may well ask. What a card answers for that person (their programme, their
    age) counts only in a long message ("… muốn nghe bà ấy nói chương trình hành động thì ở đâu")."""
    if result.best is None or extra_words <= PERSON_QUESTION_WORDS:
        return False
    top = max(RULES_HINT_SCORE, result.best.score)
    return any(
        a.kind == "info"
        and a.id != besides
        and (a.id not in _CARD_RULES or extra_words > PERSON_TOPIC_WORDS // 2)
        and a.score >= top - 1e-9
        for a in result.alternatives
    )


def _safety_hint(result: MatchResult) -> bool:
    """Whether a safety topic (recommendation, fraud) shows at all: then no list or name search may answer first."""
    return any(a.id in ("recommend", "fraud") and a.score >= 1.5 for a in result.alternatives)


async def answer_free_text(t: Turn, text: str) -> bool:
    """The "text" fallback of the dispatcher."""
    await route(t, text)
    return True


# --- /hoidap and buttons ------------------------------------------------------------------------------------------


def faq_buttons(t: Turn) -> list[list[Button]]:
    flat = [Button(render_title(BY_ID[i], t.tr)[:60], encode("vtopic", i)) for i in FAQ_TOPICS]
    return [flat[i : i + 2] for i in range(0, len(flat), 2)]


async def faq_command(update: Update, context: BotContext) -> None:
    """/hoidap: the rules topics as buttons."""
    async with open_turn(update, context.services) as t:
        await t.clear_state()
        t.reply(t._("Chọn câu hỏi, hoặc gõ câu hỏi của bạn bằng lời của mình:"), faq_buttons(t))


@button_handler
async def qa_button(t: Turn, cb: Callback) -> bool:
    """Buttons: vfaq, vtopic:id, vcount:unit, vacount:area, vkcount:constituency, vcover:constituency,
    vbelong:kind:id."""
    if cb.action == "vfaq":
        cb.expect(0)
        t.answer()
        t.reply(t._("Chọn câu hỏi, hoặc gõ câu hỏi của bạn bằng lời của mình:"), faq_buttons(t))
        return True
    election = await election_or_reply(t)
    if election is None:
        t.answer()
        return True
    t.answer()
    ok = True
    if cb.action == "vtopic":
        topic_id = cb.expect(1).token(0, set(BY_ID))
        topic = BY_ID[topic_id]
        if topic.kind == "data":
            await DATA[topic_id](t, election, "", {})
        else:
            await answer_topic(t, election, topic_id)
    elif cb.action == "vcount":
        ok = await data.show_counts(t, election, cb.expect(1).int(0, minimum=1))
    elif cb.action == "vacount":
        ok = await data.show_area_counts(t, election, cb.expect(1).int(0, minimum=1))
    elif cb.action == "vkcount":
        ok = await data.show_constituency_counts_by_id(t, election, cb.expect(1).int(0, minimum=1))
    elif cb.action == "vcover":
        ok = await data.show_coverage(t, election, cb.expect(1).int(0))
    elif cb.action == "vbelong":
        cb.expect(2)
        ok = await data.show_belongs(t, election, cb.token(0, {"a", "u"}), cb.int(1))
    else:
        raise BadCallback("unknown action")
    return ok


def register(app: BotApplication) -> None:
    services = app.bot_data["services"]
    services.add_command("hoidap", N_("Hỏi đáp về bầu cử"))
    app.add_handler(CommandHandler(["hoidap", "faq"], faq_command))
    app.add_handler(
        CallbackQueryHandler(
            qa_button, pattern=pattern("vfaq", "vtopic", "vcount", "vacount", "vkcount", "vcover", "vbelong")
        )
    )


__all__ = ["Routed", "answer_free_text", "route", "with_note"]
