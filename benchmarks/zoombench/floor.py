# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The floor: the least any client can do to list the numbers.

One ``requests.Session``, one token, then every page of ``GET /phone/numbers`` in turn at the
given page size, each body parsed and its records kept, and nothing else: no retries, no
checks, no pacing. Prints ``{"count": records, "pages": pages}`` as JSON.

Usage: ``python floor.py`` with the ZOOM_* environment variables set, and optionally
``BENCH_PAGE_SIZE`` and ``BENCH_FILTERS`` (a JSON object of query parameters).
"""

from __future__ import annotations

import json
import os
import sys

import requests


def main():
    api_url = os.environ["ZOOM_API_URL"]
    session = requests.Session()
    answer = session.post(os.environ["ZOOM_OAUTH_URL"],
                          params={"grant_type": "account_credentials", "account_id": os.environ["ZOOM_ACCOUNT_ID"]},
                          auth=(os.environ["ZOOM_CLIENT_ID"], os.environ["ZOOM_CLIENT_SECRET"]))
    answer.raise_for_status()
    session.headers["Authorization"] = "Bearer " + answer.json()["access_token"]
    params = dict(json.loads(os.environ.get("BENCH_FILTERS") or "{}"))
    # The query the collection sends: it always says whether pending numbers are wanted.
    params.setdefault("pending_numbers", "true")
    params["page_size"] = int(os.environ.get("BENCH_PAGE_SIZE") or 100)
    records, pages = [], 0
    while True:
        answer = session.get(api_url + "/phone/numbers", params=params)
        answer.raise_for_status()
        body = json.loads(answer.content)
        pages += 1
        records.extend(body.get("phone_numbers") or [])
        token = body.get("next_page_token")
        if not token:
            break
        params["next_page_token"] = token
    json.dump({"count": len(records), "pages": pages}, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
