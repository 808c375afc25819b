//! The General Assembly debate that a veto triggers: A/RES/76/262 of 26 April 2022.
//!
//! Operative paragraph 1: the President of the General Assembly "shall convene a formal
//! meeting of the Assembly within ten working days of the casting of a veto by one or more
//! permanent members", unless the Assembly meets in an emergency special session on the same
//! situation. A veto of an amendment triggers it too (22 December 2023, debated 9 January
//! 2024); a failure for lack of votes does not.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// The day A/RES/76/262 was adopted; vetoes before it trigger no standing debate.
pub const MANDATE_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2022, 4, 26) {
    Some(date) => date,
    None => panic!("2022-04-26 is a valid date"),
};

/// The working days within which the debate is convened (OP1).
pub const WORKING_DAYS: u32 = 10;

/// The General Assembly debate due after a veto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VetoDebate {
    /// The day the veto was cast.
    pub vetoed_on: NaiveDate,
    /// The latest day the Assembly's formal meeting may be held: the tenth working day
    /// (Monday to Friday) after the veto. UN official holidays are not modelled, so in a
    /// week with one the real deadline may fall a day later.
    pub convene_by: NaiveDate,
}

impl VetoDebate {
    /// The debate due after a veto cast on `vetoed_on`, or `None` before the mandate existed.
    ///
    /// ```
    /// use council_core::veto_debate::VetoDebate;
    /// use chrono::NaiveDate;
    /// let veto = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
    /// let debate = VetoDebate::after_veto(veto).unwrap();
    /// assert_eq!(debate.convene_by, NaiveDate::from_ymd_opt(2024, 12, 4).unwrap());
    /// assert!(VetoDebate::after_veto(NaiveDate::from_ymd_opt(2011, 10, 4).unwrap()).is_none());
    /// ```
    pub fn after_veto(vetoed_on: NaiveDate) -> Option<VetoDebate> {
        if vetoed_on < MANDATE_FROM {
            return None;
        }
        Some(VetoDebate {
            vetoed_on,
            convene_by: add_working_days(vetoed_on, WORKING_DAYS),
        })
    }

    /// A sentence saying what is due and by when.
    pub fn explanation(&self) -> String {
        format!(
            "The veto triggers a General Assembly debate under A/RES/76/262, to be convened within {} working days: by {} at the latest, unless the Assembly meets in emergency special session on the same situation.",
            WORKING_DAYS,
            self.convene_by.format("%-d %B %Y")
        )
    }
}

/// The date `count` working days (Monday to Friday) after `start`.
pub fn add_working_days(start: NaiveDate, count: u32) -> NaiveDate {
    let mut day = start;
    let mut remaining = count;
    while remaining > 0 {
        day = day
            .checked_add_days(Days::new(1))
            .expect("dates in the Council's record are far from chrono's limits");
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            remaining -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn working_days_skip_weekends() {
        // Friday 22 December 2023 plus ten working days is Friday 5 January 2024.
        assert_eq!(add_working_days(date(2023, 12, 22), 10), date(2024, 1, 5));
    }

    #[test]
    fn the_debate_of_1_may_2024_fell_within_the_deadline_of_the_18_april_veto() {
        let debate = VetoDebate::after_veto(date(2024, 4, 18)).unwrap();
        assert!(date(2024, 5, 1) <= debate.convene_by);
    }

    #[test]
    fn the_first_veto_under_the_mandate_triggers_it_and_earlier_ones_do_not() {
        assert!(VetoDebate::after_veto(date(2022, 5, 26)).is_some());
        assert!(VetoDebate::after_veto(date(2022, 2, 25)).is_none());
    }
}
