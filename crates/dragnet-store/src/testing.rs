//! Helpers for tests in this and other crates: a PostgreSQL database of one's own, made and dropped.

use sqlx::{Connection, PgConnection};

/// The PostgreSQL server tests should use, if one is named by `DRAGNET_TEST_DATABASE_URL`.
pub fn postgres_test_url() -> Option<String> {
    std::env::var("DRAGNET_TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())
}

/// A database created for one test on the server at `admin_url`; [`TestDatabase::drop_now`] removes it.
#[derive(Debug)]
pub struct TestDatabase {
    admin_url: String,
    pub name: String,
    pub url: String,
}

impl TestDatabase {
    pub async fn create(admin_url: &str) -> Result<Self, sqlx::Error> {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes).expect("the operating system's random source failed");
        let name = format!("dragnet_test_{}", hex::encode(bytes));
        let mut admin = PgConnection::connect(admin_url).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut admin).await?;
        admin.close().await?;
        let url = replace_database(admin_url, &name);
        Ok(TestDatabase { admin_url: admin_url.to_string(), name, url })
    }

    pub async fn drop_now(self) -> Result<(), sqlx::Error> {
        let mut admin = PgConnection::connect(&self.admin_url).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)))
            .execute(&mut admin)
            .await?;
        admin.close().await?;
        Ok(())
    }
}

/// The same server URL with another database name, keeping any `?options`.
fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{database}?{query}"),
        None => format!("{server}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_database_name_is_replaced() {
        assert_eq!(
            super::replace_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(super::replace_database("postgres://h/test?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
        assert_eq!(super::replace_database("postgres://h", "x"), "postgres://h/x");
    }
}
