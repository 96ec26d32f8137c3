"""Scrubbing and highlighting, as a table: what is replaced automatically, what is only pointed out to the
moderator, and what must survive untouched (Danish and English)."""

from __future__ import annotations

import pytest

from input_forms.scrub import (
    CPR_MARKER,
    EMAIL_MARKER,
    PHONE_MARKER,
    REDACTED_MARKER,
    find_automatic,
    find_highlights,
    find_personal_data,
    first_names,
    redact_spans,
    scrub_text,
)

# (text as typed, text as stored)
AUTOMATIC = [
    # CPR numbers in every common spelling
    ("Mit cpr er 010190-1234", f"Mit cpr er {CPR_MARKER}"),
    ("01 01 90 1234", CPR_MARKER),
    ("01.01.90-1234", CPR_MARKER),
    ("01-01-90-1234", CPR_MARKER),
    ("010190/1234", CPR_MARKER),
    ("01 01 90 12 34 er mit nummer", f"{CPR_MARKER} er mit nummer"),
    ("0101901234", CPR_MARKER),
    ("310399 4321", CPR_MARKER),
    ("cpr: 29.02.00-4123.", f"cpr: {CPR_MARKER}."),  # 29 February 2000 (7th digit 4: the 2000s) existed
    ("My CPR is 150585 - 4321, thanks", f"My CPR is {CPR_MARKER}, thanks"),
    # Danish phone numbers in common groupings, with +45 / 0045
    ("ring 12345678", f"ring {PHONE_MARKER}"),
    ("tlf 12 34 56 78", f"tlf {PHONE_MARKER}"),
    ("tlf. 12 34 5678", f"tlf. {PHONE_MARKER}"),
    ("ring på 12 345 678", f"ring på {PHONE_MARKER}"),
    ("1234 5678", PHONE_MARKER),
    ("22.33.44.55", PHONE_MARKER),
    ("22-33-44-55", PHONE_MARKER),
    ("+45 12 34 56 78", PHONE_MARKER),
    ("+4512345678", PHONE_MARKER),
    ("0045 12 34 5678", PHONE_MARKER),
    ("call me on +44 20 7946 0958", f"call me on {PHONE_MARKER}"),
    # e-mail
    ("skriv til anna.b+jc@kk.dk!", f"skriv til {EMAIL_MARKER}!"),
    ("mail me: x_y@mail.example.co.uk", f"mail me: {EMAIL_MARKER}"),
    # several at once
    ("Borger 010190-1234, tlf 12 34 56 78, a.b@kommune.dk", f"Borger {CPR_MARKER}, tlf {PHONE_MARKER}, {EMAIL_MARKER}"),
]

# text that must come through unchanged and without a highlight
SURVIVES = [
    "Jeg ventede 45 minutter i lokale 3.",
    "Det var bedre i 2024 end i 2023",
    "Mødet 12-03-2024 kl. 10:30 gik fint",
    "Mødet 01.02.2024 10:30 gik fint",
    "Næste møde 2024-03-12, lokale 2.14",
    "Ventetid 20-30 min, 5 stole for få",
    "Det koster 100000 kr at bygge om",
    "En stol koster 1.250 kr",
    "Ombygningen koster 12.500.000 kr",
    "Ombygningen koster 25 000 000 kr",
    "Åbent kl. 10.30-11.45 om fredagen",
    "Venteværelset i stuen er for lille",
    "Room 2.014 is too cold, I waited from 9.15 to 10.40",
    "It cost £1,250 and took 3 weeks in 2023",
    "The queue number was 1234567",
    "Tak for hjælpen! 😊",
    "Meget larm ved skranken. Bedre lys ønskes.",
    "Else var det fint",  # a first name that is an ordinary word at the start of a sentence
    "",
]

# (text, kind, the span the moderator is shown)
HIGHLIGHTED = [
    ("For meget larm. Mvh Jens Hansen", "name", "Jens Hansen"),
    ("Tak for hjælpen.\nHilsen Anna", "name", "Anna"),
    ("venlig hilsen Karen Marie Nielsen", "name", "Karen Marie Nielsen"),
    ("Jeg hedder Mohammad og venter tit", "name", "Mohammad"),
    ("mvh jens", "name", "jens"),
    ("Jeg talte med Mette i receptionen", "name", "Mette"),
    ("Sagsbehandler Pedersen var sød", "name", "Pedersen"),
    ("Kind regards, John Smith", "name", "John Smith"),
    ("My name is Sarah and the chairs are hard", "name", "Sarah"),
    ("Send svar til Vestergade 12, 2. th, 8000 Aarhus C", "address", "Vestergade 12, 2. th, 8000 Aarhus C"),
    ("Jeg bor på Gammel Kongevej 3 st. tv", "address", "Gammel Kongevej 3 st. tv"),
    ("Bor på Nørrebrogade 7B", "address", "Nørrebrogade 7B"),
    ("I live at 12 High Street, so I come often", "address", "12 High Street"),
    ("Jeg kommer fra 2860 Søborg", "address", "2860 Søborg"),
]


@pytest.mark.parametrize("typed, stored", AUTOMATIC)
def test_personal_numbers_and_addresses_are_replaced_before_storage(typed, stored):
    assert scrub_text(typed) == stored


@pytest.mark.parametrize("text", SURVIVES)
def test_ordinary_text_survives_untouched_and_unhighlighted(text):
    assert scrub_text(text) == text
    assert find_automatic(text) == []
    assert find_highlights(text) == []


@pytest.mark.parametrize("text, kind, shown", HIGHLIGHTED)
def test_likely_names_and_addresses_are_highlighted_not_changed(text, kind, shown):
    assert scrub_text(text) == text  # never removed automatically: the moderator decides
    found = find_highlights(text)
    assert [(f.kind, f.text) for f in found] == [(kind, shown)]
    assert not found[0].automatic


def test_an_implausible_date_part_is_no_cpr_number():
    # day 32, month 13, 30 February: ten digits, but no birth date
    for text in ["3201901234", "01 13 90 1234", "300290-1234"]:
        assert CPR_MARKER not in scrub_text(text)


def test_the_kinds_found_are_reported_in_a_fixed_order():
    assert find_personal_data("x@y.dk 12 34 56 78 010190-1234") == ["e-mail", "cpr", "phone"]
    assert find_personal_data("nothing here") == []


def test_markers_are_not_highlighted_and_highlights_survive_scrubbing():
    stored = scrub_text("Mvh Jens Hansen, 12 34 56 78")
    assert stored == f"Mvh Jens Hansen, {PHONE_MARKER}"
    assert [(f.kind, f.text) for f in find_highlights(stored)] == [("name", "Jens Hansen")]


def test_redacting_spans_replaces_exactly_them():
    text = "Mvh Jens Hansen, Vestergade 12"
    spans = [(f.start, f.end) for f in find_highlights(text)]
    assert redact_spans(text, spans) == f"Mvh {REDACTED_MARKER}, {REDACTED_MARKER}"
    assert redact_spans(text, [(0, 3), (1, 5)]) == f"{REDACTED_MARKER}ens Hansen, Vestergade 12"
    assert redact_spans(text, []) == text


def test_the_name_list_is_data_with_its_source_named():
    from input_forms.scrub import NAMES_FILE

    header = [line for line in NAMES_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("Source:" in line for line in header)
    names = first_names()
    assert len(names) > 500 and {"Jens", "Mette", "Mohammad", "Freja"} <= names
    assert not any(len(n) < 2 for n in names)
