//! Simple games given as one or more weighted rules, and the game file that describes them.
//!
//! A coalition wins when, for every rule, the sum of its members' weights in that rule meets the
//! rule's quota. The Security Council since 1966 is one rule (permanent members weigh 7, elected
//! members 1, quota 39) or, equivalently, two (all five permanent members, and nine members).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A class of identical members: `count` members who each carry `weights`, one weight per rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Player {
    name: String,
    count: u32,
    weights: Vec<u64>,
    current_seats: Option<CurrentSeats>,
}

/// In a model of an enlarged Security Council, which of today's seats a class continues: its
/// other seats are added ones. The indices ignore it; what-if replays of the record need it
/// to tell the members who voted from the members who were added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CurrentSeats {
    /// The class holds the five permanent members' seats.
    Permanent,
    /// The class holds the elected (non-permanent) members' seats.
    Elected,
}

impl Player {
    /// The class's name, as given (for example `permanent member` or `Germany`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// How many identical members the class has (at least 1).
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Each member's weight in each rule, in the order of the game's quotas.
    pub fn weights(&self) -> &[u64] {
        &self.weights
    }

    /// Which of today's Council seats the class continues, if the game file says
    /// (`"current_seats": "permanent"` or `"elected"`).
    pub fn current_seats(&self) -> Option<CurrentSeats> {
        self.current_seats
    }
}

/// A validated simple game: players (classes of identical members) and one quota per rule.
///
/// It can only be built valid: weights are non-negative, every player has one weight per
/// quota, every quota is positive and no quota is above its rule's total weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Game {
    name: String,
    description: Option<String>,
    source: Option<String>,
    players: Vec<Player>,
    quotas: Vec<u64>,
}

