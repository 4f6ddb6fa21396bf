"""Vietnamese text normalisation: NFC/NFD, tone placement, folding, abbreviations, clipping."""

from __future__ import annotations

import unicodedata

import pytest

from bot.domain.text import (
    MAX_INPUT_CHARS,
    Prepared,
    clip,
    contains_phrase,
    expand_abbreviations,
    fold,
    normalize,
    prepare,
    similar,
    tokens,
    untelex,
)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


@pytest.mark.parametrize("text", ["Đồng Lạc", "Nguyễn Thị Hường", "Khuổi Tặc", "Bắc Kạn", "Quảng Bạch", "giữa"])
def test_nfd_equals_nfc(text: str) -> None:
    assert normalize(nfd(text)) == normalize(text)
    assert fold(nfd(text)) == fold(text)
    assert unicodedata.is_normalized("NFC", normalize(nfd(text)))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"), ("khoá", "khóa"), ("thuỷ", "thủy"), ("uỷ", "ủy"), ("loà", "lòa"), ("hoè", "hòe"),
        ("toà", "tòa"), ("hoá", "hóa"), ("hoả", "hỏa"), ("hoã", "hõa"), ("hoạ", "họa"), ("khoẻ", "khỏe"),
        ("xoè", "xòe"), ("thuý", "thúy"), ("huỳ", "hùy"), ("luỹ", "lũy"), ("tuỵ", "tụy"), ("Thuỷ", "Thủy"),
        ("Hoà Bình", "Hòa Bình"), ("Uỷ ban", "Ủy ban"), ("Khánh Hoà", "Khánh Hòa"),
    ],
)  # fmt: skip
def test_old_and_new_tone_placement_compare_equal(old: str, new: str) -> None:
    assert normalize(old) == normalize(new)
    assert normalize(nfd(old)) == normalize(new)
    assert normalize(old) == new.lower()  # canonical form is tone on the first vowel of an open "oa/oe/uy"


@pytest.mark.parametrize(
    "word",
    [
        "quý", "quà", "quỳnh", "già", "giữa", "gì", "gìn", "giường", "hoàng", "thuyết", "huỳnh", "hoạch", "khoét",
        "hoài", "khuỷu", "ngoẹo", "xoáy", "người", "nước", "thuở", "mùa", "núi", "mía", "cứu", "yêu", "nghiêng",
        "ủy", "ý", "quốc", "thuế",
    ],
)  # fmt: skip
def test_canonical_syllables_are_unchanged(word: str) -> None:
    assert normalize(word) == word
    assert normalize(nfd(word)) == word


def test_misplaced_tone_after_qu_and_gi_is_repaired() -> None:
    assert normalize("qúy") == "quý"
    assert normalize("gìa") == "già"


def test_case_and_eth() -> None:
    assert normalize("ĐỒNG LẠC") == "đồng lạc"
    assert normalize("Ðồng") == "đồng"  # Icelandic eth typed for Đ


def test_emoji_punctuation_and_spaces() -> None:
    assert normalize("  Xã🙂Đại-Sảo!!!  (Chợ Đồn)\n\t👍🏽 ") == "xã đại sảo chợ đồn"
    assert normalize("a_b, c...d") == "a b c d"
    assert normalize("🙂🙂🙂") == ""
    assert normalize("") == ""


def test_digits_kept() -> None:
    assert normalize("Khu vực số 3, tổ 12") == "khu vực số 3 tổ 12"
    assert fold("23/5/2021 lúc 07:00") == "23 5 2021 luc 07 00"


def test_fold() -> None:
    assert fold("Đồng Lạc") == "dong lac"
    assert fold("ĐẠI SẢO") == "dai sao"
    assert fold("Nguyễn Thị Hường") == "nguyen thi huong"
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("đ Đ") == "d d"


@pytest.mark.parametrize("text", ["Hello World", "vote for the new committee", "iPhone 15 Pro", "email me at noon"])
def test_english_untouched(text: str) -> None:
    assert normalize(text) == text.lower()
    assert fold(text) == text.lower()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("baauf cuwr mays giowf", "bau cu may gio"),  # the Vietnamese keyboard off: Telex keys left in the words
        (
            "e ddi hocj o Thai Nguyeen, ngayf baauf k veef ddc thif lamf sao",
            "e di hoc o thai nguyen ngay bau k ve dc thi lam sao",
        ),
        ("quyeenf vaf nghiax vuj cuar cuwr tri", "quyen va nghia vu cua cu tri"),
        ("nguowif ta bauf ai", "nguoi ta bau ai"),
    ],
)
def test_telex_typed_with_the_keyboard_off_is_decoded(typed: str, meant: str) -> None:
    assert fold(typed) == meant


