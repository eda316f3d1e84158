#!/usr/bin/env bash
# Install one lock file and the course package into a venv: `install_lock.sh VENV LOCK [BASE_PYTHON]`.
# Fast route: bootstrap uv (the version test.lock pins) into the venv, then one
# `uv pip install -r LOCK -e .` (parallel downloads, hardlinks from its cache). The venv is made
# `--without-pip` (ensurepip alone takes 4-13 s here); pip, at the version this Python bundles,
# comes in with the lock. If uv cannot be installed, fall back to pip, with a message.
# uv keeps its cache in $UV_CACHE_DIR (the Makefile points it at .venv/uv-cache); the Binder-like
# test builds its offline venv from that cache.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$1 lock=$2 base=${3:-python3}
py=$venv/bin/python
uv=$venv/bin/uv
quiet=(--quiet --disable-pip-version-check)
uv_pin=$(sed -n 's/^uv==\([^ ;]*\).*/\1/p' requirements/test.lock)
has_pip() { "$py" -m pip --version >/dev/null 2>&1 || "$py" -m ensurepip --upgrade >/dev/null; }
if [ ! -x "$uv" ] || [ "$("$uv" --version 2>/dev/null | cut -d' ' -f2)" != "$uv_pin" ]; then
  # The base Python's pip can install into the venv (pip >= 22.3); else the venv's own pip.
  log=$(mktemp)
  "$base" -m pip --python "$py" install "${quiet[@]}" "uv==$uv_pin" 2>"$log" \
    || { has_pip && "$py" -m pip install "${quiet[@]}" "uv==$uv_pin" 2>"$log"; } \
    || echo "note: could not install uv $uv_pin into $venv ($( (grep -m1 ERROR "$log" || tail -n1 "$log") | cut -c1-160));" \
            "installing with pip instead (slower)" >&2
  rm -f "$log"
fi
if [ -x "$uv" ]; then
  extra=()
  # --reinstall for the test lock: every wheel passes through uv's cache, which the Binder-like
  # test needs offline (hardlinked from the cache: seconds when the cache is warm).
  [ "${UV_REINSTALL:-}" = "1" ] && extra+=(--reinstall)
  pip_pin=$("$py" -c 'import ensurepip; print(ensurepip.version())' 2>/dev/null || true)
  [ -n "$pip_pin" ] && ! "$py" -m pip --version >/dev/null 2>&1 && extra+=("pip==$pip_pin")
  echo "installing $lock into $venv with uv (the first time downloads a few hundred MB)"
  "$uv" pip install --quiet --python "$py" "${extra[@]}" -r "$lock" -e .
else
  echo "installing $lock into $venv with pip (the first time downloads a few hundred MB)"
  has_pip
  "$py" -m pip install "${quiet[@]}" -r "$lock"
  "$py" -m pip install "${quiet[@]}" --no-deps -e .
fi
"$py" scripts/install_lab_settings.py
