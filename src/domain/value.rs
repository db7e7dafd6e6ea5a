//! Values that are parsed once at the edge and trusted afterwards
//! ("parse, don't validate"). Each `parse` names what is wrong in a sentence a
//! DPO can act on; the caller attaches the field path.

use std::fmt;

use email_address::{EmailAddress, Options};

/// ISO 3166-1 alpha-2 country code, upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryCode([u8; 2]);

/// EU member states and the three EEA EFTA states (Iceland, Liechtenstein,
/// Norway): the area inside which GDPR Chapter V does not apply.
const EEA: [&str; 30] = [
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
];

impl CountryCode {
    pub fn parse(input: &str) -> Result<Self, String> {
        let bytes = input.as_bytes();
        let well_formed = bytes.len() == 2 && bytes.iter().all(u8::is_ascii_uppercase);
        if !well_formed || celes::Country::from_alpha2(input).is_err() {
            return Err(format!(
                "\"{input}\" is not an ISO 3166-1 alpha-2 country code (two capital letters, such as \"FI\" or \"US\")"
            ));
        }
        Ok(Self([bytes[0], bytes[1]]))
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII capitals by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// Inside the European Economic Area (GDPR Art. 44 applies outside it).
    pub fn in_eea(&self) -> bool {
        EEA.contains(&self.as_str())
    }

    pub fn eea_codes() -> &'static [&'static str] {
        &EEA
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit
/// computed with the weights 7, 9, 10, 5, 8, 4, 2 modulo 11 (remainder 1 is
/// never issued; remainder 0 gives check digit 0, otherwise 11 − remainder).
pub fn parse_finnish_business_id(input: &str) -> Result<String, String> {
    let malformed = || {
        format!(
            "\"{input}\" is not a Finnish business id (Y-tunnus): expected seven digits, a hyphen and a check digit, such as \"2231129-9\""
        )
    };
    let (body, check) = input.split_once('-').ok_or_else(malformed)?;
    if body.len() != 7
        || check.len() != 1
        || !input
            .bytes()
            .filter(|b| *b != b'-')
            .all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    let digits: Vec<u32> = body.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = digits
        .iter()
        .zip([7, 9, 10, 5, 8, 4, 2])
        .map(|(d, w)| d * w)
        .sum();
    let expected = match sum % 11 {
        0 => 0,
        1 => {
            return Err(format!(
                "\"{input}\" is not a valid Finnish business id (Y-tunnus): no check digit exists for {body}"
            ));
        }
        remainder => 11 - remainder,
    };
    let given = check
        .bytes()
        .next()
        .map(|b| u32::from(b - b'0'))
        .unwrap_or(u32::MAX);
    if given != expected {
        return Err(format!(
            "\"{input}\" has a wrong check digit for a Finnish business id (Y-tunnus): {body}-{expected} would be valid"
        ));
    }
    Ok(input.to_owned())
}

/// Validates a business id. Finnish ids (country FI, or no country stated and
/// the Y-tunnus shape) get their check digit verified; other countries' ids
/// are kept as given, as there is no single format to check them against.
pub fn parse_business_id(input: &str, country: Option<CountryCode>) -> Result<String, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(
            "must not be empty: leave it out (null) when the business id is unknown".into(),
        );
    }
    check_text(trimmed, TextLimit::Name)?;
    let looks_finnish = trimmed.len() == 9 && trimmed.as_bytes().get(7) == Some(&b'-');
    match country {
        Some(c) if c.as_str() == "FI" => parse_finnish_business_id(trimmed),
        None if looks_finnish => parse_finnish_business_id(trimmed),
        _ => Ok(trimmed.to_owned()),
    }
}

/// An email address as used for contacting a controller or a DPO: no display
/// name, no IP literal, a domain with at least two labels.
pub fn parse_email(input: &str) -> Result<String, String> {
    let options = Options::default()
        .with_minimum_sub_domains(2)
        .without_display_text()
        .without_domain_literal();
    EmailAddress::parse_with_options(input, options)
        .map(|_| input.to_owned())
        .map_err(|e| format!("\"{input}\" is not a valid email address ({e})"))
}

/// A register's slug: the public notice's address (`/notices/{slug}`).
pub fn parse_slug(input: &str) -> Result<String, String> {
    let ok = !input.is_empty()
        && input.len() <= 100
        && input.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        });
    if ok {
        Ok(input.to_owned())
    } else {
        Err(format!(
            "\"{input}\" is not a valid slug: use lower-case letters a-z, digits and single hyphens between them (at most 100 characters)"
        ))
    }
}

/// An externalId: the key a script or document uses for an entity.
pub fn parse_external_id(input: &str) -> Result<String, String> {
    if input.trim().is_empty()
        || input.trim() != input
        || input.len() > 200
        || input.chars().any(char::is_control)
    {
        return Err(format!(
            "\"{input}\" is not a valid externalId: it must be 1 to 200 characters with no surrounding spaces or control characters"
        ));
    }
    Ok(input.to_owned())
}

/// The longest name, in characters: a person's, an organization's, a
/// system's, a register's or a category's (in each language).
pub const MAX_NAME_CHARS: usize = 1_000;
/// The longest free text, in bytes: a description, a note, an address.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;
/// The longest search string of a filter, in characters.
pub const MAX_SEARCH_CHARS: usize = 200;

