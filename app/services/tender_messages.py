"""Problems found in an uploaded tender file, as messages for the buyer (one per problem, naming
the row, requirement and column where there is one)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ..evaluation.problems import Problem
from ..evaluation.safety import MAX_UPLOAD_BYTES
from ..exporters.document import TenderDocument

_WHOLE_FILE = {
    "too_large": _l("The file is larger than %(mb)d MB. Upload the response matrix itself, without attachments."),
    "not_xlsx": _l("The file is not an Excel workbook (.xlsx). Upload the response matrix the supplier filled in."),
    "zip_bomb": _l("The file unpacks to far more data than a response matrix holds, so it was not opened."),
    "not_our_matrix": _l("The file is not a response matrix from this service. Upload the matrix the supplier "
                         "received with the tender documents, filled in."),
    "wrong_project": _l("The file is the response matrix of another procurement."),
    "wrong_version": _l("The file answers version %(detail)s of the specification, not the approved version "
                        "%(version)s that tenders are evaluated against."),
    "requirements_changed": _l("The file's requirement IDs or versions differ from the approved version."),
}
_AT_ROW = {
    "sheet_missing": _l("The sheet “%(sheet)s” is missing."),
    "buyer_cell_changed": _l("Sheet “%(sheet)s”, row %(row)s%(key)s: the locked cell “%(column)s” was changed. "
                             "Locked cells must stay as the buyer wrote them."),
    "formula": _l("Sheet “%(sheet)s”, row %(row)s%(key)s: “%(column)s” holds a formula. Answers must be "
                  "values, not formulas."),
    "cell_too_long": _l("Sheet “%(sheet)s”, row %(row)s%(key)s: “%(column)s” is longer than Excel allows."),
    "yes_no": _l("Requirement %(key_only)s: the answer “%(detail)s” is neither yes nor no."),
    "not_a_number": _l("Requirement %(key_only)s: the answer “%(detail)s” is not a number."),
    "price_missing": _l("Price form, “%(key_only)s”: the unit price is missing."),
    "price_invalid": _l("Price form, “%(key_only)s”: the unit price must be a number of 0 or more."),
}


def problem_messages(problems: list[Problem], doc: TenderDocument, limit: int = 50) -> list[str]:
    messages = [_message(p, doc) for p in problems[:limit]]
    if len(problems) > limit:
        messages.append(str(_l("… and %(n)d more problems.", n=len(problems) - limit)))
    return messages


def _message(p: Problem, doc: TenderDocument) -> str:
    if p.code in _WHOLE_FILE:
        return str(_WHOLE_FILE[p.code] % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024), "detail": p.detail,
                                          "version": doc.version_label})
    template = _AT_ROW.get(p.code)
    if template is None:
        return str(_l("The file could not be read."))
    return str(template % {"sheet": p.sheet, "row": p.row or "", "key": f" ({p.key})" if p.key else "",
                           "key_only": p.key, "column": p.column, "detail": p.detail})
