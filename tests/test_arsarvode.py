"""2.3, 3.5–3.7, 6.3: monthly årsarvode lines, special decisions, absences, splits."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import Result, bundled_rules_dir, calculate, claim_from_text, load_rules
from arvode.cli import main

Run = Callable[[str], Result]


def amounts(result: Result, type_: str) -> list[Decimal]:
    return [line.amount for line in result.lines if line.type == type_]


def test_full_month_of_socialnamnd_ordforande(run: Run) -> None:
    # 57 % × 1 002 100 = 571 197,00 per år; / 12 = 47 599,75
    result = run("""
        official: {id: p-1, assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("47599.75")]
    assert result.lines[0].rule == "2.3.2"
    assert "571 197,00 kr" in result.lines[0].text


def test_december_takes_the_rest(run: Run) -> None:
    # BUN ordförande 470 987,00; December: 470 987,00 − 11 × 39 248,92 = 39 248,88
    result = run("""
        official: {id: p-1, assignments: [{role: barn_och_utbildningsnamnden.ordforande, from: 2023-01-01}]}
        period: 2025-12
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("39248.88")]


def test_derived_vice_ordforande(run: Run) -> None:
    # Miljö- och tillsynsnämnd vice: 20 % × 17 % = 3,4 % × 1 002 100 = 34 071,40; / 12 = 2 839,2833 → 2 839,28
    result = run("""
        official: {id: p-1, assignments: [{role: miljo_och_tillsynsnamnden.vice_ordforande, from: 2023-01-01}]}
        period: 2025-05
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("2839.28")]


def test_vice_ordforande_includes_the_utskott_seat(run: Run) -> None:
    # 2.3.5: the vice's arvode "inkluderar eventuellt arvode för plats i utskott".
    # KFN vice 20 % × 22 % = 4,4 % × 1 002 100 = 44 092,40; / 12 = 3 674,3667 → 3 674,37
    # KFN utskott seat (alone 5 % × 22 % = 1,1 % → 918,59) held beside it: 0,00
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: kultur_och_fritidsnamnden.vice_ordforande, from: 2023-01-01}
            - {role: kultur_och_fritidsnamnden.utskott_ledamot, from: 2023-01-01}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("3674.37"), Decimal("0.00")]
    assert "ingår i arvodet som Kultur- och fritidsnämnd, vice ordförande" in result.lines[1].text


def test_utskott_seat_pays_until_the_day_before_the_vice_role(run: Run) -> None:
    # Utskott seat all March, vice from 2025-03-16: the seat pays days 1–15 only.
    # Seat twelfth 1,1 % × 1 002 100 = 11 023,10 / 12 = 918,5917 → 918,59; 15/31 × 918,59
    #   = 444,4790 → 444,48. Vice days 16–31: 3 674,37 − round(15/31 × 3 674,37 = 1 777,9210)
    #   = 3 674,37 − 1 777,92 = 1 896,45.
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: kultur_och_fritidsnamnden.utskott_ledamot, from: 2023-01-01}
            - {role: kultur_och_fritidsnamnden.vice_ordforande, from: 2025-03-16}
        period: 2025-03
        events: []
    """)
    assert sorted(amounts(result, "arsarvode")) == [Decimal("0.00"), Decimal("444.48"), Decimal("1896.45")]


def test_other_organs_utskott_seat_is_paid(run: Run) -> None:
    # KFN vice 3 674,37 and an SN utskott seat: 5 % × 57 % = 2,85 % × 1 002 100 = 28 559,85;
    # / 12 = 2 379,9875 → 2 379,99 (a different nämnd: not included)
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: kultur_och_fritidsnamnden.vice_ordforande, from: 2023-01-01}
            - {role: socialnamnden.utskott_ledamot, from: 2023-01-01}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("3674.37"), Decimal("2379.99")]


def test_valnamnd_ordforande_valar(run: Run) -> None:
    # 2026 is a valår: 13 % × 1 002 100 = 130 273,00; / 12 = 10 856,08
    # 2025 is not: 5 % × 1 002 100 = 50 105,00; / 12 = 4 175,4167 → 4 175,42 (November;
    # December takes the rest: 50 105,00 − 11 × 4 175,42 = 4 175,38)
    text = """
        official: {id: p-1, assignments: [{role: valnamnden.ordforande, from: 2023-01-01}]}
        period: PERIOD
        events: []
    """
    assert amounts(run(text.replace("PERIOD", "2026-01")), "arsarvode") == [Decimal("10856.08")]
    assert amounts(run(text.replace("PERIOD", "2025-11")), "arsarvode") == [Decimal("4175.42")]
    assert amounts(run(text.replace("PERIOD", "2025-12")), "arsarvode") == [Decimal("4175.38")]


def test_group_leader_split_between_two(run: Run) -> None:
    # 2.3.6, 10 seats: 12,6 + 9 × 1,07 = 22,23 %; half: 11,115 % × 1 002 100 = 111 383,415
    #   → 111 383,42 per år; / 12 = 9 281,9517 → 9 281,95
    result = run("""
        official:
          id: p-1
          group_leader: {party: V, seats: 10, share: "0.5", from: 2023-01-01}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "gruppledararvode") == [Decimal("9281.95")]
    assert result.lines[0].rule == "2.3.6"


