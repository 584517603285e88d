"""arvode.calculation.sammantrade: 2.2.1 sammanträdes- and förrättningsersättning and the daily cap.

Bilaga 1 from 2025-01-01: sammanträdesersättning 1 173 kr, förrättningsersättning 782 kr.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from arvode import Claim, NoRuleInForceError, Result, Rules
from arvode.calculation.sammantrade import Fee, FeeDay, fee_for
from arvode.claims.claim import Event
from arvode.rules.catalogue import Kind
from arvode.rules.modeller import FeeScheme

Parse = Callable[[str], Claim]
Run = Callable[[str], Result]
MARCH = dt.date(2025, 3, 3)


@pytest.fixture
def event(claim: Parse) -> Callable[[str], Event]:
    def make(fields: str, day: str = "2025-03-03") -> Event:
        return claim(
            "official: {id: p-1}\nperiod: 2025-03\nevents:\n"
            f"  - {{date: {day}, organ: socialnamnden, {fields}}}\n"
        ).events[0]

    return make


def scheme(rules: Rules, kind: Kind, event: Event) -> FeeScheme:
    """The fee scheme the rules name for the event's kind (and organ)."""
    return rules.fee_schemes[kind.fee_scheme(event.organ)]


def fee(rules: Rules, event: Event) -> Decimal:
    return fee_for(event, kind := rules.kinds[event.kind], scheme(rules, kind, event),
                   rules.compiled.version(event.date)).amount


@pytest.mark.parametrize(
    ("fields", "amount"),
    [
        # sammanträde up to 1 hour: 1/2 × 1173 = 586.50
        ('kind: sammantrade, called: "13:00-13:30"', "586.50"),
        (
            'kind: sammantrade, called: "13:00-14:00"',
            "586.50",
        ),  # exactly 60 min is "upp till 1 timme"
        # over 1 hour: 1/1 × 1173 = 1173.00
        ('kind: sammantrade, called: "13:00-14:01"', "1173"),
        ('kind: sammantrade, called: "09:00-16:00"', "1173"),
        # every 2.1.1 kind is a sammanträde: 45 min → 1/2 × 1173 = 586.50
        ('kind: beredning, called: "13:00-13:45"', "586.50"),
        ('kind: utskott, called: "13:00-13:45"', "586.50"),
        ('kind: presidiemote, called: "13:00-13:45"', "586.50"),
        ('kind: revision, called: "13:00-13:45"', "586.50"),
        ('kind: utredningskommitte, called: "13:00-15:00"', "1173"),
        # protokolljustering: 1/4 × 782 = 195.50, whatever the time
        ("kind: protokolljustering", "195.50"),
        ('kind: protokolljustering, attended: "10:00-13:00"', "195.50"),
        # per started hour: n × 1/8 × 782 = n × 97.75
        ('kind: uppdrag, attended: "10:00-10:01"', "97.75"),  # 1 started hour
        ('kind: uppdrag, attended: "10:00-11:00"', "97.75"),  # 60 min: 1 started hour
        ('kind: uppdrag, attended: "10:00-11:01"', "195.50"),  # 61 min: 2 × 97.75
        ('kind: overlaggning, attended: "09:00-11:10"', "293.25"),  # 3 × 97.75
        ('kind: brukarrad, attended: "18:00-20:15"', "293.25"),  # 3 × 97.75
        ('kind: utbildning, attended: "08:00-16:00"', "782.00"),  # 8 × 97.75
        ('kind: samordningstraff, attended: "08:00-08:30"', "97.75"),
        ('kind: gruppledartraff, attended: "08:00-09:30"', "195.50"),  # 2 × 97.75
        ('kind: styrgrupp, attended: "08:00-10:30"', "293.25"),  # 3 × 97.75
        # KF partigruppmöte: ⅛ per started hour as well; 1 h 30 min → 2 × 97.75 = 195.50
        ('kind: partigruppmote, attended: "18:00-19:30", for_meeting: 2025-03-24', "195.50"),
    ],
)
def test_fee_by_kind_and_length(
    rules: Rules, event: Callable[[str], Event], fields: str, amount: str
) -> None:
    assert fee(rules, event(fields)) == Decimal(amount)


@pytest.mark.parametrize(
    ("fields", "amount"),
    [
        # 2.2: at least the time in the kallelse. Kallelse 4 h, left after 20 min: 1/1 × 1173
        ('kind: sammantrade, called: "13:00-17:00", attended: "13:00-13:20"', "1173"),
        # served longer than the kallelse: 1 h 20 min > 1 h → 1/1 × 1173
        ('kind: sammantrade, called: "08:00-09:00", attended: "08:00-09:20"', "1173"),
        # uncalled substitute: time served, 40 min → 1/2 × 1173
        ('kind: sammantrade, attended: "15:20-16:00"', "586.50"),
        # förrättning: kallelse 2 h, stayed 30 min → 2 started hours × 97.75 = 195.50
        ('kind: uppdrag, called: "10:00-12:00", attended: "10:00-10:30"', "195.50"),
    ],
)
def test_paid_length_is_at_least_the_kallelse(
    rules: Rules, event: Callable[[str], Event], fields: str, amount: str
) -> None:
    assert fee(rules, event(fields)) == Decimal(amount)


