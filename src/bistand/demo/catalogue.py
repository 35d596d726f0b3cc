"""What the demo world is made of: organisations, teams, areas and the Norwegian text that
job specialists would type. Plain data, no logic; `plan.py` draws from it.

Everything here is invented. Place names and kommune numbers are real (they must match the
reference data); organisations, teams and people are not. Referring units are generic
("NAV Alna", "DPS, poliklinikk") and name no real person.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bistand.accounts.enums import OrganisationType
from bistand.people.enums import DeclineReason, EndReason, ReferralSource, ServiceModel, Status

Weighted = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class TeamTemplate:
    name: str
    service_models: Weighted
    kommuner: Weighted  # kommune numbers (2020 edition) the team serves, by weight
    outside: tuple[str, ...]  # kommuner just outside the area: where "outside the area" declines live
    specialist_ftes: tuple[Decimal, ...]
    sources: Weighted
    units: dict[str, tuple[str, ...]]  # referring units per ReferralSource
    leader_fte_as_specialist: Decimal | None = None  # the team leader also carries a small caseload
    nynorsk_share: float = 0.0  # share of participants who prefer Nynorsk
    sami_kommuner: tuple[str, ...] = ()  # where many participants have Sami names and some prefer Sami


@dataclass(frozen=True)
class OrganisationTemplate:
    name: str
    type: str
    email_domain: str  # ends in DEMO_EMAIL_SUFFIX
    teams: tuple[TeamTemplate, ...]


D = Decimal
# Staff e-mail addresses are under .example (RFC 2606): no demo address can ever receive mail,
# and `demo --if-empty` recognises demo users by it.
DEMO_EMAIL_SUFFIX = ".example"

ORGANISATIONS: tuple[OrganisationTemplate, ...] = (
    OrganisationTemplate(
        name="Fjordbyen Jobbspesialister",
        type=OrganisationType.SERVICE_PROVIDER,
        email_domain="fjordbyen.example",
        teams=(
            TeamTemplate(
                name="IPS-team Groruddalen",
                service_models=((ServiceModel.IPS, 1),),
                kommuner=(("0301", 8), ("3029", 1), ("3030", 1)),
                outside=("3005", "3025"),
                specialist_ftes=(D("1.0"), D("1.0"), D("1.0"), D("0.8")),
                sources=((ReferralSource.HEALTH_SERVICE, 6), (ReferralSource.NAV, 3), (ReferralSource.SELF, 1)),
                units={
                    ReferralSource.HEALTH_SERVICE: (
                        "DPS Groruddalen, allmennpsykiatrisk poliklinikk",
                        "DPS Groruddalen, ambulant team",
                        "Bydel Alna, psykisk helse og rus",
                        "Fastlegekontor Furuset",
                    ),
                    ReferralSource.NAV: ("NAV Alna", "NAV Grorud", "NAV Stovner", "NAV Bjerke"),
                },
            ),
            TeamTemplate(
                name="IPS Ung Oslo",
                service_models=((ServiceModel.IPS_YOUTH, 8), (ServiceModel.SCHOOL_TO_WORK, 2)),
                kommuner=(("0301", 1),),
                outside=("3024", "3030"),
                specialist_ftes=(D("1.0"), D("1.0"), D("0.6")),
                sources=(
                    (ReferralSource.NAV, 5),
                    (ReferralSource.SCHOOL, 3),
                    (ReferralSource.HEALTH_SERVICE, 1),
                    (ReferralSource.SELF, 1),
                ),
                units={
                    ReferralSource.NAV: ("NAV Gamle Oslo, ungdomsteamet", "NAV Søndre Nordstrand", "NAV Grünerløkka"),
                    ReferralSource.SCHOOL: ("Oppfølgingstjenesten i Oslo", "Videregående skole, rådgivningstjenesten"),
                    ReferralSource.HEALTH_SERVICE: ("BUP Øst", "Rask psykisk helsehjelp, bydel Gamle Oslo"),
                },
            ),
            TeamTemplate(
                name="SE-teamet Oslo sør",
                service_models=((ServiceModel.SE_FIVE_STAGE, 6), (ServiceModel.CUSTOMIZED_EMPLOYMENT, 4)),
                kommuner=(("0301", 6), ("3020", 2), ("3024", 2)),
                outside=("3005", "3401"),
                specialist_ftes=(D("1.0"), D("1.0"), D("0.8")),
                sources=((ReferralSource.NAV, 7), (ReferralSource.OTHER, 2), (ReferralSource.SELF, 1)),
                units={
                    ReferralSource.NAV: ("NAV Nordstrand", "NAV Nordre Follo", "NAV Bærum"),
                    ReferralSource.OTHER: (
                        "Habiliteringstjenesten for voksne",
                        "Bydel Søndre Nordstrand, tjenester for funksjonshemmede",
                        "Varig tilrettelagt arbeid (VTA)",
                    ),
                },
            ),
        ),
    ),
    OrganisationTemplate(
        name="Helse Vestkyst, DPS Bjørgvin",
        type=OrganisationType.HEALTH_TRUST,
        email_domain="helse-vestkyst.example",
        teams=(
            TeamTemplate(
                name="IPS Bergen sentrum",
                service_models=((ServiceModel.IPS, 1),),
                kommuner=(("4601", 1),),
                outside=("1103", "5001"),
                specialist_ftes=(D("1.0"), D("1.0"), D("1.0")),
                sources=((ReferralSource.HEALTH_SERVICE, 7), (ReferralSource.NAV, 3)),
                units={
                    ReferralSource.HEALTH_SERVICE: (
                        "DPS Bjørgvin, poliklinikk",
                        "DPS Bjørgvin, FACT-team",
                        "Bergen kommune, psykisk helse- og rustjenester",
                    ),
                    ReferralSource.NAV: ("NAV Bergenhus", "NAV Årstad", "NAV Fana"),
                },
                nynorsk_share=0.15,
            ),
            TeamTemplate(
                name="IPS Nordhordland",
                service_models=((ServiceModel.IPS, 8), (ServiceModel.CUSTOMIZED_EMPLOYMENT, 2)),
                kommuner=(("4631", 4), ("4630", 2), ("4627", 3), ("4626", 3), ("4628", 1)),
                outside=("4601", "4624"),
                specialist_ftes=(D("1.0"), D("0.8")),
                leader_fte_as_specialist=D("0.5"),
                sources=((ReferralSource.HEALTH_SERVICE, 5), (ReferralSource.NAV, 4), (ReferralSource.SELF, 1)),
                units={
                    ReferralSource.HEALTH_SERVICE: (
                        "DPS Bjørgvin, Knarvik poliklinikk",
                        "Alver kommune, psykisk helse",
                    ),
                    ReferralSource.NAV: ("NAV Alver", "NAV Askøy", "NAV Øygarden", "NAV Osterøy"),
                },
                nynorsk_share=0.45,
            ),
        ),
    ),
    OrganisationTemplate(
        name="NAV Ishavskysten",
        type=OrganisationType.NAV_OFFICE,
        email_domain="nav-ishavskysten.example",
        teams=(
            TeamTemplate(
                name="Ungdomsteamet Tromsø",
                service_models=((ServiceModel.IPS_YOUTH, 6), (ServiceModel.SCHOOL_TO_WORK, 4)),
                kommuner=(("5401", 8), ("5422", 1), ("5423", 1)),
                outside=("5402",),
                specialist_ftes=(D("1.0"), D("1.0")),
                sources=((ReferralSource.NAV, 5), (ReferralSource.SCHOOL, 4), (ReferralSource.SELF, 1)),
                units={
                    ReferralSource.NAV: ("NAV Tromsø, ungdomsavdelingen", "NAV Balsfjord"),
                    ReferralSource.SCHOOL: (
                        "Oppfølgingstjenesten, Troms og Finnmark fylkeskommune",
                        "Videregående skole i Tromsø, rådgiver",
                    ),
                },
            ),
            TeamTemplate(
                name="Jobbspesialistene Finnmarksvidda",
                service_models=(
                    (ServiceModel.SE_FIVE_STAGE, 5),
                    (ServiceModel.CUSTOMIZED_EMPLOYMENT, 3),
                    (ServiceModel.IPS, 2),
                ),
                kommuner=(("5403", 5), ("5430", 3), ("5437", 2)),
                outside=("5401", "5428"),
                specialist_ftes=(D("1.0"), D("0.5")),
                sources=((ReferralSource.NAV, 6), (ReferralSource.HEALTH_SERVICE, 2), (ReferralSource.OTHER, 2)),
                units={
                    ReferralSource.NAV: ("NAV Alta", "NAV Guovdageaidnu Kautokeino", "NAV Kárášjohka Karasjok"),
                    ReferralSource.HEALTH_SERVICE: ("Samisk psykisk helsevern, poliklinikk", "Alta DPS"),
                    ReferralSource.OTHER: ("Alta kommune, tjenester for funksjonshemmede", "Karasjok kommune, helse"),
                },
                sami_kommuner=("5430", "5437"),
            ),
        ),
    ),
)

# Open (on-caseload) participants per full-time job specialist: IPS fidelity item S1 wants
# at most 20. One specialist in the first team carries OVERLOADED, so that the team
# overview has a caseload over the limit to show.
CASELOAD_PER_FTE = (12, 18)
OVERLOADED = 23

# Where an open participant stands today (IPS programmes: roughly 40 % in work).
OPEN_STATUSES: Weighted = ((Status.ACCEPTED, 7), (Status.ACTIVE, 18), (Status.JOB_SEARCH, 35), (Status.IN_JOB, 40))

END_REASONS_AFTER_JOB: Weighted = (
    (EndReason.STABLE_IN_WORK, 45),
    (EndReason.EDUCATION, 10),
    (EndReason.PARTICIPANT_WISH, 15),
    (EndReason.MOVED, 10),
    (EndReason.TRANSFERRED, 5),
    (EndReason.HEALTH, 10),
    (EndReason.OTHER, 5),
)
END_REASONS_WITHOUT_JOB: Weighted = (
    (EndReason.PARTICIPANT_WISH, 25),
    (EndReason.EDUCATION, 15),
    (EndReason.NO_CONTACT, 20),
    (EndReason.HEALTH, 20),
    (EndReason.MOVED, 10),
    (EndReason.TRANSFERRED, 7),
    (EndReason.OTHER, 3),
)
END_NOTES: dict[str, tuple[str, ...]] = {
    EndReason.STABLE_IN_WORK: (
        "Trives i jobben og ønsker ikke mer oppfølging nå. Vet at hen kan ta kontakt igjen.",
        "Fast ansatt, arbeidsgiver og kolleger gir den støtten som trengs. Avsluttet etter felles evaluering.",
    ),
    EndReason.EDUCATION: (
        "Begynt på videregående for å ta fagbrev.",
        "Tatt opp på fagskole fra høsten; avsluttet etter eget ønske.",
    ),
    EndReason.PARTICIPANT_WISH: (
        "Ønsker en pause fra jobbsøking. Kan henvises på nytt når som helst.",
        "Vil prøve å finne jobb på egen hånd.",
    ),
    EndReason.MOVED: ("Flyttet til Trondheim. Kontakt med NAV der er formidlet.", "Flyttet ut av området."),
    EndReason.TRANSFERRED: ("Overført til arbeidsforberedende trening etter eget ønske.",),
    EndReason.NO_CONTACT: (
        "Ikke fått kontakt på to måneder: ringt, sendt sms og brev, og vært innom hjemme to ganger. Henviser er orientert.",
    ),
    EndReason.HEALTH: ("Innlagt over lengre tid; avtalt at vi tar opp tråden igjen når hen ønsker det.",),
    EndReason.OTHER: ("Avsluttet etter samtale med deltaker og henviser.",),
}

DECLINE_REASONS: Weighted = (
    (DeclineReason.NOT_REACHED, 30),
    (DeclineReason.CHOSE_OTHER_SERVICE, 20),
    (DeclineReason.NO_WISH_TO_WORK, 20),
    (DeclineReason.OUTSIDE_AREA, 20),
    (DeclineReason.NO_CAPACITY, 5),
    (DeclineReason.OTHER, 5),
)
DECLINE_NOTES: dict[str, tuple[str, ...]] = {
    DeclineReason.NOT_REACHED: (
        "Forsøkt kontaktet på telefon, sms og brev over tre uker uten svar. Henviser er orientert.",
        "Møtte ikke til to avtalte samtaler og svarer ikke på telefon. Henviser er bedt om å ta kontakt.",
    ),
    DeclineReason.CHOSE_OTHER_SERVICE: (
        "Valgte heller arbeidsforberedende trening (AFT).",
        "Ønsket å fortsette i varig tilrettelagt arbeid.",
    ),
    DeclineReason.NO_WISH_TO_WORK: (
        "Sier selv at ordinært arbeid ikke er aktuelt nå. Informert om at hen kan henvises på nytt.",
        "Vil konsentrere seg om skolen dette året.",
    ),
    DeclineReason.OUTSIDE_AREA: ("Bor i {kommune}, utenfor teamets område. Henvisningen er sendt videre dit.",),
    DeclineReason.NO_CAPACITY: ("Teamet hadde ventetid over åtte uker; henvist til naboteamet etter avtale.",),
    DeclineReason.OTHER: ("Henvisningen gjaldt oppfølging i nåværende jobb, som NAV gir selv.",),
}
WITHDRAW_NOTES: tuple[str, ...] = (
    "Henviser trakk henvisningen: deltakeren har fått jobb på egen hånd.",
    "Deltakeren trakk seg før oppstart.",
    "Fastlegen trakk henvisningen etter samtale med deltakeren.",
)

ACCEPT_NOTES: tuple[str, ...] = (
    "",
    "",
    "Første samtale avtalt.",
    "Møtt sammen med behandler; ønsker å komme raskt i gang.",
)
STATUS_NOTES: dict[str, tuple[str, ...]] = {
    Status.ACTIVE: (
        "Samarbeidsavtale signert. Karriereprofil påbegynt.",
        "Første møte gjennomført; karriereprofil fylles ut sammen.",
        "Oppstartsmøte med behandler og NAV-veileder.",
    ),
    Status.JOB_SEARCH: (
        "Jobbsøk startet: ønsker jobb som {job}.",
        "Karriereprofil ferdig; vi kontakter arbeidsgivere med tanke på jobb som {job}.",
    ),
    Status.IN_JOB: (
        "Ansatt som {job}, {percent} % stilling.",
        "Startet som {job} ({percent} %), fast ansettelse etter prøvetid.",
        "Midlertidig stilling som {job}, {percent} %.",
    ),
}
JOB_LOST_NOTES: tuple[str, ...] = (
    "Arbeidsforholdet ble avsluttet i prøvetiden. Vil søke ny jobb med en gang.",
    "Engasjementet gikk ut. Søker ny jobb innen samme felt.",
    "Sa opp selv; jobben passet ikke. Ny jobbsøk startet.",
)
JOB_PERCENTS = (20, 40, 50, 60, 80, 100)

# What the person wants (the referral note), and jobs that fit: the job search and the job a
# participant gets usually follow the wish, as they should in IPS (V5, individualised search).
JOB_WISHES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Ønsker jobb i butikk, helst deltid i starten.", ("butikkmedarbeider", "kassemedarbeider")),
    ("Vil jobbe med dyr eller utendørs.", ("dyrepleier", "gartnerassistent", "stallmedarbeider")),
    ("Har fagbrev som kokk og vil tilbake til arbeidslivet.", ("kokk", "kantinemedarbeider")),
    ("Ønsker å jobbe med data eller spill; har mye erfaring på fritiden.", ("IT-brukerstøtte", "testmedarbeider")),
    (
        "Vil ha en jobb med faste rutiner og få kolleger.",
        ("lagermedarbeider", "postsorterer", "produksjonsmedarbeider"),
    ),
    ("Har jobbet på lager tidligere og ønsker noe lignende.", ("lagermedarbeider", "truckfører")),
    (
        "Droppet ut av videregående; vil prøve seg i jobb før hen bestemmer seg for skole.",
        ("butikkmedarbeider", "bilpleier", "lagermedarbeider"),
    ),
    (
        "Ønsker å jobbe med mennesker, gjerne i barnehage eller eldreomsorg.",
        ("barnehageassistent", "helsefagarbeider", "assistent i hjemmetjenesten"),
    ),
    (
        "Har ikke vært i jobb på mange år, men ønsker det veldig.",
        ("renholder", "vaktmesterassistent", "kantinemedarbeider"),
    ),
    (
        "Vil ha jobb i nærheten av hjemmet; har ikke førerkort.",
        ("butikkmedarbeider", "renholder", "kantinemedarbeider"),
    ),
    ("Interessert i bil og motor.", ("bilpleier", "dekkmontør", "lagermedarbeider")),
    (
        "Vil ha noe å stå opp til om morgenen, gjerne kafé eller kantine.",
        ("kafémedarbeider", "kantinemedarbeider", "servitør"),
    ),
    (
        "Har studert noe, men ikke fullført; ønsker kontorarbeid.",
        ("kontormedarbeider", "kundebehandler", "arkivmedarbeider"),
    ),
    ("", ("butikkmedarbeider", "lagermedarbeider", "renholder", "bud", "kundebehandler")),
)
ALL_JOBS = tuple(sorted({job for _, jobs in JOB_WISHES for job in jobs}))

CONSENT_DISCLOSURE_NOTES: tuple[str, ...] = (
    "Jobbspesialisten kan fortelle arbeidsgiver at hen trenger tilrettelegging, ikke om diagnose.",
    "Kan informere nærmeste leder om behov for faste arbeidstider. Ingen helseopplysninger.",
    "Ønsker at arbeidsgiver ikke får vite om oppfølgingen før etter intervju.",
    "Kan fortelle om hull i CV-en og at hen har oppfølging fra oss.",
)
CONSENT_WITHDRAWAL_NOTES: tuple[str, ...] = (
    "Ønsker ikke lenger å være med i forskningen.",
    "Trukket muntlig i samtale.",
)

# Norway's population is not only Ola and Kari: a share of participants get names from
# other backgrounds (Polish names come from Faker's pl_PL, the others from these lists).
OTHER_FIRST_NAMES_FEMALE = ("Amina", "Fatima", "Hodan", "Senait", "Aisha", "Mariam", "Ayaan", "Huda", "Leila", "Sara")
OTHER_FIRST_NAMES_MALE = ("Mohammed", "Ahmed", "Abdi", "Yonas", "Hamza", "Omar", "Ali", "Bilal", "Dawit", "Hassan")
OTHER_LAST_NAMES = ("Ali", "Ahmed", "Mohamed", "Hussain", "Khan", "Abdi", "Tesfaye", "Haile", "Yusuf", "Rahimi")
SAMI_FIRST_NAMES_FEMALE = ("Máret", "Elle", "Ristin", "Biret", "Inga", "Sunná", "Ánne")
SAMI_FIRST_NAMES_MALE = ("Ánde", "Issát", "Jovnna", "Máhtte", "Niillas", "Nils Mikkel", "Áslat")
SAMI_LAST_NAMES = ("Sara", "Eira", "Gaup", "Hætta", "Buljo", "Somby", "Turi", "Utsi", "Bongo", "Mienna")

# How old participants are when referred, per service model.
AGE_RANGES: dict[str, tuple[int, int]] = {
    ServiceModel.IPS: (20, 60),
    ServiceModel.IPS_YOUTH: (16, 25),
    ServiceModel.SCHOOL_TO_WORK: (16, 20),
    ServiceModel.CUSTOMIZED_EMPLOYMENT: (18, 55),
    ServiceModel.SE_FIVE_STAGE: (20, 62),
}

# Participant e-mail addresses use the reserved example domains (RFC 2606).
PARTICIPANT_EMAIL_DOMAINS = ("example.com", "example.net", "example.org")

# Team-level counts of referrals that did not (or not yet) become a caseload.
PENDING_PER_TEAM = (2, 4)
DECLINED_PER_TEAM = (2, 5)
WITHDRAWN_PER_TEAM = (1, 2)

# The default password for local runs (`make run`); other environments must choose one.
LOCAL_PASSWORD = "bistand-demo-2025"  # noqa: S105 - published on purpose: synthetic data, local runs only