def test_special_decision_ks_2024_27(run: Run) -> None:
    # 75 % × 1 002 100 = 751 575,00; / 12 = 62 631,25; straight sum 47 % + 18 % = 65 %
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: barn_och_utbildningsnamnden.ordforande, from: 2024-02-14}
            - {role: kommunstyrelsen.andre_vice_ordforande, from: 2023-01-01}
          special_decisions:
            - {percent: "75", from: 2024-03-01, reference: "KS 2024-03-04 § 27",
               covers: [barn_och_utbildningsnamnden.ordforande, kommunstyrelsen.andre_vice_ordforande]}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("62631.25")]
    line = result.lines[0]
    assert line.rule == "2.3"
    assert "= 47 % + 18 % = 65 %" in line.text
    assert "KS 2024-03-04 § 27" in line.text


def test_special_decision_ks_2025_43_starts_mid_month(run: Run) -> None:
    # straight sum 13 % + 35,07 % = 48,07 % (the decision's "48 procent");
    # Feb days 1–9 table, 10–28 decision: 3 489,45 + 9 413,48 + 30 033,18
    result = run("""
        official:
          id: p-1
          assignments: [{role: ksapu.ledamot, from: 2023-01-01}]
          group_leader: {party: S, seats: 22, share: "1", from: 2023-01-01}
          special_decisions:
            - {percent: "53", from: 2025-02-10, reference: "KS 2025-03-03 § 43", covers: [ksapu.ledamot, group_leader]}
        period: 2025-02
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("3489.45"), Decimal("30033.18")]
    assert amounts(result, "gruppledararvode") == [Decimal("9413.48")]
    assert "13 % + 35,07 % = 48,07 %" in result.lines[-1].text


def test_cap_of_75_percent_with_uncovered_group_leader(run: Run) -> None:
    # decision 70 % + gruppledare 1 seat 12,6 % = 82,6 % > 75 %: deduct 7,6 %
    #   −7,6 % × 1 002 100 = −76 159,60 per år; / 12 = −6 346,6333 → −6 346,63
    result = run("""
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]
          group_leader: {party: X, seats: 1, share: "1", from: 2023-01-01}
          special_decisions:
            - {percent: "70", from: 2025-01-01, reference: "KS test", covers: [socialnamnden.ordforande]}
        period: 2025-03
        events: []
    """)
    arsarvode = amounts(result, "arsarvode")
    assert Decimal("-6346.63") in arsarvode
    # 70 % → 58 455,83 (701 470 / 12 = 58 455,8333); 12,6 % → 126 264,60 / 12 = 10 522,05
    assert result.total == Decimal("58455.83") + Decimal("10522.05") - Decimal("6346.63")


def test_leaver_and_successor_share_the_month(run: Run) -> None:
    # 3.7: 18 371,83 for April; leaver days 1–14: 8 573,52; successor 15–30: 9 798,31
    leaver = run("""
        official: {id: p-1, assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01, to: 2025-04-14}]}
        period: 2025-04
        events: []
    """)
    successor = run("""
        official: {id: p-2, assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2025-04-15}]}
        period: 2025-04
        events: []
    """)
    assert amounts(leaver, "arsarvode") == [Decimal("8573.52")]
    assert amounts(successor, "arsarvode") == [Decimal("9798.31")]
    assert leaver.total + successor.total == Decimal("18371.83")


def test_absence_of_30_days_is_not_deducted(run: Run) -> None:
    # 3.5: "mer än 30 kalenderdagar": 2025-03-01..2025-03-30 is exactly 30 days
    result = run("""
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-03-01, to: 2025-03-30, reason: annat}]
        period: 2025-03
        events: []
    """)
    assert amounts(result, "franvaroavdrag") == []
    assert result.total == Decimal("47599.75")


def test_absence_of_31_days_is_deducted_from_day_one(run: Run) -> None:
    # 31 days (> 30): whole March deducted: −47 599,75; reason annat: no sjuklön
    result = run("""
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-03-01, to: 2025-03-31, reason: annat}]
        period: 2025-03
        events: []
    """)
    assert amounts(result, "franvaroavdrag") == [Decimal("-47599.75")]
    assert result.total == Decimal("0.00")


def test_sick_nivå_2_gets_sjuklon(run: Run) -> None:
    # June 2025 wholly sick, June 1 = sick day 13 (from 2025-05-20):
    #   June 1–2 at 80 %: 2/30 × 47 599,75 = 3 173,32 → 2 538,66
    #   June 3–30 at 10 %: 44 426,43 → 4 442,64
    result = run("""
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-05-20, to: 2025-07-10, reason: sjukdom}]
        period: 2025-06
        events: []
    """)
    assert amounts(result, "sjuklon") == [Decimal("2538.65"), Decimal("4442.64")]
    assert amounts(result, "franvaroavdrag") == [Decimal("-47599.75")]


def test_sick_nivå_4_gets_no_sjuklon(run: Run) -> None:
    # revisor 3,5 % is nivå 4: deduction only (3.5 sjuklön is for nivå 1–2)
    result = run("""
        official:
          id: p-1
          assignments: [{role: revisionen.revisor, from: 2023-01-01}]
          absences: [{from: 2025-05-20, to: 2025-07-10, reason: sjukdom}]
        period: 2025-06
        events: []
    """)
    assert amounts(result, "sjuklon") == []
    assert result.total == Decimal("0.00")


def test_parental_leave_nivå_1(run: Run) -> None:
    # 3.6 as for employees: KS ordförande 100 % = 1 002 100 / 12 = 83 508,3333 → 83 508,33 for
    # June; whole month on leave (from its first day): −83 508,33; the municipality pays the
    # employer's föräldrapenningtillägg 10 % × 83 508,33 = 8 350,833 → 8 350,83 (leave days
    # 1–30, within AB's 180), and Försäkringskassan the rest (before: the municipality paid
    # 80 %, 66 806,66).
    result = run("""
        official:
          id: p-1
          assignments: [{role: kommunstyrelsen.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-06-01, to: 2025-08-31, reason: foraldraledighet}]
        period: 2025-06
        events: []
    """)
    assert amounts(result, "franvaroavdrag") == [Decimal("-83508.33")]
    assert amounts(result, "foraldraersattning") == [Decimal("8350.83")]
    assert result.total == Decimal("8350.83")
    line = next(l for l in result.lines if l.type == "foraldraersattning")
    assert line.rule == "3.6"
    assert "Försäkringskassan" in line.text


def test_short_parental_leave_nivå_2_is_deducted_from_day_one(run: Run) -> None:
    # 10 days (not over 30) still count (3.6 as for employees): BUN ordförande April (30 days)
    #   47 % × 1 002 100 = 470 987,00 / 12 = 39 248,9167 → 39 248,92
    #   days 14–23: round(23/30 × 39 248,92 = 30 090,8387) − round(13/30 × 39 248,92 = 17 007,8653)
    #     = 30 090,84 − 17 007,87 = 13 082,97
    #   tillägg 10 % × 10/30 × 39 248,92 = 10 % × 13 082,9733 = 1 308,2973 → 1 308,30
    #   April: 39 248,92 − 13 082,97 + 1 308,30 = 27 474,25
    result = run("""
        official:
          id: p-1
          assignments: [{role: barn_och_utbildningsnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-04-14, to: 2025-04-23, reason: foraldraledighet}]
        period: 2025-04
        events: []
    """)
    assert amounts(result, "franvaroavdrag") == [Decimal("-13082.97")]
    assert amounts(result, "foraldraersattning") == [Decimal("1308.30")]
    assert result.total == Decimal("27474.25")


def test_parental_tillagg_stops_after_180_days(run: Run) -> None:
    # SN ordförande (47 599,75 a month) on leave all 2025; 2025-06-29 is day 180 of the leave.
    #   June: −47 599,75; tillägg days 1–29 of June: 10 % × 29/30 × 47 599,75 = 10 % × 46 013,0917
    #     = 4 601,3092 → 4 601,31
    #   July: −47 599,75 and no tillägg: 0,00 in all
    text = """
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-01-01, to: 2025-12-31, reason: foraldraledighet}]
        period: PERIOD
        events: []
    """
    june = run(text.replace("PERIOD", "2025-06"))
    assert amounts(june, "foraldraersattning") == [Decimal("4601.31")]
    assert "ledighetsdag 152–180 av högst 180" in next(l.text for l in june.lines if l.type == "foraldraersattning")
    july = run(text.replace("PERIOD", "2025-07"))
    assert amounts(july, "foraldraersattning") == []
    assert july.total == Decimal("0.00")


def test_parental_leave_nivå_3_keeps_the_30_day_rule(run: Run) -> None:
    # KFN ordförande 22 % is nivå 3: 3.6 is for nivå 1–2; a 10-day leave is not deducted (3.5)
    result = run("""
        official:
          id: p-1
          assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-04-14, to: 2025-04-23, reason: foraldraledighet}]
        period: 2025-04
        events: []
    """)
    assert result.total == Decimal("18371.83")  # 22 % × 1 002 100 = 220 462,00 / 12 = 18 371,8333


# ---------------------------------------------------------------- 3.5 second paragraph: sjuklön from day one
SICK_KS = """
        official:
          id: p-1
          assignments: [{role: kommunstyrelsen.ordforande, from: 2023-01-01}]
          absences: [{from: FROM, to: TO, reason: sjukdom}]
        period: PERIOD
        events: []
