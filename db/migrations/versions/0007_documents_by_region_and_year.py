"""documents: an index by region and report year

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Index documents by region and report year.

    The report view lists the documents of a few regions, and the dashboard's sidebar asks
    which years and regions all documents cover. Without an index both read every document
    row, text included.
    """
    op.create_index(op.f('ix_documents_region_id_documents_report_year'), 'documents',
                    ['region_id', 'report_year'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_documents_region_id_documents_report_year'), table_name='documents')
