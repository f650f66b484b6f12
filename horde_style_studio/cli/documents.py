"""Style and collection files: what kind they hold, their problems, and the payloads built from them.

A style file is either a write payload (``name``, ``info``, ``prompt``, ``models``, ``tags``, ``public``,
``nsfw``, ``params``) or a style as ``show --json`` prints it, so ``show --json > f``, edit, ``update`` works:
the fields only the server sets are dropped before validation. An optional ``"kind"`` key says what the file
holds; otherwise its shape decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Final, Literal, TypeVar

import pydantic

from horde_style_studio.cli.errors import CliInputError
from horde_style_studio.cli.files import read_json_object
from horde_style_studio.domain.collections import CollectionWrite
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.params import ImageParams, TextParams
from horde_style_studio.domain.problems import Problem, problems_from_validation_error
from horde_style_studio.domain.style_files import KIND_KEY
from horde_style_studio.domain.styles import AnyStyleWrite, style_write_model
from horde_style_studio.domain.validation import validate_collection, validate_style

DocumentKind = Literal["image", "text", "collection"]
# §2.8: what a served style carries that only the server sets; a file copied from `show --json` has them.
SERVER_FIELDS: Final = frozenset({"id", "use_count", "creator", "examples", "shared_key"})
_IMAGE_HINTS: Final = frozenset({"examples", "sharedkey", "shared_key"})
_T = TypeVar("_T")
_KINDS: Final[dict[str, DocumentKind]] = {"image": "image", "text": "text", "collection": "collection"}


def detect_kind(doc: Mapping[str, Any], source: str) -> DocumentKind:
    """From the ``kind`` key, else the shape: ``styles`` means a collection, image params or examples an
    image style, text params a text style, ``{np}`` in the prompt an image style."""
    declared = declared_kind(doc, source)
    if declared is not None:
        return declared
    guessed = _kind_from_shape(doc)
    if guessed is None:
        raise CliInputError(
            f"{source}: cannot tell an image style from a text style; add \"kind\": \"image\" or \"text\" "
            "to the file, or pass --kind"
        )
    return guessed


def declared_kind(doc: Mapping[str, Any], source: str) -> DocumentKind | None:
    """The file's own ``"kind"``, if it has one; an unknown value is bad input."""
    declared = doc.get(KIND_KEY)
    if declared is None:
        return None
    kind = _KINDS.get(declared) if isinstance(declared, str) else None
    if kind is None:
        raise CliInputError(f"{source}: \"kind\" must be image, text or collection (got {declared!r})")
    return kind


def _kind_from_shape(doc: Mapping[str, Any]) -> DocumentKind | None:
    if isinstance(doc.get("styles"), list):
        return "collection"
    if _IMAGE_HINTS & doc.keys():
        return "image"
    params = doc.get("params")
    if isinstance(params, Mapping):
        if params.keys() & ImageParams.model_fields.keys():
            return "image"
        if params.keys() & TextParams.model_fields.keys():
            return "text"
    prompt = doc.get("prompt")
    if isinstance(prompt, str) and "{np}" in prompt:
        return "image"
    return None


def style_fields(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a client may send: server-set ones and ``kind`` dropped, a stored empty ``info`` unset."""
    fields = {key: value for key, value in doc.items() if key not in SERVER_FIELDS and key != KIND_KEY}
    if fields.get("info") == "":
        # The server stores "" for "never set" (§2.8) but refuses "" on create (10..1000, §2.2).
        del fields["info"]
    return fields


def collection_fields(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The fields a client may send; members as ``show --json`` prints them become references."""
    fields = {key: value for key, value in doc.items() if key not in {KIND_KEY, "id", "use_count", "type"}}
    styles = fields.get("styles")
    if isinstance(styles, list):
        fields["styles"] = [_member_entry(entry) for entry in styles]
    return fields


def _member_entry(entry: object) -> object:
    if not isinstance(entry, Mapping):
        return entry
    # A served member is {id, name: "alias::style::name"} (§3); its id is the unambiguous reference, and
    # the client turns ids back into names the server can type the collection by.
    return entry.get("id") or entry.get("name") or entry


def problems_for(kind: DocumentKind, doc: Mapping[str, Any], *, creating: bool = True) -> list[Problem]:
    if kind == "collection":
        return validate_collection(collection_fields(doc))
    return validate_style(StyleKind(kind), style_fields(doc), creating=creating)


def problem_line(problem: Problem, kind: DocumentKind) -> str:
    """``field: message``, the one-problem-per-line format of ``validate``."""
    return f"{problem.field or kind}: {problem.message}"


def joined(lines: list[str]) -> str:
    """Problems on one line (a refused create says it all in one stderr line)."""
    return "; ".join(line.rstrip(".") for line in lines)


def load_style_payload(path: str, kind: StyleKind, *, creating: bool = True) -> AnyStyleWrite:
    """The validated payload in ``path``; every problem at once in a CliInputError (exit 2, nothing sent)."""
    doc = read_json_object(path)
    doc_kind: DocumentKind = "image" if kind is StyleKind.IMAGE else "text"
    _check_declared(doc, path, doc_kind)
    _refuse_problems(path, doc_kind, problems_for(doc_kind, doc, creating=creating))
    fields = style_fields(doc)
    return _build(path, doc_kind, lambda: style_write_model(kind).model_validate(fields))


def load_collection_payload(path: str) -> CollectionWrite:
    doc = read_json_object(path)
    _check_declared(doc, path, "collection")
    _refuse_problems(path, "collection", problems_for("collection", doc))
    fields = collection_fields(doc)
    return _build(path, "collection", lambda: CollectionWrite.model_validate(fields))


def _check_declared(doc: Mapping[str, Any], path: str, expected: DocumentKind) -> None:
    declared = declared_kind(doc, path)
    if declared is not None and declared != expected:
        raise CliInputError(f"{path}: the file holds {_a(declared)}, not {_a(expected)}")


def _refuse_problems(path: str, kind: DocumentKind, problems: list[Problem]) -> None:
    if problems:
        details = joined([problem_line(problem, kind) for problem in problems])
        raise CliInputError(f"{path} is not a valid {_noun(kind)}, nothing was sent: {details}")


def _noun(kind: DocumentKind) -> str:
    return "collection" if kind == "collection" else f"{kind} style"


def _a(kind: DocumentKind) -> str:
    return f"{'an' if kind == 'image' else 'a'} {_noun(kind)}"


def _build(path: str, kind: DocumentKind, make: Callable[[], _T]) -> _T:
    try:
        return make()
    except pydantic.ValidationError as err:
        details = joined([problem_line(p, kind) for p in problems_from_validation_error(err)])
        raise CliInputError(f"{path} is not a valid {_noun(kind)}, nothing was sent: {details}") from None
