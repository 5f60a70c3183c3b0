# Front door. `make report` builds every year's outputs; `make test` runs lint and every test;
# `make test-fast` runs lint and the tests not marked slow (under a minute: the loop while editing).
# All three create the virtual environment (.venv) with pinned versions first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: setup report test test-fast test-slow kernel-bench lint bench audit-bench real-bench hostile-bench unseen-bench system-deps clean lab

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,lab,cluster]'
	touch $@

report: setup
	$(BIN)/juesuan report --all

system-deps:
	bash scripts/install-system-deps.sh

lint: setup
	$(BIN)/ruff check src tests benchmarks

test: setup system-deps lint
	$(BIN)/python -m pytest

# The slow tests alone: browser, LibreOffice, JupyterLab, papermill batches, Dask, many kernels at once.
test-slow: setup system-deps
	$(BIN)/python -m pytest -m slow

# Failure counts of kernel starts: the four-department batch 20 times on Dask and on the local pool.
kernel-bench: setup
	$(BIN)/python benchmarks/kernel_starts.py

# two workers (pytest-xdist), one a core: the tests not marked slow are independent (each in its tmp_path)
test-fast: setup lint
	$(BIN)/python -m pytest -m "not slow" -q -n 2

bench: setup
	$(BIN)/python benchmarks/bench.py

# Plant single-number errors into the reports and count what the checks catch (≈ 30 s).
audit-bench: setup
	$(BIN)/python benchmarks/audit.py

# Each real sample (../shared/samples/real) against its hand-read truth: figures read, errors, defects found;
# what the checks would raise as errors on every real budget, and what they raise (budget_checks.py).
real-bench: setup
	$(BIN)/python benchmarks/real.py
	$(BIN)/python benchmarks/pdf_real.py
	$(BIN)/python benchmarks/budget_checks.py
	$(BIN)/python benchmarks/error_ledger.py

# The extract stage on hostile text: the shipped report with a line that repeats a figure 100–10,000
# times, and brought to each of a document's limits (extract/bounds.py); ≈ 1 min (docs/BENCHMARKS.md).
hostile-bench: setup
	$(BIN)/python benchmarks/hostile.py

# Documents outside the project, each in a folder of its own with a hand-read truth.json (docs/REAL.md):
# `make unseen-bench UNSEEN=/path/to/folder`.
UNSEEN ?= /work/unseen
unseen-bench: setup
	$(BIN)/python benchmarks/unseen.py $(UNSEEN)

clean:
	rm -rf data/processed figures reports

# JupyterLab is in the environment (the `lab` extra); juesuan's commands skip the import that
# made it slow them down (see docs/BENCHMARKS.md, "JupyterLab in the environment").
lab: setup
	cd notebooks && ../$(BIN)/jupyter lab
