"""Domain errors: programmer and configuration faults (bad input never raises; it is quarantined).

The CLI translates these into clear one-line messages and a non-zero exit.
"""

from __future__ import annotations


class QuotewireError(Exception):
    """Base class of quotewire's own errors."""


class SchemaError(QuotewireError):
    """A schema file is missing, unreadable, or uses a construct the Arrow mapping lacks."""


class ConfigError(QuotewireError):
    """A configuration value or CLI option is invalid."""


class OutputLocked(QuotewireError):
    """Another run holds the output folder's lock."""


class RunFailed(QuotewireError):
    """The run could not proceed (or the quarantined share exceeded the configured limit)."""


class DamagedOutput(QuotewireError):
    """A file of the output folder (manifest, part) is missing, truncated or unreadable."""


class OutputFailed(RunFailed):
    """The output folder cannot be written (disk full, read-only, no permission); the previous dataset is intact.

    A ``RunFailed`` for callers that catch that, but its own exit code at the CLI: a disk to fix
    is not a quarantine limit to review.
    """


class Terminated(KeyboardInterrupt):
    """The process was asked to stop (SIGTERM); handled like Ctrl-C, with exit status 143.

    A ``KeyboardInterrupt`` so that every clean-up path written for Ctrl-C (the flow's, the
    task runners', the local Prefect server's) runs for it too.
    """
