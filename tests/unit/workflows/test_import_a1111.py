"""Importing a real-world A1111/Forge styles.csv: every draft merges a prompt the way A1111 would."""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path

import pytest

from horde_style_studio.domain.prompt import merge_image_prompt
from horde_style_studio.library import StyleLibrary
from horde_style_studio.library.drafts import Drafts
from horde_style_studio.workflows.importing import (
    ImportFormat,
    Verdict,
    lora_map_resolver,
    read_import,
    review_import,
    save_drafts,
)

SAMPLE_PROMPT = "a red fox in the snow, (masterpiece:1.2)"
SAMPLE_NEGATIVE = "blurry, lowres"
_WORDS = (
    "cinematic light, film grain, 35mm, bokeh, oil painting, watercolor, neon, 'quoted', \"double\", 🦊, ✨"
)
_TAG = re.compile(r"<(?:lora|lyco|hypernet):[^>]*>", re.IGNORECASE)


def a1111_sends(style_prompt: str, style_negative: str, prompt: str, negative: str) -> tuple[str, str]:
    """What A1111 passes on for one style: its modules/styles.py semantics, written independently.

    A style with "{prompt}" gets the user's text put in its place; one without is appended to the stripped
    user text with ", ", an empty side left out. Extra-network tags never reach the model.
    """

    def merged(style: str, text: str) -> str:
        if "{prompt}" in style:
            return style.replace("{prompt}", text)
        return ", ".join(part for part in (text.strip(), style.strip()) if part)

    return _TAG.sub("", merged(style_prompt, prompt)), _TAG.sub("", merged(style_negative, negative))


def horde_sends(template: str, prompt: str, negative: str) -> tuple[str, str]:
    merged = merge_image_prompt(template, f"{prompt}###{negative}")
    positive, _, rest = merged.partition("###")
    return positive, rest


def _phrase(rng: random.Random) -> str:
    words = _WORDS.split(", ")
    return ", ".join(rng.sample(words, rng.randint(1, 5)))


def _realistic_rows(count: int, seed: int = 17) -> list[list[str]]:
    """Rows like those of shared styles.csv files: placeholders or not, LoRA tags, emoji, blanks."""
    rng = random.Random(seed)
    rows: list[list[str]] = []
    for index in range(count):
        name = rng.choice(["Style", "Анимэ", "写真 📷", 'Mood, "dark"', "SDXL • Photo"]) + f" {index}"
        if index % 50 == 7:
            name = "Duplicate name"
        shape = index % 6
        prompt = {
            0: "{prompt}, " + _phrase(rng),
            1: _phrase(rng),
            2: _phrase(rng) + ", {prompt} <lora:detail_tweaker:0.6>, " + _phrase(rng),
            3: "",
            4: "  " + _phrase(rng) + "  ",
            5: "photo of {prompt}\n" + _phrase(rng),
        }[shape]
        negative = rng.choice(["", _phrase(rng), "{prompt}, ugly", "  bad hands , " + _phrase(rng)])
        rows.append([name, prompt, negative])
        if index % 97 == 3:
            rows.append(["", "", ""])  # an empty row, as spreadsheets leave them
    return rows


