#!/usr/bin/env bash
# make test-latest: the drift lane. What would break if we moved the pins today?
#   1. a throwaway venv, .venv-latest, with the NEWEST releases pyproject.toml's ranges allow
#      (resolved and downloaded by uv: this step needs PyPI);
#   2. the whole suite in it, offline, exactly as `make test` runs it (scripts/run_tests.sh with
#      VPY=.venv-latest/bin/python: unit (exercises run there), nbval strict, browser);
#   3. a short report (.artifacts/test-latest/report.md, also printed): failed tests, stored
#      outputs that changed (nbval's first differing lines), packages that moved from the lock.
# Never touches .venv or the lock files. PYTHON=python3.13 make test-latest tries another Python.
set -uo pipefail
cd "$(dirname "$0")/.."
venv=.venv-latest
out=.artifacts/test-latest
uv=.venv/bin/uv
base=${PYTHON:-python3}
# A missing Chromium must show up in the report as failed browser tests, not as quiet skips.
export REQUIRE_BROWSER=${REQUIRE_BROWSER:-1}
[ -x "$uv" ] || uv=$(command -v uv) || { echo "make test-latest needs uv (make test installs it)" >&2; exit 2; }
"$base" scripts/check_python.py || exit 2
rm -rf "$venv" "$out"
mkdir -p "$out"
t0=${EPOCHREALTIME/,/.}
echo "== resolving the newest allowed releases into $venv"
"$uv" venv --quiet --no-cache --python "$base" "$venv" || exit 2
# Its own cache inside the throwaway venv (hardlinks, same disk), never .venv's. The tests keep
# the Makefile's UV_CACHE_DIR: the Binder-like test installs environment.yml's LOCKED pins from it.
"$uv" pip install --quiet --cache-dir "$venv/uv-cache" --python "$venv/bin/python" --upgrade \
  --resolution highest -e ".[test]" pip || exit 2
"$venv/bin/python" scripts/install_lab_settings.py >/dev/null || exit 2
"$uv" pip freeze --python "$venv/bin/python" --exclude-editable > "$out/freeze.txt"
awk -v a="$t0" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "== set up %s: %.1f s\n", "'"$venv"'", b - a }'

# Two tests check the installed versions against the lock (the installed-versions test, and the
# doctor's "packages" check inside its all-checks test): here the versions differ on purpose (the
# report lists them instead).
VPY=$venv/bin/python PYTEST_ADDOPTS="--color=no -rfE \
--deselect tests/unit/test_environment.py::test_installed_versions_match_the_test_lock \
--deselect tests/unit/test_doctor.py::test_all_checks_pass_in_the_built_venv" \
  bash scripts/run_tests.sh 2>&1 | tee "$out/pytest.log"
rc=${PIPESTATUS[0]}
"$venv/bin/python" scripts/latest_report.py "$out/pytest.log" "$out/freeze.txt" \
  requirements/test.lock > "$out/report.md"
echo
cat "$out/report.md"
echo "(report: $out/report.md; full log: $out/pytest.log)"
exit "$rc"
