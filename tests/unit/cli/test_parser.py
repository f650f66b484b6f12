"""The synopsis of issue 2 is a contract: every form in it parses, and additions never change it."""

from __future__ import annotations

import pytest

from horde_style_studio.cli.parser import build_parser

SYNOPSIS_FORMS = [
    "whoami",
    "list image --tag T --model M --sort age --all",
    "list collections --sort popular",
    "show collection ID_OR_NAME",
    "create text FILE.json",
    "update image ID FILE.json",
    "delete collection ID",
    "example add STYLE_ID URL --primary",
    "example primary STYLE_ID EXAMPLE_ID",
    "example remove STYLE_ID EXAMPLE_ID",
    "collection create FILE.json",
    "collection update ID FILE.json",
    "export --mine OUT.json",
    "validate FILE.json",
    "sandbox --port 0 --behaviour v5_1_5",
]


@pytest.mark.parametrize("form", SYNOPSIS_FORMS)
def test_every_synopsis_form_parses_with_the_global_options_first(form: str) -> None:
    args = build_parser().parse_args(["--base-url", "https://h.test/api", "--json", *form.split()])
    assert (args.base_url, args.json) == ("https://h.test/api", True)
    assert args.command == form.split()[0]


def test_global_options_may_also_follow_the_command() -> None:
    args = build_parser().parse_args(["show", "image", "abc", "--json", "--base-url", "https://h.test/api"])
    assert (args.json, args.base_url, args.ref) == (True, "https://h.test/api", "abc")


def test_options_before_the_command_survive_the_command_parser() -> None:
    args = build_parser().parse_args(["--json", "--profile", "work", "whoami"])
    assert (args.json, args.profile, args.base_url) == (True, "work", None)


def test_plain_text_is_the_default() -> None:
    assert build_parser().parse_args(["whoami"]).json is False
