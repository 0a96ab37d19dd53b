"""SQLAlchemy models of the career knowledge base.

Three groups of tables:

* national facts: occupations (O*NET-SOC), their titles, interests, skills, wages (BLS OEWS),
  projections (BLS EP), career clusters and pathways, postsecondary programs (CIP) and ZIP centroids;
* district data, imported from a district's CSV files: schools, CTE programs, partners,
  work-based-learning opportunities and events;
* students: pseudonymous profiles and career-plan items, filled by the assistant.

Counselors (issue 12): staff accounts, hand-off tickets with notes and outgoing replies, the FAQ
answers counselors write, and the audit log. Besides these, ``channel_event`` remembers which
chat-platform deliveries were already answered, and ``safety_alert`` keeps every crisis alert for the
counselors until it is sent and closed.

Codes are kept as the publishers write them: O*NET-SOC ``47-2111.00``, SOC ``47-2111``, CIP ``51.3801``.
BLS data is keyed by SOC because several O*NET-SOC codes share one SOC code.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()  # SQLAlchemy 1.4 ships no types: the declarative base is dynamic


class DataSource(Base):
    """A published data set the KB was built from, cited with every number taken from it."""

    __tablename__ = "data_source"

    id = Column(String(40), primary_key=True)  # e.g. "bls_oews"
    name = Column(String(200), nullable=False)  # "BLS Occupational Employment and Wage Statistics"
    edition = Column(String(60), nullable=False)  # "May 2025"
    short_citation = Column(String(80), nullable=False)  # "BLS, May 2025"
    license = Column(String(200), nullable=False)
    url = Column(String(300))
    attribution = Column(Text)


class Occupation(Base):
    """An O*NET-SOC occupation with interests, preparation and an education summary."""

    __tablename__ = "occupation"

    onet_code = Column(String(10), primary_key=True)  # 47-2111.00
    soc_code = Column(String(7), nullable=False, index=True)  # 47-2111
    title = Column(String(200), nullable=False)
    description = Column(Text)  # prose: read from the O*NET file at import time, never shipped
    job_zone = Column(Integer)  # 1..5
    typical_education = Column(String(120))  # most common O*NET "Required Level of Education" category
    riasec_r = Column(Float)
    riasec_i = Column(Float)
    riasec_a = Column(Float)
    riasec_s = Column(Float)
    riasec_e = Column(Float)
    riasec_c = Column(Float)
    riasec_code = Column(String(3))  # high-point code, e.g. "RIC" (first, second, third interest)
    is_data_level = Column(Boolean, nullable=False, default=False)

    alternate_titles = relationship("AlternateTitle", back_populates="occupation", cascade="all, delete-orphan")
    elements = relationship("OccupationElement", back_populates="occupation", cascade="all, delete-orphan")


class AlternateTitle(Base):
    """An alternate, short or worker-reported title for an occupation."""

    __tablename__ = "alternate_title"

    id = Column(Integer, primary_key=True, autoincrement=True)
    onet_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), nullable=False, index=True)
    title = Column(String(250), nullable=False)
    short_title = Column(String(120))
    kind = Column(String(12), nullable=False)  # "alternate" | "reported"
    shown_in_my_next_move = Column(Boolean, nullable=False, default=False)

    occupation = relationship("Occupation", back_populates="alternate_titles")

    __table_args__ = (UniqueConstraint("onet_code", "title", "kind", name="uq_alternate_title"),)


class OccupationElement(Base):
    """A skill or knowledge area of an occupation with its O*NET importance (1-5) and level (0-7)."""

    __tablename__ = "occupation_element"

    onet_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), primary_key=True)
    kind = Column(String(10), primary_key=True)  # "skill" | "knowledge"
    element_id = Column(String(20), primary_key=True)  # 2.A.1.a
    name = Column(String(120), nullable=False)
    importance = Column(Float, nullable=False)
    level = Column(Float)

    occupation = relationship("Occupation", back_populates="elements")


class RelatedOccupation(Base):
    """O*NET's related occupations, in order of relatedness."""

    __tablename__ = "related_occupation"

    onet_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), primary_key=True)
    related_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), primary_key=True)
    tier = Column(String(30), nullable=False)  # "Primary-Short", "Primary-Long", "Supplemental"
    rank = Column(Integer, nullable=False)  # O*NET "Index": 1 is the most related


