"""AUTOMATIC1111 / Forge ``styles.csv``: columns name, prompt, negative_prompt.

Read as A1111 reads it (UTF-8 with or without a BOM, a space after a comma skipped, the old "text"
column accepted for "prompt"), but one broken row costs only that row: it becomes a :class:`RowProblem`
naming its row (the spreadsheet's row number: the header is row 1) and the reading carries on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.workflows.importing.documents import new_document
from horde_style_studio.workflows.importing.model import (
    ImportBatch,
    ImportedStyle,
    ImportFileError,
    ImportFormat,
    RowProblem,
)
from horde_style_studio.workflows.importing.templates import LoraResolver, a1111_template, extract_loras

_NAME, _PROMPT, _NEGATIVE, _OLD_PROMPT = "name", "prompt", "negative_prompt", "text"


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM dropped); a file saved by a Windows spreadsheet in its ANSI code page also reads."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_a1111(data: bytes, source: str, resolve: LoraResolver) -> ImportBatch:
    batch = ImportBatch(ImportFormat.A1111, source)
    text = decode_text(data).replace("\x00", "")
    rows = _rows(text, batch)
    header = next(rows, None)
    if header is None:
        raise ImportFileError(f"{source} is empty.")
    columns = [column.strip().lower() for column in header[1]]
    if _NAME not in columns or not ({_PROMPT, _OLD_PROMPT} & set(columns)):
        raise ImportFileError(
            f"{source} has no 'name' and 'prompt' columns in its first row, so it is not an A1111 styles.csv."
        )
    for where, values in rows:
        style = _style(where, columns, values, batch, resolve)
        if style is not None:
            batch.styles.append(style)
    return batch


def _rows(text: str, batch: ImportBatch) -> Iterator[tuple[Where, list[str]]]:
    """(where the row is, its values); a row the csv module refuses becomes a problem."""
    reader = csv.reader(io.StringIO(text, newline=""), skipinitialspace=True)
    row, line = 1, 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            batch.problems.append(RowProblem(row, f"cannot be read as CSV ({err}).", line))
        else:
            yield Where(row, line), values
        row, line = row + 1, reader.line_num + 1


class Where(NamedTuple):
    row: int
    line: int


def _style(
    where: Where, columns: list[str], values: list[str], batch: ImportBatch, resolve: LoraResolver
) -> ImportedStyle | None:
    if not any(value.strip() for value in values):
        return None  # an empty row: A1111 skips those too
    if len(values) > len(columns):
        message = (
            f"has {len(values)} values but the header names {len(columns)} columns; a prompt with commas "
            "needs double quotes around it. The row was left out."
        )
        batch.problems.append(RowProblem(where.row, message, where.line))
        return None
    row = dict(zip(columns, values, strict=False))
    name = row.get(_NAME, "").strip()
    if not name:
        batch.problems.append(
            RowProblem(where.row, "has no name, so it cannot become a style. It was left out.", where.line)
        )
        return None
    prompt = row.get(_PROMPT, row.get(_OLD_PROMPT, ""))
    conversion = extract_loras(a1111_template(prompt, row.get(_NEGATIVE, "")), resolve)
    document = new_document(name, conversion.template, batch, conversion.loras)
    return ImportedStyle(where.row, name, StyleKind.IMAGE, document, list(conversion.notes))