@pytest.mark.parametrize(
    "text",
    [
        "is this how it works",  # English: "is", "this", "how" would decode, but the message is no Telex
        "how does voting work",
        "bau cu ngay nao",  # plain syllables without diacritics
        "ms cx vs dc ko",  # chat abbreviations, no Telex
        "nào baauf cuwr",  # typed with diacritics: the keyboard was on (two of three words would decode)
        "cho minh hoi ngayf bau cu",  # one word only: a slip, not a message typed in Telex
    ],
)
def test_text_that_is_no_telex_stays_as_typed(text: str) -> None:
    assert fold(text) == " ".join(fold(w) for w in text.split()).replace(",", "")


def test_untelex_needs_half_of_the_words() -> None:
    assert untelex(["baauf", "cuwr"]) == ["bau", "cu"]
    assert untelex(["baauf", "cuwr", "a", "b", "c", "d", "e"]) == ["baauf", "cuwr", "a", "b", "c", "d", "e"]
    assert untelex(["ddc", "ko", "baauf"]) == ["dc", "ko", "bau"]  # "ddc": "đc" (được) typed in Telex


def test_foreign_accents_fold_sanely() -> None:
    assert fold("café naïve Ångström") == "cafe naive angstrom"
    assert normalize("café") == "café"


def test_tokens() -> None:
    assert tokens("Thôn Nà Tiềm, xã Đại Sảo!") == ["thon", "na", "tiem", "xa", "dai", "sao"]
    assert tokens("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND xã", "uy ban nhan dan xa"),
        ("hđnd huyện", "hoi dong nhan dan huyen"),
        ("hdnd", "hoi dong nhan dan"),
        ("ĐBQH", "dai bieu quoc hoi"),
        ("dbqh", "dai bieu quoc hoi"),
        ("qh", "quoc hoi"),
        ("MTTQ", "mat tran to quoc"),
        ("kv 3", "khu vuc bo phieu 3"),
        ("kv3", "khu vuc bo phieu 3"),
        ("KVBP", "khu vuc bo phieu"),
        ("tbc", "to bau cu"),
        ("bbc", "ban bau cu"),
        ("ubbc", "uy ban bau cu"),
        ("tt bằng lũng", "thi tran bang lung"),
        ("tp", "thanh pho"),
        ("đc ko", "duoc khong"),
        ("dc k", "duoc khong"),
        ("kh hok khg", "khong khong khong"),
        ("làm j", "lam gi"),
        ("ntn", "nhu the nao"),
        ("cx vs", "cung voi"),
        ("ng già", "nguoi gia"),
        ("mk", "minh"),
        ("tdp5", "to dan pho 5"),
        ("so3", "so 3"),
    ],
)
def test_expand_abbreviations(text: str, expected: str) -> None:
    assert " ".join(expand_abbreviations(text)) == expected


@pytest.mark.parametrize("word", ["a", "e", "bn", "dk", "sn", "ok", "hello", "vn", "b52", "covid19"])
def test_ambiguous_or_unknown_words_not_expanded(word: str) -> None:
    assert expand_abbreviations(word) == tokens(word)


def test_expand_accepts_token_list() -> None:
    assert expand_abbreviations(["UBND", "xã", "Đại Sảo"]) == ["uy", "ban", "nhan", "dan", "xa", "dai", "sao"]


def test_prepare() -> None:
    p = prepare("Tôi ở KV3, ko biết đc bầu ở đâu? 🙂")
    assert isinstance(p, Prepared)
    assert p.original == "Tôi ở KV3, ko biết đc bầu ở đâu? 🙂"
    assert p.normalized == "tôi ở kv3 ko biết đc bầu ở đâu"
    assert p.folded == "toi o kv3 ko biet dc bau o dau"
    assert p.tokens == ("toi", "o", "khu", "vuc", "bo", "phieu", "3", "khong", "biet", "duoc", "bau", "o", "dau")
    assert len(p.accented) == len(p.tokens)
    assert p.accented[:3] == ("tôi", "ở", "khu") and p.accented[4] == "bỏ"
    assert p.text == " ".join(p.tokens)


def test_clip() -> None:
    assert clip("abc") == "abc"
    assert clip("x" * 5000) == "x" * MAX_INPUT_CHARS
    assert clip("abcdef", 3) == "abc"


