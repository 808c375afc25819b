//! United Nations Headquarters' working days: Monday to Friday, less the official holidays
//! the Secretariat designates for New York each year (information circulars ST/IC/YYYY/NN).
//!
//! The holidays are facts with sources, shipped as `data/calendar/un_hq_holidays.csv` and
//! embedded at build time, like the other constants of this crate: nothing is read at run
//! time. A year the file does not cover counts weekdays only, and [`Calendar::covers`] says
//! so, so that an answer can say it too.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// The embedded file: `date,holiday,source`, one official holiday a row.
const HOLIDAYS_FILE: &str = include_str!("../../../data/calendar/un_hq_holidays.csv");

/// The official holidays at United Nations Headquarters, for the years the data covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeMap<NaiveDate, String>,
    years: BTreeSet<i32>,
}

static HEADQUARTERS: OnceLock<Calendar> = OnceLock::new();

impl Calendar {
    /// The calendar of Headquarters in New York, from the embedded file.
    ///
    /// # Panics
    ///
    /// If the embedded file is malformed: a build defect that this module's tests rule out.
    pub fn headquarters() -> &'static Calendar {
        HEADQUARTERS.get_or_init(|| {
            Calendar::parse(HOLIDAYS_FILE).unwrap_or_else(|reason| {
                panic!("data/calendar/un_hq_holidays.csv is malformed: {reason}")
            })
        })
    }

    /// Parses `date,holiday,source` rows (a header first; `source` may be quoted and hold
    /// commas). Dates must rise, and none may fall on a weekend. Only the embedded file is
    /// parsed, so a malformed row is a build defect and its reason a plain message.
    fn parse(text: &str) -> Result<Calendar, String> {
        let mut lines = text.lines().enumerate();
        match lines.next() {
            Some((_, header)) if header.trim() == "date,holiday,source" => {}
            other => {
                return Err(format!(
                    "line 1: expected the header `date,holiday,source`, found {:?}",
                    other.map(|(_, line)| line)
                ));
            }
        }
        let mut holidays = BTreeMap::new();
        let mut years = BTreeSet::new();
        let mut last: Option<NaiveDate> = None;
        for (index, line) in lines {
            let number = index + 1;
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.splitn(3, ',');
            let (Some(date), Some(name), Some(source)) =
                (fields.next(), fields.next(), fields.next())
            else {
                return Err(format!("line {number}: expected `date,holiday,source`"));
            };
            let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|error| format!("line {number}: date `{date}`: {error}"))?;
            if name.trim().is_empty() || source.trim().is_empty() {
                return Err(format!(
                    "line {number}: {date} needs a holiday and a source"
                ));
            }
            if is_weekend(date) {
                return Err(format!("line {number}: {date} is a {}", date.weekday()));
            }
            if last.is_some_and(|last| date <= last) {
                return Err(format!(
                    "line {number}: {date} does not come after the row before"
                ));
            }
            last = Some(date);
            years.insert(date.year());
            holidays.insert(date, name.to_owned());
        }
        Ok(Calendar { holidays, years })
    }

    /// The official holiday on `date`, if it is one.
    pub fn holiday(&self, date: NaiveDate) -> Option<&str> {
        self.holidays.get(&date).map(String::as_str)
    }

    /// Whether the data gives the year's holidays (else only weekends are skipped in it).
    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Whether `date` is a working day: a weekday and no official holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && self.holiday(date).is_none()
    }

    /// The date `count` working days after `start` (`start` itself not counted).
    pub fn add_working_days(&self, start: NaiveDate, count: u32) -> NaiveDate {
        let mut day = start;
        let mut remaining = count;
        while remaining > 0 {
            day = day
                .checked_add_days(Days::new(1))
                .expect("dates in the Council's record are far from chrono's limits");
            if self.is_working_day(day) {
                remaining -= 1;
            }
        }
        day
    }

    /// The official holidays after `start`, up to and including `end`, with their names.
    pub fn holidays_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> impl Iterator<Item = (NaiveDate, &str)> {
        self.holidays
            .range(start.succ_opt().unwrap_or(start)..=end)
            .map(|(date, name)| (*date, name.as_str()))
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn the_embedded_file_parses_and_covers_only_the_years_it_has_sources_for() {
        let calendar = Calendar::parse(HOLIDAYS_FILE).unwrap();
        assert!(calendar.covers(2024));
        for year in [2022, 2023, 2025, 2026] {
            assert!(!calendar.covers(year), "{year} has no sourced rows");
        }
        assert_eq!(
            calendar.holidays.len(),
            9,
            "the nine official holidays of 2024"
        );
    }

    #[test]
    fn official_holidays_are_not_working_days_at_headquarters() {
        let calendar = Calendar::headquarters();
        assert_eq!(calendar.holiday(date(2024, 12, 25)), Some("Christmas Day"));
        assert_eq!(calendar.holiday(date(2024, 1, 1)), Some("New Year's Day"));
        assert!(
            !calendar.is_working_day(date(2024, 11, 28)),
            "Thanksgiving Day"
        );
        assert!(!calendar.is_working_day(date(2024, 11, 30)), "a Saturday");
        assert!(calendar.is_working_day(date(2024, 11, 29)));
        // Wednesday 20 November 2024 plus ten working days, less Thanksgiving Day, is
        // Thursday 5 December.
        assert_eq!(
            calendar.add_working_days(date(2024, 11, 20), 10),
            date(2024, 12, 5)
        );
        let skipped: Vec<_> = calendar
            .holidays_between(date(2024, 11, 20), date(2024, 12, 5))
            .collect();
        assert_eq!(skipped, [(date(2024, 11, 28), "Thanksgiving Day")]);
        // The start day itself is not counted, nor is a holiday on it listed.
        assert_eq!(
            calendar
                .holidays_between(date(2024, 11, 28), date(2024, 12, 2))
                .count(),
            0
        );
    }

    #[test]
    fn a_year_without_data_counts_weekdays_only() {
        let calendar = Calendar::parse("date,holiday,source\n").unwrap();
        assert!(!calendar.covers(2023));
        assert_eq!(
            calendar.add_working_days(date(2023, 12, 22), 10),
            date(2024, 1, 5)
        );
    }

    #[test]
    fn malformed_rows_are_named() {
        let header = "date,holiday,source\n";
        for (rows, needle) in [
            ("2024-12-28,Saturday,s\n", "line 2: 2024-12-28 is a Sat"),
            ("2024-12-25,Christmas Day\n", "line 2: expected"),
            ("2024-13-01,X,s\n", "line 2: date `2024-13-01`"),
            ("2024-12-25,,s\n", "needs a holiday and a source"),
            (
                "2024-12-25,Christmas Day,s\n2024-11-28,Thanksgiving Day,s\n",
                "line 3: 2024-11-28 does not come after",
            ),
        ] {
            let error = Calendar::parse(&format!("{header}{rows}")).unwrap_err();
            assert!(error.contains(needle), "{error} lacks {needle}");
        }
        let error = Calendar::parse("day,name\n").unwrap_err();
        assert!(error.contains("line 1"), "{error}");
    }
}