class OccupationWage(Base):
    """OEWS wages for one SOC code in one area (``US`` or a state's postal code)."""

    __tablename__ = "occupation_wage"

    soc_code = Column(String(7), primary_key=True)
    area = Column(String(2), primary_key=True)  # "US" or "CA", "TX", ...
    area_name = Column(String(60), nullable=False)
    occupation_title = Column(String(200), nullable=False)  # BLS title, may differ from O*NET's
    employment = Column(Integer)
    hourly_mean = Column(Float)
    annual_mean = Column(Integer)
    hourly_p10 = Column(Float)
    hourly_p25 = Column(Float)
    hourly_median = Column(Float)
    hourly_p75 = Column(Float)
    hourly_p90 = Column(Float)
    annual_p10 = Column(Integer)
    annual_p25 = Column(Integer)
    annual_median = Column(Integer)
    annual_p75 = Column(Integer)
    annual_p90 = Column(Integer)
    # BLS top-codes wages at the survey's ceiling (">= $115.00/hour", ">= $239,200/year"): the stored
    # number is then the ceiling and must be said as "at least".
    hourly_top_coded = Column(Boolean, nullable=False, default=False)
    annual_top_coded = Column(Boolean, nullable=False, default=False)
    hourly_only = Column(Boolean, nullable=False, default=False)  # BLS publishes no annual wage
    source_id = Column(String(40), ForeignKey("data_source.id"), nullable=False)

    __table_args__ = (Index("ix_occupation_wage_area", "area"),)


class OccupationProjection(Base):
    """BLS Employment Projections 2024-34 for one SOC code."""

    __tablename__ = "occupation_projection"

    soc_code = Column(String(7), primary_key=True)
    title = Column(String(200), nullable=False)
    employment_base = Column(Float)  # thousands, 2024
    employment_projected = Column(Float)  # thousands, 2034
    percent_change = Column(Float)
    annual_openings = Column(Float)  # thousands per year
    median_annual_wage = Column(Integer)  # 2024 (EP table), for reference only; OEWS is the wage of record
    entry_education = Column(String(80))  # "Bachelor's degree", ...
    work_experience = Column(String(80))  # "None", "Less than 5 years", ...
    on_the_job_training = Column(String(80))  # "Apprenticeship", "Moderate-term on-the-job training", ...
    outlook = Column(String(40))  # derived: "much faster than average", ... (see career_kb.outlook)
    ooh_url = Column(String(300))
    source_id = Column(String(40), ForeignKey("data_source.id"), nullable=False)


class CareerCluster(Base):
    """One of the 16 career clusters."""

    __tablename__ = "career_cluster"

    id = Column(String(60), primary_key=True)  # slug: "health-science"
    name = Column(String(120), nullable=False, unique=True)

    pathways = relationship("CareerPathway", back_populates="cluster", cascade="all, delete-orphan")


class CareerPathway(Base):
    """A pathway inside a career cluster."""

    __tablename__ = "career_pathway"

    id = Column(String(120), primary_key=True)  # slug: "health-science/therapeutic-services"
    cluster_id = Column(String(60), ForeignKey("career_cluster.id", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(String(160), nullable=False)

    cluster = relationship("CareerCluster", back_populates="pathways")

    __table_args__ = (UniqueConstraint("cluster_id", "name", name="uq_pathway_name"),)


class PathwayOccupation(Base):
    """Occupations in a pathway (an occupation can sit in several)."""

    __tablename__ = "pathway_occupation"

    pathway_id = Column(String(120), ForeignKey("career_pathway.id", ondelete="CASCADE"), primary_key=True)
    onet_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), primary_key=True, index=True)


class CipProgram(Base):
    """A CIP 2020 postsecondary program of study (6-digit codes)."""

    __tablename__ = "cip_program"

    cip_code = Column(String(7), primary_key=True)  # 51.3801
    title = Column(String(250), nullable=False)
    family = Column(String(2), nullable=False, index=True)  # 51
    definition = Column(Text)  # prose: read from the NCES file at import time, never shipped


class CipOccupation(Base):
    """Crosswalk between programs and occupations (O*NET's CIP→O*NET-SOC and NCES's CIP→SOC)."""

    __tablename__ = "cip_occupation"

    cip_code = Column(String(7), ForeignKey("cip_program.cip_code", ondelete="CASCADE"), primary_key=True)
    onet_code = Column(String(10), ForeignKey("occupation.onet_code", ondelete="CASCADE"), primary_key=True, index=True)
    source = Column(String(10), nullable=False)  # "onet" | "nces"


