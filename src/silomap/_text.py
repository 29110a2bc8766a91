"""Text that is safe to show: control characters made visible, values quoted and cut.

Model text is untrusted. Anything silomap prints to a terminal or a CI log
goes through :func:`safe_text`, so an ESC or a bidi override in a model can
neither repaint the screen nor disguise a name.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE_CHARS", "quote_value", "safe_text"]

# All C0 and C1 controls (tab and newline too: a message stays on one line, so
# model text cannot forge another problem line in a CI log), DEL, bidi controls,
# zero-width and other invisible format characters, unusual line terminators,
# lone surrogates, and the two non-characters U+FFFE/U+FFFF.
UNSAFE_CHARS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


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


def quote_value(value: object, limit: int = 40) -> str:
    """Show a user's value in a message: escaped, quoted, at most ``limit`` characters.

    >>> quote_value("x" * 50)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (50 characters)"
    """
    text = value if isinstance(value, str) else repr(value)
    shown = safe_text(text[: limit - 1] + "…" if len(text) > limit else text)
    suffix = f" ({len(text)} characters)" if len(text) > limit else ""
    return f"'{shown}'{suffix}" if isinstance(value, str) else shown + suffix
