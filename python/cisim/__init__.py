# SPDX-License-Identifier: MIT
"""cisim: customs inspection of e-commerce shipments, simulated (docs/python.md).

    import cisim
    r = cisim.run("scenarios/mega_flex_2019.yaml", set={"blitzes.*.daily_count": 300}, replications=4)
    r.metric("discrepancy_rate")            # Estimate(mean=0.139..., low=..., high=..., n=4, unit='fraction')
    r.summary["mean"]                       # NumPy columns; r.to_pandas() for a DataFrame
    print(r.table())                        # the CLI's table, byte for byte

A scenario is a path, YAML text, or a dict; `set` maps dotted keys (wildcards allowed, as
--set) to values: numbers, or strings with units ("45 min", "12/h", "800 USD").
"""
import json
import os
import sys
from collections import namedtuple

try:
    import numpy as np
except ImportError:
    # A Python other than Debian's first on the PATH (pyenv, a venv without system packages):
    # the module was built with Debian's NumPy, which the same Python version can load.
    _DEBIAN_PACKAGES = "/usr/lib/python3/dist-packages"
    if not os.path.isdir(os.path.join(_DEBIAN_PACKAGES, "numpy")):
        raise ImportError("cisim needs NumPy: apt-get install python3-numpy (docs/python.md)") from None
    sys.path.append(_DEBIAN_PACKAGES)
    import numpy as np

try:
    from . import _cisim
except ImportError as e:
    # Blame the interpreter only when it is not the one the module was built for (Debian's).
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
        raise ImportError(f"cisim's extension does not load in Python {sys.version_info.major}.{sys.version_info.minor} "
                          f"({sys.executable}): it is built for Debian's /usr/bin/python3; run that, or rebuild "
                          f"with -DPython_EXECUTABLE=... (docs/python.md). The reason: {e}") from None
    raise ImportError(f"cisim's extension does not load: {e}. If a build is running or was interrupted, "
                      f"build again (ninja -C build) and retry (docs/python.md)") from None

__version__ = _cisim.__version__
__all__ = ["check", "run", "compare", "calibrate", "Calibration", "ScenarioError", "RunBudgetError", "SimulationError", "Estimate", "Result", "Comparison"]

RunBudgetError = _cisim.RunBudgetError
SimulationError = _cisim.SimulationError

Estimate = namedtuple("Estimate", "mean sd low high n unit values")
Estimate.__doc__ = "One metric of one scope over replications: mean, sd, 95% CI (low, high; NaN with one replication), n, unit, per-replication values."


class ScenarioError(ValueError):
    """A scenario with errors. `diagnostics` lists each one as a dict: severity, file, line,
    column, key, message and text (the located line the CLI prints)."""

    def __init__(self, diagnostics):
        self.diagnostics = diagnostics
        errors = [d["text"] for d in diagnostics if d["severity"] == "error"]
        super().__init__("the scenario has errors:\n" + "\n".join(errors))


def _scenario(scenario, name="scenario"):
    """(text or path, is_text) from a path, YAML text or a dict; errors name the argument `name`."""
    if isinstance(scenario, dict):
        return json.dumps(scenario), True  # JSON is YAML: the loader reads it with its own checks
    if isinstance(scenario, os.PathLike):
        scenario = os.fspath(scenario)
    if not isinstance(scenario, str):
        raise TypeError(f"{name}: expected a path, YAML text or a dict, found {type(scenario).__name__}")
    if "\0" in scenario:  # C++ would stop reading the path there: another file, silently
        raise ValueError(f"{name}: a path or text with a NUL character")
    if "\n" in scenario or (not os.path.exists(scenario) and ":" in scenario):
        return scenario, True
    return scenario, False


