//! The General Assembly debate that a veto triggers: A/RES/76/262 of 26 April 2022.
//!
//! Operative paragraph 1: the President of the General Assembly "shall convene a formal
//! meeting of the Assembly within ten working days of the casting of a veto by one or more
//! permanent members", unless the Assembly meets in an emergency special session on the same
//! situation. A veto of an amendment triggers it too (22 December 2023, debated 9 January
//! 2024); a failure for lack of votes does not.
//!
//! Working days are those of United Nations Headquarters ([`Calendar::headquarters`]):
//! weekdays less the official holidays. The veto of 22 December 2023 shows why the holidays
//! count: ten weekdays end on 5 January 2024, ten working days (less Christmas Day and New
//! Year's Day) on 9 January, the day the Assembly met.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

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
    /// The latest day the Assembly's formal meeting may be held: the tenth working day at
    /// Headquarters after the veto (weekdays less official holidays; weekdays only in a year
    /// whose holidays are not in the data, which the explanation then says).
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
    /// // Thanksgiving Day, 28 November 2024, is not a working day at Headquarters.
    /// assert_eq!(debate.convene_by, NaiveDate::from_ymd_opt(2024, 12, 5).unwrap());
    /// assert!(VetoDebate::after_veto(NaiveDate::from_ymd_opt(2011, 10, 4).unwrap()).is_none());
    /// ```
    pub fn after_veto(vetoed_on: NaiveDate) -> Option<VetoDebate> {
        if vetoed_on < MANDATE_FROM {
            return None;
        }
        Some(VetoDebate {
            vetoed_on,
            convene_by: Calendar::headquarters().add_working_days(vetoed_on, WORKING_DAYS),
        })
    }

    /// A sentence saying what is due and by when, and which holidays or missing data moved
    /// the date.
    pub fn explanation(&self) -> String {
        let calendar = Calendar::headquarters();
        let mut notes = Vec::new();
        let holidays: Vec<String> = calendar
            .holidays_between(self.vetoed_on, self.convene_by)
            .map(|(date, name)| format!("{}, {name}", date.format("%-d %B")))
            .collect();
        if !holidays.is_empty() {
            notes.push(format!(
                "Headquarters holidays not counted: {}",
                holidays.join("; ")
            ));
        }
        let unknown: Vec<String> = (self.vetoed_on.year()..=self.convene_by.year())
            .filter(|year| !calendar.covers(*year))
            .map(|year| year.to_string())
            .collect();
        if !unknown.is_empty() {
            notes.push(format!(
                "the official holidays of {} are not in the data, so only weekends are left out there",
                unknown.join(" and ")
            ));
        }
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        format!(
            "The veto triggers a General Assembly debate under A/RES/76/262, to be convened within {} working days: by {} at the latest{notes}, unless the Assembly meets in emergency special session on the same situation.",
            WORKING_DAYS,
            self.convene_by.format("%-d %B %Y")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn thanksgiving_day_moves_the_deadline_of_the_veto_of_20_november_2024() {
        let debate = VetoDebate::after_veto(date(2024, 11, 20)).unwrap();
        assert_eq!(debate.convene_by, date(2024, 12, 5));
        let explanation = debate.explanation();
        assert!(
            explanation.contains(
                "by 5 December 2024 at the latest (Headquarters holidays not counted: 28 November, Thanksgiving Day), unless"
            ),
            "{explanation}"
        );
        // Good Friday and Eid al-Fitr both fall within ten working days of 28 March 2024.
        let debate = VetoDebate::after_veto(date(2024, 3, 28)).unwrap();
        assert_eq!(debate.convene_by, date(2024, 4, 15));
        assert!(
            debate.explanation().contains(
                "(Headquarters holidays not counted: 29 March, Good Friday; 10 April, Eid al-Fitr)"
            ),
            "{}",
            debate.explanation()
        );
    }

    #[test]
    fn a_year_without_holiday_data_says_only_weekends_are_left_out() {
        // The amendment vetoed on 22 December 2023 was debated on 9 January 2024: ten working
        // days less Christmas Day and New Year's Day. 2023's holidays are not in the data, so
        // Christmas Day counts and the date comes a day early, which the explanation says.
        let debate = VetoDebate::after_veto(date(2023, 12, 22)).unwrap();
        assert_eq!(debate.convene_by, date(2024, 1, 8));
        let explanation = debate.explanation();
        assert!(
            explanation.contains(
                "by 8 January 2024 at the latest (Headquarters holidays not counted: 1 January, New Year's Day; the official holidays of 2023 are not in the data, so only weekends are left out there), unless"
            ),
            "{explanation}"
        );
        let debate = VetoDebate::after_veto(date(2030, 3, 1)).unwrap();
        assert_eq!(debate.convene_by, date(2030, 3, 15));
        assert!(
            debate
                .explanation()
                .contains("(the official holidays of 2030 are not in the data"),
            "{}",
            debate.explanation()
        );
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
