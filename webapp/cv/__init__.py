"""Bewerbungsunterstützung: the Lebenslauf and the Anschreiben made from a participant's profile.

``content`` says what the CV holds (always German, reverse chronological, one place for its
rules); ``pdf`` and ``word`` lay the same content out as PDF (reportlab) and as an editable
Word file (python-docx); ``letter`` drafts a cover letter for one opening from facts of the
profile only; ``photo`` checks and shrinks the optional photo. Nothing here is stored: each
file is made when it is downloaded, so erasing the person leaves no copy behind.

``routes`` the counsellor's pages (the CV, the photo, the letter, the downloads).

URLs (``tests/test_layout.py`` checks this table against the app):

================================================================================  ========  =======================
URL                                                                               Methods   View
================================================================================  ========  =======================
/beratung/teilnehmende/<int:participant_id>/anschreiben                           GET POST  routes.cover_letter
/beratung/teilnehmende/<int:participant_id>/lebenslauf                            GET POST  routes.cv
/beratung/teilnehmende/<int:participant_id>/lebenslauf.<any(pdf, docx):fmt>       GET       routes.cv_file_download
/beratung/teilnehmende/<int:participant_id>/lebenslauf/<int:entry_id>/bearbeiten  GET POST  routes.cv_edit
/beratung/teilnehmende/<int:participant_id>/lebenslauf/<int:entry_id>/loeschen    POST      routes.cv_delete
/beratung/teilnehmende/<int:participant_id>/lebenslauf/foto                       POST      routes.cv_photo
/beratung/teilnehmende/<int:participant_id>/lebenslauf/foto.jpg                   GET       routes.cv_photo_image
/beratung/teilnehmende/<int:participant_id>/lebenslauf/foto/loeschen              POST      routes.cv_photo_delete
================================================================================  ========  =======================
"""
