//! `council decide`, `members` and `presidency`.

use serde_json::Value;

use crate::support::{assert_bad_input, council, crate_path};

fn cases() -> Vec<Value> {
    let text = std::fs::read_to_string(crate_path("tests/cases/votes.jsonl")).unwrap();
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn without_expected(case: &Value) -> Value {
    let mut input = case.clone();
    input.as_object_mut().unwrap().remove("expected");
    input
}

fn decide_json(input: &str) -> Vec<Value> {
    let run = council(&["decide", "--json"], input);
    assert_eq!(run.status, 0, "{run:?}");
    run.stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn every_recorded_case_comes_out_as_the_council_decided() {
    let cases = cases();
    assert_eq!(cases.len(), 16, "the case file has 16 rows");
    for case in &cases {
        let answers = decide_json(&without_expected(case).to_string());
        let [answer] = answers.as_slice() else {
            panic!("one answer per input, got {answers:?}");
        };
        let expected = &case["expected"];
        assert_eq!(answer["id"], case["id"]);
        assert_eq!(
            answer["outcome"], expected["outcome"],
            "case {}",
            case["id"]
        );
        for key in ["vetoed_by", "blocked_by"] {
            if let Some(members) = expected.get(key) {
                assert_eq!(&answer[key], members, "case {} {key}", case["id"]);
            }
        }
        assert_eq!(
            answer["adopted"],
            Value::Bool(expected["outcome"] == "adopted"),
            "case {}",
            case["id"]
        );
    }
}

#[test]
fn json_lines_give_one_answer_per_line_in_order() {
    let cases = cases();
    let input: String = cases
        .iter()
        .map(|case| format!("{}\n", without_expected(case)))
        .collect();
    let answers = decide_json(&input);
    assert_eq!(answers.len(), cases.len());
    for (case, answer) in cases.iter().zip(&answers) {
        assert_eq!(answer["id"], case["id"]);
        assert_eq!(answer["outcome"], case["expected"]["outcome"]);
    }
}

#[test]
fn s_2024_835_fails_fourteen_to_one_on_the_veto_of_the_united_states() {
    let case = cases()
        .into_iter()
        .find(|case| case["id"] == "2024-11-20-S-2024-835")
        .unwrap();
    let answers = decide_json(&without_expected(&case).to_string());
    let answer = &answers[0];
    assert_eq!(
        (
            &answer["yes"],
            &answer["no"],
            &answer["abstain"],
            &answer["not_voting"]
        ),
        (
            &Value::from(14),
            &Value::from(1),
            &Value::from(0),
            &Value::from(0)
        )
    );
    assert_eq!(answer["required"], 9);
    assert_eq!(answer["vetoed_by"], serde_json::json!(["USA"]));
    let explanation = answer["explanation"].as_str().unwrap();
    assert!(explanation.contains("Article 27(3)"), "{explanation}");
    assert!(
        explanation.contains("United States of America"),
        "{explanation}"
    );
    assert_eq!(answer["ga_debate"]["convene_by"], "2024-12-05");

    let run = council(&["decide"], &without_expected(&case).to_string());
    assert_eq!(run.status, 0);
    assert_eq!(
        run.stdout,
        "The draft resolution has not been adopted, owing to the negative vote of a permanent member of the Council.\n"
    );
}

#[test]
fn the_press_statement_of_8_october_2023_is_blocked_by_the_russian_federation() {
    let input = r#"{"date": "2023-10-08", "kind": "press_statement", "objections": ["RUS"]}"#;
    let answers = decide_json(input);
    assert_eq!(answers[0]["outcome"], "no_consensus");
    assert_eq!(answers[0]["blocked_by"], serde_json::json!(["RUS"]));
    assert!(
        answers[0]["explanation"]
            .as_str()
            .unwrap()
            .contains("Russian Federation does not join the consensus")
    );
    let run = council(&["decide", "-"], input);
    assert_eq!(
        run.stdout,
        "No press statement has been agreed: the Council did not reach consensus.\n"
    );
}

#[test]
fn one_object_may_span_several_lines_and_be_read_from_a_file() {
    let directory = std::env::temp_dir().join(format!("council-decide-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let file = directory.join("vote.json");
    std::fs::write(
        &file,
        "{\n  \"date\": \"1950-06-27\",\n  \"kind\": \"resolution\",\n  \"votes\": {\"TWN\": \"yes\", \"FRA\": \"yes\", \"GBR\": \"yes\", \"USA\": \"yes\",\n    \"ECU\": \"yes\", \"CUB\": \"yes\", \"NOR\": \"yes\", \"YUG\": \"no\", \"IND\": \"not_participating\", \"EGY\": \"not_participating\"}\n}\n",
    )
    .unwrap();
    let run = council(&["decide", "--json", file.to_str().unwrap()], "");
    assert_eq!(run.status, 0, "{run:?}");
    let answer: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    // Resolution 83 (1950): adopted with the USSR absent, seven votes of eleven.
    assert_eq!(answer["outcome"], "adopted");
    assert_eq!(answer["required"], 7);
    assert_eq!(answer["not_voting"], 3);
    assert!(
        answer["explanation"]
            .as_str()
            .unwrap()
            .contains("absence of Union of Soviet Socialist Republics")
    );
}

#[test]
fn a_procedural_vote_is_never_vetoed() {
    let input = r#"{"date": "2024-03-28", "kind": "procedural", "votes": {"RUS": "no", "USA": "yes", "GBR": "yes", "FRA": "yes", "JPN": "yes", "MLT": "yes", "CHE": "yes", "SVN": "yes", "KOR": "yes", "ECU": "yes"}}"#;
    let answers = decide_json(input);
    assert_eq!(answers[0]["outcome"], "adopted");
    assert_eq!(answers[0]["vetoed_by"], serde_json::json!([]));
}

#[test]
fn a_party_to_the_dispute_that_stays_out_leaves_the_decision_to_the_others() {
    let input = r#"{"date": "1947-04-09", "kind": "resolution", "parties_to_dispute": ["GBR", "ALB"], "votes": {"TWN": "yes", "FRA": "yes", "USA": "yes", "AUS": "yes", "BEL": "yes", "BRA": "yes", "COL": "yes", "SYR": "yes", "POL": "abstain", "SUN": "abstain"}}"#;
    let answers = decide_json(input);
    // Resolution 22 (1947), Corfu Channel: adopted 8-0-2, the United Kingdom not voting.
    assert_eq!(answers[0]["outcome"], "adopted");
    assert_eq!(answers[0]["yes"], 8);
    assert!(
        answers[0]["explanation"]
            .as_str()
            .unwrap()
            .contains("party to the dispute")
    );
}

#[test]
fn bad_inputs_are_rejected_with_the_line_and_field_named_and_nothing_printed() {
    let good = r#"{"date": "2024-11-20", "kind": "resolution", "votes": {"USA": "no"}}"#;
    let table: &[(&str, &[&str])] = &[
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "votes": {"XYZ": "yes"}}"#,
            &["line 2", "votes.XYZ", "unknown member code"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "votes": {"DEU": "yes"}}"#,
            &[
                "line 2",
                "votes.DEU",
                "not a member of the Security Council on 2024-11-20",
            ],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "votes": {"USA": "yes", "USA": "no"}}"#,
            &["line 2", "votes.USA", "more than once"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "parties_to_dispute": ["RUS"], "votes": {"RUS": "no"}}"#,
            &["line 2", "votes.RUS", "party to the dispute"],
        ),
        (
            r#"{"date": "1945-06-26", "kind": "resolution", "votes": {}}"#,
            &["line 2", "date", "1945-06-26"],
        ),
        (
            r#"{"date": "2024-13-01", "kind": "resolution", "votes": {}}"#,
            &["line 2", "date", "YYYY-MM-DD"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "votes": {"USA": "yea"}}"#,
            &["line 2", "votes.USA", "unknown position `yea`"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "resolution", "votez": {}}"#,
            &["line 2", "unknown field `votez`"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "veto"}"#,
            &["line 2", "unknown variant `veto`"],
        ),
        (r#"{"date": "2024-11-20", "kind": "#, &["line 2", "EOF"]),
        (
            r#"{"date": "2024-11-20", "kind": "press_statement", "objections": ["RUS", "RUS"]}"#,
            &["line 2", "objections", "more than once"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "press_statement", "objections": ["DEU"]}"#,
            &["line 2", "objections", "not a member"],
        ),
        (
            r#"{"date": "2024-11-20", "kind": "press_statement", "votes": {"USA": "no"}}"#,
            &["line 2", "votes", "consensus"],
        ),
    ];
    for (bad, needles) in table {
        let run = council(&["decide", "--json"], &format!("{good}\n{bad}\n"));
        assert_bad_input(&run, needles);
    }
}

#[test]
fn an_unreadable_file_and_an_empty_input_are_bad_input() {
    assert_bad_input(
        &council(&["decide", "/nonexistent/votes.jsonl"], ""),
        &["/nonexistent/votes.jsonl"],
    );
    assert_bad_input(&council(&["decide"], "\n\n"), &["no input"]);
}

#[test]
fn members_lists_the_council_of_a_date_with_its_seat_holders() {
    let run = council(&["members", "2024-11-20", "--json"], "");
    assert_eq!(run.status, 0, "{run:?}");
    let answer: Value = serde_json::from_str(&run.stdout).unwrap();
    let codes: Vec<&str> = answer["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| member["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR", "RUS", "SLE", "SVN",
            "CHE", "GBR", "USA"
        ]
    );
    assert_eq!(answer["required_affirmative_votes"], 9);

    let before = council(&["members", "1971-10-24", "--json"], "");
    let after = council(&["members", "1971-10-26", "--json"], "");
    assert!(before.stdout.contains("\"TWN\"") && !before.stdout.contains("\"CHN\""));
    assert!(after.stdout.contains("\"CHN\"") && !after.stdout.contains("\"TWN\""));

    let eleven = council(&["members", "1950-06-27"], "");
    assert_eq!(eleven.status, 0);
    assert!(
        eleven
            .stdout
            .contains("11 members, 7 affirmative votes needed")
    );
    assert!(eleven.stdout.contains("SUN"));
}

#[test]
fn members_rejects_a_date_outside_the_data() {
    assert_bad_input(
        &council(&["members", "1946-01-16"], ""),
        &["date", "1946-01-16"],
    );
    assert_bad_input(&council(&["members", "20-11-2024"], ""), &["YYYY-MM-DD"]);
}

#[test]
fn presidency_follows_the_recorded_months() {
    for (month, code) in [("2023-10", "BRA"), ("2024-11", "GBR"), ("2025-01", "DZA")] {
        let run = council(&["presidency", month, "--json"], "");
        assert_eq!(run.status, 0, "{run:?}");
        let answer: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(answer["month"], month);
        assert_eq!(answer["president"], code, "{month}");
        assert!(answer["name"].is_string());
    }
    let run = council(&["presidency", "2024-11"], "");
    assert_eq!(
        run.stdout,
        "November 2024: United Kingdom of Great Britain and Northern Ireland (GBR)\n"
    );
    assert_bad_input(
        &council(&["presidency", "2024-13"], ""),
        &["2024-13", "YYYY-MM"],
    );
}

#[test]
fn help_lists_every_command() {
    let run = council(&["--help"], "");
    assert_eq!(run.status, 0);
    for command in ["decide", "members", "presidency", "run"] {
        assert!(run.stdout.contains(command), "{}", run.stdout);
    }
    let unknown = council(&["frobnicate"], "");
    assert_eq!(unknown.status, 2);
}
