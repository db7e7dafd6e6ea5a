//! The closed vocabularies of the graph. Each is stored as its upper-case
//! name, serialized as that name in inventory documents, and exposed under the
//! same name in GraphQL, so one spelling holds everywhere.

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, async_graphql::Enum)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Reads a stored value; `None` for a value this build does not know.
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

string_enum! {
    /// Languages notices and localized text are kept in.
    Language {
        Fi = "FI",
        Sv = "SV",
        En = "EN",
    }
}

string_enum! {
    /// Lawfulness of processing, GDPR Art. 6(1)(a)–(f).
    LegalBasis {
        /// Art. 6(1)(a): the data subject's consent.
        Consent = "CONSENT",
        /// Art. 6(1)(b): performance of a contract with the data subject.
        Contract = "CONTRACT",
        /// Art. 6(1)(c): a legal obligation of the controller.
        LegalObligation = "LEGAL_OBLIGATION",
        /// Art. 6(1)(d): vital interests of a natural person.
        VitalInterests = "VITAL_INTERESTS",
        /// Art. 6(1)(e): a task in the public interest or official authority.
        PublicTask = "PUBLIC_TASK",
        /// Art. 6(1)(f): legitimate interests of the controller or a third party.
        LegitimateInterests = "LEGITIMATE_INTERESTS",
    }
}

string_enum! {
    /// Conditions for processing special categories of data, GDPR Art. 9(2)(a)–(j).
    SpecialCategoryCondition {
        /// Art. 9(2)(a)
        ExplicitConsent = "EXPLICIT_CONSENT",
        /// Art. 9(2)(b)
        EmploymentSocialSecurity = "EMPLOYMENT_SOCIAL_SECURITY",
        /// Art. 9(2)(c)
        VitalInterests = "VITAL_INTERESTS",
        /// Art. 9(2)(d)
        NotForProfitBody = "NOT_FOR_PROFIT_BODY",
        /// Art. 9(2)(e)
        MadePublic = "MADE_PUBLIC",
        /// Art. 9(2)(f)
        LegalClaims = "LEGAL_CLAIMS",
        /// Art. 9(2)(g)
        SubstantialPublicInterest = "SUBSTANTIAL_PUBLIC_INTEREST",
        /// Art. 9(2)(h)
        HealthOrSocialCare = "HEALTH_OR_SOCIAL_CARE",
        /// Art. 9(2)(i)
        PublicHealth = "PUBLIC_HEALTH",
        /// Art. 9(2)(j)
        ArchivingResearchStatistics = "ARCHIVING_RESEARCH_STATISTICS",
    }
}

string_enum! {
    /// Legal ground of a transfer to a third country, GDPR Chapter V.
    TransferMechanism {
        /// Art. 45 adequacy decision for the destination country.
        AdequacyDecision = "ADEQUACY_DECISION",
        /// EU–US Data Privacy Framework (adequacy decision of 10.7.2023) for a certified recipient.
        DataPrivacyFramework = "DATA_PRIVACY_FRAMEWORK",
        /// Art. 46(2)(c) standard contractual clauses (Decision 2021/914).
        StandardContractualClauses = "STANDARD_CONTRACTUAL_CLAUSES",
        /// Art. 47 binding corporate rules.
        BindingCorporateRules = "BINDING_CORPORATE_RULES",
        /// Art. 49 derogation for specific situations.
        Derogation = "DEROGATION",
        /// EU–US Privacy Shield: invalid since 16.7.2020 (C-311/18, Schrems II); kept so it can be flagged.
        PrivacyShield = "PRIVACY_SHIELD",
        /// No mechanism.
        None = "NONE",
        /// The source does not say.
        Unknown = "UNKNOWN",
    }
}

impl TransferMechanism {
    /// The day a court or the Commission took the mechanism away: from then
    /// on it is no lawful basis for a transfer and a notice must not present
    /// it as one.
    pub fn invalidated_on(self) -> Option<chrono::NaiveDate> {
        match self {
            // CJEU C-311/18 (Schrems II).
            Self::PrivacyShield => chrono::NaiveDate::from_ymd_opt(2020, 7, 16),
            _ => None,
        }
    }

    /// Whether the mechanism is no valid basis on `day`.
    pub fn invalid_on(self, day: chrono::NaiveDate) -> bool {
        self.invalidated_on().is_some_and(|since| day >= since)
    }
}

string_enum! {
    /// What a controller states of a list it leaves empty (recipients,
    /// transfers). Left unset, the notice says the controller has not stated
    /// it: an empty list is no statement.
    AbsenceStatement {
        /// There are none ("Tietoja ei luovuteta").
        None = "NONE",
        /// None regularly ("Tietoja ei luovuteta säännönmukaisesti").
        NoneRegularly = "NONE_REGULARLY",
    }
}

string_enum! {
    /// Role of a contact.
    ContactRole {
        /// Data protection officer (GDPR Art. 37–39).
        Dpo = "DPO",
        /// Contact person for the register.
        ContactPerson = "CONTACT_PERSON",
        /// A customer service function.
        CustomerService = "CUSTOMER_SERVICE",
        Other = "OTHER",
    }
}

string_enum! {
    /// Life cycle of a register.
    RegisterStatus {
        Draft = "DRAFT",
        Active = "ACTIVE",
        Retired = "RETIRED",
    }
}

string_enum! {
    /// Kind of a data source (GDPR Art. 14(2)(f)).
    SourceKind {
        DataSubject = "DATA_SUBJECT",
        PublicRegister = "PUBLIC_REGISTER",
        UpdateService = "UPDATE_SERVICE",
        CookiesTracking = "COOKIES_TRACKING",
        Partner = "PARTNER",
        SocialMedia = "SOCIAL_MEDIA",
        Authority = "AUTHORITY",
        Other = "OTHER",
    }
}

