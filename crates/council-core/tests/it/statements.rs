//! Presidential and press statements: consensus, objections and the silence procedure
//! (`decide_statement`; spec section 5 and edge case E21).

use council_core::{
    Composition, Outcome, Provision, Rejection, SilenceBreak, SilenceProcedure, StatementDraft,
    StatementKind, Subject, Tally, Verdict, decide_statement,
};

use crate::support::{code, codes, council_2015, council_2023, council_2024, date, moment};

/// Decides the draft and compares the verdict, the provision and the blocking members.
#[track_caller]
fn check_statement(
    composition: &Composition,
    draft: &StatementDraft,
    expected: (Verdict, Provision, &[&str]),
) -> Outcome {
    let (verdict, provision, blocked_by) = expected;
    let outcome = decide_statement(composition, draft)
        .unwrap_or_else(|rejection| panic!("rejected: {rejection}"));
    assert_eq!(
        (
            outcome.verdict,
            outcome.provision,
            outcome.blocked_by.clone()
        ),
        (verdict, provision, codes(blocked_by)),
        "explanation: {}",
        outcome.explanation
    );
    outcome
}

fn press_statement_objected_to_by(objectors: &[&str]) -> StatementDraft {
    StatementDraft::new(StatementKind::Press)
        .with_objections(codes(objectors))
        .expect("distinct objectors")
}

/// A draft under silence from 22:20 on 11 July until 09:00 on 12 July (the 2014 Gaza press
/// statement's silence, here laid over the Council of 2024).
fn under_silence(kind: StatementKind, broken_by: &[(&str, (u32, u32, u32))]) -> StatementDraft {
    let broken_by = broken_by
        .iter()
        .map(|(member, (day, hour, minute))| SilenceBreak {
            member: code(member),
            at: moment(2024, 7, *day, *hour, *minute),
        })
        .collect();
    StatementDraft::new(kind).with_silence(SilenceProcedure {
        deadline: moment(2024, 7, 12, 9, 0),
        broken_by,
    })
}

#[test]
fn presidential_statement_without_objection_is_adopted_by_consensus() {
    let outcome = check_statement(
        &council_2024(),
        &StatementDraft::new(StatementKind::Presidential),
        (Verdict::Adopted, Provision::Consensus, &[]),
    );
    assert_eq!(outcome.subject, Subject::PresidentialStatement);
    assert_eq!(outcome.required, 15);
    assert_eq!(outcome.tally, Tally::default());
    assert!(outcome.vetoed_by.is_empty());
    assert_eq!(outcome.veto_debate, None);
    assert!(
        outcome
            .explanation
            .contains("none of the 15 members objected"),
        "{}",
        outcome.explanation
    );
}

#[test]
fn russian_objection_of_8_october_2023_blocks_the_press_statement_and_is_named() {
    let outcome = check_statement(
        &council_2023(),
        &press_statement_objected_to_by(&["RUS"]),
        (
            Verdict::NoConsensus,
            Provision::ObjectionToConsensus,
            &["RUS"],
        ),
    );
    assert_eq!(outcome.subject, Subject::PressStatement);
    assert!(
        outcome
            .explanation
            .contains("Russian Federation does not join the consensus"),
        "{}",
        outcome.explanation
    );
}

#[test]
fn several_objections_are_all_named_in_the_councils_order() {
    let outcome = check_statement(
        &council_2024(),
        &press_statement_objected_to_by(&["USA", "RUS", "CHN"]),
        (
            Verdict::NoConsensus,
            Provision::ObjectionToConsensus,
            &["CHN", "RUS", "USA"],
        ),
    );
    assert!(
        outcome.explanation.contains(
            "China, Russian Federation and United States of America do not join the consensus"
        ),
        "{}",
        outcome.explanation
    );
}

#[test]
fn one_elected_members_objection_blocks_as_surely_as_a_permanent_members() {
    check_statement(
        &council_2024(),
        &press_statement_objected_to_by(&["MLT"]),
        (
            Verdict::NoConsensus,
            Provision::ObjectionToConsensus,
            &["MLT"],
        ),
    );
}

#[test]
fn silence_broken_before_the_deadline_blocks_the_statement() {
    let outcome = check_statement(
        &council_2024(),
        &under_silence(StatementKind::Press, &[("JPN", (12, 8, 30))]),
        (Verdict::NoConsensus, Provision::SilenceBroken, &["JPN"]),
    );
    assert!(
        outcome
            .explanation
            .contains("Japan broke silence before the deadline of 12 July 2024, 09:00"),
        "{}",
        outcome.explanation
    );
}

#[test]
fn silence_broken_after_the_deadline_does_not_block_the_statement() {
    let outcome = check_statement(
        &council_2024(),
        &under_silence(StatementKind::Press, &[("JPN", (12, 9, 1))]),
        (Verdict::Adopted, Provision::Consensus, &[]),
    );
    assert!(
        outcome
            .explanation
            .contains("Japan broke silence only after it expired"),
        "{}",
        outcome.explanation
    );
}

#[test]
fn silence_broken_at_the_deadline_itself_comes_too_late_to_block() {
    // The core reads the deadline as the moment silence expires, so a break at that very
    // minute is already late; the spec says only that silence "expires" at the deadline.
    check_statement(
        &council_2024(),
        &under_silence(StatementKind::Press, &[("JPN", (12, 9, 0))]),
        (Verdict::Adopted, Provision::Consensus, &[]),
    );
}

