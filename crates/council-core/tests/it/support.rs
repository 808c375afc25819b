//! Helpers shared by the tests: Councils of real dates, compact ballots and one `check`.

use council_core::{
    Ballot, Composition, MemberCode, NaiveDate, NaiveDateTime, Outcome, Position, Question,
    Rejection, SeatedMember, Subject, Tally, Verdict, decide_vote,
};

pub(crate) use council_core::Position::{Absent, Abstain, No, NotParticipating, Yes};

/// A calendar date; the tests only write valid ones.
pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("a valid date")
}

/// A moment on a date, to the minute.
pub(crate) fn moment(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> NaiveDateTime {
    date(year, month, day)
        .and_hms_opt(hour, minute, 0)
        .expect("a valid time")
}

/// A member code; the tests only write well-formed ones.
pub(crate) fn code(text: &str) -> MemberCode {
    MemberCode::parse(text).expect("a well-formed member code")
}

/// Codes from their texts.
pub(crate) fn codes(texts: &[&str]) -> Vec<MemberCode> {
    texts.iter().map(|text| code(text)).collect()
}

/// The permanent members while the Republic of China and the USSR held their seats.
const PERMANENT_BEFORE_1971: [(&str, &str); 5] = [
    ("TWN", "China"),
    ("FRA", "France"),
    ("SUN", "Union of Soviet Socialist Republics"),
    (
        "GBR",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("USA", "United States of America"),
];

/// The permanent members since 24 December 1991.
const PERMANENT_SINCE_1991: [(&str, &str); 5] = [
    ("CHN", "China"),
    ("FRA", "France"),
    ("RUS", "Russian Federation"),
    (
        "GBR",
        "United Kingdom of Great Britain and Northern Ireland",
    ),
    ("USA", "United States of America"),
];

/// The Council of `date` from its permanent and elected members, with their UN names.
fn council(on: NaiveDate, permanent: &[(&str, &str)], elected: &[(&str, &str)]) -> Composition {
    let seated_permanent = permanent
        .iter()
        .map(|(text, name)| SeatedMember::new(code(text), *name, true));
    let seated_elected = elected
        .iter()
        .map(|(text, name)| SeatedMember::new(code(text), *name, false));
    Composition::new(on, seated_permanent.chain(seated_elected).collect())
        .expect("a valid composition")
}

/// The same Council sitting on another date (the majority follows the date).
pub(crate) fn on(composition: &Composition, other_date: NaiveDate) -> Composition {
    Composition::new(other_date, composition.members().to_vec()).expect("a valid composition")
}

/// The eleven-member Council of 27 June 1950 (resolution 83), the USSR boycotting it.
pub(crate) fn council_1950() -> Composition {
    council(
        date(1950, 6, 27),
        &PERMANENT_BEFORE_1971,
        &[
            ("ECU", "Ecuador"),
            ("CUB", "Cuba"),
            ("IND", "India"),
            ("YUG", "Yugoslavia"),
            ("EGY", "Egypt"),
            ("NOR", "Norway"),
        ],
    )
}

/// The eleven-member Council of 7 September 1959 (Laos, S/PV.848).
pub(crate) fn council_1959() -> Composition {
    council(
        date(1959, 9, 7),
        &PERMANENT_BEFORE_1971,
        &[
            ("ARG", "Argentina"),
            ("CAN", "Canada"),
            ("ITA", "Italy"),
            ("JPN", "Japan"),
            ("PAN", "Panama"),
            ("TUN", "Tunisia"),
        ],
    )
}

/// The eleven-member Council of 23 June 1960 (resolution 138, Eichmann).
pub(crate) fn council_1960() -> Composition {
    council(
        date(1960, 6, 23),
        &PERMANENT_BEFORE_1971,
        &[
            ("ARG", "Argentina"),
            ("LKA", "Ceylon"),
            ("ECU", "Ecuador"),
            ("ITA", "Italy"),
            ("POL", "Poland"),
            ("TUN", "Tunisia"),
        ],
    )
}

/// The last eleven-member Council, on its last day: 31 December 1965.
pub(crate) fn council_1965() -> Composition {
    council(
        date(1965, 12, 31),
        &PERMANENT_BEFORE_1971,
        &[
            ("BOL", "Bolivia"),
            ("CIV", "Ivory Coast"),
            ("JOR", "Jordan"),
            ("MYS", "Malaysia"),
            ("NLD", "Netherlands"),
            ("URY", "Uruguay"),
        ],
    )
}

/// The first fifteen-member Council, on its first day: 1 January 1966.
pub(crate) fn council_1966() -> Composition {
    council(
        date(1966, 1, 1),
        &PERMANENT_BEFORE_1971,
        &[
            ("ARG", "Argentina"),
            ("BGR", "Bulgaria"),
            ("JPN", "Japan"),
            ("JOR", "Jordan"),
            ("MLI", "Mali"),
            ("NLD", "Netherlands"),
            ("NZL", "New Zealand"),
            ("NGA", "Nigeria"),
            ("UGA", "Uganda"),
            ("URY", "Uruguay"),
        ],
    )
}

/// The Council of 17 August 2015 (S/PRST/2015/15, Venezuela dissociating).
pub(crate) fn council_2015() -> Composition {
    council(
        date(2015, 8, 17),
        &PERMANENT_SINCE_1991,
        &[
            ("AGO", "Angola"),
            ("TCD", "Chad"),
            ("CHL", "Chile"),
            ("JOR", "Jordan"),
            ("LTU", "Lithuania"),
            ("MYS", "Malaysia"),
            ("NZL", "New Zealand"),
            ("NGA", "Nigeria"),
            ("ESP", "Spain"),
            ("VEN", "Venezuela (Bolivarian Republic of)"),
        ],
    )
}

/// The Council of 8 October 2016 (the two Aleppo drafts, T15 and T16).
pub(crate) fn council_2016() -> Composition {
    council(
        date(2016, 10, 8),
        &PERMANENT_SINCE_1991,
        &[
            ("AGO", "Angola"),
            ("EGY", "Egypt"),
            ("JPN", "Japan"),
            ("MYS", "Malaysia"),
            ("NZL", "New Zealand"),
            ("SEN", "Senegal"),
            ("ESP", "Spain"),
            ("UKR", "Ukraine"),
            ("URY", "Uruguay"),
            ("VEN", "Venezuela (Bolivarian Republic of)"),
        ],
    )
}

/// The Council of 25 February 2022 (S/2022/155 on Ukraine, T23).
pub(crate) fn council_2022() -> Composition {
    council(
        date(2022, 2, 25),
        &PERMANENT_SINCE_1991,
        &[
            ("ALB", "Albania"),
            ("BRA", "Brazil"),
            ("GAB", "Gabon"),
            ("GHA", "Ghana"),
            ("IND", "India"),
            ("IRL", "Ireland"),
            ("KEN", "Kenya"),
            ("MEX", "Mexico"),
            ("NOR", "Norway"),
            ("ARE", "United Arab Emirates"),
        ],
    )
}

/// The Council of 8 October 2023 (the emergency consultations on Israel/Gaza).
pub(crate) fn council_2023() -> Composition {
    council(
        date(2023, 10, 8),
        &PERMANENT_SINCE_1991,
        &[
            ("ALB", "Albania"),
            ("BRA", "Brazil"),
            ("ECU", "Ecuador"),
            ("GAB", "Gabon"),
            ("GHA", "Ghana"),
            ("JPN", "Japan"),
            ("MLT", "Malta"),
            ("MOZ", "Mozambique"),
            ("CHE", "Switzerland"),
            ("ARE", "United Arab Emirates"),
        ],
    )
}

/// The Council of 20 November 2024 (S/2024/835, the E10 draft on Gaza, T46).
pub(crate) fn council_2024() -> Composition {
    council(
        date(2024, 11, 20),
        &PERMANENT_SINCE_1991,
        &[
            ("DZA", "Algeria"),
            ("ECU", "Ecuador"),
            ("GUY", "Guyana"),
            ("JPN", "Japan"),
            ("MLT", "Malta"),
            ("MOZ", "Mozambique"),
            ("KOR", "Republic of Korea"),
            ("SLE", "Sierra Leone"),
            ("SVN", "Slovenia"),
            ("CHE", "Switzerland"),
        ],
    )
}

/// A ballot recording exactly the listed positions; everyone else is left out (absent).
pub(crate) fn ballot(listed: &[(&str, Position)]) -> Ballot {
    Ballot::new(
        listed
            .iter()
            .map(|(text, position)| (code(text), *position)),
    )
    .expect("no member listed twice")
}

/// A ballot not yet laid over a Council: the listed positions, and one position for every
/// other member of the Council (or none, leaving them out).
#[derive(Debug, Clone)]
pub(crate) struct Votes {
    everyone_else: Option<Position>,
    listed: Vec<(&'static str, Position)>,
    left_out: Vec<&'static str>,
}

/// Every member votes `position`, unless listed by [`Votes::but`].
pub(crate) fn all(position: Position) -> Votes {
    Votes {
        everyone_else: Some(position),
        listed: Vec::new(),
        left_out: Vec::new(),
    }
}

/// Only the listed members are recorded; the others are left out and count as absent.
pub(crate) fn only(listed: &[(&'static str, Position)]) -> Votes {
    Votes {
        everyone_else: None,
        listed: listed.to_vec(),
        left_out: Vec::new(),
    }
}

impl Votes {
    /// The listed members vote otherwise; a later listing of a member replaces an earlier one.
    pub(crate) fn but(mut self, listed: &[(&'static str, Position)]) -> Votes {
        for (member, position) in listed {
            self.listed.retain(|(earlier, _)| earlier != member);
            self.listed.push((member, *position));
        }
        self
    }

    /// The listed members are left out of the ballot (and so count as absent).
    pub(crate) fn without(mut self, left_out: &[&'static str]) -> Votes {
        self.left_out.extend_from_slice(left_out);
        self
    }

    /// The ballot over the members of `composition`.
    pub(crate) fn ballot(&self, composition: &Composition) -> Ballot {
        let mut positions: Vec<(MemberCode, Position)> = self
            .listed
            .iter()
            .map(|(text, position)| (code(text), *position))
            .collect();
        if let Some(position) = self.everyone_else {
            for member in composition.members() {
                let listed = positions.iter().any(|(listed, _)| *listed == member.code());
                let left_out = self.left_out.iter().any(|text| code(text) == member.code());
                if !listed && !left_out {
                    positions.push((member.code(), position));
                }
            }
        }
        Ballot::new(positions).expect("no member listed twice")
    }
}

/// A tally in the spec's notation: `"14-1-0"` (yes-no-abstain), optionally followed by
/// `np<n>` (present, not participating) and `abs<n>` (absent).
pub(crate) fn tally(text: &str) -> Tally {
    let mut words = text.split_whitespace();
    let counts: Vec<u32> = words
        .next()
        .expect("a yes-no-abstain count")
        .split('-')
        .map(|count| count.parse().expect("a count"))
        .collect();
    let [yes, no, abstain] = counts[..] else {
        panic!("expected yes-no-abstain in {text:?}");
    };
    let mut tally = Tally {
        yes,
        no,
        abstain,
        not_participating: 0,
        absent: 0,
    };
    for word in words {
        if let Some(count) = word.strip_prefix("np") {
            tally.not_participating = count.parse().expect("a count");
        } else if let Some(count) = word.strip_prefix("abs") {
            tally.absent = count.parse().expect("a count");
        } else {
            panic!("unknown tally word {word:?} in {text:?}");
        }
    }
    tally
}

/// What `check` accepts as the question: a bare subject or a full question.
pub(crate) trait IntoQuestion {
    /// The question.
    fn into_question(self) -> Question;
}

impl IntoQuestion for Subject {
    fn into_question(self) -> Question {
        Question::new(self)
    }
}

impl IntoQuestion for Question {
    fn into_question(self) -> Question {
        self
    }
}

/// A question under Chapter VI on which the listed parties to the dispute shall abstain.
pub(crate) fn disputed(subject: Subject, parties: &[&str]) -> Question {
    Question::new(subject)
        .with_parties_to_dispute(codes(parties))
        .expect("parties on a non-procedural question")
}

/// Decides the vote and compares the verdict, the vetoing members (in the Council's order)
/// and the tally with the expected ones; returns the outcome for further checks.
#[track_caller]
pub(crate) fn check(
    composition: &Composition,
    question: impl IntoQuestion,
    votes: &Votes,
    expected: (Verdict, &[&str], &str),
) -> Outcome {
    let (verdict, vetoed_by, expected_tally) = expected;
    let outcome = decide_vote(
        composition,
        &question.into_question(),
        &votes.ballot(composition),
    )
    .unwrap_or_else(|rejection| panic!("rejected: {rejection}"));
    assert_eq!(
        (outcome.verdict, outcome.vetoed_by.clone(), outcome.tally),
        (verdict, codes(vetoed_by), tally(expected_tally)),
        "verdict, vetoed_by and tally differ; explanation: {}",
        outcome.explanation
    );
    outcome
}

/// Decides the vote and expects it to be rejected for `rejection`.
#[track_caller]
pub(crate) fn check_rejected(
    composition: &Composition,
    question: impl IntoQuestion,
    ballot: &Ballot,
    rejection: Rejection,
) {
    assert_eq!(
        decide_vote(composition, &question.into_question(), ballot),
        Err(rejection)
    );
}

/// One test per table line: `name: council, question, votes => Verdict, [vetoers], "tally";`.
macro_rules! vote_cases {
    ($($name:ident: $council:expr, $question:expr, $votes:expr
        => $verdict:ident, [$($vetoer:literal),*], $tally:literal;)*) => {
        $(
            #[test]
            fn $name() {
                $crate::support::check(
                    &$council,
                    $question,
                    &$votes,
                    (::council_core::Verdict::$verdict, &[$($vetoer),*], $tally),
                );
            }
        )*
    };
}
pub(crate) use vote_cases;