/// Why a game or a game file was rejected. Every message names the offending field.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum GameError {
    /// The text is not JSON of the game file's shape.
    #[error("game file: {0}")]
    Json(String),
    /// The game has no players.
    #[error("players: a game needs at least one player")]
    NoPlayers,
    /// The game has no quotas.
    #[error("quotas: a game needs at least one quota")]
    NoQuotas,
    /// A player's `count` is zero or negative.
    #[error("players[{player}] ({name}).count: {count} is not a positive number of members")]
    BadCount {
        /// Index of the player in the file.
        player: usize,
        /// The player's name.
        name: String,
        /// The count given.
        count: i64,
    },
    /// A player has a negative weight.
    #[error("players[{player}] ({name}).weights[{rule}]: weight {weight} is negative")]
    NegativeWeight {
        /// Index of the player in the file.
        player: usize,
        /// The player's name.
        name: String,
        /// Index of the rule.
        rule: usize,
        /// The weight given.
        weight: i64,
    },
    /// A player has more or fewer weights than there are quotas.
    #[error(
        "players[{player}] ({name}).weights: {n_weights} weights for {n_quotas} quotas: give one weight per quota"
    )]
    WeightCount {
        /// Index of the player in the file.
        player: usize,
        /// The player's name.
        name: String,
        /// How many weights the player has.
        n_weights: usize,
        /// How many quotas the game has.
        n_quotas: usize,
    },
    /// A quota is zero or negative: every coalition, even the empty one, would win.
    #[error("quotas[{rule}]: quota {quota} is not positive")]
    NonPositiveQuota {
        /// Index of the rule.
        rule: usize,
        /// The quota given.
        quota: i64,
    },
    /// A quota is above the total weight of its rule: no coalition could win.
    #[error("quotas[{rule}]: quota {quota} is above the total weight {total} of that rule")]
    QuotaAboveTotal {
        /// Index of the rule.
        rule: usize,
        /// The quota given.
        quota: u64,
        /// The sum of all members' weights in that rule.
        total: u128,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GameFile {
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    source: Option<String>,
    players: Vec<PlayerFile>,
    quotas: Vec<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlayerFile {
    name: String,
    #[serde(default = "one")]
    count: i64,
    weights: Vec<i64>,
    #[serde(default)]
    current_seats: Option<CurrentSeats>,
}

fn one() -> i64 {
    1
}

impl Game {
    /// Parses and validates a game file:
    /// `{"name", "players": [{"name", "count"?, "weights": [w1, ...]}], "quotas": [q1, ...]}`,
    /// with optional `description` and `source` strings, and for a Council model an optional
    /// `current_seats` (`permanent` or `elected`) per player.
    ///
    /// ```
    /// let game = council_power::Game::parse_json(
    ///     r#"{"name": "toy", "players": [{"name": "a", "weights": [2]}, {"name": "b", "count": 2, "weights": [1]}], "quotas": [3]}"#,
    /// ).unwrap();
    /// assert_eq!(game.n_members(), 3);
    /// ```
    pub fn parse_json(text: &str) -> Result<Game, GameError> {
        let file: GameFile =
            serde_json::from_str(text).map_err(|error| GameError::Json(error.to_string()))?;
        let mut quotas = Vec::with_capacity(file.quotas.len());
        for (rule, &quota) in file.quotas.iter().enumerate() {
            if quota <= 0 {
                return Err(GameError::NonPositiveQuota { rule, quota });
            }
            quotas.push(quota as u64);
        }
        let mut players = Vec::with_capacity(file.players.len());
        let mut current_seats = Vec::with_capacity(file.players.len());
        for (index, player) in file.players.into_iter().enumerate() {
            if player.count <= 0 || player.count > i64::from(u32::MAX) {
                return Err(GameError::BadCount {
                    player: index,
                    name: player.name,
                    count: player.count,
                });
            }
            let mut weights = Vec::with_capacity(player.weights.len());
            for (rule, &weight) in player.weights.iter().enumerate() {
                if weight < 0 {
                    return Err(GameError::NegativeWeight {
                        player: index,
                        name: player.name,
                        rule,
                        weight,
                    });
                }
                weights.push(weight as u64);
            }
            current_seats.push(player.current_seats);
            players.push(Player {
                name: player.name,
                count: player.count as u32,
                weights,
                current_seats: None,
            });
        }
        let mut game = Game::new(file.name, players_from(players), quotas)?;
        for (player, current_seats) in game.players.iter_mut().zip(current_seats) {
            player.current_seats = current_seats;
        }
        game.description = file.description;
        game.source = file.source;
        Ok(game)
    }

    /// Builds and validates a game from `(name, count, weights)` classes and quotas.
    pub fn new(
        name: impl Into<String>,
        players: Vec<(String, u32, Vec<u64>)>,
        quotas: Vec<u64>,
    ) -> Result<Game, GameError> {
        if players.is_empty() {
            return Err(GameError::NoPlayers);
        }
        if quotas.is_empty() {
            return Err(GameError::NoQuotas);
        }
        let mut checked = Vec::with_capacity(players.len());
        for (index, (name, count, weights)) in players.into_iter().enumerate() {
            if count == 0 {
                return Err(GameError::BadCount {
                    player: index,
                    name,
                    count: 0,
                });
            }
            if weights.len() != quotas.len() {
                return Err(GameError::WeightCount {
                    player: index,
                    name,
                    n_weights: weights.len(),
                    n_quotas: quotas.len(),
                });
            }
            checked.push(Player {
                name,
                count,
                weights,
                current_seats: None,
            });
        }
        for (rule, &quota) in quotas.iter().enumerate() {
            if quota == 0 {
                return Err(GameError::NonPositiveQuota { rule, quota: 0 });
            }
            let total: u128 = checked
                .iter()
                .map(|player| u128::from(player.count) * u128::from(player.weights[rule]))
                .sum();
            if u128::from(quota) > total {
                return Err(GameError::QuotaAboveTotal { rule, quota, total });
            }
        }
        Ok(Game {
            name: name.into(),
            description: None,
            source: None,
            players: checked,
            quotas,
        })
    }

    /// Returns the game with a description and a source attached.
    pub fn with_notes(mut self, description: Option<String>, source: Option<String>) -> Game {
        self.description = description;
        self.source = source;
        self
    }

    /// The game's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the game models, and the assumptions made, if given.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Where the game's seats and rules come from, if given.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The players (classes of identical members), in the file's order.
    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// One quota per rule.
    pub fn quotas(&self) -> &[u64] {
        &self.quotas
    }

    /// The number of members: the sum of the players' counts.
    pub fn n_members(&self) -> usize {
        self.players
            .iter()
            .map(|player| player.count as usize)
            .sum()
    }

    /// Whether a coalition wins, given how many members of each player it holds.
    pub fn wins(&self, members_of_each_player: &[u32]) -> bool {
        self.quotas.iter().enumerate().all(|(rule, &quota)| {
            let weight: u128 = self
                .players
                .iter()
                .zip(members_of_each_player)
                .map(|(player, &n)| u128::from(n) * u128::from(player.weights[rule]))
                .sum();
            weight >= u128::from(quota)
        })
    }
}

fn players_from(players: Vec<Player>) -> Vec<(String, u32, Vec<u64>)> {
    players
        .into_iter()
        .map(|player| (player.name, player.count, player.weights))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_error(text: &str, expected: &str) {
        let error = Game::parse_json(text).unwrap_err();
        assert_eq!(error.to_string(), expected);
    }

    #[test]
    fn negative_weight_is_rejected_naming_the_field() {
        check_error(
            r#"{"name": "g", "players": [{"name": "a", "weights": [1]}, {"name": "b", "weights": [-2]}], "quotas": [1]}"#,
            "players[1] (b).weights[0]: weight -2 is negative",
        );
    }

    #[test]
    fn quota_above_total_is_rejected_naming_the_field() {
        check_error(
            r#"{"name": "g", "players": [{"name": "a", "count": 2, "weights": [1, 3]}], "quotas": [1, 7]}"#,
            "quotas[1]: quota 7 is above the total weight 6 of that rule",
        );
    }

    #[test]
    fn mismatched_weight_count_is_rejected_naming_the_field() {
        check_error(
            r#"{"name": "g", "players": [{"name": "a", "weights": [1, 1]}, {"name": "b", "weights": [1]}], "quotas": [1, 1]}"#,
            "players[1] (b).weights: 1 weights for 2 quotas: give one weight per quota",
        );
    }

    #[test]
    fn zero_quota_and_zero_count_are_rejected() {
        check_error(
            r#"{"name": "g", "players": [{"name": "a", "weights": [1]}], "quotas": [0]}"#,
            "quotas[0]: quota 0 is not positive",
        );
        check_error(
            r#"{"name": "g", "players": [{"name": "a", "count": 0, "weights": [1]}], "quotas": [1]}"#,
            "players[0] (a).count: 0 is not a positive number of members",
        );
    }

    #[test]
    fn unknown_field_is_a_json_error() {
        let error = Game::parse_json(r#"{"name": "g", "players": [], "quota": [1]}"#).unwrap_err();
        assert!(
            error.to_string().contains("unknown field `quota`"),
            "{error}"
        );
    }

    #[test]
    fn current_seats_are_read_where_given() {
        let game = Game::parse_json(
            r#"{"name": "g", "players": [{"name": "p", "count": 5, "weights": [1], "current_seats": "permanent"}, {"name": "n", "weights": [1]}], "quotas": [3]}"#,
        )
        .unwrap();
        let seats: Vec<_> = game.players().iter().map(Player::current_seats).collect();
        assert_eq!(seats, [Some(CurrentSeats::Permanent), None]);
        check_error(
            r#"{"name": "g", "players": [{"name": "p", "weights": [1], "current_seats": "rotating"}], "quotas": [1]}"#,
            "game file: unknown variant `rotating`, expected `permanent` or `elected` at line 1 column 83",
        );
    }

    #[test]
    fn council_wins_with_five_permanent_and_four_elected() {
        let game = Game::new(
            "sc",
            vec![("p".into(), 5, vec![7]), ("e".into(), 10, vec![1])],
            vec![39],
        )
        .unwrap();
        assert!(game.wins(&[5, 4]));
        assert!(!game.wins(&[4, 10]));
        assert!(!game.wins(&[5, 3]));
    }
}
