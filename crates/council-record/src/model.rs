//! The typed model of the record: outcome rows with their documents, meetings, tallies and
//! vetoing members, veto-list entries, and where each came from.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use council_core::{MemberCode, Position};
use serde::Serialize;

use crate::error::RecordError;

/// An embedded file of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFile {
    /// `outcomes_1946_2022.csv`: the library's meeting tables, 1946 to 29 June 2022.
    Outcomes1946To2022,
    /// `outcomes_2022_onward.csv`: press releases and wire reports, 30 June 2022 onward.
    Outcomes2022Onward,
    /// `vetoes_1946_2022.csv`: the library's veto list, to 26 May 2022.
    Vetoes1946To2022,
    /// A row built in code (tests), not read from a file.
    Constructed,
}

impl SourceFile {
    /// The file's name under `data/record/`.
    pub fn file_name(self) -> &'static str {
        match self {
            SourceFile::Outcomes1946To2022 => "outcomes_1946_2022.csv",
            SourceFile::Outcomes2022Onward => "outcomes_2022_onward.csv",
            SourceFile::Vetoes1946To2022 => "vetoes_1946_2022.csv",
            SourceFile::Constructed => "(constructed)",
        }
    }
}

/// Where a row came from: the file and line in `data/record/`, and the source the file
/// names for it (the library page, or the press release or report).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provenance {
    /// The embedded file.
    pub file: SourceFile,
    /// The CSV line (the header is line 1).
    pub line: usize,
    /// The source named in the row: the saved library page, or the reports read.
    pub source: String,
}

impl fmt::Display for Provenance {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{}", self.file.file_name(), self.line)?;
        if !self.source.is_empty() {
            write!(formatter, " ({})", self.source)?;
        }
        Ok(())
    }
}

/// The kind of outcome as the file prints it (`outcome_type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeType {
    /// A resolution (S/RES/...).
    Resolution,
    /// A draft resolution not adopted: vetoed, or short of the required votes.
    DraftNotAdopted,
    /// A presidential statement.
    PresidentialStatement,
    /// A procedural decision or motion.
    Procedural,
    /// Anything else: communiqués, notes, ICJ elections, amendments.
    Other,
}

impl OutcomeType {
    pub(crate) fn parse(text: &str) -> Option<OutcomeType> {
        Some(match text {
            "resolution" => OutcomeType::Resolution,
            "draft_not_adopted" => OutcomeType::DraftNotAdopted,
            "presidential_statement" => OutcomeType::PresidentialStatement,
            "procedural" => OutcomeType::Procedural,
            "other" => OutcomeType::Other,
            _ => return None,
        })
    }
}

/// What became of a proposal, as the record has it: the `outcome` of `council history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeClass {
    /// A resolution adopted.
    Adopted,
    /// A draft not adopted owing to the negative vote of a permanent member.
    Vetoed,
    /// A draft not adopted for want of the required affirmative votes.
    InsufficientVotes,
    /// A presidential statement.
    Statement,
    /// Communiqués, notes, elections, procedural decisions and amendments.
    Other,
}

impl OutcomeClass {
    /// The class as written in outputs and filters.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeClass::Adopted => "adopted",
            OutcomeClass::Vetoed => "vetoed",
            OutcomeClass::InsufficientVotes => "insufficient_votes",
            OutcomeClass::Statement => "statement",
            OutcomeClass::Other => "other",
        }
    }
}

impl fmt::Display for OutcomeClass {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for OutcomeClass {
    type Err = RecordError;
    fn from_str(text: &str) -> Result<Self, RecordError> {
        Ok(match text {
            "adopted" => OutcomeClass::Adopted,
            "vetoed" => OutcomeClass::Vetoed,
            "insufficient_votes" => OutcomeClass::InsufficientVotes,
            "statement" => OutcomeClass::Statement,
            "other" => OutcomeClass::Other,
            _ => return Err(RecordError::UnknownOutcome(text.to_owned())),
        })
    }
}

/// The document an outcome produced or put to the vote.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Document {
    /// A resolution: its number and the year in its symbol.
    Resolution {
        /// The resolution's number.
        number: u32,
        /// The year in the symbol, `S/RES/N (YYYY)`.
        year: i32,
    },
    /// A draft resolution, by its symbol as printed (before 1948 the meeting record).
    Draft {
        /// The symbol as printed.
        symbol: String,
    },
    /// A presidential statement: `S/PRST/YYYY/N`, or the older `S/NNNNN` symbols.
    PresidentialStatement {
        /// The symbol as printed.
        symbol: String,
    },
    /// Any other document, as printed.
    Other {
        /// The symbol or text as printed.
        symbol: String,
    },
}

