"""Shared fixtures: one Prefect test harness per session, small article corpora in tmp folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before Prefect is imported anywhere: a private home, no telemetry.
_HOME = tempfile.mkdtemp(prefix="quotewire-prefect-")
os.environ["PREFECT_HOME"] = _HOME
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "raw" / "cnn-aleppo-2016-12-14.txt"


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (its start-up costs seconds)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    d = tmp_path / "raw"
    d.mkdir()
    return d


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    return tmp_path / "output"


@pytest.fixture
def seed_raw(raw_dir: Path) -> Path:
    """A raw folder holding the seed article and its sidecar."""
    shutil.copy(SEED, raw_dir / SEED.name)
    shutil.copy(SEED.with_name(SEED.stem + ".meta.json"), raw_dir / (SEED.stem + ".meta.json"))
    return raw_dir


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shutil.rmtree(_HOME, ignore_errors=True)
