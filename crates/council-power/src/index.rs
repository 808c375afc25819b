//! The power indices of a game: Shapley-Shubik, Banzhaf (swings, absolute, normalized) and
//! Coleman's power of the collectivity to act.
//!
//! Definitions, for a member `i` of a game with `n` members, where a swing of `i` is a
//! coalition `S` of other members that loses while `S ∪ {i}` wins:
//! - Shapley-Shubik: `Σ_S |S|! (n - 1 - |S|)! / n!` over the swings of `i` (Shapley and
//!   Shubik 1954): the chance that `i` is pivotal when members join in a random order.
//! - Banzhaf swings: the number of swings of `i`; absolute Banzhaf: swings / 2^(n-1);
//!   normalized Banzhaf: swings of `i` / the sum of every member's swings.
//! - Coleman's power of the collectivity to act: winning coalitions / 2^n, which is also the
//!   probability that a coalition drawn uniformly at random (every member voting yes or no
//!   with even odds) passes.

use std::fmt;

use num_bigint::BigUint;
use num_rational::BigRational;
use num_traits::{One, ToPrimitive, Zero};

use crate::PowerError;
use crate::count::{Count, binomial_row};
use crate::dp::{Normal, Swings, swings, totals};
use crate::game::Game;
use crate::lumped::Totals;

/// A value of an index: an exact fraction, or a floating-point approximation where the game is
/// too large for exact arithmetic to fit in memory.
#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    /// An exact rational number.
    Exact(BigRational),
    /// A floating-point value; the crate's tests bound its relative error (see [`crate`]).
    Approximate(f64),
}

impl Number {
    /// The value as the nearest `f64`.
    pub fn to_f64(&self) -> f64 {
        match self {
            Number::Exact(ratio) => ratio_to_f64(ratio),
            Number::Approximate(value) => *value,
        }
    }

    /// The exact fraction, when the value is exact.
    pub fn as_exact(&self) -> Option<&BigRational> {
        match self {
            Number::Exact(ratio) => Some(ratio),
            Number::Approximate(_) => None,
        }
    }
}

impl fmt::Display for Number {
    /// Exact values print as a fraction (`421/2145`) or an integer; approximations as a decimal.
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Number::Exact(ratio) => write!(formatter, "{ratio}"),
            Number::Approximate(value) => write!(formatter, "{value:.12}"),
        }
    }
}

fn ratio_to_f64(ratio: &BigRational) -> f64 {
    // Big numerators and denominators overflow f64 separately; scale both by the same power.
    let numerator = ratio.numer();
    let denominator = ratio.denom();
    let shift = numerator
        .bits()
        .max(denominator.bits())
        .saturating_sub(1000);
    let numerator = (numerator >> shift).to_f64().unwrap_or(f64::NAN);
    let denominator = (denominator >> shift).to_f64().unwrap_or(f64::NAN);
    numerator / denominator
}

/// How the indices were computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Exact integer counting (machine integers below 128 members, big integers above).
    Exact,
    /// Floating-point counting, for games too large for exact arithmetic.
    Float,
    /// Enumeration of every coalition (small games only; used to check the other methods).
    Enumeration,
}

/// The indices of one player (class of identical members), each value per member: its
/// Banzhaf indices and, in `shapley_shubik`, what else was computed ([`PlayerPower`] has the
/// Shapley-Shubik index, [`PlayerBanzhaf`] nothing more).
#[derive(Debug, Clone, PartialEq)]
pub struct PlayerIndices<S> {
    name: String,
    count: u32,
    shapley_shubik: S,
    banzhaf: BanzhafValues,
}

/// The indices of one player, Shapley-Shubik included ([`analyze`]).
pub type PlayerPower = PlayerIndices<Number>;

/// The Banzhaf indices of one player ([`analyze_banzhaf`]).
pub type PlayerBanzhaf = PlayerIndices<()>;

impl<S> PlayerIndices<S> {
    /// The player's name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// How many identical members the player stands for.
    pub fn count(&self) -> u32 {
        self.count
    }
    /// Raw Banzhaf index of each member: the number of coalitions it swings.
    pub fn banzhaf_swings(&self) -> &Number {
        &self.banzhaf.swings
    }
    /// Absolute Banzhaf index of each member: swings / 2^(n-1).
    pub fn banzhaf_absolute(&self) -> &Number {
        &self.banzhaf.absolute
    }
    /// Normalized Banzhaf index of each member: its share of all members' swings.
    pub fn banzhaf_normalized(&self) -> &Number {
        &self.banzhaf.normalized
    }
}

