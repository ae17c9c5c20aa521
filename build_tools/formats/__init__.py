"""Interchange formats: one module per format with its writer and reader, and the one registry.

:data:`FORMATS` is read by ``argmap export`` and ``argmap import`` (their ``--format``
choices), by the site (its downloads) and by the documentation (the table in
``docs/exports.md``). Adding a format is a module here and a row in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..analysis import Analysis
from . import aif, argdown, dot, graphml, native
from .folder import Imported, ImportRefused, write_debate

__all__ = ["Format", "FORMATS", "EXPORTS", "IMPORTS", "Imported", "ImportRefused", "write_debate", "formats_table"]


@dataclass(frozen=True)
class Format:
    """An interchange format: the name ``--format`` takes, how people know it, what it carries.

    ``write`` makes the text of a debate in this format; ``read`` turns parsed JSON into a
    debate to write, under the name ``reads_as`` (the name of what it reads, when that is not
    the format itself: Argdown is read from the JSON that ``argdown json`` writes).
    """

    name: str
    title: str
    suffix: str
    for_tools: str
    write: Callable[[Analysis], str] | None = None
    read: Callable[[dict, str], Imported] | None = None
    reads_as: str | None = None

    @property
    def import_name(self) -> str | None:
        return (self.reads_as or self.name) if self.read else None


FORMATS: tuple[Format, ...] = (
    Format("json", "JSON", ".json", "this project (lossless: every field, read back exactly)",
           native.write, native.read),
    Format("aif", "AIF", ".aif.json", "OVA, AIFdb and other tools of the Argument Interchange Format",
           aif.write, aif.read),
    Format("argdown", "Argdown", ".argdown", "the Argdown CLI, editor and web component",
           argdown.write, argdown.read, reads_as="argdown-json"),
    Format("graphml", "GraphML", ".graphml", "yEd, Gephi and other graph tools", graphml.write),
    Format("dot", "DOT", ".dot", "Graphviz (the whole map as the site draws it, with statuses)", dot.write),
)
EXPORTS: dict[str, Format] = {f.name: f for f in FORMATS if f.write}
IMPORTS: dict[str, Format] = {f.import_name: f for f in FORMATS if f.import_name}


def formats_table() -> str:
    """The formats as a Markdown table, for the documentation."""
    rows = ["| Format | For | With argmap |", "|---|---|---|"]
    for f in FORMATS:
        commands = [f"`export --format {f.name}`" if f.write else "", f"`import --format {f.import_name}`" if f.read else ""]
        rows.append(f"| {f.title} (`<debate>{f.suffix}`) | {f.for_tools} | {'<br>'.join(c for c in commands if c)} |")
    return "\n".join(rows) + "\n"
