# SPDX-License-Identifier: MIT
"""The Python module against the CLI: same numbers, byte for byte; errors, threads, Ctrl-C.

Run by ctest (label python) with PYTHONPATH=build/python, CISIM_CLI=build/cisim and
CISIM_SOURCE_DIR set; by hand: PYTHONPATH=build/python CISIM_CLI=build/cisim /usr/bin/python3 -m pytest tests/python
"""
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import numpy as np
import pytest

import cisim

SOURCE = os.environ.get("CISIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("CISIM_CLI", os.path.join(SOURCE, "build", "cisim"))
MMC = os.path.join(SOURCE, "scenarios", "queue_mmc.yaml")
SHORT = {"horizon": "2d"}


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True, cwd=SOURCE).stdout


def test_version_matches_the_cli():
    assert cli("--version").split()[1] == cisim.__version__


def test_run_json_csv_and_table_are_the_clis_byte_for_byte():
    r = cisim.run(MMC, set=SHORT, replications=3, seed=7, threads=2)
    args = [MMC, "--set", "horizon=2d", "-r", "3", "-s", "7", "-t", "1"]
    assert r.json() == cli("run", *args, "--format", "json")
    assert r.summary_csv() == cli("run", *args, "--format", "csv")
    assert r.table() == cli("run", *args)
    assert r.table(markdown=True) == cli("run", *args, "--format", "markdown")


def test_columns_are_numpy_and_agree_with_the_summary():
    r = cisim.run(MMC, set=SHORT, replications=4, threads=1)
    assert isinstance(r.summary["mean"], np.ndarray) and r.summary["mean"].dtype == np.float64
    assert len(r.summary["metric"]) == len(r.summary["mean"])
    e = r.metric("inspected")
    assert e.n == 4 and e.unit == "shipments" and len(e.values) == 4
    assert e.mean == pytest.approx(np.mean(e.values))
    assert e.low < e.mean < e.high
    per_facility = r.metric("inspected", scope="facility", name="station")
    assert per_facility.mean == pytest.approx(e.mean)
    assert set(r.daily["facility"]) == {"all", "station"}
    assert r.daily["date"][0] == "2019-07-02"  # the warm-up day is not a row


def test_the_result_says_which_path_ran_as_the_clis_json_does():
    import json

    for sets, args in (({}, []), ({"simulation": "exact"}, ["--exact"])):
        r = cisim.run(MMC, set={**SHORT, **sets}, replications=2, threads=1)
        summary = json.loads(cli("run", MMC, "--set", "horizon=2d", "-r", "2", *args, "--format", "json"))
        assert r.simulation == summary["simulation"] == ("exact" if sets else "aggregated")
        assert r.counted_by_class_share == summary["counted_by_class_share"] == 0.0  # M/M/c: no stream qualifies
    # A scenario whose streams qualify: the share the aggregated path counted, as the CLI says it.
    small = os.path.join(SOURCE, "tests", "golden", "small_aggregated.yaml")
    r = cisim.run(small, replications=2, threads=1)
    summary = json.loads(cli("run", small, "-r", "2", "--format", "json"))
    assert r.simulation == "aggregated" and 0.5 < r.counted_by_class_share < 1.0
    assert r.counted_by_class_share == summary["counted_by_class_share"]


def test_one_replication_has_no_interval():
    e = cisim.run(MMC, set=SHORT, replications=1).metric("inspected")
    assert e.n == 1 and np.isnan(e.low) and np.isnan(e.high)


def test_unknown_metric_names_the_known_ones():
    r = cisim.run(MMC, set=SHORT, replications=2)
    with pytest.raises(KeyError, match="no metric 'inspectd'.*inspected"):
        r.metric("inspectd")


def test_to_pandas():
    import pandas as pd  # a test dependency (python3-pandas): its absence fails the test, it never skips
    r = cisim.run(MMC, set=SHORT, replications=2)
    frame = r.to_pandas()
    assert list(frame.columns) == ["scope", "scope_name", "metric", "unit", "mean", "sd", "ci95_low", "ci95_high", "n"]
    assert len(frame) == len(r.summary["mean"])
    assert len(r.to_pandas("daily")) == len(r.daily["mean"])
    assert isinstance(frame, pd.DataFrame)


