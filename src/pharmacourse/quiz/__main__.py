"""Command line: ``python -m pharmacourse.quiz validate|lint [BANK.yml ...]``, ``export [FILE]``.

``validate`` and ``lint`` with no files check every bank in the quiz folder; exit status 1 on any
fault (``lint``: any give-away, see :mod:`pharmacourse.quiz.lint`). ``export`` writes every
recorded attempt and prediction event to a CSV file (default ``quiz-results.csv``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pharmacourse import quiz


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pharmacourse.quiz")
    sub = parser.add_subparsers(dest="command", required=True)
    val = sub.add_parser("validate", help="validate quiz banks (all of quizzes/ by default)")
    val.add_argument("banks", nargs="*", type=Path)
    lint = sub.add_parser("lint", help="report give-aways in banks (all of quizzes/ by default)")
    lint.add_argument("banks", nargs="*", type=Path)
    exp = sub.add_parser("export", help="write every attempt and prediction event to a CSV file")
    exp.add_argument("csv", type=Path, nargs="?", default=Path("quiz-results.csv"))
    args = parser.parse_args(argv)
    if args.command == "export":
        print(f"wrote {quiz.export_csv(args.csv)}")
        return 0
    paths = args.banks or sorted(quiz.quiz_dir().glob("*.yml"))
    if args.command == "lint":
        from pharmacourse.quiz import lint as linter

        return linter.main(paths)
    failed = 0
    for path in paths:
        try:
            bank = quiz.validate(path)
        except quiz.QuizBankError as exc:
            failed += 1
            print(f"FAIL {exc}", file=sys.stderr)
            continue
        n = len(bank.questions)
        print(f"ok   {path}: {len(bank.sections)} section(s), {n} question(s)")
    if not paths:
        print("no banks found", file=sys.stderr)
        return 1
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
