"""Text files of unknown origin: detect encoding and delimiter, and normalise for DuckDB.

An accounting export may be UTF-8, UTF-8 with BOM or Windows-1252, with `;`, tab,
`,` or `|` between fields. `normalise()` decodes it line by line (a line that
cannot be decoded is skipped with its number, the rest kept), drops blank lines,
and writes UTF-8 with the original line number as the first field, so DuckDB can
read it natively and every problem still names its line.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from assistant.spend.model import Skipped

DELIMITERS = (";", "\t", ",", "|")
LINE_FIELD = "_linje"
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
MAX_LINES_BEFORE_HEADER = 20
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 med BOM", "cp1252": "Windows-1252"}


def detect_encoding(raw: bytes) -> str:
    """utf-8-sig (BOM), utf-8, or cp1252 when the bytes are not (mostly) UTF-8."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Real UTF-8 text with a few broken lines keeps UTF-8 (the broken lines are skipped);
    # text with no valid multibyte sequences at all is a legacy single-byte export.
    return "utf-8" if _UTF8_MULTIBYTE.search(raw) else "cp1252"


def detect_delimiter(header: str) -> str:
    counts = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    return max(DELIMITERS, key=lambda d: (counts[d], -DELIMITERS.index(d)))


def split_fields(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


@dataclass
class Normalised:
    path: Path
    encoding: str
    delimiter: str
    header: list[str]
    header_line: int
    sample: list[list[str]]
    skipped: list[Skipped]


def normalise(source: Path, target: Path, is_header=None, sample_rows: int = 500) -> Normalised:
    """Write `source` as UTF-8 with a leading line-number field into `target`.

    `is_header(fields) -> bool` picks the header line (default: the first non-blank
    line); lines before it are ignored (titles above the table in some exports).
    """
    raw = source.read_bytes()
    encoding = detect_encoding(raw)
    if encoding == "utf-8-sig":
        raw = raw[3:]
        encoding_used = "utf-8"
    else:
        encoding_used = encoding
    skipped: list[Skipped] = []
    header: list[str] | None = None
    header_line = 0
    delimiter = ";"
    sample: list[list[str]] = []
    name = str(source)
    before_header = 0
    with target.open("w", encoding="utf-8", newline="") as out:
        write = out.write
        for number, line_bytes in enumerate(io.BytesIO(raw), 1):
            try:
                line = line_bytes.decode(encoding_used).rstrip("\r\n")
            except UnicodeDecodeError as error:
                skipped.append(Skipped(name, number, f"teksten kan ikke leses som "
                                       f"{ENCODING_NAMES[encoding]} (ugyldig byte "
                                       f"0x{line_bytes[error.start]:02x}); linjen er hoppet over"))
                continue
            if not line.strip():
                continue
            if header is None:
                fields = split_fields(line, detect_delimiter(line))
                if is_header is not None and not is_header(fields):
                    before_header += 1
                    if before_header >= MAX_LINES_BEFORE_HEADER:
                        break
                    continue
                delimiter = detect_delimiter(line)
                header, header_line = split_fields(line, delimiter), number
                write(f"{LINE_FIELD}{delimiter}{line}\n")
                continue
            if len(sample) < sample_rows:
                sample.append(split_fields(line, delimiter))
            write(f"{number}{delimiter}{line}\n")
    return Normalised(target, encoding, delimiter, header or [], header_line, sample, skipped)
