//! Why the record cannot be loaded, or a question about it cannot be answered.

use thiserror::Error;

/// An error of the record: a defect in the embedded files, or bad input to a query.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RecordError {
    /// An embedded file does not parse, or a correction does not match the file; a build
    /// defect that the crate's tests rule out.
    #[error("embedded record file {file} is malformed at line {line}: {reason}")]
    Malformed {
        /// The file under `data/record/`.
        file: &'static str,
        /// The line (1 is the header), or 0 for the whole file.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A name of rules that [`crate::Rules::from_name`] does not know.
    #[error("unknown rules {0:?}: expected charter, no-veto, veto-needs-two or restraint")]
    UnknownRules(String),
    /// The restraint rules without any topic to restrain.
    #[error("the restraint rules need at least one topic")]
    RestraintWithoutTopics,
    /// A game that is not a model of the Council: see [`crate::ReformModel::from_game`].
    #[error("game {model} is not a model of the Council: {reason}")]
    NotACouncilModel {
        /// The game's name.
        model: String,
        /// What does not fit.
        reason: String,
    },
    /// An outcome class that [`crate::OutcomeClass`] does not know.
    #[error(
        "unknown outcome {0:?}: expected adopted, vetoed, insufficient_votes, statement or other"
    )]
    UnknownOutcome(String),
}
