//! Fuzz target: see `council_fuzz::decide`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| council_fuzz::decide(data));
