# The performance benchmark (benchmarks/README.md, docs/performance.md).
#   make benchmark            the full run, every scenario, about 18 minutes; not part of `make test`
#   make benchmark DOCS=1     also write the report into docs/performance.md
#   make benchmark-smoke      a tiny run (no latency, a few hundred numbers) that checks the harness:
#                             every result present, every record returned, exact request counts
# Extra options for benchmarks/run.py go in BENCHMARK_ARGS, for example BENCHMARK_ARGS="--sizes 1000".

BENCHMARK_FLAGS := $(if $(DOCS),--update-docs docs/performance.md) $(BENCHMARK_ARGS)

.PHONY: benchmark benchmark-smoke

benchmark: setup
	$(BIN)/python benchmarks/run.py $(BENCHMARK_FLAGS)

benchmark-smoke: setup
	$(BIN)/python benchmarks/run.py --smoke

TEST_SUITES += benchmark-smoke
