//! Criterion benchmarks of the indices (both, and Banzhaf alone) on the Council, the US
//! Electoral College, the EU Council and random weighted games of 200 and 1,000 members.
//! Short on purpose: 10 samples each.
// criterion's macros generate undocumented functions.
#![allow(missing_docs)]

use std::time::Duration;

use council_power::{Game, analyze, analyze_banzhaf, builtin};
use criterion::{Criterion, criterion_group, criterion_main};

/// A single-rule game of `n` members with weights 1..=100 from a fixed seed (SplitMix64).
fn random_game(n: usize) -> Game {
    let mut state = 2024u64;
    let weights: Vec<u64> = (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            1 + (z ^ (z >> 31)) % 100
        })
        .collect();
    let total: u64 = weights.iter().sum();
    let players = weights
        .iter()
        .enumerate()
        .map(|(index, &weight)| (format!("m{index}"), 1, vec![weight]))
        .collect();
    Game::new(format!("random-{n}"), players, vec![total / 2 + 1]).expect("valid")
}

fn indices(criterion: &mut Criterion) {
    let mut group = criterion.benchmark_group("indices");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let games = [
        builtin("security-council").expect("built in"),
        builtin("us-electoral-college-2024").expect("built in"),
        builtin("eu-council-2024").expect("built in"),
        random_game(200),
        random_game(1000),
    ];
    for game in &games {
        group.bench_function(game.name(), |bencher| {
            bencher.iter(|| analyze(game).expect("computes"))
        });
        group.bench_function(format!("{} (Banzhaf alone)", game.name()), |bencher| {
            bencher.iter(|| analyze_banzhaf(game).expect("computes"))
        });
    }
    group.finish();
}

criterion_group!(benches, indices);
criterion_main!(benches);
