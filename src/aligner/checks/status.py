"""What a bilingual file says of its own units: a PO entry marked fuzzy, an XLIFF unit
whose state says it is a draft or waits for review. Shown as findings, so that every
report and `--fail-on` see them; the unit is checked all the same.
"""

from __future__ import annotations

from aligner.model import Finding, Severity, TranslationUnit

#: States that say the unit is finished: nothing to show.
_DONE = frozenset({"translated", "reviewed", "final", "signed-off"})
#: XLIFF 1.2 and 2.x states that say the target is a draft (or not yet translated).
_DRAFT = frozenset({"new", "initial", "needs-translation", "needs-l10n", "needs-adaptation"})


def check_state(unit: TranslationUnit) -> tuple[Finding, ...]:
    """A warning for a fuzzy PO entry (gettext does not use its translation: users see
    the source text), a note for an XLIFF state other than a finished one."""
    state = unit.state
    if state is None or state in _DONE:
        return ()
    if state == "fuzzy":
        return (
            Finding(
                "status", "fuzzy", Severity.WARNING,
                "marked fuzzy: gettext does not use this translation until a translator "
                "confirms it",
            ),
        )  # fmt: skip
    if state in _DRAFT:
        what = "the translation may be a draft"
    elif state.startswith("needs-review"):
        what = "the translation waits for review"
    else:
        what = "not marked finished"
    return (Finding("status", "unit-state", Severity.INFO, f"state {state}: {what}"),)
