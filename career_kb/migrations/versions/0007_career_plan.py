"""The interest quiz's answers and the career plan (progress, result, chosen cluster, WBL interests).

Revision ID: 0007_career_plan
Revises: 0006_counselor
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_career_plan"
down_revision = "0006_counselor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``assessment_answer`` and ``career_plan``."""
    op.create_table(
        "assessment_answer",
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("item_id", sa.String(length=10), nullable=False),
        sa.Column("answer", sa.String(length=10), nullable=False),
        sa.Column("answered_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student_profile.student_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("student_id", "item_id"),
    )
    op.create_table(
        "career_plan",
        sa.Column("student_id", sa.String(length=64), nullable=False),
        sa.Column("quiz_version", sa.String(length=10), nullable=True),
        sa.Column("quiz_position", sa.Integer(), nullable=False),
        sa.Column("quiz_done", sa.Boolean(), nullable=False),
        *(sa.Column(f"score_{a}", sa.Float(), nullable=True) for a in "riasec"),
        sa.Column("holland_code", sa.String(length=3), nullable=True),
        sa.Column("cluster_id", sa.String(length=60), nullable=True),
        sa.Column("pathway_id", sa.String(length=120), nullable=True),
        sa.Column("wbl_interests", sa.String(length=200), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["student_profile.student_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["cluster_id"], ["career_cluster.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["pathway_id"], ["career_pathway.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("student_id"),
    )


def downgrade() -> None:
    """Drop ``career_plan`` and ``assessment_answer``."""
    op.drop_table("career_plan")
    op.drop_table("assessment_answer")
