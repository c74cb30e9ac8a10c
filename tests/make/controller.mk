# Automation controllers: the credential type, an inventory sync and audit jobs run through
# ansible-runner as AWX and automation controller run them, against the Zoom simulator.

.PHONY: controller

controller: setup
	$(PYTEST) tests/controller -q

TEST_SUITES += controller
