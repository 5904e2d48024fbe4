//! Failpoints: named places where a test can make the process stop dead, to prove that a
//! transaction interrupted there leaves nothing behind.

use std::sync::OnceLock;

/// The failpoint armed for this process, from `DRAGNET_FAILPOINT`.
fn armed() -> Option<&'static str> {
    static ARMED: OnceLock<Option<String>> = OnceLock::new();
    ARMED.get_or_init(|| std::env::var("DRAGNET_FAILPOINT").ok().filter(|name| !name.is_empty())).as_deref()
}

/// If `name` is armed, says so on stderr and waits forever, so the test can kill the process here.
pub async fn failpoint(name: &str) {
    if armed() == Some(name) {
        eprintln!("failpoint {name} reached");
        std::future::pending::<()>().await;
    }
}
