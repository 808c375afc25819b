//! `council power` and `council chart power`: voting power in the Council and its reform models.

use std::path::Path;

use council_power::{COUNCIL_MODELS, Game, Number, PowerIndices, analyze, builtin, builtin_names};
use serde_json::{Value, json};

use crate::{CommandError, Io};

/// The game `council power` shows when given neither `--game` nor `--file`.
pub const DEFAULT_GAME: &str = "security-council";

/// Prints the power indices of a built-in game (`game`), of a game file (`file`, `-` for
/// standard input) or, with neither, of today's Council; as a table or, with `json`, as
/// `{"game", "players": [{"name", "count", "shapley_shubik", "banzhaf", "banzhaf_normalized"}],
/// "coleman_power_to_act"}`.
pub fn run(
    game: Option<&str>,
    file: Option<&Path>,
    json: bool,
    io: &mut Io<'_>,
) -> Result<(), CommandError> {
    let game = match (game, file) {
        (Some(_), Some(_)) => {
            return Err(CommandError::bad_input(
                "give either --game NAME or --file GAME.json, not both",
            ));
        }
        (_, Some(path)) => {
            let text = super::read_input(Some(path), io)?;
            Game::parse_json(&text)
                .map_err(|error| CommandError::bad_input(format!("{}: {error}", path.display())))?
        }
        (name, None) => load_builtin(name.unwrap_or(DEFAULT_GAME))?,
    };
    let indices = compute(&game)?;
    if json {
        writeln!(io.stdout, "{}", to_json(&game, &indices))?;
    } else {
        write_table(&game, &indices, io)?;
    }
    Ok(())
}

/// Prints the Council of 1946, today's Council and every reform model side by side: each class
/// of members with its count, Shapley-Shubik and normalized Banzhaf indices, and each model's
/// power to act; with `json`, one line `{"models": [...]}` of `council power --json` answers.
pub fn chart(json: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let mut models = Vec::with_capacity(COUNCIL_MODELS.len());
    for name in COUNCIL_MODELS {
        let game = load_builtin(name)?;
        let indices = compute(&game)?;
        models.push((game, indices));
    }
    if json {
        let answers: Vec<Value> = models
            .iter()
            .map(|(game, indices)| to_json(game, indices))
            .collect();
        writeln!(io.stdout, "{}", json!({ "models": answers }))?;
        return Ok(());
    }
    writeln!(
        io.stdout,
        "{:<24} {:>7} {:<40} {:>5} {:>14} {:>14}",
        "model", "members", "class", "count", "Shapley-Shubik", "Banzhaf (norm)"
    )?;
    for (game, indices) in &models {
        for (index, player) in indices.players().iter().enumerate() {
            let (model, members) = if index == 0 {
                (game.name().to_owned(), indices.n_members().to_string())
            } else {
                (String::new(), String::new())
            };
            writeln!(
                io.stdout,
                "{:<24} {:>7} {:<40} {:>5} {:>14.6} {:>14.6}",
                model,
                members,
                player.name(),
                player.count(),
                player.shapley_shubik().to_f64(),
                player.banzhaf_normalized().to_f64()
            )?;
        }
        writeln!(
            io.stdout,
            "{:<24} {:>7} {:<40} {:>5} {:>14} power to act {:.6}",
            "",
            "",
            "",
            "",
            "",
            indices.power_to_act().to_f64()
        )?;
    }
    Ok(())
}

fn load_builtin(name: &str) -> Result<Game, CommandError> {
    builtin(name).ok_or_else(|| {
        let names: Vec<&str> = builtin_names().collect();
        CommandError::bad_input(format!(
            "--game: unknown game `{name}`: built-in games are {}",
            names.join(", ")
        ))
    })
}

fn compute(game: &Game) -> Result<PowerIndices, CommandError> {
    analyze(game).map_err(|error| CommandError::bad_input(format!("{}: {error}", game.name())))
}

/// A number for JSON: exact integers stay integers while they fit, everything else is an f64.
fn json_number(number: &Number) -> Value {
    if let Some(ratio) = number.as_exact()
        && ratio.is_integer()
        && let Ok(integer) = u64::try_from(ratio.numer())
    {
        return json!(integer);
    }
    json!(number.to_f64())
}

fn to_json(game: &Game, indices: &PowerIndices) -> Value {
    let players: Vec<Value> = indices
        .players()
        .iter()
        .map(|player| {
            let mut entry = json!({
                "name": player.name(),
                "count": player.count(),
                "shapley_shubik": player.shapley_shubik().to_f64(),
                "banzhaf": json_number(player.banzhaf_swings()),
                "banzhaf_normalized": player.banzhaf_normalized().to_f64(),
            });
            if let Some(ratio) = player.shapley_shubik().as_exact() {
                entry["shapley_shubik_exact"] = json!(ratio.to_string());
                entry["banzhaf_exact"] = json!(player.banzhaf_swings().to_string());
                entry["banzhaf_normalized_exact"] = json!(player.banzhaf_normalized().to_string());
            }
            entry
        })
        .collect();
    let mut answer = json!({
        "game": game.name(),
        "players": players,
        "coleman_power_to_act": indices.power_to_act().to_f64(),
        "exact": indices.power_to_act().as_exact().is_some(),
    });
    if let Some(ratio) = indices.power_to_act().as_exact() {
        answer["coleman_power_to_act_exact"] = json!(ratio.to_string());
    }
    answer
}

fn write_table(game: &Game, indices: &PowerIndices, io: &mut Io<'_>) -> Result<(), CommandError> {
    writeln!(
        io.stdout,
        "{}: {} members, quotas {:?}",
        game.name(),
        indices.n_members(),
        game.quotas()
    )?;
    if let Some(description) = game.description() {
        writeln!(io.stdout, "  {description}")?;
    }
    if let Some(source) = game.source() {
        writeln!(io.stdout, "  source: {source}")?;
    }
    writeln!(
        io.stdout,
        "{:<40} {:>5} {:>24} {:>24} {:>24}",
        "player", "count", "Shapley-Shubik", "Banzhaf swings", "Banzhaf (normalized)"
    )?;
    for player in indices.players() {
        writeln!(
            io.stdout,
            "{:<40} {:>5} {:>24} {:>24} {:>24}",
            player.name(),
            player.count(),
            fraction_and_decimal(player.shapley_shubik()),
            player.banzhaf_swings().to_string(),
            fraction_and_decimal(player.banzhaf_normalized())
        )?;
    }
    writeln!(
        io.stdout,
        "Coleman's power of the collectivity to act (a random coalition passes): {}",
        fraction_and_decimal(indices.power_to_act())
    )?;
    Ok(())
}

/// `421/2145 (0.196270)` for exact values, the decimal alone for approximations.
fn fraction_and_decimal(number: &Number) -> String {
    match number.as_exact() {
        Some(ratio) if ratio.denom().bits() <= 64 => format!("{ratio} ({:.6})", number.to_f64()),
        _ => format!("{:.6}", number.to_f64()),
    }
}
