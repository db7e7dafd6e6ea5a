//! Text kept in Finnish, Swedish and English. Stored as a JSON object keyed
//! by language; read with a fallback so a notice never shows a hole where one
//! translation is missing.

use async_graphql::{InputObject, SimpleObject};
use serde::{Deserialize, Serialize};

use super::{
    enums::Language,
    value::{TextLimit, check_text},
};

#[derive(
    Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, InputObject, SimpleObject,
)]
#[serde(deny_unknown_fields)]
#[graphql(input_name = "LocalizedTextInput", name = "LocalizedText")]
pub struct Localized {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fi: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Localized {
    pub fn finnish(text: &str) -> Self {
        Self {
            fi: Some(text.to_owned()),
            ..Self::default()
        }
    }

    /// The text in `language` exactly, without fallback.
    pub fn exact(&self, language: Language) -> Option<&str> {
        match language {
            Language::Fi => self.fi.as_deref(),
            Language::Sv => self.sv.as_deref(),
            Language::En => self.en.as_deref(),
        }
    }

    /// The text in `language`, else Finnish, else English, else Swedish.
    pub fn get(&self, language: Language) -> Option<&str> {
        self.exact(language)
            .or(self.fi.as_deref())
            .or(self.en.as_deref())
            .or(self.sv.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        self.fi.is_none() && self.sv.is_none() && self.en.is_none()
    }

    /// Every language present has some text (empty strings are refused)
    /// within the limit for its kind.
    pub fn check(&self, limit: TextLimit) -> Result<(), String> {
        for (language, text) in [("fi", &self.fi), ("sv", &self.sv), ("en", &self.en)] {
            let Some(text) = text else { continue };
            if text.trim().is_empty() {
                return Err(
                    "a language that is present must have text: leave the language out instead"
                        .into(),
                );
            }
            check_text(text, limit).map_err(|e| format!("the text in {language} {e}"))?;
        }
        Ok(())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// Reads a stored column. A column that does not parse is a storage
    /// fault, never user input; it reads as empty and is logged.
    pub fn from_json(stored: &str) -> Self {
        serde_json::from_str(stored).unwrap_or_else(|error| {
            tracing::error!(%error, "unreadable localized text in the database");
            Self::default()
        })
    }

    pub fn from_json_opt(stored: Option<&str>) -> Option<Self> {
        stored.map(Self::from_json)
    }

    /// One language of stored text, with [`Localized::get`]'s fallback,
    /// read without building the whole value: the texts are borrowed from
    /// the stored JSON and only the one chosen is copied.
    pub fn read_json(stored: &str, language: Language) -> Option<String> {
        #[derive(Deserialize)]
        struct Borrowed<'a> {
            #[serde(borrow)]
            fi: Option<std::borrow::Cow<'a, str>>,
            #[serde(borrow)]
            sv: Option<std::borrow::Cow<'a, str>>,
            #[serde(borrow)]
            en: Option<std::borrow::Cow<'a, str>>,
        }
        let texts: Borrowed<'_> = match serde_json::from_str(stored) {
            Ok(texts) => texts,
            Err(error) => {
                tracing::error!(%error, "unreadable localized text in the database");
                return None;
            }
        };
        let exact = match language {
            Language::Fi => &texts.fi,
            Language::Sv => &texts.sv,
            Language::En => &texts.en,
        };
        exact
            .as_ref()
            .or(texts.fi.as_ref())
            .or(texts.en.as_ref())
            .or(texts.sv.as_ref())
            .map(|t| t.clone().into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_order() {
        let text = Localized {
            fi: None,
            sv: Some("sv".into()),
            en: Some("en".into()),
        };
        assert_eq!(text.get(Language::Fi), Some("en"));
        assert_eq!(text.get(Language::Sv), Some("sv"));
        assert_eq!(Localized::finnish("fi").get(Language::En), Some("fi"));
        assert_eq!(Localized::from_json(&text.to_json()), text);
        for language in [Language::Fi, Language::Sv, Language::En] {
            assert_eq!(
                Localized::read_json(&text.to_json(), language).as_deref(),
                text.get(language)
            );
        }
        assert!(Localized::finnish(" ").check(TextLimit::Text).is_err());
    }
}
