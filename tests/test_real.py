"""Real published disclosures (../shared/samples/real) against their hand-read truth. The bounds are
the figures measured when this was written (docs/REAL.md): a change that reads fewer figures, raises
an error the truth does not explain or misses a material defect fails here."""

import json

import pytest
from real_samples import PINGTAN_TRUTH, SHANGHAI, pingtan_files, score_pingtan, score_shanghai

pytestmark = pytest.mark.skipif(not SHANGHAI.exists(), reason="the real samples (../shared) are not beside the repo")


@pytest.mark.parametrize(("name", "least", "rounding"), [("上海市普陀区财政局2024年度部门决算.pdf", 109, 5),
                                                         ("中共上海市普陀区委社会工作部2024年度部门决算.pdf", 81, 2)])
def test_shanghai_figures_read_and_only_true_errors(name, least, rounding):
    r = score_shanghai(name)
    assert r["read"] == r["mapped"] >= least, r["missed"]
    assert r["rounding_found"] >= rounding, r["rounding_missed"]  # said as warnings, never errors
    assert r["errors"] == r["explained"], "an error the truth does not explain"
    assert r["material_found"] == r["material"]
    assert r["meta"]["department"] in name and r["meta"]["year"] == 2024
    assert r["meta"]["coverage"]["checks_run"] > 0


def test_pingtan_pages_read_with_year_department_and_their_figures():
    """Every page, the 批复 notices too: year and department right, nine figures in ten of the hand-read
    truth, and no error that the truth does not explain."""
    truth = json.loads(PINGTAN_TRUTH.read_text(encoding="utf-8"))
    scores = [score_pingtan(p, truth) for p in pingtan_files()]
    assert all(s["read"] and s["year_ok"] for s in scores), [s["file"] for s in scores if not s.get("year_ok")]
    assert all(s["department"] for s in scores)
    hits, figures = sum(s["hits"] for s in scores), sum(s["figures"] for s in scores)
    assert hits / figures >= 0.90, (hits, figures)
    assert sum(s["errors"] for s in scores) == sum(s["explained"] for s in scores)


def test_a_budget_is_refused_saying_what_it_is(tmp_path):
    from juesuan.cli import main

    budget = SHANGHAI.parent / "budget" / "上海市普陀区商务委员会2025年部门预算.pdf"
    assert main(["check", str(budget)]) == 2
