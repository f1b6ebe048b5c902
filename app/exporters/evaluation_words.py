"""Words of the evaluation report (Word) and the score sheet (XLSX) in the document languages."""

from __future__ import annotations

from app.exporters.vocabulary import in_language

WORDS = {
    "nb": {
        "report": "Evalueringsrapport", "organisation": "Oppdragsgiver", "reference": "Referanse",
        "version": "Evaluert versjon", "closed": "Evalueringen ble avsluttet", "preliminary": "FORELØPIG",
        "not_closed": "Ikke avsluttet: poengene kan fortsatt endres.", "evaluators": "Evaluatorer",
        "model": "Evalueringsmodell", "criterion": "Tildelingskriterium", "weight_pct": "Vekt (% av totalen)",
        "weight_points": "Vekt (poeng innenfor kriteriet)", "scale": "Poengskala", "points": "Poeng",
        "meaning": "Betydning", "price_model": "Prismodell", "tenders": "Tilbud", "supplier": "Leverandør",
        "org_number": "Org.nr.", "price": "Evaluert pris", "price_points": "Prispoeng",
        "total": "Vektet total (0–100)", "rank": "Rangering", "must": "Skal-krav og avgjørelser",
        "must_intro": "Tilbud som ikke oppfyller et skal-krav, er lagt fram for oppdragsgivers avgjørelse.",
        "must_none": "Alle tilbud oppfyller alle skal-krav.", "not_met": "Skal-krav ikke oppfylt",
        "decision": "Avgjørelse", "reason": "Begrunnelse", "per_criterion": "Poeng per tildelingskriterium",
        "comparison": "Sammenligning", "justification": "Begrunnelse", "evaluator": "Evaluator",
        "requirement": "Krav", "ranking": "Rangering og vektet total", "rejected": "Avvist",
        "reject": "Avvist", "clarify": "Avklaring bedt om", "accept": "Godtatt etter avklaring",
        "mean": "Snitt", "basis": "Rapporten er grunnlaget for begrunnelsen i tildelingsmeddelelsen.",
        "scores_sheet": "Poeng", "summary_sheet": "Oppsummering", "justifications_sheet": "Begrunnelser",
        "key": "ID", "page": "Side", "of": "av", "pct_of_total": "% av totalen",
    },
    "sv": {
        "report": "Utvärderingsrapport", "organisation": "Upphandlande myndighet", "reference": "Diarienummer",
        "version": "Utvärderad version", "closed": "Utvärderingen avslutades", "preliminary": "PRELIMINÄR",
        "not_closed": "Inte avslutad: poängen kan fortfarande ändras.", "evaluators": "Utvärderare",
        "model": "Utvärderingsmodell", "criterion": "Tilldelningskriterium", "weight_pct": "Vikt (% av totalen)",
        "weight_points": "Vikt (poäng inom kriteriet)", "scale": "Poängskala", "points": "Poäng",
        "meaning": "Innebörd", "price_model": "Prismodell", "tenders": "Anbud", "supplier": "Leverantör",
        "org_number": "Org.nr", "price": "Utvärderat pris", "price_points": "Prispoäng",
        "total": "Viktad total (0–100)", "rank": "Rangordning", "must": "Ska-krav och beslut",
        "must_intro": "Anbud som inte uppfyller ett ska-krav har lagts fram för myndighetens beslut.",
        "must_none": "Alla anbud uppfyller alla ska-krav.", "not_met": "Ska-krav som inte uppfylls",
        "decision": "Beslut", "reason": "Motivering", "per_criterion": "Poäng per tilldelningskriterium",
        "comparison": "Jämförelse", "justification": "Motivering", "evaluator": "Utvärderare",
        "requirement": "Krav", "ranking": "Rangordning och viktad total", "rejected": "Förkastat",
        "reject": "Förkastat", "clarify": "Förtydligande begärt", "accept": "Godtaget efter förtydligande",
        "mean": "Medel", "basis": "Rapporten är underlaget för motiveringen i tilldelningsbeslutet.",
        "scores_sheet": "Poäng", "summary_sheet": "Sammanfattning", "justifications_sheet": "Motiveringar",
        "key": "ID", "page": "Sida", "of": "av", "pct_of_total": "% av totalen",
    },
    "en": {
        "report": "Evaluation report", "organisation": "Contracting authority", "reference": "Reference",
        "version": "Version evaluated", "closed": "Evaluation closed", "preliminary": "PRELIMINARY",
        "not_closed": "Not closed: scores may still change.", "evaluators": "Evaluators",
        "model": "Evaluation model", "criterion": "Award criterion", "weight_pct": "Weight (% of the total)",
        "weight_points": "Weight (points inside the criterion)", "scale": "Point scale", "points": "Points",
        "meaning": "Meaning", "price_model": "Price model", "tenders": "Tenders", "supplier": "Supplier",
        "org_number": "Org. no.", "price": "Evaluated price", "price_points": "Price points",
        "total": "Weighted total (0–100)", "rank": "Rank", "must": "Must-requirements and decisions",
        "must_intro": "Tenders that do not meet a must-requirement were put to the contracting authority's decision.",
        "must_none": "Every tender meets every must-requirement.", "not_met": "Must-requirements not met",
        "decision": "Decision", "reason": "Reason", "per_criterion": "Points per award criterion",
        "comparison": "Comparison", "justification": "Justification", "evaluator": "Evaluator",
        "requirement": "Requirement", "ranking": "Ranking and weighted total", "rejected": "Rejected",
        "reject": "Rejected", "clarify": "Clarification requested", "accept": "Accepted after clarification",
        "mean": "Mean", "basis": "This report is the basis for the reasons given in the award notice.",
        "scores_sheet": "Scores", "summary_sheet": "Summary", "justifications_sheet": "Justifications",
        "key": "ID", "page": "Page", "of": "of", "pct_of_total": "% of the total",
    },
}


def words(lang: str) -> dict[str, str]:
    return in_language(WORDS, lang)
