//! One weighted rule: coalitions counted by size and weight below the quota, with the
//! generating function `∏ (1 + y x^{w_i})` truncated at `x^q`.
//!
//! The table `L[k][w]` counts the coalitions of `k` members and weight `w < q`. A coalition of
//! `k` members weighs at least the sum of the `k` smallest weights and at most the sum of the
//! `k` largest, so each row is stored and swept only over that range ([`Layout`]), and the
//! rows whose smallest weight reaches the quota are not stored at all. The members are added
//! a class at a time, heaviest class first (which keeps the ranges of the rows built so far
//! narrow), multiplying by `(1 + y x^a)^c = Σ_m C(c, m) y^m x^{ma}` in one sweep.
//!
//! A member of weight `a` swings a coalition of `k` others whose weight is in `[q - a, q)`.
//! The table without that member is `W = L / (1 + y x^a)`, so
//! `W[k][w] = Σ_j (-1)^j L[k - j][w - j a]`, and its swings of size `k` are
//! `Σ_j (-1)^j B(k - j, j)`, where `B(r, j)` sums row `r` of `L` over the block
//! `[q - (j + 1) a, q - j a)`. One pass over the rows sums each row's blocks for every class
//! while the row is in cache; the table without the member is never written.

use crate::count::{Count, binomial_row};
use crate::dp::{Normal, Swings};

/// The rows of a table over size and weight, each kept over the weights its coalitions can
/// have below the quota: row `k` holds the weights `low[k]..end[k]`, from `offset[k]` on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    low: Vec<usize>,
    end: Vec<usize>,
    offset: Vec<usize>,
}

impl Layout {
    /// The rows for coalitions of members with these weights (in ascending order, each
    /// below `quota`): row `k` runs from the sum of the `k` smallest weights to the sum of the
    /// `k` largest, cut at the quota. Rows that start at the quota or above are left out.
    pub(crate) fn of(ascending: &[usize], quota: usize) -> Layout {
        let mut layout = Layout {
            low: Vec::new(),
            end: Vec::new(),
            offset: vec![0],
        };
        let (mut smallest, mut largest) = (0usize, 0usize);
        for k in 0..=ascending.len() {
            if smallest >= quota {
                break;
            }
            let end = largest.saturating_add(1).min(quota);
            layout.low.push(smallest);
            layout.end.push(end);
            layout.offset.push(layout.offset[k] + (end - smallest));
            if k < ascending.len() {
                smallest = smallest.saturating_add(ascending[k]);
                largest = largest.saturating_add(ascending[ascending.len() - 1 - k]);
            }
        }
        layout
    }

    /// The number of cells the rows need, without building them (`u128`, so that the cost of
    /// an oversized game can be reported rather than overflow).
    pub(crate) fn n_cells_of(ascending: &[usize], quota: usize) -> u128 {
        let (mut smallest, mut largest) = (0u128, 0u128);
        let quota = quota as u128;
        let mut cells = 0u128;
        for k in 0..=ascending.len() {
            if smallest >= quota {
                break;
            }
            cells += (largest + 1).min(quota) - smallest;
            if k < ascending.len() {
                smallest += ascending[k] as u128;
                largest += ascending[ascending.len() - 1 - k] as u128;
            }
        }
        cells
    }

    pub(crate) fn n_rows(&self) -> usize {
        self.low.len()
    }

    pub(crate) fn n_cells(&self) -> usize {
        self.offset[self.n_rows()]
    }

    /// The weights row `k` holds, empty beyond the last row.
    pub(crate) fn range(&self, k: usize) -> (usize, usize) {
        if k < self.n_rows() {
            (self.low[k], self.end[k])
        } else {
            (0, 0)
        }
    }

    /// Row `k` of a table in this layout.
    fn row<'table, C>(&self, cells: &'table [C], k: usize) -> &'table [C] {
        &cells[self.offset[k]..self.offset[k + 1]]
    }
}

/// The table of a single-rule game: the layout and the counts of the coalitions of all
/// members (those of weight `q` or more cannot be in a coalition below the quota).
pub(crate) struct Table<C> {
    pub(crate) quota: usize,
    pub(crate) layout: Layout,
    pub(crate) cells: Vec<C>,
}

/// Each class's weight in the one weighted rule (0 when there is none).
pub(crate) fn class_weight(normal: &Normal, class: usize) -> usize {
    normal.class_weights[class].first().copied().unwrap_or(0) as usize
}

