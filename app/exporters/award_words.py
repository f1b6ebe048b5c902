"""The award model's words in the document languages, shared by every output that states it
(Word evaluation chapter, XLSX award sheet and price form, OCDS awardCriteria, evaluation report).

A weight is never bare: criteria weigh "% of the total", should-requirements weigh "points inside
the criterion". The price models follow DFØ's guide to evaluating tenders ("Veileder i evaluering av
tilbud", anskaffelser.no, "Regne om pris til poeng"): see app/evaluation/scoring.py.
"""

from __future__ import annotations

from app.exporters.vocabulary import in_language

WORDS = {
    "nn": {
        "criterion": "Tildelingskriterium", "weight_pct": "Vekt (% av totalen)",
        "weight_points": "Vekt (poeng innanfor kriteriet)", "total": "Sum", "documentation": "Dokumentasjon",
        "requirement": "Krav", "scale": "Poengskala", "points": "Poeng", "meaning": "Tyding",
        "price_model": "Prismodell", "should_weights": "Bør-krav og vekt innanfor tildelingskriteriet",
        "scale_text": "Kvart bør-krav får frå 0 til {max} poeng. Poenga til eit kriterium er gjennomsnittet av "
                      "poenga til krava, vekta med vekta til krava innanfor kriteriet. Totalen er summen av "
                      "poenga til kriteria delt på {max} og gonga med vekta til kriteriet i prosent (0–100).",
        "pct_of_total": "% av totalen", "climate": "Klima og miljø (anskaffingsforskrifta § 7-9)",
        "price_form": "Prisskjema", "no_criteria": "Tildelingskriteria er ikkje fastsette enno.",
    },
    "nb": {
        "criterion": "Tildelingskriterium", "weight_pct": "Vekt (% av totalen)",
        "weight_points": "Vekt (poeng innenfor kriteriet)", "total": "Sum", "documentation": "Dokumentasjon",
        "requirement": "Krav", "scale": "Poengskala", "points": "Poeng", "meaning": "Betydning",
        "price_model": "Prismodell", "should_weights": "Bør-krav og vekt innenfor tildelingskriteriet",
        "scale_text": "Hvert bør-krav gis fra 0 til {max} poeng. Et kriteriums poeng er gjennomsnittet av "
                      "kravenes poeng vektet med kravenes vekt innenfor kriteriet. Totalen er summen av "
                      "kriterienes poeng delt på {max} og ganget med kriteriets vekt i prosent (0–100).",
        "pct_of_total": "% av totalen", "climate": "Klima og miljø (anskaffelsesforskriften § 7-9)",
        "price_form": "Prisskjema", "no_criteria": "Tildelingskriteriene er ikke fastsatt ennå.",
    },
    "sv": {
        "criterion": "Tilldelningskriterium", "weight_pct": "Vikt (% av totalen)",
        "weight_points": "Vikt (poäng inom kriteriet)", "total": "Summa", "documentation": "Dokumentation",
        "requirement": "Krav", "scale": "Poängskala", "points": "Poäng", "meaning": "Innebörd",
        "price_model": "Prismodell", "should_weights": "Bör-krav och vikt inom tilldelningskriteriet",
        "scale_text": "Varje bör-krav ges 0 till {max} poäng. Ett kriteriums poäng är medelvärdet av kravens "
                      "poäng viktat med kravens vikt inom kriteriet. Totalen är summan av kriteriernas poäng "
                      "delat med {max} och multiplicerat med kriteriets vikt i procent (0–100).",
        "pct_of_total": "% av totalen", "climate": "Klimat och miljö (norska FOA § 7-9)",
        "price_form": "Prisformulär", "no_criteria": "Tilldelningskriterierna är inte fastställda ännu.",
    },
    "en": {
        "criterion": "Award criterion", "weight_pct": "Weight (% of the total)",
        "weight_points": "Weight (points inside the criterion)", "total": "Total", "documentation": "Documentation",
        "requirement": "Requirement", "scale": "Point scale", "points": "Points", "meaning": "Meaning",
        "price_model": "Price model", "should_weights": "Should-requirements and their weight inside the criterion",
        "scale_text": "Each should-requirement is given 0 to {max} points. A criterion's points are the mean of "
                      "its requirements' points weighted by their weight inside the criterion. The total is the "
                      "sum of the criteria's points divided by {max} and multiplied by the criterion's weight in "
                      "per cent (0–100).",
        "pct_of_total": "% of the total", "climate": "Climate and environment (Norwegian FOA § 7-9)",
        "price_form": "Price form", "no_criteria": "The award criteria have not been set yet.",
    },
}

