//! `council decide`: decide votes and statements given as JSON or JSON Lines.
//!
//! Every input is parsed, checked and decided before anything is printed, so a bad line
//! anywhere leaves no partial output.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use council_core::{
    Ballot, Composition, MemberCode, Outcome, Position, Question, SeatedMember, SilenceBreak,
    SilenceProcedure, StatementDraft, StatementKind, Subject, decide_statement, decide_vote,
};
use council_data::Roster;
use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::{Value, json};

use super::{parse_date, parse_state, read_input};
use crate::{CommandError, Io};

/// Decides every input in the file (or standard input) and prints one answer per input.
pub fn run(file: Option<&Path>, json: bool, io: &mut Io<'_>) -> Result<(), CommandError> {
    let text = read_input(file, io)?;
    let roster = Roster::embedded();
    let mut answers = Vec::new();
    for (line_number, request) in parse_requests(&text)? {
        let outcome = decide_request(roster, &request)
            .map_err(|message| CommandError::bad_input(format!("line {line_number}: {message}")))?;
        answers.push(if json {
            answer_json(&request, &outcome).to_string()
        } else {
            outcome.announcement()
        });
    }
    if answers.is_empty() {
        return Err(CommandError::bad_input(
            "no input: give one JSON object, or JSON Lines with one object per line",
        ));
    }
    for answer in answers {
        writeln!(io.stdout, "{answer}")?;
    }
    Ok(())
}

/// What is decided, as written in the input's `kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A draft resolution.
    Resolution,
    /// An amendment to a draft.
    Amendment,
    /// A procedural motion.
    Procedural,
    /// The preliminary question whether a matter is procedural (the "double veto").
    PreliminaryQuestion,
    /// A presidential statement.
    PresidentialStatement,
    /// A press statement.
    PressStatement,
}

/// One input object.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    id: Option<Value>,
    date: String,
    kind: Kind,
    votes: Option<Votes>,
    members: Option<Vec<String>>,
    parties_to_dispute: Option<Vec<String>>,
    objections: Option<Vec<String>>,
    dissociations: Option<Vec<String>>,
    silence: Option<SilenceInput>,
    /// Descriptive fields, accepted so that records can be decided as they are written.
    #[serde(default, rename = "document")]
    _document: Option<String>,
    #[serde(default, rename = "subject")]
    _subject: Option<String>,
    #[serde(default, rename = "source")]
    _source: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SilenceInput {
    deadline: String,
    #[serde(default)]
    broken_by: Vec<SilenceBreakInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SilenceBreakInput {
    member: String,
    at: String,
}

/// The `votes` object, kept in input order with duplicates, so that a member listed twice
/// is reported instead of silently overwritten.
#[derive(Debug, Default)]
struct Votes(Vec<(String, String)>);

impl<'de> Deserialize<'de> for Votes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VotesVisitor;
        impl<'de> Visitor<'de> for VotesVisitor {
            type Value = Votes;
            fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str("an object from member code to position")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Votes, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, String>()? {
                    entries.push(entry);
                }
                Ok(Votes(entries))
            }
        }
        deserializer.deserialize_map(VotesVisitor)
    }
}

/// Splits the input into requests with the line each starts on. One JSON object may span
/// several lines; otherwise every non-blank line is one object (JSON Lines).
fn parse_requests(text: &str) -> Result<Vec<(usize, Request)>, CommandError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let whole_error = match serde_json::from_str::<Request>(text) {
        Ok(request) => {
            let first_line = text
                .lines()
                .position(|line| !line.trim().is_empty())
                .map_or(1, |index| index + 1);
            return Ok(vec![(first_line, request)]);
        }
        Err(error) => error,
    };
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(index, line)| (index + 1, line))
        .collect();
    // A single object over several lines that fails to parse is reported as a whole, with
    // serde's own line and column.
    let looks_like_lines = lines
        .first()
        .is_some_and(|(_, line)| serde_json::from_str::<Value>(line).is_ok());
    if !looks_like_lines {
        return Err(CommandError::bad_input(describe_json_error(
            &whole_error,
            None,
        )));
    }
    lines
        .into_iter()
        .map(|(line_number, line)| {
            serde_json::from_str::<Request>(line)
                .map(|request| (line_number, request))
                .map_err(|error| {
                    CommandError::bad_input(describe_json_error(&error, Some(line_number)))
                })
        })
        .collect()
}

