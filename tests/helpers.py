"""What the tests share: where things are, running argmap and MkDocs, building test projects.

Test files import from here, never from one another. The external corpora are found
through one setting, ``ARGMAP_CORPORA`` (default: ``../shared/corpora`` beside the checkout).
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

import pytest
import yaml

from build_tools.cli import main as argmap_main
from build_tools.model import (
    Attack,
    Debate,
    Issue,
    Node,
    NodeKind,
    Origin,
    Perspective,
    SourceInfo,
    Support,
    Undercut,
    Weighing,
)

ROOT = Path(__file__).resolve().parent.parent
ARGMAP = Path(sys.executable).with_name("argmap")
MKDOCS = Path(sys.executable).with_name("mkdocs")
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"  # the Argdown CLI, pinned in package-lock.json
DEBATE = "nato-factory-settings"
CORPORA = Path(os.environ.get("ARGMAP_CORPORA", ROOT.parent / "shared" / "corpora")).resolve()
# Where the corpora cannot be had (a fork's pull request on GitHub), ARGMAP_CORPORA_OPTIONAL=1 lets
# the tests that need them be reported as not run; otherwise, under CI=true, a skip fails the run.
CORPORA_OPTIONAL = os.environ.get("ARGMAP_CORPORA_OPTIONAL") == "1"
CORPUS_MISSING = "external data missing"
CARNEADES = CORPORA / "carneades-status"
ARAUCARIA = CORPORA / "araucaria-aif"
ARTICLE = CORPORA.parent / "article.txt"  # beside the corpora: ARGMAP_CORPORA locates both
UPDATE = bool(os.environ.get("UPDATE_EXPECTED"))  # rewrite expected outputs and golden files
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/{}.schema.json\n"


@dataclass
class Ran:
    """What a command did: its exit status and output, as subprocess.CompletedProcess has them."""

    returncode: int
    stdout: str
    stderr: str


def run_argmap(*args: str, cwd: Path | None = None) -> Ran:
    """Run ``argmap`` in this process, as the console command would (its ``main``), from ``cwd``."""
    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    os.chdir(cwd or ROOT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = argmap_main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(previous)
    return Ran(code, out.getvalue(), err.getvalue())


def run_argmap_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the installed ``argmap`` command in its own process, end to end, as a user would."""
    return subprocess.run([str(ARGMAP), *args], cwd=cwd or ROOT, capture_output=True, text=True, timeout=120)


def needs_external(path: Path):
    """Skip a test when the external file or corpus at ``path`` is not here (see CORPORA_OPTIONAL)."""
    return pytest.mark.skipif(not path.exists(), reason=f"{CORPUS_MISSING}: {path} (set ARGMAP_CORPORA)")


def copy_project(project: Path, debates: list[str] | None = None) -> Path:
    """A copy of the shipped project (its site configuration, docs, arguments and schemas): with every debate
    under ``arguments/``, or only ``debates``."""
    project.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "docs", "build_tools"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, project / name)
    for debate in sorted(p.name for p in (ROOT / "arguments").iterdir()) if debates is None else debates:
        shutil.copytree(ROOT / "arguments" / debate, project / "arguments" / debate,
                        ignore=shutil.ignore_patterns("__pycache__"))
    return project


def article_project(project: Path) -> Path:
    """The shipped article alone, as the site of one debate (its home the site's home), whatever other debates
    the project holds: the tests about the article's own map and pages build this."""
    return copy_project(project, [DEBATE])


