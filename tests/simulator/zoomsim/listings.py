# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
from __future__ import annotations

"""The three list endpoints (phone numbers, sites, Number Management numbers) and their truth."""

from .dataset import Dataset
from .errors import NM_PAGE_TOKEN_MESSAGE, PAGE_TOKEN_MESSAGE, zoom_error
from .filters import first, nm_filter, page_size, phone_filter, sites_filter
from .paging import InvalidPageToken, PageTokenCodec, paginate, start_offset
from .reply import Reply, json_reply
from .settings import Settings
from .shapes import nm_item, phone_item, site_item

ENDPOINTS = ("phone", "number_management", "sites")
# The answer to a bad or expired page token; Number Management has its own code and wording.
_TOKEN_ERRORS = {
    "phone": (300, PAGE_TOKEN_MESSAGE),
    "sites": (300, PAGE_TOKEN_MESSAGE),
    "number_management": (1003100, NM_PAGE_TOKEN_MESSAGE),
}


class Listings:
    """Answers list requests from the dataset, paging with opaque tokens."""

    def __init__(self, dataset: Dataset, settings: Settings, codec: PageTokenCodec):
        self.dataset = dataset
        self.settings = settings
        self.codec = codec

    def _offset(self, params: dict, spec, size: int, expire: bool) -> int:
        """Where the requested page starts: 0 without a token, else what the token says."""
        token = first(params, "next_page_token")
        if token is None:
            return 0
        try:
            if expire:
                raise InvalidPageToken("expired by a fault")
            token_offset, token_size = self.codec.decode(token, spec.key, self.settings.page_token_ttl)
        except InvalidPageToken:
            raise zoom_error(400, *_TOKEN_ERRORS[spec.key[0]]) from None
        return start_offset(token_offset, token_size, size)

    def _phone_spec(self, params: dict):
        """Filter set of a /phone/numbers request and whether BYOC fields are shown."""
        spec = phone_filter(params, self.settings.pending_default)
        return spec, spec.with_byoc or self.settings.byoc_fields == "always"

    def _nm_spec(self, params: dict):
        """Filter set of a /number_management/numbers request."""
        return nm_filter(params, self.dataset.site_exists, self.settings.keyword_plus)

    def phone_numbers(self, params: dict, expire: bool = False) -> Reply:
        """GET /phone/numbers."""
        size = page_size(params, 100, 300)
        spec, with_byoc = self._phone_spec(params)
        items = self.dataset.select(spec.key, spec.predicate)
        offset = self._offset(params, spec, size, expire)
        page, token = paginate(items, size, offset, spec.key, self.codec)
        return json_reply(200, {
            "next_page_token": token,
            "page_size": size,
            "total_records": len(items),
            "phone_numbers": [phone_item(record, with_byoc) for record in page],
        })

    def sites(self, params: dict, expire: bool = False) -> Reply:
        """GET /phone/sites."""
        size = page_size(params, 300, 300)
        spec = sites_filter(params)
        items = [site for site in self.dataset.sites if spec.predicate(site)]
        offset = self._offset(params, spec, size, expire)
        page, token = paginate(items, size, offset, spec.key, self.codec)
        return json_reply(200, {
            "next_page_token": token,
            "page_size": size,
            "total_records": len(items),
            "sites": [site_item(site) for site in page],
        })

    def number_management(self, params: dict, expire: bool = False) -> Reply:
        """GET /number_management/numbers (no total_records in this API)."""
        size = page_size(params, 200, 999)
        spec = self._nm_spec(params)
        items = self.dataset.select(spec.key, spec.predicate)
        offset = self._offset(params, spec, size, expire)
        page, token = paginate(items, size, offset, spec.key, self.codec)
        return json_reply(200, {
            "next_page_token": token,
            "page_size": size,
            "numbers": [nm_item(record) for record in page],
        })

    def truth(self, endpoint: str, params: dict) -> list:
        """Every record a complete listing with these filters returns, in order."""
        if endpoint == "phone":
            spec, with_byoc = self._phone_spec(params)
            return [phone_item(record, with_byoc) for record in self.dataset.select(spec.key, spec.predicate)]
        if endpoint == "number_management":
            spec = self._nm_spec(params)
            return [nm_item(record) for record in self.dataset.select(spec.key, spec.predicate)]
        if endpoint == "sites":
            spec = sites_filter(params)
            return [site_item(site) for site in self.dataset.sites if spec.predicate(site)]
        raise ValueError(f"endpoint must be one of {', '.join(ENDPOINTS)}, not {endpoint!r}")
