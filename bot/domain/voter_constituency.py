"""Which constituency's candidates a voter asks for, read from free text (Telegram-free).

"ứng cử viên hđnd tỉnh đơn vị số 8 gồm những ai", "dv số 7 hđnd tỉnh có ai ứng cử", "danh sach ung cu dai bieu
quoc hoi don vi so 1", "ds ứng viên hđnd xã của em": a request to list candidates (a candidate word and a "who /
list" word, no count, age, result or opinion word), with the contest level (Quốc hội, HĐND tỉnh, huyện, xã), the
constituency number and whether the voter means their own ballot. Levels that are missing or several stay that way:
the caller asks, it never guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.text import fold, prepare

#: contest levels, as stored on ``Contest.level``
LEVELS = ("national", "province", "district", "commune")

_CANDIDATE = re.compile(
    r"\b(ung cu vien|ung cua vien|ung cuu vien|ung vien|ucv|nguoi ung cu|ung cu|ung cua|ra ung cu|candidates?|running|standing)\b"
)
_LIST = re.compile(
    r"\b(ai|nhung ai|nguoi nao|nhung nguoi nao|gom|danh sach|ds|list|who|ten|xem|liet ke|ke ten|co nhung"
    r"|(cac|nhung) (ung cu vien|ung vien|nguoi ung cu))\b"
)
# counts, age and conditions, results, timing, opinions, campaigning, marking: other questions about candidates
_COUNT = re.compile(r"\b(bao nhieu|bn|may nguoi|may ung|may ucv|may (?:dv|don vi|dvbc)|how many|number of)\b")
# asking for the names too ("có mấy người ứng cử, tên là gì"): then a count word does not make it a count question
_NAMES = re.compile(
    r"\b(ten (la )?gi|ten (cac|nhung)|ho ten|nhung ai|la ai|gom ai|gom nhung ai|danh sach|ds|liet ke|ke ten|ke ra"
    r"|who|names?|list)\b"
)
_NOT_A_LIST = re.compile(
    r"\b(tuoi|dieu kien|tieu chuan|ho so|tu ung cu"
    r"|muon ung cu|duoc ung cu|co the ung cu|quyen ung cu|ai duoc|trung cu|dac cu|thang cu|ket qua|won|win"
    r"|winners?|elected|khi nao|bao gio|luc nao|when|best|better|should|so sanh|xep hang|tiep xuc"
    # an opinion asked ("nên bầu ai", "ai tốt hơn"), not "nên" meaning "so" in a story ("đi làm nương nên không xem")
    r"|nen (bau|chon|gach|bo phieu|ung ho|tin|de|giu)|(nao|ai) (tot|gioi)|(tot|gioi) (nhat|hon|khong)"
    r"|van dong|gap cu tri|niem yet|cong bo|how old|requirements?|can i run|gach|hop le|so du|nhieu hon|it nhat"
    r"|toi thieu|toi da|ghe|seats?"
    # a candidate on a polling team or board ("có tên trong danh sách ứng cử, mà đang là thành viên tổ bầu cử")
    r"|thanh vien (to|ban) bau cu|ngoi to bau cu|lam to bau cu)\b"
)
# explicit levels ("hđnd tỉnh", "cấp huyện", "đại biểu quốc hội", "district council")
_EXPLICIT: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("national", re.compile(r"\b(quoc hoi|national assembly)\b")),
    (
        "province",
        re.compile(
            r"\b(hoi dong nhan dan (cap )?(tinh|thanh pho)|cap tinh|provincial|province council|province people s council)\b"
        ),
    ),
    (
        "district",
        re.compile(r"\b(hoi dong nhan dan (cap )?(huyen|quan|thi xa)|cap huyen|district (people s )?council)\b"),
    ),
    (
        "commune",
        re.compile(
            r"\b(hoi dong nhan dan (cap )?(xa|phuong|thi tran|dac khu)|cap xa|(commune|ward) (people s )?council)\b"
        ),
    ),
)
_COUNCIL = re.compile(r"\b(hoi dong nhan dan|council)\b")
# bare level words; when typed with diacritics they must be these words ("xa" may be "xa", far; "tinh" "tình")
_BARE: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...] = (
    ("province", ("tinh",), frozenset(("tỉnh",))),
    ("district", ("huyen", "quan"), frozenset(("huyện", "quận"))),
    ("commune", ("xa", "phuong"), frozenset(("xã", "phường"))),
)
#: a constituency number ("đơn vị số 3", "dv 3", "dvbc so 2"), also with its level between ("đơn vị bầu cử quốc hội
#: số 2", "đơn vị hđnd tỉnh số 8"; then "số" is needed): ``n`` the number, ``level`` the level words if any
_NUMBER = re.compile(
    r"\b(?P<lead>don vi bau cu|dv bau cu|(?:don vi|dv) bau(?= so\b| dai bieu\b| quoc hoi\b| hoi dong\b)|don vi|dvbc|dv"
    r"|constituency|unit)"
    r"(?:\s+(?P<level>(?:dai bieu )?(?:quoc hoi|hoi dong nhan dan(?: cap)?(?: (?:tinh|huyen|quan|thi xa|thanh pho|"
    r"xa|phuong|thi tran))?)))?"
    r"\s*(?P<tail>(?(level)so\s*|(?:so\s*)?(?:no\s*)?(?:number\s*)?)(?P<n>\d{1,3}))\b"
)
_CANDIDATE_NOUN = re.compile(r"\b(ung cu vien|ung cua vien|ung cuu vien|ung vien|ucv|nguoi ung cu|candidates?)\b")
#: a council or the National Assembly named ("hđnd", "quốc hội", "national assembly", "council")
_LEVEL_WORD = re.compile(r"\b(hoi dong nhan dan|quoc hoi|national assembly|council)\b")
#: asking who (stronger than a bare "ai", which also asks who elects, who may run...)
_WHO = re.compile(
    r"\b(nhung ai|co ai|gom ai|la nhung ai|(nhung )?ong ba nao|(nhung )?nguoi nao|(nhung )?ten ai|nhung ten nao"
    r"|ten nhung ai|ai ung cu|who)\b"
)
#: other questions about candidates (documents, procedure, reasons)
_OTHER_QUESTION = re.compile(r"\b(gi|sao|the nao|lam sao|can|phai|khong|ko|duoc|dc|bi|neu|why|how|what)\b")
_NUMBER_ANY = re.compile(r"\b\d{1,3}\b")
#: the voter's own polling area ("khu vực bỏ phiếu của tôi", "kv chỗ mình", "my polling station")
_OWN_AREA = re.compile(
    r"\b(khu vuc( bo phieu)?|kvbp|kv|khu|diem bo phieu|diem bau|cho bau)( vote| bau cu| bau| di bau)?"
    r" (cua |cho |o cho |noi |o |nha |o nha |cua nha )?"
    r"(toi|minh|em|e|tui|tao|t|to|mk|bon minh|chung toi)\b"
    r"|\b(my|our) (polling (area|station|place)|voting place)\b"
    # "chỗ tôi bầu có bao nhiêu cử tri"
    r"|\b(cho|noi|diem) (toi|minh|em|e|tui|mk) (bau|bo phieu|di bau)\b"
)
_AREAS_COUNTED = re.compile(r"\b(bao nhieu|may) (khu vuc|kv|kvbp|diem)|\bhow many polling\b")
#: a polling area spoken of: a number there may be the area's, not the constituency's
_POLLING_AREA = re.compile(r"\b(khu vuc|kv|kvbp|polling area|polling station)\b")
_MINE = re.compile(
    r"\b(cua toi|cua minh|cua em|cua e|cua anh|cua chi|cua tui|cho toi|cho em|cho e|cho minh|noi toi|noi minh"
    r"|o day|o nha toi)\b"
)
#: a position on the ballot ("người số 5 trên phiếu", "người thứ ba", "stt 2", "the third name on the ballot")
_SPOKEN = {
    "nhat": 1, "mot": 1, "hai": 2, "ba": 3, "tu": 4, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9,
    "muoi": 10, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
_POSITION = re.compile(
    r"\b(?:nguoi|ten|ong|ba|ung vien|ung cu vien|ucv|nguoi ung cu) (?:so thu tu|so|thu|stt) "
    r"(\d{1,2}|nhat|mot|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)\b"
    r"|\b(?:so thu tu|stt) (?:so )?(\d{1,2})\b"
    r"|\b(?:so|thu) (\d{1,2}) (?:tren|trong) (?:phieu|la phieu|(?:danh sach|ds) (?:ung cu|nguoi ung cu|ung vien))\b"
    r"|\b(?:number|no) (\d{1,2}) on the (?:ballot|list)\b"
    r"|\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d ?(?:st|nd|rd|th)) "
    r"(?:name|person|candidate)\b"
    r"|\b(?:ai|nguoi nao|ten nao|ong nao|ba nao) dung (?:dau tien|dau|dau danh sach|(thu \w+))\b"
)
# English "my" only in an English sentence ("Yên Mỹ" folds to "yen my")
_MINE_EN = re.compile(r"\b(my|mine|our)\b")
_ENGLISH = re.compile(r"\b(who|what|the|for|in|show|list|are|is|of)\b")


@dataclass(frozen=True)
class ConstituencyRef:
    """What a list request names: contest ``levels`` (none, one, or several = ambiguous), ``number``, ``mine``,
    ``position``."""

    levels: frozenset[str] = frozenset()
    number: int | None = None
    mine: bool = False
    #: a position on the ballot ("người số 5 trên phiếu"): that candidate, once the constituency is known
    position: int | None = None

    @property
    def level(self) -> str | None:
        """The one contest level named, else None (missing or ambiguous)."""
        return next(iter(self.levels)) if len(self.levels) == 1 else None

    @property
    def specific(self) -> bool:
        """Whether it names a level, a number or a ballot position (more than "my candidates")."""
        return bool(self.levels) or self.number is not None or self.position is not None


def _levels(text: str, tokens: tuple[str, ...], accented: tuple[str, ...]) -> frozenset[str]:
    found = {level for level, pattern in _EXPLICIT if pattern.search(text)}
    if found:
        return frozenset(found)
    if _COUNCIL.search(text):
        return frozenset(("province", "district", "commune"))  # "hđnd" with no level: any of the three councils
    for i, (tok, acc) in enumerate(zip(tokens, accented, strict=True)):
        if tok == "xa" and i > 0 and tokens[i - 1] == "thi":
            found.add("district")  # "thị xã" is a district-level town
            continue
        for level, words, marked in _BARE:
            if tok in words and (acc == tok or acc in marked):
                found.add(level)
        if tok == "thi" and tokens[i + 1 : i + 2] == ("tran",):
            found.add("commune")  # "thị trấn" (a town) is at the commune level
    return frozenset(found)


def parse_constituency_ref(text: str) -> ConstituencyRef:
    """The level(s), number and "mine" a message names (whether or not it asks for a list)."""
    prep = prepare(text)
    joined = " ".join(prep.tokens)
    m = _NUMBER.search(joined)
    return ConstituencyRef(
        levels=_levels(joined, prep.tokens, prep.accented),
        number=int(m.group("n")) if m else None,
        mine=bool(_MINE.search(joined) or (_MINE_EN.search(joined) and _ENGLISH.search(joined))),
        position=ballot_position(joined),
    )


def ballot_position(joined: str) -> int | None:
    """The ballot position named in prepared text ("nguoi so 5 tren phieu" -> 5), else None."""
    m = _POSITION.search(joined)
    if m is None:
        return None
    word = next((g for g in m.groups() if g is not None), "thu nhat")  # "ai đứng đầu": the first
    word = word.removeprefix("thu ")
    digits = re.match(r"\d+", word)
    value = _SPOKEN.get(word) or (int(digits.group()) if digits else 0)
    return value if value >= 1 else None


def candidate_list_request(text: str) -> ConstituencyRef | None:
    """The constituency reference of a request to list candidates, or None when the message asks something else."""
    joined = " ".join(prepare(text).tokens)
    if _NOT_A_LIST.search(joined):
        return None
    # a polling area spoken of: its number may be taken for a constituency's — unless it is the voter's own area,
    # with no number ("ứng cử hđnd huyện ở kv của mình là ai")
    if _POLLING_AREA.search(joined) and (_NUMBER_ANY.search(joined) or not _OWN_AREA.search(joined)):
        return None
    if _COUNT.search(joined) and not _NAMES.search(joined):
        return None  # "có bao nhiêu người ứng cử": a count
    ref = parse_constituency_ref(text)
    if ref.position is not None:
        return ref  # "người số 5 trên phiếu HĐND tỉnh đơn vị 8 là ai"
    if _CANDIDATE.search(joined):
        # "ứng viên hđnd tỉnh của tôi" asks for a list without a "who" word
        if _LIST.search(joined) or ref.mine:
            return ref
        # "ung cu vien hdnd xa quang bach don vi 3": a candidate noun with a constituency number or a council named,
        # and no other question ("ứng cử viên hđnd cần giấy tờ gì")
        # ("ứng cử hđnd xã bản thi đơn vị 2": the verb alone, with both a council and a number)
        noun = _CANDIDATE_NOUN.search(joined)
        if (
            (noun or ref.number is not None)
            and (ref.number is not None or _LEVEL_WORD.search(joined))
            and (noun or _LEVEL_WORD.search(joined))
            and not _OTHER_QUESTION.search(joined)
        ):
            return ref
        return None
    # no candidate word: a council or the National Assembly with a "who", for a numbered constituency or the voter's
    # own ballot ("hđnd xã tân lập đơn vị số 2 có những ai", "phiếu hđnd xã của mình có những tên ai")
    if _LEVEL_WORD.search(joined) and _WHO.search(joined) and (ref.number is not None or ref.mine):
        return ref
    return None


def names_own_polling_area(text: str) -> bool:
    """Whether a message speaks of the voter's own polling area ("khu vực chỗ tôi", "kv của mình", "my polling
    station")."""
    return bool(_OWN_AREA.search(" ".join(prepare(text).tokens)))