impl Document {
    /// Parses a resolution symbol `S/RES/N (YYYY)` (the space is sometimes missing).
    pub fn parse_resolution(text: &str) -> Option<Document> {
        let rest = text.trim().strip_prefix("S/RES/")?;
        let (number, year) = rest.split_once('(')?;
        let year = year.strip_suffix(')')?;
        Some(Document::Resolution {
            number: number.trim().parse().ok()?,
            year: year.trim().parse().ok()?,
        })
    }

    /// The symbol, in the UN's form (`S/RES/2334 (2016)`, `S/2016/1085`).
    pub fn symbol(&self) -> String {
        match self {
            Document::Resolution { number, year } => format!("S/RES/{number} ({year})"),
            Document::Draft { symbol }
            | Document::PresidentialStatement { symbol }
            | Document::Other { symbol } => symbol.clone(),
        }
    }
}

impl fmt::Display for Document {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.symbol())
    }
}

/// A meeting of the Council: its record symbol as printed and the number in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Meeting {
    /// The meeting's number (`S/PV.7853` is 7853), where the record prints one.
    pub number: Option<u32>,
    /// The record as printed: `S/PV.77 (closed)`, `S/PV.3434+Corr.1`.
    pub printed: String,
}

impl Meeting {
    pub(crate) fn parse(text: &str) -> Option<Meeting> {
        let printed = text.trim();
        if printed.is_empty() {
            return None;
        }
        let number = printed.strip_prefix("S/PV.").and_then(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        });
        Some(Meeting {
            number,
            printed: printed.to_owned(),
        })
    }

    /// The meeting record's symbol, `S/PV.N`, or the printed text when it has no number.
    pub fn symbol(&self) -> String {
        self.number
            .map_or_else(|| self.printed.clone(), |number| format!("S/PV.{number}"))
    }
}

/// A vote as the record prints it: the figures, and the members not participating where
/// the record has them. Absent members are usually not printed, so the figures may sum to
/// fewer than the Council's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RecordedVote {
    /// Votes in favour.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
    /// Members recorded as not participating (or absent), where printed.
    pub not_participating: Option<u32>,
}

impl RecordedVote {
    /// The members the figures account for.
    pub fn total(&self) -> u32 {
        self.yes + self.no + self.abstain + self.not_participating.unwrap_or(0)
    }
}

impl fmt::Display for RecordedVote {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}-{}-{}", self.yes, self.no, self.abstain)
    }
}

/// One outcome of one meeting: a row of the outcomes files, with the corrections of
/// `data/record/corrections.csv` applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordRow {
    /// Where the row came from.
    pub provenance: Provenance,
    /// The meeting's date; `None` where no source gave the day (2022 onward only).
    pub date: Option<NaiveDate>,
    /// The meeting, where the record prints it.
    pub meeting: Option<Meeting>,
    /// The agenda item (the topic cell; several items joined by ` | `).
    pub agenda_item: String,
    /// The kind of outcome as printed.
    pub outcome_type: OutcomeType,
    /// The document, where printed.
    pub document: Option<Document>,
    /// The vote as printed (`14-0-1`, `adopted unanimously`, empty).
    pub vote_text: String,
    /// The vote's figures, where printed.
    pub vote: Option<RecordedVote>,
    /// The permanent members whose negative votes defeated the draft, as the seat holders
    /// of that date (`SUN`, `TWN` before 25 October 1971, `CHN`, `RUS` ...).
    pub vetoed_by: Vec<MemberCode>,
    /// What became of the proposal.
    pub outcome: OutcomeClass,
    /// Other printed text: remarks, who abstained, conflicts between sources.
    pub note: String,
    /// The extraction's flags (1946-2022 file only).
    pub flags: Vec<String>,
    /// Individual positions known from the page or another source
    /// (`data/record/known_positions.csv`).
    pub known_positions: Vec<(MemberCode, Position)>,
    /// Whether a correction marks the row as a repeat of another; such rows are left out of
    /// queries and replays.
    pub duplicate: bool,
    /// The corrections applied to this row, as indexes into [`crate::Record::corrections`].
    pub corrections: Vec<usize>,
}

