"""Import of election data: format, validation (sheet/row/column/reason), all-or-nothing, upsert, template."""

from __future__ import annotations

import copy
import csv
from datetime import date, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.importer import ImportReport, import_path, run_import, write_template
from db.importer.spec import SHEETS
from db.importer.store import load_existing
from db.importer.template import EXAMPLES
from db.models import (
    AdminUnit,
    AreaConstituency,
    Candidate,
    Constituency,
    ConstituencyUnit,
    Contest,
    Election,
    Hamlet,
    PollingArea,
)
from db.session import create_engine
from tests.dbutil import fresh_database_url

DATA_TABLES = (
    AdminUnit,
    Election,
    Contest,
    Constituency,
    ConstituencyUnit,
    PollingArea,
    Hamlet,
    AreaConstituency,
    Candidate,
)

Tables = dict[str, list[list[str]]]


# --- helpers (also used by test_demo) --------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return str(value)


def example_tables() -> Tables:
    """The template's example rows as text tables: sheet -> [header row, data rows...]."""
    return {
        s.name: [
            [c.header for c in s.columns],
            *[[cell_text(ex.get(c.key)) for c in s.columns] for ex in EXAMPLES[s.name]],
        ]
        for s in SHEETS
    }


def set_cell(tables: Tables, sheet: str, row: int, header: str, value: str) -> None:
    """Set a cell addressed like in Excel: ``row`` 2 is the first data row."""
    col = tables[sheet][0].index(header)
    tables[sheet][row - 1][col] = value


def drop_column(tables: Tables, sheet: str, header: str) -> None:
    col = tables[sheet][0].index(header)
    for line in tables[sheet]:
        del line[col]


def write_folder(tables: Tables, folder: Path, *, delimiter: str = ",", bom: bool = False) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, lines in tables.items():
        with (folder / f"{name}.csv").open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
            csv.writer(fh, delimiter=delimiter, lineterminator="\r\n").writerows(lines)
    return folder


