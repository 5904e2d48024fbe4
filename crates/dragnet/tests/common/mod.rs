//! What the binary's tests share: starting `dragnet serve` and finding the address it listens on.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Starts `command` (a `dragnet … serve --port 0`) and answers the process and the address it
/// printed on its first line.
pub fn serving(mut command: Command) -> (Child, String) {
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    // The server listens before its views are loaded, answering 503 until then: wait for ready.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while readyz(&address) != Some(200) {
        assert!(std::time::Instant::now() < deadline, "the server at {address} was not ready within a minute");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    (child, address)
}

/// The status `/readyz` answers, if the server answers at all.
fn readyz(address: &str) -> Option<u16> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).ok()?;
    write!(stream, "GET /readyz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").ok()?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).ok()?;
    answer.split_whitespace().nth(1)?.parse().ok()
}
