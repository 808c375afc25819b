//! Integration tests of the `council` command, run as the built binary and in-process.

mod browser;
mod chart;
mod decide;
mod power;
mod record;
mod scenarios;
mod support;
