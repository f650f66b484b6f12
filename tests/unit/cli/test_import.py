"""``import``: review and drafts without sending; ``--create`` sends; an export bundle round-trips."""

from __future__ import annotations

import json
from pathlib import Path

from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.services.paths import app_dirs
from tests.unit.cli.conftest import SANDBOX_URL, Cli, image_style

MODEL = "AlbedoBase XL (SDXL)"


def _csv(tmp_path: Path) -> str:
    path = tmp_path / "styles.csv"
    path.write_bytes(
        "\ufeffname,prompt,negative_prompt\r\n"
        'Fox glow ✨,"{prompt}, glowing, ""neon""",blurry\r\n'
        "Fox glow ✨,second of that name,\r\n"
        "\r\n"
        "Broken,a,b,c\r\n"
        'Plain photo,"film grain, 35mm <lora:grainy:0.5>",\r\n'.encode()
    )
    return str(path)


def _drafts() -> list[str]:
    library = StyleLibrary.open_in(app_dirs().data, server_url=SANDBOX_URL)
    try:
        return sorted(draft.name for draft in Drafts(library).drafts())
    finally:
        library.close()


def test_import_reviews_and_keeps_drafts_but_sends_nothing(cli: Cli, tmp_path: Path) -> None:
    before = len(cli("--json", "list", "image", "--all").json())

    done = cli("--json", "import", _csv(tmp_path), "--model", MODEL)

    assert done.code == 0, done.err
    review = done.json()
    assert [s["name"] for s in review["styles"]] == ["Fox glow ✨", "Fox glow ✨ (2)", "Plain photo"]
    assert {s["verdict"] for s in review["styles"]} == {"ready"}
    assert review["left_out"] == [{"row": 5, "message": review["left_out"][0]["message"]}]
    assert any("'grainy'" in note for note in review["styles"][2]["notes"])
    assert review["styles"][0]["document"]["prompt"] == '{p}, glowing, "neon"###{np}, blurry'
    assert _drafts() == ["Fox glow ✨", "Fox glow ✨ (2)", "Plain photo"]
    assert len(cli("--json", "list", "image", "--all").json()) == before


def test_dry_run_keeps_no_drafts(cli: Cli, tmp_path: Path) -> None:
    done = cli("import", _csv(tmp_path), "--dry-run")

    assert done.code == 0, done.err
    assert "[needs work] Plain photo" in done.out
    assert "Row 5: has 4 values" in done.out
    assert _drafts() == []


def test_create_sends_the_ready_styles_and_clashes_are_held_back(cli: Cli, tmp_path: Path) -> None:
    cli("create", "image", cli.file(image_style(name="Plain photo")))

    done = cli("--json", "import", _csv(tmp_path), "--model", MODEL, "--create")

    assert done.code == 0, done.err
    review = done.json()
    assert sorted(review["created"]) == ["Fox glow ✨", "Fox glow ✨ (2)"]
    assert [s["verdict"] for s in review["styles"]][2] == "clash"
    shown = cli("--json", "show", "image", review["created"]["Fox glow ✨"]).json()
    assert shown["prompt"] == '{p}, glowing, "neon"###{np}, blurry'
    assert shown["public"] is False
    assert _drafts() == ["Plain photo"]  # created styles' drafts are gone; the clash stays for the editor


def test_an_export_bundle_round_trips(cli: Cli, tmp_path: Path) -> None:
    made = cli("create", "image", cli.file(image_style(name="Round trip one", tags=["a", "b"])))
    bundle = tmp_path / "mine.json"
    assert cli("export", "--mine", str(bundle)).code == 0
    cli("delete", "image", made.out.strip())

    done = cli("--json", "import", str(bundle), "--create")

    assert done.code == 0, done.err
    assert {s["verdict"] for s in done.json()["styles"] if s["name"] != "Round trip one"} == {"clash"}
    new_id = done.json()["created"]["Round trip one"]
    again = cli("--json", "show", "image", new_id).json()
    exported = json.loads(bundle.read_text(encoding="utf-8"))["styles"]["image"]
    (original,) = [style for style in exported if style["name"] == "Round trip one"]
    for field in ("name", "info", "prompt", "tags", "models", "params", "public", "nsfw"):
        assert again[field] == original[field], field


def test_legacy_styles_and_categories_become_styles_and_a_collection(cli: Cli, tmp_path: Path) -> None:
    styles = {
        "legacy ink": {"prompt": "{p}, ink wash###{np}", "model": MODEL, "steps": 20, "width": 1024},
        "legacy chalk": {"prompt": "{p}, chalk###{np}", "models": [MODEL], "cfg_scale": 6},
    }
    (tmp_path / "styles.json").write_text(json.dumps(styles), encoding="utf-8")
    (tmp_path / "categories.json").write_text(json.dumps({"legacy media": ["legacy ink", "legacy chalk"]}))

    done = cli("--json", "import", str(tmp_path / "styles.json"), "--create")

    assert done.code == 0, done.err
    report = done.json()
    assert report["format"] == "horde-legacy"
    assert sorted(report["created"]) == ["legacy chalk", "legacy ink"]
    ink = cli("--json", "show", "image", report["created"]["legacy ink"]).json()
    assert (ink["models"], ink["params"]) == ([MODEL], {"steps": 20, "width": 1024})
    assert list(report["collections_created"]) == ["legacy media"]
    collection = cli("--json", "show", "collection", "legacy media").json()
    assert sorted(member["id"] for member in collection["styles"]) == sorted(report["created"].values())
