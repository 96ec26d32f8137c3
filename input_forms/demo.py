"""The demo project: sample plans, a kiosk, staff accounts, voting rounds, a survey and kiosk feedback.

``seed_demo`` is what ``make run`` calls (through ``python -m input_forms
seed-demo --if-empty``), so a newcomer opens the app to a project with data in
it. Everything is deterministic (fixed random seed and times), and with
``if_empty`` it does nothing when the database already has a project.
"""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, insert, select

from floorplans import Plan, dumps_plan
from floorplans.samples import load_sample

from . import comments, feedback, kiosks, projects, surveys, users, voting
from . import schema as t
from .calmer import insert_default_items
from .db import inserted_id, utcnow, write_tx
from .errors import Conflict

__all__ = ["seed_demo", "run_demo", "DEMO_KIOSK_TOKEN", "DEMO_USERS", "DEMO_PROJECT_NAME"]

DEMO_KIOSK_TOKEN = "demo-kiosk"
DEMO_PROJECT_NAME = "Jobcenter Åby – ny indretning"
#: username -> (password, role, display name, staff title); the passwords are public: demo only.
DEMO_USERS: dict[str, tuple[str, users.Role, str, str]] = {
    "facilitator": ("facilitator", "facilitator", "Mette (facilitator)", "project lead"),
    "designer": ("designer", "designer", "Jonas (designer)", "architect"),
    "staff1": ("staff", "staff", "Aisha", "caseworker"),
    "staff2": ("staff", "staff", "Lars", "reception"),
    "staff3": ("staff", "staff", "Sofie", "manager"),
    "staff4": ("staff", "staff", "Omar", "caseworker"),
    "staff5": ("staff", "staff", "Birgitte", "caseworker"),
    "staff6": ("staff", "staff", "Henrik", "job consultant"),
}
#: The demo passwords are printed in the README, so a slow hash would protect nothing.
DEMO_BCRYPT_ROUNDS = 6
SAMPLES = {"baseline": "Baseline", "option_a": "Option A", "option_b": "Option B", "option_c": "Option C"}
DEMO_NOW = datetime(2026, 3, 16, 12, 0, tzinfo=UTC)
TEXTS = [
    ("Mere ro i ventesalen, tak. Det larmer fra skranken.", "approve"),
    ("Planter og dagslys ville gøre en stor forskel", "approve"),
    ("Svært at finde mødelokale 3, skiltene er små", "approve"),
    ("I need a place to sit away from everyone", "approve"),
    ("Ring til mig på 12 34 56 78 om min sag", "reject"),
    ("Dejligt med det nye hjørne ved vinduet", "pending"),
    ("Mit cpr er 010190-1234, hvorfor venter jeg så længe?", "pending"),
    ("For varmt og for mange mennesker om morgenen", "pending"),
]


def _sample_plans() -> list[tuple[str, str, str]]:
    """(option name, plan text, notes) for the demo options: floorplans' sample plans."""
    plans = [(label, load_sample(name)) for name, label in SAMPLES.items()]
    return [(label, dumps_plan(plan), plan.name) for label, plan in plans]


def _claim_project(engine: Engine, if_empty: bool) -> int | None:
    """Create the demo project, in the same transaction that checks the database is empty (if asked).

    Two processes seeding at once (``make run`` twice) cannot both pass the check:
    the transaction is exclusive on SQLite and holds an advisory lock on PostgreSQL.
    """
    with write_tx(engine) as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7310453)")
        if if_empty and conn.execute(select(func.count()).select_from(t.projects)).scalar():
            return None
        project_id = inserted_id(conn.execute(insert(t.projects).values(
            name=DEMO_PROJECT_NAME, created_at=utcnow(),
            description="Demo: the ground floor of an invented job centre, today's layout and three options, "
                        "with kiosk feedback and a staff vote.")))
        insert_default_items(conn, project_id)
    return project_id


def _user(engine: Engine, username: str) -> users.User:
    password, role, display, title = DEMO_USERS[username]
    try:
        return users.create_user(engine, username, password, role, display_name=display, staff_title=title,
                                 bcrypt_rounds=DEMO_BCRYPT_ROUNDS, public=True)
    except Conflict:
        found = users.user_by_username(engine, username)
        assert found is not None
        return found


def _point_in(plan: Plan, rng: random.Random, kinds: tuple[str, ...]) -> tuple[float, float]:
    from shapely.geometry import Point

    rooms = [r for r in plan.rooms if r.kind.value in kinds] or list(plan.rooms)
    room = rng.choice(rooms)
    x0, y0, x1, y1 = room.geometry.bounds
    for _ in range(100):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if room.geometry.contains(Point(x, y)):
            return round(x, 2), round(y, 2)
    point = room.geometry.representative_point()
    return round(point.x, 2), round(point.y, 2)


