"""What the Browse table shows for styles and for collections, and which sort order each header means."""

from __future__ import annotations

from horde_style_studio.library import CollectionRow, SortOrder, StyleRow
from horde_style_studio.ui.browse.table_model import DESCENDING, Column
from horde_style_studio.workflows.cards import alias

NAME_SORTS = (SortOrder.NAME, SortOrder.NAME_DESC)
USE_SORTS = (SortOrder.LEAST_USED, SortOrder.POPULAR)
SORTABLE = "Click to sort; click again for the other direction."
# §3: the server drops a collection's creator; only the user's own collections are known to be theirs.
UNKNOWN_CREATOR = "The server does not say who made a collection; yours are marked “you”."


def yes(flag: bool) -> str:
    return "yes" if flag else ""


STYLE_COLUMNS: tuple[Column[StyleRow], ...] = (
    Column("Name", lambda r: r.name, NAME_SORTS, tip=SORTABLE, width=170),
    Column("Kind", lambda r: r.kind.value, width=45),
    Column("Creator", lambda r: alias(r.creator), width=105),
    Column("Uses", lambda r: f"{r.use_count:,}", USE_SORTS, DESCENDING, numeric=True, tip=SORTABLE,
           width=55),
    Column("Models", lambda r: ", ".join(r.models), width=120, stretch=True),
    Column("Tags", lambda r: ", ".join(r.tags), width=100, stretch=True),
    Column("NSFW", lambda r: yes(r.nsfw), width=48),
    Column("Public", lambda r: "yes" if r.public else "no", width=50),
)  # fmt: skip

COLLECTION_COLUMNS: tuple[Column[CollectionRow], ...] = (
    Column("Name", lambda r: r.name, NAME_SORTS, tip=SORTABLE, width=220, stretch=True),
    Column("Kind", lambda r: r.kind.value if r.kind else "—", width=50),
    Column("Creator", lambda r: "you" if r.mine else "—", tip=UNKNOWN_CREATOR, width=70),
    Column("Styles", lambda r: str(r.member_count), numeric=True, width=60),
    Column("Uses", lambda r: f"{r.use_count:,}", USE_SORTS, DESCENDING, numeric=True, tip=SORTABLE,
           width=70),
    Column("Public", lambda r: "yes" if r.public else "no", width=50),
)  # fmt: skip
