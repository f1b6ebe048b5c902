"""The words of the Word documents in nynorsk (see document_words.py for the other languages).

A block of its own so that document_words.py stays small. The SSA annex keeps the title the
contract standard gives it ("Bilag 1 – Kundens beskrivelse av behov og krav"): it is a defined
term of SSA-sky/SSA-L, not a heading to translate. Everything else is nynorsk.
"""

from __future__ import annotations

NYNORSK: dict[str, str | tuple[str, ...]] = {
    # Document names (the cover's subtitle and the header); file names are in vocabulary.py
    "document_type": "Bilag 1 – Kundens beskrivelse av behov og krav",
    "document_short": "Kravspesifikasjon",
    "qualification_type": "Kvalifikasjonskrav",
    "contract_type": "Bilag – Kontraktsvilkår",
    "rfi_type": "Behovsskildring for marknadsdialog",
    # Cover
    "contents": "Innhald",
    "organisation": "Oppdragsgivar",
    "organisation_number": "Organisasjonsnummer",
    "reference": "Saksnummer",
    "version": "Versjon",
    "status": "Status",
    "date": "Dato",
    "procedure": "Anskaffingsprosedyre",
    "estimated_value": "Estimert verdi",
    "contract_period": "Kontraktsperiode",
    "library_version": "Kravbibliotek",
    # Specification
    "introduction": "Innleiing",
    "intro_text": "Dette dokumentet er bilag 1 til avtalen i anskaffinga «{title}» for {organisation}, "
                  "«Kundens beskrivelse av behov og krav» i standardavtalane til staten, SSA-sky eller "
                  "SSA-L. Krava er valde ut og tilpassa etter behova som er skildra i kapittel 3, og kvart "
                  "krav viser kva behov det dekkjer.",
    "answer_channel": "Leverandøren svarer på krava i svarskjemaet (kravmatrisa), som blir bilaget til "
                      "leverandøren i avtalen. Dette dokumentet har difor ingen svarkolonne. Dokumentasjonen "
                      "som eit krav ber om, skal leggjast ved tilbodet.",
    "other_documents": "Kvalifikasjonskrava og kontraktsvilkåra står i eigne dokument.",
    "obligation_levels": "Kravnivå",
    "obligation_intro": "Kvart krav er merkt med eit kravnivå:",
    # Scope
    "scope": "Bakgrunn, nosituasjon og omfang",
    "scope_intro": "Opplysningane nedanfor skildrar kommunen og omfanget av leveransen, slik at "
                   "leverandørane kan prise og planleggje han.",
    "users": "Brukarar",
    "users_total": "Løysinga skal brukast av om lag {count} brukarar.",
    "user_group": "Brukargruppe",
    "count": "Tal",
    "locations": "Lokasjonar",
    "current_situation": "Nosituasjon",
    "goals": "Mål og venta vinstar",
    "contract": "Avtalestart, avtaleperiode og opsjonar",
    "contract_start": "Planlagd avtalestart er {date}.",
    "contract_term": "Avtaleperioden er {years} år.",
    "contract_options": "Oppdragsgivaren har opsjon på å forlengje avtalen med inntil {years} år.",
    "migration": "Data som skal overførast",
    "data_volume": "Om lag {gb} GB data skal overførast frå dagens løysingar.",
    "no_scope": "Omfanget er ikkje skildra enno.",
    # Needs
    "needs": "Behov",
    "needs_intro": "Anskaffinga skal dekkje behova nedanfor, ordna etter tema.",
    "no_needs": "Behova er ikkje skildra enno.",
    # Requirements
    "requirements": "Krav",
    "requirements_intro": "Krava er ordna etter kategori. Kvart krav har ein tittel, behovet det dekkjer, "
                          "sjølve kravet, korleis det blir verifisert og kva dokumentasjon leverandøren "
                          "skal leggje ved.",
    "need": "Behov",
    "verification": "Slik blir kravet verifisert",
    "method": "Verifikasjonsmetode",
    "evidence": "Dokumentasjon",
    "weight": "vekt (poeng i kriteriet)",
    "table_caption": "Krav i kategorien",
    # Evaluation
    "award_criteria": "Tildelingskriterium og evaluering",
    "award_intro": "Kontrakten blir tildelt tilbodet med best forhold mellom pris og kvalitet, vurdert etter "
                   "desse kriteria:",
    "criterion": "Tildelingskriterium",
    "weight_percent": "Vekt (% av totalen)",
    "total": "Sum",
    "no_award_criteria": "Tildelingskriteria er ikkje fastsette enno.",
    "evaluation": "Slik blir tilboda evaluerte",
    "evaluation_steps": (
        "Kvalifikasjonskrava og alle skal-krava blir kontrollerte først. SKAL-krav er minstekrav. Eit tilbod "
        "som ikkje oppfyller eit SKAL-krav, blir lagt fram for avgjerda til oppdragsgivaren: avvising, eller "
        "ei avklaring der regelverket tillèt det.",
        "Svara på bør-krava får poeng etter kor godt dei, saman med dokumentasjonen, dekkjer behovet bak "
        "kravet, på poengskalaen nedanfor. Poenga blir vekta med vekta til kravet (poeng innanfor kriteriet).",
        "Tilboda blir rangerte etter tildelingskriteria med vektene i tabellen over. Kontrakten blir tildelt "
        "tilbodet med høgast samla poengsum.",
        "Oppdragsgivaren kan verifisere svara med metoden som er oppgitt for kvart krav, til dømes "
        "demonstrasjon, test eller referansekunde.",
    ),
    "award_items": "Forhold som blir evaluerte",
    # Annex
    "annex": "Vedlegg A",
    "references": "Referansar",
    "references_intro": "Lover, forskrifter, standardar og rettleiingar som krava viser til.",
    "no_references": "Krava viser ikkje til lover eller standardar.",
    "citation": "Referanse",
    "reference_title": "Tittel",
    "jurisdiction": "Gjeld",
    "page": "Side",
    "of": "av",
    # Qualification requirements
    "qualification_intro": "Dette dokumentet inneheld kvalifikasjonskrava i anskaffinga «{title}» for "
                           "{organisation}: krav til leverandøren sjølv. Leverandøren stadfestar førebels at "
                           "krava er oppfylte i eigenerklæringsskjemaet (ESPD), i den delen som er oppgitt ved "
                           "kvart krav, og leverer dokumentasjonen når oppdragsgivaren ber om det.",
    "espd": "ESPD",
    "espd_certificate": "Del IV D: Kvalitetssikringsordningar og miljøstyringsstandardar",
    "espd_ability": "Del IV C: Teknisk og fagleg kvalifikasjon",
    "no_qualification": "Anskaffinga har ingen kvalifikasjonskrav frå kravbiblioteket.",
    # Contract conditions
    "contract_intro": "Dette bilaget inneheld kontraktsvilkåra i anskaffinga «{title}» for {organisation}: "
                      "plikter leverandøren skal oppfylle i heile avtaleperioden. Vilkåra er ikkje "
                      "tildelingskriterium; dei blir følgde opp etter tildelinga.",
    "follow_up": "Oppfølging",
    "no_contract": "Anskaffinga har ingen kontraktsvilkår frå kravbiblioteket.",
    # RFI
    "rfi_intro": "{organisation} førebur anskaffinga «{title}» og ønskjer innspel frå marknaden før "
                 "konkurransen blir kunngjord. Dokumentet skildrar behova til kommunen og omfanget av "
                 "leveransen. Det inneheld ingen krav, og innspel bind verken kommunen eller leverandørane.",
    "rfi_questions": "Spørsmål til leverandørane",
    "rfi_questions_intro": "Vi ber om korte, konkrete svar på desse spørsmåla:",
    "rfi_question_list": (
        "Korleis kan løysinga dykkar dekkje behova som er skildra, og kva behov er krevjande å dekkje?",
        "Kva lisens- og prismodellar tilbyr de for ein kommune av denne storleiken?",
        "Korleis gjennomfører de overgangen frå løysingane kommunen har i dag, og kva treng de frå kommunen?",
        "Kvar blir dataa lagra og behandla, og kva underleverandørar bruker de?",
        "Korleis dokumenterer de universell utforming og informasjonstryggleik?",
        "Korleis får kommunen ut alle data i opne format når avtalen sluttar?",
        "Er det noko i behovsskildringa som avgrensar konkurransen unødig, eller som kommunen bør vurdere "
        "på nytt?",
    ),
    "rfi_answer": "Slik gir de innspel",
    "rfi_answer_text": "Send innspela skriftleg til {organisation}, merkte med saksnummeret, innan fristen i "
                       "kunngjeringa. Oppgi kva som er forretningsløyndomar.",
}
