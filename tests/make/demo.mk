# `make demo` itself: it installs only what the demo needs (requirements-demo.txt) into its own
# virtualenv and runs to the end against the simulator.

.PHONY: demo-test

demo-test: setup
	$(PYTEST) tests/demo -q

TEST_SUITES += demo-test
