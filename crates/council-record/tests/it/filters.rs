//! History filters: member, dates, outcome, agenda text and document.

use council_record::{Filter, OutcomeClass, Record};

use crate::support::{code, date};

#[test]
fn filters_by_vetoing_member_and_dates() {
    let filter = Filter {
        member: Some(code("GBR")),
        to: Some(date(2022, 5, 26)),
        ..Filter::default()
    };
    let rows = Record::embedded().history(&filter);
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|row| row.vetoed_by.contains(&code("GBR")) && row.outcome == OutcomeClass::Vetoed)
    );
}

#[test]
fn filters_by_outcome_and_year() {
    let filter = Filter {
        from: Some(date(2016, 1, 1)),
        to: Some(date(2016, 12, 31)),
        outcome: Some(OutcomeClass::Adopted),
        ..Filter::default()
    };
    assert_eq!(Record::embedded().history(&filter).len(), 77);
}

#[test]
fn text_filter_ignores_case() {
    let record = Record::embedded();
    let lower = Filter {
        text: Some("bosnia and herzegovina".to_owned()),
        ..Filter::default()
    };
    let upper = Filter {
        text: Some("BOSNIA AND HERZEGOVINA".to_owned()),
        ..Filter::default()
    };
    let rows = record.history(&lower);
    assert!(!rows.is_empty());
    assert_eq!(rows.len(), record.history(&upper).len());
}

#[test]
fn document_filter_matches_a_symbol_without_its_year_but_not_a_longer_number() {
    let record = Record::embedded();
    let filter = Filter {
        document: Some("s/res/242".to_owned()),
        ..Filter::default()
    };
    let rows = record.history(&filter);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].date, Some(date(1967, 11, 22)));
}

#[test]
fn statements_can_be_listed() {
    let filter = Filter {
        outcome: Some(OutcomeClass::Statement),
        from: Some(date(2020, 1, 1)),
        to: Some(date(2020, 12, 31)),
        ..Filter::default()
    };
    assert!(!Record::embedded().history(&filter).is_empty());
}

#[test]
fn unknown_outcome_names_are_errors() {
    assert!("vetoed".parse::<OutcomeClass>().is_ok());
    assert!("passed".parse::<OutcomeClass>().is_err());
}
