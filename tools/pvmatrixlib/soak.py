# SPDX-License-Identifier: MIT
"""--repeat N: the matrix N times, and per environment and test case the runs it failed in."""

import copy
import json
import os
import time

from . import reports
from .runner import Matrix


def soak(args, envs):
    """--repeat N: the matrix N times (each round in OUT/roundNN); per environment and per
    test case, in how many runs it failed. Exit 1 when anything failed in any round."""
    per_env = {}     # name -> {"runs", "failed", "notes": [..]}
    per_case = {}    # "suite.case" -> {"runs", "failed", "envs": {name: fails}}
    out = args.output
    t0 = time.monotonic()
    interrupted = False
    rounds = 0
    for i in range(1, args.repeat + 1):
        a = copy.copy(args)
        a.output = os.path.join(out, "round%02d" % i)
        a.quiet = True      # one line a round, below
        m = Matrix(a, [copy.copy(e) for e in envs])
        m.run_all(args.image)
        os.makedirs(a.output, exist_ok=True)
        with open(os.path.join(a.output, "summary.json"), "w") as f:
            json.dump(reports.summary(m), f, indent=2)
        rounds = i
        bad = []
        for r in m.runs:
            e = per_env.setdefault(r.env.name, {"runs": 0, "failed": 0, "skipped": 0,
                                                "notes": []})
            if r.status == "SKIP":
                e["skipped"] += 1
                e.setdefault("skip_reason", r.note)
                continue
            e["runs"] += 1
            if r.status != "PASS":
                e["failed"] += 1
                e["notes"].append("round %d: %s (%s)" % (i, r.note, r.log))
                bad.append(r.env.name)
            for suite, name, res, _why in r.ktap.tests:
                if res == "skip":
                    continue
                c = per_case.setdefault("%s.%s" % (suite or "-", name),
                                        {"runs": 0, "failed": 0, "envs": {}})
                c["runs"] += 1
                if res == "fail":
                    c["failed"] += 1
                    c["envs"][r.env.name] = c["envs"].get(r.env.name, 0) + 1
        print("pvmatrix: soak round %d/%d: %d runs, %d failed%s (%.0f s so far)"
              % (i, args.repeat, sum(1 for r in m.runs if r.status != "SKIP"), len(bad),
                 ": " + " ".join(bad) if bad else "", time.monotonic() - t0), flush=True)
        if m.interrupted:
            interrupted = True
            break
    print()
    print("%-26s %5s %7s  %s" % ("ENVIRONMENT", "RUNS", "FAILED", "FAILED RUNS"))
    for name, e in per_env.items():
        if not e["runs"]:
            print("%-26s %5s %7s  SKIP: %s" % (name, "-", "-", e.get("skip_reason", "")))
            continue
        print("%-26s %5d %7d  %s" % (name, e["runs"], e["failed"],
                                       "; ".join(e["notes"][:3]) +
                                       (" ..." if len(e["notes"]) > 3 else "")))
    print()
    print("%-52s %5s %7s  %s" % ("TEST CASE", "RUNS", "FAILED", "IN"))
    for key in sorted(per_case, key=lambda k: (-per_case[k]["failed"], k)):
        c = per_case[key]
        print("%-52s %5d %7d  %s" % (key, c["runs"], c["failed"], " ".join(
            "%s:%d" % kv for kv in sorted(c["envs"].items()))))
    runs = sum(e["runs"] for e in per_env.values())
    failed_runs = sum(e["failed"] for e in per_env.values())
    failed_cases = sum(1 for c in per_case.values() if c["failed"])
    with open(os.path.join(out, "soak.json"), "w") as f:
        json.dump({"rounds": rounds, "environments": per_env, "cases": per_case}, f,
                  indent=2)
    print()
    print("pvmatrix: soak: %d rounds, %d runs, %d failed; %d of %d test cases failed in some "
          "run; %.0f s (%s)" % (rounds, runs, failed_runs, failed_cases, len(per_case),
                                time.monotonic() - t0, os.path.join(out, "soak.json")))
    if interrupted:
        return 130
    return 1 if failed_runs else 0
