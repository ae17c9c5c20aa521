"""What the Argdown import keeps of real Argdown documents, per kind, and why it leaves anything out.

    .venv/bin/python benchmarks/argdown_coverage.py FILE.argdown|FOLDER ...

Each file goes through the pinned Argdown CLI (`argdown json`) and `argmap import --format
argdown-json`; the table gives, per file, how many statements, arguments, premise-conclusion
structures and relations the CLI's JSON holds and how many the import carried over (its own count,
the report's last line), whether `argmap check` finds the imported debate sound, and whether a round
trip (our Argdown export, the CLI, the import again) gives the same files; then every reason the report
gives for what it did not carry. Argdown's
own examples are a good test: examples/*.argdown in https://github.com/christianvoigt/argdown.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"
ARGMAP = Path(sys.executable).with_name("argmap")
SUMMARY = re.compile(r"carried over: (\d+) of (\d+) statements, (\d+) of (\d+) arguments \((\d+) of (\d+) "
                     r"premise-conclusion structures\), (\d+) of (\d+) relations")


def main(paths: list[str]) -> int:
    files = [f for p in map(Path, paths) for f in (sorted(p.glob("*.argdown")) if p.is_dir() else [p])]
    if not files or not ARGDOWN.exists():
        print(__doc__ if not files else "the Argdown CLI is not installed: run `make test` (npm ci) first")
        return 2
    totals = [0] * 8
    reasons: Counter = Counter()
    print(f"{'file':44} {'statements':>11} {'arguments':>10} {'structures':>11} {'relations':>10}  check  round trip")
    for file in files:
        with tempfile.TemporaryDirectory() as tmp:
            out = subprocess.run([str(ARGDOWN), "json", str(file), tmp], capture_output=True, text=True)
            data = Path(tmp) / (file.stem + ".json")
            if not data.exists():
                print(f"{file.name:44} the Argdown CLI refuses it: {out.stdout.strip().splitlines()[-1:]}")
                continue
            root = Path(tmp) / "project"
            (root / "arguments").mkdir(parents=True)
            (root / "build_tools").mkdir()
            (root / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
            done = subprocess.run([str(ARGMAP), "import", "--root", str(root), "--format", "argdown-json", str(data),
                                   "--debate", "d"], capture_output=True, text=True)
            found = SUMMARY.search(done.stderr)
            if not found:
                print(f"{file.name:44} not imported: {done.stderr.strip()[-200:]}")
                continue
            n = list(map(int, found.groups()))
            totals = [a + b for a, b in zip(totals, n)]
            check = subprocess.run([str(ARGMAP), "check", "--root", str(root)], capture_output=True, text=True)
            sound = "ok" if check.returncode == 0 and check.stdout.endswith("no problems\n") else "FAILS"
            print(f"{file.name:44} {n[0]:>5}/{n[1]:<5} {n[2]:>4}/{n[3]:<5} {n[4]:>5}/{n[5]:<5} {n[6]:>4}/{n[7]:<5}"
                  f"  {sound:5}  {_round_trip(root, Path(tmp))}")
            for line in done.stderr.splitlines():
                if "not carried over (" in line or "is not imported" in line:
                    reasons[re.sub(r"^.*?: note: |[\[<][^\]>]*[\]>]", "", line).strip()] += 1
    n = totals
    print(f"{'all':44} {n[0]:>5}/{n[1]:<5} {n[2]:>4}/{n[3]:<5} {n[4]:>5}/{n[5]:<5} {n[6]:>4}/{n[7]:<5}")
    for reason, count in reasons.most_common():
        print(f"{count:5}  {reason}")
    return 0


def _round_trip(root: Path, tmp: Path) -> str:
    back = tmp / "back.argdown"
    subprocess.run([str(ARGMAP), "export", "--root", str(root), "--format", "argdown", "-o", str(back)],
                   capture_output=True, check=True)
    said = subprocess.run([str(ARGDOWN), "json", str(back), str(tmp / "back")], capture_output=True, text=True)
    if re.sub(r"\x1b\[[0-9;]*m", "", said.stdout + said.stderr).strip() != "Successfully export 1 file to JSON.":
        return "the CLI warns"
    again = tmp / "again"
    (again / "arguments").mkdir(parents=True)
    (again / "build_tools").mkdir()
    (again / "build_tools" / "schemas").symlink_to(ROOT / "build_tools" / "schemas")
    subprocess.run([str(ARGMAP), "import", "--root", str(again), "--format", "argdown-json",
                    str(tmp / "back" / "back.json"), "--debate", "d"], capture_output=True, check=True)
    a, b = root / "arguments" / "d", again / "arguments" / "d"
    names = sorted(p.relative_to(a) for p in a.rglob("*.yaml"))
    if names != sorted(p.relative_to(b) for p in b.rglob("*.yaml")):
        return "files differ"
    for name in names:
        x, y = ((d / name).read_text() for d in (a, b))
        if name.name == "debate.yaml":
            x, y = (re.sub(r"^(title|summary): .*\n", "", t, flags=re.M) for t in (x, y))
        if x != y:
            return f"{name} differs"
    return "exact"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
