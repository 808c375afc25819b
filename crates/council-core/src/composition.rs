//! The Council on one date: who sits, who holds a permanent seat, and how many
//! affirmative votes a decision needs (Charter Art. 23 and 27).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::member::{MemberCode, SeatedMember};
use crate::rejection::Rejection;

/// The first day of the fifteen-member Council.
///
/// The amendments of GA resolution 1991 A (XVIII) entered into force on 31 August 1965, and
/// the enlarged Council first sat on 1 January 1966 after the elections of autumn 1965; until
/// then the Council had eleven members and needed seven affirmative votes.
pub const ENLARGED_COUNCIL_FROM: NaiveDate = match NaiveDate::from_ymd_opt(1966, 1, 1) {
    Some(date) => date,
    None => panic!("1966-01-01 is a valid date"),
};

/// The affirmative votes a decision needs on `date`: seven until the end of 1965, nine from
/// 1966 (Charter Art. 27(2) and 27(3), as amended by GA res. 1991 A (XVIII)).
///
/// ```
/// use council_core::composition::required_affirmative_votes;
/// use chrono::NaiveDate;
/// assert_eq!(required_affirmative_votes(NaiveDate::from_ymd_opt(1950, 6, 27).unwrap()), 7);
/// assert_eq!(required_affirmative_votes(NaiveDate::from_ymd_opt(2024, 11, 20).unwrap()), 9);
/// ```
pub fn required_affirmative_votes(date: NaiveDate) -> u32 {
    if date < ENLARGED_COUNCIL_FROM { 7 } else { 9 }
}

/// The members of the Council on one date, sorted by name as the Council lists them.
///
/// Deserialising checks what [`Composition::new`] checks, and that the stated majority is
/// the Charter's on that date, so stored data can never yield an invalid composition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CompositionFields")]
pub struct Composition {
    date: NaiveDate,
    members: Vec<SeatedMember>,
    required_affirmative_votes: u32,
}

impl Composition {
    /// The Council of `date` with the given members; the majority is the Charter's on that
    /// date. Fails if a member is listed twice or the list is empty.
    pub fn new(date: NaiveDate, mut members: Vec<SeatedMember>) -> Result<Self, Rejection> {
        if members.is_empty() {
            return Err(Rejection::EmptyCouncil);
        }
        let mut seen = BTreeSet::new();
        for member in &members {
            if !seen.insert(member.code()) {
                return Err(Rejection::DuplicateMember {
                    member: member.code(),
                });
            }
        }
        crate::presidency::sort_by_name(&mut members);
        Ok(Composition {
            date,
            members,
            required_affirmative_votes: required_affirmative_votes(date),
        })
    }

    /// The day this composition sat.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The members in English alphabetical order of their names.
    pub fn members(&self) -> &[SeatedMember] {
        &self.members
    }

    /// The number of seats.
    pub fn size(&self) -> usize {
        self.members.len()
    }

    /// The affirmative votes a decision needs on this date (7 or 9).
    pub fn required_affirmative_votes(&self) -> u32 {
        self.required_affirmative_votes
    }

    /// The seated member with this code, if it sits on this date.
    pub fn member(&self, code: MemberCode) -> Option<&SeatedMember> {
        self.members.iter().find(|member| member.code() == code)
    }

    /// Whether the state sits on the Council on this date.
    pub fn contains(&self, code: MemberCode) -> bool {
        self.member(code).is_some()
    }

    /// The member's name on this date, or its code when it does not sit.
    pub fn name_of(&self, code: MemberCode) -> String {
        self.member(code)
            .map_or_else(|| code.to_string(), |member| member.name().to_owned())
    }

    /// The members' names on this date as English prose ("A, B and C"), in the given order.
    pub fn names_of(&self, codes: &[MemberCode]) -> String {
        crate::outcome::join_names(
            &codes
                .iter()
                .map(|code| self.name_of(*code))
                .collect::<Vec<_>>(),
        )
    }

