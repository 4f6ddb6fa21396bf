"""Place-name search over a realistic small index (Chợ Đồn district, Bắc Kạn; hamlets invented)."""

from __future__ import annotations

import unicodedata

import pytest

from bot.domain.search import PlaceEntry, PlaceIndex

DISTRICT = "Chợ Đồn"
PROVINCE = "Bắc Kạn"
COMMUNES = [
    "Bằng Lũng", "Bằng Lãng", "Phương Viên", "Bằng Phúc", "Đồng Thắng", "Đại Sảo", "Yên Mỹ", "Yên Phong",
    "Lương Bằng", "Nghĩa Tá", "Bình Trung", "Ngọc Phái", "Tân Lập", "Quảng Bạch", "Đồng Lạc", "Nam Cường",
    "Xuân Lạc", "Yên Thượng", "Yên Thịnh", "Bản Thi",
]  # fmt: skip
# Invented Tày-style hamlets; "Nà Tiềm" and "Bản Tàn" exist in two communes on purpose.
HAMLETS = {
    "Đại Sảo": ["Nà Tiềm", "Bản Tàn", "Khuổi Tặc", "Pác Nặm"],
    "Yên Mỹ": ["Nà Tiềm", "Nà Bản", "Phiêng Đẩy"],
    "Đồng Lạc": ["Bản Lồm", "Cốc Thử", "Nà Pài", "Bản Tàn"],
    "Bản Thi": ["Bản Cháng", "Nà Lầu", "Na Tiềm Trên"],
    "Bằng Lũng": ["Tổ dân phố 5", "Phố Chợ"],
}
AREAS = {"Đồng Lạc": 5, "Đại Sảo": 4, "Bằng Lũng": 3}


def _commune_name(c: str) -> str:
    return f"Thị trấn {c}" if c == "Bằng Lũng" else f"Xã {c}"


def build_entries() -> list[PlaceEntry]:
    entries = [
        PlaceEntry("district:1", DISTRICT, "district", (PROVINCE,)),
        PlaceEntry("province:1", PROVINCE, "province"),
    ]
    for i, c in enumerate(COMMUNES, 1):
        entries.append(PlaceEntry(f"commune:{i}", _commune_name(c), "commune", (DISTRICT, PROVINCE)))
    n = 0
    for c, names in HAMLETS.items():
        for h in names:
            n += 1
            entries.append(PlaceEntry(f"hamlet:{n}", h, "hamlet", (c, DISTRICT, PROVINCE)))
    for c, count in AREAS.items():
        for k in range(1, count + 1):
            entries.append(PlaceEntry(f"area:{c}:{k}", f"Khu vực bỏ phiếu số {k}", "area", (c, DISTRICT, PROVINCE)))
    return entries


@pytest.fixture(scope="module")
def index() -> PlaceIndex:
    return PlaceIndex(build_entries())


def top(index: PlaceIndex, query: str, **kw: object) -> tuple[str, str, tuple[str, ...]]:
    m = index.search(query, **kw)[0]  # type: ignore[arg-type]
    return m.entry.kind, m.entry.name, m.entry.context


def test_len(index: PlaceIndex) -> None:
    assert len(index) == len(build_entries())


@pytest.mark.parametrize(
    "query",
    [
        "Khuổi Tặc",
        "khuoi tac",
        "KHUỔI TẶC",
        "Khuổi  Tặc!!",
        unicodedata.normalize("NFD", "Khuổi Tặc"),
        "thôn Khuổi Tặc",
    ],
)
def test_unique_hamlet_found_confidently(index: PlaceIndex, query: str) -> None:
    r = index.resolve(query)
    assert r.confident
    assert r.best is not None and r.best.entry.name == "Khuổi Tặc" and r.best.exact


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("Đồng Lạc", "Xã Đồng Lạc"),
        ("xa dong lac", "Xã Đồng Lạc"),
        ("tt bang lung", "Thị trấn Bằng Lũng"),
        ("thị trấn Bằng Lũng", "Thị trấn Bằng Lũng"),
        ("bang lung", "Thị trấn Bằng Lũng"),
        ("ban thi", "Xã Bản Thi"),
        ("Xã Bản Thi", "Xã Bản Thi"),
        ("nghia ta", "Xã Nghĩa Tá"),
        ("Chợ Đồn", "Chợ Đồn"),
        ("huyen cho don", "Chợ Đồn"),
        ("pac nam", "Pác Nặm"),
        ("bản pác nặm", "Pác Nặm"),
    ],
)
def test_exact_and_folded(index: PlaceIndex, query: str, name: str) -> None:
    r = index.resolve(query)
    assert r.best is not None and r.best.entry.name == name
    assert r.confident


