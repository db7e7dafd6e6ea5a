//! The command line as a newcomer runs it: the real binary on a SQLite file.

use std::process::Command;

use serde_json::Value;

fn ropagraph(database: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_ropagraph"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}", database.display()))
        .env("RUST_LOG", "warn")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `import --dry-run` on a document that drops parts prints the plan, key by
/// key, and writes nothing; the real import's summary has the deleted column.
#[test]
fn import_dry_run_shows_deletions_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("cli.db");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let files: Vec<String> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let loaded = ropagraph(&database, &args);
    assert!(loaded.status.success(), "{}", text(&loaded.stderr));

    let exported = ropagraph(&database, &["export"]);
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let before = text(&exported.stdout);
    // Mediateko's register without its HubSpot engagement.
    let mut document: Value = serde_json::from_str(&before).unwrap();
    let register = document["registers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|r| r["externalId"] == "mediateko/customer-register")
        .unwrap();
    register["processors"]
        .as_array_mut()
        .unwrap()
        .retain(|p| p["externalId"] != "mediateko/customer-register/hubspot");
    let changed = dir.path().join("changed.json");
    std::fs::write(&changed, serde_json::to_string(&document).unwrap()).unwrap();
    let changed = changed.display().to_string();

    let planned = ropagraph(&database, &["import", "--dry-run", &changed]);
    assert!(planned.status.success(), "{}", text(&planned.stderr));
    let plan = text(&planned.stdout);
    assert!(
        plan.contains("- mediateko/customer-register/hubspot"),
        "the plan names the deletion: {plan}"
    );
    assert!(text(&planned.stderr).contains("nothing was written"));
    let unchanged = ropagraph(&database, &["export"]);
    assert_eq!(text(&unchanged.stdout), before, "a dry run writes nothing");

    let applied = ropagraph(&database, &["import", &changed]);
    assert!(applied.status.success(), "{}", text(&applied.stderr));
    let summary = text(&applied.stdout) + &text(&applied.stderr);
    assert!(summary.contains("deleted"), "{summary}");
    assert!(
        summary.contains("mediateko/customer-register/hubspot"),
        "the summary lists the deleted key: {summary}"
    );
}

/// A SQLite file in `dir` holding the five seeds, imported through the CLI.
fn seeded(dir: &std::path::Path) -> std::path::PathBuf {
    let database = dir.join("seeds.db");
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut files: Vec<String> = std::fs::read_dir(fixtures)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    let loaded = ropagraph(&database, &args);
    assert!(loaded.status.success(), "{}", text(&loaded.stderr));
    database
}

/// `findings` names registers by slug and name, never by row id, in text,
/// JSON and CSV alike, and evaluates under the rules of a given day.
#[test]
fn findings_print_slugs_and_names_as_text_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let database = seeded(dir.path());
    let opintori = "opintori-verkko-ohjauspalvelu";

    let json = ropagraph(&database, &["findings", "--format", "json"]);
    assert!(json.status.success(), "{}", text(&json.stderr));
    let rows: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    let mut counted = std::collections::BTreeMap::new();
    for row in &rows {
        *counted
            .entry((
                row["registerSlug"].as_str().unwrap(),
                row["code"].as_str().unwrap(),
            ))
            .or_insert(0) += 1;
    }
    assert_eq!(counted, crate::findings::expected(), "the seeds' findings");
    let shield = rows
        .iter()
        .find(|r| r["code"] == "TRANSFER_PRIVACY_SHIELD")
        .unwrap();
    assert_eq!(shield["severity"], "CRITICAL");
    assert_eq!(shield["registerSlug"], opintori);
    assert!(
        shield["registerName"]
            .as_str()
            .unwrap()
            .contains("OpinTori online guidance service"),
        "{shield}"
    );
    assert_eq!(
        shield["controller"],
        "Oulun seudun koulutuskuntayhtymä (OSEKK)"
    );
    assert_eq!(shield["subjectType"], "Transfer");
    assert_eq!(shield["subject"], "Zendesk Inc, US");
    assert!(shield["citation"].as_str().unwrap().contains("C-311/18"));
    let keys: Vec<&str> = shield
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        vec![
            "severity",
            "code",
            "registerSlug",
            "registerName",
            "controller",
            "subjectType",
            "subject",
            "message",
            "citation"
        ]
    );

    let csv = ropagraph(
        &database,
        &["findings", "--format", "csv", "--language", "fi"],
    );
    assert!(csv.status.success(), "{}", text(&csv.stderr));
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(Into::into).collect();
    assert_eq!(header, keys);
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), rows.len());
    let shield = records
        .iter()
        .find(|r| &r[1] == "TRANSFER_PRIVACY_SHIELD")
        .unwrap();
    assert_eq!(&shield[2], opintori);
    assert!(
        shield[3].contains("OpinTori -verkko-ohjauspalvelu"),
        "{shield:?}"
    );
    assert!(shield[7].starts_with("Siirto perustuu"), "{shield:?}");

    let plain = ropagraph(&database, &["findings"]);
    assert!(plain.status.success(), "{}", text(&plain.stderr));
    let plain = text(&plain.stdout);
    assert!(
        plain.contains(&format!("{opintori}  Zendesk operations management system")),
        "{plain}"
    );
    // The old output named "register 5"; no line names a row id now.
    let row_id = plain.lines().any(|line| {
        let words: Vec<&str> = line.split_whitespace().collect();
        words
            .windows(2)
            .any(|w| w[0] == "register" && w[1].parse::<i64>().is_ok())
    });
    assert!(!row_id, "no row ids: {plain}");
    for row in &rows {
        assert!(plain.contains(row["registerSlug"].as_str().unwrap()));
    }

    // As of 1.6.2019 the Privacy Shield still stood.
    let then = ropagraph(
        &database,
        &["findings", "--format", "json", "--as-of", "2019-06-01"],
    );
    assert!(then.status.success(), "{}", text(&then.stderr));
    let then: Vec<Value> = serde_json::from_slice(&then.stdout).unwrap();
    assert!(!then.iter().any(|r| r["code"] == "TRANSFER_PRIVACY_SHIELD"));
    assert!(
        then.iter()
            .any(|r| r["code"] == "REPEALED_LAW_CITED" && r["registerSlug"] == opintori)
    );
    assert_eq!(then.len(), rows.len() - 1);

    let bad = ropagraph(&database, &["findings", "--as-of", "1.6.2019"]);
    assert!(!bad.status.success());
    assert!(
        text(&bad.stderr).contains("\"1.6.2019\" is not a date as YYYY-MM-DD"),
        "{}",
        text(&bad.stderr)
    );
    let bad = ropagraph(&database, &["findings", "--format", "xml"]);
    assert!(!bad.status.success());
    assert!(text(&bad.stderr).contains("xml"), "{}", text(&bad.stderr));
}
