"""``argmap new``: a new claim or evidence file with every field, a comment on each and TODOs.

The TODO placeholders are errors for `argmap check` until they are replaced.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from ..check import check_project
from ..check.layout import ARGUMENTS
from ..files import umask
from ..formats.templates import debate_template, node_template, thesis_template
from ..ids import RESERVED_IDS, did_you_mean, free_id, is_valid_id
from ..model import NodeKind
from ..vocabulary import ATTACKS, SUPPORTS
from .common import CommandFailed, debate_options, known_perspective, one_debate, root_of, write_atomically
from .reporters import REPORTERS

__all__ = ["register", "run"]


def register(commands) -> None:
    new = commands.add_parser(
        "new",
        help="write a new debate, claim or evidence file to fill in",
        description="Write arguments/<debate>/claims/<id>.yaml (or evidence/, arguments/) with every field, a comment on "
                    "each and TODO placeholders, which 'argmap check' reports until they are replaced; or, with "
                    "'new debate', a new debate's folder: its debate.yaml, its source text and its thesis.",
    )
    new.add_argument("kind", choices=["debate", *(k.value for k in NodeKind)])
    debate_options(new)
    new.add_argument("--id", required=True, help="the new node's id (for 'new debate': the debate's folder name): "
                                                 "lowercase letters, digits and hyphens")
    new.add_argument("--responds-to", metavar="ID", help="the claim it supports or attacks (not for a thesis)")
    new.add_argument("--relation", choices=[SUPPORTS.name, ATTACKS.name])
    new.add_argument("--role", choices=["thesis"], help="(claim) the debate's thesis: it responds to nothing")
    new.add_argument("--perspective", metavar="P", help="whose view it is (a perspective of debate.yaml)")
    new.add_argument("--source", type=Path, metavar="FILE", help="(debate) the text the debate maps, copied byte "
                                                                 "for byte into its source.txt")
    new.add_argument("--title", help="(debate) the debate's title, as a question or in the source's own words")
    new.add_argument("--thesis", metavar="ID", default="thesis", help="(debate) the id of its thesis claim "
                                                                       "(default: thesis)")
    new.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = root_of(args)
    if args.kind == "debate":
        return _new_debate(root, args)
    if args.role != "thesis" and not (args.responds_to and args.relation):
        raise CommandFailed("give --responds-to ID and --relation supports|attacks (or --role thesis for the thesis)")
    result = check_project(root, debate=one_debate(root, args.debate))
    if not result.analyses:  # other files may have errors (a TODO left elsewhere): only debate.yaml must be sound
        sys.stdout.write(REPORTERS["text"]([d for d in result.diagnostics if d.is_error], result.files))
        raise CommandFailed("fix debate.yaml first: 'new' needs the debate's metadata")
    [analysis] = result.analyses
    debate = analysis.debate
    folder = root / debate.folder
    taken = set(debate.nodes) | {f.stem for kind in NodeKind for f in (folder / kind.folder).glob("*.yaml")}
    if args.id in taken or args.id in RESERVED_IDS or not is_valid_id(args.id):
        why = ("is not a valid id (lowercase letters, digits and single hyphens)" if not is_valid_id(args.id)
               else "is a name the site keeps for itself" if args.id in RESERVED_IDS else "exists already")
        suggestion = free_id(args.id, taken) if is_valid_id(args.id) else None
        raise CommandFailed(f"'{args.id}' {why}" + (f"; '{suggestion}' is free" if suggestion else ""))
    if args.role == "thesis":
        path = root / debate.folder / "claims" / f"{args.id}.yaml"
        write_atomically(path, thesis_template(args.perspective).encode())
        print(path.relative_to(root).as_posix())
        print(f"argmap: note: make it the thesis in {debate.folder}/debate.yaml: thesis: {args.id}", file=sys.stderr)
        return 0
    target = debate.nodes.get(args.responds_to)
    if target is None and args.responds_to in taken:
        raise CommandFailed(f"the file of '{args.responds_to}' has errors: run 'argmap check' and fix it first")
    if target is None or target.kind is not NodeKind.CLAIM:
        claims = [n.id for n in debate.claims]
        raise CommandFailed(f"no claim '{args.responds_to}'{did_you_mean(args.responds_to, claims)}")
    known_perspective(analysis, args.perspective)
    kind = NodeKind(args.kind)
    path = root / debate.folder / kind.folder / f"{args.id}.yaml"
    if path.exists():
        raise CommandFailed(f"{path.relative_to(root)} exists already")
    path.parent.mkdir(exist_ok=True)
    weighed = any(args.responds_to in issue.positions for issue in debate.issues)
    write_atomically(path, node_template(kind, args.responds_to, args.relation, args.perspective, weighed).encode())
    print(path.relative_to(root).as_posix())
    return 0


def _new_debate(root: Path, args: argparse.Namespace) -> int:
    """Write arguments/<id>/ with debate.yaml, source.txt (from --source) and the thesis claim, all or nothing."""
    if not is_valid_id(args.id) or args.id in RESERVED_IDS or not is_valid_id(args.thesis):
        raise CommandFailed(f"'{args.id if not is_valid_id(args.id) or args.id in RESERVED_IDS else args.thesis}' "
                            "cannot be an id: use lowercase letters, digits and single hyphens, not a name the site "
                            "keeps for itself")
    folder = root / ARGUMENTS / args.id
    if folder.exists() or folder.is_symlink():
        raise CommandFailed(f"{ARGUMENTS}/{args.id} exists already: choose another --id")
    text = None
    if args.source is not None:
        try:
            text = args.source.read_bytes()
            text.decode("utf-8")
        except OSError as exc:
            raise CommandFailed(f"{args.source}: cannot read it: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandFailed(f"{args.source}: not UTF-8 text: save it as UTF-8 first") from exc
    files = {"debate.yaml": debate_template(args.title, args.thesis, text is not None).encode(),
             f"claims/{args.thesis}.yaml": thesis_template(args.perspective).encode()}
    if text is not None:
        files["source.txt"] = text
    (root / ARGUMENTS).mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".new-{args.id}-", dir=root / ARGUMENTS))
    try:
        for name, data in files.items():
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        staging.chmod(0o777 & ~umask())
        (staging / "claims").chmod(0o777 & ~umask())
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for name in files:
        print(f"{ARGUMENTS}/{args.id}/{name}")
    return 0


