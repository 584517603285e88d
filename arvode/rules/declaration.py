"""Every rules parameter the engine reads, declared once: name, unit, range, what it names.

A rules set is data that KSAPU edits; a typo, a deleted value or a percent of
100 000 must be found when the set is loaded, never when the first sick claim
arrives or as a wrong payment. This module is the one place that says which
parameters exist for the code, and ``ParameterTable`` is the code's view of
them on one day: one typed field per parameter (``table.maxbelopp.value``), so
pricing reads fields, not names by string, and mypy checks every read.

``rules.validate`` checks a set against ``SPECS`` (present, unit, range,
choices, names that must exist); ``rules.compiled`` builds one table per rules
version (the dates on which any value changes).

Every parameter may be left out of a set, or listed with no values
(``values: {}``): a municipality's set gives what its sources say (one gives no
timkostnad for barntillsyn, another no lost-income caps).
The table then holds a ``Missing`` that refuses the claim needing it, naming
it; a rule that simply does not exist in a municipality (a deadline, a
threshold) is one the code asks ``.given`` about first. A set leaves a
parameter out only by listing it under ``meta.gaps`` with the reason, so a
deleted line is still found; ``arvode rules check`` lists every gap.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from arvode.rules.params import DatedValue

__all__ = ["AVSNITT", "FIELD_OF", "NAMES", "SPECS", "ParameterTable", "Spec"]

#: What a parameter's values may name; ``rules.validate`` checks that each exists.
NAMES = frozenset({"organ", "kind", "line_type", "election_role", "level", "year", "role"})


@attrs.frozen
class Spec:
    """What the code expects of one parameter."""

    name: str
    unit: str
    low: Decimal | None = None
    high: Decimal | None = None
    choices: frozenset[str] = frozenset()
    names: str | None = None


#: Default ranges by unit; a spec may narrow or widen them.
_DEFAULT_RANGE: dict[str, tuple[Decimal | None, Decimal | None]] = {
    "kr": (Decimal(0), None),
    "percent": (Decimal(0), Decimal(100)),
    "fraction": (Decimal(0), Decimal(1)),
    "hours": (Decimal(0), Decimal(24)),
    "km": (Decimal(0), Decimal(10_000)),
    "days": (Decimal(0), Decimal(3660)),
    "months": (Decimal(0), Decimal(120)),
    "years": (Decimal(0), Decimal(100)),
    "count": (Decimal(0), Decimal(1000)),
}


def _p(
    name: str,
    unit: str,
    *,
    low: str | int | None = "default",
    high: str | int | None = "default",
    choices: tuple[str, ...] = (),
    names: str | None = None,
) -> Any:
    """A table field declaring one parameter (its metadata is the ``Spec``)."""
    default_low, default_high = _DEFAULT_RANGE.get(unit, (None, None))
    spec = Spec(
        name=name,
        unit=unit,
        low=default_low if low == "default" else (None if low is None else Decimal(low)),
        high=default_high if high == "default" else (None if high is None else Decimal(high)),
        choices=frozenset(choices),
        names=names,
    )
    return attrs.field(metadata={"spec": spec})


_ROUNDING = "rounding"


@attrs.frozen(slots=True)
class ParameterTable:
    """The parameters in force over one rules version (a range of days), one field each.

    Fields are named after the parameter with ``.`` as ``_``; each holds the
    ``DatedValue`` in force (value, date, reference), so a line can trace it.
    """

    # -- Bilaga 1 amounts and basbelopp -----------------------------------------------
    sammantradesersattning: DatedValue[Decimal] = _p("sammantradesersattning", "kr")
    forrattningsersattning: DatedValue[Decimal] = _p("forrattningsersattning", "kr")
    maxbelopp: DatedValue[Decimal] = _p("maxbelopp", "kr")
    arsarvode: DatedValue[Decimal] = _p("arsarvode", "kr")
    grundarvode_per_timme: DatedValue[Decimal] = _p("grundarvode_per_timme", "kr")
    timlon_fardtid: DatedValue[Decimal] = _p("timlon_fardtid", "kr")
    reseersattning_per_km: DatedValue[Decimal] = _p("reseersattning_per_km", "kr")
    traktamente_heldag: DatedValue[Decimal] = _p("traktamente_heldag", "kr")
    prisbasbelopp: DatedValue[Decimal] = _p("prisbasbelopp", "kr")
    inkomstbasbelopp: DatedValue[Decimal] = _p("inkomstbasbelopp", "kr")
    avrundning: DatedValue[str] = _p("avrundning", _ROUNDING)
    omrakning_avrundning: DatedValue[str] = _p("omrakning.avrundning", _ROUNDING)

    # -- 2.2.1 sammanträden och förrättningar (the schemes themselves are rules data) ---
    #: Which time a meeting is paid for: at least the kallelse, or the time attended.
    motestid: DatedValue[str] = _p("motestid", "choice", choices=("kallelse_minst", "narvaro"))
    #: Several fee-bearing events on one day: one day cap for all (2.2.1), or each on its own.
    flera_sammantraden_samma_dag: DatedValue[str] = _p(
        "flera_sammantraden_samma_dag", "choice", choices=("dagstak", "var_for_sig"))
    dagstak_andel: DatedValue[Fraction] = _p("dagstak.andel", "fraction")
    #: A substitute not serving but specially called (2.1.1): paid as serving, or as a substitute.
    sarskilt_kallad: DatedValue[str] = _p("sarskilt_kallad", "choice", choices=("som_tjanstgorande", "som_ersattare"))
    #: A substitute present but not serving: the percent of the fee paid when the fee is
    #: among the line types ``kostnader.ersattare_ej_tjanstgorande`` pays, and its rounding.
    ersattare_ej_tjanstgorande_arvode_procent: DatedValue[Decimal] = _p(
        "ersattare_ej_tjanstgorande.arvode_procent", "percent")
    ersattare_ej_tjanstgorande_avrundning_steg: DatedValue[Decimal] = _p(
        "ersattare_ej_tjanstgorande.avrundning_steg", "kr", low="0.01")

    # -- 2.2.2 förlorad arbetsinkomst, 3.2, 4.2 ---------------------------------------
    #: How a shown loss of unknown size is valued (2.2.2): a day's share of the yearly income.
    forlorad_arbetsinkomst_schablon: DatedValue[str] = _p(
        "forlorad_arbetsinkomst.schablon", "choice", choices=("arsinkomst_per_dag",))
    forlorad_arbetsinkomst_dagstak_andel: DatedValue[Fraction] = _p(
        "forlorad_arbetsinkomst.dagstak_andel", "fraction", high=10)
    forlorad_arbetsinkomst_arsinkomst_delare_dagar: DatedValue[int] = _p(
        "forlorad_arbetsinkomst.arsinkomst_delare_dagar", "days", low=1, high=366)
    forlorad_arbetsinkomst_timmar_per_dag: DatedValue[Decimal] = _p(
        "forlorad_arbetsinkomst.timmar_per_dag", "hours", low=1)
    forlorad_semesterersattning_procent: DatedValue[Decimal] = _p("forlorad_semesterersattning.procent", "percent")
    forlorad_pensionsforman_procent: DatedValue[Decimal] = _p("forlorad_pensionsforman.procent", "percent")
    forlorad_pensionsforman_over_grans_inkomstbasbelopp: DatedValue[Fraction] = _p(
        "forlorad_pensionsforman.over_grans.inkomstbasbelopp", "fraction", high=100)
    forlorad_pensionsforman_over_grans_hogst_procent: DatedValue[Decimal] = _p(
        "forlorad_pensionsforman.over_grans.hogst_procent", "percent")
    forlorad_pensionsforman_over_grans_avdrag_schablon: DatedValue[bool] = _p(
        "forlorad_pensionsforman.over_grans.avdrag_schablon", "bool")
    forlorad_pensionsforman_over_grans_ansokan_manader: DatedValue[int] = _p(
        "forlorad_pensionsforman.over_grans.ansokan_manader", "months", low=1, high=12)
    forlorad_semesterdag_timmar_per_dag: DatedValue[Decimal] = _p("forlorad_semesterdag.timmar_per_dag", "hours",
                                                                  low=1)
    forlorad_semesterdag_arsinkomst_delare_dagar: DatedValue[int] = _p(
        "forlorad_semesterdag.arsinkomst_delare_dagar", "days", low=1, high=366)
    forlorad_semesterdag_tak_andel: DatedValue[Fraction] = _p("forlorad_semesterdag.tak_andel", "fraction", high=10)
    forlorad_semesterdag_ej_pa_ledig_tid: DatedValue[bool] = _p("forlorad_semesterdag.ej_pa_ledig_tid", "bool")

    # -- 2.2.3 valförrättning ---------------------------------------------------------
    valforrattning_procent_ordforande: DatedValue[Decimal] = _p("valforrattning.procent.ordforande", "percent",
                                                                high=300)
    valforrattning_procent_vice_ordforande: DatedValue[Decimal] = _p(
        "valforrattning.procent.vice_ordforande", "percent", high=300)
    valforrattning_procent_valforrattare: DatedValue[Decimal] = _p(
        "valforrattning.procent.valforrattare", "percent", high=300)
    valforrattning_procent_rostmottagare: DatedValue[Decimal] = _p(
        "valforrattning.procent.rostmottagare", "percent", high=300)
    valforrattning_helgtillagg_procent: DatedValue[Decimal] = _p("valforrattning.helgtillagg_procent", "percent")
    valforrattning_helgtillagg_multiplikativt: DatedValue[bool] = _p(
        "valforrattning.helgtillagg_multiplikativt", "bool")
    valforrattning_aftnar_som_rod_dag: DatedValue[bool] = _p("valforrattning.aftnar_som_rod_dag", "bool")
    valforrattning_forberedelse_roller: DatedValue[tuple[str, ...]] = _p(
        "valforrattning.forberedelse_roller", "kind_list", names="election_role")
    valforrattning_forberedelse_timmar: DatedValue[Decimal] = _p("valforrattning.forberedelse_timmar", "hours")
    valforrattning_utbildning_timmar: DatedValue[Decimal] = _p("valforrattning.utbildning_timmar", "hours")
    valforrattning_utbildning_med_rollprocent: DatedValue[bool] = _p(
        "valforrattning.utbildning_med_rollprocent", "bool")
    valforrattning_tillagg_pa_schablontimmar: DatedValue[bool] = _p(
        "valforrattning.tillagg_pa_schablontimmar", "bool")

    # -- 2.3 årsarvode, 3.5–3.7, 6.3 --------------------------------------------------
    valar: DatedValue[tuple[int, ...]] = _p("valar", "year_list", names="year")
    gruppledararvode_forsta_platsen_procent: DatedValue[Decimal] = _p(
        "gruppledararvode.forsta_platsen_procent", "percent")
    gruppledararvode_ovriga_platser_procent: DatedValue[Decimal] = _p(
        "gruppledararvode.ovriga_platser_procent", "percent")
    gruppledararvode_ingar: DatedValue[tuple[str, ...]] = _p("gruppledararvode.ingar", "kind_list", names="kind")
    #: Roles the cap on the sum of årsarvoden (``sarskilt_beslut.tak_procent``) does not apply to.
    arsarvode_tak_undantag: DatedValue[tuple[str, ...]] = _p("arsarvode.tak_undantag", "kind_list", names="role")
    arsarvode_tolftedel: DatedValue[Fraction] = _p("arsarvode.tolftedel", "fraction", low="0.001")
    arsarvode_tolftedelar_metod: DatedValue[str] = _p(
        "arsarvode.tolftedelar_metod", "choice", choices=("sista_manaden_justeras", "kumulativ"))
    sarskilt_beslut_niva: DatedValue[int] = _p("sarskilt_beslut.niva", "count", names="level")
    sarskilt_beslut_minst_procent: DatedValue[Decimal] = _p("sarskilt_beslut.minst_procent", "percent")
    sarskilt_beslut_tak_procent: DatedValue[Decimal] = _p("sarskilt_beslut.tak_procent", "percent")
    sarskilt_beslut_tak_utan_beslut: DatedValue[bool] = _p("sarskilt_beslut.tak_utan_beslut", "bool")
    sarskilt_beslut_betalas_under_minst: DatedValue[bool] = _p("sarskilt_beslut.betalas_under_minst", "bool")
    sarskilt_beslut_galler_medan: DatedValue[str] = _p(
        "sarskilt_beslut.galler_medan", "choice", choices=("samtliga_uppdrag_innehas", "beslutets_period"))
    franvaro_grans_dagar: DatedValue[int] = _p("franvaro.grans_dagar", "days", high=366)
    franvaro_avdrag_fran_dag: DatedValue[int] = _p("franvaro.avdrag_fran_dag", "days", low=1, high=366)
    sjuklon_nivaer: DatedValue[tuple[int, ...]] = _p("sjuklon.nivaer", "year_list", names="level")
    sjuklon_fran_forsta_dagen: DatedValue[bool] = _p("sjuklon.fran_forsta_dagen", "bool")
    sjuklon_karensdagar: DatedValue[int] = _p("sjuklon.karensdagar", "days", high=30)
    sjuklon_forsta_steget_till_dag: DatedValue[int] = _p("sjuklon.forsta_steget_till_dag", "days", high=366)
    sjuklon_forsta_steget_procent: DatedValue[Decimal] = _p("sjuklon.forsta_steget_procent", "percent")
    sjuklon_andra_steget_till_dag: DatedValue[int] = _p("sjuklon.andra_steget_till_dag", "days", high=366)
    sjuklon_andra_steget_procent: DatedValue[Decimal] = _p("sjuklon.andra_steget_procent", "percent")
    foraldraledighet_fran_forsta_dagen: DatedValue[bool] = _p("foraldraledighet.fran_forsta_dagen", "bool")
    foraldraledighet_tillagg_procent: DatedValue[Decimal] = _p("foraldraledighet.tillagg_procent", "percent")
    foraldraledighet_tillagg_dagar: DatedValue[int] = _p("foraldraledighet.tillagg_dagar", "days")
    kostnadsbarare_gruppledararvode: DatedValue[str] = _p("kostnadsbarare.gruppledararvode", "choice",
                                                          names="organ")
    kostnadsbarare_valforrattning: DatedValue[str] = _p("kostnadsbarare.valforrattning", "choice", names="organ")

    # -- 4.1 pension, 6.4 ---------------------------------------------------------------
    pension_avgift_under_grans_procent: DatedValue[Decimal] = _p("pension.avgift_under_grans_procent", "percent")
    pension_avgift_over_grans_procent: DatedValue[Decimal] = _p("pension.avgift_over_grans_procent", "percent")
    pension_grans_inkomstbasbelopp: DatedValue[Fraction] = _p("pension.grans_inkomstbasbelopp", "fraction",
                                                              high=100)
    pension_kontant_grans_procent_av_ibb: DatedValue[Decimal] = _p("pension.kontant_grans_procent_av_ibb",
                                                                   "percent")
    pension_engangsbelopp_hogst_procent_av_ibb: DatedValue[Decimal] = _p(
        "pension.engangsbelopp_hogst_procent_av_ibb", "percent", high=1000)
    pension_pensionsgrundande_typer: DatedValue[tuple[str, ...]] = _p(
        "pension.pensionsgrundande_typer", "kind_list", names="line_type")
    aterbetalning_hogst_manader: DatedValue[int] = _p("aterbetalning.hogst_manader", "months", low=1, high=12)

    # -- 5 kostnader, 3.2 b -------------------------------------------------------------
    kostnader_ersattare_ej_tjanstgorande: DatedValue[tuple[str, ...]] = _p(
        "kostnader.ersattare_ej_tjanstgorande", "kind_list", names="line_type")
    kostnader_valforrattning: DatedValue[tuple[str, ...]] = _p("kostnader.valforrattning", "kind_list",
                                                                names="line_type")
    reseersattning_grans_km: DatedValue[Decimal] = _p("reseersattning.grans_km", "km", high=1000)
    fardtid_kraver_avstandsgrans: DatedValue[bool] = _p("fardtid.kraver_avstandsgrans", "bool")
    traktamente_dagar_per_handelse: DatedValue[int] = _p("traktamente.dagar_per_handelse", "count", low=1, high=31)
    traktamente_halvdag_procent: DatedValue[Decimal] = _p("traktamente.halvdag_procent", "percent")
    traktamente_maltid_frukost_procent: DatedValue[Decimal] = _p("traktamente.maltid.frukost_procent", "percent")
    traktamente_maltid_lunch_procent: DatedValue[Decimal] = _p("traktamente.maltid.lunch_procent", "percent")
    traktamente_maltid_middag_procent: DatedValue[Decimal] = _p("traktamente.maltid.middag_procent", "percent")
    traktamente_maltid_avrundning_steg: DatedValue[Decimal] = _p("traktamente.maltid.avrundning_steg", "kr",
                                                                 low="0.01")
    tillsyn_overlapp_vid_belopp: DatedValue[str] = _p(
        "tillsyn.overlapp_vid_belopp", "choice", choices=("hela", "motets_langd"))
    funktionsnedsattning_basbelopp_antal: DatedValue[Fraction] = _p(
        "funktionsnedsattning.basbelopp_antal", "fraction", high=100)
    funktionsnedsattning_delare_dagar: DatedValue[int] = _p("funktionsnedsattning.delare_dagar", "days", low=1,
                                                            high=366)
    ovriga_kostnader_kraver_godkannande: DatedValue[bool] = _p("ovriga_kostnader.kraver_godkannande", "bool")

    # -- 6.1 / 6.2 and plausibility -----------------------------------------------------
    rapportering_manader: DatedValue[int] = _p("rapportering.manader", "months", low=1)
    rapportering_semester_manader: DatedValue[int] = _p("rapportering.semester_manader", "months", low=1)
    rimlighet_timmar_per_dag: DatedValue[Decimal] = _p("rimlighet.timmar_per_dag", "hours", low=1)
    rimlighet_forlorade_timmar_per_dag: DatedValue[Decimal] = _p("rimlighet.forlorade_timmar_per_dag", "hours",
                                                                 low=1)
    rimlighet_tillsynstimmar_per_dag: DatedValue[Decimal] = _p("rimlighet.tillsynstimmar_per_dag", "hours", low=1)
    rimlighet_km_per_dag: DatedValue[Decimal] = _p("rimlighet.km_per_dag", "km", low=1)
    rimlighet_semesterdagar_per_handelse: DatedValue[int] = _p("rimlighet.semesterdagar_per_handelse", "count",
                                                               high=366)
    rimlighet_belopp_per_post: DatedValue[Decimal] = _p("rimlighet.belopp_per_post", "kr", low=1)

    # -- amounts a set may leave out (refused when a claim needs them) ------------------
    timkostnad_barntillsyn: DatedValue[Decimal] = _p("timkostnad_barntillsyn", "kr")
    timkostnad_vard_och_tillsyn: DatedValue[Decimal] = _p("timkostnad_vard_och_tillsyn", "kr")


#: Parameter name → its spec, in declaration order.
SPECS: dict[str, Spec] = {f.metadata["spec"].name: f.metadata["spec"] for f in attrs.fields(ParameterTable)}
#: Parameter name → the table's field name.
FIELD_OF: dict[str, str] = {f.metadata["spec"].name: f.name for f in attrs.fields(ParameterTable)}


#: The checks that cite a section of the set's own (``meta.avsnitt``), each with what a refusal
#: names when the set gives none.
AVSNITT = {
    "rapportering": "inlämning",
    "rimlighet": "rimlighet",
    "annan_betalare": "annan betalare",
}
