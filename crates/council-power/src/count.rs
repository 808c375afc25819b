//! Coalition counters: the number types the dynamic programme runs on.
//!
//! `u128` is exact up to 127 members (at most 2^127 coalitions of a given kind), `BigUint` is
//! exact at any size, and `f64` is an approximation whose error the tests bound.

use num_bigint::BigUint;
use num_traits::Zero;

/// A number of coalitions.
pub(crate) trait Count: Clone {
    /// Whether adding a zero is worth skipping (true for heap-allocated big integers; false
    /// where the check would only stop the loop from vectorizing).
    const SKIP_ZEROS: bool;
    /// Whether multiplying by a small integer costs about as much as adding (false for big
    /// integers, where every product allocates).
    const CHEAP_PRODUCTS: bool;
    fn nil() -> Self;
    fn unit() -> Self;
    fn add(&mut self, other: &Self);
    /// Subtracts a number known to be at most `self` (exact types never go below zero).
    fn sub(&mut self, other: &Self);
    fn is_nil(&self) -> bool;
    /// Adds `other * factor`.
    fn add_product(&mut self, other: &Self, factor: &Self);
    /// The sum of the cells.
    fn sum_of(cells: &[Self]) -> Self {
        let mut sum = Self::nil();
        for cell in cells {
            if !Self::SKIP_ZEROS || !cell.is_nil() {
                sum.add(cell);
            }
        }
        sum
    }
    /// The exact value, for exact types.
    fn to_biguint(&self) -> Option<BigUint>;
}

impl Count for u128 {
    const SKIP_ZEROS: bool = false;
    const CHEAP_PRODUCTS: bool = true;
    fn nil() -> Self {
        0
    }
    fn unit() -> Self {
        1
    }
    fn add(&mut self, other: &Self) {
        // The caller only uses u128 below 128 members, where no count reaches 2^128.
        *self += *other;
    }
    fn sub(&mut self, other: &Self) {
        *self -= *other;
    }
    fn is_nil(&self) -> bool {
        *self == 0
    }
    fn add_product(&mut self, other: &Self, factor: &Self) {
        *self += *other * *factor;
    }
    fn to_biguint(&self) -> Option<BigUint> {
        Some(BigUint::from(*self))
    }
}

impl Count for BigUint {
    const SKIP_ZEROS: bool = true;
    const CHEAP_PRODUCTS: bool = false;
    fn nil() -> Self {
        Zero::zero()
    }
    fn unit() -> Self {
        BigUint::from(1u8)
    }
    fn add(&mut self, other: &Self) {
        *self += other;
    }
    fn sub(&mut self, other: &Self) {
        *self -= other;
    }
    fn is_nil(&self) -> bool {
        Zero::is_zero(self)
    }
    fn add_product(&mut self, other: &Self, factor: &Self) {
        *self += other * factor;
    }
    fn to_biguint(&self) -> Option<BigUint> {
        Some(self.clone())
    }
}

impl Count for f64 {
    const SKIP_ZEROS: bool = false;
    const CHEAP_PRODUCTS: bool = true;
    fn nil() -> Self {
        0.0
    }
    fn unit() -> Self {
        1.0
    }
    fn add(&mut self, other: &Self) {
        *self += *other;
    }
    fn sub(&mut self, other: &Self) {
        // Rounding can leave a tiny negative where the exact difference is zero.
        *self = (*self - *other).max(0.0);
    }
    fn is_nil(&self) -> bool {
        *self == 0.0
    }
    fn add_product(&mut self, other: &Self, factor: &Self) {
        *self += *other * *factor;
    }
    /// Four running sums, so the additions overlap (and round a little less) instead of
    /// waiting on one another.
    fn sum_of(cells: &[Self]) -> Self {
        let mut lanes = [0.0; 4];
        let mut chunks = cells.chunks_exact(4);
        for chunk in &mut chunks {
            for (lane, cell) in lanes.iter_mut().zip(chunk) {
                *lane += *cell;
            }
        }
        let rest: f64 = chunks.remainder().iter().sum();
        (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
    }
    fn to_biguint(&self) -> Option<BigUint> {
        None
    }
}

/// The binomial coefficients C(n, 0..=n), built by additions only.
pub(crate) fn binomial_row<C: Count>(n: usize) -> Vec<C> {
    let mut row = vec![C::nil(); n + 1];
    row[0] = C::unit();
    for m in 1..=n {
        for k in (1..=m).rev() {
            let (low, high) = row.split_at_mut(k);
            high[0].add(&low[k - 1]);
        }
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binomial_row_of_five() {
        assert_eq!(binomial_row::<u128>(5), vec![1, 5, 10, 10, 5, 1]);
    }
}
