#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where does a metric cross a target? A sweep with the cisim Python module, no SciPy.

    PYTHONPATH=build/python /usr/bin/python3 docs/examples/find_crossing.py
    PYTHONPATH=build/python /usr/bin/python3 docs/examples/find_crossing.py --points 11 --replications 5

The question of scenarios/navarro_target.yaml: officials asked for discrepancy rates "well
under 1%". What share of a marketplace's sellers must be vetted before a random inspection
(a blitz across all origins) measures under 1%, when vetted sellers are those above half the
typical risk and takedown takes a day? The script runs the scenario at evenly spaced
vetting shares, prints each point with its 95% CI, and interpolates linearly between the two
points that bracket the target. Every point uses the same seed (common random numbers), so
neighbouring points differ by the vetting share, not by luck.
"""
import argparse
import os

import cisim

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scenario", default=os.path.join(HERE, "..", "..", "scenarios", "navarro_target.yaml"))
    p.add_argument("--key", default="streams.marketplace.sellers.vetting_share", help="the scenario key to vary (a fraction)")
    p.add_argument("--metric", default="discrepancy_rate")
    p.add_argument("--target", type=float, default=0.01, help="as a fraction: 0.01 is 1%%")
    p.add_argument("--points", type=int, default=6)
    p.add_argument("--replications", type=int, default=3)
    p.add_argument("--horizon", default=None, help="override the scenario's horizon, such as 7d, for a quick look")
    p.add_argument("--set", action="append", default=None, metavar="KEY=VALUE",
                   help="also set (repeatable); default: vetting of sellers above half the typical risk, takedown in 1 day")
    args = p.parse_args()
    if args.points < 2:
        p.error("--points must be at least 2")

    fixed = dict(item.split("=", 1) for item in (args.set if args.set is not None else [
        "streams.marketplace.sellers.vetting_above=0.5", "streams.marketplace.sellers.takedown_latency=1d"]))
    shares = [i / (args.points - 1) for i in range(args.points)]
    results = []
    print(f"{args.key:>45}  {args.metric} (mean, 95% CI)")
    for share in shares:
        settings = {**fixed, args.key: f"{100 * share:g}%"}
        if args.horizon:
            settings["horizon"] = args.horizon
        e = cisim.run(args.scenario, set=settings, replications=args.replications).metric(args.metric)
        results.append((share, e))
        print(f"{100 * share:>44.0f}%  {100 * e.mean:.2f}%  [{100 * e.low:.2f}%, {100 * e.high:.2f}%]")

    for (x0, e0), (x1, e1) in zip(results, results[1:]):
        if (e0.mean - args.target) * (e1.mean - args.target) <= 0 and e0.mean != e1.mean:
            x = x0 + (args.target - e0.mean) * (x1 - x0) / (e1.mean - e0.mean)
            straddles = e0.low <= args.target <= e0.high or e1.low <= args.target <= e1.high
            print(f"\n{args.metric} crosses {100 * args.target:g}% at {args.key} = {100 * x:.1f}% (linear between "
                  f"{100 * x0:.0f}% and {100 * x1:.0f}%)" + ("; a CI there includes the target: add replications to be sure" if straddles else ""))
            return 0
    print(f"\n{args.metric} does not cross {100 * args.target:g}% between {100 * shares[0]:.0f}% and {100 * shares[-1]:.0f}%")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
