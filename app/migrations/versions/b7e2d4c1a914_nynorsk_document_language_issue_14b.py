"""nynorsk (nn) as a tender document language (issue 14b)

Revision ID: b7e2d4c1a914
Revises: i16_operations
Create Date: 2026-12-01 21:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7e2d4c1a914'
down_revision = 'i16_operations'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tender_project', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_tender_project_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_tender_project_language'), "language IN ('nb', 'nn', 'sv', 'en')")


def downgrade():
    # Nynorsk projects become bokmål ones: the nearest language the older schema allows.
    op.execute("UPDATE tender_project SET language = 'nb' WHERE language = 'nn'")
    with op.batch_alter_table('tender_project', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_tender_project_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_tender_project_language'), "language IN ('nb', 'sv', 'en')")
