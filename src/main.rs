//! The `ropagraph` command: serve, migrate, import, export.

use std::{io::IsTerminal, process::ExitCode, sync::Arc, time::Duration};

use secrecy::SecretString;

use anyhow::Context as _;
use clap::Parser;
use indicatif::{ProgressBar, ProgressStyle};
use ropagraph::{
    AppState,
    auth::{
        Authenticator, IntrospectionConfig, Introspector, JwtConfig, JwtValidator, LocalToken,
        Remote,
    },
    build_app,
    config::{Cli, Command, ExportArgs, FindingsArgs, ImportArgs, NoticeArgs, ServeArgs},
    db, demo,
    domain::DomainError,
    http::Limits,
    inventory,
};
use tracing_subscriber::EnvFilter;

/// jemalloc, measured against glibc malloc on the side-by-side benchmark
/// (`bench/analysis.md`): a response is thousands of small allocations
/// freed together, often on another thread than the one that made them.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Migrate(args) => {
            async {
                let db = db::connect(&args.database_url).await?;
                db::migrate(&db).await?;
                eprintln!("database is up to date");
                Ok(())
            }
            .await
        }
        Command::Import(args) => import(args).await,
        Command::Export(args) => export(args).await,
        Command::Notice(args) => notice(args).await,
        Command::Findings(args) => findings(args).await,
        Command::Generate(args) => ropagraph::generate::run(&args).map_err(Into::into),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let db = db::connect(&args.db.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    if args.demo {
        match demo::load_if_empty(&db).await {
            Ok(Some(summary)) => tracing::info!("loaded the demo data:\n{summary}"),
            Ok(None) => {
                tracing::info!("the database already holds registers: demo data not loaded")
            }
            Err(DomainError::User(errors)) => {
                anyhow::bail!("the demo data is invalid: {}", errors[0])
            }
            Err(error) => return Err(error.into()),
        }
    }
    let limits = Limits {
        body_bytes: args.body_limit,
        request_timeout: Duration::from_secs(args.request_timeout),
        header_read_timeout: Duration::from_secs(args.header_timeout),
    };
    let (auth, local_token) = authenticator(&args).await?;
    let state = AppState::load(db.clone(), auth)
        .await
        .context("loading the graph")?
        .with_response_cache(args.response_cache_mb * 1024 * 1024);
    let app = build_app(state, limits);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("binding {}", args.listen))?;
    let address = listener.local_addr()?;
    tracing::info!("listening on http://{address}  (GraphiQL at /graphiql)");
    if let Some(token) = local_token {
        println!(
            "ropagraph runs in local mode: no identity provider is configured, so it listens on loopback only\n\
             and accepts this admin token (set ROPAGRAPH_ADMIN_TOKEN to choose your own):\n\n    {token}\n\n\
             Try it:\n\n    curl -s http://{address}/graphql -H 'Authorization: Bearer {token}' \\\n\
             \x20        -H 'Content-Type: application/json' -d '{{\"query\": \"{{ registers {{ totalCount }} }}\"}}'\n\n\
             In GraphiQL (http://{address}/graphiql) add the header {{\"Authorization\": \"Bearer {token}\"}}.\n\
             Published privacy notices need no token: http://{address}/notices/<slug>"
        );
    }
    ropagraph::http::serve(listener, app, limits, shutdown_signal()).await?;
    db.close().await?;
    tracing::info!("stopped");
    Ok(())
}

/// Tokens from an OAuth2 / OpenID Connect authorization server, or local
/// mode's admin token.
async fn authenticator(args: &ServeArgs) -> anyhow::Result<(Authenticator, Option<String>)> {
    let jwt = match &args.oidc_issuer {
        Some(issuer) => {
            let audience = args
                .oidc_audience
                .clone()
                .context("--oidc-audience is required with --oidc-issuer")?;
            let validator = JwtValidator::new(JwtConfig {
                issuer: issuer.clone(),
                audience,
                controllers_claim: args.controllers_claim.clone(),
                refresh_cooldown: Duration::from_secs(30),
            })?;
            if let Err(error) = validator.refresh().await {
                tracing::warn!(%error, "the issuer's keys could not be fetched at start; they will be fetched on the first token");
            }
            Some(validator)
        }
        None => None,
    };
    let introspection = match &args.introspection_url {
        Some(url) => Some(
            Introspector::new(IntrospectionConfig {
                url: url.clone(),
                client_id: args
                    .introspection_client_id
                    .clone()
                    .context("--introspection-client-id is required with --introspection-url")?,
                client_secret: args.introspection_client_secret.clone().context(
                    "--introspection-client-secret is required with --introspection-url",
                )?,
                audience: args.oidc_audience.clone(),
                controllers_claim: args.controllers_claim.clone(),
                cache_cap: Duration::from_secs(args.introspection_cache_s),
            })
            .map_err(|e| anyhow::anyhow!(e))?,
        ),
        None => None,
    };
    match (jwt, introspection) {
        (None, None) => local_authenticator(args),
        (jwt, introspection) => Ok((
            Authenticator::Remote(Arc::new(Remote { jwt, introspection })),
            None,
        )),
    }
}

