"""Answering the needs wizard in tests and benchmarks, driven by requirement_library/wizard.yml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from app.library.model import Question, WizardStep
from app.services import catalog

# Step ids straight from the data, for parametrising tests before any app exists.
STEP_IDS = [s["id"] for s in yaml.safe_load(
    (Path(__file__).parents[1] / "requirement_library" / "wizard.yml").read_text(encoding="utf-8"))["steps"]]

# Answers a typical municipality gives; questions not named here get their first option / a valid value.
TYPICAL = {
    "title": "Nettbasert kontorstøtte 2027",
    "reference": "2026/123",
    "document_language": "nb",
    "estimated_value": "4 500 000",
    "contract_start": "1.9.2027",
    "contract_years": "4",
    "user_count": "2 300",
    "functions": ["email_calendar", "documents", "spreadsheets", "chat_video", "file_storage"],
    "personal_data": "true",
    "special_categories": "true",
    "award_weights": {"price": "40", "quality": "30", "climate": "30"},
    "climate_approach": "award_criterion",
}


def posted_value(q: Question, override: Any = None) -> Any:
    """A valid posted value for the question (strings, as a browser sends them)."""
    if override is not None:
        return override
    if q.type in ("text", "textarea"):
        return "Svar"
    if q.type == "number":
        return str(int(q.min or 0) + 1)
    if q.type == "date":
        return "2027-09-01"
    if q.type == "yes_no":
        return "true"
    if q.type == "single":
        value = q.options[0].value
        return "true" if value is True else "false" if value is False else str(value)
    if q.type == "multi":
        return [str(q.options[0].value)]
    if q.type == "weights":
        return {o.value: str(o.default or 0) for o in q.options}
    if q.type == "quantities":
        return {o.value: str(10 * (i + 1)) for i, o in enumerate(q.options)}
    raise ValueError(q.type)


def step_form(step: WizardStep, shown: list[str], overrides: dict | None = None) -> dict:
    """Form data for the questions of `step` shown on the page, with their `shown` markers."""
    overrides = {**TYPICAL, **(overrides or {})}
    data: dict[str, Any] = {"shown": list(shown), "action": "next"}
    for q in step.questions:
        if q.id not in shown:
            continue
        value = posted_value(q, overrides.get(q.id))
        if q.type in ("weights", "quantities"):
            for option, weight in value.items():
                data[f"{q.id}-{option}"] = weight
        else:
            data[q.id] = value
    return data


def answer_step(client, project_id: int, step_id: str, overrides: dict | None = None):
    """Answer one step like a browser: read which questions the page shows, post valid answers.
    If the answers bring up more questions on the same page, answer those too."""
    from tests.conftest import dom  # late: conftest imports the app

    url = f"/projects/{project_id}/wizard/{step_id}"
    step = wizard().step(step_id)
    response = None
    for _attempt in range(3):
        page = dom(client.get(url))
        shown = [e.get("value") for e in page.cssselect("input[name=shown]") if e.get("disabled") is None]
        token = page.cssselect("input[name=csrf_token]")[0].get("value")
        version = page.cssselect("input[name=version_id]")[0].get("value")
        data = {**step_form(step, shown, overrides), "csrf_token": token, "version_id": version}
        response = client.post(url, data=data)
        if response.status_code == 302:
            return response
    return response


def complete_wizard(client, project_id: int, overrides: dict | None = None) -> list[str]:
    """Answer every visible step in order, following the wizard's own redirects. Returns step ids."""
    visited = []
    target = f"/projects/{project_id}/wizard/{wizard().steps[0].id}"
    while "/wizard/" in target and not target.endswith(("/review", "/proposal")):
        step_id = target.rstrip("/").rsplit("/", 1)[-1]
        visited.append(step_id)
        response = answer_step(client, project_id, step_id, overrides)
        assert response.status_code == 302, f"step {step_id} did not validate: {response.status_code}"
        target = response.headers["Location"]
    return visited


def wizard():
    return catalog.library().wizard
