//! `council bench-load`: a small real run (a child server, real HTTP, real boards) whose
//! figures are consistent, and its bad input.

use crate::support::{assert_bad_input, council};

#[test]
fn a_small_load_run_acknowledges_every_vote_and_sees_each_on_its_board() {
    let run = council(
        &["bench-load", "--meetings", "3", "--rounds", "2", "--json"],
        "",
    );
    assert_eq!(run.status, 0, "{run:?}");
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let load = &report["load"];
    // 3 meetings x 2 rounds x 15 delegations.
    assert_eq!(load["votes"], 90, "{report}");
    assert_eq!(load["errors"], 0, "{report}");
    assert_eq!(load["boards"], 3);
    assert_eq!(load["vote_to_board_ms"]["samples"], 90);
    let p50 = load["vote_to_board_ms"]["p50"].as_f64().unwrap();
    let max = load["vote_to_board_ms"]["max"].as_f64().unwrap();
    assert!(p50 > 0.0 && p50 <= max, "{report}");
    assert_eq!(report["raw"]["events"], 90);
    assert!(report["ratio"].as_f64().unwrap() > 0.0);
    assert!(report["server_peak_memory_kib"].as_u64().unwrap() > 0);
    // CPU time during the voting, of the server and of the generator, from /proc.
    for who in ["server_cpu_seconds", "generator_cpu_seconds"] {
        let seconds = load[who].as_f64().unwrap_or(-1.0);
        assert!((0.0..60.0).contains(&seconds), "{who}: {report}");
    }
}

#[test]
fn a_load_run_of_no_meetings_is_bad_input() {
    let run = council(&["bench-load", "--meetings", "0"], "");
    assert_bad_input(&run, &["--meetings"]);
}
