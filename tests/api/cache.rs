//! The response cache: a repeated query is answered without running it
//! again, and any write makes the next answer fresh.

use serde_json::{Value, json};

use crate::{both_databases, helpers::TestApp};

const QUERY: &str = "{ registers(first: 100) { totalCount nodes { id purposes { id } processors { processor { name } } } } }";

fn purposes(answer: &Value) -> usize {
    answer["registers"]["nodes"][0]["purposes"]
        .as_array()
        .unwrap()
        .len()
}

both_databases!(
    repeated_queries_are_served_until_a_write,
    |backend| async move {
        let Some(app) = TestApp::with_demo_cached(backend, 8 * 1024 * 1024).await else {
            return;
        };
        let first = app.data(QUERY, json!({})).await;
        let before = app.statement_count();
        let again = app.data(QUERY, json!({})).await;
        assert_eq!(first, again);
        assert_eq!(
            app.statement_count() - before,
            1,
            "only the generation is read"
        );

        // Other variables are another answer.
        let query = "query($n: Int) { registers(first: $n) { nodes { id } } }";
        let one = app.data(query, json!({ "n": 1 })).await;
        let two = app.data(query, json!({ "n": 2 })).await;
        assert_eq!(one["registers"]["nodes"].as_array().unwrap().len(), 1);
        assert_eq!(two["registers"]["nodes"].as_array().unwrap().len(), 2);

        // A write: the next answer shows it, and is then kept in turn.
        let register = first["registers"]["nodes"][0]["id"].as_str().unwrap();
        let created = app
        .data(
            "mutation($id: ID!) { createPurpose(input: { registerId: $id, description: { fi: \"Uusi\" } }) { userErrors { message } } }",
            json!({ "id": register }),
        )
        .await;
        assert_eq!(created["createPurpose"]["userErrors"], json!([]));
        let after = app.data(QUERY, json!({})).await;
        assert_eq!(purposes(&after), purposes(&first) + 1);
        let before = app.statement_count();
        assert_eq!(app.data(QUERY, json!({})).await, after);
        assert_eq!(app.statement_count() - before, 1, "cached again");

        app.cleanup().await;
    }
);
