# What gets published: ansible-lint (production profile) on the roles, playbooks, examples and
# controller extensions, the changelog fragments, and the Galaxy tarball (built, installed,
# verified, run) with the execution environment built from it.

.PHONY: lint galaxy-tarball

lint: setup
	$(BIN)/antsibull-changelog lint
	env -u ANSIBLE_COLLECTIONS_PATH PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_HOME="$(CURDIR)/.ansible" $(BIN)/ansible-lint --nocolor --profile production \
		roles playbooks examples extensions meta docs/execution-environment.yml

galaxy-tarball: setup
	$(PYTEST) tests/release -q

TEST_SUITES += lint galaxy-tarball
