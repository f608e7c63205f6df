"""What each counted figure means – the one place for the definitions.

The statistics pages link to them (``/statistik/begriffe``), and the README's section
"Was gezählt wird" is written from them: ``python -m webapp.stats.definitions`` prints it, and a
test fails when the README says something else.
"""

from __future__ import annotations

from webapp.core.i18n import lazy_gettext as _l

# (figure or term, name, definition). The figures' keys are those of the statistics (labels.STAT_LABELS).
DEFINITIONS = (
    (
        "participants_new",
        _l("Eintritt"),
        _l(
            "Der Beginn der Teilnahme einer Person (ESF Plus, Anhang I: Eintritt in die Maßnahme). Erfasst, wenn die Beratung das Profil anlegt "
            "(im Formular oder aus einer Liste); gezählt im Monat, in dem er erfasst wurde. Der Tag steht auf der Seite „Teilnahme und ESF Plus“."
        ),
    ),
    (
        "participants_left",
        _l("Austritt"),
        _l(
            "Das Ende der Teilnahme, aus welchem Grund auch immer (ESF Plus, Anhang I). Erfasst genau einmal – mit „Austritt bestätigen“ nach "
            "einer gemeldeten Einstellung oder auf der Seite „Teilnahme und ESF Plus“ – und gezählt im Monat, in dem er erfasst wurde."
        ),
    ),
    (
        "participants_left_employed",
        _l("Austritt in Arbeit"),
        _l("Ein Austritt, bei dem als Situation „in Arbeit (auch selbständig)“ erfasst ist – so, wie es am Ende des Zeitraums erfasst war."),
    ),
    (
        "participants_active",
        _l("Teilnehmende im Zeitraum"),
        _l("Personen, die bis zum Ende des Zeitraums eingetreten und nicht vor seinem Beginn ausgetreten sind."),
    ),
    ("openings_posted", _l("Stelle neu veröffentlicht"), _l("Eine Stelle, die im Zeitraum zum ersten Mal veröffentlicht wurde.")),
    (
        "openings_open",
        _l("Stelle offen"),
        _l("Eine Stelle, die am Ende des Zeitraums veröffentlicht war (nicht pausiert, besetzt, geschlossen oder abgelaufen)."),
    ),
    ("openings_filled", _l("Stelle besetzt"), _l("Der Betrieb hat die Stelle im Zeitraum als besetzt markiert.")),
    ("openings_expired", _l("Stelle abgelaufen"), _l("Die Laufzeit der Stelle endete im Zeitraum, ohne dass sie besetzt wurde.")),
    (
        "suggestions_shown",
        _l("Vorschlag angezeigt"),
        _l("Eine Karte, die einer Beraterin oder einem Berater in den Vorschlägen zu einer Stelle gezeigt wurde."),
    ),
    ("approvals", _l("Vorstellung"), _l("Die Beratung gibt eine Person für eine Stelle frei; erst dann sieht der Betrieb sie.")),
    ("rejections", _l("Vorschlag abgelehnt"), _l("Die Beratung entscheidet, eine vorgeschlagene Person für eine Stelle nicht vorzustellen (mit Grund).")),
    ("interviews", _l("Vorstellungsgespräch"), _l("Der Betrieb meldet ein Gespräch mit einer vorgestellten Person.")),
    (
        "hires",
        _l("Einstellung über eine Vorstellung"),
        _l("Der Betrieb meldet, dass er eine vorgestellte Person einstellt. Das ist noch kein Austritt: den bestätigt die Beratung."),
    ),
    ("not_hired", _l("nicht eingestellt"), _l("Der Betrieb meldet, dass er eine vorgestellte Person nicht einstellt (mit Grund).")),
    ("placement_rate", _l("Vermittlungsquote"), _l("Einstellungen über eine Vorstellung geteilt durch Vorstellungen, beide im Zeitraum.")),
    (
        "median_days_to_first_introduction",
        _l("Tage bis zur ersten Vorstellung"),
        _l("Der Median der Tage zwischen der Veröffentlichung einer Stelle und ihrer ersten Vorstellung, für die ersten Vorstellungen im Zeitraum."),
    ),
    (
        "median_days_to_hire",
        _l("Tage bis zur Einstellung"),
        _l("Der Median der Tage zwischen der Veröffentlichung einer Stelle und ihrer ersten gemeldeten Einstellung, für Einstellungen im Zeitraum."),
    ),
    (
        "esf_categories",
        _l("Merkmale beim Eintritt (ESF Plus)"),
        _l(
            "Geschlecht, Altersgruppe, Erwerbsstatus und Bildung, wie sie bis zum Ende des Zeitraums auf der Seite „Teilnahme und ESF Plus“ "
            "erfasst waren; wer bis dahin keine Angaben hatte, steht in der Spalte „ohne Angabe“."
        ),
    ),
    (
        "esf_voluntary",
        _l("Freiwillige Angaben (ESF Plus)"),
        _l(
            "Behinderung, Drittstaatsangehörigkeit, ausländische Herkunft, Minderheit, Wohnungslosigkeit: nur mit eigener ausdrücklicher "
            "Einwilligung erfasst und nie im Ereignisverlauf gespeichert. Sie werden beim Erstellen des Berichts aus den Datensätzen gezählt; "
            "nach einem Widerruf oder einer Löschung zählen sie nicht mehr, auch nicht für frühere Zeiträume."
        ),
    ),
    (
        "esf_follow_up",
        _l("Nachbefragung"),
        _l("Ob eine Person sechs Monate nach dem Austritt in Arbeit ist; gezählt im Monat, in dem die Antwort erfasst wurde."),
    ),
    (
        "business_stage",
        _l("Stand der Zusammenarbeit mit einem Betrieb"),
        _l(
            "bekannt → angesprochen (erster Kontakt) → interessiert (ein Bedarf ist notiert) → kooperiert (eine Stelle ist veröffentlicht) → "
            "stellt ein (eine Einstellung über eine Vorstellung ist gemeldet), oder ruht. Gezählt wird der Stand am Ende des Zeitraums; jede "
            "Änderung ist ein Ereignis, von Hand oder durch Kontakt, Bedarf, Stelle oder Einstellung."
        ),
    ),
    (
        "business_contact",
        _l("Kontakt mit einem Betrieb"),
        _l("Ein festgehaltener Besuch, Anruf, eine Mail oder Veranstaltung; gezählt im Monat, in dem er stattfand (erfasst wurde)."),
    ),
    (
        "supported_kmu",
        _l("Unterstützte KMU (ESF Plus)"),
        _l(
            "Betriebe mit weniger als 250 Beschäftigten (Kleinst-, kleine und mittlere Unternehmen nach der Empfehlung 2003/361/EG), mit denen "
            "das Projekt im Zeitraum mindestens einen festgehaltenen Kontakt hatte; jeder Betrieb zählt einmal je Zeitraum. Betriebe, deren "
            "Größe nicht bekannt ist, zählen nicht."
        ),
    ),
)

README_START = "<!-- begriffe:start (geschrieben von python -m webapp.stats.definitions) -->"
README_END = "<!-- begriffe:end -->"


def markdown() -> str:
    """The README's section body, in German."""
    lines = [README_START]
    lines += [f"- **{name}**: {text}" for _key, name, text in DEFINITIONS]
    lines.append(README_END)
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - prints the README section
    print(markdown())
