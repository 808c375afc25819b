//! Voting power in the Security Council and in any body that decides by weighted rules.
//!
//! A game is one or more weighted rules; a coalition wins when it meets every rule's quota.
//! The Council since 1966 is "all five permanent members and at least nine members". The crate
//! computes the Shapley-Shubik index, the Banzhaf index (swings, absolute and normalized),
//! Coleman's power of the collectivity to act and the probability that a random coalition
//! passes. It does no I/O: games come in as text or values, indices go out as values.
//!
//! # Layout
//! - [`game`]: [`Game`], [`Player`] (with [`CurrentSeats`] in Council models), the game file
//!   format and [`GameError`].
//! - [`builtin`](mod@builtin): the games shipped in `data/power/` (the Council of 1946 and of
//!   today, the reform models, the US Electoral College, the EU Council).
//! - [`index`]: [`analyze`], [`analyze_exact`], [`analyze_float`] and their [`PowerIndices`];
//!   [`analyze_banzhaf`] (and its exact and float forms) and their [`BanzhafIndices`].
//! - [`enumerate`]: [`analyze_by_enumeration`], the brute-force reference for small games.
//! - `dp` (private): swing counts by dynamic programming over weights.
//! - `lumped` (private): Banzhaf swings of one weighted rule, without sizes above the minimum
//!   size.
//! - `truncated` (private): the table of one weighted rule, stored row by row over the weights
//!   its coalitions can have.
//! - `count` (private): the counter types the programme runs on.
//!
//! # Method
//! No index enumerates the 2^n coalitions. Rules whose weights are all equal only set a
//! minimum coalition size; one remaining weighted rule is counted with the generating function
//! `∏ (1 + y x^{w_i})` truncated at the quota `q`, as a table of coalitions by size `k` and
//! weight `w < q`. Row `k` is stored only from the sum of the `k` smallest weights to the sum
//! of the `k` largest (cut at `q`), and rows whose smallest sum reaches `q` not at all: at most
//! `(n + 1) q` cells, a third of that for 1,000 random weights of 1 to 100. A class of `c`
//! identical members is added in one sweep with binomial factors, heaviest class first, so
//! building adds at most `n` terms to each cell (`O(n² q)` time at most; for those 1,000
//! weights, 2.2 billion multiply-adds where sweeping the whole table would take 12 billion).
//! One member of a class is removed by exact division, summed over the blocks of weights its
//! swings need, in one more pass over the table per class. [`analyze_banzhaf`] needs no
//! sizes beyond the minimum size `m`, so it keeps rows `0..m` and lumps every larger size into
//! one row: `O(n (m + 1) q)` time, `O((m + 1) q)` memory (it takes the table by size instead
//! when that has fewer than four times the cells). Two or more weighted rules use a table of
//! saturated weight vectors. Exact counts use `u128` up to 127 members and big
//! integers beyond; [`analyze`] switches to `f64` counts above 127 members.
//!
//! # Numbers
//! Exact results are `num-rational` `BigRational`s over `num-bigint` `BigUint`s. We chose
//! `num-bigint` over `malachite` and `dashu`: it is pure Rust with no build script, small, the
//! de facto standard of the `num` family (so `num-traits` conversions come with it), and its
//! speed does not matter here because the hot loop runs on `u128` or `f64`; big integers only
//! appear above 127 members and in the final sums of factorials.
//!
//! Floating-point counts only add non-negative numbers and their products by binomial
//! coefficients while the table is built (relative error at most about `n ε`), then remove one
//! member by subtraction, clamped at zero, which is not proven stable: the tests compare them
//! with exact big-integer counts at 150 members (relative error below 1e-12) and check that
//! the Shapley-Shubik values of 1,000 members sum to 1 within 1e-12; `power_bench` measured
//! relative differences of 3.2e-13 at 400 members (`check-400-10`) and 3.7e-13 at 200 members
//! with weights up to 100 (`check-200-100`).

pub mod builtin;
mod count;
mod dp;
pub mod enumerate;
pub mod game;
pub mod index;
mod lumped;
mod truncated;

pub use builtin::{COUNCIL_MODELS, builtin, builtin_names};
pub use enumerate::analyze_by_enumeration;
pub use game::{CurrentSeats, Game, GameError, Player};
pub use index::{
    BanzhafIndices, Indices, Method, Number, PlayerBanzhaf, PlayerIndices, PlayerPower,
    PowerIndices, analyze, analyze_banzhaf, analyze_banzhaf_exact, analyze_banzhaf_float,
    analyze_exact, analyze_float,
};

use thiserror::Error;

/// Why indices could not be computed for a valid game.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PowerError {
    /// The counting table or the work would be too large for this machine.
    #[error(
        "game too large: the counting table would need {cells} cells and about {work} additions"
    )]
    TooLarge {
        /// Cells of the counting table.
        cells: u128,
        /// Elementary additions, roughly.
        work: u128,
    },
    /// The method cannot handle that many members.
    #[error("game too large for this method: {n_members} members, at most {limit}")]
    TooManyMembers {
        /// Members of the game.
        n_members: usize,
        /// The method's limit.
        limit: usize,
    },
}
