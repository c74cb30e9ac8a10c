# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

DOCUMENTATION = r'''
name: zoom_phone_numbers
short_description: Zoom Phone numbers as inventory hosts
version_added: 0.1.0
author:
  - ucops.zoom maintainers (@ucops)
description:
  - One inventory host per phone number of a Zoom Phone account, with the number's API fields as host variables,
    useful default groups, and the usual O(compose), O(groups) and O(keyed_groups).
  - Data from Zoom is never templated. Values that could form a template (with a brace, or a C(#jinja2:) header) are
    marked unsafe; all others are plain text, so C(ansible-inventory --list) and automation controllers show them
    as they are, without C(__ansible_unsafe).
  - The numbers are listed exactly as M(ucops.zoom.zoom_phone_numbers_info) lists them, with the same filters
    and O(where).
  - Hosts run on the controller (C(ansible_connection=local) with the controller's Python), so plays that target
    them work without further settings.
  - The configuration file name must end in C(zoom_phone_numbers.yml) or C(zoom_phone_numbers.yaml).
requirements:
  - requests
  - jmespath
extends_documentation_fragment:
  - ucops.zoom.zoom
  - ucops.zoom.zoom.plugins
  - ucops.zoom.zoom.query
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
options:
  plugin:
    description: The name of this plugin; it marks the file as this plugin's.
    type: str
    required: true
    choices: [ucops.zoom.zoom_phone_numbers]
  hostnames:
    description:
      - Fields that name a host, in order of preference; the first one with a value is used. Dotted paths reach
        into nested fields, for example V(assignee.name) or V(site.name).
      - No number is left out for want of a name. When a number's first name is taken (two numbers with the same
        display name) or empty, the next field names it, and after the last field its number (then its id). Which
        number keeps a shared name follows the order of Zoom's listing, so name hosts by V(number) or V(id) where
        a play must find a given number by its host name.
      - Names are made safe for host patterns and templates. They keep letters and digits (of any script) and
        C(.), C(_), C(+) and C(-); every other character (spaces, line breaks, brackets, C(:), C(,), C(*), braces...)
        becomes C(_), so the display name C(Front desk) names the host C(Front_desk). A value with no letter or digit
        left is passed over for the next field. Without braces, a host name can never be a template.
      - A number is never merged into a host this plugin did not create. When its name is a host that another
        inventory source already added, or C(all), C(ungrouped), C(localhost) or C(127.0.0.1), that host keeps its
        own variables and the number takes its next name, with a warning (with O(strict), the parse fails instead).
    type: list
    elements: str
    default: [number]
  hostvars_prefix:
    description: A prefix for the names of the host variables taken from the API fields, for example V(zoom_).
    type: str
    default: ''
  default_groups:
    description:
      - Add the hosts to groups by number type (C(zoom_toll), C(zoom_tollfree)), status (C(zoom_available),
        C(zoom_pending)), assignment (C(zoom_assigned), C(zoom_unassigned)), assignee type (for example
        C(zoom_assignee_callqueue)) and source (C(zoom_internal), C(zoom_external)). Every host is also in C(zoom_numbers).
    type: bool
    default: true
'''

EXAMPLES = r'''
---
# zoom.zoom_phone_numbers.yml: every number, credentials from the ZOOM_* environment variables
plugin: ucops.zoom.zoom_phone_numbers

---
# unassigned.zoom_phone_numbers.yml: idle numbers grouped by site and number type
plugin: ucops.zoom.zoom_phone_numbers
type: unassigned
keyed_groups:
  - key: site.name | default('no site')
    prefix: site
  - key: number_type
    prefix: type

---
# byoc.zoom_phone_numbers.yml: BYOC numbers grouped by emergency address state, one host per number
plugin: ucops.zoom.zoom_phone_numbers
type: byoc
hostnames: [number]
hostvars_prefix: zoom_
groups:
  e911_update_required: zoom_emergency_address_status | default(0) == 1
compose:
  e911_city: zoom_emergency_address.city | default('')
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/ucops.zoom/inventory
cache_timeout: 3600

---
# sites.zoom_phone_numbers.yml: call queues of two sites, with the secret from a vault-encrypted variable file
plugin: ucops.zoom.zoom_phone_numbers
client_secret: "{{ lookup('ansible.builtin.env', 'ZOOM_CLIENT_SECRET') }}"
type: assigned
extension_type: callQueue
queries:
  - site_id: 8f71O6rWT8KFUGQmJIFAdQ
  - site_id: CKbQ2nGZTVygTZgVrTfg2g
where: "contains(capability, 'outgoing')"
'''

