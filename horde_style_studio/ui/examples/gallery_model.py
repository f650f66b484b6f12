"""The gallery's list model: one row per example of the shown style, as the server last returned them.

Each row also carries what the app learned by downloading the image (its health, size and thumbnail). URL
drops land here too (DESIGN: drag and drop lives in the model); the model only announces them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import IntEnum, StrEnum
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, Qt, Signal
from PySide6.QtGui import QPixmap

from horde_style_studio.domain.styles import StyleExample
from horde_style_studio.services.images import ImageProblem
from horde_style_studio.ui.shared.decoding import CheckedImage
from horde_style_studio.ui.shared.row_model import Getter, Index, RowListModel

URL_MIME_TYPES = ["text/uri-list", "text/plain"]


class Health(StrEnum):
    CHECKING = "Checking…"
    LOADS = "Loads"
    BROKEN = "Broken"
    NOT_IMAGE = "Not an image"
    TOO_LARGE = "Too large"


HEALTH_OF_PROBLEM = {
    ImageProblem.URL_REFUSED: Health.BROKEN,
    ImageProblem.BROKEN: Health.BROKEN,
    ImageProblem.UNREACHABLE: Health.BROKEN,
    ImageProblem.NOT_IMAGE: Health.NOT_IMAGE,
    ImageProblem.TOO_LARGE: Health.TOO_LARGE,
}


class Role(IntEnum):
    EXAMPLE = Qt.ItemDataRole.UserRole + 1
    PRIMARY = Qt.ItemDataRole.UserRole + 2
    HEALTH = Qt.ItemDataRole.UserRole + 3
    DETAIL = Qt.ItemDataRole.UserRole + 4
    SIZE = Qt.ItemDataRole.UserRole + 5


@dataclass(frozen=True)
class GalleryItem:
    example: StyleExample
    health: Health = Health.CHECKING
    detail: str = ""
    image: CheckedImage | None = None
    pixmap: QPixmap | None = None

    @property
    def size_text(self) -> str:
        return self.image.summary if self.image is not None else ""


class GalleryModel(RowListModel[GalleryItem]):
    """Examples in server order. Emits ``url_dropped(str)`` when a link is dropped on the gallery."""

    url_dropped = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        roles: dict[int, Getter[GalleryItem]] = {
            Qt.ItemDataRole.DisplayRole: lambda item: item.example.url,
            Qt.ItemDataRole.ToolTipRole: _tooltip,
            Qt.ItemDataRole.AccessibleTextRole: _spoken,
            Qt.ItemDataRole.DecorationRole: lambda item: item.pixmap,
            Role.EXAMPLE: lambda item: item.example,
            Role.PRIMARY: lambda item: item.example.primary,
            Role.HEALTH: lambda item: item.health,
            Role.DETAIL: lambda item: item.detail,
            Role.SIZE: lambda item: item.size_text,
        }
        super().__init__(roles, key=lambda item: item.example.id, parent=parent)

    # -- contents ----------------------------------------------------------------------------------------
    def set_examples(self, examples: list[StyleExample]) -> list[StyleExample]:
        """Show ``examples``; rows whose id and url are unchanged keep their checks. Returns the examples
        that still need one."""
        known = {(item.example.id, item.example.url): item for item in self._rows}
        self.set_rows(
            replace(known[(ex.id, ex.url)], example=ex) if (ex.id, ex.url) in known else GalleryItem(ex)
            for ex in examples
        )
        return [item.example for item in self._rows if item.health is Health.CHECKING]

    def clear(self) -> None:
        self.set_examples([])

    def item(self, row: int) -> GalleryItem | None:
        return self.row_at(row)

    def items(self) -> list[GalleryItem]:
        return list(self._rows)

    def mark_loaded(self, example: StyleExample, image: CheckedImage) -> None:
        pixmap = QPixmap.fromImage(image.thumbnail)
        self._update(example, Health.LOADS, image.summary, image, pixmap)

    def mark_failed(self, example: StyleExample, problem: ImageProblem, message: str) -> None:
        self._update(example, HEALTH_OF_PROBLEM[problem], message, None, None)

    def _update(
        self, example: StyleExample, health: Health, detail: str, image: CheckedImage | None,
        pixmap: QPixmap | None,
    ) -> None:
        row = self.row_of(example.id)
        item = self.item(row)
        if item is None or item.example.url != example.url:
            return  # the example changed or went away while its image was downloading
        self.replace_row(row, replace(item, health=health, detail=detail, image=image, pixmap=pixmap))

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role in Role:
            names[role.value] = QByteArray(role.name.lower().encode())
        return names

    # -- dropping links ----------------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:
        return list(URL_MIME_TYPES)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return bool(dropped_url(data))

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        url = dropped_url(data)
        if not url or action == Qt.DropAction.IgnoreAction:
            return False
        self.url_dropped.emit(url)
        return False  # the server decides what the gallery holds: nothing is inserted here


def dropped_url(data: QMimeData) -> str:
    """The first web link in a drop from a browser (``text/uri-list``) or of plain text."""
    if data.hasUrls():
        # Qt also offers a uri-list as text, so a dropped file must not come back through text().
        links = [url.toString() for url in data.urls() if not url.isLocalFile() and url.scheme()]
        return links[0] if links else ""
    text = data.text().strip()
    return text.splitlines()[0].strip() if text else ""


def _tooltip(item: GalleryItem) -> str:
    lines = [item.example.url, f"{item.health.value}: {item.detail}" if item.detail else item.health.value]
    if item.example.primary:
        lines.insert(0, "Primary example (front ends show it first)")
    return "\n".join(lines)


def _spoken(item: GalleryItem) -> str:
    parts = ["Primary example" if item.example.primary else "Example", item.health.value.rstrip("…")]
    if item.size_text:
        parts.append(item.size_text)
    return ", ".join([*parts, item.example.url])
