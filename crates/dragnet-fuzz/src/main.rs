//! `dragnet-fuzz [TARGET|all] [INPUTS] [SEED]`: runs the fuzz targets on stable Rust and prints one
//! JSON line per target (inputs, seconds, inputs a second, panics); exit code 1 if any panicked,
//! each such input written to `target/fuzz-found/`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("all", String::as_str);
    let inputs: u64 = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(1);
    let targets: Vec<&dragnet_fuzz::Target> = if which == "all" {
        dragnet_fuzz::TARGETS.iter().collect()
    } else {
        match dragnet_fuzz::target(which) {
            Some(target) => vec![target],
            None => {
                let names: Vec<&str> = dragnet_fuzz::TARGETS.iter().map(|t| t.name).collect();
                eprintln!("dragnet-fuzz: no target {which:?}; the targets are {}", names.join(", "));
                return ExitCode::from(2);
            }
        }
    };
    // The panics are caught and reported; their default message would drown the output.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    for target in targets {
        let started = std::time::Instant::now();
        let found = dragnet_fuzz::mutate::run(target.run, &(target.seeds)(), inputs, seed);
        let seconds = started.elapsed().as_secs_f64();
        for (n, (input, message)) in found.panics.iter().enumerate() {
            let dir = std::path::Path::new("target/fuzz-found");
            let _ = std::fs::create_dir_all(dir);
            let path = dir.join(format!("{}-{n}", target.name));
            let _ = std::fs::write(&path, input);
            eprintln!("{}: panicked ({message}); the input is in {}", target.name, path.display());
        }
        failed |= !found.panics.is_empty();
        println!(
            "{{\"target\": \"{}\", \"inputs\": {}, \"seconds\": {:.1}, \"inputs_per_second\": {:.0}, \"panics\": {}}}",
            target.name,
            found.inputs,
            seconds,
            found.inputs as f64 / seconds.max(1e-9),
            found.panics.len()
        );
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
