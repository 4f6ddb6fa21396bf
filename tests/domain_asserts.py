"""Shared checks for the domain rules' problems: every template can be filled from its own params."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.i18n import placeholders


def assert_formats(message: str, params: Mapping[str, object]) -> str:
    """Fill ``message`` with ``params``; fail if a placeholder has no param or the template is not a format string."""
    missing = placeholders(message) - set(params)
    assert not missing, f"{message!r} lacks params {sorted(missing)}"
    text = message.format(**params)
    assert "{" not in text and "}" not in text, text
    return text


def assert_all_format(items: Iterable[object]) -> None:
    """``assert_formats`` on Problems or Anomalies (anything with ``message`` and ``params``)."""
    for item in items:
        assert_formats(item.message, item.params)  # type: ignore[attr-defined]