def seed_demo(engine: Engine, if_empty: bool = True) -> bool:
    """Create the demo project and accounts; False (and nothing written) if ``if_empty`` and a project exists."""
    project_id = _claim_project(engine, if_empty)
    if project_id is None:
        return False
    rng = random.Random(20260316)
    people = {name: _user(engine, name) for name in DEMO_USERS}
    project = projects.get_project(engine, project_id)
    options = [projects.add_option(engine, project.id, name, text, author="designer", notes=notes,
                                   is_baseline=(name == SAMPLES["baseline"]))
               for name, text, notes in _sample_plans()]
    ids = [o.id for o in options]
    token: str | None = DEMO_KIOSK_TOKEN
    if kiosks.kiosk_by_token(engine, DEMO_KIOSK_TOKEN) is not None or _token_taken(engine, DEMO_KIOSK_TOKEN):
        token = None  # a second demo project in the same database gets a random token
    main_kiosk = kiosks.register_kiosk(engine, project.id, "Reception, stueetage", option_id=ids[0], token=token)
    second = kiosks.register_kiosk(engine, project.id, "Ventesal", option_id=ids[1] if len(ids) > 1 else ids[0])

    # ~40 kiosk entries over two weeks; a few free texts (some approved, one rejected, some pending)
    keys = [i.key for i in feedback.CALMER_ITEMS]
    weights = [5, 6, 4, 3, 5, 3, 2, 2]
    plan_of = {o.id: o.plan() for o in options}
    texts = list(TEXTS)
    for n in range(40):
        kiosk = main_kiosk if n % 3 else second
        when = DEMO_NOW - timedelta(days=13 - n // 3, hours=rng.randint(0, 6))
        chosen = sorted(set(rng.choices(keys, weights=weights, k=rng.randint(0, 3))))
        pin = None
        if n % 2 == 0:
            category = rng.choice(["calm", "stressful", "stressful", "idea"])
            option_id = kiosk.option_id
            assert option_id is not None, "every demo kiosk shows an option"
            x, y = _point_in(plan_of[option_id], rng, ("waiting", "reception", "quiet_nook", "entrance", "corridor"))
            pin = {"option_id": option_id, "x": x, "y": y, "category": category}
        text = texts.pop(0) if n % 5 == 1 and texts else None
        entry = {"client_id": str(uuid.UUID(int=rng.getrandbits(128))), "kiosk_token": kiosk.token,
                 "rating": rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 3, 4, 3])[0], "calmer": chosen, "pin": pin,
                 "text": text[0] if text else None,
                 "language": rng.choice(["da", "da", "en", "en", "ar", "uk"]) if not text else ("en" if text[0].startswith("I ") else "da")}
        result = feedback.submit_feedback(engine, entry, now=when, min_gap_s=0)
        if text and text[1] == "approve":
            feedback.approve_text(engine, result.feedback_id)
        elif text and text[1] == "reject":
            feedback.reject_text(engine, result.feedback_id)

    if len(ids) >= 2:
        _seed_rounds(engine, project.id, options, people)

    _seed_comments(engine, options, people)

    survey = surveys.create_survey(engine, project.id, "Hvordan var dit besøg?", [
        "Jeg følte mig godt modtaget", "Der var roligt, mens jeg ventede", "Jeg kunne let finde vej"])
    for n in range(14):
        phase: surveys.Phase = "baseline" if n < 8 else "after"
        shift = 0 if phase == "baseline" else 1
        answers = {item.id: max(1, min(5, rng.randint(2, 4) + shift)) for item in survey.items}
        surveys.submit_response(engine, survey.id, phase, answers, kiosk_id=main_kiosk.id,
                                now=DEMO_NOW - timedelta(days=20 - n))
    return True


#: Ballots of the demo rounds: indexes into the options (Baseline, Option A, B, C), best first.
TRIAL_ORDERS = [[3, 1, 2, 0], [1, 3, 0, 2], [3, 1, 0, 2], [1, 2, 3, 0], [3, 2, 1, 0]]
DECISIVE_ORDERS = [[1, 3, 2, 0], [1, 2, 3, 0], [3, 1, 2, 0], [1, 3, 0, 2], [2, 1, 3, 0], [1, 2, 0, 3]]


def _seed_rounds(engine: Engine, project_id: int, options: list, people: dict) -> None:
    """A closed trial round, the closed decisive round (Option A edited while it was open, so the round
    keeps version 1 and "a newer version exists"), and an open trial round to try the ballot on."""
    from floorplans.editing.rooms import set_room

    ids = [o.id for o in options]
    voters = [people[u] for u in DEMO_USERS if u != "designer"]

    def ballots(round_id: int, orders: list[list[int]], first: int = 0) -> None:
        for person, order in zip(voters[first:], orders, strict=False):
            voting.cast_ballot(engine, round_id, person.id, [[ids[i]] for i in order if i < len(ids)])

    trial = voting.open_round(engine, project_id, ids, title="Prøverunde", purpose="trial")
    ballots(trial.id, TRIAL_ORDERS)
    voting.close_round(engine, trial.id)
    decisive = voting.open_round(engine, project_id, ids, title="Vælg den nye indretning", purpose="decisive")
    ballots(decisive.id, DECISIVE_ORDERS[:3])
    if len(options) > 1:  # the designer answers a comment while the round is open: a new version outside it
        edited = set_room(options[1].plan(), "venteomraade", capacity=24, acoustic_finish="absorbent")
        if edited.ok and edited.changed:
            projects.update_option(engine, options[1].id, dumps_plan(edited.plan), author="designer",
                                   notes="Venteområdet: lyddæmpende loft og færre pladser")
    ballots(decisive.id, DECISIVE_ORDERS[3:], first=3)
    voting.close_round(engine, decisive.id)
    voting.open_round(engine, project_id, ids, title="Prøv stemmesedlen", purpose="trial")


