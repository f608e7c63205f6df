"""Command-line tasks: ``flask --app wsgi <command>``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import func, select

from models import User
from webapp import demo
from webapp.core import migrate
from webapp.core.db import db
from webapp.core.passwords import hash_password, password_problem


def register_commands(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(demo_data)
    app.cli.add_command(demo_logins)
    app.cli.add_command(set_password)
    app.cli.add_command(create_admin)
    app.cli.add_command(send_mail)
    app.cli.add_command(daily)
    app.cli.add_command(check_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(stats)
    app.cli.add_command(retention)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(research_extract)


db_group = AppGroup("db", help="Datenbank-Schema verwalten (Alembic).")


@db_group.command("upgrade", help="Das Schema auf die neueste Migration bringen.")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    migrate.upgrade(current_app.config["DATABASE_URL"], revision)
    click.echo(f"Schema ist auf Stand {revision}.")


@click.command("demo-data", help="Erfundene Demodaten laden.")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Nur laden, wenn noch keine Zugänge existieren.")
@click.option("--participants", default=300, show_default=True)
@click.option("--open-openings", default=0, help="mindestens so viele offene Stellen (für Lasttests)")
def demo_data(if_empty: bool, participants: int, open_openings: int) -> None:
    if not demo.is_empty(db.session):
        if if_empty:
            click.echo("Die Datenbank enthält schon Daten; Demodaten werden nicht geladen.")
            return
        raise click.ClickException("Die Datenbank enthält schon Zugänge; Demodaten nur in eine leere Datenbank.")
    counts = demo.load(db.session, participants=participants, open_openings=open_openings)
    db.session.commit()
    click.echo("Demodaten geladen: " + ", ".join(f"{k}={v}" for k, v in counts.items()))


@click.command("demo-logins", help="Die Demo-Zugänge ausgeben.")
@with_appcontext
def demo_logins() -> None:
    click.echo(_logins_table())


def _logins_table() -> str:
    rows = [f"  {'Rolle':<11} {'E-Mail':<44} Passwort"]
    for login in demo.demo_logins():
        rows.append(f"  {login.role:<11} {login.email:<44} {login.password:<20} ({login.note})")
    return "\n".join(rows)


@click.command("set-password", help="Ein neues Passwort für einen Zugang setzen (fragt danach).")
@with_appcontext
@click.argument("email")
@click.password_option(prompt="Neues Passwort")
def set_password(email: str, password: str) -> None:
    user = db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None:
        raise click.ClickException(f"Kein Zugang mit der E-Mail-Adresse {email}.")
    problem = password_problem(password)
    if problem:
        raise click.ClickException(str(problem))
    user.password_hash = hash_password(password)
    user.demo_password = False
    from webapp.auth.sessions import end_all_sessions

    end_all_sessions(user.id, "password_reset")
    db.session.commit()
    click.echo("Passwort gesetzt; bestehende Anmeldungen wurden beendet.")


@click.command("create-admin", help="Einen Verwaltungszugang anlegen (fragt nach dem Passwort).")
@with_appcontext
@click.argument("email")
@click.option("--name", required=True)
@click.password_option(prompt="Passwort")
def create_admin(email: str, name: str, password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise click.ClickException(str(problem))
    email = email.strip().lower()
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise click.ClickException("Diese E-Mail-Adresse hat schon einen Zugang.")
    db.session.add(User(email=email, name=name, role="admin", password_hash=hash_password(password)))
    db.session.commit()
    click.echo(f"Verwaltungszugang {email} angelegt.")


@click.command("send-mail", help="Wartende E-Mails aus dem Postausgang über SMTP verschicken (z. B. jede Minute per cron).")
@with_appcontext
def send_mail() -> None:
    from webapp.core.mail import send_pending

    if not current_app.config["SMTP_HOST"]:
        click.echo("SMTP_HOST ist nicht gesetzt: die E-Mails bleiben im Postausgang (Verwaltung → Postausgang).")
        return
    sent, failed = send_pending()
    click.echo(f"{sent} verschickt, {failed} fehlgeschlagen.")


@click.command("daily", help="Einmal am Tag: abgelaufene Stellen schließen, Erinnerungen in den Postausgang legen.")
@with_appcontext
def daily() -> None:
    from webapp.daily import run_daily_with_checks

    done, findings = run_daily_with_checks()
    click.echo(
        f"{done['expired']} Stellen abgelaufen, {done['expiry_reminders']} Ablauf-Erinnerungen, {done['outcome_reminders']} Nachfragen zu Vorstellungen, "
        f"{done['outcome_digests']} Sammel-Mails an Beratende."
    )
    if findings:
        click.echo(f"Prüfung: {len(findings)} Widersprüche gefunden; die Verwaltung bekommt eine E-Mail.")
    else:
        click.echo("Prüfung: alles stimmt zusammen.")


def _run_checks():
    from webapp.checks import check
    from webapp.suggestions.index import matching_index

    matcher = matching_index().current(db.session)
    findings = check(db.session, matcher)
    db.session.rollback()  # the checks only read
    return findings


@click.command("check", help="Prüfen, ob Teilnahme, Statistik, ESF-Plus-Zahlen, Protokoll und Löschungen zusammenpassen (liest nur).")
@with_appcontext
def check_command() -> None:
    findings = _run_checks()
    if not findings:
        click.echo(
            "Alles stimmt zusammen: Eintritte und Austritte genau einmal, Statistik gleich ESF-Plus-Indikatoren, Entscheidungen gezählt und protokolliert, Gelöschte bleiben gelöscht."
        )
        return
    for finding in findings:
        click.echo(f"- {finding}")
    raise click.ClickException(f"{len(findings)} Widersprüche gefunden.")


@click.command("stats", help="Statistik als CSV oder XLSX schreiben (anonym, jede Zahl nach dem Cell-Key-Verfahren geschützt).")
@click.option("--month", help="ein Monat, JJJJ-MM")
@click.option("--quarter", help="ein Quartal, JJJJ-Q (z. B. 2026-4)")
@click.option("--year", type=int, help="ein Jahr, JJJJ")
@click.option("--to", "last", help="mit --internal: letzter Monat eines beliebigen Zeitraums ab --month")
@click.option("--internal", is_flag=True, help="exakte Zahlen für die Projektleitung (nicht weitergeben)")
@click.option("--centre", help="nur ein Perspektivhaus (altenhagen oder wehringhausen)")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="xlsx", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
@with_appcontext
def stats(month: str | None, quarter: str | None, year: int | None, last: str | None, internal: bool, centre: str | None, fmt: str, output: str) -> None:
    from models import Centre
    from webapp.core.spreadsheets import to_csv
    from webapp.stats.export import report_rows, to_xlsx
    from webapp.stats.figures import Filters, Period
    from webapp.stats.report import Report, Scope

    if sum(x is not None for x in (month, quarter, year)) != 1:
        raise click.UsageError("Bitte genau eins angeben: --month, --quarter oder --year.")
    if last and not (internal and month):
        raise click.UsageError("Beliebige Zeiträume (--to) gibt es nur mit --internal; sonst --quarter oder --year.")
    try:
        if quarter:
            y, q = quarter.split("-")
            period = Period.quarter(int(y), int(q))
        elif year:
            period = Period.year(year)
        else:
            period = Period.months(month or "", last)
    except ValueError as exc:
        raise click.BadParameter(f"{exc} (Monat JJJJ-MM, Quartal JJJJ-Q)") from None
    centre_id = None
    if centre:
        found = db.session.scalar(select(Centre).where(Centre.slug == centre))
        if found is None:
            raise click.BadParameter(f"kein Perspektivhaus {centre!r}", param_hint="--centre")
        centre_id = found.id
    rows = report_rows(Report(db.session, Scope(period, Filters(centre_id), internal)))
    with open(output, "wb") as f:
        f.write(to_csv(rows) if fmt == "csv" else to_xlsx(rows))
    click.echo(f"Statistik {period.label}{' (intern, exakt)' if internal else ''} geschrieben: {output}")


@click.command("retention", help="Einmal am Tag: Teilnehmende ohne Aktivität seit KMU_RETENTION_MONTHS Monaten anonymisieren.")
@click.option("--dry-run", is_flag=True, help="Nur zählen, nichts löschen.")
@with_appcontext
def retention(dry_run: bool) -> None:
    from models import Centre
    from webapp.privacy.retention import run_retention

    months = current_app.config["RETENTION_MONTHS"]
    if months < 1:
        raise click.BadParameter("KMU_RETENTION_MONTHS muss mindestens 1 sein.")
    report = run_retention(db.session, months, dry_run=dry_run, upload_folder=Path(current_app.instance_path) / "imports")
    if not dry_run:
        db.session.commit()
    names = dict(db.session.execute(select(Centre.id, Centre.name)).tuples().all())
    verb = "würden anonymisiert" if dry_run else "anonymisiert"
    click.echo(f"Aufbewahrungsfrist {months} Monate (keine Aktivität seit {report.cutoff:%d.%m.%Y}): {report.erased} Teilnehmende {verb}.")
    for centre_id, count in sorted(report.by_centre.items()):
        click.echo(f"  {names.get(centre_id, centre_id)}: {count}")
    click.echo(f"Fällig in den nächsten 30 Tagen: {report.due_soon}")
    labels = {
        "sent_mails": "verschickte E-Mails",
        "ended_sessions": "beendete Anmeldungen",
        "used_links": "benutzte oder abgelaufene Links",
        "decided_requests": "entschiedene Zugangsanfragen",
        "uploads": "liegengebliebene Import-Listen",
        "prospects": "Betriebe ohne Zusammenarbeit (mit Ansprechpersonen und Kontakten) und Ansprechpersonen ohne Kontakt",
    }
    click.echo(("Würden entfernt: " if dry_run else "Entfernt: ") + ", ".join(f"{count} {labels[name]}" for name, count in report.removed.items()))


@click.command("backup", help="Die ganze Datenbank sichern (SQLite-Kopie oder pg_dump); gibt die Datei aus.")
@click.option("--output", "directory", type=click.Path(file_okay=False), help="Ordner (Vorgabe: KMU_BACKUP_DIR oder instance/backups)")
@with_appcontext
def backup_command(directory: str | None) -> None:
    from webapp.backup import BackupError, backup

    folder = Path(directory or current_app.config["BACKUP_DIR"])
    try:
        path = backup(current_app.config["DATABASE_URL"], folder)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Sicherung geschrieben: {path} ({path.stat().st_size:,} Bytes)".replace(",", "."))


@click.command("restore", help="Die Datenbank aus einer Sicherung wiederherstellen. Vorher den Dienst anhalten!")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Nicht nachfragen.")
@with_appcontext
def restore_command(file: str, yes: bool) -> None:
    from webapp.backup import BackupError, restore

    if not yes:
        click.confirm("Alle jetzigen Daten werden durch die Sicherung ersetzt. Ist der Dienst angehalten und wollen Sie fortfahren?", abort=True)
    current_app.extensions["kmu_db"]["engine"].dispose()  # no open connection of ours during the restore
    try:
        report = restore(current_app.config["DATABASE_URL"], Path(file))
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Wiederhergestellt aus {Path(file).name}. Gelöschte Personen bleiben gelöscht: "
        f"{report.erased_again} erneut gelöscht, {report.register_rows} im Löschverzeichnis. Jetzt den Dienst wieder starten."
    )


@click.command("worker", help="Der Hintergrund-Worker: Wirkung messen, Wortschatz-Dateien, E-Mails, die täglichen Läufe (webapp.core.jobs).")
@click.option("--workers", default=2, show_default=True, help="gleichzeitige Aufgaben (Threads)")
@with_appcontext
def worker_command(workers: int) -> None:
    import importlib

    from webapp.core import jobs
    from webapp.core.jobs import huey, storage_kind

    for module in jobs.JOB_MODULES:  # each feature's jobs, registered with the queue
        importlib.import_module(module)
    jobs.bind(current_app._get_current_object())  # type: ignore[attr-defined]  # the jobs' threads use this app
    if storage_kind() == "immediate":
        raise click.ClickException("KMU_JOBS_URL ist 'immediate': Aufgaben laufen sofort im Aufrufer, ein Worker hat nichts zu tun.")
    click.echo(f"Worker gestartet ({storage_kind()}, {workers} Threads). Beenden mit Strg+C.")
    huey.create_consumer(workers=workers, worker_type="thread", periodic=True, check_worker_health=True).run()


@click.command("research-extract", help="Den pseudonymisierten Auszug für die Begleitforschung schreiben (ZIP mit Data Package); wird protokolliert.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--k", "k", type=click.IntRange(2, 50), default=None, help="k-Anonymität (Standard: KMU_RESEARCH_K, 5)")
@with_appcontext
def research_extract(output: str, k: int | None) -> None:
    from webapp.core.db import db
    from webapp.research.extract import NoResearchKey
    from webapp.research.operations import make_extract

    try:
        extract, content = make_extract(db.session, None, "cli", k)
    except NoResearchKey:
        raise click.ClickException("Kein Schlüssel für die Pseudonyme: bitte KMU_RESEARCH_KEY setzen (und KMU_RESEARCH_KEY_VERSION).") from None
    db.session.commit()
    with open(output, "wb") as f:
        f.write(content)
    click.echo(f"{len(extract.persons)} Personen, {len(extract.episodes)} Episoden, {extract.suppressed} weggelassen (k = {extract.k}); geschrieben: {output}")
