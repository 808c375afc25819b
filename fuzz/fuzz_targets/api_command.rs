//! Fuzz target: see `council_fuzz::api_command`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| council_fuzz::api_command(data));
