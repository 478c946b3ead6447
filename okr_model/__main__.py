"""`python -m okr_model`: see `okr_model.cli`."""

import sys

from okr_model.cli import main

sys.exit(main())
