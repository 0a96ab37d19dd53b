"""Chat-platform deliveries already handled (Slack events, Teams activities), so a redelivery gets no
second reply, even after a restart.

Revision ID: 0004_channel_events
Revises: 0002_search
Create Date: 2025-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_channel_events"
down_revision = "0002_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create ``channel_event``."""
    op.create_table(
        "channel_event",
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("event_key", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("channel", "event_key"),
    )
    op.create_index("ix_channel_event_received_at", "channel_event", ["received_at"], unique=False)


def downgrade() -> None:
    """Drop ``channel_event``."""
    op.drop_index("ix_channel_event_received_at", table_name="channel_event")
    op.drop_table("channel_event")
