"""Reading the library: browse queries, facets, one style, collections."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from horde_style_studio.domain.kinds import StyleKind
from horde_style_studio.library.base import LibraryPart
from horde_style_studio.library.query import (
    StyleQuery,
    after_clauses,
    best_match_rank,
    limit_clause,
    order_by,
    sort_terms_sql,
    where,
)
from horde_style_studio.library.rows import (
    STYLE_COLUMNS,
    CollectionRow,
    Facets,
    StyleRow,
    collection_row,
    style_row,
)

if TYPE_CHECKING:
    from horde_style_studio.domain.collections import Collection
    from horde_style_studio.domain.styles import AnyStyle
    from horde_style_studio.library.facet_index import FacetIndex


class LibraryReads(LibraryPart):
    def search(self, query: StyleQuery) -> list[StyleRow]:
        """The styles ``query`` finds in its sort order, one page (``limit``, and ``after`` or ``offset``)."""
        if best_match_rank(query) is not None:
            # Ranked by the text, which no index knows: a page of the whole order the bitsets give, so the
            # first page and the whole list agree. ``after`` is not needed: Browse reads the deeper pages
            # by id from that same order once it has it.
            start, limit = max(0, query.offset), query.limit
            if limit is None:
                return self.rows_by_id(self.ordered_ids(query)[start:])
            return self.rows_by_id(
                self._db.read(lambda conn: self._facet_index(conn).page(conn, query, start, limit))
            )
        if query.after is not None and query.limit is not None:
            anchor = self._db.query(sort_terms_sql(query.sort), (query.after,))
            if anchor:
                return self._search_after(query, query.limit, tuple(anchor[0]))
        clause, params = where(query, paged=True)
        page, page_params = limit_clause(query)
        sql = f"SELECT {STYLE_COLUMNS} FROM styles AS s WHERE {clause} ORDER BY {order_by(query.sort)} {page}"
        return [style_row(row) for row in self._db.query(sql, [*params, *page_params])]

    def _search_after(self, query: StyleQuery, limit: int, anchor: tuple[Any, ...]) -> list[StyleRow]:
        clause, params = where(query, paged=True)
        found: list[StyleRow] = []
        for after, after_params in after_clauses(query.sort, anchor):
            if len(found) >= limit:
                break
            sql = (f"SELECT {STYLE_COLUMNS} FROM styles AS s WHERE {clause} AND {after} "
                   f"ORDER BY {order_by(query.sort)} LIMIT ?")  # fmt: skip
            found += [
                style_row(row) for row in self._db.query(sql, [*params, *after_params, limit - len(found)])
            ]
        return found

    def named(self, query: StyleQuery, limit: int = 20) -> list[StyleRow]:
        """The styles ``query.text`` names exactly (by id, name or ``alias::name``: domain.style_lookup),
        within the query's other filters, in its sort order. Browse shows them before the other matches."""
        # Imported at the first search, as is the facets' index below: the first paint lists without either.
        from horde_style_studio.domain.style_lookup import lookup, names

        found = lookup(query.text)
        if found is None:
            return []
        clause, params = where(replace(query, text=""))
        # NOCASE folds ASCII only; names() below decides, with Unicode folding, among what SQLite found.
        wanted = ("s.id = ?", found.style_id) if found.style_id else ("s.name = ? COLLATE NOCASE", found.name)
        # A name is looked up in its index (schema.py); SQLite would rather walk the filters' index, reading
        # every style shown on each keystroke (200 ms at 10,000 styles).
        table = "styles AS s" if found.style_id else "styles AS s INDEXED BY styles_name"
        sql = (f"SELECT {STYLE_COLUMNS} FROM {table} WHERE {clause} AND {wanted[0]} "
               f"ORDER BY {order_by(query.sort)} LIMIT ?")  # fmt: skip
        rows = [style_row(row) for row in self._db.query(sql, [*params, wanted[1], limit])]
        return [row for row in rows if names(found, style_id=row.id, name=row.name, creator=row.creator)]

    def count(self, query: StyleQuery) -> int:
        """How many styles ``query`` finds in all (``limit`` and ``offset`` ignored)."""
        clause, params = where(query)
        return int(self._db.scalar(f"SELECT count(*) FROM styles AS s WHERE {clause}", params))

    async def count_in_background(self, query: StyleQuery) -> int:
        """The same, on the library's reader thread, from the bitsets the facets keep (a broad search
        counts tens of thousands of rows)."""
        return await self._db.read_in_background(lambda conn: self._facet_index(conn).count(conn, query))

    async def ordered_ids_in_background(self, query: StyleQuery) -> list[str]:
        """The id of every style ``query`` finds, in its sort order (``limit`` and paging ignored), counted
        on the reader thread: a view learns the whole list's length at once and reads any page by id."""
        return await self._db.read_in_background(
            lambda conn: self._facet_index(conn).ordered_ids(conn, query)
        )

    def ordered_ids(self, query: StyleQuery) -> list[str]:
        """The same, on this thread."""
        return self._db.read(lambda conn: self._facet_index(conn).ordered_ids(conn, query))

    def rows_by_id(self, ids: Sequence[str]) -> list[StyleRow]:
        """The rows of ``ids`` in that order; an id the library no longer holds is left out."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        found = {
            row.id: row
            for row in map(style_row, self._db.query(
                f"SELECT {STYLE_COLUMNS} FROM styles AS s WHERE s.id IN ({marks})", list(ids)))
        }  # fmt: skip
        return [found[id_] for id_ in ids if id_ in found]

    def facet_counts(self, query: StyleQuery, limit: int | None = None) -> Facets:
        """Tags and models among the styles ``query`` finds, with counts.

        Each facet ignores its own filter, so choosing a tag still lists the other tags (with the counts
        choosing them instead would give) rather than only the chosen one.
        """
        return self._db.read(lambda conn: self._facet_index(conn).facets(conn, query, limit))

    async def facet_counts_in_background(self, query: StyleQuery, limit: int | None = None) -> Facets:
        """The same, counted on the library's reader thread: over thousands of styles it takes longer than
        a frame, and the window must not stall while someone types."""
        return await self._db.read_in_background(
            lambda conn: self._facet_index(conn).facets(conn, query, limit)
        )

    def _facet_index(self, conn: sqlite3.Connection) -> FacetIndex:
        from horde_style_studio.library.facet_index import FacetIndex

        index = self._db.kept.setdefault(id(conn), FacetIndex())
        assert isinstance(index, FacetIndex)
        return index

    def get_row(self, style_id: str) -> StyleRow | None:
        rows = self._db.query(f"SELECT {STYLE_COLUMNS} FROM styles AS s WHERE s.id = ?", (style_id,))
        return style_row(rows[0]) if rows else None

    def get_style(self, style_id: str) -> AnyStyle | None:
        """The style as the server last served it (also when it is gone since)."""
        rows = self._db.query("SELECT kind, data FROM styles WHERE id = ?", (style_id,))
        if not rows:
            return None
        # The models (and pydantic) load on the first detail asked for, not before the first paint (issue 18).
        import pydantic

        from horde_style_studio.domain.styles import style_read_model

        try:
            return style_read_model(StyleKind(rows[0]["kind"])).model_validate_json(rows[0]["data"])
        except pydantic.ValidationError:
            return None

    def collections(
        self, kind: StyleKind | None = None, *, include_gone: bool = False
    ) -> list[CollectionRow]:
        """Collections by popularity; ``kind`` keeps those of one style kind."""
        clauses, params = ["1"], []
        if kind is not None:
            clauses.append("c.kind = ?")
            params.append(StyleKind(kind).value)
        if not include_gone:
            clauses.append("c.gone_at IS NULL")
        sql = (
            "SELECT c.*, (SELECT count(*) FROM collection_members AS m WHERE m.collection_id = c.id) "
            f"AS member_count FROM collections AS c WHERE {' AND '.join(clauses)} "
            "ORDER BY c.use_count DESC, c.name COLLATE NOCASE, c.id"
        )
        return [collection_row(row) for row in self._db.query(sql, params)]

    def get_collection(self, collection_id: str) -> Collection | None:
        rows = self._db.query("SELECT data FROM collections WHERE id = ?", (collection_id,))
        if not rows:
            return None
        import pydantic

        from horde_style_studio.domain.collections import Collection

        try:
            return Collection.model_validate_json(rows[0]["data"])
        except pydantic.ValidationError:
            return None