#: asking for the others beside a person named ("có anh X ra ứng cử phải không, còn những ai nữa")
_WHO_ELSE = re.compile(
    r"\b(con ai|ai nua|nhung ai nua|con nhung ai|who else|anyone else|the others|other candidates"
    # the whole list asked for, with one person in it ("đơn vị số 2 có những ai, có anh Hoàng Văn Hòa không")
    r"|co nhung ai|gom nhung ai|la nhung ai|danh sach|who are the|list of)\b"
)


def asks_who_else(text: str) -> bool:
    """Whether a message asks who else (runs) beside someone it names, or for the whole list with that person in it:
    the list, not that person's card."""
    return bool(_WHO_ELSE.search(" ".join(prepare(text).tokens)))


def names_polling_area(text: str) -> bool:
    """Whether a message speaks of a polling area ("khu vực bỏ phiếu thôn Nà Ngần", "kv 3", "polling station")."""
    return bool(_POLLING_AREA.search(" ".join(prepare(text).tokens)))


def counts_polling_areas(text: str) -> bool:
    """Whether a message counts polling areas ("có mấy khu vực bỏ phiếu"): a unit's question, not one area's."""
    return bool(_AREAS_COUNTED.search(" ".join(prepare(text).tokens)))


def explicit_constituency_number(text: str) -> int | None:
    """The constituency number a message names explicitly ("đơn vị số 3", "dv 3", "dvbc so 2"), unless it also
    speaks of a polling area ("khu vực", "kv", "kvbp"), where a number may be the area's."""
    joined = " ".join(prepare(text).tokens)
    if _POLLING_AREA.search(joined):
        return None
    m = _NUMBER.search(joined)
    return int(m.group("n")) if m else None