fn local_authenticator(args: &ServeArgs) -> anyhow::Result<(Authenticator, Option<String>)> {
    anyhow::ensure!(
        args.listen.ip().is_loopback(),
        "with no --oidc-issuer or --introspection-url ropagraph runs in local mode and listens on loopback only; {} is not a loopback address",
        args.listen
    );
    let token = match &args.admin_token {
        Some(token) if token.len() >= 16 => LocalToken::new(SecretString::from(token.clone())),
        Some(_) => anyhow::bail!("ROPAGRAPH_ADMIN_TOKEN must be at least 16 characters"),
        None => {
            LocalToken::generate().map_err(|e| anyhow::anyhow!("no randomness for a token: {e}"))?
        }
    };
    let shown = match &args.admin_token {
        None => token.reveal().to_owned(),
        Some(_) => "<the token in ROPAGRAPH_ADMIN_TOKEN>".to_owned(),
    };
    Ok((Authenticator::Local(token), Some(shown)))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

async fn import(args: ImportArgs) -> anyhow::Result<()> {
    let mut documents = Vec::new();
    for file in &args.files {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let document =
            inventory::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        documents.push(document);
    }
    let document = inventory::merge(documents).map_err(|e| anyhow::anyhow!("{e}"))?;
    let db = db::connect(&args.db.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} entities {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Some(bar)
    } else {
        None
    };
    let progress = |done: usize, total: usize| {
        if let Some(bar) = &bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    };
    let options = inventory::Options {
        dry_run: args.dry_run,
        allow_deletes: args.allow_deletes,
    };
    let actor = ropagraph::domain::audit::Actor::cli();
    let result = inventory::import_with(&db, &document, &progress, &actor, options).await;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    match result {
        Ok(report) if args.dry_run => {
            print!("{}", report.plan);
            eprint!("{}", report.summary.table());
            for refusal in &report.refusals {
                eprintln!("{refusal}");
            }
            if !report.refusals.is_empty() {
                eprintln!(
                    "without --allow-deletes this import would stop: {} list(s) would lose too much",
                    report.refusals.len()
                );
            }
            eprintln!("dry run: nothing was written");
            Ok(())
        }
        Ok(report) if !report.refusals.is_empty() => {
            for refusal in &report.refusals {
                eprintln!("{refusal}");
            }
            anyhow::bail!(
                "the import stopped before deleting: {} list(s) would lose more than {} parts and more than half of them; nothing was changed (see the plan with --dry-run, apply it with --allow-deletes)",
                report.refusals.len(),
                inventory::guard::QUIET_DELETES
            )
        }
        Ok(report) => {
            eprint!("{}", report.summary);
            Ok(())
        }
        Err(DomainError::User(errors)) => {
            for error in errors.iter().take(50) {
                eprintln!("{error}");
            }
            if errors.len() > 50 {
                eprintln!("… and {} more", errors.len() - 50);
            }
            anyhow::bail!(
                "the document was refused: {} problem(s); nothing was changed",
                errors.len()
            )
        }
        Err(error) => Err(error.into()),
    }
}

async fn export(args: ExportArgs) -> anyhow::Result<()> {
    let db = db::connect(&args.db.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    let live = ropagraph::graph::Live::load(db).await?;
    let document = inventory::export(&live.snapshot())?;
    let text = inventory::to_text(&document);
    match args.output {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => print!("{text}"),
    }
    Ok(())
}

fn language(text: &str) -> anyhow::Result<ropagraph::domain::enums::Language> {
    use ropagraph::domain::enums::Language;
    Ok(match text.to_ascii_lowercase().as_str() {
        "fi" => Language::Fi,
        "en" => Language::En,
        "sv" => Language::Sv,
        other => anyhow::bail!("unknown language \"{other}\": use fi, en or sv"),
    })
}

async fn findings(args: FindingsArgs) -> anyhow::Result<()> {
    use ropagraph::{config::FindingsFormat, findings};
    let language = language(&args.language)?;
    let db = db::connect(&args.db.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    let graph = ropagraph::graph::Live::load(db).await?.snapshot();
    let registers = graph.registers().keys().copied();
    let scenario = findings::Scenario::on(args.as_of);
    let found = findings::findings(&graph, registers, &scenario);
    let rows = findings::report::rows(&graph, &found, language);
    match args.format {
        FindingsFormat::Text => print!("{}", findings::report::text(&rows)),
        FindingsFormat::Json => println!("{}", serde_json::to_string_pretty(&rows)?),
        FindingsFormat::Csv => print!("{}", findings::report::csv(&rows)?),
    }
    eprintln!("{} finding(s) as of {}", rows.len(), scenario.as_of);
    Ok(())
}

async fn notice(args: NoticeArgs) -> anyhow::Result<()> {
    use ropagraph::notice::Format;
    let language = language(&args.language)?;
    let format = match args.format.to_ascii_lowercase().as_str() {
        "markdown" | "md" => Format::Markdown,
        "html" => Format::Html,
        "text" | "txt" => Format::Text,
        other => anyhow::bail!("unknown format \"{other}\": use markdown, html or text"),
    };
    let db = db::connect(&args.db.database_url)
        .await
        .context("connecting to the database")?;
    db::migrate(&db).await.context("migrating the database")?;
    let graph = ropagraph::graph::Live::load(db).await?.snapshot();
    let register = graph
        .by_slug(&args.slug)
        .with_context(|| format!("no register has the slug \"{}\"", args.slug))?;
    let view = graph
        .view(register.id)
        .context("the register's controller is missing")?;
    let notice = ropagraph::notice::compile(&view, language)?;
    print!("{}", notice.render(format));
    Ok(())
}
