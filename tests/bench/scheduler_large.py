"""Benchmark sections of `tests.bench.scheduler` for JAIR variants and large events.

`bench_variants`: forbidden-slot and fixed-meeting variants of the 20 JAIR instances
(`matchmaking.scheduling.variants`), each made from the annealing's placement of the original
(every meeting placed, deterministic), seed 1; the scheduler at a CPU budget against first-fit
and against the optimum the scheduler's SAT probes prove in a longer run.

`bench_large`: generated events, each solved in a fresh process (peak memory belongs to one
solve) with phase 3 (the neighbourhood SAT of `large`, the command line's rule) and without it
(phase 2 only, the schedule before phase 3 ran on large events), beside first-fit.
"""

from __future__ import annotations

import json
import multiprocessing
import resource
import time
from pathlib import Path
from typing import Any

from matchmaking.scheduling import Instance, parse_instance, solve, violations
from matchmaking.scheduling.firstfit import first_fit
from matchmaking.scheduling.generator import generate_size
from matchmaking.scheduling.variants import fix_meetings, forbid_slots

VARIANT_SEED = 1


def _check(instance: Instance, placements: dict[Any, Any]) -> None:
    wrong = violations(instance, placements)
    if wrong:
        raise SystemExit(f"{instance.name}: invalid schedule: {wrong[0]}")


def variants(jair_dir: Path) -> list[Instance]:
    """The 40 variants, in file order: forbidden slots, then fixed meetings, per instance."""
    out = []
    for path in sorted(jair_dir.glob("*.json")):
        instance = parse_instance(json.loads(path.read_text()))
        # Phases 1 and 2 only, with no deadline in reach: the same placement on every machine.
        reference = solve(instance, seed=0, polish=0, time_limit=10_000)
        if reference.stats.unplaced:
            raise SystemExit(f"{path.stem}: the reference placement leaves meetings unplaced")
        out.append(forbid_slots(instance, reference.placements, seed=VARIANT_SEED))
        out.append(fix_meetings(instance, reference.placements, seed=VARIANT_SEED))
    return out


def bench_variants(jair_dir: Path, seed: int, budget: float, exact_budget: float) -> None:
    """Each variant at `budget` CPU seconds; the optimum from a run of `exact_budget` seconds
    where the first run did not prove its own (blank when neither proves it)."""
    print(
        "| variant | meetings | changed | placed | breaks | lower bound | optimum | ≤ 1.1 × opt "
        "| spread | CPU s | FF placed | FF breaks |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0, 0]
    within = known = 0
    worst = 0.0
    for instance in variants(jair_dir):
        cpu = time.process_time()
        got = solve(instance, seed=seed, polish=None, time_limit=budget)
        seconds = time.process_time() - cpu
        worst = max(worst, seconds)
        _check(instance, got.placements)
        st = got.stats
        lower, best = st.lower_bound or 0, st.breaks
        if not st.optimal and exact_budget > 0:
            longer = solve(instance, seed=seed, polish=None, time_limit=exact_budget)
            _check(instance, longer.placements)
            lower = max(lower, longer.stats.lower_bound or 0)
            best = min(best, longer.stats.breaks)
        optimum = best if best <= lower else None
        ff = first_fit(instance).stats
        if "-forbid" in instance.name:
            changed = sum(len(p.unavailable) for p in instance.participants)
        else:
            changed = sum(m.fixed is not None for m in instance.meetings)
        ok = ""
        if optimum is not None:
            known += 1
            good = st.breaks <= 1.1 * optimum
            within += good
            ok = "yes" if good else "no"
        print(
            f"| {instance.name} | {len(instance.meetings)} | {changed} | {st.placed} "
            f"| {st.breaks} | {lower} | {'' if optimum is None else optimum} | {ok} "
            f"| {st.break_spread} | {seconds:.2f} | {ff.placed} | {ff.breaks} |"
        )
        for i, v in enumerate(
            (len(instance.meetings), st.placed, st.breaks, lower, ff.placed, ff.breaks)
        ):
            totals[i] += v
    print(
        f"| **total** | {totals[0]} | | {totals[1]} | {totals[2]} | {totals[3]} | "
        f"| {within} of {known} | | max {worst:.2f} | {totals[4]} | {totals[5]} |"
    )


def _run_large(size: str, seed: int, polish: int | None) -> dict[str, Any]:
    # In a fresh process, so that ru_maxrss is this solve's peak (with the event's generation).
    instance = generate_size(size, seed=seed)
    cpu = time.process_time()
    schedule = solve(instance, seed=seed, polish=polish)
    seconds = time.process_time() - cpu
    _check(instance, schedule.placements)
    st = schedule.stats
    ff = None
    if polish is None:
        ff = first_fit(instance).stats
    return {
        "people": len(instance.participants),
        "meetings": len(instance.meetings),
        "placed": st.placed,
        "breaks": st.breaks,
        "lower": st.lower_bound,
        "spread": st.break_spread,
        "max": st.max_breaks,
        "seconds": seconds,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "ff": None if ff is None else (ff.placed, ff.breaks, ff.break_spread),
    }


def bench_large(sizes: list[str], seeds: list[int]) -> None:
    """Large generated events with and without phase 3 (solver seed = generator seed)."""
    print(
        "| event | people | meetings | placed | breaks | lower bound | spread | max breaks "
        "| CPU s | peak MB | phase 2 only: breaks | spread | CPU s | peak MB "
        "| FF placed | FF breaks | FF spread |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ctx = multiprocessing.get_context("spawn")
    for size in sizes:
        for seed in seeds:
            runs = {}
            for polish in (None, 0):
                with ctx.Pool(1) as pool:
                    runs[polish] = pool.apply(_run_large, (size, seed, polish))
            r, a = runs[None], runs[0]
            ff = r["ff"]
            print(
                f"| {size} seed {seed} | {r['people']} | {r['meetings']} | {r['placed']} "
                f"| {r['breaks']} | {'' if r['lower'] is None else r['lower']} | {r['spread']} "
                f"| {r['max']} | {r['seconds']:.2f} | {r['peak_mb']:.0f} | {a['breaks']} "
                f"| {a['spread']} | {a['seconds']:.2f} | {a['peak_mb']:.0f} | {ff[0]} | {ff[1]} "
                f"| {ff[2]} |"
            )
