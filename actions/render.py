"""Answers as text: the query API's and the answers layer's values worded with the wording file.

Every number carries its source and year ("$84,000 a year (BLS OEWS, May 2025)"). No I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from actions.formatting import bullets, cite, hourly, join_words, money, number, percent
from actions.wording import has, say
from career_kb import interests, queries
from career_kb.answers.next_steps import Step
from career_kb.answers.routes import RouteFit
from career_kb.vocabulary import RIASEC_NAMES


def _first_sentences(text: str | None, n: int = 2) -> str:
    if not text:
        return ""
    return " ".join(re.split(r"(?<=[.!?])\s+", text.strip())[:n])


def describe_code(code: str) -> str:
    """ "IS" → "Investigative (figuring things out: …) and Social (helping, …)"."""
    parts = [
        say("riasec.described", name=RIASEC_NAMES[c], gloss=say(f"riasec.gloss.{c}")) for c in code if c in RIASEC_NAMES
    ]
    return join_words(parts)


def _median(wage: queries.Wage) -> str | None:
    """The median as said in a sentence: yearly (with hourly) unless BLS publishes hourly only."""
    if wage.annual_median is not None and not wage.hourly_only:
        main = say("pay.per_year", amount=money(wage.annual_median, top_coded=wage.is_top_coded("annual_median")))
        if wage.hourly_median is not None:
            main += say(
                "pay.hourly_too", hourly=hourly(wage.hourly_median, top_coded=wage.is_top_coded("hourly_median"))
            )
        return main
    if wage.hourly_median is not None:
        return hourly(wage.hourly_median, top_coded=wage.is_top_coded("hourly_median"))
    return None


def _spread(wage: queries.Wage) -> str:
    """ "Most earn between … and …", or "" when BLS gives no 10th/90th percentiles.

    A top-coded figure is "at least" BLS's top code: when even the 10th percentile is top-coded
    there is no range to give, only that nearly everyone earns at least the top code.
    """
    fmt: Callable[..., str | None]
    if wage.annual_p10 is not None and wage.annual_p90 is not None and not wage.hourly_only:
        period, fmt = "annual", money
    elif wage.hourly_p10 is not None and wage.hourly_p90 is not None:
        period, fmt = "hourly", hourly
    else:
        return ""
    low, high = getattr(wage, f"{period}_p10"), getattr(wage, f"{period}_p90")
    if wage.is_top_coded(f"{period}_p10"):
        return say("pay.spread_all_top_coded", low=fmt(low, top_coded=True), cite=cite(wage.citation))
    if wage.is_top_coded(f"{period}_p90"):
        return say("pay.spread_top_coded", low=fmt(low), high=fmt(high, top_coded=True), cite=cite(wage.citation))
    return say("pay.spread", low=fmt(low), high=fmt(high), cite=cite(wage.citation))


def pay_line(wage: queries.Wage | None, where: str, title: str | None = None, spread: bool = True) -> str | None:
    """ "In Iowa, the median pay is $78,630 a year ($37.80 an hour) (BLS OEWS, May 2025). Most earn …".

    With the occupation's ``title``, a wage BLS publishes for a broader group says so.
    """
    if wage is None:
        return None
    median = _median(wage)
    if median is None:
        return None
    group = queries.broader_bls_title(title, wage.bls_title)
    subject = say("pay.for_group", group=group) if group else ""
    line = say("pay.median", where=where, subject=subject, median=median, cite=cite(wage.citation))
    return line + (_spread(wage) if spread else "")


def outlook_line(p: queries.Projection | None, group: str | None = None, openings: bool = True) -> str | None:
    """Growth 2024–34 with the outlook label and yearly openings, cited; ``group``: the broader BLS occupation."""
    if p is None or p.percent_change is None:
        return None
    jobs = say("outlook.jobs_in_group", group=group) if group else say("outlook.jobs")
    label = say("outlook.label", outlook=p.outlook) if p.outlook else ""
    line = say("outlook.change", jobs=jobs, change=percent(p.percent_change), label=label, cite=cite(p.citation))
    if openings and p.annual_openings:
        line += say("outlook.openings", openings=number(p.annual_openings), cite=cite(p.citation))
    return line


def outlook_phrase(outlook: str) -> str:
    """BLS's outlook label ("decline") as list wording ("jobs expected to decline")."""
    key = "outlook.phrases." + outlook.strip().lower().replace(" ", "_")
    return say(key) if has(key) else say("outlook.phrases.other", outlook=outlook)


def summary_line(o: queries.OccupationSummary) -> str:
    """ "Nurse Practitioners: median pay $132,050 a year (BLS OEWS, May 2025); much faster than average growth (…)".

    A specialty whose figures BLS publishes for a broader group says which: "Acute Care Nurses (as
    Registered Nurses): median pay …".
    """
    group = o.bls_group
    name = say("lists.as_group", title=o.title, group=group) if group else o.title
    parts = []
    if o.annual_median is not None:
        pay = money(o.annual_median, top_coded=o.annual_median_top_coded)
        parts.append(say("lists.median_pay", pay=pay, cite=cite(o.wage_citation)))
    if o.outlook:
        parts.append(outlook_phrase(o.outlook) + cite(o.outlook_citation))
    return name + (": " + "; ".join(parts) if parts else "")


