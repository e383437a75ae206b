#!/usr/bin/env python3
"""Exit 0 when the web process answers /healthz with 200; used by container healthchecks.

    python scripts/healthcheck.py http://127.0.0.1:8000/healthz

The request carries the first ALLOWED_HOSTS entry as its Host header and says it came
over https (X-Forwarded-Proto), as the TLS proxy in front would; otherwise Django would
reject the host or redirect the check to https.
"""

import os
import sys
import urllib.error
import urllib.request


def main(url: str) -> int:
    host = os.environ.get("ALLOWED_HOSTS", "localhost").split(",")[0].strip() or "localhost"
    request = urllib.request.Request(  # noqa: S310 (a fixed http URL given by the caller)
        url, headers={"Host": host, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"healthcheck: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000/healthz"))
