"""A system's kind and ``external``, only as an imported file states them, and the report lines.

A kind decides what ``silomap fixes`` may merge, so an importer never guesses one from a name
("Payroll system" says nothing an importer can trust). Each importer reads what its format
states and hands the words here:

- an explicit kind (a ``kind`` property, the ``silomap.dev/kind`` annotation) is carried as the
  file says it, made an id where that is safe (lower case, spaces to ``-``), else ``other``;
- a classifying word (a Structurizr tag, a Backstage ``spec.type``) counts only when it names a
  known kind, itself or by a synonym (``Web Browser``, ``website`` -> ``web``);
- whatever states no kind leaves ``other``, the kind that says nothing, and the report says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .._model import SYSTEM_KINDS, UNDECLARED_KIND
from .._suggest import Suggester
from .._text import plural, quote_value, safe_text
from .builder import Builder

__all__ = ["KIND_SYNONYMS", "KindLog", "kind_id", "known_kind", "listed", "quoted", "truth"]

_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
SHOWN = 5

# Words that name a known kind in other tools' vocabularies (after kind_id): a Structurizr tag
# "Web Browser" or "Mobile App" is how Big Bank plc marks its front ends.
KIND_SYNONYMS: dict[str, str] = {
    "website": "web",
    "web-site": "web",
    "web-browser": "web",
    "web-app": "web",
    "web-application": "web",
    "webapp": "web",
    "web-frontend": "web",
    "mobile": "mobile-app",
    "mobile-application": "mobile-app",
    "ios-app": "mobile-app",
    "android-app": "mobile-app",
    "contact-centre": "contact-center",
    "call-center": "contact-center",
    "call-centre": "contact-center",
    "chat-bot": "chatbot",
    "e-mail": "email",
    "helpdesk": "ticketing",
    "service-desk": "ticketing",
}


def kind_id(text: str) -> str | None:
    """``text`` as a kind id (lower case, runs of spaces as one ``-``), or ``None`` if it is none.

    >>> kind_id("Meter Data"), kind_id(" CRM "), kind_id("CRM/ERP"), kind_id("")
    ('meter-data', 'crm', None, None)
    """
    made = "-".join(text.lower().split(" ")).strip("-")
    made = re.sub(r"-{2,}", "-", made)
    return made if _ID.match(made) else None


def known_kind(text: str) -> str | None:
    """The known kind a word names, itself or by a synonym; ``None`` for any other word.

    >>> known_kind("CRM"), known_kind("Web Browser"), known_kind("Mobile App"), known_kind("Database")
    ('crm', 'web', 'mobile-app', None)
    """
    made = kind_id(text)
    kind = KIND_SYNONYMS.get(made or "", made)
    return kind if kind in SYSTEM_KINDS and kind != UNDECLARED_KIND else None


def truth(text: object) -> bool | None:
    """A yes/no a file states as text or a boolean (``"true"``, ``"False"``); ``None`` otherwise.

    >>> truth("true"), truth(" False "), truth(True), truth("yes please")
    (True, False, True, None)
    """
    if isinstance(text, bool):
        return text
    word = text.strip().lower() if isinstance(text, str) else ""
    return {"true": True, "false": False}.get(word)


def listed(items: list[str]) -> str:
    """The first few items, and how many more.

    >>> listed(["a", "b", "c", "d", "e", "f", "g"])
    'a, b, c, d, e and 2 more'
    """
    more = f" and {len(items) - SHOWN} more" if len(items) > SHOWN else ""
    return ", ".join(items[:SHOWN]) + more


@dataclass
class KindLog:
    """What each imported system's kind and ``external`` came from, for the import report.

    >>> log = KindLog()
    >>> log.explicit("Meters", "Meter Data", "kind property"), log.explicit("Old", "CRM/ERP", "kind property")
    ('meter-data', None)
    """

    stated: list[str] = field(default_factory=list)
    unstated: list[str] = field(default_factory=list)
    made: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    near: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _known: Suggester = field(default_factory=lambda: Suggester(SYSTEM_KINDS), repr=False)

    def explicit(self, name: str, text: str, source: str) -> str | None:
        """A kind the file states outright, made an id if it safely can be (a synonym of a known kind
        becomes that kind); ``None`` (``other``) if it cannot."""
        made = kind_id(text)
        kind = KIND_SYNONYMS.get(made, made) if made is not None else None
        said = quote_value(text, 60)
        if kind is None:
            self.refused.append(f"{said} ({quoted(name)}, {source})")
        elif kind != text:
            self.made.append(f"{said} -> {kind}")
        return kind

    def decide(self, name: str, kind: str | None, source: str, external: bool = False) -> str | None:
        """Record a system's kind (``None``: it states none) and return it as the model writes it."""
        if kind is None or kind == UNDECLARED_KIND:
            self.unstated.append(quoted(name))
            kind = None
        else:
            self.stated.append(f"{quoted(name)} -> {kind} ({source})")
            near = self._known.suggest(kind) if kind not in SYSTEM_KINDS else None
            if near is not None:
                self.near.append(f"{kind} ({quoted(name)}) is a letter from '{near}'")
        if external:
            self.external.append(quoted(name))
        return kind

    def write(self, b: Builder, how: str) -> None:
        """Add the report's lines about kinds; ``how`` says where the format states one."""
        if self.stated:
            stated = f"{plural(len(self.stated), 'system kind')} as the file states them: "
            b.mapped.append(stated + listed(self.stated))
        if self.unstated:
            count = plural(len(self.unstated), "system")
            b.assumed.append(
                f"{count} state no kind ({how}), so 'other', which fixes never merge: "
                f"{listed(self.unstated)}; set the kinds you know"
            )
        if self.made:
            b.mapped.append("kinds made ids (lower case, spaces to '-'): " + listed(self.made))
        if self.refused:
            refused = "kinds that are no id (a-z, 0-9, '.', '_', '-'; at most 64), so 'other': "
            b.dropped.append(refused + listed(self.refused))
        if self.near:
            b.assumed.append(
                "kinds kept as the file says, though silomap warns (SM094): " + listed(self.near)
            )
        if self.external:
            count = plural(len(self.external), "system")
            b.mapped.append(
                f"{count} external (a supplier's or partner's, never merged or retired by a fix): "
                f"{listed(self.external)}"
            )
        b.assumed.extend(self.notes)


def quoted(text: str) -> str:
    """A name or word of the file as a report line shows it: escaped, at most 60 characters.

    >>> quoted("CRM\\x1b[2J"), len(quoted("x" * 100))
    ('CRM\\\\x1b[2J', 60)
    """
    return safe_text(text if len(text) <= 60 else text[:59] + "\u2026")
