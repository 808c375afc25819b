//! `council chart`: every chart drawn as SVG and PNG by the built binary, and its errors.

use std::path::Path;

use crate::support::{assert_bad_input, council};

/// Each chart, its title, and the legend labels of its series: if a series goes missing from
/// the picture, its label does too.
const CHARTS: [(&str, &str, &[&str]); 4] = [
    (
        "vetoes",
        "Vetoes cast per permanent member and decade",
        &[
            "USSR (90)",
            "Russian Federation",
            "United States",
            "United Kingdom (29)",
            "France (17)",
            "China (People&apos;s Republic)",
        ],
    ),
    (
        "outcomes",
        "Resolutions adopted per year",
        &[
            "Unanimous",
            "With votes against, abstentions or absences",
            "Tally not in the record",
            "Unanimous share (right axis)",
        ],
    ),
    (
        "agreement",
        "How often pairs of permanent members voted alike on vetoed drafts",
        &[
            "Both vetoed (voted alike)",
            "Only one vetoed (voted differently)",
        ],
    ),
    (
        "power",
        "Voting power of one member in the Council and in reform models",
        &["Shapley-Shubik", "Banzhaf (normalised)"],
    ),
];

fn draw(chart: &str, out: &Path, size: Option<(u32, u32)>) {
    let out = out.to_str().unwrap();
    let mut args = vec!["chart", chart, "--out", out];
    let (width, height);
    if let Some((w, h)) = size {
        width = w.to_string();
        height = h.to_string();
        args.extend(["--width", &width, "--height", &height]);
    }
    let run = council(&args, "");
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.contains(out), "{run:?}");
}

/// The fill colours of the series drawn, as plotters writes them.
fn n_filled_colours(svg: &str, colours: &[&str]) -> usize {
    colours
        .iter()
        .filter(|colour| svg.contains(&format!("fill=\"{colour}\"")))
        .count()
}

#[test]
fn every_chart_renders_as_svg_with_its_title_and_every_series() {
    let directory = tempfile_dir("svg");
    // The palette's first seven colours, in series order (council-chart's PALETTE).
    let palette = [
        "#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#787878",
    ];
    for (chart, title, series) in CHARTS {
        let out = directory.join(format!("{chart}.svg"));
        draw(chart, &out, None);
        let svg = std::fs::read_to_string(&out).expect("the SVG is written");
        assert!(svg.starts_with("<svg"), "{chart}: {}", &svg[..80]);
        assert!(svg.trim_end().ends_with("</svg>"), "{chart}");
        assert!(svg.contains(title), "{chart}: no title");
        for name in series {
            assert!(svg.contains(name), "{chart}: no series `{name}`");
        }
        let n_bar_series = series
            .iter()
            .filter(|name| !name.contains("right axis"))
            .count();
        assert_eq!(
            n_filled_colours(&svg, &palette),
            n_bar_series,
            "{chart}: bar series drawn"
        );
    }
}

#[test]
fn every_chart_renders_as_png_of_the_requested_size() {
    let directory = tempfile_dir("png");
    for (chart, _, _) in CHARTS {
        let out = directory.join(format!("{chart}.png"));
        draw(chart, &out, Some((960, 540)));
        let png = std::fs::read(&out).expect("the PNG is written");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}: PNG signature");
        assert_eq!(&png[12..16], b"IHDR", "{chart}: IHDR first");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!((width, height), (960, 540), "{chart}");
    }
}

#[test]
fn the_default_output_is_the_charts_name_as_svg_in_the_current_directory() {
    let directory = tempfile_dir("default");
    let output = assert_cmd::Command::cargo_bin("council")
        .unwrap()
        .args(["chart", "vetoes"])
        .current_dir(&directory)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let svg = std::fs::read_to_string(directory.join("vetoes.svg")).unwrap();
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("width=\"1280\"") && svg.contains("height=\"720\""));
}

#[test]
fn chart_power_still_prints_its_table_and_json_on_request() {
    let run = council(&["chart", "power", "--table"], "");
    assert_eq!(run.status, 0, "{run:?}");
    assert!(
        run.stdout.contains("uniting-for-consensus"),
        "{}",
        run.stdout
    );
    let run = council(&["chart", "power", "--json"], "");
    assert_eq!(run.status, 0, "{run:?}");
    assert!(run.stdout.starts_with("{\"models\":"), "{}", run.stdout);
}

#[test]
fn an_unknown_chart_is_a_usage_error() {
    let run = council(&["chart", "pie"], "");
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("pie"), "{}", run.stderr);
}

#[test]
fn an_unknown_extension_is_bad_input_naming_the_path() {
    let directory = tempfile_dir("extension");
    let out = directory.join("vetoes.jpg");
    let run = council(&["chart", "vetoes", "--out", out.to_str().unwrap()], "");
    assert_bad_input(&run, &[out.to_str().unwrap(), ".svg or .png"]);
    assert!(!out.exists());
}

#[test]
fn an_unwritable_path_is_bad_input_naming_the_path() {
    let directory = tempfile_dir("unwritable");
    let out = directory.join("no-such-directory").join("vetoes.png");
    let run = council(&["chart", "vetoes", "--out", out.to_str().unwrap()], "");
    assert_bad_input(&run, &[out.to_str().unwrap(), "cannot write"]);
}

/// A fresh directory under the target directory's temporary space for one test.
fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let directory = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chart-{name}"));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}
