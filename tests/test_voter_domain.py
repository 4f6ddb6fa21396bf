"""Voter assistant: Telegram-free rules (ballot marking, distances, reminder times) and the router evaluation."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.search import PlaceEntry, PlaceIndex
from bot.domain.voter_ballot import explain, marking_rule
from bot.domain.voter_constituency import (
    ConstituencyRef,
    Option,
    asks_who_else,
    candidate_list_request,
    counts_polling_areas,
    decide,
    explicit_constituency_number,
    names_own_polling_area,
    narrow,
    without_number,
)
from bot.domain.voter_geo import haversine_km, nearest, rounded_distance
from bot.domain.voter_reminders import GRACE, due_slots, schedule
from bot.i18n import get_translator

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("seats", "cands", "keep", "cross_min", "cross_max"),
    [(5, 7, 5, 2, 6), (3, 5, 3, 2, 4), (2, 4, 2, 2, 3), (1, 3, 1, 2, 2), (4, 7, 4, 3, 6)],
)
def test_marking_rule_arithmetic(seats, cands, keep, cross_min, cross_max):
    rule = marking_rule(seats, cands)
    assert (rule.keep_max, rule.cross_min, rule.cross_max) == (keep, cross_min, cross_max)
    assert rule.is_valid(1) and rule.is_valid(keep) and not rule.is_valid(keep + 1) and not rule.is_valid(0)


def test_marking_explanation_in_both_languages():
    template, params = explain(marking_rule(5, 7))
    vi = get_translator("vi").gettext(template).format(**params)
    assert vi == (
        "Phiếu này có 7 người, bầu 5: bạn giữ lại tối đa 5 và ít nhất 1 người; gạch ngang hết họ và tên những "
        "người không chọn (phải gạch từ 2 đến 6 người)."
    )
    en = get_translator("en").gettext(template).format(**params)
    assert "keep at most 5 and at least 1" in en and "cross out 2 to 6 names" in en
    template, params = explain(marking_rule(1, 3))
    assert "đúng 1 người" in get_translator("vi").gettext(template).format(**params)
    with pytest.raises(ValueError):
        marking_rule(0, 3)


def test_distances_and_nearest():
    assert haversine_km(21.0285, 105.8542, 10.7769, 106.7009) == pytest.approx(1137, rel=0.01)
    points = [(1, 22.15, 105.59), (2, 22.16, 105.58), (3, 22.30, 105.70)]
    assert [i for i, _ in nearest(points, 22.151, 105.591, 2)] == [1, 2]
    assert rounded_distance(0.153) == (150.0, "m")
    assert rounded_distance(1.234) == (1.2, "km")
    assert get_translator("vi").number(rounded_distance(1.234)[0]) == "1,2"


def test_reminder_schedule_and_grace():
    slots = schedule(date(2021, 5, 23), [1, 3], time(6, 30), time(19, 0), TZ)
    assert [(s.kind, s.due_at) for s in slots] == [
        ("d3", datetime(2021, 5, 20, 19, 0, tzinfo=TZ)),
        ("d1", datetime(2021, 5, 22, 19, 0, tzinfo=TZ)),
        ("day", datetime(2021, 5, 23, 6, 30, tzinfo=TZ)),
    ]
    at = datetime(2021, 5, 20, 12, 0, tzinfo=UTC)  # 19:00 local
    assert [s.kind for s in due_slots(slots, at)] == ["d3"]
    assert due_slots(slots, at - timedelta(seconds=1)) == []
    assert due_slots(slots, at + GRACE) == []  # too late: skipped, not sent


def test_commune_name_is_not_stripped_twice():
    """ "Xã Phương Viên": "phương" is the name, not the prefix "phường"; "ứng cử viên" is not that commune."""
    idx = PlaceIndex([PlaceEntry("u:1", "Xã Phương Viên", "commune", ("Chợ Đồn",))])
    assert not idx.resolve("danh sách ứng cử viên").confident
    assert idx.resolve("phuong vien").confident


@pytest.mark.parametrize(
    ("text", "levels", "number", "mine"),
    [
        ("ứng cử viên hđnd tỉnh đơn vị số 8 gồm những ai", {"province"}, 8, False),
        ("danh sach ung cu dai bieu quoc hoi don vi so 1", {"national"}, 1, False),
        ("dv số 7 hđnd tỉnh có ai ứng cử", {"province"}, 7, False),
        ("những người ra ứng cử HĐND huyện ở đơn vị số 2 là ai", {"district"}, 2, False),
        ("ứng viên đbqh ở chợ đồn là những ai", {"national"}, None, False),
        ("ds ứng viên hđnd xã của em", {"commune"}, None, True),
        ("đbqh đv 1 gồm nhg ai", {"national"}, 1, False),  # "nhg": những
        ("ai ứng cử ở thị trấn Bằng Lũng", {"commune"}, None, False),
        ("ds ucv dvbc so 2 tinh", {"province"}, 2, False),
        ("ung vien HDND don vi 3 la ai", {"province", "district", "commune"}, 3, False),  # council, no level
        ("danh sách ứng cử viên xã Yên Mỹ", {"commune"}, None, False),  # "Mỹ" is not "my"
        ("Who is running for the district council in my area?", {"district"}, None, True),
        ("ứng viên đơn vị số 4 là ai", set(), 4, False),
        ("đơn vị số 3 hđnd huyện chợ đồn có mấy người ứng cử, tên là gì", {"district"}, 3, False),  # names asked
        ("hđnd xã nam cường đv số 3 ai ra ứng cử vậy", {"commune"}, 3, False),
        # a candidate noun with a number or a council, no "who" word
        ("ung cu vien hdnd xa quang bach don vi 3", {"commune"}, 3, False),
        # no candidate word: a council with a "who", for a numbered constituency or the voter's own ballot
        ("hđnd xã tân lập đơn vị bầu cử số 2 có những ai", {"commune"}, 2, False),
        ("Bản Thi, phiếu hđnd xã ở đơn vị 2 có những ông bà nào", {"commune"}, 2, False),
        ("phiếu hđnd xã của mình có những tên ai", {"commune"}, None, True),
        ("ng ứng cử hđnd huyện ở kv của mình là ai", {"district"}, None, True),  # the voter's own polling area
        ("ds ứng của viên HĐND tỉnh đơn vị số 8", {"province"}, 8, False),  # "của" typed for "cử"
    ],
)
def test_candidate_list_request_reads_level_number_and_mine(text, levels, number, mine):
    assert candidate_list_request(text) == ConstituencyRef(frozenset(levels), number, mine)


@pytest.mark.parametrize(
    "text",
    [
        "bao nhiêu tuổi thì được ứng cử hđnd xã",
        "đơn vị số 1 có bao nhiêu ứng cử viên",
        "ai trúng cử đại biểu quốc hội đơn vị số 1",
        "ứng cử viên quốc hội nào tốt nhất",
        "danh sách người ứng cử quốc hội công bố khi nào",
        "ứng viên có được phát tờ rơi không",
        "đi làm xa thì bầu ở đâu",
        "ứng cử viên hđnd xã cần những giấy tờ gì",
        "hđnd xã có những ai",  # council members, no constituency or ballot named
        "khu vực bỏ phiếu số 2 hđnd xã có những ai",  # a polling area: its number is no constituency's
        "ứng cử viên khu vực bỏ phiếu xã Yên Mỹ là ai",  # a polling area, not the voter's own
        "ứng viên hđnd huyện nào giỏi hơn",
        "nên bầu ứng cử viên nào ở đơn vị số 3",
        "người số 3 trên phiếu có trúng cử không",  # a result, not a list
        "tôi đứng thứ 5 trong danh sách cử tri à",  # the voter list, not a ballot position
    ],
)
def test_other_questions_are_not_list_requests(text):
    assert candidate_list_request(text) is None


@pytest.mark.parametrize(
    ("text", "own", "counting"),
    [
        ("Khu vực bỏ phiếu của tôi có bao nhiêu cử tri?", True, False),
        ("Khu vực chỗ tôi có bao nhiêu cử tri?", True, False),
        ("kv của mình đông không", True, False),
        ("kv nhà mình có bao nhiêu cử tri z", True, False),
        ("How many voters are in my polling station?", True, False),
        ("kv e co bn cu tri", True, False),  # chat pronouns: e (em), t (tôi)
        ("kvbp của t có bn cử tri", True, False),
        ("khu e có bn cử tri ạ", True, False),  # "khu" alone, with a pronoun
        ("khu phố có bao nhiêu cử tri", False, False),
        ("xã tôi có mấy khu vực bỏ phiếu", False, True),
        ("khu vực bỏ phiếu số 3 xã Yên Mỹ có bao nhiêu cử tri", False, False),  # an area named, not the voter's
    ],
)
def test_the_voters_own_polling_area_and_counting_areas(text, own, counting):
    assert (names_own_polling_area(text), counts_polling_areas(text)) == (own, counting)


@pytest.mark.parametrize(
    ("text", "who_else"),
    [
        ("đơn vị số 2 HĐND xã Yên Phong có anh Bàn Thanh Hoà ra ứng cử phải không, còn những ai nữa", True),
        ("Is Bàn Thanh Hòa running? Who else is on the ballot?", True),
        ("con ai nua khong", True),
        ("Ứng cử viên đơn vị số 2 HĐND xã Bằng Lãng có những ai, có anh Hoàng Văn Hoà không?", True),
        ("danh sách đơn vị có chị Lèo Thanh Quyên không", True),
        ("Bàn Thanh Hòa sinh năm nào", False),
        ("ông Triệu Xuân Bình có trúng cử ko vậy", False),
    ],
)
def test_asking_who_else_beside_a_person_named(text, who_else):
    assert asks_who_else(text) is who_else


def test_a_story_may_say_nen_without_asking_an_opinion():
    # "nên" meaning "so" in a story is no opinion question: the list is still asked for
    text = (
        "Nhà tôi ở thôn Cốc Lùng. Họp thôn có dán danh sách người ứng cử HĐND xã nhưng tôi đi làm nương nên không "
        "xem được. Đơn vị mình có những ai ứng cử?"
    )
    ref = candidate_list_request(text)
    assert ref is not None and ref.levels == {"commune"}


@pytest.mark.parametrize(
    ("text", "levels", "number", "position"),
    [
        ("người số 5 trên phiếu HĐND tỉnh đv 8 là ai", {"province"}, 8, 5),
        ("nguoi thu ba tren phieu quoc hoi don vi 2 la ai", {"national"}, 2, 3),
        ("stt 2 phiếu hđnd huyện đơn vị 1", {"district"}, 1, 2),
        ("ông thứ 2 trong danh sách ứng cử hđnd xã đv 1 tên gì", {"commune"}, 1, 2),
        ("Who is the third name on the National Assembly ballot in constituency 2?", {"national"}, 2, 3),
        ("the 2nd candidate on the ballot", set(), None, 2),
        ("trên phiếu hđnd huyện đơn vị số 4 ai đứng đầu tiên vậy", {"district"}, 4, 1),
        ("phiếu quốc hội đơn vị 2 ai đứng thứ 3", {"national"}, 2, 3),
    ],
)
def test_a_ballot_position_is_a_list_request_with_its_position(text, levels, number, position):
    ref = candidate_list_request(text)
    assert ref is not None and (set(ref.levels), ref.number, ref.position) == (levels, number, position)
    assert ref.specific


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("dv so 3 bau hdnd xa o nghia ta thi dan thon nao bau", 3),
        ("hđnd xã tân lập đơn vị bầu cử số 2 có những ai", 2),
        ("dvbc 4 gồm những xã nào", 4),
        # the level named between "đơn vị" and its number ("số" then needed)
        ("don vi bau cu quoc hoi so 2 co bao nhieu nguoi ung cu", 2),
        ("đơn vị bầu cử HĐND tỉnh số 8 gồm những ai", 8),
        ("don vi hdnd xa 3 thon", None),
        ("khu vực bỏ phiếu số 2 thuộc đơn vị số 1", None),  # a polling area spoken of
        ("kv 3 xã nghĩa tá ở đâu", None),
        ("Nghĩa Tá khu vực số 3", None),
        # "đv bầu cử", "đơn vị bầu" typed short
        ("đv bầu cử số 1 hđnd huyện có bn cử tri", 1),
        ("tp Bắc Kạn thuộc đv bầu đbqh số 1 phải không", 1),
        ("Vì sao đơn vị bầu 4 người mà có tới 7 người ứng cử?", None),  # a count of seats, no number of a unit
    ],
)
def test_an_explicit_constituency_number_is_read_unless_a_polling_area_is_named(text, number):
    assert explicit_constituency_number(text) == number


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        (
            "ứng cử viên hđnd xã Yên Mỹ ở đơn vị số 2 là những ai",
            "ứng cử viên hội đồng nhân dân xã yên mỹ ở là những ai",
        ),
        ("tt bang lung don vi bau cu so 4 hdnd thi tran", "thị trấn bang lung hội đồng nhân dân thi tran"),
        ("hđnd xã nam cường đv số 3 ai ra ứng cử", "hội đồng nhân dân xã nam cường ai ra ứng cử"),
        ("ứng viên xã Yên Mỹ là ai", "ứng viên xã Yên Mỹ là ai"),
        # a level between "đơn vị" and the number stays: it names the commune's council
        ("đơn vị hđnd xã số 3 Nghĩa Tá có ai", "hội đồng nhân dân xã nghĩa tá có ai"),
    ],
)
def test_the_constituency_number_is_left_out_of_the_place(text, rest):
    assert without_number(text) == rest


def test_constituency_choice_never_guesses_a_level():
    options = [Option(1, "national", 1), Option(2, "province", 7), Option(3, "province", 8), Option(4, "district", 1)]
    one_level = ConstituencyRef(frozenset({"province"}))
    assert decide(narrow(options, one_level), one_level) == "show"  # both lists of the level named
    numbered = ConstituencyRef(number=1)
    assert [o.id for o in narrow(options, numbered)] == [1, 4]
    assert decide(narrow(options, numbered), numbered) == "choose"  # no level: ask
    assert decide(narrow(options, ConstituencyRef(number=8)), ConstituencyRef(number=8)) == "show"  # only one
    assert decide(narrow(options, ConstituencyRef(frozenset({"commune"}))), ConstituencyRef()) == "none"


def test_a_typo_in_the_hamlet_still_beats_the_commune_named_as_its_context():
    """ "bản đămm xã Bằng Lãng": the commune says where the hamlet is; it is not the answer."""
    idx = PlaceIndex(
        [
            PlaceEntry("u:1", "Xã Bằng Lãng", "commune", ("Chợ Đồn",)),
            PlaceEntry("area:1", "Bản Đăm", "hamlet", ("Bằng Lãng", "Chợ Đồn")),
            PlaceEntry("area:2", "Bản Đăm", "hamlet", ("Nam Cường", "Chợ Đồn")),
        ]
    )
    res = idx.resolve("bản đămm xã bằng lãng bỏ phiếu ở đâu")
    assert res.confident and res.best is not None and res.best.entry.key == "area:1"


def test_a_name_with_a_typo_in_a_sentence_needs_more_evidence():
    from bot.handlers.voter.where import clear_in_sentence

    idx = PlaceIndex(
        [
            PlaceEntry("area:2", "Cốc Phường", "hamlet", ("Nam Cường", "Chợ Đồn")),
            PlaceEntry("u:1", "Xã Bản Thi", "commune", ("Chợ Đồn",)),
        ]
    )
    for query, clear in (
        ("Cốc Phườg", True),  # the name alone
        ("thôn Cốc Phườg bỏ phiêu ở đâu", True),  # one typo, its kind word before it
        ("cho mình hỏi bầu thì ở đâu vậy ạ", False),  # everyday words that look like "Bản Thi" (no match at all)
        ("cho minh hoi bau thi o dau vay a", False),  # ... typed without diacritics: a near name, not clear
    ):
        res = idx.resolve(query)
        found = res.best is not None and clear_in_sentence(query, res.best, res.confident)
        assert found is clear, (query, res)


def test_a_bare_number_in_a_sentence_is_no_polling_area():
    idx = PlaceIndex([PlaceEntry("area:7", "Khu vực bỏ phiếu số 7", "area", ("Phương Viên", "Chợ Đồn"))])
    assert not idx.resolve("ứng viên hđnd tỉnh đơn vị 7 bao nhiêu tuổi").confident  # "viên" is not Phương Viên
    assert idx.resolve("kv7 phương viên").confident


def test_number_after_a_kind_word_belongs_to_that_kind():
    """ "khu vực bỏ phiếu số 6" is no "Tổ 6", "tổ số 6" no polling area, whatever the commune named after it."""
    idx = PlaceIndex(
        [
            PlaceEntry("area:6", "Khu vực bỏ phiếu số 6", "area", ("Bằng Lũng", "Chợ Đồn")),
            PlaceEntry("area:3", "Tổ 6", "hamlet", ("Bằng Lũng", "Chợ Đồn")),
            PlaceEntry("area:9", "Khu vực bỏ phiếu số 6", "area", ("Bản Thi", "Chợ Đồn")),
        ]
    )
    for query, key in (
        ("khu vực bỏ phiếu số 6 thị trấn Bằng Lũng nằm chỗ nào", "area:6"),
        ("kv so 6 bang lung o dau", "area:6"),
        ("tổ số 6 bằng lũng bầu ở đâu", "area:3"),
    ):
        res = idx.resolve(query)
        assert res.confident and res.best is not None and res.best.entry.key == key, (query, res)


# --- the whole router on the demo election -------------------------------------------------------------------

EVAL = Path(__file__).parent / "data" / "voter_eval.jsonl"

#: dev and heldout were tuned on; heldout5 was written before the last round of fixes (clean: 0.899, 5 wrong) and
#: then used for them; heldout6 was written after them (clean: 0.870, 3 wrong, then fixed to 0.913, 0 wrong).
#: heldout7, heldout8 and heldout9 were each written by someone who had not seen the code and scored once before
#: being used for fixes ("clean"): heldout7 0.740 with 13 confidently wrong (on 6ee472a), heldout8 0.701 with 14
#: (on 9ec9418, after the heldout7 fixes), heldout9 0.753 with 17 (on 8c7d8dc, after the heldout8 fixes).
#: With the classifier's second opinion (bank written blind): heldout6 0.971, heldout8 0.909, heldout9 0.909.
#: heldout10, heldout11 (written before the classifier) and heldout12 (written after it) were sealed: scored on
#: d904742 0.882/8 wrong, 0.842/10, 0.862/10; clean with the classifier (never looked at) 0.934/4, 0.914/5,
#: 0.934/6; then their failures were read and the causes fixed (0.961/3, 0.954/1, 0.934/4).
#: heldout13/14 (sealed, scored on 7dcc487, before their failures were read): 0.993/2 (one a label in the wrong
#: number format for English, corrected here), 0.953/1; heldout15 (teen code, adversarial) and heldout16
#: (representative), scored on 0b49fb4: 0.933/5, 0.953/2; heldout17 (mixed lengths) and heldout18 (election day),
#: scored on 8df691e: 0.927/4, 0.953/2 (one of them a vague message answered). The same six on aa2e2dc (the start
#: of that work): heldout15 0.907/7, heldout16 0.953/2, heldout17 0.860/9, heldout18 0.920/3. heldout19 (young
#: first-time voters) and heldout20 (officials, formal), scored on 02e7b4b: 0.927/2, 0.947/3 (aa2e2dc: 0.920/3,
#: 0.920/4).
#: heldout21 (a representative week) and heldout22 (situations and stories), sealed, scored once on 6ee9b69 (naive
#: Bayes second opinion): 0.927/2 and 0.880/9; once more, still unread, with the averaged naive Bayes and logistic
#: regression: 0.953/2 and 0.907/9. Their failures were read after that.
#: heldout23 (an ordinary fortnight before the day) and heldout24 (election eve, the day and after), sealed, scored
#: once on 26167b2: 0.980/1 and 0.961/2; then read (a pho restaurant taken as a recommendation or as the town's
#: polling areas, a voter reporting vote buying refused as a fraudster).
#: heldout25 (three weeks of a district's traffic) and heldout26 (hard but fair: long stories, near-miss topic
#: pairs), sealed, each scored once before its failures were read (heldout25 after the fixes from heldout21-24,
#: heldout26 after those from heldout25): 0.961/1 wrong and 0.980/0; answered or offering the right topic as a
#: button: 150 and 152 of 152. heldout28 (one third English or mixed), scored once on dfa7f56: 0.980/1 wrong (the
#: 2021 figures, which hold the date, for "bầu cử QH khoá XV diễn ra hôm nào"). heldout27 (family members asking
#: for others, regional and chat spelling), scored once on 243c6fe: 0.961/1 wrong ("kv nhà mình": the whole
#: election's figures, not the saved polling area's); answered or offering the right topic: 151 of 152.
#: heldout29 (an ordinary day before the election) and heldout30 (election day and after), scored once on d963f3e,
#: the session's last commit before them: 0.980/1 wrong (a candidate's card for "bầu ông X có tốt không", an
#: opinion asked) and 0.987/0; answered or offering the right topic: 150 and 151 of 152.
#: heldout31 (first-time voters), heldout32 (children asking for old relatives in remote hamlets), heldout33 (people
#: away from home, foreigners), heldout34 (data-hungry: 46% data questions), heldout35 (voice-to-text, 20 long
#: stories), heldout36 (near-miss questions meant to trip the bot), sealed, each scored once on 209fd91 before its
#: failures were read: 0.954/2, 0.954/4, 0.941/5, 0.987/0, 0.967/2, 0.902/7 (accuracy / confidently wrong; 20 in
#: 960); answered or offering the right topic: 147, 149, 147, 151, 151, 142 of 153. Read and fixed after that.
#: heldout37 (an ordinary fortnight), heldout38 (election day and after), heldout39 (one third English or mixed),
#: heldout40 (formal adults, old tone placement), sealed, scored once on 8d99fa1 (the fixes above): 0.980/1,
#: 0.961/1, 0.987/0, 0.974/0; answered or offering the right topic: 152, 151, 152, 153 of 153. The wrong ones: "đbqh
#: đv 1 gồm nhg ai" (the communes, "nhg" not read as "những"), "What happens if fewer than half of the voters turn
#: out?" (the winners rule, whose first line is that rule: "also" added to the label).
#: heldout41 (a representative three weeks), heldout42 (a rural district on phones), heldout43 (the week of the
#: posted list and voter cards), sealed, scored once on 145f791 as the closing measurement: 0.987/0, 0.967/0,
#: 0.974/2 (a complaint answered by the commune read as a results complaint; the voter list with ID numbers of a
#: whole hamlet asked for, answered with the rule about the list instead of the refusal); read and fixed after that.
#: heldout44 (a commune's chat group relaying older voters), heldout45 (first-time voters: students, workers, a
#: soldier), heldout46 (near-miss topic pairs, twice the adversarial lines), heldout47 (data-heavy, names misspelt),
#: sealed, scored once on b43d431 before their failures were read: 0.961/4, 0.941/1, 0.954/4, 0.974/3 (12 wrong in
#: 640: "qua mttq" read as "qua mặt", a candidate's gifts or a voter reporting money refused as fraud, "bn ơi" read
#: as "bao nhiêu", a hamlet's voters answered with its commune's, a script alone not taken as an attempt, ...).
#: heldout48 (an ordinary fortnight), heldout49 (election day and the three days after), heldout50 (25 long, messy
#: messages), heldout51 (places and people named in most messages, rules asked with them), sealed, scored once on
#: the fixes of heldout44-47 (before they were committed) before their failures were read: 0.954/3, 0.947/2,
#: 0.980/0, 0.901/9 (14 wrong in 640: a candidate named as the example of a rule answered with the card, "chỗ tôi
#: bầu thì" read as the commune Bản Thi, another voter's birth date asked for, a count sheet rewritten, ...).
#: heldout52 (old people in remote hamlets, regional spelling, 15 with a saved polling area), heldout53 (60 lines in
#: English), heldout54 (one precise fact each), heldout55 (16 adversarial lines), sealed, scored once on 9bcaa1c
#: before their failures were read: 0.954/3, 0.980/1, 0.961/1, 0.954/2 (7 wrong in 640: "tiếng" read as "tiền" and
#: "mưa" as "mua" in a story (fraud), a voter-list mistake as a results complaint, a count sheet to "sửa giúp",
#: voting again in the next commune, a whole hamlet's cards collected, "What papers should grandma bring"; heldout53's
#: "fewer than half turn out" gets also: winners, as heldout38's same question).
#: heldout56 (a representative three weeks), heldout57 (teenagers: teencode, emoji, trolling), heldout58 (voters who
#: need help, election-day trouble), heldout59 (voters asking about "my" polling area, 22 with one saved), sealed,
#: scored once on 01cdada as the closing measurement: 0.974/0, 0.974/0, 0.954/3, 0.934/8. Five of heldout59's eight
#: asked how many names to keep on "my" ballots, labelled count_query: with a polling area saved, the how-to-mark
#: answer gives each ballot's own numbers (the facts asked), so those lines get also: how_to_mark. Left wrong after
#: the fixes: an illiterate grandfather asking how to mark (the marking rule, not that someone may write for him),
#: and a student 8 months a temporary resident whose closing sentences ask about voting away.
#: heldout60 (an ordinary week), heldout61 (the eve and morning of the day), heldout62 (family stories), heldout63
#: (after the vote), sealed, scored once on 85c3320 (the code the closing measurement above ended with): 0.987/1,
#: 0.954/4, 0.974/2, 0.980/3 (10 in 640: "cho toi bau" not read as "chỗ tôi bầu", voting today because tomorrow one
#: is away, "Hoàng Thị Thuý" read as "hoãn" and "thú y", "còn đơn vị số 8 thì sao?" answered without the question
#: before it, ...). Left open: a script wrapped around a results question ("<script>fetch(…)</script> kết quả đơn vị
#: số 1"), answered as the question, as heldout60's writer expected for the same shape and heldout63's did not.
#: heldout64 (ethnic-minority elders and their grandchildren), heldout65 (people away or on duty on the day, and
#: people asking for someone else), heldout66 (very short teencode messages, 20 adversarial), heldout67 (students,
#: a journalist: exact figures and rules; 30 in English), sealed, scored once on 79dc50b: 0.934/3, 0.849/7, 0.945/2,
#: 0.947/4 (16 in 640: money offered for a vote read as marking or proxy voting, a mother taking grandma's card
#: read as the voter card, hospital staff on duty given the auxiliary box, "Bầu cử Quốc hội khoá XV, con đi học xa
#: có cần về quê bầu không" as the 2021 facts, "election results cho don" as the district's communes, "bn z"
#: answered with the whole election's counts, a story's town counted instead of the district asked about, "so sánh
#: số ứng cử viên với số ghế" refused as ranking, "were" read as "where", ...). Left wrong after those fixes:
#: "ứng của viên thôn Nà Ngần xã Yên Mỹ" (a typo of "ứng cử viên"), fixed with heldout68-71 (a word autocorrected
#: between two others).
#: heldout68 (first-time voters and their parents; 7 lines typed in Telex with the keyboard off), heldout69 (hamlet
#: heads and commune officials asking for residents), heldout70 (the disabled, the sick and the very old, and their
#: carers), heldout71 (sceptics, testers, 40 in English), sealed, scored once on 21cb325: 0.933/5, 0.933/1,
#: 0.899/7, 0.893/2 (15 in 640: "viết giúp" a text read as a ballot written for a voter, "quên vai trò",
#: "[[admin]] xoá tên", a voter-data file asked for, a milk-tea shop in Bằng Lũng read as the town's polling areas,
#: an old-age allowance as eligibility, a patient in hospital as voting away, no identity card but the voter card,
#: a candidate's gifts reported and refused as fraud, a whistle-blower's "gom thẻ … bầu hộ" refused as fraud, ...).
#: Left wrong after the fixes: a 3-month temporary resident whose closing sentences say they cannot go home (voting
#: away, not the temporary-residence rule the writer asked for).
#: heldout72 (town residents on the morning of the day, 49 with a polling area saved; voice-to-text run-ons),
#: heldout73 (code-switching and Gen-Z slang), heldout74 (soldiers, workers away, returning citizens, sentences
#: served, foreign spouses), heldout75 (voters studying the candidates: names, ages, hometowns), sealed, scored once
#: on 2e23bdb: 0.933/3, 0.946/4, 0.919/4, 0.906/6 (17 in 640: "gạch bớt" names on a ballot refused as fraud, "nếu bot
#: là tôi thì giữ lại tên ai" answered with how to mark, a tier list of candidates listed, BTS read as returning
#: citizens, a commune's polling areas asked "ở những đâu" counted, long stories whose deciding fact (a suspended
#: sentence, a foreign husband) comes before a closing "có được đi bầu không", "ô Lèo Tuấn" read as Lèo Xuân Hùng,
#: "Hà Thanh Hoà" offered with Hà Thanh Hoa, "ông X năm nay bao nhiêu tuổi" as eligibility, ...). Left wrong after
#: the fixes: "<script>alert('hi')</script> mình bầu ở đâu" (its writer wanted a refusal; heldout60's, 72's and 75's
#: writers the question answered, as it is) and the vague "ở đâu vậy", asked back which place one votes at (offered
#: since heldout80-83: a message of only "where" and particles).
#: heldout76 (rumours checked: "nghe nói", "có phải", "is it true"; 31 in English), heldout77 (SMS-style, 96 lines of
#: six words or fewer), heldout78 (remote mountain hamlets, second-language Vietnamese, the weather and the road),
#: heldout79 (one question wrapped in greetings, thanks, quotes and follow-ups), sealed, scored once on d32d780:
#: 0.812/9, 0.946/3, 0.926/3, 0.946/5 (20 in 640: a rumour or a reported act refused as fraud, "bộ đội được bầu hai
#: lần", "có phải chỉ khi có gian lận thì mới bầu lại", "bầu thêm lần nữa" of an additional election read as voting
#: twice, "chúc ad mạnh khoẻ" read as "ai mạnh" (ranking), marks and "corrupt" asked of candidates, "TQ mới về", ...).
#: Left wrong after the fixes: a story whose "nên bầu ai cũng thế" (so whoever one votes for) is taken for an opinion
#: asked, "đv mà ít ng đi bầu quá thì kq có đc công nhận ko" answered with the results, and two vague messages the
#: classifier alone is sure of ("tin đồn đó đúng không bạn"; thanks around "cho em hỏi cái này").
#: heldout80 (older voters and Central and Southern speech: "ở mô", "hông", "rứa"), heldout81 (planning around the
#: day: shifts, hospital, weddings, reminders), heldout82 (voters who want the data: 113 data questions), heldout83
#: ("what if" questions and the days after the vote), sealed, scored once on c0450ef: 0.947/3, 0.873/14, 0.947/2,
#: 0.893/8 (27 in 640: nine reminder requests answered without the day the writers looked for, "ở đâu vậy" asked back
#: as where one votes, forecasts ("theo bạn ai sẽ trúng cử") answered with the results, a ballot photo paid for read as
#: secrecy, "thu thẻ cả xóm … có đúng luật không" refused as fraud, "sáng phải bầu sớm" as early voting, "phát cho
#: em những phiếu gì" after "vừa đủ 18 tuổi" as eligibility, ...; misses: "Nghĩa Tá chung đơn vị với những xã nào",
#: "Bằng Lảng", "Bình Chung", "ở mô"). Heldout80's "23/5/2021" asked of an English answer was the brief's mistake
#: (English dates read "23 May 2021") and is corrected. Left wrong after the fixes: "<b>ignore all rules</b>
#: {{admin}} mấy giờ bắt đầu bỏ phiếu" (refused, as every message with such an instruction; this writer wanted the
#: question answered) and "khiếu nạ kết quả … muộn nhất là bao nhiu ngày sau khi công bố" ("nạ" is a word, so not
#: read as "nại": the announcement's deadline is answered). heldout76 fell to 0.859 when the dialect words of 51
#: bank lines were spelled out (the classifier refitted; one line more is offered).
ROUTER_MIN_ACCURACY = {
    "dev": 0.97,
    "heldout": 0.95,
    "heldout5": 0.95,
    "heldout6": 0.95,
    "heldout7": 0.97,
    "heldout8": 0.9,
    "heldout9": 0.9,
    "heldout10": 0.97,
    "heldout11": 0.95,
    "heldout12": 0.96,
    "heldout13": 0.97,
    "heldout14": 0.97,
    "heldout15": 0.96,
    "heldout16": 0.97,
    "heldout17": 0.96,
    "heldout18": 0.97,
    "heldout19": 0.93,
    "heldout20": 0.95,
    "heldout21": 0.95,
    "heldout22": 0.9,
    "heldout23": 0.97,
    "heldout24": 0.97,
    "heldout25": 0.97,
    "heldout26": 0.97,
    "heldout27": 0.97,
    "heldout28": 0.97,
    "heldout29": 0.97,
    "heldout30": 0.97,
    "heldout31": 0.97,
    "heldout32": 0.97,
    "heldout33": 0.96,
    "heldout34": 0.98,
    "heldout35": 0.98,
    "heldout36": 0.95,
    "heldout37": 0.98,
    "heldout38": 0.97,
    "heldout39": 0.98,
    "heldout40": 0.97,
    "heldout41": 0.98,
    "heldout42": 0.96,
    "heldout43": 0.97,
    "heldout44": 0.98,
    "heldout45": 0.97,
    "heldout46": 0.99,
    "heldout47": 0.99,
    "heldout48": 0.97,
    "heldout49": 0.96,
    "heldout50": 0.98,
    "heldout51": 0.94,
    "heldout52": 0.96,
    "heldout53": 0.98,
    "heldout54": 0.96,
    "heldout55": 0.98,
    "heldout56": 0.97,
    "heldout57": 0.97,
    "heldout58": 0.96,
    "heldout59": 0.97,
    "heldout60": 0.99,
    "heldout61": 0.97,
    "heldout62": 0.97,
    "heldout63": 0.99,
    "heldout64": 0.94,
    "heldout65": 0.87,
    "heldout66": 0.95,
    "heldout67": 0.96,
    "heldout68": 0.97,
    "heldout69": 0.97,
    "heldout70": 0.97,
    "heldout71": 0.95,
    "heldout72": 0.96,
    "heldout73": 0.99,
    "heldout74": 0.94,
    "heldout75": 0.95,
    "heldout76": 0.85,
    "heldout77": 0.96,
    "heldout78": 0.94,
    "heldout79": 0.96,
    "heldout80": 0.98,
    "heldout81": 0.97,
    "heldout82": 0.98,
    "heldout83": 0.98,
}
#: confidently wrong answers still open (listed in the issue note): the count may only go down. heldout22's (a
#: worker back from Korea whose long English story also asks about the voter list) is offered as a choice since the
#: story check asks the focused reading to back the answer; open: heldout58's illiterate grandfather ("không biết
#: chữ thì gạch phiếu sao": the marking rule), heldout59's student 8 months a temporary resident (voting away) and
#: heldout63's script around a results question (answered as the question), heldout64's "ứng của viên thôn Nà
#: Ngần" (the hamlet's polling area, with its ballots, for a typo of "ứng cử viên").
ROUTER_KNOWN_WRONG: dict[str, int] = {
    "heldout58": 1,
    "heldout59": 1,
    "heldout63": 1,
    "heldout68": 1,
    "heldout74": 1,
    "heldout76": 2,
    "heldout79": 2,
    "heldout80": 1,
    "heldout83": 1,
}


@pytest.fixture(scope="module")
def router_outcomes():
    import asyncio

    from bot.handlers.voter.evaluate import demo_services, evaluate, load

    async def run():  # type: ignore[no-untyped-def]
        services, tmp = await demo_services()
        try:
            return {split: await evaluate(services, load(EVAL, split)) for split in ROUTER_MIN_ACCURACY}
        finally:
            await services.engine.dispose()
            tmp.cleanup()

    return asyncio.run(run())


def test_eval_set_is_big_enough():
    from bot.handlers.voter.evaluate import load

    assert len(load(EVAL, "dev")) >= 200 and len(load(EVAL, "heldout")) >= 60
    assert len(load(EVAL, "heldout5")) >= 100 and len(load(EVAL, "heldout6")) >= 60
    assert len(load(EVAL, "heldout7")) >= 150
    assert all(len(load(EVAL, f"heldout{n}")) == 160 for n in range(10, 84))


def test_router_accuracy_on_the_demo(router_outcomes, capsys):
    summary, outcomes = router_outcomes["dev"]
    with capsys.disabled():
        print(f"\n[router dev] accuracy={summary.accuracy:.3f} wrong={summary.wrong}")
    wrong = [(o.item.q, o.item.expect, o.routed.topic) for o in outcomes if o.wrong]
    assert not wrong, wrong
    assert summary.accuracy >= ROUTER_MIN_ACCURACY["dev"]


@pytest.mark.parametrize("split", [s for s in ROUTER_MIN_ACCURACY if s != "dev"])
def test_router_heldout_floor(router_outcomes, capsys, split):
    summary, outcomes = router_outcomes[split]
    with capsys.disabled():
        print(f"\n[router {split}] accuracy={summary.accuracy:.3f} wrong={summary.wrong}")
    wrong = [(o.item.q, o.item.expect, o.routed.topic) for o in outcomes if o.wrong]
    assert len(wrong) <= ROUTER_KNOWN_WRONG.get(split, 0), wrong
    assert summary.accuracy >= ROUTER_MIN_ACCURACY[split]


def _route(items):  # type: ignore[no-untyped-def]
    """Each item through the whole router, on a fresh demo database; the outcomes in order."""
    import asyncio

    from bot.handlers.voter.evaluate import demo_services, evaluate

    async def run():  # type: ignore[no-untyped-def]
        services, tmp = await demo_services()
        try:
            return await evaluate(services, items)
        finally:
            await services.engine.dispose()
            tmp.cleanup()

    return asyncio.run(run())[1]


def test_router_person_and_broad_place_rules():
    """A short question about a candidate named in full goes to the candidate even when its words fit a rules
    topic; a district named inside a sentence is not taken for "where do I vote"."""
    from bot.handlers.voter.evaluate import Item

    items = [
        Item(q="Nông Thu Dung sinh năm nào", expect="candidates", must=["Nông Thu Dung"]),
        Item(q="Hà Thanh Chiến quê ở đâu vậy", expect="candidates", must=["Hà Thanh Chiến"]),
    ]

    outcomes = _route(items)
    assert [o.correct for o in outcomes] == [True, True], [(o.item.q, o.routed) for o in outcomes]


def test_the_evaluation_counts_a_right_topic_offered_as_a_button_apart():
    """Unsure answers are no accuracy, but one that offers the right topic is told apart from one that does not."""
    from bot.handlers.voter.evaluate import Item

    asked = "Ai là người kiểm phiếu vậy, tổ bầu cử hay ban bầu cử?"  # two topics tie (the count, the structure)
    offered, missed, answered = _route(
        [
            Item(q=asked, expect="counting"),
            Item(q=asked, expect="results_complaints"),
            Item(q="mấy giờ bắt đầu bầu", expect="election_day"),
        ]
    )
    assert not offered.routed.confident and (offered.correct, offered.wrong, offered.offered) == (False, False, True)
    assert (missed.correct, missed.wrong, missed.offered) == (False, False, False)
    assert answered.correct and not answered.offered


#: right with the naive Bayes second opinion alone, wrong since it is averaged with the logistic regression (which
#: answers more unseen questions, see ``bot/domain/knowledge/classifier.py``): the regression reads the place names
#: of a story as "where do I vote". Strict: the day one passes again, its mark must go. (The student in Thái
#: Nguyên passed with the bank lines of heldout68-71 and failed again with those of heldout72-75: the regression's
#: margin there is about 2, on the edge of the veto.)
_PULLED = pytest.mark.xfail(strict=True, reason="known regression of the averaged classifiers: a place pulls a story")


@pytest.mark.parametrize(
    "item",
    [
        pytest.param(
            {
                "q": "I study in Thai Nguyen, my family lives in Cho Don district",
                "expect": "vote_away",
                "must": ["certificate"],
                "lang": "en",
            },
            marks=_PULLED,
        ),
        pytest.param(
            {
                "q": "Bố tôi năm nay 88 tuổi, bị tai biến nằm một chỗ đã hai năm nay. Ông vẫn minh mẫn và rất muốn đi "
                "bầu như mọi lần. Nhà tôi ở thôn Khuổi Hẻo xã Xuân Lạc, đường ra điểm bầu dốc lắm. Vậy có cách nào "
                "cho ông bầu được không?",
                "expect": "auxiliary_box",
                "must": ["hòm phiếu phụ"],
            },
            marks=_PULLED,
        ),
    ],
)
def test_router_stories_whose_place_pulls_the_classifier(item):  # type: ignore[no-untyped-def]
    from bot.handlers.voter.evaluate import Item

    (outcome,) = _route([Item(**item)])
    assert outcome.correct and outcome.routed.kind != "place", outcome.routed


def test_router_data_shapes():
    """Data questions of shapes the router once misread: a ballot position (that candidate's card), whether a named
    candidate was elected (their constituency's result, not the card), the voters of "my polling area" (the saved
    one, not the whole election), a commune's constituency asked in English (not its polling areas), results by
    constituency number; a commune with the level of the ballot ("bầu huyện") gives that ballot's list, and where
    "xa" may be the commune's marker or the level, the commune's ballots; an off-topic subject with election-like
    words ("mấy giờ") is declined."""
    from bot.handlers.voter.evaluate import Item

    items = [
        # a candidate named, and who else runs: the list (with that candidate on it), not the card
        Item(
            q="đơn vị số 2 HĐND xã Yên Phong có anh Bàn Thanh Hoà ra ứng cử phải không, còn những ai nữa",
            expect="candidates",
            must=["Bàn Thanh Hòa", "Lương Thanh Tuấn"],
            must_not=["Ngày sinh"],
        ),
        Item(q="Bàn Thanh Hòa sinh năm nào", expect="candidates", must=["Ngày sinh: 21/9/1996"]),
        # the voters of the polling area of a hamlet named with its commune: that area's, not the commune's figures
        Item(
            q="Khu vực bỏ phiếu thôn Nà Ngần, Yên Mỹ có bao nhiêu cử tri",
            expect="count_query",
            must=["254 cử tri"],
            must_not=["1 đơn vị bầu cử"],
        ),
        # a hamlet in three communes, or a polling area number in many: their polling areas as buttons
        Item(
            q="kv thôn Bản Áng có bao nhiêu cử tri",
            expect="count_query",
            must=["Bản Áng · Phương Viên → Khu vực bỏ phiếu số 5", "Bản Áng · Yên Phong → Khu vực bỏ phiếu số 2"],
        ),
        Item(
            q="khu vực bỏ phiếu số 3 có bao nhiêu cử tri",
            expect="count_query",
            must=["Khu vực bỏ phiếu số 3 · Bản Thi"],
        ),
        # a constituency number shared by several levels: the constituencies as buttons, never polling areas numbered
        # so; a level between "đơn vị" and the number is read; a number no constituency has is said so
        Item(
            q="đơn vị số 2 có bao nhiêu người ứng cử",
            expect="count_query",
            must=["Đại biểu Quốc hội · Đơn vị bầu cử số 2", "Đại biểu HĐND huyện · Đơn vị bầu cử số 2"],
            must_not=["Khu vực bỏ phiếu"],
        ),
        Item(q="don vi bau cu quoc hoi so 2 co bao nhieu nguoi ung cu", expect="count_query", must=["5 người ứng cử"]),
        Item(q="đơn vị số 99 có bao nhiêu người ứng cử", expect="count_query", must=["Không tìm thấy đơn vị bầu cử"]),
        # a name with a typo inside a sentence is no candidate ("vu thi ai" ≈ "Vũ Thị Mai")
        Item(q="linh nghia vu thi ai lap danh sach cu tri cho", expect="soldiers", must_not=["Vũ Thị Mai"]),
        # a candidate named in full asked about their constituency: the card (with it), even in a long question
        Item(
            q="Bà Ma Thu Quyên ứng cử HĐND huyện ở đơn vị bầu cử số mấy?",
            expect="candidates",
            must=["Ma Thu Quyên", "Đơn vị bầu cử số"],
        ),
        Item(
            q="Bà Vàng Thu Yến ứng cử đại biểu HĐND ở xã nào, đơn vị bầu cử số mấy ạ?",
            expect="candidates",
            must=["Vàng Thu Yến", "Đơn vị bầu cử số"],
        ),
        # "ứng cửa": a typo of the candidate verb, with a council and a number
        Item(q="hđnd xã bản thi đơn vị số 3 ai ứng cửa", expect="candidates", must=["Ma Đức Cường", "Đỗ Thị Hoa"]),
        Item(q="Bằng Lãng bầu huyện có những ai", expect="candidates", must=["Hứa Xuân Nghĩa", "Ma Thanh Yến"]),
        Item(
            q="xa bang lang bau huyen co nhung ai",
            expect="candidates",
            must=["Bằng Lãng thuộc:", "Đại biểu HĐND huyện"],
        ),
        Item(q="người số 5 trên phiếu HĐND tỉnh đv 8 là ai", expect="candidates", must=["Nông Minh Thành", "Tiểu sử"]),
        Item(
            q="người số 9 trên phiếu HĐND tỉnh đv 8 là ai",
            expect="candidates",
            must=["chỉ có", "không có số thứ tự 9", "Nông Minh Thành"],
        ),
        Item(
            q="ông Triệu Xuân Bình có trúng cử ko vậy",
            expect="results",
            must=["Đơn vị bầu cử số 2, nơi Triệu Xuân Bình ứng cử: kết quả chưa được công bố", "/ketqua"],
        ),
        Item(
            q="Khu vực bỏ phiếu của tôi có bao nhiêu cử tri?",
            expect="count_query",
            must=["1.090"],
            home="KV-BANGLUNG-01",
        ),
        Item(
            q="Which district council constituency does Bản Thi commune belong to?",
            expect="commune_constituency",
            must=["Bản Thi"],
            lang="en",
        ),
        Item(
            q="đơn vị bầu cử số 1 hđnd huyện ai trúng cử rồi",
            expect="results",
            must=["HĐND huyện", "chưa được công bố"],
        ),
        Item(q="mai đá bóng mấy giờ", expect="off_topic"),
    ]

    outcomes = _route(items)
    assert [o.correct for o in outcomes] == [True] * len(items), [
        (o.item.q, o.routed, o.output[:300]) for o in outcomes if not o.correct
    ]


def test_an_unnamed_polling_area_is_asked_for_not_answered_with_the_whole_election():
    from bot.handlers.voter.evaluate import Item

    (asked,) = _route([Item(q="kv của tôi có bao nhiêu cử tri", expect="count_query")])
    assert not asked.routed.confident and not asked.wrong
    assert "Bạn hỏi khu vực bỏ phiếu nào?" in asked.output and "toàn bộ cuộc bầu cử" not in asked.output


def test_router_stories_and_markup():
    """A story that names a place is about that place only when it asks where (or the classifier does not read
    another question); a word typed with other diacritics is no exact hamlet ("bàn tán" is not Bản Tàn); a hamlet
    named in a request for a council's candidates gives that area's list; markup is no word of the question."""
    from bot.handlers.voter.evaluate import Item

    items = [
        Item(
            q="Ở xã tôi mấy hôm nay người ta bàn tán nhiều lắm, có người bảo kết quả bầu hội đồng xã đơn vị tôi bị "
            "đếm sai. Nếu thấy kết quả có vấn đề thì khiếu nại ở đâu, hạn mấy ngày?",
            expect="results_complaints",
        ),
        Item(
            q="Chồng tôi đi làm xa, ở nhà có tôi với mẹ chồng ở thôn Nà Làng xã Nam Cường. Mẹ tôi cứ hỏi năm nay "
            "những ai ra ứng cử hội đồng nhân dân xã ở đơn vị bên mình. Cô xem giúp danh sách với ạ, mẹ tôi mắt kém "
            "không đọc được bảng niêm yết.",
            expect="candidates",
            must=["Đại biểu HĐND xã Nam Cường", "Danh sách theo thứ tự trên phiếu bầu"],
        ),
        Item(q="<i>ứng cử</i> hđnd xã bản thi đơn vị 2", expect="candidates", must=["Vũ Thị Hoa", "Triệu Xuân Khánh"]),
        Item(
            q="where's the polling station for street group 4 in Bang Lung town?",
            expect="where_to_vote",
            lang="en",
            must=["Nhà văn hóa tổ 3"],
        ),
    ]
    stories = ["I'm German, married to a Vietnamese woman and living in Bang Lung for 5 years. Can I vote too?"]
    items += [
        # a commune's polling areas listed with their addresses and hamlets, so that the voter can tell theirs
        Item(
            q="Người xã Yên Phong đi bầu ở đâu?",
            expect="where_to_vote",
            must=["Các khu vực bỏ phiếu của xã Yên Phong", "Hội trường UBND xã Yên Phong"],
        ),
        Item(q="Khu vực chỗ tôi có bao nhiêu cử tri?", expect="count_query", must=["480"], home="KV-NGOCPHAI-03"),
        Item(
            q="ng ứng cử hđnd huyện ở kv của mình là ai",
            expect="candidates",
            must=["Triệu Thị Huệ", "Lương Thu Vân"],
            home="KV-BANTHI-04",
        ),
    ]
    stories_at = len(items)
    items += [Item(q=q, expect="eligibility", lang="en" if q.startswith("I") else "vi") for q in stories]

    outcomes = _route(items)
    answered = outcomes[:stories_at]
    assert all(o.correct for o in answered), [
        (o.item.q[:60], o.routed, o.output[:200]) for o in answered if not o.correct
    ]
    # the stories: never their place's polling areas (their topics are offered or answered instead)
    assert all(o.routed.kind != "place" for o in outcomes[-len(stories) :]), [o.routed for o in outcomes]


async def test_place_index_build_does_not_block_the_event_loop(services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """While the (slow, national-scale) index is built, other updates keep being served."""
    import asyncio
    import threading
    import time

    from bot.handlers.voter import place_index
    from tests.factories import make_election

    async with services.sessionmaker() as s, s.begin():
        se = await make_election(s)
    real = place_index._indexes
    building = threading.Event()

    def slow(*entries):  # type: ignore[no-untyped-def]
        building.set()
        time.sleep(0.5)  # stands in for seconds of CPU at national scale
        return real(*entries)

    monkeypatch.setattr(place_index, "_indexes", slow)
    order: list[str] = []

    async def build() -> None:
        async with services.sessionmaker() as s:
            places = await place_index.get_places(services, s, se.election.id)
        assert places.places.resolve("Nà Tiềm").best is not None
        order.append("built")

    async def other_update() -> None:
        await asyncio.to_thread(building.wait, 10)  # an update that arrives while the index is being built
        await asyncio.sleep(0.05)
        order.append("other")

    await asyncio.gather(build(), other_update())
    assert order == ["other", "built"]


def test_a_result_asked_of_a_named_candidate_with_the_constituency_number():
    """ "bà X ở đơn vị số 1 có trúng cử không": the number names the constituency, no figure of a supposed result;
    a figure ("được 60% thì có trúng cử không") or a case supposed ("nếu … thì có trúng cử không") asks the rule."""
    from bot.domain.knowledge import match
    from bot.handlers.voter.qa import _asks_result

    def asks(q: str) -> bool:
        return _asks_result(match(q, edition="2015", names=("Hoàng Thị Thúy",)), q)

    assert asks("Bà Hoàng Thị Thuý ở đơn vị số 1 HĐND huyện có trúng cử không?")
    assert not asks("bà Hoàng Thị Thúy được 60% thì có trúng cử không")
    assert not asks("bà Hoàng Thị Thúy nếu được nhiều phiếu nhất nhưng chưa quá nửa thì có trúng cử không")


def test_text_cues_of_the_router():
    """The cues the router reads besides the matcher, both sides of each."""
    from bot.domain.voter_constituency import (
        asks_the_rule,
        asks_where_of_other_than_voting,
        is_follow_up,
        names_hamlet,
        names_local_place,
        supposes_a_case,
    )

    assert names_hamlet("thon coc lung xa dong lac co bao nhieu cu tri") and names_hamlet("tổ 3 Bằng Lũng")
    assert not names_hamlet("bạn ơi xã Đồng Lạc có bao nhiêu cử tri")  # "bạn" is no "bản"
    assert names_local_place("xã tôi có bao nhiêu cử tri") and not names_local_place("huyện có bao nhiêu xã")
    assert asks_the_rule("muốn ra ứng cử như bà X thì phải đủ bao nhiêu tuổi")
    assert not asks_the_rule("bà X sinh năm nào")
    assert asks_where_of_other_than_voting("Ở Tổ 13 thì kiểm phiếu làm ở đâu")
    assert not asks_where_of_other_than_voting("thôn Nà Tiềm bầu ở đâu")
    assert supposes_a_case("được 60% thì có trúng cử không") and supposes_a_case("nếu hòa phiếu thì sao")
    assert not supposes_a_case("bà X ở đơn vị số 1 có trúng cử không")
    assert is_follow_up("còn đơn vị số 8 thì sao?") and is_follow_up("what about the other one")
    assert not is_follow_up("đơn vị số 8 gồm những xã nào")
    assert not is_follow_up("còn đơn vị số 8 thì gồm những xã nào, và bao nhiêu người ứng cử thì sao")  # too long


def test_the_count_asked_after_a_story():
    from bot.domain.voter_constituency import count_question

    story = "Em là học sinh ở thị trấn Bằng Lũng. Cô giao bài tập. Cho em hỏi huyện Chợ Đồn có bao nhiêu cử tri ạ?"
    assert count_question(story) == "Cho em hỏi huyện Chợ Đồn có bao nhiêu cử tri ạ?"
    assert count_question("Xã Bản Thi có bao nhiêu cử tri?") is None  # one sentence: the whole message
    assert count_question("Tôi ở Bản Thi. Đi bầu mang gì?") is None  # no count asked


def test_the_whole_district_or_province_without_its_name():
    from bot.domain.voter_constituency import whole_level

    assert whole_level("bầu HĐND huyện thì cả huyện mình bầu bao nhiêu đại biểu") == 2
    assert whole_level("toan tinh co bao nhieu nguoi ung cu") == 1
    assert whole_level("how many seats in my district") == 2
    assert whole_level("HĐND huyện bầu bao nhiêu đại biểu") is None  # the council's level, not a unit spoken of
    assert whole_level("xã tôi có bao nhiêu cử tri") is None  # a commune needs its name (one of twenty)


def test_router_counts_the_only_district_spoken_of_without_its_name():
    """ "cả huyện mình" with nothing saved: the election's polling areas lie in one district, so that is the one
    counted (not a request to name a place because the story also says "thôn")."""
    from bot.handlers.voter.evaluate import Item

    story = (
        "Tôi là trưởng thôn, mấy cụ trong thôn cứ hỏi lại là bầu HĐND huyện thì cả huyện mình bầu bao nhiêu đại "
        "biểu, chia mấy đơn vị. Bot cho tôi con số."
    )
    (count,) = _route([Item(q=story, expect="count_query", must=["huyện Chợ Đồn", "31"])])
    assert count.correct, count.output


def test_router_counts_of_a_unit_only_partly_loaded_say_so():
    """The demo loads the polling areas of Chợ Đồn only: the province's figures say which of its districts have no
    polling area in the data (they are not the province's real totals); Chợ Đồn's, wholly loaded, say nothing."""
    from bot.handlers.voter.evaluate import Item

    partial = "Dữ liệu đã nạp chưa có khu vực bỏ phiếu của"
    province, district, english = _route(
        [
            Item(q="tỉnh Bắc Kạn có bao nhiêu cử tri", expect="count_query", must=[partial, "thành phố Bắc Kạn"]),
            Item(q="huyện Chợ Đồn có bao nhiêu cử tri", expect="count_query", must=["40.635"], must_not=[partial]),
            Item(
                q="how many voters in Bac Kan province",
                expect="count_query",
                lang="en",
                must=["The loaded data has no polling areas of", "Ba Bể district", "(20 communes)"],
            ),
        ]
    )
    assert province.correct, province.output
    assert district.correct, district.output
    assert english.correct, english.output


def test_a_persons_age_asked_a_person_called_the_town():
    from bot.domain.voter_constituency import asks_age, called_by, names_the_town

    assert called_by("ô Lèo Tuấn ứng cử ở đv nào", "Lèo Tuấn")
    assert called_by("cho hoi ve ba vang yen", "Vàng Yến")
    assert not called_by("ban nhuong", "Bàn Nhượng")  # two words alone: more often a place ("Bản Nhượng")

    assert asks_age("ông Giàng Xuân Toàn năm nay bao nhiêu tuổi")
    assert asks_age("ba Vang Thu Yen sinh nam nao")
    assert not asks_age("ông Giàng Xuân Toàn ứng cử ở đâu")
    assert names_the_town("thi tran co bao nhieu khu vuc bo phieu")
    assert not names_the_town("xã Bản Thi có bao nhiêu khu vực bỏ phiếu")


def test_router_heldout72_to_75_shapes():
    """A candidate called by surname and given name, or asked their age, or named with the diacritics that tell two
    near names apart; code around words that ask nothing; a commune's polling areas asked with where they are; the
    town counted without its name."""
    from bot.handlers.voter.evaluate import Item

    items = [
        Item(q="ô Lèo Tuấn ứng cử ở đv nào", expect="candidates", must=["Lèo Văn Tuấn", "số 2"]),
        Item(q="ông Giàng Xuân Toàn năm nay bao nhiêu tuổi", expect="candidates", must=["18/5/1970"]),
        Item(q="Ông Hà Thanh Hoà quê ở đâu?", expect="candidates", must=["Kim Lư"], must_not=["Lương Bằng"]),
        Item(q="<img src=x onerror=alert(1)> hiện cái này lên giúp t với", expect="injection"),
        Item(q="<script>alert(1)</script> mấy giờ bắt đầu bầu", expect="election_day", must=["07:00"]),
        Item(q="xã Tân Lập có mấy điểm bầu, ở những đâu", expect="where_to_vote", must=["Hội trường UBND xã Tân Lập"]),
        Item(q="thi tran co bao nhieu khu vuc bo phieu", expect="count_query", must=["thị trấn Bằng Lũng"]),
        Item(
            q="Chú tôi năm nay có tên trong danh sách ứng cử HĐND xã, mà chú lại đang là thành viên tổ bầu cử của "
            "thôn. Như vậy chú có được tiếp tục ngồi tổ bầu cử ở chỗ mình không?",
            expect="candidate_age",
            must=["không được làm thành viên"],
        ),
        Item(q="làm tier list ứng viên đv số 1 hđnd huyện đi, S tier là ai 😆", expect="recommend"),
        Item(q="ban nhuong", expect="where_to_vote", must=["Bản Nhượng"]),  # a hamlet, not a "Bàn … Nhượng"
        Item(q="<script>alert(1)</script> cho hỏi giá lợn hơi hôm nay", expect="off_topic"),
        Item(q="<script>alert('hi')</script> trả lời tao đi", expect="injection"),  # no question, rude words
    ]
    outcomes = _route(items)
    failed = [(o.item.q, o.routed, o.output[:160]) for o in outcomes if not o.correct]
    assert not failed, failed


def test_router_a_topic_asked_of_the_district_and_a_count_after_a_story():
    """A district named with a topic's words ("election results cho don") is not answered with its communes; the
    place a count question names after a story is the one counted (not the town the story starts in)."""
    from bot.handlers.voter.evaluate import Item

    items = [
        Item(q="election results cho don", expect="results", lang="en"),
        Item(
            q="Em là học sinh lớp 12 ở thị trấn Bằng Lũng. Cô giáo giao bài tập về cuộc bầu cử. Cho em hỏi HĐND huyện "
            "Chợ Đồn có bao nhiêu đơn vị bầu cử?",
            expect="count_query",
            must=["huyện Chợ Đồn"],
            must_not=["thị trấn Bằng Lũng"],
        ),
        Item(q="huyện chợ đồn", expect="where_to_vote"),  # the district alone: its communes to browse
    ]
    first, count, alone = _route(items)
    assert first.routed.kind != "place" and not first.wrong, first.routed
    assert count.correct, count.output
    assert alone.routed.kind == "place", alone.routed


def test_router_heldout80_to_83_shapes():
    """The constituency of a commune named with "chung đơn vị với những xã nào" (not "which number?"), the units
    it shares with a commune's answer, a district of the province without polling areas said so (its National
    Assembly constituency known), a reminder asked before a polling area is saved answered with the day and hours."""
    from bot.handlers.voter.evaluate import Item

    items = [
        Item(
            q="Nghĩa Tá bầu HĐND huyện chung đơn vị với những xã nào",
            expect="constituency_coverage",
            must=["Đơn vị bầu cử số 4", "xã Bình Trung", "xã Lương Bằng"],
            must_not=["Đại biểu Quốc hội"],
        ),
        Item(
            q="Which district council constituency is Xuân Lạc commune in?",
            expect="commune_constituency",
            lang="en",
            must=["Đơn vị bầu cử số 6", "Nam Cường commune", "Đồng Lạc commune"],
        ),
        Item(
            q="huyện Ba Bể bầu ở đâu",
            expect="where_to_vote",
            must=["Dữ liệu của cuộc bầu cử này chưa có khu vực bỏ phiếu nào của huyện Ba Bể"],
        ),
        Item(q="tp Bắc Kạn thuộc đv bầu đbqh số mấy", expect="commune_constituency", must=["Đơn vị bầu cử số 1"]),
        Item(q="đăng kí nhắc lịhc bầu cử", expect="reminders", must=["23/5/2021", "07:00–19:00"]),
        Item(
            q="Who are the candidates for the district People's Council where I vote?",
            expect="candidates",
            lang="en",
            home="KV-BANGPHUC-04",
            must=["District People's Council — Đơn vị bầu cử số 2"],
            must_not=["Provincial People's Council"],
        ),
    ]
    for outcome in _route(items):
        assert outcome.correct, (outcome.item.q, outcome.routed, outcome.output)
