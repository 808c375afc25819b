//! The Security Council's historical record: every outcome of every meeting from 1946,
//! the library's veto list, the queries researchers ask of them, and a replay that
//! re-decides every recorded vote through `council-core`'s rules engine.
//!
//! The files under `data/record/` are embedded with `include_str!` and parsed once, on
//! first use, into a [`Record`]: nothing is read at run time and nothing is printed. The
//! copied files are byte-identical to their sources; the fixes they need are data too
//! (`data/record/corrections.csv`, each with its source), applied here at load.
//!
//! ```
//! use council_record::{Filter, Record};
//! use council_core::MemberCode;
//! use chrono::NaiveDate;
//! let record = Record::embedded();
//! let filter = Filter { to: NaiveDate::from_ymd_opt(2022, 5, 26), ..Filter::default() };
//! let counts = record.veto_counts(&filter);
//! assert_eq!(counts.of(MemberCode::parse("USA").unwrap()), 82);
//! ```
//!
//! # Layout
//! - [`model`]: the typed record: [`RecordRow`] (document, [`Meeting`], [`RecordedVote`],
//!   vetoing members as seat holders, agenda item, [`OutcomeClass`], [`Provenance`]),
//!   [`VetoCast`] and [`Correction`].
//! - [`query`]: [`Filter`] and [`VetoCounts`]; the queries themselves are methods of
//!   [`Record`].
//! - [`replay`]: re-deciding recorded votes with [`council_core::decide_vote`]
//!   ([`ReplaySummary`]), and under alternative [`Rules`] ([`WhatIf`]).
//! - [`enlarged`]: the same votes on a Council enlarged as in a [`ReformModel`] (a game of
//!   `council-power`), each classed by whether its fate depends on the added members
//!   ([`EnlargedWhatIf`]).
//! - [`error`]: why the record cannot answer ([`RecordError`]).
//! - `load`: parsing the embedded files and applying the corrections.
//! - `sources`: the embedded files.

pub mod enlarged;
pub mod error;
mod load;
pub mod model;
pub mod query;
pub mod replay;
mod sources;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use council_data::Roster;

pub use enlarged::{
    AddedSeats, Classification, EnlargedDecadeCounts, EnlargedFate, EnlargedWhatIf, ExistingVeto,
    FateClass, ReformModel, SeatClass,
};
pub use error::RecordError;
pub use model::{
    Correction, Document, HistoryEntry, Meeting, OutcomeClass, OutcomeType, Provenance, RecordRow,
    RecordedVote, SourceFile, VetoCast,
};
pub use query::{Filter, VetoCounts, decade_of};
pub use replay::{
    ChangedFate, DecadeCounts, Mismatch, Redecided, ReplaySummary, Rules, Undecidable,
    UndecidableRow, WhatIf,
};

/// The record: outcome rows in date order (the 1946-2022 file, then the 2022-onward file),
/// the vetoes, and the corrections applied to them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    rows: Vec<RecordRow>,
    vetoes: Vec<VetoCast>,
    corrections: Vec<Correction>,
}

static EMBEDDED: OnceLock<Result<Record, RecordError>> = OnceLock::new();

impl Record {
    /// The embedded record, parsed on first use.
    ///
    /// # Panics
    ///
    /// If the embedded files are malformed or a correction does not match them: a build
    /// defect that the crate's tests rule out. [`Record::parse_embedded`] returns the error.
    pub fn embedded() -> &'static Record {
        match EMBEDDED.get_or_init(Record::parse_embedded) {
            Ok(record) => record,
            Err(error) => panic!("the embedded record is malformed: {error}"),
        }
    }

    /// Parses the embedded files afresh and applies the corrections.
    pub fn parse_embedded() -> Result<Record, RecordError> {
        let loaded = load::load()?;
        Ok(Record {
            rows: loaded.rows,
            vetoes: loaded.vetoes,
            corrections: loaded.corrections,
        })
    }

    /// A record of the given rows and vetoes, without corrections: for tests that inject
    /// rows.
    pub fn from_parts(rows: Vec<RecordRow>, vetoes: Vec<VetoCast>) -> Record {
        Record {
            rows,
            vetoes,
            corrections: Vec::new(),
        }
    }

    /// Every outcome row, including those a correction marks as duplicates.
    pub fn rows(&self) -> &[RecordRow] {
        &self.rows
    }

    /// The corrections applied at load.
    pub fn corrections(&self) -> &[Correction] {
        &self.corrections
    }

    /// Every veto: the library's list to 26 May 2022, then the vetoed drafts of the
    /// 2022-onward outcomes.
    pub fn vetoes(&self) -> &[VetoCast] {
        &self.vetoes
    }

    /// The outcome rows that pass the filter, oldest first, without duplicates.
    pub fn history(&self, filter: &Filter) -> Vec<&RecordRow> {
        self.rows
            .iter()
            .filter(|row| !row.duplicate && filter.matches_row(row))
            .collect()
    }

    /// The resolution with this number, if the record has it.
    pub fn resolution(&self, number: u32) -> Option<&RecordRow> {
        self.rows.iter().find(|row| {
            !row.duplicate
                && matches!(row.document, Some(Document::Resolution { number: found, .. }) if found == number)
        })
    }

    /// The vetoes that pass the filter (its outcome is ignored).
    pub fn veto_list(&self, filter: &Filter) -> Vec<&VetoCast> {
        self.vetoes
            .iter()
            .filter(|veto| filter.matches_veto(veto))
            .collect()
    }

    /// The vetoes that pass the filter, counted: drafts, and vetoes per seat holder.
    pub fn veto_counts(&self, filter: &Filter) -> VetoCounts {
        VetoCounts::count(self.veto_list(filter))
    }

    /// The vetoes that pass the filter, counted per decade (named by its first year).
    pub fn vetoes_by_decade(&self, filter: &Filter) -> BTreeMap<i32, VetoCounts> {
        query::by_decade(self.veto_list(filter))
    }

    /// The vetoes that pass the filter, counted per agenda item as printed.
    pub fn vetoes_by_topic(&self, filter: &Filter) -> BTreeMap<String, VetoCounts> {
        query::by_topic(self.veto_list(filter))
    }

    /// Re-decides every row under the Charter with the Council of its day from `roster`,
    /// calling `progress(done, total)` after each row.
    pub fn replay(&self, roster: &Roster, progress: impl FnMut(usize, usize)) -> ReplaySummary {
        replay::replay(self.rows.iter(), roster, progress)
    }

    /// Re-decides every decidable row under `rules` and lists the votes whose fate changes,
    /// calling `progress(done, total)` after each row.
    pub fn what_if(
        &self,
        roster: &Roster,
        rules: &Rules,
        progress: impl FnMut(usize, usize),
    ) -> WhatIf {
        replay::what_if(self.rows.iter(), roster, rules, progress)
    }

    /// Re-decides every decidable row on a Council enlarged as in `model` and classes each
    /// vote by whether its fate depends on the added members, calling `progress(done,
    /// total)` after each row.
    pub fn what_if_enlarged(
        &self,
        roster: &Roster,
        model: &ReformModel,
        progress: impl FnMut(usize, usize),
    ) -> EnlargedWhatIf {
        enlarged::what_if_enlarged(self.rows.iter(), roster, model, progress)
    }
}
