"""The package's shape is its data flow: imports go only downward, and there is no cycle."""

import ast
from pathlib import Path

from helpers import SHIPPED

import juesuan

PACKAGE = Path(juesuan.__file__).parent
# Stage of each module (by its dotted name's first part under juesuan); a module may import its own
# stage or a lower one. The model (Document, numbers, errors, paths, manifest, atomic writing, version)
# is shared by all and imports nothing else of the package; reference data reads the model only.
# Above the four stages: the entry points that process one report (pipeline, and explore, which
# reads the outputs back), then the run machinery (run/) and the filing of downloads (ingest/), which
# only the CLI imports.
STAGES = {"model": 0, "reference": 1, "read": 2, "extract": 3, "check": 4, "publish": 5,
          "pipeline": 6, "explore": 6, "run": 7, "ingest": 7, "cli": 8}
TOP = 9  # juesuan/__init__.py: the public API
# The top of the package: the data flow's subpackages and a few entry points, nothing else.
TOP_LEVEL = {"__init__.py", "cli.py", "pipeline.py", "explore.py",
             "model", "reference", "read", "extract", "check", "publish", "run", "ingest", "notebooks"}


def module_name(path: Path) -> str:
    parts = ("juesuan", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def stage(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return TOP
    return STAGES[parts[1]]  # a module outside every stage fails here: place it


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """Every juesuan module this one imports, at any depth of its code (lazy imports count)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("juesuan"):
                continue
            for alias in node.names:  # `from .publish import html` imports the module publish.html
                sub = f"{target}.{alias.name}"
                out.add(sub if sub in known else target)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("juesuan")}
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("juesuan."):
            # dotted names handed to a loader (the reader registry, papermill's kernel manager)
            candidate = node.value.split(":")[0]
            if candidate in known:
                out.add(candidate)
    return out - {name}


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports(name, path, known) for name, path in found.items()}


def test_every_stage_is_a_subpackage_with_a_header_saying_what_enters_and_leaves():
    for sub in ("model", "read", "extract", "check", "publish", "run", "ingest"):
        doc = ast.get_docstring(ast.parse((PACKAGE / sub / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "Enters:" in doc and "Leaves:" in doc, sub


def test_imports_only_go_downward():
    upward = [(a, b) for a, targets in graph().items() for b in targets if stage(b) > stage(a)]
    assert upward == []


def test_the_top_level_holds_only_the_stages_and_the_entry_points():
    found = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and not p.name.startswith(".")}
    assert found == TOP_LEVEL
    for name in modules():  # every module belongs to a stage (KeyError otherwise)
        stage(name)


def test_the_model_imports_nothing_outside_itself():
    outside = [(a, b) for a, targets in graph().items() if a.startswith("juesuan.model")
               for b in targets if not b.startswith("juesuan.model")]
    assert outside == []


def test_only_the_cli_imports_the_run_machinery():
    importers = {a for a, targets in graph().items() if not a.startswith("juesuan.run")
                 for b in targets if b.startswith("juesuan.run")}
    assert importers == {"juesuan.cli"}


def test_no_import_cycles():
    edges = graph()
    state: dict[str, int] = {}
    cycles = []

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(trail[trail.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_the_guard_sees_an_upward_import_and_a_cycle(tmp_path, monkeypatch):
    """The walker resolves relative imports: a reader importing an extractor would be caught."""
    known = set(modules())
    reader = tmp_path / "read" / "bad.py"
    reader.parent.mkdir()
    reader.write_text("from ..extract.sections import find_sections\n", encoding="utf-8")
    found = imports("juesuan.read.bad", reader, known)
    assert found == {"juesuan.extract.sections"}
    assert stage("juesuan.extract.sections") > stage("juesuan.read.bad")
    lazy = tmp_path / "check" / "late.py"
    lazy.parent.mkdir()
    lazy.write_text("def f():\n    from ..publish import html\n", encoding="utf-8")
    assert imports("juesuan.check.late", lazy, known) == {"juesuan.publish.html"}


def test_readers_are_registered_once_by_suffix_and_none_imports_an_extractor():
    from juesuan.read import READERS

    suffixes = [s for r in READERS for s in r.suffixes]
    assert len(suffixes) == len(set(suffixes))
    for r in READERS:
        assert callable(r.load())
    edges = graph()
    for name, targets in edges.items():
        if name.startswith("juesuan.read"):
            assert not any(t.startswith(("juesuan.extract", "juesuan.check", "juesuan.publish")) for t in targets)


def test_public_api_processes_without_writing(tmp_path):
    import shutil

    copy = tmp_path / "report.txt"
    shutil.copy(SHIPPED, copy)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = juesuan.process(copy)
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert result.meta["year"] == 2023
    assert set(result.tables) >= {"facts", "functions", "charts", "findings"}
    assert (result.tables["findings"]["severity"] == "error").sum() == 5
