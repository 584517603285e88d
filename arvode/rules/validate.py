"""One check of a rules set against what the code reads: for loading and for ``rules check``.

``load_rules`` stops at the first problem (a calculation must not run on a
broken set); ``arvode rules check`` reports every problem so KSAPU can fix them
in one pass. Both call ``validate`` with a different ``report``, so the two can
never disagree. What is checked:

* parameters against their declaration (``rules.declaration``): unit, range
  (percent 0–100, amounts ≥ 0, shares 0–1 unless declared otherwise; a computed
  value in every rules version), choices, and the organs, kinds, line types,
  roles, levels and years they name; a parameter no code or rules data reads is
  refused, with the nearest declared name suggested; a computed value's base
  exists, is in kronor and is not computed from the value itself. A declared
  parameter the set leaves out is a gap, not a problem (``rules check`` lists them);
* fee schemes and lost-income caps (the parameters they name exist, in the
  right unit), organs (``part_of`` exists, no circle), kinds (their schemes,
  the organs of ``fee_by_organ`` and of extra fees, the sammanträde they
  name), roles (organ, percent 0–100, ``derived_from`` and ``includes`` exist,
  no circle of derivations, level), levels (bounds that follow each other
  without gap or overlap, kinds they include), added line types (not one of
  the contract's) and pay codes (known line types).

Messages are in Swedish: KSAPU's secretary reads them.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from arvode.base.errors import ArvodeError, Location, RulesError
from arvode.base.money import format_number
from arvode.base.period import check_year
from arvode.rules.catalogue import Placed, organ_chain
from arvode.rules.declaration import AVSNITT, SPECS, Spec

if TYPE_CHECKING:
    from arvode.rules.load import Rules
    from arvode.rules.params import DatedValue

__all__ = ["ELECTION_ROLES", "LINE_TYPES", "validate"]

Report = Callable[[ArvodeError], None]

#: Line types a payment line can have (the claim contract's, and återkrav of 6.4).
LINE_TYPES = frozenset({
    "sammantradesersattning", "forrattningsersattning", "forlorad_arbetsinkomst",
    "forlorad_semesterersattning", "forlorad_semesterdag", "forlorad_pensionsforman", "arsarvode",
    "gruppledararvode", "franvaroavdrag", "sjuklon", "foraldraersattning", "valforrattning", "reseersattning",
    "fardtidsersattning", "traktamente", "barntillsyn", "vard_och_tillsyn", "funktionsnedsattning",
    "ovriga_kostnader", "aterkrav",
})
ELECTION_ROLES = frozenset({"ordforande", "vice_ordforande", "valforrattare", "rostmottagare"})


def _at(place: Placed, path: str, field: str | None = None) -> Location:
    file, line = place.at(field)
    return Location(file, line or None, f"{path}.{field}" if field else path)


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    if isinstance(value, Decimal | int):
        return Decimal(value)
    return None


def _shown(value: Decimal) -> str:
    return format_number(value)


def _check_value(spec: Spec, value: DatedValue[Any], names: Mapping[str, Iterable[Any]], report: Report) -> None:
    where = Location(value.file, value.line or None,
                     f"parameters.{spec.name}.values.{value.valid_from.isoformat()}.value")
    number = _number(value.value)
    if number is not None and (
        (spec.low is not None and number < spec.low) or (spec.high is not None and number > spec.high)
    ):
            bounds = f"{_shown(spec.low) if spec.low is not None else '−∞'}–" \
                     f"{_shown(spec.high) if spec.high is not None else '∞'}"
            report(RulesError(f"{_shown(number)} ligger utanför det tillåtna {bounds} ({spec.unit})", where))
    if spec.choices and value.value not in spec.choices:
        report(RulesError(f"okänt val {value.value!r} (giltiga: {', '.join(sorted(spec.choices))})", where))
    if spec.names is not None:
        items = value.value if isinstance(value.value, tuple) else (value.value,)
        known = set(names[spec.names])
        what = {"organ": "organ", "kind": "typ av möte", "line_type": "radtyp", "election_role": "valroll",
                "level": "nivå", "year": "år", "role": "uppdrag"}[spec.names]
        for item in items:
            if spec.names == "year":
                try:
                    check_year(int(item))
                except ValueError as exc:
                    report(RulesError(str(exc), where))
            elif item not in known:
                report(RulesError(f"{item!r} är ingen känd {what} (kända: {', '.join(sorted(map(str, known)))})",
                                  where))


def _avsnitt(rules: Rules, report: Report) -> None:
    given = rules.meta.get("avsnitt")
    if given is None:
        return
    where = Location(str(rules.directory), None, "meta.avsnitt")
    if not isinstance(given, Mapping):
        report(RulesError(f"meta.avsnitt ska vara en mappning ({', '.join(AVSNITT)}: avsnitt)", where))
        return
    for check, section in given.items():
        if check not in AVSNITT:
            report(RulesError(f"meta.avsnitt: {check!r} är ingen kontroll (en av {', '.join(AVSNITT)})", where))
        elif not isinstance(section, str) or not section.strip():
            report(RulesError(f"meta.avsnitt.{check}: ange avsnittet som text, t.ex. \"6.1\"", where))


def _parameters(rules: Rules, names: Mapping[str, Iterable[Any]], report: Report) -> None:
    _avsnitt(rules, report)
    gaps = rules.meta.get("gaps") or {}
    directory = str(rules.directory)
    if not isinstance(gaps, Mapping):
        report(RulesError("meta.gaps ska vara en mappning: parameterns namn och skälet att den saknas",
                          Location(directory, None, "meta.gaps")))
        gaps = {}
    for name in gaps:
        if name not in SPECS:
            close = difflib.get_close_matches(str(name), list(SPECS), n=1)
            hint = f"; menade du {close[0]}?" if close else ""
            report(RulesError(f"meta.gaps: {name!r} är ingen parameter som arvode läser{hint}",
                              Location(directory, None, f"meta.gaps.{name}")))
        elif name in rules.parameters:
            report(RulesError(f"meta.gaps: {name} står både som lucka och som parameter",
                              Location(directory, None, f"meta.gaps.{name}")))
    for name, spec in SPECS.items():
        parameter = rules.parameters.get(name)
        if parameter is None:
            if name not in gaps:
                report(RulesError(
                    f"saknas: arvode läser {name} ({spec.unit}); lägg till den med datum, värde och referens, "
                    "eller skriv den under meta.gaps med skälet om källan inte ger den",
                    Location(directory, None, f"parameters.{name}")))
            continue
        if parameter.unit and parameter.unit != spec.unit:
            report(RulesError(f"enheten ska vara {spec.unit}, inte {parameter.unit}",
                              Location(parameter.file, parameter.line or None, f"parameters.{name}.unit")))
            continue
        for value in parameter.values:
            _check_value(spec, value, names, report)


#: The range of a parameter only rules data reads, by the unit its user needs.
_RANGE = {"fraction": (Decimal(0), None), "hours": (Decimal(0), Decimal(24)), "kr": (Decimal(0), None)}


def _unread(rules: Rules, names: Mapping[str, Iterable[Any]], referenced: Mapping[str, tuple[str, str]],
            report: Report) -> None:
    """Parameters beyond the declaration: each must be named by rules data, in the unit its user needs."""
    for name, parameter in rules.parameters.items():
        if name in SPECS:
            continue
        user = referenced.get(name)
        where = Location(parameter.file, parameter.line or None, f"parameters.{name}")
        if user is None:
            close = difflib.get_close_matches(name, list(SPECS), n=1)
            hint = f"; menade du {close[0]}?" if close else ""
            report(RulesError(f"okänd parameter: ingen kod och inget i regeldata läser den{hint}", where))
            continue
        by, unit = user
        if parameter.unit and parameter.unit != unit:
            report(RulesError(f"{by} använder den med enheten {unit}, inte {parameter.unit}", where))
            continue
        low, high = _RANGE.get(unit, (None, None))
        for value in parameter.values:
            _check_value(Spec(name, unit, low, high), value, names, report)


def _formulas(rules: Rules, referenced: dict[str, tuple[str, str]], report: Report) -> None:
    """A computed value names an amount in kronor, not itself; its results keep their parameter's range."""
    for name, parameter in rules.parameters.items():
        for value in parameter.values:
            if value.formula is None:
                continue
            where = Location(value.file, value.line or None,
                             f"parameters.{name}.values.{value.valid_from.isoformat()}.of")
            base = value.formula.of
            referenced.setdefault(base, (f"parameters.{name}", "kr"))
            if base not in rules.parameters and base not in SPECS:
                report(RulesError(f"of {base!r} är ingen parameter i regelsamlingen", where))
                continue
            found = rules.parameters.get(base)
            if found is not None and found.unit and found.unit != "kr":
                report(RulesError(f"of {base!r} har enheten {found.unit}; bara belopp i kr kan räknas om", where))
    edges = {name: {v.formula.of for v in parameter.values if v.formula is not None}
             for name, parameter in rules.parameters.items()}
    for cycle in _cycles({k: set(v) for k, v in edges.items()}):
        first = rules.parameters[cycle[0]]
        report(RulesError(f"räknas fram ur sig själv ({' → '.join(cycle)})",
                          Location(first.file, first.line or None, f"parameters.{cycle[0]}")))
    # A computed amount in kronor must stay in its declared range in every version.
    for version in rules.compiled.versions:
        for name, spec in SPECS.items():
            resolved = version.values.get(name)
            if resolved is not None and resolved.given and resolved.formula is not None:
                _check_value(spec, resolved, {}, report)


