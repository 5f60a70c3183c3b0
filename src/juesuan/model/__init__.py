"""The shared model every stage speaks: the Document, numbers, errors, a report's paths, its manifest.
Enters: nothing of the package (it imports no stage). Leaves: the types and helpers every stage imports.

``document`` (the Document every reader produces), ``numbers`` (amounts, percents, units),
``errors`` (ReportError), ``layout`` (a report's key and every path derived from it),
``manifest`` (manifest.json: what a raw file is), ``outputs`` (writing so that a failed run never
replaces good ones; CSV serialisation), ``version``. Imported by every stage; imports none.
"""
