"""The Editor tab: create, patch and delete image and text styles, with drafts that are never lost."""

from horde_style_studio.ui.editor.tab import EditorTab

__all__ = ["EditorTab"]
