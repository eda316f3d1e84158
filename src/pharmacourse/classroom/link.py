"""nbgitpuller links: one click pulls the course into a learner's home on a JupyterHub.

The link has nbgitpuller's documented form
``<hub>/hub/user-redirect/git-pull?repo=<git URL>&branch=<branch>&urlpath=<where to open>``
(every value URL-encoded). nbgitpuller clones into a folder named after the repository and,
on later clicks, merges new commits without overwriting the learner's own edits.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from pharmacourse import course


def pull_link(hub: str, lesson: str | None = None, ref: str | None = None,
              repository: str | None = None, branch: str | None = None) -> str:
    """The nbgitpuller link for the published repository (``course.yml``).

    Args:
        hub: the hub's address, e.g. ``https://hub.example.org`` (with any base path).
        lesson: a lesson number (``03``) or slug; the link opens that lesson's notebook,
            else the start page.
        ref: a tag (or branch) to pull instead of ``course.yml``'s branch (pin a class to a tag).
    """
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--hub must be the hub's address starting with https://, got {hub!r}")
    repository = repository or course.repository()
    branch = ref or branch or str(course._config()["branch"])
    if lesson is None:
        slug = "00-start-here"
    else:
        found = [x for x in course.lessons() if lesson in (x.number, x.slug)]
        if not found:
            valid = ", ".join(x.number for x in course.lessons())
            raise ValueError(f"--lesson {lesson!r} is not in course.yml; lesson numbers: {valid}")
        slug = found[0].slug
    folder = repository.split("/")[-1]
    query = urlencode({"repo": f"https://github.com/{repository}", "branch": branch,
                       "urlpath": f"lab/tree/{folder}/notebooks/{slug}.ipynb"},
                      quote_via=quote, safe="")
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"
