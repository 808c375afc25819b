//! Member states: codes, the UN's short names and the names they used before, admission and
//! end of membership, regional groups. Parsed from `data/members/un_member_states.csv`, with
//! the dates of `data/corrections/name_bounds.csv` for the bounds that file leaves as `?`.
//! Beside them, the non-member observer States (`data/members/observer_states.csv`), which the
//! Council invites to its meetings but which never hold a seat.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use council_core::MemberCode;
use serde::{Deserialize, Serialize};

use crate::error::DataError;
use crate::sources::FilePath;

/// The UN's five regional groups, as the membership files name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionalGroup {
    /// African States.
    African,
    /// Asia-Pacific States.
    AsiaPacific,
    /// Eastern European States.
    EasternEuropean,
    /// Latin American and Caribbean States.
    LatinAmericanCaribbean,
    /// Western European and other States.
    WesternEuropeanOthers,
}

impl RegionalGroup {
    /// Every group, in the order of the UN's lists.
    pub const ALL: [RegionalGroup; 5] = [
        RegionalGroup::African,
        RegionalGroup::AsiaPacific,
        RegionalGroup::EasternEuropean,
        RegionalGroup::LatinAmericanCaribbean,
        RegionalGroup::WesternEuropeanOthers,
    ];

    /// The group as the membership files write it (`western_european_others`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            RegionalGroup::African => "african",
            RegionalGroup::AsiaPacific => "asia_pacific",
            RegionalGroup::EasternEuropean => "eastern_european",
            RegionalGroup::LatinAmericanCaribbean => "latin_american_caribbean",
            RegionalGroup::WesternEuropeanOthers => "western_european_others",
        }
    }

    /// The group as the membership files write it, if it is one.
    pub fn parse(text: &str) -> Option<RegionalGroup> {
        RegionalGroup::ALL
            .into_iter()
            .find(|group| group.as_str() == text)
    }

    /// The UN's English name of the group.
    pub fn un_name(self) -> &'static str {
        match self {
            RegionalGroup::African => "African States",
            RegionalGroup::AsiaPacific => "Asia-Pacific States",
            RegionalGroup::EasternEuropean => "Eastern European States",
            RegionalGroup::LatinAmericanCaribbean => "Latin American and Caribbean States",
            RegionalGroup::WesternEuropeanOthers => "Western European and other States",
        }
    }
}

impl fmt::Display for RegionalGroup {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.un_name())
    }
}

/// A name a state used at the UN, from `start` up to, not including, `end`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NamePeriod {
    name: String,
    start: NaiveDate,
    end: NaiveDate,
}

/// A member or former member of the United Nations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    code: MemberCode,
    name: String,
    admitted: NaiveDate,
    left: Option<NaiveDate>,
    regional_group: Option<RegionalGroup>,
    former_names: Vec<NamePeriod>,
}

impl State {
    /// The state's code.
    pub fn code(&self) -> MemberCode {
        self.code
    }

    /// The UN's English short name today (for a former member, its last name).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The day the state became a Member (for original members, the day the Charter entered
    /// into force for it).
    pub fn admitted(&self) -> NaiveDate {
        self.admitted
    }

    /// For a former member, the first day it was no longer a Member (merger, dissolution or
    /// succession); `None` for the 193 current members.
    pub fn left(&self) -> Option<NaiveDate> {
        self.left
    }

    /// The regional group the membership files give the state in its Council terms from 1966
    /// on, when the groups there are meaningful; `None` if it has not sat since 1965.
    pub fn regional_group(&self) -> Option<RegionalGroup> {
        self.regional_group
    }

    /// Whether the state is one of the 193 current members.
    pub fn is_current_member(&self) -> bool {
        self.left.is_none()
    }

    /// The UN name of the state on `date`: the former name whose period holds the date, else
    /// today's short name.
    pub fn name_on(&self, date: NaiveDate) -> &str {
        name_in(&self.former_names, &self.name, date)
    }

    pub(crate) fn set_regional_group(&mut self, group: RegionalGroup) {
        self.regional_group = Some(group);
    }
}

/// The former name whose period holds `date`, else `today`.
fn name_in<'a>(former_names: &'a [NamePeriod], today: &'a str, date: NaiveDate) -> &'a str {
    former_names
        .iter()
        .find(|period| period.start <= date && date < period.end)
        .map_or(today, |period| period.name.as_str())
}