/// The weights, in ascending order, of the members that can be in a coalition below `quota`.
fn ascending_weights(normal: &Normal, quota: usize) -> Vec<usize> {
    let mut weights: Vec<usize> = (0..normal.class_count.len())
        .filter(|&class| class_weight(normal, class) < quota)
        .flat_map(|class| {
            std::iter::repeat_n(class_weight(normal, class), normal.class_count[class])
        })
        .collect();
    weights.sort_unstable();
    weights
}

/// The quota of the weighted rule (0 when there is none: every coalition meets it).
pub(crate) fn quota(normal: &Normal) -> usize {
    normal.quotas.first().copied().unwrap_or(0) as usize
}

/// Cells of the table [`build`] would make.
pub(crate) fn n_cells(normal: &Normal) -> u128 {
    let quota = quota(normal);
    Layout::n_cells_of(&ascending_weights(normal, quota), quota)
}

/// Counts the coalitions of all members by size and weight below the quota.
pub(crate) fn build<C: Count>(normal: &Normal) -> Table<C> {
    let quota = quota(normal);
    let layout = Layout::of(&ascending_weights(normal, quota), quota);
    let mut cells = vec![C::nil(); layout.n_cells()];
    if layout.n_rows() > 0 {
        cells[0] = C::unit();
    }
    // Heaviest class first: the rows built so far then span few weights, and the heavy rows
    // reach the quota (and stop growing) early.
    let mut order: Vec<usize> = (0..normal.class_count.len())
        .filter(|&class| class_weight(normal, class) < quota)
        .collect();
    order.sort_by_key(|&class| std::cmp::Reverse(class_weight(normal, class)));
    // The weights added so far, in ascending order: each class is lighter than those before.
    let mut added: Vec<usize> = Vec::new();
    let mut current = Layout::of(&added, quota);
    for class in order {
        let weight = class_weight(normal, class);
        let count = normal.class_count[class];
        let batches = if C::CHEAP_PRODUCTS {
            vec![count]
        } else {
            vec![1; count]
        };
        for batch in batches {
            let binomials = binomial_row::<C>(batch);
            add_class(&layout, &mut cells, &current, quota, weight, &binomials);
            added.splice(0..0, std::iter::repeat_n(weight, batch));
            current = Layout::of(&added, quota);
        }
    }
    Table {
        quota,
        layout,
        cells,
    }
}

/// One term `C(c, m) y^m x^{ma}` of a class's factor, as it applies to one target row: the
/// source row `k - m` reaches the target row's weights `low..end`.
#[derive(Debug, Clone, Copy)]
struct Term {
    m: usize,
    source_row: usize,
    low: usize,
    end: usize,
}

/// Cells of a target row updated together (16 KiB of `f64`).
const BLOCK: usize = 2048;

/// Multiplies the table by `(1 + y x^a)^c`, given `C(c, 0..=c)`: row `k` gains
/// `C(c, m)` times row `k - m` shifted by `m a`. `current` bounds the rows built so far.
/// Rows are updated from the top down, so every source row is still the old one.
fn add_class<C: Count>(
    layout: &Layout,
    cells: &mut [C],
    current: &Layout,
    quota: usize,
    weight: usize,
    binomials: &[C],
) {
    let n_new = binomials.len() - 1;
    let n_rows = (current.n_rows() + n_new).min(layout.n_rows());
    let mut terms: Vec<Term> = Vec::with_capacity(n_new);
    for k in (1..n_rows).rev() {
        terms.clear();
        for m in 1..=n_new.min(k) {
            let source_row = k - m;
            let shift = m * weight;
            let (low, end) = current.range(source_row);
            let end = end.min(quota.saturating_sub(shift));
            if low < end {
                terms.push(Term {
                    m,
                    source_row,
                    low: low + shift,
                    end: end + shift,
                });
            }
        }
        let (below, rest) = cells.split_at_mut(layout.offset[k]);
        let target_low = layout.low[k];
        let target = &mut rest[..layout.offset[k + 1] - layout.offset[k]];
        // Blocks of the target row small enough to stay in the first-level cache while every
        // source row adds to them.
        let reach_low = terms.iter().map(|term| term.low).min().unwrap_or(0);
        let reach_end = terms.iter().map(|term| term.end).max().unwrap_or(0);
        let mut block_low = reach_low;
        while block_low < reach_end {
            let block_end = (block_low + BLOCK).min(reach_end);
            for &Term {
                m,
                source_row,
                low,
                end,
            } in &terms
            {
                let (low, end) = (low.max(block_low), end.min(block_end));
                if low >= end {
                    continue;
                }
                let shift = m * weight;
                let source_start =
                    layout.offset[source_row] + (low - shift - layout.low[source_row]);
                let source = &below[source_start..source_start + (end - low)];
                let target = &mut target[low - target_low..end - target_low];
                if n_new == 1 {
                    for (cell, addend) in target.iter_mut().zip(source) {
                        if !C::SKIP_ZEROS || !addend.is_nil() {
                            cell.add(addend);
                        }
                    }
                } else {
                    let factor = &binomials[m];
                    for (cell, addend) in target.iter_mut().zip(source) {
                        cell.add_product(addend, factor);
                    }
                }
            }
            block_low = block_end;
        }
    }
}

