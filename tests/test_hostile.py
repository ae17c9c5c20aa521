"""Hostile and broken input: each case through `argmap check` and `mkdocs build`.

Each gives a clear error with its code (and no traceback), or, where the input is legitimate
text, builds and shows it literally. Run with -s to see how long each case took.
"""

from __future__ import annotations

import html
import html.parser
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from helpers import MKDOCS, ROOT, run_argmap

pytestmark = pytest.mark.slow

VALID = ROOT / "tests" / "examples" / "valid"
CLAIMS = Path("arguments/trees/claims")
CLAIM = CLAIMS / "trees-cost-too-much.yaml"
EVIDENCE = Path("arguments/trees/evidence/council-study.yaml")
DEBATE_FILE = Path("arguments/trees/debate.yaml")
SOURCE = Path("arguments/trees/source.txt")
SITE = ("site_name: Hostile\nrepo_url: https://github.com/o/r\nedit_uri: edit/main/docs/\ntheme:\n  name: material\n"
        "  font: false\n  features:\n    - content.action.edit\nplugins:\n  - search\n  - argmap\n")
HEAD = "# yaml-language-server: $schema=../../../build_tools/schemas/claim.schema.json\n"


def _replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text().replace(old, new))


def _say(project: Path, sentence: str, label: str | None = None) -> None:
    """Add a sentence to the source and a claim quoting it, with this text everywhere."""
    source = project / "arguments" / "trees" / "source.txt"
    source.write_bytes(source.read_bytes() + b" " + sentence.encode("utf-8"))
    body = {"label": label or sentence[:40], "statement": sentence, "role": "objection", "perspective": "critics",
            "quote": sentence, "attacks": ["plant-more-trees"]}
    import yaml

    (project / CLAIMS / "hostile.yaml").write_text(HEAD + yaml.safe_dump(body, allow_unicode=True))


def _chain(project: Path, length: int, cycle: bool = False) -> None:
    """A chain of implicit claims, each supporting the next, the last supporting the thesis (or the first)."""
    import yaml

    for i in range(length):
        target = f"link-{i + 1}" if i + 1 < length else "plant-more-trees"
        if cycle and i + 1 == length:
            target = "link-0"
        body = {"label": f"Link {i}", "statement": f"Link {i} of a long chain.", "role": "reason",
                "perspective": "author", "implicit": True, "rationale": "A test of depth.", "supports": [target]}
        (project / CLAIMS / f"link-{i}.yaml").write_text(HEAD + yaml.safe_dump(body))
    if cycle:
        _replace(project / CLAIMS / "link-0.yaml", "supports:", "supports:\n- plant-more-trees")


TEXTS = {
    "markup": '<script>alert(1)</script> </svg> "q" & {x} \\ | # `t` ok.',
    "equals-and-on-words": "one = 1 and onclick = 2 and onerror=3 ok.",
    "block-syntax-at-line-start": '!!! warning "boo" ~~~ ok.',
    "separators-and-attributes": "Trees {: onclick=alert(1) } \u2028 and \u2029 end ok.",
    "dot-keywords": 'digraph G { a -> b; node [shape=box URL="x" label=<<i>y</i>>] } <<b>bold</b>> end.',
    "scripts-and-marks": "مرحبا بالعالم 👍🏽 café e\u0301 ok.",
}