def without_number(text: str) -> str:
    """The message without its constituency number ("đơn vị số 2", "đv 3", "dvbc so 4"), as typed: what is left
    names the place ("hđnd xã Yên Mỹ"), and the number would otherwise read as a polling area ("khu vực số 2")."""
    prep = prepare(text)
    tokens = list(prep.tokens)
    joined = " ".join(tokens)
    m = _NUMBER.search(joined)
    if m is None:
        return text
    # the lead words and the number go, a level named between them stays ("hội đồng nhân dân xã")
    drop: set[int] = set()
    for group in ("lead", "tail"):
        start = len(joined[: m.start(group)].split())
        drop.update(range(start, start + len(m.group(group).split())))
    return " ".join(w for i, w in enumerate(prep.accented) if i not in drop)


@dataclass(frozen=True)
class Option:
    """A constituency that may be meant: its id, contest level and number."""

    id: int
    level: str
    number: int


#: a request that names its level gets up to this many full lists ("HĐND tỉnh ở Chợ Đồn": constituencies 7 and 8)
MAX_LISTS = 2


def narrow(options: list[Option], ref: ConstituencyRef) -> list[Option]:
    """The options that fit the levels and the number named (unnamed ones do not filter)."""
    found = [o for o in options if not ref.levels or o.level in ref.levels]
    if ref.number is not None:
        found = [o for o in found if o.number == ref.number]
    return found


