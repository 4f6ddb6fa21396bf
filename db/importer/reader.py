"""Read an xlsx workbook or a folder of CSV files into a ``RawWorkbook`` (values as they are, no checks yet)."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from db.importer.spec import INSTRUCTIONS_SHEET, SHEET_BY_SQUASHED, squash


class ImportFileError(Exception):
    """The source cannot be read at all; the message is one line saying how to fix it."""


@dataclass
class RawSheet:
    name: str  # canonical sheet name
    source_name: str  # as found in the workbook / file name
    headers: list[str]  # header texts of row 1, as written
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # (row number as Excel shows it, cells)


@dataclass
class RawWorkbook:
    source: str
    sheets: dict[str, RawSheet] = field(default_factory=dict)  # by canonical name
    ignored: list[str] = field(default_factory=list)  # sheets/files that are not part of the format

    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets.values())


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _add(book: RawWorkbook, source_name: str, rows: Any) -> None:
    sheet = SHEET_BY_SQUASHED.get(squash(source_name))
    if sheet is None:
        if squash(source_name) != squash(INSTRUCTIONS_SHEET):
            book.ignored.append(source_name)
        return
    if sheet.name in book.sheets:
        raise ImportFileError(
            f"{book.source}: the sheet {sheet.name} appears twice ({book.sheets[sheet.name].source_name!r} and "
            f"{source_name!r}); keep only one"
        )
    raw = RawSheet(sheet.name, source_name, [])
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        if number == 1:
            raw.headers = ["" if c is None else str(c).strip() for c in cells]
            while raw.headers and not raw.headers[-1]:
                raw.headers.pop()
            continue
        if all(_blank(c) for c in cells):
            continue
        raw.rows.append((number, cells))
    book.sheets[sheet.name] = raw


def read_xlsx(path: Path) -> RawWorkbook:
    import openpyxl  # local: the CSV path and the CLI's other commands do not need it
    from openpyxl.utils.exceptions import InvalidFileException

    book = RawWorkbook(str(path))
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path}: not a readable .xlsx workbook ({type(exc).__name__}); open it in Excel or LibreOffice and "
            "save it again as 'Excel Workbook (.xlsx)'"
        ) from exc
    try:
        for ws in wb.worksheets:
            _add(book, ws.title, ws.iter_rows(values_only=True))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            f"{path}: the workbook is damaged ({type(exc).__name__}: {exc}); save it again as .xlsx"
        ) from exc
    finally:
        wb.close()
    return book


def _decode(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(f"{path}: not UTF-8 text; save it as 'CSV UTF-8 (comma delimited)'") from None
    except OSError as exc:
        raise ImportFileError(f"{path}: cannot be read ({exc.strerror})") from None


def read_csv_folder(path: Path) -> RawWorkbook:
    book = RawWorkbook(str(path))
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
    if not files:
        raise ImportFileError(
            f"{path}: the folder has no .csv files; put one file per sheet in it (DonViHanhChinh.csv, "
            "CuocBauCu.csv, LoaiBauCu.csv, DonViBauCu.csv, KhuVucBoPhieu.csv, NguoiUngCu.csv)"
        )
    for file in files:
        text = _decode(file)
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        _add(book, file.stem, csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return book


def read_source(path: str | Path) -> RawWorkbook:
    """Read ``path`` (an .xlsx file or a folder of CSV files); raise ``ImportFileError`` if it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise ImportFileError(f"{path}: no such file or folder; give the path of an .xlsx workbook or a CSV folder")
    if path.is_dir():
        return read_csv_folder(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix == ".xls":
        raise ImportFileError(f"{path}: old .xls format; open it in Excel or LibreOffice and save it as .xlsx")
    if suffix == ".csv":
        raise ImportFileError(
            f"{path}: a single CSV file; put the CSV files (one per sheet, named after the sheet) in a folder and "
            "import the folder"
        )
    if zipfile.is_zipfile(path):
        return read_xlsx(path)
    raise ImportFileError(f"{path}: not an .xlsx workbook or a CSV folder; save the data as .xlsx (see the template)")
