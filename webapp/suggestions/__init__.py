"""The matcher as the web app uses it: suggestions and their explanations.

``index`` keeps one matching index per worker, current by a change counter; ``skills`` is the door to the
normaliser (skills understood when a record is saved, the project's vocabulary layer loaded into it) and
``forms`` its form field; ``explanations`` renders a suggestion's explanation
and keeps it while what it explains is unchanged;
``ai_record`` the technical record of the matcher (AI Act). The pages live with their role
(``counsellors.routes``: suggestions for an opening; ``counsellors.participant_routes``: openings for a
person).
"""
