"""juesuan: read a Chinese department final-accounts report (部门决算公开) into tidy,
traceable tables, check its numbers, draw its seven charts and publish it as HTML.

The data flows down the subpackages: ``read`` (file → Document) → ``extract`` (Document →
tidy tables) → ``check`` (tables → findings) → ``publish`` (figures, pages) → ``run`` (every
report through the notebook, locally or on Dask; the index pages). ``model`` (the Document,
numbers, errors, paths, manifest, atomic writing) and ``reference`` (code lists) are shared by
all. At this level only the entry points: this public API, ``pipeline`` (one report → tables,
used by the API, the CLI and the notebook), ``explore`` (``juesuan.load``, the notebooks' API)
and ``cli``.

For notebooks and scripts::

    import juesuan
    result = juesuan.process("data/raw/2023/report.txt")   # nothing is written
    result.tables["facts"], result.tables["findings"], result.meta
    every = juesuan.load(".")                               # every processed year, stacked
"""

from .model.version import __version__

__all__ = ["__version__", "load", "process"]


def __getattr__(name: str):
    # Lazy: `juesuan report`'s main process imports juesuan without paying for pandas.
    if name == "process":
        from .pipeline import process

        return process
    if name == "load":
        from .explore import load_all

        return load_all
    raise AttributeError(f"module 'juesuan' has no attribute {name!r}")
