"""Reading a user's file with a size bound, as text, before anything parses it.

A parser's time and memory grow with its input, so the bound must hold before
the input is read: a regular file's size is known from ``stat``, and anything
else (``/dev/zero``, a pipe) is read up to one byte past the limit. Clerks save
files from Excel and Notepad, so a file that is not UTF-8 is refused with the
line of the first bad byte and, when the bytes look like it, the encoding the
file was saved in.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from arvode.base.errors import ArvodeError, Location

__all__ = ["MIB", "decode_utf8", "os_problem", "read_text_bounded"]

MIB = 1024 * 1024

_BOMS_UTF16 = (b"\xff\xfe", b"\xfe\xff")


def read_text_bounded(
    path: Path, limit: int, error: type[ArvodeError], *, encoding: str = "utf-8", hint: str = ""
) -> str:
    """The text of ``path``, refused unread when larger than ``limit`` bytes.

    UTF-8 by default; a file that starts with a UTF-16 byte-order mark (Excel's
    "Unicode text") is read as UTF-16; another ``encoding`` (``cp1252``) is used
    when the user names it. ``hint`` is added to a decoding error (e.g. how to name
    the encoding on the command line).
    """
    where = Location(str(path))
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise error(_too_large(limit, info.st_size), where)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise error("filen finns inte", where) from None
    except OSError as exc:
        raise error(f"kan inte läsas: {os_problem(exc)}", where) from None
    if len(data) > limit:
        raise error(_too_large(limit, None), where)
    if data.startswith(_BOMS_UTF16):
        return _decode_as(data, "utf-16", str(path), error, hint)
    if encoding.replace("-", "").replace("_", "").lower() != "utf8":
        return _decode_as(data, encoding, str(path), error, hint)
    return decode_utf8(data, str(path), error, hint)


def _decode_as(data: bytes, encoding: str, file: str, error: type[ArvodeError], hint: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise error(f"okänd teckenkodning {encoding!r} (t.ex. utf-8, cp1252, utf-16)", Location(file)) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(f"filen kan inte läsas som {encoding}{hint}", Location(file, line)) from None
    except UnicodeError:  # codecs that fail with no position (punycode, idna, undefined): was a traceback
        raise error(f"filen kan inte läsas som {encoding}{hint}", Location(file)) from None
    return _no_nul(text, data, file, error)


def _too_large(limit: int, size: int | None) -> str:
    given = "" if size is None else f" ({_mib(size)})"
    return f"filen är större än {_mib(limit)}{given}: dela upp den i flera filer"


def _mib(size: int) -> str:
    if size % MIB == 0:
        return f"{size // MIB} MiB"
    return f"{size / MIB:.1f} MiB".replace(".", ",")


def decode_utf8(data: bytes, file: str, error: type[ArvodeError], hint: str = "") -> str:
    """``data`` as UTF-8; a bad byte or a NUL is refused at its line, with a hint."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        raise error(
            f"filen är inte UTF-8 (byte 0x{byte:02X}){_encoding_hint(data, byte)}{hint}",
            Location(file, line),
        ) from None
    return _no_nul(text, data, file, error)


def _no_nul(text: str, data: bytes, file: str, error: type[ArvodeError]) -> str:
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise error(f"filen innehåller en NUL-byte{_encoding_hint(data, 0)}", Location(file, line))
    return text[1:] if text.startswith("\ufeff") else text


def _encoding_hint(data: bytes, byte: int) -> str:
    """What the file was probably saved as, so the user knows what to change."""
    head = data[:400]
    if head.startswith(_BOMS_UTF16) or head.count(0) * 4 >= len(head) > 0:
        return ": den ser ut att vara sparad som UTF-16; spara den som UTF-8"
    if byte >= 0x80:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "; spara den som UTF-8"
        shown = bytes([byte]).decode("cp1252")
        return (
            f": den ser ut att vara sparad som Windows-1252/ANSI ({shown!r}); "
            "spara den som UTF-8"
        )
    return "; spara den som UTF-8"


#: What the system says about a path, in Swedish (the operator's words, not errno's).
_OS_PROBLEMS = {
    errno.ENAMETOOLONG: "namnet är för långt för filsystemet",
    errno.EACCES: "åtkomst nekas",
    errno.EPERM: "åtkomst nekas",
    errno.ENOENT: "finns inte",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.EISDIR: "är en mapp; ange en fil",
    errno.ELOOP: "för många symboliska länkar",
    errno.ENOSPC: "disken är full",
    errno.EROFS: "filsystemet är skrivskyddat",
    errno.EIO: "läsfel på disken",
}


def os_problem(exc: OSError) -> str:
    """An OSError as a Swedish phrase; errno's English only for a cause not listed here."""
    return _OS_PROBLEMS.get(exc.errno or 0, f"systemfel ({exc.strerror or exc})")
