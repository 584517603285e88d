"""The engine's problems and refusal reasons, in Swedish, for the pages.

The engine speaks English in its errors and refusal reasons (its lines are
already Swedish), and the JSON API passes them on unchanged, like ``arvode
check --json``. Officials read Swedish, so the pages translate the messages the
engine is known to give, by pattern. A message no pattern knows (the engine
is being rewritten on main) is shown as it is, marked as the engine's own
English, so nothing is hidden; ``tests/test_web_meddelanden.py`` runs the real
engine into each pattern, so a changed message fails a test, not a reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["on_swedish"]

_Fix = str | Callable[[re.Match[str]], str]


def _event_number(match: re.Match[str]) -> str:
    """The engine counts events from 0 (as the JSON's ``event``); the pages from 1."""
    return (
        f"Högst ett partigruppmöte per KF-sammanträde: händelse {int(match['n']) + 1} "
        f"förbereder redan sammanträdet {match['day']} (2.1.2)."
    )


def _late(match: re.Match[str]) -> str:
    prefix = "Förlorad semesterdag (3.2 b): " if match["vac"] else ""
    return (
        f"{prefix}rapporterad {match['rep']}, mer än {match['m']} månader efter {match['day']} "
        f"(sista dag {match['last']})."
    )


#: (pattern of the English message, Swedish text or a function of the match), first match wins.
_PATTERNS: list[tuple[str, _Fix]] = [
    # -- the claim's form (base/yaml.py, base/money.py, base/times.py, base/period.py)
    (r"required field is missing", "Uppgiften saknas."),
    (r"unknown field \(expected one of: .*\)", "Okänd uppgift: den finns inte i formatet för ersättningsanspråk."),
    (r"duplicate key", "Uppgiften står två gånger."),
    (r"expected text, got .*", "Skriv en text."),
    (r"expected true or false, got .*", "Ange ja eller nej (true eller false)."),
    (r"expected a date \(YYYY-MM-DD\), got a date and time", "Ange bara ett datum, ÅÅÅÅ-MM-DD (utan klockslag)."),
    (r"expected a date YYYY-MM-DD, got (?P<v>.*)", r"Ange ett datum som ÅÅÅÅ-MM-DD, t.ex. 2025-03-12 (fick \g<v>)."),
    (r"expected a month YYYY-MM, got a full date", "Ange en månad som ÅÅÅÅ-MM, inte ett datum."),
    (r"expected a month YYYY-MM, got (?P<v>.*)", r"Ange en månad som ÅÅÅÅ-MM, t.ex. 2025-03 (fick \g<v>)."),
    (r"expected a (?:quoted )?time span \"HH:MM-HH:MM\", got (?P<v>.*)",
     r"Ange tiden som TT:MM-TT:MM, t.ex. 13:00-16:30 (fick \g<v>)."),
    (r"not a time of day: (?P<v>.*)", r"\g<v> är inga klockslag: timmar 00–23 (24:00 som sluttid) och minuter 00–59."),
    (r"end before start in (?P<v>.*) \(a span must end after it starts\)",
     r"Sluttiden måste vara efter starttiden (\g<v>)."),
    (r"end (?P<end>\S+) is before start (?P<start>\S+)", r"Slutdatum \g<end> är före startdatum \g<start>."),
    (r"must be >= 0 \(got (?P<v>.*)\)", r"Får inte vara negativt (fick \g<v>)."),
    (r"must be >= (?P<min>\S+) \(got (?P<v>.*)\)", r"Måste vara minst \g<min> (fick \g<v>)."),
    (r"expected a whole number, got .*", "Ange ett heltal."),
    (r"expected an exact number, got (?P<v>.*)", r"Ange ett tal (fick \g<v>)."),
    (r"(?P<v>.*) is not a number", r"\g<v> är inget tal: skriv siffror, med decimalkomma eller decimalpunkt."),
    (r"(?P<v>.*): write the number with digits and a decimal point, no exponent",
     r"\g<v>: skriv talet med siffror och decimaltecken, utan exponent."),
    (r"(?P<v>.*) is not a finite number", r"\g<v> är inget ändligt tal."),
    (r"(?P<v>.*) has more than two decimals \(kronor and öre\)",
     r"\g<v> har fler än två decimaler: ange kronor och ören."),
    (r"(?P<v>.*) is too large(?: \(at most (?P<max>.*)\))?", r"\g<v> är för stort."),
    (r"(?P<v>.*) is a float; write it as a quoted string.*",
     r'\g<v> är ett flyttal: skriv exakta tal inom citattecken, t.ex. "310.50".'),
    (r"invalid YAML: (?P<v>.*)", r"Filen är inte giltig YAML (\g<v>)."),
    (r"unsafe or unknown YAML(?: tag)?:? (?P<v>.*)", r"Osäker eller okänd YAML-tagg (\g<v>)."),
    (r"the file is empty", "Filen är tom."),
    (r"the document expands to more than (?P<n>\d+) values.*", r"Filen växer till mer än \g<n> värden (alias)."),
    (r"a YAML alias refers to a value that contains it", "Ett YAML-alias pekar på sig självt."),
    (r"not a valid value (?P<v>'.*?'): .*", r"\g<v> är inget giltigt värde (finns dagen i kalendern?)."),
    (r"expected a mapping, got .*", "Fel form: här ska stå uppgifter med namn (en mappning)."),
    (r"expected a list, got .*", "Fel form: här ska stå en lista."),
    (r"a key must be text.*", "Fel form: ett fältnamn måste vara text."),
    # -- the API's own (web/api.py)
    (r"the request body is not JSON: duplicate key (?P<v>.*)", r"Förfrågan har nyckeln \g<v> två gånger."),
    (r"the request body is not JSON: (?P<v>.*)", r"Förfrågan är inte JSON (\g<v>)."),
    # -- the claim's content (claims/claim.py)
    (r"unknown role (?P<v>'.*?') in rules set .*", r"Okänt uppdrag \g<v> i regelverket."),
    (r"unknown role (?P<v>'.*?') \(or 'group_leader'\)", r"Okänt uppdrag \g<v>."),
    (r"share is a part of the party's arvode: at most 1",
     "Andelen är en del av partiets gruppledararvode: högst 1."),
    (r"an absence needs both from and to", "En frånvaro behöver både från- och till-datum."),
    (r"unknown reason \(one of .*\)", "Okänd orsak: välj sjukdom, föräldraledighet eller annat."),
    (r"give exactly one of hours, amount or unknown_amount",
     "Ange ett av timmar, styrkt belopp eller okänt belopp, inte flera."),
    (r"unknown_amount must be true when given", "Okänt belopp anges bara när det gäller."),
    (r"unknown kind (?P<v>'.*?') in rules set .*", r"Okänd typ av möte \g<v> i regelverket."),
    (r"unknown organ (?P<v>'.*?') in rules set .*",
     r"Okänt organ \g<v>: ett organ utanför kommunen ersätts inte om inte regelverket har det."),
    (r"a \S+ needs its time: give called and/or attended.*",
     "Ange tid enligt kallelse och/eller närvarotid (TT:MM-TT:MM)."),
    (r"reported (?P<rep>\S+) is before the event's date (?P<day>\S+)",
     r"Rapporteringsdagen \g<rep> är före händelsens datum \g<day>."),
    (r"(?P<day>\S+) is after the claim's period \(ends (?P<end>\S+)\); give reported or the right period",
     r"\g<day> är efter månaden (som slutar \g<end>): ange rätt månad eller rapporteringsdag."),
    (r"unknown election_role \(one of .*\)", "Okänd roll vid valförrättning."),
    (r"hours belongs to valforrattning; give called/attended for other kinds",
     "Timmar anges bara för valförrättning; ange tider för andra möten."),
    # -- the rules on a day (rules/params.py, calculation/engine.py)
    (r"no rules in force on (?P<day>\S+): (?:kind |organ )?(?P<what>\S+) applies from (?P<from>\S+)",
     r"Inga regler gäller \g<day>: \g<what> gäller från \g<from>."),
    (r"the rules set gives no amount for (?P<name>\S+) \((?P<desc>.*), section (?P<sec>.*)\) on (?P<day>\S+);.*",
     r"Regelverket anger inget belopp för \g<desc> (\g<name>, avsnitt \g<sec>) den \g<day>: "
     r"KSAPU behöver besluta ett belopp."),
    # -- refusal reasons (calculation/)
    (r"(?P<vac>förlorad semesterdag \(3\.2 b\): )?reported (?P<rep>\S+), more than (?P<m>\d+) months after "
     r"(?P<day>\S+) \(last day (?P<last>\S+)\)", _late),
    (r"paid by another body for the same assignment \(2\): nothing from the municipality",
     "Uppdraget ersätts av någon annan (2): ingen ersättning från kommunen."),
    (r"(ett partigruppmöte ersätts inför ett sammanträde i .*|for_meeting \d{4}-\d\d-\d\d: dina händelser .*)",
     r"\1"),  # already Swedish
    (r"at most one partigruppmöte per KF sammanträde: event (?P<n>\d+) already prepares "
     r"the sammanträde of (?P<day>\S+)", _event_number),
    (r"förlorad arbetsinkomst not valued: lost_income\.hours needs official\.income\.hourly or \.yearly",
     "Förlorad arbetsinkomst kan inte värderas: ange styrkt timlön eller årsinkomst (2.2.2)."),
    (r"förlorad arbetsinkomst not valued: lost_income\.unknown_amount needs official\.income\.yearly.*",
     "Förlorad arbetsinkomst med okänt belopp räknas från årsinkomsten: ange årsinkomst (2.2.2)."),
    (r"(?P<what>.*) is paid only from a one-way distance threshold: give official\.home_distance_km.*",
     r"Ersätts bara från ett visst avstånd enkel väg (5.1): ange avståndet hem–möteslokal i km."),
    (r"(?P<what>.*) is not paid for the time paid as förlorad arbetsinkomst, and this event has no time.*",
     "Ersätts inte för tid som ersätts som förlorad arbetsinkomst, och händelsen saknar tid att "
     "skilja dem åt: ange förlorad arbetsinkomst i timmar eller händelsens tider."),
    (r"a lost vacation day is valued from the official's pay: give official\.income\.hourly "
     r"or official\.income\.yearly",
     "En förlorad semesterdag värderas efter lönen: ange styrkt timlön eller årsinkomst (3.2 b)."),
]

_COMPILED = [(re.compile(pattern, re.DOTALL), fix) for pattern, fix in _PATTERNS]


def on_swedish(message: str) -> tuple[str, bool]:
    """The message in Swedish and True, or the engine's own text and False."""
    for pattern, fix in _COMPILED:
        match = pattern.fullmatch(message)
        if match is None:
            continue
        return (fix(match) if callable(fix) else match.expand(fix)), True
    return message, False
