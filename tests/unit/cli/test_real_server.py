"""``horde-styles`` against a 5.1.5 sandbox with the real server's limits and read caches (§1, §12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from horde_style_studio.api.retry import RetryPolicy
from horde_style_studio.sandbox import SandboxApp, create_app
from tests.unit.cli.conftest import Cli, image_style


def _cli(app: SandboxApp, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Cli:
    # The retry policy a real run has: the shared 2-per-second window refuses now and then (§12).
    return Cli(app, capsys, tmp_path, retry=RetryPolicy())


def _primaries(app: SandboxApp, style_id: str) -> list[str]:
    return [ex.url for ex in app.state_store.styles[style_id].examples if ex.primary]


def _style_with_examples(cli: Cli, count: int) -> tuple[str, list[str]]:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    ids = [
        cli("example", "add", style_id, f"https://img.example.test/{n}.webp").out.strip()
        for n in range(count)
    ]
    return style_id, ids


def test_removing_the_primary_example_leaves_exactly_one_primary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    app = create_app("v5_1_5", response_cache=True)
    cli = _cli(app, capsys, tmp_path)
    style_id, ids = _style_with_examples(cli, 3)
    assert _primaries(app, style_id) == ["https://img.example.test/0.webp"]
    removed = cli("example", "remove", style_id, ids[0])
    assert removed.code == 0, removed.err
    assert _primaries(app, style_id) == ["https://img.example.test/1.webp"]


def test_choosing_a_primary_among_several_leaves_exactly_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    app = create_app("v5_1_5", response_cache=True)
    cli = _cli(app, capsys, tmp_path)
    style_id, ids = _style_with_examples(cli, 3)
    for example in app.state_store.styles[style_id].examples:
        example.primary = True  # what deleting a primary leaves on 5.1.5 (§2.7 B5)
    chosen = cli("example", "primary", style_id, ids[2])
    assert chosen.code == 0, chosen.err
    assert _primaries(app, style_id) == ["https://img.example.test/2.webp"]


def test_delete_works_after_the_styles_hourly_reads_are_spent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    app = create_app("v5_1_5", rate_limits=True, response_cache=True)
    cli = _cli(app, capsys, tmp_path)
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    for _ in range(20):
        assert cli("show", "image", style_id).code == 0
    refused = cli("show", "image", style_id)
    assert refused.code != 0
    assert "20 per 1 hour" in refused.err
    deleted = cli("delete", "image", style_id)
    assert deleted.code == 0, deleted.err
    assert style_id not in app.state_store.styles


def test_a_collection_names_a_member_by_id_after_its_hourly_reads_are_spent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    app = create_app("v5_1_5", rate_limits=True, response_cache=True)
    cli = _cli(app, capsys, tmp_path)
    spent = cli("create", "image", cli.file(image_style(name="CLI spent"))).out.strip()
    cli("create", "image", cli.file(image_style(name="CLI fresh & new"), "fresh.json"))
    for _ in range(20):
        assert cli("show", "image", spent).code == 0
    spec = {"name": "CLI budget set", "styles": [spent, "CLI fresh & new"]}
    made = cli("--json", "collection", "create", cli.file(spec, "set.json"))
    assert made.code == 0, made.err
    stored = app.state_store.collections[made.json()["id"]]
    assert (stored.kind, len(stored.style_ids)) == ("image", 2)


@pytest.mark.parametrize("typed", ["Noir & Neon", "Noir &amp; Neon"])
def test_text_is_shown_as_written_and_found_by_name_either_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, typed: str
) -> None:
    cli = _cli(create_app("v5_1_5"), capsys, tmp_path)
    doc = image_style(name="Noir & Neon", info="Dark <and> bright & bold", tags=["r&b"])
    style_id = cli("create", "image", cli.file(doc)).out.strip()
    shown = cli("show", "image", typed)
    assert shown.code == 0, shown.err
    assert "name: Noir & Neon" in shown.out.splitlines()
    listed = {row["id"]: row for row in cli("--json", "list", "image", "--all").json()}
    assert (listed[style_id]["info"], listed[style_id]["tags"]) == ("Dark <and> bright & bold", ["r&b"])
