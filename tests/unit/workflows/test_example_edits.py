"""Example changes against the sandbox Horde reach the library, which is what Browse shows."""

from __future__ import annotations

from horde_style_studio.domain.styles import ImageStyle
from horde_style_studio.library import StyleLibrary
from horde_style_studio.sandbox import SandboxApp
from horde_style_studio.workflows.examples.edits import ExampleEdits
from tests.unit.library.conftest import SessionFactory
from tests.unit.workflows.test_style_edits import curator_style_with_examples


async def test_each_answer_about_a_style_is_kept_in_the_library(
    library: StyleLibrary, session_for: SessionFactory, sandbox: SandboxApp
) -> None:
    edits = ExampleEdits(session_for(), library)
    style = await edits.read(curator_style_with_examples(sandbox))
    assert library.get_style(style.id) == style
    chosen = next(ex for ex in style.examples if not ex.primary)

    style = await edits.make_primary(style, chosen.id)
    await edits.remove(style, next(ex for ex in style.examples if ex.id != chosen.id).id)
    settled = await edits.settled(style.id)

    stored = library.get_style(style.id)
    assert isinstance(stored, ImageStyle)
    assert stored.examples == settled.examples
    assert len(stored.examples) == len(style.examples) - 1
    assert library.get_row(style.id).thumbnail == chosen.url  # type: ignore[union-attr]  # stored above
