//! Helpers shared by the tests: fractions, games by weights, and indices by their definitions.

use council_power::{Game, Number};
use num_bigint::BigInt;
use num_rational::BigRational;

/// The fraction `numerator / denominator`.
pub(crate) fn ratio(numerator: i64, denominator: i64) -> BigRational {
    BigRational::new(BigInt::from(numerator), BigInt::from(denominator))
}

/// The exact value of a number, failing the test if it is approximate.
pub(crate) fn exact(number: &Number) -> BigRational {
    number.as_exact().cloned().expect("an exact value")
}

/// A game of single members with these weights (one vector per member) and quotas.
pub(crate) fn game_of(weights: &[Vec<u64>], quotas: &[u64]) -> Game {
    let players = weights
        .iter()
        .enumerate()
        .map(|(index, weights)| (format!("m{index}"), 1, weights.clone()))
        .collect();
    Game::new("test", players, quotas.to_vec()).expect("a valid game")
}

/// A deterministic pseudo-random sequence (SplitMix64), so the tests need no randomness crate.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next_below(&mut self, bound: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        (z ^ (z >> 31)) % bound
    }
}

/// A single-rule game of `n` members with weights in `1..=max_weight` and a simple majority of
/// the total weight.
pub(crate) fn random_weighted(n: usize, max_weight: u64, seed: u64) -> Game {
    let mut random = SplitMix(seed);
    let weights: Vec<Vec<u64>> = (0..n)
        .map(|_| vec![1 + random.next_below(max_weight)])
        .collect();
    let total: u64 = weights.iter().map(|w| w[0]).sum();
    game_of(&weights, &[total / 2 + 1])
}

/// Each member's Shapley-Shubik index by its definition (every order of the members) and its
/// Banzhaf swings (every coalition). Members are the game's players expanded by count.
pub(crate) fn by_definition(game: &Game) -> Vec<(BigRational, u64)> {
    let members: Vec<usize> = game
        .players()
        .iter()
        .enumerate()
        .flat_map(|(index, player)| std::iter::repeat_n(index, player.count() as usize))
        .collect();
    let n = members.len();
    let wins = |coalition: &[bool]| {
        let mut of_each = vec![0u32; game.players().len()];
        for (member, &inside) in coalition.iter().enumerate() {
            if inside {
                of_each[members[member]] += 1;
            }
        }
        game.wins(&of_each)
    };
    let mut pivots = vec![0u64; n];
    let mut order: Vec<usize> = (0..n).collect();
    let mut n_orders = 0u64;
    permute(&mut order, 0, &mut |order| {
        n_orders += 1;
        let mut coalition = vec![false; n];
        for &member in order {
            coalition[member] = true;
            if wins(&coalition) {
                pivots[member] += 1;
                break;
            }
        }
    });
    let mut swings = vec![0u64; n];
    for mask in 0..(1u32 << n) {
        let coalition: Vec<bool> = (0..n).map(|m| mask & (1 << m) != 0).collect();
        if wins(&coalition) {
            continue;
        }
        for member in 0..n {
            if !coalition[member] {
                let mut with = coalition.clone();
                with[member] = true;
                if wins(&with) {
                    swings[member] += 1;
                }
            }
        }
    }
    pivots
        .iter()
        .zip(&swings)
        .map(|(&pivots, &swings)| (ratio(pivots as i64, n_orders as i64), swings))
        .collect()
}

fn permute(order: &mut Vec<usize>, start: usize, visit: &mut impl FnMut(&[usize])) {
    if start == order.len() {
        visit(order);
        return;
    }
    for next in start..order.len() {
        order.swap(start, next);
        permute(order, start + 1, visit);
        order.swap(start, next);
    }
}