def write_xlsx(tables: Tables, path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, lines in tables.items():
        ws = wb.create_sheet(name)
        for line in lines:
            ws.append(line)
    wb.save(path)
    return path


def read_folder(folder: Path) -> Tables:
    out = {}
    for file in sorted(folder.glob("*.csv")):
        with file.open(encoding="utf-8-sig", newline="") as fh:
            out[file.stem] = [list(r) for r in csv.reader(fh)]
    return out


async def import_file(url: str, path: Path) -> ImportReport:
    engine = create_engine(url)
    try:
        return await import_path(engine, path, progress=False)
    finally:
        await engine.dispose()


async def table_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return {
                m.__tablename__: (await conn.execute(select(func.count()).select_from(m))).scalar_one()
                for m in DATA_TABLES
            }
    finally:
        await engine.dispose()


async def snapshot(url: str, *elections: str) -> dict[str, Any]:
    """Everything the import manages, keyed by codes and without ids (comparable across databases)."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            ex = await load_existing(conn, elections)
    finally:
        await engine.dispose()
    out: dict[str, Any] = {}
    for name in ("units", "elections", "contests", "constituencies", "areas", "candidates"):
        out[name] = {
            k: {f: (sorted(v) if f in ("units", "constituencies") else v) for f, v in row.items() if f != "id"}
            for k, row in getattr(ex, name).items()
        }
    return out


def counts_of(report: ImportReport) -> dict[str, tuple[int, int, int]]:
    return {k: (c.added, c.updated, c.unchanged) for k, c in report.counts.items()}


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture
def db_url(database_url: str) -> str:
    """The configured database (SQLite, or PostgreSQL with BAUCU_TEST_POSTGRES_URL), fresh and migrated."""
    return database_url


@pytest.fixture
async def loaded_url(db_url: str, tmp_path: Path) -> str:
    """A database holding the template's example rows."""
    report = await import_file(db_url, write_folder(example_tables(), tmp_path / "base"))
    assert report.ok, report.lines()
    return db_url


# --- template ---------------------------------------------------------------------------------------------------


async def test_template_round_trip(db_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tmp_path / "mau.xlsx"
    write_template(path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["HuongDan", *(s.name for s in SHEETS)]
    ws = wb["KhuVucBoPhieu"]
    assert ws.freeze_panes == "A2"
    assert ws.cell(1, 1).font.b
    assert ws.column_dimensions["A"].width > 10
    assert isinstance(wb["CuocBauCu"].cell(2, 4).value, date)  # a real Excel date

    report = await import_file(db_url, path)
    assert report.ok, report.lines()
    assert counts_of(report) == {
        "DonViHanhChinh": (2, 0, 0),
        "CuocBauCu": (1, 0, 0),
        "LoaiBauCu": (1, 0, 0),
        "DonViBauCu": (1, 0, 0),
        "KhuVucBoPhieu": (1, 0, 0),
        "NguoiUngCu": (2, 0, 0),
    }
    again = await import_file(db_url, path)
    assert again.ok and again.changed == 0
    assert counts_of(again)["NguoiUngCu"] == (0, 0, 2)

    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            units = {u.code: u for u in (await conn.execute(select(AdminUnit))).all()}
            election = (await conn.execute(select(Election))).one()
            area = (await conn.execute(select(PollingArea))).one()
            hamlets = (await conn.execute(select(Hamlet.name).order_by(Hamlet.id))).scalars().all()
    finally:
        await engine.dispose()
    province, commune = units["VD-T01"], units["VD-X01"]
    assert (province.level, province.path, province.kind) == (1, f"/{province.id}/", "tinh")
    assert (commune.level, commune.path, commune.parent_id) == (3, f"/{province.id}/{commune.id}/", province.id)
    assert election.election_date == date(2026, 3, 15) and election.law_edition == "2025" and election.is_demo
    assert election.voting_start == time(7) and election.voting_end == time(19)
    assert area.registered_voters == 650 and area.latitude == pytest.approx(21.0285)
    assert hamlets == ["Thôn Mới", "Thôn Cũ"]


# --- formats ----------------------------------------------------------------------------------------------------


async def test_csv_folder_semicolons_bom_equals_xlsx(tmp_path: Path) -> None:
    tables = example_tables()
    set_cell(tables, "KhuVucBoPhieu", 2, "Vĩ độ", "21,0285")  # decimal comma, usual with semicolon CSV
    set_cell(tables, "KhuVucBoPhieu", 2, "Số cử tri", "1.250")  # Vietnamese thousands separator
    folder = write_folder(tables, tmp_path / "csv", delimiter=";", bom=True)
    assert (folder / "KhuVucBoPhieu.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    set_cell(tables, "KhuVucBoPhieu", 2, "Vĩ độ", "21.0285")
    set_cell(tables, "KhuVucBoPhieu", 2, "Số cử tri", "1250")
    xlsx = write_xlsx(tables, tmp_path / "same.xlsx")
    async with fresh_database_url("sqlite", tmp_path) as a, fresh_database_url("sqlite", tmp_path) as b:
        ra, rb = await import_file(a, folder), await import_file(b, xlsx)
        assert ra.ok and rb.ok, (ra.lines(), rb.lines())
        assert counts_of(ra) == counts_of(rb)
        sa, sb = await snapshot(a, "VD-2026"), await snapshot(b, "VD-2026")
        assert sa == sb
        assert sa["areas"][("VD-2026", "VD-X01-KV1")]["registered_voters"] == 1250


async def test_headers_without_diacritics_and_english_aliases(db_url: str, tmp_path: Path) -> None:
    tables = example_tables()
    for sheet in SHEETS:
        for i, col in enumerate(sheet.columns):
            header = tables[sheet.name][0][i]
            tables[sheet.name][0][i] = col.alias if i % 2 else header.upper().replace("Đ", "D").replace("Ố", "O")
    tables["KhuVucBoPhieu"][0][0] = "ma khu vuc"
    report = await import_file(db_url, write_folder(tables, tmp_path / "aliases"))
    assert report.ok, report.lines()
    assert report.counts["KhuVucBoPhieu"].added == 1


# --- upsert -----------------------------------------------------------------------------------------------------


async def test_corrected_file_updates_in_place(loaded_url: str, tmp_path: Path) -> None:
    engine = create_engine(loaded_url)
    try:
        async with engine.connect() as conn:
            ids_before = dict((await conn.execute(select(Candidate.code, Candidate.id))).all())
    finally:
        await engine.dispose()
    tables = example_tables()
    set_cell(tables, "NguoiUngCu", 2, "Họ và tên", "Nguyễn Văn Ân")
    set_cell(tables, "NguoiUngCu", 2, "Thứ tự trên phiếu", "2")  # swap the two ballot positions
    set_cell(tables, "NguoiUngCu", 3, "Thứ tự trên phiếu", "1")
    set_cell(tables, "KhuVucBoPhieu", 2, "Số cử tri", "700")
    set_cell(tables, "KhuVucBoPhieu", 2, "Thôn, tổ dân phố", "Thôn Mới; Thôn Cũ; Thôn Trung")
    drop_column(tables, "KhuVucBoPhieu", "Ghi chú")  # an optional column left out keeps its stored values
    report = await import_file(loaded_url, write_folder(tables, tmp_path / "fixed"))
    assert report.ok, report.lines()
    assert counts_of(report) == {
        "DonViHanhChinh": (0, 0, 2),
        "CuocBauCu": (0, 0, 1),
        "LoaiBauCu": (0, 0, 1),
        "DonViBauCu": (0, 0, 1),
        "KhuVucBoPhieu": (0, 1, 0),
        "NguoiUngCu": (0, 2, 0),
    }
    snap = await snapshot(loaded_url, "VD-2026")
    first = snap["candidates"][("VD-2026", "VD-UC1")]
    assert (first["full_name"], first["ballot_order"]) == ("Nguyễn Văn Ân", 2)
    assert snap["candidates"][("VD-2026", "VD-UC2")]["ballot_order"] == 1
    area = snap["areas"][("VD-2026", "VD-X01-KV1")]
    assert area["registered_voters"] == 700 and area["hamlets"] == ["Thôn Mới", "Thôn Cũ", "Thôn Trung"]
    engine = create_engine(loaded_url)
    try:
        async with engine.connect() as conn:
            assert dict((await conn.execute(select(Candidate.code, Candidate.id))).all()) == ids_before
    finally:
        await engine.dispose()


async def test_rows_not_in_file_are_kept_and_db_codes_resolve(loaded_url: str, tmp_path: Path) -> None:
    """A file with only a new candidate: the other sheets have headers only, references resolve in the database."""
    tables = {name: [lines[0]] for name, lines in example_tables().items()}
    base = example_tables()["NguoiUngCu"][1]
    tables["NguoiUngCu"].append(list(base))
    set_cell(tables, "NguoiUngCu", 2, "Mã người ứng cử", "VD-UC3")
    set_cell(tables, "NguoiUngCu", 2, "Thứ tự trên phiếu", "3")
    set_cell(tables, "NguoiUngCu", 2, "Họ và tên", "Hoàng Văn Cường")
    before = await table_counts(loaded_url)
    report = await import_file(loaded_url, write_folder(tables, tmp_path / "one"))
    assert report.ok, report.lines()
    after = await table_counts(loaded_url)
    assert after == before | {"candidates": before["candidates"] + 1}


# --- problems: sheet, row, column, reason; nothing written ------------------------------------------------------


def _bad_number(t: Tables) -> None:
    set_cell(t, "KhuVucBoPhieu", 2, "Số cử tri", "12a")


def _bad_date(t: Tables) -> None:
    set_cell(t, "NguoiUngCu", 3, "Ngày sinh", "31/02/1988")


def _bad_date_text(t: Tables) -> None:
    set_cell(t, "CuocBauCu", 2, "Ngày bầu cử", "mười lăm tháng ba")


def _unknown_commune(t: Tables) -> None:
    set_cell(t, "KhuVucBoPhieu", 2, "Mã xã", "KHONG-CO")


def _unknown_parent(t: Tables) -> None:
    set_cell(t, "DonViHanhChinh", 3, "Mã đơn vị cấp trên", "VD-T99")


def _duplicate_code(t: Tables) -> None:
    t["DonViHanhChinh"].append(["VD-X01", "Thôn Khác", "xã", "VD-T01"])


def _wrong_seats(t: Tables) -> None:
    set_cell(t, "DonViBauCu", 2, "Số đại biểu được bầu", "6")


def _too_few_candidates(t: Tables) -> None:
    set_cell(t, "DonViBauCu", 2, "Số đại biểu được bầu", "2")  # 2 seats need 3 candidates; there are 2


def _duplicate_ballot_order(t: Tables) -> None:
    set_cell(t, "NguoiUngCu", 3, "Thứ tự trên phiếu", "1")


def _latitude_out_of_range(t: Tables) -> None:
    set_cell(t, "KhuVucBoPhieu", 2, "Vĩ độ", "121.03")


def _negative_voters(t: Tables) -> None:
    set_cell(t, "KhuVucBoPhieu", 2, "Số cử tri", "-5")


def _area_without_constituency(t: Tables) -> None:
    set_cell(t, "KhuVucBoPhieu", 2, "Các đơn vị bầu cử", "")


def _two_constituencies_same_contest(t: Tables) -> None:
    t["DonViBauCu"].append(["VD-X01-2", "VD-2026", "VD-HDND-X01", "2", "", "1", "", "VD-X01", ""])
    for n, name in ((3, "A"), (4, "B")):
        row = list(t["NguoiUngCu"][1])
        row[0], row[2], row[3], row[4] = f"VD-UC{n}", "VD-X01-2", str(n - 2), f"Lê Văn {name}"
        t["NguoiUngCu"].append(row)
    set_cell(t, "KhuVucBoPhieu", 2, "Các đơn vị bầu cử", "VD-X01-1; VD-X01-2")


def _contest_of_other_election(t: Tables) -> None:
    set_cell(t, "DonViBauCu", 2, "Mã loại bầu cử", "KHONG-CO")


def _underage_candidate(t: Tables) -> None:
    set_cell(t, "NguoiUngCu", 2, "Ngày sinh", "01/01/2010")


def _bad_kind(t: Tables) -> None:
    set_cell(t, "DonViHanhChinh", 3, "Loại", "làng")


def _missing_required_value(t: Tables) -> None:
    set_cell(t, "NguoiUngCu", 2, "Họ và tên", "")


def _unknown_column(t: Tables) -> None:
    t["CuocBauCu"][0].append("Ghi chu them")
    t["CuocBauCu"][1].append("x")


def _missing_column(t: Tables) -> None:
    drop_column(t, "KhuVucBoPhieu", "Số cử tri")


def _missing_sheet(t: Tables) -> None:
    del t["NguoiUngCu"]


def _missing_kind_and_seats(t: Tables) -> None:
    set_cell(t, "DonViHanhChinh", 3, "Loại", "")
    set_cell(t, "DonViBauCu", 2, "Số đại biểu được bầu", "")
    set_cell(t, "LoaiBauCu", 2, "Loại", "")
    set_cell(t, "KhuVucBoPhieu", 2, "Mã xã", "")
    set_cell(t, "NguoiUngCu", 2, "Mã đơn vị bầu cử", "")


def _bad_time(t: Tables) -> None:
    set_cell(t, "CuocBauCu", 2, "Giờ kết thúc", "22:00")


BAD_CASES = [
    (_bad_number, "KhuVucBoPhieu row 2, column 'Số cử tri': '12a' is not a whole number"),
    (_bad_date, "NguoiUngCu row 3, column 'Ngày sinh': '31/02/1988' is not a valid date"),
    (_bad_date_text, "CuocBauCu row 2, column 'Ngày bầu cử': 'mười lăm tháng ba' is not a date (use dd/mm/yyyy"),
    (_unknown_commune, "KhuVucBoPhieu row 2, column 'Mã xã': unit 'KHONG-CO' exists neither in the file nor in the"),
    (_unknown_parent, "DonViHanhChinh row 3, column 'Mã đơn vị cấp trên': unit 'VD-T99' exists neither"),
    (_duplicate_code, "DonViHanhChinh row 4, column 'Mã đơn vị': duplicate code 'VD-X01' (already on row 3)"),
    (
        _wrong_seats,
        "DonViBauCu row 2, column 'Số đại biểu được bầu': 6 seats: a People's Council constituency "
        "elects 1 to 5 deputies",
    ),
    (
        _too_few_candidates,
        "DonViBauCu row 2, column 'Số đại biểu được bầu': constituency 'VD-X01-1' has 2 candidate(s) for 2 seat(s)",
    ),
    (
        _duplicate_ballot_order,
        "NguoiUngCu row 3, column 'Thứ tự trên phiếu': position 1 on the ballot of 'VD-X01-1' "
        "is already taken by 'VD-UC1'",
    ),
    (_latitude_out_of_range, "KhuVucBoPhieu row 2, column 'Vĩ độ': 121.03 is outside Viet Nam"),
    (_negative_voters, "KhuVucBoPhieu row 2, column 'Số cử tri': -5 voters: the number cannot be negative"),
    (_area_without_constituency, "KhuVucBoPhieu row 2, column 'Các đơn vị bầu cử': a value is required"),
    (
        _two_constituencies_same_contest,
        "KhuVucBoPhieu row 2, column 'Các đơn vị bầu cử': 'VD-X01-1' and 'VD-X01-2' are both in contest 'VD-HDND-X01'",
    ),
    (
        _contest_of_other_election,
        "DonViBauCu row 2, column 'Mã loại bầu cử': contest 'KHONG-CO' does not exist in election 'VD-2026'",
    ),
    (_underage_candidate, "NguoiUngCu row 2, column 'Ngày sinh': born 01/01/2010: a candidate must be 21 or older"),
    (_bad_kind, "DonViHanhChinh row 3, column 'Loại': 'làng' is not a kind of unit"),
    (_missing_required_value, "NguoiUngCu row 2, column 'Họ và tên': a value is required"),
    (_unknown_column, "CuocBauCu row 1, column 'Ghi chu them': unknown column"),
    (
        _missing_column,
        "KhuVucBoPhieu row 1, column 'Số cử tri': required column missing; add a column headed "
        "'Số cử tri' (or 'registered_voters')",
    ),
    (_missing_sheet, "NguoiUngCu: sheet missing"),
    (_missing_kind_and_seats, "DonViHanhChinh row 3, column 'Loại': a value is required"),
    (_bad_time, "CuocBauCu row 2, column 'Giờ kết thúc': 22:00 is too late"),
]


@pytest.mark.parametrize(("mutate", "expected"), BAD_CASES, ids=[f.__name__.strip("_") for f, _ in BAD_CASES])
async def test_bad_input_is_reported_and_nothing_written(
    loaded_url: str, tmp_path: Path, mutate: Any, expected: str
) -> None:
    # change the stored data in a way the bad file would also "fix", so a partial write would show
    tables = copy.deepcopy(example_tables())
    set_cell(tables, "KhuVucBoPhieu", 2, "Địa chỉ", "Địa chỉ mới")
    mutate(tables)
    before_counts = await table_counts(loaded_url)
    before = await snapshot(loaded_url, "VD-2026")
    for kind in ("csv", "xlsx"):
        source = write_folder(tables, tmp_path / "bad") if kind == "csv" else write_xlsx(tables, tmp_path / "bad.xlsx")
        report = await import_file(loaded_url, source)
        lines = [str(p) for p in report.problems]
        assert not report.ok and not report.written
        assert any(line.startswith(expected) for line in lines), (kind, lines)
        assert await table_counts(loaded_url) == before_counts
        assert await snapshot(loaded_url, "VD-2026") == before


async def test_every_problem_is_listed_at_once(db_url: str, tmp_path: Path) -> None:
    tables = example_tables()
    _bad_number(tables)
    _bad_date(tables)
    _wrong_seats(tables)
    report = await import_file(db_url, write_folder(tables, tmp_path / "many"))
    assert len(report.problems) >= 3
    assert await table_counts(db_url) == dict.fromkeys(await table_counts(db_url), 0)


async def test_corrupt_and_missing_files(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corrupt = tmp_path / "hong.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 this is not really a workbook")
    text_file = tmp_path / "ghi-chu.txt"
    text_file.write_text("xin chào")
    empty_dir = tmp_path / "trong"
    empty_dir.mkdir()
    cases = [
        (corrupt, "not a readable .xlsx workbook"),
        (tmp_path / "khong-co.xlsx", "no such file or folder"),
        (text_file, "not an .xlsx workbook or a CSV folder"),
        (empty_dir, "the folder has no .csv files"),
    ]
    for path, reason in cases:
        report = await import_file(db_url, path)
        assert len(report.problems) == 1 and reason in str(report.problems[0])
        assert await run_import(db_url, path) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and reason in err and "Traceback" not in err
    assert sum((await table_counts(db_url)).values()) == 0


async def test_run_import_prints_counts_and_problems(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write_folder(example_tables(), tmp_path / "good")
    assert await run_import(db_url, good) == 0
    out = capsys.readouterr().out
    assert "NguoiUngCu: 2 added, 0 updated, 0 unchanged" in out
    bad_tables = example_tables()
    _bad_number(bad_tables)
    assert await run_import(db_url, write_folder(bad_tables, tmp_path / "bad")) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "KhuVucBoPhieu row 2, column 'Số cử tri': '12a' is not a whole number"
    assert err[-1].endswith("nothing was written. Fix them and import again.")


async def test_run_import_bad_database_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_folder(example_tables(), tmp_path / "good")
    assert await run_import("mysql://localhost/x", good) == 1
    assert "only SQLite and PostgreSQL" in capsys.readouterr().err


async def test_import_in_a_session_uses_a_savepoint(db_url: str, tmp_path: Path) -> None:
    from db.session import create_sessionmaker

    bad_tables = example_tables()
    _bad_number(bad_tables)
    bad = write_folder(bad_tables, tmp_path / "bad")
    good = write_folder(example_tables(), tmp_path / "good")
    engine = create_engine(db_url)
    try:
        async with create_sessionmaker(engine)() as session:
            assert not (await import_path(session, bad, progress=False)).ok
            report = await import_path(session, good, progress=False)
            assert report.ok and report.written
            await session.commit()
    finally:
        await engine.dispose()
    assert (await table_counts(db_url))["candidates"] == 2


async def test_dry_run_writes_nothing(db_url: str, tmp_path: Path) -> None:
    engine = create_engine(db_url)
    try:
        report = await import_path(engine, write_folder(example_tables(), tmp_path / "x"), dry_run=True)
    finally:
        await engine.dispose()
    assert report.ok and not report.written and report.counts["NguoiUngCu"].added == 2
    assert sum((await table_counts(db_url)).values()) == 0


@pytest.mark.parametrize("garbage", ["", "??", "-1", "0", "99999999999", "x" * 600])
def test_any_single_bad_cell_gives_problems_not_exceptions(tmp_path: Path, garbage: str) -> None:
    from db.importer import read_source, validate

    base = example_tables()
    for sheet, lines in base.items():
        for r in range(1, len(lines)):
            for c in range(len(lines[0])):
                tables = copy.deepcopy(base)
                tables[sheet][r][c] = garbage
                folder = write_folder(tables, tmp_path / f"{sheet}-{r}-{c}")
                _plan, problems = validate(read_source(folder))
                assert all(str(p).startswith(sheet) or p.sheet != sheet for p in problems)


async def test_moving_a_unit_updates_level_and_path(loaded_url: str, tmp_path: Path) -> None:
    tables = example_tables()
    tables["DonViHanhChinh"].append(["VD-T02", "Ví Dụ Hai", "tỉnh", ""])
    set_cell(tables, "DonViHanhChinh", 3, "Mã đơn vị cấp trên", "VD-T02")
    report = await import_file(loaded_url, write_folder(tables, tmp_path / "moved"))
    assert report.ok, report.lines()
    assert counts_of(report)["DonViHanhChinh"] == (1, 1, 1)
    engine = create_engine(loaded_url)
    try:
        async with engine.connect() as conn:
            units = {u.code: u for u in (await conn.execute(select(AdminUnit))).all()}
    finally:
        await engine.dispose()
    new, commune = units["VD-T02"], units["VD-X01"]
    assert commune.parent_id == new.id and commune.path == f"/{new.id}/{commune.id}/" and commune.level == 3
