// SPDX-License-Identifier: MIT
// cisim's HTML report: builds the page from the JSON in <script id="cisim-data"> with Chart.js.
// Every number shown in a table was formatted by cisim (the same text as the terminal table);
// the charts only configure Chart.js. Animations are off, so the page is complete when this
// script returns, and body[data-charts] says how many charts it drew (the browser test reads it).
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("cisim-data").textContent);
  const root = document.getElementById("report");
  root.textContent = "";
  const colours = { measured: "#c0392b", truth: "#2c3e50", band: "rgba(41, 128, 185, 0.2)", line: "#2980b9", muted: "#95a5a6" };
  const palette = ["#2980b9", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50", "#f39c12", "#7f8c8d", "#e84393", "#6c5ce7", "#00b894"];
  let charts = 0;

  Chart.defaults.animation = false;
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  Chart.defaults.maintainAspectRatio = false;

  // el("p", {class: "note"}, "text", child...): a DOM element.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c);
    return node;
  }
  function section(title, ...children) {
    const s = el("section", {}, el("h2", {}, title), ...children);
    root.append(s);
    return s;
  }
  function unitOf(metric) { return data.metrics[metric].unit; }
  function labelOf(metric) { return data.metrics[metric].label; }
  // Axis ticks in the unit's reading: fractions in %, the rest as numbers with separators.
  function tick(unit) {
    return unit === "fraction" ? (v) => (100 * v).toLocaleString("en-US", { maximumSignificantDigits: 3 }) + "%"
                               : (v) => v.toLocaleString("en-US", { maximumSignificantDigits: 3 });
  }
  function axisTitle(unit) {
    return unit === "fraction" ? "%" : unit;
  }
  function canvasBox(parent, height, label) {
    const canvas = el("canvas", { role: "img", "aria-label": label });
    parent.append(el("div", { class: "chart", style: `height:${height}px` }, canvas));
    return canvas;
  }
  function draw(canvas, config) {
    new Chart(canvas, config);
    charts += 1;
  }

  function settings(run, title) {
    const rows = [
      ["scenario", `${run.name} (${run.path})`],
      ["content hash", run.content_hash],
      ["run id", run.run_id],
      ["seed", run.seed],
      ["replications", String(run.replications)],
      ["horizon, warm-up", `${run.horizon}, ${run.warmup}`],
      ["simulation", run.simulation_summary + (run.drawn_one_by_one ? ` ${run.drawn_one_by_one}` : "")],
      ["measured window", `${run.measured_days.toLocaleString("en-US")} days, ${run.measured_from} to ${run.measured_to}`],
      ["overrides", run.overrides.length ? run.overrides.map((o) => `${o.key}=${o.value}`).join("; ") : "none (the file as written)"],
      ["cisim", run.version],
    ];
    const table = el("table", { class: "settings" });
    for (const [k, v] of rows) table.append(el("tr", {}, el("th", {}, k), el("td", {}, v)));
    return title ? el("div", {}, el("h3", {}, title), table) : table;
  }

  function warnings(list, who) {
    if (!list.length) return;
    const box = el("div", { class: "warnings" }, el("h2", {}, `Warnings${who ? " (" + who + ")" : ""}`));
    const ul = el("ul");
    for (const w of list) ul.append(el("li", {}, w));
    box.append(ul);
    root.append(box);
  }

  function headlineTable(h) {
    const table = el("table", { class: "numbers" });
    table.append(el("tr", {}, el("th", {}, ""), ...h.columns.map((c) => el("th", {}, c))));
    for (const row of h.rows) {
      const name = el("th", { class: row.part ? "part" : "", title: data.metrics[row.metric].description }, row.label);
      table.append(el("tr", {}, name, ...row.cells.map((c) => el("td", {}, c))));
    }
    return table;
  }

  // Measured beside true, per entry, as horizontal floating bars: the 95% CI as a light bar
  // and the mean as a thin dark bar in the same slot (the category axis is stacked, so a
  // dataset pair with one `stack` id shares a slot; the value axis is not, so bars keep
  // their own values).
  function measuredVsTrue(parent, scope, measured, truth) {
    const entries = scope.entries;
    const names = entries.map((e) => e.name);
    const hasTruth = entries.some((e) => e.values[truth]);
    const top = Math.max(...entries.flatMap((e) => [measured, truth].map((m) => (e.values[m] ? e.values[m].high ?? e.values[m].mean : 0))));
    const halfMark = Math.max(top, 1e-9) * 0.004;  // half the thickness of a mean's mark
    const ci = (metric) => entries.map((e) => (e.values[metric] && e.values[metric].low !== null ? [Math.max(0, e.values[metric].low), e.values[metric].high] : null));
    const mean = (metric) => entries.map((e) => (e.values[metric] ? [e.values[metric].mean - halfMark, e.values[metric].mean + halfMark] : null));
    const datasets = [
      { label: `${labelOf(measured)}: 95% CI`, data: ci(measured), backgroundColor: "rgba(192, 57, 43, 0.25)", stack: "measured" },
      { label: `${labelOf(measured)}: mean`, data: mean(measured), backgroundColor: colours.measured, stack: "measured" },
    ];
    if (hasTruth) {
      datasets.push({ label: `${labelOf(truth)}: 95% CI`, data: ci(truth), backgroundColor: "rgba(44, 62, 80, 0.25)", stack: "truth" });
      datasets.push({ label: `${labelOf(truth)}: mean`, data: mean(truth), backgroundColor: colours.truth, stack: "truth" });
    }
    const title = `${hasTruth ? labelOf(measured).replace(", measured", "") + ": measured and true" : labelOf(measured)}, ${scope.title.toLowerCase()}`;
    const pct = tick("fraction");
    draw(canvasBox(parent, 150 + (hasTruth ? 40 : 28) * names.length, title), {
      type: "bar",
      data: { labels: names, datasets },
      options: {
        indexAxis: "y",
        plugins: {
          title: { display: true, text: title },
          tooltip: {
            callbacks: {
              label: (c) => (c.dataset.label.endsWith("mean") ? `${c.dataset.label}: ${pct((c.raw[0] + c.raw[1]) / 2)}`
                                                             : `${c.dataset.label}: ${pct(c.raw[0])} to ${pct(c.raw[1])}`),
            },
          },
        },
        scales: {
          y: { stacked: true },
          x: { stacked: false, beginAtZero: true, ticks: { callback: pct }, title: { display: true, text: "% of shipments" } },
        },
      },
    });
  }

  // A daily series: the mean across replications as a line, its 95% CI as a band.
  function dailyChart(parent, metrics, facility, title) {
    const d = data.daily;
    const series = d.series[facility] || {};
    const datasets = [];
    metrics.forEach((metric, k) => {
      const s = series[metric];
      if (!s) return;
      const colour = k === 0 ? colours.line : colours.measured;
      // Every daily quantity is non-negative: the band stops at 0.
      datasets.push({ label: `${labelOf(metric)}: 95% CI low`, data: s.low.map((v) => (v === null ? null : Math.max(0, v))), borderWidth: 0, pointRadius: 0, fill: false, borderColor: "transparent" });
      datasets.push({ label: `${labelOf(metric)}: 95% CI`, data: s.high, borderWidth: 0, pointRadius: 0, fill: "-1", backgroundColor: k === 0 ? colours.band : "rgba(192, 57, 43, 0.15)", borderColor: "transparent" });
      datasets.push({ label: labelOf(metric), data: s.mean, borderColor: colour, backgroundColor: colour, borderWidth: 1.5, pointRadius: 0, fill: false });
    });
    if (!datasets.length) return;
    const unit = unitOf(metrics[0]);
    const canvas = canvasBox(parent, 240, title);
    draw(canvas, {
      type: "line",
      data: { labels: d.dates, datasets },
      options: {
        interaction: { mode: "index", intersect: false },
        plugins: {
          title: { display: true, text: title },
          legend: { labels: { filter: (item) => !item.text.endsWith("CI low") } },
        },
        scales: {
          x: { ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, ticks: { callback: tick(unit) }, title: { display: true, text: axisTitle(unit) } },
        },
      },
    });
  }

  // One line per facility (means across replications) for an officer metric.
  function byFacilityChart(parent, metric, title) {
    const d = data.daily;
    const datasets = d.facilities.filter((f) => f.id !== "all" && d.series[f.id] && d.series[f.id][metric]).map((f, i) => ({
      label: f.name, data: d.series[f.id][metric].mean, borderColor: palette[i % palette.length],
      backgroundColor: palette[i % palette.length], borderWidth: 1.5, pointRadius: 0, fill: false,
    }));
    if (!datasets.length) return;
    const unit = unitOf(metric);
    draw(canvasBox(parent, 280, title), {
      type: "line",
      data: { labels: d.dates, datasets },
      options: {
        plugins: { title: { display: true, text: title }, legend: { position: "bottom" } },
        scales: {
          x: { ticks: { maxTicksLimit: 12 } },
          y: { beginAtZero: true, ticks: { callback: tick(unit) }, title: { display: true, text: axisTitle(unit) } },
        },
      },
    });
  }

  function howToRead(items) {
    const ul = el("ul");
    for (const t of items) ul.append(el("li", {}, t));
    section("How to read this", ul);
  }

  function header(title, subtitle) {
    root.append(el("h1", {}, title));
    if (subtitle) root.append(el("p", { class: "question" }, subtitle));
  }

  function renderRun() {
    const run = data.run;
    header(run.name, run.question);
    root.append(el("p", {}, run.description));
    section("Settings", settings(run));
    warnings(run.warnings);
    const reps = run.replications;
    section("Headline", el("p", { class: "note" }, reps > 1
      ? `Mean ± 95% confidence-interval half-width over ${reps} replications (Student t). Rates in %, their half-widths in percentage points (pp).`
      : "One replication: values without confidence intervals (they need at least 2)."), headlineTable(data.headline));

    const scopes = section("What inspectors measure, and the truth");
    scopes.append(el("p", { class: "note" }, "Measured: among inspected shipments, what an inspection report shows. True: among all arrivals of that scope, which no inspection shows. Light bars are 95% CIs; dark marks are means. Selection reasons have no true rate: they are defined by the shipments selected."));
    for (const scope of data.scopes) {
      measuredVsTrue(scopes, scope, "discrepancy_rate", "true_discrepancy_prevalence");
      measuredVsTrue(scopes, scope, "counterfeit_rate", "true_counterfeit_prevalence");
    }

    const daily = section("Day by day");
    daily.append(el("p", { class: "note" }, `Per calendar day of the measured window; lines are means over replications, bands their 95% CIs.${data.daily.partial.some((p) => p) ? " Days cut by the warm-up or the horizon are partial days." : ""}`));
    const pick = el("select", { id: "facility" });
    for (const f of data.daily.facilities) pick.append(el("option", { value: f.id }, f.name));
    daily.append(el("label", {}, "Facility: ", pick));
    const box = el("div");
    daily.append(box);
    function drawDaily() {
      for (const c of box.querySelectorAll("canvas")) {
        const chart = Chart.getChart(c);
        if (chart) { chart.destroy(); charts -= 1; }
      }
      box.textContent = "";
      const f = pick.value;
      dailyChart(box, ["arrivals"], f, `${labelOf("arrivals")} (shipments per day)`);
      dailyChart(box, ["inspected", "selected_not_inspected"], f, `${labelOf("inspected")} and ${labelOf("selected_not_inspected").toLowerCase()} (shipments per day)`);
      dailyChart(box, ["discrepancy_rate", "true_discrepancy_prevalence"], f, "Discrepancy rate: measured (blue) and true (red)");
      dailyChart(box, ["counterfeit_rate", "true_counterfeit_prevalence"], f, "Counterfeit rate: measured (blue) and true (red)");
      dailyChart(box, ["wait_hours_mean"], f, `${labelOf("wait_hours_mean")} (h)`);
      document.body.dataset.charts = String(charts);
    }
    pick.addEventListener("change", drawDaily);
    drawDaily();

    const officers = section("Officers by facility");
    byFacilityChart(officers, "officer_utilization", `${labelOf("officer_utilization")} by day`);
    byFacilityChart(officers, "queue_length_mean", `${labelOf("queue_length_mean")} (shipments) by day`);

    howToRead([
      "Measured against true: a blitz or a targeted inspection measures the violation rate of the shipments it chose. Targeted selections find more than the traffic carries; only a random sample measures the traffic. The true rate is what the simulation knows and no inspector sees.",
      "Intervals are 95% confidence intervals of the mean over independent replications (Student t). Two intervals that overlap do not show that two runs are alike: compare runs with cisim compare, which pairs replications.",
      "Rates are shares of shipments; their intervals are in percentage points (pp): 13.90% ± 0.08 pp means 13.82% to 13.98%.",
      "Counts are totals over the measured window, not per day, unless a chart says per day.",
      "Every metric, for every facility, stream, mode, selection reason and blitz, is in summary.csv and summary.json (cisim run --out DIR); each is described in docs/metrics.md.",
    ]);
  }

  // A forest plot: one row per metric, the paired difference's 95% CI as a floating bar
  // (coloured when it excludes 0) and its mean as a thin dark bar in the same slot (the
  // category axis is stacked so both share it); the grid line at 0 is drawn darker.
  function forestChart(parent, rows, value, axisText, title) {
    const lows = rows.map((r) => value(r, r.estimate.low));
    const highs = rows.map((r) => value(r, r.estimate.high));
    const span = Math.max(...highs.map(Math.abs), ...lows.map(Math.abs), 1e-9);
    const halfMark = span * 0.004;
    const means = rows.map((r) => value(r, r.estimate.mean));
    const colour = rows.map((r) => (r.significant ? (r.estimate.mean > 0 ? "rgba(39, 174, 96, 0.55)" : "rgba(192, 57, 43, 0.55)") : "rgba(149, 165, 166, 0.45)"));
    draw(canvasBox(parent, 110 + 28 * rows.length, title), {
      type: "bar",
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          { label: "95% CI of the paired difference (coloured: excludes 0)", data: rows.map((r, i) => [lows[i], highs[i]]), backgroundColor: colour, stack: "d" },
          { label: "mean difference", data: means.map((m) => [m - halfMark, m + halfMark]), backgroundColor: "#2c3e50", stack: "d" },
        ],
      },
      options: {
        indexAxis: "y",
        plugins: {
          title: { display: true, text: title },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${rows[c.dataIndex].difference}` } },
        },
        scales: {
          y: { stacked: true },
          x: {
            stacked: false,
            grid: { color: (c) => (c.tick && c.tick.value === 0 ? "#555" : "rgba(0, 0, 0, 0.08)"), lineWidth: (c) => (c.tick && c.tick.value === 0 ? 2 : 1) },
            ticks: { callback: (v) => `${v > 0 ? "+" : ""}${v.toLocaleString("en-US", { maximumSignificantDigits: 3 })}${axisText}` },
            title: { display: true, text: axisText === " pp" ? "percentage points" : "% of the base mean" },
          },
        },
      },
    });
  }

  // Rates in percentage points; other headline metrics relative to the base mean, except those
  // whose base is too near 0 for a ratio to mean anything (they stay in the table).
  function forest(parent, rows) {
    const withInterval = rows.filter((r) => r.headline && r.estimate.low !== null);
    const rates = withInterval.filter((r) => data.metrics[r.metric].unit === "fraction");
    if (rates.length) forestChart(parent, rates, (r, v) => 100 * v, " pp", "Paired differences of rates (alt − base), percentage points, 95% CI");
    const relative = (r, v) => (100 * v) / Math.abs(r.base_mean);
    const others = withInterval.filter((r) => data.metrics[r.metric].unit !== "fraction" && r.base_mean !== 0);
    const shown = others.filter((r) => Math.abs(relative(r, r.estimate.low)) <= 1000 && Math.abs(relative(r, r.estimate.high)) <= 1000);
    if (shown.length) forestChart(parent, shown, relative, "%", "Paired differences of counts, amounts and times (alt − base), % of the base mean, 95% CI");
    const off = others.filter((r) => !shown.includes(r)).concat(withInterval.filter((r) => data.metrics[r.metric].unit !== "fraction" && r.base_mean === 0));
    if (off.length) {
      parent.append(el("p", { class: "note" }, `Not plotted, their base being too near 0 for a ratio (see the table): ${off.map((r) => r.label).join("; ")}.`));
    }
  }

  function renderCompare() {
    const base = data.base;
    const alt = data.alt;
    header(`${base.name} against ${alt.name}`, alt.question || base.question);
    const both = el("div", { class: "sides" }, settings(base, "Base"), settings(alt, "Alternative"));
    section("Settings", el("p", { class: "note" }, `Both runs use seed ${base.seed} and ${base.replications} replications: replication r of each draws from the same named random streams (common random numbers), so differences are paired.`), both);
    warnings(base.warnings, "base");
    warnings(alt.warnings, "alternative");
    const diffs = section("Paired differences");
    forest(diffs, data.differences);
    const table = el("table", { class: "numbers" });
    table.append(el("tr", {}, ...["", "base", "alternative", "difference (alt − base), 95% CI", "unpaired ±"].map((h) => el("th", {}, h))));
    for (const r of data.differences) {
      const mark = r.significant ? el("strong", {}, r.difference + " *") : r.difference;
      const part = /^[a-z]/.test(r.label);
      table.append(el("tr", { class: r.significant ? "significant" : "" }, el("th", { class: part ? "part" : "", title: data.metrics[r.metric].description }, r.label),
        el("td", {}, r.base), el("td", {}, r.alt), el("td", {}, mark), el("td", {}, r.unpaired)));
    }
    diffs.append(el("p", { class: "note" }, "* the paired 95% interval excludes 0. Differences of rates are in percentage points (pp). Metrics zero in both runs are left out."), table);
    howToRead([
      "Paired: replication r of both runs used the same random numbers, so the difference of each pair removes the noise both share. Its interval is usually much narrower than the unpaired one (last column), which is what two independent runs would give.",
      "Many comparisons: with dozens of metrics, about one in twenty intervals excludes 0 by chance at 95%. Decide beforehand which metrics answer your question; treat the rest as leads.",
      "Measured rates are among inspected shipments; true rates among all arrivals. A policy can change what is measured without changing the truth, and the reverse.",
      "The forest plot shows headline metrics relative to the base mean; the table has every whole-run metric in its own unit.",
    ]);
  }

  if (data.kind === "compare") renderCompare();
  else renderRun();
  document.body.dataset.charts = String(charts);
  document.body.dataset.ready = "true";
})();
