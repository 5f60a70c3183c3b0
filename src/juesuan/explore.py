"""Every processed report in one place, for ad-hoc work in JupyterLab."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .pipeline import load_processed
from .publish.summary import key_figures


def load_all(root: str | Path = ".") -> dict[str, pd.DataFrame]:
    """Each tidy table of every report under data/processed/<year>/<department>/, stacked, with
    year, department (its name) and folder columns; plus ``keys``, the key figures of every report."""
    stacked: dict[str, list[pd.DataFrame]] = {}
    for folder in sorted((Path(root) / "data" / "processed").glob("[0-9][0-9][0-9][0-9]/*")):
        if not (folder / "meta.json").exists():
            continue
        tables, meta = load_processed(folder)
        tables["keys"] = key_figures(tables)
        for name, frame in tables.items():
            stacked.setdefault(name, []).append(frame.assign(year=meta["year"], department=meta["department"],
                                                                   folder=folder.name))
    return {name: pd.concat(frames, ignore_index=True) for name, frames in stacked.items()}
