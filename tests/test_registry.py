"""The registry knows every catalog ID, each once, with the fields the CLI and audit need."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from verify.api import implementations
from verify.registry import PAPERS, catalog, catalog_files, parse_catalog, shared_catalog_dir

# The parsing rule of ../shared/tools/catalog_coverage.py, restated independently of the
# registry's own parser so that a bug in one is caught by the other.
HEADING = re.compile(r"^#{2,4}\s+(.*)$")
TICKED = re.compile(r"`([a-z0-9_]+(?:\.[A-Za-z0-9_.\-]+)+)`")


def heading_rule_ids(files: list[tuple[str, str]]) -> list[str]:
    ids: list[str] = []
    for _, text in files:
        for line in text.splitlines():
            m = HEADING.match(line)
            if m:
                head = m.group(1).split(" — ")[0].split(" - ")[0]
                ids += [f for f in TICKED.findall(head) if f not in ids]
    return ids


def test_every_catalog_id_is_registered() -> None:
    ids = heading_rule_ids(catalog_files())
    assert len(ids) > 300
    missing = [i for i in ids if i not in catalog()]
    extra = [i for i in catalog() if i not in ids]
    assert not missing, f"catalog IDs absent from the registry: {missing}"
    assert not extra, f"registry IDs not in the catalog: {extra}"


def test_catalog_coverage_tool_agrees() -> None:
    shared = shared_catalog_dir()
    tool = shared.parent / "tools" / "catalog_coverage.py" if shared else None
    if tool is None or not tool.is_file():
        pytest.skip("../shared/tools/catalog_coverage.py not beside this checkout")
    spec = importlib.util.spec_from_file_location("catalog_coverage", tool)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert list(mod.catalog_ids()) == list(catalog())


def test_vendored_catalog_matches_shared() -> None:
    shared = shared_catalog_dir()
    if shared is None:
        pytest.skip("../shared/claims not beside this checkout; the vendored copy is used")
    vendored = dict(catalog_files())
    for md in sorted(shared.glob("*.md")):
        assert md.name in vendored, f"{md.name} not vendored in verify/catalog/"
        assert vendored[md.name] == md.read_text(encoding="utf-8"), (
            f"verify/catalog/{md.name} differs from {md}; copy it again"
        )


def test_each_claim_declared_once() -> None:
    seen: dict[str, str] = {}
    for name, text in catalog_files():
        for info in parse_catalog(text, name):
            assert info.id not in seen, f"{info.id} in {seen.get(info.id)} and {name}"
            seen[info.id] = name
    assert seen.keys() == catalog().keys()


def test_fields() -> None:
    for cid, info in catalog().items():
        assert info.paper in PAPERS and cid.startswith(info.paper + ".")
        assert info.where, cid
        assert info.statement_tex, cid
        assert info.kind, cid
        for dep in info.depends_on:
            assert dep in catalog() and dep != cid


def test_counts_per_paper() -> None:
    counts: dict[str, int] = {}
    for info in catalog().values():
        counts[info.paper] = counts.get(info.paper, 0) + 1
    assert set(counts) == {"dukler", "wu", "poggio", "wnbn"}


def test_implementations_name_catalog_ids() -> None:
    for cid in implementations():
        assert cid in catalog(), f"implementation for unknown ID {cid}"


def test_catalog_is_packaged() -> None:
    import verify

    pkg = Path(verify.__file__).parent / "catalog"
    assert sorted(p.name for p in pkg.glob("*.md")) == [n for n, _ in catalog_files()]