def decide(found: list[Option], ref: ConstituencyRef) -> str:
    """ "none", "show" (the lists are the answer) or "choose" (buttons: the level is missing, or too many)."""
    if not found:
        return "none"
    if len(found) == 1 or (ref.level is not None and len(found) <= MAX_LISTS):
        return "show"
    return "choose"


#: a hamlet or street group named as one ("thôn Cốc Lùng", "tổ 3", "village"; not "bản", which folds like "bạn")
_HAMLET_KIND = re.compile(r" (thon|xom|to dan pho|tdp|to \d+|khu pho|village|hamlet) ")
#: one commune-level or smaller place spoken of ("xã", "thôn", "tổ dân phố", "khu phố"), not counted ("bao nhiêu
#: xã", "các xã"); "bạn" and "tờ" fold like "bản" and "tổ", so those two are left out
_LOCAL_KIND = re.compile(
    r"\b(?<!bao nhieu )(?<!may )(?<!cac )(?<!moi )(?<!nhung )(?<!tung )(?<!many )(?<!each )(?<!all )"
    r"(xa|phuong|thi tran|thon|xom|to dan pho|tdp|khu pho|khu|commune|ward|village|hamlet)\b(?! vuc)"
)


def names_hamlet(text: str) -> bool:
    """Whether a message names a hamlet or street group as one ("thôn Cốc Lùng xã Đồng Lạc có bao nhiêu cử tri")."""
    return bool(_HAMLET_KIND.search(f" {fold(text)} "))