impl PlayerIndices<Number> {
    /// Shapley-Shubik index of each member.
    pub fn shapley_shubik(&self) -> &Number {
        &self.shapley_shubik
    }
}

/// The indices of every player of a game, `P` being what each player gets: all indices
/// ([`PowerIndices`]) or the Banzhaf indices alone ([`BanzhafIndices`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Indices<P> {
    players: Vec<P>,
    power_to_act: Number,
    winning_coalitions: Number,
    n_members: usize,
    method: Method,
}

/// The indices of every player of a game ([`analyze`]).
pub type PowerIndices = Indices<PlayerPower>;

/// The Banzhaf indices of every player of a game, and Coleman's power to act, without the
/// Shapley-Shubik index ([`analyze_banzhaf`]).
pub type BanzhafIndices = Indices<PlayerBanzhaf>;

impl<P> Indices<P> {
    /// One entry per player, in the game's order.
    pub fn players(&self) -> &[P] {
        &self.players
    }
    /// Coleman's power of the collectivity to act: winning coalitions / 2^n, the probability
    /// that a random coalition passes.
    pub fn power_to_act(&self) -> &Number {
        &self.power_to_act
    }
    /// The number of winning coalitions.
    pub fn winning_coalitions(&self) -> &Number {
        &self.winning_coalitions
    }
    /// The number of members.
    pub fn n_members(&self) -> usize {
        self.n_members
    }
    /// How the values were computed.
    pub fn method(&self) -> Method {
        self.method
    }
}

/// One class's swings and the Banzhaf indices that follow from them.
#[derive(Debug, Clone, PartialEq)]
struct BanzhafValues {
    swings: Number,
    absolute: Number,
    normalized: Number,
}

/// Most table cells of exact machine integers (16 bytes each).
const MAX_CELLS_U128: u128 = 100_000_000;
/// Most table cells of big integers (heap-allocated, so fewer).
const MAX_CELLS_BIG: u128 = 20_000_000;
/// Most table cells of floats (8 bytes each).
const MAX_CELLS_F64: u128 = 200_000_000;
/// Above this many members `u128` can overflow.
const MAX_MEMBERS_U128: usize = 127;
/// Above this many members the number of coalitions overflows `f64` (2^1024).
pub const MAX_MEMBERS_FLOAT: usize = 1020;

/// Computes every index, exactly where the game allows it: exact for games of at most 127
/// members (machine integers), floating point above.
///
/// ```
/// let game = council_power::builtin("security-council").unwrap();
/// let indices = council_power::analyze(&game).unwrap();
/// assert_eq!(indices.players()[0].shapley_shubik().to_string(), "421/2145");
/// ```
pub fn analyze(game: &Game) -> Result<PowerIndices, PowerError> {
    if game.n_members() <= MAX_MEMBERS_U128 {
        analyze_exact(game)
    } else {
        analyze_float(game)
    }
}

/// Computes every index exactly, with big integers above 127 members.
pub fn analyze_exact(game: &Game) -> Result<PowerIndices, PowerError> {
    let normal = Normal::of(game);
    if normal.n_members <= MAX_MEMBERS_U128 {
        let swings = swings::<u128>(&normal, MAX_CELLS_U128)?;
        Ok(finish_exact(game, &normal, &swings, Method::Exact))
    } else {
        let swings = swings::<BigUint>(&normal, MAX_CELLS_BIG)?;
        Ok(finish_exact(game, &normal, &swings, Method::Exact))
    }
}

/// Computes every index in floating point (at most 1,020 members).
pub fn analyze_float(game: &Game) -> Result<PowerIndices, PowerError> {
    let normal = Normal::of(game);
    if normal.n_members > MAX_MEMBERS_FLOAT {
        return Err(PowerError::TooManyMembers {
            n_members: normal.n_members,
            limit: MAX_MEMBERS_FLOAT,
        });
    }
    let swings = swings::<f64>(&normal, MAX_CELLS_F64)?;
    Ok(finish_float(game, &normal, &swings))
}

