"""Bewerbungsunterstützung: the Lebenslauf and the Anschreiben made from a participant's profile.

``content`` says what the CV holds (always German, reverse chronological, one place for its
rules); ``pdf`` and ``word`` lay the same content out as PDF (reportlab) and as an editable
Word file (python-docx); ``letter`` drafts a cover letter for one opening from facts of the
profile only; ``photo`` checks and shrinks the optional photo. Nothing here is stored: each
file is made when it is downloaded, so erasing the person leaves no copy behind.
"""
