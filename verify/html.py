"""``report.html``: the audit as a self-contained page (no network at view time).

Statements as MathML (``latex2mathml``), verdict badges, evidence tables, counterexamples,
errata side by side; the claims' dependency graph as in a Lean blueprint, drawn by Graphviz
to inline SVG, nodes coloured by verdict, with a computed *fully verified* state (verified
and every ancestor verified) and a focused sub-graph per claim (ancestors and descendants);
filters by paper and verdict, a search box, and the place of each claim in the seed text.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

VERIFIED = ("proved", "confirmed")
COLOURS = {"proved": "#2e7d32", "confirmed": "#66bb6a", "refuted": "#c62828",
           "inconclusive": "#ef6c00", "assumption-unmet": "#9e9e9e",
           "not-checkable": "#bdbdbd", "error": "#6a1b9a", "missing": "#eeeeee"}
FOCUS_MAX = 40  # a claim's focused sub-graph is drawn when it has at most this many nodes
SEED_REF = re.compile(r"(\d{3}_[0-9a-f]{16}\.txt)`?([^`]*)")
LINES = re.compile(r"l\.\s*(\d+)(?:\s*[–-]\s*(\d+))?")


def mathml(tex: str) -> str:
    """One formula as inline MathML, or as code when the converter cannot read it."""
    from latex2mathml.converter import convert

    try:
        return convert(tex)
    except Exception:  # the converter raises many types on LaTeX it does not know
        return f'<code class="tex">{html.escape(tex)}</code>'


def mixed(text: str) -> str:
    """Catalog text with ``$…$`` math: text escaped, each formula as MathML."""
    parts = re.split(r"(\$\$.*?\$\$|\$[^$]*\$)", str(text), flags=re.S)
    return "".join(mathml(p.strip("$")) if i % 2 else html.escape(p)
                   for i, p in enumerate(parts))


def ancestors(cid: str, deps: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(deps.get(cid, []))
    while stack:
        d = stack.pop()
        if d not in seen:
            seen.add(d)
            stack.extend(deps.get(d, []))
    seen.discard(cid)
    return seen


def fully_verified(claims: list[dict[str, Any]]) -> dict[str, bool]:
    """A claim is fully verified when it is verified and so is every ancestor (a
    dependency not in the audit counts as unverified)."""
    verdict = {c["id"]: c["verdict"] for c in claims}
    deps = {c["id"]: list(c["depends_on"]) for c in claims}
    return {cid: verdict[cid] in VERIFIED
            and all(verdict.get(a) in VERIFIED for a in ancestors(cid, deps))
            for cid in verdict}


def _dot_graph(name: str, nodes: list[dict[str, Any]], edges: list[tuple[str, str]],
               full: dict[str, bool], focus: str | None = None) -> str:
    lines = [f'digraph "{name}" {{', "rankdir=LR; bgcolor=transparent;",
             'node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=9];',
             'edge [color="#888888", arrowsize=0.6];']
    for c in nodes:
        colour = COLOURS.get(c["verdict"], "#ffffff")
        pen = "3" if full.get(c["id"]) else "1"
        border = "#1b5e20" if full.get(c["id"]) else "#555555"
        extra = ', fontcolor="white"' if c["verdict"] in ("proved", "refuted", "error") else ""
        if c["id"] == focus:
            extra += ", shape=doubleoctagon"
        tip = f'{c["id"]}: {c["verdict"]}' + (" (fully verified)" if full.get(c["id"]) else "")
        lines.append(f'"{c["id"]}" [fillcolor="{colour}", color="{border}", penwidth={pen}, '
                     f'URL="#{c["id"]}", target="_top", tooltip="{tip}"{extra}];')
    lines += [f'"{a}" -> "{b}";' for a, b in edges]
    lines.append("}")
    return "\n".join(lines)


def _svgs(dot_source: str) -> list[str]:
    """SVG of every graph in ``dot_source`` (one Graphviz run); [] without Graphviz or when
    it fails (the page then says there is no graph)."""
    if shutil.which("dot") is None:
        return []
    try:
        r = subprocess.run(["dot", "-Tsvg"], input=dot_source, capture_output=True, text=True,
                           timeout=600)
    except (OSError, subprocess.TimeoutExpired):
        return []
    if r.returncode != 0:  # the report is still written, without graphs
        return []
    docs = [d for d in re.split(r"<\?xml[^>]*\?>", r.stdout) if "<svg" in d]
    return [d[d.index("<svg"):].strip() for d in docs]


def graphs(claims: list[dict[str, Any]]) -> tuple[str, dict[str, str]]:
    """(SVG of the whole dependency graph, {claim: SVG of its focused sub-graph})."""
    ids = {c["id"] for c in claims}
    by_id = {c["id"]: c for c in claims}
    deps = {c["id"]: [d for d in c["depends_on"] if d in ids] for c in claims}
    kids: dict[str, list[str]] = {}
    for cid, ds in deps.items():
        for d in ds:
            kids.setdefault(d, []).append(cid)
    full = fully_verified(claims)
    edges = [(d, cid) for cid, ds in deps.items() for d in ds]
    sources = [_dot_graph("all", claims, edges, full)]
    order = []
    for c in claims:
        fam = ancestors(c["id"], deps) | ancestors(c["id"], kids) | {c["id"]}
        if len(fam) > 1 and len(fam) <= FOCUS_MAX:
            sub = [by_id[i] for i in ids if i in fam]
            sub_edges = [(a, b) for a, b in edges if a in fam and b in fam]
            sources.append(_dot_graph(c["id"], sub, sub_edges, full, focus=c["id"]))
            order.append(c["id"])
    svgs = _svgs("\n".join(sources))
    if not svgs:
        return "", {}
    return svgs[0], dict(zip(order, svgs[1:], strict=False))


def seed_places(where: str, seeds: Path | None) -> list[dict[str, Any]]:
    """The seed files and line ranges a catalog ``where`` names, with the lines themselves
    when the seeds folder is at hand."""
    out = []
    for m in SEED_REF.finditer(where):
        fname, rest = m.group(1), m.group(2)
        rest = rest.split("`")[0].split(";")[0]
        lm = LINES.search(rest)
        if lm is None:
            continue
        a = int(lm.group(1))
        b = int(lm.group(2) or a)
        place: dict[str, Any] = {"file": fname, "from": a, "to": max(a, b)}
        path = seeds / fname if seeds else None
        if path is not None and path.exists():
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
            place["text"] = "\n".join(lines[a - 1: min(max(a, b), a + 14)])
            place["href"] = path.resolve().as_uri()
        out.append(place)
    return out


def _fmt(x: Any) -> str:
    if x is None:
        return "—"
    if isinstance(x, float):
        return f"{x:.3g}"
    return html.escape(str(x))


def _badge(verdict: str) -> str:
    return f'<span class="badge v-{verdict}">{html.escape(verdict)}</span>'


def _evidence_table(evidence: list[dict[str, Any]]) -> str:
    rows = ["<table class='ev'><tr><th>check</th><th>method</th><th>verdict</th><th>scope</th>"
            "<th>examples</th><th>max error</th><th>tolerance</th><th>seed</th><th>sizes</th>"
            "<th>time (s)</th></tr>"]
    for ev in evidence:
        sizes = json.dumps(ev.get("sizes") or {}, ensure_ascii=False)
        rows.append(
            f"<tr><td>{html.escape(str(ev['details'].get('check', '')))}</td>"
            f"<td>{html.escape(ev['method'])}</td><td>{_badge(ev['verdict'])}</td>"
            f"<td>{html.escape(ev['scope'])}</td><td>{ev['examples']}</td>"
            f"<td>{_fmt(ev['max_error'])}</td><td>{_fmt(ev['tolerance'])}</td>"
            f"<td>{_fmt(ev['seed'])}</td><td><code>{html.escape(sizes[:200])}</code></td>"
            f"<td>{ev['seconds']:.2f}</td></tr>")
    rows.append("</table>")
    for ev in evidence:
        d = ev["details"]
        if d.get("why"):
            rows.append(f"<p class='why'><b>{html.escape(str(d.get('check')))}:</b> "
                        f"{html.escape(str(d['why']))}</p>")
        if d.get("counterexample"):
            cex = json.dumps(d["counterexample"], ensure_ascii=False, indent=1)
            check = html.escape(str(d.get("check")))
            rows.append(f"<details class='cex'><summary>counterexample ({check})</summary>"
                        f"<pre>{html.escape(cex[:4000])}</pre></details>")
    return "\n".join(rows)


def _claim(c: dict[str, Any], full: bool, focus_svg: str | None, seeds: Path | None) -> str:
    parts = [f"<section class='claim' id='{html.escape(c['id'])}' data-paper='{c['paper']}' "
             f"data-verdict='{c['verdict']}' data-full='{int(full)}'>",
             f"<h3><code>{html.escape(c['id'])}</code> {_badge(c['verdict'])}"
             + (" <span class='badge full'>fully verified</span>" if full else "")
             + f" <small>{html.escape(c.get('title') or '')}</small></h3>",
             f"<p class='meta'><b>Where:</b> {html.escape(c['where'])} · <b>Kind:</b> "
             f"{html.escape(c['kind'])}</p>",
             f"<p class='stmt'><b>Statement as printed.</b> {mixed(c['statement_tex'])}</p>"]
    if c["depends_on"]:
        links = ", ".join(f"<a href='#{html.escape(d)}'>{html.escape(d)}</a>"
                          for d in c["depends_on"])
        parts.append(f"<p class='deps'><b>Depends on:</b> {links}</p>")
    for place in seed_places(c["where"], seeds):
        head = f"{place['file']} l.{place['from']}" + (
            f"–{place['to']}" if place["to"] != place["from"] else "")
        link = (f"<a href='{html.escape(place['href'])}'>{html.escape(head)}</a>"
                if "href" in place else html.escape(head))
        text = (f"<pre class='seed'>{html.escape(place['text'])}</pre>"
                if "text" in place else "")
        parts.append(f"<details class='seedref'><summary>seed text: {link}</summary>{text}"
                     "</details>")
    if c.get("notes"):
        parts.append(f"<p class='notes'>{html.escape(c['notes'])}</p>")
    if c["evidence"]:
        parts.append(_evidence_table(c["evidence"]))
    e = c.get("erratum")
    if e:
        parts.append(
            "<div class='erratum'><div><h4>Printed</h4>"
            f"<p>{mathml(e['printed_tex'])}</p></div><div><h4>Corrected "
            f"{_badge(e['corrected_verdict'])}</h4><p>{mathml(e['corrected_tex'])}</p></div>"
            "</div>")
    pics = [spec for ev in c["evidence"] for spec in ev["details"].get("plots", [])]
    if pics:
        from verify.plots import svg

        parts.append("<div class='plots'>" + "".join(
            f"<figure class='graph'>{svg(spec)}</figure>" for spec in pics) + "</div>")
    if focus_svg:
        parts.append(f"<details class='focus'><summary>dependencies (ancestors and "
                     f"descendants)</summary><div class='graph'>{focus_svg}</div></details>")
    parts.append("</section>")
    return "\n".join(parts)


CSS = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:1200px;padding:1em;color:#222}
h1{margin-bottom:.2em} .meta,.deps,.notes{font-size:.9em;color:#444}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:.75em;color:#fff;
 font-weight:600;vertical-align:middle}
.v-proved{background:#2e7d32}.v-confirmed{background:#66bb6a}.v-refuted{background:#c62828}
.v-inconclusive{background:#ef6c00}.v-assumption-unmet{background:#9e9e9e}
.v-not-checkable{background:#bdbdbd;color:#222}.v-error{background:#6a1b9a}
.v-missing{background:#eee;color:#333}.full{background:#1b5e20}
table{border-collapse:collapse;font-size:.8em;margin:.4em 0} td,th{border:1px solid #ccc;
 padding:2px 5px;vertical-align:top} th{background:#f4f4f4}
.claim{border-top:1px solid #ddd;padding:.4em 0} .erratum{display:grid;
 grid-template-columns:1fr 1fr;gap:1em;background:#fff5f5;padding:.5em;border-radius:6px}
.erratum h4{margin:.2em 0} pre{white-space:pre-wrap;font-size:.8em;background:#f8f8f8;
 padding:.4em} .graph svg{max-width:100%;height:auto} #controls{position:sticky;top:0;
 background:#fff;padding:.5em 0;border-bottom:1px solid #ccc;z-index:2}
#graph{overflow:auto;max-height:80vh;border:1px solid #ddd}
#errata{table-layout:fixed;width:100%} #errata td{overflow-x:auto}
#errata th:nth-child(1){width:15%} #errata th:nth-child(4){width:8%}
.stmt,.erratum>div,.ev{overflow-x:auto;display:block;max-width:100%}
"""