import hashlib
import json
import sys

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable

from ansible_collections.ucops.zoom.plugins.module_utils.number_query import LISTING_OPTION_NAMES
from ansible_collections.ucops.zoom.plugins.module_utils.record_fields import get_path
from ansible_collections.ucops.zoom.plugins.plugin_utils import plugin_options
from ansible_collections.ucops.zoom.plugins.plugin_utils.untrusted import protect

SUFFIXES = ("zoom_phone_numbers.yml", "zoom_phone_numbers.yaml")
CACHE_FORMAT = 2
# What a host name keeps besides letters and digits (of any script): E.164's "+", ids' "-" and
# "_", dotted names. Anything else (spaces, line breaks, brackets, ":", ",", "*", "!", "&", "~",
# braces) would mean something to host patterns or templates, and becomes "_".
HOST_NAME_KEEP = "_.+-"
# Names that mean something else to Ansible: a number named so would change what a play targets.
RESERVED_HOST_NAMES = frozenset(("all", "ungrouped", "localhost", "127.0.0.1"))
# Options that may hold secrets and so may be given as a template (a vault or env lookup).
TEMPLATED_OPTIONS = ("account_id", "client_id", "client_secret", "access_token")
# What decides which numbers a listing returns: a cached list is only reused when these are the same.
FINGERPRINT_OPTIONS = ("account_id", "client_id", "api_url", "oauth_url", "endpoint") + LISTING_OPTION_NAMES


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "ucops.zoom.zoom_phone_numbers"

    def verify_file(self, path):
        if not super().verify_file(path):
            return False
        if path.endswith(SUFFIXES):
            return True
        self.display.vvv("ucops.zoom.zoom_phone_numbers declined %s: the file name must end in %s."
                         % (path, " or ".join(SUFFIXES)))
        return False

    def parse(self, inventory, loader, path, cache=True):
        super().parse(inventory, loader, path, cache)
        plugin_options.check_requirements("inventory")
        config = self._read_config_data(path)
        self._reject_unknown_keys(config, path)
        options = plugin_options.read_options(self, direct=config, overrides=self._templated_secrets())
        default_groups = self.get_option("default_groups")
        if config.get("default_groups") is not None:
            default_groups = plugin_options.strict_boolean("default_groups", config["default_groups"])
        client, query = plugin_options.prepare(options)
        self._populate(self._records(client, query, options, path, cache), default_groups)

    def _reject_unknown_keys(self, config, path):
        """A misspelt option would otherwise be ignored and the inventory silently wider than meant."""
        unknown = sorted(str(key) for key in config if key not in self._options)
        if unknown:
            raise AnsibleParserError("%s: unknown option%s %s for ucops.zoom.zoom_phone_numbers; see "
                                     "ansible-doc -t inventory ucops.zoom.zoom_phone_numbers."
                                     % (path, "s" if len(unknown) > 1 else "", ", ".join(unknown)))

    def _templated_secrets(self):
        values = {}
        for name in TEMPLATED_OPTIONS:
            value = self.get_option(name)
            if isinstance(value, str) and self.templar.is_template(value):
                values[name] = self.templar.template(value)
        return values

    def _records(self, client, query, options, path, cache):
        """The numbers of the inventory, from the inventory cache when it holds this very listing."""
        key = self.get_cache_key(path)
        fingerprint = cache_fingerprint(options, client.connection.access_token)
        if self.get_option("cache") and cache:
            try:
                cached = self._cache[key]
            except KeyError:
                cached = None
            if (isinstance(cached, dict) and cached.get("format") == CACHE_FORMAT and cached.get("fingerprint") == fingerprint
                    and isinstance(cached.get("records"), list)):
                return cached["records"]
        records = plugin_options.list_records(client, query)
        if self.get_option("cache"):
            # Only API data and a fingerprint go into the cache: never an option value, so never a secret.
            self._cache[key] = {"format": CACHE_FORMAT, "fingerprint": fingerprint, "records": records}
        return records

    def _populate(self, records, default_groups):
        strict = self.get_option("strict")
        prefix = self.get_option("hostvars_prefix") or ""
        preferences = self.get_option("hostnames")
        if default_groups:
            self.inventory.add_group("zoom_numbers")
        # Hosts other inventory sources (or Ansible) own: never merged into, never given our variables.
        foreign = set(self.inventory.hosts) | RESERVED_HOST_NAMES
        named = set()
        renamed = unnamed = 0
        for record in records:
            candidates = host_names(record, preferences)
            name = None
            for candidate in candidates:
                if candidate in foreign:
                    self._refuse_foreign(candidate, record, strict)
                elif candidate not in named:
                    name = candidate
                    break
            if name is None:
                unnamed += 1
                continue
            if name != candidates[0]:
                renamed += 1
            named.add(name)
            # API data, but made of letters, digits and . _ + - only: no template can hide in it, so it
            # needs no unsafe mark (which ansible-core 2.16 would print in every group of --list).
            self._add_host(name, record, prefix, default_groups, strict)
        if renamed:
            self.display.v("ucops.zoom.zoom_phone_numbers: %d number(s) were named by a later hostnames field, or by the number, "
                           "because an earlier one was taken or empty." % renamed)
        if unnamed:
            self.display.warning("ucops.zoom.zoom_phone_numbers: %d number(s) had no usable host name (neither the hostnames "
                                 "fields %s nor a number or id) and were skipped." % (unnamed, ", ".join(preferences)))

    def _refuse_foreign(self, name, record, strict):
        owner = "Ansible reserves" if name in RESERVED_HOST_NAMES else "another inventory source already has"
        if strict:
            raise AnsibleParserError("ucops.zoom.zoom_phone_numbers: number %s would be the host %r, which %s. Choose other "
                                     "hostnames, or turn strict off to name such numbers by the next one." % (record.get("id"), name, owner))
        self.display.warning("ucops.zoom.zoom_phone_numbers: number %s would be the host %r, which %s; that host was left "
                             "untouched and the number named by the next hostnames field (or its number)." % (record.get("id"), name, owner))

    def _add_host(self, name, record, prefix, default_groups, strict):
        self.inventory.add_host(name)
        hostvars = {}
        for key, value in record.items():
            hostvars[prefix + key] = protect(value)
        hostvars["ansible_connection"] = protect("local")
        hostvars["ansible_python_interpreter"] = protect(sys.executable)
        for key, value in hostvars.items():
            self.inventory.set_variable(name, key, value)
        if default_groups:
            for group in default_group_names(record):
                self.inventory.add_group(group)
                self.inventory.add_child(group, name)
        compose = self.get_option("compose") or {}
        self._set_composite_vars(compose, hostvars, name, strict=strict)
        composed = self.inventory.get_host(name).vars
        for key in compose:
            # Made from Zoom's data: marked by the same rule as the data itself.
            if key in composed:
                self.inventory.set_variable(name, key, protect(composed[key]))
        self._add_host_to_composed_groups(self.get_option("groups"), hostvars, name, strict=strict)
        self._add_host_to_keyed_groups(self.get_option("keyed_groups"), hostvars, name, strict=strict)