def test_scenario_as_text_and_as_dict_give_the_same_numbers_as_the_file():
    with open(MMC) as f:
        text = f.read()
    from_file = cisim.run(MMC, set=SHORT, replications=2)
    from_text = cisim.run(text, set=SHORT, replications=2)
    assert from_text.run_id == from_file.run_id  # same bytes, seed and overrides
    np.testing.assert_array_equal(from_text.summary["mean"], from_file.summary["mean"])
    scenario = {
        "format_version": 1, "name": "dict_mmc", "description": "M/M/c from a dict", "seed": 3, "replications": 2,
        "start_date": "2019-07-01", "horizon": "1d",
        "facilities": {"station": {"kind": "international_mail", "officers": {"count": 10},
                                   "methods": {"xray": {"duration": {"dist": "exponential", "mean": "1min"}}}}},
        "streams": {"poisson": {"facility": "station", "arrivals": {"rate": "9/min"}}},
        "policies": {"random_rate": "100%"},
    }
    r = cisim.run(scenario)
    assert r.metric("arrivals").mean > 10000
    # A dict is checked like a file, with locations into its JSON text.
    scenario["facilities"]["station"]["oficers"] = scenario["facilities"]["station"].pop("officers")
    with pytest.raises(cisim.ScenarioError, match="did you mean 'officers'"):
        cisim.run(scenario)


def test_bad_scenario_raises_with_located_diagnostics():
    with pytest.raises(cisim.ScenarioError) as caught:
        cisim.run(MMC, set={"facilities.station.oficers.count": 3})
    texts = [d["text"] for d in caught.value.diagnostics if d["severity"] == "error"]
    assert any("--set:1:" in t and "did you mean 'officers'" in t for t in texts), texts
    with pytest.raises(cisim.ScenarioError, match="no such file|cannot read"):
        cisim.check("no/such/file.yaml")
    with pytest.raises(TypeError, match="set: expected a dict"):
        cisim.run(MMC, set=["horizon=2d"])


def test_check_returns_warnings():
    warnings = cisim.check(MMC, set={"streams.poisson.arrivals.rate": "12/min"})
    assert any("offered load" in w["message"] for w in warnings)


def test_set_values_numbers_wildcards_and_units():
    base = cisim.run(MMC, set=SHORT, replications=2)
    more = cisim.run(MMC, set={"horizon": "2d", "facilities.*.officers.count": 12}, replications=2)
    assert more.metric("wait_hours_mean").mean < base.metric("wait_hours_mean").mean


def test_id_groups_and_the_origin_scope_are_the_clis():
    national = os.path.join(SOURCE, "scenarios", "us_fy2019_baseline.yaml")
    sets = {"horizon": "2d", "streams.*.arrivals.rate": "20000/d",
            "facilities.jfk_imf|cvg_dhl.officers.count": 4}
    r = cisim.run(national, set=sets, replications=2, threads=1)
    args = [national, "-r", "2", "-t", "1"] + [a for k, v in sets.items() for a in ("--set", f"{k}={v}")]
    assert r.json() == cli("run", *args, "--format", "json")
    by_origin = sum(r.metric("ipr_seizures", scope="origin", name=o).mean for o in ("CN", "HK", "OTHER"))
    assert by_origin == pytest.approx(r.metric("ipr_seizures").mean)
    assert r.metric("officers_on_duty_mean", scope="facility", name="cvg_dhl").mean == pytest.approx(4)
    assert r.metric("officers_on_duty_mean", scope="facility", name="mem_fedex").mean == pytest.approx(2)


def test_compare_is_the_clis_and_pairs_replications():
    c = cisim.compare(MMC, MMC, set=SHORT, set_alt={"facilities.station.officers.count": 12}, replications=4, seed=1)
    d = c.difference("wait_hours_mean")
    assert d["significant"] and d["difference"] < 0
    assert c.json() == cli("compare", MMC, MMC, "--set", "horizon=2d", "--set-alt", "facilities.station.officers.count=12",
                           "-r", "4", "-s", "1", "--format", "json")


def test_run_budget_error():
    with pytest.raises(cisim.RunBudgetError, match="GiB"):
        cisim.run(os.path.join(SOURCE, "scenarios", "common", "us_fy2024_at_fy2019_enforcement.yaml"), set={"horizon": "3650d"}, replications=100000)


