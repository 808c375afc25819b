//! Brute-force enumeration of every coalition: slow, obviously right, and the reference the
//! dynamic programme is tested against.

use crate::PowerError;
use crate::dp::{Normal, Swings};
use crate::game::Game;
use crate::index::{Method, PowerIndices, finish_exact};

/// The most members enumeration accepts (2^20 coalitions).
pub const MAX_MEMBERS_ENUMERATION: usize = 20;

/// Computes every index by enumerating all 2^n coalitions (at most 20 members).
pub fn analyze_by_enumeration(game: &Game) -> Result<PowerIndices, PowerError> {
    let n = game.n_members();
    if n > MAX_MEMBERS_ENUMERATION {
        return Err(PowerError::TooManyMembers {
            n_members: n,
            limit: MAX_MEMBERS_ENUMERATION,
        });
    }
    let normal = Normal::of(game);
    // The player each member belongs to, and one representative member of each class.
    let member_player: Vec<usize> = game
        .players()
        .iter()
        .enumerate()
        .flat_map(|(index, player)| std::iter::repeat_n(index, player.count() as usize))
        .collect();
    let n_players = game.players().len();
    let wins = |coalition: u32| {
        let mut members_of_each = vec![0u32; n_players];
        for (member, &player) in member_player.iter().enumerate() {
            if coalition & (1 << member) != 0 {
                members_of_each[player] += 1;
            }
        }
        game.wins(&members_of_each)
    };
    let n_classes = normal.class_count.len();
    let representative: Vec<usize> = (0..n_classes)
        .map(|class| {
            member_player
                .iter()
                .position(|&player| normal.player_class[player] == class)
                .expect("every class has a member")
        })
        .collect();
    let mut by_size = vec![vec![0u128; n]; n_classes];
    let mut winning = 0u128;
    for coalition in 0..(1u32 << n) {
        let coalition_wins = wins(coalition);
        if coalition_wins {
            winning += 1;
        }
        for (class, &member) in representative.iter().enumerate() {
            let bit = 1 << member;
            if coalition & bit == 0 && !coalition_wins && wins(coalition | bit) {
                by_size[class][coalition.count_ones() as usize] += 1;
            }
        }
    }
    Ok(finish_exact(
        game,
        &normal,
        &Swings { by_size, winning },
        Method::Enumeration,
    ))
}
