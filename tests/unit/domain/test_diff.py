"""The diff the editor shows before saving and when the server's copy changed meanwhile."""

from __future__ import annotations

from typing import Any

from horde_style_studio.domain.diff import Change, ChangeKind, describe, diff_styles, payload_of
from horde_style_studio.domain.styles import ImageStyle, TextStyle

BASE: dict[str, Any] = {
    "name": "Noir Alley",
    "info": "Wet streets at night, in black and white.",
    "prompt": "{p}, film noir###{np}",
    "public": True,
    "nsfw": False,
    "tags": ["noir", "city"],
    "models": ["Deliberate"],
    "params": {"width": 512, "steps": 30, "loras": [{"name": "1234", "model": 1.0, "is_version": True}]},
}


def _with(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


def test_identical_payloads_have_no_changes() -> None:
    assert diff_styles(BASE, dict(BASE)) == []


def test_a_changed_param_is_reported_by_its_dotted_path() -> None:
    after = _with(params={**BASE["params"], "width": 768})
    assert diff_styles(BASE, after) == [Change("params.width", 512, 768)]


def test_tags_and_models_compare_as_sets_because_the_server_stores_sets() -> None:
    assert diff_styles(BASE, _with(tags=["city", "noir", "noir"])) == []
    [change] = diff_styles(BASE, _with(tags=["city", "rain"]))
    assert (change.path, change.before, change.after) == ("tags", ["city", "noir"], ["city", "rain"])


def test_added_and_removed_fields_say_so() -> None:
    after = {key: value for key, value in BASE.items() if key != "info"}
    after["params"] = {**BASE["params"], "sampler_name": "k_euler"}
    changes = diff_styles(BASE, after)
    assert [(c.path, c.kind) for c in changes] == [
        ("info", ChangeKind.REMOVED),
        ("params.sampler_name", ChangeKind.ADDED),
    ]


def test_lora_entries_are_compared_field_by_field_and_new_ones_whole() -> None:
    loras = [{"name": "1234", "model": 0.5, "is_version": True}, {"name": "glow"}]
    changes = diff_styles(BASE, _with(params={**BASE["params"], "loras": loras}))
    assert changes == [
        Change("params.loras.0.model", 1.0, 0.5),
        Change("params.loras.1", None, {"name": "glow"}),
    ]


def test_fields_come_in_the_editors_order() -> None:
    after = _with(name="Noir Alley II", nsfw=True, prompt="{p}###{np}", params={})
    paths = [change.path for change in diff_styles(BASE, after)]
    assert paths == ["name", "prompt", "nsfw", "params.loras", "params.steps", "params.width"]


def test_whole_numbers_and_floats_are_equal_but_booleans_are_not_numbers() -> None:
    assert diff_styles({"params": {"cfg_scale": 7}}, {"params": {"cfg_scale": 7.0}}) == []
    assert diff_styles({"public": True}, {"public": 1}) == [Change("public", True, 1)]


def test_a_new_style_is_all_additions() -> None:
    changes = diff_styles(None, BASE)
    assert changes
    assert all(change.kind is ChangeKind.ADDED for change in changes)
    assert "params.width" in [change.path for change in changes]


def test_empty_params_and_absent_params_are_the_same() -> None:
    assert diff_styles({"name": "a", "params": {}}, {"name": "a"}) == []
    assert diff_styles({"name": "a", "tags": []}, {"name": "a"}) == []


def test_describe_reads_like_a_sentence() -> None:
    assert describe(Change("params.width", 512, 768)) == "params.width: 512 → 768"
    assert describe(Change("name", None, "Noir")) == "name: set to “Noir”"
    assert describe(Change("info", "old text", None)) == "info: removed (was “old text”)"


def test_payload_of_a_served_style_is_its_full_patch_body() -> None:
    served = ImageStyle.model_validate(
        {**BASE, "id": "s-1", "creator": "a#1", "use_count": 4, "shared_key": {"id": "k"}}
    )
    payload = payload_of(served)
    assert "sharedkey" not in payload  # §2.5: never sent on PATCH
    assert "id" not in payload
    assert diff_styles(BASE, payload) == []
    text = TextStyle.model_validate({"id": "t", "name": "Tale", "prompt": "{p}", "models": ["m"]})
    assert payload_of(text)["prompt"] == "{p}"
