"""Admin (facilitator): projects, layout options, kiosks, voting rounds, survey, calmer list, accounts.

Every change goes through input_forms, which validates it and answers with a clear message;
this page only collects the input and shows the answer.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from floorplans.drawing import render_png
from floorplans.intake import check_plan_file
from input_forms import calmer, kiosks, projects, retention, surveys, users, voting
from input_forms.errors import InputError, ValidationFailed
from input_forms.models import Kiosk, Project
from input_forms.passwords import MIN_PASSWORD_LENGTH
from planner.admin.kiosk_sheets import KioskSheet, address_warning, print_page, qr_png, sheet_file_name, suggested_address
from planner.comments.tap_picture import tap_picture
from planner.common.bounded import read_bounded
from planner.common.page import page
from planner.common.plain import md_escape
from planner.common.plan_picture import tap_to_plan, with_pin
from planner.common.services import plan_picture_of

ctx = page("Admin", roles=("facilitator",), project="optional")
me, engine, project = ctx.user, ctx.engine, ctx.project

MESSAGE = "admin_message"
PASSWORD_HELP = (f"At least {MIN_PASSWORD_LENGTH} characters, and not one of the most common passwords. "
                 "A few unrelated words in a row make a good one.")


def done(kind: str, text: str) -> None:
    """Remember the outcome of an action so it shows after the rerun."""
    st.session_state[MESSAGE] = (kind, text)


def attempt(action: Callable[[], object], success: str) -> bool:
    """Run a storage action; show its error calmly instead of a traceback."""
    try:
        action()
    except ValidationFailed as exc:
        done("error", str(exc) + ("" if len(exc.problems) < 2 else "\n\n" + "\n".join(f"- {p}" for p in exc.problems)))
        return False
    except InputError as exc:
        done("error", str(exc))
        return False
    done("success", success)
    return True


message = st.session_state.pop(MESSAGE, None)
if message:
    getattr(st, message[0])(message[1])


def show_projects() -> None:
    rows = [{"id": p.id, "name": p.name, "description": p.description, "created": p.created_at, "closed": p.closed_on}
            for p in projects.list_projects(engine)]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if project is not None:
        show_closing(projects.get_project(engine, project.id))
    with st.form("admin_new_project", clear_on_submit=True):
        st.subheader("New project")
        name = st.text_input("Name", key="admin_project_name")
        description = st.text_area("Description", key="admin_project_description")
        if st.form_submit_button("Create project", type="primary"):
            def create() -> None:
                new = projects.create_project(engine, name, description)
                st.session_state["project_id"] = new.id

            attempt(create, f"Project {name.strip()!r} created.")
            st.rerun()


def show_closing(current: Project) -> None:
    """Close the chosen project (input stops, its kiosk text is deleted after the retention period), or reopen it."""
    days = retention.retention_days()
    with st.container(border=True, key="admin_closing"):
        st.subheader("Close the project")
        if current.closed_on is None:
            st.caption(f"Closing {current.name!r} switches its kiosks off. {days} days later its citizens' free text "
                       "and survey reasons are deleted for good (ratings, choices and counts stay); see "
                       "docs/data-protection.md.")
            if st.button("Close project", key="admin_close_project", icon=":material/lock:"):
                attempt(lambda: retention.close_project(engine, current.id), f"Project {current.name!r} closed; its kiosks are off.")
                st.rerun()
        else:
            st.caption(f"Closed on {current.closed_on:%Y-%m-%d}: its free text is deleted {days} days after that "
                       "(python -m input_forms apply-retention, which make run also does).")
            if st.button("Reopen project", key="admin_reopen_project"):
                attempt(lambda: retention.reopen_project(engine, current.id),
                        f"Project {current.name!r} reopened; switch its kiosks on under 'Kiosks'.")
                st.rerun()


def show_options() -> None:
    options = projects.list_options(engine, project.id)
    st.dataframe(pd.DataFrame([{"id": o.id, "name": o.name, "version": o.version,
                                "baseline": "today's layout" if o.is_baseline else "", "author": o.author,
                                "notes": o.notes, "saved": o.created_at} for o in options]),
                 hide_index=True, width="stretch")
    st.subheader("Add a layout option from a plan file")
    st.caption("A plan in the exchange format (GeoJSON, see docs). It is checked before it is stored; DXF and other "
               "sources are imported on the Designer page.")
    upload = st.file_uploader("Plan file (.geojson / .json)", type=["geojson", "json"], key="admin_plan_file")
    if upload is None:
        return
    data = upload.getvalue()
    intake, failure = read_bounded(check_plan_file, upload.name, data, "admin_plan_file_read")
    if failure is not None:
        st.error(f"The file cannot be read as a plan: {failure.one_line()}")
        if len(failure.problems) > 1:
            for problem in failure.problems[:20]:
                st.write(f"- {problem}")
        return
    assert intake is not None
    plan, problems = next(iter(intake.levels.values())), next(iter(intake.problems.values()))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        st.error(f"The plan has {len(errors)} error(s); fix them before it can be stored.")
    else:
        st.success(f"Valid plan: {len(plan.rooms)} rooms, {plan.floor_area:.0f} m² floor area.")
    for problem in problems[:30]:
        st.write(f"- **{problem.severity}** {problem.message}" + (f" ({problem.feature_id})" if problem.feature_id else ""))
    st.image(render_png(plan, dpi=80, legend=False), caption=plan.name or upload.name, width="stretch",
             alt=f"Floor plan {plan.name or upload.name} from the uploaded file: {len(plan.rooms)} rooms, "
                 f"{plan.floor_area:.0f} m² floor area.")
    if errors:
        return
    with st.form("admin_add_option"):
        name = st.text_input("Option name", value=plan.name or upload.name.rsplit(".", 1)[0], key="admin_option_name")
        notes = st.text_input("Notes", key="admin_option_notes")
        if st.form_submit_button("Add this option", type="primary"):
            attempt(lambda: projects.add_option(engine, project.id, name, data.decode("utf-8"), author=me.username,
                                                notes=notes), f"Option {name!r} added.")
            st.rerun()


def show_public_address() -> str | None:
    """The project's public address (kiosk links and QR codes start with it), a warning when no tablet can open
    it, and the form to set it; returns the address (None while unset)."""
    base = kiosks.public_base_url(engine, project.id)
    try:
        browser_url = str(st.context.url or "")  # no URL in tests and scripts
    except (AttributeError, ValueError):
        browser_url = ""
    suggestion = suggested_address(browser_url, int(st.get_option("server.port") or 8501))
    with st.container(border=True, key="admin_public_address"):
        st.subheader("Public address")
        st.write("Kiosk links and QR codes are made from the address that tablets and phones in the job centre "
                 "open this app at. Set it once per project.")
        warning = address_warning(base, suggestion)
        if warning:
            st.warning(warning, icon=":material/warning:")
        else:
            st.success(f"Kiosk links start with {base}.", icon=":material/link:")
        with st.form("admin_address_form", border=False):
            value = st.text_input("Public address", value=base or suggestion, key="admin_public_url",
                                  help="http:// or https://, the host name or network address, and the port if "
                                       "there is one, e.g. http://192.168.1.20:8501 or https://planner.kommune.dk")
            if st.form_submit_button("Save address", type="primary"):
                attempt(lambda: kiosks.set_public_base_url(engine, project.id, value),
                        "Public address saved: the kiosk links and QR codes below use it.")
                st.rerun()
    return base


def show_kiosks() -> None:
    options = {o.id: o.name for o in projects.list_options(engine, project.id)}
    base = show_public_address()
    devices = kiosks.list_kiosks(engine, project.id)
    sheets = []
    for kiosk in devices:
        with st.container(border=True, key=f"admin_kiosk_{kiosk.id}"):
            state = "active" if kiosk.active else "revoked"
            place = f"stands at ({kiosk.here[0]:.1f}, {kiosk.here[1]:.1f}) m" if kiosk.here else "place not set"
            st.markdown(f"**{md_escape(kiosk.location_label)}** · {state} · plan: "
                        f"{md_escape(options.get(kiosk.option_id, 'first option'))} · {place}")
            url = kiosks.kiosk_link(base, kiosk.token) if base else None
            if kiosk.active and url:
                sheets.append(KioskSheet(kiosk.location_label, url))
                st.code(url, language=None, wrap_lines=True)
                st.caption("Open this address on the kiosk screen, in the browser's kiosk mode "
                           "(chromium --kiosk followed by the address), or scan the QR code with the tablet.")
                st.image(qr_png(url), width=220, alt=url)
            with st.container(horizontal=True, wrap=True, gap="small", key=f"admin_actions_of_kiosk_{kiosk.id}"):
                if kiosk.active and url:
                    st.download_button("Printable page", print_page(project.name, [sheets[-1]]),
                                       file_name=sheet_file_name(kiosk.location_label), mime="text/html",
                                       key=f"admin_print_{kiosk.id}", icon=":material/print:", width="content",
                                       on_click="ignore")
                if kiosk.active:
                    if st.button("Revoke", key=f"admin_revoke_{kiosk.id}", icon=":material/block:", width="content"):
                        attempt(lambda k=kiosk: kiosks.revoke_kiosk(engine, k.id),
                                f"Kiosk {kiosk.location_label!r} revoked: its address now shows 'not active'.")
                        st.rerun()
                elif st.button("Reactivate", key=f"admin_reactivate_{kiosk.id}", width="content"):
                    attempt(lambda k=kiosk: kiosks.reactivate_kiosk(engine, k.id), "Kiosk reactivated.")
                    st.rerun()
    if len(sheets) > 1:
        st.download_button("Printable pages of all active kiosks (one per page)", print_page(project.name, sheets),
                           file_name=sheet_file_name(f"all {project.name}"), mime="text/html",
                           key="admin_print_all", icon=":material/print:", on_click="ignore")
    if devices:
        show_kiosk_place(devices)
    with st.form("admin_new_kiosk", clear_on_submit=True):
        st.subheader("New kiosk")
        label = st.text_input("Where it stands", placeholder="Reception, ground floor", key="admin_kiosk_label")
        option_id = st.selectbox("Plan shown for pins", [None, *options], key="admin_kiosk_option",
                                 format_func=lambda i: "the project's first option" if i is None else options[i])
        if st.form_submit_button("Create kiosk", type="primary"):
            attempt(lambda: kiosks.register_kiosk(engine, project.id, label, option_id=option_id),
                    f"Kiosk {label.strip()!r} created; its address and QR code are listed above.")
            st.rerun()


def show_kiosk_place(devices: list[Kiosk]) -> None:
    """Where a kiosk stands on its plan, for the citizen's "you are here": a tap on the plan, or x and y."""
    with st.container(border=True, key="admin_place_box"):
        st.subheader("Where each kiosk stands")
        st.write("The citizen's plan on the kiosk marks this spot \"you are here\". Tap the plan where the kiosk "
                 "stands, or type its coordinates in metres.")
        by_id = {k.id: k for k in devices}
        kiosk_id = st.selectbox("Kiosk", list(by_id), format_func=lambda i: by_id[i].location_label,
                                key="admin_place_kiosk")
        kiosk = by_id[kiosk_id]
        option = kiosks.kiosk_plan(engine, kiosk)
        if option is None:
            st.info("This project has no layout option yet: add one under 'Layout options' first.")
            return
        picture = plan_picture_of(option.plan_geojson)
        image = with_pin(picture, *kiosk.here, "idea") if kiosk.here else picture.png
        where = (f"the kiosk {kiosk.location_label} marked with a blue dot at ({kiosk.here[0]:.1f}, "
                 f"{kiosk.here[1]:.1f}) m" if kiosk.here else f"no place set yet for the kiosk {kiosk.location_label}")
        tap = tap_picture(image, key=f"admin_place_tap_{kiosk.id}", size=(picture.width_px, picture.height_px),
                          testid="admin_place_plan",
                          alt=f"Floor plan of {option.name}, {where}. Tap where the kiosk stands, "
                              "or type its coordinates below.")
        if tap and tap.get("unix_time") != st.session_state.get("admin_place_last_tap"):
            st.session_state["admin_place_last_tap"] = tap.get("unix_time")
            point = tap_to_plan(tap, picture.extent)
            if point is not None:
                attempt(lambda: kiosks.set_kiosk_place(engine, kiosk.id, *point),
                        f"Kiosk {kiosk.location_label!r} now stands at ({point[0]:.1f}, {point[1]:.1f}) m.")
                st.rerun()
        st.caption(f"Plan: {option.label}. " + ("The blue dot shows where the kiosk stands." if kiosk.here
                                                 else "No place set yet: the kiosk's plan shows no \"you are here\"."))
        with st.form(f"admin_place_form_{kiosk.id}", border=False):
            cols = st.columns(2)
            # keyed by the stored place too, so the fields show a place just tapped (a widget keeps its own value)
            stamp = f"{kiosk.here[0]:.3f}_{kiosk.here[1]:.3f}" if kiosk.here else "unset"
            x = cols[0].number_input("x (metres)", value=kiosk.here[0] if kiosk.here else None, step=0.5,
                                     format="%.2f", key=f"admin_place_x_{kiosk.id}_{stamp}")
            y = cols[1].number_input("y (metres)", value=kiosk.here[1] if kiosk.here else None, step=0.5,
                                     format="%.2f", key=f"admin_place_y_{kiosk.id}_{stamp}")
            if st.form_submit_button("Save place", type="primary"):
                if x is None or y is None:
                    done("error", "Give both x and y in metres, or tap the plan.")
                else:
                    attempt(lambda: kiosks.set_kiosk_place(engine, kiosk.id, x, y),
                            f"Kiosk {kiosk.location_label!r} now stands at ({x:.1f}, {y:.1f}) m.")
                st.rerun()
        if kiosk.here and st.button("Clear the place", key=f"admin_place_clear_{kiosk.id}"):
            attempt(lambda: kiosks.clear_kiosk_place(engine, kiosk.id),
                    f"Kiosk {kiosk.location_label!r}: no place; its plan shows no \"you are here\".")
            st.rerun()