/// Computes the Banzhaf indices and the power to act only, exactly where the game allows it
/// (as [`analyze`] does: machine integers up to 127 members, floating point above). With one
/// weighted rule it needs no coalition sizes beyond the minimum size that rules of equal
/// weights set, so without such a size it does about `n` times less work than [`analyze`]
/// (random-1000: 8 ms against 0.8 s).
///
/// ```
/// let game = council_power::builtin("security-council").unwrap();
/// let indices = council_power::analyze_banzhaf(&game).unwrap();
/// assert_eq!(indices.players()[0].banzhaf_normalized().to_string(), "106/635");
/// ```
pub fn analyze_banzhaf(game: &Game) -> Result<BanzhafIndices, PowerError> {
    if game.n_members() <= MAX_MEMBERS_U128 {
        analyze_banzhaf_exact(game)
    } else {
        analyze_banzhaf_float(game)
    }
}

/// Computes the Banzhaf indices and the power to act exactly, with big integers above 127
/// members.
pub fn analyze_banzhaf_exact(game: &Game) -> Result<BanzhafIndices, PowerError> {
    let normal = Normal::of(game);
    if normal.n_members <= MAX_MEMBERS_U128 {
        let totals = totals::<u128>(&normal, MAX_CELLS_U128)?;
        Ok(finish_banzhaf_exact(game, &normal, &totals))
    } else {
        let totals = totals::<BigUint>(&normal, MAX_CELLS_BIG)?;
        Ok(finish_banzhaf_exact(game, &normal, &totals))
    }
}

/// Computes the Banzhaf indices and the power to act in floating point (at most 1,020
/// members).
pub fn analyze_banzhaf_float(game: &Game) -> Result<BanzhafIndices, PowerError> {
    let normal = Normal::of(game);
    if normal.n_members > MAX_MEMBERS_FLOAT {
        return Err(PowerError::TooManyMembers {
            n_members: normal.n_members,
            limit: MAX_MEMBERS_FLOAT,
        });
    }
    let totals = totals::<f64>(&normal, MAX_CELLS_F64)?;
    let class_banzhaf = banzhaf_float(normal.n_members, &normal.class_count, &totals.swings);
    Ok(BanzhafIndices {
        players: banzhaf_players(game, &normal, &class_banzhaf),
        power_to_act: Number::Approximate(
            totals.winning / 2f64.powi(normal.n_members as i32 - 1) / 2.0,
        ),
        winning_coalitions: Number::Approximate(totals.winning),
        n_members: normal.n_members,
        method: Method::Float,
    })
}

fn finish_banzhaf_exact<C: Count>(
    game: &Game,
    normal: &Normal,
    totals: &Totals<C>,
) -> BanzhafIndices {
    let class_swings: Vec<BigUint> = totals.swings.iter().map(exact_count).collect();
    let class_banzhaf = banzhaf_exact(normal.n_members, &normal.class_count, &class_swings);
    let winning = exact_count(&totals.winning);
    BanzhafIndices {
        players: banzhaf_players(game, normal, &class_banzhaf),
        power_to_act: Number::Exact(BigRational::new(
            winning.clone().into(),
            (BigUint::one() << normal.n_members).into(),
        )),
        winning_coalitions: Number::Exact(BigRational::from_integer(winning.into())),
        n_members: normal.n_members,
        method: Method::Exact,
    }
}

fn banzhaf_players(
    game: &Game,
    normal: &Normal,
    class_banzhaf: &[BanzhafValues],
) -> Vec<PlayerBanzhaf> {
    game.players()
        .iter()
        .zip(&normal.player_class)
        .map(|(player, &class)| PlayerBanzhaf {
            name: player.name().to_owned(),
            count: player.count(),
            shapley_shubik: (),
            banzhaf: class_banzhaf[class].clone(),
        })
        .collect()
}

/// The exact value of a count of an exact type.
fn exact_count<C: Count>(count: &C) -> BigUint {
    count.to_biguint().expect("exact counter")
}

