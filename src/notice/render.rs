use std::sync::LazyLock;

use minijinja::{AutoEscape, Environment, Value, context, value::Serde};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};

use super::{context::build, sources::sources};
use crate::{domain::enums::Language, graph::RegisterView};

/// The sections of a notice, in the order Finnish notices give them.
pub(super) const SECTIONS: [&str; 18] = [
    "header",
    "controller",
    "contact",
    "register",
    "purposes",
    "data_subjects",
    "data_categories",
    "sources",
    "recipients",
    "processors",
    "transfers",
    "retention",
    "security",
    "automated",
    "rights",
    "complaint",
    "other",
    "dates",
];

/// The formats a notice is rendered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, async_graphql::Enum)]
#[graphql(name = "NoticeFormat")]
pub enum Format {
    Markdown,
    Html,
    Text,
}

#[derive(Debug, thiserror::Error)]
pub enum NoticeError {
    #[error("notice template failed: {0}")]
    Template(#[from] minijinja::Error),
    #[error("register {0} cannot be compiled: its controller is not in the graph")]
    Incomplete(i64),
}

impl NoticeError {
    pub fn missing(register_id: i64) -> Self {
        NoticeError::Incomplete(register_id)
    }
}

/// One section of a compiled notice, with its provenance.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    pub key: String,
    pub title: String,
    /// The section in Markdown, heading included.
    pub markdown: String,
    /// Global ids of the nodes the section was compiled from.
    pub source_ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub language: Language,
    pub sections: Vec<Section>,
    /// The language-resolved data the notice was compiled from (JSON).
    pub snapshot: String,
}

static TEMPLATES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html.j2") {
            AutoEscape::Html
        } else {
            AutoEscape::Custom("markdown".into())
        }
    });
    env.set_formatter(|out, state, value| match state.auto_escape() {
        AutoEscape::Custom(_) if !value.is_safe() => out
            .write_str(&escape_markdown(&value.to_string()))
            .map_err(minijinja::Error::from),
        AutoEscape::Custom(_) => out
            .write_str(&value.to_string())
            .map_err(minijinja::Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    });
    for (name, source) in [
        ("fi.md.j2", include_str!("../../templates/notice/fi.md.j2")),
        ("en.md.j2", include_str!("../../templates/notice/en.md.j2")),
        ("sv.md.j2", include_str!("../../templates/notice/sv.md.j2")),
        (
            "page.html.j2",
            include_str!("../../templates/notice/page.html.j2"),
        ),
    ] {
        if let Err(error) = env.add_template(name, source) {
            tracing::error!(%error, name, "a notice template does not parse");
        }
    }
    env
});

/// Backslash-escapes what Markdown would read as markup, so a register's
/// text is always shown as written (and never as HTML).
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut previous_blank = true;
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            // Keep the writer's line breaks: a single newline becomes a hard break.
            out.push_str(if previous_blank || line.trim().is_empty() {
                "\n"
            } else {
                "  \n"
            });
        }
        previous_blank = line.trim().is_empty();
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        out.push_str(indent);
        let mut chars = trimmed.chars().peekable();
        // Line starts that open a block: headings, lists, quotes, numbered items.
        match trimmed.chars().next() {
            Some('#' | '-' | '+' | '>' | '=') => out.push('\\'),
            Some(c) if c.is_ascii_digit() => {
                let digits: String = trimmed.chars().take_while(char::is_ascii_digit).collect();
                let rest = &trimmed[digits.len()..];
                let numbered = rest.starts_with(['.', ')'])
                    && rest[1..].chars().next().is_none_or(char::is_whitespace);
                if numbered {
                    out.push_str(&digits);
                    out.push('\\');
                    for _ in 0..digits.len() {
                        chars.next();
                    }
                }
            }
            _ => {}
        }
        for c in chars {
            if matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

fn template_name(language: Language) -> &'static str {
    match language {
        Language::Fi => "fi.md.j2",
        Language::En => "en.md.j2",
        Language::Sv => "sv.md.j2",
    }
}

