//! The `council` command.
