"""A real PDF read by juesuan against pdfplumber's text + tables over the same pages (issue #21:
"≤ 1.0× the time of pdfplumber's text + tables"; #22: the same for a budget). Every PDF of the
Shanghai final accounts and of the budgets; best of 3 for each. Times are the process's CPU time
(both readers run on one thread): on a machine shared with other work, wall time measures the load
more than the reader. The two runs are taken in turn, so a burst of load falls on both. Prints a
Markdown table."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from real_samples import BUDGET, SHANGHAI  # noqa: E402

from juesuan.read import read_document  # noqa: E402


def timed(run) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def main(times: int = 3) -> None:
    import pypdfium2

    print("| PDF | pages | juesuan | pdfplumber text + tables | ratio |")
    print("|---|---|---|---|---|")
    worst = 0.0
    for path in sorted(SHANGHAI.glob("*.pdf")) + sorted(BUDGET.glob("*.pdf")):
        pages = len(pypdfium2.PdfDocument(path))
        ours, theirs = [], []
        for _ in range(times):  # in turn: a burst of load on the machine falls on both
            ours.append(timed(lambda p=path: read_document(p)))
            theirs.append(timed(lambda p=path: plumber(p)))
        ratio = min(ours) / min(theirs)
        worst = max(worst, ratio)
        print(f"| {path.parent.name}/{path.name} | {pages} | {min(ours):.2f} s | {min(theirs):.2f} s | {ratio:.2f}× |",
              flush=True)
    print(f"\nworst ratio {worst:.2f}×")


if __name__ == "__main__":
    main()
