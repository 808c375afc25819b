//! The command line: subcommands, arguments and help text (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The UN Security Council's decision rules, executable.
#[derive(Debug, Parser)]
#[command(name = "council", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide votes and statements given as JSON (one object) or JSON Lines (one per line).
    ///
    /// Each input names a `date` (YYYY-MM-DD), a `kind` (resolution, amendment, procedural,
    /// preliminary_question, presidential_statement, press_statement) and, for votes,
    /// `votes`: an object from member code to yes, no, abstain, not_participating or absent
    /// (Council members left out count as absent). Optional: `id` (echoed back), `members`
    /// (an explicit list overriding the Council of that date), `parties_to_dispute` (codes
    /// obliged to abstain, Art. 27(3)), `objections` and `dissociations` (statements),
    /// `silence` ({"deadline": "YYYY-MM-DDTHH:MM", "broken_by": [{"member", "at"}]}),
    /// and the descriptive `document`, `subject` and `source`. Any other field is an error.
    /// Nothing is printed unless every input is valid.
    Decide {
        /// The input file; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Answer in JSON (one object per input line) instead of the President's words.
        #[arg(long)]
        json: bool,
    },
    /// List the members of the Council on a date (YYYY-MM-DD).
    Members {
        /// The date, from 1946-01-17 to the last year in the data.
        date: String,
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Say who held the presidency in a month (YYYY-MM), by Rule 18's rotation.
    Presidency {
        /// The month.
        month: String,
        /// Answer in JSON: {"month", "president", "name"}.
        #[arg(long)]
        json: bool,
    },
    /// Serve live meetings: the JSON API, live boards and the web pages.
    ///
    /// Prints the address to open and, at first start, the links of a demo meeting (20
    /// November 2024, draft S/2024/835 ready for the vote). Stop with Ctrl-C.
    Serve {
        /// Where meetings are kept: `sqlite:PATH` (created and migrated at first start) or
        /// `memory:` (nothing kept).
        #[arg(long, default_value = "sqlite:council.db")]
        db: String,
        /// The address to listen on; port 0 picks a free port.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: String,
        /// Do not create the demo meeting.
        #[arg(long)]
        no_demo: bool,
    },
    /// Issue new links for a meeting kept in a database, revoking the old ones (for an
    /// operator whose links were lost; the server may be running).
    Links {
        /// The database: `sqlite:PATH`.
        #[arg(long, default_value = "sqlite:council.db")]
        db: String,
        /// The meeting's id (`demo` for the demo meeting).
        #[arg(long)]
        meeting: String,
        /// Only this holder: `president` or a member code; all holders by default.
        #[arg(long)]
        holder: Option<String>,
        /// The server's address, to print whole links.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base: String,
    },
    /// Print the record of a meeting kept in a database, like an S/PV.
    Export {
        /// The database: `sqlite:PATH` or a path to an SQLite file.
        #[arg(long)]
        db: String,
        /// The meeting's id (`demo` for the demo meeting).
        #[arg(long)]
        meeting: String,
        /// The format: markdown (default), html or text.
        #[arg(long, value_enum, default_value_t = ExportFormat::Markdown)]
        format: ExportFormat,
    },
    /// Measure the server under load: meetings voting at once over real HTTP on loopback,
    /// one board per meeting, and the store's own durable append rate beside it.
    ///
    /// Starts `council serve` as a child process on a fresh database, creates the meetings,
    /// runs the rounds of voting, and prints votes per second, the latency from a vote to
    /// its board (p50, p99, max), errors, the server's peak memory, and the ratio of the
    /// service's rate to the store's raw rate.
    BenchLoad {
        /// The database for the run: `sqlite:PATH` or `postgres://...` (default: a fresh
        /// SQLite file in a temporary directory, removed afterwards). The store's raw rate is
        /// measured beside it: in `PATH.raw` for SQLite, in the same PostgreSQL database
        /// (streams of its own) for PostgreSQL.
        #[arg(long)]
        db: Option<String>,
        /// Meetings voting at once.
        #[arg(long, default_value_t = 100)]
        meetings: usize,
        /// Votes taken in each meeting, one after another.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Over how many milliseconds each round's fifteen votes in a meeting are spread
        /// (hands going up around the table); 0 sends them all at the same instant.
        #[arg(long, default_value_t = 0)]
        spread_ms: u64,
        /// Answer in JSON.
        #[arg(long)]
        json: bool,
    },
    /// Check the hash chain of every meeting's log in a database and name the first bad event.
    Verify {
        /// The database: `sqlite:PATH` or a path to an SQLite file.
        #[arg(long)]
        db: String,
    },
    /// Run a whole meeting from a scenario file (TOML) and print its record.
    Run {
        /// The scenario file.
        scenario: PathBuf,
    },
    /// List the Council's recorded decisions since 1946, filtered.
    History {
        /// Which rows.
        #[command(flatten)]
        filter: RecordFilter,
        /// Output as JSON (a list of rows).
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Output as CSV.
        #[arg(long)]
        csv: bool,
    },
    /// Count vetoes per member, per decade and per topic.
    Vetoes {
        /// Which vetoes.
        #[command(flatten)]
        filter: RecordFilter,
        /// Output as JSON: {"drafts", "by_member"}.
        #[arg(long)]
        json: bool,
    },
    /// Re-decide every recorded vote through the engine and report agreement, or (with
    /// --rules) what would have changed under other rules.
    Replay {
        /// Alternative rules: charter, no-veto, veto-needs-two, restraint (needs --topic), or
        /// model:NAME for a Council enlarged as in a reform model.
        ///
        /// model:NAME takes the seats, the affirmative votes required and the seats with a veto
        /// from a built-in game: hlp-model-a, hlp-model-b, g4, african-union,
        /// uniting-for-consensus, or security-council (today's Council, which enlarges only
        /// the Council of 1946-1965). No vote is invented: the members who sat keep their
        /// recorded votes, the added seats range over every combination of yes, no and
        /// abstention, and each vote is classed as keeping its fate regardless of the added
        /// members, changing it regardless, or depending on them (with the added yes votes
        /// adoption needs).
        #[arg(long, value_name = "NAME")]
        rules: Option<String>,
        /// With --rules restraint: agenda-item text the veto restraint covers (repeatable).
        #[arg(long)]
        topic: Vec<String>,
        /// Output as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Voting power (Shapley-Shubik, Banzhaf, Coleman) of the Council or a reform model.
    Power {
        /// A built-in game: security-council, security-council-1946, or a reform model.
        #[arg(long, conflicts_with = "file")]
        game: Option<String>,
        /// A game file (JSON): {"name", "players": [{"name", "weights"}], "quotas"}.
        #[arg(long)]
        file: Option<PathBuf>,
        /// Output as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Charts.
    Chart {
        /// Which chart.
        #[command(subcommand)]
        chart: ChartCommand,
    },
}

/// The charts. Each is drawn to `--out` (SVG or PNG, from the extension), by default
/// `NAME.svg` in the current directory.
#[derive(Debug, Subcommand)]
pub enum ChartCommand {
    /// Vetoes cast per permanent member and decade, stacked (USSR and Russian Federation apart).
    Vetoes {
        /// Where and how large.
        #[command(flatten)]
        output: ChartOutput,
    },
    /// Resolutions adopted per year, and the share adopted unanimously where the tally is known.
    Outcomes {
        /// Where and how large.
        #[command(flatten)]
        output: ChartOutput,
    },
    /// How often each pair of permanent members voted alike on vetoed drafts.
    ///
    /// The record has tallies and the vetoing members, not every member's vote. On a vetoed
    /// draft a permanent member that did not veto did not vote no (a negative vote of a
    /// permanent member on a draft with the majority is a veto), so over the drafts vetoed by
    /// at least one of a pair, the pair voted alike exactly when both vetoed.
    Agreement {
        /// Where and how large.
        #[command(flatten)]
        output: ChartOutput,
    },
    /// Voting power of a permanent and an elected member in the Council and each reform model.
    Power {
        /// Print the indices as JSON instead of drawing: {"models": [...]}.
        #[arg(long, conflicts_with_all = ["table", "out"])]
        json: bool,
        /// Print the indices as a table instead of drawing.
        #[arg(long, conflicts_with = "out")]
        table: bool,
        /// Where and how large.
        #[command(flatten)]
        output: ChartOutput,
    },
}

/// Where a chart is drawn, and its size.
#[derive(Debug, Clone, Args)]
pub struct ChartOutput {
    /// The file to write: `.svg` or `.png` [default: NAME.svg in the current directory].
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Width in pixels.
    #[arg(long, default_value_t = 1280, value_parser = clap::value_parser!(u32).range(320..=8000))]
    pub width: u32,
    /// Height in pixels.
    #[arg(long, default_value_t = 720, value_parser = clap::value_parser!(u32).range(240..=8000))]
    pub height: u32,
}

/// Filters on the Council's record.
#[derive(Debug, Clone, Default, Args)]
pub struct RecordFilter {
    /// A member code: rows where that seat holder cast a veto.
    #[arg(long)]
    pub member: Option<String>,
    /// The first date (YYYY-MM-DD).
    #[arg(long)]
    pub from: Option<String>,
    /// The last date (YYYY-MM-DD).
    #[arg(long)]
    pub to: Option<String>,
    /// adopted, vetoed, insufficient_votes, statement or other.
    #[arg(long)]
    pub outcome: Option<String>,
    /// Text in the agenda item (ignoring case).
    #[arg(long)]
    pub text: Option<String>,
    /// A document symbol, e.g. S/2024/835 or S/RES/2334 (2016).
    #[arg(long)]
    pub document: Option<String>,
}

/// How `council history` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A terminal table.
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// The formats of `council export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    Markdown,
    /// A complete HTML document.
    Html,
    /// Plain text, as `council run` prints.
    Text,
}
