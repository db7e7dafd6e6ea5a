use super::*;
use crate::domain::value::{parse_email, parse_finnish_business_id, parse_slug};

const SMALL: Scale = Scale {
    controllers: 3,
    registers: 40,
    processors: 25,
    engagements: 160,
    transfers: 40,
};

fn text_of(seed: u64, scale: &Scale) -> String {
    match generate(seed, scale) {
        Ok(document) => inventory::to_text(&document),
        Err(error) => panic!("generating: {error}"),
    }
}

#[test]
fn generate_is_deterministic() {
    let first = text_of(7, &SMALL);
    assert_eq!(first, text_of(7, &SMALL), "same seed, same bytes");
    assert_ne!(first, text_of(8, &SMALL), "another seed, another document");
    // The document is what `import` reads.
    assert!(inventory::parse(&first).is_ok());
}

#[test]
fn generate_counts_and_values() {
    let document = generate(3, &SMALL).unwrap_or_default();
    assert_eq!(document.registers.len(), SMALL.registers);
    let engagements: usize = document
        .registers
        .iter()
        .map(|r| r.processors.as_ref().map_or(0, Vec::len))
        .sum();
    let transfers: Vec<&TransferInput> = document
        .registers
        .iter()
        .flat_map(|r| r.transfers.iter().flatten())
        .collect();
    assert_eq!(engagements, SMALL.engagements);
    assert_eq!(transfers.len(), SMALL.transfers);
    assert!(
        transfers
            .iter()
            .any(|t| t.destination_country.as_deref() == Some("US"))
    );
    // Slugs and keys are unique; ids, e-mails and slugs are valid.
    let slugs: BTreeSet<&str> = document.registers.iter().map(|r| r.slug.as_str()).collect();
    assert_eq!(slugs.len(), SMALL.registers);
    assert!(slugs.iter().all(|s| parse_slug(s).is_ok()));
    let keys: BTreeSet<&str> = document
        .organizations
        .iter()
        .filter_map(|o| o.external_id.as_deref())
        .collect();
    assert_eq!(keys.len(), document.organizations.len());
    for org in &document.organizations {
        if org.country.as_deref() == Some("FI")
            && let Some(id) = &org.business_id
        {
            assert!(parse_finnish_business_id(id).is_ok(), "{id}");
        }
        let emails = org.email.iter().chain(
            org.contacts
                .iter()
                .flatten()
                .filter_map(|c| c.email.as_ref()),
        );
        for email in emails {
            assert!(parse_email(email).is_ok(), "{email}");
        }
    }
    assert!(document.data_categories.len() >= 300);
    assert!(document.data_categories.iter().any(|c| c.special_category));
}

#[test]
fn generate_refuses_impossible_scales() {
    let no_controllers = Scale {
        controllers: 0,
        ..SMALL
    };
    assert!(generate(1, &no_controllers).is_err());
    let no_processors = Scale {
        processors: 0,
        ..SMALL
    };
    assert!(generate(1, &no_processors).is_err());
    let only_vocabulary = Scale {
        registers: 0,
        engagements: 0,
        transfers: 0,
        ..SMALL
    };
    assert!(generate(1, &only_vocabulary).is_ok());
}

/// A small generated inventory imports cleanly into a fresh database, and a
/// second import changes nothing.
#[tokio::test]
async fn generate_imports_cleanly() {
    let Ok(dir) = tempfile::tempdir() else {
        panic!("no temporary directory")
    };
    let url = format!("sqlite://{}", dir.path().join("generated.db").display());
    let db = crate::db::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    crate::db::migrate(&db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let document = inventory::parse(&text_of(11, &SMALL)).unwrap_or_else(|e| panic!("{e}"));
    let summary = match inventory::import(&db, &document, &|_, _| {}).await {
        Ok(summary) => summary,
        Err(crate::domain::DomainError::User(errors)) => {
            panic!("refused: {:#?}", &errors[..errors.len().min(10)])
        }
        Err(error) => panic!("{error}"),
    };
    let created = |kind: &str| summary.kinds.get(kind).map_or(0, |c| c.created);
    assert_eq!(created("registers"), SMALL.registers);
    // Sub-processor engagements may be counted as updated: the writer links
    // them to their parent after inserting them.
    let engagements = summary
        .kinds
        .get("processorEngagements")
        .map_or(0, |c| c.created + c.updated);
    assert_eq!(engagements, SMALL.engagements);
    assert_eq!(created("transfers"), SMALL.transfers);
    assert_eq!(
        created("organizations"),
        1 + SMALL.controllers + SMALL.processors + RECIPIENTS.len()
    );
    let again = inventory::import(&db, &document, &|_, _| {})
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        !again.changed(),
        "a second import changed something:\n{again}"
    );
}
