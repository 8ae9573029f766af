"""``report.md``: the audit as a reviewer reads it in plain text."""

from __future__ import annotations

from typing import Any


def _fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.3g}"
    return str(x)


def evidence_table(evidence: list[dict[str, Any]]) -> list[str]:
    lines = [
        "| check | method | verdict | scope | examples | max error | tolerance | seed | seconds |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for ev in evidence:
        lines.append(
            "| {} | {} | **{}** | {} | {} | {} | {} | {} | {:.2f} |".format(
                ev["details"].get("check", ""),
                ev["method"],
                ev["verdict"],
                ev["scope"].replace("|", "/"),
                ev["examples"],
                _fmt(ev["max_error"]),
                _fmt(ev["tolerance"]),
                _fmt(ev["seed"]),
                ev["seconds"],
            )
        )
    return lines


def claim_section(c: dict[str, Any]) -> list[str]:
    lines = [f"### `{c['id']}` — {c.get('title', '')}", ""]
    lines += [f"- **Verdict:** {c['verdict']}", f"- **Where:** {c['where']}"]
    lines += [f"- **Kind:** {c['kind']}", f"- **Statement (as printed):** {c['statement_tex']}"]
    if c["depends_on"]:
        lines.append("- **Depends on:** " + ", ".join(f"`{d}`" for d in c["depends_on"]))
    if c.get("notes"):
        lines.append(f"- **Notes:** {c['notes']}")
    if c["evidence"]:
        lines += ["", *evidence_table(c["evidence"])]
        for ev in c["evidence"]:
            why = ev["details"].get("why")
            if why:
                lines.append(f"- {ev['details'].get('check')}: {why}")
            for note in ev["details"].get("notes", []):
                lines.append(f"- {ev['details'].get('check')}: {note}")
    if c["erratum"]:
        e = c["erratum"]
        lines += [
            "",
            "**Erratum.**",
            f"- printed: {e['printed_tex']}",
            f"- counterexample: `{e['counterexample']}`",
            f"- corrected: {e['corrected_tex']}",
            f"- corrected verdict: **{e['corrected_verdict']}**",
        ]
    lines.append("")
    return lines


def _short(text: str, limit: int = 60) -> str:
    """The first clause of a catalog field, for a table cell (the full text is in the
    claim's section)."""
    head = text.split(". ")[0].split(" (")[0].strip()
    return head if len(head) <= limit else head[: limit - 1] + "…"


def write_markdown(audit: dict[str, Any]) -> str:
    """The audit as Markdown: summary, errata, then every claim with its evidence."""
    claims = audit["claims"]
    lines = [
        "# wnverify audit",
        "",
        f"- suite {audit['suite_version']}, scale `{audit['scale']}`, seed {audit['seed']}, "
        f"backend `{audit['environment']['backend']}` on {audit['environment']['device']}",
        f"- started {audit['started']}, finished {audit['finished']}",
        "",
        "## Summary",
        "",
        "| verdict | claims |",
        "|---|---|",
    ]
    lines += [f"| {k} | {v} |" for k, v in audit["summary"].items()]
    errata = [c for c in claims if c["erratum"]]
    refuted_no_erratum = [c for c in claims if c["verdict"] == "refuted" and not c["erratum"]]
    lines += ["", "## Errata", ""]
    if not errata and not refuted_no_erratum:
        lines.append("None among the claims checked.")
    for c in errata:
        e = c["erratum"]
        lines.append(
            f"- `{c['id']}`: printed {e['printed_tex']} is false; corrected "
            f"{e['corrected_tex']} is **{e['corrected_verdict']}**."
        )
    for c in refuted_no_erratum:
        lines.append(f"- `{c['id']}`: refuted, no corrected statement recorded.")
    lines += ["", "## Claims", "", "| id | verdict | kind |", "|---|---|---|"]
    lines += [f"| `{c['id']}` | {c['verdict']} | {_short(c['kind'])} |" for c in claims]
    lines += ["", "## Evidence", ""]
    for c in claims:
        if c["verdict"] != "missing":
            lines += claim_section(c)
    return "\n".join(lines) + "\n"
