"""nbgitpuller links in nbgitpuller's documented form:
``<hub>/hub/user-redirect/git-pull?repo=<url>&branch=<branch>&urlpath=<path>``, every value
URL-encoded, the clone in a folder named after the repository."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from pharmacourse import course
from pharmacourse.classroom.__main__ import main
from pharmacourse.classroom.link import pull_link


def _parts(link: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(link)
    query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
    return f"{parts.scheme}://{parts.netloc}{parts.path}", query


def test_a_lesson_link_at_a_tag() -> None:
    link = pull_link("https://hub.example.org/", lesson="03", ref="v1.0")
    base, query = _parts(link)
    assert base == "https://hub.example.org/hub/user-redirect/git-pull"
    name = course.repository().split("/")[1]
    assert query == {"repo": f"https://github.com/{course.repository()}", "branch": "v1.0",
                     "urlpath": f"lab/tree/{name}/notebooks/03-dose-response.ipynb"}
    assert "repo=https%3A%2F%2Fgithub.com%2F" in link  # values are encoded, as documented
    assert "urlpath=lab%2Ftree%2F" in link


def test_the_default_is_the_start_page_on_course_yml_branch() -> None:
    _, query = _parts(pull_link("https://hub.example.org/base", repository="me/fork",
                                branch="dev"))
    assert query == {"repo": "https://github.com/me/fork", "branch": "dev",
                     "urlpath": "lab/tree/fork/notebooks/00-start-here.ipynb"}
    base, query = _parts(pull_link("https://hub.example.org/base", lesson="04-single-dose-pk"))
    assert base == "https://hub.example.org/base/hub/user-redirect/git-pull"
    assert query["branch"] == course._config()["branch"]


def test_bad_input_is_named(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(ValueError, match="--lesson '99'"):
        pull_link("https://hub.example.org", lesson="99")
    assert main(["link", "--hub", "hub.example.org"]) == 2
    assert "--hub must be the hub's address" in capsys.readouterr().err
    assert main(["link", "--hub", "https://h.org", "--lesson", "02"]) == 0
    assert "02-drugs-meet-receptors.ipynb" in capsys.readouterr().out
