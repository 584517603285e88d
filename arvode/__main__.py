"""``python -m arvode`` is the ``arvode`` command."""

import sys

from .cli import main

sys.exit(main())