/// A non-member State with observer status at the UN (the State of Palestine, the Holy See):
/// never a Member, so never on the Council, but invited to take part in its meetings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObserverState {
    code: MemberCode,
    name: String,
    observer_since: NaiveDate,
    former_names: Vec<NamePeriod>,
}

impl ObserverState {
    /// The observer's code.
    pub fn code(&self) -> MemberCode {
        self.code
    }

    /// The UN's English name today.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The day it became an observer at the UN (for Palestine, the Palestine Liberation
    /// Organization's observer status).
    pub fn observer_since(&self) -> NaiveDate {
        self.observer_since
    }

    /// The UN name on `date`: the former name whose period holds the date, else today's.
    pub fn name_on(&self, date: NaiveDate) -> &str {
        name_in(&self.former_names, &self.name, date)
    }
}

#[derive(Deserialize)]
struct ObserverRecord {
    iso3: String,
    un_short_name: String,
    observer_since: NaiveDate,
    former_names: String,
    #[serde(rename = "source")]
    _source: String,
}

/// Parses the observer States. Their former names take no `?`: each bound is a resolution's
/// date.
pub(crate) fn parse_observer_states(
    (file, text): (FilePath, &str),
) -> Result<BTreeMap<MemberCode, ObserverState>, DataError> {
    read_by_code(file, text, |line, record: ObserverRecord| {
        let (code, former_names) = code_and_names(
            line,
            &record.iso3,
            &record.former_names,
            &mut BTreeMap::new(),
        )?;
        if let Some(first) = former_names
            .first()
            .filter(|first| first.start < record.observer_since)
        {
            return Err(format!(
                "line {line} ({code}): `{}` starts on {}, before the observer status of {}",
                first.name, first.start, record.observer_since
            ));
        }
        let observer = ObserverState {
            code,
            name: record.un_short_name,
            observer_since: record.observer_since,
            former_names,
        };
        Ok((code, observer))
    })
}

/// A row's code and former names, or why they are malformed, naming the line.
fn code_and_names(
    line: usize,
    iso3: &str,
    former_names: &str,
    bounds: &mut BTreeMap<BoundKey, NaiveDate>,
) -> Result<(MemberCode, Vec<NamePeriod>), String> {
    let code = parse_code(iso3).map_err(|reason| format!("line {line}: {reason}"))?;
    let names = parse_former_names(code, former_names, bounds)
        .map_err(|reason| format!("line {line} ({code}): {reason}"))?;
    Ok((code, names))
}

/// Reads a CSV of rows keyed by state code: `row` turns each record, with its line number,
/// into a code and a value or a reason it is malformed; a code listed twice is malformed.
fn read_by_code<R: serde::de::DeserializeOwned, T>(
    file: FilePath,
    text: &str,
    mut row: impl FnMut(usize, R) -> Result<(MemberCode, T), String>,
) -> Result<BTreeMap<MemberCode, T>, DataError> {
    let malformed = |reason: String| DataError::Malformed { file, reason };
    let mut rows = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (index, record) in reader.deserialize::<R>().enumerate() {
        let line = index + 2;
        let record = record.map_err(|error| malformed(format!("line {line}: {error}")))?;
        let (code, value) = row(line, record).map_err(malformed)?;
        if rows.insert(code, value).is_some() {
            return Err(malformed(format!("line {line}: {code} is listed twice")));
        }
    }
    Ok(rows)
}

#[derive(Deserialize)]
struct StateRecord {
    iso3: String,
    un_short_name: String,
    admission_date: NaiveDate,
    former_names: String,
    source: String,
}

#[derive(Deserialize)]
struct NameBoundRecord {
    iso3: String,
    name: String,
    bound: String,
    date: NaiveDate,
    #[serde(rename = "basis")]
    _basis: String,
}

/// Which end of a name's period a `?` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Bound {
    Start,
    End,
}

type BoundKey = (MemberCode, String, Bound);