def show_rounds() -> None:
    options = {o.id: o for o in projects.list_options(engine, project.id)}
    with st.container(border=True, key="admin_min_ballots_box"):
        st.markdown("**Secret ballot**")
        cols = st.columns([1, 3], vertical_alignment="bottom")
        k = cols[0].number_input("Show a count from", min_value=voting.MIN_BALLOTS_FLOOR, max_value=100, step=1,
                                 value=project.min_ballots, key="admin_min_ballots")
        cols[1].caption(f"ballots on (never below {voting.MIN_BALLOTS_FLOOR}). Below that a closed round shows only "
                        "\"the round closed with fewer than ... ballots\", and the winner once you publish it.")
        if k != project.min_ballots and st.button("Save", key="admin_min_ballots_save"):
            attempt(lambda: voting.set_min_ballots(engine, project.id, int(k)), f"Counts are shown from {int(k)} ballots on.")
            st.rerun()
    for rnd in voting.list_rounds(engine, project.id):
        with st.container(border=True, key=f"admin_round_{rnd.id}"):
            on_ballot = voting.round_options(engine, rnd.id)
            names = ", ".join(ro.option.label for ro in on_ballot)
            count = f"{rnd.n_ballots} ballot(s)"
            if not rnd.is_open and 0 < rnd.n_ballots < project.min_ballots:  # secret ballot: no count once closed
                count = f"fewer than {project.min_ballots} ballots"
            st.markdown(f"**{md_escape(rnd.title or f'Round {rnd.id}')}** · {rnd.purpose} · {rnd.status} · {count} · "
                        f"{md_escape(names)}")
            if rnd.voided_ballots:
                st.caption(f"{rnd.voided_ballots} ballot(s) were voided when newer versions were taken into this round.")
            cols = st.columns(3)
            if rnd.is_open and cols[0].button("Close round", key=f"admin_close_{rnd.id}", icon=":material/lock:"):
                attempt(lambda r=rnd: voting.close_round(engine, r.id), "Round closed; results are in Results and Vote.")
                st.rerun()
            other = "trial" if rnd.purpose == "decisive" else "decisive"
            if cols[1].button(f"Mark as {other} round", key=f"admin_purpose_{rnd.id}"):
                attempt(lambda r=rnd, p=other: voting.set_purpose(engine, r.id, p), f"Marked as a {other} round.")
                st.rerun()
            newer = [ro for ro in on_ballot if ro.newer_exists]
            if newer:
                with cols[2].popover("Take the newer versions", icon=":material/update:"):
                    st.write("Newer versions exist: " + ", ".join(f"{ro.option.name} v{ro.latest_version}" for ro in newer)
                             + ". Putting them on the ballot reopens the round"
                             + (f" and voids its {rnd.n_ballots} ballot(s): everyone votes again." if rnd.n_ballots else "."))
                    sure = st.checkbox(f"Yes, void the {rnd.n_ballots} ballot(s)", key=f"admin_void_ok_{rnd.id}") \
                        if rnd.n_ballots else True
                    if st.button("Reopen with the newer versions", key=f"admin_refresh_{rnd.id}", type="primary",
                                 disabled=not sure):
                        attempt(lambda r=rnd, ids=[ro.option.id for ro in newer]: voting.refresh_round(
                            engine, r.id, ids, void_ballots=True), "The round is open again with the newer versions.")
                        st.rerun()
    if voting.current_round(engine, project.id) is not None:
        st.caption("Close the open round before opening a new one.")
        return
    with st.form("admin_new_round"):
        st.subheader("Open a voting round")
        title = st.text_input("Question", value="Which layout should we build?", key="admin_round_title")
        purpose = st.radio("This round is", ["decisive", "trial"], horizontal=True, key="admin_round_purpose",
                           format_func={"decisive": "the decisive vote", "trial": "a trial (practice) round"}.get)
        chosen = st.multiselect("Options on the ballot (2-8)", list(options), default=list(options)[:8],
                                format_func=lambda i: options[i].label, key="admin_round_options")
        st.caption("The round keeps the versions on the ballot now; later edits become new versions outside it.")
        if st.form_submit_button("Open round", type="primary"):
            attempt(lambda: voting.open_round(engine, project.id, chosen, title=title, purpose=purpose),
                    "Round opened: staff can vote on the Vote page.")
            st.rerun()