def _value(value):
    """A Python value as the YAML text --set takes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "~"
    if isinstance(value, (int, float, np.integer, np.floating)):
        # A whole float (11.0, as NumPy sweeps make them) is written whole, so that a count key takes it.
        if isinstance(value, (float, np.floating)) and not float(value).is_integer():  # inf and nan too
            return repr(float(value))
        return str(int(value))
    if isinstance(value, str):
        return value
    return json.dumps(value)  # lists and maps, in flow style


def _sets(set, name="set"):
    if set is None:
        return []
    if not isinstance(set, dict):
        raise TypeError(f"{name}: expected a dict of dotted keys to values, such as {{'facilities.*.officers.scale': 1.5}}")
    return [f"{key}={_value(value)}" for key, value in set.items()]


def _columns(raw):
    """Columns as NumPy arrays (text as object arrays, so any length fits)."""
    return {k: (v if isinstance(v, np.ndarray) else np.array(v, dtype=object if v and isinstance(v[0], str) else None)) for k, v in raw.items()}


def _rows(columns, metric, scope, name):
    """The rows of `columns` (a dict of NumPy columns) for one metric of one scope, as a mask."""
    return (columns["metric"] == metric) & (columns["scope"] == scope) & (columns["scope_name"] == name)


class _Outputs:
    """What the CLI prints, byte for byte, from the core object `_core`."""

    def table(self, markdown=False):
        return self._core.table(markdown)

    def json(self):
        return self._core.json()

    def html(self):
        return self._core.html()


def check(scenario, set=None):
    """Validates a scenario; returns its warnings (dicts, as ScenarioError.diagnostics), raises ScenarioError on errors."""
    text, is_text = _scenario(scenario)
    ok, diagnostics = _cisim.check(text, is_text, _sets(set))
    if not ok:
        raise ScenarioError(diagnostics)
    return diagnostics


class Result(_Outputs):
    """A finished run: its metrics summarised (`summary`), per replication (`replications`)
    and per day (`daily`), as dicts of NumPy columns, and the CLI's outputs (`table()`,
    `json()`, `summary_csv()`, `html()`)."""

    def __init__(self, core):
        self._core = core
        self.run_id = core.run_id
        self.seed = core.seed
        self.replications = core.replications
        self.scenario_name = core.scenario_name
        self.simulation = core.simulation  # "aggregated" (default) or "exact": which path ran
        self.counted_by_class_share = core.counted_by_class_share  # of all shipments, those counted by class
        self.warnings = list(core.warnings)
        self.scenario_warnings = list(core.scenario_warnings)
        self.summary = _columns(core.summary_columns())
        self.per_replication = _columns(core.replication_columns())
        self.daily = _columns(core.daily_columns())

    def metric(self, metric, scope="run", name="all"):
        """The Estimate of `metric` for scope `scope` (run, facility, stream, mode, origin, selection, blitz, blitz_window) and `name`."""
        s = self.summary
        rows = np.flatnonzero(_rows(s, metric, scope, name))
        if len(rows) == 0:
            raise KeyError(self._why_no_metric(metric, scope, name))
        i = rows[0]
        p = self.per_replication
        values = p["value"][_rows(p, metric, scope, name)]
        return Estimate(s["mean"][i], s["sd"][i], s["ci95_low"][i], s["ci95_high"][i], int(s["n"][i]), s["unit"][i], values)

    def _why_no_metric(self, metric, scope, name):
        # Which part is wrong, the scope kind, its name or the metric, with a "did you mean".
        import difflib

        s = self.summary

        def hint(word, known):
            close = difflib.get_close_matches(str(word), known, n=1)
            return f"; did you mean '{close[0]}'?" if close else ""

        scopes = sorted(set(s["scope"]))
        if scope not in scopes:
            return f"scope '{scope}': expected one of {', '.join(scopes)}{hint(scope, scopes)}"
        names = sorted({n for sc, n in zip(s["scope"], s["scope_name"]) if sc == scope})
        if name not in names:
            wanted = "" if name != "all" else f" (scope '{scope}' needs name=, one of its ids)"
            return f"no {scope} '{name}'{wanted}: the {scope} ids are {', '.join(names)}{hint(name, names)}"
        metrics = sorted({m for sc, m in zip(s["scope"], s["metric"]) if sc == scope})
        if metric in set(s["metric"]):
            where = sorted({sc for sc, m in zip(s["scope"], s["metric"]) if m == metric})
            return f"metric '{metric}' is not reported for scope '{scope}', only for {', '.join(where)} (docs/metrics.md)"
        return f"no metric '{metric}'{hint(metric, metrics)} (scope '{scope}' has: {', '.join(metrics)}; docs/metrics.md)"

    def to_pandas(self, which="summary"):
        """A pandas DataFrame of `summary`, `per_replication` or `daily` (pandas must be installed)."""
        import pandas as pd  # optional: only this method needs it

        if which not in ("summary", "per_replication", "daily"):
            raise ValueError(f"which: expected summary, per_replication or daily, found {which!r}")
        return pd.DataFrame(getattr(self, which))

    def summary_csv(self):
        return self._core.summary_csv()

    def __repr__(self):
        return f"<cisim.Result {self.scenario_name}: {self.replications} replications, seed {self.seed}, run {self.run_id}>"


class Comparison(_Outputs):
    """Two runs paired replication by replication: `differences` (dict of NumPy columns:
    base_mean, alt_mean, difference, ci95_low, ci95_high, unpaired_half_width, significant)."""

    def __init__(self, core):
        self._core = core
        self.base_run_id = core.base_run_id
        self.alt_run_id = core.alt_run_id
        self.differences = _columns(core.difference_columns())

    def difference(self, metric, scope="run", name="all"):
        d = self.differences
        rows = np.flatnonzero(_rows(d, metric, scope, name))
        if len(rows) == 0:
            raise KeyError(f"no metric '{metric}' for {scope} '{name}' in both runs")
        i = rows[0]
        return {k: (v[i].item() if hasattr(v[i], "item") else v[i]) for k, v in d.items()}

    def to_pandas(self):
        import pandas as pd

        return pd.DataFrame(self.differences)

    def csv(self):
        return self._core.csv()


def _whole(name, value, low, high):
    # A whole number in [low, high] (NumPy integers too), or a TypeError / ValueError that says so.
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name}: expected a whole number from {low} to {high}, found {value!r} ({type(value).__name__})")
    if not low <= int(value) <= high:
        raise ValueError(f"{name}: expected a whole number from {low} to {high}, found {int(value)}")
    return int(value)


def _threads(threads):
    if threads is None:
        return os.cpu_count() or 1
    return _whole("threads", threads, 1, _cisim.max_threads())


def _replications(replications):
    return None if replications is None else _whole("replications", replications, 1, _cisim.max_replications())


def _seed(seed):
    return None if seed is None else _whole("seed", seed, 0, 2**64 - 1)


def run(scenario, set=None, replications=None, seed=None, threads=None):
    """Runs a scenario's replications (the GIL is released; Ctrl-C stops after the running
    replications) and returns a Result. Raises ScenarioError for a bad scenario."""
    text, is_text = _scenario(scenario)
    ok, out = _cisim.run(text, is_text, _sets(set), _replications(replications), _seed(seed), _threads(threads))
    if not ok:
        raise ScenarioError(out)
    return Result(out)


def compare(base, alt, set=None, set_base=None, set_alt=None, replications=None, seed=None, threads=None):
    """Runs two scenarios with common random numbers and returns their paired Comparison."""
    b, b_text = _scenario(base, "base")
    a, a_text = _scenario(alt, "alt")
    common = _sets(set)
    ok, out = _cisim.compare(b, b_text, a, a_text, common + _sets(set_base, "set_base"), common + _sets(set_alt, "set_alt"), _replications(replications), _seed(seed), _threads(threads))
    if not ok:
        raise ScenarioError(out)
    return Comparison(out)


class Calibration:
    """What calibrate found: `fitted` (key -> value in its range's unit), `fitted_text` (key ->
    scenario text, for `set=`), `targets` (one dict each: text, metric, scope, scope_name,
    value, tolerance, simulated {mean, ci95, n}, met (its CI within the tolerance), met_by_mean,
    replications_to_show), `all_met` (every target met by the evidence), `evaluations` (one dict each:
    keys, means, objective, all_met_by_mean), `stop_reason`; json() is the CLI's --format json."""

    def __init__(self, text):
        self._text = text
        data = json.loads(text)
        self.data = data
        self.fitted = {k: v["value"] for k, v in data["fitted"].items()}
        self.fitted_text = {k: v["text"] for k, v in data["fitted"].items()}
        self.targets = data["targets"]
        self.all_met = data["all_met"]
        self.evaluations = data["evaluations"]
        self.stop_reason = data["stop_reason"]

    def json(self):
        return self._text

    def __repr__(self):
        keys = ", ".join(f"{k}={v}" for k, v in self.fitted_text.items())
        met = sum(1 for t in self.targets if t["met"])
        return f"<cisim.Calibration {keys}; {met} of {len(self.targets)} targets met; {len(self.evaluations)} evaluations>"


