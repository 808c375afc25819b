//! Veto counts: the library's list to 26 May 2022, the seat holders it maps to, and counts
//! per decade and topic that honour the date filters.

use council_record::{Filter, Record};

use crate::support::{code, date};

fn until_26_may_2022() -> Filter {
    Filter {
        to: Some(date(2022, 5, 26)),
        ..Filter::default()
    }
}

#[test]
fn vetoes_cast_up_to_26_may_2022_match_the_library_list() {
    let counts = Record::embedded().veto_counts(&until_26_may_2022());
    assert_eq!(counts.drafts, 213);
    assert_eq!(counts.of(code("SUN")), 90);
    assert_eq!(counts.of(code("RUS")), 30);
    assert_eq!(counts.of(code("USA")), 82);
    assert_eq!(counts.of(code("GBR")), 29);
    assert_eq!(counts.of(code("FRA")), 17);
    // The list's "China" is 17 negative votes, all cast from 1972 on by the People's
    // Republic: the list has no veto of the Republic of China (its 1955 negative vote on
    // Mongolia is not in it), so none maps to TWN.
    assert_eq!(counts.of(code("CHN")), 17);
    assert_eq!(counts.of(code("TWN")), 0);
    assert_eq!(counts.by_member.values().sum::<usize>(), 265);
}

#[test]
fn the_first_veto_is_the_ussr_on_16_february_1946() {
    let first = &Record::embedded().vetoes()[0];
    assert_eq!(first.date, date(1946, 2, 16));
    assert_eq!(first.vetoed_by, vec![code("SUN")]);
}

#[test]
fn vetoes_after_the_list_come_from_the_2022_onward_outcomes() {
    let record = Record::embedded();
    let after = Filter {
        from: Some(date(2022, 5, 27)),
        ..Filter::default()
    };
    let counts = record.veto_counts(&after);
    assert_eq!(counts.drafts, 16);
    assert_eq!(counts.of(code("RUS")), 9);
    assert_eq!(counts.of(code("USA")), 7);
    assert_eq!(counts.of(code("CHN")), 2);
    assert_eq!(record.veto_counts(&Filter::default()).drafts, 229);
}

#[test]
fn per_decade_counts_add_up_to_the_total_and_honour_dates() {
    let record = Record::embedded();
    let filter = until_26_may_2022();
    let decades = record.vetoes_by_decade(&filter);
    assert_eq!(decades.keys().next(), Some(&1940));
    assert_eq!(decades.keys().last(), Some(&2020));
    let drafts: usize = decades.values().map(|counts| counts.drafts).sum();
    assert_eq!(drafts, 213);
    let soviet: usize = decades.values().map(|counts| counts.of(code("SUN"))).sum();
    assert_eq!(soviet, 90);
    assert_eq!(decades[&1940].of(code("RUS")), 0);
}

#[test]
fn per_topic_counts_add_up_and_can_be_narrowed_by_text() {
    let record = Record::embedded();
    let topics = record.vetoes_by_topic(&until_26_may_2022());
    let drafts: usize = topics.values().map(|counts| counts.drafts).sum();
    assert_eq!(drafts, 213);
    let syria = Filter {
        text: Some("syria".to_owned()),
        from: Some(date(2011, 1, 1)),
        to: Some(date(2022, 5, 26)),
        ..Filter::default()
    };
    let counts = record.veto_counts(&syria);
    assert!(counts.drafts >= 4, "{counts:?}");
    assert!(counts.of(code("RUS")) >= counts.of(code("CHN")));
}
