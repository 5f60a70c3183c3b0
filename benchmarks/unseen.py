"""Real documents the project was not built on, each against a truth read by hand (never by juesuan).

The documents are not part of the project (they come from public repositories: docs/REAL.md names
each one's repository, path and commit); they sit in a folder of their own, one folder per document
with its truth.json (format: docs/REAL.md, "Unseen documents"). Usage:

    python benchmarks/unseen.py [FOLDER]        # default $JUESUAN_UNSEEN or /work/unseen

Prints, per document: identity read (kind, year, department against the truth), refused or not,
hand-read figures found on their page (any record juesuan made there holds the value, in the
truth's unit or converted), errors raised and the checks' coverage. The errors are listed to be
read on the page. Run it with another checkout's src first on PYTHONPATH to score that version
(a first reading is the version before any change made for the document)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from hand_read import score  # noqa: E402


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("JUESUAN_UNSEEN", "/work/unseen"))
    folders = sorted(p.parent for p in root.glob("*/truth.json"))
    if not folders:
        print(f"no unseen documents under {root} (one folder per document with truth.json)")
        return
    print("| document | identity (kind, year, department) | figures on their page | errors (explained by a defect) "
          "| material defects said | wording defects said | warnings | time |")
    print("|---|---|---|---|---|---|---|---|")
    details = []
    for folder in folders:
        r = score(folder)
        if r["refused"]:
            print(f"| {r['slug']} | refused: {r['refused']} | 0 / {r['figures']} | — | — | — | — | {r['time']:.1f} s |")
            continue
        ident = "right" if r["identity_right"] else f"read {r['kind'][0]}, {r['year'][0]}, {r['department'][0]}"
        print(f"| {r['slug']} | {ident} | {r['read']} / {r['figures']} | {len(r['errors'])} ({r['explained']}) "
              f"| {r['material_said']} / {r['material']} | {r['text_said']} / {r['text']} | {r['warnings']} "
              f"| {r['time']:.1f} s |")
        details.append(r)
    for r in details:
        print(f"\n{r['slug']}: missed {len(r['missed'])}")
        for m in r["missed"]:
            print("   ", m)
        for e in r["errors"]:
            print("  error:", e)


if __name__ == "__main__":
    main()
