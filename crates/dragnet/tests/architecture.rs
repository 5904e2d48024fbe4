//! The architecture's invariants (docs/ARCHITECTURE.md), checked as tests: which crate may use which,
//! and that the domain does no I/O.

use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `[dependencies]` (not dev-dependencies) a crate's manifest names.
fn dependencies(krate: &str) -> Vec<String> {
    let manifest = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line == "[dependencies]";
        } else if in_dependencies && !line.is_empty() && !line.starts_with('#') {
            names.push(line.split(['=', '.']).next().unwrap().trim().to_string());
        }
    }
    names
}

fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path, text));
        }
    }
    files
}

#[test]
fn the_domain_depends_on_no_other_crate_of_ours_and_on_nothing_that_does_io() {
    let allowed = ["serde", "serde_json", "serde_path_to_error", "thiserror"];
    for dependency in dependencies("dragnet-domain") {
        assert!(allowed.contains(&dependency.as_str()), "dragnet-domain may not depend on {dependency}");
    }
}

/// The review finds office holders with the screening engine, which is no I/O either; the engine
/// never uses the review.
#[test]
fn the_review_depends_only_on_the_domain_the_screening_engine_and_data_crates() {
    let allowed =
        ["dragnet-domain", "dragnet-match", "serde", "serde_json", "thiserror", "toml", "unicode-normalization"];
    for dependency in dependencies("dragnet-review") {
        assert!(allowed.contains(&dependency.as_str()), "dragnet-review may not depend on {dependency}");
    }
}

#[test]
fn the_screening_engine_depends_only_on_the_domain_and_text_crates() {
    let allowed = ["dragnet-domain", "deunicode", "flate2", "rayon", "serde", "strsim", "unicode-normalization"];
    for dependency in dependencies("dragnet-match") {
        assert!(allowed.contains(&dependency.as_str()), "dragnet-match may not depend on {dependency}");
    }
    // The shipped name corpus is decompressed from memory (std::io::Read on a byte slice); nothing else.
    for (path, text) in sources(&crates_dir().join("dragnet-match/src")) {
        for word in ["std::fs", "std::net", "std::env", "std::process", "tokio", "sqlx", "File::", "Instant::"] {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
    }
}

#[test]
fn the_domain_and_review_sources_do_no_io() {
    let forbidden =
        ["std::fs", "std::net", "std::env", "std::process", "std::io", "tokio", "sqlx", "File::", "Instant::"];
    for krate in ["dragnet-domain", "dragnet-review"] {
        for (path, text) in sources(&crates_dir().join(krate).join("src")) {
            for word in forbidden {
                assert!(!text.contains(word), "{} uses {word}", path.display());
            }
        }
    }
}

#[test]
fn dependencies_point_one_way() {
    // edges (binary, server) -> application -> store, review, match -> domain
    let ours =
        |krate: &str| -> Vec<String> { dependencies(krate).into_iter().filter(|d| d.starts_with("dragnet")).collect() };
    assert!(!ours("dragnet-match").iter().any(|d| d == "dragnet-review"), "the engine knows nothing of the check");
    let store = ours("dragnet-store");
    assert_eq!(store, ["dragnet-domain"], "the store knows the domain only: no review, no matching, no HTTP");
    let app = ours("dragnet-app");
    for below in ["dragnet-domain", "dragnet-review", "dragnet-match", "dragnet-store"] {
        assert!(app.iter().any(|d| d == below), "the application uses {below}");
    }
    assert!(!app.iter().any(|d| d == "dragnet-server" || d == "dragnet"), "the application knows no edge");
    let server = ours("dragnet-server");
    assert!(server.iter().any(|d| d == "dragnet-app"), "the server calls the application's use cases");
    assert!(!server.iter().any(|d| d == "dragnet"), "the server is a library the binary uses");
}

#[test]
fn the_application_does_no_http_and_no_sql() {
    let allowed = [
        "dragnet-domain",
        "dragnet-match",
        "dragnet-review",
        "dragnet-store",
        "serde",
        "serde_json",
        "thiserror",
        "time",
        "tokio",
        "tracing",
    ];
    for dependency in dependencies("dragnet-app") {
        assert!(allowed.contains(&dependency.as_str()), "dragnet-app may not depend on {dependency}");
    }
    for (path, text) in sources(&crates_dir().join("dragnet-app/src")) {
        for word in ["sqlx", "axum", "SELECT ", "INSERT ", "UPDATE "] {
            assert!(!text.contains(word), "{} uses {word}", path.display());
        }
    }
}

#[test]
fn no_handler_changes_a_view() {
    // The follower (dragnet-app/src/follower.rs) is the one writer of every view.
    for (path, text) in sources(&crates_dir().join("dragnet-server/src")) {
        for word in [".apply(", "refresh_screening", "refresh_public", "reload_register", "tokens.clear"] {
            assert!(!text.contains(word), "{} changes a view ({word})", path.display());
        }
    }
}

#[test]
fn the_store_is_written_once_and_its_dialects_stay_small() {
    let store = crates_dir().join("dragnet-store").join("src");
    let shared = std::fs::read_to_string(store.join("sql.rs")).unwrap();
    // Words only one of the two databases reads: they belong in the dialect beside `sql.rs`.
    for word in
        ["json_each", "ANY(", "FOR UPDATE", "pg_", "BEGIN IMMEDIATE", "::text", "::jsonb", "GREATEST", "GROUP_CONCAT"]
    {
        assert!(!shared.contains(word), "sql.rs says {word:?}, which one database does not read");
    }
    for dialect in ["sqlite.rs", "postgres.rs"] {
        let text = std::fs::read_to_string(store.join(dialect)).unwrap();
        assert!(!text.contains("impl Store for"), "{dialect} implements the store again: it belongs in sql.rs");
        assert!(text.contains("#[path = \"sql.rs\"]"), "{dialect} does not compile the shared store");
        let lines = text.lines().count();
        assert!(lines < 250, "{dialect} has grown to {lines} lines: what both say belongs in sql.rs");
    }
}

#[test]
fn every_source_file_says_what_lives_there() {
    for krate in [
        "dragnet-domain",
        "dragnet-review",
        "dragnet-match",
        "dragnet-store",
        "dragnet-app",
        "dragnet-server",
        "dragnet",
    ] {
        for (path, text) in sources(&crates_dir().join(krate)) {
            if path.components().any(|c| c.as_os_str() == "target") {
                continue;
            }
            assert!(text.starts_with("//!"), "{} does not open with a //! line", path.display());
        }
    }
}
