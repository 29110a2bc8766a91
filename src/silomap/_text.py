"""Text that is safe to show: control characters made visible, values quoted and cut, Markdown escaped.

Model text is untrusted. Anything silomap prints to a terminal or a CI log
goes through :func:`safe_text`, so an ESC or a bidi override in a model can
neither repaint the screen nor disguise a name. JSON keeps values exact: :func:`json_text`
writes those characters as ``\\uXXXX`` escapes, which parse back to the same text.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

__all__ = [
    "UNSAFE_CHARS",
    "json_line",
    "json_text",
    "md",
    "numbered",
    "plural",
    "quote_value",
    "safe_text",
    "slug",
]

# All C0 and C1 controls (tab and newline too: a message stays on one line, so
# model text cannot forge another problem line in a CI log), DEL, bidi controls,
# zero-width and other invisible format characters, unusual line terminators,
# lone surrogates, and the two non-characters U+FFFE/U+FFFF.
_BEYOND_C0 = "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff"
UNSAFE_CHARS = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")  # what ``json.dumps`` leaves raw (it escapes the C0 controls)


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char, f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def safe_text(text: str) -> str:
    """Return ``text`` with every control, bidi or invisible character escaped.

    >>> safe_text("CRM\\x1b[2J")
    'CRM\\\\x1b[2J'
    >>> safe_text("Billing\\u202egnp.exe")
    'Billing\\\\u202egnp.exe'
    """
    return UNSAFE_CHARS.sub(_visible, text)


def json_text(data: Any) -> str:
    r"""``data`` as JSON (indented, UTF-8), inert in a terminal: every control, bidi or invisible
    character a string holds is written as a ``\uXXXX`` escape, so no raw one reaches a screen or a
    CI log, and the JSON still parses back to the very same values.

    >>> print(json_text({"team": "L2\u202eexe", "n": 1}))
    {
      "team": "L2\u202eexe",
      "n": 1
    }
    >>> json.loads(json_text(["L2\u202eexe"])) == ["L2\u202eexe"]
    True
    """
    return _inert(json.dumps(data, indent=2, ensure_ascii=False))


def _inert(text: str) -> str:
    """JSON text with what ``json.dumps`` leaves raw written as ``\\uXXXX`` escapes."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_line(data: Any) -> str:
    r"""``data`` as JSON on one line (for JSON lines), inert in a terminal as :func:`json_text`.

    >>> json_line({"team": "L2\u202eexe", "n": [1, 2]})
    '{"team": "L2\\u202eexe", "n": [1, 2]}'
    """
    return _inert(json.dumps(data, ensure_ascii=False))


def quote_value(value: object, limit: int = 40) -> str:
    """Show a user's value in a message: escaped, quoted, at most ``limit`` characters.

    >>> quote_value("x" * 50)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (50 characters)"
    """
    text = value if isinstance(value, str) else repr(value)
    shown = safe_text(text[: limit - 1] + "…" if len(text) > limit else text)
    suffix = f" ({len(text)} characters)" if len(text) > limit else ""
    return f"'{shown}'{suffix}" if isinstance(value, str) else shown + suffix


# Inside a table cell (never at a line start) only these can make markup: emphasis, code,
# links and images (with [ ] escaped, parentheses are inert), the cell separator, strikethrough,
# math, and ':' and '.' that GFM autolinks need (http://, www.).
_PUNCT = frozenset("\\`*_[]!|~{}$:.")
_NO_LINK = "\u2060"  # word joiner: keeps '@team' and '#123' from becoming mentions and links


def md(text: object, prose: bool = False) -> str:
    r"""Escape text for GitHub Markdown: one line, no markup, no links, no mentions.

    For a table cell (the default) every character that could make markup is
    escaped. In ``prose`` (a list item's sentence), only what can make markup
    there: so ``->`` and ``note: x.`` stay readable in the raw file.

    >>> md("a|b <img> [x](javascript:1) @org #12")
    'a\\|b &lt;img&gt; \\[x\\](javascript\\:1) @\u2060org #\u206012'
    >>> md("a -> b: see http://x.org <b>*now*</b>", prose=True)
    'a -> b: see http\\://x.org &lt;b>\\*now\\*&lt;/b>'
    """
    line = " ".join(str(text).split())  # newlines and runs of space become one space
    out = []
    for i, char in enumerate(line):
        if char == "&":
            out.append("&amp;")
        elif char == "<" or (char == ">" and (not prose or i == 0)):
            out.append("&lt;" if char == "<" else "&gt;")
        elif char in "@#":
            out.append(char + _NO_LINK)
        elif prose and char in ":.":
            # only where GFM would make an autolink: "http://", "www."
            autolink = (
                line.startswith("//", i + 1) if char == ":" else line[max(0, i - 3) : i].lower() == "www"
            )
            out.append("\\" + char if autolink else char)
        elif char in _PUNCT:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 hand-off``, ``2 hand-offs``.

    >>> plural(1, "channel switch", "channel switches"), plural(2, "hand-off")
    ('1 channel switch', '2 hand-offs')
    """
    return f"{count} {one if count == 1 else many or one + 's'}"


def numbered(base: str, taken: set[str], sep: str = "-") -> str:
    """``base``, else ``base-2``, ``base-3``...: the first not ``taken``, which it then joins.

    >>> taken = {"crm"}
    >>> numbered("crm", taken), numbered("crm", taken), numbered("crm", taken, "_"), sorted(taken)
    ('crm-2', 'crm-3', 'crm_2', ['crm', 'crm-2', 'crm-3', 'crm_2'])
    """
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}{sep}{n}"
    taken.add(ident)
    return ident


def slug(name: str, fallback: str, *, limit: int = 60) -> str:
    """A model id from a name: NFKD, non-ASCII dropped, lower case, each run of characters outside
    ``a-z0-9`` a ``-``, at most ``limit`` characters (60, leaving room for a ``-n``), ``fallback``
    when nothing is left. The importers, a draft and ``diff``'s matching by slug read names alike.

    >>> slug("Home & Away Policy Administration", "system"), slug("Ünïcode CRM!", "s"), slug("???", "system")
    ('home-away-policy-administration', 'unicode-crm', 'system')
    """
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:limit].strip("-")
    return text or fallback