def test_old_tone_placement_equals_new() -> None:
    idx = PlaceIndex([PlaceEntry("h:1", "Đông Hòa", "hamlet", ("Yên Thủy",)), PlaceEntry("h:2", "Na Ư", "hamlet")])
    for q in ("Đông Hoà", "đông hòa", "thôn Đông Hoà xã Yên Thuỷ"):
        r = idx.resolve(q)
        assert r.confident and r.best is not None and r.best.entry.key == "h:1"
    # Name stored in the old style, query in the other.
    idx2 = PlaceIndex([PlaceEntry("h:1", "Thuỷ Hoà", "hamlet")])
    best = idx2.resolve("thủy hòa").best
    assert best is not None and best.exact and best.score == idx2.resolve("Thuỷ Hoà").best.score  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "query",
    [
        "khuoi tak",  # substituted letter
        "khuoi tc",  # missing letter
        "khuoi tacc",  # extra letter
        "khuio tac",  # swapped letters
        "khuôi tặc",  # wrong diacritic
        "khuoitac",  # missing space
    ],
)
def test_typos(index: PlaceIndex, query: str) -> None:
    r = index.resolve(query)
    assert r.best is not None and r.best.entry.name == "Khuổi Tặc"
    assert r.confident


def test_a_typo_read_against_the_diacritics_typed_is_no_name(index: PlaceIndex) -> None:
    """ "chỗ tôi bầu thì …": "bầu" is one letter from "Bản" and "thì" folds to "Thi", but no word was typed with
    the name's diacritics: no Bản Thi. A typo in a name typed with its own diacritics elsewhere still reads."""
    assert all(m.entry.name != "Xã Bản Thi" for m in index.search("chỗ tôi bầu thì thuộc đơn vị nào"))
    assert index.resolve("Bản Thii").best.entry.name == "Xã Bản Thi"  # type: ignore[union-attr]
    assert index.resolve("khuôi tặc").best.entry.name == "Khuổi Tặc"  # type: ignore[union-attr]


def test_other_diacritics_are_no_exact_hit(index: PlaceIndex) -> None:
    # "người ta bàn tán": the words of the hamlet Bản Tàn, typed with other diacritics — at best a near name
    gossip = index.search("mấy hôm nay người ta bàn tán nhiều lắm")
    assert gossip and gossip[0].entry.name == "Bản Tàn" and not gossip[0].exact
    assert index.search("thôn Bản Tàn xã Đồng Lạc")[0].exact
    assert index.search("thon ban tan xa dong lac")[0].exact  # no diacritics typed: nothing disagrees


def test_street_group_in_english(index: PlaceIndex) -> None:
    r = index.resolve("where do I vote, street group 5 in Bang Lung town")
    assert r.confident and r.best is not None and r.best.entry.name == "Tổ dân phố 5"


def test_polling_area_number_in_english(index: PlaceIndex) -> None:
    r = index.resolve("Where is polling area no. 3 of Dong Lac commune?")
    assert r.confident and r.best is not None and r.best.entry.key == "area:Đồng Lạc:3"


def test_chat_j_for_i(index: PlaceIndex) -> None:
    r = index.resolve("nà tjềm, xã đại sảo")
    assert r.confident and r.best is not None and r.best.exact
    assert (r.best.entry.name, r.best.entry.context[0]) == ("Nà Tiềm", "Đại Sảo")