"""


def sick_ks(start: str, end: str) -> str:
    return SICK_KS.replace("FROM", start).replace("TO", end).replace("PERIOD", start[:7])


def test_ten_days_sick_nivå_1_get_sjuklon(run: Run) -> None:
    # KS ordförande 83 508,33 for March (31 days), sick 2025-03-10..19 (10 days, not over 30):
    #   deducted days 10–19: round(19/31 × 83 508,33 = 51 182,5248) − round(9/31 × 83 508,33
    #     = 24 244,3539) = 51 182,52 − 24 244,35 = 26 938,17
    #   karens 2025-03-10; sjukdag 2–10 (9 days) 80 %: 80 % × 24 244,3539 = 19 395,4831 → 19 395,48
    #   March: 83 508,33 − 26 938,17 + 19 395,48 = 75 965,64
    result = run(sick_ks("2025-03-10", "2025-03-19"))
    assert amounts(result, "franvaroavdrag") == [Decimal("-26938.17")]
    assert amounts(result, "sjuklon") == [Decimal("19395.48")]
    assert result.total == Decimal("75965.64")
    assert "3.5 andra stycket" in next(l.text for l in result.lines if l.type == "franvaroavdrag")


def test_no_cliff_between_30_and_31_days_sick(run: Run) -> None:
    # May (31 days), KS ordförande 83 508,33:
    # 30 days (May 1–30): deducted round(30/31 × 83 508,33 = 80 814,5129) = 80 814,51;
    #   sjukdag 2–14 (13 days) 80 % × 13/31 × 83 508,33 = 28 015,6978 → 28 015,70;
    #   sjukdag 15–30 (16 days) 10 % × 16/31 × 83 508,33 = 4 310,1074 → 4 310,11;
    #   May: 83 508,33 − 80 814,51 + 28 015,70 + 4 310,11 = 35 019,63
    # 31 days (May 1–31): deducted 83 508,33; 28 015,70 + 10 % × 17/31 × 83 508,33
    #   (4 579,4891 → 4 579,49) = 32 595,19
    thirty = run(sick_ks("2025-05-01", "2025-05-30"))
    thirty_one = run(sick_ks("2025-05-01", "2025-05-31"))
    assert amounts(thirty, "sjuklon") == [Decimal("28015.70"), Decimal("4310.11")]
    assert thirty.total == Decimal("35019.63")
    assert thirty_one.total == Decimal("32595.19")
    # one more sick day costs 90 % of a day's arvode (83 508,33 / 31 = 2 693,82; × 90 % ≈ 2 424,44)
    assert thirty.total - thirty_one.total == Decimal("2424.44")


def test_sick_nivå_3_keeps_the_30_day_rule(run: Run) -> None:
    # KFN ordförande (nivå 3) sick 10 days: not deducted (3.5 first paragraph: over 30 days)
    result = run("""
        official:
          id: p-1
          assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]
          absences: [{from: 2025-04-01, to: 2025-04-10, reason: sjukdom}]
        period: 2025-04
        events: []
    """)
    assert result.total == Decimal("18371.83")


def test_substitute_gets_tillfalligt_arvode(run: Run) -> None:
    result = run("""
        official:
          id: p-2
          assignments: [{role: socialnamnden.ordforande, from: 2025-06-01, to: 2025-06-30, acting_for: p-1}]
        period: 2025-06
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("47599.75")]
    assert result.lines[0].rule == "3.5"
    assert "p-1" in result.lines[0].text


