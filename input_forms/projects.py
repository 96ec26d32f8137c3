"""Projects (one job centre's redesign) and their layout options, each a versioned plan.

A plan is checked with floorplans before it is stored: a plan that does not
parse or has validation errors is refused with every problem listed, and
nothing is written. Plans are stored as canonical exchange-format text.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from floorplans import PlanError, dumps_plan, errors_only, parse_plan, validate_plan

from . import hot_cache
from . import schema as t
from .calmer import insert_default_items
from .db import inserted_id, read_tx, utcnow, write_tx
from .errors import Conflict, NotFound, ValidationFailed
from .models import LayoutOption, LayoutOptionVersion, Project

__all__ = ["create_project", "list_projects", "get_project", "rename_project", "add_option", "update_option",
           "duplicate_option", "list_options", "get_option", "option_versions", "rename_option", "check_plan",
           "set_baseline", "edited_copy_name"]


def _project(row) -> Project:
    closed = getattr(row, "closed_on", None)
    return Project(id=row.id, name=row.name, description=row.description, created_at=row.created_at,
                   min_ballots=row.min_ballots,
                   closed_on=closed.date() if closed is not None else None)


def _clean_name(name: str, what: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationFailed(f"{what} name: must not be empty")
    if len(name) > 200:
        raise ValidationFailed(f"{what} name: at most 200 characters (got {len(name)})")
    return name


def create_project(engine: Engine, name: str, description: str = "") -> Project:
    name = _clean_name(name, "project")
    with write_tx(engine) as conn:
        new_id = inserted_id(conn.execute(insert(t.projects).values(name=name, description=description or "", created_at=utcnow())))
        insert_default_items(conn, new_id)
    return get_project(engine, new_id)


def list_projects(engine: Engine) -> list[Project]:
    with read_tx(engine) as conn:
        return [_project(r) for r in conn.execute(select(t.projects).order_by(t.projects.c.id))]


def get_project(engine: Engine, project_id: int) -> Project:
    with engine.connect() as conn:
        row = conn.execute(select(t.projects).where(t.projects.c.id == project_id)).first()
    if row is None:
        raise NotFound(f"no project with id {project_id}")
    return _project(row)


def rename_project(engine: Engine, project_id: int, name: str, description: str | None = None) -> Project:
    values = {"name": _clean_name(name, "project")}
    if description is not None:
        values["description"] = description
    with write_tx(engine) as conn:
        if conn.execute(update(t.projects).where(t.projects.c.id == project_id).values(**values)).rowcount == 0:
            raise NotFound(f"no project with id {project_id}")
    return get_project(engine, project_id)


def check_plan(plan_geojson: str | bytes) -> str:
    """The plan as canonical exchange-format text; ValidationFailed listing every error if it is not a valid plan."""
    try:
        plan = parse_plan(plan_geojson)
    except PlanError as exc:
        raise ValidationFailed(f"the plan cannot be read: {exc.one_line()}", [str(p) for p in exc.problems]) from None
    errors = errors_only(validate_plan(plan))
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationFailed(f"the plan is not valid: {errors[0]}{more}", [str(p) for p in errors])
    return dumps_plan(plan)


def _option_query():
    o, v = t.layout_options, t.option_versions
    return select(o.c.id, o.c.project_id, o.c.name, o.c.version, o.c.is_baseline, v.c.id.label("version_id"),
                  v.c.plan_geojson, v.c.author, v.c.notes,
                  v.c.created_at).select_from(o.join(v, (v.c.option_id == o.c.id) & (v.c.version == o.c.version)))


def _option(row) -> LayoutOption:
    return LayoutOption(id=row.id, project_id=row.project_id, name=row.name, version=row.version,
                        plan_geojson=row.plan_geojson, author=row.author, notes=row.notes, created_at=row.created_at,
                        version_id=row.version_id, is_baseline=row.is_baseline)


def _insert_option(conn: Connection, project_id: int, name: str, text: str, author: str, notes: str,
                   is_baseline: bool = False) -> int:
    if conn.execute(select(t.projects.c.id).where(t.projects.c.id == project_id)).first() is None:
        raise NotFound(f"no project with id {project_id}")
    if conn.execute(select(t.layout_options.c.id).where(
            (t.layout_options.c.project_id == project_id) & (t.layout_options.c.name == name))).first():
        raise Conflict(f"the project already has an option named {name!r}")
    now = utcnow()
    try:
        option_id = inserted_id(conn.execute(insert(t.layout_options).values(project_id=project_id, name=name, version=1,
                                                                 created_at=now, is_baseline=False)))
    except IntegrityError:
        raise Conflict(f"the project already has an option named {name!r}") from None
    conn.execute(insert(t.option_versions).values(option_id=option_id, version=1, plan_geojson=text,
                                                  author=author or "", notes=notes or "", created_at=now))
    if is_baseline:
        _mark_baseline(conn, project_id, option_id)
    return option_id


def _mark_baseline(conn: Connection, project_id: int, option_id: int) -> None:
    o = t.layout_options
    conn.execute(update(o).where((o.c.project_id == project_id) & (o.c.id != option_id)).values(is_baseline=False))
    conn.execute(update(o).where(o.c.id == option_id).values(is_baseline=True))


def add_option(engine: Engine, project_id: int, name: str, plan_geojson: str, author: str = "",
               notes: str = "", is_baseline: bool = False) -> LayoutOption:
    """A new option at version 1; the plan is validated first (ValidationFailed lists the problems).

    ``is_baseline``: the option is today's layout (one per project; an earlier baseline stops being one).
    """
    name = _clean_name(name, "option")
    text = check_plan(plan_geojson)
    with write_tx(engine) as conn:
        option_id = _insert_option(conn, project_id, name, text, author, notes, is_baseline=is_baseline)
    return get_option(engine, option_id)


def set_baseline(engine: Engine, option_id: int) -> LayoutOption:
    """Mark the option as the project's baseline (today's layout); the project's earlier baseline stops being one."""
    option = get_option(engine, option_id)
    with write_tx(engine) as conn:
        _mark_baseline(conn, option.project_id, option_id)
    return get_option(engine, option_id)


