# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Data from Zoom as Ansible variables: never templated, and plain in ``ansible-inventory --list``.

Zoom's data is not ours: a display name such as ``{{ lookup('pipe', 'id') }}`` must stay text.
Marking every value unsafe does that, but ``ansible-inventory --list`` then prints every
string as ``{"__ansible_unsafe": "..."}`` (ansible-core 2.16 for values wrapped unsafe, 2.19
for every string not trusted as a template), and automation controllers store those objects
as the host variables. Only a string that could take part in a template needs the mark: one
with a brace (Jinja's markers all start with one, and two values joined could make one) or
with a ``#jinja2:`` header (which can change the markers). Those stay marked and are never
templated; every other string is plain text that templating leaves as it is, so it is left
plain (2.16) or declared trusted (2.19, where untrusted strings print marked).
"""

from __future__ import annotations

import re

from ansible.utils.unsafe_proxy import wrap_var

try:
    from ansible.template import trust_as_template  # ansible-core 2.19 and later
except ImportError:  # ansible-core 2.16 to 2.18: a plain string is already printed plain
    def trust_as_template(value):
        return value

_TEMPLATE_LIKE = re.compile(r"[{}]|#jinja2:", re.IGNORECASE)


def could_be_template(text):
    """Whether ``text`` could be, or help to make, a Jinja template."""
    return bool(_TEMPLATE_LIKE.search(text))


def protect(value):
    """``value`` (API data: dicts, lists, strings, numbers) ready to be a host variable; see the module docstring."""
    if isinstance(value, str):
        # A plain str first: a value that went through templating may carry marks of its own.
        text = str.__str__(value)
        return wrap_var(text) if could_be_template(text) else trust_as_template(text)
    if isinstance(value, dict):
        return dict((protect(key), protect(item)) for key, item in value.items())
    if isinstance(value, (list, tuple)):
        return [protect(item) for item in value]
    return value
