"""issue 15: revocable sessions, unique revision numbers, frozen version files, append-only audit

- user_account.session_generation: raising it ends all of a user's sessions;
- org_requirement_revision: one revision per number and requirement (duplicates from the old lost
  update are moved after the last number, and the requirement's version follows, so no row is lost);
- stored_file (immutable bytes by SHA-256), version_file (a frozen version's exports) and
  project_version.template_sha256 (the Word template it was frozen with);
- audit_event.project_id loses its foreign key (deleting a project no longer rewrites its trail);
  on PostgreSQL a trigger refuses UPDATE and DELETE on audit_event.

Revision ID: b15a0c0de015
Revises: b13e7a1d0c55
Create Date: 2026-12-01 21:45:00
"""
import sqlalchemy as sa
from alembic import op

revision = 'b15a0c0de015'
down_revision = 'b13e7a1d0c55'
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
"""


def _renumber_duplicate_revisions():
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT id, org_requirement_id, version FROM org_requirement_revision ORDER BY org_requirement_id, id"
    )).fetchall()
    seen, top, moved = set(), {}, []
    for row_id, req_id, version in rows:
        top[req_id] = max(top.get(req_id, 0), version)
        if (req_id, version) in seen:
            moved.append((row_id, req_id))
        seen.add((req_id, version))
    for row_id, req_id in moved:
        top[req_id] += 1
        conn.execute(sa.text("UPDATE org_requirement_revision SET version = :v WHERE id = :id"),
                     {"v": top[req_id], "id": row_id})
        conn.execute(sa.text("UPDATE org_requirement SET version = :v WHERE id = :id AND version < :v"),
                     {"v": top[req_id], "id": req_id})


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), server_default='0', nullable=False))

    _renumber_duplicate_revisions()
    with op.batch_alter_table('org_requirement_revision', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_org_requirement_revision_version', ['org_requirement_id', 'version'])

    op.create_table('stored_file',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_stored_file'))
    )
    op.create_table('version_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('fmt', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=120), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['stored_file.sha256'], name=op.f('fk_version_file_sha256_stored_file')),
    sa.ForeignKeyConstraint(['version_id'], ['project_version.id'], name=op.f('fk_version_file_version_id_project_version'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_version_file')),
    sa.UniqueConstraint('version_id', 'fmt', name='uq_version_file_version_fmt')
    )
    with op.batch_alter_table('version_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_version_file_version_id'), ['version_id'], unique=False)
    with op.batch_alter_table('project_version', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_sha256', sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_project_version_template_sha256_stored_file'), 'stored_file',
                                    ['template_sha256'], ['sha256'])

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_constraint('fk_audit_event_project_id_tender_project', type_='foreignkey')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(APPEND_ONLY)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER IF EXISTS audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION IF EXISTS audit_event_append_only()")
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_audit_event_project_id_tender_project', 'tender_project',
                                    ['project_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('project_version', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_project_version_template_sha256_stored_file'), type_='foreignkey')
        batch_op.drop_column('template_sha256')
    with op.batch_alter_table('version_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_version_file_version_id'))
    op.drop_table('version_file')
    op.drop_table('stored_file')
    with op.batch_alter_table('org_requirement_revision', schema=None) as batch_op:
        batch_op.drop_constraint('uq_org_requirement_revision_version', type_='unique')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('session_generation')
