//! The President of the Council in a month: on record (`data/presidency/anchors.csv`) or
//! counted by Rule 18 from the nearest month on record.

use std::collections::BTreeMap;

use council_core::MemberCode;
use council_core::presidency::{Anchor, Month};
use serde::{Deserialize, Serialize, Serializer};

use crate::error::DataError;
use crate::sources::FilePath;
use crate::states::parse_code;

/// Where a month's President comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PresidencyBasis {
    /// The presidency is on record, in the named source.
    Recorded {
        /// The source, as `data/presidency/anchors.csv` cites it.
        source: String,
    },
    /// The presidency is counted by Rule 18 from the recorded presidency of another month.
    Computed {
        /// The year of the recorded month counted from.
        from_year: i32,
        /// The recorded month counted from.
        from_month: u32,
    },
}

/// The President of the Council in one month (Rule 18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Presidency {
    #[serde(serialize_with = "serialize_month")]
    month: (i32, u32),
    president: MemberCode,
    name: String,
    basis: PresidencyBasis,
}

fn serialize_month<S: Serializer>(month: &(i32, u32), serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_args!("{:04}-{:02}", month.0, month.1))
}

impl Presidency {
    pub(crate) fn new(
        month: Month,
        president: MemberCode,
        name: String,
        basis: PresidencyBasis,
    ) -> Self {
        Presidency {
            month: (month.year(), month.month()),
            president,
            name,
            basis,
        }
    }

    /// The year and month.
    pub fn month(&self) -> (i32, u32) {
        self.month
    }

    /// The member holding the presidency.
    pub fn president(&self) -> MemberCode {
        self.president
    }

    /// The President's UN name on the first day of the month.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the presidency is on record or counted, and from what.
    pub fn basis(&self) -> &PresidencyBasis {
        &self.basis
    }

    /// Whether the presidency is on record.
    pub fn is_recorded(&self) -> bool {
        matches!(self.basis, PresidencyBasis::Recorded { .. })
    }
}

/// The presidencies on record, with their sources.
#[derive(Debug, Clone)]
pub(crate) struct Anchors {
    by_month: BTreeMap<Month, (Anchor, String)>,
}

#[derive(Deserialize)]
struct AnchorRecord {
    month: String,
    president: String,
    source: String,
}

impl Anchors {
    pub(crate) fn parse((file, text): (FilePath, &str)) -> Result<Self, DataError> {
        let malformed = |reason: String| DataError::Malformed { file, reason };
        let mut by_month = BTreeMap::new();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for (index, record) in reader.deserialize::<AnchorRecord>().enumerate() {
            let line = index + 2;
            let record = record.map_err(|error| malformed(format!("line {line}: {error}")))?;
            let month = parse_month(&record.month).ok_or_else(|| {
                malformed(format!("line {line}: `{}` is not YYYY-MM", record.month))
            })?;
            let president = parse_code(&record.president)
                .map_err(|reason| malformed(format!("line {line}: {reason}")))?;
            if record.source.trim().is_empty() {
                return Err(malformed(format!("line {line}: no source")));
            }
            let anchor = Anchor::new(month, president);
            if by_month.insert(month, (anchor, record.source)).is_some() {
                return Err(malformed(format!("line {line}: {month} is recorded twice")));
            }
        }
        Ok(Anchors { by_month })
    }

    pub(crate) fn all(&self) -> impl Iterator<Item = Anchor> + '_ {
        self.by_month.values().map(|(anchor, _)| *anchor)
    }

    pub(crate) fn get(&self, month: Month) -> Option<(Anchor, &str)> {
        self.by_month
            .get(&month)
            .map(|(anchor, source)| (*anchor, source.as_str()))
    }
}

fn parse_month(text: &str) -> Option<Month> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    Month::new(year.parse().ok()?, month.parse().ok()?)
}
