"""The library's tables. The migrations in storage/migrations create them; keep both in step.

Each version carries its key figures (calculators/key_figures.py), computed when it is saved,
so lists, searches and the portfolio are queries; the scenario row holds what is the case's
own (owner, head version, bin), and its head version's row holds what it says."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from calculators.key_figures import FIGURE_NAMES

metadata = MetaData()

SUMMARY_LENGTH = 500
NAME_LENGTH = 200
LOCAL_ORGANISATION = "local"
INTEGER_FIGURES = {"horizon_years"}
INDEXED_FIGURES = {"investment", "npv", "budget_npv", "hours_released"}

scenario = Table(
    "scenario",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(SUMMARY_LENGTH), nullable=False),
    Column("head_version", Integer, nullable=False),
    Column("deleted_at", DateTime(timezone=True), nullable=True),
    Column("owner", String(NAME_LENGTH), nullable=False, index=True,
           server_default=text(f"'{LOCAL_ORGANISATION}'")),
)

scenario_version = Table(
    "scenario_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", Integer, ForeignKey("scenario.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, index=True),
    Column("author", String(SUMMARY_LENGTH), nullable=False),
    Column("comment", Text, nullable=False),
    Column("title", String(SUMMARY_LENGTH), nullable=False),
    Column("organisation", String(SUMMARY_LENGTH), nullable=False, index=True),
    Column("technology", String(SUMMARY_LENGTH), nullable=False, index=True),
    Column("tags", Text, nullable=False),
    Column("body", Text, nullable=False),
    # title, organisation, technology, tags, description and purpose, case-folded: the free-text
    # search on SQLite; on PostgreSQL the column `search` (a tsvector with the Danish
    # configuration, migration 0003) is made from it
    Column("search_text", Text, nullable=False, server_default=text("''")),
    *(Column(name, Integer if name in INTEGER_FIGURES else Float, nullable=True,
             index=name in INDEXED_FIGURES) for name in FIGURE_NAMES),
    Column("figures_revision", Integer, nullable=True),  # None: not computed yet
    UniqueConstraint("scenario_id", "number", name="uq_scenario_version_number"),
)

share = Table(
    "scenario_share",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("scenario_id", Integer, ForeignKey("scenario.id"), nullable=False, index=True),
    Column("version", Integer, nullable=True),  # None: every version
    Column("grantee", String(NAME_LENGTH), nullable=False, index=True),  # organisation or "*"
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by", String(SUMMARY_LENGTH), nullable=False),
)

member = Table(
    "member",
    metadata,
    Column("organisation", String(NAME_LENGTH), primary_key=True),
    Column("subject", String(SUMMARY_LENGTH), primary_key=True),
    Column("role", String(20), nullable=False),
    Column("label", String(SUMMARY_LENGTH), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("subject", String(SUMMARY_LENGTH), nullable=False),
    Column("actor", String(SUMMARY_LENGTH), nullable=False),
    Column("organisation", String(NAME_LENGTH), nullable=False, index=True),
    Column("action", String(20), nullable=False),
    Column("scenario_id", Integer, nullable=True),
    Column("version", Integer, nullable=True),
    Column("detail", Text, nullable=False),
)
