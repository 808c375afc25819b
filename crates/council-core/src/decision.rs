//! Article 27 of the Charter: how a question put to the vote is decided.
//!
//! Procedural matters need the required number of affirmative votes (Art. 27(2)); all other
//! matters need as many affirmative votes *including the concurring votes of the permanent
//! members* (Art. 27(3)). Since 1946 the Council has read "concurring" as "not voting
//! against": a permanent member's abstention, non-participation or absence does not block,
//! its negative vote does. A proposal short of the required votes fails for lack of votes, and
//! then no negative vote is counted as a veto (the counting convention of the UN's own veto
//! list and the UK FCDO's 2018 study).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::composition::Composition;
use crate::member::MemberCode;
use crate::outcome::{Outcome, Provision, Verdict};
use crate::rejection::Rejection;
use crate::veto_debate::VetoDebate;
use crate::vote::{Ballot, Position, Tally};

/// What is put to the Council.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// A draft resolution: non-procedural, so the veto applies.
    DraftResolution,
    /// An amendment to a draft: decided by the same majority and veto rule as the draft
    /// (Rules 33 and 36; the US veto of an amendment on 22 December 2023).
    Amendment,
    /// A procedural motion or decision, such as adopting the agenda or inviting a State
    /// (Art. 27(2)): no veto.
    ProceduralMotion,
    /// The preliminary question whether a matter is procedural, itself decided as a
    /// non-procedural matter: the "double veto" (Spanish question, 26 June 1946).
    PreliminaryQuestion,
    /// A presidential statement, adopted by consensus at a formal meeting.
    PresidentialStatement,
    /// A press statement, agreed by consensus among the members.
    PressStatement,
}

impl Subject {
    /// The noun the President uses for it.
    pub fn noun(self) -> &'static str {
        match self {
            Subject::DraftResolution => "draft resolution",
            Subject::Amendment => "amendment",
            Subject::ProceduralMotion => "proposal",
            Subject::PreliminaryQuestion => "proposal that the matter is procedural",
            Subject::PresidentialStatement => "presidential statement",
            Subject::PressStatement => "press statement",
        }
    }

    /// Whether it is decided by a vote (rather than by consensus).
    pub fn is_voted(self) -> bool {
        !matches!(
            self,
            Subject::PresidentialStatement | Subject::PressStatement
        )
    }

    /// Whether the veto applies: every voted subject except a procedural motion.
    pub fn is_non_procedural(self) -> bool {
        self.is_voted() && self != Subject::ProceduralMotion
    }
}

/// A question put to the vote, with the parties obliged to abstain, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    subject: Subject,
    parties_to_dispute: BTreeSet<MemberCode>,
}

impl Question {
    /// A question on `subject` with no party obliged to abstain.
    pub fn new(subject: Subject) -> Self {
        Question {
            subject,
            parties_to_dispute: BTreeSet::new(),
        }
    }

    /// The same question under Chapter VI or Art. 52(3), where the parties to the dispute
    /// shall abstain (Art. 27(3), proviso). The proviso applies to non-procedural decisions
    /// only; the Council has not enforced it since 1960, so it is off unless asked for.
    pub fn with_parties_to_dispute(
        mut self,
        parties: impl IntoIterator<Item = MemberCode>,
    ) -> Result<Self, Rejection> {
        for party in parties {
            if !self.parties_to_dispute.insert(party) {
                return Err(Rejection::DuplicateMember { member: party });
            }
        }
        if !self.parties_to_dispute.is_empty() && !self.subject.is_non_procedural() {
            return Err(Rejection::ObligatoryAbstentionOnProceduralMatter);
        }
        Ok(self)
    }

    /// What is put to the vote.
    pub fn subject(&self) -> Subject {
        self.subject
    }

    /// The parties obliged to abstain.
    pub fn parties_to_dispute(&self) -> &BTreeSet<MemberCode> {
        &self.parties_to_dispute
    }
}

