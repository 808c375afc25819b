//! The answer to a question put to the Council: the verdict, the provision that decided it,
//! a sentence explaining why, and the President's announcement.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::member::MemberCode;
use crate::veto_debate::VetoDebate;
use crate::vote::Tally;

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Adopted (a resolution, amendment or motion) or agreed (a statement).
    Adopted,
    /// Not adopted, owing to the negative vote of one or more permanent members.
    Vetoed,
    /// Not adopted, having failed to obtain the required number of affirmative votes.
    InsufficientVotes,
    /// A statement not agreed, because one or more members did not join the consensus.
    NoConsensus,
}

impl Verdict {
    /// The verdict as written in outputs (`adopted`, `vetoed`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Adopted => "adopted",
            Verdict::Vetoed => "vetoed",
            Verdict::InsufficientVotes => "insufficient_votes",
            Verdict::NoConsensus => "no_consensus",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// The provision of the Charter, or the settled practice, that decided an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provision {
    /// Art. 27(2): a procedural decision with the required affirmative votes.
    ProceduralMajority,
    /// Art. 27(2): a procedural decision short of the required affirmative votes.
    ProceduralShortOfMajority,
    /// Art. 27(3): a non-procedural decision with the required affirmative votes and no
    /// negative vote of a permanent member.
    ConcurringMajority,
    /// Art. 27(3): a non-procedural decision short of the required affirmative votes; no
    /// negative vote counts as a veto.
    ShortOfMajority,
    /// Art. 27(3): a permanent member's negative vote on a non-procedural decision that
    /// otherwise had the required majority.
    Veto,
    /// Council practice: a statement agreed by every member.
    Consensus,
    /// Council practice: a statement blocked because a member did not join the consensus.
    ObjectionToConsensus,
    /// Council practice: a statement blocked because a member broke silence before the
    /// silence procedure's deadline.
    SilenceBroken,
}

impl Provision {
    /// The source of the rule, as a citation.
    pub fn citation(self) -> &'static str {
        match self {
            Provision::ProceduralMajority | Provision::ProceduralShortOfMajority => {
                "Charter of the United Nations, Article 27(2)"
            }
            Provision::ConcurringMajority | Provision::ShortOfMajority | Provision::Veto => {
                "Charter of the United Nations, Article 27(3)"
            }
            Provision::Consensus | Provision::ObjectionToConsensus | Provision::SilenceBroken => {
                "Council practice on statements (Note by the President S/2024/507)"
            }
        }
    }
}

/// What the Council decided on one question, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// What was put to the Council.
    pub subject: crate::decision::Subject,
    /// What was decided.
    pub verdict: Verdict,
    /// The rule that decided it.
    pub provision: Provision,
    /// The count of the vote; all zero for statements, which are not voted on.
    pub tally: Tally,
    /// Affirmative votes required: 7 or 9 for a vote, every member for a consensus.
    pub required: u32,
    /// Permanent members whose negative votes defeated the proposal.
    pub vetoed_by: Vec<MemberCode>,
    /// Members that did not join a statement's consensus.
    pub blocked_by: Vec<MemberCode>,
    /// Why, in a sentence or two that name the provision and the members concerned.
    pub explanation: String,
    /// The General Assembly debate that a veto triggers, when it does.
    pub veto_debate: Option<VetoDebate>,
}

impl Outcome {
    /// Whether the proposal was adopted (or the statement agreed).
    pub fn adopted(&self) -> bool {
        self.verdict == Verdict::Adopted
    }

    /// The sentence the President says after the vote, in the Council's own wording
    /// ("The draft resolution has not been adopted, owing to the negative vote of a
    /// permanent member of the Council.", S/PV.6627).
    pub fn announcement(&self) -> String {
        use crate::decision::Subject;
        let noun = self.subject.noun();
        let capitalised = format!("The {noun}");
        match (self.subject, self.verdict) {
            (Subject::PresidentialStatement, Verdict::Adopted) => {
                "The Security Council has adopted the presidential statement by consensus."
                    .to_owned()
            }
            (Subject::PressStatement, Verdict::Adopted) => {
                "The press statement has been agreed by all members of the Council and will be issued."
                    .to_owned()
            }
            (Subject::PresidentialStatement | Subject::PressStatement, _) => {
                format!("No {noun} has been agreed: the Council did not reach consensus.")
            }
            (Subject::PreliminaryQuestion, Verdict::Adopted) => {
                "The Council has decided that the matter is procedural.".to_owned()
            }
            (_, Verdict::Adopted) if self.tally.yes == self.tally.total() => {
                format!("{capitalised} has been adopted unanimously.")
            }
            (_, Verdict::Adopted) => format!("{capitalised} has been adopted."),
            (_, Verdict::Vetoed) if self.vetoed_by.len() > 1 => format!(
                "{capitalised} has not been adopted, owing to the negative votes of permanent members of the Council."
            ),
            (_, Verdict::Vetoed) => format!(
                "{capitalised} has not been adopted, owing to the negative vote of a permanent member of the Council."
            ),
            (_, Verdict::InsufficientVotes | Verdict::NoConsensus) => format!(
                "{capitalised} has not been adopted, having failed to obtain the required number of votes."
            ),
        }
    }
}

/// Joins names as English prose: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}