def names_local_place(text: str) -> bool:
    """Whether a message speaks of one commune-level or smaller place ("xã tôi", "thôn bằng"), not of several."""
    return bool(_LOCAL_KIND.search(f" {fold(text)} "))


#: the titles a person is called by ("ông", "bà", "chị", … "ô" typed short; "mr", "ms")
_TITLES = r"(ong|ba|anh|chi|co|chu|bac|o|mr|mrs|ms)"


def called_by(text: str, name: str) -> bool:
    """Whether a message calls someone ``name`` with a title before it ("ô Lèo Tuấn ứng cử ở đv nào")."""
    return re.search(rf"\b{_TITLES} {re.escape(fold(name))}\b", fold(text)) is not None


#: a person's age or birth asked ("ông X năm nay bao nhiêu tuổi", "bà Y sinh năm nào")
_AGE = re.compile(r"\b(bao nhieu tuoi|may tuoi|sinh nam (nao|bao nhieu|may)|nam sinh|sinh ngay (nao|may)|how old)\b")


def asks_age(text: str) -> bool:
    """Whether a message asks someone's age or date of birth."""
    return bool(_AGE.search(" ".join(prepare(text).tokens)))


#: the whole district or province spoken of without its name ("cả huyện mình bầu bao nhiêu đại biểu", "toàn tỉnh")
_WHOLE_LEVEL = re.compile(
    r"\b(?:ca|toan|khap) (huyen|tinh)\b|\b(huyen|tinh) (?:minh|ta|toi|nha|em|nay)\b|\b(?:my|this|our) (district|province)\b"
)
_LEVEL_NAMES = {"huyen": 2, "district": 2, "tinh": 1, "province": 1}


