"""issue 13: award model settings, tenders, uploads, impartiality, scores, closing

Revision ID: b13e7a1d0c55
Revises: a11e7a1c0de1
Create Date: 2026-12-01 21:45:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = 'b13e7a1d0c55'
down_revision = 'a11e7a1c0de1'  # issue 11: the evaluator role
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql')

def upgrade():
    with op.batch_alter_table('project_requirement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('award_criterion', sa.String(length=20), nullable=True))

    op.create_table(
        'award_model',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('scale_max', sa.Integer(), nullable=False),
        sa.Column('levels', JSON, nullable=False),
        sa.Column('price_model', sa.String(length=12), nullable=False),
        sa.Column('price_note', sa.Text(), nullable=False),
        sa.Column('documentation', JSON, nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("price_model IN ('linear', 'proportional')", name=op.f('ck_award_model_price_model')),
        sa.ForeignKeyConstraint(['project_id'], ['tender_project.id'], name=op.f('fk_award_model_project_id_tender_project'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_award_model')),
        sa.UniqueConstraint('project_id', name=op.f('uq_award_model_project_id')),
    )
    op.create_table(
        'tender',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('supplier_name', sa.String(length=200), nullable=False),
        sa.Column('supplier_key', sa.String(length=200), nullable=False),
        sa.Column('org_number', sa.String(length=20), nullable=False),
        sa.Column('answers', JSON, nullable=False),
        sa.Column('prices', JSON, nullable=False),
        sa.Column('price_total', sa.Float(), nullable=True),
        sa.Column('must_failures', JSON, nullable=False),
        sa.Column('decision', sa.String(length=10), nullable=True),
        sa.Column('decision_reason', sa.Text(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("decision IS NULL OR decision IN ('reject', 'clarify', 'accept')", name=op.f('ck_tender_decision')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_tender_decided_by_id_user_account')),
        sa.ForeignKeyConstraint(['project_id'], ['tender_project.id'], name=op.f('fk_tender_project_id_tender_project'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['version_id'], ['project_version.id'], name=op.f('fk_tender_version_id_project_version')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tender')),
        sa.UniqueConstraint('project_id', 'supplier_key', name='uq_tender_project_supplier'),
    )
    op.create_index(op.f('ix_tender_project_id'), 'tender', ['project_id'], unique=False)
    op.create_table(
        'tender_upload',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tender_id', sa.Integer(), nullable=False),
        sa.Column('filename', sa.String(length=255), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['tender_id'], ['tender.id'], name=op.f('fk_tender_upload_tender_id_tender'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['user_account.id'], name=op.f('fk_tender_upload_uploaded_by_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tender_upload')),
    )
    op.create_index(op.f('ix_tender_upload_tender_id'), 'tender_upload', ['tender_id'], unique=False)
    op.create_table(
        'impartiality_declaration',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('declared_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['project_id'], ['tender_project.id'], name=op.f('fk_impartiality_declaration_project_id_tender_project'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_impartiality_declaration_user_id_user_account')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_impartiality_declaration')),
        sa.UniqueConstraint('project_id', 'user_id', name='uq_impartiality_project_user'),
    )
    op.create_index(op.f('ix_impartiality_declaration_project_id'), 'impartiality_declaration', ['project_id'], unique=False)
    op.create_table(
        'tender_score',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('tender_id', sa.Integer(), nullable=False),
        sa.Column('requirement_key', sa.String(length=20), nullable=False),
        sa.Column('evaluator_id', sa.Integer(), nullable=False),
        sa.Column('points', sa.Integer(), nullable=False),
        sa.Column('justification', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['evaluator_id'], ['user_account.id'], name=op.f('fk_tender_score_evaluator_id_user_account')),
        sa.ForeignKeyConstraint(['tender_id'], ['tender.id'], name=op.f('fk_tender_score_tender_id_tender'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_tender_score')),
        sa.UniqueConstraint('tender_id', 'requirement_key', 'evaluator_id', name='uq_tender_score'),
    )
    op.create_index(op.f('ix_tender_score_tender_id'), 'tender_score', ['tender_id'], unique=False)
    op.create_table(
        'evaluation_closure',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('project_id', sa.Integer(), nullable=False),
        sa.Column('version_id', sa.Integer(), nullable=False),
        sa.Column('closed_by_id', sa.Integer(), nullable=False),
        sa.Column('closed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('report', JSON, nullable=False),
        sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], name=op.f('fk_evaluation_closure_closed_by_id_user_account')),
        sa.ForeignKeyConstraint(['project_id'], ['tender_project.id'], name=op.f('fk_evaluation_closure_project_id_tender_project'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['version_id'], ['project_version.id'], name=op.f('fk_evaluation_closure_version_id_project_version')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_closure')),
        sa.UniqueConstraint('project_id', name=op.f('uq_evaluation_closure_project_id')),
    )


def downgrade():
    op.drop_table('evaluation_closure')
    op.drop_index(op.f('ix_tender_score_tender_id'), table_name='tender_score')
    op.drop_table('tender_score')
    op.drop_index(op.f('ix_impartiality_declaration_project_id'), table_name='impartiality_declaration')
    op.drop_table('impartiality_declaration')
    op.drop_index(op.f('ix_tender_upload_tender_id'), table_name='tender_upload')
    op.drop_table('tender_upload')
    op.drop_index(op.f('ix_tender_project_id'), table_name='tender')
    op.drop_table('tender')
    op.drop_table('award_model')
    with op.batch_alter_table('project_requirement', schema=None) as batch_op:
        batch_op.drop_column('award_criterion')
