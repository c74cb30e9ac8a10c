# The documentation: `make docs` builds the static site into docs/_build/html; `make test` lints
# the plugin and role documentation (docs-lint) and checks the built site (docs-site).
# The site's tools live in their own virtualenv, .venv-docs (tests/requirements-docs.txt).

DOCS_VENV := .venv-docs

.PHONY: docs docs-lint docs-site

$(DOCS_VENV)/.installed: tests/requirements-docs.txt
	$(PYTHON) -m venv $(DOCS_VENV)
	$(DOCS_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r tests/requirements-docs.txt
	touch $@

docs: $(DOCS_VENV)/.installed $(COLLECTION_LINK)
	$(DOCS_VENV)/bin/python tests/docs/build_site.py --dest docs/_build/html --work docs/_build/site-src

docs-lint: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/antsibull-docs lint-collection-docs --plugin-docs .
	$(PYTEST) tests/docs/test_guides.py -q

docs-site: setup
	$(PYTEST) tests/docs/test_site.py -q

TEST_SUITES += docs-lint docs-site
