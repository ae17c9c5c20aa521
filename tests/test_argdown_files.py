"""Argdown at the level of arguments, on our own Argdown files (tests/argdown/*.argdown), each written to
cover constructs of Argdown's syntax documentation, parsed by the real Argdown CLI pinned in
package-lock.json.

For every statement, argument and relation in the CLI's JSON, the test finds it in the imported
debate (as `argmap check` reads it) or in the import's report, with a reason; then it exports the
debate as Argdown, has the CLI parse that without a warning, imports it again and compares the files.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from helpers import ROOT, argdown_json, empty_project, run_argmap

FILES = sorted((ROOT / "tests" / "argdown").glob("*.argdown"))
SYMMETRIC = ("contrary", "contradictory")

# What each file's import cannot carry, by relation: the only lines of the report that say "not carried over".
NOT_CARRIED = {
    "arguments": {"relation support from [Audit] to <Cost>"},
}
# How many of each kind the CLI's JSON holds (a check that the files cover what they claim to).
KINDS = {
    "statements": {"statements": 9, "arguments": 0, "relations": 10, "support": 5, "attack": 5},
    "strict": {"statements": 4, "arguments": 0, "relations": 4, "entails": 1, "contrary": 2, "contradictory": 1},
    "arguments": {"statements": 11, "arguments": 6, "relations": 10, "support": 4, "attack": 3, "undercut": 3,
                  "pcs": 2, "intermediate": 1},
}

pytestmark = pytest.mark.needs_node


def _project(tmp_path: Path, name: str) -> Path:
    return empty_project(tmp_path / name)


def _import(root: Path, json_file: Path):
    from build_tools.check import check_project

    result = run_argmap("import", "--root", str(root), "--format", "argdown-json", str(json_file), "--debate", "d")
    assert result.returncode == 0, result.stderr
    check = check_project(root)
    assert not check.diagnostics, check.diagnostics[:3]  # no error and no warning
    return check.debates[0], result.stderr


def _plain(text: str) -> str:
    """A statement's text as the importer keeps it: without its tags, white space folded."""
    text = re.sub(r"#\([^)]*\)", "", text)  # the files write tags in brackets only (an escaped \# is text)
    return " ".join(text.split())