def whole_level(text: str) -> int | None:
    """The administrative level (1 province, 2 district) of a unit spoken of as a whole without its name, or None."""
    m = _WHOLE_LEVEL.search(fold(text))
    return _LEVEL_NAMES[next(g for g in m.groups() if g)] if m else None


#: "the town" without its name ("thị trấn có bao nhiêu khu vực bỏ phiếu"): a district has one
_THE_TOWN = re.compile(r"\b(thi tran|the town)\b")


def names_the_town(text: str) -> bool:
    """Whether a message speaks of "the town" (thị trấn), a district's only one, whatever else it names."""
    return bool(_THE_TOWN.search(fold(text)))


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")


def count_question(text: str) -> str | None:
    """In a message of several sentences, the last one that asks how many ("Em là học sinh ở thị trấn Bằng Lũng. …
    Cho em hỏi HĐND huyện Chợ Đồn có bao nhiêu đơn vị bầu cử?": the district asked about, not the town of the story);
    None for a single sentence or none that counts."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return None
    asking = [s for s in sentences if _COUNT.search(_joined(s))]
    return asking[-1] if asking else None


#: the rule asked, with a candidate named as the example ("ông X có được làm tổ trưởng không", "muốn ra ứng cử như
#: bà X thì phải đủ bao nhiêu tuổi", "ông X được hiệp thương, vậy ai thì được ứng cử")
_RULE_ASKED = re.compile(
    r" (co duoc|duoc khong|duoc phep|co the|phai du|du bao nhieu tuoi|ai thi duoc|ai duoc ung cu|muon ra ung cu"
    r"|muon ung cu|dieu kien|tieu chuan|allowed|can (he|she)|may (he|she)|have to be|minimum age) "
)
#: "where" asked of something else than voting ("kiểm phiếu làm ở đâu", "khiếu nại ở đâu", "nghe … ở đâu")
_OTHER_WHERE = re.compile(
    r" (kiem phieu|khieu nai|phan anh|to cao|trinh bao|xin giay|nhan the|xem danh sach|nghe|tiep xuc|cong bo)"
    r"( \w+){0,3} (o dau|cho nao|noi nao) "
)
#: a case supposed ("nếu …", "giả sử …", "if …")
_SUPPOSED = re.compile(r" (neu|gia su|gia dinh|if|suppose) ")
#: a number that names a constituency or polling area ("đơn vị số 1", "kv 3"): no figure
_NUMBERED = re.compile(r" (so|don vi|dv|khu vuc bo phieu|kv|kvbp) \d+ ")
#: a short follow-up with nothing of its own ("còn đơn vị số 8 thì sao?", "what about the other one")
_FOLLOW_UP = re.compile(
    r"^ (con|the con|vay con|con cai|what about|and) .* (thi sao|the nao|thi|sao|nua) $|^ what about "
)
FOLLOW_UP_WORDS = 8


def _joined(text: str) -> str:
    return f" {' '.join(prepare(text).tokens)} "


def asks_the_rule(text: str) -> bool:
    """Whether a message naming a candidate asks the rule with them as the example ("có được …", "phải đủ bao
    nhiêu tuổi"), not about that person."""
    return bool(_RULE_ASKED.search(_joined(text)))


def asks_where_of_other_than_voting(text: str) -> bool:
    """Whether "where" is asked of the count, a complaint, a meeting … rather than of voting."""
    return bool(_OTHER_WHERE.search(_joined(text)))


def supposes_a_case(text: str) -> bool:
    """Whether a message supposes a case ("nếu … thì có trúng cử không", "được 60% thì …") rather than asking what
    happened: a supposition word, or a figure other than a constituency's or polling area's number."""
    joined = _joined(text)
    return bool(_SUPPOSED.search(joined)) or any(ch.isdigit() for ch in _NUMBERED.sub(" ", joined))


def is_follow_up(text: str) -> bool:
    """Whether a message is a short follow-up with nothing of its own ("còn đơn vị số 8 thì sao?"): without the
    question before it, any answer would be a guess."""
    joined = _joined(text)
    return len(joined.split()) <= FOLLOW_UP_WORDS and bool(_FOLLOW_UP.search(joined))
