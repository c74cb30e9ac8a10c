# The audit role ucops.zoom.phone_numbers_audit and the playbook ucops.zoom.audit:
# ansible-lint (production profile), playbook runs against the simulator, the HTML report in
# headless Chromium, and the molecule scenario. Its unit tests run with `make units`.

.PHONY: audit-tests audit-lint audit-pytest audit-molecule audit-chromium audit-benchmark

TEST_SUITES += audit-tests

audit-tests: setup audit-lint audit-pytest audit-molecule

audit-lint: setup
	PATH="$(CURDIR)/$(BIN):$$PATH" ANSIBLE_HOME="$(CURDIR)/.ansible" $(BIN)/ansible-lint --profile production \
	    roles/phone_numbers_audit playbooks/audit.yml extensions/molecule/default

# Debian's chromium, installed once with apt-get when it is missing (CI runs as root).
audit-chromium:
	tests/audit/ensure-chromium.sh

audit-pytest: setup audit-chromium
	$(PYTEST) tests/audit -q -n 2 --dist loadfile

audit-molecule: setup
	tests/tools/with-simulator.sh $(BIN) 600 5 tests/audit/run-molecule.sh $(BIN)

# Not part of `make test`: times an audit of 100,000 simulated numbers with the four formats.
audit-benchmark: setup
	$(BIN)/python tests/audit/benchmark.py --size 100000
