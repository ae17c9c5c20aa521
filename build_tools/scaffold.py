"""New node files: the text `argmap new` writes, with every field, a comment on each and TODOs.

The TODO placeholders are errors for `argmap check` until they are replaced.
"""

from __future__ import annotations

from .ids import RESERVED_IDS, is_valid_id
from .model import NodeKind
from .schema import enum_values

__all__ = ["node_template", "free_id"]


def free_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or the first ``wanted-2``, ``wanted-3``... that is free and allowed.

    >>> free_id("index", set()), free_id("x", {"x", "x-2"})
    ('index-2', 'x-3')
    """
    if is_valid_id(wanted) and wanted not in taken and wanted not in RESERVED_IDS:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def node_template(kind: NodeKind, responds_to: str, relation: str, perspective: str | None) -> str:
    """The YAML of a new claim or piece of evidence that ``relation``s (supports|attacks) ``responds_to``."""
    head = f"# yaml-language-server: $schema=../../../build_tools/schemas/{kind.value}.schema.json\n"
    lines = [
        head.rstrip("\n"),
        f"# A new {kind.value}: every field is explained in docs/format.md.",
        "# Replace each TODO, then run `make check` (or .venv/bin/argmap check THIS-FILE).",
        "label: TODO a short label in your own words, 12 words at most",
        "statement: TODO the full " + ("claim" if kind is NodeKind.CLAIM else "fact, as the source reports it")
        + " in your own words, faithful to the article",
    ]
    if kind is NodeKind.CLAIM:
        roles = ", ".join(enum_values("claim", "role"))
        lines.append(f"role: TODO  # one of: {roles}")
    else:
        kinds = ", ".join(enum_values("evidence", "kind"))
        lines += [
            f"kind: TODO  # one of: {kinds}",
            "citation:  # as the article gives it; write unknown for what it does not say, never guess",
            "  who: TODO who said, published or signed it",
            "  what: TODO what it is (a report, a speech, an agreement...)",
            "  when: unknown  # e.g. \"2024\"; quote it",
            "  url: unknown  # a link to the primary source, if you have one",
            "  basis: named-in-article  # primary-source (with url), named-in-article or article-only",
        ]
    lines += [
        f"perspective: {perspective or 'TODO'}  # whose view: the id of a perspective in debate.yaml",
        "quote: TODO copy the passage from source.txt exactly  # or remove this line and set implicit: true",
        "# implicit: true  # for a premise the article leaves unstated; then give a rationale:",
        "# rationale: why the map needs it, and why it is a fair reading",
        "tags: []  # optional topic tags, e.g. [iraq, burden-sharing]",
        f"{relation}: [{responds_to}]  # the claim(s) this {kind.value} {relation}",
        "# note: an editorial note on a judgement call made in encoding it",
    ]
    return "\n".join(lines) + "\n"
