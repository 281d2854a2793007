"""scorecard indexes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Serve a region's scorecard and a cross-region comparison without scanning all facts."""
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind'), ['indicator_id', 'year', 'kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_facts_region_id_facts_kind_facts_year'), ['region_id', 'kind', 'year'], unique=False)



def downgrade() -> None:
    """Drop the indexes."""
    with op.batch_alter_table('facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_facts_region_id_facts_kind_facts_year'))
        batch_op.drop_index(batch_op.f('ix_facts_indicator_id_facts_year_facts_kind'))

