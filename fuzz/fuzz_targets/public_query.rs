//! libFuzzer's entry to the `public_query` target of `dragnet-fuzz`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dragnet_fuzz::public_query(data));
