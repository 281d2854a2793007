"""comparison index: region and measure beside indicator, year and kind

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Widen the index of one indicator in one year so that it also picks out regions and measures.

    A comparison across regions asks for some regions' outcomes of an indicator in a year,
    or for one measure only; with region and measure in the index those are told apart
    without reading every fact of that indicator and year. It replaces the narrower index,
    whose every query it serves, so that ingest keeps writing the same number of indexes.
    """
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind_facts_region_id_facts_measure'), ['indicator_id', 'year', 'kind', 'region_id', 'measure'], unique=False)
        batch_op.drop_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind'))


def downgrade() -> None:
    """Back to the narrower index."""
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind'), ['indicator_id', 'year', 'kind'], unique=False)
        batch_op.drop_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind_facts_region_id_facts_measure'))
