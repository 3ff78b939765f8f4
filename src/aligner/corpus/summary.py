"""The summary of a corpus run for a terminal: the pairs found, the documents left
unpaired and why, the findings by code, and where the outputs are."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

#: Pairs listed in the terminal; summary.json lists them all.
LISTED_PAIRS = 20


def render_summary(summary: dict[str, Any]) -> Group:
    counts = summary["counts"]
    src_tag, tgt_tag = summary["languages"]
    pairs = Table(title=f"{counts['pairs']} document pairs {src_tag} → {tgt_tag}")
    for column in ("source", "target", "similarity", "paired", "beads", "findings"):
        pairs.add_column(column, justify="right" if column not in ("source", "target") else "left")
    for pair in summary["pairs"][:LISTED_PAIRS]:
        findings = pair["error"] or str(pair["findings"])
        pairs.add_row(pair["src_document"], pair["tgt_document"], f"{pair['similarity']:.2f}",
                      _paired(pair), str(pair["beads"]), findings)  # fmt: skip
    parts: list[Table | Text] = [pairs]
    if counts["pairs"] > LISTED_PAIRS:
        parts.append(Text(f"… and {counts['pairs'] - LISTED_PAIRS} more in summary.json"))
    if summary["unpaired"]:
        unpaired = Table(title=f"{counts['unpaired']} documents unpaired")
        for column in ("document", "side", "language", "reason"):
            unpaired.add_column(column)
        for row in summary["unpaired"]:
            unpaired.add_row(
                row["document"], row["side"] or "", row["language"] or "", row["reason"]
            )
        parts.append(unpaired)
    if summary["findings"]:
        findings = Table(title="findings by code")
        findings.add_column("code")
        findings.add_column("count", justify="right")
        for code, count in summary["findings"].items():
            findings.add_row(code, str(count))
        parts.append(findings)
    resumed = f", {counts['resumed']} resumed from an earlier run" if counts["resumed"] else ""
    parts.append(
        Text(
            f"{counts['aligned']} pairs aligned{resumed}, {counts['sentences']} sentences, "
            f"{counts['beads']} beads; {counts['units']} units in the memory "
            f"({counts['duplicates']} duplicates left out)"
        )
    )
    return Group(*parts)


def _paired(pair: dict[str, Any]) -> Text:
    """The share of the pair's text with a counterpart, in yellow with "not a
    translation" where the documents do not read as translations of each other."""
    if pair["coverage"] is None:
        return Text("")
    share = f"{pair['coverage']:.0%}"
    if pair["translation"]:
        return Text(share)
    return Text(f"{share} not a translation", style="bold yellow")
