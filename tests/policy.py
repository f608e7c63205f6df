"""The access policy written out by hand: every endpoint, the methods tried, and who may use it.

``tests/webapp/test_route_guards.py`` walks it as every role; a new route without
an entry fails that test, so nobody can add a page without deciding who may see it.
"""

from __future__ import annotations

PUBLIC = "public"
ANY = ("admin", "counsellor", "employer")
TOKEN = "token"  # the JSON API: a personal token decides (tests/webapp/test_api.py); a page's cookie never opens it

# endpoint -> (methods tried, who may use it)
POLICY: dict[str, tuple[tuple[str, ...], object]] = {
    "main.index": (("GET",), PUBLIC),
    "main.public_list": (("GET",), PUBLIC),
    "main.public_feed": (("GET",), PUBLIC),
    "api-docs.openapi_json": (("GET",), PUBLIC),
    "api.docs": (("GET",), PUBLIC),
    "api.PublicOpenings": (("GET",), PUBLIC),
    "api.Openings": (("GET", "POST"), TOKEN),
    "api.OpeningStatus": (("POST",), TOKEN),
    "api.Suggestions": (("GET",), TOKEN),
    "api.Decisions": (("POST",), TOKEN),
    "api.Statistics": (("GET",), TOKEN),
    "api.Introductions": (("GET",), TOKEN),
    "api.Outcome": (("POST",), TOKEN),
    "api.OneOpening": (("GET",), TOKEN),
    "main.about": (("GET",), PUBLIC),
    "main.how": (("GET",), PUBLIC),
    "main.healthz": (("GET",), PUBLIC),
    "main.readyz": (("GET",), PUBLIC),
    "main.set_language": (("POST",), PUBLIC),
    "auth.login": (("GET",), PUBLIC),
    "auth.login_code": (("GET", "POST"), PUBLIC),
    "auth.forgot_password": (("GET",), PUBLIC),
    "auth.set_password": (("GET",), PUBLIC),  # an unknown token: a friendly 404 page
    "auth.invite": (("GET", "POST"), ("admin", "counsellor")),
    "auth.request_access": (("GET",), PUBLIC),
    "admin.access_requests": (("GET",), ("admin",)),
    "admin.person_request": (("GET", "POST"), ("admin",)),
    "vocabulary.vocabulary": (("GET",), ("admin",)),
    "vocabulary.vocabulary_decide": (("POST",), ("admin",)),
    "vocabulary.vocabulary_withdraw": (("POST",), ("admin",)),
    "vocabulary.vocabulary_export": (("GET",), ("admin",)),
    "vocabulary.vocabulary_import": (("POST",), ("admin",)),
    "vocabulary.vocabulary_measure": (("POST",), ("admin",)),
    "vocabulary.vocabulary_import_preview": (("GET",), ("admin",)),
    "vocabulary.vocabulary_import_apply": (("POST",), ("admin",)),
    "vocabulary.vocabulary_import_discard": (("POST",), ("admin",)),
    "admin.access_request_decide": (("POST",), ("admin",)),
    "main.home": (("GET",), ANY),
    "main.suggest_terms": (("GET",), ANY),
    "auth.logout": (("POST",), ANY),
    "auth.change_password": (("GET", "POST"), ANY),
    "auth.api_tokens_page": (("GET", "POST"), ANY),
    "auth.api_token_revoke": (("POST",), ANY),
    "admin.users": (("GET",), ("admin",)),
    "admin.user_new": (("GET", "POST"), ("admin",)),
    "admin.user_edit": (("GET", "POST"), ("admin",)),
    "admin.user_deactivate": (("POST",), ("admin",)),
    "admin.user_activate": (("POST",), ("admin",)),
    "admin.employers": (("GET",), ("admin",)),
    "admin.employer_new": (("GET", "POST"), ("admin",)),
    "admin.employer_edit": (("GET", "POST"), ("admin",)),
    "admin.employer_subject_access": (("GET",), ("admin",)),
    "admin.employer_contact_erase": (("POST",), ("admin",)),
    "admin.user_subject_access": (("GET",), ("admin",)),
    "admin.user_erase": (("GET", "POST"), ("admin",)),
    "auth.my_data": (("GET",), ANY),
    "stats.definitions": (("GET",), ("admin", "counsellor")),
    "admin.audit_log": (("GET",), ("admin",)),
    "admin.technical_record": (("GET",), ("admin",)),
    "stats.dashboard": (("GET",), ("admin", "counsellor")),
    "stats.export": (("GET",), ("admin", "counsellor")),
    "stats.esf": (("GET",), ("admin",)),
    "stats.esf_export": (("GET",), ("admin",)),
    "stats.fairness": (("GET",), ("admin",)),
    "admin.outbox": (("GET",), ("admin",)),
    "admin.outbox_mail": (("GET",), ("admin",)),
    "employers.openings": (("GET",), ("employer",)),
    "employers.opening_new": (("GET", "POST"), ("employer",)),
    "employers.opening": (("GET",), ("employer",)),
    "employers.candidate_cv": (("GET",), ("employer",)),
    "employers.reading": (("GET", "POST"), ("employer",)),
    "employers.opening_edit": (("GET", "POST"), ("employer",)),
    "employers.opening_status": (("POST",), ("employer",)),
    "employers.opening_copy": (("POST",), ("employer",)),
    "employers.company": (("GET", "POST"), ("employer",)),
    "employers.outcome": (("POST",), ("employer",)),
    "counsellors.openings": (("GET",), ("counsellor",)),
    "counsellors.suggestions": (("GET",), ("counsellor",)),
    "counsellors.decision": (("POST",), ("counsellor",)),
    "counsellors.board": (("GET",), ("counsellor",)),
    "counsellors.introduction": (("GET",), ("counsellor",)),
    "counsellors.introduction_withdraw": (("POST",), ("counsellor",)),
    "counsellors.exit_confirm": (("GET", "POST"), ("counsellor",)),
    "counsellors.participants": (("GET",), ("counsellor",)),
    "counsellors.participant_new": (("GET", "POST"), ("counsellor",)),
    "counsellors.participant": (("GET",), ("counsellor",)),
    "counsellors.participant_edit": (("GET", "POST"), ("counsellor",)),
    "businesses.index": (("GET",), ("admin", "counsellor")),
    "businesses.new": (("GET", "POST"), ("admin", "counsellor")),
    "businesses.detail": (("GET",), ("admin", "counsellor")),
    "businesses.edit": (("GET", "POST"), ("admin", "counsellor")),
    "businesses.contact": (("GET", "POST"), ("admin", "counsellor")),
    "businesses.stage": (("POST",), ("admin", "counsellor")),
    "businesses.consent": (("POST",), ("admin", "counsellor")),
    "businesses.account": (("POST",), ("admin", "counsellor")),
    "businesses.person_add": (("POST",), ("admin", "counsellor")),
    "businesses.person_access": (("GET",), ("admin", "counsellor")),
    "businesses.person_erase": (("POST",), ("admin", "counsellor")),
    "businesses.step_done": (("POST",), ("admin", "counsellor")),
    "businesses.step_reassign": (("POST",), ("admin", "counsellor")),
    "businesses.steps_hand_over": (("POST",), ("admin", "counsellor")),
    "businesses.need_draft": (("POST",), ("admin", "counsellor")),
    "businesses.need_publish": (("POST",), ("admin", "counsellor")),
    "businesses.need_drop": (("POST",), ("admin", "counsellor")),
    "businesses.settings": (("GET", "POST"), ("admin",)),
    "businesses.statistics": (("GET",), ("admin", "counsellor")),
    "businesses.import_upload": (("GET", "POST"), ("admin", "counsellor")),
    "businesses.import_preview": (("GET", "POST"), ("admin", "counsellor")),
    "research.overview": (("GET",), ("admin",)),
    "research.extract": (("POST",), ("admin",)),
    "research.results": (("GET",), ("admin",)),
    "research.consent": (("POST",), ("counsellor",)),
    "esf.esf": (("GET", "POST"), ("counsellor",)),
    "counsellors.participant_for_person": (("GET",), ("counsellor",)),
    "cv.cv": (("GET", "POST"), ("counsellor",)),
    "cv.cv_edit": (("GET", "POST"), ("counsellor",)),  # before cv_delete, which deletes the entry
    "cv.cv_delete": (("POST",), ("counsellor",)),
    "cv.cv_file_download": (("GET",), ("counsellor",)),
    "cv.cv_photo": (("POST",), ("counsellor",)),
    "cv.cv_photo_image": (("GET",), ("counsellor",)),
    "cv.cv_photo_delete": (("POST",), ("counsellor",)),
    "cv.cover_letter": (("GET", "POST"), ("counsellor",)),
    "counsellors.reading": (("GET", "POST"), ("counsellor",)),
    "counsellors.consent": (("POST",), ("counsellor",)),
    "counsellors.consents": (("POST",), ("counsellor",)),
    "privacy.subject_access_page": (("GET",), ("counsellor",)),
    "privacy.subject_access_json": (("GET",), ("counsellor",)),
    "privacy.erase": (("GET", "POST"), ("counsellor",)),
    "auth.two_factor": (("GET",), ("admin", "counsellor")),
    "auth.two_factor_setup": (("POST",), ("admin", "counsellor")),
    "auth.two_factor_confirm": (("POST",), ("admin", "counsellor")),
    "auth.two_factor_disable": (("POST",), ("admin", "counsellor")),
    "admin.user_reset_totp": (("POST",), ("admin",)),
    "counsellors.import_upload": (("GET", "POST"), ("counsellor",)),
    "counsellors.import_template": (("GET",), ("counsellor",)),
    "counsellors.import_preview": (("GET", "POST"), ("counsellor",)),
}