def _range_text(key, spec):
    """A --vary range from "LO:HI", "LO:HI:log" or a (lo, hi) or (lo, hi, "log") tuple."""
    if isinstance(spec, str):
        return f"{key}={spec}"
    if isinstance(spec, (tuple, list)) and len(spec) in (2, 3):
        text = f"{key}={_value(spec[0])}:{_value(spec[1])}"
        if len(spec) == 3:
            if spec[2] != "log":
                raise ValueError(f"vary[{key!r}]: the third item may only be 'log', found {spec[2]!r}")
            text += ":log"
        return text
    raise TypeError(f"vary[{key!r}]: expected 'LO:HI' or (lo, hi) or (lo, hi, 'log'), found {spec!r}")


def calibrate(scenario, vary, targets, start=None, set=None, replications=None, seed=None, threads=None,
              algorithm="bobyqa", max_evaluations=60, key_tolerance=1e-3, until_met=False, out=None):
    """Finds values of the `vary` keys ({key: (lo, hi)} or {key: "lo:hi:log"}) that bring every
    target ("METRIC[@SCOPE]=VALUE±TOL") within its tolerance, as `cisim calibrate` does (NLopt,
    common random numbers); `start` ({key: value}) is where the search begins, `out` a path
    for the fitted scenario file. Returns a Calibration."""
    if not isinstance(vary, dict):
        raise TypeError("vary: expected a dict of keys to ranges, such as {'prevalence_scale.counterfeit': (0.2, 3)}")
    if not vary:
        raise ValueError("vary: no key to fit; give at least one, such as {'prevalence_scale.counterfeit': (0.2, 3)}")
    if isinstance(targets, str):
        targets = [targets]
    if not isinstance(targets, (list, tuple)) or not all(isinstance(t, str) for t in targets):
        raise TypeError(f"targets: expected strings such as 'officer_utilization@facility:station=60%±2%', found {targets!r}")
    if not isinstance(algorithm, str):
        raise TypeError(f"algorithm: expected a name such as 'bobyqa', found {type(algorithm).__name__}")
    max_evaluations = _whole("max_evaluations", max_evaluations, 1, 10_000)  # the CLI's bound
    if isinstance(key_tolerance, bool) or not isinstance(key_tolerance, (int, float, np.integer, np.floating)):
        raise TypeError(f"key_tolerance: expected a number, found {type(key_tolerance).__name__}")
    if not 0 < float(key_tolerance) < 1:
        raise ValueError(f"key_tolerance: expected a share of each key's range, between 0 and 1 (exclusive), found {key_tolerance!r}")
    if not isinstance(until_met, (bool, np.bool_)):
        raise TypeError(f"until_met: expected True or False, found {type(until_met).__name__}")
    if start is not None and not isinstance(start, dict):
        raise TypeError(f"start: expected a dict of keys to values, such as {{'streams.mail.arrivals.rate': '4/min'}}, "
                        f"found {type(start).__name__}")
    if out is not None:
        # Checked before the fit, which may take long: a fit that cannot be written is lost.
        if not isinstance(out, (str, os.PathLike)):
            raise TypeError(f"out: expected a path for the fitted scenario file, found {type(out).__name__}")
        out = os.fspath(out)
        if not isinstance(out, str):
            raise TypeError(f"out: expected a path for the fitted scenario file, found {type(out).__name__}")
        if "\0" in out:
            raise ValueError("out: a path with a NUL character")
        if not out:
            raise ValueError("out: an empty path; give a file name, such as fitted.yaml")
        folder = os.path.dirname(os.path.abspath(out))
        if not os.path.isdir(folder):
            raise FileNotFoundError(f"out: the directory '{folder}' does not exist")
        if os.path.isdir(out):
            raise IsADirectoryError(f"out: '{out}' is a directory; give a file name, such as fitted.yaml")
    text, is_text = _scenario(scenario)
    starts = [f"{k}={_value(v)}" for k, v in (start or {}).items()]
    ok, out_value = _cisim.calibrate(text, is_text, _sets(set), [_range_text(k, v) for k, v in vary.items()], starts,
                                     list(targets), algorithm, int(max_evaluations), float(key_tolerance), bool(until_met),
                                     _replications(replications), _seed(seed), _threads(threads), None if out is None else os.fspath(out))
    if not ok:
        raise ScenarioError(out_value)
    return Calibration(out_value)