/// Parses the member states, resolving every `?` bound with `name_bounds`; fails on an
/// unresolved `?` or an unused bound, so the two files cannot drift apart silently.
pub(crate) fn parse_states(
    (states_file, states_text): (FilePath, &str),
    (bounds_file, bounds_text): (FilePath, &str),
) -> Result<BTreeMap<MemberCode, State>, DataError> {
    let mut bounds = parse_name_bounds(bounds_file, bounds_text)?;
    let states = read_by_code(states_file, states_text, |line, record: StateRecord| {
        let (code, former_names) =
            code_and_names(line, &record.iso3, &record.former_names, &mut bounds)?;
        let left = if record.source.starts_with("FORMER") {
            let last = former_names
                .last()
                .ok_or_else(|| format!("line {line} ({code}): a former member lists no names"))?;
            Some(last.end)
        } else {
            None
        };
        let state = State {
            code,
            name: record.un_short_name,
            admitted: record.admission_date,
            left,
            regional_group: None,
            former_names,
        };
        Ok((code, state))
    })?;
    if let Some(((code, name, _), _)) = bounds.first_key_value() {
        return Err(DataError::Malformed {
            file: bounds_file,
            reason: format!("the bound for {code} `{name}` matches no `?` in {states_file}"),
        });
    }
    Ok(states)
}

fn parse_name_bounds(
    file: FilePath,
    text: &str,
) -> Result<BTreeMap<BoundKey, NaiveDate>, DataError> {
    let malformed = |reason: String| DataError::Malformed { file, reason };
    let mut bounds = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for (index, record) in reader.deserialize::<NameBoundRecord>().enumerate() {
        let line = index + 2;
        let record = record.map_err(|error| malformed(format!("line {line}: {error}")))?;
        let code = parse_code(&record.iso3)
            .map_err(|reason| malformed(format!("line {line}: {reason}")))?;
        let bound = match record.bound.as_str() {
            "start" => Bound::Start,
            "end" => Bound::End,
            other => {
                return Err(malformed(format!(
                    "line {line}: bound `{other}` is neither `start` nor `end`"
                )));
            }
        };
        if bounds
            .insert((code, record.name, bound), record.date)
            .is_some()
        {
            return Err(malformed(format!(
                "line {line}: the same bound is given twice"
            )));
        }
    }
    Ok(bounds)
}

pub(crate) fn parse_code(text: &str) -> Result<MemberCode, String> {
    MemberCode::parse(text).map_err(|rejection| rejection.to_string())
}