def _write_csv(path: Path, rows: list[list[str]], broken_at: int | None = None) -> int | None:
    """A UTF-8 file with a BOM and CRLF lines; a broken row (an unquoted comma too many) at ``broken_at``.

    Returns the spreadsheet row number (header = row 1) the broken row starts on.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["name", "prompt", "negative_prompt"])
    broken_row = None
    for index, row in enumerate(rows):
        if index == broken_at:
            broken_row = index + 2  # after the header, counting records as a spreadsheet does
            buffer.write("Broken, cats, dogs, and, more\r\n")
        writer.writerow(row)
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return broken_row


def _a1111_rows(path: Path) -> list[dict[str, str]]:
    # A1111 reads the file this way; its rows, in order, are what each draft must match.
    with path.open(encoding="utf-8-sig", newline="") as file:
        return [
            row
            for row in csv.DictReader(file, skipinitialspace=True)
            if any((v or "").strip() for v in row.values())
        ]


def test_several_hundred_styles_merge_as_a1111_would(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    rows = _realistic_rows(600)
    _write_csv(path, rows)

    batch = read_import(path, resolve=lora_map_resolver({"detail_tweaker": "58390"}))

    assert batch.format is ImportFormat.A1111
    assert batch.problems == []
    expected = _a1111_rows(path)
    assert len(batch.styles) == len(expected) == 600
    for style, row in zip(batch.styles, expected, strict=True):
        want = a1111_sends(row["prompt"], row["negative_prompt"], SAMPLE_PROMPT, SAMPLE_NEGATIVE)
        assert horde_sends(style.document["prompt"], SAMPLE_PROMPT, SAMPLE_NEGATIVE) == want, style.name


def test_lora_tags_become_horde_loras_or_warnings(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    _write_csv(
        path,
        [["Tweaked", "{prompt} <lora:Detail_Tweaker:0.6>", ""], ["Odd", "{prompt} <lora:nowhere:1>", ""]],
    )

    tweaked, odd = read_import(path, resolve=lora_map_resolver({"detail_tweaker": "58390"})).styles

    assert tweaked.document["params"]["loras"] == [
        {"name": "58390", "is_version": True, "model": 0.6, "clip": 0.6}
    ]
    assert odd.document["params"] == {}
    assert any("'nowhere'" in note for note in odd.notes)


def test_a_broken_row_is_named_and_no_other_row_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    rows = _realistic_rows(300)
    broken_row = _write_csv(path, rows, broken_at=120)

    batch = read_import(path)

    assert [problem.row for problem in batch.problems] == [broken_row]
    assert str(batch.problems[0]).startswith(f"Row {broken_row} (line ")
    assert len(batch.styles) == 300


def test_nul_bytes_and_a_windows_code_page_still_import(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    path.write_bytes('name,prompt\r\nCaf\xe9,"{prompt}, cr\xe8me"\r\n\x00\r\n'.encode("cp1252"))

    (style,) = read_import(path).styles

    assert style.name == "Café"
    assert style.document["prompt"] == "{p}, crème{np}"


def test_review_renames_duplicates_flags_own_names_and_keeps_drafts(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    _write_csv(path, [["Noir", "{prompt}, noir", ""], ["Noir", "noir again", ""], ["Mine", "{prompt}", ""]])
    batch = read_import(path)

    review = review_import(batch, own_names=["mine"], default_models=["AlbedoBase XL 3.1"])

    assert [item.name for item in review.styles] == ["Noir", "Noir (2)", "Mine"]
    assert [item.verdict for item in review.styles] == [Verdict.READY, Verdict.READY, Verdict.CLASH]
    library = StyleLibrary.open(tmp_path / "library.sqlite")
    try:
        drafts = Drafts(library)
        assert save_drafts(review, drafts) == 3
        assert sorted(draft.name for draft in drafts.drafts()) == ["Mine", "Noir", "Noir (2)"]
    finally:
        library.close()


def test_a_style_without_a_model_needs_work_before_it_can_be_sent(tmp_path: Path) -> None:
    path = tmp_path / "styles.csv"
    _write_csv(path, [["Plain", "{prompt}, plain", ""]])

    (item,) = review_import(read_import(path), own_names=[]).styles

    assert item.verdict is Verdict.NEEDS_WORK
    assert [problem.field for problem in item.problems] == ["models"]


@pytest.mark.parametrize(
    ("style_prompt", "style_negative"), [("", ""), ("{prompt}", "{prompt}"), ("x", "y"), ("a {prompt} b", "")]
)
def test_corner_templates_merge_as_a1111_would(
    tmp_path: Path, style_prompt: str, style_negative: str
) -> None:
    path = tmp_path / "styles.csv"
    _write_csv(path, [["Corner", style_prompt, style_negative]])

    (style,) = read_import(path).styles

    want = a1111_sends(style_prompt, style_negative, SAMPLE_PROMPT, SAMPLE_NEGATIVE)
    assert horde_sends(style.document["prompt"], SAMPLE_PROMPT, SAMPLE_NEGATIVE) == want
