//! Reading stored values for a reader of the notice: text in the notice's
//! language (with a fallback the notice owns up to), dates, countries, and
//! the stored vocabularies the templates name.

use chrono::NaiveDate;

use crate::domain::{Localized, enums::Language, value::CountryCode};

pub(super) fn lines(text: &Option<String>) -> Vec<String> {
    text.as_deref()
        .map(|t| t.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

pub(super) fn date(d: Option<NaiveDate>, language: Language) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    d.map(|d| match language {
        Language::En => format!(
            "{} {} {}",
            chrono::Datelike::day(&d),
            MONTHS[chrono::Datelike::month0(&d) as usize],
            chrono::Datelike::year(&d)
        ),
        _ => d.format("%-d.%-m.%Y").to_string(),
    })
}

/// A country for a reader: its English name in English, its code otherwise.
pub(super) fn country(code: &Option<String>, language: Language) -> Option<String> {
    let code = code.as_deref()?;
    let parsed = CountryCode::parse(code).ok()?;
    Some(
        match (language, celes::Country::from_alpha2(parsed.as_str())) {
            (Language::En, Ok(c)) => format!("{} ({code})", english_name(c.long_name)),
            _ => code.to_owned(),
        },
    )
}

/// "The United States Of America" → "United States of America".
fn english_name(long_name: &str) -> String {
    let name = long_name.strip_prefix("The ").unwrap_or(long_name);
    name.split(' ')
        .enumerate()
        .map(|(i, word)| match word {
            "Of" | "And" | "The" if i > 0 => word.to_lowercase(),
            _ => word.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads stored text in the notice's language, falling back to another
/// language where the record has none — and remembering that it did, so
/// the notice can say that part of it is in another language.
pub(super) struct Text(Language, std::cell::Cell<bool>);

impl Text {
    pub(super) fn new(language: Language) -> Self {
        Self(language, std::cell::Cell::new(false))
    }
    fn read(&self, text: &Localized) -> Option<String> {
        let found = text.get(self.0)?;
        if text.exact(self.0).is_none() {
            self.1.set(true);
        }
        Some(found.to_owned())
    }
    pub(super) fn language(&self) -> Language {
        self.0
    }
    pub(super) fn localized(&self, text: &Localized) -> Option<String> {
        self.read(text)
    }
    pub(super) fn req(&self, stored: &str) -> String {
        self.read(&Localized::from_json(stored)).unwrap_or_default()
    }
    pub(super) fn opt(&self, stored: &Option<String>) -> Option<String> {
        stored
            .as_deref()
            .and_then(|s| self.read(&Localized::from_json(s)))
    }
    /// Whether some text was read in another language.
    pub(super) fn fell_back(&self) -> bool {
        self.1.get()
    }
}

/// A description printed beside a name, unless it only repeats the name
/// ("asiakkaan itse tuottama sisältö kuten asiakaspalaute" under "Asiakkaan
/// itse tuottama sisältö, kuten asiakaspalaute"): then the name has said it
/// all. Case, spacing and punctuation make no difference.
pub(super) fn beside(description: Option<String>, name: &str) -> Option<String> {
    let plain = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    description.filter(|d| plain(d) != plain(name))
}

/// A stored JSON list of country codes, for a reader.
pub(super) fn countries(stored: &str, language: Language) -> Vec<String> {
    serde_json::from_str::<Vec<String>>(stored)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| country(&Some(c), language))
        .collect()
}

/// A stored absence statement as the template names it.
pub(super) fn statement(stored: &Option<String>) -> Option<&'static str> {
    stored
        .as_deref()
        .and_then(crate::domain::enums::AbsenceStatement::parse)
        .map(|s| s.as_str())
}
