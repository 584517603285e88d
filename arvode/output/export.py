"""Payment lines out to payroll: CSV, and PAXml 2.2 (the Swedish payroll import standard).

A run must be booked together with its files or not at all. Files are
therefore *streamed* to a temporary name beside the target (never built in
memory: a national month is 1,8 million lines), flushed to disk, and renamed
into place only after the record has committed; ``finish`` does the rename and
can be repeated after a kill. New files get the mode the umask gives, as any
file the operator makes.

``excel`` is the CSV for a person who opens it in Excel with Swedish settings:
Excel sv-SE splits a comma file into one column, reads ``1173.00`` as text and
å/ä/ö as mojibake unless the file says it is UTF-8. So that form is UTF-8 with a
byte-order mark, semicolon-separated, amounts with a decimal comma (``1173,00``,
no thousands grouping, so Excel reads a number), CRLF line ends; same columns.

What leaves here is safe to open: a CSV cell that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'`` (the
OWASP advice), and PAXml is always well-formed XML, with characters XML 1.0
cannot hold replaced by U+FFFD.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TextIO
from xml.sax.saxutils import escape, quoteattr

import attrs

from arvode.base.errors import ArvodeError, Location
from arvode.base.money import format_json
from arvode.output.labels import line_label

if TYPE_CHECKING:
    from arvode.payroll.run import PayLine

__all__ = [
    "CSV_HEADER",
    "FORMATS",
    "Export",
    "ExportError",
    "TempFile",
    "Written",
    "check_targets",
    "csv_cell",
    "excel_amount",
    "file_sha256",
    "finish",
    "write_temp",
    "xml_text",
]

CSV_HEADER = ("official", "period", "kind", "date", "type", "amount", "rule", "pay_code", "organ", "text")
FORMATS = frozenset({"csv", "excel", "paxml"})
#: Byte-order mark: tells Excel the file is UTF-8.
_BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class _Sink(Protocol):
    def write(self, text: str, /) -> int: ...


class ExportError(ArvodeError, ValueError):
    """An output path that cannot be written safely."""


@attrs.frozen
class Export:
    """One file a run writes: its format and where."""

    format: str
    path: Path

    def __attrs_post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(f"okänt exportformat {self.format!r}")


@attrs.frozen
class Written:
    """A file written under a temporary name, to be renamed into place after the commit."""

    export: Export
    temp: Path
    sha256: str


def check_targets(exports: Iterable[Export], forbidden: Iterable[Path]) -> None:
    """Refuse, before anything is computed, an output that is a folder, has no folder,
    or would overwrite the record, an input or another output of the same run."""
    taken = {p.resolve() for p in forbidden}
    mine: set[Path] = set()
    for export in exports:
        path = export.path
        where = Location(str(path))
        if path.is_dir():
            raise ExportError("är en mapp; ange ett filnamn", where)
        if not path.parent.is_dir():
            raise ExportError(f"mappen {path.parent} finns inte", where)
        resolved = path.resolve()
        if resolved in taken:
            raise ExportError("är liggaren eller en indatafil; den skulle skrivas över", where)
        if resolved in mine:
            raise ExportError("anges två gånger", where)
        mine.add(resolved)


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula (OWASP CSV injection)."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def xml_text(text: str) -> str:
    """Text safe inside an XML 1.0 element."""
    return escape(_NOT_XML.sub("\ufffd", text))


def _csv_row(line: PayLine, text: str) -> tuple[str, ...]:
    return (csv_cell(line.official), line.period, line.kind, line.date.isoformat() if line.date else "",
            line.type, format_json(line.amount), csv_cell(line.rule), csv_cell(line.pay_code),
            csv_cell(line.organ), csv_cell(text))


def _minimal_csv(row: tuple[str, ...], delimiter: str, end: str) -> str | None:
    """``row`` as ``csv.writer`` (QUOTE_MINIMAL) writes it, or ``None`` to leave it to the writer.

    The writer looks at every character of every cell, which made it most of a run's export
    (a month's texts are tens of MB); a cell holding a quote or a line break is left to it,
    and in the others only the separator calls for quotes.
    """
    whole = delimiter.join(row)
    if '"' in whole or "\n" in whole or "\r" in whole:
        return None
    if whole.count(delimiter) == len(row) - 1:
        return whole + end
    return delimiter.join([f'"{cell}"' if delimiter in cell else cell for cell in row]) + end


def excel_amount(amount: str) -> str:
    """``1173.00`` as Excel sv-SE reads a number: ``1173,00``."""
    return amount.replace(".", ",")


_AMOUNT = CSV_HEADER.index("amount")


def _paxml_head(month: str, created: dt.datetime) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<paxml xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:noNamespaceSchemaLocation="http://www.paxml.se/2.2/paxml.xsd">\n'
            "  <header>\n    <format>LÖNIN</format>\n    <version>2.2</version>\n"
            f"    <datum>{created.strftime('%Y-%m-%dT%H:%M:%S')}</datum>\n"
            "    <programnamn>arvode</programnamn>\n"
            f"    <info>{xml_text(f'Arvoden och ersättningar till förtroendevalda, {month}')}</info>\n"
            "  </header>\n  <lonetransaktioner>\n")


_PAXML_TAIL = "  </lonetransaktioner>\n</paxml>\n"


def _paxml_line(line: PayLine, text: str) -> str:
    """PAXml 2.2, LÖNIN: one ``lonetrans`` per paid line, amount in ``belopp``.

    ``benamning`` is what the payroll system shows on the payslip: the line type's
    Swedish name (``Förlorad arbetsinkomst``), never its key. A 0,00 line explains
    what is not paid; it stays in the CSV and the record but is no transaction for
    the payroll system (``""``).
    """
    if not line.amount:
        return ""
    amount = format_json(line.amount)
    parts = [f"    <lonetrans anstid={quoteattr(_NOT_XML.sub(chr(0xFFFD), line.official))}>\n",
             f"      <lonart>{xml_text(line.pay_code)}</lonart>\n",
             f"      <benamning>{xml_text(line_label(None, line.type))}</benamning>\n"]
    if line.date is not None:
        parts.append(f"      <datum>{line.date.isoformat()}</datum>\n")
    comment = f"{line.kind} {line.period} ({line.rule}): {text}"[:1000]
    parts += [f"      <antal>1</antal>\n      <apris>{amount}</apris>\n      <belopp>{amount}</belopp>\n",
              f"      <resenhet>{xml_text(line.organ)}</resenhet>\n",
              f"      <kommentar>{xml_text(comment)}</kommentar>\n    </lonetrans>\n"]
    return "".join(parts)


def _temp_path(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name}.arvode-{tag}.tmp")


class TempFile:
    """One export streamed to its temporary name line by line, as a run pays them.

    A run writes each line once it is paid, with the text it stores in the record
    (formatted once for both), so no file's content is ever held whole in memory.
    ``close`` makes the file durable and gives what ``finish`` renames after the
    commit; ``abort`` (any failure before that) removes it, so a run that is not
    booked leaves no file behind.
    """

    def __init__(self, export: Export, month: str, tag: str, created: dt.datetime | None = None) -> None:
        self.export = export
        self.temp = _temp_path(export.path, tag)
        self._digest = hashlib.sha256()
        self._raw: TextIO | None = None
        self._guard(self._open, month, created)

    def _guard(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except OSError as exc:
            self.abort()
            raise ExportError(f"kan inte skriva: {exc.strerror or exc}", Location(str(self.export.path))) from None
        except BaseException:
            self.abort()
            raise

    def _open(self, month: str, created: dt.datetime | None) -> None:
        self.temp.unlink(missing_ok=True)  # a leftover of a killed run that was never booked
        fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies
        self._raw = os.fdopen(fd, "w", encoding="utf-8", newline="")
        handle = _DigestWriter(self._raw, self._digest)
        self._handle = handle
        form = self.export.format
        # An official's rows are written to the file (and its digest) in one piece, not row by row.
        self._buffer = io.StringIO()
        if form == "csv":
            self._csv = csv.writer(self._buffer, lineterminator="\n")
        elif form == "excel":
            handle.write(_BOM)
            self._csv = csv.writer(self._buffer, delimiter=";", lineterminator="\r\n")
        else:
            handle.write(_paxml_head(month, created or dt.datetime.now(dt.UTC)))
            return
        self._csv.writerow(CSV_HEADER)
        self._flush()

    def _flush(self) -> None:
        self._handle.write(self._buffer.getvalue())
        self._buffer.seek(0)
        self._buffer.truncate()

    def write(self, lines: Iterable[tuple[PayLine, str]]) -> None:
        """Lines with their texts, in the order paid."""
        self._guard(self._write, lines)

    def _write(self, lines: Iterable[tuple[PayLine, str]]) -> None:
        form = self.export.format
        if form in ("csv", "excel"):
            excel = form == "excel"
            delimiter, end = (";", "\r\n") if excel else (",", "\n")
            put = self._buffer.write
            for line, text in lines:
                row = _csv_row(line, text)
                if excel:
                    row = (*row[:_AMOUNT], excel_amount(row[_AMOUNT]), *row[_AMOUNT + 1:])
                plain = _minimal_csv(row, delimiter, end)
                if plain is None:
                    self._csv.writerow(row)
                else:
                    put(plain)
            self._flush()
        else:
            self._handle.write("".join(_paxml_line(line, text) for line, text in lines))

    def close(self) -> Written:
        """The whole file on disk (flushed, fsynced), still under its temporary name."""
        self._guard(self._close)
        return Written(self.export, self.temp, self._digest.hexdigest())

    def _close(self) -> None:
        assert self._raw is not None
        if self.export.format == "paxml":
            self._handle.write(_PAXML_TAIL)
        self._raw.flush()
        os.fsync(self._raw.fileno())
        self._raw.close()
        self._raw = None

    def abort(self) -> None:
        if self._raw is not None:
            with contextlib.suppress(OSError):
                self._raw.close()
            self._raw = None
        self.temp.unlink(missing_ok=True)


def write_temp(export: Export, lines: Iterable[PayLine], month: str, tag: str,
               created: dt.datetime | None = None) -> Written:
    """Stream ``lines`` to a temporary file beside the target; nothing is renamed yet."""
    temp = TempFile(export, month, tag, created)
    temp.write((line, line.text) for line in lines)
    return temp.close()


def finish(temp: Path, path: Path) -> None:
    """Put a written file in place (atomic rename) and make the rename durable."""
    os.replace(temp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def file_sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


class _DigestWriter:
    """Writes text through to ``raw`` and feeds its UTF-8 bytes to ``digest``."""

    def __init__(self, raw: TextIO, digest: Any) -> None:
        self.raw = raw
        self.digest = digest

    def write(self, text: str, /) -> int:
        self.digest.update(text.encode("utf-8"))
        return self.raw.write(text)
