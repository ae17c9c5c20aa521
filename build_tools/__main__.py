"""``python -m build_tools``: the ``argmap`` command."""

import sys

from .cli import main

sys.exit(main())
