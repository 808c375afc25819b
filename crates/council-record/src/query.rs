//! Questions asked of the record: outcomes filtered by member, dates, outcome, agenda text
//! and document, and veto counts per member, decade and agenda item.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use council_core::MemberCode;
use serde::Serialize;

use crate::model::{Document, OutcomeClass, RecordRow, VetoCast};

/// Which rows a query keeps. Every field left `None` keeps everything; a row without a date
/// is left out as soon as a date bound is set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only rows that this seat holder vetoed.
    pub member: Option<MemberCode>,
    /// Only rows on or after this date.
    pub from: Option<NaiveDate>,
    /// Only rows on or before this date.
    pub to: Option<NaiveDate>,
    /// Only rows with this outcome (ignored by veto queries, which count vetoes only).
    pub outcome: Option<OutcomeClass>,
    /// Only rows whose agenda item contains this text, ignoring case.
    pub text: Option<String>,
    /// Only rows whose document symbol is this one (`S/RES/2334` matches
    /// `S/RES/2334 (2016)`), ignoring case and spacing.
    pub document: Option<String>,
}

/// Lower-case without spaces, so that `S/RES/384(1975)` and `S/RES/384 (1975)` compare equal.
fn normalise_symbol(text: &str) -> String {
    text.chars()
        .filter(|character| !character.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `symbol` is `wanted`, or starts with it followed by something that cannot continue
/// a symbol's number (`S/RES/2334` matches `S/RES/2334 (2016)` but not `S/RES/23345`).
pub(crate) fn symbol_matches(symbol: &str, wanted: &str) -> bool {
    let symbol = normalise_symbol(symbol);
    let wanted = normalise_symbol(wanted);
    match symbol.strip_prefix(&wanted) {
        Some(rest) => !rest.starts_with(|character: char| character.is_ascii_alphanumeric()),
        None => false,
    }
}

/// Whether `haystack` contains `needle`, ignoring case.
pub(crate) fn contains_ignoring_case(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(&needle.to_lowercase())
}

impl Filter {
    fn date_matches(&self, date: Option<NaiveDate>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        date.is_some_and(|date| {
            self.from.is_none_or(|from| date >= from) && self.to.is_none_or(|to| date <= to)
        })
    }

    fn text_matches(&self, agenda_item: &str) -> bool {
        self.text
            .as_deref()
            .is_none_or(|text| contains_ignoring_case(agenda_item, text))
    }

    fn document_matches(&self, symbol: Option<&str>) -> bool {
        self.document
            .as_deref()
            .is_none_or(|wanted| symbol.is_some_and(|symbol| symbol_matches(symbol, wanted)))
    }

    /// Whether an outcome row passes the filter.
    pub fn matches_row(&self, row: &RecordRow) -> bool {
        self.member
            .is_none_or(|member| row.vetoed_by.contains(&member))
            && self.date_matches(row.date)
            && self.outcome.is_none_or(|outcome| row.outcome == outcome)
            && self.text_matches(&row.agenda_item)
            && self.document_matches(row.document.as_ref().map(Document::symbol).as_deref())
    }

    /// Whether a veto passes the filter (the outcome is ignored: every entry is a veto).
    pub fn matches_veto(&self, veto: &VetoCast) -> bool {
        self.member
            .is_none_or(|member| veto.vetoed_by.contains(&member))
            && self.date_matches(Some(veto.date))
            && self.text_matches(&veto.agenda_item)
            && self.document_matches(veto.draft.as_deref())
    }
}

/// Vetoes counted: the drafts vetoed, and the negative votes of each seat holder (one per
/// member per draft). A draft vetoed by two members adds one draft and two votes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct VetoCounts {
    /// Drafts defeated by a veto.
    pub drafts: usize,
    /// Vetoes cast, per seat holder.
    pub by_member: BTreeMap<MemberCode, usize>,
}

impl VetoCounts {
    /// Counts the given vetoes.
    pub fn count<'a>(vetoes: impl IntoIterator<Item = &'a VetoCast>) -> VetoCounts {
        let mut counts = VetoCounts::default();
        for veto in vetoes {
            counts.add(veto);
        }
        counts
    }

    fn add(&mut self, veto: &VetoCast) {
        self.drafts += 1;
        for member in &veto.vetoed_by {
            *self.by_member.entry(*member).or_default() += 1;
        }
    }

    /// The vetoes of one seat holder.
    pub fn of(&self, member: MemberCode) -> usize {
        self.by_member.get(&member).copied().unwrap_or(0)
    }
}

/// The decade a year falls in, named by its first year (1946 is in 1940).
pub fn decade_of(year: i32) -> i32 {
    year - year.rem_euclid(10)
}

/// Vetoes grouped by decade.
pub(crate) fn by_decade<'a>(
    vetoes: impl IntoIterator<Item = &'a VetoCast>,
) -> BTreeMap<i32, VetoCounts> {
    let mut decades: BTreeMap<i32, VetoCounts> = BTreeMap::new();
    for veto in vetoes {
        decades
            .entry(decade_of(veto.date.year()))
            .or_default()
            .add(veto);
    }
    decades
}

/// Vetoes grouped by agenda item, as printed.
pub(crate) fn by_topic<'a>(
    vetoes: impl IntoIterator<Item = &'a VetoCast>,
) -> BTreeMap<String, VetoCounts> {
    let mut topics: BTreeMap<String, VetoCounts> = BTreeMap::new();
    for veto in vetoes {
        topics
            .entry(veto.agenda_item.clone())
            .or_default()
            .add(veto);
    }
    topics
}
