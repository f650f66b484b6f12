"""Deterministic seed data: ~170 image styles, 30 text styles, 10 public collections and 1 private,
shared keys and active models.

Everything is generated from word lists with a fixed random seed, so every sandbox starts identical.
"""

from __future__ import annotations

import random
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from . import seed_vocab as vocab
from .constants import StyleKind
from .render import IMAGE_ROUTE_PREFIX
from .store import ActiveModel, Collection, Example, SandboxStore, SharedKey, Style
from .users import CURATOR, PLAIN_USER, SEED_AUTHORS

RANDOM_SEED = 20_240_611
IMAGE_STYLE_COUNT = 172
PRIVATE_IMAGE_STYLES = 8
TEXT_STYLE_COUNT = 30
_SIZES = ((512, 512), (768, 768), (1024, 1024), (832, 1216), (1216, 832), (640, 896))
_CURATOR_NAMES = (
    "Moody Film Noir",
    "Watercolour Botanical",
    "Golden Hour Street Photography",
    "Pastel Isometric Diorama",
    "Soft Claymation",
    "Curator Draft: Neon Linocut",
)


class Seeder:
    """Fills a store; one instance per store so ids and ``created`` order are reproducible."""

    def __init__(self, store: SandboxStore, rng_seed: int = RANDOM_SEED):
        self.store = store
        self.rng = random.Random(rng_seed)
        self.authors = [u.id for u in SEED_AUTHORS]

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def run(self) -> None:
        self.shared_keys()
        self.image_styles()
        self.text_styles()
        self.collections()
        self.active_models()

    def shared_keys(self) -> None:
        far, past = datetime(2031, 12, 31, tzinfo=UTC), datetime(2024, 1, 1, tzinfo=UTC)
        for key in (
            SharedKey(self.uuid(), CURATOR.id, "Curator showcase key", 50_000, far, utilized=1_250),
            SharedKey(self.uuid(), self.authors[1], "Old promo key", 10_000, past, utilized=300),
            SharedKey(self.uuid(), self.authors[2], "Spent key", 100, far, utilized=100),
        ):
            self.store.shared_keys[key.id] = key

    def image_names(self) -> list[tuple[str, int]]:
        """(name, theme index) pairs: the curator's ones, then bare subjects, then mood + subject."""
        subjects = [theme[0] for theme in vocab.IMAGE_THEMES]
        names = [(n, self._theme_of(n, subjects)) for n in _CURATOR_NAMES]
        taken = {n for n, _ in names}
        combos = [(f"{m} {s}", i) for i, s in enumerate(subjects) for m in vocab.MOODS]
        for name, index in [(s, i) for i, s in enumerate(subjects)] + self.rng.sample(combos, len(combos)):
            if len(names) == IMAGE_STYLE_COUNT:
                break
            if name not in taken:
                names.append((name, index))
                taken.add(name)
        return names

    @staticmethod
    def _theme_of(name: str, subjects: list[str]) -> int:
        return next(i for i, s in enumerate(subjects) if s in name)

    def image_styles(self) -> None:
        names = self.image_names()
        private = set(self.rng.sample(range(len(_CURATOR_NAMES), len(names)), PRIVATE_IMAGE_STYLES - 1))
        private.add(len(_CURATOR_NAMES) - 1)
        for index, (name, theme) in enumerate(names):
            owner = CURATOR.id if index < len(_CURATOR_NAMES) else self.rng.choice(self.authors)
            style = self.image_style(name, theme, owner, public=index not in private)
            if index == 0:
                style.sharedkey_id = next(iter(self.store.shared_keys))
            if index < 2:
                # The demo account's showcase styles always have examples to look at.
                style.examples = self.examples(style, count=3 - index)
            self.store.add_style(style)

    def image_style(self, name: str, theme: int, owner: int, *, public: bool) -> Style:
        subject, words, negative, tags = vocab.IMAGE_THEMES[theme]
        models = sorted(set(self.rng.sample(vocab.IMAGE_MODELS, self.rng.choice((1, 1, 1, 2, 3)))))
        mood = name.removesuffix(subject).strip()
        mood = mood if mood in vocab.MOODS else self.rng.choice(vocab.MOODS)
        style = Style(self.uuid(), "image", owner, name, self.store.tick(), public=public)
        style.info = self.info(subject, mood, models[0])
        style.prompt = f"{{p}}, {mood.lower()}, {words}###{negative}, {{np}}"
        style.params = self.image_params(models)
        style.tags = sorted(
            set(self.rng.sample(tags, self.rng.randint(1, 3))) | ({mood.lower()} if owner % 2 else set())
        )
        style.models, style.use_count = models, self.use_count()
        style.nsfw = self.rng.random() < 0.04
        style.examples = self.examples(style)
        return style

    def info(self, subject: str, mood: str, model: str) -> str:
        if self.rng.random() < 0.08:
            return ""
        template = self.rng.choice(vocab.INFO_TEMPLATES)
        return template.format(subject=subject, subject_lower=subject.lower(), mood=mood.lower(), model=model)

    def use_count(self) -> int:
        return min(int(self.rng.lognormvariate(4.0, 1.6)), 40_000)

    def image_params(self, models: list[str]) -> dict[str, Any]:
        rng = self.rng
        width, height = rng.choice(_SIZES)
        params: dict[str, Any] = {"width": width, "height": height, "karras": rng.random() < 0.7}
        if "Flux.1-Schnell fp8 (Compact)" in models:
            params.update(sampler_name="k_euler", cfg_scale=1, steps=4)
        else:
            params.update(
                sampler_name=rng.choice(("k_euler_a", "k_dpmpp_2m", "k_dpmpp_sde", "DDIM", "k_euler")),
                cfg_scale=rng.choice((3.5, 5, 6, 6.5, 7, 7.5, 8, 9)),
                steps=rng.choice((20, 25, 28, 30, 35, 40)),
                hires_fix=rng.random() < 0.2,
            )
        if "Pony Diffusion XL" in models:
            params["clip_skip"] = 2
        self._extras(params)
        return params

    def _extras(self, params: dict[str, Any]) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            params["post_processing"] = rng.choice(
                (["RealESRGAN_x2plus"], ["GFPGAN"], ["CodeFormers", "4x_AnimeSharp"])
            )
        if rng.random() < 0.35:
            chosen = rng.sample(vocab.LORAS, rng.randint(1, 2))
            params["loras"] = [
                {"name": n, "model": rng.choice((0.6, 0.8, 1.0)), "is_version": v} for n, v in chosen
            ]
        if rng.random() < 0.2:
            params["tis"] = [
                {"name": rng.choice(vocab.TEXTUAL_INVERSIONS), "inject_ti": "negprompt", "strength": 1}
            ]
        if rng.random() < 0.1:
            # Stored but never served: a hidden param (REFERENCE B11).
            params["seed"] = str(rng.randint(1, 99_999))

    def examples(self, style: Style, count: int | None = None) -> list[Example]:
        if count is None:
            count = self.rng.choices((0, 1, 2, 3, 4), weights=(20, 25, 25, 15, 15))[0]
        slug = re.sub(r"[^a-z0-9]+", "-", style.name.lower()).strip("-")
        return [
            Example(self.uuid(), style.id, f"{IMAGE_ROUTE_PREFIX}{slug}-{n + 1}.png", primary=n == 0)
            for n in range(count)
        ]

    def text_styles(self) -> None:
        names = [
            f"{theme[0]} {variant}".strip() for variant in vocab.TEXT_VARIANTS for theme in vocab.TEXT_THEMES
        ]
        for index, name in enumerate(names[:TEXT_STYLE_COUNT]):
            instruction, tags = next((t[1], t[2]) for t in vocab.TEXT_THEMES if name.startswith(t[0]))
            owner = CURATOR.id if index < 2 else self.rng.choice(self.authors)
            style = Style(
                self.uuid(), "text", owner, name, self.store.tick(), public=index not in (1, 17, 26)
            )
            style.info = f"{instruction} A text style for chat and story frontends."
            style.prompt = f"{instruction}\n\n{{p}}"
            style.models = sorted(set(self.rng.sample(vocab.TEXT_MODELS, self.rng.randint(1, 2))))
            style.tags, style.use_count = list(tags), self.use_count()
            style.params = self.text_params()
            self.store.add_style(style)

    def text_params(self) -> dict[str, Any]:
        rng = self.rng
        params: dict[str, Any] = {
            "temperature": rng.choice((0.6, 0.7, 0.8, 1.0, 1.1)),
            "top_p": rng.choice((0.9, 0.92, 0.95)),
            "top_k": rng.choice((0, 40, 100)),
            "rep_pen": rng.choice((1.05, 1.1, 1.15)),
            "rep_pen_range": 1024,
            # Stored, applied, never returned by 5.1.5 (REFERENCE B11).
            "max_length": rng.choice((120, 200, 300)),
            "max_context_length": rng.choice((2048, 4096, 8192)),
        }
        if rng.random() < 0.4:
            params["stop_sequence"] = ["\nUser:", "\n###"]
        if rng.random() < 0.3:
            params["sampler_order"] = [6, 0, 1, 3, 4, 2, 5]
        return params

    def collections(self) -> None:
        owners = {"Noir Nights": CURATOR.id, "Roleplay Starters": CURATOR.id, "Cute Corner": PLAIN_USER.id}
        for name, kind in vocab.COLLECTION_NAMES:
            owner = owners.get(name, self.rng.choice(self.authors))
            collection = Collection(self.uuid(), self._kind(kind), owner, name, self.store.tick())
            collection.info = f"{name}: a hand-picked set of {kind} styles."
            collection.use_count = self.use_count()
            pool = [s.id for s in self.store.styles.values() if s.kind == kind and s.public]
            collection.style_ids = self.rng.sample(pool, self.rng.randint(3, 8))
            self.store.add_collection(collection)
        drafts = Collection(
            self.uuid(), "image", CURATOR.id, "Curator Drafts", self.store.tick(), public=False
        )
        drafts.style_ids = [s.id for s in self.store.styles_of(CURATOR.id) if s.kind == "image"][:3]
        self.store.add_collection(drafts)

    @staticmethod
    def _kind(kind: str) -> StyleKind:
        return "text" if kind == "text" else "image"

    def active_models(self) -> None:
        rng = self.rng
        for kind, names in (("image", vocab.IMAGE_MODELS), ("text", vocab.TEXT_MODELS)):
            for index, name in enumerate(names):
                # Every fifth model has no worker right now, so /status/models leaves it out.
                count = 0 if index % 5 == 4 else rng.randint(1, 30)
                queued = float(rng.randint(0, 400_000))
                model = ActiveModel(
                    name,
                    self._kind(kind),
                    count,
                    round(rng.uniform(0.5, 4.0), 2),
                    queued,
                    float(rng.randint(0, 60)),
                    rng.randint(0, 900),
                )
                self.store.active_models.append(model)
        custom = ActiveModel("sandbox/ExperimentalMerge-v3", "image", 1, 0.8, 0.0, 0.0, 0, known=False)
        self.store.active_models.append(custom)

    def bulk_image_styles(self, count: int) -> None:
        """Extra public image styles for load tests (a 10,000-style library sync, issue 4's benchmark)."""
        subjects = len(vocab.IMAGE_THEMES)
        for n in range(count):
            theme = n % subjects
            mood = vocab.MOODS[n % len(vocab.MOODS)]
            name = f"{mood} {vocab.IMAGE_THEMES[theme][0]} No. {n + 1:05d}"
            owner = self.authors[n % len(self.authors)]
            style = self.image_style(name, theme, owner, public=True)
            self.store.add_style(style)


def seed_store(store: SandboxStore, *, bulk_image_styles: int = 0) -> SandboxStore:
    seeder = Seeder(store)
    seeder.run()
    if bulk_image_styles:
        seeder.bulk_image_styles(bulk_image_styles)
    return store
