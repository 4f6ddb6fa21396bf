"""The import format: sheets, columns and value parsers (see ``docs/import-format.md``)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

# --- text helpers ----------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def fold(text: str) -> str:
    """Lower case, no diacritics, punctuation and underscores to single spaces: "Mã đơn vị" -> "ma don vi"."""
    text = unicodedata.normalize("NFC", text).lower().replace("đ", "d")
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn")
    return " ".join(_NON_WORD.sub(" ", text).replace("_", " ").split())


def squash(text: str) -> str:
    """``fold`` without spaces, for sheet and file names: "Don vi bau cu" -> "donvibaucu"."""
    return fold(text).replace(" ", "")


class ValueProblem(ValueError):
    """A cell value that cannot be used; the message is the reason shown to the user."""


# --- columns and sheets ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str  # field name in the plan (and usually in the model)
    header: str  # Vietnamese header as written by the template
    alias: str  # English alias
    kind: str  # text, int, float, date, time, bool, gender, list, unit_kind, contest_kind, level, law
    required: bool
    example: Any
    help: str  # Vietnamese explanation for the HuongDan sheet and the docs
    width: int = 18
    extra_aliases: tuple[str, ...] = ()

    def names(self) -> set[str]:
        return {fold(self.header), fold(self.alias), fold(self.key), *(fold(a) for a in self.extra_aliases)}


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str  # Vietnamese description
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _c(
    key: str, header: str, alias: str, kind: str, required: bool, example: Any, help: str, width: int = 18, *extra: str
) -> Column:
    return Column(key, header, alias, kind, required, example, help, width, tuple(extra))


UNITS = Sheet(
    "DonViHanhChinh",
    "Đơn vị hành chính (tỉnh, huyện, xã)",
    (
        _c(
            "code",
            "Mã đơn vị",
            "unit_code",
            "text",
            True,
            "VD-X01",
            "Mã duy nhất của đơn vị (ví dụ mã thống kê)",
            14,
            "ma",
        ),
        _c(
            "name",
            "Tên đơn vị",
            "name",
            "text",
            True,
            "Thôn Mới (ví dụ)",
            'Tên riêng, không kèm chữ chỉ loại: "Chợ Đồn", không phải "huyện Chợ Đồn"',
            26,
            "ten",
        ),
        _c(
            "kind",
            "Loại",
            "kind",
            "unit_kind",
            True,
            "xã",
            "tỉnh, thành phố trực thuộc TW, huyện, thị xã, thành phố, quận, xã, phường, thị trấn, đặc khu",
            16,
        ),
        _c(
            "parent",
            "Mã đơn vị cấp trên",
            "parent_code",
            "text",
            False,
            "VD-H01",
            "Bỏ trống với tỉnh/thành phố trực thuộc TW",
            18,
        ),
    ),
)

ELECTIONS = Sheet(
    "CuocBauCu",
    "Cuộc bầu cử (một ngày bầu cử)",
    (
        _c("code", "Mã cuộc bầu cử", "election_code", "text", True, "VD-2026", "Mã duy nhất, ví dụ BC2026", 16, "ma"),
        _c(
            "name",
            "Tên cuộc bầu cử",
            "name",
            "text",
            True,
            "Cuộc bầu cử ví dụ",
            "Tên đầy đủ bằng tiếng Việt",
            40,
            "ten",
        ),
        _c("name_en", "Tên tiếng Anh", "name_en", "text", False, "Example election", "Tên bằng tiếng Anh", 30),
        _c("election_date", "Ngày bầu cử", "election_date", "date", True, "15/03/2026", "dd/mm/yyyy", 14),
        _c(
            "voting_start",
            "Giờ bắt đầu",
            "voting_start",
            "time",
            False,
            "07:00",
            "Mặc định 07:00 (không trước 05:00)",
            12,
        ),
        _c("voting_end", "Giờ kết thúc", "voting_end", "time", False, "19:00", "Mặc định 19:00 (không sau 21:00)", 12),
        _c(
            "law_edition",
            "Phiên bản luật",
            "law_edition",
            "law",
            False,
            "2025",
            "2015 (Luật 85/2015/QH13) hoặc 2025 (Luật 83/2025/QH15); mặc định theo ngày bầu cử",
            14,
        ),
        _c("timezone", "Múi giờ", "timezone", "text", False, "Asia/Ho_Chi_Minh", "Mặc định Asia/Ho_Chi_Minh", 18),
        _c(
            "is_demo",
            "Dữ liệu minh họa",
            "is_demo",
            "bool",
            False,
            "có",
            "có/không; mặc định không",
            12,
            "du lieu minh hoa",
        ),
        _c(
            "notice",
            "Ghi chú",
            "notice",
            "text",
            False,
            "Dữ liệu ví dụ, không có thật.",
            "Lời lưu ý hiển thị kèm các câu trả lời lấy từ dữ liệu này",
            40,
            "note",
        ),
    ),
)

CONTESTS = Sheet(
    "LoaiBauCu",
    "Loại bầu cử trên phiếu: Quốc hội, HĐND tỉnh, HĐND huyện, HĐND xã",
    (
        _c(
            "code",
            "Mã loại bầu cử",
            "contest_code",
            "text",
            True,
            "VD-HDND-X01",
            "Duy nhất trong cuộc bầu cử",
            16,
            "ma",
        ),
        _c("election", "Mã cuộc bầu cử", "election_code", "text", True, "VD-2026", "Mã ở trang CuocBauCu", 14),
        _c("kind", "Loại", "kind", "contest_kind", True, "HĐND", "QH (Quốc hội) hoặc HĐND", 10),
        _c(
            "level",
            "Cấp",
            "level",
            "level",
            False,
            "xã",
            "trung ương, tỉnh, huyện, xã; bỏ trống để suy ra từ đơn vị hành chính",
            10,
        ),
        _c(
            "unit",
            "Mã đơn vị hành chính",
            "unit_code",
            "text",
            False,
            "VD-X01",
            "Đơn vị có Hội đồng nhân dân; bỏ trống với Quốc hội",
            16,
        ),
        _c("name", "Tên", "name", "text", True, "HĐND xã Thôn Mới (ví dụ)", "Tên hiển thị", 34, "ten"),
        _c(
            "ballot_order",
            "Thứ tự phiếu",
            "ballot_order",
            "int",
            False,
            4,
            "Mặc định: Quốc hội 1, tỉnh 2, huyện 3, xã 4",
            10,
        ),
    ),
)

CONSTITUENCIES = Sheet(
    "DonViBauCu",
    "Đơn vị bầu cử",
    (
        _c(
            "code",
            "Mã đơn vị bầu cử",
            "constituency_code",
            "text",
            True,
            "VD-X01-1",
            "Duy nhất trong cuộc bầu cử",
            16,
            "ma",
        ),
        _c("election", "Mã cuộc bầu cử", "election_code", "text", True, "VD-2026", "Mã ở trang CuocBauCu", 14),
        _c("contest", "Mã loại bầu cử", "contest_code", "text", True, "VD-HDND-X01", "Mã ở trang LoaiBauCu", 16),
        _c("number", "Số", "number", "int", True, 1, "Số thứ tự của đơn vị bầu cử trong loại bầu cử", 8, "so"),
        _c("name", "Tên", "name", "text", False, "Đơn vị bầu cử số 1", 'Mặc định "Đơn vị bầu cử số N"', 24, "ten"),
        _c("seats", "Số đại biểu được bầu", "seats", "int", True, 2, "Quốc hội 1–3, HĐND 1–5", 12),
        _c(
            "owner",
            "Mã đơn vị phụ trách",
            "owner_unit_code",
            "text",
            False,
            "VD-X01",
            "Đơn vị có Ủy ban bầu cử phụ trách; mặc định đơn vị của HĐND (bắt buộc với Quốc hội)",
            16,
        ),
        _c(
            "units",
            "Các đơn vị hành chính",
            "unit_codes",
            "list",
            False,
            "VD-X01",
            "Mã các đơn vị hành chính thuộc đơn vị bầu cử, cách nhau bởi ; hoặc ,",
            28,
        ),
        _c("description", "Mô tả", "description", "text", False, "Gồm toàn bộ xã Thôn Mới", "Tự do", 30),
    ),
)

AREAS = Sheet(
    "KhuVucBoPhieu",
    "Khu vực bỏ phiếu",
    (
        _c("code", "Mã khu vực", "area_code", "text", True, "VD-X01-KV1", "Duy nhất trong cuộc bầu cử", 16, "ma"),
        _c("election", "Mã cuộc bầu cử", "election_code", "text", True, "VD-2026", "Mã ở trang CuocBauCu", 14),
        _c("number", "Số", "number", "int", True, 1, "Số khu vực bỏ phiếu trong xã (duy nhất trong xã)", 8, "so"),
        _c(
            "name", "Tên", "name", "text", False, "Khu vực bỏ phiếu số 1", 'Mặc định "Khu vực bỏ phiếu số N"', 22, "ten"
        ),
        _c("commune", "Mã xã", "commune_code", "text", True, "VD-X01", "Mã xã/phường/thị trấn/đặc khu", 12),
        _c("address", "Địa chỉ", "address", "text", True, "Nhà văn hóa thôn Mới", "Nơi bỏ phiếu", 36, "dia diem"),
        _c("latitude", "Vĩ độ", "latitude", "float", False, 21.0285, "Số thập phân, ví dụ 22.1523", 11),
        _c("longitude", "Kinh độ", "longitude", "float", False, 105.8542, "Số thập phân, ví dụ 105.6017", 11),
        _c("registered_voters", "Số cử tri", "registered_voters", "int", True, 650, "Theo danh sách cử tri", 10),
        _c(
            "hamlets",
            "Thôn, tổ dân phố",
            "hamlets",
            "hamlets",
            False,
            "Thôn Mới; Thôn Cũ",
            "Tên các thôn/bản/tổ dân phố, cách nhau bởi ;",
            34,
            "thon",
            "cac thon to dan pho",
            "thon ban to dan pho",
        ),
        _c(
            "constituencies",
            "Các đơn vị bầu cử",
            "constituency_codes",
            "list",
            True,
            "VD-X01-1",
            "Mã đơn vị bầu cử của khu vực ở mỗi loại bầu cử (một mã cho mỗi loại), cách nhau bởi ;",
            34,
        ),
        _c("note", "Ghi chú", "note", "text", False, "", "Tự do", 20),
    ),
)

CANDIDATES = Sheet(
    "NguoiUngCu",
    "Người ứng cử",
    (
        _c("code", "Mã người ứng cử", "candidate_code", "text", True, "VD-UC1", "Duy nhất trong cuộc bầu cử", 14, "ma"),
        _c("election", "Mã cuộc bầu cử", "election_code", "text", True, "VD-2026", "Mã ở trang CuocBauCu", 14),
        _c(
            "constituency",
            "Mã đơn vị bầu cử",
            "constituency_code",
            "text",
            True,
            "VD-X01-1",
            "Mã ở trang DonViBauCu",
            16,
        ),
        _c("ballot_order", "Thứ tự trên phiếu", "ballot_order", "int", True, 1, "Duy nhất trong đơn vị bầu cử", 10),
        _c("full_name", "Họ và tên", "full_name", "text", True, "Nguyễn Văn An", "Có dấu", 24),
        _c("gender", "Giới tính", "gender", "gender", True, "Nam", "Nam hoặc Nữ", 10),
        _c("date_of_birth", "Ngày sinh", "date_of_birth", "date", True, "12/04/1980", "dd/mm/yyyy; đủ 21 tuổi", 12),
        _c("ethnicity", "Dân tộc", "ethnicity", "text", False, "Kinh", "", 10),
        _c("religion", "Tôn giáo", "religion", "text", False, "Không", "", 10),
        _c("hometown", "Quê quán", "hometown", "text", False, "xã Thôn Mới", "", 26),
        _c("residence", "Nơi ở hiện nay", "residence", "text", False, "thôn Mới, xã Thôn Mới", "", 26, "noi o"),
        _c(
            "education",
            "Trình độ",
            "education",
            "text",
            False,
            "12/12; Đại học; Trung cấp lý luận chính trị",
            "Học vấn; chuyên môn; lý luận chính trị",
            34,
        ),
        _c("occupation", "Nghề nghiệp, chức vụ", "occupation", "text", False, "Chủ tịch Hội Nông dân xã", "", 30),
        _c("workplace", "Nơi công tác", "workplace", "text", False, "UBND xã Thôn Mới", "", 26),
        _c("party_member", "Đảng viên", "party_member", "bool", False, "có", "có/không; mặc định không", 10),
        _c("party_joined", "Ngày vào Đảng", "party_joined", "date", False, "03/02/2005", "dd/mm/yyyy", 12),
        _c("incumbent", "Đại biểu đương nhiệm", "incumbent", "bool", False, "không", "có/không; mặc định không", 12),
        _c(
            "incumbent_note",
            "Ghi chú đương nhiệm",
            "incumbent_note",
            "text",
            False,
            "",
            "Ví dụ: Đại biểu HĐND xã nhiệm kỳ 2021–2026",
            26,
        ),
        _c("biography", "Tiểu sử", "biography", "text", False, "Sinh ra và lớn lên ở xã Thôn Mới.", "", 40),
        _c("programme", "Chương trình hành động", "programme", "text", False, "1. ...; 2. ...", "", 40),
    ),
)

SHEETS: tuple[Sheet, ...] = (UNITS, ELECTIONS, CONTESTS, CONSTITUENCIES, AREAS, CANDIDATES)
SHEET_BY_SQUASHED = {squash(s.name): s for s in SHEETS}
INSTRUCTIONS_SHEET = "HuongDan"

# --- value vocabularies ----------------------------------------------------------------------------------------

UNIT_KINDS: dict[str, tuple[str, int]] = {  # folded Vietnamese/English -> (kind, level)
    "tinh": ("tinh", 1),
    "province": ("tinh", 1),
    "thanh pho truc thuoc tw": ("thanh_pho_tw", 1),
    "thanh pho truc thuoc trung uong": ("thanh_pho_tw", 1),
    "thanh pho tw": ("thanh_pho_tw", 1),
    "tp truc thuoc tw": ("thanh_pho_tw", 1),
    "huyen": ("huyen", 2),
    "district": ("huyen", 2),
    "thi xa": ("thi_xa", 2),
    "thanh pho": ("thanh_pho", 2),
    "thanh pho thuoc tinh": ("thanh_pho", 2),
    "quan": ("quan", 2),
    "xa": ("xa", 3),
    "commune": ("xa", 3),
    "phuong": ("phuong", 3),
    "ward": ("phuong", 3),
    "thi tran": ("thi_tran", 3),
    "township": ("thi_tran", 3),
    "dac khu": ("dac_khu", 3),
}
for _kind, _level in [
    ("tinh", 1),
    ("thanh_pho_tw", 1),
    ("huyen", 2),
    ("thi_xa", 2),
    ("thanh_pho", 2),
    ("quan", 2),
    ("xa", 3),
    ("phuong", 3),
    ("thi_tran", 3),
    ("dac_khu", 3),
]:
    UNIT_KINDS.setdefault(fold(_kind), (_kind, _level))

UNIT_KIND_LABEL = {
    "tinh": "tỉnh",
    "thanh_pho_tw": "thành phố trực thuộc TW",
    "huyen": "huyện",
    "thi_xa": "thị xã",
    "thanh_pho": "thành phố",
    "quan": "quận",
    "xa": "xã",
    "phuong": "phường",
    "thi_tran": "thị trấn",
    "dac_khu": "đặc khu",
}

CONTEST_KINDS = {
    "qh": "na",
    "quoc hoi": "na",
    "na": "na",
    "dbqh": "na",
    "national assembly": "na",
    "hdnd": "hdnd",
    "hoi dong nhan dan": "hdnd",
    "people s council": "hdnd",
    "council": "hdnd",
}
LEVELS = {
    "trung uong": "national",
    "quoc gia": "national",
    "toan quoc": "national",
    "national": "national",
    "tinh": "province",
    "province": "province",
    "huyen": "district",
    "district": "district",
    "xa": "commune",
    "commune": "commune",
}
LEVEL_OF_UNIT_LEVEL = {1: "province", 2: "district", 3: "commune"}
DEFAULT_BALLOT_ORDER = {"national": 1, "province": 2, "district": 3, "commune": 4}
TRUE_WORDS = {"co", "c", "x", "yes", "y", "true", "1", "dung", "phai", "la dang vien", "dang vien"}
FALSE_WORDS = {"khong", "k", "ko", "no", "n", "false", "0", "sai"}
GENDERS = {"nam": "nam", "male": "nam", "m": "nam", "nu": "nu", "female": "nu", "f": "nu"}

# --- parsers: raw cell value (str from CSV, typed from xlsx) -> Python value -------------------------------------

_INT_GROUPED = re.compile(r"^[+-]?\d{1,3}([., \u00a0]\d{3})+$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?)?$")
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:hg]\s*(\d{2})?)?(?::(\d{2}))?$")


def text_of(value: Any) -> str:
    """A cell as text: numbers without a useless ".0", everything stripped and NFC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y") if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueProblem(f"{text_of(value)!r} is not a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueProblem(f"{value!r} is not a whole number")
    text = text_of(value)
    if re.fullmatch(r"[+-]?\d+", text):
        return int(text)
    if _INT_GROUPED.match(text):
        return int(re.sub(r"[., \u00a0]", "", text))
    raise ValueProblem(f"{text!r} is not a whole number")


