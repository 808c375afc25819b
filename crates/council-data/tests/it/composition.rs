//! The Council on a date: sizes, permanent seats, and the seats that changed hands mid-year.

use council_data::DataError;

use crate::support::{code, codes, council_on, date, roster};

#[test]
fn the_council_has_eleven_members_to_1965_and_fifteen_from_1966_always_five_permanent() {
    for year in 1946..=2027 {
        // Mid-year and the last day, so every corrected handover year is seen on both sides.
        for (month, day) in [(6, 1), (12, 31)] {
            let council = council_on(year, month, day);
            let expected = if year <= 1965 { 11 } else { 15 };
            assert_eq!(council.size(), expected, "size on {year}-{month}-{day}");
            let permanent = council
                .members()
                .iter()
                .filter(|member| member.is_permanent())
                .count();
            assert_eq!(permanent, 5, "permanent members on {year}-{month}-{day}");
        }
    }
}

#[test]
fn the_first_council_sat_from_17_january_1946() {
    assert_eq!(roster().first_date(), date(1946, 1, 17));
    assert_eq!(roster().last_date(), date(2027, 12, 31));
    let first = council_on(1946, 1, 17);
    assert_eq!(
        codes(&first),
        [
            "AUS", "BRA", "EGY", "FRA", "GBR", "MEX", "NLD", "POL", "SUN", "TWN", "USA"
        ]
    );
}

#[test]
fn dates_outside_the_data_are_out_of_range() {
    for outside in [date(1946, 1, 16), date(2028, 1, 1)] {
        assert_eq!(
            roster().composition_on(outside),
            Err(DataError::DateOutOfRange {
                date: outside,
                first: date(1946, 1, 17),
                last: date(2027, 12, 31),
            })
        );
    }
    let message = roster()
        .composition_on(date(1946, 1, 16))
        .unwrap_err()
        .to_string();
    assert_eq!(
        message,
        "date 1946-01-16 is outside the data: the roster covers 1946-01-17 to 2027-12-31"
    );
}

#[test]
fn the_ussr_was_absent_but_seated_on_27_june_1950_beside_the_republic_of_china() {
    let council = council_on(1950, 6, 27);
    assert!(council.contains(code("SUN")));
    assert!(council.contains(code("TWN")));
    assert_eq!(council.name_of(code("TWN")), "China");
}

#[test]
fn the_china_seat_passed_to_the_peoples_republic_on_25_october_1971() {
    let before = council_on(1971, 10, 24);
    assert!(before.contains(code("TWN")) && !before.contains(code("CHN")));
    assert!(before.member(code("TWN")).unwrap().is_permanent());
    let after = council_on(1971, 10, 26);
    assert!(after.contains(code("CHN")) && !after.contains(code("TWN")));
    assert!(council_on(1971, 10, 25).contains(code("CHN")));
}

#[test]
fn the_ussr_seat_passed_to_the_russian_federation_on_24_december_1991() {
    let before = council_on(1991, 12, 23);
    assert!(before.contains(code("SUN")) && !before.contains(code("RUS")));
    let after = council_on(1991, 12, 24);
    assert!(after.contains(code("RUS")) && !after.contains(code("SUN")));
    assert_eq!(after.name_of(code("RUS")), "Russian Federation");
}

#[test]
fn democratic_yemen_held_its_seat_until_the_merger_of_22_may_1990() {
    let before = council_on(1990, 5, 21);
    assert!(before.contains(code("YMD")) && !before.contains(code("YEM")));
    assert_eq!(before.name_of(code("YMD")), "Democratic Yemen");
    let after = council_on(1990, 5, 22);
    assert!(after.contains(code("YEM")) && !after.contains(code("YMD")));
    assert_eq!(after.name_of(code("YEM")), "Yemen");
    let handovers: Vec<_> = roster().seat_handovers().collect();
    assert_eq!(handovers.len(), 3);
}

#[test]
fn the_council_of_20_november_2024_is_the_fifteen_of_the_spec() {
    let council = council_on(2024, 11, 20);
    assert_eq!(
        codes(&council),
        [
            "CHE", "CHN", "DZA", "ECU", "FRA", "GBR", "GUY", "JPN", "KOR", "MLT", "MOZ", "RUS",
            "SLE", "SVN", "USA"
        ]
    );
    let permanent: Vec<String> = council
        .members()
        .iter()
        .filter(|member| member.is_permanent())
        .map(|member| member.code().to_string())
        .collect();
    assert_eq!(permanent.len(), 5);
    for text in ["CHN", "FRA", "GBR", "RUS", "USA"] {
        assert!(
            permanent.iter().any(|held| held == text),
            "{text} is permanent"
        );
    }
    assert_eq!(council.required_affirmative_votes(), 9);
}

#[test]
fn the_councils_of_2023_2025_and_2026_are_those_of_the_spec() {
    let expected = [
        (
            2023,
            [
                "ALB", "ARE", "BRA", "CHE", "CHN", "ECU", "FRA", "GAB", "GBR", "GHA", "JPN", "MLT",
                "MOZ", "RUS", "USA",
            ],
        ),
        (
            2025,
            [
                "CHN", "DNK", "DZA", "FRA", "GBR", "GRC", "GUY", "KOR", "PAK", "PAN", "RUS", "SLE",
                "SOM", "SVN", "USA",
            ],
        ),
        (
            2026,
            [
                "BHR", "CHN", "COD", "COL", "DNK", "FRA", "GBR", "GRC", "LBR", "LVA", "PAK", "PAN",
                "RUS", "SOM", "USA",
            ],
        ),
    ];
    for (year, members) in expected {
        assert_eq!(codes(&council_on(year, 7, 1)), members, "council of {year}");
    }
}
