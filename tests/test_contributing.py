"""The contributors' workflow files: GitHub workflows, pre-commit hooks, templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from helpers import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_validate_against_their_schema_offline() -> None:
    tool = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(WORKFLOWS) == 2


def test_pull_requests_run_with_read_only_rights() -> None:
    check = yaml.safe_load((ROOT / ".github" / "workflows" / "check.yml").read_text())
    triggers = check[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    assert check["permissions"] == {"contents": "read"}
    steps = " ".join(str(s.get("run", "")) for s in check["jobs"]["check"]["steps"])
    assert "argmap check --format github" in steps and "mkdocs build --strict" in steps and "make test" in steps
    for workflow in WORKFLOWS:
        for job in yaml.safe_load(workflow.read_text())["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert "@v" in step["uses"], f"{workflow.name}: pin {step['uses']} by release tag"


def test_publish_deploys_pages_from_main() -> None:
    publish = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    uses = [s.get("uses", "") for job in publish["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert publish[True]["push"]["branches"] == ["main"]


def test_pre_commit_runs_the_checker_and_never_touches_source_texts() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [h for repo in config["repos"] for h in repo["hooks"]]
    assert any(h["id"] == "argmap-check" for h in hooks)
    for hook in hooks:
        if hook["id"] in ("end-of-file-fixer", "trailing-whitespace", "mixed-line-ending"):
            assert "source" in hook["exclude"]
    [exported] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert exported["id"] == "argmap-check" and exported["entry"] == "argmap check"
