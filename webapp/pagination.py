"""Bounded lists: every list page shows one page of rows."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import request
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

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


def paginate(session: Session, stmt: Select, per_page: int = PER_PAGE) -> Page:
    """Run ``stmt`` for the page named in ``?seite=`` (1 on anything odd)."""
    try:
        page = max(1, int(request.args.get("seite", "1")))
    except ValueError:
        page = 1
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(page, pages)
    items = list(session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)))
    return Page(items=items, page=page, pages=pages, total=total)