def route_text(fit: RouteFit) -> str:
    """One route's fit, worded."""
    return say(f"routes.{fit.route}.{fit.fit}", **fit.values)


def route_lines(fits: Iterable[RouteFit]) -> str:
    """ "College: …" per route, as bullets."""
    return bullets(say("routes.line", route=say(f"routes.names.{f.route}"), text=route_text(f)) for f in fits)


def when(o: queries.OpportunityInfo) -> str:
    """An opportunity's dates ("Feb 12 to Feb 14, 2027", "Thu Feb 12, 2027"), season, or "to be announced"."""
    if o.start_date and o.end_date and o.end_date != o.start_date:
        return f"{o.start_date:%b %-d} to {o.end_date:%b %-d, %Y}"
    if o.start_date:
        return f"{o.start_date:%a %b %-d, %Y}"
    return o.season or say("opportunities.dates_tba")


def opportunity_line(o: queries.OpportunityInfo) -> str:
    """ "Job shadow: Hospital job shadow day with Meadowlark Regional Health. Feb 12, 2027, grades 10-12."."""
    return say(
        "opportunities.line",
        type=say(f"opportunities.types.{o.type}"),
        title=o.title,
        who=say("opportunities.with", partner=o.partner_name) if o.partner_name else "",
        where=say("opportunities.at", school=o.school_name) if o.school_name else "",
        when=when(o),
        low=o.grade_low,
        high=o.grade_high,
        paid=say("opportunities.paid") if o.paid else "",
    )


def program_line(p: queries.ProgramInfo) -> str:
    """One program: name, school, grades, certifications, dual credit."""
    extras = []
    if p.certifications:
        extras.append(say("programs.certifications", certifications=join_words(list(p.certifications[:2]))))
    if p.dual_credit:
        partner = say("programs.with", partner=p.dual_credit_partner) if p.dual_credit_partner else ""
        extras.append(say("programs.college_credit", partner=partner))
    tail = f" ({'; '.join(extras)})" if extras else ""
    return say("programs.line", name=p.name, school=p.school_name, low=p.grade_low, high=p.grade_high, extras=tail)


def partner_line(p: queries.PartnerInfo) -> str:
    """ "Meadowlark Regional Health (hospital and clinics): job shadows, internships. Ask for the …"."""
    offers = join_words([say(f"opportunities.plurals.{t}") for t in p.opportunity_types[:4]])
    line = p.name + (f" ({p.industry.lower()})" if p.industry else "")
    if offers:
        line += f": {offers}"
    if p.contact_role:
        line += say("partners.ask_for", role=p.contact_role.lower())
    return line + "."


# --- one occupation -------------------------------------------------------------------------------


def info(d: queries.OccupationDetails, state: str | None = None) -> str:
    """What the occupation is, interests, preparation, and a quick look at pay and outlook."""
    description = _first_sentences(d.description) or say("info.no_description")
    lines = [say("info.title", title=d.title, description=description, cite=cite(d.onet_citation))]
    if d.sample_titles:
        lines.append(say("info.also_called", titles=join_words(list(d.sample_titles[:4]))))
    if d.riasec_names:
        lines.append(say("info.suits", interests=join_words(list(d.riasec_names[:2])), cite=cite(d.onet_citation)))
    if d.job_zone:
        lines.append(
            say("info.preparation", meaning=say(f"job_zones.{d.job_zone.zone}"), cite=cite(d.job_zone.citation))
        )
    pay = pay_line(d.national_wage, say("pay.in_us"), d.title, spread=False)
    if pay:
        lines.append(pay)
    out = outlook_line(d.projection, d.outlook_group, openings=False)
    if out:
        lines.append(out)
    return "\n\n".join(lines)


def _group_note(
    d: queries.OccupationDetails, group: str, row: queries.Wage | queries.Projection | None, keys: tuple[str, str]
) -> str:
    """Why the figures are a broader group's: ``keys`` (group note, aggregate note) word an O*NET
    specialty of a SOC code, or a BLS aggregate ("BLS publishes one figure for Home Health and
    Personal Care Aides, ...") with its source and year."""
    note, aggregate_note = keys
    if d.in_bls_aggregate and row is not None:
        return say(aggregate_note, title=d.title, group=group, cite=cite(row.citation))
    return say(note, title=d.title, group=group)


def pay(d: queries.OccupationDetails, state: str | None = None) -> str:
    """National pay, the student's state pay when known, cited."""
    lines = [say("pay.heading", title=d.title)]
    if d.pay_group:
        lines.append(
            _group_note(d, d.pay_group, d.national_wage or d.state_wage, ("pay.group_note", "pay.aggregate_note"))
        )
    lines.append(pay_line(d.national_wage, say("pay.in_us"), d.title) or say("pay.no_national"))
    if d.state_wage is not None:
        place = d.state_wage.area_name
        lines.append(
            pay_line(d.state_wage, say("pay.in_place", place=place), d.title)
            or say("pay.not_released", place=place, cite=cite(d.state_wage.citation))
        )
    elif state:
        lines.append(say("pay.no_state", state=state))
    else:
        lines.append(say("pay.ask_zip"))
    lines.append(say("pay.median_means"))
    return "\n\n".join(line for line in lines if line)