def edited_copy_name(conn: Connection, project_id: int, name: str) -> str:
    """A free option name for an edited copy of ``name``: "Baseline – edited", then "... edited 2", ..."""
    taken: set[str] = set(conn.execute(select(t.layout_options.c.name).where(t.layout_options.c.project_id == project_id)).scalars())
    base = f"{name[:180]} – edited"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base} {n}"
    return candidate


def update_option(engine: Engine, option_id: int, plan_geojson: str, author: str = "", notes: str = "") -> LayoutOption:
    """Store the plan as the option's next version; earlier versions stay readable.

    The baseline (today's layout) is never changed in place: the edit becomes a new option, a
    copy named "<baseline> – edited" at version 1, and that option is returned (check ``.id``).
    A version on a voting round's ballot never changes either: the round keeps its version.
    """
    text = check_plan(plan_geojson)
    with write_tx(engine) as conn:
        row = conn.execute(select(t.layout_options.c.version, t.layout_options.c.is_baseline, t.layout_options.c.name,
                                  t.layout_options.c.project_id).where(t.layout_options.c.id == option_id)).first()
        if row is None:
            raise NotFound(f"no layout option with id {option_id}")
        if row.is_baseline:
            copy_id = _insert_option(conn, row.project_id, edited_copy_name(conn, row.project_id, row.name), text, author,
                                     (f"edited copy of today's layout ({row.name} v{row.version})" + (f": {notes}" if notes else ""))[:500])
            return_id = copy_id
        else:
            return_id = option_id
        version = row.version + 1
        if not row.is_baseline:
            conn.execute(insert(t.option_versions).values(option_id=option_id, version=version, plan_geojson=text,
                                                          author=author or "", notes=notes or "", created_at=utcnow()))
            conn.execute(update(t.layout_options).where(t.layout_options.c.id == option_id).values(version=version))
    hot_cache.clear(engine)
    return get_option(engine, return_id)


def rename_option(engine: Engine, option_id: int, new_name: str) -> LayoutOption:
    new_name = _clean_name(new_name, "option")
    current = get_option(engine, option_id)
    with write_tx(engine) as conn:
        clash = conn.execute(select(t.layout_options.c.id).where(
            (t.layout_options.c.project_id == current.project_id) & (t.layout_options.c.name == new_name)
            & (t.layout_options.c.id != option_id))).first()
        if clash:
            raise Conflict(f"the project already has an option named {new_name!r}")
        conn.execute(update(t.layout_options).where(t.layout_options.c.id == option_id).values(name=new_name))
    return get_option(engine, option_id)


def duplicate_option(engine: Engine, option_id: int, new_name: str, author: str = "") -> LayoutOption:
    """A new option (version 1) starting from the current plan of another."""
    source = get_option(engine, option_id)
    new_name = _clean_name(new_name, "option")
    with write_tx(engine) as conn:
        new_id = _insert_option(conn, source.project_id, new_name, source.plan_geojson, author,
                                f"copy of {source.name} v{source.version}")
    return get_option(engine, new_id)


def list_options(engine: Engine, project_id: int) -> list[LayoutOption]:
    """The project's options at their current versions, oldest first."""
    with read_tx(engine) as conn:
        rows = conn.execute(_option_query().where(t.layout_options.c.project_id == project_id)
                            .order_by(t.layout_options.c.id)).all()
    return [_option(r) for r in rows]


def get_option(engine: Engine, option_id: int, version: int | None = None) -> LayoutOption:
    """The option at its current version, or at ``version`` if given."""
    o, v = t.layout_options, t.option_versions
    with read_tx(engine) as conn:
        if version is None:
            row = conn.execute(_option_query().where(o.c.id == option_id)).first()
        else:
            row = conn.execute(
                select(o.c.id, o.c.project_id, o.c.name, v.c.version, o.c.is_baseline, v.c.id.label("version_id"),
                       v.c.plan_geojson, v.c.author, v.c.notes, v.c.created_at).select_from(o.join(v, v.c.option_id == o.c.id))
                .where((o.c.id == option_id) & (v.c.version == version))).first()
    if row is None:
        suffix = f" at version {version}" if version is not None else ""
        raise NotFound(f"no layout option with id {option_id}{suffix}")
    return _option(row)


def option_versions(engine: Engine, option_id: int) -> list[LayoutOptionVersion]:
    """Every stored version of the option, oldest first."""
    v = t.option_versions
    with read_tx(engine) as conn:
        rows = conn.execute(select(v).where(v.c.option_id == option_id).order_by(v.c.version)).all()
    if not rows:
        raise NotFound(f"no layout option with id {option_id}")
    return [LayoutOptionVersion(id=r.id, option_id=r.option_id, version=r.version, plan_geojson=r.plan_geojson,
                                author=r.author, notes=r.notes, created_at=r.created_at) for r in rows]
