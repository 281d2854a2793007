"""documents keep the text as read, before normalising, for quotes in the document's own words

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Documents stored before keep NULL: they are shown as normalised until ingested again."""
    with op.batch_alter_table('documents') as batch_op:
        batch_op.add_column(sa.Column('original_text', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents') as batch_op:
        batch_op.drop_column('original_text')
