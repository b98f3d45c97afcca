"""quotewire: news articles in, a validated dataset of quotations, speakers and dated events out.

The library: ``quotewire.extract`` (the pure stages), ``quotewire.dataset`` (schemas, records,
IO), ``quotewire.cli``; the Prefect layer is the ``flows`` package beside it. Public API::

    import quotewire
    ex = quotewire.extract(text, published="2016-12-14")   # records of one article
    quotewire.read_table("output", "quotes").to_pandas()    # an output folder read back
"""

import os

# Arrow's default pool (mimalloc) keeps freed memory in per-thread heaps for reuse: over hundreds
# of part writes and the report's scans of every part, resident memory grew with the corpus while
# Arrow itself held almost nothing. ``pa.set_memory_pool`` alone only covers allocations pyarrow
# makes on Python's behalf; Arrow C++ internals (Parquet reader and writer, dataset scanner,
# compute kernels) ask for the process default, which is chosen from this variable when the
# library loads. So it is set here, before any module of the package imports pyarrow. Measured
# rendering the report of a 30,000-article dataset: +170 MiB of peak RSS with mimalloc, +85 MiB
# with the system allocator. A user's own setting is respected.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

# Imported after the subpackage ``quotewire.extract`` has loaded (api imports it), so the name
# ``quotewire.extract`` is the function; the stages stay importable as ``quotewire.extract.<stage>``.
from quotewire.api import Extraction, NotAnArticle, extract, read_table, tables
from quotewire.version import __version__

__all__ = ["Extraction", "NotAnArticle", "__version__", "extract", "read_table", "tables"]
