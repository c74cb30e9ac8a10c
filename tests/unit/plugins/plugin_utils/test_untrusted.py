# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Zoom's strings as host variables: only those that could make a template are marked, the rest stay plain."""

from __future__ import annotations

import pytest
from ansible.utils.unsafe_proxy import AnsibleUnsafe

from ansible_collections.ucops.zoom.plugins.plugin_utils import untrusted

try:
    from ansible.template import is_trusted_as_template  # ansible-core 2.19 and later
except ImportError:
    is_trusted_as_template = None


def marked(value):
    """Whether this core treats ``value`` as data that must never be templated."""
    if is_trusted_as_template is not None:
        return not is_trusted_as_template(value)
    return isinstance(value, AnsibleUnsafe)


@pytest.mark.parametrize("text, template_like", [
    ("Front desk", False),
    ("+14155550123", False),
    ("Zoë Ångström · 東京オフィス 📞", False),
    ("100% & <b>", False),
    ("{{ lookup('env', 'HOME') }}", True),
    ("{% if true %}x{% endif %}", True),
    ("{# comment #}", True),
    # Half a marker: two values joined by a template could make a whole one.
    ("Room {A", True),
    ("}", True),
    ("#jinja2: variable_start_string: '[['\n[[ 7 * 7 ]]", True),
    ("#JINJA2:", True),
])
def test_only_strings_that_could_make_a_template_are_marked(text, template_like):
    assert untrusted.could_be_template(text) is template_like
    value = untrusted.protect(text)
    assert value == text
    assert marked(value) is template_like


def test_nested_api_values_keep_their_shape_and_marks():
    record = {"id": "abc", "assignee": {"name": "{{ x }}", "extension_number": 1001, "type": "user"},
              "capability": ["incoming", "{% raw %}"], "emergency_address_status": None, "flag": True}
    protected = untrusted.protect(record)
    assert protected == record
    assert not marked(protected["id"]) and not marked(protected["assignee"]["type"])
    assert marked(protected["assignee"]["name"]) and marked(protected["capability"][1])
    assert not marked(protected["capability"][0])
    assert protected["assignee"]["extension_number"] == 1001 and protected["flag"] is True