def show_surveys() -> None:
    for survey in surveys.list_surveys(engine, project.id):
        with st.container(border=True):
            st.markdown(f"**{md_escape(survey.title)}**")
            for item in survey.items:
                st.markdown(md_escape(f"{item.position + 1 if item.position < 20 else ''}. {item.text}"))
    with st.form("admin_new_survey", clear_on_submit=True):
        st.subheader("New survey (before/after)")
        title = st.text_input("Title", key="admin_survey_title")
        text = st.text_area(f"Statements, one per line (at most {surveys.MAX_ITEMS}; rated 1-5)",
                            value="\n".join(surveys.SUGGESTED_ITEMS), key="admin_survey_items", height=180)
        if st.form_submit_button("Create survey", type="primary"):
            items = [line.strip() for line in text.splitlines() if line.strip()]
            attempt(lambda: surveys.create_survey(engine, project.id, title, items), "Survey created.")
            st.rerun()


def show_calmer() -> None:
    st.caption("The chips citizens choose from under 'What would make it calmer?'. Untick 'active' to hide an item "
               "(its past answers stay). Default items are translated on the kiosk; new items show in Danish, and "
               "in English for English speakers.")
    items = calmer.list_calmer_items(engine, project.id, include_inactive=True)
    table = pd.DataFrame([i.model_dump() for i in items], columns=["key", "label_da", "label_en", "active"])
    edited = st.data_editor(
        table, num_rows="dynamic", hide_index=True, width="stretch", key="admin_calmer_editor",
        column_config={"key": st.column_config.TextColumn("Key (a-z, _)", required=True),
                       "label_da": st.column_config.TextColumn("Danish", required=True),
                       "label_en": st.column_config.TextColumn("English", required=True),
                       "active": st.column_config.CheckboxColumn("Active", default=True)})
    if st.button("Save the list", key="admin_calmer_save", type="primary"):
        rows = [{k: (bool(v) if k == "active" else str(v or "").strip()) for k, v in row.items()}
                for row in edited.to_dict("records") if str(row.get("key") or "").strip()]
        attempt(lambda: calmer.set_calmer_items(engine, project.id, rows), "The list is saved.")
        st.rerun()


