//! Command line and environment: one place for every setting.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, Parser, Subcommand};

/// ropagraph: a GDPR record of processing activities as a typed graph, served over GraphQL.
#[derive(Debug, Parser)]
#[command(name = "ropagraph", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the GraphQL server (migrates the database first).
    Serve(ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate(DbArgs),
    /// Apply inventory documents in one transaction (all or nothing).
    Import(ImportArgs),
    /// Write the whole inventory as one document.
    Export(ExportArgs),
    /// Print the privacy notice compiled from a register's current graph.
    Notice(NoticeArgs),
    /// List what the rule book finds wrong with the inventory.
    Findings(FindingsArgs),
    /// Write a synthetic inventory document of any size (deterministic from the seed), for benchmarks.
    Generate(GenerateArgs),
}

#[derive(Debug, Clone, Args)]
pub struct DbArgs {
    /// Database URL: `sqlite://ropagraph.db` (the default, a file in the
    /// working directory) or `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://ropagraph.db")]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on.
    #[arg(long, env = "ROPAGRAPH_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Load the demo data (the five seed notices) when the database is empty.
    #[arg(long)]
    pub demo: bool,
    /// Largest request body accepted, in bytes.
    #[arg(long, env = "ROPAGRAPH_BODY_LIMIT", default_value_t = 2 * 1024 * 1024)]
    pub body_limit: usize,
    /// OpenID Connect issuer whose JWT access tokens are accepted. Without an
    /// issuer or an introspection endpoint the server runs in local mode:
    /// loopback only, one admin token.
    #[arg(long, env = "ROPAGRAPH_OIDC_ISSUER")]
    pub oidc_issuer: Option<String>,
    /// The audience access tokens must be issued for (required with --oidc-issuer).
    #[arg(long, env = "ROPAGRAPH_OIDC_AUDIENCE")]
    pub oidc_audience: Option<String>,
    /// RFC 7662 introspection endpoint for opaque access tokens.
    #[arg(long, env = "ROPAGRAPH_INTROSPECTION_URL")]
    pub introspection_url: Option<String>,
    /// The client id ropagraph authenticates to the introspection endpoint with.
    #[arg(long, env = "ROPAGRAPH_INTROSPECTION_CLIENT_ID")]
    pub introspection_client_id: Option<String>,
    /// The client secret for the introspection endpoint.
    #[arg(
        long,
        env = "ROPAGRAPH_INTROSPECTION_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub introspection_client_secret: Option<String>,
    /// Seconds an introspection endpoint's answer that a token is active is
    /// trusted before the endpoint is asked again (never past the token's
    /// expiry). A refused token is remembered for 5 seconds at most, and never
    /// longer than this. 0 asks on every request.
    #[arg(long, env = "ROPAGRAPH_INTROSPECTION_CACHE_S", default_value_t = 10)]
    pub introspection_cache_s: u64,
    /// The token claim that limits a caller to some controllers.
    #[arg(
        long,
        env = "ROPAGRAPH_CONTROLLERS_CLAIM",
        default_value = "ropa_controllers"
    )]
    pub controllers_claim: String,
    /// Local mode's admin token; a random one is generated and printed when unset.
    #[arg(long, env = "ROPAGRAPH_ADMIN_TOKEN", hide_env_values = true)]
    pub admin_token: Option<String>,
    /// Megabytes of query responses kept until the next write changes the
    /// graph (0 turns the response cache off).
    #[arg(long, env = "ROPAGRAPH_RESPONSE_CACHE_MB", default_value_t = 64)]
    pub response_cache_mb: u64,
    /// Seconds a request may take before it is answered with 408.
    #[arg(long, env = "ROPAGRAPH_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout: u64,
    /// Seconds a connection may take to send a request's line and headers,
    /// or stay idle between requests, before it is closed. Behind a load
    /// balancer that keeps idle connections open longer, raise it above the
    /// balancer's idle timeout. 0 turns the timeout off.
    #[arg(long, env = "ROPAGRAPH_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout: u64,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Inventory documents (JSON); several are merged into one before applying.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Run the whole import, print what it would create, update and delete,
    /// key by key with the changed fields, and roll it back: nothing is written.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply the deletions even when a register would lose more than 10 parts
    /// of a kind and more than half of them (the document is declarative:
    /// parts it does not list are deleted); without it such an import stops.
    #[arg(long)]
    pub allow_deletes: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct NoticeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// The register's slug.
    pub slug: String,
    /// fi or en.
    #[arg(long, default_value = "fi")]
    pub language: String,
    /// markdown, html or text.
    #[arg(long, default_value = "markdown")]
    pub format: String,
}

#[derive(Debug, Clone, Args)]
pub struct FindingsArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// fi, sv or en: the language of names and messages.
    #[arg(long, default_value = "en")]
    pub language: String,
    /// Evaluate under the rules in force on this day (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    pub as_of: Option<chrono::NaiveDate>,
    /// text (one block per register), json (an array of objects) or csv (with a header line).
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub format: FindingsFormat,
}

/// How `ropagraph findings` writes its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FindingsFormat {
    Text,
    Json,
    Csv,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| format!("\"{text}\" is not a date as YYYY-MM-DD ({e})"))
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Seed of the random stream: the same seed and sizes give the same document, byte for byte.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Controller organizations.
    #[arg(long, default_value_t = 50)]
    pub controllers: usize,
    /// Registers, spread over the controllers.
    #[arg(long, default_value_t = 10_000)]
    pub registers: usize,
    /// Processor organizations (vendors), inside and outside the EEA.
    #[arg(long, default_value_t = 1_000)]
    pub processors: usize,
    /// Processor engagements, spread over the registers; some are sub-processors.
    #[arg(long, default_value_t = 40_000)]
    pub engagements: usize,
    /// Transfers, most of them outside the EEA.
    #[arg(long, default_value_t = 10_000)]
    pub transfers: usize,
    /// Write here instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn introspection_answers_are_trusted_for_ten_seconds_by_default() {
        let serve = |args: &[&str]| match Cli::try_parse_from(args).map(|cli| cli.command) {
            Ok(Command::Serve(serve)) => Some(serve.introspection_cache_s),
            _ => None,
        };
        assert_eq!(serve(&["ropagraph", "serve"]), Some(10));
        assert_eq!(
            serve(&["ropagraph", "serve", "--introspection-cache-s", "0"]),
            Some(0)
        );
    }
}
