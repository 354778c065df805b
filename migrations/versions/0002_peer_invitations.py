"""Peer invitations: a group invites an e-mail address, its colleague answers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 17:09:50.426282
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "peer_invitations",
        sa.Column("group_id", sa.Uuid(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="invitationstatus",
                native_enum=False,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("invited_by_id", sa.Uuid(), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["peer_groups.id"],
            name=op.f("fk_peer_invitations_group_id_peer_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_peer_invitations")),
        sa.UniqueConstraint("group_id", "email", name="invitation_once"),
    )
    with op.batch_alter_table("peer_invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_peer_invitations_email"), ["email"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("peer_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_peer_invitations_email"))

    op.drop_table("peer_invitations")