def test_the_gil_is_released_while_replications_run():
    ticks = 0
    done = threading.Event()

    def work():
        cisim.run(MMC, set={"horizon": "7d"}, replications=6, threads=1)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    while not done.is_set():
        ticks += 1  # runs only while the run has let go of the GIL
        time.sleep(0.001)
    t.join()
    assert ticks > 20


def test_ctrl_c_stops_a_run_cleanly():
    script = textwrap.dedent(f"""
        import sys, time, cisim
        start = time.time()
        try:
            cisim.run({os.path.join(SOURCE, 'scenarios', 'mega_flex_2019.yaml')!r}, replications=200, threads=1)
            print("finished")
        except KeyboardInterrupt:
            print(f"interrupted after {{time.time() - start:.1f}} s")
    """)
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=os.environ)
    time.sleep(3)
    child.send_signal(signal.SIGINT)
    out, _ = child.communicate(timeout=60)
    assert out.startswith("interrupted after"), out
    # A Mega Flex replication takes about 2 s: the run stops at the next replication.
    assert float(out.split()[2]) < 15


def test_the_documented_example_runs():
    example = os.path.join(SOURCE, "docs", "examples", "find_crossing.py")
    done = subprocess.run([sys.executable, example, "--points", "2", "--replications", "2", "--horizon", "7d"],
                          capture_output=True, text=True, env=os.environ, timeout=300)
    assert done.returncode in (0, 1), done.stderr  # 1: no crossing in so short a run, said in words
    assert "discrepancy_rate (mean, 95% CI)" in done.stdout
    assert "crosses 1%" in done.stdout or "does not cross 1%" in done.stdout


def test_import_works_from_the_python3_on_the_path():
    # The check, as a user types it: `python3 -c 'import cisim'` with the documented
    # path, whatever python3 comes first on PATH (here a pyenv Python may shadow Debian's).
    done = subprocess.run(["python3", "-c", "import cisim; print(cisim.__version__)"], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH", "")}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == cisim.__version__


def test_replications_and_threads_have_the_clis_bounds():
    with pytest.raises(ValueError, match="replications: expected a whole number from 1 to 100000, found 0"):
        cisim.run(MMC, replications=0)
    with pytest.raises(ValueError, match="replications: expected a whole number from 1 to 100000, found 100001"):
        cisim.run(MMC, replications=100001)
    with pytest.raises(ValueError, match="threads: expected a whole number from 1 to [0-9]+, found 0"):
        cisim.run(MMC, threads=0)
    with pytest.raises(ValueError, match="threads: expected a whole number from 1 to [0-9]+, found 100000"):
        cisim.run(MMC, threads=100000)


CALIBRATE_VARY = {"streams.poisson.arrivals.rate": ("3/min", "15/min"),
                  "facilities.station.methods.xray.duration.mean": ("0.3min", "2min")}
CALIBRATE_TARGETS = ["throughput_per_hour@facility:station=480±10", "officer_utilization@facility:station=60%±2%"]


def test_calibrate_gives_the_clis_json_and_a_fitted_file_that_runs(tmp_path):
    out = tmp_path / "fitted.yaml"
    c = cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, start={"streams.poisson.arrivals.rate": "4/min"},
                        set={"horizon": "2d", "warmup": "0s"}, replications=3, threads=2, out=out)
    args = [MMC, "--set", "horizon=2d", "--set", "warmup=0s", "-r", "3", "-t", "1", "--start", "streams.poisson.arrivals.rate=4/min",
            "--vary", "streams.poisson.arrivals.rate=3/min:15/min", "--vary", "facilities.station.methods.xray.duration.mean=0.3min:2min"]
    for t in CALIBRATE_TARGETS:
        args += ["--target", t]
    assert c.json() == cli("calibrate", *args, "--format", "json")
    assert c.all_met and all(t["met"] for t in c.targets)
    # M/M/10 at 480 an hour and 60%: 8 a minute and 0.75 minutes (tolerances as in calibration_test.cpp).
    assert abs(c.fitted["streams.poisson.arrivals.rate"] - 8.0) <= 0.3
    assert abs(c.fitted["facilities.station.methods.xray.duration.mean"] - 0.75) <= 0.06
    rerun = cisim.run(out)
    assert rerun.metric("officer_utilization", "facility", "station").mean == c.targets[1]["simulated"]["mean"]


