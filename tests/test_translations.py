"""The UI catalogues in src/bistand/locale: bokmål (the default) and nynorsk are complete and
have no fuzzy entries, the compiled .mo files match the .po files, and pages (ours and
allauth's sign-in pages) come out in the language the user chose.

The .po files are read with the small parser below (no polib, no msgfmt needed).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import allauth
import pytest
from django.urls import reverse

import bistand
from bistand.accounts.allauth_strings import ALLAUTH_STRINGS

LOCALE = Path(bistand.__file__).parent / "locale"
LANGUAGES = ("nb", "nn", "en")
TRANSLATED = ("nb", "nn")  # must be complete; en is the source language and may stay empty
PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


# --- A small .po parser -------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}
_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")$")


def _unquote(text: str, where: str) -> str:
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{where}: not a quoted string: {text!r}")

    def escape(match: re.Match) -> str:
        char = match.group(1)
        if char not in _ESCAPES:
            raise ValueError(f"{where}: unknown escape \\{char}")
        return _ESCAPES[char]

    return re.sub(r"\\(.)", escape, text[1:-1])


@dataclass
class Entry:
    line: int
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # msgstr is {0: ...}; msgstr[n] is {n: ...}
    flags: set[str] = field(default_factory=set)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[n] for n in sorted(self.msgstr)]

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr.values())


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, the header (msgid "") first; obsolete (#~) entries are skipped."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] | None = None  # the field that continuation lines add to
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        where = f"{path.name}:{number}"
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if entry is None or target is not None:  # comments open an entry
                entry, target = Entry(line=number), None
                entries.append(entry)
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, value = match.group(1), match.group(2), _unquote(match.group(3), where)
            after_context = keyword == "msgid" and target is not None and target[0] == "msgctxt"
            if keyword in ("msgctxt", "msgid") and (entry is None or (target is not None and not after_context)):
                entry = Entry(line=number)
                entries.append(entry)
            if entry is None:
                raise ValueError(f"{where}: {keyword} before msgid")
            if keyword == "msgctxt":
                entry.msgctxt, target = value, ("msgctxt", 0)
            elif keyword == "msgid":
                entry.msgid, target = value, ("msgid", 0)
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, ("msgid_plural", 0)
            else:
                n = int(index) if index is not None else 0
                entry.msgstr[n], target = value, ("msgstr", n)
            continue
        if line.startswith('"') and entry is not None and target is not None:
            value = _unquote(line, where)
            kind, n = target
            if kind == "msgstr":
                entry.msgstr[n] += value
            else:
                setattr(entry, kind, getattr(entry, kind) + value)
            continue
        raise ValueError(f"{where}: cannot read {raw!r}")
    return entries


def catalogue(language: str) -> tuple[Entry, list[Entry]]:
    """(header, messages) of our catalogue for `language`."""
    entries = parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert entries and entries[0].msgid == "" and entries[0].msgctxt is None, "the header comes first"
    return entries[0], entries[1:]


def header_fields(header: Entry) -> dict[str, str]:
    fields = {}
    for line in header.msgstr[0].splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\([a-z_]+\)[sd]|%[sd]", text))


def describe(entry: Entry) -> str:
    return f"line {entry.line}: {entry.msgid!r}"


def test_the_parser_reads_escapes_continuations_plurals_and_flags(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: nb\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid ""\n"Two \\"lines\\"\\n"\n"and more"\nmsgstr "To"\n\n'
        'msgctxt "menu"\nmsgid "File"\nmsgstr ""\n\n'
        'msgid "%(n)s day"\nmsgid_plural "%(n)s days"\nmsgstr[0] "%(n)s dag"\nmsgstr[1] ""\n"%(n)s dagar"\n\n'
        '#~ msgid "Old"\n#~ msgstr "Gammal"\n',
        encoding="utf-8",
    )
    header, fuzzy, context, plural = parse_po(po)
    assert header_fields(header) == {"Language": "nb"}
    assert (fuzzy.msgid, fuzzy.translations, fuzzy.fuzzy) == ('Two "lines"\nand more', ["To"], True)
    assert (context.msgctxt, context.msgid, context.translated) == ("menu", "File", False)
    assert (plural.msgid_plural, plural.translations, plural.translated) == (
        "%(n)s days",
        ["%(n)s dag", "%(n)s dagar"],
        True,
    )


# --- The catalogues ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_catalogue_and_a_compiled_catalogue(language):
    header, messages = catalogue(language)
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").is_file()
    assert not header.fuzzy, "a fuzzy header is left out of the compiled catalogue"
    fields = header_fields(header)
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == PLURAL_FORMS
    assert len(messages) > 300, "run makemessages from src/bistand (see the header of the .po file)"


def test_the_catalogues_hold_the_same_messages():
    def keys(language):
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in catalogue(language)[1]}

    assert keys("nb") == keys("nn") == keys("en")


def test_strings_from_every_app_and_the_shared_templates_are_extracted():
    text = (LOCALE / "nb" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    sources = set(re.findall(r"(?:^#: |\s)([a-z_]+)/[\w/.-]+:\d+", text, flags=re.MULTILINE))
    assert {"accounts", "audit", "people", "reference", "templates"} <= sources


def test_every_string_marked_in_the_code_is_in_the_catalogue(tmp_path, monkeypatch):
    """What `make messages` would extract now is what the catalogue holds: a new string in a
    template or in Python cannot ship untranslated (xgettext comes with Debian's gettext)."""
    import shutil

    from django.core.management import call_command

    copy = tmp_path / "bistand"
    shutil.copytree(Path(bistand.__file__).parent, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["nb"], no_obsolete=True, ignore_patterns=["*/tests/*"], verbosity=0)
    extracted = parse_po(copy / "locale" / "nb" / "LC_MESSAGES" / "django.po")[1:]

    def keys(entries):
        return {(e.msgctxt, e.msgid, e.msgid_plural) for e in entries}

    missing = keys(extracted) - keys(catalogue("nb")[1])
    assert not missing, f"run `make messages` and translate: {sorted(missing, key=str)}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_complete_and_nothing_is_fuzzy(language):
    _, messages = catalogue(language)
    fuzzy = [describe(e) for e in messages if e.fuzzy]
    untranslated = [describe(e) for e in messages if not e.translated]
    assert not fuzzy, f"{language}: fuzzy entries: {fuzzy}"
    assert not untranslated, f"{language}: untranslated entries: {untranslated}"
    plurals = [e for e in messages if e.msgid_plural is not None]
    assert plurals, "the participant counts are plural entries"
    assert all(sorted(e.msgstr) == [0, 1] for e in plurals), "two plural forms each"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_the_placeholders_of_the_english(language):
    wrong = []
    for e in catalogue(language)[1]:
        if e.msgid_plural is None:
            if placeholders(e.msgstr[0]) != placeholders(e.msgid):
                wrong.append(describe(e))
        elif any(set(placeholders(form)) != set(placeholders(e.msgid_plural)) for form in e.translations):
            wrong.append(describe(e))
        if any(form.count("\n") != e.msgid.count("\n") for form in e.translations):
            wrong.append(f"{describe(e)} (line breaks)")
    assert not wrong, f"{language}: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_catalogue_matches_the_po_file(language):
    """Run `bistand compilemessages` from src/bistand when this fails."""
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    expected: dict = {}
    for e in catalogue(language)[1]:
        if not e.translated or e.fuzzy:
            continue  # msgfmt leaves these out
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural is None:
            expected[key] = e.msgstr[0]
        else:
            for n, form in enumerate(e.translations):
                expected[(key, n)] = form
    actual = {key: value for key, value in compiled._catalog.items() if key != ""}
    stale = {key for key in actual.keys() | expected.keys() if actual.get(key) != expected.get(key)}
    assert not stale, f"{language}: django.mo differs from django.po for {sorted(map(str, stale))[:10]}"
    if language in TRANSLATED:
        assert compiled.ngettext("%(n)s participant", "%(n)s participants", 1) != "%(n)s participant"


# --- allauth's pages in nynorsk ------------------------------------------------------------


def test_allauth_strings_are_allauths_msgids_and_translated_in_both_norwegian_languages():
    allauth_nb = parse_po(Path(allauth.__file__).parent / "locale" / "nb" / "LC_MESSAGES" / "django.po")
    allauth_ids = {e.msgid for e in allauth_nb if e.msgctxt is None}
    unknown = [s for s in ALLAUTH_STRINGS if s not in allauth_ids]
    assert not unknown, f"allauth no longer uses these msgids (upgrade?): {unknown}"
    for language in TRANSLATED:
        ours = {e.msgid: e for e in catalogue(language)[1] if e.msgctxt is None}
        missing = [s for s in ALLAUTH_STRINGS if s not in ours or not ours[s].translated]
        assert not missing, f"{language}: run makemessages and translate: {missing}"


# --- Pages in each language ----------------------------------------------------------------

# (language, words that must appear, words of the other languages that must not)
PAGE_WORDS = {
    "casework:caseload": {
        "nb": (["Deltakerliste", "Ny henvisning", "Mine deltakere", "Tjenestemodell"], ["Deltakarliste", "Caseload"]),
        "nn": (["Deltakarliste", "Ny tilvising", "Mine deltakarar", "Tenestemodell"], ["Deltakerliste", "Caseload"]),
        "en": (["Caseload", "New referral", "My participants", "Service model"], ["Deltakerliste", "Deltakarliste"]),
    },
    "people:referral_create": {
        "nb": (["Registrer henvisning", "Fødselsnummer", "Henvisningsdato", "ingen ekskludering"], ["Tilvisingsdato"]),
        "nn": (["Registrer tilvising", "Fødselsnummer", "Tilvisingsdato", "inga ekskludering"], ["Henvisningsdato"]),
        "en": (["Register referral", "National identity number", "Referral date", "zero exclusion"], ["Henvis"]),
    },
}


# The employers and jobs apps, in the same table (words that must appear, words of the other
# languages that must not).
PAGE_WORDS |= {
    "employers:list": {
        "nb": (
            ["Arbeidsgivere", "Navn eller organisasjonsnummer", "Ta med arbeidsgivere fra stillingsannonser"],
            ["Arbeidsgivarar", "Employers"],
        ),
        "nn": (
            ["Arbeidsgivarar", "Namn eller organisasjonsnummer", "Ta med arbeidsgivarar frå stillingsannonsar"],
            ["Arbeidsgivere", "Employers"],
        ),
        "en": (["Employers", "Name or organisation number", "Include employers from job ads"], ["Arbeidsgiv"]),
    },
    "jobs:search": {
        "nb": (
            ["Ledige stillinger", "Omfang", "Ta med inaktive", "Heltid", "Deltid"],
            ["Ledige stillingar", "Vacancies"],
        ),
        "nn": (
            ["Ledige stillingar", "Omfang", "Ta med inaktive", "Heltid", "Deltid"],
            ["Ledige stillinger", "Vacancies"],
        ),
        "en": (["Vacancies", "Extent", "Include inactive", "Full time", "Part time"], ["Ledige stilling", "Heltid"]),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", sorted(PAGE_WORDS))
def test_pages_come_out_in_the_chosen_language(world, client_for, page, language):
    client = client_for(world.js)
    client.cookies["bistand_language"] = language
    response = client.get(reverse(page))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    present, absent = PAGE_WORDS[page][language]
    assert [w for w in present if w not in html] == []
    assert [w for w in absent if w in html] == []


def test_bokmal_is_the_default(world, client_for):
    html = client_for(world.js).get(reverse("casework:caseload")).content.decode()
    assert '<html lang="nb">' in html
    assert "Deltakerliste" in html


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        ("nn", ["Logg inn", "Gløymt passordet?", "E-postadresse", "Passord"], ["Sign In", "Glemt"]),
        ("nb", ["Logg inn", "Glemt passordet?", "E-postadresse", "Passord"], ["Sign In", "Gløymt"]),
        ("en", ["Sign In", "Forgot your password?", "Email address"], ["Logg inn"]),
    ],
)
def test_login_page_comes_out_in_the_chosen_language(db, client, language, present, absent):
    client.cookies["bistand_language"] = language
    html = client.get(reverse("account_login")).content.decode()
    assert [w for w in present if w not in html] == []
    assert [w for w in absent if w in html] == []


def test_password_reset_and_logout_pages_in_nynorsk(world, client, client_for):
    client.cookies["bistand_language"] = "nn"
    html = client.get(reverse("account_reset_password")).content.decode()
    assert "Tilbakestilling av passord" in html
    assert "Har du gløymt passordet?" in html
    assert "Tilbakestill passordet" in html

    logged_in = client_for(world.js)
    logged_in.cookies["bistand_language"] = "nn"
    html = logged_in.get(reverse("account_logout")).content.decode()
    assert "Er du sikker på at du vil logge ut?" in html
    assert "Sign Out" not in html


def test_wrong_password_message_in_nynorsk(world, client):
    client.cookies["bistand_language"] = "nn"
    response = client.post(reverse("account_login"), {"login": world.js.email, "password": "wrong"})
    assert "E-postadressa og/eller passordet du skreiv inn, er feil." in response.content.decode()
