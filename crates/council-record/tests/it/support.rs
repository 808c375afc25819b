//! Helpers shared by the tests: codes, dates and the embedded record and roster.

use chrono::NaiveDate;
use council_core::MemberCode;

pub(crate) fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).unwrap()
}

pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}
