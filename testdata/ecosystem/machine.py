"""pyward's error findings on this machine's interpreter, judged by CPython.

    python3 testdata/ecosystem/machine.py PYWARD_BINARY

Runs `pyward check --format json` over the standard library of the interpreter that
runs this script (its site-packages excluded) and, separately, over its site-packages
(each from its own folder, as a user would), then asks verdict.py, run by the same
interpreter, for a verdict on every error finding. Prints the error findings per part,
rule and verdict, and every finding that is not judged true. Not part of CI: the
machine's interpreter is not pinned (the ecosystem check's Debian corpus is).
"""
import collections
import json
import os
import subprocess
import sys
import sysconfig

HERE = os.path.dirname(os.path.abspath(__file__))


def run(pyward, top):
    p = subprocess.run([pyward, "check", "--format", "json", "--python", sys.executable, "."],
                       cwd=top, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit("pyward failed in %s: %s" % (top, p.stderr[-2000:]))
    return json.loads(p.stdout)


def main():
    pyward = os.path.abspath(sys.argv[1])
    stdlib = sysconfig.get_paths()["stdlib"]
    site = sysconfig.get_paths()["purelib"]
    reqs = []
    for part, top in (("stdlib", stdlib), ("site-packages", site)):
        for f in run(pyward, top):
            if f["severity"] != "error" or (part == "stdlib" and f["path"].startswith("site-packages")):
                continue
            reqs.append(dict(id=str(len(reqs)), top=top, file=os.path.join(top, f["path"]), line=f["line"],
                             column=f["column"], rule=f["rule"], message=f["message"], part=part))
    out = subprocess.run([sys.executable, os.path.join(HERE, "verdict.py")], input=json.dumps(reqs),
                         capture_output=True, text=True, check=True).stdout
    verdicts = {v["id"]: v for v in json.loads(out)}
    counts = collections.Counter((r["part"], r["rule"], verdicts[r["id"]]["verdict"]) for r in reqs)
    print("%s (%s)" % (sys.executable, sys.version.split()[0]))
    for (part, rule, verdict), n in sorted(counts.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        print("  %-14s %-22s %-8s %d" % (part, rule, verdict, n))
    for r in reqs:
        v = verdicts[r["id"]]
        if v["verdict"] != "true":
            print("  %s: %s:%d [%s] %s -- %s: %s" % (r["part"], r["file"], r["line"], r["rule"], r["message"][:100],
                                                    v["verdict"], v["reason"]))


if __name__ == "__main__":
    main()
