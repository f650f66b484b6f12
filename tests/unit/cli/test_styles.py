"""whoami, list, show, create, update and delete against the sandbox, in both behaviours."""

from __future__ import annotations

import keyring
import pytest

from horde_style_studio.cli.main import run
from horde_style_studio.sandbox.users import CUSTOMIZER_KEY, USER_KEY
from horde_style_studio.services.settings import AppSettings, SettingsStore
from tests.unit.cli.conftest import SANDBOX_URL, Cli, image_style, text_style
from tests.unit.services.fake_keyring import MemoryKeyring

UUID_LENGTH = 36


def test_whoami_shows_the_account_and_its_role(cli: Cli) -> None:
    done = cli("whoami")
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert lines[0].startswith("username: ")
    assert "role: customizer" in lines
    assert "can author styles: yes" in lines


def test_whoami_json_is_the_user_details(cli: Cli) -> None:
    details = cli("--json", "whoami").json()
    assert details["customizer"] is True
    assert isinstance(details["id"], int)
    assert isinstance(details["styles"], list)


def test_whoami_uses_the_keyring_key_of_the_chosen_profile(cli: Cli) -> None:
    cli.keyring["plain"] = USER_KEY
    done = cli("--profile", "plain", "whoami", key=None)
    assert done.code == 0, done.err
    assert "role: user" in done.out.splitlines()


def test_a_command_that_needs_a_key_says_how_to_give_one(cli: Cli) -> None:
    done = cli("whoami", key=None)
    assert done.code == 2
    assert done.out == ""
    assert "HORDE_API_KEY" in done.err
    assert done.err.count("\n") == 1


def test_list_prints_one_page_as_a_table(cli: Cli) -> None:
    done = cli("list", "image")
    assert done.code == 0, done.err
    header, *rows = done.out.splitlines()
    assert header.split() == ["ID", "NAME", "MODELS", "TAGS", "USES"]
    assert len(rows) == 25
    assert "--all" in done.err


def test_list_all_walks_every_page_without_repeats(cli: Cli) -> None:
    listed = cli("--json", "list", "image", "--all").json()
    ids = [style["id"] for style in listed]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids)


def test_list_json_is_an_array_of_styles_as_the_api_shapes_them(cli: Cli) -> None:
    listed = cli("--json", "list", "text", "--sort", "age").json()
    assert isinstance(listed, list)
    assert listed
    assert {"id", "name", "prompt", "params", "models"} <= listed[0].keys()
    assert all(value is not None for value in listed[0].values())


def test_list_filters_by_tag(cli: Cli) -> None:
    tag = cli("--json", "list", "image").json()[0]["tags"][0]
    tagged = cli("--json", "list", "image", "--all", "--tag", tag).json()
    assert tagged
    assert all(tag in style["tags"] for style in tagged)


def test_list_collections(cli: Cli) -> None:
    done = cli("list", "collections")
    assert done.code == 0, done.err
    assert done.out.splitlines()[0].split() == ["ID", "NAME", "TYPE", "STYLES", "USES"]
    assert cli("list", "collections", "--tag", "x").code == 2


def test_show_by_id_and_by_name(cli: Cli) -> None:
    first = cli("--json", "list", "image").json()[0]
    by_id = cli("--json", "show", "image", first["id"]).json()
    assert by_id["id"] == first["id"]
    assert {"id", "name", "prompt", "params", "tags", "models", "examples"} <= by_id.keys()
    by_name = cli("show", "image", first["name"])
    assert by_name.code == 0, by_name.err
    assert f"id: {first['id']}" in by_name.out.splitlines()


def test_show_collection(cli: Cli) -> None:
    first = cli("--json", "list", "collections").json()[0]
    shown = cli("show", "collection", first["id"])
    assert shown.code == 0, shown.err
    assert f"name: {first['name']}" in shown.out.splitlines()


def test_show_of_a_missing_style_is_a_refusal_with_the_servers_reason(cli: Cli) -> None:
    done = cli("show", "image", "00000000-0000-4000-8000-000000000000")
    assert done.code == 1
    assert done.out == ""
    assert done.err.startswith("horde-styles: ")
    assert "not found" in done.err.lower()


def test_create_prints_the_new_id_and_show_returns_the_style(cli: Cli) -> None:
    created = cli("create", "image", cli.file(image_style()))
    assert created.code == 0, created.err
    style_id = created.out.strip()
    assert len(style_id) == UUID_LENGTH
    shown = cli("--json", "show", "image", style_id).json()
    assert shown["name"] == "CLI impasto test"
    assert shown["params"]["width"] == 1024
    assert sorted(shown["tags"]) == ["cli-test", "painting"]


def test_create_json_gives_id_and_warnings(cli: Cli) -> None:
    result = cli("--json", "create", "text", cli.file(text_style())).json()
    assert set(result) == {"id", "warnings"}
    assert isinstance(result["warnings"], list)


