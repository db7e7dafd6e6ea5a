//! References to statutes: the national law a legal basis rests on
//! (GDPR Art. 6(3)), the act that sets a retention period. An act is named
//! by its number as published ("1050/2018" in Finlex, "2016/679" in the
//! Official Journal); the acts a notice cites most often ship with their
//! names, so the notice can say "tietosuojalaki (1050/2018)" from the number.

use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};

use super::{Localized, enums::Language};

/// A statute and, optionally, the provision within it.
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, InputObject, SimpleObject,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[graphql(input_name = "LawReferenceInput")]
pub struct LawReference {
    /// The act's number as published: "1050/2018" (Finnish statute, number/year),
    /// "2016/679" (an EU regulation, year/number).
    pub act: String,
    /// The provision, as the act numbers it: "29 §", "2 luku 10 §", "6 artiklan 1 kohdan c alakohta".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The act's name, when it is not one of the acts ropagraph knows by number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Localized>,
}

/// An act ropagraph knows by its number.
struct Act {
    number: &'static str,
    fi: &'static str,
    sv: &'static str,
    en: &'static str,
}

const ACTS: &[Act] = &[
    Act {
        number: "2016/679",
        fi: "EU:n yleinen tietosuoja-asetus",
        sv: "EU:s allmänna dataskyddsförordning",
        en: "the EU General Data Protection Regulation",
    },
    Act {
        number: "1050/2018",
        fi: "tietosuojalaki",
        sv: "dataskyddslagen",
        en: "the Data Protection Act",
    },
    Act {
        number: "1336/1997",
        fi: "kirjanpitolaki",
        sv: "bokföringslagen",
        en: "the Accounting Act",
    },
    Act {
        number: "621/1999",
        fi: "laki viranomaisten toiminnan julkisuudesta",
        sv: "lagen om offentlighet i myndigheternas verksamhet",
        en: "the Act on the Openness of Government Activities",
    },
    Act {
        number: "917/2014",
        fi: "laki sähköisen viestinnän palveluista",
        sv: "lagen om tjänster inom elektronisk kommunikation",
        en: "the Act on Electronic Communications Services",
    },
    Act {
        number: "759/2004",
        fi: "laki yksityisyyden suojasta työelämässä",
        sv: "lagen om integritetsskydd i arbetslivet",
        en: "the Act on the Protection of Privacy in Working Life",
    },
    Act {
        number: "785/1992",
        fi: "laki potilaan asemasta ja oikeuksista",
        sv: "lagen om patientens ställning och rättigheter",
        en: "the Act on the Status and Rights of Patients",
    },
    Act {
        number: "55/2001",
        fi: "työsopimuslaki",
        sv: "arbetsavtalslagen",
        en: "the Employment Contracts Act",
    },
    Act {
        number: "523/1999",
        fi: "henkilötietolaki (kumottu)",
        sv: "personuppgiftslagen (upphävd)",
        en: "the Personal Data Act (repealed)",
    },
];

impl LawReference {
    /// The act's name in `language`: the reference's own title, else the
    /// name ropagraph knows for the number, else none.
    pub fn act_name(&self, language: Language) -> Option<&str> {
        if let Some(title) = self.title.as_ref().and_then(|t| t.get(language)) {
            return Some(title);
        }
        ACTS.iter()
            .find(|a| a.number == self.act)
            .map(|a| match language {
                Language::Fi => a.fi,
                Language::Sv => a.sv,
                Language::En => a.en,
            })
    }

    /// How a notice cites it: "tietosuojalaki (1050/2018) 29 §".
    pub fn cite(&self, language: Language) -> String {
        let act = match self.act_name(language) {
            Some(name) => format!("{name} ({})", self.act),
            None => self.act.clone(),
        };
        match &self.section {
            Some(section) => format!("{act} {section}"),
            None => act,
        }
    }

    /// The day the act cited stopped being in force, for the repealed acts
    /// notices still cite: the Personal Data Act 523/1999 (repealed by the
    /// Data Protection Act 1050/2018 from 1.1.2019) and Directive 95/46/EC
    /// (repealed by the GDPR from 25.5.2018).
    pub fn repealed_on(&self) -> Option<chrono::NaiveDate> {
        match self.act.as_str() {
            "523/1999" => chrono::NaiveDate::from_ymd_opt(2019, 1, 1),
            "95/46/EY" | "95/46/EC" | "95/46/EU" | "95/46" => {
                chrono::NaiveDate::from_ymd_opt(2018, 5, 25)
            }
            _ => None,
        }
    }

    /// Whether `act` reads as a statute number: digits, a slash, digits, and
    /// for EU directives an optional "/EU", "/EC" or "/EY" ("95/46/EY").
    pub fn check_act(act: &str) -> Result<(), String> {
        let mut parts = act.split('/');
        let digits = |p: Option<&str>| {
            p.is_some_and(|p| {
                !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit())
            })
        };
        let ok = digits(parts.next())
            && digits(parts.next())
            && parts
                .next()
                .is_none_or(|suffix| ["EU", "EC", "EY", "EEC", "ETY"].contains(&suffix))
            && parts.next().is_none();
        if ok {
            Ok(())
        } else {
            Err(format!(
                "\"{act}\" is not a statute number: write it as published, e.g. \"1050/2018\" (Finlex) or \"2016/679\" (EU)"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_act_is_cited_by_name_and_number() {
        let law = LawReference {
            act: "1050/2018".into(),
            section: Some("29 §".into()),
            title: None,
        };
        assert_eq!(law.cite(Language::Fi), "tietosuojalaki (1050/2018) 29 §");
        assert_eq!(law.cite(Language::Sv), "dataskyddslagen (1050/2018) 29 §");
        let unknown = LawReference {
            act: "1326/2010".into(),
            section: None,
            title: Some(Localized::finnish("terveydenhuoltolaki")),
        };
        assert_eq!(
            unknown.cite(Language::En),
            "terveydenhuoltolaki (1326/2010)"
        );
        let bare = LawReference {
            act: "1326/2010".into(),
            ..LawReference::default()
        };
        assert_eq!(bare.cite(Language::Fi), "1326/2010");
    }

    #[test]
    fn statute_numbers_are_checked() {
        for good in ["1050/2018", "2016/679", "95/46/EY", "2010/87/EU"] {
            assert_eq!(LawReference::check_act(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "tietosuojalaki",
            "1050",
            "1050/2018/x",
            "/2018",
            "1050/",
        ] {
            assert!(LawReference::check_act(bad).is_err(), "{bad}");
        }
    }
}