PRICE_MODEL = {
    "nn": {
        "linear": ("Lineær modell",
                   "Prisen blir rekna om til poeng med den lineære modellen til DFØ: poeng = {max} − {max} × (P − Pl) / Pl, "
                   "der P er den evaluerte prisen i tilbodet og Pl den lågaste evaluerte prisen. Skilnaden i poeng "
                   "speglar skilnaden i prosent frå lågaste pris; ein pris meir enn dobbelt så høg som den lågaste, "
                   "gir negative poeng."),
        "proportional": ("Forholdsmessig modell",
                         "Prisen blir rekna om til poeng med den forholdsmessige modellen til DFØ: poeng = {max} × Pl / P, "
                         "der P er den evaluerte prisen i tilbodet og Pl den lågaste evaluerte prisen. Skilnaden i "
                         "poeng blir mindre di større prisskilnaden er frå lågaste pris."),
    },
    "nb": {
        "linear": ("Lineær modell",
                   "Prisen regnes om til poeng med DFØs lineære modell: poeng = {max} − {max} × (P − Pl) / Pl, der P "
                   "er tilbudets evaluerte pris og Pl den laveste evaluerte prisen. Forskjellen i poeng speiler "
                   "forskjellen i prosent fra laveste pris; en pris mer enn dobbelt så høy som den laveste gir "
                   "negative poeng."),
        "proportional": ("Forholdsmessig modell",
                         "Prisen regnes om til poeng med DFØs forholdsmessige modell: poeng = {max} × Pl / P, der P "
                         "er tilbudets evaluerte pris og Pl den laveste evaluerte prisen. Forskjellen i poeng blir "
                         "mindre jo større prisforskjellen er fra laveste pris."),
    },
    "sv": {
        "linear": ("Linjär modell",
                   "Priset räknas om till poäng med en linjär modell (DFØ): poäng = {max} − {max} × (P − Pl) / Pl, "
                   "där P är anbudets utvärderade pris och Pl det lägsta utvärderade priset. Skillnaden i poäng "
                   "speglar skillnaden i procent från lägsta pris; ett pris mer än dubbelt så högt som det lägsta "
                   "ger negativa poäng."),
        "proportional": ("Proportionell modell",
                         "Priset räknas om till poäng med en proportionell modell (DFØ): poäng = {max} × Pl / P, där "
                         "P är anbudets utvärderade pris och Pl det lägsta utvärderade priset. Skillnaden i poäng "
                         "minskar ju längre priset ligger från det lägsta."),
    },
    "en": {
        "linear": ("Linear model",
                   "Price is converted to points with DFØ's linear model: points = {max} − {max} × (P − Pl) / Pl, "
                   "where P is the tender's evaluated price and Pl the lowest evaluated price. The difference in "
                   "points mirrors the difference in per cent from the lowest price; a price more than twice the "
                   "lowest gets negative points."),
        "proportional": ("Proportional model",
                         "Price is converted to points with DFØ's proportional model: points = {max} × Pl / P, "
                         "where P is the tender's evaluated price and Pl the lowest evaluated price. The "
                         "difference in points shrinks as prices move further from the lowest."),
    },
}

DEFAULT_LEVELS = {
    "nn": ((10, "Svært godt: dekkjer behovet fullt ut, med tydeleg meirverdi"), (7, "Godt: dekkjer behovet godt"),
           (4, "Akseptabelt: dekkjer behovet delvis"), (1, "Svakt: dekkjer behovet i liten grad"),
           (0, "Ikkje svart på, eller dekkjer ikkje behovet")),
    "nb": ((10, "Svært godt: dekker behovet fullt ut, med tydelig merverdi"), (7, "Godt: dekker behovet godt"),
           (4, "Akseptabelt: dekker behovet delvis"), (1, "Svakt: dekker behovet i liten grad"),
           (0, "Ikke besvart, eller dekker ikke behovet")),
    "sv": ((10, "Mycket bra: täcker behovet fullt ut, med tydligt mervärde"), (7, "Bra: täcker behovet väl"),
           (4, "Godtagbart: täcker behovet delvis"), (1, "Svagt: täcker behovet i liten grad"),
           (0, "Inte besvarat, eller täcker inte behovet")),
    "en": ((10, "Very good: fully meets the need, with clear added value"), (7, "Good: meets the need well"),
           (4, "Acceptable: partly meets the need"), (1, "Weak: meets the need to a small extent"),
           (0, "Not answered, or does not meet the need")),
}

