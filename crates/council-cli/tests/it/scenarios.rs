//! `council run`: scenarios and their printed records.
//!
//! The shipped scenarios run through the built binary and their records are pinned as
//! snapshots; bad scenarios, written to a temporary directory, are refused with exit status 2,
//! the file and the field named, and nothing on stdout.

use std::path::PathBuf;

use crate::support::{Run, assert_bad_input, council, crate_path};

fn scenario_path(name: &str) -> String {
    crate_path("../../scenarios")
        .join(name)
        .to_str()
        .expect("the path is UTF-8")
        .to_owned()
}

fn run_scenario(path: &str) -> Run {
    council(&["run", path], "")
}

/// A scenario written to a temporary directory of its own, removed when dropped.
struct TempScenario {
    directory: PathBuf,
    path: String,
}

impl Drop for TempScenario {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.directory);
    }
}

/// Writes `text` to a file of its own in a temporary directory.
fn write_scenario(test_name: &str, text: &str) -> TempScenario {
    let directory = std::env::temp_dir().join(format!(
        "council-scenarios-{}-{test_name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&directory).expect("the temporary directory is writable");
    let path = directory.join("scenario.toml");
    std::fs::write(&path, text).expect("the scenario is written");
    let path = path.to_str().expect("the path is UTF-8").to_owned();
    TempScenario { directory, path }
}

const VALID_HEAD: &str = r#"
date = "2024-11-20"
format = "public_meeting"
meeting_number = 9790
agenda = ["The situation in the Middle East, including the Palestinian question"]
"#;

#[test]
fn consultations_of_8_october_2023_end_without_a_press_statement() {
    let run = run_scenario(&scenario_path("2023-10-08-consultations.toml"));
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    insta::assert_snapshot!("consultations_2023_10_08", run.stdout);
}

#[test]
fn draft_s_2024_835_is_vetoed_and_a_general_assembly_debate_is_due_by_4_december() {
    let run = run_scenario(&scenario_path("2024-11-20-s-2024-835.toml"));
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stderr.is_empty(), "{run:?}");
    assert!(run.stdout.contains("Thursday, 5 December 2024"));
    insta::assert_snapshot!("s_2024_835", run.stdout);
}

#[test]
fn an_unknown_field_is_refused_with_the_file_and_field_named() {
    let scenario = write_scenario(
        "unknown-field",
        &format!("{VALID_HEAD}\nchairperson = \"GBR\"\n"),
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(&run, &[path, "chairperson", ":7:1"]);
}

#[test]
fn a_vote_by_a_state_not_on_the_council_is_refused_with_the_file_and_field_named() {
    let scenario = write_scenario(
        "vote-by-non-member",
        &format!(
            r#"{VALID_HEAD}
[[drafts]]
symbol = "S/2024/835"
sponsors = ["GUY"]
paragraphs = [{{ label = "OP1", text = "demands an immediate ceasefire" }}]
votes = {{ GUY = "yes", BRA = "yes" }}
"#
        ),
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(
        &run,
        &[
            path,
            "drafts[0].votes.BRA",
            "BRA is not a member of the Security Council on 2024-11-20",
        ],
    );
}

#[test]
fn malformed_toml_is_refused_with_the_file_and_line_named() {
    let scenario = write_scenario(
        "malformed",
        "date = \"2024-11-20\"\nformat = \"public_meeting\"\nagenda = [\"unclosed\"\n",
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(&run, &[path, ":3:"]);
}

#[test]
fn an_unknown_member_code_is_refused_with_the_field_named() {
    let scenario = write_scenario(
        "unknown-code",
        &format!("{VALID_HEAD}requested_by = [\"XYZ\"]\n"),
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(
        &run,
        &[path, "requested_by[0]", "unknown member code `XYZ`"],
    );
}

#[test]
fn a_date_outside_the_data_is_refused_with_the_field_named() {
    let scenario = write_scenario(
        "date-outside",
        "date = \"1900-01-01\"\nformat = \"public_meeting\"\nagenda = [\"item\"]\n",
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(&run, &[path, ":1:", "date"]);
}

#[test]
fn a_party_to_the_dispute_that_votes_is_refused() {
    let scenario = write_scenario(
        "party-voting",
        &format!(
            r#"{VALID_HEAD}
[[drafts]]
symbol = "S/2024/1"
sponsors = ["GUY"]
parties_to_dispute = ["RUS"]
paragraphs = [{{ label = "OP1", text = "calls for a settlement" }}]
votes = {{ GUY = "yes", RUS = "no" }}
"#
        ),
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(&run, &[path, "drafts[0].votes.RUS", "party to the dispute"]);
}

#[test]
fn a_draft_voted_out_of_order_is_refused_with_rule_32() {
    let scenario = write_scenario(
        "out-of-order",
        &format!(
            r#"{VALID_HEAD}
[[drafts]]
symbol = "S/2024/1"
sponsors = ["RUS"]
paragraphs = [{{ label = "OP1", text = "first" }}]

[[drafts]]
symbol = "S/2024/2"
sponsors = ["GUY"]
paragraphs = [{{ label = "OP1", text = "second" }}]
votes = {{ GUY = "yes" }}
"#
        ),
    );
    let run = run_scenario(&scenario.path);
    let path = scenario.path.as_str();
    assert_bad_input(&run, &[path, "drafts[1].votes", "rule 32"]);
}

/// The events of a shipped scenario, run in-process.
fn scenario_events(name: &str) -> Vec<council_core::meeting::Event> {
    let path = crate_path("../../scenarios").join(name);
    let text = std::fs::read_to_string(&path).expect("the scenario is readable");
    council_cli::scenario::run(&path, &text, council_data::Roster::embedded())
        .expect("the scenario runs")
}

#[test]
fn the_record_of_s_2024_835_as_markdown() {
    let events = scenario_events("2024-11-20-s-2024-835.toml");
    let markdown = council_verbatim::render_markdown(&events, council_data::Roster::embedded());
    assert!(markdown.starts_with("# Security Council\n\n9790th meeting (S/PV.9790)\\\n"));
    assert!(markdown.contains("- **Against (1):** United States"));
    insta::assert_snapshot!("s_2024_835_markdown", markdown);
}

#[test]
fn the_record_of_s_2024_835_as_html() {
    let events = scenario_events("2024-11-20-s-2024-835.toml");
    let html = council_verbatim::render_html(&events, council_data::Roster::embedded());
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains(
        "<title>Security Council, 9790th meeting (S/PV.9790), Wednesday, 20 November 2024, Public meeting</title>"
    ));
    insta::assert_snapshot!("s_2024_835_html", html);
}

#[test]
fn the_plain_record_is_the_one_council_run_prints() {
    let events = scenario_events("2024-11-20-s-2024-835.toml");
    let run = run_scenario(&scenario_path("2024-11-20-s-2024-835.toml"));
    assert_eq!(
        run.stdout,
        council_verbatim::render(&events, council_data::Roster::embedded())
    );
}
