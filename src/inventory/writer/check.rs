//! Field checks: one value of an input, checked and turned into what its
//! column stores, or the one `UserError` that says why not. They are pure
//! (no database, no writer), so a value is judged the same way from every
//! door and the rules are tested on plain values.

use std::collections::HashSet;

use crate::inventory::document::{ContactChannel, LegalBasisStatement, RightStatement};

use crate::domain::{
    Localized, Path, UserError, UserErrorCode,
    enums::{ChannelKind, LegalBasis, RightApplies},
    law::LawReference,
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

    pub fn push(&mut self, error: UserError) {
        self.errors.push(error);
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

    pub fn law(&mut self, field: &str, value: &Option<LawReference>) -> Option<String> {
        law(&self.path.key(field), value)
            .unwrap_or_else(|errors| {
                self.errors.extend(errors);
                None
            })
            .map(|law| json(&law))
    }

    /// A list kept as one JSON column; empty is stored as nothing.
    fn list<T: serde::Serialize>(&mut self, checked: Validated<()>, list: &[T]) -> Option<String> {
        match checked {
            Err(errors) => {
                self.errors.extend(errors);
                None
            }
            Ok(()) if list.is_empty() => None,
            Ok(()) => Some(json(list)),
        }
    }

    pub fn legal_bases(&mut self, field: &str, value: &[LegalBasisStatement]) -> Option<String> {
        let checked = legal_bases(&self.path.key(field), value);
        self.list(checked, value)
    }

    pub fn rights(&mut self, field: &str, value: &[RightStatement]) -> Option<String> {
        let checked = rights(&self.path.key(field), value);
        self.list(checked, value)
    }

    pub fn channels(&mut self, field: &str, value: &[ContactChannel]) -> Option<String> {
        let checked = channels(&self.path.key(field), value);
        self.list(checked, value)
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

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn gather(errors: &mut Vec<UserError>, checked: Result<(), Vec<UserError>>) {
    if let Err(more) = checked {
        errors.extend(more);
    }
}

fn one<T>(errors: &mut Vec<UserError>, checked: Checked<T>) {
    if let Err(error) = checked {
        errors.push(error);
    }
}

fn done(errors: Vec<UserError>) -> Validated<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A reference to a statute: its number as published, a provision and a
/// title that are not blank.
pub fn law(path: &Path, value: &Option<LawReference>) -> Validated<Option<LawReference>> {
    let Some(law) = value else { return Ok(None) };
    let mut errors = Vec::new();
    one(
        &mut errors,
        invalid(&path.key("act"), LawReference::check_act(law.act.trim())),
    );
    one(&mut errors, text(&path.key("section"), &law.section));
    if let Some(title) = &law.title {
        one(
            &mut errors,
            invalid(&path.key("title"), title.check(TextLimit::Name)),
        );
    }
    done(errors).map(|()| {
        Some(LawReference {
            act: law.act.trim().to_owned(),
            ..law.clone()
        })
    })
}

/// A national-law reference fits only the bases that rest on law (Art. 6(3)).
pub fn rests_on_law(basis: Option<LegalBasis>) -> bool {
    matches!(
        basis,
        None | Some(LegalBasis::LegalObligation | LegalBasis::PublicTask)
    )
}

pub fn law_for_basis(path: &Path, basis: LegalBasis) -> UserError {
    UserError::new(
        path,
        UserErrorCode::Invalid,
        format!(
            "a national-law reference (GDPR Art. 6(3)) is stated for LEGAL_OBLIGATION or PUBLIC_TASK, not for {}",
            basis.as_str()
        ),
    )
}

/// Legal bases stated once for a register: each basis once, a law only
/// where the basis rests on one.
pub fn legal_bases(path: &Path, list: &[LegalBasisStatement]) -> Validated<()> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, statement) in list.iter().enumerate() {
        let at = path.index(i);
        if !seen.insert(statement.basis) {
            errors.push(UserError::new(
                &at.key("basis"),
                UserErrorCode::Duplicate,
                format!("{} is listed twice", statement.basis.as_str()),
            ));
        }
        if statement.law.is_some() && !rests_on_law(Some(statement.basis)) {
            errors.push(law_for_basis(&at.key("law"), statement.basis));
        }
        if let Some(interest) = statement
            .legitimate_interest
            .as_ref()
            .filter(|i| !i.is_empty())
        {
            if statement.basis == LegalBasis::LegitimateInterests {
                one(
                    &mut errors,
                    invalid(
                        &at.key("legitimateInterest"),
                        interest.check(TextLimit::Text),
                    ),
                );
            } else {
                errors.push(UserError::new(
                    &at.key("legitimateInterest"),
                    UserErrorCode::Invalid,
                    "a legitimate interest is stated only when the basis is LEGITIMATE_INTERESTS",
                ));
            }
        }
        gather(&mut errors, law(&at.key("law"), &statement.law).map(|_| ()));
    }
    done(errors)
}

/// Rights as a notice states them: each right once; a limit or an
/// exclusion says why.
pub fn rights(path: &Path, list: &[RightStatement]) -> Validated<()> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, statement) in list.iter().enumerate() {
        let at = path.index(i);
        if !seen.insert(statement.right) {
            errors.push(UserError::new(
                &at.key("right"),
                UserErrorCode::Duplicate,
                format!("{} is stated twice", statement.right.as_str()),
            ));
        }
        let conditions = statement.conditions.as_ref().filter(|c| !c.is_empty());
        match conditions {
            None if statement.applies != RightApplies::Applies => errors.push(UserError::new(
                &at.key("conditions"),
                UserErrorCode::Required,
                format!(
                    "a right that is {} needs its conditions or the reason, as the notice will state them",
                    statement.applies.as_str()
                ),
            )),
            Some(c) => one(
                &mut errors,
                invalid(&at.key("conditions"), c.check(TextLimit::Text)),
            ),
            None => {}
        }
        gather(&mut errors, law(&at.key("law"), &statement.law).map(|_| ()));
    }
    done(errors)
}

/// Further channels of an organization: an e-mail is an address, the rest
/// are not blank, and none is listed twice.
pub fn channels(path: &Path, list: &[ContactChannel]) -> Validated<()> {
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (i, channel) in list.iter().enumerate() {
        let at = path.index(i);
        let value = Some(channel.value.clone());
        match channel.kind {
            ChannelKind::Email => one(&mut errors, email(&at.key("value"), &value)),
            _ if channel.value.trim().is_empty() => errors.push(UserError::new(
                &at.key("value"),
                UserErrorCode::Required,
                "give the address, number or URL",
            )),
            _ => one(&mut errors, text(&at.key("value"), &value)),
        }
        if !seen.insert((channel.kind, channel.value.trim().to_lowercase())) {
            errors.push(UserError::new(
                &at.key("value"),
                UserErrorCode::Duplicate,
                format!("{} is listed twice", channel.value),
            ));
        }
        if let Some(label) = &channel.label {
            one(
                &mut errors,
                invalid(&at.key("label"), label.check(TextLimit::Name)),
            );
        }
    }
    done(errors)
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