#: (option index, author, room kind, category, text, show name, answer, reason): staff input on Options A and B.
STAFF_COMMENTS = [
    (1, "staff1", "meeting_room", "problem", "Samtalerummet er for lydt: man kan høre samtalen ude på gangen.",
     False, "taken", ""),
    (1, "staff2", "reception", "idea", "Et lavt skrankeafsnit, så man kan tale med borgere i kørestol i øjenhøjde.",
     True, None, ""),
    (2, "staff3", "quiet_nook", "question", "Hvem holder øje med stillerummet, når der er travlt i receptionen?",
     False, "declined", "Stillerummet skal netop ikke overvåges; et skilt ved døren fortæller, hvem man kan spørge."),
]


def _seed_comments(engine: Engine, options: list, people: dict) -> None:
    """A few staff comments pinned on the options, one taken and one declined, so the layers show something."""
    designer = people["designer"]
    for index, author, kind, category, text, show_name, answer, reason in STAFF_COMMENTS:
        if index >= len(options):
            continue
        plan = options[index].plan()
        rooms = plan.rooms_of_kind(kind) or list(plan.rooms)
        made = comments.add_comment(engine, people[author], {
            "option_id": options[index].id, "category": category, "feature_id": rooms[0].id, "text": text,
            "show_name": show_name})
        if answer:
            comments.answer_comment(engine, made.id, designer, answer, reason)


def _token_taken(engine: Engine, token: str) -> bool:
    with engine.connect() as conn:
        return conn.execute(select(t.kiosks.c.id).where(t.kiosks.c.token == token)).first() is not None


def run_demo(engine: Engine, out=print) -> None:
    """The end-to-end story in a few lines: project, kiosk, feedback, staff vote, results."""
    from . import publication

    project = projects.create_project(engine, "Demo run")
    plans = _sample_plans()
    options = [projects.add_option(engine, project.id, name, text) for name, text, _ in plans[:3]]
    out(f"project {project.id} {project.name!r} with options: {', '.join(o.name for o in options)}")
    kiosk = kiosks.register_kiosk(engine, project.id, "Reception", option_id=options[0].id)
    out(f"kiosk {kiosk.id} at {kiosk.location_label!r}, URL ?kiosk={kiosk.token}")
    rng = random.Random(1)
    for n in range(12):
        result = feedback.submit_feedback(engine, {
            "client_id": uuid.UUID(int=rng.getrandbits(128)).hex, "kiosk_token": kiosk.token,
            "rating": rng.randint(2, 5), "calmer": rng.sample(["plants", "quiet_corner", "daylight", "less_waiting"], 2),
            "text": "Ring 12345678 hvis I vil høre mere" if n == 0 else None, "language": "da"}, min_gap_s=0)
        if n == 0:
            out(f"stored feedback {result.feedback_id}; its text was scrubbed to: "
                f"{feedback.moderation_queue(engine, project.id)[0].text!r}")
    published = publication.publish(engine, project.id)
    summary = published.by_kiosk.iloc[0]
    out(f"kiosk summary: n={summary.n}, mean rating {summary.mean_rating}")
    out(f"suggested weights: {published.suggested_weights()}")
    voters = []
    for n in range(5):
        name = f"demo-staff-{project.id}-{n}"
        voters.append(users.create_user(engine, name, "staff-demo", "staff", bcrypt_rounds=DEMO_BCRYPT_ROUNDS, public=True))
    rnd = voting.open_round(engine, project.id, [o.id for o in options], title="Demo vote")
    a, b, c = (o.id for o in options)
    for voter, ranking in zip(voters, [[[a], [b], [c]], [[b], [a, c]], [[b], [c]], [[c], [b], [a]], [[a], [b]]], strict=True):
        voting.cast_ballot(engine, rnd.id, voter.id, ranking)
    voting.close_round(engine, rnd.id)
    votes = voting.round_results(engine, rnd.id)
    out(f"vote: {votes.n_ballots} ballots; Schulze winner: {', '.join(votes.option_names[w] for w in votes.winners)}")
    for method, winners in votes.method_winners.items():
        out(f"  {voting.METHODS[method]:<24} {', '.join(votes.option_names[w] for w in winners)}")
    out("  margins (row over column):")
    names = [votes.option_names[o] for o in votes.option_ids]
    out("  " + " " * 10 + "".join(f"{n[:9]:>10}" for n in names))
    for name, row in zip(names, votes.margin_table(), strict=True):
        out(f"  {name[:9]:<10}" + "".join(f"{'-' if v is None else v:>10}" for v in row))
    for line in votes.explanation:
        out(f"  {line}")
