//! The record replayed on a Council enlarged as in the reform models: pinned figures, drafts
//! classed as expected, and the classes checked against every combination of added votes.

use council_core::Verdict;
use council_data::Roster;
use council_record::enlarged::{classify, classify_row};
use council_record::{
    AddedSeats, ExistingVeto, FateClass, Filter, Record, RecordError, RecordRow, ReformModel,
};
use proptest::prelude::*;

use crate::support::date;

fn model(name: &str) -> ReformModel {
    ReformModel::from_game(&council_power::builtin(name).unwrap()).unwrap()
}

fn row(document: &str) -> &'static RecordRow {
    let filter = Filter {
        document: Some(document.to_owned()),
        ..Filter::default()
    };
    let [row] = Record::embedded().history(&filter)[..] else {
        panic!("one row for {document}");
    };
    row
}

#[test]
fn models_read_their_seats_majority_and_vetoes_from_the_games() {
    let table = [
        // name, seats, affirmative votes, added to the Council of 15 (without, with a veto)
        ("hlp-model-a", 24, 15, (9, 0)),
        ("hlp-model-b", 24, 15, (9, 0)),
        ("g4", 25, 14, (10, 0)),
        ("african-union", 26, 15, (5, 6)),
        ("uniting-for-consensus", 25, 15, (10, 0)),
        ("security-council", 15, 9, (0, 0)),
    ];
    for (name, seats, affirmative_votes, (without_veto, with_veto)) in table {
        let model = model(name);
        assert_eq!(
            (model.seats(), model.affirmative_votes()),
            (seats, affirmative_votes),
            "{name}"
        );
        assert!(model.permanent_veto() && !model.elected_veto(), "{name}");
        assert_eq!(
            model.added_seats(5, 10),
            Some(AddedSeats {
                without_veto,
                with_veto
            }),
            "{name}"
        );
    }
    // The Council of 1946-1965 had 6 elected members, so 4 more seats are added to it.
    assert_eq!(model("hlp-model-a").added_seats(5, 6).unwrap().total(), 13);
}

#[test]
fn games_that_are_not_council_models_are_refused_with_the_reason() {
    let error = |name: &str| {
        ReformModel::from_game(&council_power::builtin(name).unwrap())
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        error("eu-council-2024"),
        "game eu-council-2024 is not a model of the Council: rule 1 neither counts members nor gives a veto"
    );
    assert_eq!(
        error("security-council-1946"),
        "game security-council-1946 is not a model of the Council: 0 classes continue today's permanent seats: mark one with \"current_seats\": \"permanent\""
    );
    assert!(matches!(
        ReformModel::from_game(&council_power::builtin("us-electoral-college-2024").unwrap()),
        Err(RecordError::NotACouncilModel { .. })
    ));
}

#[test]
fn figures_of_every_model_are_pinned() {
    let table = [
        // name, same regardless, changes regardless, depends
        ("hlp-model-a", 2344, 0, 679),
        ("hlp-model-b", 2344, 0, 679),
        ("g4", 2506, 0, 517),
        ("african-union", 267, 0, 2756),
        ("uniting-for-consensus", 2337, 0, 686),
        ("security-council", 2972, 0, 51),
    ];
    for (name, same, changes, depends) in table {
        let report =
            Record::embedded().what_if_enlarged(Roster::embedded(), &model(name), |_, _| {});
        assert_eq!(
            (
                report.decided,
                report.same_regardless,
                report.changes_regardless,
                report.depends,
                report.not_applicable
            ),
            (3023, same, changes, depends, 0),
            "{name}"
        );
        assert_eq!(report.drafts.len(), changes + depends, "{name}");
        let by_decade: usize = report
            .per_decade
            .values()
            .map(|decade| decade.depends)
            .sum();
        assert_eq!(by_decade, depends, "{name}");
    }
}

#[test]
fn s_2024_835_stays_defeated_wherever_the_permanent_veto_stands() {
    // 14-1-0 on 20 November 2024: fourteen in favour, the United States against.
    let draft = row("S/2024/835");
    // Where 15 votes are needed the draft is vetoed once one added member votes yes, and
    // short of the votes if none does (then, by the counting convention, no veto is counted);
    // the G4 model needs 14, which the draft already had.
    let both = [Verdict::Vetoed, Verdict::InsufficientVotes];
    for (name, verdicts) in [
        ("hlp-model-a", &both[..]),
        ("g4", &both[..1]),
        ("african-union", &both[..]),
        ("uniting-for-consensus", &both[..]),
    ] {
        let (_, classification) = classify_row(draft, Roster::embedded(), &model(name)).unwrap();
        assert_eq!(classification.class, FateClass::SameRegardless, "{name}");
        assert_eq!(classification.added_yes_needed, None, "{name}");
        assert_eq!(classification.verdicts, verdicts, "{name}");
    }
}

