# ucops.zoom: the two commands a newcomer needs are `make demo` and `make test`.
# Everything else here is a step of those two. Each sets itself up from the requirements
# files; nothing has to be installed by hand beyond Python 3 and make.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Collections are found through this folder, which links back to the checkout.
COLLECTIONS := .tmp/collections
COLLECTION_LINK := $(COLLECTIONS)/ansible_collections/ucops/zoom
PYTEST := PYTHONPATH=$(CURDIR)/$(COLLECTIONS) $(BIN)/python -m pytest -p no:cacheprovider --import-mode=importlib
export ANSIBLE_COLLECTIONS_PATH := $(CURDIR)/$(COLLECTIONS)

# The suites `make test` runs, in order. Each tests/make/*.mk adds its own suite here.
TEST_SUITES := sanity units simulator-tests functional integration

.PHONY: help setup demo test sanity units simulator-tests functional integration clean

help:
	@echo "make demo   - start the Zoom simulator, list its numbers with the collection, print a summary"
	@echo "make test   - every test suite (sanity, unit, simulator, functional, audit, controller, docs, release, ansible-core 2.16)"
	@echo "make docs   - build the documentation site into docs/_build/html"
	@echo "make benchmark - measure the collection against the floor and the alternatives (about 18 minutes)"
	@echo "make clean  - remove the virtualenv and scratch files"

setup: $(VENV)/.installed $(COLLECTION_LINK)

$(VENV)/.installed: requirements.txt requirements-demo.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(BIN)/python tests/tools/install_pip_bootstrap.py
	touch $@

$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn ../../../.. $@

# The demo has its own small virtualenv (requirements-demo.txt), so a first look does not wait
# for the whole test toolchain.
DEMO_VENV ?= .venv-demo

$(DEMO_VENV)/.installed: requirements.txt requirements-demo.txt
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-demo.txt
	touch $@

demo: $(DEMO_VENV)/.installed $(COLLECTION_LINK)
	tests/tools/with-simulator.sh $(DEMO_VENV)/bin $${DEMO_SIZE:-3000} 7 tests/tools/demo.sh $(DEMO_VENV)/bin


sanity: setup
	tests/tools/ansible-test.sh $(VENV) sanity --python 3.11 --local --color no

units: setup
	$(PYTEST) tests/unit -q

simulator-tests: setup
	$(PYTEST) tests/simulator/tests -q

functional: setup
	$(PYTEST) tests/functional -q -n 2

# ansible-test's own integration runner over tests/integration/targets (each target starts its simulator).
integration: setup
	tests/tools/ansible-test.sh $(VENV) integration --python 3.11 --local --color no

clean:
	rm -rf $(VENV) .venv-* .tmp .ansible tests/output docs/_build

-include tests/make/*.mk

test: setup $(TEST_SUITES)
