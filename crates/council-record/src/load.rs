//! Parsing the embedded files into the model, applying `corrections.csv` and
//! `known_positions.csv`, and mapping printed member names to the seat holders of the day.

use std::collections::HashMap;

use chrono::NaiveDate;
use council_core::{MemberCode, Position};

use crate::error::RecordError;
use crate::model::{
    Correction, Document, Meeting, OutcomeClass, OutcomeType, Provenance, RecordRow, RecordedVote,
    SourceFile, VetoCast,
};
use crate::sources::{self, Embedded};

/// The day the People's Republic of China took the China seat (GA resolution 2758 (XXVI)).
const CHINA_SEAT_TO_PRC: NaiveDate = match NaiveDate::from_ymd_opt(1971, 10, 25) {
    Some(date) => date,
    None => panic!("1971-10-25 is a valid date"),
};

/// Known positions by the row they belong to.
type KnownPositions = HashMap<(SourceFile, usize), Vec<(MemberCode, Position)>>;

/// Everything the embedded files hold, parsed and corrected.
pub(crate) struct Loaded {
    pub(crate) rows: Vec<RecordRow>,
    pub(crate) vetoes: Vec<VetoCast>,
    pub(crate) corrections: Vec<Correction>,
}

/// A CSV row as text, by column name, with its line.
struct RawRow {
    line: usize,
    fields: HashMap<String, String>,
}

impl RawRow {
    fn get(&self, column: &str) -> &str {
        self.fields.get(column).map_or("", String::as_str)
    }
}

fn malformed(file: &'static str, line: usize, reason: impl Into<String>) -> RecordError {
    RecordError::Malformed {
        file,
        line,
        reason: reason.into(),
    }
}

fn read_csv((file, text): Embedded) -> Result<Vec<RawRow>, RecordError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|error| malformed(file, 1, error.to_string()))?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| malformed(file, 0, error.to_string()))?;
        let line = record
            .position()
            .map_or(0, |position| position.line() as usize);
        let fields = headers
            .iter()
            .zip(record.iter())
            .map(|(header, value)| (header.to_owned(), value.to_owned()))
            .collect();
        rows.push(RawRow { line, fields });
    }
    Ok(rows)
}

fn source_file(name: &str) -> Option<SourceFile> {
    [
        SourceFile::Outcomes1946To2022,
        SourceFile::Outcomes2022Onward,
        SourceFile::Vetoes1946To2022,
    ]
    .into_iter()
    .find(|file| file.file_name() == name)
}

/// The seat holder a printed name stands for on a date: "China" is the Republic of China
/// (`TWN`) before 25 October 1971 and the People's Republic (`CHN`) from then on.
pub(crate) fn member_from_name(name: &str, date: NaiveDate) -> Option<MemberCode> {
    let code = match name.trim().trim_start_matches("the ") {
        "USSR" => "SUN",
        "Russian Federation" | "Russia" => "RUS",
        "USA" | "United States" | "United States of America" => "USA",
        "UK" | "United Kingdom" => "GBR",
        "France" => "FRA",
        "China" if date < CHINA_SEAT_TO_PRC => "TWN",
        "China" => "CHN",
        _ => return None,
    };
    MemberCode::parse(code).ok()
}

