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
