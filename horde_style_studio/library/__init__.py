"""The local style library: a SQLite mirror of the server's styles and collections, with full-text search,
favourites, notes, drafts and history. Storage only: the sync that fills it is ``workflows.sync``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from horde_style_studio._exports import lazy_exports

if TYPE_CHECKING:
    from horde_style_studio.library.collection_search import CollectionQuery
    from horde_style_studio.library.db import LIBRARY_FILE
    from horde_style_studio.library.errors import LibraryError, SyncBusyError, Trouble
    from horde_style_studio.library.facet_index import FacetCount
    from horde_style_studio.library.query import SortOrder, StyleQuery
    from horde_style_studio.library.recovered import LibraryRecovered
    from horde_style_studio.library.rows import CollectionRow, Facets, StyleRow
    from horde_style_studio.library.store import StyleLibrary

# Imported on first use (see _exports): importing one module of the package builds only what it needs.
__getattr__ = lazy_exports(
    __name__,
    {
        "CollectionQuery": "collection_search",
        "LIBRARY_FILE": "db",
        **dict.fromkeys(("LibraryError", "SyncBusyError", "Trouble"), "errors"),
        "LibraryRecovered": "recovered",
        **dict.fromkeys(("SortOrder", "StyleQuery"), "query"),
        **dict.fromkeys(("CollectionRow", "Facets", "StyleRow"), "rows"),
        "FacetCount": "facet_index",
        "StyleLibrary": "store",
    },
)

__all__ = [
    "LIBRARY_FILE",
    "CollectionQuery",
    "CollectionRow",
    "FacetCount",
    "Facets",
    "LibraryError",
    "LibraryRecovered",
    "SortOrder",
    "StyleLibrary",
    "StyleQuery",
    "StyleRow",
    "SyncBusyError",
    "Trouble",
]
