"""The Prefect layer of quotewire: the flow and its tasks (``flow``), serve and watch (``serve``),
the one Prefect API of a run (``server``).

The only package that imports Prefect; it holds no extraction or dataset logic, only wiring.
"""