def cache_fingerprint(options, access_token=None):
    """A digest of the account, URLs and filters behind a listing; the secret and token themselves stay out.

    The cache key is the inventory file's path only: the same file run for another account, or
    with other filters, must not be answered from the first one's cache.
    """
    material = dict((name, options.get(name)) for name in FINGERPRINT_OPTIONS)
    if access_token:
        # A token-only listing names no account; a digest of the token tells two of them apart.
        material["access_token"] = hashlib.sha256(("ucops.zoom inventory " + access_token).encode("utf-8")).hexdigest()
    text = json.dumps(material, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def host_names(record, preferences):
    """The names ``record`` may take, best first: each usable ``hostnames`` field, then its number and id.

    Each is made safe (see HOST_NAME_KEEP); a value with no letter or digit left names nothing.
    The number and id come last so that a number whose preferred names are taken or empty is
    still a host: no number is left out of the inventory for want of a name.
    """
    names = []
    for path in list(preferences) + ["number", "id"]:
        value = get_path(record, path)
        if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
            continue
        text = safe_name(to_text(value).strip(), HOST_NAME_KEEP)
        if any(char.isalnum() for char in text) and text not in names:
            names.append(text)
    return names


def safe_name(text, keep="_"):
    """``text`` with every character that is neither a letter, a digit nor in ``keep`` replaced by "_"."""
    return "".join(char if char.isalnum() or char in keep else "_" for char in text)


def default_group_names(record):
    """Groups a Zoom admin sorts numbers by; names are safe group names."""
    groups = ["zoom_numbers"]
    for field in ("number_type", "status", "source"):
        value = record.get(field)
        if isinstance(value, str) and value:
            groups.append(_group("zoom_" + value))
    assignee = record.get("assignee")
    if isinstance(assignee, dict) and assignee:
        groups.append("zoom_assigned")
        if isinstance(assignee.get("type"), str) and assignee["type"]:
            groups.append(_group("zoom_assignee_" + assignee["type"]))
    else:
        groups.append("zoom_unassigned")
    return groups


def _group(name):
    return safe_name(name.lower())
