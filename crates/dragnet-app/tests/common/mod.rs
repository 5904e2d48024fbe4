//! What the application's tests share: an application over a real store (SQLite in a temporary
//! folder, or a PostgreSQL database of its own when `DRAGNET_TEST_DATABASE_URL` names a server),
//! and principals of each role.

#![allow(dead_code)]

use std::sync::Arc;

use dragnet_app::{App, Principal};
use dragnet_domain::{Grant, MemberCountry, Role, UserName};
use dragnet_store::postgres::PostgresStore;
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::testing::{TestDatabase, postgres_test_url};
use dragnet_store::{Clock, Store, UserRecord};

/// A principal of `role`, acting for `country` where the role acts for one.
pub fn principal(name: &str, role: Role, country: Option<&str>) -> Principal {
    let grant = Grant::new(role, country.map(|c| MemberCountry::parse(c).unwrap())).unwrap();
    Principal::new(UserRecord {
        id: 1,
        name: UserName::parse(name).unwrap(),
        grant,
        created_at: time::OffsetDateTime::UNIX_EPOCH,
        disabled_at: None,
    })
}

pub fn bureau(country: &str) -> Principal {
    principal(&format!("ncb.{}", country.to_lowercase()), Role::BureauOfficer, Some(country))
}

pub fn reviewer(name: &str) -> Principal {
    principal(name, Role::Reviewer, None)
}

pub fn screener(country: &str) -> Principal {
    principal(&format!("border.{}", country.to_lowercase()), Role::Screener, Some(country))
}

/// A store to test on, and what removes it afterwards.
pub struct Backend {
    pub name: &'static str,
    pub store: Arc<dyn Store>,
    /// Where it is: the SQLite file or the PostgreSQL URL, for another server to open.
    pub location: String,
    cleanup: Option<TestDatabase>,
    _dir: Option<tempfile::TempDir>,
}

impl Backend {
    pub async fn app(&self) -> App {
        App::load(self.store.clone(), dragnet_review::Policy::built_in()).await.unwrap()
    }

    /// The same database opened again, as another server on it would: its own connections.
    pub async fn another_server(&self) -> App {
        let store: Arc<dyn Store> = match self.name {
            "postgres" => Arc::new(PostgresStore::connect(&self.location, Clock::system()).await.unwrap()),
            _ => Arc::new(SqliteStore::open(std::path::Path::new(&self.location), Clock::system()).await.unwrap()),
        };
        App::load(store, dragnet_review::Policy::built_in()).await.unwrap()
    }

    pub async fn finish(self) {
        if let Some(database) = self.cleanup {
            database.drop_now().await.unwrap();
        }
    }
}

/// SQLite always; PostgreSQL too when a server is named.
pub async fn backends() -> Vec<Backend> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dragnet.sqlite3");
    let sqlite = SqliteStore::open(&path, Clock::system()).await.unwrap();
    let location = path.display().to_string();
    let mut backends =
        vec![Backend { name: "sqlite", store: Arc::new(sqlite), location, cleanup: None, _dir: Some(dir) }];
    if let Some(url) = postgres_test_url() {
        let database = TestDatabase::create(&url).await.unwrap();
        let store = PostgresStore::connect(&database.url, Clock::system()).await.unwrap();
        let location = database.url.clone();
        backends.push(Backend {
            name: "postgres",
            store: Arc::new(store),
            location,
            cleanup: Some(database),
            _dir: None,
        });
    }
    backends
}