def _schemes(rules: Rules, known: _Known, referenced: dict[str, tuple[str, str]], report: Report) -> None:
    """The parameters each fee scheme and lost-income cap names, and the schemes each kind names."""
    sections = (("fee_schemes", rules.fee_schemes), ("lost_income_caps", rules.lost_income_caps))
    for section, schemes in sections:
        for key, scheme in schemes.items():
            for name, unit in scheme.parameters.items():
                file, line = scheme.place.at(scheme.fields_naming(name))
                where = Location(file, line or None, f"{section}.{key}")
                referenced.setdefault(name, (f"{section}.{key}", unit))
                if name not in rules.parameters and name not in SPECS:
                    report(RulesError(f"anger parametern {name!r}, som regelsamlingen inte har", where))
                    continue
                spec = SPECS.get(name)
                declared = spec.unit if spec is not None else unit
                if declared != unit:
                    report(RulesError(f"{name!r} används som {unit} men är {declared}", where))
    for kind in rules.kinds.values():
        path = f"kinds.{kind.key}"
        if kind.fee not in rules.fee_schemes:
            report(RulesError(f"fee {kind.fee!r} är ingen arvodesmodell i fee_schemes ("
                              f"{', '.join(sorted(rules.fee_schemes)) or 'inga'})", _at(kind.place, path, "fee")))
        for organ, named in kind.fee_by_organ.items():
            if organ not in known.organs:
                report(RulesError(f"fee_by_organ anger organet {organ!r}, som inte finns",
                                  _at(kind.place, path, "fee_by_organ")))
            if named not in rules.fee_schemes:
                report(RulesError(f"fee_by_organ anger {named!r}, som ingen arvodesmodell heter",
                                  _at(kind.place, path, "fee_by_organ")))
        if kind.lost_income_cap not in rules.lost_income_caps:
            report(RulesError(f"lost_income_cap {kind.lost_income_cap!r} finns inte i lost_income_caps ("
                              f"{', '.join(sorted(rules.lost_income_caps)) or 'inga'})",
                              _at(kind.place, path, "lost_income_cap")))
        for extra in kind.extra_fees:
            where = _at(kind.place, path, "extra_fees")
            if extra.type not in line_types_of(rules):
                report(RulesError(f"extra_fees: {extra.type!r} är ingen radtyp (lägg till den under line_types)",
                                  where))
            for organ in extra.organs:
                if organ not in known.organs:
                    report(RulesError(f"extra_fees anger organet {organ!r}, som inte finns", where))
            for name in extra.amount.names:
                referenced.setdefault(name, (path, "kr" if name == extra.amount.of else "fraction"))
                if name not in rules.parameters and name not in SPECS:
                    report(RulesError(f"extra_fees anger parametern {name!r}, som regelsamlingen inte har", where))
    for key, line_type in rules.line_types.items():
        if key in LINE_TYPES:
            report(RulesError(f"{key!r} är redan en radtyp i rapportformatet",
                              Location(str(rules.directory), None, f"line_types.{key}")))
        del line_type


