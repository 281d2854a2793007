"""facts and indicators: CHECK constraints as comparisons joined by OR

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-26

"""
from typing import Sequence, Union

from alembic import op


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# (table, constraint, column, allowed values), frozen as of this revision.
CHECKS = [
    ('facts', 'kind', 'kind', ('target', 'outcome')),
    ('facts', 'comparator', 'comparator', ('approx', 'at_least', 'at_most', 'exact')),
    ('indicators', 'better', 'better', ('higher', 'lower', 'neutral')),
]


def _in_list(column, values):
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def _or_list(column, values):
    return " OR ".join(f"{column} = {v!r}" for v in values)


def _rewrite(spell) -> None:
    # SQLite cannot alter a constraint: batch mode copies the table (a minute or so for
    # millions of facts); PostgreSQL drops and adds each constraint in place.
    for table in ('facts', 'indicators'):
        with op.batch_alter_table(table) as batch_op:
            for t, name, column, values in CHECKS:
                if t != table:
                    continue
                batch_op.drop_constraint(op.f(f'ck_{table}_{name}'), type_='check')
                batch_op.create_check_constraint(op.f(f'ck_{table}_{name}'), spell(column, values))


def upgrade() -> None:
    """The same tests, spelled so that SQLite does not build an IN list's lookup table
    for every row it stores: a third of the cost of storing a fact went there."""
    _rewrite(_or_list)


def downgrade() -> None:
    """Back to IN lists."""
    _rewrite(_in_list)
