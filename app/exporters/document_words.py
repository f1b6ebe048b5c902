"""The words of the Word documents (headings, cover labels, explanations), per document language.

One block per language with the same keys in each (a test checks it); the nynorsk block lives in
document_words_nn.py to keep this module small. `{title}`, `{organisation}` and the like are filled
in by the template; the template builder (exports/build_templates.py) bakes these texts into one
master per document and language. Rejection and scoring are worded once, in vocabulary.py
(REJECTION, SCORING), and used here, in the XLSX instructions and in the CSV alike.
"""

from __future__ import annotations

from app.exporters.document_words_nn import NYNORSK

DOCUMENT: dict[str, dict[str, str | tuple[str, ...]]] = {
    "nb": {
        # Document names (the cover's subtitle and the header); file names are in vocabulary.py
        "document_type": "Bilag 1 – Kundens beskrivelse av behov og krav",
        "document_short": "Kravspesifikasjon",
        "qualification_type": "Kvalifikasjonskrav",
        "contract_type": "Bilag – Kontraktsvilkår",
        "rfi_type": "Behovsbeskrivelse for markedsdialog",
        # Cover
        "contents": "Innhold",
        "organisation": "Oppdragsgiver",
        "organisation_number": "Organisasjonsnummer",
        "reference": "Saksnummer",
        "version": "Versjon",
        "status": "Status",
        "date": "Dato",
        "procedure": "Anskaffelsesprosedyre",
        "estimated_value": "Anslått verdi",
        "contract_period": "Kontraktsperiode",
        "library_version": "Kravbibliotek",
        # Specification
        "introduction": "Innledning",
        "intro_text": "Dette dokumentet er bilag 1 til avtalen i anskaffelsen «{title}» for {organisation}: "
                      "kundens beskrivelse av behov og krav, til bruk med statens standardavtaler SSA-sky "
                      "eller SSA-L. Kravene er valgt ut og tilpasset etter behovene som er beskrevet i "
                      "kapittel 3, og hvert krav viser hvilket behov det dekker.",
        "answer_channel": "Leverandøren besvarer kravene i svarskjemaet (kravmatrisen), som blir "
                          "leverandørens bilag til avtalen. Dette dokumentet har derfor ingen svarkolonne. "
                          "Dokumentasjonen som et krav ber om, legges ved tilbudet.",
        "other_documents": "Kvalifikasjonskravene og kontraktsvilkårene står i egne dokumenter.",
        "obligation_levels": "Kravnivåer",
        "obligation_intro": "Hvert krav er merket med et kravnivå:",
        # Scope
        "scope": "Bakgrunn, nåsituasjon og omfang",
        "scope_intro": "Opplysningene nedenfor beskriver kommunen og omfanget av leveransen, slik at "
                       "leverandørene kan prise og planlegge den.",
        "users": "Brukere",
        "users_total": "Løsningen skal brukes av om lag {count} brukere.",
        "user_group": "Brukergruppe",
        "count": "Antall",
        "locations": "Lokasjoner",
        "current_situation": "Nåsituasjon",
        "goals": "Mål og forventede gevinster",
        "contract": "Avtalestart, avtaleperiode og opsjoner",
        "contract_start": "Planlagt avtalestart er {date}.",
        "contract_term": "Avtaleperioden er {years} år.",
        "contract_options": "Oppdragsgiver har opsjon på å forlenge avtalen med inntil {years} år.",
        "migration": "Data som skal overføres",
        "data_volume": "Om lag {gb} GB data skal overføres fra dagens løsninger.",
        "no_scope": "Omfanget er ikke beskrevet ennå.",
        # Needs
        "needs": "Behov",
        "needs_intro": "Anskaffelsen skal dekke behovene nedenfor, ordnet etter tema.",
        "no_needs": "Behovene er ikke beskrevet ennå.",
        # Requirements
        "requirements": "Krav",
        "requirements_intro": "Kravene er ordnet etter kategori. Hvert krav har en tittel, behovet det "
                              "dekker, selve kravet, hvordan det verifiseres og hvilken dokumentasjon "
                              "leverandøren skal legge ved.",
        "need": "Behov",
        "verification": "Slik verifiseres kravet",
        "method": "Verifiseringsmetode",
        "evidence": "Dokumentasjon",
        "weight": "vekt (poeng i kriteriet)",
        "table_caption": "Krav i kategorien",
        # Evaluation (one separable part; issue 13 replaces its content with the award model)
        "award_criteria": "Tildelingskriterier og evaluering",
        "award_intro": "Kontrakten tildeles tilbudet med best forhold mellom pris og kvalitet, vurdert etter "
                       "disse kriteriene:",
        "criterion": "Tildelingskriterium",
        "weight_percent": "Vekt (% av totalen)",
        "total": "Sum",
        "no_award_criteria": "Tildelingskriteriene er ikke fastsatt ennå.",
        "evaluation": "Slik evalueres tilbudene",
        "evaluation_steps": (
            "Kvalifikasjonskravene og alle skal-kravene kontrolleres først. SKAL-krav er minstekrav. Et tilbud "
            "som ikke oppfyller et SKAL-krav, legges fram for oppdragsgiverens avgjørelse: avvisning, eller en "
            "avklaring der regelverket tillater det.",
            "Svarene på bør-kravene gis poeng etter hvor godt de, sammen med dokumentasjonen, dekker behovet "
            "bak kravet, på poengskalaen nedenfor. Poengene vektes med kravets vekt (poeng innenfor kriteriet).",
            "Tilbudene rangeres etter tildelingskriteriene med vektene i tabellen over. Kontrakten tildeles "
            "tilbudet med høyest samlet poengsum.",
            "Oppdragsgiveren kan verifisere svarene med metoden som er oppgitt for hvert krav, for eksempel "
            "demonstrasjon, test eller referansekunde.",
        ),
        "award_items": "Forhold som evalueres",
        # Annex
        "annex": "Vedlegg A",
        "references": "Referanser",
        "references_intro": "Lover, forskrifter, standarder og veiledere som kravene viser til.",
        "no_references": "Kravene viser ikke til lover eller standarder.",
        "citation": "Referanse",
        "reference_title": "Tittel",
        "jurisdiction": "Gjelder",
        "page": "Side",
        "of": "av",
        # Qualification requirements
        "qualification_intro": "Dette dokumentet inneholder kvalifikasjonskravene i anskaffelsen «{title}» "
                               "for {organisation}: krav til leverandøren selv. Leverandøren bekrefter "
                               "foreløpig at kravene er oppfylt i egenerklæringsskjemaet (ESPD), i delen som "
                               "er oppgitt ved hvert krav, og leverer dokumentasjonen når oppdragsgiver ber "
                               "om det.",
        "espd": "ESPD",
        "espd_certificate": "Del IV D: Kvalitetssikringsordninger og miljøstyringsstandarder",
        "espd_ability": "Del IV C: Teknisk og faglig kvalifikasjon",
        "no_qualification": "Anskaffelsen har ingen kvalifikasjonskrav fra kravbiblioteket.",
        # Contract conditions
        "contract_intro": "Dette bilaget inneholder kontraktsvilkårene i anskaffelsen «{title}» for "
                          "{organisation}: plikter leverandøren skal oppfylle i hele avtaleperioden. "
                          "Vilkårene er ikke tildelingskriterier; de følges opp etter tildeling.",
        "follow_up": "Oppfølging",
        "no_contract": "Anskaffelsen har ingen kontraktsvilkår fra kravbiblioteket.",
        # RFI
        "rfi_intro": "{organisation} forbereder anskaffelsen «{title}» og ønsker innspill fra markedet "
                     "før konkurransen kunngjøres. Dokumentet beskriver kommunens behov og omfanget av "
                     "leveransen. Det inneholder ingen krav, og innspill binder verken kommunen eller "
                     "leverandørene.",
        "rfi_questions": "Spørsmål til leverandørene",
        "rfi_questions_intro": "Vi ber om korte, konkrete svar på disse spørsmålene:",
        "rfi_question_list": (
            "Hvordan kan løsningen deres dekke behovene som er beskrevet, og hvilke behov er krevende å dekke?",
            "Hvilke lisens- og prismodeller tilbyr dere for en kommune av denne størrelsen?",
            "Hvordan gjennomfører dere overgangen fra kommunens nåværende løsninger, og hva trenger dere "
            "fra kommunen?",
            "Hvor lagres og behandles dataene, og hvilke underleverandører bruker dere?",
            "Hvordan dokumenterer dere universell utforming og informasjonssikkerhet?",
            "Hvordan får kommunen ut alle data i åpne formater når avtalen slutter?",
            "Er det noe i behovsbeskrivelsen som begrenser konkurransen unødig, eller som kommunen bør "
            "vurdere på nytt?",
        ),
        "rfi_answer": "Slik gir dere innspill",
        "rfi_answer_text": "Send innspillene skriftlig til {organisation}, merket med saksnummeret, innen "
                           "fristen i kunngjøringen. Oppgi hva som er forretningshemmeligheter.",
    },
    "sv": {
        "document_type": "Kravspecifikation",
        "document_short": "Kravspecifikation",
        "qualification_type": "Kvalificeringskrav",
        "contract_type": "Bilaga – Särskilda kontraktsvillkor",
        "rfi_type": "Behovsbeskrivning inför marknadsdialog",
        "contents": "Innehåll",
        "organisation": "Upphandlande organisation",
        "organisation_number": "Organisationsnummer",
        "reference": "Diarienummer",
        "version": "Version",
        "status": "Status",
        "date": "Datum",
        "procedure": "Upphandlingsförfarande",
        "estimated_value": "Uppskattat värde",
        "contract_period": "Avtalsperiod",
        "library_version": "Kravbibliotek",
        "introduction": "Inledning",
        "intro_text": "Detta dokument är kravspecifikationen i upphandlingen ”{title}” för {organisation}. "
                      "Kraven har valts ut och anpassats efter de behov som beskrivs i kapitel 3, och "
                      "varje krav visar vilket behov det tillgodoser.",
        "answer_channel": "Leverantören besvarar kraven i svarsformuläret (kravmatrisen), som blir "
                          "leverantörens bilaga till avtalet. Därför har detta dokument ingen svarskolumn. "
                          "Den dokumentation som ett krav efterfrågar bifogas anbudet.",
        "other_documents": "Kvalificeringskraven och de särskilda kontraktsvillkoren finns i egna dokument.",
        "obligation_levels": "Kravnivåer",
        "obligation_intro": "Varje krav är märkt med en kravnivå:",
        "scope": "Bakgrund, nuläge och omfattning",
        "scope_intro": "Uppgifterna nedan beskriver kommunen och leveransens omfattning, så att "
                       "leverantörerna kan prissätta och planera den.",
        "users": "Användare",
        "users_total": "Lösningen ska användas av omkring {count} användare.",
        "user_group": "Användargrupp",
        "count": "Antal",
        "locations": "Verksamhetsställen",
        "current_situation": "Nuläge",
        "goals": "Mål och förväntade nyttor",
        "contract": "Avtalsstart, avtalsperiod och förlängning",
        "contract_start": "Planerad avtalsstart är {date}.",
        "contract_term": "Avtalsperioden är {years} år.",
        "contract_options": "Den upphandlande organisationen har option att förlänga avtalet med högst {years} år.",
        "migration": "Data som ska flyttas",
        "data_volume": "Omkring {gb} GB data ska flyttas från dagens lösningar.",
        "no_scope": "Omfattningen är inte beskriven ännu.",
        "needs": "Behov",
        "needs_intro": "Upphandlingen ska tillgodose behoven nedan, ordnade efter tema.",
        "no_needs": "Behoven är inte beskrivna ännu.",
        "requirements": "Krav",
        "requirements_intro": "Kraven är ordnade efter kategori. Varje krav har en rubrik, det behov det "
                              "tillgodoser, själva kravet, hur det verifieras och vilken dokumentation "
                              "leverantören ska bifoga.",
        "need": "Behov",
        "verification": "Så verifieras kravet",
        "method": "Verifieringsmetod",
        "evidence": "Dokumentation",
        "weight": "vikt (poäng i kriteriet)",
        "table_caption": "Krav i kategorin",
        "award_criteria": "Tilldelningskriterier och utvärdering",
        "award_intro": "Kontraktet tilldelas det anbud som har bästa förhållandet mellan pris och kvalitet, "
                       "bedömt enligt följande kriterier:",
        "criterion": "Tilldelningskriterium",
        "weight_percent": "Vikt (% av totalen)",
        "total": "Summa",
        "no_award_criteria": "Tilldelningskriterierna är inte fastställda ännu.",
        "evaluation": "Så utvärderas anbuden",
        "evaluation_steps": (
            "Först kontrolleras kvalificeringskraven och alla ska-krav. SKA-krav är obligatoriska krav. Ett "
            "anbud som inte uppfyller ett SKA-krav läggs fram för myndighetens beslut: förkastande, eller ett "
            "förtydligande där regelverket tillåter det.",
            "Svaren på bör-kraven poängsätts efter hur väl de, tillsammans med dokumentationen, tillgodoser "
            "behovet bakom kravet, på poängskalan nedan. Poängen viktas med kravets vikt (poäng inom kriteriet).",
            "Anbuden rangordnas enligt tilldelningskriterierna med vikterna i tabellen ovan. Kontraktet "
            "tilldelas det anbud som får högst sammanlagd poäng.",
            "Den upphandlande organisationen kan verifiera svaren med den metod som anges för varje krav, "
            "till exempel demonstration, test eller referenskund.",
        ),
        "award_items": "Det som utvärderas",
        "annex": "Bilaga A",
        "references": "Referenser",
        "references_intro": "Lagar, föreskrifter, standarder och vägledningar som kraven hänvisar till.",
        "no_references": "Kraven hänvisar inte till lagar eller standarder.",
        "citation": "Referens",
        "reference_title": "Titel",
        "jurisdiction": "Gäller",
        "page": "Sida",
        "of": "av",
        "qualification_intro": "Detta dokument innehåller kvalificeringskraven i upphandlingen ”{title}” för "
                               "{organisation}: krav på leverantören själv. Leverantören intygar preliminärt "
                               "att kraven är uppfyllda i ESPD (det europeiska enhetliga "
                               "upphandlingsdokumentet), i den del som anges vid varje krav, och lämnar "
                               "bevisen när den upphandlande organisationen begär det.",
        "espd": "ESPD",
        "espd_certificate": "Del IV D: System för kvalitetssäkring och standarder för miljöledning",
        "espd_ability": "Del IV C: Teknisk och yrkesmässig kapacitet",
        "no_qualification": "Upphandlingen har inga kvalificeringskrav från kravbiblioteket.",
        "contract_intro": "Denna bilaga innehåller de särskilda kontraktsvillkoren i upphandlingen ”{title}” "
                          "för {organisation}: skyldigheter som leverantören ska uppfylla under hela "
                          "avtalstiden. Villkoren är inte tilldelningskriterier; de följs upp efter tilldelning.",
        "follow_up": "Uppföljning",
        "no_contract": "Upphandlingen har inga särskilda kontraktsvillkor från kravbiblioteket.",
        "rfi_intro": "{organisation} förbereder upphandlingen ”{title}” och vill ha synpunkter från "
                     "marknaden innan upphandlingen annonseras. Dokumentet beskriver kommunens behov och "
                     "leveransens omfattning. Det innehåller inga krav, och synpunkterna binder varken "
                     "kommunen eller leverantörerna.",
        "rfi_questions": "Frågor till leverantörerna",
        "rfi_questions_intro": "Vi ber om korta, konkreta svar på följande frågor:",
        "rfi_question_list": (
            "Hur kan er lösning tillgodose de beskrivna behoven, och vilka behov är svåra att tillgodose?",
            "Vilka licens- och prismodeller erbjuder ni för en kommun av den här storleken?",
            "Hur genomför ni övergången från kommunens nuvarande lösningar, och vad behöver ni från kommunen?",
            "Var lagras och behandlas data, och vilka underleverantörer anlitar ni?",
            "Hur dokumenterar ni tillgänglighet och informationssäkerhet?",
            "Hur får kommunen ut alla data i öppna format när avtalet upphör?",
            "Finns det något i behovsbeskrivningen som begränsar konkurrensen i onödan eller som kommunen "
            "bör ompröva?",
        ),
        "rfi_answer": "Så lämnar ni synpunkter",
        "rfi_answer_text": "Skicka synpunkterna skriftligt till {organisation}, märkta med diarienumret, inom "
                           "den tid som anges i annonsen. Ange vad som är affärshemligheter.",
    },
    "en": {
        "document_type": "Annex 1 – The Customer's description of needs and requirements",
        "document_short": "Requirement specification",
        "qualification_type": "Selection criteria",
        "contract_type": "Annex – Contract performance conditions",
        "rfi_type": "Needs description for market dialogue",
        "contents": "Contents",
        "organisation": "Contracting authority",
        "organisation_number": "Organisation number",
        "reference": "Reference",
        "version": "Version",
        "status": "Status",
        "date": "Date",
        "procedure": "Procedure",
        "estimated_value": "Estimated value",
        "contract_period": "Contract period",
        "library_version": "Requirement library",
        "introduction": "Introduction",
        "intro_text": "This document is annex 1 to the contract in the procurement “{title}” by {organisation}: "
                      "the customer's description of needs and requirements. The requirements were selected "
                      "and tailored to the needs described in chapter 3, and each requirement shows the need "
                      "it serves.",
        "answer_channel": "The supplier answers the requirements in the response matrix, which becomes the "
                          "supplier's annex to the contract. This document therefore has no answer column. "
                          "The documentation a requirement asks for is attached to the tender.",
        "other_documents": "The selection criteria and the contract performance conditions are separate documents.",
        "obligation_levels": "Obligation levels",
        "obligation_intro": "Each requirement is marked with an obligation level:",
        "scope": "Background, current situation and scope",
        "scope_intro": "The facts below describe the municipality and the scope of the delivery, so that "
                       "suppliers can price and plan it.",
        "users": "Users",
        "users_total": "The service will be used by about {count} users.",
        "user_group": "User group",
        "count": "Number",
        "locations": "Locations",
        "current_situation": "Current situation",
        "goals": "Goals and expected benefits",
        "contract": "Contract start, term and options",
        "contract_start": "The planned contract start is {date}.",
        "contract_term": "The contract term is {years} years.",
        "contract_options": "The contracting authority has an option to extend the contract by up to {years} years.",
        "migration": "Data to migrate",
        "data_volume": "About {gb} GB of data is to be migrated from the current systems.",
        "no_scope": "The scope has not been described yet.",
        "needs": "Needs",
        "needs_intro": "The procurement must meet the needs below, grouped by topic.",
        "no_needs": "The needs have not been described yet.",
        "requirements": "Requirements",
        "requirements_intro": "The requirements are grouped by category. Each has a title, the need it "
                              "serves, the requirement itself, how it is verified and the documentation the "
                              "supplier must attach.",
        "need": "Need",
        "verification": "How it is verified",
        "method": "Verification method",
        "evidence": "Documentation",
        "weight": "weight (points in criterion)",
        "table_caption": "Requirements in the category",
        "award_criteria": "Award criteria and evaluation",
        "award_intro": "The contract is awarded to the tender with the best price-quality ratio, assessed "
                       "against these criteria:",
        "criterion": "Award criterion",
        "weight_percent": "Weight (% of the total)",
        "total": "Total",
        "no_award_criteria": "The award criteria have not been set yet.",
        "evaluation": "How tenders are evaluated",
        "evaluation_steps": (
            "The selection criteria and all MUST requirements are checked first. MUST requirements are "
            "mandatory. A tender that does not meet a MUST requirement is put to the contracting authority's "
            "decision: rejection, or clarification where the rules allow it.",
            "Answers to SHOULD requirements are scored by how well they, with the documentation, meet the "
            "need behind the requirement, on the point scale below. Scores are weighted by the requirement's "
            "weight (points inside its criterion).",
            "Tenders are ranked against the award criteria using the weights in the table above. The "
            "contract is awarded to the tender with the highest total score.",
            "The contracting authority may verify answers by the method stated for each requirement, such "
            "as a demonstration, a test or a reference customer.",
        ),
        "award_items": "What is assessed",
        "annex": "Annex A",
        "references": "References",
        "references_intro": "Laws, regulations, standards and guidance the requirements refer to.",
        "no_references": "The requirements do not refer to laws or standards.",
        "citation": "Reference",
        "reference_title": "Title",
        "jurisdiction": "Applies in",
        "page": "Page",
        "of": "of",
        "qualification_intro": "This document holds the selection criteria in the procurement “{title}” by "
                               "{organisation}: requirements on the supplier itself. The supplier confirms "
                               "provisionally that it meets them in the European Single Procurement Document "
                               "(ESPD), in the part named at each requirement, and submits the evidence when "
                               "the contracting authority asks for it.",
        "espd": "ESPD",
        "espd_certificate": "Part IV D: Quality assurance schemes and environmental management standards",
        "espd_ability": "Part IV C: Technical and professional ability",
        "no_qualification": "The procurement has no selection criteria from the requirement library.",
        "contract_intro": "This annex holds the contract performance conditions in the procurement “{title}” "
                          "by {organisation}: obligations the supplier must meet throughout the contract. "
                          "They are not award criteria; they are followed up after award.",
        "follow_up": "Follow-up",
        "no_contract": "The procurement has no contract performance conditions from the requirement library.",
        "rfi_intro": "{organisation} is preparing the procurement “{title}” and invites input from the "
                     "market before the contract notice is published. This document describes the "
                     "municipality's needs and the scope of the delivery. It contains no requirements, "
                     "and input binds neither the municipality nor the suppliers.",
        "rfi_questions": "Questions to suppliers",
        "rfi_questions_intro": "Please give short, concrete answers to these questions:",
        "rfi_question_list": (
            "How can your service meet the needs described, and which needs are hard to meet?",
            "Which licence and pricing models do you offer for a municipality of this size?",
            "How do you carry out the move from the municipality's current systems, and what do you need "
            "from the municipality?",
            "Where are data stored and processed, and which subcontractors do you use?",
            "How do you document accessibility and information security?",
            "How does the municipality get all its data out in open formats when the contract ends?",
            "Does anything in this description restrict competition unnecessarily, or should the "
            "municipality reconsider it?",
        ),
        "rfi_answer": "How to respond",
        "rfi_answer_text": "Send your input in writing to {organisation}, marked with the reference, by the "
                           "deadline in the notice. State what is a trade secret.",
    },
    "nn": NYNORSK,
}
