"""A deterministic synthetic catalogue of styles, as served dicts, for library and sync benchmarks."""

from __future__ import annotations

import random
import uuid
from typing import Any

SUBJECTS = ("portrait", "landscape", "city", "forest", "ocean", "dragon", "robot", "castle", "garden",
            "desert", "mountain", "street", "kitchen", "library", "spaceship", "harbor", "village",
            "temple", "market", "circus")  # fmt: skip
STYLES = ("watercolour", "oil painting", "ink sketch", "pixel art", "neon", "noir", "anime", "cinematic",
          "isometric", "ukiyo-e", "art nouveau", "synthwave", "claymation", "low poly", "gouache", "charcoal",
          "pastel", "cyberpunk", "baroque", "vaporwave")  # fmt: skip
MOODS = ("moody", "dreamy", "golden hour", "gloomy", "vivid", "serene", "eerie", "cosy", "epic", "whimsical")
TAGS = tuple(sorted({*STYLES, *SUBJECTS, *MOODS, "photography", "painting", "retro", "fantasy", "sci-fi",
                     "cute", "dark", "minimal", "3d", "traditional"}))  # fmt: skip
MODELS = tuple(f"Model {name}" for name in ("AlbedoBase XL", "Deliberate", "Dreamshaper", "SDXL 1.0", "Pony",
               "Anything", "Realistic Vision", "ICBINP", "Juggernaut XL", "Flux Schnell", "stable_diffusion",
               "Stable Cascade"))  # fmt: skip
TEXT_MODELS = (
    "koboldcpp/Mythomax",
    "koboldcpp/LLaMA2-13B-Psyfighter2",
    "aphrodite/Fimbulvetr",
    "koboldcpp/Tiefighter",
)
CREATORS = tuple(f"artist_{n:03d}#{100 + n}" for n in range(200))


def served_styles(count: int, text_share: float = 0.1, seed: int = 10_000) -> list[dict[str, Any]]:
    """``count`` styles shaped like the server's list rows (§2.8), a ``text_share`` of them text styles."""
    rng = random.Random(seed)
    return [_one(rng, n, rng.random() < text_share) for n in range(count)]


def _one(rng: random.Random, n: int, text: bool) -> dict[str, Any]:
    style, subject, mood = rng.choice(STYLES), rng.choice(SUBJECTS), rng.choice(MOODS)
    row: dict[str, Any] = {
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "kind": "text" if text else "image",
        "name": f"{mood.title()} {style.title()} {subject.title()} {n}",
        "info": f"A {mood} {style} look for any {subject}, tuned on {rng.choice(MODELS)}.",
        "prompt": f"{{p}}, {style}, {mood}, detailed {subject}###blurry, lowres, {{np}}",
        "tags": sorted(set(rng.sample(TAGS, rng.randint(1, 4))) | {style}),
        "models": sorted(set(rng.sample(TEXT_MODELS if text else MODELS, rng.randint(1, 3)))),
        "use_count": int(rng.lognormvariate(4.0, 1.6)),
        "creator": rng.choice(CREATORS),
        "nsfw": rng.random() < 0.04,
        "public": True,
        "params": {"temperature": 0.7} if text else {"width": 1024, "height": 1024, "steps": 30},
    }
    if not text:
        row["examples"] = [
            {"id": f"{row['id']}-e{k}", "url": f"https://img.test/{row['id']}/{k}.webp", "primary": k == 0}
            for k in range(rng.choice((0, 1, 1, 2, 3)))
        ]
    return row
