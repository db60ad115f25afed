"""Key figures and full-text search per version: lists, searches and the portfolio as queries.

Each version gets the key figures of calculators/key_figures.py (NULL until computed, and for a
version this app cannot read) with `figures_revision`, and `search_text`. The figures and the
search text of versions saved before are filled in by `refresh_figures` (storage/library.py)
right after the migration, in the same transaction, from the calculators: the one place the
formulas live. On PostgreSQL, `search` is a tsvector with the Danish configuration generated
from `search_text`, with a GIN index; `library_query` makes the query (websearch syntax).
The case's summary columns move to its versions (the head version's row says the same), so
the scenario row keeps only what belongs to the case.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TEXT = 500
FIGURES = ("investment", "npv", "budget_npv", "payback_months", "budget_payback_months",
           "annual_budget_effect", "hours_released", "hours_taken_out", "horizon_years",
           "discount_rate", "vtv_score")
INDEXED = ("investment", "npv", "budget_npv", "hours_released", "created_at", "organisation",
           "technology")
SUMMARY = ("title", "organisation", "technology", "tags", "search_text")

# The Danish snowball stemmer does not always give a word and its inflections one stem
# ("toilet" -> toil, "toiletter" -> toilet), so both sides are stemmed twice: the document keeps
# its first stems (for phrases) and adds the second; the query is the second stems of the first.
# A "/" between words would make them a file path to the parser ("Vaske-/tørretoilet").
FULL_TEXT = """
CREATE FUNCTION library_stems(doc text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('danish'::regconfig, replace(doc, '/', ' ')) || to_tsvector(
        'danish'::regconfig, array_to_string(tsvector_to_array(
            to_tsvector('danish'::regconfig, replace(doc, '/', ' '))), ' '))
$$;
CREATE FUNCTION library_query(words text) RETURNS tsquery
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsquery('danish'::regconfig,
                      websearch_to_tsquery('danish'::regconfig, words)::text)
$$;
ALTER TABLE scenario_version ADD COLUMN search tsvector
    GENERATED ALWAYS AS (library_stems(search_text)) STORED;
CREATE INDEX ix_scenario_version_search ON scenario_version USING gin (search);
"""


def upgrade() -> None:
    with op.batch_alter_table("scenario_version") as batch:
        batch.add_column(sa.Column("search_text", sa.Text, nullable=False,
                                   server_default=sa.text("''")))
        for name in FIGURES:
            batch.add_column(sa.Column(name, sa.Integer if name == "horizon_years"
                                       else sa.Float, nullable=True))
        batch.add_column(sa.Column("figures_revision", sa.Integer, nullable=True))
        for name in INDEXED:
            batch.create_index(f"ix_scenario_version_{name}", [name])
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FULL_TEXT)
    op.drop_index("ix_scenario_organisation", "scenario")
    op.drop_index("ix_scenario_technology", "scenario")
    for name in SUMMARY:  # in place, on PostgreSQL and SQLite 3.35+ alike
        op.execute(f"ALTER TABLE scenario DROP COLUMN {name}")


def downgrade() -> None:
    with op.batch_alter_table("scenario") as batch:
        for name in SUMMARY:
            batch.add_column(sa.Column(name, sa.Text, nullable=False,
                                       server_default=sa.text("''")))
    op.execute("UPDATE scenario SET title = v.title, organisation = v.organisation, "
               "technology = v.technology, tags = v.tags, search_text = v.search_text "
               "FROM scenario_version v WHERE v.scenario_id = scenario.id "
               "AND v.number = scenario.head_version")
    with op.batch_alter_table("scenario") as batch:
        batch.create_index("ix_scenario_organisation", ["organisation"])
        batch.create_index("ix_scenario_technology", ["technology"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_scenario_version_search; "
                   "ALTER TABLE scenario_version DROP COLUMN search; "
                   "DROP FUNCTION library_stems(text); DROP FUNCTION library_query(text)")
    with op.batch_alter_table("scenario_version") as batch:
        for name in INDEXED:
            batch.drop_index(f"ix_scenario_version_{name}")
        for name in (*FIGURES, "figures_revision", "search_text"):
            batch.drop_column(name)
