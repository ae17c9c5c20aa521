"""Reading and checking the source files: YAML with positions, schemas, rules, the model.

The stage's one entry point is :func:`check_project` (in :mod:`.project`): it finds the
debates under ``arguments/`` (:mod:`.load`, reading each file with :mod:`.yamlfile`),
validates each file (:mod:`.filerules`, :mod:`.schema`), assembles the model
(:mod:`.assemble`) and applies the debate's rules (:mod:`.rules`). :mod:`.coverage` tells
which sentences of a source no node quotes.
"""

from .result import CheckResult, ProjectError

__all__ = ["CheckResult", "ProjectError", "check_project", "check_debate"]


def __getattr__(name: str):
    """check_project and check_debate, imported when first asked for: a command that reads its check
    from the cache never loads the YAML reader, the schemas or the rules."""
    if name in ("check_project", "check_debate"):
        from . import project
        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