#[test]
fn silence_unbroken_until_the_deadline_lets_the_statement_be_agreed() {
    check_statement(
        &council_2024(),
        &under_silence(StatementKind::Presidential, &[]),
        (Verdict::Adopted, Provision::Consensus, &[]),
    );
}

#[test]
fn objection_and_silence_broken_in_time_are_both_named() {
    let draft = under_silence(
        StatementKind::Press,
        &[("JPN", (11, 23, 0)), ("RUS", (12, 7, 0))],
    )
    .with_objections([code("RUS"), code("DZA")])
    .unwrap();
    check_statement(
        &council_2024(),
        &draft,
        (
            Verdict::NoConsensus,
            Provision::ObjectionToConsensus,
            &["DZA", "JPN", "RUS"],
        ),
    );
}

#[test]
fn dissociation_from_a_passage_does_not_block_the_presidential_statement() {
    let draft = StatementDraft::new(StatementKind::Presidential)
        .with_dissociations([code("VEN")])
        .unwrap();
    let outcome = check_statement(
        &council_2015(),
        &draft,
        (Verdict::Adopted, Provision::Consensus, &[]),
    );
    assert!(
        outcome
            .explanation
            .contains("Venezuela (Bolivarian Republic of) joined the consensus while dissociating"),
        "{}",
        outcome.explanation
    );
}

#[test]
fn objection_by_a_state_not_on_the_council_is_rejected() {
    assert_eq!(
        decide_statement(&council_2023(), &press_statement_objected_to_by(&["ISR"])),
        Err(Rejection::NotACouncilMember {
            member: code("ISR"),
            date: date(2023, 10, 8),
        })
    );
}

#[test]
fn dissociation_by_a_state_not_on_the_council_is_rejected() {
    let draft = StatementDraft::new(StatementKind::Presidential)
        .with_dissociations([code("VEN")])
        .unwrap();
    assert_eq!(
        decide_statement(&council_2024(), &draft),
        Err(Rejection::NotACouncilMember {
            member: code("VEN"),
            date: date(2024, 11, 20),
        })
    );
}

#[test]
fn silence_broken_by_a_state_not_on_the_council_is_rejected() {
    assert_eq!(
        decide_statement(
            &council_2024(),
            &under_silence(StatementKind::Press, &[("ISR", (12, 8, 0))])
        ),
        Err(Rejection::NotACouncilMember {
            member: code("ISR"),
            date: date(2024, 11, 20),
        })
    );
}

#[test]
fn objection_listed_twice_is_rejected() {
    assert_eq!(
        StatementDraft::new(StatementKind::Press).with_objections(codes(&["RUS", "USA", "RUS"])),
        Err(Rejection::DuplicateMember {
            member: code("RUS")
        })
    );
}

#[test]
fn dissociation_listed_twice_is_rejected() {
    assert_eq!(
        StatementDraft::new(StatementKind::Presidential).with_dissociations(codes(&["VEN", "VEN"])),
        Err(Rejection::DuplicateMember {
            member: code("VEN")
        })
    );
}

#[test]
fn silence_broken_twice_by_one_member_is_rejected() {
    assert_eq!(
        decide_statement(
            &council_2024(),
            &under_silence(
                StatementKind::Press,
                &[("JPN", (12, 8, 0)), ("JPN", (12, 8, 30))]
            )
        ),
        Err(Rejection::DuplicateMember {
            member: code("JPN")
        })
    );
}

#[test]
fn announcements_differ_for_presidential_and_press_statements() {
    let composition = council_2024();
    let announce = |draft: StatementDraft| {
        decide_statement(&composition, &draft)
            .unwrap()
            .announcement()
    };
    assert_eq!(
        announce(StatementDraft::new(StatementKind::Presidential)),
        "The Security Council has adopted the presidential statement by consensus."
    );
    assert_eq!(
        announce(StatementDraft::new(StatementKind::Press)),
        "The press statement has been agreed by all members of the Council and will be issued."
    );
    assert_eq!(
        announce(
            StatementDraft::new(StatementKind::Presidential)
                .with_objections([code("RUS")])
                .unwrap()
        ),
        "No presidential statement has been agreed: the Council did not reach consensus."
    );
    assert_eq!(
        announce(press_statement_objected_to_by(&["RUS"])),
        "No press statement has been agreed: the Council did not reach consensus."
    );
}

#[test]
fn late_silence_break_on_a_blocked_statement_is_not_said_to_come_after_agreement() {
    // Russia objects, so the press statement is not agreed; Japan's break after the deadline
    // must not be explained as coming "when the text was already agreed".
    let draft = under_silence(StatementKind::Press, &[("JPN", (12, 10, 0))])
        .with_objections([code("RUS")])
        .unwrap();
    let outcome = check_statement(
        &council_2024(),
        &draft,
        (
            Verdict::NoConsensus,
            Provision::ObjectionToConsensus,
            &["RUS"],
        ),
    );
    assert!(
        !outcome.explanation.contains("already agreed"),
        "{}",
        outcome.explanation
    );
}