def test_typo_is_not_exact(index: PlaceIndex) -> None:
    best = index.search("khuoi tak")[0]
    assert not best.exact and best.score < index.search("khuoi tac")[0].score


def test_name_inside_sentence_with_commune(index: PlaceIndex) -> None:
    r = index.resolve("toi o thon na tiem xa dai sao thi bau o dau")
    assert r.confident and r.best is not None
    assert (r.best.entry.name, r.best.entry.context[0]) == ("Nà Tiềm", "Đại Sảo")


def test_full_address_with_punctuation(index: PlaceIndex) -> None:
    r = index.resolve("Thôn Nà Tiềm, xã Đại Sảo, huyện Chợ Đồn, tỉnh Bắc Kạn 🙏")
    assert r.confident and r.best is not None and r.best.entry.context[0] == "Đại Sảo"


def test_duplicate_hamlet_is_ambiguous_without_commune(index: PlaceIndex) -> None:
    r = index.resolve("Nà Tiềm")
    assert not r.confident
    communes = {m.entry.context[0] for m in r.candidates if m.entry.name == "Nà Tiềm"}
    assert communes == {"Đại Sảo", "Yên Mỹ"}
    assert all(m.exact for m in r.candidates[:2])


@pytest.mark.parametrize(
    ("query", "commune"),
    [
        ("nà tiềm xã yên mỹ", "Yên Mỹ"),
        ("na tiem yen my", "Yên Mỹ"),
        ("xã Đại Sảo thôn Nà Tiềm", "Đại Sảo"),
        ("ban tan xa dong lac", "Đồng Lạc"),
        ("bản tàn, đại sảo", "Đại Sảo"),
        # the commune typed with one typo still says which one
        ("na tiem xa dai saoo", "Đại Sảo"),
        ("thôn Nà Tiềm xã Yênn Mỹ", "Yên Mỹ"),
    ],
)
def test_duplicate_hamlet_with_commune(index: PlaceIndex, query: str, commune: str) -> None:
    r = index.resolve(query)
    assert r.confident and r.best is not None
    assert r.best.entry.kind == "hamlet" and r.best.entry.context[0] == commune


def test_names_of_one_place_do_not_compete() -> None:
    # two hamlets of one polling area named in one message: the same place, so no choice to offer; the same
    # names in another commune's area still compete
    ctx = (DISTRICT, PROVINCE)
    idx = PlaceIndex(
        [
            PlaceEntry("commune:1", "Xã Bằng Lãng", "commune", ctx),
            PlaceEntry("commune:2", "Xã Bản Thi", "commune", ctx),
            PlaceEntry("area:1", "Nà Cà", "hamlet", ("Bằng Lãng", *ctx)),
            PlaceEntry("area:1", "Nà Hon", "hamlet", ("Bằng Lãng", *ctx)),
            PlaceEntry("area:2", "Nà Hon", "hamlet", ("Bản Thi", *ctx)),
            PlaceEntry("area:3", "Nà Cà", "hamlet", ("Bản Thi", *ctx)),
        ]
    )
    r = idx.resolve("tôi ở thôn Nà Cà xã Bằng Lãng, ông trưởng thôn Nà Hon cũng ra ứng cử")
    assert r.confident and r.best is not None and r.best.entry.key == "area:1"
    assert not idx.resolve("thôn Nà Cà với thôn Nà Hon").confident  # no commune: Bằng Lãng's or Bản Thi's


def test_longer_name_wins_over_name_inside_it(index: PlaceIndex) -> None:
    r = index.resolve("na tiem tren")
    assert r.confident and r.best is not None and r.best.entry.name == "Na Tiềm Trên"


def test_diacritics_rank_but_fold_matches() -> None:
    idx = PlaceIndex([PlaceEntry("h:1", "Nà Lầu", "hamlet"), PlaceEntry("h:2", "Na Lâu", "hamlet")])
    assert idx.search("Nà Lầu")[0].entry.key == "h:1"
    assert idx.search("Na Lâu")[0].entry.key == "h:2"
    both = idx.search("na lau")
    assert {m.entry.key for m in both} == {"h:1", "h:2"} and both[0].score == both[1].score
    assert not idx.resolve("na lau").confident


