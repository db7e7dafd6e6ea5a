//! The committed SDL is the public contract: it must be what the code builds.
//! Run with `UPDATE_SCHEMA=1` to rewrite it after a deliberate change.

#[test]
fn schema_graphql_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema.graphql");
    let built = ropagraph::graphql::sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(&path, &built).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == built,
        "schema.graphql differs from the schema the code builds; run `UPDATE_SCHEMA=1 cargo test --test api schema` and review the diff"
    );
}
