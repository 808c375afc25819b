//! `council bench-load`: the server under load, measured against its store's raw rate.

use std::path::PathBuf;
use std::process::Stdio;
use std::sync::Arc;

use anyhow::Context;
use council_load::{LoadConfig, LoadReport, RawReport};
use council_server::{Backend, DbUrl};
use serde::Serialize;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::{CommandError, Io};

/// Everything one run measured.
#[derive(Debug, Serialize)]
struct BenchReport {
    database: String,
    load: LoadReport,
    server_peak_memory_kib: Option<u64>,
    raw: RawReport,
    ratio: f64,
}

/// A database for the run and what to remove afterwards.
struct RunDb {
    url: DbUrl,
    raw_url: DbUrl,
    scratch: Option<PathBuf>,
}

fn run_db(db: Option<&str>) -> Result<RunDb, CommandError> {
    match db {
        None => {
            let scratch =
                std::env::temp_dir().join(format!("council-bench-{}", std::process::id()));
            std::fs::create_dir_all(&scratch)
                .with_context(|| format!("cannot create {}", scratch.display()))?;
            Ok(RunDb {
                url: DbUrl::Sqlite(scratch.join("council.db")),
                raw_url: DbUrl::Sqlite(scratch.join("raw.db")),
                scratch: Some(scratch),
            })
        }
        Some(text) => {
            let url =
                DbUrl::parse(text).map_err(|error| CommandError::BadInput(error.to_string()))?;
            let raw_url = match &url {
                DbUrl::Sqlite(path) => {
                    let mut raw = path.clone().into_os_string();
                    raw.push(".raw");
                    let raw = PathBuf::from(raw);
                    let _ = std::fs::remove_file(&raw);
                    DbUrl::Sqlite(raw)
                }
                other => other.clone(),
            };
            Ok(RunDb {
                url,
                raw_url,
                scratch: None,
            })
        }
    }
}

/// Runs the benchmark and prints its figures.
pub fn run(
    db: Option<&str>,
    meetings: usize,
    rounds: usize,
    spread_ms: u64,
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    if meetings == 0 || rounds == 0 {
        return Err(CommandError::BadInput(
            "--meetings and --rounds must be at least 1".to_owned(),
        ));
    }
    let run_db = run_db(db)?;
    // The load on one thread: the generator shares the machine with the server (and
    // PostgreSQL), and one thread leaves them the other core and spares the generator the
    // wake-ups between its own threads.
    let generator = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let load = generator.block_on(async {
        let program = std::env::current_exe().context("cannot find the council program")?;
        let mut server = tokio::process::Command::new(program)
            .args([
                "serve",
                "--db",
                &run_db.url.to_string(),
                "--listen",
                "127.0.0.1:0",
                "--no-demo",
            ])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .context("cannot start council serve")?;
        let pid = server.id();
        let stdout = server.stdout.take().context("the server's stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let mut base_url = None;
        while let Some(line) = lines
            .next_line()
            .await
            .context("reading the server's output")?
        {
            if let Some(url) = line.strip_prefix("council: listening on ") {
                base_url = Some(url.trim().to_owned());
                break;
            }
        }
        let base_url = base_url.context("the server stopped before it listened")?;
        // Keep draining the server's output so it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        let config = LoadConfig {
            base_url,
            meetings,
            rounds,
            setup_concurrency: 32,
            spread: std::time::Duration::from_millis(spread_ms),
            server_pid: pid,
        };
        let load = council_load::run(&config)
            .await
            .context("the load run failed")?;
        let memory = pid.and_then(council_load::memory::of_process);
        server.kill().await.context("cannot stop the server")?;
        Ok::<_, CommandError>((load, memory))
    });
    drop(generator);
    // The store alone, with every core, once the server is gone.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let report = runtime.block_on(async {
        let (load, memory) = load?;
        let store = Backend::open(&run_db.raw_url)
            .await
            .with_context(|| format!("cannot open {}", run_db.raw_url))?;
        let raw = council_load::raw_appends(Arc::new(store), meetings, 15 * rounds)
            .await
            .context("the raw append run failed")?;
        let ratio = load.votes_per_second / raw.appends_per_second.max(f64::MIN_POSITIVE);
        Ok::<BenchReport, CommandError>(BenchReport {
            database: run_db.url.to_string(),
            load,
            server_peak_memory_kib: memory.map(|memory| memory.peak_kib),
            raw,
            ratio,
        })
    });
    if let Some(scratch) = &run_db.scratch {
        let _ = std::fs::remove_dir_all(scratch);
    }
    let report = report?;
    if json {
        serde_json::to_writer_pretty(&mut *io.stdout, &report).context("writing JSON")?;
        writeln!(io.stdout)?;
    } else {
        print_table(&report, io)?;
    }
    Ok(())
}

fn print_table(report: &BenchReport, io: &mut Io<'_>) -> Result<(), CommandError> {
    let load = &report.load;
    writeln!(io.stdout, "database              {}", report.database)?;
    writeln!(
        io.stdout,
        "meetings              {} ({} delegations, {} boards)",
        load.meetings,
        load.meetings * 15,
        load.boards
    )?;
    writeln!(
        io.stdout,
        "rounds                {} (each meeting's votes spread over {} ms)",
        load.rounds, load.spread_ms
    )?;
    writeln!(io.stdout, "votes acknowledged    {}", load.votes)?;
    writeln!(io.stdout, "errors                {}", load.errors)?;
    for sample in &load.error_samples {
        writeln!(io.stdout, "  {sample}")?;
    }
    writeln!(
        io.stdout,
        "votes per second      {:.0} ({:.1} s of voting)",
        load.votes_per_second, load.seconds
    )?;
    writeln!(
        io.stdout,
        "vote to board         p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        load.vote_to_board_ms.p50, load.vote_to_board_ms.p99, load.vote_to_board_ms.max
    )?;
    writeln!(
        io.stdout,
        "vote acknowledged     p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        load.vote_ack_ms.p50, load.vote_ack_ms.p99, load.vote_ack_ms.max
    )?;
    match report.server_peak_memory_kib {
        Some(kib) => writeln!(
            io.stdout,
            "server peak memory    {:.1} MiB",
            kib as f64 / 1024.0
        )?,
        None => writeln!(io.stdout, "server peak memory    unknown (no /proc)")?,
    }
    for (name, seconds) in [
        ("server", load.server_cpu_seconds),
        ("load generator", load.generator_cpu_seconds),
    ] {
        if let Some(seconds) = seconds {
            writeln!(
                io.stdout,
                "{:<22}{seconds:.1} s of CPU while voting, {:.0} µs per vote",
                format!("{name} CPU"),
                seconds * 1e6 / (load.votes.max(1) as f64)
            )?;
        }
    }
    writeln!(
        io.stdout,
        "store raw appends     {:.0} per second ({} one-event durable appends, {} writers)",
        report.raw.appends_per_second, report.raw.events, load.meetings
    )?;
    writeln!(
        io.stdout,
        "ratio                 {:.2} (service votes per second / raw durable appends per second)",
        report.ratio
    )?;
    Ok(())
}
