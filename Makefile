# Two commands do all set-up: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?=
TIER ?= S

.PHONY: run test bench clean browser-deps deck-deps calc-deps node-deps

# The stamp files make both targets fast when nothing changed.
$(VENV)/.stamp-run: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.stamp-test: pyproject.toml $(VENV)/.stamp-run
	$(BIN)/pip install -q -e '.[test]'
	touch $@

run: $(VENV)/.stamp-run
	KASKADE_DATA="$(DATA)" $(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501 --server.headless true --browser.gatherUsageStats false

test: $(VENV)/.stamp-test node-deps browser-deps deck-deps calc-deps
	$(BIN)/python -m pytest -q

$(VENV)/.stamp-bench: pyproject.toml $(VENV)/.stamp-test
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

bench: $(VENV)/.stamp-bench
	$(BIN)/python -m bench.run --tier $(TIER)

clean:
	rm -rf $(VENV) .pytest_cache

# Debian Chromium for PNG export and tests/test_browser.py. Installs only as root when missing;
# anywhere else it says why it skipped, and those tests skip with that reason.
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "browser-deps: chromium present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	else echo "browser-deps: skipped (no /usr/bin/chromium and not root): PNG export and the browser test will skip"; fi

# Debian LibreOffice Impress and poppler for tests/test_deck_render.py (the deck rendered to PNG).
# Installs only as root when missing; elsewhere the deck test skips and says why.
deck-deps:
	@if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then echo "deck-deps: libreoffice present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-impress poppler-utils; \
	else echo "deck-deps: skipped (no soffice/pdftoppm and not root): the deck render test will skip"; fi

# Debian LibreOffice Calc for tests/test_real_files.py (an .xls saved by an office suite, not only by xlwt).
# Installs only as root when missing; elsewhere that one test skips and says why.
calc-deps:
	@if [ -e /usr/lib/libreoffice/program/libsclo.so ]; then echo "calc-deps: libreoffice-calc present"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libreoffice-calc-nogui; \
	else echo "calc-deps: skipped (no LibreOffice Calc and not root): the LibreOffice .xls test will skip"; fi

# The Cypher linter (tests/test_cypher_lint.py): Neo4j's front end from npm, pinned by the lockfile.
node-deps: tests/cypher_lint/node_modules/.package-lock.json

tests/cypher_lint/node_modules/.package-lock.json: tests/cypher_lint/package-lock.json
	cd tests/cypher_lint && npm ci --no-audit --no-fund --loglevel=error
	touch $@
