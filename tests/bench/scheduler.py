"""Benchmark of the meeting scheduler: `python -m tests.bench.scheduler [--jair]
[--anytime 1,2,5,10] [--generated S,M,L] [--exact] [--polish STEPS] [--time-limit S]
[--jair-seeds N] [--jair-exact SECONDS] [--jair-runs SECONDS] [--variants [SECONDS]]
[--large L --large-seeds 1,2,3]` (the last two in `scheduler_large`).
Prints markdown tables; see tests/bench/README-scheduler.md for the latest run. The CP-SAT
models are in `exact`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script (python tests/bench/scheduler.py): make the project importable.
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from matchmaking.scheduling import Instance, parse_instance, solve, violations
from matchmaking.scheduling.bounds import placed_bound
from matchmaking.scheduling.core import Problem
from matchmaking.scheduling.firstfit import first_fit
from matchmaking.scheduling.generator import generate, generate_size
from tests.bench.exact import exact_runs, exact_solve
from tests.bench.scheduler_large import bench_large, bench_variants

# The shared folder lies beside the repository (../shared), as on CI.
JAIR_DIR = Path(
    os.environ.get("PONTE_JAIR_DIR", Path(__file__).resolve().parents[3] / "shared/bench/jair")
)
JAIR_OPTIMUM = {
    "forum-13": 0, "forum-13crafb": 6, "forum-13crafc": 1, "forum-14": 2, "forumt-14": 5,
    "forumt-14crafc": 5, "forumt-14crafd": 4, "forumt-14crafe": 5, "ticf-13crafa": 0,
    "ticf-13crafb": 3, "tic-12": 0, "tic-12crafc": 0, "tic-13": 0, "tic-13crafb": 0,
    "tic-13crafc": 4, "tic-14crafa": 0, "tic-14crafc": 0, "tic-14crafd": 0,
    "ticf-13crafc": 1, "ticf-14crafa": 0,
}  # fmt: skip


def _check(instance: Instance, placements: dict[Any, Any]) -> None:
    wrong = violations(instance, placements)
    if wrong:
        raise SystemExit(f"{instance.name}: invalid schedule: {wrong[0]}")


def bench_jair(seed: int, time_limit: float | None, polish: int | None = None) -> None:
    """The 20 JAIR instances: breaks, the lower bound the scheduler proves, CPU time, first-fit.

    With the defaults (`time_limit` None, `polish` None) this is the command line's and the
    Celery task's rule: the SAT phase until proved optimal, within the default CPU budget.
    """
    print(
        "| instance | meetings | placed | breaks | lower bound | proved | optimum | spread "
        "| CPU s | wall s | FF unplaced | FF breaks |"
    )
    print("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0, 0, 0]
    worst_time = 0.0
    worst_spread = 0
    proved = 0
    for path in sorted(JAIR_DIR.glob("*.json")):
        instance = parse_instance(json.loads(path.read_text()))
        start, cpu = time.perf_counter(), time.process_time()
        schedule = solve(instance, time_limit=time_limit, seed=seed, polish=polish)
        seconds = time.process_time() - cpu
        wall = time.perf_counter() - start
        _check(instance, schedule.placements)
        ff = first_fit(instance)
        st = schedule.stats
        optimum = JAIR_OPTIMUM.get(path.stem, -1)
        worst_time = max(worst_time, seconds)
        worst_spread = max(worst_spread, st.break_spread)
        proved += st.optimal
        low = "" if st.lower_bound is None else st.lower_bound
        print(
            f"| {path.stem} | {len(instance.meetings)} | {st.placed} | {st.breaks} | {low} "
            f"| {'yes' if st.optimal else 'no'} | {optimum} | {st.break_spread} | {seconds:.2f} "
            f"| {wall:.2f} | {ff.stats.unplaced} | {ff.stats.breaks} |"
        )
        for i, v in enumerate(
            (len(instance.meetings), st.placed, st.breaks, st.lower_bound or 0, optimum)
        ):
            totals[i] += v
        totals[5] += ff.stats.unplaced
        totals[6] += ff.stats.breaks
    print(
        f"| **total** | {totals[0]} | {totals[1]} | {totals[2]} | {totals[3]} | {proved} of 20 "
        f"| {totals[4]} | max {worst_spread} | max {worst_time:.2f} | | {totals[5]} "
        f"| {totals[6]} |"
    )


def bench_anytime(seed: int, budgets: list[float]) -> None:
    """Total JAIR breaks (and instances proved optimal) at each CPU budget, beside first-fit."""
    names = sorted(JAIR_DIR.glob("*.json"))
    heads = " | ".join(f"{b:g} s" for b in budgets)
    print(f"| instance | optimum | {heads} | FF breaks |")
    print("|---|---:|" + "---:|" * len(budgets) + "---:|")
    totals = [0] * len(budgets)
    proved = [0] * len(budgets)
    slowest = [0.0] * len(budgets)
    ff_total = 0
    for path in names:
        instance = parse_instance(json.loads(path.read_text()))
        cells = []
        for i, budget in enumerate(budgets):
            cpu = time.process_time()
            schedule = solve(instance, time_limit=budget, seed=seed, polish=None)
            slowest[i] = max(slowest[i], time.process_time() - cpu)
            _check(instance, schedule.placements)
            st = schedule.stats
            totals[i] += st.breaks
            proved[i] += st.optimal
            cells.append(f"{st.breaks}{'*' if st.optimal else ''}")
        ff = first_fit(instance).stats.breaks
        ff_total += ff
        print(f"| {path.stem} | {JAIR_OPTIMUM.get(path.stem, -1)} | {' | '.join(cells)} | {ff} |")
    print(
        f"| **total** | {sum(JAIR_OPTIMUM.values())} | {' | '.join(map(str, totals))} "
        f"| {ff_total} |"
    )
    print(f"| proved optimal (*) | | {' | '.join(f'{p} of 20' for p in proved)} | |")
    print(f"| slowest CPU s | | {' | '.join(f'{s:.2f}' for s in slowest)} | |")


def bench_jair_seeds(count: int, time_limit: float | None, polish: int | None = None) -> None:
    """Mean breaks per JAIR instance over solver seeds 0..count-1 (one seed's total varies)."""
    print("| instance | optimum | mean breaks | min | max | max spread | max CPU s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    total = 0.0
    lows = highs = 0
    worst_time = 0.0
    for path in sorted(JAIR_DIR.glob("*.json")):
        instance = parse_instance(json.loads(path.read_text()))
        breaks = []
        spread = 0
        slowest = 0.0
        for seed in range(count):
            cpu = time.process_time()
            schedule = solve(instance, time_limit=time_limit, seed=seed, polish=polish)
            slowest = max(slowest, time.process_time() - cpu)
            _check(instance, schedule.placements)
            if schedule.stats.unplaced:
                raise SystemExit(f"{path.stem} seed {seed}: {schedule.stats.unplaced} unplaced")
            breaks.append(schedule.stats.breaks)
            spread = max(spread, schedule.stats.break_spread)
        mean = sum(breaks) / count
        total += mean
        lows += min(breaks)
        highs += max(breaks)
        worst_time = max(worst_time, slowest)
        print(
            f"| {path.stem} | {JAIR_OPTIMUM.get(path.stem, -1)} | {mean:.2f} | {min(breaks)} "
            f"| {max(breaks)} | {spread} | {slowest:.2f} |"
        )
    print(
        f"| **total** | {sum(JAIR_OPTIMUM.values())} | {total:.2f} | {lows} | {highs} | "
        f"| max {worst_time:.2f} |"
    )


def bench_jair_exact(time_limit: float) -> None:
    """CP-SAT on the JAIR instances, warm-started with our schedule: can it close the gap?"""
    print(
        f"| instance | optimum | ours | CP-SAT breaks ({time_limit:g} s per stage) "
        "| CP-SAT status | CP-SAT bound |"
    )
    print("|---|---:|---:|---:|---|---:|")
    totals = [0, 0, 0]
    for path in sorted(JAIR_DIR.glob("*.json")):
        instance = parse_instance(json.loads(path.read_text()))
        ours = solve(instance)
        optimum = JAIR_OPTIMUM.get(path.stem, -1)
        exact = exact_solve(instance, time_limit, hint=ours.placements)
        if exact["status"] == "unknown":
            print(f"| {path.stem} | {optimum} | {ours.stats.breaks} | | unknown | |")
            continue
        print(
            f"| {path.stem} | {optimum} | {ours.stats.breaks} | {exact['breaks']} "
            f"| {exact['status']} | {exact['breaks_bound']} |"
        )
        for i, v in enumerate((optimum, ours.stats.breaks, exact["breaks"])):
            totals[i] += v
    print(f"| **total** | {totals[0]} | {totals[1]} | {totals[2]} | | |")


def bench_jair_runs(time_limit: float) -> None:
    """CP-SAT with run variables (`exact.exact_runs`) on the JAIR instances.

    Lower bound: each participant with no possible run has a break, and one more break when
    the model proves that the others cannot all have none.
    """
    print("| instance | optimum | ours | lower bound | CP-SAT with runs | status | seconds |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for path in sorted(JAIR_DIR.glob("*.json")):
        instance = parse_instance(json.loads(path.read_text()))
        ours = solve(instance).stats.breaks
        got = exact_runs(instance, time_limit)
        low = got["forced"] + (got["status"] == "infeasible")
        print(
            f"| {path.stem} | {JAIR_OPTIMUM.get(path.stem, -1)} | {ours} | {low} "
            f"| {got.get('breaks', '')} | {got['status']} | {got['seconds']:.1f} |"
        )


def _run_generated(size: str, seed: int, time_limit: float | None) -> dict[str, Any]:
    # Runs in a fresh process so that peak memory (ru_maxrss) belongs to this instance alone.
    instance = generate_size(size, seed=seed)
    start, cpu = time.perf_counter(), time.process_time()
    schedule = solve(instance, time_limit=time_limit, seed=seed)
    seconds = time.process_time() - cpu
    wall = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _check(instance, schedule.placements)
    ff = first_fit(instance)
    bound = placed_bound(Problem(instance))
    return {
        "meetings": len(instance.meetings),
        "people": len(instance.participants),
        "slots": len(instance.slots),
        "tables": instance.slots[0].capacity,
        "bound": bound,
        "placed": schedule.stats.placed,
        "weight": schedule.stats.weight,
        "breaks": schedule.stats.breaks,
        "spread": schedule.stats.break_spread,
        "seconds": seconds,
        "wall": wall,
        "peak_mb": peak_mb,
        "ff_placed": ff.stats.placed,
        "ff_weight": ff.stats.weight,
        "ff_breaks": ff.stats.breaks,
    }


def bench_generated(sizes: list[str], seeds: list[int], time_limit: float | None) -> None:
    """Generated events of sizes S/M/L: placed against the upper bound, time, memory, first-fit."""
    print(
        "| event | people | meetings | slots × tables | upper bound | placed | % of bound "
        "| weight | breaks | spread | CPU s | wall s | peak MB | FF placed | FF % | FF weight "
        "| FF breaks |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ctx = multiprocessing.get_context("spawn")
    for size in sizes:
        for seed in seeds:
            with ctx.Pool(1) as pool:
                r = pool.apply(_run_generated, (size, seed, time_limit))
            pct = 100 * r["placed"] / max(1, r["bound"])
            ff_pct = 100 * r["ff_placed"] / max(1, r["bound"])
            print(
                f"| {size} seed {seed} | {r['people']} | {r['meetings']} "
                f"| {r['slots']} × {r['tables']} | {r['bound']} | {r['placed']} | {pct:.2f} "
                f"| {r['weight']:g} | {r['breaks']} | {r['spread']} | {r['seconds']:.2f} "
                f"| {r['wall']:.2f} | {r['peak_mb']:.0f} | {r['ff_placed']} | {ff_pct:.2f} "
                f"| {r['ff_weight']:g} "
                f"| {r['ff_breaks']} |"
            )


def bench_exact(count: int, seed: int, time_limit: float) -> None:
    """Small dense generated events: the heuristic against CP-SAT's lexicographic optimum."""
    print(
        "| event | people | meetings | slots | CP-SAT | opt placed | opt weight | opt breaks "
        "| placed | weight | breaks | verdict |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|")
    rng = random.Random(seed)
    misses = 0
    for k in range(count):
        # One day of two 4- or 6-slot half-days, about 5 meetings each, so breaks matter and
        # CP-SAT can still prove optimality.
        large = k >= count // 2
        people = rng.randint(14, 20) if large else rng.randint(8, 12)
        meetings = rng.randint(2 * people, 5 * people // 2)
        block = 6 if large else 4
        instance = generate(people, meetings, seed=seed + k, days=1, block_size=block)
        ours = solve(instance, seed=seed)
        st = ours.stats
        opt = exact_solve(instance, time_limit, hint=ours.placements)
        if opt["status"] == "unknown":
            print(f"| {instance.name} | {people} | {len(instance.meetings)} | 8 | unknown |")
            misses += 1
            continue
        ok_weight = st.weight >= opt["weight"] - 1e-9 and st.placed >= opt["placed"]
        ok_breaks = st.breaks <= opt["breaks"] * 1.1 + 1e-9
        verdict = "ok" if ok_weight and ok_breaks else "MISS"
        if opt["status"] != "optimal" or not opt["weight_optimal"]:
            verdict += f" (not proven; break bound {opt['breaks_bound']})"
        misses += not verdict.startswith("ok")
        print(
            f"| {instance.name} | {people} | {len(instance.meetings)} | {len(instance.slots)} "
            f"| {opt['status']} | {opt['placed']} | {opt['weight']:g} | {opt['breaks']} "
            f"| {st.placed} | {st.weight:g} | {st.breaks} | {verdict} |"
        )
    print(
        f"\n{count - misses} of {count} match the optimum's placed weight and count and are "
        "within 10% of its breaks."
    )


def main(argv: list[str] | None = None) -> int:
    """Parse options and print the chosen tables."""
    parser = argparse.ArgumentParser(prog="python -m tests.bench.scheduler")
    parser.add_argument("--jair", action="store_true", help="the 20 JAIR instances")
    parser.add_argument("--generated", default="", help="sizes to generate, e.g. S,M,L")
    parser.add_argument("--seeds", default="1", help="generator seeds, e.g. 1,2,3")
    parser.add_argument("--exact", type=int, nargs="?", const=12, default=0, help="CP-SAT cases")
    parser.add_argument("--seed", type=int, default=0, help="solver seed")
    parser.add_argument(
        "--jair-seeds", type=int, default=0, help="JAIR mean breaks over solver seeds 0..N-1"
    )
    parser.add_argument(
        "--jair-exact", type=float, default=0, help="CP-SAT on the JAIR set, seconds per stage"
    )
    parser.add_argument(
        "--jair-runs", type=float, default=0, help="CP-SAT with run variables, seconds each"
    )
    parser.add_argument(
        "--anytime", default="", help="JAIR total breaks at these CPU budgets, e.g. 1,2,5,10"
    )
    parser.add_argument(
        "--polish",
        type=int,
        default=None,
        metavar="STEPS",
        help="cap on the SAT phase's steps in the JAIR tables (default: until proved optimal "
        "or out of time, as the command line; 0: annealing only)",
    )
    parser.add_argument(
        "--time-limit", type=float, default=None, help="CPU seconds (default: solve's default)"
    )
    parser.add_argument("--exact-time-limit", type=float, default=60.0)
    parser.add_argument(
        "--variants",
        type=float,
        nargs="?",
        const=10.0,
        default=0,
        metavar="SECONDS",
        help="JAIR forbidden-slot and fixed-meeting variants at this CPU budget (default 10)",
    )
    parser.add_argument(
        "--variants-exact",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="budget of the longer run that proves a variant's optimum when the first did not",
    )
    parser.add_argument("--large", default="", help="sizes with and without phase 3, e.g. M,L")
    parser.add_argument("--large-seeds", default="1,2,3", help="generator seeds for --large")
    args = parser.parse_args(argv)
    chosen = (args.jair, args.generated, args.exact, args.jair_seeds, args.jair_exact)
    if not any(chosen) and not (args.jair_runs or args.anytime or args.variants or args.large):
        args.jair, args.anytime, args.generated, args.exact = True, "1,2,5,10", "S,M,L", 12
        args.variants, args.large = 10.0, "L"
    cores = os.cpu_count()
    print(f"Machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}")
    print(
        f"Load average at start: {os.getloadavg()[0]:.1f} (wall times include waiting for a core)"
    )
    if args.jair:
        print("\n### JAIR instances\n")
        bench_jair(args.seed, args.time_limit, args.polish)
    if args.anytime:
        print("\n### JAIR anytime curve: total breaks at each CPU budget (* proved optimal)\n")
        bench_anytime(args.seed, [float(b) for b in args.anytime.split(",")])
    if args.jair_seeds:
        print(f"\n### JAIR instances, solver seeds 0 to {args.jair_seeds - 1}\n")
        bench_jair_seeds(args.jair_seeds, args.time_limit, args.polish)
    if args.jair_exact:
        print("\n### CP-SAT on the JAIR instances, warm-started with our schedule\n")
        bench_jair_exact(args.jair_exact)
    if args.jair_runs:
        print("\n### CP-SAT with run variables on the JAIR instances\n")
        bench_jair_runs(args.jair_runs)
    if args.generated:
        print("\n### Generated events\n")
        seeds = [int(s) for s in args.seeds.split(",")]
        bench_generated(args.generated.split(","), seeds, args.time_limit)
    if args.variants:
        print(f"\n### JAIR variants at {args.variants:g} s CPU\n")
        bench_variants(JAIR_DIR, args.seed, args.variants, args.variants_exact)
    if args.large:
        print("\n### Large events: phase 3 on neighbourhoods\n")
        bench_large(args.large.split(","), [int(s) for s in args.large_seeds.split(",")])
    if args.exact:
        print("\n### Exact reference (CP-SAT) on small generated events\n")
        bench_exact(args.exact, args.seed + 100, args.exact_time_limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
