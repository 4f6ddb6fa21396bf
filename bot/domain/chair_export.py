"""Exports for committee chairs: check-ins, incidents and count sheets of a jurisdiction as sheets of rows,
written as an ``.xlsx`` workbook or as CSV files (UTF-8 with BOM, so Excel shows Vietnamese correctly).

Sheet titles and column headers are ``N_`` templates; the caller translates them. Datetimes are given in the
election's local time without a zone (what a spreadsheet shows).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.i18n import N_

CHECKINS = "checkins"
INCIDENTS = "incidents"
SHEETS = "count_sheets"
VOTES = "votes"

TITLES: dict[str, str] = {
    CHECKINS: N_("Báo cáo cử tri"),
    INCIDENTS: N_("Sự cố"),
    SHEETS: N_("Biên bản kiểm phiếu"),
    VOTES: N_("Số phiếu bầu"),
}

HEADERS: dict[str, tuple[str, ...]] = {
    CHECKINS: (
        N_("Xã/phường/thị trấn"),
        N_("Mã khu vực"),
        N_("Khu vực bỏ phiếu"),
        N_("Mốc giờ"),
        N_("Số cử tri đã bỏ phiếu"),
        N_("Tổng số cử tri"),
        N_("Tỉ lệ (%)"),
        N_("Thời điểm gửi"),
        N_("Số cuối cùng"),
        N_("Số hiện hành"),
        N_("Người gửi"),
    ),
    INCIDENTS: (
        N_("Mã sự cố"),
        N_("Xã/phường/thị trấn"),
        N_("Mã khu vực"),
        N_("Khu vực bỏ phiếu"),
        N_("Loại"),
        N_("Mô tả"),
        N_("Trạng thái"),
        N_("Thời điểm báo"),
        N_("Thời điểm xử lý xong"),
    ),
    SHEETS: (
        N_("Xã/phường/thị trấn"),
        N_("Mã khu vực"),
        N_("Khu vực bỏ phiếu"),
        N_("Cuộc bầu cử"),
        N_("Đơn vị bầu cử"),
        N_("Lần lập"),
        N_("Trạng thái"),
        N_("Tổng số cử tri"),
        N_("Số cử tri đã bỏ phiếu"),
        N_("Số phiếu phát ra"),
        N_("Số phiếu thu vào"),
        N_("Số phiếu hợp lệ"),
        N_("Số phiếu không hợp lệ"),
        N_("Thời điểm khóa"),
    ),
    VOTES: (
        N_("Xã/phường/thị trấn"),
        N_("Mã khu vực"),
        N_("Đơn vị bầu cử"),
        N_("Lần lập"),
        N_("Trạng thái"),
        N_("Mã người ứng cử"),
        N_("Người ứng cử"),
        N_("Số phiếu"),
    ),
}

ORDER: tuple[str, ...] = (CHECKINS, INCIDENTS, SHEETS, VOTES)


@dataclass
class Sheet:
    key: str
    title: str
    header: tuple[str, ...]
    rows: list[Sequence[Any]] = field(default_factory=list)


def make_sheets(rows: dict[str, list[Sequence[Any]]], translate: Callable[[str], str]) -> list[Sheet]:
    """The sheets in their fixed order with translated titles and headers."""
    sheets = []
    for key in ORDER:
        header = tuple(translate(h) for h in HEADERS[key])
        body = rows.get(key, [])
        for row in body:
            if len(row) != len(header):
                raise ValueError(f"{key}: a row has {len(row)} values for {len(header)} columns")
        sheets.append(Sheet(key, translate(TITLES[key])[:31], header, list(body)))
    return sheets


def _cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return value


def write_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """One worksheet per sheet, bold frozen header, readable column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        ws.append(list(sheet.header))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for row in sheet.rows:
            ws.append([_cell(v) for v in row])
        for index, title in enumerate(sheet.header, start=1):
            width = max(
                [len(str(title))] + [len(str(r[index - 1])) for r in sheet.rows[:200] if r[index - 1] is not None]
            )
            ws.column_dimensions[ws.cell(1, index).column_letter].width = min(max(width + 2, 8), 50)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, datetime):
                    cell.number_format = "dd/mm/yyyy hh:mm"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_csv(sheet: Sheet) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(sheet.header)
    for row in sheet.rows:
        writer.writerow(
            [
                v.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes") if isinstance(v, datetime) else v
                for v in row
            ]
        )
    return buf.getvalue().encode("utf-8-sig")
