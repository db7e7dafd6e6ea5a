//! Supervisory authorities (GDPR Art. 51) as shipped reference data: the
//! authority a data subject may complain to (Art. 77) when a register names
//! none of its own, chosen by the controller's country of establishment.
//!
//! Only authorities whose contact details have been checked against their own
//! pages are listed; a country missing here makes the notice say that the
//! controller has not named its authority, never a guess.

use crate::domain::enums::Language;

/// One national supervisory authority.
#[derive(Debug)]
pub struct Authority {
    /// ISO 3166-1 alpha-2 of the member state.
    pub country: &'static str,
    pub name: Names,
    pub postal_address: &'static str,
    pub visiting_address: Option<&'static str>,
    pub email: &'static str,
    pub phone: &'static str,
    pub website: &'static str,
}

/// An authority's name in the notice languages.
#[derive(Debug)]
pub struct Names {
    pub fi: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

impl Authority {
    pub fn name(&self, language: Language) -> &'static str {
        match language {
            Language::Fi => self.name.fi,
            Language::Sv => self.name.sv,
            Language::En => self.name.en,
        }
    }
}

const AUTHORITIES: &[Authority] = &[
    Authority {
        country: "FI",
        name: Names {
            fi: "Tietosuojavaltuutetun toimisto",
            sv: "Dataombudsmannens byrå",
            en: "Office of the Data Protection Ombudsman",
        },
        postal_address: "PL 800, 00531 Helsinki",
        visiting_address: Some("Lintulahdenkuja 4, 00530 Helsinki"),
        email: "tietosuoja@om.fi",
        phone: "029 566 6700",
        website: "https://tietosuoja.fi",
    },
    Authority {
        country: "SE",
        name: Names {
            fi: "Integritetsskyddsmyndigheten (IMY)",
            sv: "Integritetsskyddsmyndigheten (IMY)",
            en: "Swedish Authority for Privacy Protection (IMY)",
        },
        postal_address: "Box 8114, 104 20 Stockholm",
        visiting_address: None,
        email: "imy@imy.se",
        phone: "+46 8 657 61 00",
        website: "https://www.imy.se",
    },
    Authority {
        country: "EE",
        name: Names {
            fi: "Andmekaitse Inspektsioon",
            sv: "Andmekaitse Inspektsioon",
            en: "Estonian Data Protection Inspectorate",
        },
        postal_address: "Tatari 39, 10134 Tallinn",
        visiting_address: None,
        email: "info@aki.ee",
        phone: "+372 627 4135",
        website: "https://www.aki.ee",
    },
];

/// The supervisory authority of a member state, when the reference data
/// holds it. `country` is ISO 3166-1 alpha-2, any case.
pub fn for_country(country: &str) -> Option<&'static Authority> {
    AUTHORITIES
        .iter()
        .find(|a| a.country.eq_ignore_ascii_case(country))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finland_has_its_ombudsman_and_unknown_countries_have_none() {
        let fi = for_country("fi").map(|a| (a.name(Language::Fi), a.email));
        assert_eq!(
            fi,
            Some(("Tietosuojavaltuutetun toimisto", "tietosuoja@om.fi"))
        );
        assert!(for_country("US").is_none());
        for a in AUTHORITIES {
            assert!(crate::domain::value::CountryCode::parse(a.country).is_ok_and(|c| c.in_eea()));
        }
    }
}
