"""Catalogs compile, keep every placeholder, and translate everything to English; formats are Vietnamese."""

from __future__ import annotations

from datetime import date, time

from bot import i18n


def test_catalogs_compile_and_keep_placeholders() -> None:
    assert i18n.check() == []


def test_every_source_message_is_in_the_catalogs() -> None:
    """Running extract would not add anything: catalogs are up to date with the sources."""
    from babel.messages.extract import extract_from_file
    from babel.messages.pofile import read_po

    known: set[str] = set()
    for domain in i18n.DOMAINS:
        po = i18n.LOCALES_DIR / "en" / "LC_MESSAGES" / f"{domain}.po"
        if po.exists():
            with po.open("rb") as fh:
                known |= {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    missing = []
    for path in sorted((i18n.ROOT / "bot").rglob("*.py")):
        if i18n.domain_of(path) is None:
            continue
        for _lineno, message, _c, _ctx in extract_from_file("python", str(path), keywords=i18n.KEYWORDS):
            msgid = message if isinstance(message, str) else message[0]
            if msgid not in known:
                missing.append(f"{path.name}: {msgid[:60]}")
    assert missing == [], "run: python -m bot.i18n extract, then translate"


def test_english_translation_is_used() -> None:
    en = i18n.get_translator("en")
    vi = i18n.get_translator("vi")
    msg = "Xin lỗi, tôi chưa hiểu câu hỏi. Bạn thử hỏi ngắn gọn hơn, hoặc gõ /help để xem các chức năng."
    assert vi.gettext(msg) == msg
    assert en.gettext(msg) != msg and "help" in en.gettext(msg)


def test_vietnamese_formats() -> None:
    vi = i18n.get_translator("vi")
    assert vi.number(231762) == "231.762"
    assert vi.percent(99.805) == "99,81%"
    assert vi.percent(0.125, 2) == "0,13%"
    assert vi.date(date(2021, 5, 23)) == "23/5/2021"
    assert vi.weekday_date(date(2021, 5, 23)) == "Chủ Nhật, 23/5/2021"
    assert vi.time(time(7, 0)) == "07:00"
    en = i18n.get_translator("en")
    assert en.number(231762) == "231,762"
    assert en.percent(99.805) == "99.81%"


def test_language_codes() -> None:
    assert i18n.normalize_language("en-US") == "en"
    assert i18n.normalize_language("vi") == "vi"
    assert i18n.normalize_language("fr") == "vi"
    assert i18n.normalize_language(None) == "vi"


def test_placeholder_detection() -> None:
    assert i18n.placeholders("Có {n} khu vực, {pct:.2f}% và {{literal}}") == {"n", "pct"}
