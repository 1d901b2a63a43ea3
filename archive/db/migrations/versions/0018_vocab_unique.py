"""vocabulary: one person per folded name (concurrent imports made duplicates)

Revision ID: 0018_vocab_unique
Revises: 0019_override_facts
Create Date: 2026-12-03 07:00:00

Keywords, events, photographers and agencies were unique by name already; people were only
indexed, so two desks importing the same new name at once made two "Björn Halvorsen" rows.
Duplicates are merged into the oldest row first (links moved, aliases kept, each merge
written to the audit trail as the people registry's own merge does), then the index on
``person.folded`` becomes unique, which lets importers insert names race-safely.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0018_vocab_unique"
down_revision: str | None = "0019_override_facts"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_person = sa.table("person", sa.column("id", sa.Integer), sa.column("name"), sa.column("folded"))
_link = sa.table("photo_person", sa.column("photo_id", sa.Integer), sa.column("person_id"))
_alias = sa.table("person_alias", sa.column("person_id", sa.Integer), sa.column("folded"))
_audit = sa.table(
    "audit_event",
    sa.column("at", sa.DateTime),
    sa.column("user", sa.String),
    sa.column("batch", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("field", sa.String),
    sa.column("old", sa.JSON),
    sa.column("new", sa.JSON),
)


def _merge_duplicates(conn: sa.Connection) -> None:
    dup_keys = conn.execute(
        sa.select(_person.c.folded).group_by(_person.c.folded).having(sa.func.count() > 1)
    ).scalars()
    now = datetime.now(UTC).replace(tzinfo=None)
    for folded in list(dup_keys):
        rows = conn.execute(
            sa.select(_person.c.id, _person.c.name)
            .where(_person.c.folded == folded)
            .order_by(_person.c.id)
        ).all()
        keep_id, keep_name = rows[0]
        for dup_id, dup_name in rows[1:]:
            # A photo tagged with both keeps one link (the keeper's); the others move.
            tagged = sa.select(_link.c.photo_id).where(_link.c.person_id == keep_id)
            conn.execute(
                sa.delete(_link).where(_link.c.person_id == dup_id, _link.c.photo_id.in_(tagged))
            )
            conn.execute(
                sa.update(_link).where(_link.c.person_id == dup_id).values(person_id=keep_id)
            )
            conn.execute(
                sa.update(_alias).where(_alias.c.person_id == dup_id).values(person_id=keep_id)
            )
            conn.execute(sa.delete(_alias).where(_alias.c.folded == folded))
            conn.execute(sa.delete(_person).where(_person.c.id == dup_id))
            conn.execute(
                sa.insert(_audit).values(
                    at=now,
                    user="migration",
                    batch=revision,
                    action="merge",
                    entity="person",
                    entity_id=keep_id,
                    field=None,
                    old={"merged": dup_name, "id": dup_id},
                    new=keep_name,
                )
            )


def upgrade() -> None:
    _merge_duplicates(op.get_bind())
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_folded"))
        batch_op.create_index(batch_op.f("ix_person_folded"), ["folded"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_folded"))
        batch_op.create_index(batch_op.f("ix_person_folded"), ["folded"], unique=False)