#[test]
fn without_the_permanent_veto_s_2024_835_is_adopted_regardless() {
    // A made-up model: 17 seats, 9 votes, no veto at all.
    let game = council_power::Game::parse_json(
        r#"{"name": "no-veto-17", "players": [
            {"name": "permanent member", "count": 5, "weights": [1], "current_seats": "permanent"},
            {"name": "elected member", "count": 12, "weights": [1], "current_seats": "elected"}
        ], "quotas": [9]}"#,
    )
    .unwrap();
    let model = ReformModel::from_game(&game).unwrap();
    assert!(!model.permanent_veto());
    let (added, classification) =
        classify_row(row("S/2024/835"), Roster::embedded(), &model).unwrap();
    assert_eq!(added.total(), 2);
    assert_eq!(classification.class, FateClass::ChangesRegardless);
    assert_eq!(classification.verdicts, [Verdict::Adopted]);
    assert_eq!(classification.added_yes_needed, Some(0));
}

#[test]
fn a_draft_adopted_with_exactly_nine_votes_depends_on_the_added_members() {
    // Resolution 1559 (2004), 9-0-6.
    let resolution = row("S/RES/1559 (2004)");
    for (name, needed) in [("hlp-model-a", 6), ("g4", 5), ("uniting-for-consensus", 6)] {
        let (added, classification) =
            classify_row(resolution, Roster::embedded(), &model(name)).unwrap();
        assert_eq!(classification.class, FateClass::Depends, "{name}");
        assert_eq!(classification.added_yes_needed, Some(needed), "{name}");
        assert!(needed <= added.total());
        assert!(!classification.added_veto_could_block, "{name}");
    }
    // Where the added permanent members hold a veto, any one of them could block it too.
    let (_, classification) =
        classify_row(resolution, Roster::embedded(), &model("african-union")).unwrap();
    assert_eq!(classification.added_yes_needed, Some(6));
    assert!(classification.added_veto_could_block);
}

#[test]
fn a_unanimous_resolution_stays_adopted_unless_added_members_hold_a_veto() {
    // Resolution 242 (1967), 15-0-0.
    let resolution = row("S/RES/242 (1967)");
    let (_, classification) =
        classify_row(resolution, Roster::embedded(), &model("hlp-model-a")).unwrap();
    assert_eq!(classification.class, FateClass::SameRegardless);
    assert_eq!(classification.verdicts, [Verdict::Adopted]);
    let (_, classification) =
        classify_row(resolution, Roster::embedded(), &model("african-union")).unwrap();
    assert_eq!(classification.class, FateClass::Depends);
    assert_eq!(classification.added_yes_needed, Some(0));
    assert!(classification.added_veto_could_block);
}

#[test]
fn a_draft_short_of_votes_keeps_open_whether_a_permanent_member_voted_against() {
    // S/2018/175 (10 April 2018), 6-7-2: the record does not say who voted against.
    let (_, classification) =
        classify_row(row("S/2018/175"), Roster::embedded(), &model("hlp-model-a")).unwrap();
    assert_eq!(classification.class, FateClass::Depends);
    assert_eq!(classification.added_yes_needed, Some(9));
    assert!(classification.needs_no_permanent_among_negative_votes);
    assert_eq!(
        classification.verdicts,
        [
            Verdict::Adopted,
            Verdict::Vetoed,
            Verdict::InsufficientVotes
        ]
    );
}

#[test]
fn a_known_negative_vote_of_a_permanent_member_settles_a_draft_short_of_votes() {
    // The Russian draft on weapons in outer space, 20 May 2024, 7-7-1: the United States,
    // the United Kingdom and France against (known_positions.csv).
    let filter = Filter {
        from: Some(date(2024, 5, 20)),
        to: Some(date(2024, 5, 20)),
        text: Some("outer space".to_owned()),
        ..Filter::default()
    };
    let [draft] = Record::embedded().history(&filter)[..] else {
        panic!("one row");
    };
    let (_, classification) =
        classify_row(draft, Roster::embedded(), &model("hlp-model-a")).unwrap();
    assert_eq!(classification.class, FateClass::SameRegardless);
    assert_eq!(classification.added_yes_needed, None);
    assert!(!classification.needs_no_permanent_among_negative_votes);
    assert_eq!(
        classification.verdicts,
        [Verdict::Vetoed, Verdict::InsufficientVotes]
    );
}

#[test]
fn todays_council_as_a_model_keeps_every_verdict_since_1966() {
    let model = model("security-council");
    let record = Record::embedded();
    let since_1966 = Filter {
        from: Some(date(1966, 1, 1)),
        ..Filter::default()
    };
    let mut classified = 0;
    for row in record.history(&since_1966) {
        let Ok(redecided) = council_record::replay::redecide(row, Roster::embedded()) else {
            continue;
        };
        let (added, classification) = classify_row(row, Roster::embedded(), &model).unwrap();
        assert_eq!(added.total(), 0);
        assert_eq!(classification.class, FateClass::SameRegardless, "{row:?}");
        assert_eq!(
            classification.verdicts,
            [redecided.outcome.verdict],
            "{row:?}"
        );
        classified += 1;
    }
    assert!(classified > 2000, "{classified}");
}

