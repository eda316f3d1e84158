# Pharmacology basics, with kratom as the case study.
# Two commands on a fresh machine (Python 3.11 and make): `make lab` and `make test`.
# Everything installs into .venv from the lock files in requirements/; nothing else is touched.

PYTHON ?= python3
VENV   := .venv
VPY    := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.installed-runtime
TEST_STAMP    := $(VENV)/.installed-test
START  := notebooks/00-start-here.ipynb
# Jupyter refuses to run as root unless told; containers and some cloud machines run as root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

.DEFAULT_GOAL := help
.PHONY: help lab test notebooks exercises bench lock clean venv

help:
	@echo "make lab        set up .venv (runtime lock) and open the course in JupyterLab"
	@echo "make test       set up .venv (test lock) and run every test, offline"
	@echo "make notebooks  re-execute notebooks/ and solutions/ and store normalised outputs"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      print the speed table (models, explorers, quizzes)"
	@echo "make lock       re-resolve requirements/*.lock and environment.yml from pyproject.toml"
	@echo "make clean      remove .venv, caches and test artefacts"

$(VPY):
	$(PYTHON) -m venv $(VENV)

venv: $(VPY)

# The stamps make a second run a no-op: pip runs only when a lock or pyproject.toml changed.
$(RUNTIME_STAMP): requirements/runtime.lock pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements/runtime.lock
	$(VPY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(VPY) scripts/install_lab_settings.py
	@touch $@

$(TEST_STAMP): requirements/test.lock requirements/runtime.lock pyproject.toml | $(VPY)
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements/test.lock
	$(VPY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	$(VPY) scripts/install_lab_settings.py
	@touch $@ $(RUNTIME_STAMP)

lab: $(RUNTIME_STAMP)
	$(VPY) -m jupyterlab --LabApp.default_url=/lab/tree/$(START) $(ROOT_FLAG) $(LAB_ARGS)

test: $(TEST_STAMP)
	bash scripts/run_tests.sh

notebooks: $(TEST_STAMP)
	$(VPY) scripts/nav.py
	$(VPY) scripts/execute_notebooks.py notebooks solutions
	$(MAKE) --no-print-directory exercises

exercises: $(RUNTIME_STAMP)
	$(VPY) scripts/make_exercises.py

bench: $(TEST_STAMP)
	$(VPY) scripts/bench.py

lock:
	bash scripts/lock.sh

clean:
	rm -rf $(VENV) .artifacts .pytest_cache .hypothesis .ruff_cache build src/*.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# The offline static site (issue 18): _site/ from the stored notebooks, no network, no CDN.
.PHONY: site
site: $(RUNTIME_STAMP)
	$(VPY) scripts/build_site.py