def show_users() -> None:
    accounts = users.list_users(engine)
    st.dataframe(pd.DataFrame([{"id": u.id, "username": u.username, "role": u.role, "name": u.display_name,
                                "title": u.staff_title, "active": u.active} for u in accounts]),
                 hide_index=True, width="stretch")
    by_id = {u.id: u for u in accounts}
    with st.container(border=True):
        st.subheader("Change an account")
        uid = st.selectbox("Account", list(by_id), format_func=lambda i: f"{by_id[i].username} ({by_id[i].role})",
                           key="admin_user_pick")
        account = by_id[uid]
        c1, c2 = st.columns(2)
        if account.active and account.id != me.id:
            if c1.button("Deactivate", key="admin_user_deactivate", icon=":material/person_off:"):
                attempt(lambda: users.deactivate_user(engine, uid), f"{account.username} can no longer sign in.")
                st.rerun()
        elif not account.active and c1.button("Activate", key="admin_user_activate"):
            attempt(lambda: users.activate_user(engine, uid), f"{account.username} can sign in again.")
            st.rerun()
        new_password = c2.text_input("New password", type="password", key="admin_user_password", help=PASSWORD_HELP)
        if c2.button("Set password", key="admin_user_set_password"):
            attempt(lambda: users.set_password(engine, uid, new_password), f"Password of {account.username} changed.")
            st.rerun()
    with st.form("admin_new_user", clear_on_submit=True):
        st.subheader("New account")
        username = st.text_input("Username", key="admin_new_username")
        password = st.text_input("Password", type="password", key="admin_new_password", help=PASSWORD_HELP)
        role = st.selectbox("Role", list(users.Role.__args__), key="admin_new_role")
        display_name = st.text_input("Name (optional)", key="admin_new_display")
        staff_title = st.text_input("Job title (optional, e.g. caseworker, reception)", key="admin_new_title")
        if st.form_submit_button("Create account", type="primary"):
            attempt(lambda: users.create_user(engine, username, password, role, display_name, staff_title),
                    f"Account {username.strip()!r} created.")
            st.rerun()


SECTIONS = {"Projects": show_projects, "Layout options": show_options, "Kiosks": show_kiosks,
            "Voting rounds": show_rounds, "Survey": show_surveys, "Calmer list": show_calmer, "Accounts": show_users}
NEEDS_PROJECT = {"Layout options", "Kiosks", "Voting rounds", "Survey", "Calmer list"}

tabs = st.tabs(list(SECTIONS), key="admin_tab", on_change="rerun")
for (name, show), tab in zip(SECTIONS.items(), tabs, strict=True):
    if tab.open:
        with tab:
            if name in NEEDS_PROJECT and project is None:
                st.info("Create a project first (tab 'Projects').")
            else:
                show()
