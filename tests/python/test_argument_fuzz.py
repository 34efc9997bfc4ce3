# SPDX-License-Identifier: MIT
"""A fuzz of the module's argument handling: every argument of check, run, compare and
calibrate, given hostile values drawn from a seeded generator (wrong types, NaN, huge and
negative numbers, NUL, bytes, containers, objects, NumPy scalars). Each call either works or
raises a documented error (TypeError, ValueError and its ScenarioError, KeyError, OSError,
RunBudgetError, SimulationError) whose message says what is wrong (a TypeError names the
argument); never pybind11's raw
signature dump, never an abort. The calls run in a child interpreter, so an abort (the
failure this guards against: it would kill pytest) is reported with its exit code.
"""
import os
import subprocess
import sys

SOURCE = os.environ.get("CISIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))

CHILD = r'''
import math, random, sys
import numpy as np
import cisim

MMC = sys.argv[1]
random.seed(int(sys.argv[2]))
SHORT = {"horizon": "2d", "warmup": "0s"}
HOSTILE = [None, True, False, 0, -1, 2**70, -2**70, 1.5, float("nan"), float("inf"), "", "x", "a\0b", b"bytes",
           [], [1], ["horizon=1d"], {}, {"horizon": None}, {"nosuchkey": 1}, {"horizon": [1, 2]}, {1: 2},
           object(), np.int64(3), np.float64(2.0), np.nan, ("t",), {"x"}, 1e308, -0.0]
VARY = {"streams.poisson.arrivals.rate": ("8/min", "10/min")}
TARGETS = ["officer_utilization@facility:station=90%±5%"]
# Each call with arguments that run a tiny simulation (2 days, 2 replications, 1 evaluation).
CALLS = {
    "check": (cisim.check, dict(scenario=MMC, set=SHORT)),
    "run": (cisim.run, dict(scenario=MMC, set=SHORT, replications=2, seed=1, threads=1)),
    "compare": (cisim.compare, dict(base=MMC, alt=MMC, set=SHORT, set_base=None, set_alt={"facilities.station.officers.count": 11},
                                    replications=2, seed=1, threads=1)),
    "calibrate": (cisim.calibrate, dict(scenario=MMC, vary=VARY, targets=TARGETS, start=None, set=SHORT, replications=2, seed=1,
                                        threads=1, algorithm="bobyqa", max_evaluations=1, key_tolerance=0.1, until_met=False, out=None)),
}
ALLOWED = (TypeError, ValueError, KeyError, OSError, cisim.RunBudgetError, cisim.SimulationError)
DUMPS = ("incompatible function arguments", "Invoked with", "The following argument types are supported")
problems = []
tried = 0
for _ in range(int(sys.argv[3])):
    name = random.choice(sorted(CALLS))
    function, arguments = CALLS[name]
    key = random.choice(sorted(arguments))
    value = random.choice(HOSTILE)
    args = dict(arguments, **{key: value})
    tried += 1
    try:
        function(**args)
    except ALLOWED as e:
        message = str(e)
        if any(d in message for d in DUMPS):
            problems.append(f"{name}({key}={value!r}): a binding dump: {message[:200]}")
        elif not message.strip():
            problems.append(f"{name}({key}={value!r}): {type(e).__name__} with no message")
        elif type(e) is TypeError and key not in message:
            problems.append(f"{name}({key}={value!r}): a TypeError that does not name {key}: {message[:200]}")
    except BaseException as e:
        problems.append(f"{name}({key}={value!r}): undocumented {type(e).__name__}: {str(e)[:200]}")
print(f"{tried} calls")
for p in problems:
    print("PROBLEM", p)
'''


def test_hostile_arguments_raise_named_errors_never_dumps_or_aborts():
    for seed in (20261208, 1, 2, 3):  # 4 x 300 calls, about 10 s
        done = subprocess.run([sys.executable, "-c", CHILD, os.path.join(SOURCE, "scenarios", "queue_mmc.yaml"), str(seed), "300"],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"seed {seed}: the child ended with {done.returncode} (an abort is -6):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
        assert "300 calls" in done.stdout
        problems = [line for line in done.stdout.splitlines() if line.startswith("PROBLEM")]
        assert not problems, f"seed {seed}:\n" + "\n".join(problems)
