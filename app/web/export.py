"""Downloads of a project's documents: the current draft (frozen versions in review.py)."""

from __future__ import annotations

from flask import Blueprint, Response, abort

from ..exporters import EXPORTERS
from ..services import assembly
from .access import project_route

bp = Blueprint("export", __name__)


def send_document(data: bytes, exporter, doc) -> Response:
    return Response(data, mimetype=exporter.MEDIA_TYPE, headers={
        "Content-Disposition": f'attachment; filename="{exporter.filename(doc)}"',
        "Cache-Control": "no-store",
    })


@bp.route("/projects/<int:project_id>/export/<fmt>")
@project_route()
def draft(project, fmt: str):
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        abort(404)
    doc = assembly.assemble(project)
    return send_document(exporter.render(doc), exporter, doc)
