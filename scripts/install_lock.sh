#!/usr/bin/env bash
# Install one lock file and the course package into a venv: `install_lock.sh VENV LOCK`.
# Fast route: bootstrap uv (the version test.lock pins) into the venv with pip, then
# `uv pip install -r LOCK` (parallel downloads, hardlinks from its cache). If uv cannot be
# installed (no wheel for this platform, an old pip), fall back to pip, with a message.
# uv keeps its cache in $UV_CACHE_DIR (the Makefile points it at .venv/uv-cache); the Binder-like
# test builds its offline venv from that cache.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=$1 lock=$2
py=$venv/bin/python
uv=$venv/bin/uv
quiet=(--quiet --disable-pip-version-check)
uv_pin=$(sed -n 's/^uv==\([^ ;]*\).*/\1/p' requirements/test.lock)
if [ ! -x "$uv" ] || [ "$("$uv" --version 2>/dev/null | cut -d' ' -f2)" != "$uv_pin" ]; then
  "$py" -m pip install "${quiet[@]}" "uv==$uv_pin" \
    || echo "note: could not install uv $uv_pin into $venv; installing with pip instead (slower)" >&2
fi
if [ -x "$uv" ]; then
  # --reinstall for the test lock: every wheel passes through uv's cache, which the Binder-like
  # test needs offline (hardlinked from the cache: seconds when the cache is warm).
  reinstall=()
  [ "${UV_REINSTALL:-}" = "1" ] && reinstall=(--reinstall)
  "$uv" pip install --quiet --python "$py" "${reinstall[@]}" -r "$lock"
  "$uv" pip install --quiet --python "$py" --no-deps -e .
else
  "$py" -m pip install "${quiet[@]}" -r "$lock"
  "$py" -m pip install "${quiet[@]}" --no-deps -e .
fi
"$py" scripts/install_lab_settings.py
