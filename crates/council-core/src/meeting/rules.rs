//! [`decide`]: every rule of a meeting's order of business, checked against the meeting so
//! far before any event is emitted.

use std::collections::BTreeSet;

use super::command::{
    AmendmentChange, Command, ExplanationTiming, InvitationBasis, Paragraph, Participant, VoteItem,
};
use super::event::Event;
use super::state::{AgendaStatus, Draft, DraftStatus, Meeting, MeetingDetails, Statement};
use crate::decision::{Question, Subject, decide_vote};
use crate::member::MemberCode;
use crate::rejection::Rejection;
use crate::statement::{SilenceProcedure, StatementDraft, StatementKind, decide_statement};
use crate::vote::Ballot;

/// Decides a command against the meeting so far: the events it causes, or the rule it
/// breaks. Holds every rule of the meeting; [`evolve`](super::evolve) holds none.
///
/// ```
/// use council_core::meeting::{decide, Command, Meeting};
/// use council_core::Rejection;
/// // Nothing can happen in a meeting that has not been opened.
/// assert_eq!(decide(&Meeting::default(), Command::AdoptAgenda), Err(Rejection::MeetingNotOpened));
/// ```
pub fn decide(meeting: &Meeting, command: Command) -> Result<Vec<Event>, Rejection> {
    if let Command::OpenMeeting {
        date,
        format,
        meeting_number,
        composition,
        president,
        agenda,
        requested_by,
    } = command
    {
        if meeting.details().is_some() {
            return Err(Rejection::MeetingAlreadyOpened);
        }
        if composition.date() != date {
            return Err(Rejection::CompositionOfAnotherDay {
                date,
                composition_date: composition.date(),
            });
        }
        if agenda.is_empty() {
            return Err(Rejection::EmptyAgenda);
        }
        if let (false, Some(meeting_number)) = (format.is_formal(), meeting_number) {
            return Err(Rejection::MeetingNumberForConsultations { meeting_number });
        }
        // The President is the representative of a member (Rule 18).
        composition.require_member(president)?;
        distinct(&requested_by)?;
        return Ok(vec![Event::MeetingOpened {
            date,
            format,
            meeting_number,
            composition,
            president,
            agenda,
            requested_by,
        }]);
    }

    let details = meeting.details().ok_or(Rejection::MeetingNotOpened)?;
    if meeting.is_closed() {
        return Err(Rejection::MeetingClosed);
    }
    let is_vote = matches!(
        command,
        Command::CastVote { .. } | Command::RecordVote { .. }
    );
    if meeting.agenda_status() == AgendaStatus::NotAdopted && command != Command::CloseMeeting {
        return Err(Rejection::MeetingDidNotProceed);
    }
    if let (Some((item, _)), false) = (meeting.voting(), is_vote) {
        return Err(Rejection::VoteInProgress {
            item: item.to_string(),
        });
    }
    let formal = details.format.is_formal();
    let agenda_business = matches!(
        command,
        Command::AdoptAgenda
            | Command::PutToVote {
                item: VoteItem::Agenda
            }
            | Command::CloseMeeting
    );
    if formal
        && meeting.agenda_status() == AgendaStatus::Provisional
        && !agenda_business
        && !is_vote
    {
        return Err(Rejection::AgendaNotYetAdopted);
    }

    match command {
        Command::OpenMeeting { .. } => Err(Rejection::MeetingAlreadyOpened),
        Command::AdoptAgenda => {
            if !formal {
                return Err(formal_business("adopting the agenda"));
            }
            if meeting.agenda_status() == AgendaStatus::Adopted {
                return Err(Rejection::AgendaAlreadyAdopted);
            }
            Ok(vec![Event::AgendaAdopted { by_vote: false }])
        }
        Command::InviteParticipant { participant, basis } => {
            invite(meeting, details, participant, basis)
        }
        Command::SubmitDraft {
            symbol,
            sponsors,
            mover,
            paragraphs,
            procedural,
            parties_to_dispute,
        } => {
            if meeting.draft(&symbol).is_some() {
                return Err(Rejection::DuplicateIdentifier {
                    thing: "draft",
                    id: symbol,
                });
            }
            if sponsors.is_empty() {
                return Err(Rejection::NoSponsor { symbol });
            }
            distinct(&sponsors)?;
            check_text(&symbol, &paragraphs)?;
            // A State invited under Rule 37 or Art. 32 may submit drafts (Rule 38); they are
            // put to the vote only at a Council member's request (`RequestVote`).
            if !details.composition.contains(mover) && !invited_state(meeting, mover) {
                details.composition.require_member(mover)?;
            }
            let subject = if procedural {
                Subject::ProceduralMotion
            } else {
                Subject::DraftResolution
            };
            Question::new(subject).with_parties_to_dispute(parties_to_dispute.iter().copied())?;
            Ok(vec![Event::DraftSubmitted {
                symbol,
                sponsors,
                mover,
                paragraphs,
                procedural,
                parties_to_dispute,
            }])
        }
        Command::SubmitAmendment {
            id,
            draft,
            proposed_by,
            oral,
            changes,
        } => {
            let target = pending_draft(meeting, &draft)?;
            if meeting.amendment(&id).is_some() {
                return Err(Rejection::DuplicateIdentifier {
                    thing: "amendment",
                    id,
                });
            }
            details.composition.require_member(proposed_by)?;
            if changes.is_empty() {
                return Err(Rejection::EmptyAmendment { id });
            }
            apply_changes(target, &changes)?;
            Ok(vec![Event::AmendmentSubmitted {
                id,
                draft,
                proposed_by,
                oral,
                changes,
            }])
        }
        Command::RequestSeparateVote {
            draft,
            paragraph,
            requested_by,
        } => {
            let target = pending_draft(meeting, &draft)?;
            require_paragraph(target, &paragraph)?;
            details.composition.require_member(requested_by)?;
            if target
                .separate_votes
                .iter()
                .any(|request| request.paragraph == paragraph && !request.objected)
            {
                return Err(Rejection::SeparateVoteAlreadyRequested {
                    symbol: draft,
                    paragraph,
                });
            }
            Ok(vec![Event::SeparateVoteRequested {
                draft,
                paragraph,
                requested_by,
            }])
        }
        Command::ObjectToSeparateVote {
            draft,
            paragraph,
            member,
        } => {
            let target = pending_draft(meeting, &draft)?;
            if !target
                .separate_votes
                .iter()
                .any(|request| request.paragraph == paragraph && request.is_due())
            {
                return Err(Rejection::SeparateVoteNotDue {
                    symbol: draft,
                    paragraph,
                });
            }
            require_mover(target, member, "object to a separate vote (rule 32)")?;
            Ok(vec![Event::SeparateVoteObjectedTo {
                draft,
                paragraph,
                member,
            }])
        }
        Command::WithdrawDraft { draft, member } => {
            let target = pending_draft(meeting, &draft)?;
            require_mover(target, member, "withdraw it (rule 35)")?;
            Ok(vec![Event::DraftWithdrawn { draft, member }])
        }
        Command::PutDraftInBlue { draft, member } => {
            let target = pending_draft(meeting, &draft)?;
            // The sponsors ask for their draft to be put into blue (spec section 3.9); the
            // mover speaks for them, as for withdrawal (Rule 35).
            require_mover(target, member, "put it in blue (spec section 3.9)")?;
            if target.in_blue {
                return Err(Rejection::DraftAlreadyInBlue { draft });
            }
            Ok(vec![Event::DraftPutInBlue { draft }])
        }
        Command::CoSponsorDraft { draft, member } => {
            let target = pending_draft(meeting, &draft)?;
            // Any State may sponsor, Council member or not (spec section 3.9, E22).
            if target.sponsors.contains(&member) {
                return Err(Rejection::AlreadyASponsor { draft, member });
            }
            Ok(vec![Event::DraftCoSponsored { draft, member }])
        }
        Command::ReviseDraft {
            draft,
            member,
            paragraphs,
        } => revise(meeting, draft, member, paragraphs),
        Command::TakeOverDraft { draft, member } => {
            let target = known_draft(meeting, &draft)?;
            match target.status {
                DraftStatus::Withdrawn => {}
                DraftStatus::Pending => return Err(Rejection::DraftNotWithdrawn { symbol: draft }),
                DraftStatus::Voted(_) => {
                    return Err(Rejection::DraftAlreadyVoted { symbol: draft });
                }
            }
            details.composition.require_member(member)?;
            Ok(vec![Event::DraftTakenOver { draft, member }])
        }
        Command::DisputeProceduralCharacter { draft, member } => {
            let target = pending_draft(meeting, &draft)?;
            details.composition.require_member(member)?;
            if target.character_disputed_by.is_some() || target.character_decided.is_some() {
                // The question is already open or settled: nothing new happens.
                return Ok(Vec::new());
            }
            Ok(vec![Event::ProceduralCharacterDisputed { draft, member }])
        }
        Command::ExplainVote {
            member,
            draft,
            timing,
            text,
        } => {
            details.composition.require_member(member)?;
            let target = known_draft(meeting, &draft)?;
            match (timing, target.status) {
                (_, DraftStatus::Withdrawn) => {
                    return Err(Rejection::DraftWithdrawn { symbol: draft });
                }
                (ExplanationTiming::BeforeVote, DraftStatus::Voted(_)) => {
                    return Err(Rejection::ExplanationOutOfTurn {
                        member,
                        symbol: draft,
                        timing: "before the vote",
                        state: "has already been voted",
                    });
                }
                (ExplanationTiming::AfterVote, DraftStatus::Pending) => {
                    return Err(Rejection::ExplanationOutOfTurn {
                        member,
                        symbol: draft,
                        timing: "after the vote",
                        state: "has not been voted yet",
                    });
                }
                _ => {}
            }
            Ok(vec![Event::VoteExplained {
                member,
                draft,
                timing,
                text,
            }])
        }
        Command::RequestVote { draft, member } => {
            details.composition.require_member(member)?;
            let target = pending_draft(meeting, &draft)?;
            if details.composition.contains(target.mover) {
                return Err(Rejection::VoteRequestNotNeeded { draft });
            }
            if target.vote_requested_by.is_some() {
                return Err(Rejection::VoteAlreadyRequested { draft });
            }
            Ok(vec![Event::VoteRequested { draft, member }])
        }
        Command::InscribeSpeaker { speaker } => {
            // Council members speak by right; other States only once invited (Rule 37,
            // Art. 31 and 32).
            if !details.composition.contains(speaker) && !invited_state(meeting, speaker) {
                return Err(Rejection::NotEntitledToSpeak { speaker });
            }
            if meeting.speakers_waiting().contains(&speaker) {
                return Err(Rejection::AlreadyInscribed { speaker });
            }
            Ok(vec![Event::SpeakerInscribed { speaker }])
        }
        Command::GiveFloor { speaker } => {
            // Rule 27: "The President shall call upon representatives in the order in which
            // they signify their desire to speak."
            match meeting.speakers_waiting().first() {
                Some(next) if *next == speaker => Ok(vec![Event::FloorGiven { speaker }]),
                Some(next) if meeting.speakers_waiting().contains(&speaker) => {
                    Err(Rejection::NotNextSpeaker {
                        speaker,
                        next: *next,
                    })
                }
                _ => Err(Rejection::NotInscribed { speaker }),
            }
        }
        Command::PutToVote { item } => {
            if !formal {
                return Err(formal_business("a vote"));
            }
            check_order(meeting, &item)?;
            Ok(vec![Event::VotingOpened { item }])
        }
        Command::CastVote { member, position } => {
            let (item, casts) = meeting.voting().ok_or(Rejection::NoVoteInProgress)?;
            details.composition.require_member(member)?;
            if casts.iter().any(|(voter, _)| *voter == member) {
                return Err(Rejection::AlreadyVoted { member });
            }
            // Art. 27(3), proviso: a party to the dispute shall abstain from voting. Refused
            // now, with the same rejection the recorded ballot would get, rather than when
            // the President records the vote.
            let question = question_for(meeting, item)?;
            if question.parties_to_dispute().contains(&member) && position.is_cast() {
                return Err(Rejection::VoteByPartyToDispute { member });
            }
            Ok(vec![Event::VoteCast { member, position }])
        }
        Command::RecordVote { ballot } => record_vote(meeting, details, &ballot),
        Command::CirculateStatement {
            id,
            kind,
            text,
            silence_until,
        } => {
            if meeting.statement(&id).is_some() {
                return Err(Rejection::DuplicateIdentifier {
                    thing: "statement",
                    id,
                });
            }
            Ok(vec![Event::StatementCirculated {
                id,
                statement_kind: kind,
                text,
                silence_until,
            }])
        }
        Command::ObjectToStatement { id, member } => {
            let statement = open_statement(meeting, &id)?;
            details.composition.require_member(member)?;
            if statement.objections.contains(&member) {
                return Err(Rejection::DuplicateMember { member });
            }
            Ok(vec![Event::StatementObjectedTo { id, member }])
        }
        Command::DissociateFromStatement { id, member } => {
            let statement = open_statement(meeting, &id)?;
            details.composition.require_member(member)?;
            if statement.dissociations.contains(&member) {
                return Err(Rejection::DuplicateMember { member });
            }
            Ok(vec![Event::StatementDissociatedFrom { id, member }])
        }
        Command::BreakSilence { id, member, at } => {
            let statement = open_statement(meeting, &id)?;
            if statement.silence_until.is_none() {
                return Err(Rejection::NoSilenceProcedure { id });
            }
            details.composition.require_member(member)?;
            if statement
                .silence_breaks
                .iter()
                .any(|silence_break| silence_break.member == member)
            {
                return Err(Rejection::DuplicateMember { member });
            }
            Ok(vec![Event::SilenceBroken { id, member, at }])
        }
        Command::ConcludeStatement { id } => {
            let statement = open_statement(meeting, &id)?;
            if statement.kind == StatementKind::Presidential && !formal {
                return Err(formal_business("adopting a presidential statement"));
            }
            let mut draft = StatementDraft::new(statement.kind)
                .with_objections(statement.objections.iter().copied())?
                .with_dissociations(statement.dissociations.iter().copied())?;
            if let Some(deadline) = statement.silence_until {
                draft = draft.with_silence(SilenceProcedure {
                    deadline,
                    broken_by: statement.silence_breaks.clone(),
                });
            }
            let outcome = decide_statement(&details.composition, &draft)?;
            Ok(vec![Event::StatementConcluded { id, outcome }])
        }
        Command::CloseMeeting => Ok(vec![Event::MeetingClosed]),
    }
}

