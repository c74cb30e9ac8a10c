# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The stored form of one phone number and the vocabularies both endpoints share."""

# Every assignee type of the /phone/numbers spec enum, in enum order.
ASSIGNEE_TYPES = (
    "user", "callQueue", "autoReceptionist", "commonArea",
    "emergencyNumberPool", "companyLocation", "meetingService", "sharedLineGroup",
)

# The spec says these appear only in answers to type=byoc requests.
BYOC_KEYS = frozenset((
    "carrier", "sip_group", "emergency_address", "emergency_address_status", "emergency_address_update_time",
))


class NumberRecord:
    """One number: ``data`` is the /phone/numbers object with every BYOC field it has.

    ``nm_source`` and ``allocated_product`` exist only in the Number Management shape and
    cannot be derived from ``data`` alone, so they are stored next to it. ``phone_listed``
    is False for numbers of the account that are not Zoom Phone's (Contact Center or not
    allocated to a product): Number Management lists them, /phone/numbers never does.
    """

    __slots__ = ("data", "nm_source", "allocated_product", "phone_listed")

    def __init__(self, data: dict, nm_source: str, allocated_product: str, phone_listed: bool = True):
        self.data = data
        self.nm_source = nm_source
        self.allocated_product = allocated_product
        self.phone_listed = phone_listed

    @property
    def ident(self) -> str:
        """The number's id."""
        return self.data["id"]

    def changed(self, data: dict, allocated_product: str = None) -> "NumberRecord":
        """A copy with new ``data`` (and product, if given) that stays on or off /phone/numbers."""
        return NumberRecord(data, self.nm_source, allocated_product or self.allocated_product, self.phone_listed)
