"""Server refusals turned into problems on the fields they concern.

The rc-less validation body names fields itself (``errors: {"params.width": …}``, §1); the ParamValidator
refusals carry a specific rc that points at one param (§1 lists them). 5.1.5 sends most other style errors
with the generic rc ``BadRequest`` (B7), and those stay whole-style messages: their text is not parsed.
"""

from __future__ import annotations

from typing import Final

from horde_style_studio.api.errors import HordeError
from horde_style_studio.domain.problems import Problem

RC_FIELDS: Final = {
    "TooManyLoras": "params.loras",
    "BadLoraVersion": "params.loras",
    "TooManyTIs": "params.tis",
    "HiResMismatch": "params.hires_fix",
    "InvalidTransparencyModel": "params.transparent",
    "TooManyUpscalers": "params.post_processing",
    "BadCFGDecimals": "params.cfg_scale",
    "BadCFGNumber": "params.cfg_scale",
    "UnexpectedModelName": "models",
    "TokenOverflow": "params.max_context_length",
    "MissingFullSamplerOrder": "params.sampler_order",
    "TooManyStopSequences": "params.stop_sequence",
    "ExcessiveStopSequence": "params.stop_sequence",
    "InvalidPromptSize": "prompt",
    "StylePromptMissingVars": "prompt",  # 5.1.13 sends it; 5.1.5 says BadRequest (B7)
    "StylePromptFieldInvalid": "prompt",
    "SharedKeyInvalid": "sharedkey",
    "SharedKeyEmpty": "sharedkey",
    "SharedKeyExpired": "sharedkey",
}
SERVER_SAYS: Final = "The server refused this: "


def server_problems(err: HordeError) -> list[Problem]:
    """One problem per field the server named; empty when it named none."""
    problems = [Problem(_field(path), SERVER_SAYS + text) for path, text in err.field_errors.items()]
    field = RC_FIELDS.get(err.code or "")
    if field is not None:
        problems.append(Problem(field, SERVER_SAYS + err.message))
    return problems


def _field(path: str) -> str:
    # flask-restx reports list items as "tags.3" already; a stray "payload" (an unreadable key) means the
    # whole style.
    return "" if path == "payload" else path
