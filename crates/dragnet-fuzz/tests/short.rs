//! A short fuzz run of every target, as part of the tests: a few thousand mutated inputs each, none
//! of which may panic. Longer runs: `cargo run --release -p dragnet-fuzz -- all 1000000`.

#[test]
fn no_reader_of_outside_input_panics_on_mutated_input() {
    std::panic::set_hook(Box::new(|_| {}));
    let mut panicked = Vec::new();
    for target in &dragnet_fuzz::TARGETS {
        let found = dragnet_fuzz::mutate::run(target.run, &(target.seeds)(), 3_000, 7);
        for (input, message) in found.panics {
            panicked.push(format!("{}: {message}: {:?}", target.name, String::from_utf8_lossy(&input)));
        }
    }
    let _ = std::panic::take_hook();
    assert!(panicked.is_empty(), "{}", panicked.join("\n"));
}

#[test]
fn the_driver_finds_a_panic_when_there_is_one() {
    std::panic::set_hook(Box::new(|_| {}));
    let fragile = |bytes: &[u8]| assert!(!bytes.contains(&b'}'), "a brace");
    let found = dragnet_fuzz::mutate::run(fragile, &[b"{\"a\": 1".to_vec()], 2_000, 3);
    let _ = std::panic::take_hook();
    assert!(!found.panics.is_empty() && found.panics[0].1.contains("a brace"));
}
