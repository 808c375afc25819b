//! Invariants of the rules over random ballots, subjects and statements (proptest).

use std::collections::BTreeSet;

use council_core::{
    Ballot, Composition, MemberCode, Position, Question, SilenceBreak, SilenceProcedure,
    StatementDraft, StatementKind, Subject, Verdict, decide_statement, decide_vote,
};
use proptest::prelude::*;
use proptest::sample::subsequence;

use crate::support::{council_1950, council_2024, moment};

/// The subjects decided by a vote.
fn voted_subject() -> impl Strategy<Value = Subject> {
    prop_oneof![
        Just(Subject::DraftResolution),
        Just(Subject::Amendment),
        Just(Subject::ProceduralMotion),
        Just(Subject::PreliminaryQuestion),
    ]
}

/// A member's recorded position, or `None` to leave it out of the ballot. Affirmative votes
/// are weighted so that ballots often reach the majority and vetoes are common.
fn recorded_position() -> impl Strategy<Value = Option<Position>> {
    prop_oneof![
        6 => Just(Some(Position::Yes)),
        2 => Just(Some(Position::No)),
        1 => Just(Some(Position::Abstain)),
        1 => Just(Some(Position::NotParticipating)),
        1 => Just(Some(Position::Absent)),
        1 => Just(None),
    ]
}

/// The fifteen-member Council of 2024 or the eleven-member Council of 1950.
fn composition() -> impl Strategy<Value = Composition> {
    prop_oneof![Just(council_2024()), Just(council_1950())]
}

/// A Council and a ballot over its members.
fn council_and_ballot() -> impl Strategy<Value = (Composition, Vec<Option<Position>>)> {
    composition().prop_flat_map(|composition| {
        let size = composition.size();
        (
            Just(composition),
            proptest::collection::vec(recorded_position(), size),
        )
    })
}

fn ballot_of(composition: &Composition, positions: &[Option<Position>]) -> Ballot {
    Ballot::new(
        composition
            .members()
            .iter()
            .zip(positions)
            .filter_map(|(member, position)| position.map(|position| (member.code(), position))),
    )
    .expect("one position per member")
}

fn decide(
    composition: &Composition,
    subject: Subject,
    positions: &[Option<Position>],
) -> council_core::Outcome {
    decide_vote(
        composition,
        &Question::new(subject),
        &ballot_of(composition, positions),
    )
    .expect("a valid ballot over members")
}

/// The codes of the Council of 2024, for statements.
fn codes_2024() -> Vec<MemberCode> {
    council_2024()
        .members()
        .iter()
        .map(|member| member.code())
        .collect()
}

/// Positions counted as the tally counts them: left out is absent.
fn count(positions: &[Option<Position>], wanted: Position) -> u32 {
    let n_members = positions
        .iter()
        .filter(|position| position.unwrap_or(Position::Absent) == wanted)
        .count();
    u32::try_from(n_members).expect("a Council-sized count")
}

/// The permanent members voting no, in the Council's order.
fn permanent_against(composition: &Composition, positions: &[Option<Position>]) -> Vec<MemberCode> {
    composition
        .members()
        .iter()
        .zip(positions)
        .filter(|(member, position)| member.is_permanent() && **position == Some(Position::No))
        .map(|(member, _)| member.code())
        .collect()
}