@pytest.mark.parametrize(
    "query",
    ["kv 3 xa dong lac", "kv3 xã Đồng Lạc", "khu vuc bo phieu so 3 dong lac", "Khu vực bỏ phiếu số 03, xã Đồng Lạc"],
)
def test_numbered_area_with_commune(index: PlaceIndex, query: str) -> None:
    r = index.resolve(query, kinds={"area"})
    assert r.confident and r.best is not None
    assert r.best.entry.key == "area:Đồng Lạc:3"
    r_all = index.resolve(query)
    assert r_all.best is not None and r_all.best.entry.key == "area:Đồng Lạc:3"


@pytest.mark.parametrize("query", ["khu vuc bo phieu so 3", "kv3", "so 3"])
def test_numbered_area_without_commune_is_ambiguous(index: PlaceIndex, query: str) -> None:
    r = index.resolve(query, kinds={"area"})
    assert not r.confident
    assert {m.entry.name for m in r.candidates} == {"Khu vực bỏ phiếu số 3"}
    assert len(r.candidates) == 3


def test_area_number_present_only_once(index: PlaceIndex) -> None:
    r = index.resolve("khu vực bỏ phiếu số 5", kinds={"area"})
    assert r.confident and r.best is not None and r.best.entry.key == "area:Đồng Lạc:5"


@pytest.mark.parametrize(
    "query", ["xin chào", "abc", "", "   ", "🙂🙂🙂", "hello", "bầu cử ngày nào", "tôi muốn hỏi", "12345", "x" * 5000]
)
def test_junk_is_never_confident(index: PlaceIndex, query: str) -> None:
    r = index.resolve(query)
    assert not r.confident


def test_junk_without_place_words_returns_nothing(index: PlaceIndex) -> None:
    assert index.search("xin chào") == []
    assert index.search("abc") == []
    assert index.resolve("abc").best is None


def test_partial_name_is_listed_not_confident(index: PlaceIndex) -> None:
    r = index.resolve("Bằng")
    assert not r.confident
    assert {m.entry.name for m in r.candidates} >= {"Thị trấn Bằng Lũng", "Xã Bằng Lãng", "Xã Bằng Phúc"}
    assert all(not m.exact for m in r.candidates)


def test_limit_and_kinds(index: PlaceIndex) -> None:
    assert len(index.search("Bằng", limit=2)) == 2
    assert index.search("Bằng", limit=0) == []
    assert all(m.entry.kind == "commune" for m in index.search("Nà Tiềm Đại Sảo", kinds={"commune"}))
    assert index.search("Nà Tiềm", kinds={"commune"}) == []
    assert [m.entry.kind for m in index.search("Đại Sảo", kinds=["hamlet", "commune"])][:1] == ["commune"]
    assert index.search("Khuổi Tặc", kinds=()) == []


def test_scores_bounded_and_sorted(index: PlaceIndex) -> None:
    for q in ["Thôn Nà Tiềm, xã Đại Sảo, huyện Chợ Đồn, tỉnh Bắc Kạn", "Bằng", "na tiam", "kv 3 xa dong lac"]:
        scores = [m.score for m in index.search(q, limit=10)]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)


def test_deterministic() -> None:
    queries = ["Nà Tiềm", "Bằng", "kv3", "na tiam", "ban tan"]
    a = PlaceIndex(build_entries())
    b = PlaceIndex(build_entries())
    for q in queries:
        first = [(m.entry.key, m.score) for m in a.search(q, limit=10)]
        assert first == [(m.entry.key, m.score) for m in b.search(q, limit=10)]
        assert first == [(m.entry.key, m.score) for m in a.search(q, limit=10)]


def test_tie_break_by_weight_then_key() -> None:
    idx = PlaceIndex(
        [
            PlaceEntry("b", "Nà Pài", "hamlet", ("X",)),
            PlaceEntry("a", "Nà Pài", "hamlet", ("Y",)),
            PlaceEntry("c", "Nà Pài", "hamlet", ("Z",), weight=2.0),
        ]
    )
    assert [m.entry.key for m in idx.search("na pai")] == ["c", "a", "b"]


