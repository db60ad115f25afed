"""Access control: each case belongs to an organisation; shares, members and an audit trail.

Existing cases go to the local organisation (the one of the no-sign-in default). On
PostgreSQL the audit table refuses UPDATE and DELETE (a trigger), so the trail is append-only
for the application's database user too.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TEXT = 500
NAME = 200

APPEND_ONLY = """
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only';
END $$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
"""


def upgrade() -> None:
    with op.batch_alter_table("scenario") as batch:
        batch.add_column(sa.Column("owner", sa.String(NAME), nullable=False,
                                   server_default=sa.text("'local'")))
        batch.create_index("ix_scenario_owner", ["owner"])
    op.create_table(
        "scenario_share",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("scenario_id", sa.Integer, sa.ForeignKey("scenario.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("grantee", sa.String(NAME), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(TEXT), nullable=False),
    )
    op.create_index("ix_scenario_share_scenario_id", "scenario_share", ["scenario_id"])
    op.create_index("ix_scenario_share_grantee", "scenario_share", ["grantee"])
    op.create_table(
        "member",
        sa.Column("organisation", sa.String(NAME), primary_key=True),
        sa.Column("subject", sa.String(TEXT), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("label", sa.String(TEXT), nullable=False),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("subject", sa.String(TEXT), nullable=False),
        sa.Column("actor", sa.String(TEXT), nullable=False),
        sa.Column("organisation", sa.String(NAME), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("scenario_id", sa.Integer, nullable=True),
        sa.Column("version", sa.Integer, nullable=True),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_organisation", "audit", ["organisation"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_append_only ON audit; DROP FUNCTION audit_append_only()")
    op.drop_table("audit")
    op.drop_table("member")
    op.drop_table("scenario_share")
    with op.batch_alter_table("scenario") as batch:
        batch.drop_index("ix_scenario_owner")
        batch.drop_column("owner")
