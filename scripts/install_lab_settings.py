"""Install the course's JupyterLab setting overrides into the running environment.

Copies config/jupyterlab-overrides.json to <sys.prefix>/share/jupyter/lab/settings/overrides.json
(where JupyterLab reads application-wide defaults): no "Jupyter news?" pop-up, no update check,
and the default kernel starts without a "Select Kernel" dialog. Used by `make lab`/`make test`
and by Binder's postBuild, so every route gives learners the same quiet start.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "config" / "jupyterlab-overrides.json"


def main(prefix: str = sys.prefix) -> Path:
    target = Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, target)
    return target


if __name__ == "__main__":
    print(f"installed {main()}")
