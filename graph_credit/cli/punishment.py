"""Joint punishment commands for `graph-credit`: restrictions and why, record lifecycle, rebuild,
the measure catalogue, department tasks, tracking, incentives. `register(app)` adds them to the
main Typer app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from graph_credit.cli.app import (
    AsOfOption,
    DbOption,
    JsonFlag,
    as_of_date,
    err,
    out,
    print_json,
    run_domain,
)
from graph_credit.errors import InvalidInput

OnOption = Annotated[str, typer.Option("--on", help="Date the transition takes effect (YYYY-MM-DD).")]
ByOption = Annotated[str, typer.Option("--by", help="Who acts (authority, officer).")]
BasisOption = Annotated[str, typer.Option("--basis", help="On what basis (decision, document, reason).")]
Subject = Annotated[str, typer.Argument(help="USCC of an enterprise, or a person key.")]
RecordId = Annotated[str, typer.Argument(help="Credit record id.")]


def _run(db: Path | None, call: Any, *args: Any, write: bool = False, **kwargs: Any) -> Any:
    """One domain call (read-only unless it writes); only invalid input is a usage error here."""
    return run_domain(
        db, lambda store: call(store, *args, **kwargs), write=write, console=err, errors=(InvalidInput,)
    )


def _json(value: Any) -> None:
    if isinstance(value, list):
        print_json([v.model_dump(mode="json") for v in value])
    else:
        print_json(value.model_dump(mode="json"))


def _date(value: str | None, hint: str) -> Any:
    return as_of_date(value, hint)


def _print_restrictions(r: Any) -> None:
    state = "[red]restricted[/]" if r.restricted else "[green]not restricted[/]"
    out.print(f"{r.subject_kind} {r.subject_name} [{r.subject_key}] on {r.as_of}: {state}")
    if r.items:
        t = Table("measure", "role", "via", "record", "state", "from", "to")
        for i in r.items:
            t.add_row(
                f"{i.measure_code} {i.measure_name}",
                i.role,
                i.via_enterprise or "",
                i.record_id,
                i.state,
                str(i.start or ""),
                str(i.end or "open"),
            )
        out.print(t)
        for i in r.items:
            if i.state == "active":
                out.print(f"  why {i.measure_code}: {i.provenance}")
    for risk in r.related_risks:
        out.print(f"[yellow]关联风险:[/] {risk.note} ({risk.enterprise_name} {risk.enterprise_uscc})")


def _transition(t: Any, json_out: bool) -> None:
    if json_out:
        _json(t)
        return
    p = t.propagation
    out.print(
        f"{t.record_id}: {t.from_status or '(new)'} → {t.to_status} on {t.on} ({t.event_id}); {t.note}\n"
        f"restrictions: {p.restrictions} ({p.added} added, {p.removed} removed); tasks pushed: {p.tasks_created}"
    )


def register(app: typer.Typer) -> None:
    """Add the joint punishment commands and the `record` group to `app`."""
    record_app = typer.Typer(
        no_args_is_help=True, help="A credit record's lifecycle: objection, decision, repair, expiry."
    )

    @app.command("restrictions")
    def restrictions_cmd(
        subject: Subject, as_of: AsOfOption = None, db: DbOption = None, json_out: JsonFlag = False
    ) -> None:
        """Is this subject restricted on a date, by which measures, and why (provenance)."""
        from graph_credit.punishment import restrictions

        r = _run(db, restrictions, subject, _date(as_of, "--as-of"))
        _json(r) if json_out else _print_restrictions(r)

    @app.command("restricted-persons")
    def restricted_persons_cmd(
        uscc: Annotated[str, typer.Argument(help="USCC of the enterprise.")],
        as_of: AsOfOption = None,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Restricted persons behind an enterprise: its officers and holders, and those its records reach."""
        from graph_credit.punishment import restricted_persons

        r = _run(db, restricted_persons, uscc, _date(as_of, "--as-of"))
        if json_out:
            _json(r)
            return
        t = Table(
            "person", "offices here", "measures", "because of", title=f"{r.name} [{r.uscc}] on {r.as_of}"
        )
        for p in r.persons:
            t.add_row(
                f"{p.person_name} [{p.person_key}]",
                ", ".join(p.offices),
                ", ".join(sorted({i.measure_code for i in p.restrictions})),
                ", ".join(sorted({i.record_id for i in p.restrictions})),
            )
        out.print(t)

    @app.command("incentives")
    def incentives_cmd(
        subject: Subject, as_of: AsOfOption = None, db: DbOption = None, json_out: JsonFlag = False
    ) -> None:
        """Red list and green channel (004 §11): red-listed, or three years without a bad record."""
        from graph_credit.punishment import incentive_status

        r = _run(db, incentive_status, subject, _date(as_of, "--as-of"))
        if json_out:
            _json(r)
            return
        out.print(
            f"{r.subject_name} [{r.subject_key}] on {r.as_of}: red list {'yes' if r.red_list else 'no'}, "
            f"green channel {'yes' if r.green_channel else 'no'}: {r.reason}"
        )
        if r.measures:
            out.print("incentives: " + ", ".join(r.measures))

    @app.command("monitoring")
    def monitoring_cmd(
        subject: Subject, as_of: AsOfOption = None, db: DbOption = None, json_out: JsonFlag = False
    ) -> None:
        """Key monitoring object after leaving a list (004 §20)."""
        from graph_credit.punishment import monitoring_status

        r = _run(db, monitoring_status, subject, _date(as_of, "--as-of"))
        if json_out:
            _json(r)
            return
        out.print(
            f"{r.subject_name} [{r.subject_key}] on {r.as_of}: {'monitored' if r.monitored else 'not monitored'}"
        )
        for i in r.items:
            out.print(f"  {i.record_id}: {i.since} to {i.until}: {i.reason}")

    @app.command("rebuild-restrictions")
    def rebuild_cmd(
        on: Annotated[
            str | None, typer.Option("--on", help="Date new tasks are pushed (default today).")
        ] = None,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Derive every restriction again from the records, their events, the roles and the catalogue."""
        from graph_credit.punishment import rebuild_restrictions

        r = _run(db, rebuild_restrictions, write=True, on=_date(on, "--on"))
        if json_out:
            _json(r)
            return
        out.print(
            f"{r.restrictions:,} restrictions from {r.records:,} records; {r.tasks_created:,} tasks pushed; "
            f"{r.statuses_synced:,} statuses synced; {r.seconds['total']} s"
        )

    @app.command("measures")
    def measures_cmd(
        catalogue: Annotated[Path | None, typer.Option(help="Catalogue file (default: settings).")] = None,
        json_out: JsonFlag = False,
    ) -> None:
        """The measure catalogue (联合奖惩措施清单): checks the file and shows what it holds."""
        from graph_credit.punishment import load_catalogue

        try:
            cat = load_catalogue(catalogue)
        except InvalidInput as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from None
        if json_out:
            _json(cat)
            return
        t = Table("code", "kind", "name", "triggers", "targets", "departments", "basis", title=cat.source)
        for row in cat.to_frame().to_dict("records"):
            t.add_row(
                *(
                    str(row[c])
                    for c in ("code", "kind", "name", "triggers", "targets", "departments", "basis")
                )
            )
        out.print(t)

    @app.command("tasks")
    def tasks_cmd(
        department: Annotated[str | None, typer.Option(help="Only this department's tasks.")] = None,
        all_tasks: Annotated[bool, typer.Option("--all", help="Answered ones too.")] = False,
        as_of: AsOfOption = None,
        limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 100,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Restrictions pushed to implementing departments (004 §24), unanswered first by age."""
        from graph_credit.punishment import tasks

        r = _run(
            db, tasks, department, unanswered_only=not all_tasks, as_of=_date(as_of, "--as-of"), limit=limit
        )
        if json_out:
            _json(r)
            return
        t = Table("task", "department", "measure", "target", "pushed", "answered", "age (days)")
        for x in r.tasks:
            t.add_row(
                x.task_id,
                x.department,
                x.measure_code,
                f"{x.target_name} [{x.target_key}]",
                str(x.created_on or ""),
                f"{x.answered_on} {x.answered_by}: {x.action}" if x.answered_on else "",
                "" if x.age_days is None else str(x.age_days),
            )
        out.print(t)

    @app.command("task-report")
    def task_report_cmd(
        task_id: Annotated[str, typer.Argument(help="Task id (see `graph-credit tasks`).")],
        by: ByOption,
        on: OnOption,
        action: Annotated[str, typer.Option(help="What the department did.")],
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """A department reports what it did about a task."""
        from graph_credit.punishment import report_task

        r = _run(db, report_task, task_id, write=True, by=by, on=_date(on, "--on"), action=action)
        if json_out:
            _json(r)
        else:
            out.print(f"{r.task_id}: answered {r.answered_on} by {r.answered_by}: {r.action}")

    @app.command("tracking")
    def tracking_cmd(
        as_of: AsOfOption = None,
        since: Annotated[str | None, typer.Option(help="Restrictions starting on or after.")] = None,
        until: Annotated[str | None, typer.Option(help="Restrictions starting on or before.")] = None,
        totals: Annotated[bool, typer.Option("--totals", help="Totals instead of per month.")] = False,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Counts by measure, department, record kind and state, per month (004 §28)."""
        from graph_credit.punishment import tracking

        r = _run(
            db,
            tracking,
            _date(as_of, "--as-of"),
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            monthly=not totals,
        )
        if json_out:
            _json(r)
            return
        t = Table("dimension", "value", "month", "count", title=f"tracking on {r.as_of}")
        for row in r.rows:
            t.add_row(row.dimension, row.value, row.month, f"{row.count:,}")
        out.print(t)

    @record_app.command("objection")
    def objection_cmd(
        record_id: RecordId,
        by: ByOption,
        on: OnOption,
        basis: BasisOption,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """File an objection: the record's measures are suspended while it is checked (004 §27)."""
        from graph_credit.punishment import file_objection

        _transition(
            _run(db, file_objection, record_id, write=True, by=by, on=_date(on, "--on"), basis=basis),
            json_out,
        )

    @record_app.command("decide")
    def decide_cmd(
        record_id: RecordId,
        by: ByOption,
        on: OnOption,
        basis: BasisOption,
        upheld: Annotated[bool, typer.Option("--upheld/--rejected", help="Objection upheld or rejected.")],
        outcome: Annotated[str | None, typer.Option(help="corrected or revoked (when upheld).")] = None,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Decide an objection: upheld (corrected or revoked, restrictions withdrawn) or rejected."""
        from graph_credit.punishment import decide_objection

        t = _run(
            db, decide_objection, record_id, write=True, upheld=upheld, outcome=outcome, by=by,
            on=_date(on, "--on"), basis=basis,
        )  # fmt: skip
        _transition(t, json_out)

    @record_app.command("repair")
    def repair_cmd(
        record_id: RecordId,
        by: ByOption,
        on: OnOption,
        basis: BasisOption,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Credit repair: ends the record's restrictions (004 §26), then key monitoring (004 §20)."""
        from graph_credit.punishment import repair_record

        _transition(
            _run(db, repair_record, record_id, write=True, by=by, on=_date(on, "--on"), basis=basis), json_out
        )

    @record_app.command("activate")
    def activate_cmd(
        record_id: RecordId,
        by: ByOption,
        on: OnOption,
        basis: BasisOption,
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Push an active record for joint punishment (records the event, propagates)."""
        from graph_credit.punishment import activate_record

        _transition(
            _run(db, activate_record, record_id, write=True, by=by, on=_date(on, "--on"), basis=basis),
            json_out,
        )

    @record_app.command("expire")
    def expire_cmd(
        on: OnOption,
        by: Annotated[str, typer.Option("--by", help="Who runs the expiry.")] = "platform",
        db: DbOption = None,
        json_out: JsonFlag = False,
    ) -> None:
        """Expire every record whose validity ended before a date (each dated the day after it)."""
        from graph_credit.punishment import expire_records

        done = _run(db, expire_records, _date(on, "--on"), write=True, by=by)
        if json_out:
            _json(done)
            return
        for t in done:
            _transition(t, False)
        out.print(f"{len(done)} record(s) expired")

    @record_app.command("history")
    def history_cmd(record_id: RecordId, db: DbOption = None, json_out: JsonFlag = False) -> None:
        """Every lifecycle event of a record: who, when, on what basis, from which status to which."""
        from graph_credit.punishment import record_history

        h = _run(db, record_history, record_id)
        if json_out:
            _json(h)
            return
        out.print(f"{h.record_id} ({h.kind}): {h.status}; {h.restrictions} restriction(s)")
        t = Table("#", "on", "action", "from → to", "by", "basis", "note")
        for e in h.events:
            t.add_row(
                str(e.seq),
                str(e.on or ""),
                e.action,
                f"{e.from_status or '(new)'} → {e.to_status}",
                e.by,
                e.basis,
                e.note,
            )
        out.print(t)

    app.add_typer(record_app, name="record")
