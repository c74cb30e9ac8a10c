# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Zoom Phone sites: listing them, finding one by its exact name, telling whether an id exists.

GET /phone/sites is listed through ``ZoomClient.list_all`` like the numbers (every page, no id
twice). Its ``site_name`` parameter is documented only as "the name of the site you want to
search", so it may match part of a name, or ignore case: names are always compared exactly
here, after the listing. The listing module ``zoom_phone_sites_info`` and the number listings
(``site_name`` resolved into ``site_id``, an empty ``site_id`` listing checked) share this file.
"""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.option_values import closest, preview
from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomApiError, ZoomConfigError, ZoomScopeError

PATH = "/phone/sites"
ITEMS_KEY = "sites"
MAX_PAGE_SIZE = 300
# Zoom's answer of GET /number_management/numbers to a site_id it does not know.
NUMBER_MANAGEMENT_UNKNOWN_SITE_CODE = 1002010
# Zoom refuses a token without the needed scope with a code from 4700 to 4799 (ZoomScopeError), or with HTTP 403.
SCOPE_HINT = ("Listing sites (site_name, and the check of a site_id that lists nothing) needs the scope phone:read:admin "
              "or phone:read:list_sites:admin.")


def list_sites(client, site_name=None):
    """``(sites, listing)``: the account's sites in API order, only those named exactly ``site_name`` when given."""
    params = {"site_name": site_name} if site_name is not None else {}
    try:
        listing = client.list_all(PATH, params, ITEMS_KEY, MAX_PAGE_SIZE)
    except ZoomScopeError as exc:
        raise ZoomScopeError(exc.message, status=exc.status, code=exc.code, hint=SCOPE_HINT, tracking_id=exc.tracking_id) from None
    except ZoomApiError as exc:
        if exc.status == 403 and exc.kind == "api":
            raise ZoomApiError(exc.message, status=exc.status, code=exc.code, hint=SCOPE_HINT, tracking_id=exc.tracking_id) from None
        raise
    sites = listing.records
    if site_name is not None:
        sites = [site for site in sites if site.get("name") == site_name]
    return sites, listing


def closest_site_names(name, sites):
    """The names of ``sites`` spelt most like ``name``, quoted and closest first, as text ("" when none is close)."""
    near = closest(name, [site["name"] for site in sites if isinstance(site.get("name"), str)])
    return ", ".join(repr(other) for other in near)


def unknown_site_id(label, site_id, status=None, code=None):
    """The error for a ``site_id`` (option ``<label>site_id``) that names no site of the account."""
    return ZoomConfigError(
        "Option %ssite_id names no site of the account: %r." % (label, preview(site_id)), status=status, code=code,
        hint="ucops.zoom.zoom_phone_sites_info lists the sites and their ids; or give site_name instead.")


class AccountSites:
    """The account's sites, listed at most once for one number listing (resolution and checks share it)."""

    def __init__(self, client):
        self._client = client
        self._sites = None

    def all(self):
        if self._sites is None:
            self._sites = list_sites(self._client)[0]
        return self._sites

    def site_id(self, label, name):
        """The id of the one site named exactly ``name`` (option ``<label>site_name``); ZoomConfigError otherwise."""
        named = [site for site in self.all() if site.get("name") == name]
        if not named:
            near = closest_site_names(name, self.all())
            hint = "Names are matched exactly; ucops.zoom.zoom_phone_sites_info lists the account's sites."
            raise ZoomConfigError("Option %ssite_name names no site of the account: %r." % (label, preview(name)),
                                  hint=("Closest site names: %s. " % near if near else "") + hint)
        if len(named) > 1:
            raise ZoomConfigError("Option %ssite_name names %d sites: %r." % (label, len(named), preview(name)),
                                  hint="Give site_id instead, one of %s." % ", ".join(str(site.get("id")) for site in named))
        return named[0]["id"]

    def exists(self, site_id):
        return any(site.get("id") == site_id for site in self.all())
