"""A claim template (``arvode mall``): a file an official fills in, with Swedish comments.

A new user could not write a claim: the format lived in a contract file outside
the package and ``check --help`` said nothing of it. The template is a valid
claim once the placeholders in capitals are filled in, and every optional field
stands beside it as a commented line that becomes valid YAML when its ``#`` is
removed. The example keys are taken from the rules set, so another
municipality's template names its own organs and kinds.
"""

from __future__ import annotations

from arvode.rules.load import Rules

__all__ = ["PLACEHOLDERS", "claim_template"]

#: What the user replaces, and a value that makes the template a valid claim (the tests use these).
PLACEHOLDERS = {
    "DITT-ID": "p-1042",
    "ÅÅÅÅ-MM-DD": "2025-03-12",
    "ÅÅÅÅ-MM": "2025-03",
    "ORGAN": "kommunfullmaktige",
    "SLAG": "sammantrade",
}


def _pick(keys: list[str], preferred: tuple[str, ...], count: int) -> str:
    chosen = [k for k in preferred if k in keys] or keys[:count]
    return ", ".join(chosen[:count])


def claim_template(rules: Rules) -> str:
    """The template, with example keys from ``rules``."""
    organs = _pick(list(rules.organs), ("kommunfullmaktige", "socialnamnden"), 2)
    meetings = _pick([k for k, v in rules.kinds.items() if v.category == "sammantrade"], ("sammantrade",), 1)
    errands = _pick([k for k, v in rules.kinds.items() if v.category == "forrattning"],
                    ("protokolljustering", "partigruppmote"), 2)
    role = next(iter(rules.roles), "ORGAN.ordforande")
    election = next((k for k, v in rules.kinds.items() if v.category == "valforrattning"), "valforrattning")
    return f"""\
# Rapport om arvoden och ersättningar till förtroendevalda: en person, en lönemånad.
#
# Så här fyller du i:
# 1. Ersätt det som står med VERSALER (DITT-ID, ÅÅÅÅ-MM, ÅÅÅÅ-MM-DD, ORGAN, SLAG).
# 2. Ta bort # framför de rader du behöver; rader som börjar med # läses inte.
# 3. Kontrollera filen: arvode check FILNAMN.yaml
#
# Belopp och timmar skrivs inom citattecken med decimalpunkt: "310.50", "4.5".
# Datum skrivs ÅÅÅÅ-MM-DD, tider inom citattecken "HH:MM-HH:MM". Ja/nej: true/false eller ja/nej.
# Nycklarna för organ, slag av möten och roller visar kommandot arvode nycklar.
# Hela beskrivningen visar kommandot arvode rapportformat.

official:
  id: DITT-ID                  # ditt id hos lönekontoret (krävs)
  # name: Förnamn Efternamn
  # home_distance_km: 14       # km enkel väg från folkbokföringsadressen till lokalen (5.1)
  # income:                    # hur förlorad arbetsinkomst värderas (2.2.2)
  #   hourly: "310.00"         #   styrkt timlön (intyg från arbetsgivaren) ...
  #   yearly: "480000"         #   ... eller årsinkomst, när bara den är visad
  #   vacation_pay_loss: true  #   begär förlorad semesterersättning (3.2 a)
  # assignments:               # uppdrag med årsarvode (2.3)
  #   - role: {role}
  #     from: 2023-01-01
  #     to: 2026-12-31         # sista dagen, om uppdraget slutar
  # absences:                  # frånvaro längre än 30 dagar (3.5, 3.6)
  #   - from: 2025-01-07
  #     to: 2025-03-15
  #     reason: sjukdom        # sjukdom, foraldraledighet eller annat

period: ÅÅÅÅ-MM                # lönemånaden

events:                        # en rad per möte eller förrättning, i den ordning de hölls
  - date: ÅÅÅÅ-MM-DD           # dagen
    organ: ORGAN               # t.ex. {organs}
    kind: SLAG                 # sammanträde: {meetings}; förrättning: t.ex. {errands}
    called: "13:00-17:00"      # tiden i kallelsen (utelämna om du gick in utan kallelse)
    attended: "13:00-16:10"    # tiden du var där
    # serving: false           # ersättare som var där men inte tjänstgjorde (bara resa betalas)
    # specially_called: true   # ersättare som var särskilt kallad (betalas som tjänstgörande)
    # lost_income: {{hours: "4.5"}}  # förlorad arbetsinkomst: timmar, eller {{amount: "1450.00"}},
    #                          # eller {{unknown_amount: true}} när förlusten är visad men inte beloppet
    # free_time: true          # mötet låg på din fritid: ingen förlorad arbetsinkomst
    # paid_by_other: true      # någon annan betalar för uppdraget: inget från kommunen
    # travel: {{km: 28, within_km: 0, hours: "0.8", outside_municipality: false}}
    #                          # km: till och från, båda vägarna; within_km: under mötet;
    #                          # hours: färdtid; outside_municipality: utanför kommunen (traktamente)
    # childcare_hours: "3"     # barntillsyn, timmar (5.2)
    # care_hours: "2"          # vård och tillsyn av närstående, timmar (5.3)
    # disability_costs: "250.00"  # särskilda kostnader vid funktionsnedsättning, kronor (5.4)
    # lost_vacation_days: 1    # förlorad semesterdag (3.2 b)
    # reported: 2025-03-20     # dagen du lämnade rapporten (6.1); annars månadens sista dag
  # - date: 2025-03-16         # valförrättning (2.2.3): organ och tider behövs inte
  #   kind: {election}
  #   election_role: rostmottagare  # ordforande, vice_ordforande, valforrattare eller rostmottagare
  #   hours: "13"
  #   preparation: false       # ordförandens 5 timmar för förberedelse
  #   training: false          # utbildning, ersätts som 4 timmar
"""
