//! What can go wrong in a command, and the exit status it gives.

use thiserror::Error;

/// A command's failure.
#[derive(Debug, Error)]
pub enum CommandError {
    /// The user's input is wrong: the message names the offending input. Exit status 2.
    #[error("{0}")]
    BadInput(String),
    /// Something outside the input failed (an unreadable file, a closed pipe). Exit status 1.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

impl CommandError {
    /// A bad-input error with this message.
    pub fn bad_input(message: impl Into<String>) -> Self {
        CommandError::BadInput(message.into())
    }

    /// The process exit status for this error.
    pub fn exit_status(&self) -> u8 {
        match self {
            CommandError::BadInput(_) => 2,
            CommandError::Failed(_) => 1,
        }
    }
}

impl From<std::io::Error> for CommandError {
    fn from(error: std::io::Error) -> Self {
        CommandError::Failed(error.into())
    }
}
