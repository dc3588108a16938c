# Convenience targets; each sets up what it needs first (scripts/bootstrap.sh).
.PHONY: demo test bench installer

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

installer:
	bash scripts/bootstrap.sh
	bash installer/build.sh --smoke