def test_fee_type_and_text(rules: Rules, event: Callable[[str], Event]) -> None:
    meeting = fee_for(
        e := event('kind: sammantrade, called: "13:00-17:00", attended: "13:00-16:10"'),
        rules.kinds[e.kind],
        scheme(rules, rules.kinds[e.kind], e),
        rules.compiled.version(e.date),
    )
    assert meeting.type == "sammantradesersattning"
    assert "kallelse 13:00–17:00" in meeting.text
    assert "ersätts för 4 h (kallelse, 2.2)" in meeting.text
    assert "1/1 × 1 173,00 kr = 1 173,00 kr" in meeting.text
    task = fee_for(
        e := event('kind: uppdrag, attended: "09:00-11:10"'),
        rules.kinds[e.kind],
        scheme(rules, rules.kinds[e.kind], e),
        rules.compiled.version(e.date),
    )
    assert task.type == "forrattningsersattning"
    assert "3 påbörjade timmar: 3 × 1/8 × 782,00 kr = 293,25 kr" in task.text
    assert "tjänstgjord tid" in task.text


def test_fees_are_exact_before_rounding(rules: Rules, event: Callable[[str], Event]) -> None:
    # 5 × 1/8 × 782 = 488.75: exact, no binary fraction
    amount = fee(rules, event('kind: uppdrag, attended: "10:00-14:30"'))
    assert amount == Decimal("488.75")
    assert type(amount) is Decimal


def test_no_rules_in_force_the_day_before(rules: Rules, event: Callable[[str], Event]) -> None:
    early = event('kind: sammantrade, called: "13:00-17:00"', day="2024-12-31")
    with pytest.raises(NoRuleInForceError, match="inga regler gäller 2024-12-31"):
        fee_for(early, rules.kinds["sammantrade"], scheme(rules, rules.kinds["sammantrade"], early),
                rules.compiled.version(early.date))
    first = event('kind: sammantrade, called: "13:00-17:00"', day="2025-01-01")
    assert fee(rules, first) == Decimal("1173")


# ---------------------------------------------------------------- the daily cap
@pytest.mark.parametrize(
    ("amount", "paid_today", "paid", "noted"),
    [
        ("586.50", "0", "586.50", False),  # room 1173
        ("1173", "0", "1173", False),  # exactly the cap
        ("1173", "586.50", "586.50", True),  # 1173 − 586.50 = 586.50 left
        ("195.50", "1173", "0", True),  # nothing left
        ("293.25", "879.75", "293.25", False),  # 879.75 + 293.25 = 1173.00 exactly
        ("97.75", "1100", "73", True),  # 1173 − 1100 = 73
    ],
)
def test_cap_fee(rules: Rules, amount: str, paid_today: str, paid: str, noted: bool) -> None:
    day = FeeDay()
    day.add("2025-03", Decimal(paid_today))
    fee = Fee("forrattningsersattning", Decimal(amount), "avgift", ())
    result, text, _ = day.cap(fee, rules.compiled.version(MARCH), "2025-03")
    assert result == Decimal(paid)
    assert ("dagstak 2.2.1: högst 1 173,00 kr per dag" in str(text)) == noted


def test_cap_is_per_day_in_file_order(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-04, organ: socialnamnden, kind: protokolljustering}
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00"}
          - {date: 2025-03-04, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00"}
          - {date: 2025-03-03, organ: socialnamnden, kind: protokolljustering}
        """
    )
    fees = [(line.event, line.amount) for line in result.lines]
    # 03-03: sammanträde 1173, then protokolljustering 195.50 → 0 (cap 1173)
    # 03-04: protokolljustering 195.50 first (file order), then sammanträde 1173 − 195.50 = 977.50
    assert fees == [
        (1, Decimal("1173.00")),
        (3, Decimal("0.00")),
        (0, Decimal("195.50")),
        (2, Decimal("977.50")),
    ]
    assert "redan ersatt denna dag" in result.lines[3].text


def test_the_cap_counts_sammantraden_and_forrattningar_together(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: utbildning, attended: "08:00-16:00"}
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "17:00-17:45"}
        """
    )
    # utbildning 8 × 97.75 = 782.00; sammanträde ½ × 1173 = 586.50 but only 1173 − 782 = 391.00 left
    assert [line.amount for line in result.lines] == [Decimal("782.00"), Decimal("391.00")]
    assert result.total == Decimal("1173.00")
