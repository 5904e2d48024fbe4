//! Files named on the command line, read as an attacker might have prepared them: regular files
//! only (not `/dev/zero`, a FIFO or a folder), up to a size, so that no file can fill the memory.

use std::io::Read;
use std::path::Path;

/// The largest request, policy file or settings file read.
pub const MOST_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;
/// The largest file of records (a scrape's JSON lines) or passenger list read.
pub const MOST_LIST_BYTES: u64 = 1024 * 1024 * 1024;

/// `path` opened if it is a regular file of at most `most` bytes; the reader stops at `most`
/// whatever the file grows to while it is read.
pub fn open(path: &Path, most: u64) -> Result<std::io::Take<std::fs::File>, String> {
    let cannot = |err: std::io::Error| format!("{}: cannot read: {err}", path.display());
    let file = std::fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if !metadata.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    if metadata.len() > most {
        return Err(format!("{}: {} bytes; at most {most} are read", path.display(), metadata.len()));
    }
    Ok(file.take(most))
}

/// The text of `path`, a regular UTF-8 file of at most `most` bytes.
pub fn read_text(path: &Path, most: u64) -> Result<String, String> {
    let mut text = String::new();
    open(path, most)?.read_to_string(&mut text).map_err(|err| format!("{}: cannot read: {err}", path.display()))?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_big_files_are_refused() {
        assert!(read_text(Path::new("/dev/zero"), 1024).unwrap_err().contains("not a regular file"));
        assert!(read_text(Path::new("/"), 1024).unwrap_err().contains("not a regular file"));
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.json");
        std::fs::write(&big, vec![b' '; 2048]).unwrap();
        assert!(read_text(&big, 1024).unwrap_err().contains("2048 bytes"));
        assert_eq!(read_text(&big, 4096).unwrap().len(), 2048);
    }
}
