# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Find every error message the collection can raise, as written in its source.

A message is the first argument of a raise of one of the collection's error types (or of the
Ansible errors its plugins raise): a string, a ``"..." % (...)`` format, or a concatenation of
those. Parts only known at run time become placeholders, so a message can be matched against
its documented form, where the variable parts are written as ``<...>``.
"""

from __future__ import annotations

import ast
import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[2]
ERROR_TYPES = frozenset((
    "ZoomError", "ZoomConfigError", "ZoomAuthError", "ZoomApiError", "ZoomRateLimitError", "ZoomTransportError",
    "ZoomResponseError", "ZoomPagingError", "ZoomPageTokenExpired", "ZoomScopeError", "ZoomNotFoundError", "ZoomChangeError",
    "AuditError",
    "AnsibleError", "AnsibleParserError", "AnsibleFilterError", "AnsibleLookupError", "AnsibleOptionsError",
))
PLACEHOLDER = "\0"
_FORMAT = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(?:\d+|\*)?(?:\.\d+)?[sdrfiu%]")


class Message:
    """One raise site: where it is, the error type, and the text with placeholders."""

    def __init__(self, path, line, error_type, text):
        self.path = path
        self.line = line
        self.error_type = error_type
        self.text = text

    @property
    def shown(self):
        """The message as the documentation writes it: variable parts as <...>."""
        return self.text.replace(PLACEHOLDER, "<...>")

    def pattern(self):
        """A regular expression that finds the documented form of this message."""
        parts = []
        for literal in self.text.split(PLACEHOLDER):
            words = literal.split()
            if not words:
                parts.append(r"\s+" if literal else "")
                continue
            escaped = r"\s+".join(re.escape(word) for word in words)
            if literal[:1].isspace() and parts:
                escaped = r"\s+" + escaped
            if literal[-1:].isspace():
                escaped += r"\s+"
            parts.append(escaped)
        return re.compile(r"(?:<[^<>\n]*>|[^\s<>]*)".join(parts))

    def __repr__(self):
        return "%s:%d %s(%r)" % (self.path, self.line, self.error_type, self.shown)


def _text(node):
    """The literal text of an expression, with PLACEHOLDER for what is computed; None if nothing is literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return _FORMAT.sub(lambda match: "%" if match.group(0) == "%%" else PLACEHOLDER, node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _text(node.left)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else PLACEHOLDER) + (right if right is not None else PLACEHOLDER)
    if isinstance(node, ast.JoinedStr):
        return "".join(value.value if isinstance(value, ast.Constant) else PLACEHOLDER for value in node.values)
    return None


def _error_type(call):
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
    return name if name in ERROR_TYPES else None


def messages(root=REPO / "plugins"):
    """Every error message raised in the collection's plugins, in file order."""
    found = []
    for path in sorted(pathlib.Path(root).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        assigned = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                text = _text(node.value)
                if text is not None:
                    assigned[node.targets[0].id] = text
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not _error_type(node):
                continue
            argument = node.args[0] if node.args else next((kw.value for kw in node.keywords if kw.arg in ("message", "msg")), None)
            if argument is None:
                continue
            if isinstance(argument, ast.BinOp) and isinstance(argument.left, ast.Name) and argument.left.id in assigned:
                right = _text(argument.right)
                text = assigned[argument.left.id] + (right if right is not None else PLACEHOLDER)
            else:
                text = _text(argument)
            if text is None or not text.replace(PLACEHOLDER, "").strip(" .:"):
                # Re-raised text of another error (str(exc)), documented where it is first raised.
                continue
            # Two computed parts side by side read as one (a number and its unit, a word and its plural s).
            text = re.sub(PLACEHOLDER + "+", PLACEHOLDER, text)
            found.append(Message(path.relative_to(REPO).as_posix(), node.lineno, _error_type(node), text))
    found.sort(key=lambda message: (message.path, message.line))
    return found


def documented_text(path):
    """A Markdown document as plain text for matching: no code marks, no escapes, one space between words."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    text = text.replace("`", "").replace("\\", "")
    return " ".join(text.split())


if __name__ == "__main__":
    for item in messages():
        print("%-45s %-20s %s" % ("%s:%d" % (item.path, item.line), item.error_type, item.shown))
