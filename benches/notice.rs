//! The in-memory graph's own costs, in-process: no HTTP, no GraphQL. How
//! long loading the whole snapshot takes (issue #11: ≤ 2 s for the default
//! inventory on PostgreSQL), findings over every register on a fresh
//! snapshot (≤ 50 ms), resolving one register's view, and compiling one
//! privacy notice (issue #6: under 2 ms).
//!
//! ```sh
//! cargo bench --bench notice -- sqlite://bench.db [--slug SLUG] [--iterations 2000]
//! ```
//!
//! Without `--slug` the register with the most parts is taken: the notice
//! with the most to say. Prints one `RESULT` line per measurement for
//! `bench/run` to read.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use ropagraph::{
    db,
    domain::{
        audit::{self, Actor, Change},
        enums::Language,
        id::NodeType,
    },
    findings,
    graph::Live,
    notice::{self, Format},
};
use sea_orm::{ConnectionTrait, Statement};

struct Options {
    database_url: String,
    slug: Option<String>,
    iterations: usize,
}

fn options() -> anyhow::Result<Options> {
    let mut database_url = std::env::var("DATABASE_URL").ok();
    let mut slug = None;
    let mut iterations = 2000;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // `cargo bench` passes this to every bench target.
            "--bench" => {}
            "--slug" => slug = args.next(),
            "--iterations" => {
                iterations = args
                    .next()
                    .context("--iterations needs a number")?
                    .parse()
                    .context("--iterations needs a number")?
            }
            url if !url.starts_with('-') => database_url = Some(url.to_owned()),
            other => anyhow::bail!("unknown option {other}"),
        }
    }
    Ok(Options {
        database_url: database_url.context("give the database URL (or set DATABASE_URL)")?,
        slug,
        iterations: iterations.max(1),
    })
}

/// The register with the most rows hanging off it.
async fn largest_register(db: &sea_orm::DatabaseConnection) -> anyhow::Result<i64> {
    let sql = "SELECT r.id FROM register r ORDER BY \
        (SELECT COUNT(*) FROM register_data_category x WHERE x.register_id = r.id) + \
        (SELECT COUNT(*) FROM processor_engagement x WHERE x.register_id = r.id) + \
        (SELECT COUNT(*) FROM transfer x WHERE x.register_id = r.id) + \
        (SELECT COUNT(*) FROM purpose x WHERE x.register_id = r.id) + \
        (SELECT COUNT(*) FROM retention_rule x WHERE x.register_id = r.id) DESC, r.id LIMIT 1";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .context("the database holds no register")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort_unstable();
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let mean = samples.iter().map(|d| micros(*d)).sum::<f64>() / samples.len() as f64;
    let at = |q: f64| micros(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    println!(
        "RESULT name={name} iterations={} mean_us={mean:.1} p50_us={:.1} p99_us={:.1} min_us={:.1}",
        samples.len(),
        at(0.5),
        at(0.99),
        at(0.0)
    );
}

fn time<T>(
    iterations: usize,
    mut f: impl FnMut() -> anyhow::Result<T>,
) -> anyhow::Result<Vec<Duration>> {
    let mut samples = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = Instant::now();
        std::hint::black_box(f()?);
        samples.push(start.elapsed());
    }
    Ok(samples)
}

fn main() -> anyhow::Result<()> {
    let options = options()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (graph, load) = runtime.block_on(async {
        let db = db::connect(&options.database_url).await?;
        let mut load = Vec::new();
        let mut live = None;
        for _ in 0..3 {
            let start = Instant::now();
            live = Some(Live::load(db.clone()).await?);
            load.push(start.elapsed());
        }
        let live = live.context("loaded")?;
        let id = match &options.slug {
            Some(_) => 0,
            None => largest_register(&db).await?,
        };
        let everything = |graph: &ropagraph::graph::Graph| {
            let start = Instant::now();
            let found = findings::findings(
                graph,
                graph.registers().keys().copied(),
                &findings::Scenario::today(),
            );
            (start.elapsed(), found.len())
        };
        // Findings over everything on a fresh snapshot (nothing kept yet).
        let (fresh, count) = everything(&live.snapshot());
        println!(
            "{count} findings over {} registers",
            live.snapshot().registers().len()
        );
        // Catching up after a one-register write: what the write path
        // records (the generation bumped, an audit event of the register),
        // then the time the next request spends bringing the snapshot up;
        // and findings over everything again on each new snapshot, where
        // only the written register is evaluated again.
        let mut catch_up = Vec::new();
        let mut after_write = Vec::new();
        for _ in 0..20 {
            let txn = db::begin_write(&db).await?;
            let change = Change::new::<()>(NodeType::Register, id, Some(&()), Some(&()));
            audit::record(&txn, &Actor::cli(), &[change]).await?;
            txn.commit().await?;
            let start = Instant::now();
            let graph = live.current().await?;
            catch_up.push(start.elapsed());
            after_write.push(everything(&graph).0);
        }
        db.close().await?;
        anyhow::Ok((live.snapshot(), (load, id, catch_up, fresh, after_write)))
    })?;
    let (load, largest, catch_up, findings_all, findings_after_write) = load;
    let id = match &options.slug {
        Some(slug) => {
            graph
                .by_slug(slug)
                .with_context(|| format!("no register has the slug {slug}"))?
                .id
        }
        None => largest,
    };
    let view = graph.view(id).context("the register has no view")?;
    println!(
        "register {} ({}): {} purposes, {} data categories, {} processors, {} transfers, {} retention rules",
        view.register.slug,
        view.register.id,
        view.purposes.len(),
        view.data_categories.len(),
        view.processors.len(),
        view.transfers.len(),
        view.retention.len()
    );
    // Warm up: the templates are parsed on first use.
    for _ in 0..50 {
        notice::compile(&view, Language::Fi)?;
    }
    let n = options.iterations;
    report("load_graph", load);
    report("catch_up_one_register", catch_up);
    report("findings_all", vec![findings_all]);
    report("findings_all_after_write", findings_after_write);
    report("view", time(n, || Ok(graph.view(id)))?);
    report(
        "compile_fi",
        time(n, || Ok(notice::compile(&view, Language::Fi)?))?,
    );
    report(
        "compile_fi_markdown",
        time(n, || {
            Ok(notice::compile(&view, Language::Fi)?.render(Format::Markdown))
        })?,
    );
    report(
        "compile_en_html",
        time(n, || {
            Ok(notice::compile(&view, Language::En)?.render(Format::Html))
        })?,
    );
    Ok(())
}
