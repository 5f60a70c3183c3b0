"""A real PDF read by juesuan against pdfplumber's text + tables over the same pages (issue #21:
"≤ 1.0× the time of pdfplumber's text + tables"). Best of 3 for each; prints a Markdown table."""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from real_samples import SHANGHAI  # noqa: E402

from juesuan.read import read_document  # noqa: E402


def best(run, times: int = 3) -> float:
    out = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return min(out)


def plumber(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


print("| PDF | pages | juesuan read_document | pdfplumber text + tables | ratio |")
print("|---|---|---|---|---|")
for path in sorted(SHANGHAI.glob("*.pdf")):
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(path))
    ours, theirs = best(lambda p=path: read_document(p)), best(lambda p=path: plumber(p))
    print(f"| {path.name} | {pages} | {ours:.2f} s | {theirs:.2f} s | {ours / theirs:.2f}× |")