/// For one member of each class, its swings by the size of the coalition it joins, and the
/// number of winning coalitions. Building adds at most `n` terms to each stored cell (one per
/// member, a class's `c` members in one sweep); the swings read each cell once per class.
pub(crate) fn truncated<C: Count>(normal: &Normal) -> Swings<C> {
    let n = normal.n_members;
    let min_size = normal.min_size;
    let table = build::<C>(normal);
    let (quota, layout, cells) = (table.quota, &table.layout, &table.cells);

    let all = binomial_row::<C>(n);
    let mut winning = C::nil();
    for (k, count) in all.iter().enumerate().skip(min_size) {
        let mut count = count.clone();
        if k < layout.n_rows() {
            count.sub(&C::sum_of(layout.row(cells, k)));
        }
        winning.add(&count);
    }

    // Swings of size k >= min_size, one pass over the rows. Block j of row r belongs to the
    // chain of size k = r + j; going up the rows, each chain's running value becomes the
    // block's sum in the table without the member, V = B - V_below, which is never negative
    // (floating point clamps it at zero, as exact division would). A block outside its row's
    // range is empty, and so is its part of the table without the member: the chain restarts
    // from zero after it, which keeps the rounding of one part from leaking into the next.
    let n_classes = normal.class_count.len();
    let weights: Vec<usize> = (0..n_classes)
        .map(|class| class_weight(normal, class))
        .collect();
    let mut chains = vec![vec![C::nil(); n]; n_classes];
    let mut chain_row = vec![vec![usize::MAX; n]; n_classes];
    // Coalitions of others have at most n - 1 members.
    for r in 0..layout.n_rows().min(n) {
        let row = layout.row(cells, r);
        let (low, end) = layout.range(r);
        for (class, &weight) in weights.iter().enumerate() {
            // A member without weight swings nothing the quota decides.
            if weight == 0 {
                continue;
            }
            let first = ((quota - end) / weight).max(min_size.saturating_sub(r));
            let last = ((quota - 1 - low) / weight).min(n - 1 - r);
            for j in first..=last {
                let top = quota - j * weight;
                let bottom = top.saturating_sub(weight).max(low);
                let top = top.min(end);
                let k = r + j;
                let mut block = C::sum_of(&row[bottom - low..top - low]);
                if r > 0 && chain_row[class][k] == r - 1 {
                    block.sub(&chains[class][k]);
                }
                chains[class][k] = block;
                chain_row[class][k] = r;
            }
        }
    }

    let others = binomial_row::<C>(n - 1);
    let by_size = (0..n_classes)
        .map(|class| {
            // A chain that did not reach its own row ends on an empty block.
            let mut swings: Vec<C> = chains[class]
                .iter()
                .zip(&chain_row[class])
                .enumerate()
                .map(|(k, (value, &row))| if row == k { value.clone() } else { C::nil() })
                .collect();
            if let Some(k) = min_size.checked_sub(1) {
                // Too small to win alone whatever its weight: a coalition of min_size - 1
                // others swings when its weight is enough with the member.
                let weight = weights[class];
                let mut swing = others[k].clone();
                if k < layout.n_rows() {
                    let row = without_row(&table, weight, k);
                    let (low, end) = layout.range(k);
                    let enough = quota.saturating_sub(weight).clamp(low, end);
                    swing.sub(&C::sum_of(&row[..enough - low]));
                }
                swings[k] = swing;
            }
            swings
        })
        .collect();
    Swings { by_size, winning }
}

