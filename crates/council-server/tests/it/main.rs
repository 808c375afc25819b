//! Black-box tests of `council serve`: the real server in-process on a loopback port over a
//! real SQLite file, driven over HTTP.

mod access;
mod bad_input;
mod flow;
mod instances;
mod limits;
mod live;
mod pipeline;
mod support;
