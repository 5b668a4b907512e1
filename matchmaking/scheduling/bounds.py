"""Upper bounds on how many meetings any schedule can place, to judge the heuristic against.

The bound is a fractional b-matching: each participant can attend at most as many meetings as
a matching of their meetings to their usable slots allows, the event at most its table-slots.
Its value is half a maximum flow in the bipartite double cover of the meeting graph.
"""

from __future__ import annotations

from collections import deque

from .core import Problem


def person_capacity(pb: Problem, p: int) -> int:
    """Most meetings participant p can attend: a maximum matching of meetings to slots."""
    owner: dict[int, int] = {}
    size = 0
    for m in pb.meetings_of[p]:
        if pb.allowed[m] and _augment(pb, m, owner, set()):
            size += 1
    return size


def fits_in(pb: Problem, meetings: list[int], window: int) -> bool:
    """True when each of the meetings can get a slot of its own inside the window (bitmask)."""
    owner: dict[int, int] = {}
    return all(_augment(pb, m, owner, set(), window) for m in meetings)


def _augment(pb: Problem, m: int, owner: dict[int, int], seen: set[int], window: int = -1) -> bool:
    """Kuhn's augmenting path for meeting m over its allowed slots (within `window`)."""
    mask = pb.allowed[m] & window
    while mask:
        s = (mask & -mask).bit_length() - 1
        mask &= mask - 1
        if s in seen:
            continue
        seen.add(s)
        if s not in owner or _augment(pb, owner[s], owner, seen, window):
            owner[s] = m
            return True
    return False


def slot_bound(pb: Problem) -> int:
    """Per slot, at most its tables and at most half the people who could meet there."""
    total = 0
    for s in range(pb.n_slots):
        people = sum(1 for p in range(pb.n_people) if pb.usable[p] >> s & 1)
        total += min(pb.capacity[s], people // 2)
    return total


def placed_bound(pb: Problem) -> int:
    """An upper bound on the number of meetings placed by any valid schedule."""
    cap = [person_capacity(pb, p) for p in range(pb.n_people)]
    n = pb.n_people
    src, dst = 2 * n, 2 * n + 1
    flow = _Flow(2 * n + 2)
    for p in range(n):
        if cap[p]:
            flow.add(src, p, cap[p])
            flow.add(n + p, dst, cap[p])
    viable = 0
    for m in range(pb.n_meetings):
        if not pb.allowed[m]:
            continue
        viable += 1
        # A meeting of three or more is relaxed to its two most constrained participants.
        a, b = sorted(pb.parts[m], key=lambda p: cap[p])[:2]
        flow.add(a, n + b, 1)
        flow.add(b, n + a, 1)
    return min(flow.max_flow(src, dst) // 2, viable, sum(pb.capacity), slot_bound(pb))


class _Flow:
    """Dinic's maximum flow on an adjacency-array graph with integer capacities."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.head = [-1] * n
        self.to: list[int] = []
        self.cap: list[int] = []
        self.nxt: list[int] = []

    def add(self, u: int, v: int, c: int) -> None:
        for a, b, cc in ((u, v, c), (v, u, 0)):
            self.to.append(b)
            self.cap.append(cc)
            self.nxt.append(self.head[a])
            self.head[a] = len(self.to) - 1

    def max_flow(self, s: int, t: int) -> int:
        total = 0
        to, cap, nxt, head = self.to, self.cap, self.nxt, self.head
        while True:
            level = [-1] * self.n
            level[s] = 0
            queue = deque([s])
            while queue:
                u = queue.popleft()
                e = head[u]
                while e >= 0:
                    if cap[e] > 0 and level[to[e]] < 0:
                        level[to[e]] = level[u] + 1
                        queue.append(to[e])
                    e = nxt[e]
            if level[t] < 0:
                return total
            it = list(head)
            while True:
                pushed = self._push(s, t, level, it)
                if not pushed:
                    break
                total += pushed

    def _push(self, s: int, t: int, level: list[int], it: list[int]) -> int:
        # Iterative DFS along the level graph; returns the bottleneck pushed (0 if none).
        to, cap, nxt = self.to, self.cap, self.nxt
        path: list[int] = []
        u = s
        while True:
            if u == t:
                f = min(cap[e] for e in path)
                for e in path:
                    cap[e] -= f
                    cap[e ^ 1] += f
                return f
            e = it[u]
            while e >= 0 and not (cap[e] > 0 and level[to[e]] == level[u] + 1):
                e = nxt[e]
            it[u] = e
            if e >= 0:
                path.append(e)
                u = to[e]
                continue
            if not path:
                return 0
            # Dead end: retreat and skip the edge that led here.
            level[u] = -1
            e = path.pop()
            u = to[e ^ 1]
            it[u] = nxt[it[u]]
