"""Leave-one-out over documents: how well a setting chosen on some documents does on
another, for tuning constants without scoring them on the documents they were picked on.

    >>> scores = {"a": {"x": .95, "y": .6, "z": .6}, "b": {"x": .7, "y": .8, "z": .9}}
    >>> result = leave_one_out(scores)
    >>> result.picks            # the setting chosen on the other two, per held-out document
    {'x': 'b', 'y': 'b', 'z': 'a'}
    >>> round(result.mean, 3), round(result.std, 3)   # b alone, in-sample, would say .8
    (0.7, 0.1)

With one setting it is the mean and spread of its per-document scores.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class LeaveOneOut:
    held_out: dict[str, float]  # document → score of the setting picked without it
    picks: dict[str, str]  # document → that setting

    @property
    def mean(self) -> float:
        return statistics.mean(self.held_out.values())

    @property
    def std(self) -> float:
        """The sample standard deviation across the held-out documents."""
        return statistics.stdev(self.held_out.values())


def leave_one_out(scores: Mapping[str, Mapping[str, float]]) -> LeaveOneOut:
    """For each document, the setting with the best mean score over all the other
    documents (the first given, on a tie), scored on that document.

    `scores[setting][document]`, higher is better; every setting must score the same
    documents, at least two."""
    settings = list(scores)
    documents = list(scores[settings[0]]) if settings else []
    if len(documents) < 2 or any(set(scores[s]) != set(documents) for s in settings):
        raise ValueError("every setting needs a score for the same two or more documents")
    held_out, picks = {}, {}
    for document in documents:
        others = [d for d in documents if d != document]
        best = max(settings, key=lambda s: statistics.mean(scores[s][d] for d in others))
        picks[document] = best
        held_out[document] = scores[best][document]
    return LeaveOneOut(held_out, picks)
