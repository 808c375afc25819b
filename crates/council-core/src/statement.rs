//! Presidential and press statements: decided by consensus, not by vote.
//!
//! The rules of procedure provide only for resolutions; statements grew out of practice from
//! the early 1990s and are agreed only when every member agrees (Note by the President
//! S/2024/507). A member blocks by objecting, or by breaking silence before the deadline of a
//! silence procedure; it is then named. A member may join the consensus while dissociating
//! itself from a passage, which does not block (Venezuela, S/PRST/2015/15).

use std::collections::BTreeSet;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::composition::Composition;
use crate::decision::Subject;
use crate::member::MemberCode;
use crate::outcome::{Outcome, Provision, Verdict};
use crate::rejection::Rejection;
use crate::vote::Tally;

/// The two kinds of statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// Read by the President at a formal meeting and issued as S/PRST/YYYY/N.
    Presidential,
    /// Read by the President to the press and issued as an SC/ press release.
    Press,
}

impl StatementKind {
    /// The subject this kind of statement puts to the Council.
    pub fn subject(self) -> Subject {
        match self {
            StatementKind::Presidential => Subject::PresidentialStatement,
            StatementKind::Press => Subject::PressStatement,
        }
    }
}

/// A member breaking silence at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilenceBreak {
    /// The member that broke silence.
    pub member: MemberCode,
    /// When it did.
    pub at: NaiveDateTime,
}

/// A draft statement circulated "under silence" until a deadline: it is agreed unless a
/// member breaks silence before the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SilenceProcedure {
    /// When silence expires.
    pub deadline: NaiveDateTime,
    /// The members that broke silence, and when.
    pub broken_by: Vec<SilenceBreak>,
}

/// A draft statement and the members' reactions to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementDraft {
    kind: StatementKind,
    objections: Vec<MemberCode>,
    dissociations: Vec<MemberCode>,
    silence: Option<SilenceProcedure>,
}

impl StatementDraft {
    /// A draft of the given kind to which nobody has objected yet.
    pub fn new(kind: StatementKind) -> Self {
        StatementDraft {
            kind,
            objections: Vec::new(),
            dissociations: Vec::new(),
            silence: None,
        }
    }

    /// The members that do not join the consensus; a member listed twice is rejected.
    pub fn with_objections(
        mut self,
        objections: impl IntoIterator<Item = MemberCode>,
    ) -> Result<Self, Rejection> {
        self.objections = distinct(objections)?;
        Ok(self)
    }

    /// The members that join the consensus while dissociating from part of the text.
    pub fn with_dissociations(
        mut self,
        members: impl IntoIterator<Item = MemberCode>,
    ) -> Result<Self, Rejection> {
        self.dissociations = distinct(members)?;
        Ok(self)
    }

    /// Puts the draft under a silence procedure.
    pub fn with_silence(mut self, silence: SilenceProcedure) -> Self {
        self.silence = Some(silence);
        self
    }

    /// The kind of statement.
    pub fn kind(&self) -> StatementKind {
        self.kind
    }
}

fn distinct(members: impl IntoIterator<Item = MemberCode>) -> Result<Vec<MemberCode>, Rejection> {
    let mut seen = BTreeSet::new();
    let mut ordered = Vec::new();
    for member in members {
        if !seen.insert(member) {
            return Err(Rejection::DuplicateMember { member });
        }
        ordered.push(member);
    }
    Ok(ordered)
}

