"""Translations (Babel/gettext) and Vietnamese-first formatting of numbers and dates.

Message ids are the Vietnamese texts; the ``en`` catalogs translate them. Catalogs are split into domains by
source path (see ``domain_of``) so that features can grow their catalogs independently; at run time all domains
of a language are merged into one ``Translator``.

``python -m bot.i18n extract`` refreshes the templates and catalogs from the sources, ``python -m bot.i18n check``
compiles every catalog and checks placeholders and missing English translations, ``python -m bot.i18n compile``
writes ``.mo`` files (optional: catalogs are compiled in memory when ``.mo`` files are absent).
``python -m bot.i18n todo DOMAIN`` prints the untranslated English msgids as JSON; fill in the values and
load them with ``python -m bot.i18n fill DOMAIN FILE.json``.
"""

from __future__ import annotations

import gettext as _gettext
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_time
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.numbers import format_decimal

LANGUAGES: tuple[str, ...] = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ROOT = Path(__file__).resolve().parent.parent
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAINS: tuple[str, ...] = ("core", "knowledge", "voter", "team", "chair")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "N_plural": (1, 2)}
CATALOG_DATE = datetime(2026, 1, 1, tzinfo=UTC)
_PLACEHOLDER = re.compile(r"(?<!\{)\{([a-zA-Z_][a-zA-Z0-9_]*)(?:[:!][^{}]*)?\}(?!\})")


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it (translated later, in the user's language)."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular/plural pair for translation later with ``Translator.ngettext``."""
    return singular, plural


def domain_of(path: Path) -> str | None:
    """The catalog domain of a source file, or None if it is not translated."""
    rel = path.resolve().relative_to(ROOT).as_posix()
    if not rel.startswith("bot/") or not rel.endswith(".py"):
        return None
    if rel.startswith("bot/domain/knowledge"):
        return "knowledge"
    for part in rel.split("/")[1:]:
        for role in ("voter", "team", "chair"):
            if part.startswith(role):
                return role
    return "core"


def normalize_language(code: str | None) -> str:
    """Map a Telegram ``language_code`` ("en-US", "vi") to a supported language."""
    if code:
        short = code.split("-")[0].split("_")[0].lower()
        if short in LANGUAGES:
            return short
    return DEFAULT_LANGUAGE


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a message."""
    return set(_PLACEHOLDER.findall(text))


def _po_path(lang: str, domain: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


def _load_catalog(lang: str, domain: str) -> _gettext.NullTranslations | None:
    mo = _po_path(lang, domain).with_suffix(".mo")
    po = _po_path(lang, domain)
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    if not po.exists():
        return None
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return _gettext.GNUTranslations(buf)


@dataclass(frozen=True)
class Translator:
    """Everything language-dependent for one user: messages, numbers, dates."""

    lang: str
    _catalog: _gettext.NullTranslations
    tz: ZoneInfo

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.lang)

    def number(self, value: int | float | Decimal) -> str:
        """1.234.567 in Vietnamese, 1,234,567 in English."""
        return format_decimal(value, locale=self.lang)

    def percent(self, value: float | Decimal | None, digits: int = 2) -> str:
        """A percentage rounded half up: 99,81% in Vietnamese; "—" when unknown."""
        if value is None:
            return "—"
        quantum = Decimal(1).scaleb(-digits)
        rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
        pattern = "#,##0." + "0" * digits if digits else "#,##0"
        return format_decimal(rounded, format=pattern, locale=self.lang) + "%"

    def date(self, value: date | datetime) -> str:
        """23/5/2021 in Vietnamese, 23 May 2021 in English."""
        if isinstance(value, datetime):
            value = value.astimezone(self.tz).date()
        if self.lang == "vi":
            return f"{value.day}/{value.month}/{value.year}"
        return format_date(value, format="d MMM y", locale=self.lang)

    def weekday_date(self, value: date) -> str:
        """ "Chủ Nhật, 23/5/2021" / "Sunday, 23 May 2021"."""
        day = format_date(value, format="EEEE", locale=self.lang)
        return f"{day[:1].upper()}{day[1:]}, {self.date(value)}"

    def time(self, value: time | datetime) -> str:
        """07:00 (24-hour clock in both languages, as on the ballot paperwork)."""
        if isinstance(value, datetime):
            value = value.astimezone(self.tz).time()
        return format_time(value, format="HH:mm", locale=self.lang)

    def datetime(self, value: datetime) -> str:
        """ "07:00 23/5/2021"."""
        return f"{self.time(value)} {self.date(value)}"

    def datetime_long(self, value: datetime) -> str:
        return format_datetime(value.astimezone(self.tz), format="medium", locale=self.lang)


@lru_cache(maxsize=16)
def get_translator(lang: str | None = None, tz: str = "Asia/Ho_Chi_Minh") -> Translator:
    """The translator for ``lang`` (cached; catalogs of all domains merged)."""
    lang = normalize_language(lang)
    merged: _gettext.NullTranslations = _gettext.NullTranslations()
    for domain in DOMAINS:
        catalog = _load_catalog(lang, domain)
        if catalog is not None:
            catalog.add_fallback(merged)
            merged = catalog
    return Translator(lang=lang, _catalog=merged, tz=ZoneInfo(tz))


# --- catalog maintenance (developer tooling, also used by the tests) -----------------------------------------


def _sources() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {d: [] for d in DOMAINS}
    for path in sorted((ROOT / "bot").rglob("*.py")):
        if "locales" in path.parts:
            continue
        domain = domain_of(path)
        if domain:
            found[domain].append(path)
    return found


def extract() -> None:
    """Refresh ``bot/locales/<domain>.pot`` and the vi/en catalogs from the sources (keeps translations)."""
    from babel.messages.extract import extract_from_file

    for domain, files in _sources().items():
        # a fixed date: a stamp that changes on every extract makes every branch's catalogs conflict
        template = Catalog(project="baucu", domain=domain, charset="utf-8", creation_date=CATALOG_DATE)
        for path in files:
            rel = path.relative_to(ROOT).as_posix()
            for lineno, message, comments, context in extract_from_file(
                "python", str(path), keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)
            ):
                template.add(message, None, [(rel, lineno)], auto_comments=comments, context=context)
        if not len(template) and not _po_path("en", domain).exists():
            continue
        LOCALES_DIR.mkdir(parents=True, exist_ok=True)
        with (LOCALES_DIR / f"{domain}.pot").open("wb") as fh:
            write_po(fh, template, width=100, omit_header=False, include_lineno=False)
        for lang in LANGUAGES:
            po = _po_path(lang, domain)
            po.parent.mkdir(parents=True, exist_ok=True)
            if po.exists():
                with po.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
            else:
                catalog = Catalog(locale=lang, domain=domain, project="baucu", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
            catalog.revision_date = CATALOG_DATE
            catalog.obsolete.clear()
            with po.open("wb") as fh:
                write_po(fh, catalog, width=100, ignore_obsolete=True, include_lineno=False)


def compile_all() -> None:
    """Write ``.mo`` files next to the catalogs."""
    for lang in LANGUAGES:
        for domain in DOMAINS:
            po = _po_path(lang, domain)
            if po.exists():
                with po.open("rb") as fh:
                    catalog = read_po(fh, locale=lang)
                with po.with_suffix(".mo").open("wb") as fh:
                    write_mo(fh, catalog)


def check(strict_english: bool = True) -> list[str]:
    """Problems in the catalogs: placeholders that differ, English translations that are missing or fuzzy."""
    problems: list[str] = []
    for lang in LANGUAGES:
        for domain in DOMAINS:
            po = _po_path(lang, domain)
            if not po.exists():
                continue
            with po.open("rb") as fh:
                catalog = read_po(fh, locale=lang)
            for err in catalog.check():
                problems.append(f"{po}: {err}")
            for msg in catalog:
                if not msg.id:
                    continue
                ids = msg.id if isinstance(msg.id, tuple) else (msg.id,)
                strs = msg.string if isinstance(msg.string, tuple) else (msg.string,)
                wanted = set().union(*(placeholders(i) for i in ids))
                if lang == "en" and strict_english and (msg.fuzzy or not all(strs)):
                    problems.append(f"{po}: untranslated: {ids[0][:60]!r}")
                    continue
                for s in strs:
                    if s and placeholders(s) != wanted:
                        got = sorted(placeholders(s))
                        problems.append(f"{po}: placeholders differ in {ids[0][:60]!r}: {sorted(wanted)} vs {got}")
    return problems


def fill(domain: str, translations: dict[str, str], lang: str = "en") -> list[str]:
    """Write translations ``{msgid: msgstr}`` into a catalog; returns the msgids that are not in it."""
    po = _po_path(lang, domain)
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    unknown = []
    for msgid, msgstr in translations.items():
        message = catalog.get(msgid)
        if message is None:
            unknown.append(msgid)
            continue
        message.string = msgstr
        message.flags.discard("fuzzy")
    with po.open("wb") as fh:
        write_po(fh, catalog, width=100, ignore_obsolete=True, include_lineno=False)
    return unknown


def untranslated(domain: str, lang: str = "en") -> list[str]:
    """Msgids of a catalog that have no translation yet."""
    po = _po_path(lang, domain)
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    return [m.id for m in catalog if m.id and isinstance(m.id, str) and (not m.string or m.fuzzy)]


def _main(argv: Iterable[str]) -> int:
    args = list(argv)
    command = args[0] if args else "check"
    if command == "extract":
        extract()
        return 0
    if command == "compile":
        compile_all()
        return 0
    if command == "fill" and len(args) == 3:
        import json

        unknown = fill(args[1], json.loads(Path(args[2]).read_text(encoding="utf-8")))
        for msgid in unknown:
            print(f"not in the catalog: {msgid[:70]!r}")
        return 1 if unknown else 0
    if command == "todo" and len(args) == 2:
        import json

        print(json.dumps({m: "" for m in untranslated(args[1])}, ensure_ascii=False, indent=1))
        return 0
    if command == "check":
        problems = check()
        for p in problems:
            print(p)
        print("catalogs: ok" if not problems else f"catalogs: {len(problems)} problem(s)")
        return 1 if problems else 0
    print("usage: python -m bot.i18n [extract|compile|check|todo DOMAIN|fill DOMAIN FILE.json]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
