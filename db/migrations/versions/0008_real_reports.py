"""real reports: the national level, ranges, comparable-basis figures, documents' addresses

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# Frozen as of this revision.
LEVELS = ('national', 'province', 'prefecture', 'county', 'unknown')
OLD_LEVELS = LEVELS[1:]
COMPARATORS = ('approx', 'at_least', 'at_most', 'exact', 'range')
OLD_COMPARATORS = COMPARATORS[:-1]
KEY = ['indicator_id', 'year', 'kind', 'region_id', 'measure']
JUDGED = ['id', 'document_id', 'value', 'unit', 'comparator', 'strive', 'estimated', 'source_type',
          'source_title', 'sentence', 'start', 'end', 'report_year']
NEW_JUDGED = JUDGED + ['value_high', 'basis']
NATIONAL = '全国'


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _or_list(column, values):
    return " OR ".join(f"{column} = {v!r}" for v in values)


def upgrade() -> None:
    """The State Council's reports make a national level above the provinces; real reports
    state ranges ("6%-6.5%": comparator range, its top in value_high) and figures on a
    comparable basis beside plain ones (basis); a document keeps the address it was found at."""
    sqlite = op.get_bind().dialect.name == 'sqlite'
    with op.batch_alter_table('regions') as batch_op:
        batch_op.drop_constraint(op.f('ck_regions_level'), type_='check')
        batch_op.create_check_constraint(op.f('ck_regions_level'), _in_list('level', LEVELS))
    with op.batch_alter_table('documents') as batch_op:
        batch_op.add_column(sa.Column('url', sa.String(length=1000), nullable=True))
    with op.batch_alter_table('facts') as batch_op:
        batch_op.add_column(sa.Column('value_high', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('basis', sa.String(length=20), server_default='', nullable=False))
        batch_op.drop_constraint(op.f('ck_facts_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_facts_comparator'), _or_list('comparator', COMPARATORS))
        if sqlite:
            batch_op.drop_index('ix_facts_comparison')
            batch_op.create_index('ix_facts_comparison', KEY + NEW_JUDGED, unique=False)
    with op.batch_alter_table('corrections') as batch_op:
        batch_op.add_column(sa.Column('value_high', sa.Double(), nullable=True))
        batch_op.drop_constraint(op.f('ck_corrections_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_corrections_comparator'),
                                         f"comparator IS NULL OR {_in_list('comparator', COMPARATORS)}")
    _provinces_under_the_nation()


def _provinces_under_the_nation() -> None:
    """Stored provinces get the nation as their parent (a new database gets both as reports
    name them)."""
    conn = op.get_bind()
    provinces = conn.execute(sa.text("SELECT count(*) FROM regions WHERE level = 'province' AND parent_id IS NULL")).scalar()
    if not provinces:
        return
    national = conn.execute(sa.text("SELECT id FROM regions WHERE path = :p"), {"p": NATIONAL}).scalar()
    if national is None:
        conn.execute(sa.text("INSERT INTO regions (name, level, path) VALUES (:p, 'national', :p)"), {"p": NATIONAL})
        national = conn.execute(sa.text("SELECT id FROM regions WHERE path = :p"), {"p": NATIONAL}).scalar()
    else:
        conn.execute(sa.text("UPDATE regions SET level = 'national' WHERE id = :id"), {"id": national})
    conn.execute(sa.text("UPDATE regions SET parent_id = :n WHERE level = 'province' AND parent_id IS NULL"),
                 {"n": national})


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == 'sqlite'
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE regions SET parent_id = NULL WHERE parent_id IN "
                         "(SELECT id FROM regions WHERE level = 'national')"))
    conn.execute(sa.text("UPDATE regions SET level = 'unknown' WHERE level = 'national'"))
    conn.execute(sa.text("UPDATE facts SET comparator = 'at_least' WHERE comparator = 'range'"))
    conn.execute(sa.text("UPDATE corrections SET comparator = 'at_least' WHERE comparator = 'range'"))
    with op.batch_alter_table('corrections') as batch_op:
        batch_op.drop_constraint(op.f('ck_corrections_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_corrections_comparator'),
                                         f"comparator IS NULL OR {_in_list('comparator', OLD_COMPARATORS)}")
        batch_op.drop_column('value_high')
    with op.batch_alter_table('facts') as batch_op:
        if sqlite:
            batch_op.drop_index('ix_facts_comparison')
            batch_op.create_index('ix_facts_comparison', KEY + JUDGED, unique=False)
        batch_op.drop_constraint(op.f('ck_facts_comparator'), type_='check')
        batch_op.create_check_constraint(op.f('ck_facts_comparator'), _or_list('comparator', OLD_COMPARATORS))
        batch_op.drop_column('basis')
        batch_op.drop_column('value_high')
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_column('url')
    with op.batch_alter_table('regions') as batch_op:
        batch_op.drop_constraint(op.f('ck_regions_level'), type_='check')
        batch_op.create_check_constraint(op.f('ck_regions_level'), _in_list('level', OLD_LEVELS))
