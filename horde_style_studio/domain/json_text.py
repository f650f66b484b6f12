"""Reading JSON that anyone may have written: a server, a file, the Editor's JSON tab (issue 14, item 4).

``json.loads`` recurses once per nesting level (100,000 ``[`` raise RecursionError, and a few hundred
levels that do parse make every later walk over the value recurse as deep), turns ``1e400`` into infinity,
accepts ``Infinity`` and ``NaN`` (not JSON at all) and spends quadratic time on, or refuses with a bare
ValueError, integers thousands of digits long. :func:`loads` checks the nesting before parsing and the
numbers while parsing, and says what is wrong in words, as :class:`JsonTextError`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Final

MAX_DEPTH: Final = 64  # a style is about six levels deep; params.special leaves room for more
MAX_INT_DIGITS: Final = 40  # 64-bit numbers have at most 20 digits; twice that is still a number
# A string with its escapes (the unrolled form never backtracks, so a ten-megabyte string costs one pass).
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET: Final = re.compile(r"[\[\]{}]")


class JsonTextError(ValueError):
    """Text that is not JSON the app accepts. ``str()`` is a clause such as "nested more than 64 levels
    deep"; ``line`` and ``column`` point at the spot when the parser knows it."""

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, line, column

    @property
    def where(self) -> str:
        return f" (line {self.line}, column {self.column})" if self.line is not None else ""


def nesting_depth(text: str, limit: int | None = None) -> int:
    """How deep ``[`` and ``{`` nest outside strings; stops counting once past ``limit``."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub('""', text)):
        if match.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if limit is not None and deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise JsonTextError(f"a number {digits:,} digits long (at most {MAX_INT_DIGITS} are accepted)")
    return int(text)


def _real(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:17] + "…"
        raise JsonTextError(f"the number {shown} is too large")
    return value


def _constant(name: str) -> Any:
    raise JsonTextError(f"{name} is not a number JSON allows")


def loads(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The value in ``data`` (bytes must be UTF-8), or :class:`JsonTextError` saying why not."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise JsonTextError("not UTF-8 text") from None
    else:
        text = data
    # Counting first is cheap; only text with that many brackets anywhere is scanned properly.
    deep = text.count("[") + text.count("{") > max_depth and nesting_depth(text, max_depth) > max_depth
    if deep:
        raise JsonTextError(f"nested more than {max_depth} levels deep")
    try:
        return json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=_constant)
    except JsonTextError:
        raise
    except json.JSONDecodeError as err:
        raise JsonTextError(err.msg, line=err.lineno, column=err.colno) from None
    except RecursionError:  # not reached after the depth check; kept so no input can ever raise it
        raise JsonTextError("nested too deeply") from None
    except ValueError as err:  # any other refusal of a number by Python itself
        raise JsonTextError(str(err).split(":")[0]) from None
