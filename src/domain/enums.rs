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