CASES = {
    # name: (how to break the project, the code expected, or None when it must build)
    "binary-garbage": (lambda p: (p / CLAIMS / "junk.yaml").write_bytes(bytes(range(256)) * 4), "not-utf8"),
    "bom-and-crlf": (lambda p: (p / CLAIM).write_bytes(b"\xef\xbb\xbf" + (p / CLAIM).read_bytes().replace(b"\n", b"\r\n")), None),
    "tabs": (lambda p: _replace(p / CLAIM, "attacks: [plant-more-trees]", "attacks:\n\t- plant-more-trees"), "yaml-syntax"),
    "twenty-megabytes": (lambda p: (p / CLAIMS / "big.yaml").write_bytes(b"label: " + b"x" * 20_000_000), "file-too-large"),
    "deep-nesting": (lambda p: (p / CLAIMS / "deep.yaml").write_text("a: " + "[" * 10_000 + "]" * 10_000), "yaml-too-deep"),
    "alias-bomb": (lambda p: (p / CLAIMS / "bomb.yaml").write_text(
        "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))), "yaml-alias"),
    "duplicate-keys": (lambda p: _replace(p / CLAIM, "role: objection", "role: objection\nrole: rebuttal"), "duplicate-key"),
    "id-with-dots-and-slashes": (lambda p: _replace(p / CLAIM, "attacks: [plant-more-trees]", "attacks: [../../etc/passwd]"),
                                 "bad-value"),
    "upper-case-id": (lambda p: shutil.copy(p / CLAIM, p / CLAIMS / "Trees-Cost.yaml"), "invalid-id"),
    "symlink-outside": (lambda p: (p / CLAIMS / "link.yaml").symlink_to("/etc/hostname"), "symlink"),
    "empty-file": (lambda p: (p / CLAIMS / "empty.yaml").write_text(""), "empty-file"),
    "javascript-link-in-text": (lambda p: _replace(p / CLAIM, "statement: The upkeep of street trees is too expensive.",
                                                   'statement: "See [it](javascript:alert(1)) ![i](data:text/html,x)"'),
                                "unsafe-link"),
    "javascript-url-in-citation": (lambda p: _replace(p / "arguments/trees/evidence/council-study.yaml",
                                                      "url: unknown", "url: \"javascript:alert(1)\""), "unsafe-link"),
    "data-url-in-citation": (lambda p: _replace(p / "arguments/trees/evidence/council-study.yaml",
                                                "url: unknown", "url: \"data:text/html,<script>x</script>\""), "unsafe-link"),
    "empty-debate": (lambda p: [f.unlink() for d in ("claims", "evidence") for f in (p / "arguments/trees" / d).iterdir()],
                     "unknown-thesis"),
    "thesis-missing": (lambda p: (p / CLAIMS / "plant-more-trees.yaml").unlink(), "unknown-thesis"),
    **{f"text-{name}": ((lambda text: lambda p: _say(p, text))(text), None) for name, text in TEXTS.items()},
    # issue 11: script on the published site, and what the checker passed but the build refused
    "url-closing-the-link": (lambda p: _replace(p / EVIDENCE, "url: unknown\n  basis: named-in-article",
                                                "url: 'https://x.org/>\"<img/src=x/onerror=alert(1)>'\n"
                                                "  basis: primary-source"), "unsafe-link"),
    "mailto-closing-the-link": (lambda p: _replace(p / EVIDENCE, "url: unknown",
                                                   "url: 'mailto:a@x.org>\"<svg/onload=alert(1)>'"), "unsafe-link"),
    "c1-control-in-a-label": (lambda p: _replace(p / CLAIM, "label: Trees cost too much to maintain",
                                                 'label: "Trees cost\\x85 too much {: onclick=alert(1) }"'),
                              "bad-character"),
    "c1-control-in-a-perspective-name": (lambda p: _replace(p / DEBATE_FILE, "name: Critics", 'name: "Crit\\x9bics"'),
                                         "bad-character"),
    "nul-in-a-statement": (lambda p: _replace(p / CLAIM, "statement: The upkeep of street trees is too expensive.",
                                              'statement: "The upkeep\\0 of trees."'), "bad-character"),
    "lone-surrogate": (lambda p: _replace(p / CLAIM, "statement: The upkeep of street trees is too expensive.",
                                          'statement: "The upkeep \\ud800 of trees."'), "bad-character"),
    "raw-control-in-source": (lambda p: (p / SOURCE).write_bytes((p / SOURCE).read_bytes() + b" \x1b[2J"),
                              "bad-character"),
    "debate-folder-with-markup": (lambda p: (p / "arguments/trees").rename(p / "arguments/tr<img src=x>ees"),
                                  "invalid-id"),
    "windows-device-name": (lambda p: shutil.copy(p / CLAIM, p / CLAIMS / "con.yaml"), "reserved-id"),
    "id-ending-in-a-newline": (lambda p: shutil.copy(p / CLAIM, p / CLAIMS / "trees\n.yaml"), "invalid-id"),
    "fifo-among-the-claims": (lambda p: os.mkfifo(p / CLAIMS / "pipe.yaml"), "special-file"),
    "remote-schema-line": (lambda p: _replace(p / CLAIM, "$schema=../../../build_tools/schemas/claim.schema.json",
                                              "$schema=https://example.org/claim.schema.json"), "schema-line"),
    "very-long-statement": (lambda p: _replace(p / CLAIM, "statement: The upkeep of street trees is too expensive.",
                                               "statement: " + "word " * 50_000), "bad-value"),
    "support-chain-a-thousand-deep": (lambda p: _chain(p, 1000), "chain-too-deep"),
    # issue 27: what a pull request can bring beside the arguments
    "gitattributes-among-the-arguments": (lambda p: (p / "arguments/trees/.gitattributes").write_text(
        "claims/x.yaml export-ignore\n"), "hidden-file"),
    "hidden-claim-file": (lambda p: shutil.copy(p / CLAIM, p / CLAIMS / ".sneaky.yaml"), "hidden-file"),
    "symlink-in-docs-to-the-environment": (lambda p: (p / "docs/env.md").symlink_to("/proc/self/environ"), "symlink"),
    "page-name-closing-an-attribute": (lambda p: (p / "docs" / 'guide" autofocus onfocus=alert(1) x.md').write_text(
        "# Guide\n"), "unsafe-name"),
    "support-cycle-a-thousand-long": (lambda p: _chain(p, 1000, cycle=True), "chain-too-deep"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(name: str, tmp_path: Path) -> None:
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    breaker, code = CASES[name]
    breaker(project)
    started = time.monotonic()
    check = run_argmap("check", "--root", str(project))
    checked = time.monotonic() - started
    built = subprocess.run([str(MKDOCS), "build", "--site-dir", str(project / "site")], cwd=project,
                           capture_output=True, text=True, timeout=60)
    print(f"\n{name}: argmap check {checked:.2f} s, mkdocs build {time.monotonic() - started - checked:.2f} s")
    assert "Traceback" not in check.stderr + built.stderr
    if code is None:
        assert check.returncode == 0, check.stdout
        assert built.returncode == 0, built.stderr[-2000:]
        assert _handlers(project / "site") == []
        if name.startswith("text-"):
            text = " ".join(TEXTS[name[len("text-"):]].split())
            page = (project / "site" / "trees" / "claims" / "hostile" / "index.html").read_text()
            assert "<script>alert(1)" not in page and "admonition" not in page
            assert html.escape(text, quote=False) in page.replace("&quot;", '"').replace("&#x27;", "'")
    else:
        assert check.returncode == 1 and f"[{code}]" in check.stdout, check.stdout[-2000:]
        assert built.returncode == 1 and f"[{code}]" in built.stderr
        assert not (project / "site").exists()  # nothing half-written


class _Attributes(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        if tag in ("img", "iframe", "object", "embed"):
            self.handlers.append(f"<{tag}>")


def _handlers(site: Path) -> list[str]:
    """Every event-handler attribute, and every element that loads something, in the built pages."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Attributes()
        parser.feed(page.read_text("utf-8"))
        found += [f"{page.relative_to(site)}: {h}" for h in parser.handlers]
    return found


def test_a_file_name_cannot_forge_a_line_of_the_log(tmp_path: Path) -> None:
    """A file name holding a newline and a GitHub workflow command is shown escaped, in check and in the build."""
    project = tmp_path / "p"
    shutil.copytree(VALID, project)
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(SITE)
    forged = "x\n::error file=a,line=1::forged\n\x1b[2J.yaml"
    shutil.copy(project / CLAIM, project / CLAIMS / forged)
    check = run_argmap("check", "--root", str(project))
    built = subprocess.run([str(MKDOCS), "build", "--strict", "--site-dir", str(project / "site")], cwd=project,
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 1 and built.returncode == 1
    for output in (check.stdout, check.stderr, built.stdout, built.stderr):
        assert not any(line.lstrip().startswith("::") for line in output.splitlines()), output
        assert "\x1b[2J" not in output  # (Material colours its own banner)
    assert "x\\n::error file=a,line=1::forged\\n\\x1b[2J.yaml" in check.stdout
