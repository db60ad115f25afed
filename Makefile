# Two commands for a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint bench ratios load stress national campaign schema clean

# Two stamps: running needs requirements.txt only; the test tools (requirements-dev.txt, which
# includes requirements.txt) come with the targets that test, lint or measure.
$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(BIN)/.installed
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

test: $(BIN)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(BIN)/.installed-dev
	$(BIN)/ruff check .

bench: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks

ratios: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.ratios

load: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.load

stress: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.stress --sessions $(or $(SESSIONS),8)

# 100,000 versions across 100 organisations on PostgreSQL (a throwaway server, or the database
# in BENCH_DATABASE_URL, which it empties); the figures go into benchmarks/results.md.
national: $(BIN)/.installed-dev
	$(BIN)/python -m benchmarks.national --write

# The full bad-input campaign (tests/test_bad_input.py, test_bad_xlsx.py, test_limits.py): more
# generated cases, every extreme case on every page, the worst accepted case and its memory.
campaign: $(BIN)/.installed
	CAMPAIGN=full $(BIN)/python -m pytest tests/test_bad_input.py tests/test_bad_xlsx.py \
		tests/test_limits.py -p no:randomly -n 0

schema: $(BIN)/.installed
	$(BIN)/python -m calculators schema > sample_data/scenario.schema.json

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
