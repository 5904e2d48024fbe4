//! libFuzzer's entry to the `picture` target of `dragnet-fuzz`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dragnet_fuzz::picture(data));
