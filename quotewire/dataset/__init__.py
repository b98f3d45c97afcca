"""The dataset layer: schemas -> Arrow, records and ids, validation, manifest and plan, reading
inputs and writing outputs (``io`` is the one module that touches the output folder), corpus
tables, data dictionary, report and query. Imports ``quotewire.extract``, never Prefect.
"""
