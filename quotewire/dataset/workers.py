"""Worker processes for the batches: a plain process pool whose workers never import Prefect.

Why not Prefect's ``ProcessPoolTaskRunner``: each of its workers imports Prefect and runs the
task engine with its own API client (about 4.7 CPU-seconds to start and 100 MiB resident a
worker, measured), and the pool lives as long as the flow, so the workers were still resident
while the parent committed and wrote the report. Here Prefect's threads in the flow's process
record the task runs (one per batch, as before) and hand the work to these lean workers; the
pool is closed as soon as the last batch is in, before the commit.

Only the standard library is imported at the top: ``flows.server`` and the command line import
``die_with_parent`` from here before anything heavy, and a spawned worker imports the batch code
when it runs its first batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import multiprocessing
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from quotewire.dataset.batch import BatchResult

# prctl(2) option: the signal the kernel sends this process when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In a child: ask the kernel for SIGTERM when the parent dies (Linux only).

    A ``kill -9`` of the command line runs none of its clean-up, and a server or worker it
    started would live on. The death signal survives ``exec`` and needs no cooperation from the
    dead parent. Elsewhere this is a no-op (the normal paths stop children; only a hard kill
    leaks them).
    """
    if sys.platform != "linux":
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def worker_init() -> None:
    """In a worker: leave Ctrl-C to the command line, die with it on ``kill -9``, no pandas.

    A terminal's Ctrl-C reaches the whole foreground process group: workers that took it died
    mid-batch with tracebacks, and the broken pool hung the shutdown. The parent stops the pool
    itself, after the batches in progress (a second or two). A hard kill of the parent runs no
    clean-up: without the death signal the workers lived on as orphans.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    skip_pandas()


def skip_pandas() -> None:
    """Keep pyarrow from importing pandas in a process whose code is all ours (it never uses it).

    Converting a Python list (``pa.array``: every Parquet part a worker writes, the manifest the
    command line writes) makes pyarrow import pandas, twice over: its pandas shim asks whether
    the list is a pandas object, and its C++ converter looks up pandas' NA and Timestamp types.
    That is 47 MiB resident (measured) in every worker and in the command line, for nothing:
    quotewire hands pyarrow plain lists of str, int, float, bool and None, which convert the
    same without pandas. So here ``import pandas`` fails for good: the shim remembers "no
    pandas", and the converter's own attempt (made again at each conversion) fails at once.

    Only for the workers and ``quotewire run``/``serve``/``watch``, never on import of the
    library: a user's ``pa.array(series)`` or ``to_pandas()`` in a notebook must keep working.
    Nothing is done when pandas is already loaded.
    """
    if "pandas" in sys.modules or any(isinstance(f, _NoPandas) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _NoPandas())


class _NoPandas:
    """An import finder that fails ``pandas`` and its submodules (``sys.modules["pandas"] =
    None`` would not: Cython's import returns the None instead of raising)."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not loaded in quotewire's pipeline processes (skip_pandas)", name=name)
        return None


def release_memory() -> None:
    """Hand freed heap memory back to the OS (glibc only; a no-op elsewhere).

    glibc keeps freed memory in its arenas (one per thread that allocated: the task runner's
    workers, Arrow's IO threads), so after a batch's records and Arrow buffers are freed the
    resident size stays at its high-water mark and creeps up with fragmentation over hundreds of
    batches. ``malloc_trim(0)`` returns the free pages of every arena; it costs ~1 ms.
    """
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    if sys.platform != "linux":
        return None
    try:
        libc = ctypes.CDLL(None)
        return cast(Callable[[int], int], libc.malloc_trim)
    except (OSError, AttributeError):  # musl and other libcs have no malloc_trim
        return None


def run_batch(args: tuple[Any, ...]) -> BatchResult:
    """One batch in a worker: ``BatchArgs`` (raw, out, run_id, part, units, options, text_field).

    The worker writes the batch's part files itself (only the small ``BatchResult`` travels
    back) and then trims its heap: a batch's records are its largest allocation.
    """
    from quotewire.dataset.batch import process_batch

    raw, out, run_id, part, units, options, text_field = args
    try:
        return process_batch(Path(raw), Path(out), run_id, part, units, options, text_field)
    finally:
        release_memory()


@contextlib.contextmanager
def process_pool(workers: int, initializer: Callable[[], None] = worker_init) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``workers`` spawned processes, shut down (after the batches in progress, the
    queued ones cancelled) when the block exits, whatever the reason.

    Spawned, not forked: the parent runs Prefect's threads and an event loop, which a fork
    copies in an undefined state; a spawned worker imports only what a batch needs.
    """
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=initializer)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