def line_types_of(rules: Rules) -> frozenset[str]:
    """The contract's line types and those the set adds."""
    return LINE_TYPES | frozenset(rules.line_types)


@attrs.frozen
class _Known:
    """The keys each section defines."""

    organs: set[str]
    kinds: set[str]
    roles: set[str]
    levels: set[int]


def _organs(rules: Rules, known: _Known, report: Report) -> None:
    for organ in rules.organs.values():
        if organ.part_of is None:
            continue
        where = _at(organ.place, f"organs.{organ.key}", "part_of")
        if organ.part_of not in known.organs:
            report(RulesError(f"part_of {organ.part_of!r} är inget organ i regelsamlingen", where))
        elif organ.part_of in rules.organs and rules.organs[organ_chain(rules.organs, organ.key)[-1]].part_of \
                is not None:
            report(RulesError("part_of går runt i en cirkel", where))


def _kinds(rules: Rules, known: _Known, report: Report) -> None:
    for kind in rules.kinds.values():
        meeting = kind.one_per_meeting_of
        if meeting is not None and (meeting.organ not in known.organs or meeting.kind not in known.kinds):
            report(RulesError(f"one_per_meeting_of anger {meeting.organ}/{meeting.kind}, som inte är organ och typ "
                              "i regelsamlingen", _at(kind.place, f"kinds.{kind.key}", "one_per_meeting_of")))


