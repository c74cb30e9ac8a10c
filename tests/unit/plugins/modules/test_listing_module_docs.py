# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The listing modules document what a failed task returns, as ZoomError.fail_kwargs() builds it."""

from __future__ import annotations

import re

import pytest
import yaml

from ansible_collections.ucops.zoom.plugins.module_utils import number_changes, zoom_errors
from ansible_collections.ucops.zoom.plugins.modules import zoom_phone_numbers_info, zoom_phone_sites_info


def error_kinds():
    kinds, pending = set(), [zoom_errors.ZoomError]
    while pending:
        kind = pending.pop()
        kinds.add(kind.kind)
        pending.extend(kind.__subclasses__())
    # The base class's kind is never raised on its own, and a change's only by zoom_phone_number.
    return kinds - {zoom_errors.ZoomError.kind, number_changes.ZoomChangeError.kind}


@pytest.mark.parametrize("module", [zoom_phone_numbers_info, zoom_phone_sites_info], ids=lambda module: module.__name__.rsplit(".", 1)[-1])
def test_failure_keys_are_documented(module):
    returned = yaml.safe_load(module.RETURN)
    failure = zoom_errors.ZoomApiError("x", status=400, code=300).fail_kwargs()
    for key in set(failure) - {"msg"}:
        assert returned[key]["returned"].startswith("failure"), key
    documented_kinds = set(re.findall(r"V\(([a-z_]+)\)", " ".join(returned["error_kind"]["description"])))
    assert documented_kinds == error_kinds()


def test_page_size_does_not_claim_a_default_it_does_not_show():
    from ansible_collections.ucops.zoom.plugins.doc_fragments.zoom import ModuleDocFragment

    page_size = yaml.safe_load(ModuleDocFragment.QUERY)["options"]["page_size"]
    assert "default" not in page_size
    assert "also the default" not in " ".join(page_size["description"])
