"""``example add|primary|remove`` and ``collection create|update`` (plus ``delete collection``)."""

from __future__ import annotations

from typing import Any

import pytest

from horde_style_studio.cli.commands import examples
from tests.unit.cli.conftest import Cli, image_style, text_style


def _examples(cli: Cli, style_id: str) -> list[dict[str, Any]]:
    examples: list[dict[str, Any]] = cli("--json", "show", "image", style_id).json()["examples"]
    return examples


def _primaries(cli: Cli, style_id: str) -> list[str]:
    return [example["id"] for example in _examples(cli, style_id) if example["primary"]]


def test_the_first_example_becomes_primary(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    done = cli("example", "add", style_id, "https://img.example.test/one.webp")
    assert done.code == 0, done.err
    example_id = done.out.strip()
    assert _primaries(cli, style_id) == [example_id]


def test_add_primary_and_switch_primary(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    first = cli("example", "add", style_id, "https://img.example.test/one.webp", "--primary").out.strip()
    second = cli("--json", "example", "add", style_id, "https://img.example.test/2.webp", "--primary").json()
    assert set(second) == {"id", "warnings"}
    assert _primaries(cli, style_id) == [second["id"]]
    done = cli("example", "primary", style_id, first)
    assert (done.code, done.out.strip()) == (0, first)
    assert _primaries(cli, style_id) == [first]


def test_primary_of_an_unknown_example_is_refused_after_a_fresh_read(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(examples, "CACHE_WAITS", (0.0,))
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    cli.app.faults.clear()
    done = cli("example", "primary", style_id, "00000000-0000-4000-8000-00000000beef")
    assert done.code == 1
    assert "has no example" in done.err
    reads = [r for r in cli.app.request_log if r.method == "GET" and r.path.endswith(style_id)]
    assert len(reads) == 2  # the second read outlasts a cached copy that predates the example (§1)


def test_remove_an_example(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    example_id = cli("example", "add", style_id, "https://img.example.test/one.webp").out.strip()
    done = cli("example", "remove", style_id, example_id)
    assert (done.code, done.out.strip()) == (0, example_id)
    assert _examples(cli, style_id) == []


def test_a_fifth_example_is_refused_by_the_server(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    for n in range(4):
        assert cli("example", "add", style_id, f"https://img.example.test/{n}.webp").code == 0
    done = cli("example", "add", style_id, "https://img.example.test/5.webp")
    assert done.code == 1
    assert "4" in done.err


def test_collection_create_from_ids_and_names_then_update(cli: Cli) -> None:
    one = cli("create", "image", cli.file(image_style(name="CLI member one"))).out.strip()
    two = cli("create", "image", cli.file(image_style(name="CLI member two"), "two.json")).out.strip()
    spec = {"name": "CLI test collection", "info": "Made by the CLI tests", "styles": [one, "CLI member two"]}
    created = cli("collection", "create", cli.file(spec, "collection.json"))
    assert created.code == 0, created.err
    collection_id = created.out.strip()
    shown = cli("--json", "show", "collection", collection_id).json()
    assert shown["type"] == "image"
    assert sorted(member["id"] for member in shown["styles"]) == sorted([one, two])

    renamed = {"name": "CLI test collection renamed", "public": False, "styles": [two]}
    done = cli("--json", "collection", "update", collection_id, cli.file(renamed, "renamed.json"))
    assert done.code == 0, done.err
    assert done.json()["id"] == collection_id
    shown = cli("--json", "show", "collection", collection_id).json()
    assert (shown["name"], shown["public"]) == ("CLI test collection renamed", False)
    assert [member["id"] for member in shown["styles"]] == [two]


def test_collections_of_mixed_kinds_are_refused(cli: Cli) -> None:
    image = cli("create", "image", cli.file(image_style())).out.strip()
    text = cli("create", "text", cli.file(text_style(), "t.json")).out.strip()
    done = cli("collection", "create", cli.file({"name": "CLI mixed", "styles": [image, text]}, "c.json"))
    assert done.code == 1
    assert "image and text" in done.err


def test_an_invalid_collection_file_is_bad_input(cli: Cli) -> None:
    done = cli("collection", "create", cli.file({"name": "CLI empty", "styles": []}))
    assert done.code == 2
    assert "styles: A collection has to include at least one style" in done.err


def test_delete_a_collection(cli: Cli) -> None:
    member = cli("create", "image", cli.file(image_style())).out.strip()
    spec = cli.file({"name": "CLI doomed", "styles": [member]})
    collection_id = cli("collection", "create", spec).out.strip()
    assert cli("delete", "collection", collection_id).code == 0
    assert cli("show", "collection", collection_id).code == 1


def test_collection_update_accepts_a_file_saved_from_show_json(cli: Cli) -> None:
    member = cli("create", "image", cli.file(image_style())).out.strip()
    spec = cli.file({"name": "CLI round", "styles": [member]})
    collection_id = cli("collection", "create", spec).out.strip()
    served = cli("--json", "show", "collection", collection_id).json()
    served["name"] = "CLI round, edited"
    done = cli("collection", "update", collection_id, cli.file(served, "served.json"))
    assert done.code == 0, done.err
    shown = cli("--json", "show", "collection", collection_id).json()
    assert (shown["name"], [m["id"] for m in shown["styles"]]) == ("CLI round, edited", [member])
