"""`arvode bilaga`: Bilaga 1 on a date, the årsarvode table in kronor, and a comparison.

Hand computations (årsarvode 100 % = 1 002 100 kr; a month is 1/12, to öre half up):
KSAPU ledamot 13 % = 130 273,00; / 12 = 10 856,0833 → 10 856,08.
Socialnämnd ordförande 57 % = 571 197,00; / 12 = 47 599,75.
KF vice ordförande 20 % × 17 % = 3,4 % = 34 071,40; / 12 = 2 839,2833 → 2 839,28.
Revisor 3,5 % = 35 073,50; / 12 = 2 922,7917 → 2 922,79.
Gruppledare plats 1: 12,6 % = 126 264,60; / 12 = 10 522,05. Plats 2+: 1,07 % = 10 722,47;
/ 12 = 893,5392 → 893,54.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import Rules, bundled_rules_dir
from arvode.output.bilaga import RoleAmount, bilaga_on
from arvode.rules.omrakning import omrakna

ARVODE = Path(sys.executable).parent / "arvode"
DAY = dt.date(2025, 6, 1)


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def raised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bilaga") / "pitea-2026"
    omrakna(Decimal("3.2"), dt.date(2026, 1, 1), "KSAPU 2025-11-24 § 150", out)
    return out


def test_role_amounts_per_year_and_month(rules: Rules) -> None:
    roles = {r.key: r for r in bilaga_on(rules, DAY).roles}
    expected = {
        "ksapu.ledamot": ("13", "130273.00", "10856.08"),
        "socialnamnden.ordforande": ("57", "571197.00", "47599.75"),
        "kommunfullmaktige.vice_ordforande": ("3.4", "34071.40", "2839.28"),
        "revisionen.revisor": ("3.5", "35073.50", "2922.79"),
        "kommunstyrelsen.ordforande": ("100", "1002100.00", "83508.33"),
    }
    for key, (percent, yearly, monthly) in expected.items():
        role = roles[key]
        assert (role.percent, role.yearly, role.monthly) == (
            Decimal(percent), Decimal(yearly), Decimal(monthly)
        ), key
    vice = roles["kommunfullmaktige.vice_ordforande"]
    assert vice.basis == "20 % av Kommunfullmäktige, ordförande"
    assert vice.level == 4
    assert set(roles) == set(rules.roles)


def test_valnamnd_follows_the_valar(rules: Rules) -> None:
    # 2025 is not a valår: 5 % = 50 105,00. 2026 is: 13 % = 130 273,00, nivå 3.
    def valnamnd(day: dt.date) -> RoleAmount:
        return next(r for r in bilaga_on(rules, day).roles if r.key == "valnamnden.ordforande")

    before, valar = valnamnd(dt.date(2025, 12, 31)), valnamnd(dt.date(2026, 1, 1))
    assert (before.percent, before.yearly, before.level) == (Decimal(5), Decimal("50105.00"), 4)
    assert (valar.percent, valar.yearly, valar.level) == (Decimal(13), Decimal("130273.00"), 3)
    assert valar.basis.startswith("valår 2026")


def test_gruppledararvode_per_seat(rules: Rules) -> None:
    seats = bilaga_on(rules, DAY).seats
    assert [(s.percent, s.yearly, s.monthly) for s in seats] == [
        (Decimal("12.6"), Decimal("126264.60"), Decimal("10522.05")),
        (Decimal("1.07"), Decimal("10722.47"), Decimal("893.54")),
    ]


def test_every_kr_parameter_with_section_and_reference(rules: Rules) -> None:
    amounts = {a.parameter.name: a for a in bilaga_on(rules, DAY).amounts}
    assert set(amounts) == {n for n, p in rules.parameters.items() if p.unit == "kr"}
    assert amounts["sammantradesersattning"].value is not None
    assert amounts["sammantradesersattning"].value.value == Decimal("1173")
    assert amounts["timkostnad_barntillsyn"].value is None
    assert amounts["timkostnad_barntillsyn"].why == "anges inte i regelverket"
    # the amounts 6.5 raises come first
    names = list(amounts)
    assert names[:6] == ["sammantradesersattning", "forrattningsersattning", "maxbelopp",
                         "arsarvode", "grundarvode_per_timme", "timlon_fardtid"]


def test_markdown_through_the_cli() -> None:
    done = arvode("bilaga", "--date", "2025-06-01")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert text.startswith("# Bilaga 1 Uppräknade belopp, i kraft 2025-06-01\n")
    assert (
        "| Sammanträdesersättning, hel | 2.2.1; 6.5 | 1 173 kr | 2025-01-01 | "
        "Bilaga 1, uppräkningsdatum 2024-11-25 | 1 kr |" in text
    )
    assert "| Årsarvode 100 % (kommunalrådsarvode) | 2.3; 6.5 | 1 002 100 kr |" in text
    assert "| Reseersättning till/från och inom sammanträden per km | 5.1 | 2,90 kr |" in text
    assert "| Timkostnad för barntillsyn | 5.2 | – |  | anges inte i regelverket |" in text
    assert (
        "| Arbets- och personalutskott, ledamot | 3 | 13 % |  | 130 273,00 kr | 10 856,08 kr "
        "| 2.3.3 |" in text
    )
    assert "| Plats 2 och uppåt, per plats | 1,07 % | 10 722,47 kr | 893,54 kr | 2.3.6 |" in text


def test_compare_shows_old_new_and_change(raised: Path) -> None:
    # 1173 → 1211: 38 / 1173 = 3,2396 % → +3,24 %. 1 002 100 → 1 034 200: +3,2033 % → +3,20 %.
    # KSAPU ledamot 13 %: 130 273,00 → 134 446,00 (+3,20 %), per month 134 446 / 12 = 11 203,83.
    done = arvode("bilaga", "--rules", raised, "--date", "2026-01-01", "--compare", "2025-12-31")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "i kraft 2026-01-01, jämfört med 2025-12-31" in text
    assert (
        "| Sammanträdesersättning, hel | 2.2.1; 6.5 | 1 173 kr | 1 211 kr | +3,24 % | 2026-01-01 "
        "| KSAPU 2025-11-24 § 150 | 1 kr |" in text
    )
    assert "| 1 002 100 kr | 1 034 200 kr | +3,20 % |" in text
    assert "| 2,90 kr | 2,90 kr | 0,00 % | 2025-01-01 |" in text
    assert (
        "| Arbets- och personalutskott, ledamot | 3 | 13 % |  | 130 273,00 kr | 134 446,00 kr "
        "| +3,20 % | 11 203,83 kr | 2.3.3 |" in text
    )
    # Valnämnd: a valår begins the same day, and the table says so
    assert "| Valnämnd, ordförande | 4 → 3 | 5 % → 13 % |" in text


def test_html_is_a_standalone_escaped_page(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    bilaga = rules / "bilaga1.yaml"
    bilaga.write_text(
        bilaga.read_text(encoding="utf-8").replace(
            "description: Sammanträdesersättning, hel",
            'description: "Sammanträde <script>alert(1)</script> & | rör"',
        ),
        encoding="utf-8",
    )
    done = arvode("bilaga", "--rules", rules, "--date", "2025-06-01", "--format", "html")
    assert done.returncode == 0, done.stderr
    page = done.stdout
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"sv\">")
    assert page.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in page
    assert "<script>" not in page
    assert "Sammanträde &lt;script&gt;alert(1)&lt;/script&gt; &amp; | rör" in page
    assert '<td class="num">130 273,00 kr</td>' in page
    markdown = arvode("bilaga", "--rules", rules, "--date", "2025-06-01").stdout
    assert "| Sammanträde <script>alert(1)</script> & \\| rör |" in markdown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2024-12-31"], "inga regler gäller 2024-12-31"),
        (["--date", "2025-02-30"], "--date"),
        (["--date", "2025-06-01", "--format", "pdf"], "--format"),
        (["--date", "2025-06-01", "--compare", "2024-06-01"], "inga regler gäller 2024-06-01"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    done = arvode("bilaga", *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr
