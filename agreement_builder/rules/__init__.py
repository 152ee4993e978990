"""The rule catalogue: every rule module, registered by id and grouped into packs."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from . import (
    input_reference,
    input_shape,
    input_syntax,
    input_waiver,
    purpose,
)
from .base import Rule

if TYPE_CHECKING:
    from ..model import Agreement


MODULES: tuple[ModuleType, ...] = (
    input_syntax, input_shape, input_reference, input_waiver,
    purpose,
)

RULES: dict[str, Rule] = {rule.id: rule for rule in map(Rule.from_module, MODULES)}

PACKS: dict[str, str] = {
    "input": "Checks the pipeline makes on every file: syntax, shape, references, waivers.",
    "briefing": "Good practice for any partnership agreement, from the briefing (always applied).",
}


def packs_for(agreement: Agreement) -> list[str]:
    """The packs that apply to an agreement by default: the briefing pack, plus any statutory pack it fits."""
    return ["briefing"]