/// Row `k` of the table without one member of this weight (over row `k`'s weights in
/// `table`), by exact division: `W[r][w] = L[r][w] - W[r - 1][w - a]`, row after row.
fn without_row<C: Count>(table: &Table<C>, weight: usize, k: usize) -> Vec<C> {
    let layout = &table.layout;
    let mut previous: Vec<C> = Vec::new();
    for r in 0..=k {
        let mut row = layout.row(&table.cells, r).to_vec();
        // A member at or above the quota is in no coalition of the table: nothing to remove.
        if r > 0 && weight < table.quota {
            let (low, end) = layout.range(r);
            let (previous_low, previous_end) = layout.range(r - 1);
            let from = low.max(previous_low + weight);
            let to = end.min(previous_end + weight);
            for w in from..to {
                row[w - low].sub(&previous[w - weight - previous_low]);
            }
        }
        previous = row;
    }
    previous
}

#[cfg(test)]
pub(crate) mod tests {
    use num_bigint::BigUint;

    use super::*;
    use crate::game::Game;

    #[test]
    fn rows_run_from_the_smallest_to_the_largest_sums_below_the_quota() {
        let layout = Layout::of(&[1, 2, 5], 6);
        assert_eq!(layout.n_rows(), 3);
        assert_eq!(
            (0..4).map(|k| layout.range(k)).collect::<Vec<_>>(),
            vec![(0, 1), (1, 6), (3, 6), (0, 0)]
        );
        assert_eq!(layout.n_cells(), 9);
        assert_eq!(Layout::n_cells_of(&[1, 2, 5], 6), 9);
    }

    /// Games of several classes (up to 12 members each), weights 0..=15 (so some at or above
    /// the quota, some zero), and, every other game, a second rule of equal weights that sets
    /// a minimum size.
    pub(crate) fn random_games() -> Vec<Game> {
        let mut state = 99u64;
        let mut next_below = |bound: u64| {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            (z ^ (z >> 31)) % bound
        };
        let mut games = Vec::new();
        while games.len() < 60 {
            let n_classes = 1 + next_below(6) as usize;
            let with_size_rule = games.len() % 2 == 1;
            let players: Vec<(String, u32, Vec<u64>)> = (0..n_classes)
                .map(|class| {
                    let count = 1 + next_below(12) as u32;
                    let mut weights = vec![next_below(16)];
                    if with_size_rule {
                        weights.push(1);
                    }
                    (format!("c{class}"), count, weights)
                })
                .collect();
            let total: u64 = players.iter().map(|(_, n, w)| u64::from(*n) * w[0]).sum();
            let n_members: u64 = players.iter().map(|(_, n, _)| u64::from(*n)).sum();
            if total == 0 {
                continue;
            }
            let mut quotas = vec![1 + next_below(total)];
            if with_size_rule {
                quotas.push(1 + next_below(n_members));
            }
            games.push(Game::new("random", players, quotas).expect("valid"));
        }
        games
    }

    #[test]
    fn chains_of_blocks_equal_division_row_by_row() {
        for game in random_games() {
            let normal = Normal::of(&game);
            let table = build::<u128>(&normal);
            let swings = truncated::<u128>(&normal);
            for (class, by_size) in swings.by_size.iter().enumerate() {
                let weight = class_weight(&normal, class);
                for (k, &swing) in by_size.iter().enumerate().skip(normal.min_size) {
                    let expected: u128 = if weight == 0 || k >= table.layout.n_rows() {
                        0
                    } else {
                        let row = without_row(&table, weight, k);
                        let (low, end) = table.layout.range(k);
                        let from = table.quota.saturating_sub(weight).clamp(low, end);
                        row[from - low..].iter().sum()
                    };
                    assert_eq!(swing, expected, "{game:?}, class {class}, size {k}");
                }
            }
        }
    }

    #[test]
    fn big_integers_added_one_member_at_a_time_equal_machine_integers_added_by_class() {
        for game in random_games() {
            let normal = Normal::of(&game);
            let machine = truncated::<u128>(&normal);
            let big = truncated::<BigUint>(&normal);
            assert_eq!(BigUint::from(machine.winning), big.winning);
            for (machine, big) in machine.by_size.iter().zip(&big.by_size) {
                let machine: Vec<BigUint> = machine.iter().map(|&c| BigUint::from(c)).collect();
                assert_eq!(&machine, big, "{game:?}");
            }
        }
    }
}
