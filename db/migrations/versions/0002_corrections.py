"""corrections

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Keep analysts' corrections apart from extracted facts."""
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('measure', sa.String(length=20), nullable=False),
    sa.Column('strive', sa.Boolean(), nullable=False),
    sa.Column('original_value', sa.Double(), nullable=True),
    sa.Column('value', sa.Double(), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=True),
    sa.Column('comparator', sa.String(length=10), nullable=True),
    sa.Column('estimated', sa.Boolean(), nullable=True),
    sa.Column('source_title', sa.String(length=300), nullable=True),
    sa.Column('source_url', sa.String(length=1000), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("action IN ('fix', 'add', 'reject')", name=op.f('ck_corrections_action')),
    sa.CheckConstraint("comparator IS NULL OR comparator IN ('approx', 'at_least', 'at_most', 'exact')", name=op.f('ck_corrections_comparator')),
    sa.CheckConstraint("kind IN ('target', 'outcome')", name=op.f('ck_corrections_kind')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_corrections_document_id_documents'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_corrections_indicator_id_indicators')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_corrections_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )


def downgrade() -> None:
    """Drop them."""
    op.drop_table('corrections')
