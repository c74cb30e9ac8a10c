# The version matrix: `make test` runs everything on the newest ansible-core that installs here
# (.venv), and this suite runs the unit, functional and controller tests again on the oldest one
# the collection supports, 2.16, from its own virtualenv (tests/requirements-core-2.16.txt).

CORE_OLDEST := 2.16
CORE_OLDEST_VENV := .venv-core$(CORE_OLDEST)

.PHONY: core-$(CORE_OLDEST)

$(CORE_OLDEST_VENV)/.installed: tests/requirements-core-$(CORE_OLDEST).txt requirements.txt
	$(PYTHON) -m venv $(CORE_OLDEST_VENV)
	$(CORE_OLDEST_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements-core-$(CORE_OLDEST).txt
	touch $@

core-$(CORE_OLDEST): setup $(CORE_OLDEST_VENV)/.installed
	$(CORE_OLDEST_VENV)/bin/ansible --version | head -n 1
	PYTHONPATH=$(CURDIR)/$(COLLECTIONS) $(CORE_OLDEST_VENV)/bin/python -m pytest -p no:cacheprovider --import-mode=importlib \
		-q -n 2 tests/unit tests/functional tests/controller

TEST_SUITES += core-$(CORE_OLDEST)