# ---------------------------------------------------------------- 2.3: a decision lives with its roles
DECISION_27 = """
        official:
          id: p-1
          assignments:
            - {role: barn_och_utbildningsnamnden.ordforande, from: 2024-02-14, to: BUN_TO}
            - {role: kommunstyrelsen.andre_vice_ordforande, from: 2023-01-01, to: KS_TO}
          special_decisions:
            - {percent: "75", from: 2024-03-01, reference: "KS 2024-03-04 § 27",
               covers: [barn_och_utbildningsnamnden.ordforande, kommunstyrelsen.andre_vice_ordforande]}
        period: PERIOD
        events: []
"""


def decision_27(bun_to: str, ks_to: str, period: str) -> str:
    return DECISION_27.replace("BUN_TO", bun_to).replace("KS_TO", ks_to).replace("PERIOD", period)


def test_decision_ends_with_its_roles(run: Run) -> None:
    # Both roles end 2025-05-20; the decision has no `to` but needs them (2.3: "som innehar
    # fler än ett kommunalt uppdrag"): 75 % × 1 002 100 = 751 575,00 / 12 = 62 631,25;
    # May days 1–20: 62 631,25 × 20/31 = 40 407,2580 → 40 407,26, and nothing after.
    result = run(decision_27("2025-05-20", "2025-05-20", "2025-05"))
    assert amounts(result, "arsarvode") == [Decimal("40407.26")]
    text = result.lines[0].text
    assert "gäller till och med 2025-05-20" in text
    assert "dag 1–20 av 31" in text
    assert "() = 0 %" not in text