/// Compiles the notice of `view` in `language`.
pub fn compile(view: &RegisterView, language: Language) -> Result<Notice, NoticeError> {
    let data = build(view, language);
    let template = TEMPLATES.get_template(template_name(language))?;
    let mut captured = template.render_captured(context! { n => Value::from(Serde(&data)) })?;
    let mut sections = Vec::new();
    for key in SECTIONS {
        let markdown = captured
            .with_state_mut(|state| state.render_block(key))?
            .trim()
            .to_owned();
        if markdown.is_empty() {
            continue;
        }
        let title = markdown
            .lines()
            .next()
            .unwrap_or_default()
            .trim_start_matches('#')
            .trim()
            .to_owned();
        sections.push(Section {
            key: key.to_owned(),
            title,
            markdown,
            source_ids: sources(view, key),
        });
    }
    Ok(Notice {
        language,
        sections,
        snapshot: serde_json::to_string(&data).unwrap_or_default(),
    })
}

impl Notice {
    pub fn markdown(&self) -> String {
        let mut out = self
            .sections
            .iter()
            .map(|s| s.markdown.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        out.push('\n');
        out
    }

    /// The notice's title: its first heading.
    pub fn title(&self) -> String {
        self.sections
            .first()
            .map(|s| s.title.clone())
            .unwrap_or_default()
    }

    /// SHA-256 of the Markdown: what publishing and staleness compare.
    pub fn content_hash(&self) -> String {
        hex(&Sha256::digest(self.markdown().as_bytes()))
    }

    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Markdown => self.markdown(),
            Format::Html => html_fragment(&self.markdown()),
            Format::Text => plain_text(&self.markdown()),
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn parser(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    // Raw HTML in the source is shown as text, never passed through.
    Parser::new_ext(markdown, Options::empty()).map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    })
}

/// The notice as an HTML fragment (headings, paragraphs, lists).
pub fn html_fragment(markdown: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, parser(markdown));
    out
}

/// The notice as plain text: headings underlined, lists with dashes.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut heading: Option<(HeadingLevel, usize)> = None;
    let mut depth = 0usize;
    for event in parser(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, out.len())),
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, start)) = heading.take() {
                    let width = out[start..].chars().count();
                    out.push('\n');
                    out.push_str(
                        &(if level == HeadingLevel::H1 { "=" } else { "-" }).repeat(width),
                    );
                    out.push_str("\n\n");
                }
            }
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push('\n');
                }
            }
            Event::Start(Tag::Item) => {
                out.push_str(&"  ".repeat(depth.saturating_sub(1)));
                out.push_str("- ");
            }
            Event::End(TagEnd::Item) if !out.ends_with('\n') => out.push('\n'),
            Event::End(TagEnd::Paragraph) => out.push_str(if depth > 0 { "\n" } else { "\n\n" }),
            Event::Text(text) | Event::Code(text) => out.push_str(&text),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => {
                out.push('\n');
                out.push_str(&"  ".repeat(depth));
            }
            _ => {}
        }
    }
    let mut text = out.trim_end().to_owned();
    text.push('\n');
    text
}

/// The public page of a notice: a complete HTML document.
pub fn page(
    notice_html: &str,
    title: &str,
    language: Language,
    published_on: Option<&str>,
    number: Option<i32>,
    other: Option<(&str, Language)>,
    missing: Option<Language>,
) -> Result<String, NoticeError> {
    let template = TEMPLATES.get_template("page.html.j2")?;
    Ok(template.render(context! {
        lang => language.as_str(),
        title => title,
        body => Value::from_safe_string(notice_html.to_owned()),
        published_on => published_on,
        number => number,
        other_href => other.map(|(href, _)| href),
        other_lang => other.map(|(_, l)| l.as_str()),
        missing => missing.map(|l| l.as_str()),
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping_keeps_text_as_written() {
        assert_eq!(escape_markdown("a*b_c <script>"), "a\\*b\\_c \\<script\\>");
        assert_eq!(escape_markdown("# not a heading"), "\\# not a heading");
        assert_eq!(escape_markdown("1. not a list"), "1\\. not a list");
        assert_eq!(escape_markdown("23.4.2024"), "23.4.2024");
        assert_eq!(escape_markdown("a:\n- b\n\nc"), "a:  \n\\- b\n\nc");
        let html = html_fragment(&escape_markdown("<img src=x onerror=alert(1)> **x**"));
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;img"), "{html}");
    }

    #[test]
    fn plain_text_reads_like_a_letter() {
        let text = plain_text("# Title\n\nIntro.\n\n## One\n\n- a  \n  b\n- c\n");
        assert_eq!(
            text,
            "Title\n=====\n\nIntro.\n\nOne\n---\n\n- a\n  b\n- c\n"
        );
    }
}
