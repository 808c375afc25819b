//! `council serve`, the live meeting server, and the commands on its database: `verify` (the
//! hash chains), `export` (a meeting's record) and `links` (new keys for an operator).

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use council_server::{Backend, DbUrl, Service};

use crate::cli::ExportFormat;
use council_store::EventStore;

use crate::{CommandError, Io};

fn runtime() -> Result<tokio::runtime::Runtime, CommandError> {
    Ok(tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?)
}

fn db_url(text: &str) -> Result<DbUrl, CommandError> {
    DbUrl::parse(text).map_err(|error| CommandError::BadInput(error.to_string()))
}

/// Serves until Ctrl-C.
pub fn serve(db: &str, listen: &str, demo: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let url = db_url(db)?;
    let address: SocketAddr = listen.parse().map_err(|_| {
        CommandError::BadInput(format!(
            "cannot listen on `{listen}`: expected an address and port such as 127.0.0.1:8080"
        ))
    })?;
    // Logs go to stderr; `RUST_LOG` filters them (default: info).
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .try_init();
    runtime()?.block_on(async {
        let backend = Backend::open(&url)
            .await
            .with_context(|| format!("cannot open the database {url}"))?;
        let service = Arc::new(Service::new(backend));
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?;
        let local = listener.local_addr().context("cannot read the bound address")?;
        let base = format!("http://{local}");
        writeln!(io.stdout, "council: listening on {base}")?;
        writeln!(io.stdout, "council: meetings kept in {url}")?;
        if demo {
            let created = service
                .ensure_demo()
                .await
                .map_err(|error| anyhow::anyhow!("cannot set up the demo meeting: {}", error.message()))?;
            match created {
                Some(created) => {
                    writeln!(
                        io.stdout,
                        "council: demo meeting (20 November 2024, draft S/2024/835 ready for the vote); keep these links, they are shown once:"
                    )?;
                    for link in &created.links {
                        writeln!(io.stdout, "  {:<55} {base}{}", link.name, link.path)?;
                    }
                }
                None => writeln!(
                    io.stdout,
                    "council: demo meeting board: {base}/m/{demo}/board (new links: council links --db {url} --meeting {demo})",
                    demo = council_server::DEMO_MEETING
                )?,
            }
        }
        writeln!(io.stdout, "council: open {base}/ (Ctrl-C stops)")?;
        io.stdout.flush()?;
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        council_server::run(listener, service, shutdown)
            .await
            .context("the server stopped with an error")?;
        Ok::<(), CommandError>(())
    })
}

/// A database given to a command that reads it: `sqlite:PATH`, or a bare path.
fn existing_db_url(db: &str) -> Result<DbUrl, CommandError> {
    let url = if db.contains(':') {
        db_url(db)?
    } else {
        DbUrl::Sqlite(db.into())
    };
    if url == DbUrl::Memory {
        return Err(CommandError::BadInput(format!(
            "`{db}` keeps nothing: give an SQLite file"
        )));
    }
    Ok(url)
}

/// Opens a database that must exist; a missing file or one that holds no event log is the
/// user's mistake (exit status 2).
async fn open_existing(url: &DbUrl) -> Result<Backend, CommandError> {
    match Backend::open_existing(url).await {
        Ok(backend) => Ok(backend),
        Err(
            error @ (council_store::StoreError::NotFound { .. }
            | council_store::StoreError::NotAStore { .. }),
        ) => Err(CommandError::BadInput(error.to_string())),
        Err(error) => Err(anyhow::Error::new(error)
            .context(format!("cannot open {url}"))
            .into()),
    }
}

/// Prints a meeting's record.
pub fn export(
    db: &str,
    meeting: &str,
    format: ExportFormat,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let url = existing_db_url(db)?;
    runtime()?.block_on(async {
        let service = Service::new(open_existing(&url).await?);
        let events = service
            .events(meeting)
            .await
            .map_err(|error| CommandError::BadInput(error.message().to_owned()))?;
        let roster = service.roster();
        let record = match format {
            ExportFormat::Markdown => council_verbatim::render_markdown(&events, roster),
            ExportFormat::Html => council_verbatim::render_html(&events, roster),
            ExportFormat::Text => council_verbatim::render(&events, roster),
        };
        io.stdout.write_all(record.as_bytes())?;
        Ok(())
    })
}

/// Verifies every log of a database; fails (exit 1) naming the first bad event of each bad
/// log. It never creates a database.
pub fn verify(db: &str, io: &mut Io<'_>) -> Result<(), CommandError> {
    let url = existing_db_url(db)?;
    runtime()?.block_on(async {
        let backend = open_existing(&url).await?;
        let report = backend.verify_all().await.context("cannot read the logs")?;
        for stream in &report.streams {
            match &stream.corruption {
                None => writeln!(
                    io.stdout,
                    "ok   {} ({} events)",
                    stream.stream, stream.n_events
                )?,
                Some(corruption) => writeln!(io.stdout, "BAD  {}: {corruption}", stream.stream)?,
            }
        }
        for id in &report.malformed_stream_ids {
            writeln!(io.stdout, "BAD  malformed stream id `{id}`")?;
        }
        if !report.is_intact() {
            let n_bad = report
                .streams
                .iter()
                .filter(|stream| !stream.is_intact())
                .count()
                + report.malformed_stream_ids.len();
            return Err(CommandError::Failed(anyhow::anyhow!(
                "{n_bad} of {} logs failed verification",
                report.streams.len() + report.malformed_stream_ids.len()
            )));
        }
        writeln!(
            io.stdout,
            "verified {} logs, {} events: every hash chain is intact",
            report.streams.len(),
            report.n_events()
        )?;
        Ok(())
    })
}

/// Issues new links for a meeting's holders and prints them.
pub fn links(
    db: &str,
    meeting: &str,
    holder: Option<&str>,
    base: &str,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let url = existing_db_url(db)?;
    runtime()?.block_on(async {
        let service = Service::new(open_existing(&url).await?);
        let links = service
            .reissue_as_operator(meeting, holder)
            .await
            .map_err(|error| CommandError::BadInput(error.message().to_owned()))?;
        for link in &links {
            writeln!(io.stdout, "  {:<55} {base}{}", link.name, link.path)?;
        }
        writeln!(
            io.stdout,
            "issued {} links for meeting {meeting}; the old ones no longer work",
            links.len()
        )?;
        Ok(())
    })
}
