# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Did-you-mean suggestions: spelling first, case aside."""

from __future__ import annotations

from ansible_collections.ucops.zoom.plugins.module_utils.option_values import closest


def test_closest_ignores_case_and_keeps_the_choices_spelling():
    assert closest("london office", ["New York Hub", "London Office", "Londonderry"])[0] == "London Office"
    assert closest("number_typ", ["type", "number_type", "site_id"]) == ["number_type"]
    assert closest("colour", ["type", "site_id"]) == []
