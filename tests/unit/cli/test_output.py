"""The human-readable shapes: one-line table rows and ``key: value`` blocks that keep odd text visible."""

from __future__ import annotations

from horde_style_studio.cli.output import MAX_CELL, key_values, table


def test_table_pads_columns_and_keeps_every_row_on_one_line() -> None:
    text = table(["ID", "NAME"], [["a1", "Short"], ["b22", "Line\nbreak " + "x" * 80]])
    header, first, second = text.splitlines()
    assert header.index("NAME") == first.index("Short")
    assert second.startswith("b22  Line break ")
    assert second.endswith("…")
    assert len(second) == len("b22  ") + MAX_CELL


def test_table_joins_lists_and_spells_booleans() -> None:
    assert table(["M", "P"], [[["a", "b"], True]]).splitlines()[1] == "a, b  yes"


def test_key_values_nests_objects_and_lists_of_objects() -> None:
    block = key_values({
        "name": "Noir, again",
        "params": {"steps": 30, "stop_sequence": ["\nUser:", "a, b"]},
        "examples": [{"id": "e1", "primary": True}],
        "tags": [],
    })
    assert block.splitlines() == [
        "name: Noir, again",
        "params:",
        "  steps: 30",
        '  stop_sequence: "\\nUser:", "a, b"',
        "examples:",
        "  - id: e1, primary: yes",
        "tags: (none)",
    ]


def test_a_multi_line_prompt_keeps_its_lines_indented() -> None:
    assert key_values({"prompt": "Be brief.\n\n{p}"}).splitlines() == ["prompt:", "  Be brief.", "", "  {p}"]