/// Decides whether a statement is agreed by the Council of `composition`.
///
/// ```
/// use council_core::{Composition, MemberCode, SeatedMember, StatementDraft, StatementKind, Verdict, decide_statement};
/// use chrono::NaiveDate;
/// let code = |text| MemberCode::parse(text).unwrap();
/// let date = NaiveDate::from_ymd_opt(2023, 10, 8).unwrap();
/// let composition = Composition::new(date, vec![
///     SeatedMember::new(code("RUS"), "Russian Federation", true),
///     SeatedMember::new(code("MLT"), "Malta", false),
/// ]).unwrap();
/// let draft = StatementDraft::new(StatementKind::Press).with_objections([code("RUS")]).unwrap();
/// let outcome = decide_statement(&composition, &draft).unwrap();
/// assert_eq!(outcome.verdict, Verdict::NoConsensus);
/// assert_eq!(outcome.blocked_by, [code("RUS")]);
/// ```
pub fn decide_statement(
    composition: &Composition,
    draft: &StatementDraft,
) -> Result<Outcome, Rejection> {
    for member in draft.objections.iter().chain(&draft.dissociations) {
        composition.require_member(*member)?;
    }
    let mut breakers_in_time = Vec::new();
    let mut breakers_late = Vec::new();
    if let Some(silence) = &draft.silence {
        let mut seen = BTreeSet::new();
        for silence_break in &silence.broken_by {
            composition.require_member(silence_break.member)?;
            if !seen.insert(silence_break.member) {
                return Err(Rejection::DuplicateMember {
                    member: silence_break.member,
                });
            }
            if silence_break.at < silence.deadline {
                breakers_in_time.push(silence_break.member);
            } else {
                breakers_late.push(silence_break.member);
            }
        }
    }

    let name_list = |codes: &[MemberCode]| composition.names_of(codes);
    let noun = draft.kind.subject().noun();
    let size = composition.size();
    let mut blocked_by: Vec<MemberCode> = draft.objections.clone();
    for member in &breakers_in_time {
        if !blocked_by.contains(member) {
            blocked_by.push(*member);
        }
    }
    // Members are named in the Council's alphabetical order, as in its records.
    blocked_by.sort_by_key(|code| composition.name_of(*code));

    let mut sentences = Vec::new();
    let (verdict, provision) = if blocked_by.is_empty() {
        sentences.push(format!(
            "Agreed by consensus: none of the {size} members objected to the {noun}, which needs the agreement of every member (Council practice, Note by the President S/2024/507)."
        ));
        if !draft.dissociations.is_empty() {
            sentences.push(format!(
                "{} joined the consensus while dissociating from part of the text, which does not block it.",
                name_list(&draft.dissociations)
            ));
        }
        (Verdict::Adopted, Provision::Consensus)
    } else {
        let mut reasons = Vec::new();
        if !draft.objections.is_empty() {
            let mut objectors = draft.objections.clone();
            objectors.sort_by_key(|code| composition.name_of(*code));
            let verb = if objectors.len() == 1 { "does" } else { "do" };
            reasons.push(format!(
                "{} {verb} not join the consensus",
                name_list(&objectors)
            ));
        }
        if let (false, Some(silence)) = (breakers_in_time.is_empty(), &draft.silence) {
            reasons.push(format!(
                "{} broke silence before the deadline of {}",
                name_list(&breakers_in_time),
                silence.deadline.format("%-d %B %Y, %H:%M")
            ));
        }
        sentences.push(format!(
            "No consensus: {}; a {noun} needs the agreement of all {size} members (Council practice, Note by the President S/2024/507).",
            reasons.join(", and ")
        ));
        let provision = if draft.objections.is_empty() {
            Provision::SilenceBroken
        } else {
            Provision::ObjectionToConsensus
        };
        (Verdict::NoConsensus, provision)
    };
    if let (false, Some(silence)) = (breakers_late.is_empty(), &draft.silence) {
        sentences.push(format!(
            "{} broke silence only after it expired at {}, which does not count as an objection.",
            name_list(&breakers_late),
            silence.deadline.format("%-d %B %Y, %H:%M")
        ));
    }

    Ok(Outcome {
        subject: draft.kind.subject(),
        verdict,
        provision,
        tally: Tally::default(),
        required: u32::try_from(size).unwrap_or(u32::MAX),
        vetoed_by: Vec::new(),
        blocked_by,
        explanation: sentences.join(" "),
        veto_debate: None,
    })
}