def empty_project(root: Path) -> Path:
    """A project with no debate yet (for imports): ``arguments/`` and the schemas its files name."""
    (root / "arguments").mkdir(parents=True)
    (root / "build_tools").mkdir()
    (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    return root


def build(project: Path, site: Path, **env: str) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site``."""
    return subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(site)], cwd=project,
                          capture_output=True, text=True, timeout=600, env={**os.environ, **env})


def write_graph_debate(root: Path, nodes: dict[str, dict], thesis: str) -> None:
    """A debate without a source text, in our format, from node specs (id -> fields)."""
    folder = root / "arguments" / "graph"
    for kind in ("claims", "evidence"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
    (root / "build_tools").mkdir(exist_ok=True)
    if not (root / "build_tools" / "schemas").exists():
        (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    debate = {"title": "Graph", "summary": "A test graph.",
              "source": {k: "unknown" for k in ("title", "author", "publication", "date", "url", "rights")},
              "thesis": thesis, "perspectives": [{"id": "author", "name": "Author", "description": "Author."}]}
    (folder / "debate.yaml").write_text(HEAD.format("debate").replace("../../../", "../../")
                                        + yaml.safe_dump(debate, sort_keys=False))
    for node_id, spec in nodes.items():
        kind = spec.pop("kind", "claim")
        body = {"label": node_id, "statement": f"Statement {node_id}.", **spec}
        if kind == "evidence":
            body |= {"kind": "other", "citation": {"who": "unknown", "what": "a test", "when": "unknown",
                                                   "url": "unknown", "basis": "article-only"}}
        sub = "claims" if kind == "claim" else "evidence"
        (folder / sub / f"{node_id}.yaml").write_text(HEAD.format(kind) + yaml.safe_dump(body, sort_keys=False))


def translate_carneades(graph: dict) -> tuple[dict[str, dict], dict[str, str], str]:
    """A Carneades-style graph in our format: ids made valid, argument steps with no premise
    given a granted evidence node as premise, every unsupported node not granted unless listed."""
    ids = {}
    for i, name in enumerate(graph["nodes"]):
        ids[name] = f"s{i}-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "n")
    nodes: dict[str, dict] = {ids[n]: {} for n in graph["nodes"]}
    attacks = {(ids[a], ids[t]) for a, t in graph["attacks"]}
    steps = {}
    for k, step in enumerate(graph["supports"]):
        premises = [ids[p] for p in step["from"]]
        target = ids[step["to"]]
        if not premises:
            evidence = f"a{k}-basis"
            nodes[evidence] = {"kind": "evidence"}
            premises = [evidence]
        if any((p, target) in attacks for p in premises):
            # our format refuses a node that supports and attacks the same claim: an
            # ungranted proxy, in exactly when the premises are, carries the support
            proxy = f"a{k}-proxy"
            nodes[proxy] = {"assumed": False, "supports": [target]}
            nodes[premises[0]].setdefault("supports", []).append(
                proxy if len(premises) == 1 else {"to": proxy, "with": premises[1:]})
            steps[step["id"]] = [proxy]
            continue
        steps[step["id"]] = premises
        first = nodes[premises[0]]
        first.setdefault("supports", []).append(
            target if len(premises) == 1 else {"to": target, "with": premises[1:]})
    for attacker, target in graph["attacks"]:
        if attacker == target:  # our format refuses self-attack: an even cycle with a mirror is equivalent
            mirror = f"{ids[attacker]}-mirror"
            nodes[mirror] = {"attacks": [ids[attacker]]}
            nodes[ids[attacker]].setdefault("attacks", []).append(mirror)
            continue
        nodes[ids[attacker]].setdefault("attacks", []).append(ids[target])
    for cut in graph["undercuts"]:
        premises = steps[cut["link"]]
        target = next(s["to"] for s in graph["supports"] if s["id"] == cut["link"])
        nodes[ids[cut["by"]]].setdefault("undercuts", []).append(
            {"from": premises[0] if len(premises) == 1 else premises, "to": ids[target]})
    supported = {ids[s["to"]] for s in graph["supports"]}
    for name in graph["nodes"]:
        node = nodes[ids[name]]
        if name in graph["premises"]:
            node["assumed"] = True
        elif ids[name] not in supported:
            node["assumed"] = False
    for spec in nodes.values():  # our format lists each target once
        for key in ("attacks",):
            if key in spec:
                spec[key] = sorted(set(spec[key]))
    expected = {ids[n]: label for n, label in graph["expected_grounded"].items()}
    return nodes, expected, ids[graph["nodes"][0]]


def carneades_corpus() -> list[Path]:
    return sorted(CARNEADES.glob("*.yml")) if CARNEADES.is_dir() else []


# Hand-made graphs with the labels grounded semantics must give: (node specs, expected labels).
HAND_MADE = {
    # a attacked by b, b attacked by c: c reinstates a.
    "reinstatement": ({"t": {}, "b": {"attacks": ["t"]}, "c": {"attacks": ["b"]}},
                      {"t": "in", "b": "out", "c": "in"}),
    # an odd cycle leaves all undecided; its target too.
    "odd-cycle": ({"t": {}, "x": {"attacks": ["y", "t"]}, "y": {"attacks": ["z"]}, "z": {"attacks": ["x"]}},
                  {"t": "undecided", "x": "undecided", "y": "undecided", "z": "undecided"}),
    "even-cycle": ({"t": {}, "x": {"attacks": ["y"]}, "y": {"attacks": ["x", "t"]}},
                   {"t": "undecided", "x": "undecided", "y": "undecided"}),
    # a linked step with one premise out fails: its conclusion is not established.
    "linked-premise-out": ({"t": {}, "p": {"supports": [{"to": "t", "with": ["q"]}]}, "q": {},
                            "r": {"attacks": ["q"]}},
                           {"t": "out", "p": "in", "q": "out", "r": "in"}),
    # an undercut switches the step off, and nothing else.
    "undercut": ({"t": {}, "p": {"supports": ["t"]}, "u": {"undercuts": [{"from": "p", "to": "t"}]}},
                 {"t": "out", "p": "in", "u": "in"}),
    # circular support establishes nothing.
    "circular-support": ({"t": {}, "p": {"supports": ["q", "t"]}, "q": {"supports": ["p"]}},
                         {"t": "undecided", "p": "undecided", "q": "undecided"}),
}


# The Carneades example graphs with weighing (corpora/carneades-weighed) as our model, ids kept.
_HERE = Origin("test")


def _weighing(spec, argument: dict) -> Weighing:
    properties = MappingProxyType(dict(argument.get("properties", {})))
    if isinstance(spec, str):
        return Weighing(spec, properties=properties)
    [(function, value)] = spec.items()
    if function == "constant":
        return Weighing("constant", weight=float(value), properties=properties)
    if function == "criteria":
        return Weighing("criteria", criteria=value, properties=properties)
    return Weighing("preference", preference=tuple(value), properties=properties)


def carneades_criterion(statement: str) -> tuple[str, str] | None:
    """The criterion a Carneades statement gives, read from its Prolog-style term: ``price(volvo,medium)``
    gives the criterion price the value medium. Carneades reads it from the term; our claims say it."""
    term = re.fullmatch(r"([a-z0-9_]+)\((.*)\)", statement)
    if not term:
        return None
    value = term.group(2).rsplit(",", 1)[-1].strip()
    return (term.group(1), value) if re.fullmatch(r"[a-z0-9]+([_-][a-z0-9]+)*", value) else None


def carneades_weighed_debate(graph: dict) -> Debate:
    """A Carneades argument graph as our model: statements as claims (ids kept), arguments as support
    steps with their weighing, undercutters as undercuts, issues as issues, assumptions assumed."""
    assumed = set(graph.get("assumptions", []))
    nodes = {sid: Node(id=sid, kind=NodeKind.CLAIM, label=sid, statement=str(text), assumed=sid in assumed,
                       criterion=carneades_criterion(sid), origin=_HERE) for sid, text in graph["statements"].items()}
    supports, undercuts = [], []
    for argument in graph["arguments"]:
        premises = tuple(argument["premises"])
        step = Support(premises, argument["conclusion"], argument["id"], _HERE, _weighing(argument["weighing"], argument))
        assert step.key not in {s.key for s in supports}, "two arguments with the same premises and conclusion"
        supports.append(step)
        if argument.get("undercutter"):
            undercuts.append(Undercut(argument["undercutter"], premises, argument["conclusion"], _HERE))
    issues = tuple(Issue(i["id"], tuple(i["positions"]), i.get("standard", "PE")) for i in graph.get("issues", []))
    return Debate(id="weighed", folder="arguments/weighed", title=graph["title"], summary="A Carneades example.",
                  source=SourceInfo(*(["unknown"] * 6)), thesis=next(iter(nodes)),
                  perspectives=(Perspective("author", "Author", "Author"),), nodes=MappingProxyType(nodes),
                  supports=tuple(supports), attacks=(), undercuts=tuple(undercuts), source_text=None, origin=_HERE,
                  issues=issues)


# A debate with an issue, weights and an open condition, in our YAML.
ISSUE_DEBATE = """# yaml-language-server: $schema=../../build_tools/schemas/debate.schema.json
title: A weighed verdict
summary: A course of action with a benefit, a risk and a rival reading.
source: {title: unknown, author: unknown, publication: unknown, date: unknown, url: unknown, rights: unknown}
thesis: verdict
perspectives:
  - {id: author, name: Author, description: The author.}
  - {id: critics, name: Critics, description: The critics.}
issues:
  - id: course
    question: Is the course sound?
    positions: [verdict, rival]
    standard: PE
# The critics' weight on the author's benefit is there to test weights per perspective; from the critics' own
# premises the benefit never holds, which the check would report.
checks: {inert-weight: ignore}
"""
CLAIMS = {
    "verdict": {"label": "The course is sound", "role": "thesis", "perspective": "author"},
    "rival": {"label": "The course is a retreat", "role": "objection", "perspective": "critics",
              "attacks": ["verdict"]},
    "benefit": {"label": "It frees resources", "role": "reason", "perspective": "author",
                "supports": [{"to": "verdict", "with": ["managed-exit"], "weight": "high",
                              "weights": {"critics": "low"}, "why": "The author says so."}]},
    "managed-exit": {"label": "The exit is managed", "role": "condition", "perspective": "author", "open": True},
    "risk": {"label": "It risks chaos", "role": "risk", "perspective": "author",
             "attacks": [{"to": "verdict", "weight": "medium", "why": "Risks loom."}]},
    "doubt": {"label": "Allies may read it as retreat", "role": "objection", "perspective": "critics",
              "supports": [{"to": "rival", "weight": "low"}]},
}


def write_issue_debate(root: Path) -> None:
    """A small debate with an issue: a verdict and its rival, a weighed benefit that needs an open
    condition, a weighed risk, a doubt for the rival, weights per perspective."""
    folder = root / "arguments" / "weighed"
    (folder / "claims").mkdir(parents=True)
    (root / "build_tools").mkdir()
    (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    (folder / "debate.yaml").write_text(ISSUE_DEBATE)
    head = "# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"
    for node_id, body in CLAIMS.items():
        full = {**body, "statement": body["label"] + ".", "implicit": True, "rationale": "A test."}
        (folder / "claims" / f"{node_id}.yaml").write_text(head + yaml.safe_dump(full, sort_keys=False))


# Random graphs, for comparing evaluators and for properties.
def random_debate(rng: random.Random, n: int) -> Debate:
    ids = [f"n{i}" for i in range(n)]
    nodes = {}
    for node_id in ids:
        kind = NodeKind.EVIDENCE if rng.random() < 0.2 else NodeKind.CLAIM
        assumed = rng.choice([None, None, True, False])
        nodes[node_id] = Node(id=node_id, kind=kind, label=node_id, statement=node_id, assumed=assumed,
                              origin=Origin("x"))
    supports, attacks, undercuts = {}, set(), []
    for _ in range(rng.randint(0, 2 * n)):
        conclusion = rng.choice(ids)
        premises = tuple(rng.sample([i for i in ids if i != conclusion], k=min(rng.randint(1, 2), n - 1)))
        if premises:
            step = Support(premises, conclusion, premises[0], Origin("x"))
            supports.setdefault(step.key, step)
    for _ in range(rng.randint(0, 2 * n)):
        a, t = rng.choice(ids), rng.choice(ids)
        if a != t:
            attacks.add((a, t))
    for step in list(supports.values()):
        if rng.random() < 0.3:
            cutter = rng.choice(ids)
            if cutter not in step.premises:
                undercuts.append(Undercut(cutter, step.premises, step.conclusion, Origin("x")))
    return Debate(
        id="random", folder="arguments/random", title="t", summary="s",
        source=SourceInfo(*(["unknown"] * 6)), thesis=ids[0],
        perspectives=(Perspective("author", "Author", "Author"),), nodes=MappingProxyType(nodes),
        supports=tuple(supports.values()), attacks=tuple(Attack(a, t, Origin("x")) for a, t in sorted(attacks)),
        undercuts=tuple(undercuts), source_text=None, origin=Origin("x"),
    )


def random_weighed_debate(rng: random.Random, n: int) -> Debate:
    """A random graph with an issue or two, weighed supports and attacks, weights per perspective,
    every weighing function but criteria, the three standards, and open conditions."""
    base = random_debate(rng, n)
    ids = list(base.nodes)
    functions = ["linked", "constant", "convergent", "cumulative", "factorized", "preference"]
    nodes = {i: replace(node, open=rng.random() < 0.1 and node.assumed is None, perspective=rng.choice(["author", "critics"]))
             for i, node in base.nodes.items()}
    issues, free = [], ids[:]
    rng.shuffle(free)
    while len(free) >= 2 and len(issues) < 2 and rng.random() < 0.8:
        positions = tuple(free.pop() for _ in range(rng.randint(2, min(3, len(free)))))
        issues.append(Issue(f"i{len(issues)}", positions, rng.choice(["PE", "CCE", "BRD"])))

    def weighing():
        if rng.random() < 0.3:
            return None
        function = rng.choice(functions)
        weights = MappingProxyType({"critics": rng.choice([0.2, 0.5, 0.8])} if rng.random() < 0.4 else {})
        weight = rng.choice([None, 0.2, 0.5, 0.8, 1.0]) if function in ("linked", "constant", "convergent") else None
        preference = ({"property": "rank", "order": "ascending"},) if function == "preference" else ()
        properties = MappingProxyType({"rank": str(rng.randint(1, 3))} if function == "preference" else {})
        return Weighing(function, weight, weights, None, None, preference, properties)

    supports = tuple(replace(step, weighing=weighing()) for step in base.supports)
    attacks = tuple(replace(attack, weighing=weighing()) for attack in base.attacks)
    return replace(base, nodes=MappingProxyType(nodes), supports=supports, attacks=attacks, issues=tuple(issues),
                   perspectives=(Perspective("author", "Author", "Author"), Perspective("critics", "Critics", "C")))


def random_caes_debate(rng: random.Random, n: int) -> Debate:
    """A random weighed graph whose issues' arguments use criteria and preference too."""
    debate = random_weighed_debate(rng, n)
    nodes = dict(debate.nodes)
    for issue in debate.issues:
        for i, position in enumerate(issue.positions):
            nodes[position] = replace(nodes[position], criterion=("grade", rng.choice(["low", "high"])))
    supports = []
    for step in debate.supports:
        if rng.random() < 0.25 and any(p in nodes and nodes[p].criterion for p in step.premises):
            soft = {"grade": {"factor": rng.choice([1, 2]), "values": {"low": 0.2, "high": 0.9}}}
            step = replace(step, weighing=Weighing("criteria", criteria={"hard": [], "soft": soft}))
        supports.append(step)
    ids = list(nodes)
    for node_id in ids:  # necessary conditions, now and then
        if rng.random() < 0.15:
            needs = tuple(r for r in rng.sample(ids, k=min(2, len(ids))) if r != node_id)
            nodes[node_id] = replace(nodes[node_id], requires=needs)
    attacks = list(debate.attacks)
    claims = [n for n in ids if nodes[n].kind is NodeKind.CLAIM]
    if len(claims) >= 2 and rng.random() < 0.4:  # a pair of opposites, declared once, held both ways
        a, b = rng.sample(claims, 2)
        kind = rng.choice(["contrary", "contradicts"])
        attacks = [x for x in attacks if {x.attacker, x.target} != {a, b}]
        attacks += [Attack(a, b, Origin("random"), kind), Attack(b, a, Origin("random"), kind, mirrored=True)]
    return replace(debate, nodes=MappingProxyType(nodes), supports=tuple(supports), attacks=tuple(attacks))


# The browser's evaluator (docs/assets/argmap-status.js) run in Node on many cases at once.
STATUS_JS = ROOT / "docs" / "assets" / "argmap-status.js"
_JS_RUNNER = """
const {evaluate} = require(process.argv[2]);
const cases = JSON.parse(require("fs").readFileSync(process.argv[3], "utf8"));
process.stdout.write(JSON.stringify(cases.map(c => evaluate(c.graph, c.options))));
"""


def browser_evaluate(cases: list[tuple[Debate, dict]], scratch: Path) -> list[dict]:
    """What the browser's evaluation gives for each (debate, options): {labels, rules} by node."""
    from build_tools.analysis import analyse
    from build_tools.site.whatif import graph_data

    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    scratch.mkdir(parents=True, exist_ok=True)
    data, runner = scratch / "cases.json", scratch / "runner.js"
    data.write_text(json.dumps([{"graph": graph_data(analyse(d)), "options": o} for d, o in cases]))
    runner.write_text(_JS_RUNNER)
    result = subprocess.run([node, str(runner), str(STATUS_JS), str(data)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def argdown_json(source: Path, out: Path) -> dict:
    """The real Argdown CLI's JSON of ``source`` (written to the folder ``out``): no error, no warning."""
    if not ARGDOWN.exists():
        pytest.skip("the Argdown CLI is not installed: make test installs it (npm ci)")
    done = subprocess.run([str(ARGDOWN), "json", str(source), str(out)], capture_output=True, text=True, timeout=300)
    said = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr).strip()
    assert done.returncode == 0 and said == "Successfully export 1 file to JSON.", said  # no error, no warning
    return json.loads((out / (source.stem + ".json")).read_text("utf-8"))


def drawn(page: Path) -> str:
    """A built page's HTML with each map it loads from a file (``data-src``) in its figure, as a browser shows it."""
    text = page.read_text("utf-8")

    def load(match: re.Match) -> str:
        return match.group(1) + (page.parent / html.unescape(match.group(2))).read_text("utf-8") + "</figure>"
    return re.sub(r'(<figure class="argmap-map"[^>]*data-src="([^"]+)"[^>]*>).*?</figure>', load, text, flags=re.S)


def map_drawing(site, name: str) -> str:
    """A map of a built ``Site`` as a page shows it: inline, or from the file it is drawn to."""
    return site.files[site.map_files[name]] if name in site.map_files else site.maps[name]
