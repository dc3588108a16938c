"""The benchmark machinery still runs: ``bench/run_all.py --quick`` on tiny sizes.

Speed is not asserted here (that is what ``make bench`` reports); this checks that every
benchmark starts, talks to the real server and store, and prints the figures BENCHMARKS.md
and the plot read, so the scripts cannot rot between benchmark runs.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_quick_run_prints_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    cmd = [sys.executable, str(ROOT / "bench" / "run_all.py"), "--quick", "--out", str(out)]
    skip = []
    pg = os.environ.get("TANGGAP_TEST_PG_URL")
    if pg:
        cmd += ["--pg-url", pg]
    else:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must provide TANGGAP_TEST_PG_URL")
        skip.append("server_load")
    if importlib.util.find_spec("sklearn") is None:
        # The similar-complaints bench compares with scikit-learn's TF-IDF, a bench extra
        # (`make bench` installs it); the test command installs the server and dev extras only.
        skip.append("similar")
    if skip:
        cmd += ["--skip", ",".join(skip)]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=230)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]

    report = json.loads(out.read_text())
    assert report["failures"] == {}
    results = report["results"]
    expected = {"initial_sync", "incremental_sync", "queue", "sla", "reports"} | (
        {"server_load"} if pg else set()
    )
    assert expected <= set(results)

    sync = results["initial_sync"]["sizes"]["200"]["backends"]["sqlite"]
    assert sync["complete"] and sync["local_tickets"] == 200 == sync["floor_tickets"]
    assert sync["sync_s"] > 0 and sync["floor_s"] > 0 and sync["client_peak_rss_mb"] > 0

    incremental = results["incremental_sync"]["backends"]["sqlite"]
    assert incremental["n"] == 2 and incremental["problems"] == []

    queue = results["queue"]["sizes"]["200"]
    for figure in ("first_page", "jump", "filter", "search", "model_first_page"):
        assert queue[figure]["median_ms"] > 0, figure
    assert queue["rss_mb"] > 0

    if pg:
        load = results["server_load"]
        assert load["requests"] > 0 and load["error_count"] == 0
        assert load["exactly_once"]["exactly_once"], load["exactly_once"]

    for name in expected:
        for t in results[name]["targets"]:
            assert {"name", "value", "limit", "unit", "met"} <= set(t), (name, t)
