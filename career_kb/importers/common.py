"""What every importer shares: clear row errors, CSV/TSV reading, progress and results.

An importer reads one published file layout and writes it inside the caller's transaction. It
raises :class:`ImportFileError` naming the file, the row and the column of the first bad value; the
caller (``career_kb.build`` / the CLI) rolls the whole import back, so a bad file changes nothing.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: A progress callback: (label, rows done, rows total or None).
Progress = Callable[[str, int, "int | None"], None]


class ImportFileError(ValueError):
    """A source file that cannot be imported; says which file, row and column, and why."""

    def __init__(self, path: Path | str, message: str, row: int | None = None, column: str | None = None):
        self.path = str(path)
        self.row = row
        self.column = column
        self.reason = message
        where = Path(self.path).name
        if row is not None:
            where += f", row {row}"
        if column:
            where += f", column {column!r}"
        super().__init__(f"{where}: {message}")


@dataclass
class ImportResult:
    """What one importer did: rows written per table, and warnings that did not stop it."""

    source: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def add(self, table: str, n: int = 1) -> None:
        """Count ``n`` rows written to ``table``."""
        self.counts[table] = self.counts.get(table, 0) + n

    def __str__(self) -> str:
        parts = ", ".join(f"{n:,} {table}" for table, n in sorted(self.counts.items()))
        return f"{self.source}: {parts or 'nothing'}"


@dataclass
class Row:
    """One data row of a source file, addressed by header name; errors point at file, row, column."""

    path: Path
    number: int  # 1-based line number in the file, the header being line 1
    values: dict[str, str]

    def get(self, column: str, default: str = "") -> str:
        """The stripped text in ``column`` (``default`` when empty)."""
        value = (self.values.get(column) or "").strip()
        return value if value else default

    def require(self, column: str) -> str:
        """The text in ``column``; an :class:`ImportFileError` when it is empty."""
        value = self.get(column)
        if not value:
            raise self.error(column, "value is required")
        return value

    def number_or_none(
        self, column: str, kind: type = float, missing: Sequence[str] = ("", "—", "-", "*", "#", "**", "n/a", "N/A")
    ):
        """``column`` as ``kind`` (int or float), ``None`` for BLS/O*NET "not available" markers."""
        raw = self.get(column)
        if raw in missing:
            return None
        text = raw.replace(",", "").replace("$", "")
        try:
            return kind(float(text)) if kind is int else kind(text)
        except ValueError:
            raise self.error(column, f"expected a number, got {raw!r}") from None

    def error(self, column: str | None, message: str) -> ImportFileError:
        """An error about this row (and ``column``)."""
        return ImportFileError(self.path, message, row=self.number, column=column)


def _open_text(path: Path) -> io.TextIOBase:
    if not path.is_file():
        raise ImportFileError(path, "file not found")
    # utf-8-sig: tolerate a byte-order mark from spreadsheet exports.
    return open(path, newline="", encoding="utf-8-sig")


def read_rows(path: Path | str, required: Iterable[str], delimiter: str | None = None) -> Iterator[Row]:
    """Yield the rows of a CSV (or, for ``.txt``, tab-separated) file with a header line.

    Raises :class:`ImportFileError` when a ``required`` column is missing from the header, when a
    row has more cells than the header, or when the file is not valid UTF-8.
    """
    path = Path(path)
    if delimiter is None:
        delimiter = "\t" if path.suffix.lower() in (".txt", ".tsv") else ","
    with _open_text(path) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise ImportFileError(path, "file is empty (no header line)") from None
        except UnicodeDecodeError as exc:
            raise ImportFileError(path, f"not UTF-8 text ({exc.reason})", row=1) from None
        header = [h.strip() for h in header]
        missing = [c for c in required if c not in header]
        if missing:
            raise ImportFileError(path, f"missing column(s): {', '.join(missing)}; found: {', '.join(header)}", row=1)
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise ImportFileError(path, f"not UTF-8 text ({exc.reason})", row=line + 1) from None
            except csv.Error as exc:
                raise ImportFileError(path, f"malformed CSV: {exc}", row=line + 1) from None
            line = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(header):
                raise ImportFileError(path, f"{len(cells)} cells but the header has {len(header)}", row=line)
            yield Row(path, line, dict(zip(header, cells, strict=False)))


def count_lines(path: Path | str) -> int:
    """Data lines in a file (for progress totals); cheap, counts newlines."""
    with open(path, "rb") as fh:
        return max(sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b"")) - 1, 0)


def stderr_progress(min_interval: float = 0.5) -> Progress:
    """A progress callback that prints ``label: done/total`` to stderr, at most every ``min_interval`` s."""
    last: dict[str, Any] = {"t": 0.0, "label": None}

    def report(label: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        finished = total is not None and done >= total
        if label != last["label"] or finished or now - last["t"] >= min_interval:
            last["t"], last["label"] = now, label
            pct = f" ({100 * done // total}%)" if total else ""
            text = f"  {label}: {done:,}{'/' + format(total, ',') if total else ''}{pct}"
            if sys.stderr.isatty():  # redraw one line on a terminal; one line per update in logs
                print("\r" + text, end="\n" if finished else "", file=sys.stderr, flush=True)
            else:
                print(text, file=sys.stderr, flush=True)

    return report


def no_progress(label: str, done: int, total: int | None) -> None:
    """A progress callback that says nothing."""


def slugify(text: str) -> str:
    """A stable id from a name: lower case, ``&`` → ``and``, other non-alphanumerics → ``-``.

    ``"Agriculture, Food & Natural Resources"`` → ``"agriculture-food-and-natural-resources"``.
    """
    import re

    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
