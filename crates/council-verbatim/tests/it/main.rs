//! Integration tests of council-verbatim: one live meeting rendered in the three formats.

mod formats;
mod support;
