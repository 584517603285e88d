"""Rules that pass loading and pay nonsense are refused at load, located (issue #11, item 4).

Each case used to load (and pass ``arvode rules check``) and then paid nonsense
or crashed later: a role of 100 000 %, a negative sammanträdesersättning, a gap
between level bounds, a share of 150 %, a mistyped choice (a traceback at the
first claim), a cost bearer that is no organ, a deleted parameter (found only
when a sick claim arrived), a circle of derivations (RecursionError in
``check``). ``load_rules`` and ``rules check`` share one validator, so both
refuse each one at the same place.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from arvode import RulesError, bundled_rules_dir, check_rules, load_rules

ARVODE = Path(sys.executable).parent / "arvode"
CLAIM = Path(__file__).resolve().parent.parent / "examples" / "01-ledamot-dagstak.yaml"


def planted(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, int]:
    """A copy of the bundled rules with ``old`` replaced by ``new`` once; the line it stands on."""
    rules = tmp_path / "regler"
    shutil.copytree(bundled_rules_dir(), rules)
    path = rules / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules, line


CASES = [
    ("roller.yaml", '{percent: "17", level: 3, reference: "2.3.3"}', '{percent: "100000", level: 3, reference: "2.3.3"}',
     "roller.yaml:{line}: roles.kommunfullmaktige.ordforande.values.2025-01-01: procent 100000 ligger utanför 0–200 %"),
    ("bilaga1.yaml", '2025-01-01: {value: "1173"', '2025-01-01: {value: "-1173"',
     "bilaga1.yaml:{line}: parameters.sammantradesersattning.values.2025-01-01.value: -1173 ligger utanför "
     "det tillåtna 0–∞ (kr)"),
    ("nivaer.yaml", 'above_percent: "40"\n    up_to_percent: "75"', 'above_percent: "40"\n    up_to_percent: "70"',
     "nivaer.yaml:{next}: levels.2.up_to_percent: glapp mot nivå 1: denna slutar vid 70 %, nivå 1 börjar över 75 %"),
    ("nivaer.yaml", 'above_percent: "7"\n    up_to_percent: "40"', 'above_percent: "7"\n    up_to_percent: "45"',
     "nivaer.yaml:{next}: levels.3.up_to_percent: överlapp mot nivå 2: denna slutar vid 45 %, nivå 2 börjar över 40 %"),
    ("parametrar.yaml", '2025-01-01:\n        value: "1/1"\n        reference: "2.2.1"\n        note: >-\n'
     '          Gäller per förtroendevald', '2025-01-01:\n        value: "3/2"\n        reference: "2.2.1"\n        note: >-\n'
     '          Gäller per förtroendevald',
     "parametrar.yaml:{next}: parameters.dagstak.andel.values.2025-01-01.value: 1,5 ligger utanför det tillåtna 0–1 "
     "(fraction)"),
    ("arsarvode.yaml", "value: sista_manaden_justeras", "value: sista_manaden",
     "parameters.arsarvode.tolftedelar_metod.values.2025-01-01.value: okänt val 'sista_manaden' (giltiga: kumulativ, "
     "sista_manaden_justeras)"),
    ("arsarvode.yaml", "  arsarvode.tolftedelar_metod:", "  arsarvode.tolftedelar_metd:",
     "parameters.arsarvode.tolftedelar_metod: saknas: arvode läser arsarvode.tolftedelar_metod (choice)"),
    ("kostnadsbarare.yaml", "value: valnamnden", "value: valnamden",
     "parameters.kostnadsbarare.valforrattning.values.2025-01-01.value: 'valnamden' är ingen känd organ"),
    ("arsarvode.yaml", "  sjuklon.karensdagar:", "  sjuklon.karensdagar_bort:",
     "parameters.sjuklon.karensdagar: saknas: arvode läser sjuklon.karensdagar (days)"),
    ("roller.yaml", '2025-01-01: {percent: "17", level: 3, reference: "2.3.3"}',
     '2025-01-01: {derived_from: kommunfullmaktige.vice_ordforande, share: "20", level: 3, reference: "2.3.3"}',
     "roles.kommunfullmaktige.ordforande: derived_from går runt i en cirkel"),
]


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES,
                         ids=["percent-100000", "negative-amount", "level-gap", "level-overlap", "share-150",
                              "choice-typo", "name-typo", "cost-bearer", "deleted", "circle"])
def test_nonsense_rules_are_refused_where_they_stand(tmp_path: Path, file: str, old: str, new: str,
                                                     expected: str) -> None:
    rules, line = planted(tmp_path, file, old, new)
    wanted = expected.format(line=line, next=line + 1)
    problems = [str(p) for p in check_rules(rules).problems]
    assert any(wanted in p for p in problems), problems
    with pytest.raises(RulesError):
        load_rules(rules)
    done = subprocess.run([str(ARVODE), "check", "--rules", str(rules), str(CLAIM)], capture_output=True,
                          text=True, check=False, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_parameter_nothing_reads_is_named_with_the_nearest(tmp_path: Path) -> None:
    rules, line = planted(tmp_path, "parametrar.yaml", "  dagstak.andel:", "  dagstak.andelen:")
    problems = [str(p) for p in check_rules(rules).problems]
    assert any(f"parametrar.yaml:{line + 1}: parameters.dagstak.andelen: okänd parameter: ingen kod och inget i "
               "regeldata läser den; menade du dagstak.andel?" in p for p in problems), problems


def test_the_bundled_rules_pass() -> None:
    assert check_rules(bundled_rules_dir()).ok
