# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""What each fired fault does to the answer: replacement replies and damaged bodies."""

import math

from .faults import FaultRule
from .ratelimit import daily_error, qps_error
from .reply import Reply, html_reply, json_reply

_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout"}
_MESSAGES = {
    500: "Internal server error. Please try again later.",
    502: "Bad gateway. Please try again later.",
    503: "The service is temporarily unavailable. Please try again later.",
    504: "The request timed out. Please try again later.",
}
_LIST_FIELDS = ("phone_numbers", "numbers", "sites")
# Zoom's MEDIUM limit on a Pro account, sent when a 429 is injected without a configured limit.
_DEFAULT_QPS = 10
_DEFAULT_DAILY = 2000


def _proxy_page(status: int) -> str:
    """An error page like the ones load balancers send in front of an API."""
    title = f"{status} {_REASONS[status]}"
    return (
        f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n"
        f"<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
    )


def replacement(rule: FaultRule, settings, category: str, api_name: str, now: float, day_count: int) -> Reply:
    """The reply a response-kind fault sends instead of the real one.

    An injected 429 looks like the simulator's own: its headers follow the rate-limit
    settings, except that a rule's own ``retry_after`` (429) or date (429_date) always wins.
    """
    kind = rule.kind
    if kind == "reset":
        return Reply(reset=True)
    qps_limit = settings.rate_limit or _DEFAULT_QPS
    if kind == "429":
        retry = rule.params["retry_after"]
        style = "seconds" if retry else None
        return qps_error(settings, category, qps_limit, retry or 1, now, day_count, style).to_reply()
    if kind == "429_date":
        # HTTP dates have one-second resolution: count from the next whole second so the wait
        # is never shorter than asked.
        retry = rule.params["retry_after"] or 2
        return qps_error(settings, category, qps_limit, retry, math.ceil(now), day_count, "date").to_reply()
    if kind == "daily_limit":
        return daily_error(settings, category, settings.daily_limit or _DEFAULT_DAILY, api_name, now, day_count).to_reply()
    status = int(kind)
    if rule.params["body"] == "html":
        return html_reply(status, _proxy_page(status))
    return json_reply(status, {"code": status, "message": _MESSAGES[status]})


def damage_payload(rule: FaultRule, reply: Reply) -> None:
    """Apply a payload fault (missing_id, phone_numbers_not_list, total_records_not_int)."""
    payload = reply.payload
    if reply.status != 200 or not isinstance(payload, dict):
        return
    field = next((name for name in _LIST_FIELDS if name in payload), None)
    if rule.kind == "missing_id" and field and payload[field]:
        items = list(payload[field])
        middle = len(items) // 2
        items[middle] = {key: value for key, value in items[middle].items() if key != "id"}
        payload[field] = items
    elif rule.kind == "phone_numbers_not_list" and field:
        payload[field] = {str(index): item for index, item in enumerate(payload[field])}
    elif rule.kind == "total_records_not_int" and "total_records" in payload:
        payload["total_records"] = "many"


def damage_bytes(rule: FaultRule, reply: Reply) -> None:
    """Apply a wire fault (truncated, empty_body) to a successful answer."""
    if reply.status != 200 or reply.reset:
        return
    if rule.kind == "empty_body":
        reply.raw = b""
    elif rule.kind == "truncated":
        body = reply.encode()
        reply.raw = body[:len(body) // 2]
