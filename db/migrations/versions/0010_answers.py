"""answers: the outcome chosen for each target, stored beside the facts, and the (region, year)s to choose again

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Every (region, year) with a target is marked stale: the scorecard judges them from their
    facts until the next ingest chooses their answers."""
    op.create_table(
        'answers',
        sa.Column('target_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('indicator_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('outcome_id', sa.Integer(), nullable=True),
        sa.Column('before_id', sa.Integer(), nullable=True),
        sa.Column('value', sa.Double(), nullable=True),
        sa.Column('unit', sa.String(length=20), nullable=True),
        sa.Column('estimated', sa.Boolean(), nullable=True),
        sa.Column('derived', sa.Boolean(), nullable=True),
        sa.Column('reported', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['target_id'], ['facts.id'], name=op.f('fk_answers_target_id_facts'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('target_id', name=op.f('pk_answers')),
    )
    op.create_index(op.f('ix_answers_region_id_answers_year'), 'answers', ['region_id', 'year'], unique=False)
    op.create_index(op.f('ix_answers_indicator_id_answers_year'), 'answers', ['indicator_id', 'year'], unique=False)
    op.create_table(
        'stale_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('region_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_stale_answers')),
    )
    op.create_table(
        'answer_rules',
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('fingerprint', name=op.f('pk_answer_rules')),
    )
    op.execute("INSERT INTO stale_answers (region_id, year) "
               "SELECT DISTINCT region_id, year FROM facts WHERE kind = 'target'")


def downgrade() -> None:
    op.drop_table('answer_rules')
    op.drop_table('stale_answers')
    op.drop_index(op.f('ix_answers_indicator_id_answers_year'), table_name='answers')
    op.drop_index(op.f('ix_answers_region_id_answers_year'), table_name='answers')
    op.drop_table('answers')
