"""Payment lines out to payroll: CSV, and PAXml 2.2 (the Swedish payroll import standard).

Files are written to a temporary name and renamed into place, so payroll never
reads half a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from arvode.base.money import format_json
from arvode.payroll.run import PayLine

__all__ = ["CSV_HEADER", "paxml_text", "write_atomic", "write_csv", "write_paxml"]

CSV_HEADER = ("official", "period", "kind", "date", "type", "amount", "rule", "pay_code", "organ", "text")


def write_atomic(path: str | Path, text: str) -> None:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def csv_text(lines: Iterable[PayLine]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for line in lines:
        writer.writerow((line.official, line.period, line.kind, line.date.isoformat() if line.date else "",
                         line.type, format_json(line.amount), line.rule, line.pay_code, line.organ, line.text))
    return buffer.getvalue()


def write_csv(lines: Iterable[PayLine], path: str | Path) -> None:
    write_atomic(path, csv_text(lines))


def paxml_text(lines: Iterable[PayLine], month: str, created: dt.datetime | None = None) -> str:
    """PAXml 2.2, LÖNIN: one ``lonetrans`` per paid line, amount in ``belopp``.

    A 0,00 line explains what is not paid; it stays in the CSV and the ledger but
    is no transaction for the payroll system.
    """
    root = ET.Element("paxml", {
        "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
        "xsi:noNamespaceSchemaLocation": "http://www.paxml.se/2.2/paxml.xsd",
    })
    header = ET.SubElement(root, "header")
    ET.SubElement(header, "format").text = "LÖNIN"
    ET.SubElement(header, "version").text = "2.2"
    stamp = created or dt.datetime.now(dt.UTC)
    ET.SubElement(header, "datum").text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    ET.SubElement(header, "programnamn").text = "arvode"
    ET.SubElement(header, "info").text = f"Arvoden och ersättningar till förtroendevalda, {month}"
    transactions = ET.SubElement(root, "lonetransaktioner")
    for line in lines:
        if not line.amount:
            continue
        trans = ET.SubElement(transactions, "lonetrans", {"anstid": line.official})
        ET.SubElement(trans, "lonart").text = line.pay_code
        ET.SubElement(trans, "benamning").text = line.type
        if line.date is not None:
            ET.SubElement(trans, "datum").text = line.date.isoformat()
        ET.SubElement(trans, "antal").text = "1"
        ET.SubElement(trans, "apris").text = format_json(line.amount)
        ET.SubElement(trans, "belopp").text = format_json(line.amount)
        ET.SubElement(trans, "resenhet").text = line.organ
        ET.SubElement(trans, "kommentar").text = f"{line.kind} {line.period} ({line.rule}): {line.text}"[:1000]
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_paxml(lines: Iterable[PayLine], month: str, path: str | Path) -> None:
    write_atomic(path, paxml_text(lines, month))