/// Text that both databases store as given: no NUL character (PostgreSQL
/// refuses it in text) and no longer than the limit for its kind.
pub fn check_text(input: &str, limit: TextLimit) -> Result<(), String> {
    if input.contains('\0') {
        return Err("contains a NUL character (\\u0000), which text cannot hold".into());
    }
    match limit {
        TextLimit::Name if input.chars().count() > MAX_NAME_CHARS => Err(format!(
            "is {} characters long: a name has at most {MAX_NAME_CHARS}",
            input.chars().count()
        )),
        TextLimit::Text if input.len() > MAX_TEXT_BYTES => Err(format!(
            "is {} bytes long: a text has at most {MAX_TEXT_BYTES} bytes (64 KB)",
            input.len()
        )),
        TextLimit::Search if input.chars().count() > MAX_SEARCH_CHARS => Err(format!(
            "is {} characters long: a search has at most {MAX_SEARCH_CHARS}",
            input.chars().count()
        )),
        _ => Ok(()),
    }
}

/// Which limit a text is held to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextLimit {
    Name,
    Text,
    Search,
}

/// A required single-line name.
pub fn parse_name(input: &str) -> Result<String, String> {
    if input.trim().is_empty() {
        return Err("must not be empty".into());
    }
    check_text(input, TextLimit::Name)?;
    Ok(input.to_owned())
}

/// A country code as people write it: surrounding spaces and lower case
/// are forgiven ("fi" is FI).
pub fn parse_country(input: &str) -> Result<CountryCode, String> {
    let code = input.trim().to_ascii_uppercase();
    CountryCode::parse(&code).map_err(|_| match code.as_str() {
        "EU" | "EEA" | "ETA" | "EU/ETA" | "EU/EEA" => format!(
            "\"{input}\" is a region, not a country: a country is an ISO 3166-1 alpha-2 code; a transfer names a region with destinationRegion (EU, EEA, THIRD_COUNTRIES or WORLDWIDE)"
        ),
        _ => format!("\"{input}\" is not an ISO 3166-1 alpha-2 country code (two letters, such as \"FI\" or \"US\")"),
    })
}

/// Reads a JSON column (a list of statements, a law reference, a list of
/// channels) as the writer stored it; a column that does not parse (never
/// written so) reads as empty, as an absent one does.
pub fn read_json<T: serde::de::DeserializeOwned + Default>(stored: &Option<String>) -> T {
    stored
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_limits() {
        assert!(check_text("Pinja Oy", TextLimit::Name).is_ok());
        assert!(matches!(check_text("a\0b", TextLimit::Text), Err(e) if e.contains("NUL")));
        assert!(parse_name(&"x".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(parse_name(&"ä".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(check_text(&"x".repeat(MAX_TEXT_BYTES), TextLimit::Text).is_ok());
        assert!(check_text(&"x".repeat(MAX_TEXT_BYTES + 1), TextLimit::Text).is_err());
        assert!(check_text(&"x".repeat(MAX_SEARCH_CHARS + 1), TextLimit::Search).is_err());
    }

    #[test]
    fn country_codes_are_normalised() {
        assert_eq!(parse_country("fi").map(|c| c.to_string()), Ok("FI".into()));
        assert_eq!(
            parse_country(" us ").map(|c| c.to_string()),
            Ok("US".into())
        );
        assert!(parse_country("EU").is_err());
        assert!(parse_country("usa").is_err());
    }

    #[test]
    fn business_id_check_digit() {
        assert!(parse_finnish_business_id("2231129-9").is_ok());
        assert!(parse_finnish_business_id("2817330-9").is_ok());
        assert!(parse_finnish_business_id("0112038-9").is_ok());
        let wrong = parse_finnish_business_id("2231129-8")
            .err()
            .unwrap_or_default();
        assert!(wrong.contains("2231129-9 would be valid"), "{wrong}");
        assert!(parse_finnish_business_id("223112-9").is_err());
        assert!(parse_finnish_business_id("22311299").is_err());
        assert!(parse_finnish_business_id("223112a-9").is_err());
    }

    #[test]
    fn business_id_by_country() {
        let fi = CountryCode::parse("FI").ok();
        let us = CountryCode::parse("US").ok();
        assert!(parse_business_id("2231129-8", fi).is_err());
        assert!(parse_business_id("2231129-8", None).is_err());
        assert_eq!(
            parse_business_id("EIN 12-3456789", us).as_deref(),
            Ok("EIN 12-3456789")
        );
        assert!(parse_business_id("  ", us).is_err());
    }

    #[test]
    fn countries() {
        assert!(CountryCode::parse("FI").is_ok_and(|c| c.in_eea()));
        assert!(CountryCode::parse("NO").is_ok_and(|c| c.in_eea()));
        assert!(CountryCode::parse("US").is_ok_and(|c| !c.in_eea()));
        assert!(CountryCode::parse("CH").is_ok_and(|c| !c.in_eea()));
        assert!(CountryCode::parse("fi").is_err());
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::parse("FIN").is_err());
        for code in CountryCode::eea_codes() {
            assert!(CountryCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn emails_and_slugs() {
        assert!(parse_email("tuki@medieco.fi").is_ok());
        assert!(parse_email("tuki@medieco").is_err());
        assert!(parse_email("Tuki <tuki@medieco.fi>").is_err());
        assert!(parse_email("not an email").is_err());
        assert!(parse_slug("medieco-asiakaspalvelu-2").is_ok());
        assert!(parse_slug("Medieco").is_err());
        assert!(parse_slug("a--b").is_err());
        assert!(parse_slug("-a").is_err());
    }
}
