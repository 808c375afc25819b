//! The games council ships: the Security Council of each period, the reform models on the
//! table, and the benchmark bodies, embedded from `data/power/` with their descriptions and sources.

use crate::game::Game;

/// Each built-in game's name and file text, in the order `council power` lists them.
const GAMES: &[(&str, &str)] = &[
    (
        "security-council-1946",
        include_str!("../../../data/power/security-council-1946.json"),
    ),
    (
        "security-council",
        include_str!("../../../data/power/security-council.json"),
    ),
    (
        "hlp-model-a",
        include_str!("../../../data/power/hlp-model-a.json"),
    ),
    (
        "hlp-model-b",
        include_str!("../../../data/power/hlp-model-b.json"),
    ),
    ("g4", include_str!("../../../data/power/g4.json")),
    (
        "african-union",
        include_str!("../../../data/power/african-union.json"),
    ),
    (
        "uniting-for-consensus",
        include_str!("../../../data/power/uniting-for-consensus.json"),
    ),
    (
        "us-electoral-college-2024",
        include_str!("../../../data/power/us-electoral-college-2024.json"),
    ),
    (
        "eu-council-2024",
        include_str!("../../../data/power/eu-council-2024.json"),
    ),
];

/// The Security Council models that `council chart power` compares, in order: the Council of
/// 1946-1965, today's, and the reform models.
pub const COUNCIL_MODELS: &[&str] = &[
    "security-council-1946",
    "security-council",
    "hlp-model-a",
    "hlp-model-b",
    "g4",
    "african-union",
    "uniting-for-consensus",
];

/// The names of every built-in game.
pub fn builtin_names() -> impl Iterator<Item = &'static str> {
    GAMES.iter().map(|&(name, _)| name)
}

/// The built-in game of that name, if there is one.
pub fn builtin(name: &str) -> Option<Game> {
    GAMES
        .iter()
        .find(|&&(game_name, _)| game_name == name)
        .map(|&(_, text)| Game::parse_json(text).expect("built-in games are valid (tested)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_under_its_own_name_with_description_and_source() {
        for name in builtin_names() {
            let game = builtin(name).unwrap();
            assert_eq!(game.name(), name);
            assert!(game.description().is_some_and(|d| !d.is_empty()), "{name}");
            assert!(game.source().is_some_and(|s| !s.is_empty()), "{name}");
        }
        for name in COUNCIL_MODELS {
            assert!(builtin(name).is_some(), "{name}");
        }
    }

    #[test]
    fn todays_council_and_the_reform_models_mark_todays_seats() {
        use crate::CurrentSeats;
        for name in &COUNCIL_MODELS[1..] {
            let game = builtin(name).unwrap();
            let marked = |seats| {
                game.players()
                    .iter()
                    .filter(|player| player.current_seats() == Some(seats))
                    .map(|player| player.count())
                    .collect::<Vec<_>>()
            };
            assert_eq!(marked(CurrentSeats::Permanent), [5], "{name}");
            let elected = marked(CurrentSeats::Elected);
            assert!(matches!(elected[..], [count] if count >= 10), "{name}");
        }
    }

    #[test]
    fn reform_models_have_the_sizes_of_their_proposals() {
        let sizes: Vec<_> = COUNCIL_MODELS
            .iter()
            .map(|name| builtin(name).unwrap().n_members())
            .collect();
        assert_eq!(sizes, [11, 15, 24, 24, 25, 26, 25]);
        assert_eq!(
            builtin("us-electoral-college-2024").unwrap().n_members(),
            51
        );
        assert_eq!(builtin("eu-council-2024").unwrap().n_members(), 27);
    }
}
