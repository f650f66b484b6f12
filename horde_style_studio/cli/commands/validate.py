"""``validate FILE.json``: the domain's own rules, offline; exit 1 listing every problem (issue 2, item 5).

Unlike ``create``, whose invalid input is exit 2 with one line, ``validate`` is asked to judge: its verdict
goes to stdout, one ``field: message`` per line, for curators' CI logs.
"""

from __future__ import annotations

import argparse

from horde_style_studio.cli.documents import (
    DocumentKind,
    declared_kind,
    detect_kind,
    problem_line,
    problems_for,
)
from horde_style_studio.cli.errors import EXIT_OK, EXIT_REFUSED, CliInputError
from horde_style_studio.cli.files import read_json_object
from horde_style_studio.cli.output import emit, emit_json

_NOUNS: dict[DocumentKind, str] = {"image": "image style", "text": "text style", "collection": "collection"}


def validate(args: argparse.Namespace) -> int:
    doc = read_json_object(args.file)
    kind: DocumentKind = args.kind or detect_kind(doc, args.file)
    declared = declared_kind(doc, args.file)
    if declared is not None and declared != kind:
        raise CliInputError(f"{args.file}: --kind {kind} but the file says \"kind\": \"{declared}\"")
    problems = problems_for(kind, doc)
    if args.json:
        emit_json({
            "file": args.file,
            "kind": kind,
            "valid": not problems,
            "problems": [{"field": p.field, "message": p.message} for p in problems],
        })
    elif problems:
        emit("\n".join(problem_line(problem, kind) for problem in problems))
    else:
        emit(f"{args.file}: a valid {_NOUNS[kind]}")
    return EXIT_REFUSED if problems else EXIT_OK
