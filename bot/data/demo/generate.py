"""Generate the demo dataset (CSV files in the import format) for Chợ Đồn district, Bắc Kạn province, 2021.

Run ``python bot/data/demo/generate.py`` from the repository root; the output is deterministic (seeded), so a re-run
gives the same files. The REAL section below is written by hand from public facts (see docs/DOMAIN.md: units, the
election, the contests, the seat counts of the district council's 7 constituencies and of provincial constituencies
no. 7 and 8). Everything in the INVENTED section is made up for illustration and the dataset's notice says so.
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from db.importer.spec import AREAS, CANDIDATES, CONSTITUENCIES, CONTESTS, ELECTIONS, UNITS, Sheet  # noqa: E402

# ============================================================================================================
# REAL: administrative structure, election, contests, district and provincial constituencies with seats
# ============================================================================================================

ELECTION = "BC2021"
ELECTION_DAY = date(2021, 5, 23)
PROVINCE = ("BK", "Bắc Kạn")
DISTRICT = ("BK-CD", "Chợ Đồn")
OTHER_DISTRICTS = [  # the other district-level units of Bắc Kạn (for the National Assembly constituencies)
    ("BK-TPBK", "Bắc Kạn", "thành phố"),
    ("BK-BB", "Ba Bể", "huyện"),
    ("BK-BT", "Bạch Thông", "huyện"),
    ("BK-CM", "Chợ Mới", "huyện"),
    ("BK-NR", "Na Rì", "huyện"),
    ("BK-NS", "Ngân Sơn", "huyện"),
    ("BK-PN", "Pác Nặm", "huyện"),
]
TOWN = "Bằng Lũng"
COMMUNES = [
    "Bằng Lũng",
    "Bằng Lãng",
    "Phương Viên",
    "Bằng Phúc",
    "Đồng Thắng",
    "Đại Sảo",
    "Yên Mỹ",
    "Yên Phong",
    "Lương Bằng",
    "Nghĩa Tá",
    "Bình Trung",
    "Ngọc Phái",
    "Tân Lập",
    "Quảng Bạch",
    "Đồng Lạc",
    "Nam Cường",
    "Xuân Lạc",
    "Yên Thượng",
    "Yên Thịnh",
    "Bản Thi",
]
# HĐND huyện Chợ Đồn 2021: 31 seats in 7 constituencies
DISTRICT_CONSTITUENCIES = [
    (1, ["Bằng Lũng", "Bằng Lãng"], 5),
    (2, ["Phương Viên", "Bằng Phúc", "Đồng Thắng"], 5),
    (3, ["Đại Sảo", "Yên Mỹ", "Yên Phong"], 4),
    (4, ["Lương Bằng", "Nghĩa Tá", "Bình Trung"], 5),
    (5, ["Ngọc Phái", "Tân Lập", "Quảng Bạch"], 4),
    (6, ["Đồng Lạc", "Nam Cường", "Xuân Lạc"], 5),
    (7, ["Yên Thượng", "Yên Thịnh", "Bản Thi"], 3),
]
# HĐND tỉnh Bắc Kạn 2021: constituencies no. 7 and 8 lie in Chợ Đồn, 4 seats and 7 candidates each.
# (The split of the communes between them is an assumption: districts constituencies 1-3 and 7, then 4-6.)
PROVINCE_CONSTITUENCIES = [
    (7, [c for n in (1, 2, 3, 7) for c in DISTRICT_CONSTITUENCIES[n - 1][1]], 4, 7),
    (8, [c for n in (4, 5, 6) for c in DISTRICT_CONSTITUENCIES[n - 1][1]], 4, 7),
]
# Quốc hội: Bắc Kạn has 2 constituencies electing 3 + 3 deputies (the districts of each are an assumption).
NA_CONSTITUENCIES = [
    (1, ["BK-TPBK", "BK-BT", "BK-CM", "BK-NR"], 3, 5),
    (2, ["BK-CD", "BK-BB", "BK-PN", "BK-NS"], 3, 5),
]
ELECTION_ROW = {
    "code": ELECTION,
    "name": "Bầu cử đại biểu Quốc hội khóa XV và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2021 – 2026",
    "name_en": "Election of deputies to the 15th National Assembly and to People's Councils at all levels, "
    "2021–2026 term",
    "election_date": "23/05/2021",
    "voting_start": "07:00",
    "voting_end": "19:00",
    "law_edition": "2015",
    "timezone": "Asia/Ho_Chi_Minh",
    "is_demo": "có",
    "notice": "Dữ liệu minh họa. Chỉ cơ cấu đơn vị hành chính của huyện Chợ Đồn, tỉnh Bắc Kạn, ngày bầu cử và số "
    "đại biểu được bầu của các đơn vị bầu cử HĐND huyện Chợ Đồn (7 đơn vị, 31 đại biểu), đơn vị bầu cử số 7 và số 8 "
    "HĐND tỉnh (mỗi đơn vị 4 đại biểu) và 2 đơn vị bầu cử đại biểu Quốc hội của tỉnh (mỗi đơn vị 3 đại biểu) là "
    "theo cuộc bầu cử ngày 23/5/2021. Phạm vi các đơn vị bầu cử Quốc hội và HĐND tỉnh, các đơn vị bầu cử HĐND xã, "
    "khu vực bỏ phiếu, thôn, địa chỉ, số cử tri và toàn bộ người ứng cử là hư cấu, chỉ để minh họa cách dùng.",
}

# ============================================================================================================
# INVENTED: polling areas, hamlets, commune council layouts, candidates
# ============================================================================================================

CENTRES = {  # a plausible centre per commune (lat, lon), all inside the district
    "Bằng Lũng": (22.158, 105.604),
    "Bằng Lãng": (22.122, 105.640),
    "Phương Viên": (22.203, 105.642),
    "Bằng Phúc": (22.236, 105.690),
    "Đồng Thắng": (22.176, 105.682),
    "Đại Sảo": (22.088, 105.690),
    "Yên Mỹ": (22.075, 105.652),
    "Yên Phong": (22.095, 105.612),
    "Lương Bằng": (22.110, 105.560),
    "Nghĩa Tá": (22.082, 105.582),
    "Bình Trung": (22.078, 105.522),
    "Ngọc Phái": (22.198, 105.572),
    "Tân Lập": (22.245, 105.602),
    "Quảng Bạch": (22.285, 105.652),
    "Đồng Lạc": (22.252, 105.522),
    "Nam Cường": (22.292, 105.560),
    "Xuân Lạc": (22.322, 105.505),
    "Yên Thượng": (22.182, 105.512),
    "Yên Thịnh": (22.215, 105.478),
    "Bản Thi": (22.300, 105.480),
}
AREA_COUNT = {
    "Bằng Lũng": 10,
    "Bằng Lãng": 5,
    "Phương Viên": 7,
    "Bằng Phúc": 6,
    "Đồng Thắng": 4,
    "Đại Sảo": 6,
    "Yên Mỹ": 5,
    "Yên Phong": 4,
    "Lương Bằng": 7,
    "Nghĩa Tá": 5,
    "Bình Trung": 6,
    "Ngọc Phái": 6,
    "Tân Lập": 4,
    "Quảng Bạch": 5,
    "Đồng Lạc": 7,
    "Nam Cường": 5,
    "Xuân Lạc": 8,
    "Yên Thượng": 4,
    "Yên Thịnh": 5,
    "Bản Thi": 6,
}
HAMLET_NAMES = [
    "Nà Tiềm",
    "Bản Tàn",
    "Khuổi Tặc",
    "Nà Bản",
    "Pác Nặm",
    "Phiêng Đẩy",
    "Cốc Thử",
    "Nà Pài",
    "Bản Cháng",
    "Khau Phảng",
    "Nà Làng",
    "Bản Lác",
    "Nà Khà",
    "Khuổi Linh",
    "Bản Mới",
    "Nà Đon",
    "Pác Cáp",
    "Phiêng Liềng",
    "Nà Quân",
    "Bản Quân",
    "Khuổi Nàng",
    "Cốc Phường",
    "Nà Ngần",
    "Bản Tết",
    "Nà Chang",
    "Nà Bưa",
    "Khuổi Bốc",
    "Bản Khét",
    "Nà Pì",
    "Phai Khắt",
    "Nà Kẹn",
    "Lũng Cào",
    "Bản Đăm",
    "Nà Mố",
    "Khuổi Khem",
    "Nà Cà",
    "Bản Nà",
    "Pác Pàn",
    "Nà Hin",
    "Cốc Lùng",
    "Nà Duồng",
    "Nà Lẹng",
    "Bản Chiêng",
    "Nà Chẻ",
    "Bản Piềng",
    "Khuổi Hỏi",
    "Khau Cưởm",
    "Nà Ca",
    "Bản Ruộc",
    "Nà Hon",
    "Phiêng Phung",
    "Nà Dạ",
    "Bản Cuôn",
    "Nà Ván",
    "Khuổi Kẹn",
    "Bản Cọn",
    "Nà Pậu",
    "Nà Tùm",
    "Nà Nghịu",
    "Khuổi Tục",
    "Bản Lanh",
    "Nà Tông",
    "Bản Vèn",
    "Nà Vài",
    "Bản Nhượng",
    "Khuổi Hẻo",
    "Nà Lùng",
    "Phiêng Khăm",
    "Bản Điếng",
    "Nà Mòn",
    "Nà Lá",
    "Bản Lạn",
    "Khuổi Ha",
    "Nà Quang",
    "Bó Pia",
    "Bản Áng",
    "Nà Chúa",
    "Phiêng Tạc",
    "Nà Rẩy",
    "Nà Hái",
    "Khuổi Dạ",
    "Lũng Muồi",
    "Khau Lồm",
    "Phja Khao",
    "Nà Áng",
    "Bản Khang",
    "Nà Pán",
    "Cốc Coọc",
    "Khuổi Thẳm",
    "Nà Vằn",
]
SURNAMES = {
    "Tày": ["Hoàng", "Nông", "Ma", "Hà", "Lương", "Hoàng", "Nông", "Lèo", "Triệu", "Đinh"],
    "Kinh": ["Nguyễn", "Trần", "Lê", "Phạm", "Đỗ", "Vũ", "Bùi"],
    "Dao": ["Triệu", "Bàn", "Đặng", "Lý"],
    "Nùng": ["Hứa", "Lục", "Nông", "Hoàng"],
    "Mông": ["Giàng", "Vàng", "Sùng", "Mã"],
    "Hoa": ["Lưu", "Diệp"],
}
ETHNICITY_WEIGHTS = [("Tày", 62), ("Kinh", 16), ("Dao", 10), ("Nùng", 7), ("Mông", 4), ("Hoa", 1)]
MIDDLE = {"nam": ["Văn", "Đức", "Quang", "Minh", "Thanh", "Văn", "Xuân"], "nu": ["Thị", "Thị", "Thu", "Thanh"]}
GIVEN = {
    "nam": [
        "Tuấn",
        "Hùng",
        "Dũng",
        "Cường",
        "Long",
        "Thắng",
        "Tiến",
        "Hải",
        "Sơn",
        "Khánh",
        "Hòa",
        "Bình",
        "Thành",
        "Quyết",
        "Lợi",
        "Nghĩa",
        "Toàn",
        "Kiên",
        "Huấn",
        "Chiến",
        "Đông",
        "Phong",
        "Trường",
        "Vinh",
    ],
    "nu": [
        "Hoa",
        "Lan",
        "Huệ",
        "Nga",
        "Thu",
        "Hương",
        "Hằng",
        "Thảo",
        "Mai",
        "Liên",
        "Thúy",
        "Duyên",
        "Nhung",
        "Yến",
        "Hiền",
        "Loan",
        "Phượng",
        "Dung",
        "Vân",
        "Quyên",
    ],
}
DEGREES = [
    "Đại học Sư phạm",
    "Đại học Luật",
    "Đại học Nông Lâm",
    "Đại học Kinh tế",
    "Đại học Y",
    "Cử nhân Hành chính",
    "Kỹ sư Lâm nghiệp",
    "Đại học Khoa học xã hội và Nhân văn",
    "Thạc sĩ Quản lý kinh tế",
]
LOCAL_DEGREES = [
    "Trung cấp Nông nghiệp",
    "Cao đẳng Sư phạm",
    "Trung cấp Y",
    "Trung cấp Luật",
    "Đại học Nông Lâm",
    "Trung cấp Kế toán",
    "Cao đẳng Thú y",
]
ROLES = {
    "na": [
        ("Phó Chủ tịch Ủy ban nhân dân tỉnh Bắc Kạn", "Ủy ban nhân dân tỉnh Bắc Kạn"),
        ("Trưởng Ban Dân tộc Hội đồng nhân dân tỉnh", "Hội đồng nhân dân tỉnh Bắc Kạn"),
        ("Giám đốc Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo tỉnh Bắc Kạn"),
        ("Phó Bí thư Tỉnh đoàn", "Tỉnh đoàn Bắc Kạn"),
        ("Bác sĩ, Phó Giám đốc Bệnh viện Đa khoa tỉnh", "Bệnh viện Đa khoa tỉnh Bắc Kạn"),
        ("Phó Chủ tịch Hội Liên hiệp Phụ nữ tỉnh", "Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn"),
        ("Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và PTNT tỉnh Bắc Kạn"),
        ("Phó Chánh Thanh tra tỉnh", "Thanh tra tỉnh Bắc Kạn"),
        ("Giảng viên", "Trường Chính trị tỉnh Bắc Kạn"),
        ("Phó Trưởng Đoàn đại biểu Quốc hội tỉnh", "Đoàn đại biểu Quốc hội tỉnh Bắc Kạn"),
    ],
    "province": [
        ("Bí thư Huyện ủy Chợ Đồn", "Huyện ủy Chợ Đồn"),
        ("Chủ tịch UBND huyện Chợ Đồn", "UBND huyện Chợ Đồn"),
        ("Phó Giám đốc Sở Y tế", "Sở Y tế tỉnh Bắc Kạn"),
        ("Giáo viên", "Trường THPT Chợ Đồn"),
        ("Giám đốc Hợp tác xã nông nghiệp", "Hợp tác xã Nông nghiệp Bằng Lũng"),
        ("Phó Trưởng ban Kinh tế – Ngân sách HĐND tỉnh", "HĐND tỉnh Bắc Kạn"),
        ("Trưởng Công an huyện Chợ Đồn", "Công an tỉnh Bắc Kạn"),
        ("Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban MTTQ Việt Nam tỉnh Bắc Kạn"),
        ("Bác sĩ", "Trung tâm Y tế huyện Chợ Đồn"),
        ("Phó Giám đốc Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường tỉnh Bắc Kạn"),
    ],
    "district": [
        ("Phó Chủ tịch UBND huyện", "UBND huyện Chợ Đồn"),
        ("Trưởng phòng Tài nguyên và Môi trường", "UBND huyện Chợ Đồn"),
        ("Bí thư Đảng ủy xã {c}", "Đảng ủy xã {c}"),
        ("Chủ tịch UBND xã {c}", "UBND xã {c}"),
        ("Hiệu trưởng", "Trường THCS {c}"),
        ("Bác sĩ", "Trung tâm Y tế huyện Chợ Đồn"),
        ("Chủ tịch Hội Nông dân huyện", "Hội Nông dân huyện Chợ Đồn"),
        ("Phó Chánh Văn phòng HĐND và UBND huyện", "Văn phòng HĐND và UBND huyện Chợ Đồn"),
        ("Chủ tịch Hội Liên hiệp Phụ nữ huyện", "Hội Liên hiệp Phụ nữ huyện Chợ Đồn"),
        ("Phó Bí thư Huyện đoàn", "Huyện đoàn Chợ Đồn"),
    ],
    "commune": [
        ("Bí thư chi bộ thôn {h}", "Chi bộ thôn {h}, xã {c}"),
        ("Trưởng thôn {h}", "Thôn {h}, xã {c}"),
        ("Chủ tịch Hội Liên hiệp Phụ nữ xã", "Hội Liên hiệp Phụ nữ xã {c}"),
        ("Công chức Tư pháp – Hộ tịch", "UBND xã {c}"),
        ("Giáo viên", "Trường Tiểu học {c}"),
        ("Nông dân", "Thôn {h}, xã {c}"),
        ("Y sĩ", "Trạm Y tế xã {c}"),
        ("Bí thư Đoàn xã", "Đoàn xã {c}"),
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự xã", "UBND xã {c}"),
        ("Trưởng Công an xã", "Công an xã {c}"),
        ("Chủ tịch Hội Cựu chiến binh xã", "Hội Cựu chiến binh xã {c}"),
        ("Công chức Địa chính – Xây dựng", "UBND xã {c}"),
        ("Giáo viên", "Trường Mầm non {c}"),
    ],
}
PROGRAMME = {
    "na": [
        "Phản ánh trung thực ý kiến, nguyện vọng của cử tri tỉnh Bắc Kạn tới Quốc hội",
        "Kiến nghị chính sách đầu tư hạ tầng giao thông, thủy lợi cho các huyện vùng cao",
        "Tham gia xây dựng luật, chú trọng chính sách dân tộc và giảm nghèo bền vững",
        "Giám sát việc thực hiện các chương trình mục tiêu quốc gia ở địa phương",
        "Thường xuyên tiếp xúc cử tri, trả lời kiến nghị của cử tri đúng hạn",
        "Đề xuất chính sách phát triển rừng, dược liệu và du lịch hồ Ba Bể",
    ],
    "province": [
        "Đề xuất nghị quyết hỗ trợ phát triển sản phẩm OCOP của huyện Chợ Đồn",
        "Giám sát việc khai thác khoáng sản và bảo vệ môi trường ở Chợ Điền, Bản Thi",
        "Kiến nghị nâng cấp đường giao thông liên xã và trường học vùng khó khăn",
        "Quan tâm chính sách cho cán bộ y tế, giáo viên ở thôn bản vùng sâu",
        "Tiếp xúc cử tri định kỳ, chuyển tải kịp thời ý kiến của cử tri tới HĐND tỉnh",
    ],
    "district": [
        "Giám sát việc sử dụng ngân sách và đầu tư công của huyện",
        "Kiến nghị hỗ trợ giống cây trồng, vật nuôi cho hộ nghèo",
        "Quan tâm cải tạo đường vào các thôn, nước sinh hoạt và điện lưới",
        "Vận động nhân dân xây dựng nông thôn mới, giữ gìn bản sắc văn hóa dân tộc",
        "Thực hiện tốt việc tiếp công dân, giải quyết kịp thời kiến nghị của cử tri",
    ],
    "commune": [
        "Lắng nghe và phản ánh kịp thời ý kiến của bà con trong thôn",
        "Vận động bà con phát triển kinh tế đồi rừng, trồng cây ăn quả",
        "Cùng nhân dân giữ gìn an ninh trật tự, phòng chống tệ nạn xã hội",
        "Vận động con em đi học đầy đủ, giữ gìn vệ sinh môi trường thôn bản",
        "Đề nghị sửa chữa nhà văn hóa thôn, bê tông hóa đường nội thôn",
        "Giám sát việc thực hiện chính sách hỗ trợ hộ nghèo, hộ cận nghèo",
    ],
}
VENUES = [
    "Nhà văn hóa thôn {h}, xã {c}",
    "Điểm trường thôn {h}, Trường Tiểu học {c}",
    "Nhà văn hóa thôn {h}, xã {c}",
    "Nhà văn hóa thôn {h}, xã {c}",
    "Trường Mầm non {c}, điểm thôn {h}",
]
HALL = "Hội trường UBND xã {c}"  # the first polling area of a commune votes at the commune hall


def slug(name: str) -> str:
    text = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    return "".join(ch for ch in text if ch.isalnum() and unicodedata.category(ch) != "Mn").upper()


def unit_code(commune: str) -> str:
    return f"BK-CD-{slug(commune)}"


def kind_of(commune: str) -> str:
    return "thị trấn" if commune == TOWN else "xã"


def place(commune: str) -> str:
    return f"{kind_of(commune)} {commune}"


class Gen:
    def __init__(self) -> None:
        self.rnd = random.Random(20210523)
        self.units: list[dict[str, object]] = []
        self.contests: list[dict[str, object]] = []
        self.constituencies: list[dict[str, object]] = []
        self.areas: list[dict[str, object]] = []
        self.candidates: list[dict[str, object]] = []
        self.hamlets: dict[str, list[str]] = {}
        self.used_names: set[str] = set()

    # --- people ---------------------------------------------------------------------------------------------

    def person(self, level: str, commune: str, code: str, constituency: str, order: int) -> dict[str, object]:
        rnd = self.rnd
        ethnicity = rnd.choices([e for e, _ in ETHNICITY_WEIGHTS], [w for _, w in ETHNICITY_WEIGHTS])[0]
        occupation, workplace = rnd.choice(ROLES[level])
        gender = "nu" if "Phụ nữ" in occupation or rnd.random() < 0.4 else "nam"
        while True:
            name = f"{rnd.choice(SURNAMES[ethnicity])} {rnd.choice(MIDDLE[gender])} {rnd.choice(GIVEN[gender])}"
            if name not in self.used_names:
                break
        self.used_names.add(name)
        oldest, youngest = {"na": (1964, 1986), "province": (1965, 1988)}.get(level, (1962, 1996))
        born = date(rnd.randint(oldest, youngest), rnd.randint(1, 12), rnd.randint(1, 28))
        hamlet = rnd.choice(self.hamlets[commune])
        home_commune = commune if rnd.random() < 0.7 else rnd.choice(COMMUNES)
        hometown = f"{place(home_commune)}, huyện Chợ Đồn, tỉnh Bắc Kạn"
        if level == "na" and rnd.random() < 0.4:
            hometown = rnd.choice(
                [
                    "xã Thượng Giáo, huyện Ba Bể, tỉnh Bắc Kạn",
                    "xã Cẩm Giàng, huyện Bạch Thông, tỉnh Bắc Kạn",
                    "phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn",
                    "xã Kim Lư, huyện Na Rì, tỉnh Bắc Kạn",
                ]
            )
        residence = f"thôn {hamlet}, {place(commune)}" if commune != TOWN else f"{hamlet}, thị trấn Bằng Lũng"
        residence += ", huyện Chợ Đồn, tỉnh Bắc Kạn"
        if level == "na":  # provincial officials mostly live in the provincial capital
            residence = (
                rnd.choice(
                    ["phường Đức Xuân", "phường Sông Cầu", "phường Phùng Chí Kiên", "phường Nguyễn Thị Minh Khai"]
                )
                + ", thành phố Bắc Kạn, tỉnh Bắc Kạn"
            )
        role_commune = rnd.choice(COMMUNES) if level == "district" else commune
        if role_commune == TOWN:
            occupation = occupation.replace("Trưởng thôn {h}", "Tổ trưởng {h}").replace("thôn {h}", "{h}")
            workplace = workplace.replace("Thôn {h}", "{h}").replace("thôn {h}", "{h}")
        occupation = occupation.replace("xã {c}", "{p}").format(c=role_commune, h=hamlet, p=place(role_commune))
        workplace = workplace.replace("xã {c}", "{p}").format(c=role_commune, h=hamlet, p=place(role_commune))
        if role_commune == TOWN and level == "commune":
            occupation = occupation.replace(" xã", " thị trấn")
        if level in ("na", "province"):
            degree = rnd.choice(DEGREES)
            theory = "Cao cấp lý luận chính trị"
        elif level == "district":
            degree = rnd.choice(DEGREES + LOCAL_DEGREES)
            theory = rnd.choice(["Cao cấp lý luận chính trị", "Trung cấp lý luận chính trị"])
        else:
            degree = rnd.choice([*LOCAL_DEGREES, "", ""])
            theory = rnd.choice(["Trung cấp lý luận chính trị", "Sơ cấp lý luận chính trị", ""])
        education = "; ".join(part for part in ("12/12", degree, theory) if part)
        party_p = {"na": 0.9, "province": 0.9, "district": 0.8}.get(level, 0.6)
        party = rnd.random() < party_p
        joined = born + timedelta(days=365 * rnd.randint(20, 32) + rnd.randint(0, 300)) if party else None
        if joined and joined >= date(2021, 3, 1):
            joined = date(2020, rnd.randint(1, 12), rnd.randint(1, 28))
        incumbent = rnd.random() < 0.3
        council = {
            "na": "Quốc hội khóa XIV",
            "province": "HĐND tỉnh Bắc Kạn nhiệm kỳ 2016–2021",
            "district": "HĐND huyện Chợ Đồn nhiệm kỳ 2016–2021",
            "commune": f"HĐND {place(commune)} nhiệm kỳ 2016–2021",
        }[level]
        pronoun = "Ông" if gender == "nam" else "Bà"
        start = min(max(born.year + 20, 1985) + rnd.randint(0, 6), 2019)
        bio = [f"{pronoun} {name} sinh ngày {born:%d/%m/%Y}, dân tộc {ethnicity}, quê quán {hometown}."]
        if degree:
            bio.append(f"Tốt nghiệp {degree[0].lower() + degree[1:]} năm {start - 1}.")
        where = "" if workplace in occupation else f", {workplace}"
        bio.append(f"Bắt đầu công tác từ năm {start}; hiện là {occupation}{where}.")
        if party and joined:
            bio.append(f"Vào Đảng Cộng sản Việt Nam ngày {joined:%d/%m/%Y}.")
        if incumbent:
            bio.append(f"Là đại biểu {council}.")
        bio.append(
            rnd.choice(
                [
                    "Nhiều năm được tặng Giấy khen, Bằng khen vì thành tích trong công tác.",
                    "Gắn bó với địa phương, am hiểu phong tục tập quán của đồng bào các dân tộc.",
                    "Gia đình nhiều năm liền đạt danh hiệu Gia đình văn hóa.",
                    "Tích cực tham gia các phong trào thi đua của địa phương.",
                ]
            )
        )
        points = rnd.sample(PROGRAMME[level], rnd.randint(3, min(5, len(PROGRAMME[level]))))
        return {
            "code": code,
            "election": ELECTION,
            "constituency": constituency,
            "ballot_order": order,
            "full_name": name,
            "gender": "Nam" if gender == "nam" else "Nữ",
            "date_of_birth": f"{born:%d/%m/%Y}",
            "ethnicity": ethnicity,
            "religion": "Không",
            "hometown": hometown,
            "residence": residence,
            "education": education,
            "occupation": occupation,
            "workplace": workplace,
            "party_member": "có" if party else "không",
            "party_joined": f"{joined:%d/%m/%Y}" if joined else "",
            "incumbent": "có" if incumbent else "không",
            "incumbent_note": f"Đại biểu {council}" if incumbent else "",
            "biography": " ".join(bio),
            "programme": "\n".join(f"{i}. {p}." for i, p in enumerate(points, 1)),
        }

    def ballot(self, level: str, communes: list[str], constituency: str, count: int) -> None:
        people = [
            self.person(level, self.rnd.choice(communes), f"UC-{constituency}-{i}", constituency, 0)
            for i in range(1, count + 1)
        ]
        # the ballot lists names in alphabetical order of the given name (as on real ballots)
        people.sort(key=lambda p: (str(p["full_name"]).split()[-1], str(p["full_name"])))
        for order, person in enumerate(people, start=1):
            person["ballot_order"] = order
            person["code"] = f"UC-{constituency}-{order}"
        self.candidates.extend(people)

    # --- structure ------------------------------------------------------------------------------------------

    def build(self) -> None:
        rnd = self.rnd
        self.units.append({"code": PROVINCE[0], "name": PROVINCE[1], "kind": "tỉnh", "parent": ""})
        self.units.append({"code": DISTRICT[0], "name": DISTRICT[1], "kind": "huyện", "parent": PROVINCE[0]})
        for code, name, kind in OTHER_DISTRICTS:
            self.units.append({"code": code, "name": name, "kind": kind, "parent": PROVINCE[0]})
        for commune in COMMUNES:
            self.units.append(
                {"code": unit_code(commune), "name": commune, "kind": kind_of(commune), "parent": DISTRICT[0]}
            )

        # hamlets per commune (names may repeat across communes, never within one)
        for commune in COMMUNES:
            if commune == TOWN:
                self.hamlets[commune] = [f"Tổ {i}" for i in range(1, 15)] + ["Nà Pài", "Bản Cháng"]
            else:
                n = AREA_COUNT[commune] * 2 + rnd.randint(0, AREA_COUNT[commune])
                self.hamlets[commune] = rnd.sample(HAMLET_NAMES, n)

        self.contests += [
            {
                "code": "QH",
                "election": ELECTION,
                "kind": "QH",
                "level": "trung ương",
                "unit": "",
                "name": "Đại biểu Quốc hội khóa XV",
                "ballot_order": 1,
            },
            {
                "code": "HDND-T",
                "election": ELECTION,
                "kind": "HĐND",
                "level": "tỉnh",
                "unit": PROVINCE[0],
                "name": "Đại biểu HĐND tỉnh Bắc Kạn nhiệm kỳ 2021–2026",
                "ballot_order": 2,
            },
            {
                "code": "HDND-H",
                "election": ELECTION,
                "kind": "HĐND",
                "level": "huyện",
                "unit": DISTRICT[0],
                "name": "Đại biểu HĐND huyện Chợ Đồn nhiệm kỳ 2021–2026",
                "ballot_order": 3,
            },
        ]
        for commune in COMMUNES:
            self.contests.append(
                {
                    "code": f"HDND-X-{slug(commune)}",
                    "election": ELECTION,
                    "kind": "HĐND",
                    "level": "xã",
                    "unit": unit_code(commune),
                    "name": f"Đại biểu HĐND {place(commune)} nhiệm kỳ 2021–2026",
                    "ballot_order": 4,
                }
            )

        def describe(communes: list[str]) -> str:
            names = [place(c) for c in communes]
            return "Gồm " + ", ".join(names[:-1]) + " và " + names[-1] if len(names) > 1 else "Gồm " + names[0]

        for number, districts, seats, count in NA_CONSTITUENCIES:
            names = [n for c, n, _ in [(DISTRICT[0], DISTRICT[1], "huyện"), *OTHER_DISTRICTS] if c in districts]
            code = f"QH-{number}"
            self.constituencies.append(
                {
                    "code": code,
                    "election": ELECTION,
                    "contest": "QH",
                    "number": number,
                    "name": f"Đơn vị bầu cử số {number}",
                    "seats": seats,
                    "owner": PROVINCE[0],
                    "units": "; ".join(districts),
                    "description": "Gồm " + ", ".join(names) + " (giả định)",
                }
            )
            self.ballot("na", COMMUNES, code, count)
        for number, communes, seats, count in PROVINCE_CONSTITUENCIES:
            code = f"T-{number:02d}"
            self.constituencies.append(
                {
                    "code": code,
                    "election": ELECTION,
                    "contest": "HDND-T",
                    "number": number,
                    "name": f"Đơn vị bầu cử số {number}",
                    "seats": seats,
                    "owner": PROVINCE[0],
                    "units": "; ".join(unit_code(c) for c in communes),
                    "description": describe(communes),
                }
            )
            self.ballot("province", communes, code, count)
        for number, communes, seats in DISTRICT_CONSTITUENCIES:
            code = f"H-{number}"
            count = seats + (3 if seats >= 4 else 2)
            self.constituencies.append(
                {
                    "code": code,
                    "election": ELECTION,
                    "contest": "HDND-H",
                    "number": number,
                    "name": f"Đơn vị bầu cử số {number}",
                    "seats": seats,
                    "owner": DISTRICT[0],
                    "units": "; ".join(unit_code(c) for c in communes),
                    "description": describe(communes),
                }
            )
            self.ballot("district", communes, code, count)

        na_of = {c: f"QH-{n}" for n, ds, _, _ in NA_CONSTITUENCIES for c in ds}
        province_of = {c: f"T-{n:02d}" for n, cs, _, _ in PROVINCE_CONSTITUENCIES for c in cs}
        district_of = {c: f"H-{n}" for n, cs, _ in DISTRICT_CONSTITUENCIES for c in cs}

        for commune in COMMUNES:
            areas = AREA_COUNT[commune]
            # the commune council: 2-5 constituencies, each a run of consecutive polling areas
            groups = max(2, min(5, (areas + 1) // 2))
            sizes = [areas // groups + (1 if i < areas % groups else 0) for i in range(groups)]
            lat0, lon0 = CENTRES[commune]
            hamlets = list(self.hamlets[commune])
            share = [len(hamlets) // areas + (1 if i < len(hamlets) % areas else 0) for i in range(areas)]
            area_no = 0
            for g, size in enumerate(sizes, start=1):
                seats = rnd.choice([3, 3, 4, 4, 5]) if commune != TOWN else rnd.choice([4, 5])
                ccode = f"X-{slug(commune)}-{g}"
                self.constituencies.append(
                    {
                        "code": ccode,
                        "election": ELECTION,
                        "contest": f"HDND-X-{slug(commune)}",
                        "number": g,
                        "name": f"Đơn vị bầu cử số {g}",
                        "seats": seats,
                        "owner": unit_code(commune),
                        "units": unit_code(commune),
                        "description": "",
                    }
                )
                served: list[str] = []
                for _ in range(size):
                    area_no += 1
                    mine = [hamlets.pop(0) for _ in range(share[area_no - 1])]
                    served += mine
                    spread = 0.008 if commune == TOWN else 0.022
                    voters = (
                        rnd.randint(500, 1200)
                        if commune == TOWN
                        else rnd.randint(120, 300) * len(mine) // 2 + rnd.randint(0, 80)
                    )
                    if commune == TOWN:
                        where = mine[0].lower() if mine[0].startswith("Tổ") else f"thôn {mine[0]}"
                        venue = f"Nhà văn hóa {where}, thị trấn Bằng Lũng"
                    else:
                        venue = (HALL if area_no == 1 else rnd.choice(VENUES)).format(h=mine[0], c=commune)
                    self.areas.append(
                        {
                            "code": f"KV-{slug(commune)}-{area_no:02d}",
                            "election": ELECTION,
                            "number": area_no,
                            "name": f"Khu vực bỏ phiếu số {area_no}",
                            "commune": unit_code(commune),
                            "address": venue,
                            "latitude": f"{min(22.34, max(22.06, lat0 + rnd.uniform(-spread, spread))):.5f}",
                            "longitude": f"{min(105.74, max(105.46, lon0 + rnd.uniform(-spread, spread))):.5f}",
                            "registered_voters": max(150, min(1500, voters)),
                            "hamlets": "; ".join(mine),
                            "constituencies": "; ".join(
                                [na_of[DISTRICT[0]], province_of[commune], district_of[commune], ccode]
                            ),
                            "note": "",
                        }
                    )
                self.constituencies[-1]["description"] = (
                    "Gồm các tổ dân phố, thôn: " if commune == TOWN else "Gồm các thôn: "
                ) + ", ".join(served)
                count = seats + (3 if seats >= 4 else 2)
                everyone = self.hamlets[commune]
                self.hamlets[commune] = served  # candidates of a commune constituency live in its hamlets
                self.ballot("commune", [commune], ccode, count)
                self.hamlets[commune] = everyone


def write(sheet: Sheet, rows: list[dict[str, object]], out: Path) -> None:
    with (out / f"{sheet.name}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow([c.header for c in sheet.columns])
        for row in rows:
            writer.writerow(["" if row.get(c.key) is None else row.get(c.key) for c in sheet.columns])


def main(out: Path = HERE) -> None:
    gen = Gen()
    gen.build()
    write(UNITS, gen.units, out)
    write(ELECTIONS, [ELECTION_ROW], out)
    write(CONTESTS, gen.contests, out)
    write(CONSTITUENCIES, gen.constituencies, out)
    write(AREAS, gen.areas, out)
    write(CANDIDATES, gen.candidates, out)
    voters = sum(int(str(a["registered_voters"])) for a in gen.areas)
    print(
        f"{len(gen.units)} units, {len(gen.contests)} contests, {len(gen.constituencies)} constituencies, "
        f"{len(gen.areas)} polling areas, {sum(len(str(a['hamlets']).split('; ')) for a in gen.areas)} hamlets, "
        f"{len(gen.candidates)} candidates, {voters} registered voters"
    )


if __name__ == "__main__":
    main()