def test_create_reports_server_warnings(cli: Cli, behaviour: str) -> None:
    # Twelve steps is too many for SDXL-Lightning by the model reference: the server warns but creates.
    fast = image_style(models=["SDXL-Lightning"], params={"steps": 12, "cfg_scale": 2})
    result = cli("--json", "create", "image", cli.file(fast)).json()
    text = cli("create", "image", cli.file({**fast, "name": "CLI lightning two"}, "two.json"))
    assert text.code == 0
    assert len(text.out.strip()) == UUID_LENGTH
    if behaviour == "modern":
        assert [w["code"] for w in result["warnings"]] == ["StepsTooMany"]
        assert "warning: StepsTooMany: " in text.err
    else:
        # §12: 5.1.5 sends each warning as {"code": null, "message": null}.
        assert result["warnings"] == [{"code": None, "message": None}]
        assert "without details" in text.err


def test_create_needs_the_customizer_role(cli: Cli) -> None:
    done = cli("create", "image", cli.file(image_style()), key=USER_KEY)
    assert done.code == 1
    assert "customizer" in done.err.lower()


def test_update_replaces_the_whole_style(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    edited = image_style(name="CLI impasto edited", tags=["edited"], params={"steps": 40})
    done = cli("update", "image", style_id, cli.file(edited, "edited.json"))
    assert done.code == 0, done.err
    assert done.out.strip() == style_id
    shown = cli("--json", "show", "image", style_id).json()
    assert (shown["name"], shown["tags"]) == ("CLI impasto edited", ["edited"])
    assert shown["params"] == {"steps": 40}


def test_update_without_a_prompt_gives_the_same_style_on_both_versions(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    partial = {"name": "CLI partial", "models": ["AlbedoBase XL (SDXL)"]}
    done = cli("update", "image", style_id, cli.file(partial, "partial.json"))
    assert done.code == 0, done.err
    assert "has no prompt, tags, params" in done.err
    shown = cli("--json", "show", "image", style_id).json()
    assert (shown["prompt"], shown["tags"], shown["params"]) == ("{p}{np}", [], {})


def test_update_accepts_a_file_saved_from_show_json(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    served = cli("--json", "show", "image", style_id).json()
    served["prompt"] = "{p}, thick impasto###flat, {np}"
    assert cli("update", "image", style_id, cli.file(served, "served.json")).code == 0
    assert cli("--json", "show", "image", style_id).json()["prompt"] == "{p}, thick impasto###flat, {np}"


def test_text_update_works_on_modern_and_is_explained_on_5_1_5(cli: Cli, behaviour: str) -> None:
    style_id = cli("create", "text", cli.file(text_style())).out.strip()
    done = cli("update", "text", style_id, cli.file(text_style(name="CLI butler edited"), "e.json"))
    shown = cli("--json", "show", "text", style_id).json()
    if behaviour == "modern":
        assert done.code == 0, done.err
        assert shown["name"] == "CLI butler edited"
    else:
        # §2.5 / §9 B4: every text PATCH is a 500 on 5.1.5 and nothing changes.
        assert done.code == 1
        assert "delete and recreate" in done.err
        assert shown["name"] == "CLI terse butler test"


def test_delete_removes_the_style(cli: Cli) -> None:
    style_id = cli("create", "image", cli.file(image_style())).out.strip()
    done = cli("delete", "image", style_id)
    assert (done.code, done.out.strip()) == (0, style_id)
    assert cli("show", "image", style_id).code == 1


def test_delete_through_the_wrong_kind_leaves_the_style_alone(cli: Cli) -> None:
    style_id = cli("create", "text", cli.file(text_style())).out.strip()
    assert cli("delete", "image", style_id).code == 1
    assert cli("show", "text", style_id).code == 0


@pytest.mark.parametrize("argv", [["whoami"], ["create", "image", "FILE"], ["list", "image"]])
def test_the_api_key_never_reaches_the_output(cli: Cli, argv: list[str]) -> None:
    secret = "sekrit-key-that-does-not-exist-0042"
    argv = [cli.file(image_style()) if arg == "FILE" else arg for arg in argv]
    done = cli(*argv, key=secret)
    assert secret not in done.out + done.err
    assert "Traceback" not in done.err


def test_the_apps_active_profile_and_keyring_entry_are_used(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    SettingsStore.for_dirs().save(AppSettings(server_url=SANDBOX_URL).with_profile("curator"))
    backend = MemoryKeyring()
    backend.entries[("horde-style-studio", "curator")] = CUSTOMIZER_KEY
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    # No --base-url, no HORDE_API_KEY: the server and the key both come from the app.
    code = run(["whoami"], session_factory=cli.make_session, environ={})
    out = capsys.readouterr().out
    assert code == 0
    assert "role: customizer" in out.splitlines()
    assert CUSTOMIZER_KEY not in out


def test_show_keeps_a_shared_key_id_off_the_screen(cli: Cli) -> None:
    # §2.8 / B9: the id of a style's shared key spends its owner's kudos. The curator owns a seeded style
    # with one, which both behaviours serve to the owner's key (§10).
    owned = [ref["id"] for ref in cli("--json", "whoami").json()["styles"] if ref["type"] == "image"]
    served = (cli("--json", "show", "image", style_id).json() for style_id in owned)
    with_key = next(style for style in served if "shared_key" in style)
    text = cli("show", "image", with_key["id"]).out
    assert with_key["shared_key"]["id"] not in text
    assert "id: (hidden; use --json to see it)" in text