/// The names in "A", "A and B", "A, B and C", "A; B".
fn split_names(text: &str) -> Vec<&str> {
    text.split([',', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// The class of an outcome from its printed kind and its vetoing members.
pub(crate) fn outcome_class(outcome_type: OutcomeType, vetoed_by: &[MemberCode]) -> OutcomeClass {
    match outcome_type {
        OutcomeType::Resolution => OutcomeClass::Adopted,
        OutcomeType::DraftNotAdopted if vetoed_by.is_empty() => OutcomeClass::InsufficientVotes,
        OutcomeType::DraftNotAdopted => OutcomeClass::Vetoed,
        OutcomeType::PresidentialStatement => OutcomeClass::Statement,
        OutcomeType::Procedural | OutcomeType::Other => OutcomeClass::Other,
    }
}

fn parse_count(file: &'static str, line: usize, text: &str) -> Result<Option<u32>, RecordError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    text.trim()
        .parse()
        .map(Some)
        .map_err(|_| malformed(file, line, format!("{text:?} is not a count")))
}

fn codes_text(codes: &[MemberCode]) -> String {
    codes
        .iter()
        .map(MemberCode::as_str)
        .collect::<Vec<_>>()
        .join(";")
}

fn parse_corrections() -> Result<Vec<Correction>, RecordError> {
    let file = sources::CORRECTIONS.0;
    read_csv(sources::CORRECTIONS)?
        .into_iter()
        .map(|raw| {
            let target = raw.get("file");
            Ok(Correction {
                file: source_file(target)
                    .ok_or_else(|| malformed(file, raw.line, format!("unknown file {target:?}")))?,
                line: raw
                    .get("line")
                    .parse()
                    .map_err(|_| malformed(file, raw.line, "line is not a number"))?,
                field: raw.get("field").to_owned(),
                old: raw.get("old").to_owned(),
                new: raw.get("new").to_owned(),
                source: raw.get("source").to_owned(),
            })
        })
        .collect()
}

/// The corrections not yet applied; each must be applied exactly once.
struct Pending<'a> {
    corrections: &'a [Correction],
    applied: Vec<bool>,
}

impl Pending<'_> {
    /// Applies the corrections to `field` of the row at `file:line`, checking the old value.
    fn apply(
        &mut self,
        file: SourceFile,
        line: usize,
        field: &str,
        value: &mut String,
        applied_to_row: &mut Vec<usize>,
    ) -> Result<(), RecordError> {
        for (index, correction) in self.corrections.iter().enumerate() {
            if correction.file == file && correction.line == line && correction.field == field {
                if *value != correction.old {
                    return Err(malformed(
                        sources::CORRECTIONS.0,
                        index + 2,
                        format!(
                            "{}:{line} {field} is {value:?}, not {:?}",
                            file.file_name(),
                            correction.old
                        ),
                    ));
                }
                value.clone_from(&correction.new);
                self.applied[index] = true;
                applied_to_row.push(index);
            }
        }
        Ok(())
    }
}

fn parse_known_positions() -> Result<KnownPositions, RecordError> {
    let file = sources::KNOWN_POSITIONS.0;
    let mut known: HashMap<_, Vec<_>> = HashMap::new();
    for raw in read_csv(sources::KNOWN_POSITIONS)? {
        let target = source_file(raw.get("file"))
            .ok_or_else(|| malformed(file, raw.line, "unknown file"))?;
        let line: usize = raw
            .get("line")
            .parse()
            .map_err(|_| malformed(file, raw.line, "line is not a number"))?;
        let member = MemberCode::parse(raw.get("member"))
            .map_err(|error| malformed(file, raw.line, error.to_string()))?;
        let position = match raw.get("position") {
            "yes" => Position::Yes,
            "no" => Position::No,
            "abstain" => Position::Abstain,
            "not_participating" => Position::NotParticipating,
            "absent" => Position::Absent,
            other => {
                return Err(malformed(
                    file,
                    raw.line,
                    format!("unknown position {other:?}"),
                ));
            }
        };
        known
            .entry((target, line))
            .or_default()
            .push((member, position));
    }
    Ok(known)
}

/// Parses every embedded file and applies the corrections.
pub(crate) fn load() -> Result<Loaded, RecordError> {
    let corrections = parse_corrections()?;
    let mut pending = Pending {
        corrections: &corrections,
        applied: vec![false; corrections.len()],
    };
    let mut known_positions = parse_known_positions()?;

    let mut rows = Vec::new();
    for (embedded, file) in [
        (sources::OUTCOMES_1946_2022, SourceFile::Outcomes1946To2022),
        (
            sources::OUTCOMES_2022_ONWARD,
            SourceFile::Outcomes2022Onward,
        ),
    ] {
        for raw in read_csv(embedded)? {
            let row = parse_outcome(embedded.0, file, raw, &mut pending, &mut known_positions)?;
            rows.push(row);
        }
    }
    if let Some(((file, line), _)) = known_positions.iter().next() {
        return Err(malformed(
            sources::KNOWN_POSITIONS.0,
            0,
            format!("no row at {}:{line}", file.file_name()),
        ));
    }

    let mut vetoes = parse_veto_list()?;
    let last_listed = vetoes.last().map(|veto| veto.date);
    vetoes.extend(
        rows.iter()
            .filter(|row| row.outcome == OutcomeClass::Vetoed && !row.duplicate)
            .filter(|row| row.provenance.file == SourceFile::Outcomes2022Onward)
            .filter_map(|row| {
                let date = row.date?;
                (Some(date) > last_listed).then(|| VetoCast {
                    date,
                    draft: row.document.as_ref().map(Document::symbol),
                    meeting: row.meeting.as_ref().map(|meeting| meeting.printed.clone()),
                    agenda_item: row.agenda_item.clone(),
                    vetoed_by: row.vetoed_by.clone(),
                    provenance: row.provenance.clone(),
                })
            }),
    );

    if let Some(index) = pending.applied.iter().position(|applied| !applied) {
        return Err(malformed(
            sources::CORRECTIONS.0,
            index + 2,
            "the correction matches no row",
        ));
    }
    Ok(Loaded {
        rows,
        vetoes,
        corrections,
    })
}

fn parse_outcome(
    file_name: &'static str,
    file: SourceFile,
    mut raw: RawRow,
    pending: &mut Pending<'_>,
    known_positions: &mut KnownPositions,
) -> Result<RecordRow, RecordError> {
    let line = raw.line;
    let mut applied = Vec::new();
    for field in [
        "date",
        "meeting",
        "outcome_type",
        "document",
        "vote_text",
        "yes",
        "no",
        "abstain",
        "not_participating",
    ] {
        let value = raw.fields.entry(field.to_owned()).or_default();
        pending.apply(file, line, field, value, &mut applied)?;
    }

    let date = match raw.get("date") {
        "" => None,
        text => Some(
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| malformed(file_name, line, format!("bad date {text:?}")))?,
        ),
    };
    let outcome_type = OutcomeType::parse(raw.get("outcome_type")).ok_or_else(|| {
        malformed(
            file_name,
            line,
            format!("unknown outcome_type {:?}", raw.get("outcome_type")),
        )
    })?;
    let document_text = raw.get("document").trim();
    let document = if document_text.is_empty() {
        None
    } else {
        let symbol = document_text.to_owned();
        Some(match outcome_type {
            OutcomeType::Resolution => Document::parse_resolution(document_text)
                .ok_or_else(|| malformed(file_name, line, format!("bad symbol {symbol:?}")))?,
            OutcomeType::DraftNotAdopted => Document::Draft { symbol },
            OutcomeType::PresidentialStatement => Document::PresidentialStatement { symbol },
            OutcomeType::Procedural | OutcomeType::Other => Document::Other { symbol },
        })
    };

    let counts = [
        parse_count(file_name, line, raw.get("yes"))?,
        parse_count(file_name, line, raw.get("no"))?,
        parse_count(file_name, line, raw.get("abstain"))?,
    ];
    let vote = match counts {
        [Some(yes), Some(no), Some(abstain)] => Some(RecordedVote {
            yes,
            no,
            abstain,
            not_participating: parse_count(file_name, line, raw.get("not_participating"))?,
        }),
        [None, None, None] => None,
        _ => return Err(malformed(file_name, line, "partial vote figures")),
    };

    let note = raw.get("note").to_owned();
    let mut vetoed_by = Vec::new();
    if let Some(names) = note
        .split("; ")
        .find_map(|segment| segment.strip_prefix("vetoed by "))
    {
        let date = date.ok_or_else(|| malformed(file_name, line, "a veto without a date"))?;
        for name in split_names(names) {
            vetoed_by.push(member_from_name(name, date).ok_or_else(|| {
                malformed(file_name, line, format!("unknown vetoing member {name:?}"))
            })?);
        }
    }
    let mut vetoed_text = codes_text(&vetoed_by);
    pending.apply(file, line, "vetoed_by", &mut vetoed_text, &mut applied)?;
    vetoed_by = vetoed_text
        .split(';')
        .filter(|code| !code.is_empty())
        .map(|code| {
            MemberCode::parse(code).map_err(|error| malformed(file_name, line, error.to_string()))
        })
        .collect::<Result<_, _>>()?;
    let mut status = String::new();
    pending.apply(file, line, "status", &mut status, &mut applied)?;

    let source = match file {
        SourceFile::Outcomes2022Onward => raw.get("source").to_owned(),
        _ => raw.get("source_file").to_owned(),
    };
    Ok(RecordRow {
        provenance: Provenance { file, line, source },
        date,
        meeting: Meeting::parse(raw.get("meeting")),
        agenda_item: raw.get("topic").to_owned(),
        outcome_type,
        document,
        vote_text: raw.get("vote_text").to_owned(),
        vote,
        outcome: outcome_class(outcome_type, &vetoed_by),
        vetoed_by,
        note,
        flags: raw
            .get("flags")
            .split(';')
            .filter(|flag| !flag.is_empty())
            .map(str::to_owned)
            .collect(),
        known_positions: known_positions.remove(&(file, line)).unwrap_or_default(),
        duplicate: status == "duplicate",
        corrections: applied,
    })
}

fn parse_veto_list() -> Result<Vec<VetoCast>, RecordError> {
    let file_name = sources::VETOES_1946_2022.0;
    read_csv(sources::VETOES_1946_2022)?
        .into_iter()
        .map(|raw| {
            let line = raw.line;
            let date = NaiveDate::parse_from_str(raw.get("date"), "%Y-%m-%d")
                .map_err(|_| malformed(file_name, line, "bad date"))?;
            let vetoed_by = split_names(raw.get("members_casting_negative_vote"))
                .into_iter()
                .map(|name| {
                    member_from_name(name, date).ok_or_else(|| {
                        malformed(file_name, line, format!("unknown member {name:?}"))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
            Ok(VetoCast {
                date,
                draft: optional(raw.get("draft")),
                meeting: optional(raw.get("meeting")),
                agenda_item: raw.get("agenda_item").to_owned(),
                vetoed_by,
                provenance: Provenance {
                    file: SourceFile::Vetoes1946To2022,
                    line,
                    source: raw.get("source_file").to_owned(),
                },
            })
        })
        .collect()
}