/// Each class's Banzhaf indices from its swings, exactly.
fn banzhaf_exact(n: usize, class_count: &[usize], class_swings: &[BigUint]) -> Vec<BanzhafValues> {
    let total_swings: BigUint = class_swings
        .iter()
        .zip(class_count)
        .map(|(swings, &count)| swings * BigUint::from(count))
        .sum();
    let half_of_all = BigRational::from_integer((BigUint::one() << (n - 1)).into());
    class_swings
        .iter()
        .map(|swings| {
            let normalized = if total_swings.is_zero() {
                BigRational::zero()
            } else {
                BigRational::new(swings.clone().into(), total_swings.clone().into())
            };
            let swings = BigRational::from_integer(swings.clone().into());
            BanzhafValues {
                absolute: Number::Exact(swings.clone() / half_of_all.clone()),
                swings: Number::Exact(swings),
                normalized: Number::Exact(normalized),
            }
        })
        .collect()
}

/// Each class's Banzhaf indices from its swings, in floating point.
fn banzhaf_float(n: usize, class_count: &[usize], class_swings: &[f64]) -> Vec<BanzhafValues> {
    let total_swings: f64 = class_swings
        .iter()
        .zip(class_count)
        .map(|(swings, &count)| swings * count as f64)
        .sum();
    let half_of_all = 2f64.powi(n as i32 - 1);
    class_swings
        .iter()
        .map(|&swings| BanzhafValues {
            swings: Number::Approximate(swings),
            absolute: Number::Approximate(swings / half_of_all),
            normalized: Number::Approximate(if total_swings == 0.0 {
                0.0
            } else {
                swings / total_swings
            }),
        })
        .collect()
}

pub(crate) fn finish_exact<C: Count>(
    game: &Game,
    normal: &Normal,
    swings: &Swings<C>,
    method: Method,
) -> PowerIndices {
    let n = normal.n_members;
    let big = exact_count::<C>;
    let mut factorials = vec![BigUint::one(); n + 1];
    for m in 1..=n {
        factorials[m] = &factorials[m - 1] * BigUint::from(m);
    }
    let class_swings: Vec<BigUint> = swings
        .by_size
        .iter()
        .map(|by_size| by_size.iter().map(big).sum())
        .collect();
    let class_shapley: Vec<BigRational> = swings
        .by_size
        .iter()
        .map(|by_size| {
            let numerator: BigUint = by_size
                .iter()
                .enumerate()
                .map(|(k, count)| big(count) * &factorials[k] * &factorials[n - 1 - k])
                .sum();
            BigRational::new(numerator.into(), factorials[n].clone().into())
        })
        .collect();
    let class_banzhaf = banzhaf_exact(n, &normal.class_count, &class_swings);
    let players = game
        .players()
        .iter()
        .zip(&normal.player_class)
        .map(|(player, &class)| PlayerPower {
            name: player.name().to_owned(),
            count: player.count(),
            shapley_shubik: Number::Exact(class_shapley[class].clone()),
            banzhaf: class_banzhaf[class].clone(),
        })
        .collect();
    let winning = big(&swings.winning);
    PowerIndices {
        players,
        power_to_act: Number::Exact(BigRational::new(
            winning.clone().into(),
            (BigUint::one() << n).into(),
        )),
        winning_coalitions: Number::Exact(BigRational::from_integer(winning.into())),
        n_members: n,
        method,
    }
}

fn finish_float(game: &Game, normal: &Normal, swings: &Swings<f64>) -> PowerIndices {
    let n = normal.n_members;
    let others = binomial_row::<f64>(n - 1);
    let class_swings: Vec<f64> = swings.by_size.iter().map(|s| s.iter().sum()).collect();
    let class_shapley: Vec<f64> = swings
        .by_size
        .iter()
        .map(|by_size| {
            by_size
                .iter()
                .zip(&others)
                .map(|(count, binomial)| count / binomial)
                .sum::<f64>()
                / n as f64
        })
        .collect();
    let class_banzhaf = banzhaf_float(n, &normal.class_count, &class_swings);
    let players = game
        .players()
        .iter()
        .zip(&normal.player_class)
        .map(|(player, &class)| PlayerPower {
            name: player.name().to_owned(),
            count: player.count(),
            shapley_shubik: Number::Approximate(class_shapley[class]),
            banzhaf: class_banzhaf[class].clone(),
        })
        .collect();
    let half_of_all = 2f64.powi(n as i32 - 1);
    PowerIndices {
        players,
        power_to_act: Number::Approximate(swings.winning / half_of_all / 2.0),
        winning_coalitions: Number::Approximate(swings.winning),
        n_members: n,
        method: Method::Float,
    }
}
