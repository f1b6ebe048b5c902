"""What is wrong with a supplier's uploaded response matrix: one `Problem` per finding, and
`TenderRejected` carrying them all. Light on purpose (no openpyxl), so the services and the
messages shown to evaluators can name problems without loading the reader at start-up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """`code` says what is wrong; `row`/`key`/`column`/`sheet` say where, when known."""

    code: str
    sheet: str = ""
    row: int | None = None
    key: str = ""
    column: str = ""
    detail: str = ""


class TenderRejected(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"{p.code} {p.sheet}!{p.row} {p.key} {p.column}".strip() for p in problems))
        self.problems = problems