def outlook(d: queries.OccupationDetails, state: str | None = None) -> str:
    """Projected growth, outlook wording, openings and jobs today."""
    p = d.projection
    line = outlook_line(p, d.outlook_group)
    if p is None or not line:
        return say("outlook.none", title=d.title)
    lines = [say("outlook.heading", title=d.title)]
    if d.outlook_group:
        lines.append(_group_note(d, d.outlook_group, p, ("outlook.group_note", "outlook.aggregate_note")))
    lines.append(line)
    if p.employment_base:
        where = say("outlook.that_group") if d.outlook_group else say("outlook.this_job")
        lines.append(say("outlook.employment", count=number(p.employment_base), where=where, cite=cite(p.citation)))
    if p.outlook in ("much faster than average", "faster than average"):
        lines.append(say("outlook.growing"))
    elif p.outlook in ("decline", "little or no change"):
        lines.append(say("outlook.shrinking"))
    return "\n\n".join(lines)


def pathway(d: queries.OccupationDetails, fits: Iterable[RouteFit]) -> str:
    """Education, training and the routes that lead to the occupation."""
    p = d.projection
    facts = []
    if p and p.entry_education:
        group = say("pathway.for_group", group=d.outlook_group) if d.outlook_group else ""
        facts.append(say("pathway.education", education=p.entry_education, group=group, cite=cite(p.citation)))
    if p and p.on_the_job_training and p.on_the_job_training != "None":
        facts.append(say("pathway.training", training=p.on_the_job_training, cite=cite(p.citation)))
    if p and p.work_experience and p.work_experience != "None":
        facts.append(say("pathway.experience", experience=p.work_experience, cite=cite(p.citation)))
    if d.job_zone:
        facts.append(
            say(
                "pathway.level",
                zone=d.job_zone.zone,
                meaning=say(f"job_zones.{d.job_zone.zone}"),
                cite=cite(d.job_zone.citation),
            )
        )
    lines = [say("pathway.heading", title=d.title), bullets(facts) if facts else say("pathway.no_data")]
    lines.append(say("pathway.routes") + "\n" + route_lines(fits))
    return "\n\n".join(lines)


def skills(d: queries.OccupationDetails, state: str | None = None) -> str:
    """Top skills and knowledge (O*NET) and the school subjects that build them."""
    lines = [say("skills.heading", title=d.title)]
    if d.skills:
        lines.append(
            say("skills.skills", skills=join_words([s.name for s in d.skills[:5]]), cite=cite(d.onet_citation))
        )
    if d.knowledge:
        knowledge = join_words([k.name for k in d.knowledge[:4]])
        lines.append(say("skills.knowledge", knowledge=knowledge, cite=cite(d.onet_citation)))
        subjects = interests.subjects_for_knowledge([k.name for k in d.knowledge], limit=5)
        if subjects:
            lines.append(say("skills.classes", subjects=join_words(subjects)))
    if len(lines) == 1:
        lines.append(say("skills.none"))
    return "\n\n".join(lines)


def similar(d: queries.OccupationDetails, state: str | None = None) -> str:
    """O*NET's related occupations with their pay."""
    if not d.related:
        return say("similar.none", title=d.title)
    return (
        say("similar.heading", title=d.title, cite=cite(d.onet_citation))
        + "\n"
        + bullets(summary_line(o) for o in d.related[:5])
    )


# --- next steps -----------------------------------------------------------------------------------


def step_line(step: Step) -> str:
    """One next step, worded."""
    v = step.values
    if step.key == "explore_interests":
        return say("next_steps.explore_interests", interests=describe_code(v["code"]))
    if step.key == "electives_for":
        return say("next_steps.electives_for", title=v["title"], subjects=join_words(v["subjects"]))
    if step.key == "career_event":
        return say("next_steps.career_event", event=opportunity_line(v["event"]))
    if step.key == "cte_sequence":
        return say("next_steps.cte_sequence", program=program_line(v["program"]))
    if step.key == "dual_credit":
        program = v["program"]
        partner = (
            say("next_steps.dual_credit_with", partner=program.dual_credit_partner)
            if program.dual_credit_partner
            else ""
        )
        return say("next_steps.dual_credit", program=program.name, partner=partner)
    if step.key == "work_based_learning":
        return say("next_steps.work_based_learning", opportunity=opportunity_line(v["opportunity"]))
    if step.key in ("plan_classes", "compare_options", "apply"):
        goal = ""
        if v:
            p = v["projection"]
            goal = say("next_steps.goal", title=v["title"], education=p.entry_education.lower(), cite=cite(p.citation))
        return say(f"next_steps.{step.key}", goal=goal)
    return say(f"next_steps.{step.key}", **v)
