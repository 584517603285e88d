"""Claims to canonical JSON and back: what the record stores and hashes.

The record keeps every claim it received so that a month can be recomputed
from the record alone, never from whatever files a later run is given. The
stored form is plain JSON of the validated value objects (exact numbers as
strings), written canonically (sorted keys, no white space), so the same content
always hashes the same: the same export saved under another name, or a claim
whose comments changed, is recognised as already received.

The codec follows the attrs fields and their type hints, so a field added to
``Event`` or ``Official`` is stored without touching this module.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from arvode.base.times import TimeSpan, parse_span

__all__ = ["IDENTITY_EXCLUDED", "canonical", "content_hash", "decode", "encode", "event_identity"]

#: Fields that say where or in which order something was received, not what it is.
IDENTITY_EXCLUDED = frozenset({"index", "line", "received", "already_reported", "file"})


def encode(value: Any, *, skip: frozenset[str] = frozenset()) -> Any:
    """A JSON-ready form of a value object (fields in ``skip`` left out at every depth)."""
    if isinstance(value, TimeSpan):
        return str(value)
    if attrs.has(type(value)):
        out = {}
        for field in attrs.fields(type(value)):
            if field.name in skip or not field.init:  # computed fields follow from the others
                continue
            item = getattr(value, field.name)
            if item is None or item == field.default:
                continue  # defaults are implied; a new field with a default keeps old hashes
            out[field.name] = encode(item, skip=skip)
        return out
    if isinstance(value, bool | int | str) or value is None:
        return value
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(item, skip=skip) for item in value]
    raise TypeError(f"cannot store {type(value).__name__}")


def canonical(value: Any, *, skip: frozenset[str] = frozenset()) -> str:
    return json.dumps(encode(value, skip=skip), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(*parts: Any) -> str:
    """SHA-256 of the canonical content, leaving out where and when it was received."""
    text = "\x1e".join(canonical(part, skip=IDENTITY_EXCLUDED) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def event_identity(event: Any) -> str:
    """What makes two reports the same event: everything but where and when it was reported."""
    return canonical(event, skip=IDENTITY_EXCLUDED | {"reported"})


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(cls: Any, data: Any) -> Any:
    """The value of type ``cls`` that ``encode`` wrote as ``data``."""
    if data is None:
        return None
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(cls) if a is not type(None)]
        return decode(options[0], data)
    if origin is tuple:
        item = typing.get_args(cls)[0]
        return tuple(decode(item, x) for x in data)
    if cls is TimeSpan:
        return parse_span(data)
    if attrs.has(cls):
        hints = _hints(cls)
        return cls(**{name: decode(hints[name], item) for name, item in data.items()})
    if cls is Decimal:
        return Decimal(data)
    if cls is dt.date:
        return dt.date.fromisoformat(data)
    if cls in (int, str, bool):
        if not isinstance(data, cls):
            raise TypeError(f"expected {cls.__name__}, got {data!r}")
        return data
    raise TypeError(f"cannot read {cls!r}")