def parse_float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueProblem(f"{text_of(value)!r} is not a number")
    if isinstance(value, int | float):
        return float(value)
    text = text_of(value).replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueProblem(f"{text_of(value)!r} is not a number (use e.g. 22.1523)") from None


def parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = text_of(value)
    try:
        if m := _DATE_DMY.match(text):
            return date(int(m[3]), int(m[2]), int(m[1]))
        if m := _DATE_ISO.match(text):
            return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueProblem(f"{text!r} is not a valid date") from None
    raise ValueProblem(f"{text!r} is not a date (use dd/mm/yyyy, e.g. 23/05/2021)")


def parse_time(value: Any) -> time:
    if isinstance(value, datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, time):
        return value.replace(microsecond=0)
    if isinstance(value, timedelta):
        value = value.total_seconds() / 86400
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time without a time format
        minutes = round(value * 24 * 60)
        return time(minutes // 60, minutes % 60)
    text = text_of(value).lower()
    m = _TIME.match(text)
    try:
        if m:
            return time(int(m[1]), int(m[2] or 0), int(m[3] or 0))
    except ValueError:
        pass
    raise ValueProblem(f"{text!r} is not a time of day (use hh:mm, e.g. 07:00)")


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    folded = fold(text_of(value))
    if folded in TRUE_WORDS:
        return True
    if folded in FALSE_WORDS:
        return False
    raise ValueProblem(f"{text_of(value)!r} is not yes or no (use có or không)")


def parse_gender(value: Any) -> str:
    folded = fold(text_of(value))
    if folded in GENDERS:
        return GENDERS[folded]
    raise ValueProblem(f"{text_of(value)!r} is not a gender (use Nam or Nữ)")


def parse_list(value: Any, separators: str = ";,\n") -> list[str]:
    text = text_of(value)
    items = re.split("[" + re.escape(separators) + "]", text)
    return [" ".join(i.split()) for i in items if i.strip()]


def parse_unit_kind(value: Any) -> tuple[str, int]:
    folded = fold(text_of(value))
    if folded in UNIT_KINDS:
        return UNIT_KINDS[folded]
    raise ValueProblem(
        f"{text_of(value)!r} is not a kind of unit (use tỉnh, thành phố trực thuộc TW, huyện, thị xã, thành phố, "
        "quận, xã, phường, thị trấn or đặc khu)"
    )


def parse_contest_kind(value: Any) -> str:
    folded = fold(text_of(value))
    if folded in CONTEST_KINDS:
        return CONTEST_KINDS[folded]
    raise ValueProblem(f"{text_of(value)!r} is not a kind of contest (use QH or HĐND)")


def parse_level(value: Any) -> str:
    folded = fold(text_of(value))
    for prefix in ("hdnd ", "cap "):
        folded = folded.removeprefix(prefix)
    if folded in LEVELS:
        return LEVELS[folded]
    raise ValueProblem(f"{text_of(value)!r} is not a level (use trung ương, tỉnh, huyện or xã)")


def parse_law(value: Any) -> str:
    text = text_of(value)
    for edition in ("2015", "2025"):
        if edition in text:
            return edition
    raise ValueProblem(f"{text!r} is not a law edition (use 2015 or 2025)")


PARSERS = {
    "int": parse_int,
    "float": parse_float,
    "date": parse_date,
    "time": parse_time,
    "bool": parse_bool,
    "gender": parse_gender,
    "list": parse_list,
    "hamlets": lambda v: parse_list(v, ";\n"),
    "unit_kind": parse_unit_kind,
    "contest_kind": parse_contest_kind,
    "level": parse_level,
    "law": parse_law,
    "text": text_of,
}
