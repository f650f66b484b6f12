"""SDXL Prompt Styler / Fooocus JSON and the legacy AI-Horde-Styles files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from horde_style_studio.domain.diff import payload_of
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.prompt import merge_image_prompt
from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.workflows.exporting import library_bundle, write_bundle
from horde_style_studio.workflows.importing import ImportFormat, read_import


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_styler_json_merges_as_the_styler_does(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "sdxl_styles.json",
        [
            {"name": "sai-anime", "prompt": "anime artwork {prompt} . vibrant", "negative_prompt": "photo"},
            {"name": "no slot", "prompt": "watercolor", "negative_prompt": ""},
            {"prompt": "nameless"},
        ],
    )

    batch = read_import(path)

    assert batch.format is ImportFormat.STYLER
    anime, plain = batch.styles
    # The styler: the template's {prompt} replaced; the style's negative, then the user's, joined by ", ".
    assert (
        merge_image_prompt(anime.document["prompt"], "a cat###blurry")
        == "anime artwork a cat . vibrant###photo, blurry"
    )
    assert merge_image_prompt(plain.document["prompt"], "a cat###blurry") == "a cat, watercolor###blurry"
    assert plain.notes
    assert [problem.row for problem in batch.problems] == [3]


def test_legacy_styles_keep_params_models_loras_and_categories_become_collections(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "styles.json",
        {
            "sdxl": {
                "prompt": "{p}{np}",
                "model": "SDXL 1.0",
                "steps": 8,
                "width": 1024,
                "loras": [{"name": "247778", "is_version": True}],
                "enhance": True,
            },
            "graffiti": {"prompt": "graffiti {p}###{np}, ugly", "models": ["A", "B"], "cfg_scale": 2},
        },
    )
    _write(tmp_path / "categories.json", {"street": ["graffiti"], "all": ["street", "sdxl", "gone"]})

    batch = read_import(path)

    assert batch.format is ImportFormat.HORDE_LEGACY
    sdxl, graffiti = batch.styles
    assert sdxl.document["models"] == ["SDXL 1.0"]
    assert sdxl.document["params"] == {
        "steps": 8,
        "width": 1024,
        "loras": [{"name": "247778", "is_version": True}],
    }
    assert any("enhance" in note for note in sdxl.notes)
    assert graffiti.document["models"] == ["A", "B"]
    assert {c.name: c.members for c in batch.collections} == {
        "street": ("graffiti",),
        "all": ("graffiti", "sdxl"),
    }


def test_a_library_bundle_of_a_selection_imports_back(tmp_path: Path) -> None:
    styles = [
        ImageStyle.model_validate(
            {
                "id": f"id-{n}",
                "name": f"Sel {n}",
                "prompt": "{p}, ink###{np}",
                "models": ["M"],
                "tags": ["ink"],
                "examples": [{"id": "e", "url": f"https://img.example/{n}.png", "primary": True}],
            }
        )
        for n in range(3)
    ]
    library = StyleLibrary.open(tmp_path / "library.sqlite")
    try:
        library.upsert_styles(StyleKind.IMAGE, styles, datetime.now(UTC), mine=True)
        bundle = library_bundle(library, ["id-0", "id-2"], "https://aihorde.net/api")
    finally:
        library.close()
    path = tmp_path / "bundle.json"
    write_bundle(str(path), bundle)

    batch = read_import(path)

    assert batch.format is ImportFormat.BUNDLE
    assert [s.document for s in batch.styles] == [payload_of(styles[0]), payload_of(styles[2])]
    assert [s.examples for s in batch.styles] == [
        ["https://img.example/0.png"],
        ["https://img.example/2.png"],
    ]
