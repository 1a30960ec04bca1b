# The two commands a new user runs (see README): `make report` and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup report test clean

# torch first, pinned: left to itself pip would pick a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev,int8,plots]'
	touch $(STAMP)

setup: $(STAMP)

# Main job: train both models on the embedded corpus, evaluate them, print and save the report.
report: $(STAMP)
	$(BIN)/newsstance evaluate --output runs/report

test: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) runs
