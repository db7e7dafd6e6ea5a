//! The words a generated inventory is made of: Finnish and English names,
//! register types with their purposes, the data category taxonomy, the
//! countries processors sit in. Fictional companies, real legal vocabulary.

use crate::domain::enums::{
    LegalBasis, Material, RetentionUnit, SecurityKind, SourceKind, SpecialCategoryCondition,
};

/// A (Finnish, English) pair.
pub type Text = (&'static str, &'static str);

pub const FIRST_NAMES: [&str; 30] = [
    "Aino", "Anna", "Eeva", "Elina", "Hanna", "Johanna", "Kaisa", "Laura", "Maria", "Minna",
    "Niina", "Outi", "Päivi", "Riikka", "Sari", "Antti", "Eero", "Heikki", "Janne", "Juha",
    "Jukka", "Kari", "Lauri", "Markku", "Matti", "Mikko", "Pekka", "Sami", "Timo", "Ville",
];

pub const LAST_NAMES: [&str; 30] = [
    "Heikkinen",
    "Hämäläinen",
    "Järvinen",
    "Karjalainen",
    "Koskinen",
    "Korhonen",
    "Laine",
    "Lehtonen",
    "Lehtinen",
    "Leinonen",
    "Mäkelä",
    "Mäkinen",
    "Nieminen",
    "Ojala",
    "Pitkänen",
    "Rantanen",
    "Salminen",
    "Salo",
    "Savolainen",
    "Tuominen",
    "Turunen",
    "Virtanen",
    "Väisänen",
    "Heinonen",
    "Hiltunen",
    "Kettunen",
    "Lindholm",
    "Manninen",
    "Remes",
    "Wihlman",
];

/// (city, postal code) for Finnish addresses.
pub const CITIES: [(&str, &str); 15] = [
    ("Helsinki", "00100"),
    ("Espoo", "02100"),
    ("Tampere", "33100"),
    ("Vantaa", "01300"),
    ("Oulu", "90100"),
    ("Turku", "20100"),
    ("Jyväskylä", "40100"),
    ("Kuopio", "70100"),
    ("Lahti", "15100"),
    ("Pori", "28100"),
    ("Joensuu", "80100"),
    ("Lappeenranta", "53100"),
    ("Vaasa", "65100"),
    ("Seinäjoki", "60100"),
    ("Rovaniemi", "96100"),
];

pub const STREETS: [&str; 12] = [
    "Mannerheimintie",
    "Hämeenkatu",
    "Kauppakatu",
    "Satamakatu",
    "Teollisuuskatu",
    "Rantakatu",
    "Kirkkokatu",
    "Asemakatu",
    "Keskuskatu",
    "Puistokatu",
    "Koulukatu",
    "Itäinen Pitkäkatu",
];

/// First halves of fictional Finnish company names.
pub const FI_STEMS: [&str; 20] = [
    "Pohjolan", "Järvi", "Kivi", "Ranta", "Tunturi", "Saari", "Lahden", "Kosken", "Aallon",
    "Kallio", "Vuoren", "Laakson", "Niemen", "Harjun", "Metsä", "Meri", "Suo", "Pelto", "Kangas",
    "Salmen",
];

/// Second halves of fictional Finnish company names: what the company does.
pub const FI_TRADES: [&str; 20] = [
    "data",
    "soft",
    "media",
    "logistiikka",
    "terveys",
    "rakennus",
    "energia",
    "kauppa",
    "palvelut",
    "konsultointi",
    "kiinteistöt",
    "koulutus",
    "hoiva",
    "tekniikka",
    "kuljetus",
    "rahoitus",
    "vakuutus",
    "matkat",
    "ravintolat",
    "asunnot",
];

/// Parts of fictional international vendor names.
pub const VENDOR_STEMS: [&str; 20] = [
    "Nord", "Cloud", "Data", "Pay", "Mail", "Secure", "Blue", "Arctic", "Smart", "Net", "Core",
    "Bright", "Swift", "Peak", "Clear", "Fin", "Logi", "Medi", "Opti", "Terra",
];

pub const VENDOR_ENDINGS: [&str; 20] = [
    "works", "soft", "stream", "link", "base", "sys", "logic", "wave", "point", "ware", "hub",
    "path", "line", "grid", "nova", "sense", "flow", "gate", "field", "port",
];

pub const VENDOR_WORDS: [&str; 6] = [
    "",
    " Solutions",
    " Services",
    " Technologies",
    " Systems",
    " Digital",
];

