//! libFuzzer's entry to the `request_form` target of `dragnet-fuzz`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dragnet_fuzz::request_form(data));
