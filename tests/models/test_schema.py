"""Migrations and models describe the same schema, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import Base, Centre, Employer, User
from webapp.core.migrate import alembic_config, upgrade


def test_upgrade_head_on_an_empty_database_gives_exactly_the_models_schema(test_databases):
    url = test_databases.new("schema")
    upgrade(url)
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
        current = context.get_current_revision()
    engine.dispose()
    assert diff == []
    assert current == ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def test_migrations_have_a_single_head(test_databases):
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def test_constraints_follow_the_naming_convention(database_url_for_tests):
    engine = create_engine(database_url_for_tests)
    inspector = inspect(engine)
    fks = inspector.get_foreign_keys("user_account")
    checks = {c["name"] for c in inspector.get_check_constraints("user_account")}
    engine.dispose()
    assert {fk["name"] for fk in fks} == {"fk_user_account_centre_id_centre", "fk_user_account_employer_id_employer"}
    assert "ck_user_account_counsellor_has_centre" in checks


@pytest.mark.parametrize(
    "kwargs",
    [
        {"role": "counsellor"},  # a counsellor without a centre
        {"role": "employer"},  # an employer account without a company
        {"role": "janitor"},  # not a role
    ],
)
def test_the_database_refuses_accounts_that_break_the_role_rules(app, kwargs):
    from webapp.core.db import db

    with app.app_context():
        db.session.add(User(email="x@test.example", name="X", password_hash="h", **kwargs))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_the_database_refuses_an_unknown_sector(app):
    from webapp.core.db import db

    with app.app_context():
        db.session.add(Employer(name="X", sector="casino", postcode="58089", quarter="altenhagen"))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
        db.session.add(Centre(slug="x", name="X", partner="P", quarter="mars", address="A"))
        with pytest.raises(IntegrityError):
            db.session.commit()


def test_timestamps_come_back_timezone_aware(app, world):
    from sqlalchemy import select

    from webapp.core.db import db

    with app.app_context():
        created = db.session.scalar(select(User.created_at).limit(1))
    assert created.tzinfo is not None
    with Session(create_engine("sqlite://")) as s:  # the type refuses naive values
        Base.metadata.create_all(s.get_bind())
        s.add(Centre(slug="c", name="C", partner="P", quarter="other", address="A"))
        s.add(User(email="n@x", name="N", role="admin", password_hash="h", created_at=__import__("datetime").datetime(2026, 1, 1)))
        with pytest.raises(Exception, match="naive datetime"):
            s.commit()


def test_the_matcher_and_the_schema_know_the_same_levels_hours_and_licences():
    """matching/ is a library of its own (it never imports models): its value lists must still agree."""
    from matching import records
    from models import enums

    assert records.CEFR == enums.CEFR_LEVELS
    assert records.HOURS == enums.HOURS
    assert set(enums.DRIVING_LICENCES) <= set(records.LICENCES)
