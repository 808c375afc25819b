//! Computes one game's indices and prints them with the time taken, as one JSON line, for
//! `bench/compare.sh`: `cargo run --release -p council-power --example power_bench -- GAME`.
//!
//! GAME is a built-in game's name, `random-200` or `random-1000` (weights 1..=100 drawn with a
//! fixed seed, quota a simple majority of the total), or `check-N-W`, which compares floating
//! point with exact big-integer counting on a random game of N members with weights 1..=W.
// An example is a program: printing its answer is its job.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::process::ExitCode;
use std::time::Instant;

use council_power::{Game, analyze, analyze_exact, analyze_float, builtin};
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

fn main() -> ExitCode {
    let Some(name) = std::env::args().nth(1) else {
        eprintln!("usage: power_bench GAME | random-200 | random-1000 | check-N-W");
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
        let mut largest: f64 = 0.0;
        for (e, f) in exact.players().iter().zip(float.players()) {
            for (x, y) in [
                (e.shapley_shubik(), f.shapley_shubik()),
                (e.banzhaf_normalized(), f.banzhaf_normalized()),
            ] {
                let (x, y) = (x.to_f64(), y.to_f64());
                largest = largest.max((x - y).abs() / x.abs().max(1e-300));
            }
        }
        println!(
            "{}",
            json!({"game": name, "largest_relative_difference": largest, "exact_seconds": exact_seconds, "float_seconds": float_seconds})
        );
        return ExitCode::SUCCESS;
    }
    let game = match name.as_str() {
        "random-200" => random_game(200, 100),
        "random-1000" => random_game(1000, 100),
        other => match builtin(other) {
            Some(game) => game,
            None => {
                eprintln!("power_bench: unknown game `{other}`");
                return ExitCode::from(2);
            }
        },
    };
    let started = Instant::now();
    let indices = match analyze(&game) {
        Ok(indices) => indices,
        Err(error) => {
            eprintln!("power_bench: {error}");
            return ExitCode::FAILURE;
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    // Values per member, in the game's order of members (players expanded by count).
    let mut shapley = Vec::new();
    let mut banzhaf = Vec::new();
    for player in indices.players() {
        for _ in 0..player.count() {
            shapley.push(player.shapley_shubik().to_f64());
            banzhaf.push(player.banzhaf_normalized().to_f64());
        }
    }
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
            "method": format!("{:?}", indices.method()),
            "shapley_shubik": shapley,
            "banzhaf_normalized": banzhaf,
        })
    );
    ExitCode::SUCCESS
}