def _mark(title: str, kind: str) -> str:
    return f"<{title}>" if kind in ("argument", "inference") else f"[{title}]"


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_every_statement_argument_and_relation_is_kept_or_reported(source: Path, tmp_path: Path) -> None:
    data = argdown_json(source, tmp_path / "json")
    debate, report = _import(_project(tmp_path, "project"), tmp_path / "json" / (source.stem + ".json"))
    kinds = Counter(r["relationType"] for r in data["relations"])
    arguments = data.get("arguments", {})
    kinds.update(statements=len(data["statements"]), arguments=len(arguments), relations=len(data["relations"]),
                 pcs=sum(1 for a in arguments.values() if a["pcs"]),
                 intermediate=sum(1 for a in arguments.values() for s in a["pcs"]
                                  if s["role"] == "intermediary-conclusion"))
    assert {k: kinds[k] for k in KINDS[source.stem]} == KINDS[source.stem]

    # every statement is a claim with its text; every argument a named argument with its title as label
    by_text = {n.statement: n.id for n in debate.claims}
    ids = {("equivalence-class", t): by_text[_plain(next(m["text"] for m in s["members"] if m.get("text", "").strip()))]
           for t, s in data["statements"].items()}
    by_label = {n.label: n.id for n in debate.arguments}
    ids.update({(kind, t): by_label[t] for t in arguments for kind in ("argument", "inference")})
    assert len(debate.claims) == len(data["statements"]) and len(debate.arguments) == len(arguments)

    # every structure, with its intermediate conclusions
    for title, argument in arguments.items():
        node = debate.nodes[ids[("argument", title)]]
        conclusions = [ids[("equivalence-class", s["title"])] for s in argument["pcs"] if s["role"] != "premise"]
        assert [step.conclusion for step in node.structure] == conclusions
        used = {p for step in node.structure for p in step.premises}
        assert used == {ids[("equivalence-class", s["title"])] for s in argument["pcs"][:-1]}

    # every relation: in the debate, or reported with a reason
    supports = {s.key for s in debate.supports}
    attacks = {(a.attacker, a.target, a.kind) for a in debate.attacks}
    undercuts = {(u.undercutter, frozenset(u.premises), u.conclusion) for u in debate.undercuts}
    reported = set()
    for relation in data["relations"]:
        kind = relation["relationType"]
        what = f"relation {kind} from {_mark(relation['from'], relation['fromType'])} to " \
               f"{_mark(relation['to'], relation['toType'])}"
        if f"{what}: not carried over (" in report:
            reported.add(what)
            continue
        a, b = ids[(relation["fromType"], relation["from"])], ids[(relation["toType"], relation["to"])]
        if kind in ("support", "entails"):
            assert (frozenset({a}), b) in supports, what
        elif kind == "attack":
            assert (a, b, "attacks") in attacks, what
        elif kind in SYMMETRIC:  # kept as such, holding both ways
            ours = {"contrary": "contrary", "contradictory": "contradicts"}[kind]
            assert (a, b, ours) in attacks and (b, a, ours) in attacks, what
        else:
            structure = debate.nodes[b].structure
            index = relation.get("conclusionIndex")
            steps = [s for s in structure if index is not None and s.conclusion == ids[
                ("equivalence-class", arguments[relation["to"]]["pcs"][index]["title"])]]
            if steps and steps[0] is not structure[-1]:
                assert (a, frozenset(steps[0].premises), steps[0].conclusion) in undercuts, what
            else:
                assert (a, b, "undercuts") in attacks, what
    assert reported == NOT_CARRIED.get(source.stem, set())
    classes = [t for t, s in data["statements"].items() if len({m.get("text", "").strip() for m in s["members"]} - {""}) > 1]
    for title in classes:  # an equivalence class of several texts keeps one, and says so
        assert f"statement [{title}] has 2 different texts (an equivalence class): the first is kept" in report
    dropped = [line for line in report.splitlines() if "not carried over" in line]
    assert len([line for line in dropped if "relation " in line or "statement [" in line]) == len(reported) + len(classes)
    rules = sum(len((s.get("inference") or {}).get("inferenceRules") or []) for a in arguments.values() for s in a["pcs"])
    if rules:  # what our format has no place for is said too
        assert f"{rules} inference rule name(s) (" in report
    if data.get("sections"):
        assert f"{len(data['sections'])} section heading(s) not carried over" in report
    relations, pcs = len(data["relations"]), kinds["pcs"]
    assert (f"carried over: {len(data['statements'])} of {len(data['statements'])} statements, {len(arguments)} of "
            f"{len(arguments)} arguments ({pcs} of {pcs} premise-conclusion structures), {relations - len(reported)} of "
            f"{relations} relations") in report


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_import_export_import_through_the_argdown_cli_is_exact(source: Path, tmp_path: Path) -> None:
    argdown_json(source, tmp_path / "first")
    first = _project(tmp_path, "first-project")
    _import(first, tmp_path / "first" / (source.stem + ".json"))
    exported = tmp_path / "back.argdown"
    assert run_argmap("export", "--root", str(first), "--format", "argdown", "-o", str(exported)).returncode == 0
    argdown_json(exported, tmp_path / "second")  # the CLI parses our export without an error or a warning
    second = _project(tmp_path, "second-project")
    _import(second, tmp_path / "second" / "back.json")
    a, b = first / "arguments" / "d", second / "arguments" / "d"
    files = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
    assert files == sorted(p.relative_to(b) for p in b.rglob("*.yaml"))
    for name in files:
        x, y = (a / name).read_text(), (b / name).read_text()
        if name.name == "debate.yaml":  # the title and summary name the file imported
            x, y = (re.sub(r"^(title|summary): .*\n", "", t, flags=re.M) for t in (x, y))
        assert x == y, name


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_aif_round_trip_keeps_named_arguments(source: Path, tmp_path: Path) -> None:
    argdown_json(source, tmp_path / "json")
    first = _project(tmp_path, "first-project")
    debate, _ = _import(first, tmp_path / "json" / (source.stem + ".json"))
    aif = tmp_path / "d.aif.json"
    assert run_argmap("export", "--root", str(first), "--format", "aif", "-o", str(aif)).returncode == 0
    second = _project(tmp_path, "second-project")
    result = run_argmap("import", "--root", str(second), "--format", "aif", str(aif), "--debate", "d")
    assert result.returncode == 0, result.stderr
    from build_tools.check import check_project

    back = check_project(second).debates[0]
    assert _shape(back) == _shape(debate)


def _shape(debate) -> tuple:
    """Nodes, relations and structures named by kind and text (what AIF keeps); AIF has one kind of conflict, so
    an attack on a named argument reads back as an undercut of it."""
    t = {n.id: (n.kind.value, n.statement) for n in debate.nodes.values()}
    argument = {n.id for n in debate.arguments}
    return (
        sorted(t.values()),
        sorted((tuple(sorted(t[p] for p in s.premises)), t[s.conclusion]) for s in debate.supports),
        sorted((t[a.attacker], t[a.target], "conflict" if a.target in argument else a.kind) for a in debate.attacks),
        sorted((t[u.undercutter], tuple(sorted(t[p] for p in u.premises)), t[u.conclusion]) for u in debate.undercuts),
        sorted((t[n.id], [(sorted(t[p] for p in s.premises), t[s.conclusion]) for s in n.structure])
               for n in debate.arguments),
    )


def test_our_json_round_trip_keeps_named_arguments_exactly(tmp_path: Path) -> None:
    import jsonschema

    argdown_json(ROOT / "tests" / "argdown" / "arguments.argdown", tmp_path / "json")
    first = _project(tmp_path, "first-project")
    _import(first, tmp_path / "json" / "arguments.json")
    exported = tmp_path / "d.json"
    assert run_argmap("export", "--root", str(first), "--format", "json", "-o", str(exported)).returncode == 0
    data = json.loads(exported.read_text())
    schema = json.loads((ROOT / "build_tools" / "schemas" / "export.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert {n["kind"] for n in data["nodes"]} == {"claim", "argument"}
    assert sum(1 for s in data["supports"] if s["argument"]) == 5  # <Cost>: premises -> it -> thesis; <Rotation>: 3
    second = _project(tmp_path, "second-project")
    assert run_argmap("import", "--root", str(second), "--format", "json", str(exported), "--debate", "d").returncode == 0
    again = run_argmap("export", "--root", str(second), "--format", "json")
    assert json.loads(again.stdout) == data
