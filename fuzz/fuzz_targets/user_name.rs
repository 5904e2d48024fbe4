//! libFuzzer's entry to the `user_name` target of `dragnet-fuzz`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dragnet_fuzz::user_name(data));
