"""The course map, Binder URL and repository hygiene."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from pharmacourse import course

ROOT = Path(__file__).resolve().parents[2]
SYLLABUS_SLUGS = [
    "00-start-here", "00a-python-primer", "01-kratom-and-evidence", "01x-selection-deeper",
    "02-drugs-meet-receptors",
    "03-dose-response", "03x-dose-response-deeper", "04-single-dose-pk", "05-repeated-dosing",
    "06-metabolism-and-interactions", "07-tolerance-and-withdrawal", "08-safety-and-regulation",
    "09-variability", "10-capstone",
]


def test_course_map_has_the_canonical_slugs_in_order():
    assert [x.slug for x in course.lessons()] == SYLLABUS_SLUGS


def test_unknown_slug_names_the_valid_ones():
    with pytest.raises(KeyError, match="valid slugs: 00-start-here"):
        course.lesson("03-dose-reponse")


def test_course_map_links_only_written_lessons(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "03-dose-response.ipynb").write_text("{}")
    table = course.course_map_markdown(root=tmp_path)
    assert "[Dose-response: potency, efficacy, partial agonists](03-dose-response.ipynb)" in table
    assert "Start here *(in preparation)*" in table


def test_readme_badge_opens_the_start_page():
    readme = (ROOT / "README.md").read_text()
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]+\)", readme).group(0)[1:-1]
    assert badge == course.binder_url("notebooks/00-start-here.ipynb")
    assert badge.endswith("?urlpath=lab/tree/notebooks/00-start-here.ipynb")
    assert (ROOT / "notebooks/00-start-here.ipynb").exists()


def test_error_report_links_use_the_configured_repository():
    for path in (ROOT / "notebooks/00-start-here.ipynb", ROOT / "CONTRIBUTING.md"):
        urls = re.findall(r"https://github\.com/[^\s)\"'>]+/issues/new", path.read_text())
        assert urls and set(urls) == {course.issues_url()}, (path, urls)


def test_ci_script_installs_chromium_requires_the_browser_and_runs_make_test():
    ci = (ROOT / ".ci/run").read_text()
    assert ci.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in ci
    assert "apt-get update" in ci and "apt-get install" in ci and "chromium" in ci
    assert "export REQUIRE_BROWSER=1" in ci
    assert ci.rstrip().endswith("make test")


def test_package_is_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "src", "scripts",
                             "solutions/keys"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_resources_show_plain_dates_and_say_when_unchecked():
    html = course.help_resources_html()
    assert "NaT" not in html and "00:00:00" not in html and "nan" not in html.lower().split()
    assert re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", html), "verified rows show a plain date"
    assert "<td>not checked here</td>" in html
    assert "https://" in html and "emergency" in html.lower()


def test_start_page_minutes_agree_with_the_course_map():
    text = (ROOT / "notebooks/00-start-here.ipynb").read_text()
    lessons = [x for x in course.lessons() if x.part > 0 and not x.optional]
    span = f"{min(x.minutes for x in lessons)}-{max(x.minutes for x in lessons)} minutes"
    assert span in text, f"the start page should give the lessons' span: {span}"