/// Decides a question put to the vote by the Council of `composition`.
///
/// Rejects a ballot that records a position for a state not on the Council that day, and a
/// vote (yes, no or abstain) cast by a party obliged to abstain.
///
/// ```
/// use council_core::{Ballot, Composition, MemberCode, Position, Question, SeatedMember, Subject, Verdict, decide_vote};
/// use chrono::NaiveDate;
/// let code = |text| MemberCode::parse(text).unwrap();
/// let date = NaiveDate::from_ymd_opt(1950, 6, 27).unwrap();
/// let members = ["TWN", "FRA", "SUN", "GBR", "USA", "ECU", "CUB", "IND", "YUG", "EGY", "NOR"]
///     .map(|text| SeatedMember::new(code(text), text, ["TWN", "FRA", "SUN", "GBR", "USA"].contains(&text)));
/// let composition = Composition::new(date, members.to_vec()).unwrap();
/// // Resolution 83 (1950): seven in favour, the USSR absent, Yugoslavia against.
/// let ballot = Ballot::new([
///     ("TWN", Position::Yes), ("FRA", Position::Yes), ("GBR", Position::Yes), ("USA", Position::Yes),
///     ("ECU", Position::Yes), ("CUB", Position::Yes), ("NOR", Position::Yes),
///     ("YUG", Position::No), ("IND", Position::NotParticipating), ("EGY", Position::NotParticipating),
/// ].map(|(text, position)| (code(text), position))).unwrap();
/// let outcome = decide_vote(&composition, &Question::new(Subject::DraftResolution), &ballot).unwrap();
/// assert_eq!(outcome.verdict, Verdict::Adopted);
/// ```
pub fn decide_vote(
    composition: &Composition,
    question: &Question,
    ballot: &Ballot,
) -> Result<Outcome, Rejection> {
    if !question.subject.is_voted() {
        return Err(Rejection::VotesOnStatement);
    }
    for (member, position) in ballot.iter() {
        composition.require_member(member)?;
        if question.parties_to_dispute.contains(&member) && position.is_cast() {
            return Err(Rejection::VoteByPartyToDispute { member });
        }
    }

    let tally = Tally::count(composition, ballot);
    let required = composition.required_affirmative_votes();
    let names = |filter: &dyn Fn(Position) -> bool, permanent_only: bool| -> Vec<MemberCode> {
        composition
            .members()
            .iter()
            .filter(|member| !permanent_only || member.is_permanent())
            .filter(|member| filter(ballot.position_of(member.code())))
            .map(|member| member.code())
            .collect()
    };
    let permanent_against = names(&|position| position == Position::No, true);
    let name_list = |codes: &[MemberCode]| composition.names_of(codes);

    let mut sentences: Vec<String> = Vec::new();
    if question.subject == Subject::PreliminaryQuestion {
        sentences.push(
            "The preliminary question whether a matter is procedural is itself decided as a non-procedural matter, so a permanent member's negative vote on it is a veto (the \"double veto\", first cast on 26 June 1946).".to_owned(),
        );
    }

    let (verdict, provision, vetoed_by) = if question.subject == Subject::ProceduralMotion {
        if tally.yes >= required {
            sentences.push(format!(
                "Adopted: {} affirmative votes met the {} required for a procedural decision (Article 27(2) of the Charter).",
                tally.yes, required
            ));
            if !permanent_against.is_empty() {
                sentences.push(format!(
                    "The negative vote of {} does not block it: the concurrence of the permanent members is required only on non-procedural matters.",
                    name_list(&permanent_against)
                ));
            }
            (Verdict::Adopted, Provision::ProceduralMajority, Vec::new())
        } else {
            sentences.push(format!(
                "Not adopted: {} affirmative votes, fewer than the {} required for a procedural decision (Article 27(2) of the Charter).",
                tally.yes, required
            ));
            (
                Verdict::InsufficientVotes,
                Provision::ProceduralShortOfMajority,
                Vec::new(),
            )
        }
    } else if tally.yes < required {
        sentences.push(format!(
            "Not adopted: {} affirmative votes, fewer than the {} required (Article 27(3) of the Charter).",
            tally.yes, required
        ));
        if !permanent_against.is_empty() {
            sentences.push(format!(
                "Because it lacked the required majority, the negative vote of {} is not counted as a veto.",
                name_list(&permanent_against)
            ));
        }
        (
            Verdict::InsufficientVotes,
            Provision::ShortOfMajority,
            Vec::new(),
        )
    } else if !permanent_against.is_empty() {
        let (verb, consequence) = if permanent_against.len() == 1 {
            ("a permanent member, voted", "that negative vote is a veto")
        } else {
            (
                "permanent members, voted",
                "those negative votes are vetoes",
            )
        };
        sentences.push(format!(
            "Vetoed: {} affirmative votes met the {} required, but {}, {} against; decisions on non-procedural matters require the concurring votes of the permanent members (Article 27(3) of the Charter), so {}.",
            tally.yes,
            required,
            name_list(&permanent_against),
            verb,
            consequence
        ));
        (Verdict::Vetoed, Provision::Veto, permanent_against)
    } else {
        sentences.push(format!(
            "Adopted: {} affirmative votes met the {} required and no permanent member voted against (Article 27(3) of the Charter).",
            tally.yes, required
        ));
        let abstaining = names(&|position| position == Position::Abstain, true);
        if !abstaining.is_empty() {
            sentences.push(format!(
                "The abstention of {} does not block adoption: a permanent member's voluntary abstention is not a veto (practice since 1946, ICJ Namibia advisory opinion, 1971).",
                name_list(&abstaining)
            ));
        }
        let not_participating = names(&|position| position == Position::NotParticipating, true)
            .into_iter()
            .filter(|code| !question.parties_to_dispute.contains(code))
            .collect::<Vec<_>>();
        if !not_participating.is_empty() {
            sentences.push(format!(
                "The non-participation of {} counts as an abstention and does not block adoption.",
                name_list(&not_participating)
            ));
        }
        let absent = names(&|position| position == Position::Absent, true)
            .into_iter()
            .filter(|code| !question.parties_to_dispute.contains(code))
            .collect::<Vec<_>>();
        if !absent.is_empty() {
            sentences.push(format!(
                "The absence of {} is treated like an abstention and does not block adoption (Council practice since the USSR's absence in 1950, which the USSR contested).",
                name_list(&absent)
            ));
        }
        (Verdict::Adopted, Provision::ConcurringMajority, Vec::new())
    };

    let abstaining_parties: Vec<MemberCode> = question
        .parties_to_dispute
        .iter()
        .copied()
        .filter(|party| composition.contains(*party))
        .collect();
    if !abstaining_parties.is_empty() {
        sentences.push(format!(
            "{} did not vote, as a party to the dispute obliged to abstain (Article 27(3) of the Charter).",
            name_list(&abstaining_parties)
        ));
    }

    let veto_debate = if verdict == Verdict::Vetoed {
        let debate = VetoDebate::after_veto(composition.date());
        if let Some(debate) = &debate {
            sentences.push(debate.explanation());
        }
        debate
    } else {
        None
    };

    Ok(Outcome {
        subject: question.subject,
        verdict,
        provision,
        tally,
        required,
        vetoed_by,
        blocked_by: Vec::new(),
        explanation: sentences.join(" "),
        veto_debate,
    })
}
