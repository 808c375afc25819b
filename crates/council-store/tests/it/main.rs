//! Integration tests of council-store: one conformance suite run against every backend, and
//! the tidy check that every source file has a module doc.

mod conformance;
mod support;
mod tidy;
