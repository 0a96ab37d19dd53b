"""``python -m dashboard``: serve the counselor dashboard until Ctrl-C / SIGTERM."""

from __future__ import annotations

import sys

from dashboard.app import serve

if __name__ == "__main__":  # pragma: no cover
    sys.exit(serve())
