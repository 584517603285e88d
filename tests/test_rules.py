"""arvode.rules.load: a rules folder loaded and checked as one (the bundled Piteå set)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from strategies import FORRATTNINGAR, SAMMANTRADEN

from arvode import Rules, RulesError, bundled_rules_dir, load_rules
from arvode.rules.belopp import Amount
from arvode.rules.catalogue import MeetingOf
from arvode.rules.declaration import SPECS

# claim-format.md, "Piteå keys"
ORGANS = {
    "kommunfullmaktige",
    "kommunstyrelsen",
    "ksapu",
    "socialnamnden",
    "barn_och_utbildningsnamnden",
    "samhallsbyggnadsnamnden",
    "kultur_och_fritidsnamnden",
    "miljo_och_tillsynsnamnden",
    "fastighets_och_servicenamnden",
    "gemensam_raddningsnamnd",
    "gemensam_overformyndarnamnd",
    "gemensam_kost_och_servicenamnd",
    "valnamnden",
    "revisionen",
}


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_rules_load(rules: Rules) -> None:
    assert rules.name == "pitea"
    assert rules.directory == bundled_rules_dir()
    # every parameter arvode reads is given, or deliberately left out under meta.gaps
    assert set(rules.parameters) | set(rules.meta["gaps"]) >= set(SPECS)


def test_bundled_rules_dir_holds_yaml() -> None:
    folder = bundled_rules_dir()
    assert folder.is_dir()
    assert any(folder.glob("*.yaml"))


def test_the_organs_of_the_claim_format(rules: Rules) -> None:
    assert set(rules.organs) >= ORGANS
    for key in ORGANS:
        assert rules.organs[key].valid_from == dt.date(2025, 1, 1)
        assert rules.organs[key].within_municipality


def test_the_kinds_of_the_claim_format(rules: Rules) -> None:
    for key in SAMMANTRADEN:
        kind = rules.kinds[key]
        # 2.2.1 ½ up to one hour, 1/1 over; 2.2.2 the same shares of maxbelopp
        assert (kind.category, kind.fee, kind.lost_income_cap) == (
            "sammantrade",
            "efter_langd",
            "efter_langd",
        )
    for key in FORRATTNINGAR:
        assert rules.kinds[key].category == "forrattning"
    assert rules.kinds["valforrattning"].category == "valforrattning"


def test_how_the_forrattningar_are_priced(rules: Rules) -> None:
    justering = rules.kinds["protokolljustering"]
    # 2.2.1 ¼ förrättningsersättning; 2.2.2 ¼ maxbelopp; no time needed
    assert (justering.fee, justering.lost_income_cap) == ("protokolljustering", "protokolljustering")
    fee, cap = rules.fee_schemes[justering.fee], rules.lost_income_caps[justering.lost_income_cap]
    assert (fee.unit, fee.amount) == ("fast", Amount("forrattningsersattning", "protokolljustering.andel"))
    assert (cap.unit, cap.amount) == ("fast", Amount("maxbelopp", "forlorad_arbetsinkomst.andel_protokolljustering"))
    assert not justering.needs_time
    parti = rules.kinds["partigruppmote"]
    # 2.2.1 ⅛ per started hour; 2.2.2 1/1 maxbelopp; 2.1.2 at most one per KF sammanträde
    assert (parti.fee, parti.lost_income_cap, parti.one_per_meeting_of) == (
        "per_paborjad_timme",
        "hel",
        MeetingOf("kommunfullmaktige", "sammantrade"),
    )
    for key in set(FORRATTNINGAR) - {"protokolljustering", "partigruppmote"}:
        kind = rules.kinds[key]
        assert (kind.fee, kind.lost_income_cap, kind.one_per_meeting_of) == (
            "per_paborjad_timme",
            "efter_langd",
            None,
        )


def test_no_company_is_an_organ(rules: Rules) -> None:
    # claim-format.md: an organ outside the municipality is refused unless a rules set adds it
    assert not any("bolag" in key or "region" in key for key in rules.organs)


def test_unknown_parameter_is_a_rules_error(rules: Rules) -> None:
    with pytest.raises(RulesError, match="ingen parameter 'sammantradesarsattning'"):
        rules.value("sammantradesarsattning", dt.date(2025, 3, 1))


# ---------------------------------------------------------------- other folders
def test_load_rules_from_a_copy(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    rules = load_rules(folder)
    assert rules.directory == folder
    assert rules.value("maxbelopp", dt.date(2025, 1, 1)).value == 3360


def test_a_new_dated_value_in_a_copy_applies_from_its_day(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    bilaga = folder / "bilaga1.yaml"
    text = bilaga.read_text(encoding="utf-8")
    line = re.search(r'^( +)2025-01-01: \{value: "1173", .*$', text, re.MULTILINE)
    assert line is not None
    new = f'{line.group(1)}2026-01-01: {{value: "1200", reference: "KSAPU test"}}'
    bilaga.write_text(text.replace(line.group(0), line.group(0) + "\n" + new), encoding="utf-8")
    rules = load_rules(folder)
    assert rules.value("sammantradesersattning", dt.date(2025, 12, 31)).value == 1173
    assert rules.value("sammantradesersattning", dt.date(2026, 1, 1)).value == 1200


def test_not_a_folder(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="inte en mapp med regler"):
        load_rules(tmp_path / "nowhere")


def test_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"inga \*\.yaml-filer"):
        load_rules(tmp_path)


def test_a_float_amount_is_located(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    bilaga = folder / "bilaga1.yaml"
    edit(bilaga, '{value: "782",', "{value: 782.0,")
    line = next(
        i
        for i, text in enumerate(bilaga.read_text(encoding="utf-8").splitlines(), start=1)
        if "782.0" in text
    )
    with pytest.raises(RulesError) as info:
        load_rules(folder)
    field = "parameters.forrattningsersattning.values.2025-01-01.value"
    assert str(info.value).startswith(f"{bilaga}:{line}: {field}: 782.0 är ett flyttal")


def test_an_unknown_section_is_located(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "zz-extra.yaml").write_text("meta:\n  name: x\nparametrar: {}\n", encoding="utf-8")
    with pytest.raises(RulesError) as info:
        load_rules(folder)
    assert str(info.value).startswith(f"{folder / 'zz-extra.yaml'}:3: parametrar: okänt avsnitt")


def test_a_parameter_defined_twice_across_files(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    (folder / "zz-extra.yaml").write_text(
        "parameters:\n"
        "  maxbelopp:\n"
        "    description: again\n"
        "    section: '2.2.2'\n"
        "    unit: kr\n"
        "    values: {2025-01-01: {value: '1', reference: x}}\n",
        encoding="utf-8",
    )
    with pytest.raises(
        RulesError, match=r"zz-extra\.yaml:3: parameters\.maxbelopp: definierad två gånger \(först i "
    ):
        load_rules(folder)


def test_a_missing_required_parameter(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    # Rename the daily cap so the set no longer defines it.
    edit(folder / "parametrar.yaml", "  dagstak.andel:", "  dagstak.andelen:")
    with pytest.raises(RulesError, match=r"parameters\.dagstak\.andel: saknas: arvode läser dagstak\.andel"):
        load_rules(folder)


def test_a_kind_naming_an_unknown_parameter(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    edit(
        folder / "moten.yaml",
        "amount: {share: protokolljustering.andel, of: forrattningsersattning}",
        "amount: {share: protokolljustering.andelen, of: forrattningsersattning}",
    )
    with pytest.raises(
        RulesError, match=r"fee_schemes\.protokolljustering: anger parametern 'protokolljustering.andelen'"
    ):
        load_rules(folder)


def test_ksapu_is_part_of_kommunstyrelsen(rules: Rules) -> None:
    assert rules.organs["ksapu"].part_of == "kommunstyrelsen"
    assert rules.organs["kommunstyrelsen"].part_of is None


def test_part_of_an_unknown_organ_is_located(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder / "organ.yaml", "part_of: kommunstyrelsen", "part_of: styrelsen")
    with pytest.raises(RulesError, match=r"organ\.yaml:\d+: organs\.ksapu\.part_of: part_of 'styrelsen' är inget organ"):
        load_rules(folder)


def test_part_of_in_a_circle_is_refused(tmp_path: Path) -> None:
    folder = copy_rules(tmp_path)
    edit(folder / "organ.yaml",
         'kommunstyrelsen: {name: Kommunstyrelsen, from: 2025-01-01, reference: "2.1.1"}',
         'kommunstyrelsen: {name: Kommunstyrelsen, from: 2025-01-01, reference: "2.1.1", part_of: ksapu}')
    with pytest.raises(RulesError, match="part_of går runt i en cirkel"):
        load_rules(folder)