def _percent(value: Decimal | None, what: str, where: Location, report: Report,
             high: Decimal = Decimal(100)) -> None:
    if value is not None and not Decimal(0) <= value <= high:
        report(RulesError(f"{what} {_shown(value)} ligger utanför 0–{_shown(high)} %", where))


#: A role's percent of the årsarvode base: a kommunalråd may be 125 % of a heltid base, so a
#: role may exceed 100 %, but two whole bases is beyond any rule seen (and catches 1000 for 10,00).
_ROLE_PERCENT_HIGH = Decimal(200)


def _roles(rules: Rules, known: _Known, report: Report) -> None:
    for key, role in rules.roles.items():
        if role.organ not in known.organs:
            report(RulesError(f"organet {role.organ!r} finns inte i regelsamlingen",
                              _at(role.place, f"roles.{key}", "organ")))
        if role.no_fee_at is not None:
            for organ in role.no_fee_at.organs:
                if organ not in known.organs:
                    report(RulesError(f"organet {organ!r} finns inte i regelsamlingen",
                                      _at(role.place, f"roles.{key}", "no_fee_at")))
            for kind in role.no_fee_at.kinds:
                if kind not in known.kinds:
                    report(RulesError(f"typen av möte {kind!r} finns inte i regelsamlingen",
                                      _at(role.place, f"roles.{key}", "no_fee_at")))
        for terms in role.terms:
            where = Location(terms.file, terms.line or None, f"roles.{key}.values.{terms.valid_from.isoformat()}")
            _percent(terms.percent, "procent", where, report, _ROLE_PERCENT_HIGH)
            _percent(terms.share_of_derived, "andel", where, report)
            if terms.yearly_kr is not None and terms.yearly_kr <= 0:
                report(RulesError(f"yearly_kr {_shown(terms.yearly_kr)} ska vara ett positivt belopp i kronor", where))
            _percent(terms.election_year_percent, "procent valår", where, report)
            for step in terms.by_seats:
                _percent(step.percent, "procent", where, report)
            if terms.derived_from is not None and terms.derived_from not in known.roles:
                report(RulesError(f"derived_from {terms.derived_from!r} är inget uppdrag i regelsamlingen", where))
            for included in terms.includes:
                if included not in known.roles:
                    report(RulesError(f"includes {included!r} är inget uppdrag i regelsamlingen", where))
            for level in (terms.level, terms.election_year_level):
                if known.levels and level is not None and level not in known.levels:
                    levels = ", ".join(map(str, sorted(known.levels)))
                    report(RulesError(f"okänd nivå {level} (nivåer: {levels})", where))
    edges = {key: {t.derived_from for t in role.terms if t.derived_from in rules.roles}
             for key, role in rules.roles.items()}
    for cycle in _cycles(edges):
        first = rules.roles[cycle[0]].terms[0]
        report(RulesError(
            f"derived_from går runt i en cirkel ({' → '.join(cycle)}): 2.3.5 behöver en ordförande med "
            "egen procentsats", Location(first.file, first.line or None, f"roles.{cycle[0]}")))


def _cycles(edges: Mapping[str, set[str | None]]) -> list[list[str]]:
    """Each cycle of the derivation graph once (depth-first, sorted for a stable report)."""
    state: dict[str, bool] = {}  # False: on the current path; True: done
    cycles: list[list[str]] = []

    def visit(key: str, path: list[str]) -> None:
        state[key] = False
        path.append(key)
        for target in sorted(t for t in edges.get(key, set()) if t is not None):
            if state.get(target) is False:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, path)
        path.pop()
        state[key] = True

    for key in sorted(edges):
        if key not in state:
            visit(key, [])
    return cycles