fn describe_json_error(error: &serde_json::Error, line_number: Option<usize>) -> String {
    let place = match line_number {
        Some(line_number) => format!("line {line_number}, column {}", error.column()),
        None => format!("line {}, column {}", error.line(), error.column()),
    };
    let mut message = error.to_string();
    // serde_json appends " at line L column C"; the place is said first instead.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    format!("{place}: {message}")
}

/// Checks one request against the data and decides it; errors name the offending field.
fn decide_request(roster: &Roster, request: &Request) -> Result<Outcome, String> {
    let date = parse_date("date", &request.date).map_err(|error| error.to_string())?;
    let composition = composition_for(roster, date, request.members.as_deref())?;
    let subject = match request.kind {
        Kind::Resolution => Subject::DraftResolution,
        Kind::Amendment => Subject::Amendment,
        Kind::Procedural => Subject::ProceduralMotion,
        Kind::PreliminaryQuestion => Subject::PreliminaryQuestion,
        Kind::PresidentialStatement => Subject::PresidentialStatement,
        Kind::PressStatement => Subject::PressStatement,
    };
    let seated = |what: &str, text: &str| -> Result<MemberCode, String> {
        let code = parse_state(roster, what, text).map_err(|error| error.to_string())?;
        if composition.contains(code) {
            Ok(code)
        } else {
            Err(format!(
                "{what}: {} ({code}) is not a member of the Security Council on {date}",
                roster.name_on(code, date).unwrap_or(code.as_str())
            ))
        }
    };
    let codes = |what: &str, texts: &[String], must_sit: bool| -> Result<Vec<MemberCode>, String> {
        let mut seen = BTreeSet::new();
        texts
            .iter()
            .map(|text| {
                let code = if must_sit {
                    seated(what, text)?
                } else {
                    parse_state(roster, what, text).map_err(|error| error.to_string())?
                };
                if seen.insert(code) {
                    Ok(code)
                } else {
                    Err(format!("{what}: {code} is listed more than once"))
                }
            })
            .collect()
    };

    if subject.is_voted() {
        for (field, present) in [
            ("objections", request.objections.is_some()),
            ("dissociations", request.dissociations.is_some()),
            ("silence", request.silence.is_some()),
        ] {
            if present {
                return Err(format!(
                    "{field}: applies to statements only; a {} is decided by vote",
                    subject.noun()
                ));
            }
        }
        let Some(votes) = &request.votes else {
            return Err(
                "votes: missing: a vote needs a `votes` object (member code to position)"
                    .to_owned(),
            );
        };
        let parties = codes(
            "parties_to_dispute",
            request.parties_to_dispute.as_deref().unwrap_or_default(),
            false,
        )?;
        let mut positions = Vec::new();
        let mut seen = BTreeSet::new();
        for (member_text, position_text) in &votes.0 {
            let what = format!("votes.{member_text}");
            let code = seated(&what, member_text)?;
            if !seen.insert(code) {
                return Err(format!(
                    "{what}: {code} is listed more than once (one vote each, Art. 27(1))"
                ));
            }
            let position = parse_position(position_text)
                .ok_or_else(|| format!("{what}: unknown position `{position_text}`: expected yes, no, abstain, not_participating or absent"))?;
            if parties.contains(&code) && position.is_cast() {
                return Err(format!(
                    "{what}: {} is a party to the dispute and may not vote (Art. 27(3)); record it as not_participating or leave it out",
                    composition.name_of(code)
                ));
            }
            positions.push((code, position));
        }
        let ballot = Ballot::new(positions).map_err(|rejection| format!("votes: {rejection}"))?;
        let question = Question::new(subject)
            .with_parties_to_dispute(parties)
            .map_err(|rejection| format!("parties_to_dispute: {rejection}"))?;
        decide_vote(&composition, &question, &ballot).map_err(|rejection| rejection.to_string())
    } else {
        if request.votes.is_some() {
            return Err("votes: statements are adopted by consensus without a vote; give `objections` instead".to_owned());
        }
        if request.parties_to_dispute.is_some() {
            return Err(
                "parties_to_dispute: obligatory abstention applies to votes, not to statements"
                    .to_owned(),
            );
        }
        let kind = if subject == Subject::PresidentialStatement {
            StatementKind::Presidential
        } else {
            StatementKind::Press
        };
        let objections = codes(
            "objections",
            request.objections.as_deref().unwrap_or_default(),
            true,
        )?;
        let dissociations = codes(
            "dissociations",
            request.dissociations.as_deref().unwrap_or_default(),
            true,
        )?;
        let mut draft = StatementDraft::new(kind)
            .with_objections(objections)
            .and_then(|draft| draft.with_dissociations(dissociations))
            .map_err(|rejection| rejection.to_string())?;
        if let Some(silence) = &request.silence {
            let deadline = parse_moment("silence.deadline", &silence.deadline)?;
            let mut broken_by = Vec::new();
            let mut seen = BTreeSet::new();
            for (index, silence_break) in silence.broken_by.iter().enumerate() {
                let what = format!("silence.broken_by[{index}]");
                let member = seated(&format!("{what}.member"), &silence_break.member)?;
                if !seen.insert(member) {
                    return Err(format!("{what}.member: {member} is listed more than once"));
                }
                let at = parse_moment(&format!("{what}.at"), &silence_break.at)?;
                broken_by.push(SilenceBreak { member, at });
            }
            draft = draft.with_silence(SilenceProcedure {
                deadline,
                broken_by,
            });
        }
        decide_statement(&composition, &draft).map_err(|rejection| rejection.to_string())
    }
}