proptest! {
    #[test]
    fn changing_one_position_to_yes_never_undoes_an_adoption(
        (composition, positions) in council_and_ballot(),
        subject in voted_subject(),
        seat in any::<prop::sample::Index>(),
    ) {
        let before = decide(&composition, subject, &positions);
        let mut changed = positions.clone();
        changed[seat.index(positions.len())] = Some(Position::Yes);
        let after = decide(&composition, subject, &changed);
        prop_assert!(
            !before.adopted() || after.adopted(),
            "{} then {}",
            before.explanation,
            after.explanation
        );
    }

    #[test]
    fn majority_with_a_permanent_negative_vote_is_vetoed_by_exactly_those_members(
        (composition, positions) in council_and_ballot(),
        subject in voted_subject().prop_filter("non-procedural", |subject| subject.is_non_procedural()),
    ) {
        let outcome = decide(&composition, subject, &positions);
        let against = permanent_against(&composition, &positions);
        if outcome.tally.yes >= composition.required_affirmative_votes() && !against.is_empty() {
            prop_assert_eq!(outcome.verdict, Verdict::Vetoed);
            prop_assert_eq!(outcome.vetoed_by, against);
        }
    }

    #[test]
    fn procedural_decision_never_records_a_veto(
        (composition, positions) in council_and_ballot(),
    ) {
        let outcome = decide(&composition, Subject::ProceduralMotion, &positions);
        prop_assert_ne!(outcome.verdict, Verdict::Vetoed);
        prop_assert!(outcome.vetoed_by.is_empty());
        prop_assert_eq!(outcome.veto_debate, None);
    }

    #[test]
    fn tally_counts_every_seat_once(
        (composition, positions) in council_and_ballot(),
        subject in voted_subject(),
    ) {
        let tally = decide(&composition, subject, &positions).tally;
        let size = u32::try_from(composition.size()).unwrap();
        let counted = [tally.yes, tally.no, tally.abstain, tally.not_participating, tally.absent];
        prop_assert_eq!(counted.iter().sum::<u32>(), size);
        prop_assert_eq!(tally.total(), size);
        let expected = [Position::Yes, Position::No, Position::Abstain, Position::NotParticipating, Position::Absent]
            .map(|position| count(&positions, position));
        prop_assert_eq!(counted, expected);
    }

    #[test]
    fn only_a_veto_has_vetoing_members_and_each_is_permanent_and_voted_no(
        (composition, positions) in council_and_ballot(),
        subject in voted_subject(),
    ) {
        let outcome = decide(&composition, subject, &positions);
        prop_assert_eq!(outcome.verdict == Verdict::Vetoed, !outcome.vetoed_by.is_empty());
        if composition.date() >= council_core::veto_debate::MANDATE_FROM {
            prop_assert_eq!(outcome.verdict == Verdict::Vetoed, outcome.veto_debate.is_some());
        } else {
            prop_assert_eq!(outcome.veto_debate, None);
        }
        let ballot = ballot_of(&composition, &positions);
        for member in &outcome.vetoed_by {
            let seated = composition.member(*member);
            prop_assert!(seated.is_some_and(|seated| seated.is_permanent()));
            prop_assert_eq!(ballot.position_of(*member), Position::No);
        }
    }

    #[test]
    fn statement_is_agreed_iff_nobody_objects_or_breaks_silence_in_time(
        kind in prop_oneof![Just(StatementKind::Presidential), Just(StatementKind::Press)],
        objectors in subsequence(codes_2024(), 0..4),
        dissociating in subsequence(codes_2024(), 0..3),
        breakers in subsequence(codes_2024(), 0..4),
        minutes in proptest::collection::vec(-120i64..120, 4),
        shuffle in any::<bool>(),
    ) {
        let deadline = moment(2024, 7, 12, 9, 0);
        let broken_by: Vec<SilenceBreak> = breakers
            .iter()
            .zip(&minutes)
            .map(|(member, offset)| SilenceBreak {
                member: *member,
                at: deadline + chrono::Duration::minutes(*offset),
            })
            .collect();
        let mut listed_objectors = objectors.clone();
        if shuffle {
            listed_objectors.reverse();
        }
        let draft = StatementDraft::new(kind)
            .with_objections(listed_objectors)
            .unwrap()
            .with_dissociations(dissociating)
            .unwrap()
            .with_silence(SilenceProcedure { deadline, broken_by: broken_by.clone() });
        let outcome = decide_statement(&council_2024(), &draft).unwrap();
        let blocking: BTreeSet<MemberCode> = objectors
            .iter()
            .copied()
            .chain(
                broken_by
                    .iter()
                    .filter(|silence_break| silence_break.at < deadline)
                    .map(|silence_break| silence_break.member),
            )
            .collect();
        prop_assert_eq!(outcome.verdict == Verdict::Adopted, blocking.is_empty());
        prop_assert_eq!(outcome.verdict == Verdict::NoConsensus, !blocking.is_empty());
        prop_assert_eq!(outcome.blocked_by.iter().copied().collect::<BTreeSet<_>>(), blocking);
        let distinct_blockers = outcome.blocked_by.iter().collect::<BTreeSet<_>>().len();
        prop_assert_eq!(outcome.blocked_by.len(), distinct_blockers);
    }
}
