"""The extract as a Frictionless Data Package: ``datapackage.json`` with a Table Schema per file (German and
English descriptions, licence, provenance), the CSV files, the k-anonymity report and a German codebook written
from the same schema – so the codebook cannot say something else than the files.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime

from models.enums import EDUCATION_LEVELS, EXIT_SITUATIONS, GENDERS, LABOUR_STATUSES, QUARTERS
from webapp.research.extract import ANY, EPISODES, QUASI_IDENTIFIERS, Extract

AGE_GROUPS = ("under_18", "18_29", "30_54", "55_plus")


def _field(name: str, kind: str, de: str, en: str, *, values: tuple[str, ...] | None = None, required: bool = False, **extra) -> dict:
    field: dict = {"name": name, "type": kind, "title": de, "description": de, "description_en": en}
    constraints: dict = extra.pop("constraints", {})
    if values is not None:
        constraints["enum"] = list(values)
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    field.update(extra)
    return field


def _coded(values: tuple[str, ...]) -> tuple[str, ...]:
    return (*values, "unknown", ANY)


PERSON_FIELDS = (
    _field(
        "pseudonym",
        "string",
        "Pseudonym der Person (verschlüsselter Hash, je Schlüsselfassung stabil)",
        "Pseudonym of the person (keyed hash, stable per key version)",
        required=True,
    ),
    _field(
        "cohort",
        "string",
        "Kohorte: Kalenderquartal des Eintritts (JJJJ-Qn) oder, vergröbert, das Halbjahr (JJJJ-Hn) oder das Jahr (JJJJ)",
        "Cohort: calendar quarter of entry (YYYY-Qn) or, coarsened, the half-year (YYYY-Hn) or the year (YYYY)",
        constraints={"required": True, "pattern": r"\d{4}(-Q[1-4]|-H[12])?"},
    ),
    _field(
        "quarter",
        "string",
        "Stadtteil des Wohnorts (Altenhagen, Wehringhausen, anderer)",
        "Quarter of residence (Altenhagen, Wehringhausen, other)",
        values=(*QUARTERS, ANY),
    ),
    _field("gender", "string", "Geschlecht beim Eintritt (ESF Plus)", "Gender at entry (ESF Plus)", values=_coded(GENDERS)),
    _field(
        "age_group",
        "string",
        "Altersgruppe beim Eintritt (ESF Plus, Anhang I; vergröbert: under_30, 30_plus)",
        "Age group at entry (ESF Plus, Annex I; coarsened: under_30, 30_plus)",
        values=_coded((*AGE_GROUPS, "under_30", "30_plus")),
    ),
    _field(
        "labour_status",
        "string",
        "Erwerbsstatus beim Eintritt (ESF Plus; vergröbert: unemployed_any, not_unemployed)",
        "Labour-market status at entry (ESF Plus; coarsened: unemployed_any, not_unemployed)",
        values=_coded((*LABOUR_STATUSES, "unemployed_any", "not_unemployed")),
    ),
    _field(
        "education",
        "string",
        "Bildungsstand beim Eintritt (ISCED-Stufen, ESF Plus; vergröbert: isced_3_8)",
        "Education level at entry (ISCED levels, ESF Plus; coarsened: isced_3_8)",
        values=_coded((*EDUCATION_LEVELS, "isced_3_8")),
    ),
    _field(
        "german_band",
        "string",
        "Deutschkenntnisse als Band (A, B oder C nach GER)",
        "German level as a band (A, B or C of the CEFR)",
        values=("A", "B", "C", "unknown", ANY),
    ),
    _field(
        "months_to_first_introduction",
        "integer",
        "Volle Monate vom Eintritt bis zur ersten Vorstellung (leer: keine)",
        "Whole months from entry to the first introduction (empty: none)",
    ),
    _field(
        "months_to_hire",
        "integer",
        "Volle Monate vom Eintritt bis zur ersten Einstellung über eine Vorstellung (leer: keine)",
        "Whole months from entry to the first hire through an introduction (empty: none)",
    ),
    _field("left", "boolean", "Ausgetreten (ESF Plus)", "Left the project (ESF Plus)"),
    _field(
        "employed_at_follow_up",
        "boolean",
        "Sechs Monate nach dem Austritt in Arbeit (leer: keine Nachbefragung)",
        "In work six months after leaving (empty: no follow-up)",
    ),
)
EPISODE_FIELDS = (
    _field("pseudonym", "string", "Pseudonym der Person (verweist auf persons.csv)", "Pseudonym of the person (refers to persons.csv)", required=True),
    _field(
        "episode",
        "string",
        "Art der Episode: Eintritt, Vorschlag entschieden, Vorstellung, Vorstellungsgespräch, Einstellung, nicht eingestellt, Austritt, Nachbefragung",
        "Kind of episode: entry, suggestion decided, introduction, interview, hire, not hired, exit, follow-up",
        values=EPISODES,
        required=True,
    ),
    _field("months_since_entry", "integer", "Volle Monate seit dem Eintritt (kein Datum)", "Whole months since entry (no date)", required=True),
    _field(
        "detail",
        "string",
        "Code zur Episode: bei „suggested“ introduced/not_introduced, bei „exit“ die Situation (ESF Plus), bei „follow_up“ employed/not_employed",
        "Code of the episode: for “suggested” introduced/not_introduced, for “exit” the situation (ESF Plus), for “follow_up” employed/not_employed",
        values=("", "introduced", "not_introduced", "employed", "not_employed", *EXIT_SITUATIONS),
    ),
)
COUNT_FIELDS = (
    _field("cohort", "string", "Kalenderquartal des Eintritts (JJJJ-Qn)", "Calendar quarter of entry (YYYY-Qn)", required=True),
    _field(
        "entries",
        "integer",
        "Eintritte, alle Teilnehmenden (geschützt: leicht verändert, 1 und 2 nie gezeigt)",
        "Entries, all participants (protected: slightly perturbed, 1 and 2 never shown)",
    ),
    _field(
        "entries_with_research_consent",
        "integer",
        "davon mit Einwilligung in die Begleitforschung (geschützt wie oben)",
        "of which with consent to the evaluation (protected as above)",
    ),
)


def descriptor(extract: Extract, created: datetime) -> dict:
    """``datapackage.json`` of the extract."""

    def resource(name: str, title: str, description: str, fields, **schema) -> dict:
        return {
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "title": title,
            "description": description,
            "schema": {"fields": list(fields), "missingValues": [""], **schema},
        }

    return {
        "profile": "tabular-data-package",
        "name": "kmu-match-begleitforschung",
        "title": "KMU-Match – Auszug für die wissenschaftliche Begleitung",
        "description": (
            "Pseudonymisierter Auszug aus KMU-Match (Gemeinsam für Hagen 2.0, ESF Plus / BIWAQ) für die wissenschaftliche "
            "Begleitung: nur Personen mit Einwilligung in die Begleitforschung, vergröberte Merkmale, k-anonym. "
            "Pseudonymised extract for the scientific evaluation: only people who consented, coarsened attributes, k-anonymous."
        ),
        "version": created.strftime("%Y.%m.%d"),
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [
            {
                "name": "other-closed",
                "title": "Nur für die wissenschaftliche Begleitung nach der Nutzungsvereinbarung mit der Stadt Hagen; keine Weitergabe",
            }
        ],
        "sources": [{"title": "KMU-Match, Stadt Hagen – Gemeinsam für Hagen 2.0 (ESF Plus / BIWAQ)"}],
        "contributors": [{"title": "Stadt Hagen, Projektleitung Gemeinsam für Hagen 2.0", "role": "publisher"}],
        "keywords": ["ESF Plus", "BIWAQ", "Arbeitsmarktintegration", "Begleitforschung"],
        "kmu_key_version": extract.key_version,
        "kmu_k": extract.k,
        "kmu_suppressed": extract.suppressed,
        "kmu_generalised": extract.steps,
        "resources": [
            resource(
                "persons",
                "Personen",
                "Eine Zeile je Person mit Einwilligung (nach k-Anonymisierung). One row per consenting person.",
                PERSON_FIELDS,
                primaryKey=["pseudonym"],
            ),
            resource(
                "episodes",
                "Episoden",
                "Eine Zeile je Episode einer Person, in Monaten seit dem Eintritt. One row per episode, in months since entry.",
                EPISODE_FIELDS,
                foreignKeys=[{"fields": ["pseudonym"], "reference": {"resource": "persons", "fields": ["pseudonym"]}}],
            ),
            resource(
                "counts",
                "Eintritte je Kohorte",
                "Alle Eintritte je Kohorte, auch ohne Einwilligung – nur als geschützte Zahlen. Entries per cohort, as protected counts.",
                COUNT_FIELDS,
                primaryKey=["cohort"],
            ),
        ],
    }


def _csv(fields, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = [f["name"] for f in fields]
    writer.writerow(names)
    for row in rows:
        writer.writerow(["" if row.get(n) is None else ("true" if row[n] is True else "false" if row[n] is False else row[n]) for n in names])
    return out.getvalue().encode("utf-8")


def codebook(package: dict) -> str:
    """The German codebook, written from the package's own schema."""
    lines = [f"# Codebuch: {package['title']}", "", package["description"], ""]
    lines += [f"- Fassung: {package['version']} (erstellt {package['created']})", f"- Lizenz: {package['licenses'][0]['title']}"]
    lines += [f"- Schlüsselfassung der Pseudonyme: {package['kmu_key_version']}", f"- k-Anonymität mit k = {package['kmu_k']}", ""]
    for resource in package["resources"]:
        lines += [f"## {resource['title']} (`{resource['path']}`)", "", resource["description"], "", "| Feld | Typ | Bedeutung | Werte |", "|---|---|---|---|"]
        for field in resource["schema"]["fields"]:
            values = ", ".join(f"`{v}`" for v in field.get("constraints", {}).get("enum", []) if v != "")
            lines.append(f"| `{field['name']}` | {field['type']} | {field['description']} | {values} |")
        lines.append("")
    lines += ["`unknown`: nicht erfasst. `*`: für die k-Anonymität zusammengefasst (jeder Wert möglich).", ""]
    return "\n".join(lines)


def files(extract: Extract, created: datetime) -> dict[str, bytes]:
    package = descriptor(extract, created)
    return {
        "datapackage.json": json.dumps(package, ensure_ascii=False, indent=2).encode("utf-8"),
        "persons.csv": _csv(PERSON_FIELDS, extract.persons),
        "episodes.csv": _csv(EPISODE_FIELDS, extract.episodes),
        "counts.csv": _csv(COUNT_FIELDS, extract.counts),
        "codebuch.md": codebook(package).encode("utf-8"),
        "bericht.md": extract.report().encode("utf-8"),
    }


def zipped(extract: Extract, created: datetime) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files(extract, created).items():
            archive.writestr(name, content)
    return out.getvalue()


__all__ = ["QUASI_IDENTIFIERS", "codebook", "descriptor", "files", "zipped"]
