"""Citizen and staff input for the job-centre redesign: kiosk feedback, staff votes, surveys, storage.

Plain Python (no streamlit). Every function takes an SQLAlchemy ``Engine`` from
``input_forms.db.make_engine()`` (SQLite file by default, PostgreSQL when
DATABASE_URL says so; the schema is migrated on first use) and returns frozen
pydantic models or pandas frames. Errors are ``input_forms.errors.InputError``
subclasses whose message says what was wrong and where.

Modules: db (engine, migrations), users, projects (options and versions),
kiosks, feedback (anonymous entries, moderation), scrub (what is replaced
automatically, what is marked for the moderator), rate_limit (no stored exact
time), committer (SQLite group commit), voting (rounds, ballots, pref_voting
counts), surveys, comments and pseudonym (staff comments, the key kept apart),
aggregate (the raw feedback frame), publication (every published citizen
figure, small groups hidden and left out of all others), export (publish, backup,
restore), retention (closing a project, deleting its text later), demo (seed
data and the end-to-end demo). What is stored and why: docs/data-protection.md.

Try it: ``python -m input_forms demo`` (a throwaway database) or
``python -m input_forms seed-demo --if-empty`` (what ``make run`` does).
"""