/// A revised text of a pending draft, by its mover (S/YYYY/NNN/Rev.1, Rev.2, ...).
///
/// A revision replaces the whole text, so it waits for no vote and sets none aside: it is
/// refused while an amendment to the draft awaits its vote (the amendment was moved to the
/// text as it stands, Rules 33 and 36) and once the Council has voted on an amendment to the
/// draft or on one of its parts (Rule 32). A revised draft leaves blue and must be put in
/// blue again before the vote (spec section 3.9). Separate votes requested on it stand; one
/// on a paragraph that the revision drops is no longer due.
fn revise(
    meeting: &Meeting,
    draft: String,
    member: MemberCode,
    paragraphs: Vec<Paragraph>,
) -> Result<Vec<Event>, Rejection> {
    let target = pending_draft(meeting, &draft)?;
    require_mover(target, member, "revise it (spec section 3.9)")?;
    check_text(&draft, &paragraphs)?;
    let mut amendments = meeting
        .amendments()
        .iter()
        .filter(|amendment| amendment.draft == draft);
    if let Some(amendment) = amendments
        .clone()
        .find(|amendment| amendment.verdict.is_none())
    {
        return Err(Rejection::AmendmentPendingOnRevision {
            draft,
            amendment: amendment.id.clone(),
        });
    }
    if let Some(amendment) = amendments.next() {
        return Err(Rejection::DraftVotingBegun {
            item: format!("amendment {}", amendment.id),
            draft,
        });
    }
    if let Some(request) = target
        .separate_votes
        .iter()
        .find(|request| request.verdict.is_some())
    {
        return Err(Rejection::DraftVotingBegun {
            item: format!("paragraph {} voted separately", request.paragraph),
            draft,
        });
    }
    Ok(vec![Event::DraftRevised {
        draft,
        revision: target.revision + 1,
        paragraphs,
    }])
}

/// A draft's text has a paragraph and no label twice.
fn check_text(symbol: &str, paragraphs: &[Paragraph]) -> Result<(), Rejection> {
    if paragraphs.is_empty() {
        return Err(Rejection::EmptyDraft {
            symbol: symbol.to_owned(),
        });
    }
    let mut labels = BTreeSet::new();
    for paragraph in paragraphs {
        if !labels.insert(paragraph.label.as_str()) {
            return Err(Rejection::DuplicateParagraph {
                symbol: symbol.to_owned(),
                paragraph: paragraph.label.clone(),
            });
        }
    }
    Ok(())
}

fn formal_business(business: &str) -> Rejection {
    Rejection::FormalBusinessInConsultations {
        business: business.to_owned(),
    }
}

fn distinct(members: &[MemberCode]) -> Result<(), Rejection> {
    let mut seen = BTreeSet::new();
    for member in members {
        if !seen.insert(*member) {
            return Err(Rejection::DuplicateMember { member: *member });
        }
    }
    Ok(())
}

/// A draft moved by an invited State is voted only at a Council member's request (Rule 38).
fn require_vote_requested(meeting: &Meeting, draft: &Draft) -> Result<(), Rejection> {
    let moved_by_member = meeting
        .details()
        .is_some_and(|details| details.composition.contains(draft.mover));
    if moved_by_member || draft.vote_requested_by.is_some() {
        Ok(())
    } else {
        Err(Rejection::VoteNotRequested {
            draft: draft.symbol.clone(),
            mover: draft.mover,
        })
    }
}

/// Only a draft's mover may do this with it (Rules 32 and 35; spec section 3.9).
fn require_mover(
    target: &Draft,
    member: MemberCode,
    action: &'static str,
) -> Result<(), Rejection> {
    if member == target.mover {
        Ok(())
    } else {
        Err(Rejection::NotTheMover {
            symbol: target.symbol.clone(),
            member,
            mover: target.mover,
            action,
        })
    }
}

/// Whether a State was invited to the meeting under Rule 37 or Art. 32.
fn invited_state(meeting: &Meeting, state: MemberCode) -> bool {
    meeting
        .invitations()
        .iter()
        .any(|invitation| invitation.participant == Participant::State { state })
}

fn invite(
    meeting: &Meeting,
    details: &MeetingDetails,
    participant: Participant,
    basis: InvitationBasis,
) -> Result<Vec<Event>, Rejection> {
    let describe = |participant: &Participant| match participant {
        Participant::State { state } => state.to_string(),
        Participant::Person { name, .. } => name.clone(),
    };
    match (&participant, basis) {
        (Participant::State { state }, InvitationBasis::Rule37 | InvitationBasis::Article32) => {
            if !details.format.is_formal() {
                return Err(Rejection::StateInvitedToConsultations { state: *state });
            }
            if details.composition.contains(*state) {
                return Err(Rejection::CouncilMemberInvited { state: *state });
            }
        }
        (Participant::Person { .. }, InvitationBasis::Rule39) => {}
        _ => {
            return Err(Rejection::WrongInvitationBasis {
                participant: describe(&participant),
                basis: basis.citation().to_owned(),
            });
        }
    }
    if meeting
        .invitations()
        .iter()
        .any(|invitation| invitation.participant == participant)
    {
        return Err(Rejection::AlreadyInvited {
            participant: describe(&participant),
        });
    }
    Ok(vec![Event::ParticipantInvited { participant, basis }])
}

/// The statement, if it has not been concluded.
fn open_statement<'m>(meeting: &'m Meeting, id: &str) -> Result<&'m Statement, Rejection> {
    let statement = meeting
        .statement(id)
        .ok_or_else(|| Rejection::UnknownStatement { id: id.to_owned() })?;
    if statement.outcome.is_some() {
        return Err(Rejection::StatementAlreadyConcluded { id: id.to_owned() });
    }
    Ok(statement)
}

