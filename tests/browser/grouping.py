"""Which browser tests share one worker, and in what order the workers take them.

pytest-xdist 3.8's ``--dist loadgroup`` groups tests by rewriting their node ids (``@group``);
on pytest 9.2 that rewrite no longer takes effect, so the ``xdist_group`` marks were silently
ignored (pytest-dev/pytest-xdist#1386, open): the static site was built and audited on both
workers, and so was the Binder-like environment. ``conftest.py`` therefore installs
:class:`ByModuleGroup`, which groups by test module, read from the node id itself.

Order: the largest groups are handed out first, so neither worker is left alone with a long
group at the end (``order``).
"""

from __future__ import annotations

from pathlib import PurePosixPath

#: Test modules whose tests must run on one worker (they share a module fixture that is costly
#: to build), largest first. The modules also carry ``pytest.mark.xdist_group`` for the day
#: pytest-xdist groups by mark again.
ONE_WORKER_MODULES = ("test_site.py", "test_binder.py")


def _module(nodeid: str) -> str:
    """The file name of a node id's test module (``a/test_site.py::t``: test_site.py)."""
    return PurePosixPath(nodeid.split("::", 1)[0]).name


def group_of(nodeid: str) -> str:
    """The work unit of a test: its module for ``ONE_WORKER_MODULES``, else the test itself."""
    module = _module(nodeid)
    return f"module:{module}" if module in ONE_WORKER_MODULES else nodeid


def order(nodeids: list[str]) -> list[str]:
    """The one-worker modules first (in ``ONE_WORKER_MODULES`` order), then the rest as
    collected."""
    def rank(item: tuple[int, str]) -> tuple[int, int]:
        index, nodeid = item
        module = _module(nodeid)
        first = ONE_WORKER_MODULES.index(module) if module in ONE_WORKER_MODULES else None
        return (0, first) if first is not None else (1, index)

    return [nodeid for _, nodeid in sorted(enumerate(nodeids), key=rank)]


def make_scheduler(config, log):
    """A ``LoadScopeScheduling`` whose scope is :func:`group_of` (for the hook
    ``pytest_xdist_make_scheduler``)."""
    from xdist.scheduler import LoadScopeScheduling

    class ByModuleGroup(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return ByModuleGroup(config, log)
