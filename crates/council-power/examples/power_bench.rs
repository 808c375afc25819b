//! Computes one game's indices and prints them with the time taken, as one JSON line, for
//! `bench/compare.sh`: `cargo run --release -p council-power --example power_bench -- GAME`.
//!
//! GAME is a built-in game's name, `random-N` (N members with weights 1..=100 drawn with a
//! fixed seed, quota a simple majority of the total; the benchmarks use 150, 200 and 1,000),
//! or `check-N-W`, which compares floating point with exact big-integer counting on a random
//! game of N members with weights 1..=W.
//!
//! It times [`analyze`] (both indices) and [`analyze_banzhaf`] (Banzhaf alone) separately, on
//! one thread. Each is run once, and again until half a second has passed if it was faster;
//! the time reported is the mean of the runs.
// An example is a program: printing its answer is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::Instant;

use council_power::{
    Game, analyze, analyze_banzhaf, analyze_banzhaf_exact, analyze_banzhaf_float, analyze_exact,
    analyze_float, builtin,
};
use serde_json::json;

/// SplitMix64: a fixed-seed generator, so the benchmark games are the same everywhere.
fn random_weights(n: usize, max_weight: u64, seed: u64) -> Vec<u64> {
    let mut state = seed;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            1 + (z ^ (z >> 31)) % max_weight
        })
        .collect()
}

/// A single-rule game of `n` members with weights 1..=`max_weight`, quota a simple majority.
fn random_game(n: usize, max_weight: u64) -> Game {
    let weights = random_weights(n, max_weight, 2024);
    let total: u64 = weights.iter().sum();
    let players = weights
        .iter()
        .enumerate()
        .map(|(index, &weight)| (format!("m{index}"), 1, vec![weight]))
        .collect();
    Game::new(format!("random-{n}"), players, vec![total / 2 + 1]).expect("valid")
}

/// Runs `compute` once, then again until half a second has passed; returns the last result,
/// the mean seconds per run and the number of runs.
fn timed<T>(mut compute: impl FnMut() -> T) -> (T, f64, u32) {
    let started = Instant::now();
    let mut result = compute();
    let mut runs = 1;
    while started.elapsed().as_secs_f64() < 0.5 {
        result = compute();
        runs += 1;
    }
    (
        result,
        started.elapsed().as_secs_f64() / f64::from(runs),
        runs,
    )
}

/// The largest relative difference between two lists of values.
fn largest_relative_difference(pairs: impl Iterator<Item = (f64, f64)>) -> f64 {
    pairs.fold(0.0, |largest: f64, (x, y)| {
        largest.max((x - y).abs() / x.abs().max(1e-300))
    })
}

fn main() -> ExitCode {
    let Some(name) = std::env::args().nth(1) else {
        eprintln!("usage: power_bench GAME | random-N | check-N-W");
        return ExitCode::from(2);
    };
    if let Some(spec) = name.strip_prefix("check-") {
        let (n, w) = spec.split_once('-').expect("check-N-W");
        let game = random_game(n.parse().expect("N"), w.parse().expect("W"));
        let started = Instant::now();
        let exact = analyze_exact(&game).expect("exact");
        let exact_seconds = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let float = analyze_float(&game).expect("float");
        let float_seconds = started.elapsed().as_secs_f64();
        let largest =
            largest_relative_difference(exact.players().iter().zip(float.players()).flat_map(
                |(e, f)| {
                    [
                        (e.shapley_shubik().to_f64(), f.shapley_shubik().to_f64()),
                        (
                            e.banzhaf_normalized().to_f64(),
                            f.banzhaf_normalized().to_f64(),
                        ),
                    ]
                },
            ));
        let banzhaf_exact = analyze_banzhaf_exact(&game).expect("exact");
        let banzhaf_float = analyze_banzhaf_float(&game).expect("float");
        let banzhaf_largest = largest_relative_difference(
            banzhaf_exact
                .players()
                .iter()
                .zip(banzhaf_float.players())
                .map(|(e, f)| {
                    (
                        e.banzhaf_normalized().to_f64(),
                        f.banzhaf_normalized().to_f64(),
                    )
                }),
        );
        println!(
            "{}",
            json!({
                "game": name,
                "largest_relative_difference": largest,
                "banzhaf_alone_largest_relative_difference": banzhaf_largest,
                "exact_seconds": exact_seconds,
                "float_seconds": float_seconds,
            })
        );
        return ExitCode::SUCCESS;
    }
    let random_size = name
        .strip_prefix("random-")
        .and_then(|n| n.parse::<usize>().ok());
    let game = match (random_size, name.as_str()) {
        (Some(n), _) if n > 0 => random_game(n, 100),
        (_, other) => match builtin(other) {
            Some(game) => game,
            None => {
                eprintln!("power_bench: unknown game `{other}`");
                return ExitCode::from(2);
            }
        },
    };
    let (indices, seconds, runs) = timed(|| analyze(&game));
    let indices = match indices {
        Ok(indices) => indices,
        Err(error) => {
            eprintln!("power_bench: {error}");
            return ExitCode::FAILURE;
        }
    };
    let (banzhaf_alone, banzhaf_seconds, banzhaf_runs) = timed(|| analyze_banzhaf(&game));
    let banzhaf_alone = match banzhaf_alone {
        Ok(indices) => indices,
        Err(error) => {
            eprintln!("power_bench: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Values per member, in the game's order of members (players expanded by count).
    let mut shapley = Vec::new();
    let mut banzhaf = Vec::new();
    for player in indices.players() {
        for _ in 0..player.count() {
            shapley.push(player.shapley_shubik().to_f64());
            banzhaf.push(player.banzhaf_normalized().to_f64());
        }
    }
    let banzhaf_alone_values: Vec<f64> = banzhaf_alone
        .players()
        .iter()
        .flat_map(|player| {
            std::iter::repeat_n(
                player.banzhaf_normalized().to_f64(),
                player.count() as usize,
            )
        })
        .collect();
    let weights: Vec<Vec<u64>> = game
        .players()
        .iter()
        .flat_map(|p| std::iter::repeat_n(p.weights().to_vec(), p.count() as usize))
        .collect();
    println!(
        "{}",
        json!({
            "game": name,
            "quotas": game.quotas(),
            "weights": weights,
            "seconds": seconds,
            "runs": runs,
            "method": format!("{:?}", indices.method()),
            "banzhaf_seconds": banzhaf_seconds,
            "banzhaf_runs": banzhaf_runs,
            "banzhaf_method": format!("{:?}", banzhaf_alone.method()),
            "shapley_shubik": shapley,
            "banzhaf_normalized": banzhaf,
            "banzhaf_alone_normalized": banzhaf_alone_values,
        })
    );
    ExitCode::SUCCESS
}
