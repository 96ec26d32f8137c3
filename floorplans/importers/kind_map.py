"""The table that turns a room's name or type in a source file into a RoomKind.

Edit ``KIND_RULES`` to teach the importers new names; or pass extra rules in
``ImportOptions.kind_rules`` (tried first). Each rule is a regular expression,
matched case-insensitively anywhere in the name (use ``\\b`` for whole words),
and the first rule that matches wins, so specific rules come before general
ones ("CONFERENCE RM" before "RM", "accessible toilet" before "toilet").
English names are from American/British drawings (Revit, WRLD, FloorspaceJS
space types); Danish names from Danish job centres and municipal drawings.

A name no rule knows gets ``ImportOptions.default_kind`` (storage unless
chosen otherwise) and is listed in the import report as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import RoomKind

__all__ = ["KIND_RULES", "classify", "normalise"]

K = RoomKind

#: (regex, kind), first match wins. Grouped by kind only for reading.
KIND_RULES: tuple[tuple[str, RoomKind], ...] = (
    # Accessible toilets before plain ones.
    (r"\b(accessible|disabled|handicap|hc|ada)\b.*\b(wc|toilet|rr|restroom|bathroom)\b", K.wc_accessible),
    (r"\b(restroom|toilet|wc)\b.*\b(wheelchair|accessible)\b", K.wc_accessible),  # IMDF restroom.wheelchair
    (r"\b(handicaptoilet|hc-toilet|hc-wc|handicap-wc|rullestolstoilet)\b", K.wc_accessible),
    (r"^\s*(d|hc)\s*$", K.wc_accessible),  # single-letter toilet sign: D(isabled)
    # Vertical circulation before anything that might contain "rm" etc.
    (r"\belev(ator)?s?\b.*\b(eq|equip|mach|machine)", K.storage),  # lift machine room
    (r"\b(elev|elevator|elevators|lift|lifts|elevatorer?)\b", K.lift),
    (r"\b(stair|stairs|stairway|stairwell|staircase|trappe|trapper|trapperum|trappeopgang)\b", K.stairs),
    # Toilets.
    (r"\b(restroom|restrooms|rr|toilet|toiletter|toilets|wc|lavatory|washroom|bathroom|men|women|mens|womens|men's|women's|ladies|gents)\b", K.wc),
    (r"^\s*(m|w|k)\s*$", K.wc),  # single-letter toilet signs: M(en), W(omen), K(vinder)
    # Entrance.
    (r"\b(vest|vestibule|entry|entrance|lobby|foyer|indgang|hovedindgang|vindfang|entré|entre)\b", K.entrance),
    # Reception and waiting.
    (r"\b(reception|front desk|information|info|skranke|modtagelse|reception|borgerservice)\b", K.reception),
    (r"\b(waiting|wait|venteværelse|venterum|venteområde|ventezone|commonroom|common room|lounge area)\b", K.waiting),
    # Quiet and green.
    (r"\b(quiet|stillerum|stille rum|silent|nook|fordybelse)\b", K.quiet_nook),
    (r"\b(garden|green|atrium|winter garden|vinterhave|gårdhave|courtyard|balcony|terrace|altan|terrasse)\b", K.green_area),
    (r"\b(play|playroom|legerum|legeområde|børnehjørne|kids)\b", K.play_area),
    # Meetings.
    (r"\b(conference|conferenceroom|conf|meeting|mtg|boardroom|interview|consult|consultation|samtalerum|samtale|mødelokale|mødelokaler|møderum|mødested|examroom|exam room|patientroom|patient room)\b", K.meeting_room),
    (r"\b(team|group|training|classroom|class|course|workshop|seminar|gruppe|grupperum|undervisning|kursus|kursuslokale|værksted)\b", K.group_room),
    (r"\b(job search|jobsøgning|jobcafé|jobcafe|jobcenter pc|computer room|pc room|library|bibliotek)\b", K.job_search),
    # Staff.
    (r"\b(break|breakroom|pantry|kitchen|kitchenette|staff|lounge|canteen|cafeteria|locker|lockerroom|frokoststue|personalerum|kantine|tekøkken|køkken|omklædning|gym|lightexerciseroom)\b", K.staff_room),
    (r"\b(open office|office|offices|off|ofc|ofcr|workstation|workstations|nursesworkstation|kontor|kontorer|storrumskontor|arbejdsplads|arbejdspladser|sagsbehandler)\b", K.open_office),
    # Circulation.
    (r"\b(corridor|corr|hall|hallway|passage|circulation|walkway|core|gang|gangareal|korridor|gangzone)\b", K.corridor),
    # Back of house.
    (r"\b(storage|stor|store|storeroom|mech|mechanical|mechpenthouse|elec|electrical|tele|comm|data|server|serverroom|ups|batt|jan|janitor|closet|cupboard|utility|recyc|recycl|recycling|files|archive|freezer|plant room|inaccessible|inaccessible_space|shaft|riser|depot|lager|arkiv|teknik|teknikrum|rengøring|rengøringsrum|skakt|affald|kopi|copy)\b", K.storage),
)

_COMPILED: dict[tuple[tuple[str, RoomKind], ...], list[tuple[re.Pattern[str], str, RoomKind]]] = {}


def normalise(name: str) -> str:
    """Lower case, CamelCase split ("PatientRoom" -> "patient room"), separators as spaces.

    The CamelCase form is matched along with the joined one, so both
    "patientroom" and "patient room" rules work.
    """
    spaced = re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", name)
    spaced = re.sub(r"[_/\-.,;:()\[\]]+", " ", spaced)
    return re.sub(r"\s+", " ", spaced).strip().lower()


def _compiled(rules: tuple[tuple[str, RoomKind], ...]) -> list[tuple[re.Pattern[str], str, RoomKind]]:
    if rules not in _COMPILED:
        _COMPILED[rules] = [(re.compile(pattern, re.IGNORECASE), pattern, RoomKind(kind)) for pattern, kind in rules]
    return _COMPILED[rules]


def classify(names: Iterable[str | None], extra_rules: tuple[tuple[str, RoomKind], ...] = ()) -> tuple[RoomKind, str] | None:
    """The kind and the matching rule for the first name a rule knows, else None.

    ``names`` are tried in order (e.g. a long name, then a short name, then a
    source type); extra rules are tried before the built-in table.
    """
    table = _compiled(tuple(extra_rules)) + _compiled(KIND_RULES)
    for raw in names:
        if not raw or not str(raw).strip():
            continue
        text = str(raw)
        forms = {normalise(text), text.lower().strip(), re.sub(r"[_\-]+", " ", text.lower()).strip()}
        for pattern, source, kind in table:
            if any(pattern.search(form) for form in forms):
                return kind, source
    return None
