# The whole set-up on a fresh Debian machine: `make book` builds the HTML and the PDF,
# `make test` runs the tests. Both create .venv and install what is missing first.
SHELL := /bin/bash
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
JB := $(VENV)/bin/jupyter-book
REQUIREMENTS_STAMP := $(VENV)/.requirements-installed
# Warnings are errors; -n reports every broken reference; --keep-going lists them all.
JB_FLAGS := -W -n --keep-going
PDF := _build/latex/kazakhstan-articles.pdf
# The helpers run on this checkout's code and data, even when the venv belongs to another one.
IN_HERE := KZBOOK_ROOT=$(CURDIR) PYTHONPATH=$(CURDIR)/src

# Debian packages: XeLaTeX and latexmk with the LaTeX packages Sphinx needs, the FreeSerif font
# XeLaTeX uses by default, ulem (texlive-plain-generic) for the underlines that mark up the
# article texts, poppler-utils (pdftotext, pdftoppm) for the PDF tests, and Chromium,
# which the browser tests drive through Playwright (Playwright's own browser download is not used).
APT_PACKAGES := texlive-xetex texlive-latex-extra texlive-latex-recommended \
	texlive-fonts-recommended texlive-plain-generic fonts-freefont-otf latexmk poppler-utils chromium

# Reproducible builds: every date a build writes (the PDF's title page and its metadata) is the
# edition's release date in CITATION.cff, not the time of the build.
RELEASE_DATE := $(shell sed -n 's/^date-released: *["'"'"']*\([0-9-]*\).*/\1/p' CITATION.cff)
$(if $(RELEASE_DATE),,$(error CITATION.cff: no date-released as YYYY-MM-DD))
SOURCE_DATE_EPOCH ?= $(shell date -u -d "$(RELEASE_DATE)" +%s)
export SOURCE_DATE_EPOCH

.PHONY: book html pdf test venv system-packages lint clean bench article coding
# html and pdf share the execution cache and Sphinx's environment: never build them at once.
.NOTPARALLEL:

book: html pdf
	@echo
	@echo "HTML: $(CURDIR)/_build/html/index.html"
	@echo "PDF:  $(CURDIR)/$(PDF)"

venv: $(REQUIREMENTS_STAMP)

$(REQUIREMENTS_STAMP): requirements.txt constraints.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Installs the Debian packages when they are missing and we may (root with apt-get);
# otherwise prints the exact command and stops.
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -q --no-install-recommends $$missing; \
	else \
	  echo "The PDF and its tests need Debian packages that are missing. Run:" >&2; \
	  echo "  sudo apt-get install -y --no-install-recommends$$missing" >&2; \
	  echo "then run make again." >&2; \
	  exit 1; \
	fi

# Each build is skipped when nothing among the book's sources changed since the last successful
# one (helpers.up_to_date); otherwise the inputs are checked (a bad data file stops the build with
# its own message) and Sphinx builds, executing only the chapters whose inputs changed.
html: venv
	@$(IN_HERE) $(PY) -m helpers.up_to_date check html || { \
	  echo "$(IN_HERE) $(PY) -m helpers.check_inputs" && \
	  $(IN_HERE) $(PY) -m helpers.check_inputs && \
	  echo "$(JB) build . --builder html $(JB_FLAGS)" && \
	  $(JB) build . --builder html $(JB_FLAGS) && \
	  $(IN_HERE) $(PY) -m helpers.up_to_date record html; }

pdf: venv system-packages
	@$(IN_HERE) $(PY) -m helpers.up_to_date check pdf || { \
	  echo "$(IN_HERE) $(PY) -m helpers.check_inputs" && \
	  $(IN_HERE) $(PY) -m helpers.check_inputs && \
	  echo "$(JB) build . --builder pdflatex $(JB_FLAGS)" && \
	  $(JB) build . --builder pdflatex $(JB_FLAGS) && \
	  { test -s $(PDF) || { echo "PDF not produced: $(PDF)" >&2; exit 1; }; } && \
	  $(IN_HERE) $(PY) -m helpers.up_to_date record pdf; }
	@# The landing page's download link points here.
	mkdir -p _build/html && cp $(PDF) _build/html/

test: venv system-packages
	$(PY) -m pytest

lint: venv
	$(PY) -m ruff check src tests scripts

# Benchmark (not part of `make test`): build times and the helper pipeline against raw
# textstat; prints a Markdown table. Takes minutes: run it on a quiet machine. Options, e.g.
# `make bench BENCH_ARGS="--repeat 1 --skip-build"` (see scripts/bench.py --help).
bench: venv
	$(PY) scripts/bench.py $(BENCH_ARGS)

# Add an article: make article FILE=path URL=… OUTLET=… PUBLISHED=YYYY-MM-DD, optionally
# TITLE=… SHORT_NAME=… AUTHOR=… DATE_BASIS=… PAGE_DATE=… (python -m helpers.add_article --help).
article: venv
	$(IN_HERE) $(PY) -m helpers.add_article --file "$(FILE)" --url "$(URL)" --outlet "$(OUTLET)" \
	  --published "$(PUBLISHED)" --title "$(TITLE)" --short-name "$(SHORT_NAME)" \
	  --author "$(AUTHOR)" --date-basis "$(or $(DATE_BASIS),stated in the text)" \
	  --page-date "$(PAGE_DATE)"

# Write an article's hand-coding rows, pre-filled with the rules' suggestions: make coding ID=005
coding: venv
	$(IN_HERE) $(PY) -m helpers.coding_scaffold --id "$(ID)"

clean:
	rm -rf _build .cache
