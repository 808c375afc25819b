//! The replay: every decidable row reproduced, the summary pinned, and an injected wrong
//! row caught as a mismatch.

use council_core::{Provision, Verdict};
use council_data::Roster;
use council_record::{OutcomeType, Record, RecordRow, RecordedVote, Undecidable};

use crate::support::{code, date};

#[test]
fn replay_reproduces_every_decidable_row() {
    let mut calls = 0;
    let summary = Record::embedded().replay(Roster::embedded(), |done, total| {
        calls += 1;
        assert!(done <= total);
    });
    assert_eq!(calls, summary.rows);
    assert_eq!(
        (
            summary.rows,
            summary.decided,
            summary.reproduced,
            summary.mismatched,
            summary.undecidable
        ),
        (5089, 3023, 3023, 0, 2066),
        "{:#?}",
        summary.mismatches
    );
    let reasons = summary.undecidable_by_reason();
    assert_eq!(reasons["a statement: adopted without a vote"], 1257);
    assert_eq!(
        reasons["no verdict recorded (communiqué, note, election or other)"],
        665
    );
    assert_eq!(reasons["vote printed in words only"], 116);
    assert_eq!(reasons["no vote printed"], 25);
    assert_eq!(reasons["repeats another row (corrections.csv)"], 2);
    assert_eq!(reasons["no date, so the Council is unknown"], 1);
}

#[test]
fn an_injected_adoption_over_a_permanent_veto_is_a_mismatch() {
    let wrong = RecordRow::constructed(
        date(2016, 12, 23),
        OutcomeType::Resolution,
        Some(RecordedVote {
            yes: 14,
            no: 1,
            abstain: 0,
            not_participating: None,
        }),
        vec![],
        "The situation in the Middle East",
    );
    let mut vetoed_but_adopted = wrong.clone();
    vetoed_but_adopted.vetoed_by = vec![code("USA")];
    let record = Record::from_parts(vec![wrong, vetoed_but_adopted], vec![]);
    let summary = record.replay(Roster::embedded(), |_, _| {});
    // The first row claims adoption with one negative vote, which the ballot gives an
    // elected member, so it is reproduced; the second names the United States as voting
    // against, so the engine finds a veto the record denies.
    assert_eq!(
        (summary.decided, summary.reproduced, summary.mismatched),
        (2, 1, 1)
    );
    let mismatch = &summary.mismatches[0];
    assert_eq!(mismatch.recorded, Verdict::Adopted);
    assert_eq!(mismatch.engine, Verdict::Vetoed);
    assert_eq!(mismatch.provision, Provision::Veto);
    assert_eq!(mismatch.engine_vetoed_by, vec![code("USA")]);
}

#[test]
fn an_injected_veto_without_the_votes_is_a_mismatch() {
    let wrong = RecordRow::constructed(
        date(2022, 5, 26),
        OutcomeType::DraftNotAdopted,
        Some(RecordedVote {
            yes: 13,
            no: 0,
            abstain: 2,
            not_participating: None,
        }),
        vec![code("CHN"), code("RUS")],
        "Non-proliferation",
    );
    let summary = Record::from_parts(vec![wrong], vec![]).replay(Roster::embedded(), |_, _| {});
    assert_eq!(summary.mismatched, 1);
    assert_eq!(summary.mismatches[0].engine, Verdict::Adopted);
    assert_eq!(
        summary.mismatches[0].provision,
        Provision::ConcurringMajority
    );
}

#[test]
fn rows_without_figures_are_undecidable_with_a_reason() {
    let row = RecordRow::constructed(date(2000, 1, 1), OutcomeType::Resolution, None, vec![], "");
    let summary = Record::from_parts(vec![row], vec![]).replay(Roster::embedded(), |_, _| {});
    assert_eq!(summary.undecidable, 1);
    assert_eq!(
        summary.undecidable_rows[0].reason,
        Undecidable::NoVotePrinted
    );
}
