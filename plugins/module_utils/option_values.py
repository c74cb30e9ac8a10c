# -*- coding: utf-8 -*-
# Copyright (c) ucops.zoom contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Reading option values that may arrive as text (environment variables, plugin config, YAML).

The one place that decides which words mean true and false and how numbers are read, for
the connection options and the query options alike. Every function raises a
ZoomConfigError whose message starts with ``Option <name>``.
"""

from __future__ import annotations

import difflib

from ansible_collections.ucops.zoom.plugins.module_utils.zoom_errors import ZoomConfigError, shorten

TRUE_WORDS = ("1", "true", "yes", "on", "y", "t")
FALSE_WORDS = ("0", "false", "no", "off", "n", "f")


def boolean_word(value):
    """True or False for a bool or one of Ansible's words for them; None for anything else."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    return None


def boolean_option(name, value):
    """``value`` as a bool, read strictly: an unknown word fails instead of meaning false."""
    result = boolean_word(value)
    if result is None:
        raise ZoomConfigError("Option %s must be a boolean, got %r." % (name, preview(value)))
    return result


def number_option(name, value, kind, minimum, maximum, why=""):
    """``value`` as an int or float between ``minimum`` and ``maximum``; ``why`` is added to the message."""
    noun = "an integer" if kind is int else "a number"
    if isinstance(value, bool):
        raise ZoomConfigError("Option %s must be %s from %s to %s%s, got a boolean." % (name, noun, minimum, maximum, why))
    try:
        number = kind(value)
    except (TypeError, ValueError):
        raise ZoomConfigError("Option %s must be %s from %s to %s%s, got %r." % (name, noun, minimum, maximum, why, preview(value))) from None
    if kind is int and isinstance(value, float) and value != number:
        raise ZoomConfigError("Option %s must be an integer from %s to %s%s, got %r." % (name, minimum, maximum, why, value))
    if not minimum <= number <= maximum:
        raise ZoomConfigError("Option %s must be %s from %s to %s%s, got %s." % (name, noun, minimum, maximum, why, preview(value)))
    return number


def preview(value, limit=60):
    """A value shortened for an error message (a long value would bury the message); secrets masked first."""
    return shorten(str(value), limit)


def closest(word, choices, limit=3):
    """The ``choices`` spelt most like ``word`` (case aside), closest first: for "did you mean" hints."""
    folded = {}
    for choice in choices:
        folded.setdefault(str(choice).casefold(), choice)
    return [folded[match] for match in difflib.get_close_matches(str(word).casefold(), list(folded), n=limit, cutoff=0.6)]