    /// Fails with [`Rejection::NotACouncilMember`] unless the state sits on this date.
    pub fn require_member(&self, code: MemberCode) -> Result<&SeatedMember, Rejection> {
        self.member(code).ok_or(Rejection::NotACouncilMember {
            member: code,
            date: self.date,
        })
    }
}

/// A composition as serialised, before its invariants are checked.
#[derive(Deserialize)]
struct CompositionFields {
    date: NaiveDate,
    members: Vec<SeatedMember>,
    required_affirmative_votes: u32,
}

impl TryFrom<CompositionFields> for Composition {
    type Error = Rejection;

    fn try_from(fields: CompositionFields) -> Result<Self, Rejection> {
        let composition = Composition::new(fields.date, fields.members)?;
        if composition.required_affirmative_votes != fields.required_affirmative_votes {
            return Err(Rejection::MajorityNotTheCharters {
                date: fields.date,
                stated: fields.required_affirmative_votes,
                required: composition.required_affirmative_votes,
            });
        }
        Ok(composition)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    fn read(json: &str) -> Result<Composition, String> {
        serde_json::from_str(json).map_err(|error| error.to_string())
    }

    #[test]
    fn composition_reads_back_from_its_json() {
        let date = NaiveDate::from_ymd_opt(2024, 11, 20).unwrap();
        let composition = Composition::new(
            date,
            vec![
                SeatedMember::new(code("USA"), "United States", true),
                SeatedMember::new(code("DZA"), "Algeria", false),
            ],
        )
        .unwrap();
        let json = serde_json::to_string(&composition).unwrap();
        assert_eq!(read(&json), Ok(composition));
    }

    #[test]
    fn stored_composition_with_a_member_twice_is_an_error_not_a_value() {
        let error = read(
            r#"{"date":"2024-11-20","required_affirmative_votes":9,"members":[
                {"code":"USA","name":"United States","permanent":true},
                {"code":"USA","name":"United States","permanent":true}]}"#,
        )
        .unwrap_err();
        assert!(error.starts_with("USA is listed more than once"), "{error}");
    }

    #[test]
    fn stored_composition_without_members_or_with_a_wrong_majority_is_an_error() {
        let empty = read(r#"{"date":"2024-11-20","required_affirmative_votes":9,"members":[]}"#);
        assert!(empty.unwrap_err().starts_with("the Council has no members"));
        let wrong_majority = read(
            r#"{"date":"1950-06-27","required_affirmative_votes":9,"members":[
                {"code":"USA","name":"United States","permanent":true}]}"#,
        )
        .unwrap_err();
        assert!(
            wrong_majority.starts_with(
                "the composition of 1950-06-27 states 9 required affirmative votes, but the Charter requires 7"
            ),
            "{wrong_majority}"
        );
    }

    #[test]
    fn eleven_member_council_needs_seven_votes_until_the_end_of_1965() {
        let last_day = NaiveDate::from_ymd_opt(1965, 12, 31).unwrap();
        let first_day = NaiveDate::from_ymd_opt(1966, 1, 1).unwrap();
        assert_eq!(required_affirmative_votes(last_day), 7);
        assert_eq!(required_affirmative_votes(first_day), 9);
    }

    #[test]
    fn a_member_listed_twice_is_rejected() {
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let members = vec![
            SeatedMember::new(code("FRA"), "France", true),
            SeatedMember::new(code("FRA"), "France", true),
        ];
        assert_eq!(
            Composition::new(date, members),
            Err(Rejection::DuplicateMember {
                member: code("FRA")
            })
        );
    }

    #[test]
    fn members_are_listed_in_alphabetical_order_of_names() {
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let members = vec![
            SeatedMember::new(code("USA"), "United States of America", true),
            SeatedMember::new(code("DZA"), "Algeria", false),
        ];
        let composition = Composition::new(date, members).unwrap();
        let names: Vec<&str> = composition
            .members()
            .iter()
            .map(SeatedMember::name)
            .collect();
        assert_eq!(names, ["Algeria", "United States of America"]);
    }
}
