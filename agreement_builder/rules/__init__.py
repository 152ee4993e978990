"""The rule catalogue: every rule module, registered by id and grouped into packs."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from . import (
    accountability,
    accountability_tree,
    actions,
    behaviours,
    boundaries,
    boundary_links,
    budget_cycles,
    communication,
    complaints,
    contributions,
    definitions,
    delegated_authority,
    disputes,
    engagement,
    england_s75,
    executive_group,
    exit_strategy,
    finance,
    host_reporting,
    information_sharing,
    input_comment_in_text,
    input_curly_quotes,
    input_reference,
    input_shape,
    input_syntax,
    input_waiver,
    joint_training,
    key_decisions,
    key_roles,
    legal_powers,
    mainstreaming,
    membership,
    monitoring,
    outcome_measures,
    partner_breadth,
    partnership_model,
    performance_feedback,
    placeholders,
    priorities,
    purpose,
    representation_levels,
    risk,
    roles,
    scotland_2002,
    scotland_integration,
    shared_leadership,
    staff_terms,
    statutory,
    supervision,
    time_horizon,
)
from .base import Rule

__all__ = ["MODULES", "PACKS", "RULES", "Rule", "packs_for"]

if TYPE_CHECKING:
    from ..model import Agreement


MODULES: tuple[ModuleType, ...] = (
    input_syntax, input_shape, input_reference, input_waiver, input_curly_quotes, input_comment_in_text,
    purpose, membership, accountability, roles, finance, boundaries, risk, disputes, supervision, complaints,
    exit_strategy, legal_powers,
    partner_breadth, delegated_authority, key_decisions, executive_group, shared_leadership, key_roles,
    accountability_tree, outcome_measures, priorities, actions, monitoring, information_sharing, contributions,
    mainstreaming, host_reporting, representation_levels, definitions, joint_training, engagement, behaviours,
    communication, time_horizon, boundary_links, budget_cycles, staff_terms, performance_feedback,
    partnership_model, placeholders,
    *scotland_2002.MODULES, *scotland_integration.MODULES, *england_s75.MODULES,
)

RULES: dict[str, Rule] = {rule.id: rule for rule in map(Rule.from_module, MODULES)}

PACKS: dict[str, str] = {
    "input": "Checks the pipeline makes on every file: syntax, shape, references, waivers.",
    "briefing": "Good practice for any partnership agreement, from the briefing (applied unless --pack says "
                "otherwise).",
    **{pack.PACK: pack.DESCRIPTION for pack in (scotland_2002, scotland_integration, england_s75)},
}


def packs_for(agreement: Agreement) -> list[str]:
    """The packs that apply to an agreement by default: the briefing pack, plus any statutory pack it fits."""
    return ["briefing", *statutory.statutory_packs(agreement)]
