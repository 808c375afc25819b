//! Banzhaf swings of one weighted rule, with coalition sizes lumped together above the
//! minimum size.
//!
//! The Banzhaf index counts swings of any size, so the table needs sizes only where rules of
//! equal weights make them matter: rows `0..m` count the coalitions of exactly `k` members by
//! weight below the quota, where `m` is the minimum winning size, and row `m` counts those of
//! `m` members or more. Adding a member of weight `a` moves row `m - 1` into row `m` as well
//! as row `m` into itself, both shifted by `a`. Removing it is exact division, cell by cell
//! (`W_m[w] = L_m[w] - W_m[w - a] - W_{m-1}[w - a]`), and its swings are the coalitions of
//! others of `m` members or more with a weight in `[q - a, q)`, and those of `m - 1` members
//! with a weight of `q - a` or more. Time `O(n (m + 1) q)`, memory `O((m + 1) q)`: without a
//! minimum size, one row of `q` cells.

use crate::count::{Count, binomial_row};
use crate::dp::Normal;
use crate::truncated::{class_weight, quota};

/// For one member of each class, the number of coalitions it swings, and the number of winning
/// coalitions.
#[derive(Debug, Clone)]
pub(crate) struct Totals<C> {
    pub(crate) swings: Vec<C>,
    pub(crate) winning: C,
}

/// Cells of the table [`lumped`] makes.
pub(crate) fn n_cells(normal: &Normal) -> u128 {
    (normal.min_size as u128 + 1) * quota(normal) as u128
}

/// Counts the swings of one member of each class and the winning coalitions.
pub(crate) fn lumped<C: Count>(normal: &Normal) -> Totals<C> {
    let n = normal.n_members;
    let min_size = normal.min_size;
    let quota = quota(normal);
    // Row k < min_size: coalitions of k members; row min_size: of min_size members or more.
    let mut cells = vec![C::nil(); (min_size + 1) * quota];
    if quota > 0 {
        cells[0] = C::unit();
    }
    for (class, &count) in normal.class_count.iter().enumerate() {
        let weight = class_weight(normal, class);
        // A member at or above the quota is in no coalition below it.
        if weight >= quota {
            continue;
        }
        for _ in 0..count {
            add_member(&mut cells, quota, min_size, weight);
        }
    }
    let lumped_row = &cells[min_size * quota..];

    let all = binomial_row::<C>(n);
    let mut winning = C::nil();
    for count in &all[min_size..] {
        winning.add(count);
    }
    winning.sub(&C::sum_of(lumped_row));

    let others = binomial_row::<C>(n - 1);
    let swings = (0..normal.class_count.len())
        .map(|class| {
            let weight = class_weight(normal, class);
            let enough = quota.saturating_sub(weight);
            let mut swings = C::nil();
            // Rows 0..min_size of the table without the member, by exact division; only the
            // last one is kept.
            let mut below: Vec<C> = Vec::new();
            for k in 0..min_size {
                let mut row = cells[k * quota..(k + 1) * quota].to_vec();
                if k > 0 && weight < quota {
                    for w in weight..quota {
                        row[w].sub(&below[w - weight]);
                    }
                }
                below = row;
            }
            if min_size > 0 {
                // Coalitions of min_size - 1 others win with the member when heavy enough.
                swings = others[min_size - 1].clone();
                swings.sub(&C::sum_of(&below[..enough]));
            }
            if weight >= quota {
                // Nothing to remove from the table: every coalition it holds swings.
                swings.add(&C::sum_of(lumped_row));
            } else if weight > 0 {
                let mut without = lumped_row.to_vec();
                for w in weight..quota {
                    let (done, rest) = without.split_at_mut(w);
                    rest[0].sub(&done[w - weight]);
                    if min_size > 0 {
                        rest[0].sub(&below[w - weight]);
                    }
                }
                swings.add(&C::sum_of(&without[enough..]));
            }
            swings
        })
        .collect();
    Totals { swings, winning }
}

/// Multiplies the table by `1 + y x^a` for one member of weight `a` below the quota.
fn add_member<C: Count>(cells: &mut [C], quota: usize, min_size: usize, weight: usize) {
    let (lower, lumped_row) = cells.split_at_mut(min_size * quota);
    // Row min_size gains itself shifted by the weight; from the top down, in blocks of the
    // weight, so that every source block is still the old one.
    if weight == 0 {
        for cell in lumped_row.iter_mut() {
            let old = cell.clone();
            cell.add(&old);
        }
    } else {
        let mut top = quota;
        while top > weight {
            let bottom = top.saturating_sub(weight).max(weight);
            let (head, tail) = lumped_row.split_at_mut(bottom);
            add_shifted(
                &mut tail[..top - bottom],
                &head[bottom - weight..top - weight],
            );
            top = bottom;
        }
    }
    if min_size == 0 {
        return;
    }
    // Row min_size also gains row min_size - 1, and each row below the one beneath it.
    let previous = &lower[(min_size - 1) * quota..];
    add_shifted(&mut lumped_row[weight..], &previous[..quota - weight]);
    for k in (1..min_size).rev() {
        let (below, row) = lower.split_at_mut(k * quota);
        add_shifted(
            &mut row[weight..quota],
            &below[(k - 1) * quota..k * quota - weight],
        );
    }
}

fn add_shifted<C: Count>(target: &mut [C], source: &[C]) {
    for (cell, addend) in target.iter_mut().zip(source) {
        if !C::SKIP_ZEROS || !addend.is_nil() {
            cell.add(addend);
        }
    }
}

#[cfg(test)]
mod tests {
    use num_bigint::BigUint;

    use super::*;
    use crate::truncated::tests::random_games;
    use crate::truncated::truncated;

    #[test]
    fn lumped_sizes_give_the_swings_of_the_table_by_size() {
        for game in random_games() {
            let normal = Normal::of(&game);
            let by_size = truncated::<u128>(&normal);
            let machine = lumped::<u128>(&normal);
            assert_eq!(machine.winning, by_size.winning, "{game:?}");
            let summed: Vec<u128> = by_size.by_size.iter().map(|s| s.iter().sum()).collect();
            assert_eq!(machine.swings, summed, "{game:?}");
            let big = lumped::<BigUint>(&normal);
            let summed: Vec<BigUint> = summed.iter().map(|&c| BigUint::from(c)).collect();
            assert_eq!(big.swings, summed, "{game:?}");
        }
    }
}
