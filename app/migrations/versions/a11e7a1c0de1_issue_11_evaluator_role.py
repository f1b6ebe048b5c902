"""issue 11: the evaluator role (scores tenders against an approved version)

Revision ID: a11e7a1c0de1
Revises: ce4d56aafef2
Create Date: 2026-12-01 21:50:00

"""
from alembic import op


revision = 'a11e7a1c0de1'
down_revision = 'ce4d56aafef2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_account_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_user_account_role'), "role IN ('buyer', 'reviewer', 'evaluator', 'admin')")


def downgrade():
    op.execute("UPDATE user_account SET role = 'reviewer' WHERE role = 'evaluator'")
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_user_account_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_user_account_role'), "role IN ('buyer', 'reviewer', 'admin')")
