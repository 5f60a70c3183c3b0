"""`juesuan add` on 100 downloaded files, against reading their identities alone (issue 29;
docs/BENCHMARKS.md). The files are copies of the real samples (../shared/samples) under names a
site gives (W0202….pdf, download (3).txt) with bytes of their own (a few spaces appended), made in a
temporary folder: 90 web pages as text and 10 PDFs. Prints the seconds of each and their ratio,
and of the second `add` of the same pile (nothing written: a file already filed is only hashed;
one left out — most copies are of a department and year already filed: a conflict — is read again).

    PYTHONPATH=src python benchmarks/add.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from real_samples import REAL  # noqa: E402 — where the samples are (../shared/samples/real)

from juesuan.ingest.filing import add  # noqa: E402
from juesuan.pipeline import identify_file  # noqa: E402

COUNT, PDFS, ROUNDS = 100, 10, 3


def pile(folder: Path) -> list[Path]:
    """COUNT files: text pages and PDFs of the samples, each with a name and bytes of its own."""
    texts = sorted((REAL / "pingtan").glob("*.txt")) + [REAL.parent / "education_2022.txt"]
    pdfs = sorted((REAL / "budget").glob("上海市*.pdf")) + sorted((REAL / "shanghai").glob("上海市*.pdf"))
    out = []
    for i in range(COUNT):
        source = pdfs[i % len(pdfs)] if i < PDFS else texts[i % len(texts)]
        name = f"W02024{i:04d}{source.suffix}" if i % 3 else f"download ({i}){source.suffix}"
        dest = folder / name
        dest.write_bytes(source.read_bytes() + b" " * (i + 1))  # other bytes: not a duplicate
        out.append(dest)
    return out


def main() -> None:
    if not REAL.is_dir():
        sys.exit(f"no samples at {REAL}")
    identify_file(REAL.parent / "education_2022.txt")  # imports and reference tables loaded once, for both
    reading, adding, again = [], [], []
    for _ in range(ROUNDS):
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "downloads").mkdir()
            files = pile(Path(tmp) / "downloads")
            start = time.perf_counter()
            for path in files:
                identify_file(path)
            reading.append(time.perf_counter() - start)
            raw = Path(tmp) / "project" / "data" / "raw"
            start = time.perf_counter()
            result, _ = add([Path(tmp) / "downloads"], raw)
            adding.append(time.perf_counter() - start)
            start = time.perf_counter()
            second, _ = add([Path(tmp) / "downloads"], raw)
            again.append(time.perf_counter() - start)
            assert not second.writes
    outcome = Counter(s.status for s in result.steps)
    r, a, g = statistics.median(reading), statistics.median(adding), statistics.median(again)
    print(f"{COUNT} files ({COUNT - PDFS} text, {PDFS} PDF), median of {ROUNDS} rounds; "
          f"{', '.join(f'{n} {k}' for k, n in sorted(outcome.items()))}; {len(result.writes)} folders")
    print(f"identities alone: {r:.2f} s")
    print(f"juesuan add:      {a:.2f} s  (ratio {a / r:.2f})")
    print(f"add again:        {g:.2f} s  (nothing written: the files filed are only hashed, the others read again)")


if __name__ == "__main__":
    main()