JS = """
(function(){
  var q=document.getElementById('q'), paper=document.getElementById('paper'),
      boxes=document.querySelectorAll('#verdicts input');
  function apply(){
    var text=q.value.toLowerCase(), p=paper.value, on={};
    boxes.forEach(function(b){on[b.value]=b.checked;});
    var shown=0;
    document.querySelectorAll('section.claim').forEach(function(s){
      var ok=(!p||s.dataset.paper===p)&&on[s.dataset.verdict]&&
             (!text||s.textContent.toLowerCase().indexOf(text)>=0);
      s.style.display=ok?'':'none'; if(ok){shown++;}
    });
    document.getElementById('shown').textContent=shown;
  }
  q.addEventListener('input',apply); paper.addEventListener('change',apply);
  boxes.forEach(function(b){b.addEventListener('change',apply);});
  apply();
  // render facts for automated checks (the browser test reads them from the DOM)
  var maths=document.querySelectorAll('math'), drawn=0;
  maths.forEach(function(m){var r=m.getBoundingClientRect(); if(r.width>0&&r.height>0){drawn++;}});
  document.documentElement.setAttribute('data-math-total', maths.length);
  document.documentElement.setAttribute('data-math-drawn', drawn);
})();
"""


def seeds_dir() -> Path | None:
    """``../shared/seeds`` beside a source checkout, when it exists."""
    from verify.registry import shared_catalog_dir

    claims = shared_catalog_dir()
    seeds = claims.parent / "seeds" if claims is not None else None
    return seeds if seeds is not None and seeds.is_dir() else None


