"""Target runs: a window of consecutive slots for each participant, chosen before the annealing.

With no break, a participant's meetings fill a window of consecutive slots in one block, as
many as they have meetings. A window is possible for p when p's meetings can be matched to its
slots (each to a slot it allows). Windows must also agree: a meeting needs a slot in the
windows of all its participants, and a slot cannot hold more participants than twice its
tables. A min-conflicts search picks one window per participant under these implied
constraints; the annealing then pays a little for each meeting outside its participants'
windows, which gives everyone the same picture of where their run should be.
"""

from __future__ import annotations

import random

from .bounds import fits_in
from .core import Problem


def window_options(pb: Problem, p: int, meetings: list[int] | None = None) -> list[int]:
    """Every window (bitmask) in which p's meetings could all be held with no break.

    When there is none, windows one slot longer (p then has at least one break).
    `meetings`: those to hold (default: all of p's that have an allowed slot).
    """
    ms = [m for m in pb.meetings_of[p] if pb.allowed[m]] if meetings is None else meetings
    d = len(ms)
    if d < 2:
        return []
    for size in (d, d + 1):
        out = []
        for bm in pb.block_masks:
            if bm.bit_count() < size:
                continue
            lo = (bm & -bm).bit_length() - 1
            hi = bm.bit_length() - 1
            for a in range(lo, hi - size + 2):
                w = ((1 << size) - 1) << a
                if fits_in(pb, ms, w & pb.usable[p]):
                    out.append(w)
        if out:
            return out
    return []


class Windows:
    """The chosen window of each participant (0: none) and the search that picks them."""

    def __init__(self, pb: Problem, rng: random.Random) -> None:
        self.pb = pb
        self.rng = rng
        self.options = [window_options(pb, p) for p in range(pb.n_people)]
        self.people = [p for p in range(pb.n_people) if self.options[p]]
        self.win = [0] * pb.n_people
        self.active = [0] * pb.n_slots
        self.limit = [2 * c for c in pb.capacity]
        for p in self.people:
            opts = self.options[p]
            self._set(p, opts[int(rng.random() * len(opts))])

    def _set(self, p: int, w: int) -> None:
        old = self.win[p]
        active = self.active
        for mask, sign in ((old, -1), (w, 1)):
            while mask:
                t = (mask & -mask).bit_length() - 1
                mask &= mask - 1
                active[t] += sign
        self.win[p] = w

    def _conflicts(self, p: int, w: int) -> int:
        """Meetings of p with no slot in w and its partners' windows, plus overfull slots."""
        pb = self.pb
        win = self.win
        bad = 0
        for m in pb.meetings_of[p]:
            mask = pb.allowed[m] & w
            for q in pb.parts[m]:
                if q != p and win[q]:
                    mask &= win[q]
            if not mask:
                bad += 1
        x = w
        active = self.active
        limit = self.limit
        while x:
            t = (x & -x).bit_length() - 1
            x &= x - 1
            if active[t] >= limit[t]:
                bad += 1
        return bad

    def search(self, steps: int) -> None:
        """Min-conflicts steps: a random participant takes its least conflicting window."""
        people = self.people
        if not people:
            return
        rand = self.rng.random
        for _ in range(steps):
            p = people[int(rand() * len(people))]
            opts = self.options[p]
            if len(opts) < 2:
                continue
            self._set(p, 0)
            best = None
            for w in opts:
                score = self._conflicts(p, w) + 0.5 * rand()
                if best is None or score < best[0]:
                    best = (score, w)
            assert best is not None
            self._set(p, best[1])


def choose_windows(pb: Problem, rng: random.Random, steps_per_person: int = 40) -> list[int]:
    """A window per participant (0: none, for those with no possible window or few meetings)."""
    w = Windows(pb, rng)
    w.search(steps_per_person * len(w.people))
    return w.win
