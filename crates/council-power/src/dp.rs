//! Swing counts by coalition size, by dynamic programming over weights (generating functions).
//!
//! Everything the indices need is, for one member of each class, the number of coalitions of
//! the other members, by size `k`, that lose without the member and win with it (its swings).
//! Rules whose weights are all equal only ask for a minimum coalition size, so they cost
//! nothing: the size is already a dimension of the table. What remains is:
//! - at most one weighted rule: a table `L[k][w]` of coalitions of size `k` and weight `w`
//!   below the quota (the generating function `∏ (1 + y x^{w_i})` truncated at `x^q`), from
//!   which one member of a class is removed by exact division by `(1 + y x^{w})`; see
//!   [`truncated`]. Time `O(n² q)` at most, memory `O(n q)` at most.
//! - two or more weighted rules: a table over sizes and saturated weight vectors (each
//!   weight capped at its quota), rebuilt without one member of each class. No subtraction.

use crate::PowerError;
use crate::count::Count;
use crate::game::Game;
use crate::lumped::{self, Totals};
use crate::truncated;

/// A game reduced to what the counting needs.
#[derive(Debug, Clone)]
pub(crate) struct Normal {
    pub(crate) n_members: usize,
    /// The smallest winning size required by the rules whose weights are all equal.
    pub(crate) min_size: usize,
    /// Quotas of the weighted rules, divided by the gcd of their weights.
    pub(crate) quotas: Vec<u64>,
    /// For each class of identical members: weights in the weighted rules, capped at the quota.
    pub(crate) class_weights: Vec<Vec<u64>>,
    pub(crate) class_count: Vec<usize>,
    /// The class of each player of the game.
    pub(crate) player_class: Vec<usize>,
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Normal {
    pub(crate) fn of(game: &Game) -> Normal {
        let players = game.players();
        let mut min_size = 0usize;
        let mut weighted_rules = Vec::new();
        for (rule, &quota) in game.quotas().iter().enumerate() {
            let first = players[0].weights()[rule];
            if first > 0 && players.iter().all(|p| p.weights()[rule] == first) {
                // Validation guarantees the quota is reachable, so the size fits in usize.
                let needed = quota.div_ceil(first) as usize;
                min_size = min_size.max(needed);
            } else {
                let divisor = players
                    .iter()
                    .fold(0, |acc, p| gcd(acc, p.weights()[rule]))
                    .max(1);
                weighted_rules.push((rule, divisor, quota.div_ceil(divisor)));
            }
        }
        let quotas: Vec<u64> = weighted_rules.iter().map(|&(_, _, q)| q).collect();
        let mut class_weights: Vec<Vec<u64>> = Vec::new();
        let mut class_count: Vec<usize> = Vec::new();
        let mut player_class = Vec::with_capacity(players.len());
        for player in players {
            let weights: Vec<u64> = weighted_rules
                .iter()
                .map(|&(rule, divisor, quota)| (player.weights()[rule] / divisor).min(quota))
                .collect();
            let class = match class_weights.iter().position(|w| *w == weights) {
                Some(class) => class,
                None => {
                    class_weights.push(weights);
                    class_count.push(0);
                    class_weights.len() - 1
                }
            };
            class_count[class] += player.count() as usize;
            player_class.push(class);
        }
        Normal {
            n_members: game.n_members(),
            min_size,
            quotas,
            class_weights,
            class_count,
            player_class,
        }
    }

    /// Cells of the table the counting uses, and the work it does, roughly.
    pub(crate) fn cost(&self) -> (u128, u128) {
        let n = self.n_members as u128;
        match self.quotas.len() {
            0 | 1 => {
                // Each stored cell gains at most one term per member while the table is built,
                // and is read once per class for the swings.
                let cells = truncated::n_cells(self).max(1);
                (cells, cells * (n + self.class_weights.len() as u128))
            }
            _ => {
                let states: u128 = self
                    .quotas
                    .iter()
                    .map(|&q| u128::from(q) + 1)
                    .product::<u128>();
                let cells = (n + 1).saturating_mul(states);
                (
                    cells,
                    cells
                        .saturating_mul(n)
                        .saturating_mul(self.class_weights.len() as u128 + 1),
                )
            }
        }
    }
}

/// For one member of each class, its swings by the size of the coalition it joins
/// (`0..n_members`), and the number of winning coalitions.
#[derive(Debug, Clone)]
pub(crate) struct Swings<C> {
    pub(crate) by_size: Vec<Vec<C>>,
    pub(crate) winning: C,
}

/// Counts swings; `max_cells` bounds the table's memory.
pub(crate) fn swings<C: Count>(normal: &Normal, max_cells: u128) -> Result<Swings<C>, PowerError> {
    let (cells, work) = normal.cost();
    if cells > max_cells || work > MAX_WORK {
        return Err(PowerError::TooLarge { cells, work });
    }
    Ok(if normal.quotas.len() <= 1 {
        truncated::truncated(normal)
    } else {
        saturated(normal)
    })
}

/// Counts, for one member of each class, the coalitions it swings (of any size), and the
/// winning coalitions. One weighted rule needs no size beyond the minimum size
/// ([`lumped`]), unless the table by size is smaller; two or more weighted rules count by size
/// and add the sizes up.
pub(crate) fn totals<C: Count>(normal: &Normal, max_cells: u128) -> Result<Totals<C>, PowerError> {
    // The lumped table has min_size + 1 full rows, each swept for every member; the table by
    // size is stored over each row's possible weights only and built a class at a time, so
    // with a large minimum size it is the faster one even with a few times more cells.
    let lumped_cells = lumped::n_cells(normal).max(1);
    if normal.quotas.len() > 1 || lumped_cells * 4 > truncated::n_cells(normal) {
        let swings = swings::<C>(normal, max_cells)?;
        return Ok(Totals {
            swings: swings
                .by_size
                .iter()
                .map(|by_size| C::sum_of(by_size))
                .collect(),
            winning: swings.winning,
        });
    }
    let work = lumped_cells * (normal.n_members + normal.class_weights.len()) as u128;
    if lumped_cells > max_cells || work > MAX_WORK {
        return Err(PowerError::TooLarge {
            cells: lumped_cells,
            work,
        });
    }
    Ok(lumped::lumped(normal))
}

/// The most elementary additions a computation may take (about a minute on one core).
const MAX_WORK: u128 = 60_000_000_000;

fn saturated<C: Count>(normal: &Normal) -> Swings<C> {
    let n = normal.n_members;
    let caps: Vec<usize> = normal.quotas.iter().map(|&q| q as usize).collect();
    let n_states: usize = caps.iter().map(|&c| c + 1).product();
    let full = n_states - 1;
    let shift_of = |weights: &[u64]| -> Vec<usize> {
        (0..n_states)
            .map(|state| {
                let mut rest = state;
                let mut target = 0;
                let mut stride = 1;
                for (rule, &cap) in caps.iter().enumerate() {
                    let value = rest % (cap + 1);
                    rest /= cap + 1;
                    target += (value + weights[rule] as usize).min(cap) * stride;
                    stride *= cap + 1;
                }
                target
            })
            .collect()
    };
    let shifts: Vec<Vec<usize>> = normal.class_weights.iter().map(|w| shift_of(w)).collect();
    let build = |skip: Option<usize>| -> Vec<C> {
        let mut table = vec![C::nil(); (n + 1) * n_states];
        table[0] = C::unit();
        let mut n_added = 0usize;
        for (class, &count) in normal.class_count.iter().enumerate() {
            let count = if skip == Some(class) {
                count - 1
            } else {
                count
            };
            for _ in 0..count {
                for k in (0..=n_added.min(n - 1)).rev() {
                    let (low, high) = table.split_at_mut((k + 1) * n_states);
                    let lower = &low[k * n_states..];
                    for (state, cell) in lower.iter().enumerate() {
                        if !cell.is_nil() {
                            high[shifts[class][state]].add(cell);
                        }
                    }
                }
                n_added += 1;
            }
        }
        table
    };
    let all = build(None);
    let mut winning = C::nil();
    for k in normal.min_size..=n {
        winning.add(&all[k * n_states + full]);
    }
    let mut by_size = Vec::with_capacity(normal.class_count.len());
    for (class, shift) in shifts.iter().enumerate() {
        let table = build(Some(class));
        let mut swings = vec![C::nil(); n];
        for (k, swing) in swings.iter_mut().enumerate() {
            if k + 1 < normal.min_size {
                continue;
            }
            for state in 0..n_states {
                let loses = k < normal.min_size || state != full;
                if loses && shift[state] == full {
                    swing.add(&table[k * n_states + state]);
                }
            }
        }
        by_size.push(swings);
    }
    Swings { by_size, winning }
}
