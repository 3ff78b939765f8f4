"""Custom checks: a user's own rules, as regular expressions on the source and the
target (Xbench's checklists, Verifika's user-defined checks), given in the
configuration file."""

from __future__ import annotations

import re
from dataclasses import dataclass

from aligner.model import Finding, Severity, TextPair


@dataclass(frozen=True)
class CustomCheck:
    """A pair is flagged when every pattern given holds: `source` is found in the
    source, `target` in the target, and `target_lacks` is not found in the target.
    ("source" = "\\bGmbH\\b", "target_lacks" = "\\bGmbH\\b": the company form dropped.)"""

    #: The finding's code, as the config names the rule ("no-gmbh").
    code: str
    message: str
    severity: Severity
    source: re.Pattern[str] | None = None
    target: re.Pattern[str] | None = None
    target_lacks: re.Pattern[str] | None = None


def check_custom(rule: CustomCheck, pair: TextPair) -> tuple[Finding, ...]:
    src, tgt = pair.src_text, pair.tgt_text
    if src is None or tgt is None:
        return ()
    src_match = rule.source.search(src) if rule.source else None
    tgt_match = rule.target.search(tgt) if rule.target else None
    if rule.source and not src_match or rule.target and not tgt_match:
        return ()
    if rule.target_lacks and rule.target_lacks.search(tgt):
        return ()
    return (
        Finding(
            "custom",
            rule.code,
            rule.severity,
            rule.message,
            src_match.span() if src_match else None,
            tgt_match.span() if tgt_match else None,
        ),
    )