def test_decision_pays_nothing_once_both_roles_have_ended(run: Run) -> None:
    # June: neither role is held; the decision (no `to`) pays nothing (was 62 631,25).
    result = run(decision_27("2025-05-20", "2025-05-20", "2025-06"))
    assert result.lines == ()
    assert result.total == Decimal("0")


def test_decision_ends_when_one_role_ends_the_other_is_paid_straight(run: Run) -> None:
    # BUN ordförande ends 2025-05-20, KS 2:e vice continues:
    #   decision days 1–20: 40 407,26 (as above)
    #   KS 2:e vice 18 % × 1 002 100 = 180 378,00 / 12 = 15 031,50; days 21–31:
    #   15 031,50 − round(20/31 × 15 031,50 = 9 697,7419) = 15 031,50 − 9 697,74 = 5 333,76
    result = run(decision_27("2025-05-20", "2026-12-31", "2025-05"))
    assert amounts(result, "arsarvode") == [Decimal("40407.26"), Decimal("5333.76")]
    assert result.total == Decimal("45741.02")  # 40 407,26 + 5 333,76
    straight = result.lines[1]
    assert straight.rule == "2.3.3"
    assert "särskilt beslut KS 2024-03-04 § 27 gäller inte från 2025-05-21" in straight.text
    assert "Barn- och utbildningsnämnd, ordförande upphörde 2025-05-20" in straight.text


