# Convenience targets; each sets up what it needs first (scripts/bootstrap.sh).
.PHONY: demo test test-stress bench installer

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

test-stress:  ## the whole suite with the stress tests at full size (nightly; CI runs them smaller)
	TANGGAP_STRESS=1 bash scripts/test.sh

bench:  ## benchmarks -> bench/results/latest.json and BENCHMARKS.md's plot
	bash scripts/bootstrap.sh
	.venv/bin/python -m pip install -q -e '.[bench]'
	.venv/bin/python bench/run_all.py

installer:
	bash scripts/bootstrap.sh
	bash installer/build.sh --smoke