def _levels(rules: Rules, known: _Known, report: Report) -> None:
    """2.3.1–2.3.4: the levels' bounds must follow each other from 0 % up, without gap or overlap."""
    ordered = sorted(rules.levels.values(), key=lambda level: level.above_percent)
    for index, level in enumerate(ordered):
        path = f"levels.{level.number}"
        _percent(level.above_percent, "above_percent", _at(level.place, path, "above_percent"), report)
        _percent(level.up_to_percent, "up_to_percent", _at(level.place, path, "up_to_percent"), report)
        if level.up_to_percent is not None and level.up_to_percent <= level.above_percent:
            report(RulesError("up_to_percent måste vara större än above_percent",
                              _at(level.place, path, "up_to_percent")))
        if index == 0 and (level.above_percent != 0 or level.from_inclusive):
            report(RulesError(f"den lägsta nivån börjar över {_shown(level.above_percent)} %: arvoden under det "
                              "hör inte till någon nivå (ska börja över 0)", _at(level.place, path, "above_percent")))
        if index + 1 < len(ordered):
            above = ordered[index + 1]
            if level.up_to_percent is None:
                report(RulesError(f"saknar up_to_percent men nivå {above.number} ligger över den",
                                  _at(level.place, path)))
            elif level.up_to_percent != above.above_percent or level.up_to_inclusive == above.from_inclusive:
                gap = "glapp" if level.up_to_percent < above.above_percent or (
                    level.up_to_percent == above.above_percent and not level.up_to_inclusive) else "överlapp"
                ends = "slutar vid" if level.up_to_inclusive else "slutar under"
                starts = "börjar vid" if above.from_inclusive else "börjar över"
                report(RulesError(
                    f"{gap} mot nivå {above.number}: denna {ends} {_shown(level.up_to_percent)} %, nivå "
                    f"{above.number} {starts} {_shown(above.above_percent)} %", _at(level.place, path,
                                                                                   "up_to_percent")))
        elif level.up_to_percent is not None:
            report(RulesError(f"den högsta nivån slutar vid {_shown(level.up_to_percent)} %: arvoden över det hör "
                              "inte till någon nivå (lämna up_to_percent tom)", _at(level.place, path,
                                                                                   "up_to_percent")))
        for inclusion in level.includes:
            if inclusion.kind not in known.kinds:
                report(RulesError(f"includes anger typen {inclusion.kind!r}, som inte finns",
                                  _at(level.place, path, "includes")))


def _pay_codes(rules: Rules, report: Report) -> None:
    known = line_types_of(rules)
    for type_, code in rules.pay_codes.items():
        if type_ not in known:
            close = difflib.get_close_matches(type_, sorted(known), n=1)
            hint = f"; menade du {close[0]}?" if close else ""
            report(RulesError(f"{type_!r} är ingen radtyp{hint}", _at(code.place, f"pay_codes.{type_}")))


def validate(rules: Rules, report: Report, defined: Mapping[str, Iterable[Any]] | None = None) -> None:
    """Every cross-check of ``rules``; ``report`` raises (loading) or collects (``rules check``).

    ``defined`` gives the keys each section defines, also those whose entry did not
    parse (``rules check``), so a role is not reported again for naming an organ whose
    own fields were wrong.
    """
    keys = defined or {}
    known = _Known(
        organs=set(keys.get("organs", rules.organs)), kinds=set(keys.get("kinds", rules.kinds)),
        roles=set(keys.get("roles", rules.roles)), levels=set(keys.get("levels", rules.levels)),
    )
    referenced: dict[str, tuple[str, str]] = {}
    names: dict[str, Iterable[Any]] = {
        "organ": known.organs, "kind": known.kinds, "line_type": line_types_of(rules),
        "election_role": ELECTION_ROLES, "level": known.levels, "year": (), "role": known.roles,
    }
    _parameters(rules, names, report)
    _formulas(rules, referenced, report)
    _schemes(rules, known, referenced, report)
    _organs(rules, known, report)
    _kinds(rules, known, report)
    _roles(rules, known, report)
    _levels(rules, known, report)
    _pay_codes(rules, report)
    misspelt = any(name not in rules.parameters and name not in SPECS for name in referenced)
    if not misspelt:  # a name the data misspells leaves the real one unread: one problem, reported above
        _unread(rules, names, referenced, report)


def first_problem(error: ArvodeError) -> None:
    """The ``report`` of ``load_rules``: stop at the first problem."""
    raise error

