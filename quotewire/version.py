"""The pipeline version: recorded with every input in the manifest; a new one reprocesses everything."""

__version__ = "0.6.0"