class ZipCentroid(Base):
    """A ZIP Code Tabulation Area's internal point (Census 2023 Gazetteer) and its state."""

    __tablename__ = "zip_centroid"

    zip = Column(String(5), primary_key=True)
    latitude = Column(Float, nullable=False)
    longitude = Column(Float, nullable=False)
    state = Column(String(2))  # postal code, when known
    city = Column(String(80))


# --- district data ------------------------------------------------------------------------------


class District(Base):
    """A school district whose CSV files were imported."""

    __tablename__ = "district"

    id = Column(String(40), primary_key=True)
    name = Column(String(200), nullable=False)
    state = Column(String(2), nullable=False)
    is_sample = Column(Boolean, nullable=False, default=False)
    imported_at = Column(DateTime, server_default=func.now())


class School(Base):
    """A middle or high school of a district."""

    __tablename__ = "school"

    id = Column(String(40), primary_key=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(String(200), nullable=False)
    level = Column(String(10), nullable=False)  # "middle" | "high"
    grade_low = Column(Integer, nullable=False)
    grade_high = Column(Integer, nullable=False)
    zip = Column(String(5), nullable=False)
    address = Column(String(200))
    counselor_office = Column(String(200))  # e.g. "Room 114, counseling office" (a place, not a person)


class CteProgram(Base):
    """A CTE program of study offered at a school."""

    __tablename__ = "cte_program"

    id = Column(String(40), primary_key=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    school_id = Column(String(40), ForeignKey("school.id", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(String(200), nullable=False)
    cluster_id = Column(String(60), ForeignKey("career_cluster.id"), nullable=False, index=True)
    pathway_id = Column(String(120), ForeignKey("career_pathway.id"))
    grade_low = Column(Integer, nullable=False)
    grade_high = Column(Integer, nullable=False)
    course_sequence = Column(Text)  # courses in order, separated by " > "
    certifications = Column(Text)  # industry certifications, separated by "; "
    dual_credit = Column(Boolean, nullable=False, default=False)
    dual_credit_partner = Column(String(200))
    cip_code = Column(String(7))
    description = Column(Text)


class Partner(Base):
    """An employer or organization that partners with the district."""

    __tablename__ = "partner"

    id = Column(String(40), primary_key=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(String(200), nullable=False)
    kind = Column(String(20), nullable=False)  # "employer" | "organization"
    industry = Column(String(120))
    cluster_id = Column(String(60), ForeignKey("career_cluster.id"), nullable=False, index=True)
    zip = Column(String(5), nullable=False)
    opportunity_types = Column(String(250))  # "; "-separated opportunity types offered
    contact_role = Column(String(120))  # a role ("Internship coordinator"), never a person's name
    website = Column(String(250))


class Opportunity(Base):
    """A work-based-learning opportunity or a career event."""

    __tablename__ = "opportunity"

    id = Column(String(40), primary_key=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    type = Column(String(20), nullable=False, index=True)  # one of career_kb.vocabulary.OPPORTUNITY_TYPES
    title = Column(String(200), nullable=False)
    partner_id = Column(String(40), ForeignKey("partner.id", ondelete="SET NULL"), index=True)
    school_id = Column(String(40), ForeignKey("school.id", ondelete="SET NULL"))  # None: district-wide
    cluster_id = Column(String(60), ForeignKey("career_cluster.id"), nullable=False, index=True)
    grade_low = Column(Integer, nullable=False)
    grade_high = Column(Integer, nullable=False)
    start_date = Column(Date)
    end_date = Column(Date)
    season = Column(String(20))  # "fall", "spring", "summer", "school year"
    capacity = Column(Integer)
    paid = Column(Boolean)
    zip = Column(String(5), nullable=False)
    how_to_apply = Column(Text)
    description = Column(Text)


# --- students -----------------------------------------------------------------------------------


class StudentProfile(Base):
    """What the assistant remembers about a student: pseudonymous, no names or contact details."""

    __tablename__ = "student_profile"

    student_id = Column(String(64), primary_key=True)  # a pseudonymous id (hash of the channel's sender id)
    grade = Column(Integer)
    school_id = Column(String(40), ForeignKey("school.id", ondelete="SET NULL"))
    zip = Column(String(5))
    state = Column(String(2))
    riasec_code = Column(String(3))  # from an interest check, e.g. "SIA"
    interests = Column(Text)  # free-text interests/subjects the student named, "; "-separated
    created_at = Column(DateTime, server_default=func.now(), nullable=False)
    updated_at = Column(DateTime, server_default=func.now(), onupdate=func.now(), nullable=False)

    plan_items = relationship("CareerPlanItem", back_populates="student", cascade="all, delete-orphan")


class CareerPlanItem(Base):
    """One entry of a student's individual career plan: a saved career, a goal or a next step."""

    __tablename__ = "career_plan_item"

    id = Column(Integer, primary_key=True, autoincrement=True)
    student_id = Column(
        String(64), ForeignKey("student_profile.student_id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind = Column(String(20), nullable=False)  # "career" | "program" | "opportunity" | "step"
    ref = Column(String(40))  # onet_code, cte_program.id or opportunity.id
    note = Column(String(500))
    done = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime, server_default=func.now(), nullable=False)

    student = relationship("StudentProfile", back_populates="plan_items")


# --- counselors (issue 12) ----------------------------------------------------------------------


class StaffAccount(Base):
    """A counselor or district administrator who signs in to the dashboard (password stored hashed)."""

    __tablename__ = "staff_account"

    id = Column(Integer, primary_key=True, autoincrement=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    username = Column(String(60), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)  # werkzeug.security hash, never the password
    role = Column(String(12), nullable=False)  # "counselor" | "admin"
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime, server_default=func.now(), nullable=False)


class Ticket(Base):
    """A student's hand-off to a person: why, how urgent, and what the counselor needs to act."""

    __tablename__ = "ticket"

    id = Column(Integer, primary_key=True, autoincrement=True)
    student_id = Column(String(64), nullable=False, index=True)  # pseudonymous id, as student_profile
    conversation_id = Column(String(255), nullable=False)  # the channel's sender id (tracker key); deleted with it
    district_id = Column(String(40), ForeignKey("district.id", ondelete="SET NULL"), index=True)
    channel = Column(String(20), nullable=False)  # "rest", "socketio", "slack", "teams", ...
    category = Column(String(30), nullable=False)  # career_kb.counselor.vocabulary.CATEGORIES
    urgency = Column(Integer, nullable=False)  # 3 urgent, 2 high, 1 normal
    status = Column(String(10), nullable=False, default="open")  # "open" | "claimed" | "resolved"
    summary = Column(Text, nullable=False)  # JSON: grade, school, saved careers, the last turns
    alert_ref = Column(String(60))  # the safety alert this ticket came from, if any
    claimed_by = Column(Integer, ForeignKey("staff_account.id", ondelete="SET NULL"))
    created_at = Column(DateTime, nullable=False)
    updated_at = Column(DateTime, nullable=False)
    resolved_at = Column(DateTime)


class TicketNote(Base):
    """A counselor's note on a ticket."""

    __tablename__ = "ticket_note"

    id = Column(Integer, primary_key=True, autoincrement=True)
    ticket_id = Column(Integer, ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False, index=True)
    staff_id = Column(Integer, ForeignKey("staff_account.id", ondelete="SET NULL"))
    body = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)


class OutboxMessage(Base):
    """A counselor's reply waiting to be delivered to the student in their channel."""

    __tablename__ = "outbox_message"

    id = Column(Integer, primary_key=True, autoincrement=True)
    ticket_id = Column(Integer, ForeignKey("ticket.id", ondelete="CASCADE"), nullable=False, index=True)
    conversation_id = Column(String(255), nullable=False, index=True)
    channel = Column(String(20), nullable=False)
    staff_id = Column(Integer, ForeignKey("staff_account.id", ondelete="SET NULL"))
    body = Column(Text, nullable=False)
    created_at = Column(DateTime, nullable=False)
    delivered_at = Column(DateTime)


class FaqEntry(Base):
    """An answer a counselor wrote, with the example questions students ask it by (one per line)."""

    __tablename__ = "faq_entry"

    id = Column(Integer, primary_key=True, autoincrement=True)
    district_id = Column(String(40), ForeignKey("district.id", ondelete="CASCADE"), nullable=False, index=True)
    examples = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)
    active = Column(Boolean, nullable=False, default=True)
    updated_by = Column(Integer, ForeignKey("staff_account.id", ondelete="SET NULL"))
    updated_at = Column(DateTime, nullable=False)


class AuditEntry(Base):
    """Who did what: viewed a transcript, changed an answer, claimed or resolved a ticket (no message text)."""

    __tablename__ = "audit_log"

    id = Column(Integer, primary_key=True, autoincrement=True)
    at = Column(DateTime, nullable=False, index=True)
    staff_id = Column(Integer, ForeignKey("staff_account.id", ondelete="SET NULL"))
    action = Column(String(40), nullable=False)  # "view_transcript", "faq_update", "ticket_claim", ...
    target = Column(String(60), nullable=False)  # "ticket:12", "faq:3", "staff:2"


class AssessmentAnswer(Base):
    """One answer of a student to one interest-quiz item ("like", "unsure", "dislike" or "skip")."""

    __tablename__ = "assessment_answer"

    student_id = Column(String(64), ForeignKey("student_profile.student_id", ondelete="CASCADE"), primary_key=True)
    item_id = Column(String(10), primary_key=True)  # an id of career_kb/assessment/items.yml
    answer = Column(String(10), nullable=False)
    answered_at = Column(DateTime, server_default=func.now(), nullable=False)


class CareerPlan(Base):
    """A student's interest quiz progress and result, and the plan's choices (one row per student).

    Saved careers and next steps are :class:`CareerPlanItem` rows (kinds "career" and "step").
    """

    __tablename__ = "career_plan"

    student_id = Column(String(64), ForeignKey("student_profile.student_id", ondelete="CASCADE"), primary_key=True)
    quiz_version = Column(String(10))  # "full" | "short"; None: never started
    quiz_position = Column(Integer, nullable=False, default=0)  # index of the next item to ask
    quiz_done = Column(Boolean, nullable=False, default=False)
    score_r = Column(Float)
    score_i = Column(Float)
    score_a = Column(Float)
    score_s = Column(Float)
    score_e = Column(Float)
    score_c = Column(Float)
    holland_code = Column(String(3))
    cluster_id = Column(String(60), ForeignKey("career_cluster.id", ondelete="SET NULL"))
    pathway_id = Column(String(120), ForeignKey("career_pathway.id", ondelete="SET NULL"))
    wbl_interests = Column(String(200))  # "; "-separated opportunity types
    updated_at = Column(DateTime, server_default=func.now(), onupdate=func.now(), nullable=False)


class ChannelEvent(Base):
    """A delivery from a chat platform (Slack event, Teams activity) that was already handled.

    Platforms redeliver when they think a delivery failed; a row here means "answered once, never
    again", across restarts. ``event_key`` is a SHA-256 of the platform's event id, nothing else.
    """

    __tablename__ = "channel_event"

    channel = Column(String(20), primary_key=True)  # "slack", "teams"
    event_key = Column(String(64), primary_key=True)  # hex SHA-256 of the platform's event id
    received_at = Column(DateTime, nullable=False, index=True)  # UTC; old rows are pruned


class SafetyAlert(Base):
    """A crisis the safety layer saw, for the counselors: written first, then sent to their Slack channel.

    Never the student's words: the pseudonymous id (blanked when the student deletes their data),
    the channel, the category and what raised it (a rule id or the classifier's score), and the
    school and grade when the student had told them. ``status``: ``pending`` (not yet sent; the
    worker retries at ``next_attempt_at``), ``sent``, ``closed`` (a counselor handled it).
    """

    __tablename__ = "safety_alert"

    id = Column(Integer, primary_key=True, autoincrement=True)
    student_id = Column(String(64), index=True)  # pseudonymous; NULL after "delete my data"
    channel = Column(String(30), nullable=False)  # "rest", "slack", "teams", "socketio", ...
    category = Column(String(20), nullable=False)  # self_harm, abuse, exploitation, violence, runaway
    rule = Column(String(40))  # the safety rule id, when a rule matched
    score = Column(Float)  # the classifier's score, when the classifier decided
    school_id = Column(String(40))
    grade = Column(Integer)
    status = Column(String(10), nullable=False, index=True)  # pending | sent | closed
    attempts = Column(Integer, nullable=False, default=0)
    last_error = Column(String(60))  # the error's type only
    created_at = Column(DateTime, nullable=False)  # UTC
    next_attempt_at = Column(DateTime, nullable=False)  # UTC
    sent_at = Column(DateTime)  # UTC
    closed_at = Column(DateTime)  # UTC


class KbMeta(Base):
    """Key/value facts about this knowledge base build (versions, build time, vocabulary hash)."""

    __tablename__ = "kb_meta"

    key = Column(String(60), primary_key=True)
    value = Column(Text, nullable=False)
