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

/// The refusals of one input, gathered so that every bad field is reported
/// at once rather than only the first.
#[derive(Default)]
pub struct Errors(Vec<UserError>);

impl Errors {
    pub fn push(&mut self, path: &Path, code: UserErrorCode, message: impl Into<String>) {
        self.0.push(UserError::new(path, code, message));
    }

    /// The value of a checked field; a refused one is noted and reads as
    /// empty (the row it would go into is not kept).
    pub fn value<T: Default>(&mut self, checked: Checked<T>) -> T {
        checked.unwrap_or_else(|error| {
            self.0.push(error);
            T::default()
        })
    }

    /// Like `value`, for a check that can refuse several parts of a list.
    pub fn values<T: Default>(&mut self, checked: Validated<T>) -> T {
        checked.unwrap_or_else(|errors| {
            self.0.extend(errors);
            T::default()
        })
    }

    /// The row when nothing was refused.
    pub fn finish<T>(self, row: T) -> Validated<T> {
        if self.0.is_empty() {
            Ok(row)
        } else {
            Err(self.0)
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
    let mut errors = Errors::default();
    let mut seen = HashSet::new();
    let mut codes = Vec::new();
    for (i, code) in values.iter().enumerate() {
        let path = path.index(i);
        let parsed = match parse_country(code) {
            Ok(parsed) => parsed,
            Err(message) => {
                errors.push(&path, UserErrorCode::Invalid, message);
                continue;
            }
        };
        if seen.insert(parsed) {
            codes.push(parsed.to_string());
        } else {
            errors.push(
                &path,
                UserErrorCode::Duplicate,
                format!("{parsed} is listed twice"),
            );
        }
    }
    errors.finish(serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into()))
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
