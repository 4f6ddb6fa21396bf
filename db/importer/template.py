"""The import template: an empty workbook with headers, example rows and a Vietnamese instructions sheet."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

from db.importer.spec import INSTRUCTIONS_SHEET, SHEETS, UNITS

# Example rows that import cleanly together (a 2025-style province → commune layout).
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "DonViHanhChinh": [
        {"code": "VD-T01", "name": "Ví Dụ", "kind": "tỉnh", "parent": None},
        {"code": "VD-X01", "name": "Thôn Mới", "kind": "xã", "parent": "VD-T01"},
    ],
    "CuocBauCu": [
        {
            "code": "VD-2026",
            "name": "Cuộc bầu cử ví dụ (xóa trước khi nhập dữ liệu thật)",
            "name_en": "Example election",
            "election_date": date(2026, 3, 15),
            "voting_start": time(7),
            "voting_end": time(19),
            "law_edition": "2025",
            "timezone": "Asia/Ho_Chi_Minh",
            "is_demo": "có",
            "notice": "Dữ liệu ví dụ, không có thật.",
        },
    ],
    "LoaiBauCu": [
        {
            "code": "VD-HDND-X01",
            "election": "VD-2026",
            "kind": "HĐND",
            "level": "xã",
            "unit": "VD-X01",
            "name": "HĐND xã Thôn Mới",
            "ballot_order": 3,
        },
    ],
    "DonViBauCu": [
        {
            "code": "VD-X01-1",
            "election": "VD-2026",
            "contest": "VD-HDND-X01",
            "number": 1,
            "name": "Đơn vị bầu cử số 1",
            "seats": 1,
            "owner": "VD-X01",
            "units": "VD-X01",
            "description": "Gồm toàn bộ xã Thôn Mới",
        },
    ],
    "KhuVucBoPhieu": [
        {
            "code": "VD-X01-KV1",
            "election": "VD-2026",
            "number": 1,
            "name": "Khu vực bỏ phiếu số 1",
            "commune": "VD-X01",
            "address": "Nhà văn hóa thôn Mới, xã Thôn Mới",
            "latitude": 21.0285,
            "longitude": 105.8542,
            "registered_voters": 650,
            "hamlets": "Thôn Mới; Thôn Cũ",
            "constituencies": "VD-X01-1",
            "note": None,
        },
    ],
    "NguoiUngCu": [
        {
            "code": "VD-UC1",
            "election": "VD-2026",
            "constituency": "VD-X01-1",
            "ballot_order": 1,
            "full_name": "Nguyễn Văn An",
            "gender": "Nam",
            "date_of_birth": date(1980, 4, 12),
            "ethnicity": "Kinh",
            "religion": "Không",
            "hometown": "xã Thôn Mới",
            "residence": "thôn Mới, xã Thôn Mới",
            "education": "12/12; Đại học Nông nghiệp; Trung cấp lý luận chính trị",
            "occupation": "Chủ tịch Hội Nông dân xã",
            "workplace": "UBND xã Thôn Mới",
            "party_member": "có",
            "party_joined": date(2005, 2, 3),
            "incumbent": "không",
            "incumbent_note": None,
            "biography": "Sinh ra và lớn lên ở xã Thôn Mới.",
            "programme": "1. Phát triển kinh tế hộ; 2. Giữ gìn an ninh",
        },
        {
            "code": "VD-UC2",
            "election": "VD-2026",
            "constituency": "VD-X01-1",
            "ballot_order": 2,
            "full_name": "Lê Thị Bình",
            "gender": "Nữ",
            "date_of_birth": date(1988, 9, 1),
            "ethnicity": "Tày",
            "religion": "Không",
            "hometown": "xã Thôn Mới",
            "residence": "thôn Cũ, xã Thôn Mới",
            "education": "12/12; Cao đẳng Sư phạm",
            "occupation": "Giáo viên",
            "workplace": "Trường Tiểu học Thôn Mới",
            "party_member": "không",
            "party_joined": None,
            "incumbent": "có",
            "incumbent_note": "Đại biểu HĐND xã nhiệm kỳ 2021–2026",
            "biography": "Giáo viên tiểu học từ năm 2010.",
            "programme": "1. Chăm lo giáo dục; 2. Phát huy văn hóa",
        },
    ],
}

INSTRUCTIONS = [
    "HƯỚNG DẪN NHẬP DỮ LIỆU BẦU CỬ",
    "",
    "• Mỗi trang là một bảng; dòng 1 là tiêu đề cột (giữ nguyên tiêu đề; có thể viết không dấu hoặc dùng "
    "tên tiếng Anh).",
    "• Mỗi dòng từ dòng 2 là một bản ghi. Các dòng ví dụ (mã bắt đầu bằng VD-) cần xóa trước khi nhập dữ liệu thật.",
    "• Mỗi bản ghi có một MÃ duy nhất. Các trang tham chiếu đến nhau bằng mã (ví dụ Mã xã ở trang KhuVucBoPhieu là "
    "một Mã đơn vị ở trang DonViHanhChinh). Mã có thể đã có trong cơ sở dữ liệu từ lần nhập trước.",
    "• Mã đơn vị hành chính là duy nhất toàn quốc; các mã khác là duy nhất trong một cuộc bầu cử.",
    "• Nhập lại: bản ghi trùng mã được cập nhật, bản ghi mới được thêm, bản ghi không có trong tệp được giữ nguyên "
    "(không xóa). Cột tùy chọn bị xóa khỏi trang thì giá trị cũ được giữ nguyên.",
    "• Nếu có bất kỳ lỗi nào, không dữ liệu nào được ghi; danh sách lỗi chỉ rõ trang, dòng, cột và lý do.",
    "• Ngày: dd/mm/yyyy (ví dụ 23/05/2021) hoặc ô kiểu ngày của Excel. Giờ: hh:mm (07:00). Có/không: có, không.",
    "• Số: số nguyên (ví dụ 1250 hoặc 1.250). Tọa độ: số thập phân (22.1523 hoặc 22,1523).",
    "• Danh sách nhiều mã (Các đơn vị hành chính, Các đơn vị bầu cử) cách nhau bởi dấu ; hoặc dấu phẩy. "
    "Danh sách thôn/tổ dân phố cách nhau bởi dấu ;",
    "• Mỗi khu vực bỏ phiếu ghi đúng một đơn vị bầu cử cho mỗi loại bầu cử mà cử tri ở đó bầu "
    "(Quốc hội, HĐND tỉnh, HĐND huyện nếu có, HĐND xã).",
    "• Số đại biểu được bầu: Quốc hội 1–3, HĐND 1–5. Số người ứng cử phải nhiều hơn số đại biểu: Quốc hội ít nhất "
    "hơn 2; HĐND hơn ít nhất 1, ít nhất 2 nếu bầu 3, ít nhất 3 nếu bầu 4 hoặc 5.",
    "• Có thể lưu mỗi trang thành một tệp CSV UTF-8 (tên tệp = tên trang + .csv) và nhập cả thư mục.",
    "",
]


def write_template(path: str | Path) -> None:
    """Write the import template workbook to ``path`` (.xlsx)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS_SHEET
    guide.column_dimensions["A"].width = 26
    guide.column_dimensions["B"].width = 28
    guide.column_dimensions["C"].width = 22
    guide.column_dimensions["D"].width = 12
    guide.column_dimensions["E"].width = 80
    for line in INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    bold = Font(bold=True)
    for sheet in SHEETS:
        guide.append([f"Trang {sheet.name}", sheet.title])
        guide.cell(guide.max_row, 1).font = bold
        guide.cell(guide.max_row, 2).font = bold
        guide.append(["", "Cột", "Tên tiếng Anh", "Bắt buộc", "Ghi chú"])
        for col in sheet.columns:
            guide.append(["", col.header, col.alias, "có" if col.required else "", col.help])
        guide.append([])
    fill = PatternFill("solid", fgColor="DDEBF7")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.name)
        ws.append([c.header for c in sheet.columns])
        for index, col in enumerate(sheet.columns, start=1):
            cell = ws.cell(1, index)
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[get_column_letter(index)].width = col.width
        for example in EXAMPLES[sheet.name]:
            ws.append([example.get(c.key) for c in sheet.columns])
            for index, col in enumerate(sheet.columns, start=1):
                cell = ws.cell(ws.max_row, index)
                if col.kind == "date" and cell.value is not None:
                    cell.number_format = "DD/MM/YYYY"
                elif col.kind == "time" and cell.value is not None:
                    cell.number_format = "HH:MM"
        ws.freeze_panes = "A2"
    assert UNITS.name in wb.sheetnames
    wb.save(path)
