"""``python -m pharmacourse.classroom report EXPORTS... --out DIR`` and ``... link --hub URL``."""

from __future__ import annotations

import argparse
import sys
import warnings

from pharmacourse.classroom.reading import ClassroomWarning


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pharmacourse.classroom",
                                     description="Tools for instructors (docs/instructor-guide.md)")
    sub = parser.add_subparsers(dest="command", required=True)
    rep = sub.add_parser("report", help="write DIR/index.html from learners' quiz exports")
    rep.add_argument("exports", nargs="+", help="export CSV files or folders of them "
                     "(a class folder, PHARMACOURSE_CLASS_DIR)")
    rep.add_argument("--out", required=True, help="folder for index.html and its figures")
    rep.add_argument("--code", help="only this class's files in a class folder (CODE--*.csv)")
    link = sub.add_parser("link", help="print the nbgitpuller link for a JupyterHub")
    link.add_argument("--hub", required=True, help="the hub's address, https://...")
    link.add_argument("--lesson", help="lesson number or slug to open (default: start page)")
    link.add_argument("--ref", help="a tag or branch to pull (default: course.yml's branch)")
    args = parser.parse_args(argv)
    if args.command == "link":
        from pharmacourse.classroom.link import pull_link

        try:
            print(pull_link(args.hub, args.lesson, args.ref))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        return 0
    from pharmacourse.classroom import report

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ClassroomWarning)
        page = report(args.exports, args.out, args.code)
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    print(f"wrote {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