@pytest.mark.parametrize(
    "huge",
    [
        "bầu cử " * 200_000,  # ~1.4 MB of words
        "x" * 1_000_000,  # one endless word
        "🙂" * 1_000_000,  # emoji only
        nfd("Hoà ") * 250_000,  # decomposed text
        "ộ" * 1_000_000,  # long run of tone-marked letters without spaces
    ],
)
def test_huge_input_is_clipped(huge: str) -> None:
    assert len(normalize(huge)) <= MAX_INPUT_CHARS
    assert len(fold(huge)) <= MAX_INPUT_CHARS
    p = prepare(huge)
    assert len(p.original) == MAX_INPUT_CHARS
    assert len(p.tokens) <= MAX_INPUT_CHARS


def test_similar() -> None:
    assert similar("Nà Tiềm", "na tiem") == 100
    assert similar("Đồng Lạc", "Lạc Đồng") == 100  # word order
    assert 80 <= similar("Khuổi Tặc", "khuoi tak") < 100
    assert similar("Đồng Lạc", "Yên Thịnh") < 50
    assert similar("", "abc") == 0
    assert similar("hoà", "hòa") == 100


def test_contains_phrase() -> None:
    p = prepare("Hỏi UBND xã Đồng Lạc về kv3")
    assert contains_phrase(p, "ủy ban nhân dân")
    assert contains_phrase(p, "UBND")
    assert contains_phrase(p, "dong lac")
    assert contains_phrase(p, "Đồng Lạc")
    assert contains_phrase(p, "khu vực bỏ phiếu")
    assert contains_phrase(p, "lac ve kv")  # "kv3" is split and expanded on both sides
    assert not contains_phrase(p, "lac ve k")  # "k" means "không": no match inside "kv3"
    assert not contains_phrase(p, "dong la")  # word boundary
    assert not contains_phrase(p, "")
    assert contains_phrase(prepare("Hoà Bình"), "hòa bình")


def test_clip_message_keeps_a_question_in_the_middle() -> None:
    from bot.domain.text import clip_message

    story = "Nhà tôi ở xa. " * 40 + "Cho hỏi mấy giờ bắt đầu bỏ phiếu? " + "Cảm ơn nhiều nhé. " * 60
    clipped = clip_message(story, 1000)
    assert len(clipped) <= 1000
    assert "mấy giờ bắt đầu bỏ phiếu?" in clipped
    assert clipped.startswith("Nhà tôi ở xa.") and clipped.endswith("Cảm ơn nhiều nhé. ")
    assert clip_message("ngắn thôi", 1000) == "ngắn thôi"


@pytest.mark.parametrize("word", ["yen", "ngan", "cuu", "nghieng", "thuyen", "khuya", "gach", "my", "oi"])
def test_well_formed_syllables(word: str) -> None:
    from bot.domain.text import is_syllable

    assert is_syllable(word)


@pytest.mark.parametrize("word", ["gah", "trj", "how", "wife", "ad", "bnh", "xyz", "", "a1"])
def test_not_syllables(word: str) -> None:
    from bot.domain.text import is_syllable

    assert not is_syllable(word)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("chỗ tui bầu là ở mô hỉ", "chỗ tui bầu là ở đâu nhỉ"),  # Central: "ở mô", "hỉ"
        ("năm ni bầu ngày mô", "năm này bầu ngày nào"),
        ("có chung một đơn vị hông", "có chung một đơn vị không"),  # Southern
        ("mang theo chi rứa", "mang theo gì thế"),
        ("răng mà phải đi bầu", "sao mà phải đi bầu"),
        ("làm chi", "làm gì"),
        ("bầu được hôn", "bầu được không"),  # at the end only
    ],
)
def test_central_and_southern_question_words_are_read_as_meant(typed: str, meant: str) -> None:
    assert normalize(typed) == meant


@pytest.mark.parametrize(
    "text", ["chi tiết", "chi bộ", "mô", "hôn nhân", "có hôn nhân với người nước ngoài", "ông tê", "xem chi hội phụ nữ"]
)
def test_dialect_words_need_their_context(text: str) -> None:
    """ "mô", "chi", "tê" are question words only after the words that ask with them."""
    assert normalize(text) == text


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("chồg em", "chồng em"), ("trog Bình Dương", "trong bình dương"), ("KHÔG biết", "không biết")],
)
def test_a_final_g_typed_for_ng_is_read_as_ng(typed: str, meant: str) -> None:
    assert normalize(typed) == meant


@pytest.mark.parametrize("text", ["big dog", "the blog", "cag", "đi bầu ở đâu ag"])
def test_english_words_and_non_syllables_keep_their_g(text: str) -> None:
    assert normalize(text) == text
