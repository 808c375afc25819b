//! The Security Council's indices as published, each pinned with its source.

use council_power::{Game, analyze, analyze_banzhaf, analyze_by_enumeration, builtin};
use num_traits::One;

use crate::support::{exact, ratio};

/// Checks the Council of a period: Shapley-Shubik, normalized Banzhaf and swings of a permanent
/// and an elected member, by the programme and by enumeration.
fn check_council(
    game: &Game,
    shapley: [(i64, i64); 2],
    normalized: [(i64, i64); 2],
    swings: [i64; 2],
) {
    for indices in [
        analyze(game).unwrap(),
        analyze_by_enumeration(game).unwrap(),
    ] {
        let [permanent, elected] = indices.players() else {
            panic!("two classes of members");
        };
        for (player, ss, nb, sw) in [
            (permanent, shapley[0], normalized[0], swings[0]),
            (elected, shapley[1], normalized[1], swings[1]),
        ] {
            assert_eq!(
                exact(player.shapley_shubik()),
                ratio(ss.0, ss.1),
                "{}",
                player.name()
            );
            assert_eq!(
                exact(player.banzhaf_normalized()),
                ratio(nb.0, nb.1),
                "{}",
                player.name()
            );
            assert_eq!(
                exact(player.banzhaf_swings()),
                ratio(sw, 1),
                "{}",
                player.name()
            );
        }
        let total = exact(permanent.shapley_shubik()) * ratio(permanent.count().into(), 1)
            + exact(elected.shapley_shubik()) * ratio(elected.count().into(), 1);
        assert!(total.is_one(), "Shapley-Shubik sums to 1, got {total}");
    }
    let banzhaf = analyze_banzhaf(game).unwrap();
    for (player, nb, sw) in [
        (&banzhaf.players()[0], normalized[0], swings[0]),
        (&banzhaf.players()[1], normalized[1], swings[1]),
    ] {
        assert_eq!(exact(player.banzhaf_normalized()), ratio(nb.0, nb.1));
        assert_eq!(exact(player.banzhaf_swings()), ratio(sw, 1));
    }
}

// Shapley-Shubik 421/2145 and 4/2145: P. D. Straffin, "Power indices in politics", in Brams,
// Lucas and Straffin (eds.), Political and Related Models (Springer 1983), and Straffin, Game
// Theory and Strategy (MAA 1993), ch. 7. Normalized Banzhaf 106/635 and 21/1270 with 848 and 84
// swings: S. J. Brams, Game Theory and Politics (1975), ch. 5; D. S. Felsenthal and M. Machover,
// The Measurement of Voting Power (1998).
#[test]
fn council_since_1966_has_the_published_indices() {
    check_council(
        &builtin("security-council").unwrap(),
        [(421, 2145), (4, 2145)],
        [(106, 635), (21, 1270)],
        [848, 84],
    );
}

// Shapley-Shubik 76/385 and 1/462: L. S. Shapley and M. Shubik, "A Method for Evaluating the
// Distribution of Power in a Committee System", American Political Science Review 48(3),
// 1954, p. 789. The swings (there are 2^10 coalitions of the others) follow by counting:
// a permanent member swings every coalition of the other four and at least two elected
// members (57), an elected member every coalition of the five and exactly one of the five
// other elected members (5).
#[test]
fn council_of_1946_to_1965_has_the_published_indices() {
    check_council(
        &builtin("security-council-1946").unwrap(),
        [(76, 385), (1, 462)],
        [(57, 5 * 57 + 6 * 5), (5, 5 * 57 + 6 * 5)],
        [57, 5],
    );
}

#[test]
fn council_as_one_rule_of_weights_seven_and_one_equals_the_two_rule_form() {
    let one_rule = Game::new(
        "security-council-7-1",
        vec![
            ("permanent".into(), 5, vec![7]),
            ("elected".into(), 10, vec![1]),
        ],
        vec![39],
    )
    .unwrap();
    // Three rules, two of them weighted, take the saturated table instead of the truncated one.
    let three_rules = Game::new(
        "security-council-3-rules",
        vec![
            ("permanent".into(), 5, vec![1, 1, 7]),
            ("elected".into(), 10, vec![0, 1, 1]),
        ],
        vec![5, 9, 39],
    )
    .unwrap();
    let two_rules = analyze(&builtin("security-council").unwrap()).unwrap();
    for game in [one_rule, three_rules] {
        let indices = analyze(&game).unwrap();
        for (left, right) in indices.players().iter().zip(two_rules.players()) {
            assert_eq!(left.shapley_shubik(), right.shapley_shubik());
            assert_eq!(left.banzhaf_swings(), right.banzhaf_swings());
        }
        assert_eq!(indices.power_to_act(), two_rules.power_to_act());
    }
}

// Coleman's power to act of the Council since 1966: the winning coalitions are the five
// permanent members with 4 to 10 elected members, Σ_{k=4}^{10} C(10, k) = 848 of 2^15.
#[test]
fn council_power_to_act_is_848_of_32768() {
    let indices = analyze(&builtin("security-council").unwrap()).unwrap();
    assert_eq!(exact(indices.power_to_act()), ratio(848, 32768));
}
