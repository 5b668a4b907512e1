"""Command line: `python -m matchmaking.scheduling solve INSTANCE.json [--time-limit S]
[--polish STEPS]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn

from .model import InstanceError, parse_instance, schedule_to_dict
from .solver import solve


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line on stderr and exit 2, like every other input error of this command.
        self.exit(2, f"error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m matchmaking.scheduling", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("solve", help="schedule an instance and print the placement JSON")
    run.add_argument("instance", help="instance JSON file (see tests/bench/README-scheduler.md)")
    run.add_argument(
        "--time-limit",
        type=float,
        default=None,
        help="CPU seconds (default: 4 plus 1 per 12 meetings, at most 60); the search stops "
        "sooner when the schedule is proved optimal",
    )
    run.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    run.add_argument(
        "--polish",
        type=int,
        default=None,
        metavar="STEPS",
        help="at most STEPS steps of the SAT phase that removes breaks and proves a lower "
        "bound (default: until proved optimal or out of time; 0: no SAT phase)",
    )
    run.add_argument("--no-stats", action="store_true", help="leave the stats object out")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; return the exit code (0 done, 2 bad input)."""
    args = _parser().parse_args(argv)
    if args.time_limit is not None and args.time_limit <= 0:
        return _error("--time-limit must be positive")
    if args.polish is not None and args.polish < 0:
        return _error("--polish cannot be negative")
    try:
        with open(args.instance, encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return _error(f"no such file: {args.instance}")
    except (OSError, UnicodeDecodeError) as exc:
        return _error(f"cannot read {args.instance}: {exc}")
    except json.JSONDecodeError as exc:
        return _error(f"{args.instance} is not valid JSON: {exc}")
    except RecursionError:
        return _error(f"{args.instance} is nested too deeply to be an instance")
    try:
        instance = parse_instance(data)
    except InstanceError as exc:
        return _error(f"{args.instance}: {exc}")
    schedule = solve(instance, time_limit=args.time_limit, seed=args.seed, polish=args.polish)
    json.dump(schedule_to_dict(schedule, with_stats=not args.no_stats), sys.stdout)
    sys.stdout.write("\n")
    return 0


def _error(message: str) -> int:
    sys.stderr.write(f"error: {message}\n")
    return 2


if __name__ == "__main__":
    sys.exit(main())
