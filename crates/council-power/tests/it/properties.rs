//! Property tests: the programme agrees with the definitions on random small games, and the
//! indices keep their invariants.

use council_power::{
    Game, analyze_banzhaf_exact, analyze_banzhaf_float, analyze_by_enumeration, analyze_exact,
    analyze_float,
};
use num_rational::BigRational;
use num_traits::{One, Zero};
use proptest::prelude::*;

use crate::support::{by_definition, exact, ratio};

/// Random games of 1 to 7 members in 1 to 4 classes under 1 to 3 rules.
fn small_game() -> impl Strategy<Value = Game> {
    (1usize..=3, 1usize..=4)
        .prop_flat_map(|(n_rules, n_players)| {
            (
                prop::collection::vec(
                    (1u32..=2, prop::collection::vec(0u64..=6, n_rules)),
                    n_players,
                ),
                prop::collection::vec(0.0f64..1.0, n_rules),
            )
        })
        .prop_filter_map("every rule needs some weight", |(players, fractions)| {
            let quotas: Option<Vec<u64>> = fractions
                .iter()
                .enumerate()
                .map(|(rule, fraction)| {
                    let total: u64 = players.iter().map(|(n, w)| u64::from(*n) * w[rule]).sum();
                    (total > 0).then(|| 1 + (fraction * total as f64) as u64 % total)
                })
                .collect();
            let players = players
                .into_iter()
                .enumerate()
                .map(|(index, (count, weights))| (format!("p{index}"), count, weights))
                .collect();
            Game::new("random", players, quotas?).ok()
        })
}

/// Random games of one weighted rule, 1 to 4 classes of 1 to 4 members (up to 16 members,
/// so whole classes are added at once), weights 0 to 9 (zero weights, equal weights, weights
/// at or above the quota), and half of them with a second rule of equal weights, which sets a
/// minimum coalition size.
fn one_weighted_rule_game() -> impl Strategy<Value = Game> {
    (
        prop::collection::vec((1u32..=4, 0u64..=9), 1..=4),
        0.0f64..1.0,
        prop::option::of(0.0f64..1.0),
    )
        .prop_filter_map(
            "the rule needs some weight",
            |(players, fraction, size_fraction)| {
                let total: u64 = players.iter().map(|(n, w)| u64::from(*n) * w).sum();
                let n_members: u64 = players.iter().map(|(n, _)| u64::from(*n)).sum();
                if total == 0 {
                    return None;
                }
                let mut quotas = vec![1 + (fraction * total as f64) as u64 % total];
                if let Some(size_fraction) = size_fraction {
                    quotas.push(1 + (size_fraction * n_members as f64) as u64 % n_members);
                }
                let players = players
                    .into_iter()
                    .enumerate()
                    .map(|(index, (count, weight))| {
                        let mut weights = vec![weight];
                        if size_fraction.is_some() {
                            weights.push(1);
                        }
                        (format!("p{index}"), count, weights)
                    })
                    .collect();
                Game::new("random", players, quotas).ok()
            },
        )
}

/// The programme and enumeration give the same indices.
fn check_programme_equals_enumeration(game: &Game) -> Result<(), TestCaseError> {
    let programme = analyze_exact(game).unwrap();
    let enumeration = analyze_by_enumeration(game).unwrap();
    prop_assert_eq!(programme.players(), enumeration.players());
    prop_assert_eq!(programme.power_to_act(), enumeration.power_to_act());
    Ok(())
}

/// Floating-point counting agrees with exact counting to 1e-12.
fn check_floats_agree_with_exact_values(game: &Game) -> Result<(), TestCaseError> {
    let exact_indices = analyze_exact(game).unwrap();
    let float_indices = analyze_float(game).unwrap();
    for (e, f) in exact_indices.players().iter().zip(float_indices.players()) {
        prop_assert!((e.shapley_shubik().to_f64() - f.shapley_shubik().to_f64()).abs() < 1e-12);
        prop_assert!(
            (e.banzhaf_normalized().to_f64() - f.banzhaf_normalized().to_f64()).abs() < 1e-12
        );
    }
    prop_assert!(
        (exact_indices.power_to_act().to_f64() - float_indices.power_to_act().to_f64()).abs()
            < 1e-12
    );
    Ok(())
}

/// The Banzhaf indices alone equal those of the full count, exactly, and in floating point to
/// 1e-12.
fn check_banzhaf_alone_equals_the_full_count(game: &Game) -> Result<(), TestCaseError> {
    let full = analyze_exact(game).unwrap();
    let alone = analyze_banzhaf_exact(game).unwrap();
    prop_assert_eq!(full.players().len(), alone.players().len());
    for (full, alone) in full.players().iter().zip(alone.players()) {
        prop_assert_eq!(full.name(), alone.name());
        prop_assert_eq!(full.banzhaf_swings(), alone.banzhaf_swings());
        prop_assert_eq!(full.banzhaf_absolute(), alone.banzhaf_absolute());
        prop_assert_eq!(full.banzhaf_normalized(), alone.banzhaf_normalized());
    }
    prop_assert_eq!(full.power_to_act(), alone.power_to_act());
    prop_assert_eq!(full.winning_coalitions(), alone.winning_coalitions());
    let float = analyze_banzhaf_float(game).unwrap();
    for (exact, float) in alone.players().iter().zip(float.players()) {
        prop_assert!(
            (exact.banzhaf_normalized().to_f64() - float.banzhaf_normalized().to_f64()).abs()
                < 1e-12
        );
        prop_assert!(
            (exact.banzhaf_absolute().to_f64() - float.banzhaf_absolute().to_f64()).abs() < 1e-12
        );
    }
    prop_assert!((alone.power_to_act().to_f64() - float.power_to_act().to_f64()).abs() < 1e-12);
    Ok(())
}

