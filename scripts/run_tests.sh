#!/usr/bin/env bash
# Run the whole test suite with no network (called by `make test` after installing).
#   1. unit, property-based and notebook-structure tests  (tests/, except the browser); this
#      stage also runs every exercises/ notebook as a learner meets it, in its own folder
#      (tests/notebooks/test_exercises.py: no cell may fail, every check says "Not answered
#      yet"), in the kernel that then checks the solutions' values; a separate nbval-lax stage
#      over exercises/ would run each of them a second time and check less
#   2. nbval, strict, over notebooks/ and solutions/      (stored outputs must match a fresh run)
#   3. real-browser tests: JupyterLab + Debian Chromium    (tests/browser)
# Every stage runs even if an earlier one failed; the exit code is non-zero if any failed.
# Each stage prints its wall time, and a table of all of them closes the run.
# VPY picks the interpreter (make test-latest points it at .venv-latest/bin/python).
# Every stage runs on TEST_WORKERS processes (pytest-xdist; default: one per CPU core, at most 4;
# TEST_WORKERS=0 runs in one process). nbval keeps each notebook on one worker (--dist loadscope:
# its cells share a kernel); the browser stage gives each worker its own JupyterLab and Chromium.
# pytest's exit code 5 ("no tests collected") passes for a folder that has no notebooks yet.
set -uo pipefail
cd "$(dirname "$0")/.."
VPY=${VPY:-.venv/bin/python}
# Bytecode caches are written even where PYTHONDONTWRITEBYTECODE is set (it is on the CI
# machine): otherwise each of the ~80 Python processes of a run (kernels, JupyterLab servers,
# pytest workers) compiles pandas, matplotlib, ipykernel and the server from source again,
# 2-3 s of CPU each (import of the lesson stack: 3.9-5.2 s without caches, 2.1 s with). The
# caches go to the venv and to __pycache__/ folders, which git ignores.
unset PYTHONDONTWRITEBYTECODE

if [ "${PHARMACOURSE_OFFLINE:-}" != "1" ]; then
  export PHARMACOURSE_OFFLINE=1
  if [ "$(id -u)" = "0" ] && unshare -n true 2>/dev/null; then
    echo "== running the tests in a network namespace with loopback only (unshare -n)"
    exec unshare -n sh -c 'ip link set lo up && exec bash "$0"' "$0"
  elif unshare -rn true 2>/dev/null; then
    echo "== running the tests in a network namespace with loopback only (unshare -rn)"
    exec unshare -rn sh -c 'ip link set lo up && exec bash "$0"' "$0"
  elif [ "${CI:-}" = "true" ]; then
    echo "ERROR: CI requires the tests to run without network, but unshare is not available." >&2
    exit 1
  else
    echo "WARNING: cannot create a network namespace here; the tests run WITH network access." >&2
    echo "WARNING: a hidden run-time download would go unnoticed. Run as root or allow unshare -rn." >&2
  fi
fi

cores=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
WORKERS=${TEST_WORKERS:-$(( cores > 4 ? 4 : cores ))}
case "$WORKERS" in ''|*[!0-9]*) echo "TEST_WORKERS must be a whole number, got '$WORKERS'" >&2; exit 2;; esac
echo "== $WORKERS test worker(s) (TEST_WORKERS; $cores CPU core(s))"
xdist() { [ "$WORKERS" -gt 0 ] && printf '%s\n' -n "$WORKERS" --dist "$1"; }
mapfile -t load < <(xdist load)
mapfile -t by_notebook < <(xdist loadscope)
mapfile -t by_group < <(xdist loadgroup)

failed=()
timings=()
elapsed() { awk -v a="$1" -v b="${EPOCHREALTIME/,/.}" 'BEGIN { printf "%.1f s", b - a }'; }
run_start=${EPOCHREALTIME/,/.}
stage() {
  local name=$1; shift
  echo
  echo "== $name"
  local t0=${EPOCHREALTIME/,/.}
  "$VPY" -m pytest "$@"
  local rc=$?
  local took; took=$(elapsed "$t0")
  echo "== $name: $took (exit $rc)"
  timings+=("$(printf '%10s  %s' "$took" "$name")")
  if [ "$rc" = 5 ]; then
    echo "== $name: nothing to test yet (no notebooks collected); that is not a failure"
  elif [ "$rc" != 0 ]; then
    failed+=("$name (exit $rc)")
  fi
}

notebook_dirs() { for d in "$@"; do compgen -G "$d/*.ipynb" >/dev/null && printf '%s\n' "$d"; done; }

stage "unit and structure tests" "${load[@]}" tests --ignore=tests/browser
mapfile -t strict_dirs < <(notebook_dirs notebooks solutions)
if [ ${#strict_dirs[@]} -gt 0 ]; then
  stage "nbval strict: ${strict_dirs[*]}" "${by_notebook[@]}" --nbval --nbval-current-env \
    --nbval-sanitize-with tests/nbval_sanitize.cfg -p no:cacheprovider "${strict_dirs[@]}"
else
  echo; echo "== nbval strict: no notebooks yet in notebooks/ or solutions/; nothing to run"
fi
stage "browser tests" "${by_group[@]}" tests/browser

echo
echo "== stage times"
printf '  %s\n' "${timings[@]}"
echo "  $(printf '%10s' "$(elapsed "$run_start")")  all stages"
if [ ${#failed[@]} -gt 0 ]; then
  echo "FAILED stages:"; printf '  - %s\n' "${failed[@]}"
  exit 1
fi
echo "All test stages passed."
