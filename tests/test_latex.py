"""``wnverify latex``: the documents hold each claim's statement, its derivation steps and
its erratum, and they compile with a real LaTeX engine to a PDF whose text is checked.

CI installs the engine (``.ci/run``: Debian's latexmk and TeX Live); where it is missing
outside CI the compile tests skip with that reason; with ``WNVERIFY_REQUIRE_TOOLS=1``
(set by ``.ci/run``) they fail.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from verify.cli import main
from verify.latex import escape_text, math, mixed, unicode_preamble

PROVED = "dukler.eq2.1"
REFUTED = "dukler.prop.wn_grad_g"


@pytest.fixture(scope="module")
def audit_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit")
    assert main(["audit", "--claim", PROVED, REFUTED, "--out", str(out), "--quiet"]) == 0
    return out


def _engine() -> None:
    if shutil.which("latexmk") and shutil.which("pdflatex"):
        return
    if os.environ.get("WNVERIFY_REQUIRE_TOOLS"):
        pytest.fail("CI must have latexmk and pdflatex (.ci/run installs them)")
    pytest.skip("no LaTeX engine here (apt-get install latexmk texlive-latex-base)")


def test_documents_hold_statements_derivations_errata(audit_dir: Path) -> None:
    assert main(["latex", "--audit", str(audit_dir / "audit.json")]) == 0
    tex = (audit_dir / "latex" / "wnverify-dukler.tex").read_text(encoding="utf-8")
    allt = (audit_dir / "latex" / "wnverify-all.tex").read_text(encoding="utf-8")
    assert tex.startswith(r"\documentclass") and tex.rstrip().endswith(r"\end{document}")
    audit = json.loads((audit_dir / "audit.json").read_text())
    for c in audit["claims"]:
        assert escape_text(c["id"]) in tex and escape_text(c["id"]) in allt
        for ev in c["evidence"]:
            for dv in ev["details"].get("derivations", []):
                assert escape_text(dv["title"]) in tex
                for step in dv["steps"]:
                    assert escape_text(step["name"]) in tex
    ref = next(c for c in audit["claims"] if c["id"] == REFUTED)
    assert r"\paragraph{Erratum.}" in tex and math(ref["erratum"]["corrected_tex"]) in tex
    assert "Counterexample" in tex


def test_pdf_compiles_and_shows_the_statements(audit_dir: Path) -> None:
    _engine()
    from pypdf import PdfReader

    out = audit_dir / "pdf"
    assert main(["latex", "--audit", str(audit_dir / "audit.json"), "--out", str(out),
                 "--pdf"]) == 0
    reader = PdfReader(out / "wnverify-all.pdf")
    assert len(reader.pages) >= 2
    text = " ".join(p.extract_text() for p in reader.pages)
    for cid in (PROVED, REFUTED):
        assert cid in text
    assert "Erratum" in text and "Derivation" in text and "residual" in text
    assert "[latin" not in text  # every non-ASCII character was mapped


def test_broken_document_is_a_failure(audit_dir: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    """A statement that LaTeX cannot typeset makes ``--pdf`` exit 1 with the error."""
    _engine()
    audit: dict[str, Any] = json.loads((audit_dir / "audit.json").read_text())
    audit["claims"][0]["statement_tex"] = r"broken $\undefinedmacro{x}$"
    bad = audit_dir / "bad.json"
    bad.write_text(json.dumps(audit))
    code = main(["latex", "--audit", str(bad), "--out", str(audit_dir / "bad"), "--pdf"])
    assert code == 1 and "does not compile" in capsys.readouterr().err


def test_latex_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["latex", "--audit", str(tmp_path / "none.json")]) == 2
    assert "run 'wnverify audit' first" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"claims": [{"id": "dukler.eq2.1", "verdict": "proved"}]}))
    assert main(["latex", "--audit", str(broken)]) == 2
    assert "schema" in capsys.readouterr().err


def test_text_helpers() -> None:
    assert escape_text("50% of a_b & {c}") == r"50\% of a\_b \& \{c\}"
    assert mixed("for $x_1$ & y") == r"for $x_1$ \& y"
    assert math(r"\frac{1}{2") .startswith(r"\texttt")  # unbalanced braces are not typeset
    assert math("x" * 5000).startswith(r"\emph")
    pre = unicode_preamble("η ‖v‖ ∈ ℝ² and Montúfar, 🙂")
    assert r"\DeclareUnicodeCharacter{03B7}{\ensuremath{\eta}}" in pre
    assert "00FA" not in pre  # ú is known to pdfLaTeX
    assert "1F642" in pre  # an unknown character is shown by its name


def test_every_catalog_statement_and_variant_compiles(tmp_path: Path) -> None:
    """Every statement of the catalog, and every implementation's printed, corrected and
    perturbed formula (as an erratum), typeset in one document that must compile."""
    _engine()
    from pypdf import PdfReader

    from verify.api import implementations
    from verify.audit import claim_record
    from verify.latex import compile_pdf, document
    from verify.registry import catalog

    impls = implementations()
    claims = []
    for cid, info in catalog().items():
        rec = claim_record(info, "missing", [], None)
        impl = impls.get(cid)
        if impl is not None:
            others = [v.tex for v in impl.variants()[1:]] or [impl.printed.tex]
            rec["erratum"] = {"printed_tex": impl.printed.tex, "counterexample": {},
                              "corrected_tex": r"\quad\text{or}\quad ".join(others),
                              "corrected_verdict": "proved", "corrected_evidence": []}
        claims.append(rec)
    tex = tmp_path / "everything.tex"
    tex.write_text(document({"claims": claims}, claims, "every statement"), encoding="utf-8")
    pdf = compile_pdf(tex)
    text = PdfReader(pdf).pages[-1].extract_text()
    assert "[latin" not in text and len(PdfReader(pdf).pages) > 50


def test_derivation_steps_use_the_papers_names() -> None:
    """Machine-looking symbol names print in the papers' notation in every derivation step."""
    import sympy as sp

    from derivations.core import Step

    g, lam, V, n, nw = sp.symbols("g_star lam V_inf n_perp norm_W")
    tex = Step("s", g**2 / lam + V * n / nw).latex()
    for bad in ("star", "lam", "inf", "perp", "norm"):
        assert bad not in tex.replace(r"\lambda", "").replace(r"\infty", "").replace(
            r"\perp", "").replace(r"\star", ""), tex
    assert r"\lambda" in tex and r"V_{\infty}" in tex and r"\|W\|" in tex
    assert Step("t", (sp.Matrix([[1]]), {sp.Integer(1): 2})).latex().startswith(r"\left(")