fn known_draft<'m>(meeting: &'m Meeting, symbol: &str) -> Result<&'m Draft, Rejection> {
    meeting
        .draft(symbol)
        .ok_or_else(|| Rejection::UnknownDraft {
            symbol: symbol.to_owned(),
        })
}

/// The draft, if it is still to be voted.
fn pending_draft<'m>(meeting: &'m Meeting, symbol: &str) -> Result<&'m Draft, Rejection> {
    let draft = known_draft(meeting, symbol)?;
    match draft.status {
        DraftStatus::Pending => Ok(draft),
        DraftStatus::Withdrawn => Err(Rejection::DraftWithdrawn {
            symbol: symbol.to_owned(),
        }),
        DraftStatus::Voted(_) => Err(Rejection::DraftAlreadyVoted {
            symbol: symbol.to_owned(),
        }),
    }
}

fn require_paragraph(draft: &Draft, label: &str) -> Result<(), Rejection> {
    if draft
        .paragraphs
        .iter()
        .any(|paragraph| paragraph.label == label)
    {
        Ok(())
    } else {
        Err(Rejection::UnknownParagraph {
            symbol: draft.symbol.clone(),
            paragraph: label.to_owned(),
        })
    }
}

/// The draft's text with the amendment's changes made, or the paragraph they miss.
fn apply_changes(draft: &Draft, changes: &[AmendmentChange]) -> Result<Vec<Paragraph>, Rejection> {
    let mut paragraphs = draft.paragraphs.clone();
    let position = |paragraphs: &[Paragraph], label: &str| {
        paragraphs
            .iter()
            .position(|paragraph| paragraph.label == label)
            .ok_or_else(|| Rejection::UnknownParagraph {
                symbol: draft.symbol.clone(),
                paragraph: label.to_owned(),
            })
    };
    for change in changes {
        match change {
            AmendmentChange::Replace { paragraph, text } => {
                let index = position(&paragraphs, paragraph)?;
                paragraphs[index].text.clone_from(text);
            }
            AmendmentChange::Insert {
                after,
                new_paragraph,
            } => {
                if paragraphs
                    .iter()
                    .any(|paragraph| paragraph.label == new_paragraph.label)
                {
                    return Err(Rejection::DuplicateParagraph {
                        symbol: draft.symbol.clone(),
                        paragraph: new_paragraph.label.clone(),
                    });
                }
                let index = match after {
                    Some(label) => position(&paragraphs, label)? + 1,
                    None => 0,
                };
                paragraphs.insert(index, new_paragraph.clone());
            }
            AmendmentChange::Delete { paragraph } => {
                let index = position(&paragraphs, paragraph)?;
                paragraphs.remove(index);
            }
        }
    }
    Ok(paragraphs)
}

/// The draft whose business comes next: the first pending draft given priority, otherwise
/// the first pending draft in order of submission (Rule 32).
fn next_draft(meeting: &Meeting) -> Option<&Draft> {
    let mut pending = meeting.drafts().iter().filter(|draft| draft.is_pending());
    meeting
        .drafts()
        .iter()
        .find(|draft| draft.is_pending() && draft.priority)
        .or_else(|| pending.next())
}

fn require_next(meeting: &Meeting, draft: &Draft) -> Result<(), Rejection> {
    match next_draft(meeting) {
        Some(next) if next.symbol != draft.symbol => Err(Rejection::EarlierDraftPending {
            symbol: draft.symbol.clone(),
            earlier: next.symbol.clone(),
        }),
        _ => Ok(()),
    }
}

/// A draft, or a part of it, is put to the vote only in its final form, "in blue" (spec
/// section 3.9: "a draft 'in blue' is the final text to be voted").
fn require_in_blue(draft: &Draft) -> Result<(), Rejection> {
    if draft.in_blue {
        Ok(())
    } else {
        Err(Rejection::DraftNotInBlue {
            draft: draft.symbol.clone(),
        })
    }
}

fn require_amendments_voted(meeting: &Meeting, draft: &Draft) -> Result<(), Rejection> {
    match meeting
        .amendments()
        .iter()
        .find(|amendment| amendment.draft == draft.symbol && amendment.verdict.is_none())
    {
        Some(amendment) => Err(Rejection::AmendmentPending {
            symbol: draft.symbol.clone(),
            amendment: amendment.id.clone(),
        }),
        None => Ok(()),
    }
}

/// Checks that `item` may be put to the vote now.
fn check_order(meeting: &Meeting, item: &VoteItem) -> Result<(), Rejection> {
    match item {
        VoteItem::Agenda => {
            if meeting.agenda_status() == AgendaStatus::Adopted {
                return Err(Rejection::AgendaAlreadyAdopted);
            }
        }
        VoteItem::Priority { draft } => {
            let target = pending_draft(meeting, draft)?;
            if next_draft(meeting).is_some_and(|next| next.symbol == target.symbol) {
                return Err(Rejection::PriorityNotNeeded {
                    symbol: draft.clone(),
                });
            }
        }
        VoteItem::PreliminaryQuestion { draft } => {
            let target = pending_draft(meeting, draft)?;
            require_next(meeting, target)?;
            if target.character_disputed_by.is_none() || target.character_decided.is_some() {
                return Err(Rejection::NoPreliminaryQuestion {
                    symbol: draft.clone(),
                });
            }
        }
        VoteItem::Amendment { amendment } => {
            let proposal =
                meeting
                    .amendment(amendment)
                    .ok_or_else(|| Rejection::UnknownAmendment {
                        id: amendment.clone(),
                    })?;
            if proposal.verdict.is_some() {
                return Err(Rejection::AmendmentAlreadyVoted {
                    id: amendment.clone(),
                });
            }
            let target = pending_draft(meeting, &proposal.draft)?;
            require_next(meeting, target)?;
            apply_changes(target, &proposal.changes)?;
        }
        VoteItem::Paragraph { draft, paragraph } => {
            let target = pending_draft(meeting, draft)?;
            require_next(meeting, target)?;
            require_in_blue(target)?;
            require_amendments_voted(meeting, target)?;
            if !target
                .separate_votes
                .iter()
                .any(|request| &request.paragraph == paragraph && request.is_due())
            {
                return Err(Rejection::SeparateVoteNotDue {
                    symbol: draft.clone(),
                    paragraph: paragraph.clone(),
                });
            }
            require_paragraph(target, paragraph)?;
        }
        VoteItem::Draft { draft } => {
            let target = pending_draft(meeting, draft)?;
            require_next(meeting, target)?;
            require_in_blue(target)?;
            require_vote_requested(meeting, target)?;
            require_amendments_voted(meeting, target)?;
            if let (Some(member), None) = (target.character_disputed_by, target.character_decided) {
                return Err(Rejection::PreliminaryQuestionPending {
                    symbol: draft.clone(),
                    member,
                });
            }
            if let Some(request) = target.separate_votes.iter().find(|request| {
                request.is_due()
                    && target
                        .paragraphs
                        .iter()
                        .any(|paragraph| paragraph.label == request.paragraph)
            }) {
                return Err(Rejection::SeparateVotePending {
                    symbol: draft.clone(),
                    paragraph: request.paragraph.clone(),
                });
            }
        }
    }
    Ok(())
}

/// The question a vote on `item` puts: its subject and, for a draft's non-procedural
/// business, the parties obliged to abstain.
fn question_for(meeting: &Meeting, item: &VoteItem) -> Result<Question, Rejection> {
    let draft_question = |symbol: &str, subject_if_substantive: Subject| {
        let draft = known_draft(meeting, symbol)?;
        if draft.is_procedural() && subject_if_substantive == Subject::DraftResolution {
            return Ok(Question::new(Subject::ProceduralMotion));
        }
        Question::new(subject_if_substantive)
            .with_parties_to_dispute(draft.parties_to_dispute.iter().copied())
    };
    match item {
        VoteItem::Agenda | VoteItem::Priority { .. } => {
            Ok(Question::new(Subject::ProceduralMotion))
        }
        VoteItem::PreliminaryQuestion { .. } => Ok(Question::new(Subject::PreliminaryQuestion)),
        VoteItem::Amendment { amendment } => {
            let draft = meeting
                .amendment(amendment)
                .map(|proposal| proposal.draft.clone())
                .ok_or_else(|| Rejection::UnknownAmendment {
                    id: amendment.clone(),
                })?;
            draft_question(&draft, Subject::Amendment)
        }
        VoteItem::Paragraph { draft, .. } | VoteItem::Draft { draft } => {
            draft_question(draft, Subject::DraftResolution)
        }
    }
}

fn record_vote(
    meeting: &Meeting,
    details: &MeetingDetails,
    ballot: &Ballot,
) -> Result<Vec<Event>, Rejection> {
    let (item, casts) = meeting.voting().ok_or(Rejection::NoVoteInProgress)?;
    let ballot = Ballot::new(casts.iter().copied().chain(ballot.iter()))?;
    let question = question_for(meeting, item)?;
    let outcome = decide_vote(&details.composition, &question, &ballot)?;
    let adopted = outcome.adopted();
    let mut events = vec![Event::VoteTaken {
        item: item.clone(),
        ballot,
        outcome,
    }];
    match item {
        VoteItem::Agenda if adopted => events.push(Event::AgendaAdopted { by_vote: true }),
        VoteItem::Agenda => events.push(Event::AgendaNotAdopted),
        VoteItem::Priority { draft } if adopted => events.push(Event::PriorityGiven {
            draft: draft.clone(),
        }),
        // The preliminary question asks whether the matter is procedural: if it fails or is
        // vetoed, the matter is non-procedural (spec section 3.7).
        VoteItem::PreliminaryQuestion { draft } => {
            events.push(Event::ProceduralCharacterDecided {
                draft: draft.clone(),
                procedural: adopted,
            });
        }
        VoteItem::Amendment { amendment } if adopted => {
            if let Some(proposal) = meeting.amendment(amendment) {
                let draft = known_draft(meeting, &proposal.draft)?;
                events.push(Event::DraftAmended {
                    draft: draft.symbol.clone(),
                    amendment: amendment.clone(),
                    paragraphs: apply_changes(draft, &proposal.changes)?,
                });
            }
        }
        // A part rejected in a separate vote leaves the text put to the final vote.
        VoteItem::Paragraph { draft, paragraph } if !adopted => {
            events.push(Event::ParagraphRemoved {
                draft: draft.clone(),
                paragraph: paragraph.clone(),
            });
        }
        _ => {}
    }
    Ok(events)
}

