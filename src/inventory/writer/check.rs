//! Field checks: one value of an input, checked and turned into what its
//! column stores, or the one `UserError` that says why not. They are pure
//! (no database, no writer), so a value is judged the same way from every
//! door and the rules are tested on plain values.

use std::collections::HashSet;

use crate::domain::{
    Localized, Path, UserError, UserErrorCode,
    value::{
        CountryCode, TextLimit, check_text, parse_business_id, parse_country, parse_email,
        parse_external_id, parse_name, parse_slug,
    },
};

/// A checked field: its column value, or why it was refused.
pub type Checked<T> = Result<T, UserError>;

/// A checked input: its row, or every reason it was refused, in field order.
pub type Validated<T> = Result<T, Vec<UserError>>;

/// The fields of one input under `path`, checked one by one. Every refusal
/// is kept, so that all bad fields are reported at once; a refused field
/// reads as empty (the row it would go into is not kept).
pub struct Fields<'p> {
    path: &'p Path,
    errors: Vec<UserError>,
}

impl<'p> Fields<'p> {
    pub fn new(path: &'p Path) -> Self {
        Self {
            path,
            errors: Vec::new(),
        }
    }

    pub fn refuse(&mut self, at: &Path, code: UserErrorCode, message: impl Into<String>) {
        self.errors.push(UserError::new(at, code, message));
    }

    fn keep<T: Default>(&mut self, checked: Checked<T>) -> T {
        checked.unwrap_or_else(|error| {
            self.errors.push(error);
            T::default()
        })
    }

    pub fn name(&mut self, field: &str, value: &str) -> String {
        self.keep(name(&self.path.key(field), value))
    }

    pub fn text(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        self.keep(text(&self.path.key(field), value))
    }

    pub fn email(&mut self, field: &str, value: &Option<String>) -> Option<String> {
        self.keep(email(&self.path.key(field), value))
    }

    pub fn country(&mut self, field: &str, value: &Option<String>) -> Option<CountryCode> {
        self.keep(country(&self.path.key(field), value))
    }

    pub fn business_id(
        &mut self,
        field: &str,
        value: &Option<String>,
        country: Option<CountryCode>,
    ) -> Option<String> {
        self.keep(business_id(&self.path.key(field), value, country))
    }

    pub fn countries(&mut self, field: &str, values: &[String]) -> String {
        countries(&self.path.key(field), values).unwrap_or_else(|errors| {
            self.errors.extend(errors);
            String::new()
        })
    }

    pub fn localized(&mut self, field: &str, value: &Option<Localized>) -> Option<String> {
        self.keep(localized(&self.path.key(field), value))
    }

    pub fn required(&mut self, field: &str, value: &Localized, limit: TextLimit) -> String {
        self.keep(required_localized(&self.path.key(field), value, limit))
    }

    /// The row when nothing was refused.
    pub fn finish<T>(self, row: T) -> Validated<T> {
        if self.errors.is_empty() {
            Ok(row)
        } else {
            Err(self.errors)
        }
    }
}

fn invalid<T>(path: &Path, result: Result<T, String>) -> Checked<T> {
    result.map_err(|message| UserError::new(path, UserErrorCode::Invalid, message))
}

/// An externalId that the caller supplied or a document requires.
pub fn key(path: &Path, value: &Option<String>) -> Checked<String> {
    match value {
        None => Err(UserError::new(
            path,
            UserErrorCode::Required,
            "an externalId is required here",
        )),
        Some(key) => invalid(path, parse_external_id(key)),
    }
}

pub fn name(path: &Path, value: &str) -> Checked<String> {
    invalid(path, parse_name(value))
}

pub fn slug(path: &Path, value: &str) -> Checked<String> {
    invalid(path, parse_slug(value))
}

/// Optional free text: left out is fine, given but blank is not.
pub fn text(path: &Path, value: &Option<String>) -> Checked<Option<String>> {
    match value {
        Some(text) if text.trim().is_empty() => Err(UserError::new(
            path,
            UserErrorCode::Invalid,
            "must not be empty: leave it out (null) instead",
        )),
        Some(text) => invalid(path, check_text(text, TextLimit::Text)).map(|()| Some(text.clone())),
        None => Ok(None),
    }
}

pub fn email(path: &Path, value: &Option<String>) -> Checked<Option<String>> {
    value
        .as_deref()
        .map(|email| invalid(path, parse_email(email)))
        .transpose()
}

pub fn country(path: &Path, value: &Option<String>) -> Checked<Option<CountryCode>> {
    value
        .as_deref()
        .map(|code| invalid(path, parse_country(code)))
        .transpose()
}

/// A business id, checked by the rules of `country` (the Y-tunnus check
/// digit for Finland).
pub fn business_id(
    path: &Path,
    value: &Option<String>,
    country: Option<CountryCode>,
) -> Checked<Option<String>> {
    value
        .as_deref()
        .map(|id| invalid(path, parse_business_id(id, country)))
        .transpose()
}

/// A list of countries as its column stores it (a JSON array of normalised
/// codes); each bad or repeated code is refused at its index.
pub fn countries(path: &Path, values: &[String]) -> Validated<String> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut codes = Vec::new();
    for (i, code) in values.iter().enumerate() {
        match parse_country(code) {
            Ok(parsed) if seen.insert(parsed) => codes.push(parsed.to_string()),
            Ok(parsed) => errors.push(UserError::new(
                &path.index(i),
                UserErrorCode::Duplicate,
                format!("{parsed} is listed twice"),
            )),
            Err(message) => errors.push(UserError::new(
                &path.index(i),
                UserErrorCode::Invalid,
                message,
            )),
        }
    }
    match errors.is_empty() {
        true => Ok(serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into())),
        false => Err(errors),
    }
}

/// Optional text in several languages; no language at all reads as left out.
pub fn localized(path: &Path, value: &Option<Localized>) -> Checked<Option<String>> {
    match value {
        Some(text) if !text.is_empty() => {
            invalid(path, text.check(TextLimit::Text)).map(|()| Some(text.to_json()))
        }
        _ => Ok(None),
    }
}

/// Text in at least one language, each within `limit`.
pub fn required_localized(path: &Path, value: &Localized, limit: TextLimit) -> Checked<String> {
    if value.is_empty() {
        return Err(UserError::new(
            path,
            UserErrorCode::Required,
            "give the text in at least one language (fi, sv or en)",
        ));
    }
    invalid(path, value.check(limit)).map(|()| value.to_json())
}
