"""How large a served field may be before the read models refuse the object (issue 14, item 3).

The server checks lengths when a style is written (§2.2: name 1-100, info up to 1000, tags up to 25 and cut to
100, models cut to 100, up to 10 tags and 5 models, 4 examples) and then escapes ``&``, ``<`` and ``>`` with
bleach, so a stored text can come back up to five times longer (``&`` is served as ``&amp;``). Anything past
that did not come from a working server, and a row carrying it is refused by name, not stored: ten-megabyte
names once grew a library to 6.9 GB in one refresh. Texts the server does not bound (the prompt, example
links) get a generous ceiling, and the whole answer is capped by the API layer's body limit.
"""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import AfterValidator, Field, StringConstraints

from horde_style_studio.domain.escaping import as_written
from horde_style_studio.domain.plain import MAX_EXAMPLES as MAX_EXAMPLES

ESCAPE_GROWTH: Final = len("&amp;")  # the most one character grows when bleach escapes it (§2.2)
MAX_NAME: Final = 100
MAX_INFO: Final = 1000
MAX_LISTED_NAME: Final = 100  # a tag or a model name is cut to 100 characters when stored (§2.2)
MAX_TAGS: Final = 10
MAX_MODELS: Final = 5
MAX_ID: Final = 64  # the ids are 36-character UUIDs (§2.8)
MAX_USERNAME: Final = 200  # "alias#id"; the server's own limit is not documented, real ones are short
MAX_PROMPT: Final = 100_000  # no limit on the server; 5.1.13 counts 7,500 words (§10), which fit easily
MAX_URL: Final = 8192  # no limit on the server (§2.7, a Text column); browsers stop well before this
MAX_ANY_TEXT: Final = 100_000  # every other text of a read model
# params are stored whole, unknown keys and `special` included (§2.2, §4.1); five LoRAs and twenty TIs at
# their limits take a few kilobytes, so this is far past any working style.
MAX_PARAMS_JSON: Final = 64 * 1024
INT64: Final = 2**63  # what SQLite and the server's database columns hold


def served(limit: int) -> int:
    """The longest a served text may be when the server allowed ``limit`` characters before escaping."""
    return limit * ESCAPE_GROWTH


ServedId = Annotated[str, StringConstraints(max_length=MAX_ID)]
# The escaped texts are checked as served, then read back as written (domain/escaping.py, §12).
ServedName = Annotated[str, StringConstraints(max_length=served(MAX_NAME)), AfterValidator(as_written)]
ServedInfo = Annotated[str, StringConstraints(max_length=served(MAX_INFO)), AfterValidator(as_written)]
ServedListedName = Annotated[
    str, StringConstraints(max_length=served(MAX_LISTED_NAME)), AfterValidator(as_written)
]
ServedUsername = Annotated[str, StringConstraints(max_length=served(MAX_USERNAME))]
ServedMemberName = Annotated[
    str, StringConstraints(max_length=served(MAX_USERNAME + MAX_NAME) + 20), AfterValidator(as_written)
]
ServedPrompt = Annotated[str, StringConstraints(max_length=MAX_PROMPT)]
ServedUrl = Annotated[str, StringConstraints(max_length=MAX_URL)]
Int64 = Annotated[int, Field(ge=-INT64, lt=INT64)]