def write_html(audit: dict[str, Any], seeds: Path | None = None) -> str:
    """The whole report as one HTML string (seed excerpts from ``seeds``, by default the
    seeds folder beside a source checkout)."""
    seeds = seeds if seeds is not None else seeds_dir()
    claims = audit["claims"]
    full = fully_verified(claims)
    whole, focus = graphs(claims)
    counts = Counter(c["verdict"] for c in claims)
    papers = sorted({c["paper"] for c in claims})
    env = audit.get("environment", {})
    summary = "".join(f"<tr><td>{_badge(v)}</td><td>{n}</td></tr>"
                      for v, n in sorted(counts.items()))
    errata = [c for c in claims if c.get("erratum")]
    err_rows = "".join(
        f"<tr><td><a href='#{c['id']}'>{html.escape(c['id'])}</a></td>"
        f"<td>{mathml(c['erratum']['printed_tex'])}</td>"
        f"<td>{mathml(c['erratum']['corrected_tex'])}</td>"
        f"<td>{_badge(c['erratum']['corrected_verdict'])}</td></tr>" for c in errata)
    verdict_boxes = "".join(
        f"<label><input type='checkbox' value='{v}' checked> {v}</label> "
        for v in COLOURS)
    paper_opts = "".join(f"<option value='{p}'>{p}</option>" for p in papers)
    graph_html = (f"<div id='graph' class='graph'>{whole}</div>" if whole else
                  "<p id='graph'>(no dependency graph: Graphviz is not installed or failed)</p>")
    body = "\n".join(_claim(c, full[c["id"]], focus.get(c["id"]), seeds) for c in claims)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wnverify audit</title><style>{CSS}</style></head><body>
