//! Who held the Council's seats each year (`data/membership/years/*.json`), with the seats
//! that changed hands during a year (`data/corrections/seat_handovers.csv`).
//!
//! The year files list one holder per seat for a whole year. Three seats changed hands on a
//! date inside a year, and the files list the later holder for all of it: the China seat
//! (25 October 1971), Democratic Yemen's seat (22 May 1990) and the USSR's seat (24 December
//! 1991). A handover puts the earlier holder back in the seat before its date.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use council_core::MemberCode;
use serde::Deserialize;

use crate::error::DataError;
use crate::sources::FilePath;
use crate::states::{RegionalGroup, parse_code};

/// A seat as a year file lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seat {
    pub(crate) holder: MemberCode,
    pub(crate) permanent: bool,
    pub(crate) regional_group: Option<RegionalGroup>,
}

/// A seat that passed from `outgoing` to `incoming` on `date`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Handover {
    pub(crate) date: NaiveDate,
    pub(crate) outgoing: MemberCode,
    pub(crate) incoming: MemberCode,
}

/// The Council's seats year by year.
#[derive(Debug, Clone)]
pub(crate) struct Membership {
    years: BTreeMap<i32, Vec<Seat>>,
    handovers: Vec<Handover>,
}

#[derive(Deserialize)]
struct YearFile {
    year: i32,
    members: Vec<YearMember>,
}

#[derive(Deserialize)]
struct YearMember {
    iso3: String,
    permanent: bool,
    regional_group: Option<String>,
}

#[derive(Deserialize)]
struct HandoverRecord {
    date: NaiveDate,
    outgoing: String,
    incoming: String,
    #[serde(rename = "source")]
    _source: String,
}

impl Membership {
    /// Parses the year files and the handovers; checks that the years run without a gap and
    /// that each handover's incoming holder sits in its year.
    pub(crate) fn parse(
        year_files: &[(FilePath, &str)],
        (handovers_file, handovers_text): (FilePath, &str),
    ) -> Result<Self, DataError> {
        let mut years = BTreeMap::new();
        for (file, text) in year_files {
            let malformed = |reason: String| DataError::Malformed { file, reason };
            let parsed: YearFile =
                serde_json::from_str(text).map_err(|error| malformed(error.to_string()))?;
            let mut seats = Vec::with_capacity(parsed.members.len());
            for member in parsed.members {
                let holder = parse_code(&member.iso3).map_err(malformed)?;
                let regional_group = match member.regional_group.as_deref() {
                    None => None,
                    Some(text) => Some(RegionalGroup::parse(text).ok_or_else(|| {
                        malformed(format!("{holder}: unknown regional group `{text}`"))
                    })?),
                };
                seats.push(Seat {
                    holder,
                    permanent: member.permanent,
                    regional_group,
                });
            }
            if years.insert(parsed.year, seats).is_some() {
                return Err(malformed(format!("year {} appears twice", parsed.year)));
            }
        }
        let span: Vec<i32> = years.keys().copied().collect();
        if span.windows(2).any(|pair| pair[1] != pair[0] + 1) || span.is_empty() {
            return Err(DataError::Malformed {
                file: "data/membership/years",
                reason: "the year files do not run without a gap".to_owned(),
            });
        }

        let malformed = |reason: String| DataError::Malformed {
            file: handovers_file,
            reason,
        };
        let mut handovers = Vec::new();
        let mut reader = csv::Reader::from_reader(handovers_text.as_bytes());
        for (index, record) in reader.deserialize::<HandoverRecord>().enumerate() {
            let line = index + 2;
            let record = record.map_err(|error| malformed(format!("line {line}: {error}")))?;
            let handover = Handover {
                date: record.date,
                outgoing: parse_code(&record.outgoing).map_err(&malformed)?,
                incoming: parse_code(&record.incoming).map_err(&malformed)?,
            };
            let sits = years
                .get(&handover.date.year())
                .is_some_and(|seats: &Vec<Seat>| {
                    seats.iter().any(|seat| seat.holder == handover.incoming)
                });
            if !sits {
                return Err(malformed(format!(
                    "line {line}: {} does not sit in {}",
                    handover.incoming,
                    handover.date.year()
                )));
            }
            handovers.push(handover);
        }
        Ok(Membership { years, handovers })
    }

    /// The first and last years of the files.
    pub(crate) fn year_span(&self) -> (i32, i32) {
        let first = self.years.keys().next().copied().unwrap_or_default();
        let last = self.years.keys().next_back().copied().unwrap_or_default();
        (first, last)
    }

    /// Every year's seats as the files list them, without handovers.
    pub(crate) fn years(&self) -> impl Iterator<Item = (i32, &[Seat])> {
        self.years
            .iter()
            .map(|(year, seats)| (*year, seats.as_slice()))
    }

    /// The seat corrections applied inside a year.
    pub(crate) fn handovers(&self) -> &[Handover] {
        &self.handovers
    }

    /// The seats on `date`, with handovers applied; `None` for a year without a file.
    pub(crate) fn seats_on(&self, date: NaiveDate) -> Option<Vec<Seat>> {
        let seats = self.years.get(&date.year())?;
        Some(
            seats
                .iter()
                .map(|seat| {
                    let earlier_holder = self.handovers.iter().find(|handover| {
                        handover.incoming == seat.holder
                            && handover.date.year() == date.year()
                            && date < handover.date
                    });
                    match earlier_holder {
                        Some(handover) => Seat {
                            holder: handover.outgoing,
                            ..*seat
                        },
                        None => *seat,
                    }
                })
                .collect(),
        )
    }
}
