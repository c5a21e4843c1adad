#!/usr/bin/python3
# Locust, as /usr/bin/locust starts it, with one repair: Debian's python3-locust 2.12.1 ships an
# empty version string, and a master refuses every worker that announces an empty version as
# "an old (pre 2.0) worker". Master and workers here announce the same non-empty one.
import importlib.metadata
import sys

import locust
import locust.runners
from locust.main import main

if not locust.runners.__version__:
    locust.runners.__version__ = importlib.metadata.version("locust") or "debian"

if __name__ == "__main__":
    sys.exit(main())
