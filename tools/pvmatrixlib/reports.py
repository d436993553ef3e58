# SPDX-License-Identifier: MIT
"""What a matrix run reports: the table, the failures, summary.json, JUnit XML."""

from xml.sax.saxutils import escape, quoteattr


def init_text(us):
    """pvops_init's guest time, as the guest said it: microseconds, or ms from 10 ms on."""
    if us is None:
        return "-"
    return "%dus" % us if us < 10000 else "%.0fms" % (us / 1000.0)


def table(m):
    rows = [("ENVIRONMENT", "RESULT", "BACKEND", "PASS", "FAIL", "SKIP", "INIT",
             "1ST KTAP", "WALL", "NOTE")]
    for r in m.runs:
        k = r.ktap
        ran = r.status != "SKIP"
        rows.append((r.env.name, r.status, (k.backend or "-") if ran else "-",
                     str(k.passed) if ran else "-", str(k.failed) if ran else "-",
                     str(k.skipped) if ran else "-",
                     init_text(r.init_us),
                     "%.1fs" % r.first_ktap if r.first_ktap is not None else "-",
                     "%.1fs" % r.wall() if ran else "-", r.note))
    widths = [max(len(row[i]) for row in rows) for i in range(9)]
    out = []
    for row in rows:
        out.append("  ".join(c.ljust(widths[i]) if i in (0, 1, 2) else c.rjust(widths[i])
                             for i, c in enumerate(row[:9])) + "  " + row[9])
    return "\n".join(out)


def failures(m):
    lines = []
    for r in m.runs:
        for suite, name, res, reason in r.ktap.tests:
            if res == "fail":
                lines.append("%s: FAIL %s.%s" % (r.env.name, suite or "-", name))
            elif res == "skip" and m.args.verbose:
                lines.append("%s: SKIP %s.%s: %s" % (r.env.name, suite or "-", name, reason))
    return lines


def summary(m):
    return {
        "image": m.args.image,
        "expect": m.args.expect,
        "environments": [{
            "name": r.env.name,
            "description": r.env.description,
            "status": r.status,
            "note": r.note,
            "backend": r.ktap.backend,
            "passed": r.ktap.passed,
            "failed": r.ktap.failed,
            "skipped": r.ktap.skipped,
            "first_ktap_s": r.first_ktap,
            "pvops_init_us": r.init_us,
            "wall_s": round(r.wall(), 3) if r.status != "SKIP" else None,
            "log": r.log,
            "tests": [{"suite": s, "name": n, "result": res, "reason": why}
                      for s, n, res, why in r.ktap.tests],
        } for r in m.runs],
        "totals": totals(m),
    }


def totals(m):
    t = {"environments_passed": 0, "environments_failed": 0, "environments_skipped": 0,
         "tests_passed": 0, "tests_failed": 0, "tests_skipped": 0}
    for r in m.runs:
        t["environments_" + {"PASS": "passed", "FAIL": "failed", "SKIP": "skipped"}
          .get(r.status, "failed")] += 1
        t["tests_passed"] += r.ktap.passed
        t["tests_failed"] += r.ktap.failed
        t["tests_skipped"] += r.ktap.skipped
    return t


def junit(m):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<testsuites name=\"pvmatrix\">"]
    for r in m.runs:
        k = r.ktap
        cases = []
        if r.status == "SKIP":
            cases.append('    <testcase classname=%s name="boot"><skipped message=%s/>'
                         '</testcase>' % (quoteattr(r.env.name), quoteattr(r.note)))
        else:
            boot_fail = r.status == "FAIL" and not k.failed
            body = ('<failure message=%s/>' % quoteattr(r.note)) if boot_fail else ""
            cases.append('    <testcase classname=%s name="boot" time="%.3f">%s</testcase>'
                         % (quoteattr(r.env.name), r.wall(), body))
            for suite, name, res, reason in k.tests:
                cls = quoteattr("%s.%s" % (r.env.name, suite or "ktap"))
                inner = ""
                if res == "fail":
                    inner = '<failure message="test failed"/>'
                elif res == "skip":
                    inner = "<skipped message=%s/>" % quoteattr(reason)
                cases.append("    <testcase classname=%s name=%s>%s</testcase>"
                             % (cls, quoteattr(name), inner))
        fails = sum(1 for c in cases if "<failure" in c)
        skips = sum(1 for c in cases if "<skipped" in c)
        out.append('  <testsuite name=%s tests="%d" failures="%d" skipped="%d">'
                   % (quoteattr(r.env.name), len(cases), fails, skips))
        out.extend(cases)
        out.append("    <system-out>%s</system-out>" % escape(r.log))
        out.append("  </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
