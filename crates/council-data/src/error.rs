//! Why the data cannot answer: a date or month outside what it covers, or a defect in the
//! embedded files themselves.

use chrono::NaiveDate;
use council_core::presidency::Month;
use thiserror::Error;

/// A question the shipped data cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DataError {
    /// A date before the Council's first meeting or after the last year of the data.
    #[error("date {date} is outside the data: the roster covers {first} to {last}")]
    DateOutOfRange {
        /// The date asked for.
        date: NaiveDate,
        /// The first date covered (the Council's first meeting, 17 January 1946).
        first: NaiveDate,
        /// The last date covered (31 December of the last year file).
        last: NaiveDate,
    },
    /// A month before the Council's first month or after the last month of the data.
    #[error("month {year}-{month:02} is outside the data: the roster covers {first} to {last}")]
    MonthOutOfRange {
        /// The year asked for.
        year: i32,
        /// The month asked for.
        month: u32,
        /// The first month covered.
        first: Month,
        /// The last month covered.
        last: Month,
    },
    /// A month number outside 1 to 12.
    #[error("month {month} of {year} is not a month: expected 1 to 12")]
    InvalidMonth {
        /// The year asked for.
        year: i32,
        /// The month number asked for.
        month: u32,
    },
    /// The rotation was asked to count from a month whose President is not on record.
    #[error("no recorded presidency for {month} to count the rotation from")]
    NotRecorded {
        /// The month asked for.
        month: Month,
    },
    /// An embedded file does not parse or contradicts another; a build defect, caught by the
    /// crate's tests.
    #[error("embedded data file {file} is malformed: {reason}")]
    Malformed {
        /// The file, relative to the repository root.
        file: &'static str,
        /// What is wrong, with the line or record where known.
        reason: String,
    },
    /// The rotation could not be counted for a month (an anchor whose President does not sit,
    /// say).
    #[error("presidency of {month}: {reason}")]
    Rotation {
        /// The month asked for.
        month: Month,
        /// Why the rotation failed.
        reason: String,
    },
}