fn parse_position(text: &str) -> Option<Position> {
    Some(match text {
        "yes" => Position::Yes,
        "no" => Position::No,
        "abstain" => Position::Abstain,
        "not_participating" => Position::NotParticipating,
        "absent" => Position::Absent,
        _ => return None,
    })
}

fn parse_moment(what: &str, text: &str) -> Result<NaiveDateTime, String> {
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .ok_or_else(|| {
            format!("{what}: `{text}` is not a date and time: expected YYYY-MM-DDTHH:MM")
        })
}

/// The Council that decides: the composition of the date, or the explicit `members` list.
fn composition_for(
    roster: &Roster,
    date: NaiveDate,
    members: Option<&[String]>,
) -> Result<Composition, String> {
    let of_the_day = roster
        .composition_on(date)
        .map_err(|error| format!("date: {error}"))?;
    let Some(members) = members else {
        return Ok(of_the_day);
    };
    let mut seated = Vec::new();
    let mut seen = BTreeSet::new();
    for (index, text) in members.iter().enumerate() {
        let what = format!("members[{index}]");
        let code = parse_state(roster, &what, text).map_err(|error| error.to_string())?;
        if !seen.insert(code) {
            return Err(format!("{what}: {code} is listed more than once"));
        }
        // A state holds a permanent seat in an explicit list when it held one on the date.
        let permanent = of_the_day
            .member(code)
            .is_some_and(SeatedMember::is_permanent);
        let name = roster
            .name_on(code, date)
            .unwrap_or(code.as_str())
            .to_owned();
        seated.push(SeatedMember::new(code, name, permanent));
    }
    Composition::new(date, seated).map_err(|rejection| format!("members: {rejection}"))
}

/// The JSON answer for one request.
fn answer_json(request: &Request, outcome: &Outcome) -> Value {
    json!({
        "id": request.id,
        "outcome": outcome.verdict.as_str(),
        "adopted": outcome.adopted(),
        "yes": outcome.tally.yes,
        "no": outcome.tally.no,
        "abstain": outcome.tally.abstain,
        "not_voting": outcome.tally.not_voting(),
        "not_participating": outcome.tally.not_participating,
        "absent": outcome.tally.absent,
        "required": outcome.required,
        "vetoed_by": outcome.vetoed_by,
        "blocked_by": outcome.blocked_by,
        "provision": outcome.provision,
        "citation": outcome.provision.citation(),
        "explanation": outcome.explanation,
        "announcement": outcome.announcement(),
        "ga_debate": outcome.veto_debate.map(|debate| json!({
            "mandate": "A/RES/76/262",
            "convene_by": debate.convene_by.to_string(),
        })),
    })
}
