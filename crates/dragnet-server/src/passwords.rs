//! Passwords: Argon2id hashes as PHC strings, and the bounded pool of threads that checks them.
//!
//! Each check fills 19 MiB. Run on whatever thread is free, many at once, that memory is taken
//! from the allocator again and again and kept (an attacker's 64 connections held 10 GB). So the
//! checks run on a few threads of their own, each reusing one buffer, fed by a short queue: the
//! memory passwords take is `workers × 19 MiB` however many ask, and a full queue answers "busy"
//! at once instead of piling up work.

use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Block, Params, Version};

/// The most memory a stored hash may ask for (KiB); a larger one is refused rather than filled.
const MOST_MEMORY_KIB: u32 = 256 * 1024;

/// The PHC string of `password` (a random salt each time); slow on purpose, so call it off the
/// async threads.
pub fn hash(password: &str) -> Result<String, String> {
    let hash: PasswordHash = Argon2::default().hash_password(password.as_bytes()).map_err(|e| e.to_string())?;
    Ok(hash.to_string())
}

/// Whether `password` is the one `hash` was made from (allocating its own memory).
pub fn verify(password: &str, hash: &str) -> bool {
    PasswordVerifier::<str>::verify_password(&Argon2::default(), password.as_bytes(), hash).is_ok()
}

/// Whether `password` is the one `phc` was made from, filling `blocks` (grown as needed, kept by
/// the caller for the next check).
fn verify_in(blocks: &mut Vec<Block>, password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else { return false };
    let (Ok(params), Ok(algorithm)) = (Params::try_from(&parsed), Algorithm::try_from(parsed.algorithm.as_str()))
    else {
        return false;
    };
    if params.m_cost() > MOST_MEMORY_KIB {
        tracing::error!(kib = params.m_cost(), "a stored password hash asks for more memory than allowed");
        return false;
    }
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(version)) => version,
        Some(Err(_)) => return false,
    };
    let (Some(salt), Some(expected)) = (&parsed.salt, &parsed.hash) else { return false };
    if blocks.len() < params.block_count() {
        blocks.resize(params.block_count(), Block::default());
    }
    let count = params.block_count();
    let mut out = vec![0u8; expected.len()];
    let hasher = Argon2::new(algorithm, version, params);
    if hasher.hash_password_into_with_memory(password.as_bytes(), salt, &mut out, &mut blocks[..count]).is_err() {
        return false;
    }
    constant_time_eq(&out, expected.as_bytes())
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A hash no password is known to match, checked against when the user does not exist.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&dragnet_store::new_token()).unwrap_or_default())
}

/// The rules a new password must meet.
pub fn acceptable(password: &str) -> Result<(), &'static str> {
    if password.chars().count() < 12 {
        return Err("at least 12 characters");
    }
    if password.chars().count() > 200 {
        return Err("at most 200 characters");
    }
    Ok(())
}

/// Longest password a sign-in may offer: longer ones are not hashed at all.
pub const LONGEST_OFFERED: usize = 1024;

struct Job {
    password: String,
    hash: String,
    answer: tokio::sync::oneshot::Sender<bool>,
}

/// The checking threads and their queue.
#[derive(Debug, Clone)]
pub struct PasswordChecks {
    queue: SyncSender<Job>,
    workers: usize,
}

/// Every checking thread is busy and the queue is full: try again shortly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

impl PasswordChecks {
    /// `workers` threads (at least one), and room for `waiting` checks behind them.
    pub fn start(workers: usize, waiting: usize) -> PasswordChecks {
        let workers = workers.max(1);
        let (queue, jobs) = sync_channel::<Job>(waiting);
        let jobs = Arc::new(Mutex::new(jobs));
        for n in 0..workers {
            let jobs = jobs.clone();
            let spawned = std::thread::Builder::new().name(format!("passwords-{n}")).spawn(move || work(&jobs));
            if let Err(err) = spawned {
                tracing::error!(error = %err, "cannot start a password-checking thread");
            }
        }
        PasswordChecks { queue, workers }
    }

    /// As many threads as the machine has cores, up to four, and a queue of eight each.
    pub fn for_this_machine() -> PasswordChecks {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get()).min(4);
        PasswordChecks::start(cores, cores * 8)
    }

    pub fn workers(&self) -> usize {
        self.workers
    }

    /// Whether `password` matches `hash`, checked on one of the pool's threads.
    pub async fn verify(&self, password: String, hash: String) -> Result<bool, Busy> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        match self.queue.try_send(Job { password, hash, answer }) {
            Ok(()) => Ok(answered.await.unwrap_or(false)),
            Err(TrySendError::Full(_)) => Err(Busy),
            Err(TrySendError::Disconnected(_)) => {
                tracing::error!("no password-checking thread is running");
                Err(Busy)
            }
        }
    }
}

fn work(jobs: &Mutex<Receiver<Job>>) {
    let mut blocks = Vec::new();
    loop {
        // The lock is held only while waiting for the next job, never while hashing.
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        let matched = verify_in(&mut blocks, &job.password, &job.hash);
        let _ = job.answer.send(matched);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reused_buffer_checks_as_the_crate_does() {
        let phc = hash("correct horse battery").unwrap();
        let mut blocks = Vec::new();
        assert!(verify_in(&mut blocks, "correct horse battery", &phc));
        assert!(!verify_in(&mut blocks, "correct horse batterz", &phc));
        assert!(verify("correct horse battery", &phc));
        // A hash made with other parameters, checked in the same buffer.
        let small = Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::new(1024, 1, 1, None).unwrap())
            .hash_password(b"another password")
            .unwrap()
            .to_string();
        assert!(verify_in(&mut blocks, "another password", &small));
        assert!(verify_in(&mut blocks, "correct horse battery", &phc));
        assert!(!verify_in(&mut blocks, "x", "not a hash"));
        let greedy = small.replace("m=1024", "m=4000000");
        assert!(!verify_in(&mut blocks, "another password", &greedy));
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        let phc = hash("correct horse battery").unwrap();
        let checks = PasswordChecks::start(1, 1);
        let many: Vec<_> = (0..8)
            .map(|_| {
                let (checks, phc) = (checks.clone(), phc.clone());
                tokio::spawn(async move { checks.verify("correct horse battery".into(), phc).await })
            })
            .collect();
        let mut answers = Vec::new();
        for one in many {
            answers.push(one.await.unwrap());
        }
        assert!(answers.contains(&Ok(true)), "{answers:?}");
        assert!(answers.contains(&Err(Busy)), "one thread and one place in the queue: {answers:?}");
    }
}