<h1>wnverify audit</h1>
<p>suite {html.escape(str(audit.get('suite_version')))} · scale
<b>{html.escape(str(audit.get('scale')))}</b> · seed {html.escape(str(audit.get('seed')))} ·
backend {html.escape(str(env.get('backend')))} on {html.escape(str(env.get('device')))} ·
started {html.escape(str(audit.get('started')))}, finished
{html.escape(str(audit.get('finished')))}</p>
<table id="summary"><tr><th>verdict</th><th>claims</th></tr>{summary}
<tr><td>fully verified</td><td>{sum(full.values())}</td></tr></table>
<h2>Errata ({len(errata)})</h2>
<table id="errata"><tr><th>claim</th><th>printed</th><th>corrected</th><th>verdict</th></tr>
{err_rows}</table>
<h2>Dependency graph</h2>
<p>Nodes coloured by verdict; a thick dark border marks a claim that is <i>fully
verified</i> (verified, and so is every claim it depends on). Click a node to go to it.</p>
{graph_html}
<h2>Claims</h2>
<div id="controls"><input id="q" type="search" placeholder="search claims" size="30">
<select id="paper"><option value="">all papers</option>{paper_opts}</select>
<span id="verdicts">{verdict_boxes}</span> <span id="shown"></span> shown</div>
{body}
<script>{JS}</script>
</body></html>
"""
