//! A mutating driver for the targets on stable Rust: from each seed, inputs made by flipping,
//! inserting, deleting and repeating bytes, splicing in other seeds and the tokens readers trip
//! on (quotes, brackets, huge numbers, control and direction characters). Seeded, so that a run is
//! repeated exactly; each input that panics is kept with the panic's message.

use std::panic::{AssertUnwindSafe, catch_unwind};

/// Pieces readers of JSON, CSV, query strings and markup treat specially.
const TOKENS: [&[u8]; 28] = [
    b"\"",
    b"\\",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"null",
    b"true",
    b"-0",
    b"1e999",
    b"18446744073709551616",
    b"-9223372036854775809",
    b"\0",
    b"\x1b[2J",
    b"\r\n",
    b"\xe2\x80\xae",
    b"\xef\xbb\xbf",
    b"\xff",
    b"%",
    b"%00",
    b"&",
    b"=",
    b"[99999]",
    b"<script",
    b" onload=",
    b"0000-02-30",
];

/// A small, fast generator (splitmix64): the same seed gives the same inputs.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }
}

/// `input` changed one to eight times.
pub fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 if !out.is_empty() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at.min(end)..end);
            }
            2 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                out.splice(at..at, token.iter().copied());
            }
            3 if !out.is_empty() => {
                // A run of what is there, repeated: deep nesting, long fields.
                let start = rng.below(out.len());
                let end = (start + 1 + rng.below(8)).min(out.len());
                let piece = out[start..end].to_vec();
                for _ in 0..rng.below(64) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            4 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let start = rng.below(other.len());
                let end = (start + rng.below(64)).min(other.len());
                out.splice(at..at, other[start..end].iter().copied());
            }
            5 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] = rng.next_u64() as u8;
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Run {
    pub inputs: u64,
    /// Each input that panicked, with what the panic said (the first few).
    pub panics: Vec<(Vec<u8>, String)>,
}

/// Runs `target` on its seeds, then on `inputs` mutations of them and of inputs made before.
pub fn run(target: fn(&[u8]), seeds: &[Vec<u8>], inputs: u64, seed: u64) -> Run {
    let mut rng = Rng::new(seed);
    let mut found = Run::default();
    let mut pool: Vec<Vec<u8>> = seeds.to_vec();
    let attempt = |input: &[u8], found: &mut Run| {
        found.inputs += 1;
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| target(input))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            if found.panics.len() < 10 {
                found.panics.push((input.to_vec(), message));
            }
        }
    };
    for seed in seeds {
        attempt(seed, &mut found);
    }
    for n in 0..inputs {
        let base = pool[rng.below(pool.len())].clone();
        let input = mutate(&mut rng, &base, seeds);
        attempt(&input, &mut found);
        // Keep a few mutants as bases, so that changes pile up; cap the pool and its inputs' size.
        if n % 64 == 0 && input.len() < 64 * 1024 {
            if pool.len() < 256 {
                pool.push(input);
            } else {
                let i = seeds.len() + rng.below(pool.len() - seeds.len());
                pool[i] = input;
            }
        }
    }
    found
}
