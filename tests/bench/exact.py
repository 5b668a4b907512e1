"""CP-SAT models of the scheduling problem, for the benchmark only (`ortools` is imported lazily).

`exact_solve` is the plain model: a variable per meeting and slot, breaks counted from run
starts. `exact_runs` adds what CP-SAT cannot find alone on the JAIR instances: every
participant whose meetings fit in one run of consecutive slots gets a run variable per
possible start (the runs `windows.window_options` lists), an implied constraint in the spirit
of the JAIR paper's MaxSAT model.
"""

from __future__ import annotations

from typing import Any

from matchmaking.scheduling import Instance
from matchmaking.scheduling.core import Problem
from matchmaking.scheduling.windows import window_options


def _placement(pb: Problem, model: Any, hinted: dict[int, int] | None, every: bool) -> tuple:
    """x[m, s] for allowed pairs, the seats each (participant, slot) can take, and slot loads.

    `every`: each meeting must be placed (else only fixed ones must).
    """
    x: dict[tuple[int, int], Any] = {}
    seat: dict[tuple[int, int], list[Any]] = {}
    per_slot: list[list[Any]] = [[] for _ in range(pb.n_slots)]
    for m in range(pb.n_meetings):
        row = []
        for s in range(pb.n_slots):
            if pb.allowed[m] >> s & 1:
                v = x[m, s] = model.new_bool_var(f"x{m}_{s}")
                if hinted is not None:
                    model.add_hint(v, hinted.get(m) == s)
                row.append(v)
                per_slot[s].append(v)
                for p in pb.parts[m]:
                    seat.setdefault((p, s), []).append(v)
        model.add(sum(row) == 1 if every or pb.fixed[m] >= 0 else sum(row) <= 1)
    for vs in seat.values():
        model.add(sum(vs) <= 1)
    for s, vs in enumerate(per_slot):
        model.add(sum(vs) <= pb.capacity[s])
    return x, seat


def _breaks(pb: Problem, model: Any, seat: dict[tuple[int, int], list[Any]], p: int) -> list:
    """Integer variables counting participant p's breaks, one per block it can use."""
    out = []
    for bm in pb.block_masks:
        slots = [s for s in range(pb.n_slots) if bm >> s & 1 and (p, s) in seat]
        if len(slots) < 2:
            continue
        y = {}
        for s in slots:
            y[s] = model.new_bool_var("")
            model.add(y[s] == sum(seat[p, s]))
        starts = []
        for s in slots:
            start = model.new_bool_var("")
            prev = y.get(s - 1) if s > 0 and bm >> (s - 1) & 1 else None
            model.add(start >= y[s] - prev if prev is not None else start >= y[s])
            starts.append(start)
        used = model.new_bool_var("")
        model.add(used <= sum(y.values()))
        for v in y.values():
            model.add(used >= v)
        # Breaks are never negative: stating it tightens the relaxation a lot.
        count = model.new_int_var(0, len(slots), "")
        model.add(count == sum(starts) - used)
        out.append(count)
    return out


def _solver(time_limit: float) -> Any:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 2
    return solver


def exact_solve(
    instance: Instance, time_limit: float, hint: dict[Any, Any] | None = None
) -> dict[str, Any]:
    """Lexicographic optimum by CP-SAT: max weight, then min breaks.

    `hint` (a placement) only warm-starts the search; an "optimal" status is a proof either way.
    """
    from ortools.sat.python import cp_model

    pb = Problem(instance)
    hinted = None
    if hint is not None:
        slot_index = {sid: i for i, sid in enumerate(pb.slot_ids)}
        hinted = {k: slot_index[hint[mid]] for k, mid in enumerate(pb.meeting_ids) if mid in hint}
    model = cp_model.CpModel()
    x, seat = _placement(pb, model, hinted, every=False)
    weights = [round(w * 1000) for w in pb.weight]
    objective = sum(weights[m] * v for (m, _), v in x.items())
    model.maximize(objective)
    solver = _solver(time_limit)
    status1 = solver.solve(model)
    if status1 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": "unknown"}
    best = round(solver.objective_value)
    model.add(objective >= best)
    breaks = []
    for p in range(pb.n_people):
        if len(pb.meetings_of[p]) >= 2:
            breaks += _breaks(pb, model, seat, p)
    model.minimize(sum(breaks))
    status2 = solver.solve(model)
    if status2 not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"status": "unknown"}
    return {
        "status": "optimal" if status2 == cp_model.OPTIMAL else "feasible",
        "weight_optimal": status1 == cp_model.OPTIMAL,
        "placed": sum(1 for v in x.values() if solver.boolean_value(v)),
        "weight": best / 1000,
        "breaks": round(solver.objective_value),
        "breaks_bound": round(solver.best_objective_bound),
    }


def exact_runs(instance: Instance, time_limit: float) -> dict[str, Any]:
    """Every meeting placed, every participant who can have no break without one: min breaks.

    A participant with no possible run (`window_options` then lists runs one slot longer)
    has at least one break, so `forced`, their number, bounds the optimum from below; when
    the model's best equals it, the schedule is optimal for the whole problem. Otherwise it
    is only an upper bound: some participant who could avoid a break may need one.
    """
    from ortools.sat.python import cp_model

    pb = Problem(instance)
    if len(pb.block_masks) != 1:
        # Across blocks a participant needs no single run to have no break.
        raise ValueError("exact_runs handles events of one block, as the JAIR instances are")
    model = cp_model.CpModel()
    x, seat = _placement(pb, model, None, every=True)
    breaks = []
    forced = 0
    # Implied: the people busy in a slot are twice its meetings (all meetings here are pairs).
    busy: list[list[Any]] = [[] for _ in range(pb.n_slots)]
    for p in range(pb.n_people):
        d = len(pb.meetings_of[p])
        runs = window_options(pb, p)
        if d < 2 or not runs or runs[0].bit_count() > d:
            if d >= 2:
                forced += 1
                breaks += _breaks(pb, model, seat, p)
            for s in range(pb.n_slots):
                busy[s] += seat.get((p, s), [])
            continue
        start = [model.new_bool_var("") for _ in runs]
        model.add_exactly_one(start)
        for s in range(pb.n_slots):
            inside = [v for v, run in zip(start, runs, strict=True) if run >> s & 1]
            model.add(sum(seat.get((p, s), [])) == sum(inside))
            busy[s] += inside
    if all(len(parts) == 2 for parts in pb.parts):
        for s in range(pb.n_slots):
            model.add(sum(busy[s]) == 2 * sum(v for (_, t), v in x.items() if t == s))
    model.minimize(sum(breaks))
    solver = _solver(time_limit)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # INFEASIBLE: some participant who could avoid a break cannot in any schedule.
        status_name = solver.status_name(status).lower()
        return {"status": status_name, "forced": forced, "seconds": solver.wall_time}
    return {
        "status": "optimal" if status == cp_model.OPTIMAL else "feasible",
        "forced": forced,
        "breaks": round(solver.objective_value),
        "seconds": solver.wall_time,
    }
