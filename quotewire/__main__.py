"""``python -m quotewire`` is ``quotewire``."""

import sys

from quotewire.cli import main

sys.exit(main())
