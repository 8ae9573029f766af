"""``report.html``: self-contained, every claim present with MathML statements, the
dependency graph as inline SVG, fully-verified states computed from ancestors; rendered
in a real headless Chromium (screenshot, DOM after scripts, no console errors).

CI installs Graphviz and Chromium (``.ci/run``); where they are missing outside CI the
tests that need them skip with that reason; with ``WNVERIFY_REQUIRE_TOOLS=1`` (set by
``.ci/run``) they fail.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from verify.audit import claim_record
from verify.cli import main
from verify.html import fully_verified, mixed, seed_places, write_html
from verify.registry import catalog

CLAIMS = ("dukler.eq2.1", "dukler.prop.wn_grad_g", "dukler.lemma4.1")


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path:
        return path
    if os.environ.get("WNVERIFY_REQUIRE_TOOLS"):
        pytest.fail(f"CI must have {tool} (.ci/run installs it)")
    pytest.skip(f"{tool} is not installed here")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert main(["audit", "--claim", *CLAIMS, "--out", str(out), "--quiet"]) == 0
    # every other catalog ID as an unchecked record: the page and graph at full size
    audit = json.loads((out / "audit.json").read_text())
    seen = {c["id"] for c in audit["claims"]}
    audit["claims"] += [claim_record(info, "missing", [], None)
                        for cid, info in catalog().items() if cid not in seen]
    (out / "report.html").write_text(write_html(audit), encoding="utf-8")
    (out / "audit.json").write_text(json.dumps(audit))
    return out


def test_report_is_self_contained_and_complete(report: Path) -> None:
    page = (report / "report.html").read_text(encoding="utf-8")
    audit = json.loads((report / "audit.json").read_text())
    for c in audit["claims"]:
        assert f"id='{c['id']}'" in page
    assert "<math" in page and "Statement as printed" in page
    assert not re.search(r"""(src|href)=["']https?://""", page)  # nothing fetched at view time
    assert "<script src" not in page and "<link" not in page


def test_dependency_graph_svg(report: Path) -> None:
    _need("dot")
    page = (report / "report.html").read_text(encoding="utf-8")
    graph = page[page.index("<div id='graph'"):]
    assert "<svg" in graph[:2000]
    assert 'href="#dukler.eq2.1"' in page or "xlink:href=\"#dukler.eq2.1\"" in page


def test_fully_verified_needs_every_ancestor() -> None:
    def rec(cid: str, verdict: str, deps: list[str]) -> dict[str, Any]:
        return {"id": cid, "verdict": verdict, "depends_on": deps}

    claims = [rec("a", "proved", []), rec("b", "confirmed", ["a"]), rec("c", "refuted", []),
              rec("d", "proved", ["b", "c"]), rec("e", "proved", ["b"]),
              rec("f", "proved", ["absent"])]
    full = fully_verified(claims)
    assert full == {"a": True, "b": True, "c": False, "d": False, "e": True, "f": False}


def test_helpers() -> None:
    assert "<math" in mixed(r"norm $\|v\|_2$ & more") and "&amp; more" in mixed("& more")
    assert "<code" in mixed(r"$\frac{1}{$")  # what the converter cannot read stays code
    places = seed_places("`000_ed9ef0b38b0c2dbd.txt` l.77–80 (2.3); `001_64a1f130ce7498ac.txt`"
                         " l.219", None)
    assert [(p["file"], p["from"], p["to"]) for p in places] == [
        ("000_ed9ef0b38b0c2dbd.txt", 77, 80), ("001_64a1f130ce7498ac.txt", 219, 219)]


def test_report_renders_in_chromium(report: Path, tmp_path: Path) -> None:
    chromium = _need("chromium")
    _need("dot")
    page = (report / "report.html").resolve().as_uri()
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900",
             "--enable-logging=stderr", "--v=0"]
    shot = tmp_path / "first-screen.png"
    r = subprocess.run([chromium, *flags, f"--screenshot={shot}", page], capture_output=True,
                       text=True, timeout=300)
    assert shot.exists() and shot.stat().st_size > 10_000, r.stderr[-2000:]
    r = subprocess.run([chromium, *flags, "--dump-dom", page], capture_output=True, text=True,
                       timeout=300)
    dom = r.stdout
    audit = json.loads((report / "audit.json").read_text())
    for c in audit["claims"]:
        assert f'id="{c["id"]}"' in dom
    total = int(re.search(r'data-math-total="(\d+)"', dom).group(1))
    drawn = int(re.search(r'data-math-drawn="(\d+)"', dom).group(1))
    assert total > 0 and drawn == total  # every MathML formula has a box on screen
    assert "<svg" in dom
    console = [ln for ln in r.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert not [ln for ln in console if "rror" in ln], console


def test_plots_render_as_inline_svg() -> None:
    from verify.plots import line, plot_spec, svg

    spec = plot_spec("t", "x", "y", [line("a", range(500), [v * v for v in range(500)]),
                                     line("b", [1, 2], [3, float("nan")], "dashed")], logy=True)
    assert len(spec["lines"][0]["x"]) <= 200 and spec["lines"][1]["y"][1] is None
    out = svg(spec)
    assert out.startswith("<svg") and out.rstrip().endswith("</svg>")
