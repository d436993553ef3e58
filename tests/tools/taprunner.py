# SPDX-License-Identifier: MIT
"""What the tool tests share: load a tool (a script without .py) as a module, and run a
module's unittest cases printing TAP (one line per test, then the plan)."""

import importlib.machinery
import importlib.util
import os
import tempfile
import unittest

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def load_tool(name):
    """tools/NAME as a module, and its path."""
    path = os.path.join(TOP, "tools", name)
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module, path


class TapResult(unittest.TextTestResult):
    n = 0

    def _line(self, test, ok, extra=""):
        TapResult.n += 1
        print("%s %d - %s%s" % ("ok" if ok else "not ok", TapResult.n, test.id()
                                .replace("__main__.", ""), extra), flush=True)

    def addSuccess(self, test):
        super().addSuccess(test)
        self._line(test, True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._line(test, False)
        print("# " + self._exc_info_to_string(err, test).replace("\n", "\n# "))

    def addError(self, test, err):
        super().addError(test, err)
        self._line(test, False)
        print("# " + self._exc_info_to_string(err, test).replace("\n", "\n# "))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._line(test, True, " # SKIP %s" % reason)



class TempTree:
    """setUp/tearDown of a tool's test: a temporary directory with envs/ (the environments),
    out/ (the tool's output) and a fake kernel image."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name
        self.envs = os.path.join(self.dir, "envs")
        self.out = os.path.join(self.dir, "out")
        os.makedirs(self.envs)
        self.image = os.path.join(self.dir, "image.elf")
        with open(self.image, "w") as f:
            f.write("not really a kernel\n")

    def tearDown(self):
        self.tmp.cleanup()


def run(module):
    """Run every test of module; return the exit status (0 when all passed)."""
    suite = unittest.defaultTestLoader.loadTestsFromModule(module)
    runner = unittest.TextTestRunner(stream=open(os.devnull, "w"), resultclass=TapResult)
    res = runner.run(suite)
    print("1..%d" % TapResult.n)
    return 0 if res.wasSuccessful() else 1