const VERDICTS: [Verdict; 3] = [
    Verdict::Adopted,
    Verdict::Vetoed,
    Verdict::InsufficientVotes,
];

/// What deciding every combination of the added votes finds.
struct EveryCombination {
    verdicts: Vec<Verdict>,
    fewest_added_yes_adopting: Option<u32>,
    /// Some combination adopts, and an added member with a veto voting no in another one is
    /// all that vetoes it.
    added_veto_decisive: bool,
    /// Some combination adopts on the reading without a veto among the members who sat, and
    /// is vetoed on the reading with one.
    existing_reading_decisive: bool,
}

/// Decides every combination of the added members' votes, one member at a time, for each
/// reading of the members who sat.
fn by_every_combination(
    non_procedural: bool,
    existing_yes: u32,
    existing_veto: ExistingVeto,
    added_veto: &[bool],
    affirmative_votes: u32,
) -> EveryCombination {
    let readings: &[bool] = match existing_veto {
        ExistingVeto::Never => &[false],
        ExistingVeto::Always => &[true],
        ExistingVeto::Unknown => &[false, true],
    };
    let decide = |yes: u32, veto_cast: bool| {
        if yes < affirmative_votes {
            Verdict::InsufficientVotes
        } else if non_procedural && veto_cast {
            Verdict::Vetoed
        } else {
            Verdict::Adopted
        }
    };
    let mut reached = [false; 3];
    let mut fewest = None::<u32>;
    let mut added_veto_vetoes = false;
    let mut existing_reading_decisive = false;
    for combination in 0..3u32.pow(added_veto.len() as u32) {
        // Each added member's vote is one base-3 digit: 0 yes, 1 no, 2 abstention.
        let mut digits = combination;
        let mut added_yes = 0;
        let mut added_veto_cast = false;
        for &holds_veto in added_veto {
            match digits % 3 {
                0 => added_yes += 1,
                1 => added_veto_cast |= holds_veto,
                _ => {}
            }
            digits /= 3;
        }
        let yes = existing_yes + added_yes;
        for &existing_veto_cast in readings {
            let verdict = decide(yes, existing_veto_cast || added_veto_cast);
            reached[VERDICTS.iter().position(|&v| v == verdict).unwrap()] = true;
            if verdict == Verdict::Adopted {
                fewest = Some(fewest.map_or(added_yes, |f: u32| f.min(added_yes)));
            }
            added_veto_vetoes |= verdict == Verdict::Vetoed && !existing_veto_cast;
        }
        existing_reading_decisive |= existing_veto == ExistingVeto::Unknown
            && decide(yes, added_veto_cast) == Verdict::Adopted
            && decide(yes, true) == Verdict::Vetoed;
    }
    EveryCombination {
        verdicts: VERDICTS
            .iter()
            .zip(reached)
            .filter(|&(_, reached)| reached)
            .map(|(&verdict, _)| verdict)
            .collect(),
        fewest_added_yes_adopting: fewest,
        added_veto_decisive: fewest.is_some() && added_veto_vetoes,
        existing_reading_decisive,
    }
}

proptest! {
    #[test]
    fn regardless_classes_agree_with_deciding_every_combination_of_added_votes(
        non_procedural in any::<bool>(),
        existing_yes in 0u32..=11,
        existing_veto in prop_oneof![
            Just(ExistingVeto::Never),
            Just(ExistingVeto::Always),
            Just(ExistingVeto::Unknown)
        ],
        added_veto in proptest::collection::vec(any::<bool>(), 0..=6),
        affirmative_votes in 1u32..=16,
        charter in prop_oneof![
            Just(Verdict::Adopted),
            Just(Verdict::Vetoed),
            Just(Verdict::InsufficientVotes)
        ],
    ) {
        let added = AddedSeats {
            without_veto: added_veto.iter().filter(|&&veto| !veto).count() as u32,
            with_veto: added_veto.iter().filter(|&&veto| veto).count() as u32,
        };
        let classification = classify(
            non_procedural,
            existing_yes,
            existing_veto,
            added,
            affirmative_votes,
            charter,
        );
        let every = by_every_combination(
            non_procedural,
            existing_yes,
            existing_veto,
            &added_veto,
            affirmative_votes,
        );
        prop_assert_eq!(&classification.verdicts, &every.verdicts);
        prop_assert_eq!(classification.added_yes_needed, every.fewest_added_yes_adopting);
        prop_assert_eq!(classification.added_veto_could_block, every.added_veto_decisive);
        prop_assert_eq!(
            classification.needs_no_permanent_among_negative_votes,
            every.existing_reading_decisive
        );
        let fates: Vec<bool> = every.verdicts.iter().map(|&v| v == Verdict::Adopted).collect();
        let charter_fate = charter == Verdict::Adopted;
        let expected = if fates.iter().all(|&fate| fate == charter_fate) {
            FateClass::SameRegardless
        } else if fates.iter().all(|&fate| fate != charter_fate) {
            FateClass::ChangesRegardless
        } else {
            FateClass::Depends
        };
        prop_assert_eq!(classification.class, expected);
    }
}
