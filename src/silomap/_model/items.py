"""The items of the model format, version 1: its value types, and the teams, entities, systems,
integrations, questions, journeys and steps a model lists (:mod:`.schema` puts them together).
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import ConfigDict, Field, StringConstraints

from .base import ID_PATTERN, Extensible, Id, Name, Named, Text
from .kpis import Kpis

FORMAT_VERSION = 1
LIST_KINDS_ORDER = ("teams", "entities", "systems", "integrations", "questions", "journeys")
MAX_VOLUME = 1e12  # a trillion times a month: far beyond any real journey, and no figure overflows
Volume = Annotated[
    float,
    Field(strict=True, gt=0, le=MAX_VOLUME, allow_inf_nan=False, description="Times per month; positive."),
]
Minutes = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
Weight = Annotated[float, Field(strict=True, ge=0, allow_inf_nan=False)]
SourceId = Annotated[
    str,
    StringConstraints(max_length=200),
    Field(description="The element's id in the tool it was imported from (ArchiMate, Structurizr, BPMN)."),
]

KnownKind = Literal[
    "crm",
    "erp",
    "contact-center",
    "ivr",
    "chatbot",
    "web",
    "mobile-app",
    "billing",
    "core",
    "ticketing",
    "order-management",
    "data-warehouse",
    "email",
    "marketing",
    "spreadsheet",
    "other",
]
SYSTEM_KINDS: tuple[str, ...] = get_args(KnownKind)  # the kinds silomap knows: styles, fixes
UNDECLARED_KIND = "other"  # the default: says nothing about what a system is
SystemKind = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(
        description=(
            "What the system is: a known kind (" + ", ".join(SYSTEM_KINDS) + ") or your own id "
            "(meter-data, ehr); 'other' says nothing."
        )
    ),
]
Channel = Literal[
    "web",
    "mobile",
    "ios",
    "android",
    "phone",
    "ivr",
    "chat",
    "email",
    "branch",
    "social",
    "mail",
    "field",
    "internal",
]
CHANNELS: tuple[str, ...] = get_args(Channel)
DIGITAL_CHANNELS = ("web", "mobile", "ios", "android")  # the channels of channel parity, in this order
Lifecycle = Literal["planned", "active", "phasing-out", "retired"]
LIFECYCLES: tuple[str, ...] = get_args(Lifecycle)
REPLACED = ("phasing-out", "retired")  # lifecycles of systems being replaced
Mode = Literal["realtime", "batch", "file", "manual"]
MODES: tuple[str, ...] = get_args(Mode)
Stage = Literal["discovery", "sales", "after-sales"]
STAGES: tuple[str, ...] = get_args(Stage)


class Team(Named):
    """An internal actor: a department, a role, a partner.

    Parameters
    ----------
    id, name
        The team's id (``contact-center``), and its name as shown; ``label`` falls back to the id.
    description, source_id
        What the team does; its identifier in the tool it was imported from.
    tags
        Ids that group teams across the model (``front-office``).

    Examples
    --------
    >>> Team(id="contact-center", name="Contact Center").label
    'Contact Center'
    """

    description: Text | None = None
    source_id: SourceId | None = None


class Entity(Named):
    """A kind of business data, such as ``address`` or ``card-order``.

    Parameters
    ----------
    id, name
        The entity's id (``address``), and its name as shown (``Postal address``).
    description
        What the data is.
    source_id
        Where it came from: its identifier in the tool it was imported from.
    tags
        Ids that group data across the model (``pii``).

    Examples
    --------
    >>> Entity(id="address", name="Postal address").label
    'Postal address'
    """

    description: Text | None = None
    source_id: SourceId | None = None


class System(Named):
    """An application: a CRM, an ERP, an IVR, a spreadsheet...

    Parameters
    ----------
    id, name
        Its id, and the name shown (the id when none is given: ``label``).
    kind
        What it is (``crm``, ``erp``, ``ivr``..., or your own); ``other`` says nothing.
    external
        A supplier's or partner's: never merged or retired by a fix.
    owner
        The id of the team that owns it.
    holds
        The entities it stores.
    channels
        The customer-facing channels it serves.
    lifecycle
        ``planned``, ``active``, ``phasing-out`` or ``retired``.
    description, source_id
        What it is; its identifier in the tool it was imported from.
    tags
        Ids that group items across the model (``online``, ``back-office``).

    Examples
    --------
    >>> System(id="crm-harbor", name="Harbor CRM", kind="crm", lifecycle="phasing-out").kind
    'crm'
    """

    kind: SystemKind = UNDECLARED_KIND
    external: bool = Field(
        default=False,
        description="A supplier's, partner's or SaaS system the organisation cannot change: never merged "
        "or retired by a fix.",
    )
    owner: Id | None = Field(default=None, description="The id of the team that owns it.")
    holds: tuple[Id, ...] = Field(default=(), description="Entities stored in this system.")
    channels: tuple[Channel, ...] = Field(default=(), description="Customer-facing channels.")
    lifecycle: Lifecycle = Field(default="active", description="planned, active, phasing-out or retired.")
    description: Text | None = None
    source_id: SourceId | None = None


class Integration(Extensible):
    """Data moving from one system to another.

    ``manual`` integrations are people copying data by hand: reported, but
    nothing flows through them.

    Parameters
    ----------
    source, target
        The systems' ids (``from`` and ``to`` in YAML).
    carries
        The entities it carries; at least one.
    mode
        ``realtime``, ``batch``, ``file`` or ``manual``.
    name, description, source_id
        Its name and what it is; its identifier in the tool it was imported from.
    tags
        Ids that group items across the model (``online``, ``back-office``).

    Examples
    --------
    >>> link = Integration(source="crm", target="erp", carries=["address"])
    >>> link.source, link.target, link.mode
    ('crm', 'erp', 'realtime')
    """

    model_config = ConfigDict(populate_by_name=True)

    source: Id = Field(alias="from")
    target: Id = Field(alias="to")
    carries: tuple[Id, ...] = Field(min_length=1, description="Entities it carries; at least one.")
    mode: Mode = "realtime"
    name: Name | None = None
    description: Text | None = None
    source_id: SourceId | None = None


class Question(Extensible):
    """Something customers ask, and the data someone must see to answer it.

    Parameters
    ----------
    id, text
        Its id, and the question as customers ask it (the id when none is given: ``label``).
    needs
        The entities someone must see to answer it; at least one.
    volume
        Times asked a month.
    kpis
        The outcomes measured for it (:class:`Kpis`).
    tags
        Ids that group items across the model (``online``, ``back-office``).

    Examples
    --------
    >>> Question(id="where-is-my-card", needs=["card-order"]).label
    'where-is-my-card'
    """

    id: Id
    text: Text | None = None
    needs: tuple[Id, ...] = Field(min_length=1, description="Entities needed; at least one.")
    volume: Volume | None = None
    kpis: Kpis | None = None

    @property
    def label(self) -> str:
        """The question's text, or its id when it has none."""
        return self.text or self.id


