"""Known answers: König's edge-colouring theorem, brute force on tiny instances, first-fit."""

from __future__ import annotations

import itertools
import random

from matchmaking.scheduling import Instance, Meeting, Participant, Slot, solve, violations
from matchmaking.scheduling.bounds import placed_bound
from matchmaking.scheduling.core import Problem
from matchmaking.scheduling.evaluate import breaks_per_participant
from matchmaking.scheduling.firstfit import first_fit
from matchmaking.scheduling.generator import generate


def _bipartite(seed: int, left: int, right: int, edges: int) -> tuple[Instance, int]:
    rng = random.Random(seed)
    pairs = sorted({(rng.randrange(left), left + rng.randrange(right)) for _ in range(edges)})
    degree = [0] * (left + right)
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
    delta = max(degree)
    slots = tuple(Slot(s, 0, len(pairs)) for s in range(delta))
    people = tuple(Participant(p) for p in range(left + right))
    meetings = tuple(Meeting(k, pair) for k, pair in enumerate(pairs))
    return Instance(slots, people, meetings, f"bipartite-{seed}"), delta


def test_solve_places_bipartite_instance_in_max_degree_slots() -> None:
    for seed in range(12):
        instance, _ = _bipartite(seed, 12, 10, 70)
        schedule = solve(instance, time_limit=10, seed=seed)
        assert schedule.unplaced == ()
        assert violations(instance, schedule.placements) == []


def _tiny(seed: int) -> Instance:
    rng = random.Random(seed)
    n_slots = rng.randint(2, 4)
    cut = rng.randint(1, n_slots)
    slots = tuple(Slot(s, int(s >= cut), rng.randint(1, 2)) for s in range(n_slots))
    people = tuple(
        Participant(p, tuple(s for s in range(n_slots) if rng.random() < 0.15)) for p in range(4)
    )
    meetings = []
    for k in range(rng.randint(3, 5)):
        pair = tuple(rng.sample(range(4), 2))
        allowed = None if rng.random() < 0.7 else tuple(rng.sample(range(n_slots), 2))
        meetings.append(Meeting(k, pair, allowed, None, rng.choice((1, 1, 2))))
    return Instance(slots, people, tuple(meetings), f"tiny-{seed}")


def _brute_force(instance: Instance) -> tuple[float, int]:
    """Best weight, and fewest breaks among placements of that weight."""
    choices = [None, *(s.id for s in instance.slots)]
    best = (-1.0, 0)
    for combo in itertools.product(choices, repeat=len(instance.meetings)):
        pairs = zip(instance.meetings, combo, strict=True)
        placements = {m.id: s for m, s in pairs if s is not None}
        if violations(instance, placements):
            continue
        weight = sum(m.weight for m in instance.meetings if m.id in placements)
        breaks = sum(breaks_per_participant(instance, placements).values())
        if weight > best[0] or (weight == best[0] and breaks < best[1]):
            best = (weight, breaks)
    return best


def test_solve_matches_brute_force_on_tiny_instances() -> None:
    for seed in range(25):
        instance = _tiny(seed)
        weight, breaks = _brute_force(instance)
        stats = solve(instance, time_limit=10, seed=seed).stats
        assert (stats.weight, stats.breaks) == (weight, breaks), instance.name


def test_solve_matches_brute_force_on_one_block_chains() -> None:
    # A path of meetings in one block: the optimum has everything placed and no break.
    slots = tuple(Slot(s, 0, 1) for s in range(4))
    people = tuple(Participant(p) for p in range(5))
    meetings = tuple(Meeting(k, (k, k + 1)) for k in range(4))
    instance = Instance(slots, people, meetings)
    assert _brute_force(instance) == (4, 0)
    stats = solve(instance, time_limit=10).stats
    assert (stats.placed, stats.breaks) == (4, 0)


def test_first_fit_uses_earliest_free_slot() -> None:
    slots = tuple(Slot(s, 0, 1) for s in range(3))
    people = tuple(Participant(p) for p in range(4))
    meetings = (Meeting(0, (0, 1)), Meeting(1, (2, 3)), Meeting(2, (0, 2), fixed=2))
    schedule = first_fit(Instance(slots, people, meetings))
    assert schedule.placements == {0: 0, 1: 1, 2: 2}


def test_bound_is_at_least_what_solve_places() -> None:
    for seed in range(4):
        instance = generate(60, 120, seed=seed)
        schedule = solve(instance, time_limit=10, seed=seed, effort=0.3)
        assert placed_bound(Problem(instance)) >= schedule.stats.placed
        assert violations(instance, schedule.placements) == []


def test_generate_is_deterministic_for_a_seed() -> None:
    assert generate(50, 80, seed=3) == generate(50, 80, seed=3)
    assert generate(50, 80, seed=3) != generate(50, 80, seed=4)


def test_solve_places_more_than_first_fit_on_generated_event() -> None:
    instance = generate(200, 400, seed=5)
    ours = solve(instance, time_limit=20, seed=1).stats
    theirs = first_fit(instance).stats
    assert ours.weight >= theirs.weight
    assert ours.breaks < theirs.breaks


def test_solve_returns_valid_schedule_when_time_runs_out() -> None:
    instance = generate(300, 600, seed=7)
    schedule = solve(instance, time_limit=0.01, seed=0)
    assert violations(instance, schedule.placements) == []
    assert schedule.stats.placed + schedule.stats.unplaced == 600
