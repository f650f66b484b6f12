"""``export``: the public lists, or with ``--mine`` the account's own styles, as one JSON bundle."""

from __future__ import annotations

import json
from pathlib import Path

from tests.unit.cli.conftest import Cli, image_style


def test_export_writes_every_public_style_and_collection(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "bundle.json"
    done = cli("export", str(out))
    assert done.code == 0, done.err
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert (bundle["format"], bundle["version"]) == ("horde-style-studio/export", 1)
    assert bundle["server"] == "http://sandbox.localhost/api"
    assert bundle["exported_at"].endswith("+00:00")
    listed = {kind: cli("--json", "list", kind, "--all").json() for kind in ("image", "text", "collections")}
    assert len(bundle["styles"]["image"]) == len(listed["image"])
    assert len(bundle["styles"]["text"]) == len(listed["text"])
    assert len(bundle["collections"]) == len(listed["collections"])
    assert all("examples" in style for style in bundle["styles"]["image"])
    assert not any("shared_key" in style for style in bundle["styles"]["image"])
    assert f"{len(listed['image'])} image styles" in done.out


def test_export_mine_includes_private_styles(cli: Cli, tmp_path: Path) -> None:
    private = cli.file(image_style(name="CLI private one", public=False))
    private_id = cli("create", "image", private).out.strip()
    out = tmp_path / "mine.json"
    done = cli("--json", "export", "--mine", str(out))
    assert done.code == 0, done.err
    assert done.json()["path"] == str(out)
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert private_id in [style["id"] for style in bundle["styles"]["image"]]
    assert bundle["collections"] == []
    assert "collections" in done.err


def test_export_to_an_unwritable_place_is_bad_input(cli: Cli, tmp_path: Path) -> None:
    done = cli("export", str(tmp_path / "no-such-dir" / "bundle.json"))
    assert done.code == 2
    assert "cannot be written" in done.err
