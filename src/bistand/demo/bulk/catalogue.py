"""What the national-scale demo is made of: weights, sizes and the Norwegian text people would
type. Plain data, no logic; the other modules of `bistand.demo.bulk` draw from it.

Place names and kommune numbers are real (they must match the reference data, 2020 edition);
organisations, teams, employers, people and organisation numbers are invented. The story demo's
catalogue (`bistand.demo.catalogue`) supplies the referral, decision and status texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bistand.accounts.enums import OrganisationType
from bistand.casework.enums import ContactKind, ContactPlace, Party
from bistand.demo.catalogue import Weighted
from bistand.employers.enums import ContactMode, ContactPurpose, RelationshipStatus
from bistand.people.enums import EndReason, ReferralSource, ServiceModel, Status
from bistand.placements.enums import CareerGoal, FollowUpMode, PlacementEndReason, PlacementType, WageSubsidy

HISTORY_YEARS = 5

# --- Size of the service ------------------------------------------------------------------------
# A team of 4–8 job specialists follows ~20 participants per full-time specialist at a time
# (IPS fidelity item S1: at most 20); over five years the closed ones (ended, declined,
# withdrawn) accumulate, so one team has seen about this many participants:
PARTICIPANTS_PER_TEAM = 360
SPECIALISTS_PER_TEAM: Weighted = (("4", 2), ("5", 3), ("6", 4), ("7", 3), ("8", 2))
# Caseloads differ between specialists beyond their FTE: each gets FTE × a factor from this range.
CASELOAD_SPREAD = (0.75, 1.3)
SPECIALIST_FTES: tuple[tuple[Decimal, int], ...] = (
    (Decimal("1.0"), 12),
    (Decimal("0.8"), 4),
    (Decimal("0.6"), 2),
    (Decimal("0.5"), 2),
)
TEAMS_PER_ORGANISATION: Weighted = (("1", 3), ("2", 4), ("3", 3), ("4", 2), ("5", 1))
ORGANISATION_TYPES: Weighted = (
    (OrganisationType.NAV_OFFICE, 35),
    (OrganisationType.SERVICE_PROVIDER, 35),
    (OrganisationType.HEALTH_TRUST, 20),
    (OrganisationType.SCHOOL_MUNICIPALITY, 10),
)
# Employers: registered by the organisations (their job-development network) and created from
# NAV's job feed (public, no organisation); vacancies per participant.
REGISTERED_EMPLOYERS_PER_PARTICIPANT = 0.15
PUBLIC_EMPLOYERS_PER_PARTICIPANT = 0.05
OPENINGS_PER_PARTICIPANT = 1
MANUAL_OPENING_SHARE = 0.04  # registered by hand by the organisations (a third of them carved jobs)

# --- Where participants stand at the end of the history ----------------------------------------
OUTCOMES: Weighted = (
    ("declined", 115),
    ("withdrawn", 40),
    ("pending", 10),
    ("ended", 555),
    ("open", 280),
)
OPEN_STATUSES: Weighted = ((Status.ACCEPTED, 7), (Status.ACTIVE, 18), (Status.JOB_SEARCH, 35), (Status.IN_JOB, 40))
# How many working days before the end of the history an open participant's last status change
# may lie: someone in a job may have had it for years, someone just accepted has not waited long.
OPEN_SLACK = {Status.ACCEPTED: 8, Status.ACTIVE: 60, Status.JOB_SEARCH: 120, Status.IN_JOB: 700}
PREQUEL_SHARE = 0.07  # referred once before, and that referral came to nothing

# --- Geography --------------------------------------------------------------------------------
# Approximate populations (thousands, 2020, rounded) of the larger kommuner, to place teams,
# participants, employers and vacancies where people live. The rest count DEFAULT_POPULATION.
# Names are checked against the reference data by the tests.
POPULATION: dict[str, tuple[str, int]] = {
    "0301": ("Oslo", 693),
    "4601": ("Bergen", 284),
    "5001": ("Trondheim", 205),
    "1103": ("Stavanger", 143),
    "3024": ("Bærum", 127),
    "4204": ("Kristiansand", 111),
    "3005": ("Drammen", 101),
    "3025": ("Asker", 94),
    "3030": ("Lillestrøm", 85),
    "3004": ("Fredrikstad", 82),
    "1108": ("Sandnes", 80),
    "5401": ("Tromsø", 77),
    "1507": ("Ålesund", 66),
    "3804": ("Sandefjord", 64),
    "3020": ("Nordre Follo", 59),
    "3003": ("Sarpsborg", 56),
    "3803": ("Tønsberg", 56),
    "3807": ("Skien", 55),
    "1804": ("Bodø", 52),
    "3002": ("Moss", 49),
    "3805": ("Larvik", 47),
    "3014": ("Indre Østfold", 45),
    "4203": ("Arendal", 45),
    "1149": ("Karmøy", 42),
    "3029": ("Lørenskog", 41),
    "3033": ("Ullensaker", 39),
    "4626": ("Øygarden", 38),
    "1106": ("Haugesund", 37),
    "3806": ("Porsgrunn", 36),
    "3411": ("Ringsaker", 34),
    "1506": ("Molde", 32),
    "3403": ("Hamar", 31),
    "3001": ("Halden", 31),
    "3407": ("Gjøvik", 30),
    "3007": ("Ringerike", 30),
    "4627": ("Askøy", 29),
    "4631": ("Alver", 29),
    "3405": ("Lillehammer", 28),
    "3006": ("Kongsberg", 27),
    "3801": ("Horten", 27),
    "3811": ("Færder", 27),
    "1124": ("Sola", 27),
    "1833": ("Rana", 26),
    "3049": ("Lier", 26),
    "4624": ("Bjørnafjorden", 25),
    "5402": ("Harstad", 25),
    "3035": ("Eidsvoll", 25),
    "3031": ("Nittedal", 24),
    "5035": ("Stjørdal", 24),
    "1505": ("Kristiansund", 24),
    "5006": ("Steinkjer", 24),
    "3802": ("Holmestrand", 24),
    "4202": ("Grimstad", 23),
    "4205": ("Lindesnes", 23),
    "3034": ("Nes", 23),
    "4647": ("Sunnfjord", 22),
    "1806": ("Narvik", 22),
    "5403": ("Alta", 21),
    "3420": ("Elverum", 21),
    "5037": ("Levanger", 20),
    "3021": ("Ås", 20),
    "1119": ("Hå", 19),
    "1121": ("Time", 19),
    "1120": ("Klepp", 19),
    "4614": ("Stord", 19),
    "5059": ("Orkland", 18),
    "3401": ("Kongsvinger", 18),
    "3019": ("Vestby", 18),
    "5028": ("Melhus", 17),
    "4621": ("Voss", 16),
    "5007": ("Namsos", 15),
    "5031": ("Malvik", 14),
    "4617": ("Kvinnherad", 13),
    "3446": ("Gran", 13),
    "5406": ("Hammerfest", 11),
    "5444": ("Sør-Varanger", 10),
}
DEFAULT_POPULATION = 5
# Share of participants who prefer Nynorsk, by county (2020 numbers); others NYNORSK_ELSEWHERE.
NYNORSK_SHARE = {"46": 0.35, "15": 0.3, "34": 0.06}
NYNORSK_ELSEWHERE = 0.02
# Kommuner in the Sami language administrative area with many Sami names among participants.
SAMI_KOMMUNER = frozenset({"5430", "5437", "5441", "5442", "5436"})
DISTRICTS = ("sentrum", "nord", "sør", "øst", "vest")
# Where people just outside a county of one kommune (Oslo) live: Bærum, Lillestrøm, Nordre Follo, Lørenskog, Nittedal.
NEIGHBOURS = {"03": ("3024", "3030", "3020", "3029", "3031")}

# --- Organisations and teams ------------------------------------------------------------------


@dataclass(frozen=True)
class TeamKind:
    prefix: str  # the team is called "<prefix> <kommune>"
    service_models: Weighted
    sources: Weighted


TEAM_KINDS: dict[str, tuple[tuple[TeamKind, int], ...]] = {
    OrganisationType.NAV_OFFICE: (
        (
            TeamKind(
                "Jobbspesialistene",
                ((ServiceModel.SE_FIVE_STAGE, 5), (ServiceModel.CUSTOMIZED_EMPLOYMENT, 3), (ServiceModel.IPS, 2)),
                ((ReferralSource.NAV, 8), (ReferralSource.HEALTH_SERVICE, 1), (ReferralSource.OTHER, 1)),
            ),
            3,
        ),
        (
            TeamKind(
                "Ungdomsteamet",
                ((ServiceModel.IPS_YOUTH, 6), (ServiceModel.SCHOOL_TO_WORK, 4)),
                ((ReferralSource.NAV, 6), (ReferralSource.SCHOOL, 3), (ReferralSource.SELF, 1)),
            ),
            2,
        ),
    ),
    OrganisationType.SERVICE_PROVIDER: (
        (
            TeamKind(
                "SE-teamet",
                ((ServiceModel.SE_FIVE_STAGE, 6), (ServiceModel.CUSTOMIZED_EMPLOYMENT, 4)),
                ((ReferralSource.NAV, 7), (ReferralSource.OTHER, 2), (ReferralSource.SELF, 1)),
            ),
            3,
        ),
        (
            TeamKind(
                "IPS-teamet",
                ((ServiceModel.IPS, 1),),
                ((ReferralSource.HEALTH_SERVICE, 6), (ReferralSource.NAV, 3), (ReferralSource.SELF, 1)),
            ),
            2,
        ),
    ),
    OrganisationType.HEALTH_TRUST: (
        (
            TeamKind(
                "IPS",
                ((ServiceModel.IPS, 1),),
                ((ReferralSource.HEALTH_SERVICE, 7), (ReferralSource.NAV, 3)),
            ),
            4,
        ),
        (
            TeamKind(
                "IPS Ung",
                ((ServiceModel.IPS_YOUTH, 8), (ServiceModel.SCHOOL_TO_WORK, 2)),
                (
                    (ReferralSource.NAV, 4),
                    (ReferralSource.HEALTH_SERVICE, 3),
                    (ReferralSource.SCHOOL, 2),
                    (ReferralSource.SELF, 1),
                ),
            ),
            1,
        ),
    ),
    OrganisationType.SCHOOL_MUNICIPALITY: (
        (
            TeamKind(
                "Overgangsteamet",
                ((ServiceModel.SCHOOL_TO_WORK, 7), (ServiceModel.IPS_YOUTH, 3)),
                ((ReferralSource.SCHOOL, 6), (ReferralSource.NAV, 3), (ReferralSource.SELF, 1)),
            ),
            2,
        ),
        (
            TeamKind(
                "Tilrettelagt arbeid",
                ((ServiceModel.CUSTOMIZED_EMPLOYMENT, 6), (ServiceModel.SE_FIVE_STAGE, 4)),
                ((ReferralSource.NAV, 5), (ReferralSource.OTHER, 4), (ReferralSource.SELF, 1)),
            ),
            1,
        ),
    ),
}
# Invented organisation names on real places; {kommune} and {fylke} are filled in.
ORGANISATION_NAMES: dict[str, tuple[str, ...]] = {
    OrganisationType.NAV_OFFICE: ("NAV {kommune}",),
    OrganisationType.SERVICE_PROVIDER: (
        "{kommune} Jobbspesialister AS",
        "Arbeidsinkludering {kommune} AS",
        "Jobbveien {kommune} AS",
        "Inkluderingsverkstedet {kommune} AS",
    ),
    OrganisationType.HEALTH_TRUST: ("Helse {fylke}, DPS {kommune}",),
    OrganisationType.SCHOOL_MUNICIPALITY: ("{kommune} kommune, arbeid og inkludering",),
}
# Referring units per source; {kommune} and {fylke} are filled in from the participant's area.
UNITS: dict[str, tuple[str, ...]] = {
    ReferralSource.NAV: ("NAV {kommune}", "NAV {kommune}, oppfølgingsavdelingen", "NAV {kommune}, ungdomsteamet"),
    ReferralSource.HEALTH_SERVICE: (
        "DPS {kommune}, poliklinikk",
        "DPS {kommune}, ambulant team",
        "{kommune} kommune, psykisk helse og rus",
        "Fastlegekontor i {kommune}",
        "BUP {kommune}",
    ),
    ReferralSource.SCHOOL: (
        "Oppfølgingstjenesten i {fylke}",
        "{kommune} videregående skole, rådgivningstjenesten",
        "PP-tjenesten i {kommune}",
    ),
    ReferralSource.OTHER: (
        "{kommune} kommune, tjenester for funksjonshemmede",
        "Habiliteringstjenesten i {fylke}",
        "Varig tilrettelagt arbeid (VTA), {kommune}",
    ),
}

# --- Casework contacts ------------------------------------------------------------------------
# Mean working days between contacts in each status; in the first IN_JOB_CLOSE_DAYS of a job
# the specialist follows closely (IPS: weekly in the first month), then less often.
CONTACT_GAP_DAYS = {
    Status.REFERRED: 6.0,
    Status.ACCEPTED: 3.6,
    Status.ACTIVE: 4.1,
    Status.JOB_SEARCH: 4.1,
    Status.IN_JOB: 9.5,
}
IN_JOB_CLOSE_DAYS = 25
IN_JOB_CLOSE_GAP = 3.5
REFERRED_CONTACT_SHARE = 0.35  # referrals not yet decided that get a contact (reaching the person)

CONTACT_KINDS: dict[str, Weighted] = {
    Status.REFERRED: ((ContactKind.PHONE_DIGITAL, 7), (ContactKind.MEETING, 3)),
    Status.ACCEPTED: (
        (ContactKind.MEETING, 45),
        (ContactKind.PHONE_DIGITAL, 30),
        (ContactKind.TREATMENT_TEAM, 10),
        (ContactKind.NAV, 10),
        (ContactKind.FAMILY, 5),
    ),
    Status.ACTIVE: (
        (ContactKind.MEETING, 40),
        (ContactKind.PHONE_DIGITAL, 30),
        (ContactKind.TREATMENT_TEAM, 10),
        (ContactKind.NAV, 8),
        (ContactKind.FAMILY, 4),
        (ContactKind.SCHOOL, 3),
        (ContactKind.EMPLOYER, 5),
    ),
    Status.JOB_SEARCH: (
        (ContactKind.MEETING, 30),
        (ContactKind.PHONE_DIGITAL, 25),
        (ContactKind.EMPLOYER, 20),
        (ContactKind.TREATMENT_TEAM, 7),
        (ContactKind.NAV, 7),
        (ContactKind.WORKPLACE_VISIT, 4),
        (ContactKind.FAMILY, 4),
        (ContactKind.SCHOOL, 3),
    ),
    Status.IN_JOB: (
        (ContactKind.WORKPLACE_VISIT, 25),
        (ContactKind.PHONE_DIGITAL, 25),
        (ContactKind.MEETING, 20),
        (ContactKind.EMPLOYER, 15),
        (ContactKind.TREATMENT_TEAM, 5),
        (ContactKind.NAV, 5),
        (ContactKind.FAMILY, 3),
        (ContactKind.SCHOOL, 2),
    ),
}
# Youth models meet schools and families more, IPS the treatment team.
YOUTH_KINDS = frozenset({ContactKind.SCHOOL, ContactKind.FAMILY})
CONTACT_PLACES: dict[str, Weighted] = {
    ContactKind.MEETING: ((ContactPlace.OFFICE, 40), (ContactPlace.COMMUNITY, 45), (ContactPlace.HOME, 15)),
    ContactKind.EMPLOYER: ((ContactPlace.WORKPLACE, 50), (ContactPlace.DIGITAL, 40), (ContactPlace.COMMUNITY, 10)),
    ContactKind.WORKPLACE_VISIT: ((ContactPlace.WORKPLACE, 1),),
    ContactKind.TREATMENT_TEAM: ((ContactPlace.OFFICE, 55), (ContactPlace.DIGITAL, 45)),
    ContactKind.NAV: ((ContactPlace.OFFICE, 50), (ContactPlace.DIGITAL, 50)),
    ContactKind.SCHOOL: ((ContactPlace.COMMUNITY, 50), (ContactPlace.OFFICE, 20), (ContactPlace.DIGITAL, 30)),
    ContactKind.FAMILY: ((ContactPlace.HOME, 45), (ContactPlace.DIGITAL, 45), (ContactPlace.COMMUNITY, 10)),
    ContactKind.PHONE_DIGITAL: ((ContactPlace.DIGITAL, 1),),
}
# (shortest, longest) minutes, drawn in steps of 5.
CONTACT_MINUTES: dict[str, tuple[int, int]] = {
    ContactKind.MEETING: (30, 90),
    ContactKind.EMPLOYER: (15, 60),
    ContactKind.WORKPLACE_VISIT: (30, 120),
    ContactKind.TREATMENT_TEAM: (30, 90),
    ContactKind.NAV: (20, 60),
    ContactKind.SCHOOL: (30, 60),
    ContactKind.FAMILY: (15, 60),
    ContactKind.PHONE_DIGITAL: (5, 30),
}
# Share of contacts of each kind the participant took part in.
WITH_PARTICIPANT: dict[str, float] = {
    ContactKind.MEETING: 1.0,
    ContactKind.PHONE_DIGITAL: 1.0,
    ContactKind.WORKPLACE_VISIT: 0.9,
    ContactKind.EMPLOYER: 0.2,
    ContactKind.TREATMENT_TEAM: 0.5,
    ContactKind.NAV: 0.4,
    ContactKind.SCHOOL: 0.5,
    ContactKind.FAMILY: 0.4,
}
CONTACT_PARTIES: dict[str, tuple[str, ...]] = {
    ContactKind.EMPLOYER: (Party.EMPLOYER,),
    ContactKind.WORKPLACE_VISIT: (Party.EMPLOYER,),
    ContactKind.TREATMENT_TEAM: (Party.HEALTH_SERVICE,),
    ContactKind.NAV: (Party.NAV,),
    ContactKind.SCHOOL: (Party.SCHOOL,),
    ContactKind.FAMILY: (Party.FAMILY,),
}
CONTACT_NOTES: dict[str, tuple[str, ...]] = {
    ContactKind.MEETING: (
        "Snakket om hva slags jobb deltakeren ønsker seg, og hva som har fungert før.",
        "Gikk gjennom CV-en sammen og la inn siste arbeidserfaring.",
        "Deltakeren forteller at det går bedre med søvnen nå. Vi avtalte å fortsette jobbsøket.",
        "Tok en kaffe på kafé i sentrum. Deltakeren var i godt humør og hadde sett på to stillinger.",
        "Samtale om hvordan det går i jobben, og om arbeidstiden passer.",
        "Gjennomgang av karriereprofilen; la til interesser og sterke sider.",
        "Deltakeren var usikker på om hen orker fulltid. Vi ble enige om å starte med deltid.",
        "Forberedte intervju: øvde på spørsmål og snakket om hva hen vil fortelle om hullet i CV-en.",
        "Deltakeren var sliten i dag; kort møte, ny avtale neste uke.",
        "Planla neste steg i jobbsøket og hvilke arbeidsgivere vi skal kontakte.",
    ),
    ContactKind.PHONE_DIGITAL: (
        "Kort telefonsamtale for å høre hvordan det går.",
        "Sendte sms med påminnelse om møtet i morgen; deltakeren bekreftet.",
        "Ringte etter intervjuet. Deltakeren syntes det gikk bra.",
        "Videomøte: snakket om søknaden som skal sendes denne uka.",
        "Deltakeren ringte selv og ville flytte avtalen.",
        "Fikk ikke svar på første forsøk; deltakeren ringte tilbake senere samme dag.",
        "Oppfølgingssamtale på telefon etter første uke i jobb.",
    ),
    ContactKind.EMPLOYER: (
        "Kontaktet arbeidsgiver om mulighet for arbeidspraksis med tanke på ansettelse.",
        "Presenterte deltakeren for butikksjefen (med samtykke). Arbeidsgiver vil gjerne møte hen.",
        "Fulgte opp søknaden hos arbeidsgiver. Svar ventes neste uke.",
        "Avklarte tilrettelegging av arbeidstid med nærmeste leder.",
        "Arbeidsgiver har ikke noe ledig nå, men vil ta kontakt ved sommerjobber.",
    ),
    ContactKind.WORKPLACE_VISIT: (
        "Besøk på arbeidsplassen. Deltakeren viste frem arbeidsoppgavene; leder er fornøyd.",
        "Møte med leder og kollega som er fadder. Avtalte faste pauser.",
        "Var med første arbeidsdag og gikk gjennom rutinene.",
        "Trepartsmøte om videre tilrettelegging og økt stillingsprosent.",
    ),
    ContactKind.TREATMENT_TEAM: (
        "Samarbeidsmøte med behandler. Jobbmålet støttes; vi koordinerer timeavtaler med arbeidstiden.",
        "Deltok på teammøtet i DPS; orienterte om jobbsøket.",
        "Avklarte med behandler hvordan vi best støtter deltakeren i oppstarten.",
    ),
    ContactKind.NAV: (
        "Møte med NAV-veileder om lønnstilskudd og oppfølging.",
        "Avklarte ytelse og hva som skjer med den når deltakeren begynner i jobb.",
        "NAV-veileder orientert om at deltakeren har startet i jobb.",
    ),
    ContactKind.SCHOOL: (
        "Møte med rådgiver på skolen om arbeidspraksis ved siden av skolen.",
        "Oppfølgingstjenesten deltok; vi planla overgang fra skole til jobb.",
    ),
    ContactKind.FAMILY: (
        "Snakket med foreldrene om forventninger og hvordan de kan støtte jobbsøket.",
        "Hjemmebesøk sammen med deltakeren og mor; gikk gjennom planen.",
    ),
}
NOTE_SHARE = 0.85
NEXT_STEP_SHARE = 0.3
NEXT_STEPS: tuple[str, ...] = (
    "Ringe arbeidsgiver om arbeidspraksis",
    "Oppdatere CV sammen",
    "Møte med NAV-veileder",
    "Følge opp søknaden",
    "Besøke arbeidsplassen",
    "Sende søknad på stillingen vi fant",
    "Avklare arbeidstid med leder",
    "Ringe deltakeren etter intervjuet",
    "Samarbeidsmøte med behandler",
    "Forberede intervju",
)

# --- Service-model phases: the phase a status leads to (status, phase key, delay in working days)
PHASE_RULES: dict[str, tuple[tuple[str, str, int], ...]] = {
    ServiceModel.SE_FIVE_STAGE: (
        (Status.ACCEPTED, "initial_contact", 0),
        (Status.ACTIVE, "vocational_profile", 0),
        (Status.JOB_SEARCH, "job_finding", 0),
        (Status.JOB_SEARCH, "employer_engagement", 15),
        (Status.IN_JOB, "on_off_job_support", 0),
    ),
    ServiceModel.IPS: (
        (Status.ACCEPTED, "engagement", 0),
        (Status.ACTIVE, "career_profile", 0),
        (Status.JOB_SEARCH, "job_search", 0),
        (Status.IN_JOB, "job_start", 0),
        (Status.IN_JOB, "follow_along", 40),
    ),
    ServiceModel.IPS_YOUTH: (
        (Status.ACCEPTED, "contact_relation", 0),
        (Status.ACTIVE, "discovery", 10),
        (Status.JOB_SEARCH, "job_search", 0),
        (Status.IN_JOB, "at_work", 0),
        (Status.IN_JOB, "follow_up", 60),
    ),
    ServiceModel.CUSTOMIZED_EMPLOYMENT: (
        (Status.ACCEPTED, "discovery", 0),
        (Status.ACTIVE, "job_search_planning", 25),
        (Status.JOB_SEARCH, "job_development", 0),
        (Status.IN_JOB, "follow_up", 0),
    ),
    ServiceModel.SCHOOL_TO_WORK: (
        (Status.ACCEPTED, "career_counselling", 0),
        (Status.IN_JOB, "paid_work_with_support", 0),
        (Status.IN_JOB, "follow_along", 50),
    ),
}

# --- Vocational profile, plans and the other journey records -------------------------------------
PROFILE_SHARE = 0.55  # of participants who became active
PROFILE_UPDATE_SHARE = 0.35  # of those who then got a job: a new version with the experience
PLAN_SHARE = {ServiceModel.IPS_YOUTH: 0.55, ServiceModel.CUSTOMIZED_EMPLOYMENT: 0.5}
PLAN_SHARE_OTHERS = 0.25  # of participants who started a job search
AGREEMENT_SHARE = {ServiceModel.SE_FIVE_STAGE: 0.8, ServiceModel.CUSTOMIZED_EMPLOYMENT: 0.6}
AGREEMENT_SHARE_OTHERS = 0.35
BENEFITS_SHARE = {ServiceModel.IPS: 0.5, ServiceModel.IPS_YOUTH: 0.4}
BENEFITS_SHARE_OTHERS = 0.15
YOUTH_FOLLOW_UP_SHARE = 0.6  # of participants in a youth model

INTERESTS = (
    "Liker å jobbe med hendene og se resultater.",
    "Opptatt av dyr og natur.",
    "Liker dataspill, teknologi og å finne ut av ting.",
    "Trives med faste rutiner og tydelige oppgaver.",
    "Liker å lage mat og å ha mange rundt seg.",
    "Interessert i bil og motor.",
    "Liker å hjelpe andre.",
)
STRENGTHS = (
    "Punktlig og grundig.",
    "God med kunder, blid og imøtekommende.",
    "Tålmodig og nøyaktig.",
    "Fysisk sterk og liker å være i aktivitet.",
    "Rask til å lære nye ting når hen får vist det.",
    "Gode datakunnskaper.",
)
WORK_HISTORY = (
    "",
    "Sommerjobb i butikk to år på rad.",
    "Jobbet på lager i tre år for lenge siden.",
    "Arbeidspraksis i kantine gjennom NAV.",
    "Avisbud i ungdomstiden.",
    "Jobbet som assistent i barnehage, sluttet etter sykdom.",
)
EDUCATION = (
    "Grunnskole.",
    "Påbegynt videregående, restfag gjenstår.",
    "Fagbrev som kokk.",
    "Videregående, studiespesialisering.",
    "Ett år på høgskole, ikke fullført.",
)
DOES_NOT_WANT = ("", "Ikke nattarbeid.", "Ikke kundekontakt på telefon.", "Ikke jobbe i storkjøkken igjen.")
SUPPORT_NEEDS = (
    "Trenger forutsigbarhet og beskjed i god tid om endringer.",
    "Hjelp til å komme i gang om morgenen i starten.",
    "Korte, tydelige instruksjoner; gjerne skriftlig.",
    "Mulighet for pauser ved behov.",
    "",
)
DISCLOSURE = (
    "Kan fortelle at hen har oppfølging fra oss, ikke om diagnose.",
    "Ønsker at ingenting sies før etter intervju.",
    "Arbeidsgiver kan få vite om behov for tilrettelegging.",
)
PLAN_GOALS = (
    "Komme i ordinær jobb i butikk, 50 % stilling innen et halvt år.",
    "Fullføre videregående og ha en deltidsjobb ved siden av.",
    "Finne en jobb med faste rutiner og få kolleger; øke stillingsprosenten over tid.",
    "Beholde jobben og få fast ansettelse etter prøvetiden.",
    "Arbeidspraksis i en ordinær bedrift med tanke på ansettelse.",
)
PLAN_ACTIONS: tuple[tuple[str, str], ...] = (
    ("Oppdatere CV og lage søknadsmal", "job_specialist"),
    ("Søke på tre stillinger i måneden", "participant"),
    ("Avklare lønnstilskudd", "nav"),
    ("Ordne busskort og reiserute", "participant"),
    ("Fadderordning på arbeidsplassen", "employer"),
    ("Samarbeidsmøte med behandler hver måned", "health_service"),
    ("Foreldrene følger opp morgenrutinen", "family"),
    ("Besøke tre aktuelle arbeidsgivere", "job_specialist"),
)
PLAN_REVIEW_NOTES = (
    "Gikk gjennom planen sammen. Målet står fast; nye tiltak lagt til.",
    "Deltakeren er i jobb og ønsker å øke stillingsprosenten. Planen oppdatert.",
    "Lite framgang siste periode; vi prøver en annen type arbeidsplass.",
)
AGREEMENT_SUMMARIES = (
    "Vi møtes ukentlig, som regel ute. Deltakeren bestemmer hvilke arbeidsgivere vi kontakter.",
    "Samarbeid om å finne ordinær jobb. NAV-veileder og behandler er orientert.",
    "Avtalt hva jobbspesialisten kan fortelle arbeidsgivere, og hvordan vi holder kontakt.",
)
BENEFITS_COVERED = (
    "Hvordan arbeidsinntekt påvirker arbeidsavklaringspenger, og meldekort.",
    "Uføretrygd og inntektsgrense; hva som skjer ved økt stillingsprosent.",
    "Bostøtte og sosialhjelp ved oppstart i jobb.",
)
BENEFITS_COUNSELLORS = ("NAV-veileder", "Jobbspesialist", "Økonomisk rådgiver i kommunen", "")
OUTREACH_NOTES = (
    "Ingen svar. Lagt igjen beskjed.",
    "Sendt sms med forslag til ny tid.",
    "Brev sendt hjem.",
    "Var innom hjemme; ingen åpnet.",
    "Behandler formidlet kontakt.",
)

# --- Employers, vacancies and job development ------------------------------------------------------
# What jobs are called and their STYRK-08 unit group; keys are the story demo's job words too.
JOB_TITLES: dict[str, tuple[str, str]] = {
    "butikkmedarbeider": ("Butikkmedarbeider", "5223"),
    "kassemedarbeider": ("Kassemedarbeider", "5230"),
    "lagermedarbeider": ("Lagermedarbeider", "4321"),
    "truckfører": ("Truckfører", "8344"),
    "renholder": ("Renholder", "9112"),
    "kokk": ("Kokk", "5120"),
    "kantinemedarbeider": ("Kantinemedarbeider", "9412"),
    "kafémedarbeider": ("Kafémedarbeider", "5246"),
    "servitør": ("Servitør", "5131"),
    "barnehageassistent": ("Barnehageassistent", "5311"),
    "helsefagarbeider": ("Helsefagarbeider", "5321"),
    "assistent i hjemmetjenesten": ("Assistent i hjemmetjenesten", "5322"),
    "sykepleier": ("Sykepleier", "2223"),
    "sjåfør": ("Sjåfør", "8322"),
    "bud": ("Bud", "9621"),
    "postsorterer": ("Postsorterer", "4412"),
    "kundebehandler": ("Kundebehandler", "4222"),
    "kontormedarbeider": ("Kontormedarbeider", "4110"),
    "arkivmedarbeider": ("Arkivmedarbeider", "4415"),
    "bilpleier": ("Bilpleier", "9122"),
    "dekkmontør": ("Dekkmontør", "7231"),
    "bilmekaniker": ("Bilmekaniker", "7231"),
    "tømrer": ("Tømrer", "7115"),
    "elektriker": ("Elektriker", "7411"),
    "IT-brukerstøtte": ("IT-brukerstøtte", "3512"),
    "testmedarbeider": ("Testmedarbeider", "2519"),
    "gartnerassistent": ("Gartnerassistent", "9214"),
    "stallmedarbeider": ("Stallmedarbeider", "5164"),
    "dyrepleier": ("Dyrepleier", "5164"),
    "vaktmesterassistent": ("Vaktmesterassistent", "5153"),
    "produksjonsmedarbeider": ("Produksjonsmedarbeider", "9329"),
    "baker": ("Baker", "7512"),
    "resepsjonist": ("Resepsjonist", "4224"),
    "frisør": ("Frisør", "5141"),
    "hjelpearbeider": ("Hjelpearbeider bygg", "9313"),
    "vekter": ("Vekter", "5414"),
    "regnskapsmedarbeider": ("Regnskapsmedarbeider", "4311"),
    "miljøarbeider": ("Miljøarbeider", "3412"),
    "kjøkkenassistent": ("Kjøkkenassistent", "9412"),
    "selger": ("Selger", "5249"),
}


@dataclass(frozen=True)
class Industry:
    code: str  # NACE (SN2007) code
    name: str
    weight: int
    words: tuple[str, ...]  # words in the business's name
    jobs: tuple[str, ...]  # JOB_TITLES keys
    roles: tuple[str, ...]  # people the service talks to there
    largest: int = 60  # employees, roughly


INDUSTRIES: tuple[Industry, ...] = (
    Industry(
        "47.111",
        "Butikkhandel med bredt vareutvalg med hovedvekt på nærings- og nytelsesmidler",
        14,
        ("Matsenter", "Nærbutikk", "Dagligvare", "Handel"),
        ("butikkmedarbeider", "kassemedarbeider", "lagermedarbeider"),
        ("Butikksjef", "Assisterende butikksjef"),
    ),
    Industry(
        "47.710",
        "Butikkhandel med klær",
        4,
        ("Mote", "Klær", "Kles"),
        ("butikkmedarbeider", "selger"),
        ("Butikksjef",),
    ),
    Industry(
        "56.101",
        "Drift av restauranter og kafeer",
        8,
        ("Kafé", "Restaurant", "Bistro", "Kro"),
        ("kafémedarbeider", "servitør", "kokk", "kjøkkenassistent"),
        ("Daglig leder", "Kjøkkensjef"),
    ),
    Industry(
        "56.290",
        "Annen servering",
        4,
        ("Kantineservice", "Catering", "Storkjøkken"),
        ("kantinemedarbeider", "kokk", "kjøkkenassistent"),
        ("Kjøkkensjef", "Driftsleder"),
        150,
    ),
    Industry(
        "81.210",
        "Rengjøring av bygninger",
        6,
        ("Renhold", "Rengjøring", "Renholdsservice"),
        ("renholder",),
        ("Driftsleder", "Daglig leder"),
        200,
    ),
    Industry(
        "52.100",
        "Lagring",
        5,
        ("Lager", "Logistikk", "Terminal"),
        ("lagermedarbeider", "truckfører"),
        ("Lagerleder", "HR-rådgiver"),
        300,
    ),
    Industry(
        "49.410",
        "Godstransport på vei",
        4,
        ("Transport", "Frakt", "Budservice"),
        ("sjåfør", "bud", "lagermedarbeider"),
        ("Trafikkleder", "Daglig leder"),
    ),
    Industry(
        "53.200",
        "Andre post- og budtjenester",
        2,
        ("Post", "Bud"),
        ("postsorterer", "bud"),
        ("Avdelingsleder",),
    ),
    Industry(
        "45.201",
        "Vedlikehold og reparasjon av motorvogner, unntatt motorsykler",
        4,
        ("Bilverksted", "Bilservice", "Dekk"),
        ("bilmekaniker", "dekkmontør", "bilpleier"),
        ("Verkstedleder", "Daglig leder"),
    ),
    Industry(
        "10.710",
        "Produksjon av brød og ferske konditorvarer",
        2,
        ("Bakeri", "Bakst"),
        ("baker", "butikkmedarbeider", "produksjonsmedarbeider"),
        ("Daglig leder", "Produksjonsleder"),
    ),
    Industry(
        "88.911",
        "Barnehager",
        6,
        ("Barnehage", "Familiebarnehage"),
        ("barnehageassistent",),
        ("Styrer", "Pedagogisk leder"),
    ),
    Industry(
        "87.101",
        "Institusjoner innen omsorg for eldre",
        4,
        ("Omsorgssenter", "Seniorsenter"),
        ("helsefagarbeider", "sykepleier", "kjøkkenassistent", "renholder"),
        ("Avdelingsleder", "Personalsjef"),
        250,
    ),
    Industry(
        "88.101",
        "Hjemmetjenester for eldre og funksjonshemmede",
        3,
        ("Omsorg", "Hjemmetjenester"),
        ("assistent i hjemmetjenesten", "helsefagarbeider", "miljøarbeider"),
        ("Avdelingsleder",),
    ),
    Industry(
        "81.300",
        "Beplantning av hager og parkanlegg",
        3,
        ("Hage", "Park og anlegg", "Gartneri"),
        ("gartnerassistent", "vaktmesterassistent"),
        ("Daglig leder", "Formann"),
    ),
    Industry(
        "41.200",
        "Oppføring av bygninger",
        5,
        ("Bygg", "Byggservice", "Entreprenør"),
        ("tømrer", "hjelpearbeider"),
        ("Prosjektleder", "Daglig leder"),
        120,
    ),
    Industry(
        "43.210",
        "Elektrisk installasjonsarbeid",
        3,
        ("Elektro", "El-service"),
        ("elektriker", "lagermedarbeider"),
        ("Daglig leder",),
    ),
    Industry(
        "55.101",
        "Drift av hoteller, pensjonater og moteller med restaurant",
        3,
        ("Hotell", "Fjordhotell", "Gjestegård"),
        ("resepsjonist", "servitør", "renholder", "kokk"),
        ("Hotelldirektør", "Avdelingsleder"),
        150,
    ),
    Industry(
        "62.020",
        "Konsulentvirksomhet tilknyttet informasjonsteknologi",
        3,
        ("Data", "IT", "Digital"),
        ("IT-brukerstøtte", "testmedarbeider"),
        ("Daglig leder", "Teamleder"),
    ),
    Industry(
        "82.200",
        "Telefonvakttjenester og telefonsalg",
        2,
        ("Kundesenter", "Kundeservice"),
        ("kundebehandler",),
        ("Teamleder",),
        200,
    ),
    Industry(
        "69.201",
        "Regnskap og bokføring",
        2,
        ("Regnskap", "Økonomi"),
        ("regnskapsmedarbeider", "kontormedarbeider", "arkivmedarbeider"),
        ("Daglig leder",),
    ),
    Industry(
        "96.021",
        "Frisering og annen skjønnhetspleie",
        2,
        ("Frisør", "Hårstudio"),
        ("frisør",),
        ("Daglig leder",),
        10,
    ),
    Industry(
        "75.000",
        "Veterinærtjenester",
        1,
        ("Dyreklinikk", "Dyrehospital"),
        ("dyrepleier",),
        ("Daglig leder",),
        20,
    ),
    Industry(
        "01.470",
        "Husdyrhold ellers",
        1,
        ("Gård", "Rideskole"),
        ("stallmedarbeider",),
        ("Daglig leder",),
        10,
    ),
    Industry(
        "80.100",
        "Private vakttjenester",
        2,
        ("Vakt", "Sikring"),
        ("vekter",),
        ("Driftsleder",),
        200,
    ),
    Industry(
        "68.209",
        "Utleie av egen eller leid fast eiendom ellers",
        2,
        ("Eiendom", "Vaktmesterservice", "Gårdsdrift"),
        ("vaktmesterassistent", "renholder"),
        ("Driftssjef",),
    ),
    Industry(
        "25.110",
        "Produksjon av metallkonstruksjoner og deler",
        2,
        ("Mekaniske", "Stål", "Sveis"),
        ("produksjonsmedarbeider", "lagermedarbeider"),
        ("Produksjonsleder", "HR-rådgiver"),
        150,
    ),
)
EMPLOYEE_COUNTS: Weighted = (("1-4", 30), ("5-9", 22), ("10-19", 18), ("20-49", 17), ("50-99", 8), ("100+", 5))
RELATIONSHIPS: Weighted = (
    (RelationshipStatus.NEW, 25),
    (RelationshipStatus.IN_DIALOGUE, 30),
    (RelationshipStatus.ACTIVE_PARTNER, 25),
    (RelationshipStatus.DORMANT, 20),
)
EMPLOYER_NOTES = (
    "",
    "",
    "Positiv til å ta inn folk på arbeidspraksis. Ring helst før kl. 10.",
    "Har ansatt to av våre deltakere tidligere. Fast kontaktperson er butikksjefen.",
    "Sesongbasert behov, mest om sommeren og i jula.",
    "Leder er opptatt av inkludering; kan tilby fadderordning.",
)
PERSONS_PER_EMPLOYER: Weighted = (("0", 15), ("1", 45), ("2", 30), ("3", 10))
MAPPING_SHARE = 0.1  # of the employers an organisation registered: a workplace mapping
MAPPING_TASKS = (
    "Varemottak, fylle på hyller, holde orden på lageret.",
    "Oppvask, enkel matlaging, rydde i kantina etter lunsj.",
    "Renhold av kontorlokaler etter fast rute.",
    "Stell av dyr, måking og rydding i stallen.",
)
MAPPING_CULTURE = (
    "Uformell tone, felles lunsj kl. 11.30.",
    "Travelt i perioder, men hyggelig arbeidsmiljø. Arbeidstøy fra arbeidsgiver.",
    "Lite team som kjenner hverandre godt.",
)
MAPPING_SUPPORTS = (
    "En erfaren kollega kan vise rutinene første uka.",
    "Fadderordning for nye; leder har fast ukemøte med nyansatte.",
    "Skiftleder er tilgjengelig hele dagen.",
)
MAPPING_ACCESS = ("Trinnfri adgang, buss rett utenfor.", "Mye støy i perioder.", "Ligger et stykke fra bussen.")
MAPPING_HOURS = ("Dagtid, mulig med deltid.", "Skift, også helg.", "Fleksibel oppstart mellom kl. 7 og 9.")

EMPLOYER_CONTACT_MODES: Weighted = (
    (ContactMode.FACE_TO_FACE, 55),
    (ContactMode.PHONE, 30),
    (ContactMode.EMAIL, 10),
    (ContactMode.DIGITAL_MEETING, 5),
)
UNNAMED_PURPOSES: Weighted = (
    (ContactPurpose.LEARN_NEEDS, 45),
    (ContactPurpose.PRESENT_SERVICE, 40),
    (ContactPurpose.OTHER, 15),
)
EMPLOYER_CONTACTS_PER_PARTICIPANT = 1.0  # the job-development log, all purposes
UNNAMED_EMPLOYER_CONTACT_SHARE = 0.25  # at least this share of it names nobody
# Job-development contacts naming a participant, per job-search spell; follow-ups per job.
NAMED_CONTACTS_PER_SEARCH: Weighted = (("0", 50), ("1", 35), ("2", 12), ("3", 3))
FOLLOW_UPS_PER_JOB: Weighted = (("0", 55), ("1", 35), ("2", 10))
EMPLOYER_CONTACT_OUTCOMES: dict[str, tuple[str, ...]] = {
    ContactPurpose.LEARN_NEEDS: (
        "Behov for folk i varemottaket, særlig tidlig om morgenen.",
        "Sliter med å rekruttere til kjøkkenet; åpen for deltid.",
        "Ingen behov nå, men ønsker kontakt igjen til høsten.",
    ),
    ContactPurpose.PRESENT_SERVICE: (
        "Presenterte tjenesten og hvordan vi følger opp. Leder var interessert.",
        "Kort presentasjon; fikk navn på HR-kontakt.",
    ),
    ContactPurpose.JOB_DEVELOPMENT: (
        "Snakket om en deltaker som kan passe i lageret. Avtalt intervju.",
        "Leder kan tenke seg arbeidspraksis med tanke på ansettelse.",
        "Satte sammen oppgaver som kan bli en deltidsstilling.",
        "Ikke aktuelt nå; vil ta kontakt hvis noe åpner seg.",
    ),
    ContactPurpose.FOLLOW_UP: (
        "Fornøyd med den nyansatte. Avtalt oppfølging om en måned.",
        "Justerte arbeidstiden; leder tar kontakt ved behov.",
        "Økt stillingsprosent fra neste måned.",
    ),
    ContactPurpose.OTHER: ("Invitasjon til frokostmøte for arbeidsgivere.", "Hilste på ny daglig leder."),
}
EMPLOYER_NEXT_STEPS = ("", "", "Ringe tilbake om to uker", "Sende informasjon på e-post", "Avtale besøk")

# Job leads (the job-finding funnel) per job-search spell, and how far each got.
LEADS_PER_SEARCH: Weighted = (("0", 15), ("1", 35), ("2", 30), ("3", 15), ("4", 5))
LEAD_NOTES = ("", "", "Passer med ønsket om deltid.", "Kort reisevei.", "Deltakeren fant annonsen selv.")

ENGAGEMENT_TYPES: Weighted = (
    ("Fast", 55),
    ("Vikariat", 20),
    ("Engasjement", 8),
    ("Sesong", 7),
    ("Prosjekt", 3),
    ("Lærling", 2),
    ("Annet", 5),
)
OPENING_TITLE_FORMS = ("{title}", "{title}", "{title}", "Vi søker {lower}", "{title} – deltid", "Sommervikar {lower}")
OPENING_DESCRIPTIONS = (
    "<p>Vi søker en blid og pålitelig {lower} til et hyggelig arbeidsmiljø.</p>",
    "<p>Er du nøyaktig og liker å jobbe i team? Vi har ledig stilling som {lower}.</p>",
    "<p>Stillingen passer for deg som vil lære. Opplæring gis.</p><ul><li>Fast lønn etter avtale</li></ul>",
)
NEGOTIATED_TASKS = (
    "Varemottak og påfylling av hyller tre formiddager i uka.",
    "Oppvask og klargjøring av salatbar før lunsj.",
    "Sortering av post og budrunde internt i bygget.",
    "Rengjøring av verktøy og rydding på verkstedet.",
)
ACCOMMODATIONS = ("Faste arbeidstider og fast fadder.", "Skriftlig dagsplan.", "Mulighet for ekstra pauser.")
WAGE_TERMS = ("Ordinær lønn etter tariff.", "Ordinær timelønn etter avtale med arbeidsgiver.")

# --- Placements and follow-along ------------------------------------------------------------------
Table = tuple[tuple[Any, int], ...]  # like Weighted, with values of any type
# The kind of placement a job is, by service model: ordinary work above all (IPS principle 1),
# work practice and sheltered work more in the five-stage and customised models, apprenticeships
# and summer jobs in the youth models.
PLACEMENT_KINDS: dict[str, Table] = {
    ServiceModel.IPS: (
        (PlacementType.ORDINARY, 90),
        (PlacementType.INTERNSHIP, 4),
        (PlacementType.WORK_PRACTICE, 3),
        (PlacementType.APPRENTICESHIP, 3),
    ),
    ServiceModel.IPS_YOUTH: (
        (PlacementType.ORDINARY, 75),
        (PlacementType.APPRENTICESHIP, 10),
        (PlacementType.INTERNSHIP, 10),
        (PlacementType.WORK_PRACTICE, 5),
    ),
    ServiceModel.SCHOOL_TO_WORK: (
        (PlacementType.ORDINARY, 50),
        (PlacementType.APPRENTICESHIP, 25),
        (PlacementType.WORK_PRACTICE, 15),
        (PlacementType.INTERNSHIP, 10),
    ),
    ServiceModel.SE_FIVE_STAGE: (
        (PlacementType.ORDINARY, 72),
        (PlacementType.WORK_PRACTICE, 18),
        (PlacementType.SHELTERED, 4),
        (PlacementType.APPRENTICESHIP, 3),
        (PlacementType.INTERNSHIP, 3),
    ),
    ServiceModel.CUSTOMIZED_EMPLOYMENT: (
        (PlacementType.ORDINARY, 70),
        (PlacementType.WORK_PRACTICE, 20),
        (PlacementType.SHELTERED, 6),
        (PlacementType.APPRENTICESHIP, 2),
        (PlacementType.INTERNSHIP, 2),
    ),
}
# Calendar days from the hire (when it is recorded) to the first working day.
START_LAG_DAYS: Table = ((0, 40), (1, 10), (3, 15), (5, 10), (7, 15), (14, 10))
# Calendar days from the start until paid work reaches 4 hours (IPS Grow's job start); None:
# never filled in.
FOUR_HOURS_AFTER: Table = ((0, 70), (1, 9), (2, 7), (4, 5), (6, 4), (None, 5))
# Calendar days between the last day in a lost job and the day the specialist records it.
END_RECORDED_AFTER: Table = ((0, 50), (1, 15), (2, 10), (3, 10), (7, 10), (10, 5))
# Hourly wage (NOK, the first year of the history; about 4 % more each year after) by kind.
HOURLY_WAGES: dict[str, tuple[int, int]] = {
    PlacementType.ORDINARY: (180, 245),
    PlacementType.INTERNSHIP: (150, 190),
    PlacementType.APPRENTICESHIP: (105, 150),
    PlacementType.SHELTERED: (60, 120),
}
WAGE_GROWTH = 0.04
WAGE_NOT_RECORDED_SHARE = 0.12
WAGE_SUBSIDIES: dict[str, Table] = {
    ServiceModel.IPS: (
        (WageSubsidy.NONE, 88),
        (WageSubsidy.TIME_LIMITED, 9),
        (WageSubsidy.PERMANENT, 2),
        (WageSubsidy.OTHER, 1),
    ),
    ServiceModel.IPS_YOUTH: ((WageSubsidy.NONE, 85), (WageSubsidy.TIME_LIMITED, 13), (WageSubsidy.OTHER, 2)),
}
WAGE_SUBSIDIES_OTHERS: Table = (
    (WageSubsidy.NONE, 72),
    (WageSubsidy.TIME_LIMITED, 20),
    (WageSubsidy.PERMANENT, 6),
    (WageSubsidy.OTHER, 2),
)
# Share of the wage covered (%) and months the subsidy runs (None: no end date).
WAGE_SUBSIDY_TERMS: dict[str, tuple[tuple[int, ...], tuple[int | None, ...]]] = {
    WageSubsidy.TIME_LIMITED: ((30, 40, 50, 60), (6, 6, 12)),
    WageSubsidy.PERMANENT: ((20, 30, 40, 50, 60, 75), (None,)),
    WageSubsidy.OTHER: ((20, 30, 50), (3, 6)),
}
JOB_CARVING_SHARE = {ServiceModel.CUSTOMIZED_EMPLOYMENT: 0.45}
JOB_CARVING_SHARE_OTHERS = 0.08
ACCOMMODATION_SHARE = 0.35
PLACEMENT_ACCOMMODATIONS = (
    *ACCOMMODATIONS,
    "Starter kl. 10 de første ukene; fast arbeidsplass.",
    "Hørselvern og skjermet plass i pausene.",
    "Oppgaveliste for hver vakt og fast kontaktperson.",
)
DISCLOSURE_TOLD = (
    "Leder vet at hen har en psykisk helseutfordring og kan trenge fleksibilitet i perioder.",
    "Fortalte leder om diagnosen og behovet for faste rutiner. Kollegene vet ikke.",
    "Leder og fadder vet at hen følges opp av jobbspesialist og hva det innebærer.",
)
DISCLOSURE_NOT_TOLD = (
    "Ønsker ikke at arbeidsgiver får vite om helse. Arbeidsgiver vet bare at vi hjelper med jobbsøk.",
    "Har ikke fortalt noe til arbeidsgiver.",
)
CAREER_GOAL_SHARE = 0.25
CAREER_GOALS: tuple[list[str], ...] = (
    [CareerGoal.MORE_HOURS],
    [CareerGoal.MORE_HOURS],
    [CareerGoal.BETTER_JOB],
    [CareerGoal.NEW_TASKS],
    [CareerGoal.EDUCATION],
    [CareerGoal.MORE_HOURS, CareerGoal.NEW_TASKS],
)
CAREER_NOTES = (
    "",
    "Ønsker på sikt fast stilling og flere timer.",
    "Vil ta fagbrev i faget; undersøker praksiskandidatordningen.",
    "Trives og vil gjerne få mer ansvar etter hvert.",
)
# Follow-ups: how closely each specialist keeps to the schedule (share of checkpoints met in
# time, drawn per placement), and how late a missed one is caught up (calendar days).
ON_TIME_SHARE = (0.6, 0.95)
LATE_DAYS = (1, 21)
# A monthly contact falls this many days before it is due at most (the rest: in the last days).
MONTHLY_EARLY_DAYS = 12
MAX_FOLLOW_UPS = 80  # per placement: a safety bound (five years of monthly contacts is ~65)
# Natural support: the level at the first follow-up, the level it settles at, and the chance
# per follow-up that it moves one step down (in the first 60 days, after) or up (a setback).
FIRST_SUPPORT_LEVEL: Table = ((6, 15), (5, 30), (4, 30), (3, 15), (2, 7), (1, 3))
SETTLED_SUPPORT_LEVEL: Table = ((1, 40), (2, 35), (3, 20), (4, 5))
SUPPORT_STEP_DOWN = (0.45, 0.3)
SUPPORT_SETBACK = 0.04
NATURAL_SUPPORT_NAMED = (0.2, 0.05)  # chance to name someone (at level 4 or less, above), if nobody is yet
NATURAL_SUPPORT_KEPT = 0.85  # the supports named last time are carried over (the form starts from them)
NATURAL_SUPPORTS = (
    "{name} (kollega) viser rutinene og er fast fadder.",
    "Nærmeste leder, {name}, tar en kort prat med hen hver mandag.",
    "{name} på skiftet sier fra når det blir endringer i planen.",
    "Kollegene tar hen med i lunsjen; {name} hjelper med vaktbytter.",
    "{name} er mentor og svarer på spørsmål underveis.",
    "Leder {name} og en kollega hjelper med å prioritere oppgavene.",
)
# Who took part, by phase (before the start, the first month, later): (employee, employer),
# when the participant consented to disclosure; otherwise the employee alone, not at work.
FOLLOW_UP_PARTIES: dict[str, Table] = {
    "before": (((True, False), 80), ((True, True), 20)),
    "early": (((True, True), 40), ((True, False), 50), ((False, True), 10)),
    "later": (((True, True), 20), ((True, False), 65), ((False, True), 15)),
}
FOLLOW_UP_MODES: dict[tuple[bool, bool], Table] = {
    (True, True): (
        (FollowUpMode.WORKPLACE, 75),
        (FollowUpMode.OFFICE, 10),
        (FollowUpMode.DIGITAL, 10),
        (FollowUpMode.PHONE, 5),
    ),
    (True, False): (
        (FollowUpMode.WORKPLACE, 25),
        (FollowUpMode.PHONE, 30),
        (FollowUpMode.COMMUNITY, 20),
        (FollowUpMode.OFFICE, 10),
        (FollowUpMode.DIGITAL, 15),
    ),
    (False, True): ((FollowUpMode.WORKPLACE, 45), (FollowUpMode.PHONE, 40), (FollowUpMode.DIGITAL, 15)),
}
FOLLOW_UP_MODES_UNDISCLOSED: Table = (
    (FollowUpMode.COMMUNITY, 35),
    (FollowUpMode.PHONE, 35),
    (FollowUpMode.OFFICE, 15),
    (FollowUpMode.DIGITAL, 15),
)
FOLLOW_UP_MINUTES: dict[str, tuple[int, int]] = {
    FollowUpMode.WORKPLACE: (30, 90),
    FollowUpMode.COMMUNITY: (30, 75),
    FollowUpMode.OFFICE: (30, 60),
    FollowUpMode.PHONE: (10, 30),
    FollowUpMode.DIGITAL: (10, 40),
}
FOLLOW_UP_NOTE_SHARE = 0.85
# Notes by phase and who took part ("+employer": the employee and the employer together).
FOLLOW_UP_NOTES: dict[str, tuple[str, ...]] = {
    "before": (
        "Ringte før oppstart: gikk gjennom første arbeidsdag, oppmøtetid og hvem hen skal spørre etter.",
        "Møttes for å planlegge oppstarten. Deltakeren er spent, men gleder seg.",
        "Avklarte arbeidsklær, reisevei og hva hen vil fortelle leder.",
    ),
    "before+employer": (
        "Møte med leder og deltakeren før oppstart: gikk gjennom oppgavene og fadderordningen.",
        "Besøkte arbeidsplassen sammen før første dag; hilste på kollegene.",
    ),
    "early": (
        "Første uke har gått bra. Litt sliten etter dagene, men fornøyd.",
        "Kort samtale etter vakta. Usikker på kassesystemet; avtalte å spørre en kollega.",
        "Snakket om de første dagene; rutinene med søvn og frokost fungerer.",
    ),
    "early+employer": (
        "Var med første arbeidsdag. Leder viste rundt og presenterte fadderen.",
        "Besøk på arbeidsplassen: gikk gjennom oppgavelisten sammen med leder.",
        "Trepartsmøte med leder: justerte arbeidstiden til å begynne kl. 9.",
    ),
    "later": (
        "Stabil i jobben. Trives med kollegene og har fått flere oppgaver.",
        "Snakket om ønsket om flere timer; tar det opp med leder i medarbeidersamtalen.",
        "Alt går fint. Neste oppfølging om en måned.",
        "Gikk gjennom lønnsslipp og skattekort, og hva som skjer med ytelsen.",
        "Har hatt noen tunge uker, men har ikke vært borte fra jobb.",
    ),
    "later+employer": (
        "Trepartsmøte: begge er fornøyde; avtalte å øke stillingen fra neste måned.",
        "Besøk på arbeidsplassen. Har fått ansvar for varemottaket på mandager.",
        "Samtale med leder og den ansatte om ferieavvikling og vaktplan.",
    ),
    "employer": (
        "Leder er fornøyd og vil gjerne forlenge.",
        "Ringte leder: noe fravær siste uke, ellers bra. Følger opp med den ansatte.",
        "Leder spurte om tilrettelegging i travle perioder; avtalte faste pauser.",
        "Kort telefon med leder; ingen endringer.",
    ),
    "setback": (
        "Krevende periode; har vært borte to dager. Lager en plan for de neste ukene.",
        "Endringer i vaktplanen har gjort det tyngre. Tettere oppfølging en periode.",
    ),
}
# When a participation ends while the participant is in a job (by the participation's end
# reason): None, the job goes on and the placement stays open; otherwise why the job ended.
JOB_AFTER_PARTICIPATION: dict[str, Table] = {
    EndReason.STABLE_IN_WORK: ((None, 1),),
    EndReason.TRANSFERRED: ((None, 1),),
    EndReason.EDUCATION: ((PlacementEndReason.QUIT, 1),),
    EndReason.MOVED: ((PlacementEndReason.QUIT, 1),),
    EndReason.HEALTH: ((PlacementEndReason.HEALTH, 1),),
    EndReason.PARTICIPANT_WISH: ((None, 1), (PlacementEndReason.QUIT, 1)),
    EndReason.OTHER: ((None, 1), (PlacementEndReason.OTHER, 1)),
}
JOB_AFTER_PARTICIPATION_OTHERS: Table = ((None, 1),)
