"""Dense integer form of an instance and the mutable placement state the heuristics work on.

Slots, participants and meetings become indices; a set of slots is a Python int used as a bitset
(bit s is slot s), which keeps busy/free tests to one or two machine operations.
"""

from __future__ import annotations

from .model import Id, Instance


class Problem:
    """The instance in indices and bitsets; built once per solve."""

    __slots__ = (
        "allowed",
        "block_masks",
        "block_of",
        "capacity",
        "fixed",
        "instance",
        "meeting_ids",
        "meetings_of",
        "n_meetings",
        "n_people",
        "n_slots",
        "not_first",
        "not_last",
        "parts",
        "prev",
        "slot_block_mask",
        "slot_ids",
        "usable",
        "weight",
    )

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        slot_index = {s.id: i for i, s in enumerate(instance.slots)}
        person_index = {p.id: i for i, p in enumerate(instance.participants)}
        self.slot_ids: list[Id] = [s.id for s in instance.slots]
        self.meeting_ids: list[Id] = [m.id for m in instance.meetings]
        n = self.n_slots = len(instance.slots)
        self.n_people = len(instance.participants)
        self.n_meetings = len(instance.meetings)
        self.capacity = [s.capacity for s in instance.slots]
        block_number: dict[Id, int] = {}
        self.block_of = [
            block_number.setdefault(s.block, len(block_number)) for s in instance.slots
        ]
        self.block_masks = [0] * len(block_number)
        for i, b in enumerate(self.block_of):
            self.block_masks[b] |= 1 << i
        self.slot_block_mask = [self.block_masks[b] for b in self.block_of]
        # not_first: slots whose predecessor is in the same block (so adjacency counts there).
        self.not_first = 0
        for i in range(1, n):
            if self.block_of[i] == self.block_of[i - 1]:
                self.not_first |= 1 << i
        self.not_last = self.not_first >> 1
        every = (1 << n) - 1
        avail = []
        for p in instance.participants:
            mask = every
            for sid in p.unavailable:
                mask &= ~(1 << slot_index[sid])
            avail.append(mask)
        self.parts: list[tuple[int, ...]] = []
        self.allowed: list[int] = []
        self.fixed: list[int] = []
        self.weight: list[float] = []
        self.meetings_of: list[list[int]] = [[] for _ in instance.participants]
        self.usable = [0] * self.n_people
        for k, m in enumerate(instance.meetings):
            parts = tuple(person_index[pid] for pid in m.participants)
            mask = every
            if m.slots is not None:
                mask = 0
                for sid in m.slots:
                    mask |= 1 << slot_index[sid]
            for p in parts:
                mask &= avail[p]
                self.meetings_of[p].append(k)
            self.fixed.append(-1 if m.fixed is None else slot_index[m.fixed])
            if m.fixed is not None:
                mask = 1 << slot_index[m.fixed]
            for p in parts:
                self.usable[p] |= mask
            self.parts.append(parts)
            self.allowed.append(mask)
            self.weight.append(m.weight)
        # prev[m]: the slot of m in the instance's previous placement, or -1.
        meeting_index = {m.id: k for k, m in enumerate(instance.meetings)}
        self.prev = [-1] * self.n_meetings
        for mid, sid in instance.previous:
            self.prev[meeting_index[mid]] = slot_index[sid]

    def block_breaks(self, busy: int) -> int:
        """Breaks of one participant whose busy slots are `busy`, summed over blocks."""
        total = 0
        for bm in self.block_masks:
            x = busy & bm
            if x:
                total += (x & ~(x << 1)).bit_count() - 1
        return total

    def idle_slots(self, busy: int) -> int:
        """Free slots between the first and last busy slot of each block, summed."""
        total = 0
        for bm in self.block_masks:
            x = busy & bm
            if x:
                total += x.bit_length() - (x & -x).bit_length() + 1 - x.bit_count()
        return total


class State:
    """A partial schedule: slot of each meeting, busy bitset of each person, load of each slot."""

    __slots__ = ("at", "busy", "full", "load", "members", "pb", "pos", "slot_of")

    def __init__(self, pb: Problem) -> None:
        self.pb = pb
        self.slot_of = [-1] * pb.n_meetings
        self.busy = [0] * pb.n_people
        # at[p * n_slots + s]: the meeting participant p attends in slot s, or -1.
        self.at = [-1] * (pb.n_people * pb.n_slots)
        self.load = [0] * pb.n_slots
        # full: bitset of slots with no free table; zero-capacity slots start full.
        self.full = 0
        for s, c in enumerate(pb.capacity):
            if c <= 0:
                self.full |= 1 << s
        self.members: list[list[int]] = [[] for _ in range(pb.n_slots)]
        self.pos = [-1] * pb.n_meetings

    def place(self, m: int, s: int) -> None:
        """Put unplaced meeting m in slot s (the caller has checked feasibility)."""
        pb = self.pb
        self.slot_of[m] = s
        bit = 1 << s
        n = pb.n_slots
        busy = self.busy
        at = self.at
        for p in pb.parts[m]:
            busy[p] |= bit
            at[p * n + s] = m
        self.load[s] += 1
        if self.load[s] >= pb.capacity[s]:
            self.full |= bit
        lst = self.members[s]
        self.pos[m] = len(lst)
        lst.append(m)

    def remove(self, m: int) -> int:
        """Take meeting m out of its slot and return that slot."""
        pb = self.pb
        s = self.slot_of[m]
        self.slot_of[m] = -1
        bit = 1 << s
        n = pb.n_slots
        busy = self.busy
        at = self.at
        for p in pb.parts[m]:
            busy[p] &= ~bit
            at[p * n + s] = -1
        self.load[s] -= 1
        self.full &= ~bit
        lst = self.members[s]
        i = self.pos[m]
        last = lst.pop()
        if last != m:
            lst[i] = last
            self.pos[last] = i
        self.pos[m] = -1
        return s

    def free_mask(self, m: int) -> int:
        """Slots where meeting m could go right now without moving anything."""
        pb = self.pb
        mask = pb.allowed[m] & ~self.full
        busy = self.busy
        for p in pb.parts[m]:
            mask &= ~busy[p]
        return mask

    def copy_slots(self) -> list[int]:
        """A snapshot of the placement, enough to rebuild the state."""
        return list(self.slot_of)

    def restore(self, slot_of: list[int]) -> None:
        """Reset the state to a snapshot taken with `copy_slots`."""
        pb = self.pb
        n = pb.n_slots
        self.slot_of = list(slot_of)
        self.busy = busy = [0] * pb.n_people
        self.at = at = [-1] * (pb.n_people * n)
        for m, s in enumerate(self.slot_of):
            if s >= 0:
                for p in pb.parts[m]:
                    busy[p] |= 1 << s
                    at[p * n + s] = m
        self.rebuild()

    def rebuild(self) -> None:
        """Recompute loads, full slots and per-slot member lists after bulk edits of `slot_of`."""
        pb = self.pb
        self.members = [[] for _ in range(pb.n_slots)]
        self.load = [0] * pb.n_slots
        for m, s in enumerate(self.slot_of):
            if s >= 0:
                self.pos[m] = len(self.members[s])
                self.members[s].append(m)
                self.load[s] += 1
        self.full = 0
        for s, c in enumerate(pb.capacity):
            if self.load[s] >= c:
                self.full |= 1 << s

    def weight(self) -> float:
        """Total weight of placed meetings."""
        w = self.pb.weight
        return sum(w[m] for m, s in enumerate(self.slot_of) if s >= 0)
