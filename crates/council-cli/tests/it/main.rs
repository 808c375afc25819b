//! Integration tests of the `council` command, run as the built binary and in-process.

mod api_schema;
mod bench_load;
mod browser;
mod chart;
mod decide;
mod durability;
mod faults;
mod power;
mod record;
mod scenarios;
mod support;
mod verify;
