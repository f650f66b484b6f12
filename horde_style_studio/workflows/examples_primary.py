"""Example changes with exactly one primary example: the one implementation the CLI and the GUI share
(§2.7, §9 B5).

5.1.5 leaves odd states behind: deleting the primary marks *every* remaining example primary, and a PATCH
with ``primary: true`` unsets only one of several primaries. After each change the client PATCHes the
flags into shape itself, and returns the style as it must now be on the server, computed from what it
sent. That answer is what callers show: a re-read would come from the server's 30 s response cache (§1,
§12) and bring back the badges just fixed, and it would spend the 20-an-hour budget of reading one image
style by id (§1, §12).
"""

from __future__ import annotations

from collections.abc import Sequence

from horde_style_studio.api.client import HordeManualClient
from horde_style_studio.api.errors import HordeProtocolError
from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.domain.styles import ImageStyle, StyleExample


class UnknownExampleError(LookupError):
    def __init__(self, style: ImageStyle, example_id: str) -> None:
        known = ", ".join(ex.id for ex in style.examples) or "none"
        super().__init__(f"style {style.id} has no example {example_id} (its examples: {known})")


def _find(style: ImageStyle, example_id: str) -> StyleExample:
    found = next((ex for ex in style.examples if ex.id == example_id), None)
    if found is None:
        raise UnknownExampleError(style, example_id)
    return found


def _with_examples(style: ImageStyle, examples: Sequence[StyleExample]) -> ImageStyle:
    return style.model_copy(update={"examples": list(examples)})


async def settle(
    session: HordeManualClient, style_id: str, believed: Sequence[StyleExample], keep: StyleExample
) -> list[StyleExample]:
    """PATCH the flags so that ``keep`` is the only primary, given what the server is ``believed`` to hold.

    ``keep`` is made primary first, so that un-flagging the others never meets "you cannot remove the
    last primary example" (§2.7). Both fields always travel (§2.7: a missing ``url`` fails, a missing
    ``primary`` means true).
    """
    primaries = [ex for ex in believed if ex.primary]
    if not keep.primary:
        await session.patch_example(style_id, keep.id, url=keep.url, primary=True)
    for other in primaries:
        if other.id != keep.id:
            await session.patch_example(style_id, other.id, url=other.url, primary=False)
    return [ex.model_copy(update={"primary": ex.id == keep.id}) for ex in believed]


async def make_primary(session: HordeManualClient, style: ImageStyle, example_id: str) -> ImageStyle:
    """Make ``example_id`` the style's one primary example; returns the style as it now is."""
    chosen = _find(style, example_id)
    return _with_examples(style, await settle(session, style.id, style.examples, chosen))


async def remove_example(session: HordeManualClient, style: ImageStyle, example_id: str) -> ImageStyle:
    """Delete ``example_id``; when it was the primary, the first remaining example becomes the one primary.

    §2.7 B5: after deleting the primary, 5.1.5 marks every remaining example primary, so that is what the
    server is believed to hold before the flags are put right.
    """
    gone = _find(style, example_id)
    await session.delete_example(style.id, example_id)
    left = [ex for ex in style.examples if ex.id != example_id]
    if not left:
        return _with_examples(style, [])
    primaries = [ex for ex in left if ex.primary]
    if gone.primary or not primaries:
        left = [ex.model_copy(update={"primary": True}) for ex in left]
        keep = left[0]
    elif len(primaries) == 1:
        return _with_examples(style, left)
    else:
        keep = primaries[0]
    return _with_examples(style, await settle(session, style.id, left, keep))


async def add_example(
    session: HordeManualClient, style: ImageStyle, url: str, *, primary: bool = False
) -> ImageStyle:
    """Add ``url`` as an example (the one primary with ``primary``); returns the style as it now is.

    The example is posted with ``primary: false`` (5.1.5 answers a first ``true`` with 500, §2.7 B5) and
    becomes primary by itself when it is the first.
    """
    result = await session.add_example(style.id, url)
    if not result.id:
        raise HordeProtocolError("The AI Horde added the example but did not say which id it got.")
    added = StyleExample(id=result.id, url=url, primary=not any(ex.primary for ex in style.examples))
    believed = [*style.examples, added]
    primaries = [ex for ex in believed if ex.primary]
    if not primary and len(primaries) == 1:
        return _with_examples(style, believed)
    keep = added if primary else primaries[0]
    return _with_examples(style, await settle(session, style.id, believed, keep))


async def replace_link(
    session: HordeManualClient, style: ImageStyle, example_id: str, url: str
) -> ImageStyle:
    """Point an example at ``url``; it stays primary or not. Returns the style as it now is."""
    example = _find(style, example_id)
    await session.patch_example(style.id, example_id, url=url, primary=example.primary)
    moved = [ex.model_copy(update={"url": url}) if ex.id == example_id else ex for ex in style.examples]
    return _with_examples(style, moved)


async def read_settled(session: HordeManualClient, style_id: str) -> ImageStyle:
    """Read the style by id and leave exactly one primary (the first flagged one, else the first example)."""
    style = await session.get_style(StyleKind.IMAGE, style_id)
    primaries = [ex for ex in style.examples if ex.primary]
    if not style.examples or len(primaries) == 1:
        return style
    keep = primaries[0] if primaries else style.examples[0]
    return _with_examples(style, await settle(session, style_id, style.examples, keep))