def test_decision_ends_with_its_own_to(run: Run) -> None:
    # The decision's own `to` (2025-04-10) ends it though both roles continue: April (30 days)
    #   decision days 1–10: 62 631,25 × 10/30 = 20 877,0833 → 20 877,08
    #   BUN 47 % × 1 002 100 = 470 987,00 / 12 = 39 248,9167 → 39 248,92;
    #     days 11–30: 39 248,92 − round(10/30 × 39 248,92 = 13 082,9733 → 13 082,97) = 26 165,95
    #   KS 2:e vice 15 031,50; days 11–30: 15 031,50 − round(10/30 × 15 031,50 = 5 010,50) = 10 021,00
    text = decision_27("2026-12-31", "2026-12-31", "2025-04").replace(
        'reference: "KS 2024-03-04 § 27",', 'reference: "KS 2024-03-04 § 27", to: 2025-04-10,')
    result = run(text)
    assert sorted(amounts(result, "arsarvode")) == [
        Decimal("10021.00"), Decimal("20877.08"), Decimal("26165.95")]
    assert "beslutets slutdag" in next(l.text for l in result.lines if l.rule == "2.3")


def test_decision_before_a_covered_role_starts_is_not_in_force(run: Run) -> None:
    # The decision dates from 2025-03-01 but the BUN role only from 2025-03-11 (March, 31 days):
    #   days 1–10 KS 2:e vice alone: round(10/31 × 15 031,50 = 4 848,8710) = 4 848,87
    #   days 11–31 the decision: 62 631,25 − round(10/31 × 62 631,25 = 20 203,6290 → 20 203,63)
    #     = 42 427,62
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: barn_och_utbildningsnamnden.ordforande, from: 2025-03-11}
            - {role: kommunstyrelsen.andre_vice_ordforande, from: 2023-01-01}
          special_decisions:
            - {percent: "75", from: 2025-03-01, reference: "KS test",
               covers: [barn_och_utbildningsnamnden.ordforande, kommunstyrelsen.andre_vice_ordforande]}
        period: 2025-03
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("4848.87"), Decimal("42427.62")]
    assert "Barn- och utbildningsnämnd, ordförande innehas inte" in result.lines[0].text


