"""``python -m tanggap``: the same program as the ``tanggap`` console script."""

import sys

from tanggap.app import main

sys.exit(main())
