"""What a contributor fills in: the YAML of a new debate, thesis, claim, piece of evidence or argument, with
every field, a comment on each and TODO placeholders that ``argmap check`` reports until they are replaced.
``argmap new`` writes them; the site offers a claim's skeleton to readers who would answer it."""

from __future__ import annotations

import json

from ..check.schema import enum_values
from ..model import NodeKind

__all__ = ["thesis_template", "debate_template", "node_template"]

HEAD = "# yaml-language-server: $schema={up}build_tools/schemas/{kind}.schema.json\n"


def thesis_template(perspective: str | None) -> str:
    """The YAML of a debate's thesis, to fill in: the claim the source argues for."""
    return HEAD.format(up="../../../", kind="claim") + "\n".join([
        "# The thesis: what the text argues for, as a whole. Every field is explained in docs/format.md.",
        "# Replace each TODO, then run `make check` (or .venv/bin/argmap check THIS-FILE).",
        "label: TODO a short label in your own words, 12 words at most",
        "statement: TODO the text's conclusion in your own words, with the conditions it sets, if any",
        "role: thesis",
        f"perspective: {perspective or 'author'}  # whose view: the id of a perspective in debate.yaml",
        "quote: TODO copy the sentence that states it from source.txt exactly",
    ]) + "\n"


def debate_template(title: str | None, thesis: str, source: bool) -> str:
    """The YAML of a new debate.yaml, to fill in."""
    quoted = json.dumps(title, ensure_ascii=False) if title else "TODO the debate's question, or the text's title"
    return HEAD.format(up="../../", kind="debate") + "\n".join([
        "# A new debate: every field is explained in docs/format.md. Replace each TODO, then run `make check`.",
        f"title: {quoted}",
        "summary: TODO what the text argues, in two sentences of your own words",
        "source:  # as the text gives it; write unknown for what it does not say, never guess",
        "  title: TODO the text's own title",
        "  author: unknown",
        "  publication: unknown",
        "  date: unknown  # e.g. \"2025-02-14\"; quote it",
        "  url: unknown  # where it is published, if it is",
        "  rights: " + ("unknown  # full-text if the site may republish it; quotes-only otherwise"
                        if source else "unknown"),
        f"thesis: {thesis}  # the claim the text argues for: claims/{thesis}.yaml",
        "perspectives:  # the voices of the debate; a claim says whose view it is",
        "  - id: author",
        "    name: The author",
        "    description: The text's own voice.",
        "  # - id: critics",
        "  #   name: Critics",
        "  #   description: Those the text argues against.",
    ]) + "\n"


def node_template(kind: NodeKind, responds_to: str, relation: str, perspective: str | None,
                  weighed: bool = False) -> str:
    """The YAML of a new claim, piece of evidence or argument that ``relation``s (supports|attacks) ``responds_to``
    (an argument that supports it concludes it); ``weighed``: ``responds_to`` is a position of an issue, where every
    argument says how much it weighs and why."""
    head = f"# yaml-language-server: $schema=../../../build_tools/schemas/{kind.value}.schema.json\n"
    lines = [
        head.rstrip("\n"),
        f"# A new {kind.value}: every field is explained in docs/format.md.",
        "# Replace each TODO, then run `make check` (or .venv/bin/argmap check THIS-FILE).",
        "label: TODO a short label in your own words, 12 words at most",
        "statement: TODO the full " + ("claim" if kind is NodeKind.CLAIM else "fact, as the source reports it")
        + " in your own words, faithful to the article",
    ]
    if kind is NodeKind.ARGUMENT:
        lines[3] = "label: TODO the argument's title, in your own words, 12 words at most"
        lines[4] = "statement: TODO what the argument says, in your own words, faithful to the article"
        lines += [
            f"perspective: {perspective or 'TODO'}  # whose argument: the id of a perspective in debate.yaml",
            "quote: TODO copy the passage from source.txt exactly",
        ]
        if relation == "supports":
            lines += ["# its premise-conclusion structure: the premises that together give the conclusion (more steps",
                      "# for intermediate conclusions); see docs/format.md#arguments",
                      "structure:", "  - premises: [TODO-premise-id, TODO-other-premise-id]",
                      f"    conclusion: {responds_to}"]
        else:
            lines.append(f"{relation}: [{responds_to}]  # the claim(s) this argument {relation}")
        return "\n".join(lines) + "\n"
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
        *(_weighed_relation(relation, responds_to) if weighed else
          [f"{relation}: [{responds_to}]  # the claim(s) this {kind.value} {relation}"]),
        "# note: an editorial note on a judgement call made in encoding it",
    ]
    return "\n".join(lines) + "\n"


def _weighed_relation(relation: str, responds_to: str) -> list[str]:
    """A relation into a position of an issue: weighed, with why (docs/format.md, Issues and weights)."""
    return [
        f"{relation}:  # '{responds_to}' is a position of an issue: its arguments are weighed against each other",
        f"  - to: {responds_to}",
        "    weight: TODO  # low, medium or high: how much it weighs when it holds",
        "    why: TODO why it weighs that much, from the article's own words (its hedges, such as could or might)",
    ]
