//! Fuzz target: see `council_fuzz::scenario`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| council_fuzz::scenario(data));
