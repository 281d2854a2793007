"""comparison index on SQLite: every column judging reads

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

NARROW = 'ix_facts_indicator_id_facts_year_facts_kind_facts_region_id_facts_measure'
KEY = ['indicator_id', 'year', 'kind', 'region_id', 'measure']
JUDGED = ['id', 'document_id', 'value', 'unit', 'comparator', 'strive', 'estimated', 'source_type',
          'source_title', 'sentence', 'start', 'end', 'report_year']


def upgrade() -> None:
    """On SQLite, replace the index of one indicator in one year by one that also holds every
    column judging reads, so that a comparison across regions reads its facts from a few
    neighbouring pages instead of one page of the table each. PostgreSQL keeps the narrow
    index: its index entries may not exceed a third of a page, and a sentence can.
    """
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index('ix_facts_comparison', KEY + JUDGED, unique=False)
        batch_op.drop_index(NARROW)


def downgrade() -> None:
    """Back to the narrow index."""
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(NARROW, KEY, unique=False)
        batch_op.drop_index('ix_facts_comparison')
