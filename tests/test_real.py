"""Real published disclosures (../shared/samples/real) against their hand-read truth. The bounds are
the figures measured when this was written (docs/REAL.md): a change that reads fewer figures, raises
an error the truth does not explain or misses a material defect fails here."""

import json

import pytest
from real_samples import PINGTAN_TRUTH, SHANGHAI, pingtan_files, score_pingtan, score_shanghai

pytestmark = pytest.mark.skipif(not SHANGHAI.exists(), reason="the real samples (../shared) are not beside the repo")


@pytest.mark.parametrize(("name", "least"), [("上海市普陀区财政局2024年度部门决算.pdf", 83),
                                             ("中共上海市普陀区委社会工作部2024年度部门决算.pdf", 48)])
def test_shanghai_figures_read_and_only_true_errors(name, least):
    r = score_shanghai(name)
    assert r["read"] >= least, r["missed"]
    assert r["errors"] == r["explained"], "an error the truth does not explain"
    assert r["material_found"] == r["material"]
    assert r["meta"]["department"] in name and r["meta"]["year"] == 2024
    assert r["meta"]["coverage"]["checks_run"] > 0


def test_pingtan_pages_read_with_year_and_their_figures():
    truth = json.loads(PINGTAN_TRUTH.read_text(encoding="utf-8"))
    scores = [score_pingtan(p, truth) for p in pingtan_files()]
    accounts = [s for s in scores if s["kind"] == "部门决算"]
    assert all(s["read"] and s["year_ok"] for s in accounts)
    hits, figures = sum(s["hits"] for s in accounts), sum(s["figures"] for s in accounts)
    assert hits / figures >= 0.80
    unexplained = sum(s["errors"] - s["explained"] for s in accounts)
    assert unexplained <= 2  # measured: 2 (公安局 2015 "增长下降21%", 白青乡 2015 31.04% vs 31.06%)


def test_a_budget_is_refused_saying_what_it_is(tmp_path):
    from juesuan.cli import main

    budget = SHANGHAI.parent / "budget" / "上海市普陀区商务委员会2025年部门预算.pdf"
    assert main(["check", str(budget)]) == 2
