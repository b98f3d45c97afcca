"""Scale-out: the flow on a Dask LocalCluster (two workers) writes the same records as threads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import article, snapshot

pytest.importorskip("prefect_dask")
distributed = pytest.importorskip("distributed")


@pytest.mark.slow
@pytest.mark.usefixtures("prefect_harness")
def test_dask_equals_threads(raw_dir: Path, tmp_path: Path) -> None:
    from flows.flow import make_flow

    for i in range(6):
        (raw_dir / f"a{i}.txt").write_text(article(i), encoding="utf-8")
    (raw_dir / "seed.txt").write_bytes((Path(__file__).resolve().parents[2] / "raw" / "cnn-aleppo-2016-12-14.txt").read_bytes())
    out_threads, out_dask = tmp_path / "threads", tmp_path / "dask"
    make_flow("threads")(raw=str(raw_dir), out=str(out_threads), batch_size=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = make_flow("dask", cluster.scheduler_address)(raw=str(raw_dir), out=str(out_dask), batch_size=2)
    assert result["processed"] == 7
    assert snapshot(out_dask) == snapshot(out_threads)
