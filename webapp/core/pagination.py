"""Bounded lists: every list page shows one page of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from webapp.core import params

PER_PAGE = 25


@dataclass
class Page:
    items: list[Any]
    page: int
    pages: int
    total: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def paginate(session: Session, stmt: Select, per_page: int = PER_PAGE, *, execute: bool = False) -> Page:
    """Run ``stmt`` for the page named in ``?seite=`` (1 on anything odd, the last page beyond the end).

    ``execute=True`` keeps whole result rows (for statements that select several entities).
    """
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(params.integer("seite", 1, minimum=1) or 1, pages)
    limited = stmt.limit(per_page).offset((page - 1) * per_page)
    items = list(session.execute(limited).all() if execute else session.scalars(limited))
    return Page(items=items, page=page, pages=pages, total=total)


def paginate_list(items: list[Any], per_page: int = PER_PAGE, page: int | None = None) -> Page:
    """A list already in memory (e.g. ranked suggestions), paged like ``paginate`` by ``?seite=`` (or ``page``)."""
    pages = max(1, -(-len(items) // per_page))
    page = min(page or params.integer("seite", 1, minimum=1) or 1, pages)
    return Page(items=items[(page - 1) * per_page : page * per_page], page=page, pages=pages, total=len(items))
