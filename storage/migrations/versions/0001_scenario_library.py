"""Scenario library: one row per scenario, one immutable row per saved version.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TEXT = 500


def upgrade() -> None:
    op.create_table(
        "scenario",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(TEXT), nullable=False),
        sa.Column("head_version", sa.Integer, nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("title", sa.String(TEXT), nullable=False),
        sa.Column("organisation", sa.String(TEXT), nullable=False),
        sa.Column("technology", sa.String(TEXT), nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
    )
    op.create_index("ix_scenario_organisation", "scenario", ["organisation"])
    op.create_index("ix_scenario_technology", "scenario", ["technology"])
    op.create_table(
        "scenario_version",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenario.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(TEXT), nullable=False),
        sa.Column("comment", sa.Text, nullable=False),
        sa.Column("title", sa.String(TEXT), nullable=False),
        sa.Column("organisation", sa.String(TEXT), nullable=False),
        sa.Column("technology", sa.String(TEXT), nullable=False),
        sa.Column("tags", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.UniqueConstraint("scenario_id", "number", name="uq_scenario_version_number"),
    )
    op.create_index("ix_scenario_version_scenario_id", "scenario_version", ["scenario_id"])


def downgrade() -> None:
    op.drop_table("scenario_version")
    op.drop_table("scenario")
