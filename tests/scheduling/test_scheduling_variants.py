"""Variants with forbidden slots and fixed meetings: deterministic, feasible, honoured as hard."""

from __future__ import annotations

from matchmaking.scheduling import Instance, instance_to_dict, parse_instance, solve, violations
from matchmaking.scheduling.generator import generate
from matchmaking.scheduling.variants import fix_meetings, forbid_slots


def _event() -> tuple[Instance, dict]:
    # Every meeting of this event is placed (checked below), so its variants must place all.
    instance = generate(40, 80, seed=3, days=1, fixed=0.0)
    reference = solve(instance, seed=0, time_limit=100)
    assert reference.stats.unplaced == 0
    return instance, reference.placements


def test_forbid_slots_draws_the_share_among_free_pairs_and_repeats_for_a_seed() -> None:
    instance, placements = _event()
    variant = forbid_slots(instance, placements, share=0.05, seed=1)
    active = {p for m in instance.meetings for p in m.participants}
    before = {p.id: set(p.unavailable) for p in instance.participants}
    added = {
        (p.id, s) for p in variant.participants for s in p.unavailable if s not in before[p.id]
    }
    assert len(added) == round(0.05 * len(active) * len(instance.slots)) == 30
    assert {p for p, _ in added} <= active
    # The reference placement stays valid: no forbidden pair is a busy one.
    assert violations(variant, placements) == []
    assert forbid_slots(instance, placements, share=0.05, seed=1) == variant
    assert forbid_slots(instance, placements, share=0.05, seed=2) != variant
    # Written in the project's format and read back unchanged.
    assert parse_instance(instance_to_dict(variant)).participants == variant.participants


def test_fix_meetings_fixes_a_fifth_to_the_reference_slots_and_repeats_for_a_seed() -> None:
    instance, placements = _event()
    variant = fix_meetings(instance, placements, seed=1)
    fixed = [m for m in variant.meetings if m.fixed is not None]
    assert len(fixed) == 16
    assert all(m.fixed == placements[m.id] for m in fixed)
    assert violations(variant, placements) == []
    assert fix_meetings(instance, placements, seed=1) == variant
    assert fix_meetings(instance, placements, seed=2) != variant


def test_the_solver_honours_forbidden_slots_and_fixed_meetings_in_every_phase() -> None:
    instance, placements = _event()
    both = fix_meetings(forbid_slots(instance, placements, seed=4), placements, seed=4)
    forbidden = {(p.id, s) for p in both.participants for s in p.unavailable}
    for polish in (0, None):
        schedule = solve(both, seed=1, polish=polish, time_limit=100)
        assert violations(both, schedule.placements) == []
        assert schedule.stats.unplaced == 0
        for m in both.meetings:
            slot = schedule.placements[m.id]
            if m.fixed is not None:
                assert slot == m.fixed
            assert all((p, slot) not in forbidden for p in m.participants)
        # The same seed gives the same schedule.
        assert solve(both, seed=1, polish=polish, time_limit=100) == schedule
