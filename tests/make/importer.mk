# galaxy-importer, offline: the collection's tarball imported as Galaxy imports an upload, with
# no warning allowed. Its tools live in their own virtualenv, .venv-importer.

IMPORTER_VENV := .venv-importer

.PHONY: galaxy-importer

$(IMPORTER_VENV)/.installed: tests/requirements-importer.txt
	$(PYTHON) -m venv $(IMPORTER_VENV)
	$(IMPORTER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements-importer.txt
	touch $@

galaxy-importer: $(IMPORTER_VENV)/.installed
	tests/tools/galaxy-importer.sh $(IMPORTER_VENV)

TEST_SUITES += galaxy-importer