/// A member added with no weight in any rule has no power, exactly, in floating point too.
fn check_a_member_without_weight_is_a_dummy(game: &Game) -> Result<(), TestCaseError> {
    let n_rules = game.quotas().len();
    let mut players: Vec<_> = game
        .players()
        .iter()
        .map(|p| (p.name().to_owned(), p.count(), p.weights().to_vec()))
        .collect();
    players.push(("dummy".into(), 1, vec![0; n_rules]));
    let with_dummy = Game::new("with dummy", players, game.quotas().to_vec()).unwrap();
    let indices = analyze_exact(&with_dummy).unwrap();
    let dummy = indices.players().last().unwrap();
    prop_assert!(exact(dummy.shapley_shubik()).is_zero());
    prop_assert!(exact(dummy.banzhaf_swings()).is_zero());
    let indices = analyze_float(&with_dummy).unwrap();
    let dummy = indices.players().last().unwrap();
    prop_assert_eq!(dummy.shapley_shubik().to_f64(), 0.0);
    prop_assert_eq!(dummy.banzhaf_swings().to_f64(), 0.0);
    let indices = analyze_banzhaf_float(&with_dummy).unwrap();
    let dummy = indices.players().last().unwrap();
    prop_assert_eq!(dummy.banzhaf_swings().to_f64(), 0.0);
    Ok(())
}

/// Each member's values from the programme, expanded from players to members.
fn per_member(game: &Game) -> Vec<(BigRational, BigRational)> {
    let indices = analyze_exact(game).unwrap();
    indices
        .players()
        .iter()
        .flat_map(|player| {
            let values = (
                exact(player.shapley_shubik()),
                exact(player.banzhaf_swings()),
            );
            std::iter::repeat_n(values, player.count() as usize)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn programme_equals_the_definitions(game in small_game()) {
        let defined = by_definition(&game);
        let computed = per_member(&game);
        for ((ss, swings), (computed_ss, computed_swings)) in defined.iter().zip(&computed) {
            prop_assert_eq!(ss, computed_ss);
            prop_assert_eq!(&ratio(*swings as i64, 1), computed_swings);
        }
    }

    #[test]
    fn programme_equals_enumeration(game in small_game()) {
        check_programme_equals_enumeration(&game)?;
    }

    #[test]
    fn programme_equals_enumeration_with_one_weighted_rule(game in one_weighted_rule_game()) {
        check_programme_equals_enumeration(&game)?;
    }

    #[test]
    fn floats_agree_with_exact_values(game in small_game()) {
        check_floats_agree_with_exact_values(&game)?;
    }

    #[test]
    fn floats_agree_with_exact_values_with_one_weighted_rule(game in one_weighted_rule_game()) {
        check_floats_agree_with_exact_values(&game)?;
    }

    #[test]
    fn banzhaf_alone_equals_the_full_count(game in small_game()) {
        check_banzhaf_alone_equals_the_full_count(&game)?;
    }

    #[test]
    fn banzhaf_alone_equals_the_full_count_with_one_weighted_rule(game in one_weighted_rule_game()) {
        check_banzhaf_alone_equals_the_full_count(&game)?;
    }

    #[test]
    fn shapley_shubik_sums_to_one_with_one_weighted_rule(game in one_weighted_rule_game()) {
        let total: BigRational = per_member(&game).into_iter().map(|(ss, _)| ss).sum();
        prop_assert!(total.is_one());
    }

    #[test]
    fn shapley_shubik_sums_to_one(game in small_game()) {
        let total: BigRational = per_member(&game).into_iter().map(|(ss, _)| ss).sum();
        prop_assert!(total.is_one());
    }

    #[test]
    fn symmetric_members_have_equal_indices(game in small_game()) {
        // Members of the same player are symmetric: check it on the definitions, which do not
        // group members, as well as on the programme.
        let defined = by_definition(&game);
        let mut first = 0;
        for player in game.players() {
            let count = player.count() as usize;
            for member in first..first + count {
                prop_assert_eq!(&defined[member], &defined[first]);
            }
            first += count;
        }
    }

    #[test]
    fn a_member_without_weight_is_a_dummy(game in small_game()) {
        check_a_member_without_weight_is_a_dummy(&game)?;
    }

    #[test]
    fn a_member_without_weight_is_a_dummy_with_one_weighted_rule(game in one_weighted_rule_game()) {
        check_a_member_without_weight_is_a_dummy(&game)?;
    }
}
