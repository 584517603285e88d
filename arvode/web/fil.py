"""The month as a claim file: what the official downloads and opens again.

Nothing is kept on the server, so the file is how the official keeps a month.
It is the claim format ``arvode check`` reads (claim-format.md), written by
PyYAML's safe dumper: dates as YAML dates, exact numbers as quoted strings
(the dumper quotes a text that would otherwise read as a float or a time).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

import yaml

__all__ = ["claim_yaml", "file_name", "read_claim_file"]

#: Keys whose values are dates in the claim format; only these are written as YAML dates.
_DATE_KEYS = frozenset({"date", "from", "to", "reported", "for_meeting"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dated(value: Any, key: str = "") -> Any:
    if isinstance(value, Mapping):
        return {k: _dated(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_dated(v) for v in value]
    if key in _DATE_KEYS and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def claim_yaml(data: Mapping[str, Any], today: dt.date | None = None) -> str:
    """The claim file of ``data`` (as ``form.claim_data`` gives it)."""
    day = (today or dt.date.today()).isoformat()
    header = (
        f"# Ersättningsanspråk sparat från arvode serve {day}.\n"
        "# Öppna det igen på sidan, eller kontrollera det med: arvode check FIL.yaml\n"
    )
    body = yaml.safe_dump(_dated(data), allow_unicode=True, sort_keys=False, width=100)
    return header + body


def file_name(data: Mapping[str, Any]) -> str:
    """``ersattning-ID-PERIOD.yaml``, with only characters every file system takes."""
    official = data.get("official")
    parts = [str(official.get("id", "")) if isinstance(official, Mapping) else "", str(data.get("period", ""))]
    safe = [re.sub(r"[^A-Za-z0-9_-]+", "_", p).strip("_")[:40] for p in parts]
    return "-".join(["ersattning", *(p for p in safe if p)]) + ".yaml"


def read_claim_file(raw: bytes) -> tuple[str | None, Mapping[str, Any] | None]:
    """The file's text (None if not UTF-8) and its data (None if not a YAML mapping).

    Only fills the form: the claim parser judges the text itself, and its
    error is what the page shows for a file that does not parse.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, None
    try:
        data = yaml.load(text, Loader=_SafeLoader)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError):
        return text, None
    return text, data if isinstance(data, Mapping) else None
