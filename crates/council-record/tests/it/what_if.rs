//! What-if replays: no veto, a veto needing two permanent members, and the France/Mexico
//! restraint on chosen topics.

use council_core::Verdict;
use council_data::Roster;
use council_record::{Record, Rules};

#[test]
fn without_the_veto_every_vetoed_draft_is_adopted() {
    let record = Record::embedded();
    let roster = Roster::embedded();
    let report = record.what_if(roster, &Rules::NoVeto, |_, _| {});
    let vetoed: usize = report
        .per_decade
        .values()
        .map(|decade| decade.vetoed_under_charter)
        .sum();
    assert_eq!(report.changed, vetoed);
    assert_eq!(report.changed, 224);
    assert!(
        report
            .changes
            .iter()
            .all(|change| change.charter == Verdict::Vetoed
                && change.under_rules == Verdict::Adopted)
    );
    assert!(
        report
            .per_decade
            .values()
            .all(|decade| decade.vetoed_under_rules == 0)
    );
}

#[test]
fn a_veto_needing_two_spares_only_joint_vetoes() {
    let report = Record::embedded().what_if(Roster::embedded(), &Rules::VetoNeedsTwo, |_, _| {});
    assert_eq!(report.changed, 184);
    assert!(
        report
            .changes
            .iter()
            .all(|change| change.vetoed_by.len() == 1)
    );
}

#[test]
fn restraint_changes_only_drafts_on_the_chosen_topics() {
    let rules = Rules::from_name("restraint", vec!["syria".to_owned()]).unwrap();
    let report = Record::embedded().what_if(Roster::embedded(), &rules, |_, _| {});
    assert!(report.changed > 0);
    assert!(
        report
            .changes
            .iter()
            .all(|change| change.agenda_item.to_lowercase().contains("syria"))
    );
}

#[test]
fn the_charter_changes_nothing() {
    let report = Record::embedded().what_if(Roster::embedded(), &Rules::Charter, |_, _| {});
    assert_eq!((report.decided, report.changed), (3023, 0));
}

#[test]
fn unknown_rules_and_restraint_without_topics_are_errors() {
    assert!(Rules::from_name("no-veto", vec![]).is_ok());
    assert!(Rules::from_name("abolish", vec![]).is_err());
    assert!(Rules::from_name("restraint", vec![]).is_err());
}
