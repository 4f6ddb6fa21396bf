"""index the correction chains (turnout_reports.supersedes_id, count_sheets.supersedes_id)

Deleting or correcting rows follows these foreign keys; without an index each step scans the table.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("turnout_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_turnout_reports_supersedes_id"), ["supersedes_id"], unique=False)
    with op.batch_alter_table("count_sheets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_count_sheets_supersedes_id"), ["supersedes_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("count_sheets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_count_sheets_supersedes_id"))
    with op.batch_alter_table("turnout_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_turnout_reports_supersedes_id"))
