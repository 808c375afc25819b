//! Fuzz target: see `council_fuzz::api_create_meeting`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| council_fuzz::api_create_meeting(data));
