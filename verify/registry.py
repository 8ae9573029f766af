"""The claim registry: every catalog ID, declared once, with its metadata and its checks.

The metadata (paper, location, kind, statement as printed, dependencies) is read from the
claims catalog, a copy of which ships inside the package (``verify/catalog/*.md``; a test
keeps it equal to ``../shared/claims``). The parsing rule for IDs is the one of
``shared/tools/catalog_coverage.py``: a heading ``### `id` — title`` declares one or more
IDs. Checks are bound to IDs by :func:`verify.api.implements`; an ID with no check is
reported as ``missing``.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

HEADING = re.compile(r"^#{2,4}\s+(.*)$")
TICKED = re.compile(r"`([a-z0-9_]+(?:\.[A-Za-z0-9_.\-]+)+)`")
FIELD = re.compile(
    r"^- \*\*(Where|Statements?|Setting|Type|Depends on)\b([^*]*?):?\*\*:?\s*(.*)$"
)
ANYFIELD = re.compile(r"^- \*\*[^*]+:\*\*")
RANGE = re.compile(r"`([a-z0-9_]+(?:\.[A-Za-z0-9_.\-]+)+)`\s*[–-]\s*`([A-Za-z0-9_.\-]+)`")

PAPERS = {
    "dukler": "Dukler, Gu, Montúfar — WN NTK, V+G=H, convergence (seeds 000, 001)",
    "wu": "Wu, Dobriban et al. — WN and rPGD on least squares (seed 003)",
    "poggio": "Banburski, Poggio et al. — homogeneous ReLU nets, exponential loss (seed 002)",
    "wnbn": "Banburski, Poggio et al. — WN/BN as unit-norm constraints (seed 004)",
}


@dataclass(frozen=True)
class ClaimInfo:
    """One catalog ID with the metadata of its catalog entry."""

    id: str
    paper: str
    title: str
    where: str
    kind: str
    statement_tex: str
    setting: str
    depends_on: tuple[str, ...]
    catalog_file: str
    catalog_line: int
    shared_with: tuple[str, ...] = field(default=())

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "paper": self.paper,
            "title": self.title,
            "where": self.where,
            "kind": self.kind,
            "statement_tex": self.statement_tex,
            "setting": self.setting,
            "depends_on": list(self.depends_on),
            "catalog": f"{self.catalog_file}:{self.catalog_line}",
        }


def heading_ids(head: str) -> list[str]:
    """IDs declared by one heading text (the rule of catalog_coverage.py)."""
    head = head.split(" — ")[0].split(" - ")[0]
    out: list[str] = []
    for found in TICKED.findall(head):
        if found not in out:
            out.append(found)
    return out


def _kind(type_field: str) -> str:
    text = re.sub(r"\*\*Depends on:\*\*.*$", "", type_field).strip()
    text = text.rstrip(". ")
    return text or "unspecified"


def _deps(type_line: str, deps_field: str) -> tuple[str, ...]:
    m = re.search(r"\*\*Depends on:\*\*(.*)$", type_line)
    text = (m.group(1) if m else "") + " " + deps_field
    out: list[str] = []
    for found in TICKED.findall(text):
        if found not in out:
            out.append(found)
    for a, b in RANGE.findall(text):
        # `dukler.eqC1`–`eqC4`: expand a numeric range between the two ends
        ma, mb = re.match(r"(.*?)(\d+)$", a), re.match(r"(.*?)(\d+)$", b)
        if ma and mb:
            prefix = ma.group(1)
            for k in range(int(ma.group(2)) + 1, int(mb.group(2)) + 1):
                cid = f"{prefix}{k}"
                if cid not in out:
                    out.append(cid)
    return tuple(out)


def parse_catalog(text: str, filename: str) -> list[ClaimInfo]:
    """Parse one catalog markdown file into :class:`ClaimInfo` records."""
    lines = text.splitlines()
    entries: list[ClaimInfo] = []
    i = 0
    while i < len(lines):
        m = HEADING.match(lines[i])
        ids = heading_ids(m.group(1)) if m else []
        if not ids:
            i += 1
            continue
        head_line = i + 1
        title = m.group(1).split(" — ", 1)[1].strip() if " — " in m.group(1) else ""
        fields: dict[str, str] = {}
        body: list[str] = []
        current: str | None = None
        j = i + 1
        while j < len(lines) and not HEADING.match(lines[j]):
            line = lines[j]
            body.append(line)
            fm = FIELD.match(line)
            if fm:
                current = "Statement" if fm.group(1).startswith("Statement") else fm.group(1)
                label = fm.group(2).strip().rstrip(":").strip()
                text = fm.group(3).strip()
                if current == "Statement" and label and label != "as printed":
                    text = f"{label}: {text}"
                prev = fields.get(current)
                fields[current] = f"{prev}\n{text}" if prev else text
            elif ANYFIELD.match(line):
                current = None
            elif current and line.startswith("  ") and line.strip():
                # a field continued by indented sub-bullets ("- **Statements:**" then "  - ...")
                fields[current] = (fields[current] + "\n" + line.strip()).strip()
            j += 1
        statement = fields.get("Statement", "")
        if not statement:
            # §Z entries carry their statement as display math right under the heading
            math_lines = []
            for line in body:
                if line.startswith("- **"):
                    break
                if line.strip():
                    math_lines.append(line.strip())
            statement = " ".join(math_lines)
        if not statement:
            # entries that state their result under "Symbolic (derive and confirm)"
            for k, line in enumerate(body):
                if line.startswith("- **Symbolic"):
                    block = [line.split(":**", 1)[-1].strip()]
                    block += [b.strip() for b in body[k + 1 :] if b.startswith("  ")]
                    statement = "\n".join(x for x in block if x)
                    break
        type_line = fields.get("Type", "")
        if not type_line:
            tm = re.search(r"\*\*Type:\*\*\s*(.*)$", fields.get("Where", ""))
            type_line = tm.group(1) if tm else ""
            fields["Where"] = re.sub(r"\s*\*\*Type:\*\*.*$", "", fields.get("Where", ""))
        deps = tuple(d for d in _deps(type_line, fields.get("Depends on", "")) if d not in ids)
        for cid in ids:
            entries.append(
                ClaimInfo(
                    id=cid,
                    paper=cid.split(".")[0],
                    title=title,
                    where=fields.get("Where", ""),
                    kind=_kind(type_line),
                    statement_tex=statement,
                    setting=fields.get("Setting", ""),
                    depends_on=deps,
                    catalog_file=filename,
                    catalog_line=head_line,
                    shared_with=tuple(x for x in ids if x != cid),
                )
            )
        i = j
    return entries


def catalog_files() -> list[tuple[str, str]]:
    """(file name, text) of each catalog file shipped with the package."""
    root = resources.files("verify") / "catalog"
    return sorted(
        (p.name, p.read_text(encoding="utf-8")) for p in root.iterdir() if p.name.endswith(".md")
    )


@cache
def catalog() -> dict[str, ClaimInfo]:
    """Every catalog ID, in catalog order."""
    out: dict[str, ClaimInfo] = {}
    for name, text in catalog_files():
        for info in parse_catalog(text, name):
            if info.id in out:
                raise ValueError(f"catalog ID {info.id} declared twice ({name})")
            out[info.id] = info
    # resolve dependencies: a short `natgrad.alphastar` means `dukler.natgrad.alphastar`
    for cid, info in list(out.items()):
        deps: list[str] = []
        for d in info.depends_on:
            full = d if d in out else f"{info.paper}.{d}"
            if full in out and full not in deps and full != cid:
                deps.append(full)
        out[cid] = dataclasses.replace(info, depends_on=tuple(deps))
    return out


def shared_catalog_dir() -> Path | None:
    """``../shared/claims`` beside a source checkout, when it exists."""
    here = Path(__file__).resolve().parent.parent
    cand = here.parent / "shared" / "claims"
    return cand if cand.is_dir() else None


def papers() -> list[str]:
    return sorted({c.paper for c in catalog().values()})
