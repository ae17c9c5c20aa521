"""argmap: argument maps of an article, checked against its text, built into a MkDocs site.

The build is a pipeline of small stages, each a function from data to data:
load (YAML files to positioned documents) -> check (schema and semantic rules, giving the
model and its diagnostics) -> views -> dot -> render -> pages. The CLI and the MkDocs
plugin only wire these stages to their world.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