def test_calibrate_errors_are_python_errors():
    with pytest.raises(ValueError, match="a tolerance is needed"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=["throughput_per_hour=480"])
    with pytest.raises(ValueError, match="unknown|expected bobyqa"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, algorithm="bobyka")
    with pytest.raises(ValueError, match="did you mean 'officer_utilization'"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=["officer_utilisation@facility:station=60%±2%"], set=SHORT | {"warmup": "0s"},
                        replications=2, max_evaluations=2)
    with pytest.raises(cisim.ScenarioError):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, set={"horizon": "1d"})
    with pytest.raises(TypeError):
        cisim.calibrate(MMC, vary=["x"], targets=CALIBRATE_TARGETS)


def test_metric_errors_say_which_part_is_wrong():
    r = cisim.run(MMC, set=SHORT, replications=2, threads=1)
    cases = [
        (dict(metric="wait_hours_mean", scope="facility", name="statoin"), "no facility 'statoin'.*did you mean 'station'"),
        (dict(metric="wait_hours_mean", scope="facility"), "scope 'facility' needs name="),
        (dict(metric="wait_hours_mean", scope="facilty", name="station"), "scope 'facilty'.*did you mean 'facility'"),
        (dict(metric="wait_hours_p99"), "not reported for scope 'run', only for facility"),
        (dict(metric="wait_hours_maen"), "no metric 'wait_hours_maen'; did you mean 'wait_hours_mean'"),
    ]
    for kwargs, message in cases:
        with pytest.raises(KeyError, match=message):
            r.metric(**kwargs)


def test_bad_arguments_are_named_errors_not_binding_dumps():
    cases = [
        (dict(replications=10**12), ValueError, "replications: expected a whole number from 1 to"),
        (dict(replications="3"), TypeError, r"replications: expected a whole number .* found '3' \(str\)"),
        (dict(replications=2.5), TypeError, r"replications: .* found 2.5 \(float\)"),
        (dict(seed=-1), ValueError, "seed: expected a whole number from 0 to 18446744073709551615, found -1"),
        (dict(threads=True), TypeError, "threads: expected a whole number"),
    ]
    for kwargs, error, message in cases:
        with pytest.raises(error, match=message):
            cisim.run(MMC, set=SHORT, **kwargs)
    # NumPy integers are whole numbers, and a whole float (as NumPy sweeps make them) is written whole.
    a = cisim.run(MMC, set={**SHORT, "facilities.station.officers.count": np.float64(11.0)}, replications=np.int64(2), threads=1)
    b = cisim.run(MMC, set={**SHORT, "facilities.station.officers.count": 11}, replications=2, threads=1)
    assert a.metric("inspected").mean == b.metric("inspected").mean


def test_none_in_set_sets_a_key_to_nothing():
    # docs/python.md: None is YAML's nothing, so a key that needs a value says it found nothing.
    with pytest.raises(cisim.ScenarioError, match="warmup.*found nothing"):
        cisim.run(MMC, set={**SHORT, "warmup": None})


def test_arguments_that_would_be_misread_are_refused_up_front(tmp_path):
    # A NUL would cut the path short in C++: another file, silently.
    with pytest.raises(ValueError, match="NUL"):
        cisim.run(MMC + "\0.bak", set=SHORT)
    # A start that is not a dict is named, not an AttributeError.
    with pytest.raises(TypeError, match="start: expected a dict"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, start=["streams.poisson.arrivals.rate=4/min"])
    # An output that cannot be written fails before the fit, not after it (quickly: no evaluation runs).
    started = time.monotonic()
    with pytest.raises(FileNotFoundError, match="does not exist"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, out=tmp_path / "missing" / "fitted.yaml")
    with pytest.raises(IsADirectoryError, match="is a directory"):
        cisim.calibrate(MMC, vary=CALIBRATE_VARY, targets=CALIBRATE_TARGETS, out=tmp_path)
    assert time.monotonic() - started < 2.0
    # Wrong types are named TypeErrors, not the binding's raw signature.
    for bad in ({"targets": [480]}, {"algorithm": 3}, {"max_evaluations": "60"}, {"key_tolerance": "small"},
                {"until_met": "yes"}):
        args = {"targets": CALIBRATE_TARGETS} | bad
        with pytest.raises(TypeError, match=next(iter(bad))):
            cisim.calibrate(MMC, vary=CALIBRATE_VARY, **args)
