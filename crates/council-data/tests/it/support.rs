//! Helpers shared by the integration tests.

use chrono::NaiveDate;
use council_core::{Composition, MemberCode};
use council_data::Roster;

pub(crate) fn roster() -> &'static Roster {
    Roster::embedded()
}

pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

pub(crate) fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).unwrap()
}

pub(crate) fn council_on(year: i32, month: u32, day: u32) -> Composition {
    roster().composition_on(date(year, month, day)).unwrap()
}

pub(crate) fn codes(composition: &Composition) -> Vec<String> {
    let mut codes: Vec<String> = composition
        .members()
        .iter()
        .map(|member| member.code().to_string())
        .collect();
    codes.sort_unstable();
    codes
}
