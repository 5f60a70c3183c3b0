"""Each real sample against its hand-read truth (tests/real_samples.py): figures read / in the truth,
errors raised, errors the truth explains, material defects found, time. Prints a Markdown table."""

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from real_samples import (  # noqa: E402
    PINGTAN_TRUTH,
    budget_truths,
    heldout_budget_truths,
    pingtan_files,
    score_budget,
    score_pingtan,
    score_shanghai,
)

print("| sample | figures read / mapped | errors | explained by truth | material found | likely material said "
      "| rounding said (warnings) | wording said | time |")
print("|---|---|---|---|---|---|---|---|---|")
for name in ("上海市普陀区财政局2024年度部门决算.pdf", "中共上海市普陀区委社会工作部2024年度部门决算.pdf",
             "上海市普陀区规划和自然资源局2024年度部门决算.pdf"):
    start = time.perf_counter()
    r = score_shanghai(name)
    print(f"| {name} | {r['read']} / {r['mapped']} (of {r['figures']}) | {r['errors']} | {r['explained']} | "
          f"{r['material_found']} / {r['material']} | {r['likely_said']} / {r['likely']} | "
          f"{r['rounding_found']} / {r['rounding']} | "
          f"{r['text_found']} / {r['text']} | "
          f"{time.perf_counter() - start:.1f} s |")
truth = json.loads(PINGTAN_TRUTH.read_text(encoding="utf-8"))
start = time.perf_counter()
scores = [score_pingtan(p, truth) for p in pingtan_files()]
read = [s for s in scores if s["read"]]
hits, figures = sum(s["hits"] for s in read), sum(s["figures"] for s in read)
errors, explained = sum(s["errors"] for s in read), sum(s["explained"] for s in read)
lines, line_hits = sum(s["functions"] for s in read), sum(s["function_hits"] for s in read)
refused = [s["file"] for s in scores if not s["read"]]
print(f"| 平潭 web texts ({len(read)} read, {len(refused)} refused; 功能分类 项 {line_hits} / {lines}) | "
      f"{hits} / {figures} | {errors} | "
      f"{explained} | — | — | — | — | {time.perf_counter() - start:.1f} s |")
print()
print("| budget | figures read by meaning / in the truth | by value on its page | errors (explained by truth) "
      "| truth's defects said | warnings | time |")
print("|---|---|---|---|---|---|---|")
for held_out, truths in ((False, budget_truths()), (True, heldout_budget_truths())):
    for name, truth in truths.items():
        start = time.perf_counter()
        r = score_budget(name, truth)
        print(f"| {name}{' (held out)' if held_out else ''} | {r['read_meaning']} / {r['figures']} | "
              f"{r['read']} / {r['figures']} | {r['errors']} ({r['explained']}) | {r['defects_said']} / {r['defects']} | "
              f"{r['warnings']} | {time.perf_counter() - start:.1f} s |")