def test_large_duplicate_groups_use_context() -> None:
    # Many "Thôn 1" nationally: context must still pick the right one.
    entries = [PlaceEntry(f"h:{c}", "Thôn 1", "hamlet", (f"Xã Đông {c}", "Bắc Kạn")) for c in ["An", "Bình", "Hòa"]]
    entries += [PlaceEntry(f"h:x{i}", "Thôn 1", "hamlet", (f"Xã Tây {i}", "Cao Bằng")) for i in range(100)]
    idx = PlaceIndex(entries)
    r = idx.resolve("thôn 1 xã Đông Hòa")
    assert r.confident and r.best is not None and r.best.entry.key == "h:Hòa"
    assert not idx.resolve("thon 1").confident
    assert len(idx.search("thon 1", limit=7)) == 7


def test_long_message_is_fast_enough_to_finish(index: PlaceIndex) -> None:
    noise = "tôi muốn hỏi về bầu cử " * 5000 + "thôn Khuổi Tặc"
    assert index.search(noise) == [] or all(0 <= m.score <= 100 for m in index.search(noise))
    assert index.resolve("Khuổi Tặc " + "🙂" * 100_000).best is not None


def test_a_unit_without_polling_areas_is_found_only_typed_exactly() -> None:
    """A strict entry (a district of the province with no polling area loaded) answers "huyện Chợ Mới" or the bare
    name, never "đi chợ mới về" in a sentence nor "cho toi" read through a typo."""
    idx = PlaceIndex([*build_entries(), PlaceEntry("unit:99", "Huyện Chợ Mới", "district", (PROVINCE,), strict=True)])
    for query in ("huyện Chợ Mới", "cho moi"):
        res = idx.resolve(query)
        assert res.confident and res.best is not None and res.best.entry.key == "unit:99", (query, res)
    for query in ("mẹ em đi chợ mới về hỏi bầu ở đâu", "cho toi bau co bao nhieu cu tri", "cho hoi cai"):
        assert all(m.entry.key != "unit:99" for m in idx.search(query)), query


def test_a_city_named_after_its_province() -> None:
    """ "Bắc Kạn" alone is the province; "thành phố Bắc Kạn" the city inside it."""
    idx = PlaceIndex(
        [
            *build_entries(),
            PlaceEntry("unit:50", "Thành phố Bắc Kạn", "district", (PROVINCE,)),
        ]
    )
    res = idx.resolve("Bắc Kạn có mấy đơn vị bầu cử")
    assert res.confident and res.best is not None and res.best.entry.key == "province:1", res
    res = idx.resolve("thành phố Bắc Kạn bầu ở đâu")
    assert res.confident and res.best is not None and res.best.entry.key == "unit:50", res


@pytest.mark.parametrize(
    ("query", "commune"),
    [
        ("xã Bằng Lảng", "Xã Bằng Lãng"),  # hỏi for ngã: the same word, not Bằng Lũng
        ("thôn Nà Tiềm xã Đại Xảo", "Đại Sảo"),  # x for s, as Northern speakers write it (Nà Tiềm is in two)
    ],
)
def test_common_spelling_slips_still_find_the_place(index: PlaceIndex, query: str, commune: str) -> None:
    res = index.resolve(query)
    assert res.confident and res.best is not None, res
    assert commune in (res.best.entry.name, *res.best.entry.context), res.best


def test_a_word_read_through_a_typo_keeps_its_diacritics() -> None:
    """ "Nà Vằng" is Nà Vằn (same marks), not Nà Làng (one letter off too)."""
    idx = PlaceIndex(
        [
            PlaceEntry("hamlet:1", "Nà Vằn", "hamlet", ("Bằng Lãng", DISTRICT)),
            PlaceEntry("hamlet:2", "Nà Làng", "hamlet", ("Đồng Thắng", DISTRICT)),
        ]
    )
    (best, *_rest) = idx.search("thôn Nà Vằng")
    assert best.entry.name == "Nà Vằn"
    assert best.score > _rest[0].score
