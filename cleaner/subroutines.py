"""Write out a pattern's ``(?&name)`` calls, so a rule can be a readable grammar at no cost.

A long rule reads best as a grammar: named pieces in a ``(?(DEFINE)…)`` block, used as
``(?&name)``. The ``regex`` module runs such subroutine calls 10–50× slower than the same text
written in place, and a boilerplate rule may be tried on every line of every document. So before
a rule's pattern is compiled, each call of a name its DEFINE block defines is replaced by the
definition in a non-capturing group (recursively), and the block goes. Calls of names defined
nowhere, and recursive definitions, are left to the ``regex`` module as they are.

>>> inline_subroutines(r"(?&word)-(?&word)(?(DEFINE)(?P<word>[a-z]+))")
'(?:[a-z]+)-(?:[a-z]+)'
>>> inline_subroutines("no calls here")
'no calls here'
"""

from __future__ import annotations

import re

_DEFINE_START = "(?(DEFINE)"
_CALL_RE = re.compile(r"\(\?&(\w+)\)")
_NAMED_GROUP_RE = re.compile(r"\(\?P?<(\w+)>")


def _skip_class(source: str, at: int) -> int:
    """The index just after the character class opening at ``source[at]`` (``[``).

    >>> _skip_class("[]a]b", 0), _skip_class(r"[^\\]]x", 0)
    (4, 5)
    """
    i = at + 1
    if i < len(source) and source[i] == "^":
        i += 1
    if i < len(source) and source[i] == "]":  # a leading ] is a literal
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i + 1


def _group_end(source: str, at: int, verbose: bool = False) -> int:
    """The index of the ``)`` closing the group whose ``(`` is at ``source[at]``; in verbose
    mode a ``#`` comment runs to the end of its line and its brackets are text.

    >>> _group_end("(a(b)[)])c", 0)
    8
    >>> _group_end("(a # (b\\n)", 0, verbose=True)
    8
    """
    depth, i = 0, at
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _skip_class(source, i)
            continue
        if verbose and char == "#":
            newline = source.find("\n", i)
            i = len(source) if newline < 0 else newline
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced parentheses")


def split_definitions(source: str, verbose: bool = False) -> tuple[str, dict[str, str]]:
    """The pattern without its ``(?(DEFINE)…)`` block, and the block's definitions by name.

    >>> split_definitions("(?&a)x(?(DEFINE)(?P<a>\\\\d+)(?<b>[)]))")
    ('(?&a)x', {'a': '\\\\d+', 'b': '[)]'})
    """
    start = source.find(_DEFINE_START)
    if start < 0:
        return source, {}
    end = _group_end(source, start, verbose)
    block = source[start + len(_DEFINE_START):end]
    definitions: dict[str, str] = {}
    at = 0
    while (match := _NAMED_GROUP_RE.search(block, at)) is not None:
        close = _group_end(block, match.start(), verbose)
        definitions[match.group(1)] = block[match.end():close]
        at = close + 1
    return source[:start] + source[end + 1:], definitions


def inline_subroutines(source: str, verbose: bool = False) -> str:
    """``source`` with every call of a defined, non-recursive name written out in place.
    ``verbose``: the pattern is compiled with ``VERBOSE`` (a leading ``(?x)`` says so too), so
    its ``#`` comments are skipped when the groups are taken apart.

    A pattern that cannot be taken apart (unbalanced, or a definition that calls itself) is
    returned unchanged: the ``regex`` module still runs it, only slower.

    >>> inline_subroutines("(?&n)(?(DEFINE)(?P<n>1|(?&n)2))")  # recursive: left as it is
    '(?&n)(?(DEFINE)(?P<n>1|(?&n)2))'
    """
    if "(?&" not in source or _DEFINE_START not in source:
        return source
    verbose = verbose or source.lstrip().startswith("(?x)")
    try:
        rest, definitions = split_definitions(source, verbose)
    except ValueError:
        return source

    def expand(text: str, calling: tuple[str, ...]) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in definitions:
                return match.group(0)
            if name in calling:
                raise RecursionError(name)
            return "(?:" + expand(definitions[name], (*calling, name)) + ")"

        return _CALL_RE.sub(replace, text)

    try:
        return expand(rest, ())
    except RecursionError:
        return source
