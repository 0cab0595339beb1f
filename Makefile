# Lexicon nabijheid en sociaal werk — alles begint met `make serve` of `make test`.
# Op een verse machine is alleen Python 3.11+, make en git nodig: de eerste aanroep maakt
# .venv aan en installeert het project daarin.

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Material for MkDocs kondigt bij elke build MkDocs 2 aan; gebruikers zien alleen onze meldingen.
export NO_MKDOCS_2_WARNING := 1

CHROMIUM ?= /usr/bin/chromium

.PHONY: install admin lighthouse browser fonts test serve preview build check lint readme bench loadtest clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Fout: Python 3.11 of nieuwer is nodig (python3 --version)." >&2; exit 1; }
	@echo "Virtuele omgeving $(VENV) maken met $(PYTHON) en het project installeren…"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -e ".[test]"
	@touch $@

# De browser-editor (Decap CMS) en zijn lokale server komen uit npm, vastgepind in
# package-lock.json. Zonder Node.js slaat deze stap zich over met een melding; de
# editortest slaat zich dan ook over, behalve in CI (LEXICON_REQUIRE_BROWSER=1).
NODE_STAMP := node_modules/.lexicon-installed

admin: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "Browser-editor installeren (npm ci)…"; \
		npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "Let op: Node.js/npm ontbreekt; de browser-editor (/admin/) en zijn test zijn niet beschikbaar."; \
	fi

# Lighthouse voor `make bench` komt ook uit npm, vastgepind in bench/lighthouse/package.json en
# package-lock.json, en gebruikt Debians Chromium (geen browserdownload). Zonder Node.js slaat
# deze stap zich over met een melding; bench/lighthouse.py zegt dan zelf dat hij niet meet.
LIGHTHOUSE_STAMP := bench/lighthouse/node_modules/.lexicon-installed

lighthouse: $(LIGHTHOUSE_STAMP)

$(LIGHTHOUSE_STAMP): bench/lighthouse/package.json bench/lighthouse/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		echo "Lighthouse installeren (npm ci in bench/lighthouse)…"; \
		npm ci --prefix bench/lighthouse --ignore-scripts --no-audit --no-fund --loglevel=error \
			&& touch $@; \
	else \
		echo "Let op: Node.js/npm ontbreekt; make bench meet zonder Lighthouse."; \
	fi

# De browsertests gebruiken Debians Chromium (geen browserdownload). Als root installeert
# deze stap hem; anders slaan de browsertests zich over met een melding, behalve in CI
# (LEXICON_REQUIRE_BROWSER=1), waar een ontbrekende browser een fout is.
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Chromium installeren voor de browsertests…"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "Let op: $(CHROMIUM) ontbreekt; installeer het pakket 'chromium' voor de browsertests."; \
	fi

# De deelkaarten (og:image, lexicon.export.card) zetten hun tekst in DejaVu Sans (Debians pakket
# fonts-dejavu-core). Als root installeert deze stap het pakket; anders tekent de build met de
# letter die Pillow zelf meebrengt, met een melding.
fonts:
	@if [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Letter DejaVu Sans installeren voor de deelkaarten…"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; \
	else \
		echo "Let op: fonts-dejavu-core ontbreekt; de deelkaarten gebruiken Pillows eigen letter."; \
	fi

test: install browser admin fonts lint
	$(BIN)/pytest

check: install
	$(BIN)/lexicon check

build: install fonts
	$(BIN)/lexicon build

serve: install fonts
	$(BIN)/lexicon build
	$(BIN)/lexicon serve --host $(HOST) --port $(PORT)

# Schrijven met voorbeeld en browser-editor: http://127.0.0.1:8000/ en /admin/.
preview: install admin
	$(BIN)/lexicon preview --host $(HOST) --port $(PORT)

# Stijl (ruff), architectuur (import-linter, zie ARCHITECTURE.md), typen (mypy), dode code
# (vulture) en de veiligheid van de GitHub-workflows (zizmor, zonder netwerk). `make test`
# draait dit eerst.
lint: install
	$(BIN)/ruff check tooling tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/vulture --min-confidence 80 tooling/lexicon tooling/vulture_whitelist.py
	$(BIN)/zizmor --offline --no-progress .github/workflows

# Metingen in één run: zoekkwaliteit van de geserveerde en de statische zoekfunctie naast
# elkaar (MRR@10, de laatste in headless Chromium), de budgetten van de statische zoekfunctie
# (bytes en tijd per zoekvraag bij 45 en 5 000 lemma's), de schaal van check, index en build,
# en de Lighthouse-scores per paginatype van de statische site (mobiel; budget prestaties >= 90,
# de rest 100; de mediaan van drie metingen per pagina, want één meting wisselt op deze machine
# tot acht punten). Zonder npm of Chromium slaat de Lighthouse-meting zich over met een melding.
bench: install browser lighthouse
	$(BIN)/python bench/search_quality.py
	$(BIN)/python bench/static_search.py 5000
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/editions.py
	$(BIN)/python bench/lighthouse.py --runs 3

# Belastingstest van `lexicon serve` op 127.0.0.1: twee serverprocessen met dezelfde build,
# 32 gelijktijdige clients verdeeld over beide, 20 s, een mix van pagina's, bestanden,
# zoekvragen en lemma-API, en halverwege een herbouw die onder belasting wordt ingewisseld;
# faalt bij elke fout of 5xx. Een korte versie draait in `make test` (tests/test_loadtest.py).
loadtest: install
	$(BIN)/python bench/loadtest.py --duration 20 --concurrency 32 --servers 2 --swap

# Werk de gegenereerde tabellen in README.md bij (velden uit het schema, meldingscodes).
readme: install
	$(BIN)/python -m lexicon.cli.reference README.md CONTRIBUTING.md

clean:
	rm -rf $(VENV) site .lexicon-cache .pytest_cache node_modules bench/lighthouse/node_modules
