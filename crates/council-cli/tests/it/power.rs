//! `council power` and `council chart power`, run as the built binary.

use serde_json::Value;

use crate::support::{assert_bad_input, council};

fn power_json(args: &[&str], stdin: &str) -> Value {
    let run = council(args, stdin);
    assert_eq!(run.status, 0, "{run:?}");
    serde_json::from_str(&run.stdout).expect("one JSON answer")
}

#[test]
fn council_power_defaults_to_todays_council_with_the_published_figures() {
    let answer = power_json(&["power", "--json"], "");
    assert_eq!(answer["game"], "security-council");
    let players = answer["players"].as_array().unwrap();
    assert_eq!(players[0]["count"], 5);
    assert_eq!(players[0]["shapley_shubik_exact"], "421/2145");
    assert_eq!(players[1]["shapley_shubik_exact"], "4/2145");
    assert_eq!(players[0]["banzhaf"], 848);
    assert_eq!(players[1]["banzhaf"], 84);
    assert_eq!(players[0]["banzhaf_normalized_exact"], "106/635");
    assert_eq!(players[1]["banzhaf_normalized_exact"], "21/1270");
    assert_eq!(answer["coleman_power_to_act_exact"], "53/2048");
}

#[test]
fn council_power_game_1946_gives_shapley_and_shubiks_figures() {
    let answer = power_json(&["power", "--game", "security-council-1946", "--json"], "");
    assert_eq!(answer["players"][0]["shapley_shubik_exact"], "76/385");
    assert_eq!(answer["players"][1]["shapley_shubik_exact"], "1/462");
}

#[test]
fn council_power_reads_a_game_file_and_keeps_its_order() {
    let game = r#"{"name": "toy", "players": [{"name": "small", "weights": [1]}, {"name": "big", "weights": [3]}, {"name": "mid", "weights": [2]}], "quotas": [4]}"#;
    let answer = power_json(&["power", "--file", "-", "--json"], game);
    let names: Vec<&str> = answer["players"]
        .as_array()
        .unwrap()
        .iter()
        .map(|player| player["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["small", "big", "mid"]);
    // Weights 1, 3, 2 with quota 4: the big member is pivotal in 4 of 6 orders.
    assert_eq!(answer["players"][1]["shapley_shubik_exact"], "2/3");
}

#[test]
fn council_power_table_shows_fractions_and_the_source() {
    let run = council(&["power"], "");
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains("421/2145"), "{}", run.stdout);
    assert!(run.stdout.contains("source: UN Charter"), "{}", run.stdout);
}

#[test]
fn bad_game_files_name_the_offending_field() {
    for (game, field) in [
        (
            r#"{"name": "g", "players": [{"name": "a", "weights": [-1]}], "quotas": [1]}"#,
            "players[0] (a).weights[0]: weight -1 is negative",
        ),
        (
            r#"{"name": "g", "players": [{"name": "a", "weights": [1]}], "quotas": [2]}"#,
            "quotas[0]: quota 2 is above the total weight 1",
        ),
        (
            r#"{"name": "g", "players": [{"name": "a", "weights": [1, 1]}], "quotas": [1]}"#,
            "players[0] (a).weights: 2 weights for 1 quotas",
        ),
    ] {
        let run = council(&["power", "--file", "-"], game);
        assert_bad_input(&run, &[field]);
    }
}

#[test]
fn unknown_game_lists_the_built_in_ones() {
    let run = council(&["power", "--game", "security-council-2030"], "");
    assert_bad_input(
        &run,
        &["unknown game", "hlp-model-a", "uniting-for-consensus"],
    );
}

#[test]
fn chart_power_compares_every_model() {
    let answer = power_json(&["chart", "power", "--json"], "");
    let names: Vec<&str> = answer["models"]
        .as_array()
        .unwrap()
        .iter()
        .map(|model| model["game"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "security-council-1946",
            "security-council",
            "hlp-model-a",
            "hlp-model-b",
            "g4",
            "african-union",
            "uniting-for-consensus"
        ]
    );
}