#[cfg(test)]
mod tests {
    //! Each rule as given events, a command, and the events or rejection that follow.

    use chrono::{NaiveDate, NaiveDateTime};

    use super::*;
    use crate::composition::Composition;
    use crate::meeting::{MeetingFormat, evolve};
    use crate::member::SeatedMember;
    use crate::vote::Position;

    /// The Council of 20 November 2024 (spec section 1.5).
    const COUNCIL_2024: [(&str, &str, bool); 15] = [
        ("DZA", "Algeria", false),
        ("CHN", "China", true),
        ("ECU", "Ecuador", false),
        ("FRA", "France", true),
        ("GUY", "Guyana", false),
        ("JPN", "Japan", false),
        ("MLT", "Malta", false),
        ("MOZ", "Mozambique", false),
        ("KOR", "Republic of Korea", false),
        ("RUS", "Russian Federation", true),
        ("SLE", "Sierra Leone", false),
        ("SVN", "Slovenia", false),
        ("CHE", "Switzerland", false),
        ("GBR", "United Kingdom", true),
        ("USA", "United States", true),
    ];

    fn code(text: &str) -> MemberCode {
        MemberCode::parse(text).unwrap()
    }

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 11, 20).unwrap()
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn open(format: MeetingFormat) -> Command {
        let members = COUNCIL_2024
            .iter()
            .map(|(text, name, permanent)| SeatedMember::new(code(text), *name, *permanent))
            .collect();
        Command::OpenMeeting {
            date: date(),
            format,
            meeting_number: format.is_formal().then_some(9790),
            composition: Composition::new(date(), members).unwrap(),
            president: code("GBR"),
            agenda: vec!["The situation in the Middle East".to_owned()],
            requested_by: Vec::new(),
        }
    }

    fn submit(symbol: &str, mover: &str) -> Command {
        Command::SubmitDraft {
            symbol: symbol.to_owned(),
            sponsors: vec![code(mover)],
            mover: code(mover),
            paragraphs: vec![
                Paragraph::new("OP1", "Demands a ceasefire."),
                Paragraph::new("OP2", "Decides to remain seized of the matter."),
            ],
            procedural: false,
            parties_to_dispute: Vec::new(),
        }
    }

    fn blue(symbol: &str, mover: &str) -> Command {
        Command::PutDraftInBlue {
            draft: symbol.to_owned(),
            member: code(mover),
        }
    }

    fn amend(id: &str, draft: &str, changes: Vec<AmendmentChange>) -> Command {
        Command::SubmitAmendment {
            id: id.to_owned(),
            draft: draft.to_owned(),
            proposed_by: code("RUS"),
            oral: true,
            changes,
        }
    }

    fn put(item: VoteItem) -> Command {
        Command::PutToVote { item }
    }

    fn draft_item(symbol: &str) -> VoteItem {
        VoteItem::Draft {
            draft: symbol.to_owned(),
        }
    }

    /// Every member votes yes except those listed with another position.
    fn ballot(exceptions: &[(&str, Position)]) -> Ballot {
        Ballot::new(COUNCIL_2024.iter().map(|(text, _, _)| {
            let position = exceptions
                .iter()
                .find(|(member, _)| member == text)
                .map_or(Position::Yes, |(_, position)| *position);
            (code(text), position)
        }))
        .unwrap()
    }

    fn record(exceptions: &[(&str, Position)]) -> Command {
        Command::RecordVote {
            ballot: ballot(exceptions),
        }
    }

    /// The events of a sequence of commands, each of which must be accepted.
    ///
    /// Every event also goes through the stored format, so each scenario checks that the
    /// event store can give back what it was given.
    fn given(commands: Vec<Command>) -> Vec<Event> {
        let mut events = Vec::new();
        let mut meeting = Meeting::default();
        for command in commands {
            let name = command.name();
            let new_events = decide(&meeting, command)
                .unwrap_or_else(|rejection| panic!("given {name}: {rejection}"));
            meeting = new_events.iter().fold(meeting, evolve);
            new_events.iter().for_each(assert_round_trips);
            events.extend(new_events);
        }
        events
    }

    /// The event reads back from its JSON as itself, tagged with its `kind`.
    fn assert_round_trips(event: &Event) {
        let json = serde_json::to_value(event).unwrap();
        assert_eq!(json["kind"], event.kind(), "{json}");
        let read_back: Event = serde_json::from_value(json.clone())
            .unwrap_or_else(|error| panic!("{} does not read back: {error}\n{json}", event.kind()));
        assert_eq!(&read_back, event);
    }

    /// A public meeting whose agenda was adopted.
    fn formal() -> Vec<Command> {
        vec![open(MeetingFormat::PublicMeeting), Command::AdoptAgenda]
    }

    fn with(mut commands: Vec<Command>, more: impl IntoIterator<Item = Command>) -> Vec<Command> {
        commands.extend(more);
        commands
    }

    /// One line per event (its kind and what matters about it), or the rejection.
    fn render(result: &Result<Vec<Event>, Rejection>) -> String {
        match result {
            Err(rejection) => format!("rejected: {rejection}"),
            Ok(events) if events.is_empty() => "no events".to_owned(),
            Ok(events) => events
                .iter()
                .map(|event| match event {
                    Event::VoteTaken { item, outcome, .. } => {
                        let mut line =
                            format!("vote_taken {item}: {} {}", outcome.verdict, outcome.tally);
                        if let Some(debate) = outcome.veto_debate {
                            line.push_str(&format!(", GA debate by {}", debate.convene_by));
                        }
                        line
                    }
                    Event::StatementConcluded { id, outcome } => {
                        let blocked: Vec<String> =
                            outcome.blocked_by.iter().map(ToString::to_string).collect();
                        format!(
                            "statement_concluded {id}: {} blocked by [{}]",
                            outcome.verdict,
                            blocked.join(", ")
                        )
                    }
                    Event::MeetingOpened { .. } => "meeting_opened".to_owned(),
                    other => {
                        let mut value = serde_json::to_value(other).unwrap();
                        if let Some(object) = value.as_object_mut() {
                            object.remove("kind");
                        }
                        match value.as_object() {
                            Some(object) if !object.is_empty() => {
                                format!("{} {value}", other.kind())
                            }
                            _ => other.kind().to_owned(),
                        }
                    }
                })
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// Given the events of `given_commands`, when `command` is decided, then `expected`.
    fn check(given_events: Vec<Event>, command: Command, expected: &str) {
        let meeting = Meeting::replay(&given_events);
        let result = decide(&meeting, command);
        if let Ok(events) = &result {
            events.iter().for_each(assert_round_trips);
        }
        let actual = render(&result);
        assert_eq!(actual, expected.trim(), "\nactual:\n{actual}\n");
    }

    #[test]
    fn nothing_happens_before_the_meeting_is_opened() {
        check(
            Vec::new(),
            Command::AdoptAgenda,
            "rejected: the meeting has not been opened",
        );
    }

    #[test]
    fn the_president_must_be_a_member_of_the_council() {
        let Command::OpenMeeting {
            date,
            format,
            meeting_number,
            composition,
            agenda,
            requested_by,
            ..
        } = open(MeetingFormat::PublicMeeting)
        else {
            unreachable!()
        };
        check(
            Vec::new(),
            Command::OpenMeeting {
                date,
                format,
                meeting_number,
                composition,
                president: code("BRA"),
                agenda,
                requested_by,
            },
            "rejected: BRA is not a member of the Security Council on 2024-11-20",
        );
    }

    #[test]
    fn closed_consultations_have_no_meeting_number() {
        let Command::OpenMeeting {
            date,
            composition,
            president,
            agenda,
            requested_by,
            ..
        } = open(MeetingFormat::PublicMeeting)
        else {
            unreachable!()
        };
        check(
            Vec::new(),
            Command::OpenMeeting {
                date,
                format: MeetingFormat::ClosedConsultations,
                meeting_number: Some(9442),
                composition,
                president,
                agenda,
                requested_by,
            },
            "rejected: closed consultations are informal and have no meeting number or S/PV record; meeting number 9442 belongs to a formal meeting",
        );
    }

    #[test]
    fn the_agenda_is_the_first_business_of_a_formal_meeting() {
        check(
            given(vec![open(MeetingFormat::PublicMeeting)]),
            submit("S/2024/835", "GUY"),
            "rejected: the agenda has not been adopted yet: adopting it is the first business of a formal meeting (rule 9)",
        );
    }

    #[test]
    fn the_agenda_is_adopted_without_objection() {
        check(
            given(vec![open(MeetingFormat::PublicMeeting)]),
            Command::AdoptAgenda,
            r#"agenda_adopted {"by_vote":false}"#,
        );
    }

    #[test]
    fn a_failed_agenda_vote_means_the_meeting_does_not_proceed() {
        // 28 March 2024, 9592nd meeting: 6 in favour, 0 against, 9 abstentions (spec T43).
        let abstaining = [
            "DZA", "CHN", "ECU", "FRA", "GUY", "JPN", "MLT", "MOZ", "KOR",
        ]
        .map(|member| (member, Position::Abstain));
        check(
            given(vec![
                open(MeetingFormat::PublicMeeting),
                put(VoteItem::Agenda),
            ]),
            record(&abstaining),
            "
vote_taken the provisional agenda: insufficient_votes 6-0-9
agenda_not_adopted",
        );
        let events = given(vec![
            open(MeetingFormat::PublicMeeting),
            put(VoteItem::Agenda),
            record(&abstaining),
        ]);
        check(
            events.clone(),
            submit("S/2024/1", "RUS"),
            "rejected: the agenda was not adopted, so the meeting does not proceed (rule 9)",
        );
        check(events, Command::CloseMeeting, "meeting_closed");
    }

    #[test]
    fn the_agenda_vote_is_procedural_so_a_permanent_member_cannot_veto_it() {
        check(
            given(vec![
                open(MeetingFormat::PublicMeeting),
                put(VoteItem::Agenda),
            ]),
            record(&[("RUS", Position::No)]),
            "
vote_taken the provisional agenda: adopted 14-1-0
agenda_adopted {\"by_vote\":true}",
        );
    }

    #[test]
    fn nothing_happens_after_the_meeting_closed() {
        check(
            given(with(formal(), [Command::CloseMeeting])),
            submit("S/2024/835", "GUY"),
            "rejected: the meeting has closed: nothing more can happen in it",
        );
    }

    #[test]
    fn states_are_invited_under_rule_37_and_briefers_under_rule_39() {
        check(
            given(formal()),
            Command::InviteParticipant {
                participant: Participant::State { state: code("ISR") },
                basis: InvitationBasis::Rule37,
            },
            r#"participant_invited {"basis":"rule37","participant":{"participant":"state","state":"ISR"}}"#,
        );
        check(
            given(formal()),
            Command::InviteParticipant {
                participant: Participant::Person {
                    name: "Tor Wennesland".to_owned(),
                    title: "Special Coordinator".to_owned(),
                },
                basis: InvitationBasis::Rule37,
            },
            "rejected: Tor Wennesland cannot be invited under rule 37: rule 37 and Article 32 invite States, rule 39 other persons",
        );
        check(
            given(formal()),
            Command::InviteParticipant {
                participant: Participant::State { state: code("FRA") },
                basis: InvitationBasis::Rule37,
            },
            "rejected: FRA is a member of the Security Council and takes part with a vote; rule 37 invites States that are not",
        );
    }

    #[test]
    fn closed_consultations_admit_briefers_but_not_other_states() {
        let consultations = given(vec![open(MeetingFormat::ClosedConsultations)]);
        check(
            consultations.clone(),
            Command::InviteParticipant {
                participant: Participant::State { state: code("ISR") },
                basis: InvitationBasis::Rule37,
            },
            "rejected: ISR cannot be invited to closed consultations: only Council members and Secretariat briefers attend them",
        );
        check(
            consultations,
            Command::InviteParticipant {
                participant: Participant::Person {
                    name: "Tor Wennesland".to_owned(),
                    title: "Special Coordinator".to_owned(),
                },
                basis: InvitationBasis::Rule39,
            },
            r#"participant_invited {"basis":"rule39","participant":{"name":"Tor Wennesland","participant":"person","title":"Special Coordinator"}}"#,
        );
    }

    #[test]
    fn closed_consultations_take_no_votes() {
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                submit("S/2024/1", "MLT"),
                blue("S/2024/1", "MLT"),
            ]),
            put(draft_item("S/2024/1")),
            "rejected: a vote needs a formal meeting: closed consultations are informal and take no formal decisions",
        );
    }

    #[test]
    fn sponsors_may_include_states_not_on_the_council() {
        let mut command = submit("S/2023/970", "ARE");
        if let Command::SubmitDraft {
            sponsors, mover, ..
        } = &mut command
        {
            // S/2023/970 was moved by the UAE, a member in 2023, with non-member co-sponsors.
            *sponsors = vec![code("GUY"), code("BRA"), code("TUR")];
            *mover = code("GUY");
        }
        check(
            given(formal()),
            command,
            r#"draft_submitted {"mover":"GUY","paragraphs":[{"label":"OP1","text":"Demands a ceasefire."},{"label":"OP2","text":"Decides to remain seized of the matter."}],"parties_to_dispute":[],"procedural":false,"sponsors":["GUY","BRA","TUR"],"symbol":"S/2023/970"}"#,
        );
    }

    #[test]
    fn a_veto_carries_the_general_assembly_debate_deadline() {
        // S/2024/835, 20 November 2024: 14-1-0, the United States against (spec section 7b).
        check(
            given(with(
                formal(),
                [
                    submit("S/2024/835", "GUY"),
                    blue("S/2024/835", "GUY"),
                    put(draft_item("S/2024/835")),
                ],
            )),
            record(&[("USA", Position::No)]),
            "vote_taken draft S/2024/835: vetoed 14-1-0, GA debate by 2024-12-05",
        );
    }

    #[test]
    fn a_draft_is_voted_once() {
        check(
            given(with(
                formal(),
                [
                    submit("S/2024/835", "GUY"),
                    blue("S/2024/835", "GUY"),
                    put(draft_item("S/2024/835")),
                    record(&[("USA", Position::No)]),
                ],
            )),
            put(draft_item("S/2024/835")),
            "rejected: draft S/2024/835 has already been put to the vote; a draft is voted once",
        );
    }

    #[test]
    fn only_council_members_vote() {
        let events = given(with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                blue("S/2024/835", "GUY"),
                put(draft_item("S/2024/835")),
            ],
        ));
        check(
            events.clone(),
            Command::CastVote {
                member: code("BRA"),
                position: Position::Yes,
            },
            "rejected: BRA is not a member of the Security Council on 2024-11-20",
        );
        check(
            events,
            Command::RecordVote {
                ballot: Ballot::new([(code("ISR"), Position::No)]).unwrap(),
            },
            "rejected: ISR is not a member of the Security Council on 2024-11-20",
        );
    }

    #[test]
    fn votes_cast_one_by_one_join_the_recorded_ballot() {
        let events = given(with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                blue("S/2024/835", "GUY"),
                put(draft_item("S/2024/835")),
                Command::CastVote {
                    member: code("USA"),
                    position: Position::No,
                },
            ],
        ));
        check(
            events.clone(),
            Command::CastVote {
                member: code("USA"),
                position: Position::Yes,
            },
            "rejected: USA has already voted on the question before the Council (each member has one vote, Art. 27(1))",
        );
        let others = COUNCIL_2024
            .iter()
            .filter(|(text, _, _)| *text != "USA")
            .map(|(text, _, _)| (code(text), Position::Yes));
        check(
            events,
            Command::RecordVote {
                ballot: Ballot::new(others).unwrap(),
            },
            "vote_taken draft S/2024/835: vetoed 14-1-0, GA debate by 2024-12-05",
        );
    }

    #[test]
    fn no_other_business_while_a_vote_is_open() {
        check(
            given(with(
                formal(),
                [
                    submit("S/2024/835", "GUY"),
                    blue("S/2024/835", "GUY"),
                    put(draft_item("S/2024/835")),
                ],
            )),
            Command::CloseMeeting,
            "rejected: the Council is voting on draft S/2024/835; no other business until the vote is recorded",
        );
    }

    #[test]
    fn drafts_are_voted_in_order_of_submission() {
        // 16 October 2023: the Russian draft, submitted first, was voted first (spec E16).
        check(
            given(with(
                formal(),
                [
                    submit("S/2023/772", "RUS"),
                    blue("S/2023/772", "RUS"),
                    submit("S/2023/773", "GUY"),
                    blue("S/2023/773", "GUY"),
                ],
            )),
            put(draft_item("S/2023/773")),
            "rejected: draft S/2023/773 cannot be voted yet: draft S/2023/772 was submitted earlier and drafts are voted in order of submission unless the Council decides otherwise (rule 32)",
        );
    }

    #[test]
    fn the_council_may_give_a_later_draft_priority_by_a_procedural_vote() {
        let events = given(with(
            formal(),
            [
                submit("S/2023/772", "RUS"),
                blue("S/2023/772", "RUS"),
                submit("S/2023/773", "GUY"),
                blue("S/2023/773", "GUY"),
                put(VoteItem::Priority {
                    draft: "S/2023/773".to_owned(),
                }),
            ],
        ));
        check(
            events.clone(),
            record(&[("RUS", Position::No)]),
            r#"
vote_taken priority for draft S/2023/773: adopted 14-1-0
priority_given {"draft":"S/2023/773"}"#,
        );
        let events = given(with(
            formal(),
            [
                submit("S/2023/772", "RUS"),
                blue("S/2023/772", "RUS"),
                submit("S/2023/773", "GUY"),
                blue("S/2023/773", "GUY"),
                put(VoteItem::Priority {
                    draft: "S/2023/773".to_owned(),
                }),
                record(&[("RUS", Position::No)]),
            ],
        ));
        check(
            events,
            put(draft_item("S/2023/773")),
            r#"voting_opened {"item":{"draft":"S/2023/773","item":"draft"}}"#,
        );
    }

    #[test]
    fn a_withdrawn_draft_loses_its_turn_until_taken_over() {
        let events = given(with(
            formal(),
            [
                submit("S/2016/1", "GUY"),
                blue("S/2016/1", "GUY"),
                submit("S/2016/2", "MLT"),
                blue("S/2016/2", "MLT"),
                Command::WithdrawDraft {
                    draft: "S/2016/1".to_owned(),
                    member: code("GUY"),
                },
            ],
        ));
        check(
            events.clone(),
            put(draft_item("S/2016/1")),
            "rejected: draft S/2016/1 has been withdrawn (rule 35); a member may take it over",
        );
        check(
            events.clone(),
            put(draft_item("S/2016/2")),
            r#"voting_opened {"item":{"draft":"S/2016/2","item":"draft"}}"#,
        );
        // Resolution 2334 (2016): Egypt withdrew, co-sponsors took the draft over (spec E22).
        check(
            events,
            Command::TakeOverDraft {
                draft: "S/2016/1".to_owned(),
                member: code("MOZ"),
            },
            r#"draft_taken_over {"draft":"S/2016/1","member":"MOZ"}"#,
        );
    }

    #[test]
    fn only_the_mover_withdraws_a_draft() {
        check(
            given(with(
                formal(),
                [submit("S/2016/1", "GUY"), blue("S/2016/1", "GUY")],
            )),
            Command::WithdrawDraft {
                draft: "S/2016/1".to_owned(),
                member: code("USA"),
            },
            "rejected: USA did not move draft S/2016/1; only its mover, GUY, may withdraw it (rule 35)",
        );
    }

    #[test]
    fn a_draft_not_withdrawn_cannot_be_taken_over() {
        check(
            given(with(
                formal(),
                [submit("S/2016/1", "GUY"), blue("S/2016/1", "GUY")],
            )),
            Command::TakeOverDraft {
                draft: "S/2016/1".to_owned(),
                member: code("MOZ"),
            },
            "rejected: draft S/2016/1 has not been withdrawn, so it cannot be taken over (rule 35)",
        );
    }

    #[test]
    fn amendments_are_voted_before_the_draft() {
        let replace = vec![AmendmentChange::Replace {
            paragraph: "OP1".to_owned(),
            text: "Demands an urgent suspension of hostilities.".to_owned(),
        }];
        check(
            given(with(
                formal(),
                [
                    submit("S/2023/1", "MLT"),
                    blue("S/2023/1", "MLT"),
                    amend("A1", "S/2023/1", replace),
                ],
            )),
            put(draft_item("S/2023/1")),
            "rejected: draft S/2023/1 cannot be voted before amendment `A1` to it (rules 33 and 36)",
        );
    }

    #[test]
    fn amendments_to_a_later_draft_wait_for_the_earlier_draft() {
        let replace = vec![AmendmentChange::Replace {
            paragraph: "OP1".to_owned(),
            text: "Condemns all violence.".to_owned(),
        }];
        check(
            given(with(
                formal(),
                [
                    submit("S/2023/772", "RUS"),
                    blue("S/2023/772", "RUS"),
                    submit("S/2023/773", "GUY"),
                    blue("S/2023/773", "GUY"),
                    amend("A1", "S/2023/773", replace),
                ],
            )),
            put(VoteItem::Amendment {
                amendment: "A1".to_owned(),
            }),
            "rejected: draft S/2023/773 cannot be voted yet: draft S/2023/772 was submitted earlier and drafts are voted in order of submission unless the Council decides otherwise (rule 32)",
        );
    }

    #[test]
    fn an_adopted_amendment_changes_the_draft_text() {
        let changes = vec![
            AmendmentChange::Replace {
                paragraph: "OP1".to_owned(),
                text: "Demands a humanitarian pause.".to_owned(),
            },
            AmendmentChange::Insert {
                after: Some("OP1".to_owned()),
                new_paragraph: Paragraph::new("OP1bis", "Condemns all attacks on civilians."),
            },
        ];
        check(
            given(with(
                formal(),
                [
                    submit("S/2023/1", "MLT"),
                    blue("S/2023/1", "MLT"),
                    amend("A1", "S/2023/1", changes),
                    put(VoteItem::Amendment {
                        amendment: "A1".to_owned(),
                    }),
                ],
            )),
            record(&[]),
            r#"
vote_taken amendment A1: adopted 15-0-0
draft_amended {"amendment":"A1","draft":"S/2023/1","paragraphs":[{"label":"OP1","text":"Demands a humanitarian pause."},{"label":"OP1bis","text":"Condemns all attacks on civilians."},{"label":"OP2","text":"Decides to remain seized of the matter."}]}"#,
        );
    }

    #[test]
    fn an_amendment_is_subject_to_the_veto_and_triggers_the_general_assembly_debate() {
        // 22 December 2023: the US vetoed a Russian amendment, 10-1-4 (spec T37, E15).
        let replace = vec![AmendmentChange::Replace {
            paragraph: "OP1".to_owned(),
            text: "Calls for an urgent suspension of hostilities.".to_owned(),
        }];
        let events = given(with(
            formal(),
            [
                submit("S/2023/1", "MLT"),
                blue("S/2023/1", "MLT"),
                amend("A1", "S/2023/1", replace),
                put(VoteItem::Amendment {
                    amendment: "A1".to_owned(),
                }),
                record(&[
                    ("USA", Position::No),
                    ("GBR", Position::Abstain),
                    ("FRA", Position::Abstain),
                    ("JPN", Position::Abstain),
                    ("CHE", Position::Abstain),
                ]),
            ],
        ));
        let meeting = Meeting::replay(&events);
        assert_eq!(
            meeting.draft("S/2023/1").unwrap().paragraphs[0].text,
            "Demands a ceasefire."
        );
        assert_eq!(
            render(&Ok(events[events.len() - 1..].to_vec())),
            "vote_taken amendment A1: vetoed 10-1-4, GA debate by 2024-12-05"
        );
        check(
            events,
            put(draft_item("S/2023/1")),
            r#"voting_opened {"item":{"draft":"S/2023/1","item":"draft"}}"#,
        );
    }

    #[test]
    fn an_amendment_must_name_paragraphs_of_the_draft() {
        check(
            given(with(
                formal(),
                [submit("S/2023/1", "MLT"), blue("S/2023/1", "MLT")],
            )),
            amend(
                "A1",
                "S/2023/1",
                vec![AmendmentChange::Delete {
                    paragraph: "OP9".to_owned(),
                }],
            ),
            "rejected: draft S/2023/1 has no paragraph `OP9`",
        );
    }

    #[test]
    fn parts_are_voted_separately_before_the_whole_and_a_rejected_part_leaves_the_text() {
        let request = Command::RequestSeparateVote {
            draft: "S/2024/1".to_owned(),
            paragraph: "OP1".to_owned(),
            requested_by: code("RUS"),
        };
        let events = given(with(
            formal(),
            [submit("S/2024/1", "GUY"), blue("S/2024/1", "GUY"), request],
        ));
        check(
            events.clone(),
            put(draft_item("S/2024/1")),
            "rejected: draft S/2024/1 cannot be voted as a whole before the separate vote on paragraph `OP1` (rule 32)",
        );
        let events = given(with(
            formal(),
            [
                submit("S/2024/1", "GUY"),
                blue("S/2024/1", "GUY"),
                Command::RequestSeparateVote {
                    draft: "S/2024/1".to_owned(),
                    paragraph: "OP1".to_owned(),
                    requested_by: code("RUS"),
                },
                put(VoteItem::Paragraph {
                    draft: "S/2024/1".to_owned(),
                    paragraph: "OP1".to_owned(),
                }),
            ],
        ));
        check(
            events.clone(),
            record(&[("RUS", Position::No)]),
            r#"
vote_taken paragraph OP1 of draft S/2024/1: vetoed 14-1-0, GA debate by 2024-12-05
paragraph_removed {"draft":"S/2024/1","paragraph":"OP1"}"#,
        );
        let mut after = events;
        after.extend(decide(&Meeting::replay(&after), record(&[("RUS", Position::No)])).unwrap());
        let meeting = Meeting::replay(&after);
        let labels: Vec<&str> = meeting
            .draft("S/2024/1")
            .unwrap()
            .paragraphs
            .iter()
            .map(|paragraph| paragraph.label.as_str())
            .collect();
        assert_eq!(labels, ["OP2"]);
        check(
            after,
            put(draft_item("S/2024/1")),
            r#"voting_opened {"item":{"draft":"S/2024/1","item":"draft"}}"#,
        );
    }

    #[test]
    fn the_mover_may_object_to_a_separate_vote_and_no_one_else_may() {
        let events = given(with(
            formal(),
            [
                submit("S/2024/1", "GUY"),
                blue("S/2024/1", "GUY"),
                Command::RequestSeparateVote {
                    draft: "S/2024/1".to_owned(),
                    paragraph: "OP1".to_owned(),
                    requested_by: code("RUS"),
                },
            ],
        ));
        check(
            events.clone(),
            Command::ObjectToSeparateVote {
                draft: "S/2024/1".to_owned(),
                paragraph: "OP1".to_owned(),
                member: code("USA"),
            },
            "rejected: USA did not move draft S/2024/1; only its mover, GUY, may object to a separate vote (rule 32)",
        );
        let mut objected = events;
        objected.extend(
            decide(
                &Meeting::replay(&objected),
                Command::ObjectToSeparateVote {
                    draft: "S/2024/1".to_owned(),
                    paragraph: "OP1".to_owned(),
                    member: code("GUY"),
                },
            )
            .unwrap(),
        );
        check(
            objected.clone(),
            put(VoteItem::Paragraph {
                draft: "S/2024/1".to_owned(),
                paragraph: "OP1".to_owned(),
            }),
            "rejected: no separate vote on paragraph `OP1` of draft S/2024/1 is due (rule 32: at the request of a representative, unless the mover objects)",
        );
        check(
            objected,
            put(draft_item("S/2024/1")),
            r#"voting_opened {"item":{"draft":"S/2024/1","item":"draft"}}"#,
        );
    }

    #[test]
    fn a_disputed_procedural_character_is_settled_by_the_preliminary_question_first() {
        let mut procedural_draft = submit("S/2022/1", "USA");
        if let Command::SubmitDraft { procedural, .. } = &mut procedural_draft {
            *procedural = true;
        }
        let dispute = Command::DisputeProceduralCharacter {
            draft: "S/2022/1".to_owned(),
            member: code("RUS"),
        };
        let events = given(with(
            formal(),
            [
                procedural_draft.clone(),
                blue("S/2022/1", "USA"),
                dispute.clone(),
            ],
        ));
        check(
            events,
            put(draft_item("S/2022/1")),
            "rejected: draft S/2022/1 cannot be voted before the preliminary question whether it is procedural, which RUS disputed",
        );
        // The double veto: the preliminary question is vetoed, so the matter is
        // non-procedural, and the second negative vote is a veto too (spec section 3.7).
        let preliminary = VoteItem::PreliminaryQuestion {
            draft: "S/2022/1".to_owned(),
        };
        let events = given(with(
            formal(),
            [
                procedural_draft.clone(),
                blue("S/2022/1", "USA"),
                dispute.clone(),
                put(preliminary.clone()),
            ],
        ));
        check(
            events,
            record(&[("RUS", Position::No)]),
            r#"
vote_taken the preliminary question on draft S/2022/1: vetoed 14-1-0, GA debate by 2024-12-05
procedural_character_decided {"draft":"S/2022/1","procedural":false}"#,
        );
        let events = given(with(
            formal(),
            [
                procedural_draft,
                blue("S/2022/1", "USA"),
                dispute,
                put(preliminary),
                record(&[("RUS", Position::No)]),
                put(draft_item("S/2022/1")),
            ],
        ));
        check(
            events,
            record(&[("RUS", Position::No)]),
            "vote_taken draft S/2022/1: vetoed 14-1-0, GA debate by 2024-12-05",
        );
    }

    #[test]
    fn an_undisputed_procedural_draft_cannot_be_vetoed() {
        // Resolution 2623 (2022), adopted 11-1-3 over Russia's negative vote (spec T24).
        let mut procedural_draft = submit("S/2022/1", "USA");
        if let Command::SubmitDraft { procedural, .. } = &mut procedural_draft {
            *procedural = true;
        }
        check(
            given(with(
                formal(),
                [
                    procedural_draft,
                    blue("S/2022/1", "USA"),
                    put(draft_item("S/2022/1")),
                ],
            )),
            record(&[("RUS", Position::No)]),
            "vote_taken draft S/2022/1: adopted 14-1-0",
        );
    }

    #[test]
    fn no_preliminary_question_without_a_dispute() {
        check(
            given(with(
                formal(),
                [submit("S/2022/1", "USA"), blue("S/2022/1", "USA")],
            )),
            put(VoteItem::PreliminaryQuestion {
                draft: "S/2022/1".to_owned(),
            }),
            "rejected: no preliminary question is open on draft S/2022/1",
        );
    }

    #[test]
    fn explanations_of_vote_come_before_or_after_the_vote_in_turn() {
        let explain = |timing| Command::ExplainVote {
            member: code("USA"),
            draft: "S/2024/835".to_owned(),
            timing,
            text: "We could not support it.".to_owned(),
        };
        let before = given(with(
            formal(),
            [submit("S/2024/835", "GUY"), blue("S/2024/835", "GUY")],
        ));
        check(
            before.clone(),
            explain(ExplanationTiming::AfterVote),
            "rejected: USA cannot explain its vote on draft S/2024/835 after the vote: the draft has not been voted yet",
        );
        check(
            before,
            explain(ExplanationTiming::BeforeVote),
            r#"vote_explained {"draft":"S/2024/835","member":"USA","text":"We could not support it.","timing":"before_vote"}"#,
        );
        let after = given(with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                blue("S/2024/835", "GUY"),
                put(draft_item("S/2024/835")),
                record(&[("USA", Position::No)]),
            ],
        ));
        check(
            after,
            explain(ExplanationTiming::BeforeVote),
            "rejected: USA cannot explain its vote on draft S/2024/835 before the vote: the draft has already been voted",
        );
    }

    fn circulate(kind: StatementKind, silence_until: Option<NaiveDateTime>) -> Command {
        Command::CirculateStatement {
            id: "press-1".to_owned(),
            kind,
            text: None,
            silence_until,
        }
    }

    #[test]
    fn a_press_statement_agreed_in_consultations_needs_every_member() {
        // 8 October 2023: no press statement, members led by Russia wanting a broader focus
        // (spec section 7a).
        let events = given(vec![
            open(MeetingFormat::ClosedConsultations),
            circulate(StatementKind::Press, None),
            Command::ObjectToStatement {
                id: "press-1".to_owned(),
                member: code("RUS"),
            },
        ]);
        check(
            events,
            Command::ConcludeStatement {
                id: "press-1".to_owned(),
            },
            "statement_concluded press-1: no_consensus blocked by [RUS]",
        );
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                circulate(StatementKind::Press, None),
            ]),
            Command::ConcludeStatement {
                id: "press-1".to_owned(),
            },
            "statement_concluded press-1: adopted blocked by []",
        );
    }

    #[test]
    fn breaking_silence_before_the_deadline_blocks_a_statement() {
        let events = given(vec![
            open(MeetingFormat::ClosedConsultations),
            circulate(StatementKind::Press, Some(at("2024-11-21 09:00"))),
            Command::BreakSilence {
                id: "press-1".to_owned(),
                member: code("CHN"),
                at: at("2024-11-21 08:30"),
            },
        ]);
        check(
            events,
            Command::ConcludeStatement {
                id: "press-1".to_owned(),
            },
            "statement_concluded press-1: no_consensus blocked by [CHN]",
        );
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                circulate(StatementKind::Press, None),
            ]),
            Command::BreakSilence {
                id: "press-1".to_owned(),
                member: code("CHN"),
                at: at("2024-11-21 08:30"),
            },
            "rejected: statement `press-1` was not put under a silence procedure",
        );
    }

    #[test]
    fn a_presidential_statement_is_adopted_only_at_a_formal_meeting() {
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                circulate(StatementKind::Presidential, None),
            ]),
            Command::ConcludeStatement {
                id: "press-1".to_owned(),
            },
            "rejected: adopting a presidential statement needs a formal meeting: closed consultations are informal and take no formal decisions",
        );
    }

    #[test]
    fn only_council_members_object_to_a_statement() {
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                circulate(StatementKind::Press, None),
            ]),
            Command::ObjectToStatement {
                id: "press-1".to_owned(),
                member: code("ISR"),
            },
            "rejected: ISR is not a member of the Security Council on 2024-11-20",
        );
    }

    #[test]
    fn a_concluded_statement_takes_no_more_objections() {
        check(
            given(vec![
                open(MeetingFormat::ClosedConsultations),
                circulate(StatementKind::Press, None),
                Command::ConcludeStatement {
                    id: "press-1".to_owned(),
                },
            ]),
            Command::ObjectToStatement {
                id: "press-1".to_owned(),
                member: code("RUS"),
            },
            "rejected: statement `press-1` has already been concluded",
        );
    }

    #[test]
    fn a_draft_and_its_parts_are_put_to_the_vote_only_in_blue() {
        let submitted = given(with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                Command::RequestSeparateVote {
                    draft: "S/2024/835".to_owned(),
                    paragraph: "OP1".to_owned(),
                    requested_by: code("RUS"),
                },
            ],
        ));
        check(
            submitted.clone(),
            put(draft_item("S/2024/835")),
            "rejected: draft S/2024/835 is not in blue: a draft is put to the vote only once its mover has put its final text in blue",
        );
        check(
            submitted.clone(),
            put(VoteItem::Paragraph {
                draft: "S/2024/835".to_owned(),
                paragraph: "OP1".to_owned(),
            }),
            "rejected: draft S/2024/835 is not in blue: a draft is put to the vote only once its mover has put its final text in blue",
        );
        let mut in_blue = submitted;
        in_blue.extend(decide(&Meeting::replay(&in_blue), blue("S/2024/835", "GUY")).unwrap());
        assert!(
            Meeting::replay(&in_blue)
                .draft("S/2024/835")
                .unwrap()
                .in_blue
        );
        check(
            in_blue,
            put(VoteItem::Paragraph {
                draft: "S/2024/835".to_owned(),
                paragraph: "OP1".to_owned(),
            }),
            r#"voting_opened {"item":{"draft":"S/2024/835","item":"paragraph","paragraph":"OP1"}}"#,
        );
    }

    #[test]
    fn only_the_mover_puts_a_pending_draft_in_blue_and_only_once() {
        let submitted = given(with(formal(), [submit("S/2024/835", "GUY")]));
        check(
            submitted.clone(),
            blue("S/2024/835", "USA"),
            "rejected: USA did not move draft S/2024/835; only its mover, GUY, may put it in blue (spec section 3.9)",
        );
        check(
            submitted,
            blue("S/2024/835", "GUY"),
            r#"draft_put_in_blue {"draft":"S/2024/835"}"#,
        );
        check(
            given(with(
                formal(),
                [submit("S/2024/835", "GUY"), blue("S/2024/835", "GUY")],
            )),
            blue("S/2024/835", "GUY"),
            "rejected: draft S/2024/835 is already in blue",
        );
        check(
            given(with(
                formal(),
                [
                    submit("S/2024/835", "GUY"),
                    blue("S/2024/835", "GUY"),
                    put(draft_item("S/2024/835")),
                    record(&[("USA", Position::No)]),
                ],
            )),
            blue("S/2024/835", "GUY"),
            "rejected: draft S/2024/835 has already been put to the vote; a draft is voted once",
        );
    }

    #[test]
    fn any_state_may_co_sponsor_a_pending_draft_once() {
        let co_sponsor = |member: &str| Command::CoSponsorDraft {
            draft: "S/2023/970".to_owned(),
            member: code(member),
        };
        let submitted = given(with(formal(), [submit("S/2023/970", "MLT")]));
        // S/2023/970 had 102 sponsors, most of them not on the Council (spec section 3.9).
        check(
            submitted.clone(),
            co_sponsor("BRA"),
            r#"draft_co_sponsored {"draft":"S/2023/970","member":"BRA"}"#,
        );
        check(
            submitted,
            co_sponsor("MLT"),
            "rejected: MLT already sponsors draft S/2023/970",
        );
        let events = given(with(
            formal(),
            [
                submit("S/2023/970", "MLT"),
                co_sponsor("BRA"),
                co_sponsor("TUR"),
            ],
        ));
        assert_eq!(
            Meeting::replay(&events)
                .draft("S/2023/970")
                .unwrap()
                .sponsors,
            [code("MLT"), code("BRA"), code("TUR")]
        );
        check(
            given(with(
                formal(),
                [
                    submit("S/2023/970", "MLT"),
                    Command::WithdrawDraft {
                        draft: "S/2023/970".to_owned(),
                        member: code("MLT"),
                    },
                ],
            )),
            co_sponsor("BRA"),
            "rejected: draft S/2023/970 has been withdrawn (rule 35); a member may take it over",
        );
    }

    fn revise(member: &str, paragraphs: Vec<Paragraph>) -> Command {
        Command::ReviseDraft {
            draft: "S/2024/835".to_owned(),
            member: code(member),
            paragraphs,
        }
    }

    fn revised_text() -> Vec<Paragraph> {
        vec![Paragraph::new("OP1", "Demands an immediate ceasefire.")]
    }

    #[test]
    fn the_mover_revises_a_draft_which_leaves_blue_until_put_in_blue_again() {
        let in_blue = with(
            formal(),
            [submit("S/2024/835", "GUY"), blue("S/2024/835", "GUY")],
        );
        check(
            given(in_blue.clone()),
            revise("GUY", revised_text()),
            r#"draft_revised {"draft":"S/2024/835","paragraphs":[{"label":"OP1","text":"Demands an immediate ceasefire."}],"revision":1}"#,
        );
        let revised = given(with(
            in_blue.clone(),
            [revise("GUY", revised_text()), revise("GUY", revised_text())],
        ));
        let draft = Meeting::replay(&revised)
            .draft("S/2024/835")
            .unwrap()
            .clone();
        assert_eq!((draft.revision, draft.in_blue), (2, false));
        assert_eq!(draft.paragraphs, revised_text());
        check(
            revised.clone(),
            put(draft_item("S/2024/835")),
            "rejected: draft S/2024/835 is not in blue: a draft is put to the vote only once its mover has put its final text in blue",
        );
        let mut blue_again = revised;
        blue_again
            .extend(decide(&Meeting::replay(&blue_again), blue("S/2024/835", "GUY")).unwrap());
        check(
            blue_again,
            put(draft_item("S/2024/835")),
            r#"voting_opened {"item":{"draft":"S/2024/835","item":"draft"}}"#,
        );
    }

    #[test]
    fn a_revision_is_by_the_mover_with_a_text_of_distinct_paragraphs() {
        let submitted = given(with(formal(), [submit("S/2024/835", "GUY")]));
        check(
            submitted.clone(),
            revise("USA", revised_text()),
            "rejected: USA did not move draft S/2024/835; only its mover, GUY, may revise it (spec section 3.9)",
        );
        check(
            submitted.clone(),
            revise("GUY", Vec::new()),
            "rejected: draft S/2024/835 has no paragraph",
        );
        check(
            submitted,
            revise(
                "GUY",
                vec![Paragraph::new("OP1", "One."), Paragraph::new("OP1", "Two.")],
            ),
            "rejected: draft S/2024/835 has two paragraphs labelled `OP1`",
        );
    }

    #[test]
    fn a_revision_waits_for_no_amendment_and_sets_aside_no_vote() {
        let delete_op2 = || {
            amend(
                "A1",
                "S/2024/835",
                vec![AmendmentChange::Delete {
                    paragraph: "OP2".to_owned(),
                }],
            )
        };
        let amended = with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                blue("S/2024/835", "GUY"),
                delete_op2(),
            ],
        );
        check(
            given(amended.clone()),
            revise("GUY", revised_text()),
            "rejected: draft S/2024/835 cannot be revised while amendment `A1` to it awaits its vote: the amendment was moved to the text as it stands (rules 33 and 36)",
        );
        check(
            given(with(
                amended,
                [
                    put(VoteItem::Amendment {
                        amendment: "A1".to_owned(),
                    }),
                    record(&[]),
                ],
            )),
            revise("GUY", revised_text()),
            "rejected: draft S/2024/835 cannot be revised: the Council has already voted on amendment A1, and a revision would set that decision aside",
        );
    }

    fn inscribe(speaker: &str) -> Command {
        Command::InscribeSpeaker {
            speaker: code(speaker),
        }
    }

    fn floor(speaker: &str) -> Command {
        Command::GiveFloor {
            speaker: code(speaker),
        }
    }

    fn invite_state(state: &str) -> Command {
        Command::InviteParticipant {
            participant: Participant::State { state: code(state) },
            basis: InvitationBasis::Rule37,
        }
    }

    #[test]
    fn council_members_and_invited_states_are_inscribed_once_while_waiting() {
        check(
            given(formal()),
            inscribe("DZA"),
            r#"speaker_inscribed {"speaker":"DZA"}"#,
        );
        check(
            given(formal()),
            inscribe("ISR"),
            "rejected: ISR is neither a member of the Security Council nor a State invited to this meeting (rule 37, Article 32), so it cannot be inscribed on the list of speakers",
        );
        check(
            given(with(formal(), [invite_state("ISR")])),
            inscribe("ISR"),
            r#"speaker_inscribed {"speaker":"ISR"}"#,
        );
        check(
            given(with(formal(), [inscribe("DZA")])),
            inscribe("DZA"),
            "rejected: DZA is already on the list of speakers",
        );
        // Once heard, a representative may ask to speak again.
        check(
            given(with(formal(), [inscribe("DZA"), floor("DZA")])),
            inscribe("DZA"),
            r#"speaker_inscribed {"speaker":"DZA"}"#,
        );
    }

    #[test]
    fn the_president_gives_the_floor_in_the_order_of_the_list() {
        let listed = with(
            formal(),
            [invite_state("ISR"), inscribe("DZA"), inscribe("ISR")],
        );
        check(
            given(listed.clone()),
            floor("ISR"),
            "rejected: ISR cannot have the floor yet: DZA asked to speak first, and the President calls upon representatives in the order in which they signify their desire to speak (rule 27)",
        );
        check(
            given(listed.clone()),
            floor("USA"),
            "rejected: USA is not on the list of speakers: the President calls upon representatives who have signified their desire to speak (rule 27)",
        );
        check(
            given(listed.clone()),
            floor("DZA"),
            r#"floor_given {"speaker":"DZA"}"#,
        );
        let events = given(with(listed, [floor("DZA"), inscribe("DZA"), floor("ISR")]));
        let meeting = Meeting::replay(&events);
        assert_eq!(meeting.speakers_heard(), [code("DZA"), code("ISR")]);
        assert_eq!(meeting.speakers_waiting(), [code("DZA")]);
    }

    #[test]
    fn a_vote_is_cast_only_once_and_only_on_an_open_question() {
        check(
            given(formal()),
            Command::CastVote {
                member: code("USA"),
                position: Position::Yes,
            },
            "rejected: nothing has been put to the vote",
        );
        let events = given(with(
            formal(),
            [
                submit("S/2024/835", "GUY"),
                blue("S/2024/835", "GUY"),
                put(draft_item("S/2024/835")),
                Command::CastVote {
                    member: code("USA"),
                    position: Position::No,
                },
            ],
        ));
        let meeting = Meeting::replay(&events);
        let second = decide(
            &meeting,
            Command::CastVote {
                member: code("USA"),
                position: Position::No,
            },
        );
        assert_eq!(
            second,
            Err(Rejection::AlreadyVoted {
                member: code("USA")
            })
        );
    }

    #[test]
    fn a_party_to_the_dispute_cannot_cast_a_vote_on_the_draft() {
        let mut disputed = submit("S/1950/1", "FRA");
        if let Command::SubmitDraft {
            parties_to_dispute, ..
        } = &mut disputed
        {
            *parties_to_dispute = vec![code("GBR")];
        }
        let events = given(with(
            formal(),
            [
                disputed,
                blue("S/1950/1", "FRA"),
                put(draft_item("S/1950/1")),
            ],
        ));
        // The same refusal the President's record of the vote would give (Art. 27(3)).
        for position in [Position::Yes, Position::No, Position::Abstain] {
            check(
                events.clone(),
                Command::CastVote {
                    member: code("GBR"),
                    position,
                },
                "rejected: GBR is a party to the dispute and shall abstain from voting (Art. 27(3)); record it as not_participating or leave it out",
            );
        }
        check(
            events,
            Command::CastVote {
                member: code("GBR"),
                position: Position::NotParticipating,
            },
            r#"vote_cast {"member":"GBR","position":"not_participating"}"#,
        );
    }

    #[test]
    fn command_names_and_event_kinds_are_snake_case_and_distinct() {
        let events = given(with(
            formal(),
            [
                invite_state("ISR"),
                submit("S/2024/835", "GUY"),
                Command::CoSponsorDraft {
                    draft: "S/2024/835".to_owned(),
                    member: code("ISR"),
                },
                revise("GUY", revised_text()),
                blue("S/2024/835", "GUY"),
                inscribe("ISR"),
                floor("ISR"),
            ],
        ));
        let kinds: Vec<&str> = events.iter().map(Event::kind).collect();
        assert_eq!(
            kinds,
            [
                "meeting_opened",
                "agenda_adopted",
                "participant_invited",
                "draft_submitted",
                "draft_co_sponsored",
                "draft_revised",
                "draft_put_in_blue",
                "speaker_inscribed",
                "floor_given",
            ]
        );
        let names = [
            blue("S/1", "GUY").name(),
            Command::CoSponsorDraft {
                draft: "S/1".to_owned(),
                member: code("ISR"),
            }
            .name(),
            revise("GUY", Vec::new()).name(),
            inscribe("ISR").name(),
            floor("ISR").name(),
        ];
        assert_eq!(
            names,
            [
                "put_draft_in_blue",
                "co_sponsor_draft",
                "revise_draft",
                "inscribe_speaker",
                "give_floor"
            ]
        );
    }

    #[test]
    fn replay_equals_the_fold_of_evolve_one_event_at_a_time() {
        let events = given(with(
            formal(),
            [
                submit("S/2023/772", "RUS"),
                blue("S/2023/772", "RUS"),
                submit("S/2023/773", "GUY"),
                blue("S/2023/773", "GUY"),
                amend(
                    "A1",
                    "S/2023/773",
                    vec![AmendmentChange::Delete {
                        paragraph: "OP2".to_owned(),
                    }],
                ),
                put(draft_item("S/2023/772")),
                record(&[("USA", Position::No)]),
                put(VoteItem::Amendment {
                    amendment: "A1".to_owned(),
                }),
                record(&[]),
                Command::ExplainVote {
                    member: code("USA"),
                    draft: "S/2023/772".to_owned(),
                    timing: ExplanationTiming::AfterVote,
                    text: "We voted against.".to_owned(),
                },
                Command::CloseMeeting,
            ],
        ));
        let mut stepwise = Meeting::default();
        for event in &events {
            stepwise = evolve(stepwise, event);
        }
        assert_eq!(Meeting::replay(&events), stepwise);
        assert!(stepwise.is_closed());
        assert_eq!(stepwise.votes().len(), 2);
        assert_eq!(
            stepwise.draft("S/2023/773").unwrap().paragraphs.len(),
            1,
            "the adopted amendment deleted OP2"
        );
    }

    #[test]
    fn evolve_ignores_events_about_things_the_meeting_does_not_hold() {
        let meeting = evolve(
            Meeting::default(),
            &Event::DraftWithdrawn {
                draft: "S/1".to_owned(),
                member: code("USA"),
            },
        );
        assert_eq!(meeting, Meeting::default());
    }

    #[test]
    fn event_kinds_are_the_serialised_tags() {
        let event = Event::PriorityGiven {
            draft: "S/1".to_owned(),
        };
        let value = serde_json::to_value(&event).unwrap();
        assert_eq!(value["kind"], event.kind());
    }
}
