"""``validate`` and the offline checks ``create``/``update``/``collection`` run before sending anything."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from horde_style_studio.cli.main import main

GOOD_IMAGE: dict[str, Any] = {
    "name": "Thick oil",
    "info": "Impasto oil painting with heavy brush strokes",
    "prompt": "{p}, impasto oil painting###blurry, {np}",
    "models": ["AlbedoBase XL (SDXL)"],
    "tags": ["painting"],
    "params": {"width": 1024, "height": 1024, "steps": 30},
}
GOOD_TEXT: dict[str, Any] = {
    "name": "Terse butler",
    "info": "Answers like a very terse butler",
    "prompt": "You are a terse butler. {p}",
    "models": ["koboldcpp/Llama-3-8B"],
    "params": {"temperature": 0.7, "max_length": 200},
}
GOOD_COLLECTION: dict[str, Any] = {"name": "Paintings", "info": "Painterly looks", "styles": ["Thick oil"]}


def write(tmp_path: Path, data: object, name: str = "doc.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("doc", "noun"),
    [(GOOD_IMAGE, "image style"), (GOOD_TEXT, "text style"), (GOOD_COLLECTION, "collection")],
)
def test_a_valid_file_passes_and_says_what_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: dict[str, Any], noun: str
) -> None:
    path = write(tmp_path, doc)
    assert main(["validate", path]) == 0
    assert capsys.readouterr().out == f"{path}: a valid {noun}\n"


def test_every_problem_is_listed_one_per_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = {
        "name": "",
        "info": "short",
        "prompt": "{p} only",
        "models": [],
        "params": {"width": 1000, "steps": 0},
    }
    assert main(["validate", "--kind", "image", write(tmp_path, bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    fields = [line.split(":")[0] for line in lines]
    assert fields == ["name", "info", "prompt", "models", "params.width", "params.steps"]
    assert "multiple of 64" in lines[4]
    assert "{np}" in lines[2]


def test_validate_json_lists_problems_as_objects(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {**GOOD_TEXT, "prompt": "no placeholder here", "tags": ["x" * 30]})
    assert main(["--json", "validate", path]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "text"
    assert report["valid"] is False
    assert [p["field"] for p in report["problems"]] == ["prompt", "tags.0"]


@pytest.mark.parametrize(
    ("doc", "kind"),
    [
        ({"kind": "text", "name": "x", "prompt": "{p}"}, "text"),
        ({"name": "x", "styles": ["a"]}, "collection"),
        ({"name": "x", "examples": []}, "image"),
        ({"name": "x", "params": {"cfg_scale": 7}}, "image"),
        ({"name": "x", "params": {"top_k": 7}}, "text"),
        ({"name": "x", "prompt": "{p}###{np}"}, "image"),
    ],
)
def test_the_kind_comes_from_the_kind_key_or_the_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], doc: dict[str, Any], kind: str
) -> None:
    main(["--json", "validate", write(tmp_path, doc)])
    assert json.loads(capsys.readouterr().out)["kind"] == kind


def test_a_shapeless_style_asks_for_its_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", write(tmp_path, {"name": "x", "prompt": "{p}"})]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--kind" in err


def test_a_style_copied_from_show_json_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    served = {**GOOD_IMAGE, "id": "abc", "use_count": 3, "creator": "db0#1", "info": "",
              "examples": [{"id": "e", "url": "https://x.test/a.webp", "primary": True}]}
    assert main(["validate", write(tmp_path, served)]) == 0, capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"kind": "video"}', "\"kind\" must be image, text or collection"),
    ],
)
def test_unusable_files_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "input.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("horde-styles: ")
    assert message in captured.err
    assert captured.err.count("\n") == 1


def test_create_refuses_an_invalid_file_before_looking_for_a_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path, {**GOOD_IMAGE, "models": [], "params": {"height": 100}})
    assert main(["--base-url", "http://127.0.0.1:9/api", "create", "image", path]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "nothing was sent" in err
    assert "models: A style has to use at least one model" in err
    assert "params.height:" in err


def test_create_refuses_a_file_of_the_other_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, {**GOOD_TEXT, "kind": "text"})
    assert main(["create", "image", path]) == 2
    assert "holds a text style, not an image style" in capsys.readouterr().err


def test_example_urls_must_be_https(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "add", "some-style", "http://insecure.test/a.png"]) == 2
    assert "https://" in capsys.readouterr().err


def test_argparse_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["list", "videos"])
    assert stopped.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_dash_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(GOOD_COLLECTION)))
    assert main(["validate", "-"]) == 0
    assert capsys.readouterr().out == "-: a valid collection\n"
