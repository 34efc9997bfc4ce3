#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Loads cisim HTML reports in headless Chromium and checks them as a reader's browser would.

    browser_check.py OUT_DIR REPORT.html [REPORT.html...]

For each report, through the Chrome DevTools Protocol (Debian's python3-websocket):
- no console error, no uncaught exception, and no network request but the file itself (the
  report must open without a network);
- the page finished (body[data-ready]) and drew charts (body[data-charts] > 0), and every
  canvas has drawn pixels (not blank);
- on a run report, choosing another facility redraws the daily charts without an error;
- a full-page screenshot is kept as OUT_DIR/<report name>.png.
Exit 0 when every report passes, 1 otherwise (each failure is printed), 2 on bad usage or
when Chromium cannot be started (the reason is printed: this test never skips).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # Debian: python3-websocket

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--hide-scrollbars", "--remote-debugging-port=0",
]


class DevTools:
    """A minimal CDP client: numbered commands, events kept until read."""

    def __init__(self, url):
        self.ws = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def wait_for(self, event, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == event:
                    return self.events.pop(i)
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                message = json.loads(self.ws.recv())
            except websocket.WebSocketTimeoutException:
                break
            if "method" in message:
                self.events.append(message)
        raise RuntimeError(f"timed out after {timeout} s waiting for {event}")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating {expression[:60]}...: {result['exceptionDetails']}")
        return result["result"].get("value")


def start_chromium(profile):
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if not binary:
        print("browser_check: chromium not found: install Debian's chromium (tools/deps.sh browser group)")
        sys.exit(2)
    process = subprocess.Popen([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.time() + 60
    while time.time() < deadline:
        if os.path.exists(port_file):
            with open(port_file) as f:
                lines = f.read().split()
            if lines:
                return process, int(lines[0])
        if process.poll() is not None:
            print("browser_check: chromium exited at start:", process.stderr.read().decode(errors="replace")[-2000:])
            sys.exit(2)
        time.sleep(0.1)
    process.kill()
    print("browser_check: chromium did not open its DevTools port within 60 s")
    sys.exit(2)


CANVAS_CHECK = """
(() => Array.from(document.querySelectorAll('canvas')).map((c) => {
  // Read a copy, so the check neither touches the chart's canvas nor makes the browser warn.
  const copy = document.createElement('canvas');
  copy.width = c.width;
  copy.height = c.height;
  const context = copy.getContext('2d', {willReadFrequently: true});
  context.drawImage(c, 0, 0);
  const data = context.getImageData(0, 0, c.width, c.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) drawn++;
  return {label: c.getAttribute('aria-label'), width: c.width, height: c.height, drawn};
}))()
"""


def check_report(port, path, out_dir):
    failures = []
    # A new tab per report (recent Chromium wants PUT for /json/new).
    request = urllib.request.Request(f"http://127.0.0.1:{port}/json/new?about:blank", method="PUT")
    page = json.loads(urllib.request.urlopen(request, timeout=30).read())
    tools = DevTools(page["webSocketDebuggerUrl"])
    for domain in ("Page", "Runtime", "Log", "Network"):
        tools.call(f"{domain}.enable")
    tools.call("Emulation.setDeviceMetricsOverride", width=1200, height=900, deviceScaleFactor=1, mobile=False)
    url = "file://" + os.path.abspath(path)
    tools.call("Page.navigate", url=url)
    tools.wait_for("Page.loadEventFired")
    ready = tools.evaluate("document.body.dataset.ready === 'true'")
    charts = int(tools.evaluate("Number(document.body.dataset.charts || 0)"))
    if not ready:
        failures.append("the page script did not finish (body[data-ready] is not set)")
    if charts == 0:
        failures.append("no chart was drawn")
    canvases = tools.evaluate(CANVAS_CHECK)
    if len(canvases) != charts:
        failures.append(f"{len(canvases)} canvases on the page but {charts} charts reported")
    for c in canvases:
        # A drawn chart has axes, labels and data: thousands of painted pixels. A blank one has none.
        if c["drawn"] < 2000:
            failures.append(f"chart '{c['label']}' looks blank ({c['drawn']} painted pixels of {c['width']}x{c['height']})")
    if tools.evaluate("!!document.getElementById('facility')"):
        # A reader picks another facility: the daily charts are drawn again, still not blank.
        tools.evaluate("""(() => { const s = document.getElementById('facility');
                         s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change')); })()""")
        after = tools.evaluate(CANVAS_CHECK)
        blank = [c["label"] for c in after if c["drawn"] < 2000]
        if len(after) != len(canvases) or blank:
            failures.append(f"after choosing another facility: {len(after)} charts (was {len(canvases)}), blank: {blank}")
        tools.evaluate("""(() => { const s = document.getElementById('facility');
                         s.selectedIndex = 0; s.dispatchEvent(new Event('change')); })()""")
    # Full-page screenshot.
    height = int(tools.evaluate("Math.ceil(document.documentElement.scrollHeight)"))
    tools.call("Emulation.setDeviceMetricsOverride", width=1200, height=min(height, 16000), deviceScaleFactor=1, mobile=False)
    time.sleep(0.3)
    shot = tools.call("Page.captureScreenshot", format="png")
    name = os.path.splitext(os.path.basename(path))[0] + ".png"
    with open(os.path.join(out_dir, name), "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    # Everything the page said or asked for, start to end.
    time.sleep(0.2)
    try:
        tools.evaluate("0")  # drains pending events
    except RuntimeError:
        pass
    for e in tools.events:
        method, params = e["method"], e.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            failures.append(f"uncaught exception: {d.get('exception', {}).get('description', d.get('text'))}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            failures.append(f"console {params['type']}: {text}")
        elif method == "Log.entryAdded" and params["entry"]["level"] in ("error", "warning"):
            failures.append(f"browser log {params['entry']['level']}: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if requested != url and not requested.startswith("data:"):
                failures.append(f"network request (the report must be self-contained): {requested}")
    tools.ws.close()
    return charts, failures


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(2)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    profile = tempfile.mkdtemp(prefix="cisim-chromium-")
    process, port = start_chromium(profile)
    failed = 0
    try:
        for path in sys.argv[2:]:
            try:
                charts, failures = check_report(port, path, out_dir)
            except Exception as e:  # a protocol or page failure is a test failure, with its reason
                charts, failures = 0, [f"{type(e).__name__}: {e}"]
            if failures:
                failed += 1
                print(f"FAIL  {path}")
                for f in failures:
                    print(f"      {f}")
            else:
                print(f"ok    {path}: {charts} charts drawn, no console error, no network request; screenshot in {out_dir}")
    finally:
        process.kill()
        process.wait()
        shutil.rmtree(profile, ignore_errors=True)
    print(f"{len(sys.argv) - 2 - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
