//! `council serve`, the live meeting server, and `council verify`, the check of its logs.

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use council_server::{Backend, DbUrl, Service};
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
                    "council: demo meeting board: {base}/m/{}/board",
                    council_server::DEMO_MEETING
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

/// Verifies every log of a database; fails (exit 1) naming the first bad event of each bad
/// stream.
pub fn verify(db: &str, io: &mut Io<'_>) -> Result<(), CommandError> {
    let url = if db.contains(':') {
        db_url(db)?
    } else {
        DbUrl::Sqlite(db.into())
    };
    let DbUrl::Sqlite(path) = &url else {
        return Err(CommandError::BadInput(format!(
            "`{db}` keeps nothing to verify: give an SQLite file"
        )));
    };
    if !path.is_file() {
        return Err(CommandError::BadInput(format!(
            "no database file at {}",
            path.display()
        )));
    }
    runtime()?.block_on(async {
        let backend = Backend::open(&url)
            .await
            .with_context(|| format!("cannot open the database {url}"))?;
        let streams = backend.streams().await.context("cannot list the logs")?;
        let mut bad = 0;
        for stream in &streams {
            match backend.verify(stream).await {
                Ok(()) => {
                    let n_events = backend
                        .load(stream)
                        .await
                        .map(|events| events.len())
                        .unwrap_or(0);
                    writeln!(io.stdout, "ok   {stream} ({n_events} events)")?;
                }
                Err(error) => {
                    bad += 1;
                    writeln!(io.stdout, "BAD  {stream}: {error}")?;
                }
            }
        }
        if bad > 0 {
            return Err(CommandError::Failed(anyhow::anyhow!(
                "{bad} of {} logs failed verification",
                streams.len()
            )));
        }
        writeln!(
            io.stdout,
            "verified {} logs: every hash chain is intact",
            streams.len()
        )?;
        Ok(())
    })
}