/// What a processor does for a register: (service fi, service en, system product name).
pub const SERVICES: [(&str, &str, &str); 16] = [
    ("Pilvipalvelun ylläpito", "Cloud hosting", "Cloud"),
    (
        "Asiakkuudenhallintajärjestelmä",
        "Customer relationship management system",
        "CRM",
    ),
    ("Palkanlaskenta", "Payroll", "Payroll"),
    ("Henkilöstöhallinnon järjestelmä", "HR system", "HR"),
    (
        "Asiakaspalvelun tikettijärjestelmä",
        "Customer service ticketing",
        "Helpdesk",
    ),
    ("Sähköpostimarkkinointi", "Email marketing", "Mailer"),
    (
        "Verkkosivuston analytiikka",
        "Website analytics",
        "Analytics",
    ),
    ("Maksunvälitys", "Payment processing", "Pay"),
    (
        "Kirjanpito ja taloushallinto",
        "Accounting and financial administration",
        "Ledger",
    ),
    ("Perintä", "Debt collection", "Collect"),
    ("Kulunvalvonta", "Access control", "Access"),
    (
        "Kameravalvonnan ylläpito",
        "Video surveillance maintenance",
        "Vision",
    ),
    ("Puheluiden tallennus", "Call recording", "Voice"),
    ("Asiakirjahallinta", "Document management", "Docs"),
    ("IT-tuki ja ylläpito", "IT support and maintenance", "Ops"),
    ("Tietojen varmuuskopiointi", "Data backup", "Backup"),
];

/// A country processors sit in: code, relative weight, legal form, top-level domain.
pub struct Country {
    pub code: &'static str,
    pub weight: f64,
    pub legal_form: &'static str,
    pub tld: &'static str,
}

const fn country(
    code: &'static str,
    weight: f64,
    legal_form: &'static str,
    tld: &'static str,
) -> Country {
    Country {
        code,
        weight,
        legal_form,
        tld,
    }
}

/// Roughly two thirds inside the EEA, the US the largest third country.
pub const COUNTRIES: [Country; 26] = [
    country("FI", 40.0, "Oy", "fi"),
    country("SE", 6.0, "AB", "se"),
    country("DE", 5.0, "GmbH", "de"),
    country("IE", 5.0, "Limited", "ie"),
    country("NL", 4.0, "B.V.", "nl"),
    country("DK", 3.0, "ApS", "dk"),
    country("EE", 3.0, "OÜ", "ee"),
    country("FR", 2.0, "SAS", "fr"),
    country("PL", 2.0, "Sp. z o.o.", "pl"),
    country("NO", 2.0, "AS", "no"),
    country("US", 16.0, "Inc.", "com"),
    country("GB", 5.0, "Ltd", "co.uk"),
    country("CH", 3.0, "AG", "ch"),
    country("IN", 3.0, "Private Limited", "in"),
    country("JP", 1.0, "K.K.", "jp"),
    country("CA", 1.0, "Inc.", "ca"),
    country("SG", 1.0, "Pte. Ltd.", "sg"),
    country("AU", 1.0, "Pty Ltd", "com.au"),
    country("IL", 1.0, "Ltd", "co.il"),
    country("KR", 0.5, "Co., Ltd.", "co.kr"),
    country("UA", 1.0, "LLC", "ua"),
    country("BR", 0.5, "Ltda.", "com.br"),
    country("PH", 0.5, "Inc.", "ph"),
    country("ZA", 0.5, "(Pty) Ltd", "co.za"),
    country("NZ", 0.3, "Limited", "co.nz"),
    country("UY", 0.2, "S.A.", "uy"),
];

/// Third countries with an adequacy decision (GDPR Art. 45) among `COUNTRIES`.
pub const ADEQUATE: [&str; 8] = ["GB", "CH", "JP", "CA", "IL", "KR", "NZ", "UY"];

/// Organizations that receive disclosures: Finnish authorities and the like.
/// Business ids are left out: they are real bodies, and a generated id would
/// misstate theirs.
pub const RECIPIENTS: [(&str, &str); 12] = [
    ("verohallinto", "Verohallinto"),
    ("kela", "Kansaneläkelaitos"),
    ("tulli", "Tulli"),
    ("poliisi", "Poliisi"),
    ("ulosottolaitos", "Ulosottolaitos"),
    ("tilastokeskus", "Tilastokeskus"),
    ("dvv", "Digi- ja väestötietovirasto"),
    ("tyosuojelu", "Työsuojeluviranomainen"),
    ("traficom", "Liikenne- ja viestintävirasto Traficom"),
    ("avi", "Aluehallintovirasto"),
    ("ttl", "Työterveyslaitos"),
    ("kilpailuvirasto", "Kilpailu- ja kuluttajavirasto"),
];

pub const RECIPIENT_CATEGORIES: [Text; 6] = [
    (
        "Viranomaiset lain edellyttämissä tapauksissa",
        "Authorities when required by law",
    ),
    ("Ulkoistettu kirjanpito", "Outsourced accounting"),
    ("Perintätoimisto", "Debt collection agency"),
    ("Konserniyhtiöt", "Group companies"),
    ("Vakuutusyhtiöt", "Insurance companies"),
    ("Työterveyshuolto", "Occupational health care"),
];

