"""The rule catalogue: every rule module, registered by id and grouped into packs."""

from __future__ import annotations

from collections.abc import Iterable
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
    input_characters,
    input_comment_in_text,
    input_covers,
    input_curly_quotes,
    input_free_text,
    input_pack_fit,
    input_reference,
    input_renamed,
    input_shape,
    input_syntax,
    input_waiver,
    joint_training,
    key_decisions,
    key_roles,
    legal,
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

__all__ = ["MODULES", "PACKS", "RULES", "STATUTORY", "Rule", "choose_packs", "packs_for"]

if TYPE_CHECKING:
    from ..model import Agreement


MODULES: tuple[ModuleType, ...] = (
    input_syntax, input_shape, input_reference, input_waiver, input_curly_quotes, input_comment_in_text,
    input_renamed, input_covers, input_free_text, input_pack_fit, input_characters,
    purpose, membership, accountability, roles, finance, boundaries, risk, disputes, supervision, complaints,
    exit_strategy, legal_powers,
    partner_breadth, delegated_authority, key_decisions, executive_group, shared_leadership, key_roles,
    accountability_tree, outcome_measures, priorities, actions, monitoring, information_sharing, contributions,
    mainstreaming, host_reporting, representation_levels, definitions, joint_training, engagement, behaviours,
    communication, time_horizon, boundary_links, budget_cycles, staff_terms, performance_feedback,
    partnership_model, placeholders,
    *legal.MODULES,
    *scotland_2002.MODULES, *scotland_integration.MODULES, *england_s75.MODULES,
)

RULES: dict[str, Rule] = {rule.id: rule for rule in map(Rule.from_module, MODULES)}

STATUTORY: tuple[str, ...] = (scotland_2002.PACK, scotland_integration.PACK, england_s75.PACK)

PACKS: dict[str, str] = {
    "input": "Checks the pipeline makes on every file: syntax, shape, references, waivers, how the file was typed, "
             "renamed keys and what free clauses cover (always run).",
    "briefing": "Good practice for any partnership agreement, from the briefing (always run, unless --no-briefing).",
    legal.PACK: legal.DESCRIPTION,
    **{pack.PACK: pack.DESCRIPTION for pack in (scotland_2002, scotland_integration, england_s75)},
}


def packs_for(agreement: Agreement) -> list[str]:
    """The packs that apply to an agreement by default: the briefing and legal packs, and any statutory pack
    it fits."""
    return ["briefing", legal.PACK, *statutory.statutory_packs(agreement)]


def choose_packs(agreement: Agreement, packs: Iterable[str] | None,
                 briefing: bool) -> tuple[list[str], list[str]]:
    """The packs to run on an agreement, and the chosen statutory packs that do not fit it (reported, not run).

    With ``packs`` None, the defaults (``packs_for``). Packs chosen are run with the briefing pack (unless
    ``briefing`` is false) and the legal pack.
    """
    chosen = packs_for(agreement) if packs is None else list(dict.fromkeys(["briefing", legal.PACK, *packs]))
    fitting = statutory.statutory_packs(agreement)
    misfits = [pack for pack in chosen if pack in STATUTORY and pack not in fitting]
    return [p for p in chosen if p not in misfits and (briefing or p != "briefing")], misfits
