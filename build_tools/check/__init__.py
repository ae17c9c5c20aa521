"""Reading and checking the source files: YAML with positions, schemas, rules, the model.

The stage's one entry point is :func:`check_project` (in :mod:`.project`): it finds the
debates under ``arguments/`` (:mod:`.load`, reading each file with :mod:`.yamlfile`),
validates each file (:mod:`.filerules`, :mod:`.schema`), assembles the model
(:mod:`.assemble`) and applies the debate's rules (:mod:`.rules`). :mod:`.coverage` tells
which sentences of a source no node quotes.
"""

from .project import CheckResult, ProjectError, check_debate, check_project

__all__ = ["CheckResult", "ProjectError", "check_project", "check_debate"]