/// Parses `Name [YYYY-MM-DD|?..YYYY-MM-DD|?]; ...`. Names may contain commas and
/// parentheses but not `[`, so each entry is split at its bracket.
fn parse_former_names(
    code: MemberCode,
    text: &str,
    bounds: &mut BTreeMap<BoundKey, NaiveDate>,
) -> Result<Vec<NamePeriod>, String> {
    let mut periods = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let open = rest
            .find(" [")
            .ok_or_else(|| format!("former name without dates in `{rest}`"))?;
        let close = rest
            .find(']')
            .ok_or_else(|| format!("unclosed dates in `{rest}`"))?;
        let name = rest[..open].trim().to_owned();
        let (start_text, end_text) = rest[open + 2..close]
            .split_once("..")
            .ok_or_else(|| format!("dates of `{name}` are not `start..end`"))?;
        let mut resolve = |date_text: &str, bound: Bound| -> Result<NaiveDate, String> {
            if date_text == "?" {
                bounds.remove(&(code, name.clone(), bound)).ok_or_else(|| {
                    format!("the unknown {bound:?} of `{name}` has no date in the name bounds")
                })
            } else {
                NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
                    .map_err(|error| format!("date `{date_text}` of `{name}`: {error}"))
            }
        };
        let start = resolve(start_text, Bound::Start)?;
        let end = resolve(end_text, Bound::End)?;
        if end <= start {
            return Err(format!(
                "`{name}` ends on {end}, not after its start {start}"
            ));
        }
        periods.push(NamePeriod { name, start, end });
        rest = rest[close + 1..].trim_start_matches(';').trim();
    }
    for pair in periods.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(format!(
                "`{}` starts on {}, before `{}` ends on {}",
                pair[1].name, pair[1].start, pair[0].name, pair[0].end
            ));
        }
    }
    Ok(periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "iso3,un_short_name,admission_date,former_names,source\n";
    const BOUNDS_HEADER: &str = "iso3,name,bound,date,basis\n";

    fn parse(states: &str, bounds: &str) -> Result<BTreeMap<MemberCode, State>, DataError> {
        let states = format!("{HEADER}{states}");
        let bounds = format!("{BOUNDS_HEADER}{bounds}");
        parse_states(("states.csv", &states), ("bounds.csv", &bounds))
    }

    #[test]
    fn an_unknown_bound_takes_its_date_from_the_name_bounds() {
        let states = parse(
            "CIV,Côte d'Ivoire,1960-09-20,Ivory Coast [1960-09-20..?],note\n",
            "CIV,Ivory Coast,end,1986-12-31,first print\n",
        )
        .unwrap();
        let ivory_coast = &states[&MemberCode::parse("CIV").unwrap()];
        let day = |year, month, day| NaiveDate::from_ymd_opt(year, month, day).unwrap();
        assert_eq!(ivory_coast.name_on(day(1986, 12, 30)), "Ivory Coast");
        assert_eq!(ivory_coast.name_on(day(1986, 12, 31)), "Côte d'Ivoire");
    }

    #[test]
    fn an_unresolved_or_unused_bound_is_malformed_data() {
        let unresolved = parse(
            "CIV,Côte d'Ivoire,1960-09-20,Ivory Coast [1960-09-20..?],note\n",
            "",
        );
        assert!(matches!(
            unresolved,
            Err(DataError::Malformed {
                file: "states.csv",
                ..
            })
        ));
        let unused = parse(
            "CIV,Côte d'Ivoire,1960-09-20,,note\n",
            "CIV,Ivory Coast,end,1986-12-31,first print\n",
        );
        assert!(matches!(
            unused,
            Err(DataError::Malformed {
                file: "bounds.csv",
                ..
            })
        ));
    }

    #[test]
    fn names_with_commas_and_several_periods_parse() {
        let states = parse(
            "COD,Democratic Republic of the Congo,1960-09-20,\"Congo, Democratic Republic of the [1960-09-20..1971-10-27]; Zaire [1971-10-27..1997-05-17]\",note\n",
            "",
        )
        .unwrap();
        let congo = &states[&MemberCode::parse("COD").unwrap()];
        let day = |year, month, day| NaiveDate::from_ymd_opt(year, month, day).unwrap();
        assert_eq!(
            congo.name_on(day(1965, 1, 1)),
            "Congo, Democratic Republic of the"
        );
        assert_eq!(congo.name_on(day(1990, 1, 1)), "Zaire");
        assert_eq!(
            congo.name_on(day(1997, 5, 17)),
            "Democratic Republic of the Congo"
        );
        assert!(congo.is_current_member());
    }

    fn observers(rows: &str) -> Result<BTreeMap<MemberCode, ObserverState>, DataError> {
        let text = format!("iso3,un_short_name,observer_since,former_names,source\n{rows}");
        parse_observer_states(("observers.csv", &text))
    }

    #[test]
    fn an_observer_name_before_its_status_an_unknown_bound_or_a_repeat_is_malformed() {
        let early = observers("PSE,State of Palestine,1974-11-22,PLO [1970-01-01..1988-12-15],n\n");
        let Err(DataError::Malformed { file, reason }) = early else {
            panic!("expected malformed data, got {early:?}");
        };
        assert_eq!(file, "observers.csv");
        assert!(reason.contains("line 2 (PSE)"), "{reason}");
        assert!(reason.contains("before the observer status"), "{reason}");
        let unknown = observers("PSE,State of Palestine,1974-11-22,PLO [1974-11-22..?],n\n");
        assert!(
            matches!(&unknown, Err(DataError::Malformed { reason, .. }) if reason.contains("`PLO`")),
            "{unknown:?}"
        );
        let twice = observers("VAT,Holy See,1964-04-06,,n\nVAT,Holy See,1964-04-06,,n\n");
        assert!(
            matches!(&twice, Err(DataError::Malformed { reason, .. }) if reason.contains("line 3: VAT is listed twice")),
            "{twice:?}"
        );
        let fine = observers("VAT,Holy See,1964-04-06,,n\n").unwrap();
        let holy_see = &fine[&MemberCode::parse("VAT").unwrap()];
        assert_eq!(
            holy_see.name_on(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()),
            "Holy See"
        );
    }

    #[test]
    fn regional_groups_round_trip_through_their_file_names() {
        for group in RegionalGroup::ALL {
            assert_eq!(RegionalGroup::parse(group.as_str()), Some(group));
        }
        assert_eq!(RegionalGroup::parse("asia"), None);
    }
}
