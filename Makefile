# Pharmacology basics, with kratom as the case study.
# Two commands on a fresh machine (Python 3.11-3.14 and make): `make lab` and `make test`.
# Everything installs into .venv from the lock files in requirements/; nothing else is touched.

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test
START  := notebooks/00-start-here.ipynb
# uv's download cache lives next to the venv (same disk, so uv hardlinks instead of copying; the
# Binder-like test installs from it offline). Set UV_CACHE_DIR to share one cache between clones.
export UV_CACHE_DIR ?= $(CURDIR)/$(VENV)/uv-cache
# Jupyter refuses to run as root unless told; containers and some cloud machines run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.DEFAULT_GOAL := help
.PHONY: help lab test test-latest notebooks exercises bench lock clean venv

help:
	@echo "make lab        set up .venv (runtime lock) and open the course in JupyterLab"
	@echo "make test       set up .venv (test lock) and run every test, offline"
	@echo "make test-latest  the whole suite on the newest releases pyproject allows (.venv-latest)"
	@echo "make notebooks  re-execute notebooks/ and solutions/ and store normalised outputs"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      print the speed tables (models, explorers, quizzes, lesson start-up)"
	@echo "make lock       re-resolve requirements/*.lock and environment.yml from pyproject.toml"
	@echo "make doctor     check this machine before class (Python, packages, widgets, kernel, data)"
	@echo "make site       build the offline static site in _site/ from the stored notebooks"
	@echo "make clean      remove .venv, caches and test artefacts"

$(VPY):
	@$(PYTHON) scripts/check_python.py
	$(PYTHON) -m venv --without-pip $(VENV)

venv: $(VPY)

# The stamps make a second run a no-op: the installer runs only when a lock or pyproject.toml
# changed. scripts/install_lock.sh uses uv (bootstrapped into the venv) and falls back to pip.
$(RUNTIME_STAMP): requirements/runtime.lock requirements/test.lock pyproject.toml | $(VPY)
	bash scripts/install_lock.sh $(VENV) requirements/runtime.lock $(PYTHON)
	@touch $@

$(TEST_STAMP): requirements/test.lock requirements/runtime.lock pyproject.toml | $(VPY)
	UV_REINSTALL=1 bash scripts/install_lock.sh $(VENV) requirements/test.lock $(PYTHON)
	@touch $@ $(RUNTIME_STAMP)

lab: $(RUNTIME_STAMP)
	$(VPY) -m jupyterlab --LabApp.default_url=/lab/tree/$(START) $(ROOT_FLAG) $(LAB_ARGS)

test: $(TEST_STAMP)
	bash scripts/run_tests.sh

# The drift lane: never touches .venv or the locks (scripts/test_latest.sh; report in
# .artifacts/test-latest/report.md). Not part of `make test`.
test-latest: $(TEST_STAMP)
	bash scripts/test_latest.sh

notebooks: $(TEST_STAMP)
	$(VPY) scripts/nav.py
	$(VPY) scripts/sync_figure_alt.py   # every figure's alt text = its caption (issue 18)
	$(VPY) scripts/execute_notebooks.py notebooks solutions
	$(VPY) scripts/nav.py   # again: the minutes count the new outputs
	$(MAKE) --no-print-directory exercises

exercises: $(RUNTIME_STAMP)
	$(VPY) scripts/make_exercises.py

bench: $(TEST_STAMP)
	$(VPY) scripts/bench.py
	$(VPY) benchmarks/bench_startup.py

# Keeps today's pins; `make lock UPGRADE=1` moves them to the newest allowed releases: only after
# `make test-latest` is green (CONTRIBUTING.md, "Moving the pins").
lock: $(TEST_STAMP)
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) .venv-latest .artifacts .pytest_cache .hypothesis .ruff_cache build src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# ---- doctor (instructor issue 17): check a machine before class; kept as its own block.
# It only diagnoses (installs nothing), so a broken setup is reported, not silently repaired.
.PHONY: doctor
doctor:
	@test -x $(VPY) || { echo "PROBLEM no .venv here: run make lab first"; exit 1; }
	$(VPY) -m pharmacourse.doctor

# The offline static site (issue 18): _site/ from the stored notebooks, no network, no CDN.
.PHONY: site
site: $(RUNTIME_STAMP)
	$(VPY) scripts/build_site.py
