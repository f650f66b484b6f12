"""The server's list pages: their size and the two meanings of ``page`` (§2.1, §9 B1).

Plain data shared by the api client's walker and the library's record of a walk under way, so neither layer
needs the other to name them.
"""

from __future__ import annotations

from enum import Enum
from typing import Final

PAGE_SIZE: Final = 25


class PagingMode(Enum):
    UNKNOWN = "unknown"
    PAGE_NUMBER = "page-number"
    ROW_OFFSET = "row-offset"
