"""A short summary of a procurement for notices (OCDS `tender.description`): what is bought, by whom,
for how many users, from when and for how long, and the topics of its needs. Built from the scope
facts and the need topics, never from question text."""

from __future__ import annotations

from app.exporters.document import TenderDocument
from app.exporters.vocabulary import document_language

_WORDS = {
    "nb": {"lead": "{organisation} anskaffer «{title}».", "users": "Løsningen skal brukes av om lag {count} brukere.",
           "start": "Planlagt avtalestart er {date}.", "term": "Avtaleperioden er {years} år",
           "options": ", med opsjon på forlengelse i inntil {years} år", "topics": "Behovene gjelder {topics}."},
    "nn": {"lead": "{organisation} anskaffar «{title}».", "users": "Løysinga skal brukast av om lag {count} brukarar.",
           "start": "Planlagd avtalestart er {date}.", "term": "Avtaleperioden er {years} år",
           "options": ", med opsjon på forlenging i inntil {years} år", "topics": "Behova gjeld {topics}."},
    "sv": {"lead": "{organisation} upphandlar ”{title}”.", "users": "Lösningen ska användas av omkring {count} användare.",
           "start": "Planerad avtalsstart är {date}.", "term": "Avtalsperioden är {years} år",
           "options": ", med option på förlängning i högst {years} år", "topics": "Behoven gäller {topics}."},
    "en": {"lead": "{organisation} is procuring “{title}”.", "users": "The service will be used by about {count} users.",
           "start": "The planned contract start is {date}.", "term": "The contract term is {years} years",
           "options": ", with an option to extend by up to {years} years", "topics": "The needs concern {topics}."},
}
_AND = {"nb": "og", "nn": "og", "sv": "och", "en": "and"}


def _join(items: list[str], lang: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_AND.get(lang, 'and')} {items[-1]}"


def summary(doc: TenderDocument) -> str:
    from app.exporters.word.context import number

    lang = document_language(doc.language)
    w, scope = _WORDS[lang], doc.scope
    parts = [w["lead"].format(organisation=doc.organisation, title=doc.title)]
    users = scope.user_count or sum(g.count for g in scope.users_by_group)
    if users:
        parts.append(w["users"].format(count=number(users, lang)))
    if scope.contract_start:
        parts.append(w["start"].format(date=scope.contract_start))
    if scope.contract_years:
        term = w["term"].format(years=scope.contract_years)
        if scope.option_years:
            term += w["options"].format(years=scope.option_years)
        parts.append(term + ".")
    topics = [t.topic[:1].lower() + t.topic[1:] for t in doc.needs if t.statements]
    if topics:
        parts.append(w["topics"].format(topics=_join(topics, lang)))
    return " ".join(parts)
