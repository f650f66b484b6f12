"""Styles as the server serves them (read models) and as the client sends them (write payloads)."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field

from horde_style_studio.domain.base import HordeModel, NullSafeList, StyleKind
from horde_style_studio.domain.escaping import ServedText
from horde_style_studio.domain.params import ImageParams, TextParams
from horde_style_studio.domain.style_parts import (
    ParameterPolicy,
    SharedKeyDetails,
    StyleExample,
    TemplateField,
)

__all__ = [
    "AnyStyle",
    "AnyStyleWrite",
    "ImageStyle",
    "ImageStyleWrite",
    "ParameterPolicy",
    "SharedKeyDetails",
    "StyleExample",
    "TemplateField",
    "TextStyle",
    "TextStyleWrite",
    "primary_example",
    "style_read_model",
    "style_write_model",
]


class _ServedStyle(HordeModel):
    """Fields both served style kinds share (§2.8, plus the 5.1.13 declarations of §10)."""

    KIND: ClassVar[StyleKind]

    id: str
    # §2.2, §12: the server escapes these; read back as the author wrote them (domain/escaping.py).
    name: ServedText
    info: ServedText = ""
    prompt: str
    public: bool = True
    nsfw: bool = False
    tags: NullSafeList[ServedText] = Field(default_factory=list)
    models: NullSafeList[ServedText] = Field(default_factory=list)  # a set on the server: order means nothing
    use_count: int = 0
    creator: str | None = None
    parameter_policy: ParameterPolicy | None = None
    template_fields: NullSafeList[TemplateField] | None = None

    @property
    def kind(self) -> StyleKind:
        return self.KIND


class ImageStyle(_ServedStyle):
    """An image style as served (`StyleStable`)."""

    KIND: ClassVar[StyleKind] = StyleKind.IMAGE

    params: ImageParams = Field(default_factory=ImageParams)
    examples: NullSafeList[StyleExample] = Field(default_factory=list)
    shared_key: SharedKeyDetails | None = None


class TextStyle(_ServedStyle):
    """A text style as served (`StyleKobold`)."""

    KIND: ClassVar[StyleKind] = StyleKind.TEXT

    params: TextParams = Field(default_factory=TextParams)


AnyStyle = ImageStyle | TextStyle


def primary_example(style: AnyStyle) -> StyleExample | None:
    """The example to show for a style; the first one when none is flagged (§2.7 B5 leaves odd states)."""
    if not isinstance(style, ImageStyle) or not style.examples:
        return None
    return next((example for example in style.examples if example.primary), style.examples[0])


class _StyleWrite(HordeModel):
    """The body of a create, and of the full-object PATCH that works on 5.1.5 and 5.1.13 alike (§2.5)."""

    name: str
    info: str | None = None
    prompt: str | None = None  # omitted on create: the server uses "{p}{np}"
    public: bool = True
    nsfw: bool = False
    tags: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)

    def to_patch_payload(self) -> dict[str, Any]:
        """The PATCH body. §2.5 B4: 5.1.5 refuses every PATCH that carries `sharedkey`."""
        payload = self.to_payload()
        payload.pop("sharedkey", None)
        return payload


def _copied_fields(style: _ServedStyle) -> dict[str, Any]:
    return {
        "name": style.name,
        # A stored "" means "never set", and "" fails the server's 1..1000 check, so it is left out.
        "info": style.info or None,
        "prompt": style.prompt,
        "public": style.public,
        "nsfw": style.nsfw,
        "tags": list(style.tags),
        "models": list(style.models),
    }


class ImageStyleWrite(_StyleWrite):
    """Payload for `POST`/`PATCH /v2/styles/image`."""

    params: ImageParams = Field(default_factory=ImageParams)
    sharedkey: str | None = None

    @classmethod
    def from_style(cls, style: ImageStyle) -> ImageStyleWrite:
        """A full-object PATCH body from a served style; the shared key is never copied (§2.5)."""
        return cls(**_copied_fields(style), params=style.params.model_copy(deep=True))


class TextStyleWrite(_StyleWrite):
    """Payload for `POST`/`PATCH /v2/styles/text`."""

    params: TextParams = Field(default_factory=TextParams)

    @classmethod
    def from_style(cls, style: TextStyle) -> TextStyleWrite:
        """A full-object PATCH body from a served style."""
        return cls(**_copied_fields(style), params=style.params.model_copy(deep=True))


AnyStyleWrite = ImageStyleWrite | TextStyleWrite

_READ_MODELS: dict[StyleKind, type[ImageStyle] | type[TextStyle]] = {
    StyleKind.IMAGE: ImageStyle,
    StyleKind.TEXT: TextStyle,
}
_WRITE_MODELS: dict[StyleKind, type[ImageStyleWrite] | type[TextStyleWrite]] = {
    StyleKind.IMAGE: ImageStyleWrite,
    StyleKind.TEXT: TextStyleWrite,
}


def style_read_model(kind: StyleKind) -> type[ImageStyle] | type[TextStyle]:
    """The model that parses a served style of `kind`."""
    return _READ_MODELS[StyleKind(kind)]


def style_write_model(kind: StyleKind) -> type[ImageStyleWrite] | type[TextStyleWrite]:
    """The payload model for creating or patching a style of `kind`."""
    return _WRITE_MODELS[StyleKind(kind)]