impl RecordRow {
    /// A row built in code rather than read from the files: for tests that inject rows the
    /// replay must catch. It has no meeting, document or note.
    pub fn constructed(
        date: NaiveDate,
        outcome_type: OutcomeType,
        vote: Option<RecordedVote>,
        vetoed_by: Vec<MemberCode>,
        agenda_item: &str,
    ) -> RecordRow {
        let outcome = crate::load::outcome_class(outcome_type, &vetoed_by);
        RecordRow {
            provenance: Provenance {
                file: SourceFile::Constructed,
                line: 0,
                source: String::new(),
            },
            date: Some(date),
            meeting: None,
            agenda_item: agenda_item.to_owned(),
            outcome_type,
            document: None,
            vote_text: vote.map(|vote| vote.to_string()).unwrap_or_default(),
            vote,
            vetoed_by,
            outcome,
            note: String::new(),
            flags: Vec::new(),
            known_positions: Vec::new(),
            duplicate: false,
            corrections: Vec::new(),
        }
    }

    /// The year of the row: its date's, or else its resolution symbol's.
    pub fn year(&self) -> Option<i32> {
        self.date.map(|date| date.year()).or(match self.document {
            Some(Document::Resolution { year, .. }) => Some(year),
            _ => None,
        })
    }

    /// The row as `council history --json` shows it.
    pub fn history_entry(&self) -> HistoryEntry {
        HistoryEntry {
            date: self.date,
            meeting: self.meeting.as_ref().map(|meeting| meeting.printed.clone()),
            document: self.document.as_ref().map(Document::symbol),
            outcome: self.outcome,
            yes: self.vote.map(|vote| vote.yes),
            no: self.vote.map(|vote| vote.no),
            abstain: self.vote.map(|vote| vote.abstain),
            not_participating: self.vote.and_then(|vote| vote.not_participating),
            vetoed_by: self.vetoed_by.clone(),
            agenda_item: self.agenda_item.clone(),
            source: self.provenance.to_string(),
        }
    }
}

/// One row of `council history`, flat, with the field names the CLI's `--json` and `--csv`
/// use. Missing facts stay `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// The meeting's date.
    pub date: Option<NaiveDate>,
    /// The meeting record as printed.
    pub meeting: Option<String>,
    /// The document's symbol.
    pub document: Option<String>,
    /// `adopted`, `vetoed`, `insufficient_votes`, `statement` or `other`.
    pub outcome: OutcomeClass,
    /// Votes in favour.
    pub yes: Option<u32>,
    /// Votes against.
    pub no: Option<u32>,
    /// Abstentions.
    pub abstain: Option<u32>,
    /// Members not participating, where printed.
    pub not_participating: Option<u32>,
    /// The seat holders whose negative votes were vetoes.
    pub vetoed_by: Vec<MemberCode>,
    /// The agenda item.
    pub agenda_item: String,
    /// The file, line and named source of the row.
    pub source: String,
}

/// A draft defeated by a veto: a row of the library's veto list, or (after 26 May 2022,
/// where the list ends) a vetoed draft of the 2022-onward outcomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VetoCast {
    /// The date of the vote (the first day of a printed range).
    pub date: NaiveDate,
    /// The draft's symbol as printed (before 1948 the meeting record), where known.
    pub draft: Option<String>,
    /// The meeting record as printed, where known.
    pub meeting: Option<String>,
    /// The agenda item.
    pub agenda_item: String,
    /// The seat holders that cast the negative votes.
    pub vetoed_by: Vec<MemberCode>,
    /// Where the entry came from.
    pub provenance: Provenance,
}

/// A fix to a copied file, from `data/record/corrections.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Correction {
    /// The file corrected.
    pub file: SourceFile,
    /// The CSV line corrected.
    pub line: usize,
    /// The column (or `vetoed_by`, `status`, which are derived).
    pub field: String,
    /// The value before.
    pub old: String,
    /// The value after.
    pub new: String,
    /// The source or reason.
    pub source: String,
}
