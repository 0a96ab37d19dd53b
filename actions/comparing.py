"""Comparison answers: two occupations or two routes side by side, when the student's message compares.

A thin adapter over :mod:`career_kb.answers.compare_ask` (reading the question) and
:mod:`career_kb.answers.compare` (the figures). The occupation actions call :func:`comparison_reply`
first, so "compare electricians and plumbers" or "nurse vs software developer" is answered for both
jobs whatever single-job intent the NLU gave it, and "which one pays more?" right after two jobs
were offered (:func:`actions.dialogue_state.last_offered`) compares those two.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from actions import kb, render
from actions.context import current_state, latest_text, slot
from actions.dialogue_state import last_offered
from actions.formatting import bullets, button, cite, dedupe_buttons, money, percent
from actions.wording import say
from career_kb.answers.compare import (
    OccupationComparison,
    OccupationSide,
    RouteComparison,
    StateComparison,
    StateSide,
    compare_occupations,
    compare_routes,
    compare_states,
)
from career_kb.answers.compare_ask import aspect_of, comparison_sides, resolve_sides
from career_kb.answers.lookup import resolve_code
from career_kb.vocabulary import parse_state


def _side_line(side: OccupationSide) -> str:
    parts = []
    if side.annual_median is not None:
        pay = money(side.annual_median, top_coded=side.annual_median_top_coded)
        parts.append(say("compare.pay", pay=pay, cite=cite(side.pay_citation)))
    if side.percent_change is not None:
        change = percent(side.percent_change)
        parts.append(say("compare.growth", change=change, cite=cite(side.outlook_citation)))
    if side.entry_education:
        parts.append(say("compare.education", education=side.entry_education.lower(), cite=cite(side.outlook_citation)))
    return f"{side.title}: " + ("; ".join(parts) if parts else say("compare.no_figures"))


def occupations_text(c: OccupationComparison) -> str:
    """The two occupations side by side, then which is ahead where the figures say so."""
    titles = {c.left.onet_code: c.left.title, c.right.onet_code: c.right.title}
    lines = [
        say("compare.heading", left=c.left.title, right=c.right.title),
        bullets([_side_line(c.left), _side_line(c.right)]),
    ]
    verdicts = []
    if c.higher_pay:
        verdicts.append(say("compare.higher_pay", title=titles[c.higher_pay]))
    if c.faster_growth:
        verdicts.append(say("compare.faster_growth", title=titles[c.faster_growth]))
    if c.less_preparation:
        verdicts.append(say("compare.less_preparation", title=titles[c.less_preparation]))
    elif c.left.entry_education and c.left.entry_education == c.right.entry_education:
        verdicts.append(say("compare.same_preparation"))
    if verdicts:
        lines.append(" ".join(verdicts))
    return "\n\n".join(lines)


def routes_text(c: RouteComparison) -> str:
    """Two routes, for the occupation when there is one; says the KB has no lengths or costs."""
    left, right = say(f"routes.names.{c.left.route}"), say(f"routes.names.{c.right.route}")
    for_job = say("compare.for_job", title=c.title) if c.title else ""
    lines = [say("compare.routes_heading", left=left, right=right, for_job=for_job)]
    if c.left.fit and c.right.fit:
        lines.append(render.route_lines([c.left.fit, c.right.fit]))
    else:
        lines.append(say("compare.routes_unknown_job"))
    if not (c.time_known and c.cost_known):
        lines.append(say("compare.no_time_cost"))
    return "\n\n".join(lines)


def _state_line(side: StateSide, where: str) -> str:
    if side.annual_median is None:
        return say("compare.state_none", where=where)
    pay = money(side.annual_median, top_coded=side.annual_median_top_coded)
    return say("compare.state_pay", where=where, pay=pay, cite=cite(side.citation))


def states_text(c: StateComparison) -> str:
    """One occupation's pay in two states and the nation, and where it is higher."""
    names = {c.left.state: c.left.area_name or c.left.state, c.right.state: c.right.area_name or c.right.state}
    lines = [
        say("compare.states_heading", title=c.title, left=names[c.left.state], right=names[c.right.state]),
        bullets(
            [_state_line(c.left, names[c.left.state]), _state_line(c.right, names[c.right.state])]
            + ([_state_line(c.national, say("compare.us"))] if c.national else [])
        ),
    ]
    if c.higher_pay:
        lines.append(say("compare.higher_state", where=names[c.higher_pay]))
    return "\n\n".join(lines)


def two_states(tracker: Tracker) -> tuple[str, str] | None:
    """Two different states named in the latest message ("california or texas"), as postal codes."""
    states = list(dict.fromkeys(s for v in tracker.get_latest_entity_values("state") if (s := parse_state(v))))
    return (states[0], states[1]) if len(states) >= 2 else None


async def _states_reply(tracker: Tracker, code: str | None, name: str | None) -> str | None:
    states = two_states(tracker)
    if states is None:
        return None
    onet = await kb.call(resolve_code, code, name) or slot(tracker, "occupation_code")
    if not onet:
        return None
    c = await kb.call(compare_states, onet, states[0], states[1])
    return states_text(c) if c is not None else None


def _which_of_two(tracker: Tracker) -> tuple[str, str] | None:
    """The two occupations just offered when the message asks which of them is ahead ("which one pays more?")."""
    text = latest_text(tracker)
    if not (aspect_of(text) and re.search(r"\bwhich\b", text.lower())):
        return None
    offered = [o.subject for o in last_offered(tracker.events)]
    jobs = [s.key for s in offered if s is not None and s.kind == "occupation"]
    return (jobs[0], jobs[1]) if len(jobs) == 2 else None


async def comparison_reply(
    tracker: Tracker, code: str | None = None, name: str | None = None
) -> tuple[str, list[dict[str, str]]] | None:
    """The comparison answer (text, buttons) when the latest message compares two jobs, two routes or
    one job in two states; else None. ``code`` / ``name``: the occupation the message names, if any."""
    by_state = await _states_reply(tracker, code, name)
    if by_state is not None:
        return by_state, []
    pair = None if code or name else _which_of_two(tracker)
    if pair is not None:
        c = await kb.call(compare_occupations, pair[0], pair[1], current_state(tracker))
        return (occupations_text(c), []) if c is not None else None
    ask = comparison_sides(latest_text(tracker))
    if ask is None:
        return None
    sides = await kb.call(resolve_sides, ask)
    if sides.kind == "occupations" and sides.left and sides.right:
        c = await kb.call(compare_occupations, sides.left, sides.right, current_state(tracker))
        if c is None:
            return None
        buttons = [button(s.title, "ask_occupation_info", occupation_code=s.onet_code) for s in (c.left, c.right)]
        return occupations_text(c), dedupe_buttons(buttons)
    if sides.kind == "routes" and sides.left and sides.right:
        r = await kb.call(compare_routes, sides.left, sides.right, slot(tracker, "occupation_code"))
        return (routes_text(r), []) if r is not None else None
    return None
