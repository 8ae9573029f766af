"""``wnverify latex``: the audit's derivations as LaTeX documents (one per paper and one
for everything), compiled to PDF with ``latexmk -pdf`` on request.

For each claim: the statement as printed (from the catalog), then each check's evidence —
for symbolic checks the named SymPy steps of every derivation, each typeset by SymPy's
LaTeX printer and ending in the residual, with the scope — and the verdict. A refuted claim
gets its counterexample and the corrected statement with the corrected checks' derivations.

Non-ASCII characters of the catalog's text are mapped to LaTeX commands for pdfLaTeX
(``\\DeclareUnicodeCharacter``); text is escaped; formulas are set as inline math so long
ones break at relations and operators; a formula longer than :data:`MAX_FORMULA` characters
is left in ``audit.json`` and named, not typeset.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

MAX_FORMULA = 2500
MAX_TEXT = 1200

#: non-ASCII characters of the catalog and the checks' notes, as pdfLaTeX commands
UNICODE = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\varepsilon",
    "ϵ": r"\epsilon", "ζ": r"\zeta", "η": r"\eta", "θ": r"\theta", "ι": r"\iota",
    "κ": r"\kappa", "λ": r"\lambda", "μ": r"\mu", "ν": r"\nu", "ξ": r"\xi", "π": r"\pi",
    "ρ": r"\rho", "σ": r"\sigma", "τ": r"\tau", "υ": r"\upsilon", "φ": r"\varphi",
    "ϕ": r"\phi", "χ": r"\chi", "ψ": r"\psi", "ω": r"\omega", "Γ": r"\Gamma",
    "Δ": r"\Delta", "Θ": r"\Theta", "Λ": r"\Lambda", "Ξ": r"\Xi", "Π": r"\Pi",
    "Σ": r"\Sigma", "Φ": r"\Phi", "Ψ": r"\Psi", "Ω": r"\Omega", "‖": r"\Vert",
    "∥": r"\parallel", "∈": r"\in", "∉": r"\notin", "≤": r"\le", "≥": r"\ge", "≠": r"\ne",
    "→": r"\to", "←": r"\leftarrow", "↦": r"\mapsto", "⇒": r"\Rightarrow",
    "⇔": r"\Leftrightarrow", "↔": r"\leftrightarrow", "∞": r"\infty", "∑": r"\sum",
    "∏": r"\prod", "√": r"\surd", "⊥": r"\perp", "∂": r"\partial", "∇": r"\nabla",
    "×": r"\times", "·": r"\cdot", "⋅": r"\cdot", "≈": r"\approx", "∼": r"\sim",
    "⊙": r"\odot", "⊗": r"\otimes", "⊕": r"\oplus", "⟨": r"\langle",
    "⟩": r"\rangle", "∀": r"\forall", "∃": r"\exists", "∘": r"\circ", "∩": r"\cap",
    "∪": r"\cup", "⊂": r"\subset", "⊆": r"\subseteq", "≡": r"\equiv", "±": r"\pm",
    "∓": r"\mp", "∖": r"\setminus", "ℝ": r"\mathbb{R}", "ℕ": r"\mathbb{N}",
    "ℤ": r"\mathbb{Z}", "𝔼": r"\mathbb{E}", "𝟙": r"\mathbf{1}", "⌈": r"\lceil",
    "⌉": r"\rceil", "⌊": r"\lfloor", "⌋": r"\rfloor", "′": r"\prime", "≪": r"\ll",
    "≫": r"\gg", "∝": r"\propto", "∫": r"\int", "∅": r"\emptyset", "¬": r"\neg",
    "∧": r"\wedge", "∨": r"\vee", "≲": r"\lesssim", "≳": r"\gtrsim", "∣": r"\mid",
    "≔": r"\coloneqq", "⊤": r"\top", "ᵀ": r"^{\top}", "⁺": r"^{+}", "⁻": r"^{-}",
    "½": r"\tfrac12", "⁄": "/", "∗": "*", "−": "-", "∕": "/", "…": r"\ldots",
    "⋯": r"\cdots", "⋮": r"\vdots", "⋱": r"\ddots", "°": r"^{\circ}", "ℓ": r"\ell",
    "∠": r"\angle", "≃": r"\simeq", "≅": r"\cong", "⊖": r"\ominus", "♯": r"\sharp",
    "□": r"\square", "∎": r"\blacksquare", "✓": r"\checkmark", "✗": r"\times",
    "ⁿ": "^{n}", "ᵢ": "_{i}", "ⱼ": "_{j}", "ₖ": "_{k}", "ₙ": "_{n}", "ₘ": "_{m}",
    "ₜ": "_{t}", "ₓ": "_{x}", "ᵏ": "^{k}", "ᵐ": "^{m}", "ᵗ": "^{t}", "ᵈ": "^{d}",
    "ᵛ": "^{v}", "⁽": "^{(}", "⁾": "^{)}", "µ": r"\mu", "ǁ": r"\Vert", "˜": r"\sim",
    "†": r"\dagger", "⪯": r"\preceq", "⪰": r"\succeq", "𝒮": r"\mathcal{S}",
    "Ṽ": r"\tilde{V}", "Ẇ": r"\dot{W}", "ẇ": r"\dot{w}", "Ẋ": r"\dot{X}", "ẋ": r"\dot{x}",
    "ẑ": r"\hat{z}", "\u0302": r"\hat{}", "\u0303": r"\tilde{}", "\u0307": r"\dot{}",
}
SUPER = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789", strict=True))
SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉", "0123456789", strict=True))
#: characters pdfLaTeX's utf8 input encoding already knows in text (T1 fonts)
TEXT_OK = set("—–“”‘’«»éèêëàâäçîïôöûüùñÉÈÀÇßøØåÅæÆœŒ§¶")

VERDICT_COLOUR = {"proved": "green!50!black", "confirmed": "green!40!black",
                  "refuted": "red!70!black", "inconclusive": "orange!80!black",
                  "assumption-unmet": "gray", "not-checkable": "gray", "error": "red",
                  "missing": "gray"}

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&",
            "#": r"\#", "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%",
            "~": r"\textasciitilde{}"}


def unicode_preamble(text: str) -> str:
    """``\\DeclareUnicodeCharacter`` lines for every non-ASCII character of ``text`` that
    pdfLaTeX does not know (mapped by :data:`UNICODE`, else shown as its code point)."""
    out = []
    for ch in sorted({c for c in text if ord(c) > 127} - TEXT_OK):
        if ch not in UNICODE and 0xC0 <= ord(ch) <= 0x17F:
            continue  # Latin letters with diacritics: pdfLaTeX's utf8 input with T1 fonts
        if ch in UNICODE:
            cmd = rf"\ensuremath{{{UNICODE[ch]}}}"
        elif ch in SUPER:
            cmd = rf"\ensuremath{{^{{{SUPER[ch]}}}}}"
        elif ch in SUB:
            cmd = rf"\ensuremath{{_{{{SUB[ch]}}}}}"
        else:
            name = unicodedata.name(ch, f"U+{ord(ch):04X}")
            cmd = rf"\textsuperscript{{[{escape_text(name.lower())}]}}"
        out.append(rf"\DeclareUnicodeCharacter{{{ord(ch):04X}}}{{{cmd}}}")
    return "\n".join(out)


def escape_text(s: str, limit: int = MAX_TEXT) -> str:
    """Plain text for a LaTeX paragraph: special characters escaped, shortened to
    ``limit`` characters."""
    s = str(s)
    if len(s) > limit:
        s = s[:limit] + " [...]"
    return "".join(_SPECIAL.get(c, c) for c in s)


def _balanced(s: str) -> bool:
    depth = 0
    for i, c in enumerate(s):
        if c == "{" and (i == 0 or s[i - 1] != "\\"):
            depth += 1
        elif c == "}" and (i == 0 or s[i - 1] != "\\"):
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_LEFT = re.compile(r"\\left(?![a-zA-Z])")
_RIGHT = re.compile(r"\\right(?![a-zA-Z])")


def _delimiters(tex: str) -> str:
    """``tex`` with its \\left/\\right pairs kept when they balance, else with every
    \\left and \\right dropped (plain delimiters): some printed formulas nest them wrongly,
    and TeX refuses an unbalanced pair."""
    if len(_LEFT.findall(tex)) == len(_RIGHT.findall(tex)):
        return tex
    return re.sub(r"\\(?:left|right)(?![a-zA-Z])\s*\.?", "", tex)


def math(tex: str) -> str:
    """A formula as inline display math (breaks at relations and operators), or a note
    when it is too long to typeset or its braces do not balance."""
    tex = str(tex).strip()
    if not tex:
        return ""
    if len(tex) > MAX_FORMULA:
        return rf"\emph{{(a formula of {len(tex)} characters, kept in audit.json)}}"
    if not _balanced(tex) or "$" in tex:
        return r"\texttt{" + escape_text(tex, 400) + "}"
    return rf"$\displaystyle {_delimiters(tex)}$"


def mixed(text: str) -> str:
    """Catalog text with ``$…$`` math: text parts escaped, math parts kept."""
    parts = re.split(r"(\$\$.*?\$\$|\$[^$]*\$)", str(text), flags=re.S)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 1:
            inner = part.strip("$")
            out.append(f"${_delimiters(inner)}$" if _balanced(inner) else escape_text(part))
        else:
            out.append(escape_text(part, 4000))
    return "".join(out)


def _evidence(ev: dict[str, Any]) -> list[str]:
    d = ev["details"]
    colour = VERDICT_COLOUR.get(ev["verdict"], "black")
    lines = [
        rf"\paragraph{{{escape_text(d.get('check', ev['method']))} "
        rf"({escape_text(ev['method'])}): \textcolor{{{colour}}}{{{escape_text(ev['verdict'])}}}.}}"
        rf" Scope: {escape_text(ev['scope'])}."
    ]
    facts = [f"examples {ev['examples']}"]
    for key, label in (("max_error", "max error"), ("tolerance", "tolerance"), ("seed", "seed")):
        if ev.get(key) is not None:
            val = ev[key]
            facts.append(f"{label} {val:.3g}" if isinstance(val, float) else f"{label} {val}")
    facts.append(f"{ev['seconds']:.2f} s")
    lines.append(escape_text("; ".join(facts)) + ".")
    for dv in d.get("derivations", []):
        lines.append(rf"\subparagraph{{Derivation: {escape_text(dv['title'])}}} "
                     rf"({escape_text(dv['scope'])}; holds: {'yes' if dv['holds'] else 'no'})")
        lines.append(r"\begin{enumerate}\setlength\itemsep{2pt}")
        for step in dv["steps"]:
            note = f" ({escape_text(step['note'])})" if step.get("note") else ""
            lines.append(rf"\item \textit{{{escape_text(step['name'])}}}{note}: "
                         + math(step["latex"]))
        lines.append(r"\end{enumerate}")
    if d.get("why"):
        lines.append(r"\textit{Why:} " + escape_text(d["why"]))
    cex = d.get("counterexample")
    if cex:
        lines.append(r"\textit{Counterexample:} {\ttfamily\small "
                     + escape_text(_flat(cex), 900) + "}")
    return lines


def _flat(obj: Any) -> str:
    import json

    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def claim_tex(c: dict[str, Any]) -> list[str]:
    """One claim: statement as printed, evidence with derivations, verdict, erratum."""
    colour = VERDICT_COLOUR.get(c["verdict"], "black")
    title = escape_text(c.get("title") or "")
    lines = [
        rf"\subsection*{{\texttt{{{escape_text(c['id'])}}} --- {title}}}",
        rf"\addcontentsline{{toc}}{{subsection}}{{\texttt{{{escape_text(c['id'])}}}}}",
        rf"\textbf{{Verdict:}} \textcolor{{{colour}}}{{\textbf{{{escape_text(c['verdict'])}}}}}."
        rf" \textbf{{Where:}} {escape_text(c['where'])}. \textbf{{Kind:}} "
        rf"{escape_text(c['kind'])}.",
        "",
        r"\textbf{Statement as printed.} " + mixed(c["statement_tex"]),
        "",
    ]
    if c.get("notes"):
        lines += [r"\textbf{Notes.} " + escape_text(c["notes"]), ""]
    for ev in c["evidence"]:
        lines += _evidence(ev)
        lines.append("")
    e = c.get("erratum")
    if e:
        lines += [
            r"\paragraph{Erratum.}",
            r"\begin{itemize}",
            r"\item \textbf{Printed:} " + math(e["printed_tex"]),
            r"\item \textbf{Corrected} (verdict \textbf{"
            + escape_text(e["corrected_verdict"]) + "}): " + math(e["corrected_tex"]),
            r"\end{itemize}",
        ]
        for ev in e.get("corrected_evidence", []):
            lines += [r"\noindent\textit{Corrected statement,}", *_evidence(ev)]
        lines.append("")
    return lines


PREAMBLE = r"""\documentclass[10pt,a4paper]{article}
\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb,amsfonts,mathtools}
\usepackage[margin=2cm]{geometry}
\usepackage[dvipsnames]{xcolor}
\usepackage[hidelinks]{hyperref}
\setcounter{secnumdepth}{1}
\setcounter{MaxMatrixCols}{100}
\setcounter{tocdepth}{2}
\emergencystretch=3em
\sloppy
\allowdisplaybreaks
\providecommand{\coloneqq}{\mathrel{\mathop:}=}
\providecommand{\bm}[1]{\boldsymbol{#1}}
\providecommand{\tr}{\operatorname{tr}}
\providecommand{\diag}{\operatorname{diag}}
\providecommand{\sign}{\operatorname{sign}}
\providecommand{\Var}{\operatorname{Var}}
\providecommand{\E}{\mathbb{E}}
\providecommand{\R}{\mathbb{R}}
\providecommand{\1}{\mathbf{1}}
"""

PAPER_TITLES = {
    "dukler": "Dukler, Gu, Montúfar: optimization theory for ReLU networks trained with "
              "normalization layers",
    "wu": "Wu, Dobriban et al.: implicit regularization and convergence for weight "
          "normalization",
    "poggio": "Banburski, Poggio et al.: Theory III, dynamics and generalization in deep "
              "networks",
    "wnbn": "Banburski, Poggio et al.: weight and batch normalization implement classical "
            "generalization bounds",
}


def document(audit: dict[str, Any], claims: list[dict[str, Any]], title: str) -> str:
    """A complete LaTeX document for ``claims`` (records of ``audit.json``)."""
    counts = Counter(c["verdict"] for c in claims)
    body = [
        r"\begin{document}",
        rf"\title{{{escape_text(title)}}}",
        rf"\author{{wnverify {escape_text(audit.get('suite_version', ''))}}}",
        rf"\date{{audit of {escape_text(audit.get('started', ''))}, scale "
        rf"{escape_text(audit.get('scale', ''))}, seed {escape_text(audit.get('seed', ''))}, "
        rf"backend {escape_text(audit.get('environment', {}).get('backend', ''))}}}",
        r"\maketitle",
        r"\noindent Each claim: the statement as printed, each check's evidence (for symbolic "
        r"checks the derivation step by step, ending in the residual that must reduce to 0), "
        r"the verdict and its scope; for a claim refuted as printed, the counterexample "
        r"(re-checked at 50 significant digits) and the corrected statement.",
        "",
        r"\begin{center}\begin{tabular}{lr}\hline verdict & claims\\\hline",
        *[rf"{escape_text(v)} & {n}\\" for v, n in sorted(counts.items())],
        rf"\hline total & {len(claims)}\\\hline\end{{tabular}}\end{{center}}",
        r"\tableofcontents",
    ]
    for paper in dict.fromkeys(c["paper"] for c in claims):
        body.append(rf"\section{{{escape_text(PAPER_TITLES.get(paper, paper))}}}")
        for c in claims:
            if c["paper"] == paper:
                body += claim_tex(c)
    body.append(r"\end{document}")
    text = "\n".join(body)
    return PREAMBLE + unicode_preamble(text) + "\n" + text + "\n"


def write_documents(audit: dict[str, Any], out: Path, papers: list[str] | None = None,
                    ids: list[str] | None = None) -> list[Path]:
    """``wnverify-<paper>.tex`` for each paper of the selection and ``wnverify-all.tex``."""
    claims = [c for c in audit["claims"]
              if (not papers or c["paper"] in papers) and (not ids or c["id"] in ids)]
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for paper in dict.fromkeys(c["paper"] for c in claims):
        sel = [c for c in claims if c["paper"] == paper]
        p = out / f"wnverify-{paper}.tex"
        p.write_text(document(audit, sel, PAPER_TITLES.get(paper, paper)), encoding="utf-8")
        paths.append(p)
    p = out / "wnverify-all.tex"
    p.write_text(document(audit, claims, "wnverify: every audited claim"), encoding="utf-8")
    paths.append(p)
    return paths


class LatexUnavailable(RuntimeError):
    """No LaTeX engine on this machine."""


def compile_pdf(tex: Path, timeout: float = 900) -> Path:
    """Compile ``tex`` with ``latexmk -pdf`` (pdfLaTeX, non-interactive); raises
    :class:`LatexUnavailable` without an engine and ``RuntimeError`` with the first LaTeX
    error when the document does not compile."""
    if shutil.which("latexmk") is None or shutil.which("pdflatex") is None:
        raise LatexUnavailable("--pdf needs latexmk and pdflatex (Debian: apt-get install "
                               "latexmk texlive-latex-base texlive-latex-recommended "
                               "texlive-fonts-recommended)")
    cmd = ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-file-line-error",
           f"-output-directory={tex.parent}", str(tex)]
    r = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace",
                       timeout=timeout, cwd=tex.parent)
    pdf = tex.with_suffix(".pdf")
    if r.returncode != 0 or not pdf.exists():
        log = tex.with_suffix(".log")
        text = log.read_text(errors="replace") if log.exists() else r.stdout
        # TeX wraps its log at 79 characters: rejoin the wrapped lines first
        lines: list[str] = []
        for ln in text.splitlines():
            if lines and len(lines[-1]) % 79 == 0 and lines[-1]:
                lines[-1] += ln
            else:
                lines.append(ln)
        errs = [ln for ln in lines
                if ln.startswith("! ") or re.match(r"^[^:\s]+\.tex:\d+:", ln)]
        raise RuntimeError(f"{tex.name} does not compile: {errs[0] if errs else 'see log'}")
    return pdf