def test_group_leader_ending_ends_decision_43(run: Run) -> None:
    # § 43 covers KSAPU and the gruppledaruppdrag; the gruppledare steps down 2025-06-15
    # (June, 30 days):
    #   decision 53 % → 531 113,00 / 12 = 44 259,4167 → 44 259,42; days 1–15:
    #     round(15/30 × 44 259,42) = 22 129,71
    #   KSAPU 13 % → 130 273,00 / 12 = 10 856,0833 → 10 856,08; days 16–30:
    #     10 856,08 − round(15/30 × 10 856,08 = 5 428,04) = 5 428,04
    result = run("""
        official:
          id: p-1
          assignments: [{role: ksapu.ledamot, from: 2023-01-01}]
          group_leader: {party: S, seats: 22, share: "1", from: 2023-01-01, to: 2025-06-15}
          special_decisions:
            - {percent: "53", from: 2025-02-10, reference: "KS 2025-03-03 § 43", covers: [ksapu.ledamot, group_leader]}
        period: 2025-06
        events: []
    """)
    assert amounts(result, "arsarvode") == [Decimal("22129.71"), Decimal("5428.04")]
    assert amounts(result, "gruppledararvode") == []
    assert "gruppledaruppdraget upphörde 2025-06-15" in result.lines[1].text


# ---------------------------------------------------------------- 2.3: "minst 40 procent"
UNDER_40 = """\
official:
  id: p-1
  assignments:
    - {role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}
    - {role: miljo_och_tillsynsnamnden.ordforande, from: 2023-01-01}
  special_decisions:
    - {percent: "45", from: 2025-01-01, reference: "KS test § 1",
       covers: [kultur_och_fritidsnamnden.ordforande, miljo_och_tillsynsnamnden.ordforande]}
period: 2025-03
events: []
"""


def test_decision_under_40_percent_is_paid_with_a_warning(run: Run) -> None:
    # straight sum 22 % + 17 % = 39 % < 40 %; the decision takes precedence (2.3) and is paid:
    #   45 % × 1 002 100 = 450 945,00 per år; / 12 = 37 578,75
    result = run(UNDER_40)
    assert amounts(result, "arsarvode") == [Decimal("37578.75")]
    assert "= 39 % (under 40 %" in result.lines[0].text
    (warning,) = result.warnings
    assert warning.rule == "2.3"
    # located like rules check: file:line: field: varning: …
    assert str(warning).startswith("test.yaml:7: official.special_decisions[0]: varning: särskilt beslut KS test § 1")
    assert "39 % är under 40 %" in str(warning)
    assert "betalas ändå" in str(warning)
    assert result.as_json()["warnings"][0]["where"] == "test.yaml:7: official.special_decisions[0]"


def test_decision_of_40_percent_or_more_has_no_warning(run: Run) -> None:
    # 47 % + 18 % = 65 %: no warning, and the JSON keeps its contract (no "warnings" key)
    result = run(decision_27("2026-12-31", "2026-12-31", "2025-03"))
    assert result.warnings == ()
    assert "warnings" not in result.as_json()


def test_decision_under_40_percent_set_aside_when_the_rules_say_so(tmp_path: Path) -> None:
    # sarskilt_beslut.betalas_under_minst: false → the table is paid:
    #   KFN ordförande 22 % → 220 462,00 / 12 = 18 371,8333 → 18 371,83
    #   MTN ordförande 17 % → 170 357,00 / 12 = 14 196,4167 → 14 196,42
    folder = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), folder)
    path = folder / "arsarvode.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  sarskilt_beslut.betalas_under_minst:")
    at = text.index("value: true", start)
    path.write_text(text[:at] + "value: false" + text[at + len("value: true"):], encoding="utf-8")
    rules = load_rules(folder)
    result = calculate(claim_from_text(UNDER_40, rules, "test.yaml"), rules)
    assert amounts(result, "arsarvode") == [Decimal("18371.83"), Decimal("14196.42")]
    assert result.total == Decimal("32568.25")  # 18 371,83 + 14 196,42
    assert all("tillämpas inte" in line.text for line in result.lines)
    assert "tillämpas inte" in str(result.warnings[0])


def test_check_prints_the_warning_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claim = tmp_path / "beslut.yaml"
    claim.write_text(UNDER_40, encoding="utf-8")
    assert main(["check", str(claim)]) == 0
    err = capsys.readouterr().err
    assert f"{claim}:7: official.special_decisions[0]: varning: " in err
