"""The pure stages: text in, typed spans out. No IO, no Prefect, no pyarrow.

``decode`` bytes -> text, ``clean`` boilerplate, ``segment`` sentences, ``quotes`` (mark pairing,
direct, indirect, mixed, orphans; lexicons beside them), ``speakers``, ``events`` with ``timex``,
``pipeline`` running them in order, ``model`` the data types they share.
"""