string_enum! {
    /// Role of a processor engagement (GDPR Art. 28(2) and (4)).
    EngagementRole {
        Processor = "PROCESSOR",
        SubProcessor = "SUB_PROCESSOR",
    }
}

string_enum! {
    /// Unit of a retention period.
    RetentionUnit {
        Day = "DAY",
        Week = "WEEK",
        Month = "MONTH",
        Year = "YEAR",
    }
}

string_enum! {
    /// Kind of a security measure (GDPR Art. 32).
    SecurityKind {
        Technical = "TECHNICAL",
        Organisational = "ORGANISATIONAL",
    }
}

string_enum! {
    /// The material a security measure protects, as Finnish notices divide it.
    Material {
        Manual = "MANUAL",
        Electronic = "ELECTRONIC",
    }
}

string_enum! {
    /// A region named as a destination where a notice names no country
    /// ("EU:n tai ETA:n alueella", "worldwide").
    Region {
        /// The European Union.
        Eu = "EU",
        /// The European Economic Area (the EU, Iceland, Liechtenstein, Norway).
        Eea = "EEA",
        /// Outside the EU/EEA, in third countries the source does not name.
        ThirdCountries = "THIRD_COUNTRIES",
        /// Anywhere, third countries included.
        Worldwide = "WORLDWIDE",
    }
}

impl Region {
    /// Whether every place in the region is inside the EEA, so that no
    /// Chapter V mechanism is needed.
    pub fn within_eea(self) -> bool {
        matches!(self, Self::Eu | Self::Eea)
    }
}

string_enum! {
    /// How firmly a notice states an item of a list: as a certainty (unset),
    /// or hedged as the source hedges it.
    Hedge {
        /// "voidaan luovuttaa", "may be disclosed".
        Possibly = "POSSIBLY",
        /// "ei säännönmukaisesti", "occasionally, not regularly".
        Occasionally = "OCCASIONALLY",
        /// "esimerkiksi", "for example": one of a kind the source does not list in full.
        ForExample = "FOR_EXAMPLE",
    }
}

string_enum! {
    /// Which standard contractual clauses were signed (Art. 46(2)(c)).
    SccVersion {
        /// Commission Implementing Decision (EU) 2021/914, in use from 27.9.2021.
        Scc2021 = "SCC_2021",
        /// Commission Decision 2010/87/EU (controller to processor); valid until 27.12.2022.
        Scc2010 = "SCC_2010",
        /// Commission Decision 2004/915/EC (controller to controller, set II); valid until 27.12.2022.
        Scc2004 = "SCC_2004",
        /// Commission Decision 2001/497/EC (controller to controller, set I); valid until 27.12.2022.
        Scc2001 = "SCC_2001",
    }
}

impl SccVersion {
    /// The Commission decision that adopted the clauses.
    pub fn decision(self) -> &'static str {
        match self {
            Self::Scc2021 => "(EU) 2021/914",
            Self::Scc2010 => "2010/87/EU",
            Self::Scc2004 => "2004/915/EC",
            Self::Scc2001 => "2001/497/EC",
        }
    }

    /// The last day the clauses were a valid safeguard, for the repealed sets
    /// (Decision 2021/914, Art. 4(4): contracts concluded before 27.9.2021
    /// stayed valid until 27.12.2022).
    pub fn valid_until(self) -> Option<chrono::NaiveDate> {
        match self {
            Self::Scc2021 => None,
            _ => chrono::NaiveDate::from_ymd_opt(2022, 12, 27),
        }
    }
}

string_enum! {
    /// How data are disposed of when their retention period ends.
    RetentionDisposal {
        /// Deleted as each period ends.
        Continuous = "CONTINUOUS",
        /// Deleted in a yearly run ("poistetaan kerran vuodessa").
        Yearly = "YEARLY",
        /// Not deleted automatically: deleted by hand.
        Manual = "MANUAL",
    }
}

string_enum! {
    /// Whether the data subject must provide the data (Art. 13(2)(e)).
    ProvisionRequirement {
        /// Required by law.
        Statutory = "STATUTORY",
        /// Required by a contract.
        Contractual = "CONTRACTUAL",
        /// A requirement necessary to enter into a contract.
        ContractPrerequisite = "CONTRACT_PREREQUISITE",
        /// Voluntary.
        Voluntary = "VOLUNTARY",
    }
}

string_enum! {
    /// A right of the data subject (GDPR Chapter III, Art. 7(3)).
    DataSubjectRight {
        /// Art. 15
        Access = "ACCESS",
        /// Art. 16
        Rectification = "RECTIFICATION",
        /// Art. 17
        Erasure = "ERASURE",
        /// Art. 18
        Restriction = "RESTRICTION",
        /// Art. 20
        Portability = "PORTABILITY",
        /// Art. 21
        Objection = "OBJECTION",
        /// Art. 22: not to be subject to a decision based solely on automated processing.
        AutomatedDecision = "AUTOMATED_DECISION",
        /// Art. 7(3)
        WithdrawConsent = "WITHDRAW_CONSENT",
    }
}

string_enum! {
    /// How a register states a right where it departs from what the law
    /// derives from its legal bases.
    RightApplies {
        /// The right applies.
        Applies = "APPLIES",
        /// The right applies within the conditions stated.
        Limited = "LIMITED",
        /// The right does not apply, for the reason stated.
        DoesNotApply = "DOES_NOT_APPLY",
    }
}

string_enum! {
    /// A way to reach an organization.
    ChannelKind {
        Email = "EMAIL",
        Phone = "PHONE",
        /// A web form or portal.
        Web = "WEB",
        Postal = "POSTAL",
    }
}
