"""`python -m assistant` runs the innkjop CLI."""

import sys

from assistant.cli import main

sys.exit(main())