ROLES = {"anonymous": None, "admin": "admin", "counsellor": "counsellor_a", "employer": "employer_user_2"}
STATIC = {"static", "bootstrap.static"}
CV_FILES = {"cv.cv_file_download", "employers.candidate_cv"}


def url_values(app, world, endpoint: str, token: str = "0" * 32) -> dict:
    """Values for the URL's variables: objects that exist, owned by somebody else where it matters."""
    from sqlalchemy import select

    from models import User
    from webapp.core.db import db

    with app.app_context():
        other_user = db.session.scalar(select(User.id).where(User.email == world.employer_user_1))
    # employer 2's open opening with an approved introduction: every role that may see it, can.
    values = {
        "user_id": other_user,
        "employer_id": world.employer_1,
        "opening_id": world.opening_2,
        "introduction_id": world.introduction_2,
        "participant_id": world.participant_a,
        "token": token,
        "mail_id": world.mail_1,
        "link": "unbekannt",
        "request_id": world.access_request_1,
        "name": "vorstellungen",
        "fmt": "pdf" if endpoint in CV_FILES else "csv",
        "entry_id": world.cv_entry_a,
        "import_id": world.vocabulary_import_1,
        "token_id": world.api_token_1,
        "business_id": world.business_1,
        "person_id": world.business_person_1,
        "activity_id": world.business_activity_1,
        "need_id": world.business_need_1,
    }
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    return {name: values[name] for name in rule.arguments}
