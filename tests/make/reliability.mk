# Reliability and security suites (tests/reliability): fault matrices over every entry point,
# bad input, secrets, TLS, ten forks sharing one token, and the soak. The suites wait on
# simulated faults far more than they compute, so they run on four workers even on two cores.

.PHONY: reliability soak

reliability: setup
	$(PYTEST) tests/reliability -q -n 4

# The soak alone (it also runs as part of `make reliability`): 220 listings, ~20% of requests faulted.
soak: setup
	$(PYTEST) tests/reliability/soak -q

TEST_SUITES += reliability