PRICE_LINES = {
    "nn": {"licence": "Lisens per brukar per år", "implementation": "Implementering og migrering",
           "training": "Opplæring", "exit": "Bistand ved avslutning (exit)",
           "options": "Opsjonar: forlenging i {years} år med lisensprisane over",
           "per_user_year": "per brukar per år", "one_off": "eingongsbeløp", "option_years": "per opsjonsperiode",
           "all_users": "alle brukarar"},
    "nb": {"licence": "Lisens per bruker per år", "implementation": "Implementering og migrering",
           "training": "Opplæring", "exit": "Bistand ved avslutning (exit)",
           "options": "Opsjoner: forlengelse i {years} år med lisensprisene over",
           "per_user_year": "per bruker per år", "one_off": "engangsbeløp", "option_years": "per opsjonsperiode",
           "all_users": "alle brukere"},
    "sv": {"licence": "Licens per användare och år", "implementation": "Implementering och migrering",
           "training": "Utbildning", "exit": "Stöd vid avslut (exit)",
           "options": "Optioner: förlängning med {years} år till licenspriserna ovan",
           "per_user_year": "per användare och år", "one_off": "engångsbelopp", "option_years": "per optionsperiod",
           "all_users": "alla användare"},
    "en": {"licence": "Licence per user per year", "implementation": "Implementation and migration",
           "training": "Training", "exit": "Exit assistance",
           "options": "Options: extension by {years} years at the licence prices above",
           "per_user_year": "per user per year", "one_off": "one-off", "option_years": "per option period",
           "all_users": "all users"},
}

PRICE_SHEET = {
    "nn": {"element": "Priselement", "unit": "Eining", "quantity": "Tal", "years": "År",
           "unit_price": "Einingspris ({currency} ekskl. mva.)", "total": "Sum ({currency})",
           "evaluated_total": "Evaluert totalpris for kontraktsperioden",
           "note": "Prisar i {currency} utan meirverdiavgift. Fyll ut dei gule cellene. Summane blir rekna ut av "
                   "låste formlar: evaluert totalpris = lisensar i {years} år + eingongsbeløp + opsjonar i "
                   "{options} år."},
    "nb": {"element": "Priselement", "unit": "Enhet", "quantity": "Antall", "years": "År",
           "unit_price": "Enhetspris ({currency} ekskl. mva.)", "total": "Sum ({currency})",
           "evaluated_total": "Evaluert totalpris for kontraktsperioden",
           "note": "Priser i {currency} uten merverdiavgift. Fyll ut de gule cellene. Summene regnes ut av låste "
                   "formler: evaluert totalpris = lisenser i {years} år + engangsbeløp + opsjoner i {options} år."},
    "sv": {"element": "Priselement", "unit": "Enhet", "quantity": "Antal", "years": "År",
           "unit_price": "Enhetspris ({currency} exkl. moms)", "total": "Summa ({currency})",
           "evaluated_total": "Utvärderat totalpris för avtalsperioden",
           "note": "Priser i {currency} utan mervärdesskatt. Fyll i de gula cellerna. Summorna räknas ut av låsta "
                   "formler: utvärderat totalpris = licenser i {years} år + engångsbelopp + optioner i {options} år."},
    "en": {"element": "Price element", "unit": "Unit", "quantity": "Quantity", "years": "Years",
           "unit_price": "Unit price ({currency} excl. VAT)", "total": "Total ({currency})",
           "evaluated_total": "Evaluated total price over the contract term",
           "note": "Prices in {currency} excluding VAT. Fill in the yellow cells. Locked formulas compute the "
                   "totals: evaluated total = licences for {years} years + one-off amounts + options for "
                   "{options} years."},
}


def words(lang: str) -> dict[str, str]:
    return in_language(WORDS, lang)


def price_model_text(lang: str, model: str, scale_max: int) -> tuple[str, str]:
    """(name, explanation with the formula) of a price model in `lang`."""
    name, text = in_language(PRICE_MODEL, lang)[model]
    return name, text.format(max=scale_max)