/// (key, Finnish, English)
pub const SUBJECTS: [(&str, &str, &str); 30] = [
    ("customers", "Asiakkaat", "Customers"),
    (
        "prospects",
        "Potentiaaliset asiakkaat",
        "Prospective customers",
    ),
    (
        "customer-contacts",
        "Asiakkaiden yhteyshenkilöt",
        "Customers' contact persons",
    ),
    ("employees", "Työntekijät", "Employees"),
    (
        "former-employees",
        "Entiset työntekijät",
        "Former employees",
    ),
    ("job-applicants", "Työnhakijat", "Job applicants"),
    ("trainees", "Harjoittelijat", "Trainees"),
    (
        "contractor-staff",
        "Alihankkijoiden työntekijät",
        "Contractors' staff",
    ),
    (
        "partner-representatives",
        "Yhteistyökumppanien edustajat",
        "Partners' representatives",
    ),
    (
        "supplier-representatives",
        "Toimittajien edustajat",
        "Suppliers' representatives",
    ),
    (
        "website-visitors",
        "Verkkosivuston kävijät",
        "Website visitors",
    ),
    (
        "newsletter-subscribers",
        "Uutiskirjeen tilaajat",
        "Newsletter subscribers",
    ),
    ("members", "Jäsenet", "Members"),
    ("students", "Opiskelijat", "Students"),
    ("guardians", "Huoltajat", "Guardians"),
    ("patients", "Potilaat", "Patients"),
    ("relatives", "Omaiset", "Relatives"),
    ("visitors", "Vierailijat", "Visitors"),
    (
        "competition-entrants",
        "Kilpailuihin osallistujat",
        "Competition entrants",
    ),
    (
        "service-contacts",
        "Asiakaspalveluun yhteyttä ottavat",
        "People contacting customer service",
    ),
    ("app-users", "Sovelluksen käyttäjät", "App users"),
    ("shareholders", "Osakkeenomistajat", "Shareholders"),
    ("board-members", "Hallituksen jäsenet", "Board members"),
    ("volunteers", "Vapaaehtoiset", "Volunteers"),
    ("donors", "Lahjoittajat", "Donors"),
    ("tenants", "Vuokralaiset", "Tenants"),
    (
        "event-participants",
        "Tapahtumien osallistujat",
        "Event participants",
    ),
    (
        "research-participants",
        "Tutkimukseen osallistujat",
        "Research participants",
    ),
    (
        "cctv-subjects",
        "Kameravalvonnan kohteet",
        "People in the monitored area",
    ),
    ("drivers", "Ajoneuvojen kuljettajat", "Vehicle drivers"),
];

/// A kind of register: its name, who it is about and what it is for.
pub struct Topic {
    pub stem: &'static str,
    pub name: Text,
    pub subjects: &'static [&'static str],
    pub purposes: &'static [(&'static str, &'static str, LegalBasis)],
    /// The Art. 9(2) condition its special categories are processed on.
    pub condition: SpecialCategoryCondition,
}

use LegalBasis::{
    Consent, Contract, LegalObligation, LegitimateInterests, PublicTask, VitalInterests,
};
use SpecialCategoryCondition as Cond;

