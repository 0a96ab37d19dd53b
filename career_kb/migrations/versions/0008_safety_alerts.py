"""Counselor alerts of the safety layer: written first, then sent to Slack; a failed send stays queued.

Revision ID: 0008_safety_alerts
Revises: 0007_career_plan
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_safety_alerts"
down_revision = "0007_career_plan"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``safety_alert``."""
    op.create_table(
        "safety_alert",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("student_id", sa.String(length=64), nullable=True),
        sa.Column("channel", sa.String(length=30), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("school_id", sa.String(length=40), nullable=True),
        sa.Column("grade", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=60), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_safety_alert_student_id", "safety_alert", ["student_id"], unique=False)
    op.create_index("ix_safety_alert_status", "safety_alert", ["status"], unique=False)


def downgrade() -> None:
    """Drop ``safety_alert``."""
    op.drop_index("ix_safety_alert_status", table_name="safety_alert")
    op.drop_index("ix_safety_alert_student_id", table_name="safety_alert")
    op.drop_table("safety_alert")