class Step(Named):
    """One touchpoint of a journey.

    Parameters
    ----------
    id, name
        Its id, and the name shown.
    actor
        ``customer`` or a team's id.
    channel
        Where it happens (``web``, ``phone``, ``branch``...; ``internal`` for back-office work).
    systems
        The systems it uses.
    captures, reads
        The entities typed or given here, and those read.
    answers
        The questions answered here.
    minutes, source_id
        How long it takes; its identifier in the tool it was imported from.
    tags
        Ids that group items across the model (``online``, ``back-office``).

    Examples
    --------
    >>> s = Step(id="ask", actor="customer", channel="web", systems=["web"], captures=["address"])
    >>> s.label, s.systems, s.captures
    ('ask', ('web',), ('address',))
    """

    actor: Id = Field(description="'customer' or a team id.")
    channel: Channel
    systems: tuple[Id, ...] = ()
    captures: tuple[Id, ...] = Field(default=(), description="Entities typed or given here.")
    reads: tuple[Id, ...] = ()
    answers: tuple[Id, ...] = Field(default=(), description="Questions answered here.")
    minutes: Minutes | None = None
    source_id: SourceId | None = None


class Journey(Named):
    """An ordered customer journey.

    Parameters
    ----------
    id, name
        Its id, and the name shown.
    stage
        Its life-cycle stage: ``discovery``, ``sales`` or ``after-sales``.
    volume
        Runs a month.
    kpis
        The outcomes measured for it (:class:`Kpis`).
    description, source_id
        What it is; its identifier in the tool it was imported from.
    steps
        Its steps, in order; at least one.
    tags
        Ids that group items across the model (``online``, ``back-office``).

    Examples
    --------
    >>> step = Step(id="ask", actor="customer", channel="web", systems=["web"])
    >>> Journey(id="move", name="Move house", stage="after-sales", steps=[step]).label
    'Move house'
    """

    stage: Stage
    volume: Volume | None = None
    kpis: Kpis | None = None
    description: Text | None = None
    source_id: SourceId | None = None
    steps: tuple[Step, ...] = Field(min_length=1)
