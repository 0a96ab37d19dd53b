"""Initial schema: national facts, district data, students and build metadata.

Generated with Alembic autogenerate against an empty SQLite database, then reviewed: plain
``op.create_index`` instead of batch blocks, and a portable ``CURRENT_TIMESTAMP`` default so the
same revision runs on SQLite and PostgreSQL.

Revision ID: 0001_initial
Revises:
Create Date: 2025-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this revision."""
    op.create_table(
        "career_cluster",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "cip_program",
        sa.Column("cip_code", sa.String(length=7), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("family", sa.String(length=2), nullable=False),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("cip_code"),
    )
    op.create_index("ix_cip_program_family", "cip_program", ["family"], unique=False)

    op.create_table(
        "data_source",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("edition", sa.String(length=60), nullable=False),
        sa.Column("short_citation", sa.String(length=80), nullable=False),
        sa.Column("license", sa.String(length=200), nullable=False),
        sa.Column("url", sa.String(length=300), nullable=True),
        sa.Column("attribution", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "district",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=False),
        sa.Column("is_sample", sa.Boolean(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "kb_meta",
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "occupation",
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("job_zone", sa.Integer(), nullable=True),
        sa.Column("typical_education", sa.String(length=120), nullable=True),
        sa.Column("riasec_r", sa.Float(), nullable=True),
        sa.Column("riasec_i", sa.Float(), nullable=True),
        sa.Column("riasec_a", sa.Float(), nullable=True),
        sa.Column("riasec_s", sa.Float(), nullable=True),
        sa.Column("riasec_e", sa.Float(), nullable=True),
        sa.Column("riasec_c", sa.Float(), nullable=True),
        sa.Column("riasec_code", sa.String(length=3), nullable=True),
        sa.Column("is_data_level", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("onet_code"),
    )
    op.create_index("ix_occupation_soc_code", "occupation", ["soc_code"], unique=False)

    op.create_table(
        "zip_centroid",
        sa.Column("zip", sa.String(length=5), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("city", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("zip"),
    )
    op.create_table(
        "alternate_title",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.Column("title", sa.String(length=250), nullable=False),
        sa.Column("short_title", sa.String(length=120), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("shown_in_my_next_move", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["onet_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("onet_code", "title", "kind", name="uq_alternate_title"),
    )
    op.create_index("ix_alternate_title_onet_code", "alternate_title", ["onet_code"], unique=False)

    op.create_table(
        "career_pathway",
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("cluster_id", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.ForeignKeyConstraint(["cluster_id"], ["career_cluster.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("cluster_id", "name", name="uq_pathway_name"),
    )
    op.create_index("ix_career_pathway_cluster_id", "career_pathway", ["cluster_id"], unique=False)

    op.create_table(
        "cip_occupation",
        sa.Column("cip_code", sa.String(length=7), nullable=False),
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["cip_code"], ["cip_program.cip_code"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["onet_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("cip_code", "onet_code"),
    )
    op.create_index("ix_cip_occupation_onet_code", "cip_occupation", ["onet_code"], unique=False)

    op.create_table(
        "occupation_element",
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("element_id", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("importance", sa.Float(), nullable=False),
        sa.Column("level", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(["onet_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("onet_code", "kind", "element_id"),
    )
    op.create_table(
        "occupation_projection",
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("employment_base", sa.Float(), nullable=True),
        sa.Column("employment_projected", sa.Float(), nullable=True),
        sa.Column("percent_change", sa.Float(), nullable=True),
        sa.Column("annual_openings", sa.Float(), nullable=True),
        sa.Column("median_annual_wage", sa.Integer(), nullable=True),
        sa.Column("entry_education", sa.String(length=80), nullable=True),
        sa.Column("work_experience", sa.String(length=80), nullable=True),
        sa.Column("on_the_job_training", sa.String(length=80), nullable=True),
        sa.Column("outlook", sa.String(length=40), nullable=True),
        sa.Column("ooh_url", sa.String(length=300), nullable=True),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["data_source.id"],
        ),
        sa.PrimaryKeyConstraint("soc_code"),
    )
    op.create_table(
        "occupation_wage",
        sa.Column("soc_code", sa.String(length=7), nullable=False),
        sa.Column("area", sa.String(length=2), nullable=False),
        sa.Column("area_name", sa.String(length=60), nullable=False),
        sa.Column("occupation_title", sa.String(length=200), nullable=False),
        sa.Column("employment", sa.Integer(), nullable=True),
        sa.Column("hourly_mean", sa.Float(), nullable=True),
        sa.Column("annual_mean", sa.Integer(), nullable=True),
        sa.Column("hourly_p10", sa.Float(), nullable=True),
        sa.Column("hourly_p25", sa.Float(), nullable=True),
        sa.Column("hourly_median", sa.Float(), nullable=True),
        sa.Column("hourly_p75", sa.Float(), nullable=True),
        sa.Column("hourly_p90", sa.Float(), nullable=True),
        sa.Column("annual_p10", sa.Integer(), nullable=True),
        sa.Column("annual_p25", sa.Integer(), nullable=True),
        sa.Column("annual_median", sa.Integer(), nullable=True),
        sa.Column("annual_p75", sa.Integer(), nullable=True),
        sa.Column("annual_p90", sa.Integer(), nullable=True),
        sa.Column("hourly_top_coded", sa.Boolean(), nullable=False),
        sa.Column("annual_top_coded", sa.Boolean(), nullable=False),
        sa.Column("hourly_only", sa.Boolean(), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["data_source.id"],
        ),
        sa.PrimaryKeyConstraint("soc_code", "area"),
    )
    op.create_index("ix_occupation_wage_area", "occupation_wage", ["area"], unique=False)

    op.create_table(
        "partner",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("district_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("industry", sa.String(length=120), nullable=True),
        sa.Column("cluster_id", sa.String(length=60), nullable=False),
        sa.Column("zip", sa.String(length=5), nullable=False),
        sa.Column("opportunity_types", sa.String(length=250), nullable=True),
        sa.Column("contact_role", sa.String(length=120), nullable=True),
        sa.Column("website", sa.String(length=250), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["career_cluster.id"],
        ),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_partner_cluster_id", "partner", ["cluster_id"], unique=False)
    op.create_index("ix_partner_district_id", "partner", ["district_id"], unique=False)

    op.create_table(
        "related_occupation",
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.Column("related_code", sa.String(length=10), nullable=False),
        sa.Column("tier", sa.String(length=30), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["onet_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["related_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("onet_code", "related_code"),
    )
    op.create_table(
        "school",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("district_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("grade_low", sa.Integer(), nullable=False),
        sa.Column("grade_high", sa.Integer(), nullable=False),
        sa.Column("zip", sa.String(length=5), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("counselor_office", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_school_district_id", "school", ["district_id"], unique=False)

    op.create_table(
        "cte_program",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("district_id", sa.String(length=40), nullable=False),
        sa.Column("school_id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("cluster_id", sa.String(length=60), nullable=False),
        sa.Column("pathway_id", sa.String(length=120), nullable=True),
        sa.Column("grade_low", sa.Integer(), nullable=False),
        sa.Column("grade_high", sa.Integer(), nullable=False),
        sa.Column("course_sequence", sa.Text(), nullable=True),
        sa.Column("certifications", sa.Text(), nullable=True),
        sa.Column("dual_credit", sa.Boolean(), nullable=False),
        sa.Column("dual_credit_partner", sa.String(length=200), nullable=True),
        sa.Column("cip_code", sa.String(length=7), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["career_cluster.id"],
        ),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["pathway_id"],
            ["career_pathway.id"],
        ),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_cte_program_cluster_id", "cte_program", ["cluster_id"], unique=False)
    op.create_index("ix_cte_program_district_id", "cte_program", ["district_id"], unique=False)
    op.create_index("ix_cte_program_school_id", "cte_program", ["school_id"], unique=False)

    op.create_table(
        "opportunity",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("district_id", sa.String(length=40), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("partner_id", sa.String(length=40), nullable=True),
        sa.Column("school_id", sa.String(length=40), nullable=True),
        sa.Column("cluster_id", sa.String(length=60), nullable=False),
        sa.Column("grade_low", sa.Integer(), nullable=False),
        sa.Column("grade_high", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("season", sa.String(length=20), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("paid", sa.Boolean(), nullable=True),
        sa.Column("zip", sa.String(length=5), nullable=False),
        sa.Column("how_to_apply", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["career_cluster.id"],
        ),
        sa.ForeignKeyConstraint(["district_id"], ["district.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["partner_id"], ["partner.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_opportunity_cluster_id", "opportunity", ["cluster_id"], unique=False)
    op.create_index("ix_opportunity_district_id", "opportunity", ["district_id"], unique=False)
    op.create_index("ix_opportunity_partner_id", "opportunity", ["partner_id"], unique=False)
    op.create_index("ix_opportunity_type", "opportunity", ["type"], unique=False)

    op.create_table(
        "pathway_occupation",
        sa.Column("pathway_id", sa.String(length=120), nullable=False),
        sa.Column("onet_code", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["onet_code"], ["occupation.onet_code"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["pathway_id"], ["career_pathway.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pathway_id", "onet_code"),
    )
    op.create_index("ix_pathway_occupation_onet_code", "pathway_occupation", ["onet_code"], unique=False)

    op.create_table(
        "student_profile",
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.String(length=40), nullable=True),
        sa.Column("zip", sa.String(length=5), nullable=True),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("riasec_code", sa.String(length=3), nullable=True),
        sa.Column("interests", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("student_id"),
    )
    op.create_table(
        "career_plan_item",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student_profile.student_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_career_plan_item_student_id", "career_plan_item", ["student_id"], unique=False)


def downgrade() -> None:
    """Revert this revision."""
    op.drop_index("ix_career_plan_item_student_id", table_name="career_plan_item")

    op.drop_table("career_plan_item")
    op.drop_table("student_profile")
    op.drop_index("ix_pathway_occupation_onet_code", table_name="pathway_occupation")

    op.drop_table("pathway_occupation")
    op.drop_index("ix_opportunity_type", table_name="opportunity")
    op.drop_index("ix_opportunity_partner_id", table_name="opportunity")
    op.drop_index("ix_opportunity_district_id", table_name="opportunity")
    op.drop_index("ix_opportunity_cluster_id", table_name="opportunity")

    op.drop_table("opportunity")
    op.drop_index("ix_cte_program_school_id", table_name="cte_program")
    op.drop_index("ix_cte_program_district_id", table_name="cte_program")
    op.drop_index("ix_cte_program_cluster_id", table_name="cte_program")

    op.drop_table("cte_program")
    op.drop_index("ix_school_district_id", table_name="school")

    op.drop_table("school")
    op.drop_table("related_occupation")
    op.drop_index("ix_partner_district_id", table_name="partner")
    op.drop_index("ix_partner_cluster_id", table_name="partner")

    op.drop_table("partner")
    op.drop_index("ix_occupation_wage_area", table_name="occupation_wage")

    op.drop_table("occupation_wage")
    op.drop_table("occupation_projection")
    op.drop_table("occupation_element")
    op.drop_index("ix_cip_occupation_onet_code", table_name="cip_occupation")

    op.drop_table("cip_occupation")
    op.drop_index("ix_career_pathway_cluster_id", table_name="career_pathway")

    op.drop_table("career_pathway")
    op.drop_index("ix_alternate_title_onet_code", table_name="alternate_title")

    op.drop_table("alternate_title")
    op.drop_table("zip_centroid")
    op.drop_index("ix_occupation_soc_code", table_name="occupation")

    op.drop_table("occupation")
    op.drop_table("kb_meta")
    op.drop_table("district")
    op.drop_table("data_source")
    op.drop_index("ix_cip_program_family", table_name="cip_program")

    op.drop_table("cip_program")
    op.drop_table("career_cluster")
