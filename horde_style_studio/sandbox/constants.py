"""Small fixed vocabularies of the sandbox Horde (kept here so the sandbox stays self-contained)."""

from __future__ import annotations

from typing import Final, Literal

Behaviour = Literal["modern", "v5_1_5"]
"""Which server the sandbox imitates: documented 5.1.13 or 5.1.5 with its bugs (REFERENCE §9, §10)."""

StyleKind = Literal["image", "text"]

PAGE_SIZE: Final = 25
ANONYMOUS_KEY: Final = "0000000000"
# The fixed accounts' keys (see .users): 22 characters like real Horde keys, so demos, tests and the
# ``--sandbox`` app can hard-code them; they only ever unlock this fake server.
CUSTOMIZER_KEY: Final = "sbx-curator-key-000001"
USER_KEY: Final = "sbx-plain-user-key-002"
MODERATOR_KEY: Final = "sbx-moderator-key-0003"
TRUSTED_KEY: Final = "sbx-trusted-key-000004"
MAX_MODELS: Final = 5
MAX_TAGS: Final = 10
MAX_EXAMPLES: Final = 4
TAG_CUT: Final = 100

SERVER_VERSION: Final[dict[Behaviour, str]] = {"modern": "5.1.13", "v5_1_5": "5.1.5"}

KNOWN_SAMPLERS: Final = (
    "k_lms",
    "k_heun",
    "k_euler",
    "k_euler_a",
    "k_dpm_2",
    "k_dpm_2_a",
    "k_dpm_fast",
    "k_dpm_adaptive",
    "k_dpmpp_2s_a",
    "k_dpmpp_2m",
    "dpmsolver",
    "k_dpmpp_sde",
    "DDIM",
    "lcm",
)
KNOWN_UPSCALERS: Final = (
    "RealESRGAN_x4plus",
    "RealESRGAN_x2plus",
    "RealESRGAN_x4plus_anime_6B",
    "NMKD_Siax",
    "4x_AnimeSharp",
    "4xNomos8kSC",
    "4xLSDIRplus",
    "4xNomosWebPhoto_RealPLKSR",
    "4xNomos2_realplksr_dysample",
    "4xNomos2_hq_dat2",
    "2xModernSpanimationV1",
)
KNOWN_POST_PROCESSORS: Final = (
    "GFPGAN",
    *KNOWN_UPSCALERS,
    "CodeFormers",
    "strip_background",
    "GFPGANv1.3",
    "RestoreFormer",
)

# The real server checks profanity with a large filter; a tiny list is enough to exercise the code paths.
PROFANE_WORDS: Final = frozenset({"badword", "darnit"})

GENERIC_404: Final = (
    "The requested URL was not found on the server. "
    "If you entered the URL manually please check your spelling and try again."
)
GENERIC_405: Final = "The method is not allowed for the requested URL."
INTERNAL_ERROR: Final = "Internal Server Error"
