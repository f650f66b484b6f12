"""domain layer (see DESIGN: layers below ui never import Qt).

Pydantic models of what the AI Horde serves and accepts, and the pure rules around them: offline
validation that mirrors the server, and the prompt a style produces. No Qt, no HTTP, no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from horde_style_studio._exports import lazy_exports

if TYPE_CHECKING:
    from horde_style_studio.domain.base import HordeModel
    from horde_style_studio.domain.collections import Collection, CollectionMember, CollectionWrite
    from horde_style_studio.domain.kinds import StyleKind
    from horde_style_studio.domain.params import ImageParams, LoraSpec, TextParams, TISpec
    from horde_style_studio.domain.problems import Problem
    from horde_style_studio.domain.prompt import TemplateError, merge_image_prompt, merge_text_prompt
    from horde_style_studio.domain.responses import ErrorBody, ModifyResult, ServerWarning
    from horde_style_studio.domain.status import ActiveModel, StyleContract
    from horde_style_studio.domain.styles import (
        AnyStyle,
        AnyStyleWrite,
        ImageStyle,
        ImageStyleWrite,
        StyleExample,
        TextStyle,
        TextStyleWrite,
        style_read_model,
        style_write_model,
    )
    from horde_style_studio.domain.users import UserDetails, UserStyleRef
    from horde_style_studio.domain.validation import validate_collection, validate_style

# Imported on first use (see _exports): importing one module of the package builds only what it needs.
__getattr__ = lazy_exports(
    __name__,
    {
        "HordeModel": "base",
        "StyleKind": "kinds",
        **dict.fromkeys(("Collection", "CollectionMember", "CollectionWrite"), "collections"),
        **dict.fromkeys(("ImageParams", "LoraSpec", "TextParams", "TISpec"), "params"),
        "Problem": "problems",
        **dict.fromkeys(("TemplateError", "merge_image_prompt", "merge_text_prompt"), "prompt"),
        **dict.fromkeys(("ErrorBody", "ModifyResult", "ServerWarning"), "responses"),
        **dict.fromkeys(("ActiveModel", "StyleContract"), "status"),
        **dict.fromkeys(
            (
                "AnyStyle",
                "AnyStyleWrite",
                "ImageStyle",
                "ImageStyleWrite",
                "StyleExample",
                "TextStyle",
                "TextStyleWrite",
                "style_read_model",
                "style_write_model",
            ),
            "styles",
        ),
        **dict.fromkeys(("UserDetails", "UserStyleRef"), "users"),
        **dict.fromkeys(("validate_collection", "validate_style"), "validation"),
    },
)

__all__ = [
    "ActiveModel",
    "AnyStyle",
    "AnyStyleWrite",
    "Collection",
    "CollectionMember",
    "CollectionWrite",
    "ErrorBody",
    "HordeModel",
    "ImageParams",
    "ImageStyle",
    "ImageStyleWrite",
    "LoraSpec",
    "ModifyResult",
    "Problem",
    "ServerWarning",
    "StyleContract",
    "StyleExample",
    "StyleKind",
    "TISpec",
    "TemplateError",
    "TextParams",
    "TextStyle",
    "TextStyleWrite",
    "UserDetails",
    "UserStyleRef",
    "merge_image_prompt",
    "merge_text_prompt",
    "style_read_model",
    "style_write_model",
    "validate_collection",
    "validate_style",
]
