"""The ledger of errors (tests/fixtures/error_ledger.json): every error juesuan raises on every real
document we hold, read on the page and marked real (the truth's defect it is) or false (what was
misread). A new error fails here until someone reads it and marks it: an error against a department is
never raised unreviewed. `python benchmarks/error_ledger.py` prints the ledger per document and, with
``--add``, writes the new errors in with an empty verdict for review."""

import pytest
from real_samples import ERROR_LEDGER, SHANGHAI, ledger, raised_errors, real_documents

pytestmark = [pytest.mark.skipif(not SHANGHAI.exists(), reason="the real samples (../shared) are not beside the repo"),
              pytest.mark.slow]


def test_the_ledger_is_read():
    entries = ledger().values()
    assert entries, ERROR_LEDGER
    assert all(e["verdict"] in ("real", "false") and e["why"].strip() for e in entries), \
        [e["key"] for e in entries if e["verdict"] not in ("real", "false") or not e["why"].strip()]


def test_every_error_on_a_real_document_is_in_the_ledger():
    known = ledger()
    new = [e for name, path, tables in real_documents() for e in raised_errors(name, path, tables)
           if e["key"] not in known]
    assert not new, "errors not in the ledger (read each on its page, mark it): " + "; ".join(
        f"{e['key']}: {e['message'][:80]}" for e in new)
