//! Floating-point counting against exact counting on games too large to enumerate.

use council_power::{analyze_banzhaf_exact, analyze_banzhaf_float, analyze_exact, analyze_float};

use crate::support::random_weighted;

/// Largest absolute difference of Shapley-Shubik and normalized Banzhaf between the methods.
fn largest_difference(n: usize, max_weight: u64, seed: u64) -> f64 {
    let game = random_weighted(n, max_weight, seed);
    let exact = analyze_exact(&game).unwrap();
    let float = analyze_float(&game).unwrap();
    let mut largest: f64 = 0.0;
    for (e, f) in exact.players().iter().zip(float.players()) {
        for (x, y) in [
            (e.shapley_shubik(), f.shapley_shubik()),
            (e.banzhaf_normalized(), f.banzhaf_normalized()),
            (e.banzhaf_absolute(), f.banzhaf_absolute()),
        ] {
            let (x, y) = (x.to_f64(), y.to_f64());
            largest = largest.max((x - y).abs() / x.abs().max(1e-300));
        }
    }
    largest
}

#[test]
fn floats_match_big_integers_at_150_members() {
    // 150 members need big integers (more than 2^127 coalitions).
    let difference = largest_difference(150, 20, 7);
    assert!(difference < 1e-12, "relative difference {difference}");
}

#[test]
fn shapley_shubik_of_1000_members_sums_to_one() {
    let game = random_weighted(1000, 3, 11);
    let indices = analyze_float(&game).unwrap();
    let total: f64 = indices
        .players()
        .iter()
        .map(|p| p.shapley_shubik().to_f64())
        .sum();
    assert!((total - 1.0).abs() < 1e-12, "sum {total}");
    assert!(
        indices
            .players()
            .iter()
            .all(|p| p.shapley_shubik().to_f64() > 0.0)
    );
}

#[test]
fn banzhaf_alone_in_floats_matches_big_integers_at_150_and_1000_members() {
    for (n, max_weight, seed) in [(150, 20, 7), (1000, 3, 11)] {
        let game = random_weighted(n, max_weight, seed);
        let exact = analyze_banzhaf_exact(&game).unwrap();
        let float = analyze_banzhaf_float(&game).unwrap();
        let full = analyze_float(&game).unwrap();
        for ((e, f), g) in exact
            .players()
            .iter()
            .zip(float.players())
            .zip(full.players())
        {
            for (x, y) in [
                (e.banzhaf_normalized(), f.banzhaf_normalized()),
                (e.banzhaf_absolute(), f.banzhaf_absolute()),
                (e.banzhaf_normalized(), g.banzhaf_normalized()),
            ] {
                let (x, y) = (x.to_f64(), y.to_f64());
                let difference = (x - y).abs() / x.abs().max(1e-300);
                assert!(
                    difference < 1e-12,
                    "{n} members: relative difference {difference}"
                );
            }
        }
        let (x, y) = (exact.power_to_act().to_f64(), float.power_to_act().to_f64());
        assert!(
            (x - y).abs() / x < 1e-12,
            "{n} members: power to act {x} and {y}"
        );
    }
}