pub const TOPICS: [Topic; 22] = [
    Topic {
        stem: "asiakasrekisteri",
        name: ("Asiakasrekisteri", "Customer register"),
        subjects: &["customers", "customer-contacts"],
        purposes: &[
            (
                "Asiakassuhteen hoitaminen ja ylläpito",
                "Managing and maintaining the customer relationship",
                Contract,
            ),
            (
                "Laskutus ja perintä",
                "Invoicing and debt collection",
                Contract,
            ),
            (
                "Kirjanpitovelvoitteiden täyttäminen",
                "Meeting bookkeeping obligations",
                LegalObligation,
            ),
            (
                "Asiakaspalvelun laadun kehittäminen",
                "Improving the quality of customer service",
                LegitimateInterests,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "markkinointi",
        name: ("Markkinointirekisteri", "Marketing register"),
        subjects: &["prospects", "newsletter-subscribers", "customers"],
        purposes: &[
            ("Suoramarkkinointi", "Direct marketing", Consent),
            (
                "Uutiskirjeen lähettäminen",
                "Sending the newsletter",
                Consent,
            ),
            (
                "Markkinoinnin kohdentaminen",
                "Targeting marketing",
                LegitimateInterests,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "rekrytointi",
        name: ("Rekrytointirekisteri", "Recruitment register"),
        subjects: &["job-applicants"],
        purposes: &[
            (
                "Rekrytointiprosessin hoitaminen",
                "Running the recruitment process",
                Contract,
            ),
            (
                "Hakijoiden soveltuvuuden arviointi",
                "Assessing applicants' suitability",
                LegitimateInterests,
            ),
            (
                "Hakemusten säilyttäminen myöhempiä tehtäviä varten",
                "Keeping applications for later positions",
                Consent,
            ),
        ],
        condition: Cond::EmploymentSocialSecurity,
    },
    Topic {
        stem: "henkilosto",
        name: ("Henkilöstörekisteri", "Personnel register"),
        subjects: &["employees", "former-employees", "trainees"],
        purposes: &[
            (
                "Työsuhteen hoitaminen",
                "Managing the employment relationship",
                Contract,
            ),
            ("Palkanmaksu", "Payroll", Contract),
            (
                "Työnantajan lakisääteiset velvoitteet",
                "The employer's statutory obligations",
                LegalObligation,
            ),
            (
                "Työterveyshuollon järjestäminen",
                "Arranging occupational health care",
                LegalObligation,
            ),
        ],
        condition: Cond::EmploymentSocialSecurity,
    },
    Topic {
        stem: "kameravalvonta",
        name: ("Kameravalvontarekisteri", "Video surveillance register"),
        subjects: &["cctv-subjects", "visitors", "employees"],
        purposes: &[
            (
                "Omaisuuden ja henkilöiden turvallisuuden suojaaminen",
                "Protecting property and personal safety",
                LegitimateInterests,
            ),
            (
                "Rikosten ennaltaehkäisy ja selvittäminen",
                "Preventing and investigating crime",
                LegitimateInterests,
            ),
        ],
        condition: Cond::LegalClaims,
    },
    Topic {
        stem: "kulunvalvonta",
        name: ("Kulunvalvontarekisteri", "Access control register"),
        subjects: &["employees", "visitors", "contractor-staff"],
        purposes: &[
            (
                "Kulkuoikeuksien hallinta",
                "Managing access rights",
                LegitimateInterests,
            ),
            ("Työaikaseuranta", "Working time tracking", LegalObligation),
        ],
        condition: Cond::EmploymentSocialSecurity,
    },
    Topic {
        stem: "asiakaspalvelu",
        name: ("Asiakaspalvelujärjestelmä", "Customer service system"),
        subjects: &["customers", "service-contacts"],
        purposes: &[
            (
                "Tukipyyntöjen käsittely",
                "Handling support requests",
                Contract,
            ),
            (
                "Puheluiden tallentaminen laadunvarmistusta varten",
                "Recording calls for quality assurance",
                LegitimateInterests,
            ),
            (
                "Asiakaspalautteen käsittely",
                "Handling customer feedback",
                LegitimateInterests,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "verkkokauppa",
        name: (
            "Verkkokaupan asiakasrekisteri",
            "Online shop customer register",
        ),
        subjects: &["customers", "app-users"],
        purposes: &[
            (
                "Tilausten käsittely ja toimitus",
                "Processing and delivering orders",
                Contract,
            ),
            ("Maksujen käsittely", "Processing payments", Contract),
            (
                "Väärinkäytösten estäminen",
                "Preventing fraud",
                LegitimateInterests,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "verkkosivusto",
        name: ("Verkkosivuston kävijätiedot", "Website visitor data"),
        subjects: &["website-visitors"],
        purposes: &[
            (
                "Verkkosivuston toiminnan varmistaminen",
                "Keeping the website working",
                LegitimateInterests,
            ),
            ("Kävijäanalytiikka", "Visitor analytics", Consent),
            ("Mainonnan kohdentaminen", "Targeting advertising", Consent),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "potilasrekisteri",
        name: ("Potilasrekisteri", "Patient register"),
        subjects: &["patients", "relatives"],
        purposes: &[
            (
                "Potilaan hoidon järjestäminen ja toteuttaminen",
                "Organising and providing patient care",
                LegalObligation,
            ),
            (
                "Potilasasiakirjojen laatiminen ja säilyttäminen",
                "Preparing and keeping patient records",
                LegalObligation,
            ),
            ("Ajanvaraus", "Booking appointments", Contract),
        ],
        condition: Cond::HealthOrSocialCare,
    },
    Topic {
        stem: "opiskelijarekisteri",
        name: ("Opiskelijarekisteri", "Student register"),
        subjects: &["students", "guardians"],
        purposes: &[
            ("Opintojen järjestäminen", "Organising studies", PublicTask),
            (
                "Opintosuoritusten kirjaaminen",
                "Recording study credits",
                LegalObligation,
            ),
            ("Opiskelijahuolto", "Student welfare", PublicTask),
        ],
        condition: Cond::SubstantialPublicInterest,
    },
    Topic {
        stem: "jasenrekisteri",
        name: ("Jäsenrekisteri", "Membership register"),
        subjects: &["members"],
        purposes: &[
            ("Jäsenyyden hoitaminen", "Managing membership", Contract),
            (
                "Jäsenmaksujen perintä",
                "Collecting membership fees",
                Contract,
            ),
            (
                "Jäsentiedotus",
                "Member communications",
                LegitimateInterests,
            ),
        ],
        condition: Cond::NotForProfitBody,
    },
    Topic {
        stem: "sopimusrekisteri",
        name: ("Sopimusrekisteri", "Contract register"),
        subjects: &["partner-representatives", "supplier-representatives"],
        purposes: &[
            ("Sopimusten hallinta", "Managing contracts", Contract),
            (
                "Toimittajasuhteiden hoitaminen",
                "Managing supplier relationships",
                LegitimateInterests,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "tapahtumat",
        name: ("Tapahtumarekisteri", "Event register"),
        subjects: &["event-participants", "competition-entrants"],
        purposes: &[
            ("Tapahtumien järjestäminen", "Organising events", Contract),
            (
                "Osallistujaviestintä",
                "Participant communications",
                LegitimateInterests,
            ),
            (
                "Valokuvaus ja tapahtumaviestintä",
                "Photography and event communications",
                Consent,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "tutkimus",
        name: ("Tutkimusrekisteri", "Research register"),
        subjects: &["research-participants"],
        purposes: &[
            ("Tieteellinen tutkimus", "Scientific research", PublicTask),
            (
                "Tutkimusaineiston arkistointi",
                "Archiving research data",
                PublicTask,
            ),
        ],
        condition: Cond::ArchivingResearchStatistics,
    },
    Topic {
        stem: "ilmoituskanava",
        name: ("Väärinkäytösilmoituskanava", "Whistleblowing channel"),
        subjects: &["employees", "partner-representatives"],
        purposes: &[
            (
                "Väärinkäytösilmoitusten vastaanottaminen ja käsittely",
                "Receiving and handling whistleblowing reports",
                LegalObligation,
            ),
            (
                "Väärinkäytösten tutkinta",
                "Investigating misconduct",
                LegalObligation,
            ),
        ],
        condition: Cond::LegalClaims,
    },
    Topic {
        stem: "ajoneuvoseuranta",
        name: ("Ajoneuvojen seurantarekisteri", "Vehicle tracking register"),
        subjects: &["drivers", "employees"],
        purposes: &[
            (
                "Kaluston käytön seuranta",
                "Monitoring fleet use",
                LegitimateInterests,
            ),
            (
                "Ajopäiväkirjan pitäminen",
                "Keeping the driving log",
                LegalObligation,
            ),
        ],
        condition: Cond::EmploymentSocialSecurity,
    },
    Topic {
        stem: "asukasrekisteri",
        name: ("Asukasrekisteri", "Tenant register"),
        subjects: &["tenants"],
        purposes: &[
            ("Vuokrasuhteen hoitaminen", "Managing the tenancy", Contract),
            (
                "Vuokranmaksun valvonta",
                "Monitoring rent payments",
                Contract,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "lahjoittajat",
        name: ("Lahjoittajarekisteri", "Donor register"),
        subjects: &["donors"],
        purposes: &[
            (
                "Lahjoitusten vastaanottaminen",
                "Receiving donations",
                Contract,
            ),
            ("Varainhankinta", "Fundraising", LegitimateInterests),
        ],
        condition: Cond::NotForProfitBody,
    },
    Topic {
        stem: "osakasluettelo",
        name: ("Osakasluettelo", "Shareholder register"),
        subjects: &["shareholders", "board-members"],
        purposes: &[
            (
                "Osakasluettelon pitäminen",
                "Keeping the shareholder register",
                LegalObligation,
            ),
            (
                "Yhtiökokousten järjestäminen",
                "Organising general meetings",
                LegalObligation,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "sovellus",
        name: (
            "Mobiilisovelluksen käyttäjärekisteri",
            "Mobile app user register",
        ),
        subjects: &["app-users"],
        purposes: &[
            ("Sovelluksen tarjoaminen", "Providing the app", Contract),
            (
                "Sovelluksen kehittäminen",
                "Developing the app",
                LegitimateInterests,
            ),
            (
                "Push-ilmoitusten lähettäminen",
                "Sending push notifications",
                Consent,
            ),
        ],
        condition: Cond::ExplicitConsent,
    },
    Topic {
        stem: "vapaaehtoiset",
        name: ("Vapaaehtoisrekisteri", "Volunteer register"),
        subjects: &["volunteers"],
        purposes: &[
            (
                "Vapaaehtoistoiminnan koordinointi",
                "Coordinating volunteering",
                LegitimateInterests,
            ),
            (
                "Rikostaustan selvittäminen lasten kanssa työskenneltäessä",
                "Checking criminal background for work with children",
                LegalObligation,
            ),
            (
                "Hätätilanteissa toimiminen",
                "Acting in emergencies",
                VitalInterests,
            ),
        ],
        condition: Cond::VitalInterests,
    },
];

/// The interest pursued under Art. 6(1)(f).
pub const INTERESTS: [Text; 5] = [
    (
        "Rekisterinpitäjän oikeutettu etu kehittää palvelujaan",
        "The controller's legitimate interest in developing its services",
    ),
    (
        "Rekisterinpitäjän ja rekisteröidyn välinen asiakassuhde",
        "The customer relationship between the controller and the data subject",
    ),
    (
        "Omaisuuden ja henkilöiden turvallisuuden suojaaminen",
        "Protecting property and people",
    ),
    (
        "Oikeudellisten vaatimusten laatiminen, esittäminen ja puolustaminen",
        "Establishing, exercising and defending legal claims",
    ),
    (
        "Väärinkäytösten ja petosten estäminen",
        "Preventing misuse and fraud",
    ),
];

/// A base data category: key, names, weight, and its Art. 9 / Art. 87 / Art. 10 flags.
pub struct Category {
    pub key: &'static str,
    pub name: Text,
    pub weight: f64,
    pub special: bool,
    pub national_id: bool,
    pub criminal: bool,
}

const fn plain(key: &'static str, fi: &'static str, en: &'static str, weight: f64) -> Category {
    Category {
        key,
        name: (fi, en),
        weight,
        special: false,
        national_id: false,
        criminal: false,
    }
}

const fn special(key: &'static str, fi: &'static str, en: &'static str, weight: f64) -> Category {
    Category {
        special: true,
        ..plain(key, fi, en, weight)
    }
}

/// The taxonomy's base entries; each also comes in the `CONTEXTS` below.
pub const CATEGORIES: [Category; 78] = [
    plain("name", "Nimi", "Name", 30.0),
    plain("email", "Sähköpostiosoite", "Email address", 25.0),
    plain("phone", "Puhelinnumero", "Phone number", 22.0),
    plain("address", "Osoitetiedot", "Address details", 18.0),
    plain("date-of-birth", "Syntymäaika", "Date of birth", 8.0),
    plain("customer-number", "Asiakasnumero", "Customer number", 10.0),
    plain("order-history", "Tilaushistoria", "Order history", 6.0),
    plain("billing", "Laskutustiedot", "Billing details", 8.0),
    plain("payment", "Maksutiedot", "Payment details", 6.0),
    plain(
        "bank-account",
        "Pankkitilin numero",
        "Bank account number",
        4.0,
    ),
    plain("language", "Asiointikieli", "Language preference", 5.0),
    plain(
        "marketing-permissions",
        "Markkinointiluvat ja -kiellot",
        "Marketing permissions and objections",
        6.0,
    ),
    plain("ip-address", "IP-osoite", "IP address", 6.0),
    plain("cookie-ids", "Evästetunnisteet", "Cookie identifiers", 5.0),
    plain("device", "Laitetiedot", "Device details", 4.0),
    plain("browser", "Selaintiedot", "Browser details", 3.0),
    plain("location", "Sijaintitiedot", "Location data", 3.0),
    plain("username", "Käyttäjätunnus", "Username", 6.0),
    plain("password-hash", "Salasanan tiiviste", "Password hash", 3.0),
    plain(
        "service-history",
        "Asiointihistoria",
        "Service history",
        5.0,
    ),
    plain("feedback", "Asiakaspalautteet", "Customer feedback", 4.0),
    plain(
        "communications",
        "Viestintäsisällöt",
        "Content of communications",
        5.0,
    ),
    plain(
        "call-recordings",
        "Puhelutallenteet",
        "Call recordings",
        3.0,
    ),
    plain("photo", "Valokuva", "Photograph", 3.0),
    plain(
        "cctv",
        "Kameravalvontatallenteet",
        "Video surveillance recordings",
        2.0,
    ),
    plain("access-logs", "Kulkutiedot", "Access logs", 3.0),
    plain("employer", "Työnantaja", "Employer", 4.0),
    plain("job-title", "Ammattinimike", "Job title", 5.0),
    plain(
        "organisation",
        "Organisaatiotiedot",
        "Organisation details",
        5.0,
    ),
    plain("education", "Koulutustiedot", "Education details", 3.0),
    plain("work-experience", "Työkokemus", "Work experience", 3.0),
    plain("cv", "Ansioluettelo", "Curriculum vitae", 2.0),
    plain("salary", "Palkkatiedot", "Salary details", 3.0),
    plain("tax", "Verotiedot", "Tax details", 2.0),
    plain("working-time", "Työaikatiedot", "Working time records", 3.0),
    plain("holidays", "Lomatiedot", "Holiday records", 2.0),
    plain("absences", "Poissaolotiedot", "Absence records", 2.0),
    plain(
        "emergency-contact",
        "Lähiomaisen yhteystiedot",
        "Emergency contact details",
        2.0,
    ),
    plain("gender", "Sukupuoli", "Gender", 3.0),
    plain("age", "Ikä", "Age", 3.0),
    plain("nationality", "Kansalaisuus", "Nationality", 2.0),
    plain("mother-tongue", "Äidinkieli", "Mother tongue", 2.0),
    plain(
        "vehicle-registration",
        "Ajoneuvon rekisterinumero",
        "Vehicle registration number",
        2.0,
    ),
    plain("gps", "GPS-sijainti", "GPS position", 1.0),
    plain("study-records", "Opintosuoritukset", "Study records", 2.0),
    plain("student-number", "Opiskelijanumero", "Student number", 2.0),
    plain("member-number", "Jäsennumero", "Membership number", 2.0),
    plain(
        "membership-fees",
        "Jäsenmaksutiedot",
        "Membership fee details",
        2.0,
    ),
    plain("contract", "Sopimustiedot", "Contract details", 4.0),
    plain("credit", "Luottotiedot", "Credit information", 2.0),
    plain("signature", "Allekirjoitus", "Signature", 1.0),
    plain("donations", "Lahjoitushistoria", "Donation history", 1.0),
    plain("shareholding", "Osakeomistus", "Shareholding", 1.0),
    plain("interests", "Kiinnostuksen kohteet", "Interests", 2.0),
    plain(
        "consents",
        "Suostumukset ja kiellot",
        "Consents and objections",
        3.0,
    ),
    plain("logs", "Lokitiedot", "Log data", 4.0),
    plain("guardian", "Huoltajan tiedot", "Guardian details", 1.0),
    plain(
        "purchasing",
        "Ostokäyttäytyminen",
        "Purchasing behaviour",
        2.0,
    ),
    plain("segment", "Asiakassegmentti", "Customer segment", 2.0),
    plain(
        "event-registrations",
        "Tapahtumailmoittautumiset",
        "Event registrations",
        1.0,
    ),
    plain("diet", "Erityisruokavaliot", "Dietary requirements", 1.0),
    plain("title", "Titteli", "Title", 2.0),
    plain(
        "social-media",
        "Sosiaalisen median tunnukset",
        "Social media handles",
        1.0,
    ),
    special("health", "Terveystiedot", "Health data", 2.5),
    special(
        "ethnic-origin",
        "Etninen alkuperä",
        "Racial or ethnic origin",
        0.3,
    ),
    special(
        "religion",
        "Uskonnollinen vakaumus",
        "Religious beliefs",
        0.3,
    ),
    special(
        "political-opinions",
        "Poliittiset mielipiteet",
        "Political opinions",
        0.2,
    ),
    special(
        "trade-union",
        "Ammattiliiton jäsenyys",
        "Trade union membership",
        0.6,
    ),
    special("genetic", "Geneettiset tiedot", "Genetic data", 0.2),
    special(
        "biometric",
        "Biometriset tunnisteet",
        "Biometric identifiers",
        0.4,
    ),
    special(
        "sexual-orientation",
        "Seksuaalinen suuntautuminen",
        "Sexual orientation",
        0.1,
    ),
    special("diagnoses", "Diagnoosit", "Diagnoses", 0.8),
    special("medication", "Lääkitystiedot", "Medication data", 0.5),
    special("sick-leave", "Sairauspoissaolot", "Sick leave records", 1.0),
    Category {
        national_id: true,
        ..plain(
            "national-id",
            "Henkilötunnus",
            "Personal identity code",
            3.0,
        )
    },
    Category {
        criminal: true,
        ..plain(
            "criminal-record",
            "Rikostaustaote",
            "Criminal record extract",
            0.4,
        )
    },
    Category {
        criminal: true,
        ..plain(
            "suspected-offences",
            "Rikosepäilyt",
            "Suspected offences",
            0.2,
        )
    },
    plain(
        "preferences",
        "Asiakkaan valinnat ja asetukset",
        "Customer choices and settings",
        2.0,
    ),
];

/// The taxonomy distinguishes a category by whose data it is: (key suffix, fi, en).
pub const CONTEXTS: [(&str, &str, &str); 4] = [
    ("", "", ""),
    ("customers", "asiakkaat", "customers"),
    ("staff", "henkilöstö", "staff"),
    ("stakeholders", "sidosryhmät", "stakeholders"),
];

pub const SOURCES: [(SourceKind, Text); 8] = [
    (
        SourceKind::DataSubject,
        (
            "Tiedot saadaan rekisteröidyltä itseltään.",
            "The data is obtained from the data subjects themselves.",
        ),
    ),
    (
        SourceKind::PublicRegister,
        (
            "Väestötietojärjestelmä ja kaupparekisteri.",
            "The Population Information System and the Trade Register.",
        ),
    ),
    (
        SourceKind::UpdateService,
        (
            "Postin osoitepäivityspalvelu.",
            "Posti's address update service.",
        ),
    ),
    (
        SourceKind::CookiesTracking,
        (
            "Verkkosivuston evästeet ja analytiikkatyökalut.",
            "Website cookies and analytics tools.",
        ),
    ),
    (
        SourceKind::Partner,
        (
            "Yhteistyökumppaneilta sopimuksen perusteella.",
            "From partners under agreement.",
        ),
    ),
    (
        SourceKind::SocialMedia,
        ("Sosiaalisen median palvelut.", "Social media services."),
    ),
    (
        SourceKind::Authority,
        (
            "Viranomaisilta lain nojalla.",
            "From authorities as provided by law.",
        ),
    ),
    (
        SourceKind::Other,
        (
            "Rekisterinpitäjän omat tietojärjestelmät.",
            "The controller's own information systems.",
        ),
    ),
];

pub const TRIGGERS: [Text; 8] = [
    (
        "asiakassuhteen päättymisestä",
        "after the customer relationship ends",
    ),
    ("työsuhteen päättymisestä", "after the employment ends"),
    ("tallentamisesta", "after recording"),
    ("viimeisestä yhteydenotosta", "after the last contact"),
    (
        "tilikauden päättymisestä",
        "after the end of the financial year",
    ),
    (
        "hakuprosessin päättymisestä",
        "after the recruitment process ends",
    ),
    ("jäsenyyden päättymisestä", "after the membership ends"),
    ("tiketin sulkemisen jälkeen", "after the ticket is closed"),
];

pub const PERIODS: [(i32, RetentionUnit); 14] = [
    (10, RetentionUnit::Year),
    (6, RetentionUnit::Year),
    (5, RetentionUnit::Year),
    (3, RetentionUnit::Year),
    (2, RetentionUnit::Year),
    (1, RetentionUnit::Year),
    (24, RetentionUnit::Month),
    (12, RetentionUnit::Month),
    (6, RetentionUnit::Month),
    (3, RetentionUnit::Month),
    (90, RetentionUnit::Day),
    (61, RetentionUnit::Day),
    (30, RetentionUnit::Day),
    (2, RetentionUnit::Week),
];

pub const CRITERIA: [Text; 3] = [
    (
        "Tietoja säilytetään niin kauan kuin ne ovat tarpeen käsittelyn tarkoituksen kannalta.",
        "The data is kept as long as needed for the purpose of the processing.",
    ),
    (
        "Säilytysaika määräytyy potilasasiakirjoista annetun asetuksen (298/2009) mukaan.",
        "The retention period is set by the decree on patient records (298/2009).",
    ),
    (
        "Säilytysaika määräytyy kirjanpitolain (1336/1997) mukaan.",
        "The retention period is set by the Accounting Act (1336/1997).",
    ),
];

pub const EXCEPTIONS: Text = (
    "Tietoja voidaan säilyttää pidempään oikeudellisen vaatimuksen laatimiseksi, esittämiseksi tai puolustamiseksi.",
    "Data may be kept longer to establish, exercise or defend legal claims.",
);

pub const SECURITY: [(SecurityKind, Option<Material>, Text); 10] = [
    (
        SecurityKind::Technical,
        Some(Material::Electronic),
        (
            "Tietoliikenne on salattu (TLS).",
            "Network traffic is encrypted (TLS).",
        ),
    ),
    (
        SecurityKind::Technical,
        Some(Material::Electronic),
        (
            "Järjestelmiin kirjaudutaan henkilökohtaisilla tunnuksilla ja monivaiheisella tunnistautumisella.",
            "Systems are accessed with personal credentials and multi-factor authentication.",
        ),
    ),
    (
        SecurityKind::Technical,
        Some(Material::Electronic),
        (
            "Tietokannat varmuuskopioidaan ja varmuuskopiot salataan.",
            "Databases are backed up and the backups encrypted.",
        ),
    ),
    (
        SecurityKind::Technical,
        Some(Material::Electronic),
        (
            "Palomuurit ja tunkeutumisen havainnointi.",
            "Firewalls and intrusion detection.",
        ),
    ),
    (
        SecurityKind::Technical,
        None,
        (
            "Käyttöoikeudet rajataan tehtävien mukaan ja käyttöä lokitetaan.",
            "Access rights are limited by role and use is logged.",
        ),
    ),
    (
        SecurityKind::Organisational,
        None,
        (
            "Henkilöstö on sitoutunut vaitioloon.",
            "Staff are bound by confidentiality.",
        ),
    ),
    (
        SecurityKind::Organisational,
        None,
        (
            "Henkilöstö koulutetaan tietosuojaan vuosittain.",
            "Staff receive data protection training every year.",
        ),
    ),
    (
        SecurityKind::Organisational,
        Some(Material::Electronic),
        (
            "Käsittelijöiden kanssa on tehty tietojenkäsittelysopimukset.",
            "Data processing agreements are in place with processors.",
        ),
    ),
    (
        SecurityKind::Organisational,
        Some(Material::Manual),
        (
            "Paperiset asiakirjat säilytetään lukituissa tiloissa.",
            "Paper documents are kept in locked premises.",
        ),
    ),
    (
        SecurityKind::Organisational,
        Some(Material::Manual),
        (
            "Paperiaineisto hävitetään tietoturvallisesti.",
            "Paper material is destroyed securely.",
        ),
    ),
];

pub const NO_AUTOMATED_DECISIONS: Text = (
    "Rekisterin avulla ei tehdä profilointia eikä muuta automaattista päätöksentekoa.",
    "No profiling or other automated decision-making is carried out with the register.",
);

pub const PROFILING: Text = (
    "Asiakkaita profiloidaan markkinoinnin kohdentamiseksi; oikeusvaikutuksia tuottavia päätöksiä ei tehdä automaattisesti.",
    "Customers are profiled to target marketing; no decisions with legal effects are made automatically.",
);

pub const NATIONAL_ID_GROUND: Text = (
    "Tietosuojalain (1050/2018) 29 §:n 1 momentin 1 kohta: rekisteröidyn yksiselitteinen tunnistaminen on tarpeen lakisääteisen tehtävän suorittamiseksi.",
    "Data Protection Act (1050/2018) section 29(1)(1): identifying the data subject unambiguously is needed for a statutory task.",
);

pub const CRIMINAL_GROUND: Text = (
    "Laki lasten kanssa työskentelevien rikostaustan selvittämisestä (504/2002).",
    "Act on checking the criminal background of persons working with children (504/2002).",
);

pub const UNITS: [Text; 8] = [
    ("pääkonttori", "head office"),
    ("Helsingin toimipiste", "Helsinki office"),
    ("Tampereen toimipiste", "Tampere office"),
    ("Oulun toimipiste", "Oulu office"),
    ("Turun toimipiste", "Turku office"),
    ("verkkopalvelut", "online services"),
    ("kuluttaja-asiakkaat", "consumer customers"),
    ("yritysasiakkaat", "business customers"),
];
