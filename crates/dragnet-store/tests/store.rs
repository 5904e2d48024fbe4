//! One suite for both backends: each test runs on SQLite, and on PostgreSQL when
//! `DRAGNET_TEST_DATABASE_URL` names a server (each run in a database of its own).

use std::collections::HashSet;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use dragnet_domain::{
    Actor, Grant, LifecycleEvent, MemberCountry, Notice, NoticeId, NoticeKind, NoticeRequest, NoticeState, PartialDate,
    Role, UserName, parse_request,
};
use dragnet_store::postgres::PostgresStore;
use dragnet_store::sqlite::SqliteStore;
use dragnet_store::testing::{TestDatabase, postgres_test_url};
use dragnet_store::{
    AuditFilter, AuditVerification, Clock, Decision, DecisionOutcome, ImportOutcome, ImportedNotice, ImportedPicture,
    NewClearance, NoticeSearch, QueueDetail, Recommendation, Store, StoreError, StoredRequest, SubjectCheck,
};
use futures::FutureExt;
use time::OffsetDateTime;

/// A store under test, with a clock the test moves and a way past the store to tamper with it.
struct TestStore {
    store: Arc<dyn Store>,
    raw: Raw,
    clock: Arc<AtomicI64>,
}

enum Raw {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl TestStore {
    fn set_time(&self, unix: i64) {
        self.clock.store(unix, Ordering::SeqCst);
    }

    /// Runs SQL straight on the database, as someone with access to its files or server could.
    async fn tamper(&self, sqlite_sql: &'static str, postgres_sql: &'static str) {
        match &self.raw {
            Raw::Sqlite(pool) => {
                sqlx::raw_sql(sqlite_sql).execute(pool).await.unwrap();
            }
            Raw::Postgres(pool) => {
                sqlx::raw_sql(postgres_sql).execute(pool).await.unwrap();
            }
        }
    }

    /// Runs SQL straight on the database (one text for both backends).
    async fn raw_owned(&self, sql: &str) {
        // raw_sql takes a static text: the test's few statements are leaked, on purpose.
        let text: &'static str = Box::leak(sql.to_string().into_boxed_str());
        let done = match &self.raw {
            Raw::Sqlite(pool) => sqlx::raw_sql(text).execute(pool).await.map(|_| ()),
            Raw::Postgres(pool) => sqlx::raw_sql(text).execute(pool).await.map(|_| ()),
        };
        done.unwrap_or_else(|err| panic!("{sql}: {err}"));
    }

    async fn try_raw(&self, sql: &'static str) -> Result<(), sqlx::Error> {
        match &self.raw {
            Raw::Sqlite(pool) => sqlx::raw_sql(sql).execute(pool).await.map(|_| ()),
            Raw::Postgres(pool) => sqlx::raw_sql(sql).execute(pool).await.map(|_| ()),
        }
    }
}

/// The stores under test sign their audit records, as servers given `--audit-key` do.
fn audit_key() -> Option<Vec<u8>> {
    Some(b"a key the servers hold outside the database".to_vec())
}

fn test_clock() -> (Arc<AtomicI64>, Clock) {
    let seconds = Arc::new(AtomicI64::new(1_780_000_000)); // 2026-05-28
    let source = seconds.clone();
    let clock = Clock::from_fn(move || {
        OffsetDateTime::from_unix_timestamp(source.load(Ordering::SeqCst)).unwrap()
            + time::Duration::microseconds(123_456)
    });
    (seconds, clock)
}

async fn on_sqlite<F>(test: impl FnOnce(TestStore) -> F)
where
    F: Future<Output = ()>,
{
    let dir = tempfile::tempdir().unwrap();
    let (seconds, clock) = test_clock();
    let store =
        SqliteStore::open(&dir.path().join("dragnet.sqlite3"), clock).await.unwrap().with_audit_key(audit_key());
    let raw = Raw::Sqlite(store.pool().clone());
    test(TestStore { store: Arc::new(store), raw, clock: seconds }).await;
}

async fn on_postgres<F>(test: impl FnOnce(TestStore) -> F)
where
    F: Future<Output = ()>,
{
    let Some(admin_url) = postgres_test_url() else {
        eprintln!("DRAGNET_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
        return;
    };
    let database = TestDatabase::create(&admin_url).await.expect("cannot create a test database");
    let (seconds, clock) = test_clock();
    let store = PostgresStore::connect(&database.url, clock).await.unwrap().with_audit_key(audit_key());
    let raw = Raw::Postgres(store.pool().clone());
    let outcome =
        AssertUnwindSafe(test(TestStore { store: Arc::new(store.clone()), raw, clock: seconds })).catch_unwind().await;
    store.pool().close().await;
    database.drop_now().await.expect("cannot drop the test database");
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Declares each test twice, once per backend.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test] async fn $name() { super::on_sqlite(super::$name).await })*
        }
        mod postgres {
            $(#[tokio::test] async fn $name() { super::on_postgres(super::$name).await })*
        }
    };
}

on_both_backends!(
    a_request_becomes_one_draft_per_subject,
    ids_follow_on_and_restart_each_year,
    the_lifecycle_is_enforced_and_recorded,
    reads_of_personal_data_are_audited,
    an_altered_audit_record_is_named,
    a_removed_audit_record_is_named,
    the_audit_log_refuses_updates_and_deletes,
    users_and_tokens,
    tokens_expire_and_a_disabled_user_gets_in_by_no_way,
    tampering_past_the_trail_is_named,
    timestamps_read_back_as_written_and_a_bad_one_is_corrupt,
    concurrent_writers_keep_ids_unique_and_the_chain_whole,
    reads_recorded_together_each_reach_the_chain,
    passwords_and_sessions,
    the_trail_is_searched_newest_first_and_the_search_recorded,
    a_bureau_lists_its_requests_and_reads_the_questions_asked,
    submission_keeps_each_check_and_the_queue_puts_risk_first,
    publishing_against_a_refusal_takes_two_reviewers,
    a_refusal_decides_every_notice_of_the_request,
    submission_and_decisions_refuse_what_does_not_fit,
    only_published_public_unbarred_notices_have_public_extracts,
    imported_notices_keep_their_ids_and_are_published_publicly,
    imported_notices_follow_their_source,
    a_clearance_holds_until_it_expires_is_revoked_or_the_notice_changes,
    a_hit_card_is_the_notice_in_force_now,
    a_search_reads_every_notice_by_its_filters_and_pages_past_an_unreadable_one,
);

fn case(name: &str) -> NoticeRequest {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/compliance-dev").join(name);
    parse_request(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn bureau(country: &str) -> Actor {
    let grant = Grant::new(Role::BureauOfficer, Some(MemberCountry::parse(country).unwrap())).unwrap();
    Actor::user(&UserName::parse(&format!("ncb.{}", country.to_lowercase())).unwrap(), &grant)
}

fn reviewer() -> Actor {
    Actor::user(&UserName::parse("reviewer").unwrap(), &Grant::new(Role::Reviewer, None).unwrap())
}

async fn a_request_becomes_one_draft_per_subject(t: TestStore) {
    let request = case("01-seed-head-of-state-drone-strike.json");
    let stored = t.store.create_drafts(&bureau("IR"), &request).await.unwrap();
    assert_eq!(stored.notice_ids.len(), request.subjects.len());
    let ids: Vec<String> = stored.notice_ids.iter().map(ToString::to_string).collect();
    assert_eq!(ids[0], "2026/00001");
    assert_eq!(ids[4], "2026/00005");
    for (index, id) in stored.notice_ids.iter().enumerate() {
        let notice = t.store.read_notice(&reviewer(), *id).await.unwrap();
        assert_eq!(notice.notice, Notice::draft(*id, &request, index).unwrap());
        assert_eq!(notice.notice.kind.as_str(), "red");
        assert_eq!(notice.notice.requested_by.as_str(), "IR");
        assert_eq!(notice.subject_index as usize, index);
        assert_eq!(notice.request_id, stored.request_id);
    }
    assert_eq!(t.store.count_notices().await.unwrap(), vec![(NoticeState::Draft, 5)]);
}

async fn ids_follow_on_and_restart_each_year(t: TestStore) {
    let first = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    let second = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    assert_eq!(first.notice_ids[0].to_string(), "2026/00001");
    assert_eq!(second.notice_ids[0].to_string(), "2026/00002");
    t.set_time(1_800_000_000); // 2027-01-15
    let next_year = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    assert_eq!(next_year.notice_ids[0].to_string(), "2027/00001");
}

async fn the_lifecycle_is_enforced_and_recorded(t: TestStore) {
    let id = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap().notice_ids[0];
    let before = t.store.audit_head().await.unwrap();

    let err = t.store.transition(&reviewer(), id, LifecycleEvent::Publish, Some("looks fine")).await.unwrap_err();
    assert!(matches!(err, StoreError::IllegalTransition(_)), "{err}");
    assert_eq!(t.store.audit_head().await.unwrap(), before, "a refused transition leaves no record");

    let steps = [
        (LifecycleEvent::Submit, NoticeState::Submitted),
        (LifecycleEvent::CheckCompleted, NoticeState::InReview),
        (LifecycleEvent::Publish, NoticeState::Published),
        (LifecycleEvent::Cancel, NoticeState::Cancelled),
    ];
    for (event, expected) in steps {
        let state = t.store.transition(&reviewer(), id, event, Some("because")).await.unwrap();
        assert_eq!(state, expected);
    }
    let records = t.store.audit_records(before.0, 100).await.unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["notice.submit", "notice.check_completed", "notice.publish", "notice.cancel"]);
    let publish = &records[2];
    assert_eq!(publish.target, format!("notice/{id}"));
    assert_eq!(publish.actor, "reviewer");
    assert_eq!(publish.reason.as_deref(), Some("because"));
    assert!(publish.details.contains("\"from\":\"in_review\""), "{}", publish.details);
    assert_eq!(publish.at.unix_timestamp(), 1_780_000_000);

    let missing = dragnet_domain::NoticeId::parse("2026/99999").unwrap();
    assert!(matches!(
        t.store.transition(&reviewer(), missing, LifecycleEvent::Submit, None).await,
        Err(StoreError::NoticeNotFound(_))
    ));
    assert_eq!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { records: 5 });
}

async fn reads_of_personal_data_are_audited(t: TestStore) {
    let id = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap().notice_ids[0];
    t.store.read_notice(&bureau("FR"), id).await.unwrap();
    let last = t.store.audit_records(0, 100).await.unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.actor.as_str()), ("notice.read", "ncb.fr"));
    assert_eq!(last.country.as_deref(), Some("FR"));
    assert_eq!(last.target, format!("notice/{id}"));
}

async fn an_altered_audit_record_is_named(t: TestStore) {
    for _ in 0..3 {
        t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    }
    assert_eq!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { records: 3 });
    t.tamper(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nobody' WHERE seq = 2;",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change; UPDATE audit_log SET actor = 'nobody' WHERE seq = 2;",
    )
    .await;
    match t.store.verify_audit().await.unwrap() {
        AuditVerification::Broken { seq, problem } => {
            assert_eq!(seq, 2);
            assert!(problem.contains("record 2 was altered"), "{problem}");
        }
        intact => panic!("tampering went unnoticed: {intact:?}"),
    }
}

async fn a_removed_audit_record_is_named(t: TestStore) {
    for _ in 0..4 {
        t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    }
    t.tamper(
        "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 3;",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change; DELETE FROM audit_log WHERE seq = 3;",
    )
    .await;
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Broken { seq: 3, .. }));
    t.tamper("DELETE FROM audit_log WHERE seq = 4;", "DELETE FROM audit_log WHERE seq = 4;").await;
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Broken { seq: 3, .. }));
}

async fn the_audit_log_refuses_updates_and_deletes(t: TestStore) {
    t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    let update = t.try_raw("UPDATE audit_log SET actor = 'nobody' WHERE seq = 1").await.unwrap_err();
    assert!(update.to_string().contains("append-only"), "{update}");
    let delete = t.try_raw("DELETE FROM audit_log").await.unwrap_err();
    assert!(delete.to_string().contains("append-only"), "{delete}");
    assert_eq!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { records: 1 });
}

async fn users_and_tokens(t: TestStore) {
    let admin = Actor::system("admin-cli", None);
    let name = UserName::parse("amira").unwrap();
    let grant = Grant::new(Role::Screener, Some(MemberCountry::parse("FR").unwrap())).unwrap();
    let user = t.store.create_user(&admin, &name, grant).await.unwrap();
    assert!(matches!(t.store.create_user(&admin, &name, grant).await, Err(StoreError::UserExists(_))));

    let token = t.store.create_token(&admin, &name, "border post", dragnet_store::TOKEN_LIFETIME).await.unwrap();
    let found = t.store.user_for_token(&token).await.unwrap().expect("the token opens its user");
    assert_eq!((found.id, found.name, found.grant), (user.id, name.clone(), grant));
    assert!(t.store.user_for_token("dn_not-a-token").await.unwrap().is_none());
    let ghost = UserName::parse("ghost").unwrap();
    assert!(matches!(
        t.store.create_token(&admin, &ghost, "x", dragnet_store::TOKEN_LIFETIME).await,
        Err(StoreError::UserNotFound(_))
    ));

    let records = t.store.audit_records(0, 100).await.unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["user.create", "token.create"]);
    assert!(records.iter().all(|r| !r.details.contains(&token)), "the token never reaches the audit trail");
}

async fn tokens_expire_and_a_disabled_user_gets_in_by_no_way(t: TestStore) {
    let admin = Actor::system("admin-cli", None);
    let name = UserName::parse("amira").unwrap();
    let grant = Grant::new(Role::Screener, Some(MemberCountry::parse("FR").unwrap())).unwrap();
    t.set_time(1_780_000_000);
    let user = t.store.create_user(&admin, &name, grant).await.unwrap();
    t.store.set_password(&admin, &name, "$argon2id$stand-in").await.unwrap();
    let day = t.store.create_token(&admin, &name, "a day", time::Duration::days(1)).await.unwrap();
    let month = t.store.create_token(&admin, &name, "a month", time::Duration::days(30)).await.unwrap();
    assert!(matches!(
        t.store.create_token(&admin, &name, "forever", time::Duration::days(400)).await,
        Err(StoreError::TokenLifetime(366))
    ));
    t.set_time(1_780_000_000 + 86_400 + 1);
    assert!(t.store.user_for_token(&day).await.unwrap().is_none(), "a day's token lapsed");
    assert!(t.store.user_for_token(&month).await.unwrap().is_some());

    let (session, _) = t.store.start_session(&user, time::Duration::hours(10)).await.unwrap();
    assert!(t.store.session(&session).await.unwrap().is_some());
    t.store.set_disabled(&admin, &name, true, "left the service").await.unwrap();
    assert!(t.store.user_for_token(&month).await.unwrap().is_none(), "the token is revoked");
    assert!(t.store.session(&session).await.unwrap().is_none(), "the session ended");
    assert!(t.store.user_password(&name).await.unwrap().is_none(), "the password no longer signs in");
    assert!(matches!(
        t.store.create_token(&admin, &name, "again", time::Duration::days(1)).await,
        Err(StoreError::UserDisabled(_))
    ));
    let listed = t.store.users().await.unwrap();
    assert!(listed.iter().any(|u| u.name == name && u.disabled_at.is_some()));
    t.store.set_disabled(&admin, &name, false, "came back").await.unwrap();
    assert!(t.store.user_password(&name).await.unwrap().is_some());
    assert!(t.store.user_for_token(&month).await.unwrap().is_none(), "revoked stays revoked");
    t.store.record_failed_sign_in(Some(&name), Some("203.0.113.9"), "wrong password").await.unwrap();
    t.store.record_failed_sign_in(None, None, "no such user").await.unwrap();
    let records = t.store.audit_records(0, 100).await.unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    for action in ["user.disable", "user.enable", "session.refused"] {
        assert!(actions.contains(&action), "{actions:?}");
    }
    assert_eq!(t.store.server_secret("k").await.unwrap(), t.store.server_secret("k").await.unwrap());
    assert_ne!(t.store.server_secret("k").await.unwrap(), t.store.server_secret("other").await.unwrap());
}

async fn timestamps_read_back_as_written_and_a_bad_one_is_corrupt(t: TestStore) {
    let admin = Actor::system("admin-cli", None);
    let grant = Grant::new(Role::Reviewer, None).unwrap();
    // Before PostgreSQL's epoch (2000), after it, and far ahead; each with microseconds.
    for (n, unix) in [946_684_799_i64, 1_780_000_000, 4_102_444_800].into_iter().enumerate() {
        t.set_time(unix);
        let name = UserName::parse(&format!("clerk{n}")).unwrap();
        let written = t.store.create_user(&admin, &name, grant).await.unwrap().created_at;
        let expected = OffsetDateTime::from_unix_timestamp(unix).unwrap() + time::Duration::microseconds(123_456);
        assert_eq!(written, expected);
        let read = t.store.users().await.unwrap().into_iter().find(|user| user.name == name).unwrap();
        assert_eq!(read.created_at, expected, "{name}'s creation read back");
        let record = t.store.audit_records(0, 100).await.unwrap().pop().unwrap();
        assert_eq!(record.at, expected, "the audit record's time read back");
    }
    // Text order is time order on SQLite: the stored text is fixed width.
    if let Raw::Sqlite(pool) = &t.raw {
        let stored: Vec<String> =
            sqlx::query_scalar("SELECT created_at FROM users ORDER BY created_at").fetch_all(pool).await.unwrap();
        assert_eq!(
            stored,
            ["1999-12-31T23:59:59.123456Z", "2026-05-28T20:26:40.123456Z", "2100-01-01T00:00:00.123456Z"]
        );
    }
    // PostgreSQL holds the moments themselves, as its own functions read them.
    if let Raw::Postgres(pool) = &t.raw {
        let stored: Vec<i64> = sqlx::query_scalar(
            "SELECT CAST(extract(epoch FROM created_at) * 1000000 AS BIGINT) FROM users ORDER BY created_at",
        )
        .fetch_all(pool)
        .await
        .unwrap();
        assert_eq!(stored, [946_684_799_123_456, 1_780_000_000_123_456, 4_102_444_800_123_456]);
    }
    t.tamper(
        "UPDATE users SET created_at = 'last tuesday' WHERE name = 'clerk1'",
        "UPDATE users SET created_at = 'infinity' WHERE name = 'clerk1'",
    )
    .await;
    match t.store.users().await {
        Err(StoreError::Corrupt(message)) => assert!(message.contains("created_at"), "{message}"),
        other => panic!("a timestamp that is not one is corrupt data, not {other:?}"),
    }
}

async fn concurrent_writers_keep_ids_unique_and_the_chain_whole(t: TestStore) {
    let request = Arc::new(case("01-seed-head-of-state-drone-strike.json"));
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (store, request) = (t.store.clone(), request.clone());
        tasks.push(tokio::spawn(async move { store.create_drafts(&bureau("IR"), &request).await.unwrap() }));
    }
    let mut ids = Vec::new();
    for task in tasks {
        ids.extend(task.await.unwrap().notice_ids);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 8 * request.subjects.len());
    assert_eq!(ids.last().unwrap().number() as usize, ids.len());
    assert_eq!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { records: 8 });
}

/// Records of reads are committed in groups: many at once, among writes that append their own, all
/// land in the chain, each once, and each caller returns only after its record is there.
async fn reads_recorded_together_each_reach_the_chain(t: TestStore) {
    let screener = Actor::user(
        &UserName::parse("border.fr").unwrap(),
        &Grant::new(Role::Screener, Some(MemberCountry::parse("FR").unwrap())).unwrap(),
    );
    let request = Arc::new(case("02-ordinary-murder.json"));
    let mut tasks = Vec::new();
    for people in 1..=300 {
        let (store, screener) = (t.store.clone(), screener.clone());
        tasks.push(tokio::spawn(async move {
            store.record_screening(&screener, people, &[]).await.unwrap();
            let records = store.audit_records(0, 1_000).await.unwrap();
            assert!(
                records.iter().any(|r| r.action == "screening.search" && r.details.contains(&format!(":{people},"))),
                "the call for {people} returned before its record was committed"
            );
        }));
        if people % 50 == 0 {
            let (store, request) = (t.store.clone(), request.clone());
            tasks.push(tokio::spawn(async move {
                store.create_drafts(&bureau("FR"), &request).await.unwrap();
            }));
        }
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { records: 306 });
    let records = t.store.audit_records(0, 1_000).await.unwrap();
    let mut people: Vec<String> = records
        .iter()
        .filter(|r| r.action == "screening.search")
        .map(|r| serde_json::from_str::<serde_json::Value>(&r.details).unwrap()["people"].to_string())
        .collect();
    people.sort();
    people.dedup();
    assert_eq!(people.len(), 300, "each read recorded exactly once");
}

/// A password is kept as given (the server hashes it); a session opens its user until it ends or expires.
async fn passwords_and_sessions(t: TestStore) {
    let admin = Actor::system("admin-cli", None);
    let name = UserName::parse("amira").unwrap();
    let user = t.store.create_user(&admin, &name, Grant::new(Role::Reviewer, None).unwrap()).await.unwrap();
    assert!(t.store.user_password(&name).await.unwrap().is_none(), "no password yet");
    t.store.set_password(&admin, &name, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA").await.unwrap();
    let (found, hash) = t.store.user_password(&name).await.unwrap().unwrap();
    assert_eq!((found.id, hash.as_str()), (user.id, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"));
    let ghost = UserName::parse("ghost").unwrap();
    assert!(matches!(t.store.set_password(&admin, &ghost, "x").await, Err(StoreError::UserNotFound(_))));

    let (cookie, csrf) = t.store.start_session(&user, time::Duration::hours(1)).await.unwrap();
    let (opened, kept_csrf) = t.store.session(&cookie).await.unwrap().unwrap();
    assert_eq!((opened.id, kept_csrf), (user.id, csrf));
    assert!(t.store.session("dn_not-a-session").await.unwrap().is_none());
    t.store.end_session(&cookie).await.unwrap();
    assert!(t.store.session(&cookie).await.unwrap().is_none(), "ended");

    let (cookie, _) = t.store.start_session(&user, time::Duration::hours(1)).await.unwrap();
    t.clock.fetch_add(3601, Ordering::SeqCst);
    assert!(t.store.session(&cookie).await.unwrap().is_none(), "expired by the store's clock");
    let records = t.store.audit_records(0, 100).await.unwrap();
    let actions: Vec<&str> = records.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["user.create", "user.password", "session.start", "session.end", "session.start"]);
    assert!(records.iter().all(|r| !r.details.contains("argon2")), "the hash never reaches the audit trail");
}

async fn the_trail_is_searched_newest_first_and_the_search_recorded(t: TestStore) {
    for country in ["FR", "DE", "FR"] {
        t.store.create_drafts(&bureau(country), &case("02-ordinary-murder.json")).await.unwrap();
    }
    let auditor = Actor::user(&UserName::parse("auditor").unwrap(), &Grant::new(Role::Auditor, None).unwrap());
    let all = t.store.search_audit(&auditor, &AuditFilter::default(), 10).await.unwrap();
    assert_eq!(all.iter().map(|r| r.seq).collect::<Vec<_>>(), [3, 2, 1], "newest first");
    let french = AuditFilter { actor: Some("ncb.fr".into()), ..AuditFilter::default() };
    assert_eq!(t.store.search_audit(&auditor, &french, 10).await.unwrap().len(), 2);
    let requests = AuditFilter { action: Some("request.".into()), before: Some(3), ..AuditFilter::default() };
    let older = t.store.search_audit(&auditor, &requests, 10).await.unwrap();
    assert_eq!(older.iter().map(|r| r.seq).collect::<Vec<_>>(), [2, 1]);
    let literal = AuditFilter { action: Some("request_".into()), ..AuditFilter::default() };
    assert!(t.store.search_audit(&auditor, &literal, 10).await.unwrap().is_empty(), "_ matches only itself");
    let last = t.store.audit_records(0, 100).await.unwrap().pop().unwrap();
    assert_eq!((last.action.as_str(), last.actor.as_str()), ("audit.search", "auditor"));
    assert!(last.details.contains("request_"), "{}", last.details);
}

async fn a_bureau_lists_its_requests_and_reads_the_questions_asked(t: TestStore) {
    let first = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    let second = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    let listed = t.store.requests_of(&bureau("FR"), "FR", None, 10).await.unwrap();
    assert_eq!(listed.iter().map(|l| l.request_id).collect::<Vec<_>>(), [second.request_id, first.request_id]);
    assert_eq!(listed[0].first_notices[0].state, NoticeState::Draft);
    assert_eq!(listed[0].states, [(NoticeState::Draft, 1)]);
    assert!(listed[0].first_notices[0].report.is_none(), "a list reads no reports");
    let mut warrant = case("02-ordinary-murder.json");
    warrant.subjects = (0..7)
        .map(|i| {
            let mut subject = warrant.subjects[0].clone();
            subject.family_name = Some(format!("ACCOMPLICE{i}"));
            subject
        })
        .collect();
    let many = t.store.create_drafts(&bureau("FR"), &warrant).await.unwrap();
    let listed = t.store.requests_of(&bureau("FR"), "FR", None, 10).await.unwrap();
    assert_eq!(listed[0].request_id, many.request_id);
    let names: Vec<&str> = listed[0].first_notices.iter().map(|n| n.subject_name.as_str()).collect();
    assert_eq!(
        names,
        ["ACCOMPLICE0, Luca", "ACCOMPLICE1, Luca", "ACCOMPLICE2, Luca", "ACCOMPLICE3, Luca", "ACCOMPLICE4, Luca"]
    );
    assert_eq!(listed[0].states, [(NoticeState::Draft, 7)], "the rest are counted");
    assert_eq!(listed[1].first_notices.len(), 1, "each request its own notices");

    let check = checks(&first, Recommendation::Review);
    t.store.submit_request(&bureau("FR"), first.request_id, 1, &check).await.unwrap();
    let question = "Which court issued the warrant, and on what date?";
    t.store.decide(&reviewer(), first.request_id, Decision::RequestInformation, question, None).await.unwrap();
    let record = t.store.read_request(&bureau("FR"), first.request_id).await.unwrap();
    assert_eq!(record.decisions.len(), 1);
    assert_eq!(
        (record.decisions[0].decision.as_str(), record.decisions[0].reason.as_str()),
        ("request_information", question)
    );
    assert_eq!(record.decisions[0].notice, first.notice_ids[0]);
    let records = t.store.audit_records(0, 100).await.unwrap();
    assert!(records.iter().any(|r| r.action == "requests.list" && r.actor == "ncb.fr"), "listing is audited");
}

fn other_reviewer() -> Actor {
    Actor::user(&UserName::parse("second.reviewer").unwrap(), &Grant::new(Role::Reviewer, None).unwrap())
}

/// A check of every notice of `stored`, each with `recommendation`, as the server would make it.
fn checks(stored: &StoredRequest, recommendation: Recommendation) -> Vec<SubjectCheck> {
    stored
        .notice_ids
        .iter()
        .map(|id| SubjectCheck {
            notice_id: *id,
            recommendation,
            report: serde_json::json!({"recommendation": recommendation.as_str(), "findings": []}),
            held: false,
        })
        .collect()
}

async fn submission_keeps_each_check_and_the_queue_puts_risk_first(t: TestStore) {
    let murder = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    let seed = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    let moved = t
        .store
        .submit_request(&bureau("FR"), murder.request_id, 1, &checks(&murder, Recommendation::Clear))
        .await
        .unwrap();
    assert_eq!(moved, vec![(murder.notice_ids[0], NoticeState::InReview)]);
    t.set_time(1_780_000_100);
    t.store.submit_request(&bureau("IR"), seed.request_id, 1, &checks(&seed, Recommendation::Refuse)).await.unwrap();

    let queue = t.store.review_queue(&reviewer(), 50, QueueDetail::Reports).await.unwrap();
    let order: Vec<(i64, Recommendation)> = queue.iter().map(|q| (q.request_id, q.recommendation)).collect();
    assert_eq!(
        order,
        [(seed.request_id, Recommendation::Refuse), (murder.request_id, Recommendation::Clear)],
        "the later request comes first: it is the riskier"
    );
    assert_eq!(queue[0].notices.len(), 5);
    assert!(
        queue[0]
            .notices
            .iter()
            .all(|n| n.state == NoticeState::InReview && n.recommendation == Some(Recommendation::Refuse))
    );
    assert_eq!(queue[1].notices[0].subject_name, "MARCHETTI, Luca");
    assert!(queue.iter().flat_map(|q| &q.notices).all(|n| n.report.is_some()), "reports when asked for");
    let names = t.store.review_queue(&reviewer(), 50, QueueDetail::Summaries).await.unwrap();
    assert_eq!(names.iter().map(|q| q.notices.len()).collect::<Vec<_>>(), [5, 1], "each request its own notices");
    assert!(names.iter().flat_map(|q| &q.notices).all(|n| n.report.is_none()), "no reports for a list");
    assert_eq!(names[1].notices[0].subject_name, "MARCHETTI, Luca");

    let record = t.store.read_request(&reviewer(), seed.request_id).await.unwrap();
    assert_eq!(record.request, case("01-seed-head-of-state-drone-strike.json"));
    assert_eq!(record.notices.len(), 5);
    let actions: Vec<String> = t.store.audit_records(0, 100).await.unwrap().into_iter().map(|r| r.action).collect();
    assert!(actions.contains(&"review.queue.read".to_string()) && actions.contains(&"request.read".to_string()));
    assert_eq!(actions.iter().filter(|a| *a == "notice.submit").count(), 6);
}

async fn publishing_against_a_refusal_takes_two_reviewers(t: TestStore) {
    let murder = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap();
    let id = murder.notice_ids[0];
    t.store
        .submit_request(&bureau("FR"), murder.request_id, 1, &checks(&murder, Recommendation::Refuse))
        .await
        .unwrap();

    let first =
        t.store.decide(&reviewer(), murder.request_id, Decision::Publish, "the finding is wrong", None).await.unwrap();
    assert_eq!(first, vec![DecisionOutcome::AwaitingSecondReviewer { notice: id }]);
    assert_eq!(t.store.read_notice(&reviewer(), id).await.unwrap().notice.state, NoticeState::InReview);

    let again = t.store.decide(&reviewer(), murder.request_id, Decision::Publish, "I insist", None).await.unwrap_err();
    assert!(matches!(again, StoreError::SameReviewer(n) if n == id), "{again}");

    let second =
        t.store.decide(&other_reviewer(), murder.request_id, Decision::Publish, "I concur", None).await.unwrap();
    assert_eq!(second, vec![DecisionOutcome::Moved { notice: id, state: NoticeState::Published }]);
    assert!(t.store.review_queue(&reviewer(), 50, QueueDetail::Reports).await.unwrap().is_empty());
    let records = t.store.audit_records(0, 100).await.unwrap();
    let publishers: Vec<&str> =
        records.iter().filter(|r| r.action == "notice.decision.publish").map(|r| r.actor.as_str()).collect();
    assert_eq!(publishers, ["reviewer", "second.reviewer"], "both reviewers are on the record");
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
}

/// An edit of a JSON column's text, in each backend's dialect.
fn replaced(t: &TestStore, table: &str, column: &str, row: &str, from: &str, to: &str) -> String {
    let cast = if t.store.backend() == "postgres" { "::jsonb" } else { "" };
    format!("UPDATE {table} SET {column} = REPLACE(CAST({column} AS TEXT), '{from}', '{to}'){cast} WHERE {row}")
}

/// The ways of tampering an attacker with the database's credentials was seen to try, beyond an
/// altered or removed record (the tests above): each is named by `verify`. A chain rewritten whole,
/// cut short, or stripped of its signatures is named with an anchor kept outside the database.
async fn tampering_past_the_trail_is_named(t: TestStore) {
    let seed = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    t.store.submit_request(&bureau("IR"), seed.request_id, 1, &checks(&seed, Recommendation::Refuse)).await.unwrap();
    t.store.decide(&reviewer(), seed.request_id, Decision::Refuse, "art. 3: a military operation", None).await.unwrap();
    let mut barred = case("02-ordinary-murder.json");
    barred.barred = vec![MemberCountry::parse("IR").unwrap()];
    let murder = published(&t, &barred).await[0];
    let refused = seed.notice_ids[0];
    t.store.add_picture(&bureau("FR"), murder, "image/png", b"\x89PNG\r\n\x1a\n a face").await.unwrap();
    let intact = t.store.verify_audit_anchored(&[]).await.unwrap();
    assert!(matches!(intact.0, AuditVerification::Intact { .. }), "{intact:?}");
    let anchor = vec![dragnet_store::Anchor { seq: intact.1.0, hash: intact.1.1.clone(), signed: true }];

    // Each edit of the state, made straight in the database and undone after.
    let unlock = "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change;";
    let request = format!("id = {}", seed.request_id);
    let subject = format!("id = '{murder}'");
    let edits: [(&str, String, String, String); 7] = [
        (
            "a picture moved to another notice",
            format!("UPDATE pictures SET notice_id = '{refused}' WHERE notice_id = '{murder}'"),
            format!("UPDATE pictures SET notice_id = '{murder}' WHERE notice_id = '{refused}'"),
            // Both notices differ from their seals; the first in order is named.
            format!("notice/{refused}"),
        ),
        (
            "who made a request",
            format!("UPDATE requests SET created_by = created_by || 'x' WHERE {request}"),
            format!("UPDATE requests SET created_by = substr(created_by, 1, length(created_by) - 1) WHERE {request}"),
            format!("request/{}", seed.request_id),
        ),
        (
            "a refused notice published",
            format!("UPDATE notices SET state = 'published' WHERE id = '{refused}'"),
            format!("UPDATE notices SET state = 'refused' WHERE id = '{refused}'"),
            format!("notice/{refused}"),
        ),
        (
            "a request's body",
            replaced(&t, "requests", "body", &request, "International", "Xnternational"),
            replaced(&t, "requests", "body", &request, "Xnternational", "International"),
            format!("request/{}", seed.request_id),
        ),
        (
            "a decision's reason",
            format!("UPDATE decisions SET reason = 'ordinary crime' WHERE notice_id = '{refused}'"),
            format!("UPDATE decisions SET reason = 'art. 3: a military operation' WHERE notice_id = '{refused}'"),
            format!("notice/{refused}"),
        ),
        (
            "a barred country",
            format!("DELETE FROM notice_bars WHERE notice_id = '{murder}'"),
            format!("INSERT INTO notice_bars (notice_id, country) VALUES ('{murder}', 'IR')"),
            format!("notice/{murder}"),
        ),
        (
            "a notice's subject",
            replaced(&t, "notices", "subject", &subject, "MARCHETTI", "ROSSI"),
            replaced(&t, "notices", "subject", &subject, "ROSSI", "MARCHETTI"),
            format!("notice/{murder}"),
        ),
    ];
    for (what, edit, undo, target) in &edits {
        t.raw_owned(edit).await;
        match t.store.verify_audit().await.unwrap() {
            AuditVerification::Broken { problem, .. } => {
                assert!(problem.contains(target.as_str()), "{what}: {problem}")
            }
            intact => panic!("{what} went unnoticed: {intact:?}"),
        }
        t.raw_owned(undo).await;
        let undone = t.store.verify_audit().await.unwrap();
        assert!(matches!(undone, AuditVerification::Intact { .. }), "{what} undone: {undone:?}");
    }
    // A notice inserted past the trail.
    t.raw_owned(&format!(
        "INSERT INTO notices (id, request_id, subject_index, kind, requested_by, state, subject, created_at, updated_at)
         SELECT '2099/99999', request_id, 99, kind, requested_by, 'published', subject, created_at, updated_at
         FROM notices WHERE id = '{murder}'"
    ))
    .await;
    match t.store.verify_audit().await.unwrap() {
        AuditVerification::Broken { problem, .. } => assert!(problem.contains("notice/2099/99999"), "{problem}"),
        intact => panic!("a forged notice went unnoticed: {intact:?}"),
    }
    t.raw_owned("DELETE FROM notices WHERE id = '2099/99999'").await;

    // The chain's own tamperings: altered, re-hashed, a middle or the last record removed.
    let records = t.store.audit_records(0, 1000).await.unwrap();
    let last = records.last().unwrap().seq;
    if t.store.backend() == "postgres" {
        t.raw_owned(unlock).await;
    } else {
        t.raw_owned("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;").await;
    }
    // A record appended past the servers, hashed as they would: it is not signed.
    let forged_record = {
        let mut record = records.last().unwrap().clone();
        record.seq = last + 1;
        record.action = "notice.read".into();
        record.reason = None;
        record.details = "{}".into();
        record.prev_hash = records.last().unwrap().hash.clone();
        record.hash = record.expected_hash();
        record
    };
    t.raw_owned(&format!(
        "INSERT INTO audit_log (seq, at, actor, country, action, target, reason, details, prev_hash, hash)
         SELECT {}, at, actor, country, '{}', target, NULL, '{{}}', '{}', '{}' FROM audit_log WHERE seq = {last}",
        forged_record.seq, forged_record.action, forged_record.prev_hash, forged_record.hash
    ))
    .await;
    t.raw_owned(&format!(
        "UPDATE audit_head SET seq = {}, hash = '{}' WHERE id = 1",
        forged_record.seq, forged_record.hash
    ))
    .await;
    match t.store.verify_audit().await.unwrap() {
        AuditVerification::Broken { seq, problem } => {
            assert_eq!(seq, forged_record.seq);
            assert!(problem.contains("unsigned"), "{problem}");
        }
        intact => panic!("a forged append went unnoticed: {intact:?}"),
    }
    t.raw_owned(&format!("DELETE FROM audit_log WHERE seq = {}", forged_record.seq)).await;
    t.raw_owned(&format!("UPDATE audit_head SET seq = {last}, hash = '{}' WHERE id = 1", records.last().unwrap().hash))
        .await;
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
    // Every signature stripped, so that the chain looks as if no server ever signed: the anchor,
    // taken signed, tells.
    t.raw_owned("UPDATE audit_log SET signature = NULL").await;
    match t.store.verify_audit_anchored(&anchor).await.unwrap().0 {
        AuditVerification::Broken { problem, .. } => assert!(problem.contains("unsigned"), "{problem}"),
        intact => panic!("stripped signatures went unnoticed with a signed anchor: {intact:?}"),
    }
    // A rewritten chain: the refusal's record changed and every hash after it made again, the head
    // moved to the new end. The chain reads whole; only the anchor tells.
    let forged =
        records.iter().position(|r| r.action == "notice.decision.refuse").expect("the refusal is on the record");
    let mut prev = records[forged - 1].hash.clone();
    for record in &records[forged..] {
        let mut rewritten = record.clone();
        if rewritten.seq == records[forged].seq {
            rewritten.reason = Some("ordinary crime".into());
        }
        rewritten.prev_hash = prev.clone();
        rewritten.hash = rewritten.expected_hash();
        prev = rewritten.hash.clone();
        t.raw_owned(&format!(
            "UPDATE audit_log SET reason = {}, prev_hash = '{}', hash = '{}' WHERE seq = {}",
            rewritten.reason.as_deref().map_or("NULL".to_string(), |r| format!("'{}'", r.replace('\'', "''"))),
            rewritten.prev_hash,
            rewritten.hash,
            rewritten.seq
        ))
        .await;
    }
    t.raw_owned(&format!("UPDATE audit_head SET hash = '{prev}' WHERE id = 1")).await;
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }), "a rewrite reads whole");
    match t.store.verify_audit_anchored(&anchor).await.unwrap().0 {
        // The anchored record is neither the one anchored nor signed any more: either names it.
        AuditVerification::Broken { problem, .. } => {
            assert!(problem.contains("rewritten") || problem.contains("unsigned"), "{problem}")
        }
        intact => panic!("a rewritten chain went unnoticed with its anchor: {intact:?}"),
    }
    // Cut short, the head moved back: the last record removed.
    let head_before = records[records.len() - 2].clone();
    t.raw_owned(&format!("DELETE FROM audit_log WHERE seq = {last}")).await;
    t.raw_owned(&format!(
        "UPDATE audit_head SET seq = {}, hash = '{}' WHERE id = 1",
        head_before.seq,
        if head_before.seq >= records[forged].seq { String::new() } else { head_before.hash.clone() }
    ))
    .await;
    match t.store.verify_audit_anchored(&anchor).await.unwrap().0 {
        AuditVerification::Broken { problem, .. } => {
            assert!(["anchored", "rewritten", "unsigned"].iter().any(|w| problem.contains(w)), "{problem}")
        }
        intact => panic!("a chain cut short went unnoticed with its anchor: {intact:?}"),
    }
}

async fn a_refusal_decides_every_notice_of_the_request(t: TestStore) {
    let seed = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    t.store.submit_request(&bureau("IR"), seed.request_id, 1, &checks(&seed, Recommendation::Refuse)).await.unwrap();
    let outcomes = t
        .store
        .decide(&reviewer(), seed.request_id, Decision::Refuse, "Constitution art. 3: a military operation", None)
        .await
        .unwrap();
    assert_eq!(outcomes.len(), 5);
    assert!(outcomes.iter().all(|o| matches!(o, DecisionOutcome::Moved { state: NoticeState::Refused, .. })));
    assert_eq!(t.store.count_notices().await.unwrap(), vec![(NoticeState::Refused, 5)]);
}

async fn submission_and_decisions_refuse_what_does_not_fit(t: TestStore) {
    let seed = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    let before = t.store.audit_head().await.unwrap();
    let mut partial = checks(&seed, Recommendation::Refuse);
    partial.pop();
    let err = t.store.submit_request(&bureau("IR"), seed.request_id, 1, &partial).await.unwrap_err();
    assert!(matches!(err, StoreError::CheckMismatch { .. }), "{err}");
    assert_eq!(t.store.count_notices().await.unwrap(), vec![(NoticeState::Draft, 5)], "nothing half-submitted");
    assert_eq!(t.store.audit_head().await.unwrap(), before);

    // A check made of an older version of the request is not kept with the newer one.
    t.store
        .update_request(&bureau("IR"), seed.request_id, &case("01-seed-head-of-state-drone-strike.json"))
        .await
        .unwrap();
    assert_eq!(t.store.read_request(&bureau("IR"), seed.request_id).await.unwrap().version, 2);
    let before = t.store.audit_head().await.unwrap();
    let err = t
        .store
        .submit_request(&bureau("IR"), seed.request_id, 1, &checks(&seed, Recommendation::Clear))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::RequestChanged { .. }), "{err}");
    assert_eq!(t.store.count_notices().await.unwrap(), vec![(NoticeState::Draft, 5)], "nothing submitted");
    assert_eq!(t.store.audit_head().await.unwrap(), before);

    assert!(matches!(
        t.store.decide(&reviewer(), seed.request_id, Decision::Refuse, "no", None).await,
        Err(StoreError::NothingToDo { .. })
    ));
    t.store.submit_request(&bureau("IR"), seed.request_id, 2, &checks(&seed, Recommendation::Refuse)).await.unwrap();
    assert!(matches!(
        t.store.submit_request(&bureau("IR"), seed.request_id, 2, &checks(&seed, Recommendation::Refuse)).await,
        Err(StoreError::NothingToDo { .. })
    ));
    assert!(matches!(t.store.read_request(&reviewer(), 999).await, Err(StoreError::RequestNotFound(999))));
    let stranger = dragnet_domain::NoticeId::parse("2026/99999").unwrap();
    assert!(matches!(
        t.store.decide(&reviewer(), seed.request_id, Decision::Refuse, "no", Some(&[stranger])).await,
        Err(StoreError::NothingToDo { .. })
    ));
    // Asking for information sends one notice back to the bureau, which may submit it again.
    let one = seed.notice_ids[1];
    t.store
        .decide(&reviewer(), seed.request_id, Decision::RequestInformation, "which role?", Some(&[one]))
        .await
        .unwrap();
    let resubmit = vec![SubjectCheck {
        notice_id: one,
        recommendation: Recommendation::Review,
        report: serde_json::json!({}),
        held: false,
    }];
    let moved = t.store.submit_request(&bureau("IR"), seed.request_id, 2, &resubmit).await.unwrap();
    assert_eq!(moved, vec![(one, NoticeState::InReview)]);
}

/// Publishes `request` as its bureau and returns its notices.
async fn published(t: &TestStore, request: &NoticeRequest) -> Vec<NoticeId> {
    let bureau = bureau(request.requested_by.as_str());
    let stored = t.store.create_drafts(&bureau, request).await.unwrap();
    t.store.submit_request(&bureau, stored.request_id, 1, &checks(&stored, Recommendation::Clear)).await.unwrap();
    t.store.decide(&reviewer(), stored.request_id, Decision::Publish, "ordinary-law crime", None).await.unwrap();
    stored.notice_ids
}

async fn only_published_public_unbarred_notices_have_public_extracts(t: TestStore) {
    let mut public = case("02-ordinary-murder.json");
    public.public_extract = true;
    let shown = published(&t, &public).await[0];
    let not_public = published(&t, &case("02-ordinary-murder.json")).await[0];
    let mut barred = public.clone();
    barred.barred = vec![MemberCountry::parse("DE").unwrap()];
    let restricted = published(&t, &barred).await[0];
    let waiting = t.store.create_drafts(&bureau("FR"), &public).await.unwrap().notice_ids[0];
    let suspended = published(&t, &public).await[0];
    t.store.transition(&reviewer(), suspended, LifecycleEvent::Suspend, Some("under review")).await.unwrap();

    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>";
    let picture = t.store.add_picture(&reviewer(), shown, "image/svg+xml", svg).await.unwrap();
    let odd = t.store.add_picture(&reviewer(), shown, "text/html", b"<script>").await.unwrap_err();
    assert!(matches!(odd, StoreError::PictureType(_)), "{odd}");
    let nowhere = NoticeId::parse("2099/99999").unwrap();
    let missing = t.store.add_picture(&reviewer(), nowhere, "image/png", b"png").await.unwrap_err();
    assert!(matches!(missing, StoreError::NoticeNotFound(_)), "{missing}");
    assert_eq!(t.store.picture(shown, picture).await.unwrap(), Some(("image/svg+xml".to_string(), svg.to_vec())));
    assert_eq!(t.store.picture(not_public, picture).await.unwrap(), None, "a picture belongs to its notice");
    let extracts = t.store.public_extracts().await.unwrap().rows;
    assert_eq!(extracts.iter().map(|e| e.id).collect::<Vec<_>>(), [shown], "only the published, public, unbarred one");
    let extract = &extracts[0];
    assert_eq!((extract.kind, extract.requested_by.as_str()), (NoticeKind::Red, "FR"));
    assert_eq!(extract.subject.family_name.as_deref(), Some("MARCHETTI"));
    assert!(extract.subject.identity_documents.is_empty(), "no passport number on a public page");
    assert_eq!(extract.charges.iter().map(|c| c.title.as_str()).collect::<Vec<_>>(), ["Meurtre (murder)"]);
    assert!(extract.published_at.is_some());
    assert_eq!(extract.pictures, [picture]);
    assert_eq!(t.store.public_extracts_among(&[shown]).await.unwrap().first(), Some(extract));
    for hidden in [not_public, restricted, waiting, suspended] {
        assert_eq!(t.store.public_extracts_among(&[hidden]).await.unwrap(), [], "{hidden}");
    }
}

async fn imported_notices_keep_their_ids_and_are_published_publicly(t: TestStore) {
    let importer = Actor::system("import", None);
    let made_here = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap().notice_ids[0];
    let mut request = case("02-ordinary-murder.json");
    request.subjects.truncate(1);
    request.public_extract = true;
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>".to_vec();
    let picture = |id: Option<i64>| ImportedPicture { id, content_type: "image/svg+xml".into(), bytes: svg.clone() };
    // This year's numbering is at 1 (the draft above); an import far ahead of it moves it on.
    let ahead = NoticeId::new(made_here.year(), 114_539).unwrap();
    let old = NoticeId::parse("2019/01234").unwrap();
    let notices = [
        ImportedNotice {
            id: ahead,
            request: request.clone(),
            detailed: true,
            pictures: vec![picture(Some(61_546_382)), picture(None)],
        },
        ImportedNotice { id: old, request: request.clone(), detailed: true, pictures: vec![picture(Some(61_546_382))] },
        ImportedNotice { id: made_here, request: request.clone(), detailed: true, pictures: Vec::new() },
    ];
    let outcomes = t.store.import_published(&importer, "INTERPOL public notices", &notices).await.unwrap();
    assert_eq!(outcomes, [ImportOutcome::Imported, ImportOutcome::Imported, ImportOutcome::IdTaken]);

    let extracts = t.store.public_extracts().await.unwrap().rows;
    assert_eq!(extracts.iter().map(|e| e.id).collect::<Vec<_>>(), [old, ahead], "published and public at once");
    let first = extracts.iter().find(|e| e.id == ahead).unwrap();
    assert_eq!(first.source.as_deref(), Some("INTERPOL public notices"));
    assert!(first.published_at.is_some());
    assert_eq!(first.pictures.len(), 2);
    assert_eq!(first.pictures[0], 61_546_382, "the source's picture id is kept when free");
    let second = extracts.iter().find(|e| e.id == old).unwrap();
    assert_ne!(second.pictures[0], 61_546_382, "a taken picture id is not reused");
    assert!(t.store.notices_in_force().await.unwrap().rows.iter().any(|n| n.id == ahead), "screened against");
    let record = t.store.read_notice(&reviewer(), ahead).await.unwrap();
    assert_eq!(record.notice.state, NoticeState::Published);

    // The next notice made here follows the imported number; a picture added later gets a new id.
    let next = t.store.create_drafts(&bureau("FR"), &case("02-ordinary-murder.json")).await.unwrap().notice_ids[0];
    assert_eq!(next.number(), 114_540);
    let added = t.store.add_picture(&reviewer(), ahead, "image/svg+xml", &svg).await.unwrap();
    assert!(added > 61_546_382);

    // Imported again: left as it was, nothing written.
    let head = t.store.audit_head().await.unwrap();
    let again = t.store.import_published(&importer, "INTERPOL public notices", &notices[..2]).await.unwrap();
    assert_eq!(again, [ImportOutcome::AlreadyImported, ImportOutcome::AlreadyImported]);
    assert_eq!(t.store.audit_head().await.unwrap(), head, "nothing imported, nothing recorded");

    // A notice that is not one public subject is refused before anything is written.
    let mut two = notices[0].clone();
    two.id = NoticeId::parse("2018/00001").unwrap();
    two.request.subjects.push(two.request.subjects[0].clone());
    let err = t.store.import_published(&importer, "x", &[two]).await.unwrap_err();
    assert!(matches!(err, StoreError::NotImportable { .. }), "{err}");
    let mut twice = notices[0].clone();
    twice.id = NoticeId::parse("2018/00002").unwrap();
    let err = t.store.import_published(&importer, "x", &[twice.clone(), twice]).await.unwrap_err();
    assert!(err.to_string().contains("given twice"), "{err}");
    let imports = t
        .store
        .search_audit(&reviewer(), &AuditFilter { action: Some("notice.import".into()), ..Default::default() }, 10)
        .await
        .unwrap();
    assert_eq!(imports.len(), 1);
    let details: serde_json::Value = serde_json::from_str(&imports[0].details).unwrap();
    assert_eq!(details["notices"], serde_json::json!([ahead.to_string(), old.to_string()]));
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
}

async fn imported_notices_follow_their_source(t: TestStore) {
    let importer = Actor::system("import", None);
    let source = "INTERPOL public notices";
    let mut request = case("02-ordinary-murder.json");
    request.subjects.truncate(1);
    request.public_extract = true;
    let (a, b) = (NoticeId::parse("2019/821").unwrap(), NoticeId::parse("2020/104032").unwrap());
    let notice = |id: NoticeId, request: &NoticeRequest, detailed: bool| ImportedNotice {
        id,
        request: request.clone(),
        detailed,
        pictures: Vec::new(),
    };
    let first = [notice(a, &request, true), notice(b, &request, true)];
    t.store.import_published(&importer, source, &first).await.unwrap();
    let in_force = |t: &TestStore| {
        let store = t.store.clone();
        async move {
            let mut ids: Vec<NoticeId> = store.notices_in_force().await.unwrap().rows.iter().map(|n| n.id).collect();
            ids.sort();
            ids
        }
    };

    // A newer detail record updates what changed, audited by field; a list entry never replaces a detail.
    let mut newer = request.clone();
    newer.subjects[0].physical = Some(dragnet_domain::person::Physical { height_cm: Some(37), ..Default::default() });
    newer.charges[0].translation = Some("Murder".into());
    let mut entry = request.clone();
    entry.subjects[0].date_of_birth = None;
    let outcomes = t
        .store
        .import_published(&importer, source, &[notice(a, &newer, true), notice(b, &entry, false)])
        .await
        .unwrap();
    assert_eq!(outcomes, [ImportOutcome::Updated, ImportOutcome::AlreadyImported]);
    let updates = t
        .store
        .search_audit(
            &reviewer(),
            &AuditFilter { action: Some("notice.source_update".into()), ..Default::default() },
            10,
        )
        .await
        .unwrap();
    assert_eq!(updates.len(), 1);
    assert_eq!(updates[0].target, format!("notice/{a}"));
    let details: serde_json::Value = serde_json::from_str(&updates[0].details).unwrap();
    assert_eq!(details["fields"], serde_json::json!(["charges", "subjects[0].physical"]));
    let extract = t.store.public_extracts_among(&[a]).await.unwrap().remove(0);
    assert_eq!(extract.subject.physical.unwrap().height_cm, Some(37));
    assert_eq!(extract.charges[0].translation.as_deref(), Some("Murder"));
    let stored = t.store.public_extracts_among(&[b]).await.unwrap().remove(0);
    assert!(stored.subject.date_of_birth.is_some(), "the entry left the detail as it was");

    // A sweep without `a` withdraws it: suspended, not screened, not shown; other kinds and a
    // notice a supervisor suspended are not touched.
    let withdrawn =
        t.store.withdraw_missing(&importer, source, &[NoticeKind::Yellow], &HashSet::new(), false).await.unwrap();
    assert_eq!(withdrawn, [], "a sweep of yellow notices says nothing of red ones");
    let withdrawn =
        t.store.withdraw_missing(&importer, source, &[NoticeKind::Red], &HashSet::from([b]), false).await.unwrap();
    assert_eq!(withdrawn, [a]);
    assert_eq!(in_force(&t).await, [b]);
    assert_eq!(t.store.public_extracts_among(&[a]).await.unwrap(), []);
    assert_eq!(t.store.read_notice(&reviewer(), a).await.unwrap().notice.state, NoticeState::Suspended);
    t.store.transition(&reviewer(), b, LifecycleEvent::Suspend, Some("challenged")).await.unwrap();
    assert_eq!(
        t.store.withdraw_missing(&importer, source, &[NoticeKind::Red], &HashSet::new(), false).await.unwrap(),
        []
    );

    // Back in a later sweep, even as a list entry, `a` is in force again; `b`, suspended by a
    // supervisor, stays suspended whatever the source says.
    let outcomes = t
        .store
        .import_published(&importer, source, &[notice(a, &entry, false), notice(b, &request, true)])
        .await
        .unwrap();
    assert_eq!(outcomes, [ImportOutcome::Restored, ImportOutcome::AlreadyImported]);
    assert_eq!(in_force(&t).await, [a]);
    let extract = t.store.public_extracts_among(&[a]).await.unwrap().remove(0);
    assert_eq!(extract.subject.physical.unwrap().height_cm, Some(37), "restored as it was last detailed");
    for action in ["notice.source_withdraw", "notice.source_restore"] {
        let records = t
            .store
            .search_audit(&reviewer(), &AuditFilter { action: Some(action.into()), ..Default::default() }, 10)
            .await
            .unwrap();
        assert_eq!(records.iter().map(|r| r.target.as_str()).collect::<Vec<_>>(), [format!("notice/{a}")], "{action}");
    }

    // Another source, or a record of another kind with the same id, leaves the notice as it is.
    let mut yellow = newer.clone();
    yellow.kind = NoticeKind::Yellow;
    yellow.charges.clear();
    let outcomes = t.store.import_published(&importer, "a mirror", &[notice(a, &entry, true)]).await.unwrap();
    assert_eq!(outcomes, [ImportOutcome::OtherSource]);
    let outcomes = t.store.import_published(&importer, source, &[notice(a, &yellow, true)]).await.unwrap();
    assert_eq!(outcomes, [ImportOutcome::OtherKind]);
    let extract = t.store.public_extracts_among(&[a]).await.unwrap().remove(0);
    assert_eq!((extract.kind, extract.subject.date_of_birth.is_some()), (NoticeKind::Red, true));

    // A sweep that lacks most of a big source is taken for one cut short: nothing is withdrawn
    // unless the caller insists.
    let many: Vec<ImportedNotice> =
        (1..=30).map(|n| notice(NoticeId::parse(&format!("2015/{n}")).unwrap(), &request, true)).collect();
    t.store.import_published(&importer, "another source", &many).await.unwrap();
    let page: HashSet<NoticeId> = many[..5].iter().map(|n| n.id).collect();
    let head = t.store.audit_head().await.unwrap();
    let err =
        t.store.withdraw_missing(&importer, "another source", &[NoticeKind::Red], &page, false).await.unwrap_err();
    assert!(matches!(err, StoreError::SweepIncomplete { missing: 25, published: 30 }), "{err}");
    assert_eq!(t.store.audit_head().await.unwrap(), head, "nothing withdrawn, nothing recorded");
    let withdrawn =
        t.store.withdraw_missing(&importer, "another source", &[NoticeKind::Red], &page, true).await.unwrap();
    assert_eq!(withdrawn.len(), 25);
    assert_eq!(in_force(&t).await.len(), 1 + 5, "a, and the five swept");
    assert!(matches!(t.store.verify_audit().await.unwrap(), AuditVerification::Intact { .. }));
}

fn screener(country: &str) -> Actor {
    let grant = Grant::new(Role::Screener, Some(MemberCountry::parse(country).unwrap())).unwrap();
    Actor::user(&UserName::parse(&format!("border.{}", country.to_lowercase())).unwrap(), &grant)
}

async fn a_hit_card_is_the_notice_in_force_now(t: TestStore) {
    let id = published(&t, &case("02-ordinary-murder.json")).await[0];
    let draft = t.store.create_drafts(&bureau("FR"), &case("04-investment-fraud.json")).await.unwrap();
    let cards = t.store.notice_cards(&[id, draft.notice_ids[0]]).await.unwrap();
    assert!(cards.unreadable.is_empty());
    assert_eq!(cards.rows.len(), 1, "a draft has no card: it is not in force");
    let card = &cards.rows[0];
    assert_eq!((card.id, card.kind, card.requested_by.as_str()), (id, NoticeKind::Red, "FR"));
    assert_eq!(card.action, dragnet_domain::Action::Arrest);
    assert_eq!(card.subject.family_name.as_deref(), Some("MARCHETTI"));
    assert!(!card.charges.is_empty() && card.expires_at.is_some());
    t.store.transition(&reviewer(), id, LifecycleEvent::Suspend, Some("checking")).await.unwrap();
    assert!(t.store.notice_cards(&[id]).await.unwrap().rows.is_empty(), "a suspended notice has no card");
}

async fn a_clearance_holds_until_it_expires_is_revoked_or_the_notice_changes(t: TestStore) {
    let id = published(&t, &case("02-ordinary-murder.json")).await[0];
    let card = t.store.notice_cards(&[id]).await.unwrap().rows.remove(0);
    let new = |seen| NewClearance {
        notice: id,
        document: "YB7654321".into(),
        date_of_birth: PartialDate::parse("1988-03-11").unwrap(),
        seen,
        reason: "another man: fingerprints differ".into(),
    };
    let documents = vec!["YB7654321".to_string()];
    let stale = new(card.updated_at - time::Duration::seconds(1));
    assert!(
        matches!(t.store.record_clearance(&screener("DE"), &stale).await, Err(StoreError::NoticeChanged(n)) if n == id)
    );
    let cleared = t.store.record_clearance(&screener("DE"), &new(card.updated_at)).await.unwrap();
    assert_eq!((cleared.country.as_str(), cleared.cleared_by.as_str()), ("DE", "border.de"));
    assert_eq!(cleared.notice_updated_at, card.updated_at);
    let found = t.store.clearances_for(&documents, &[id]).await.unwrap();
    assert_eq!(found, vec![cleared.clone()], "read back as written");
    assert!(t.store.clearances_for(&["OTHER1".to_string()], &[id]).await.unwrap().is_empty());

    // Expired: no longer in effect, still listed for the secretariat.
    t.clock.fetch_add(dragnet_store::CLEARANCE_LIFETIME.whole_seconds() + 1, Ordering::SeqCst);
    assert!(t.store.clearances_for(&documents, &[id]).await.unwrap().is_empty(), "expired");
    let listed = t.store.clearances(&reviewer(), None, 10).await.unwrap();
    assert_eq!(listed.iter().map(|c| c.id).collect::<Vec<_>>(), [cleared.id]);

    // Revoked: no longer in effect, and revoked once.
    let again = t.store.record_clearance(&screener("DE"), &new(card.updated_at)).await.unwrap();
    assert_eq!(t.store.clearances_for(&documents, &[id]).await.unwrap().len(), 1);
    let revoked = t.store.revoke_clearance(&reviewer(), again.id, "the fingerprints were not taken").await.unwrap();
    assert_eq!(revoked.revoked_by.as_deref(), Some("reviewer"));
    assert!(t.store.clearances_for(&documents, &[id]).await.unwrap().is_empty(), "revoked");
    assert!(matches!(
        t.store.revoke_clearance(&reviewer(), again.id, "twice").await,
        Err(StoreError::ClearanceRevoked(_))
    ));
    assert!(matches!(
        t.store.revoke_clearance(&reviewer(), 999, "none").await,
        Err(StoreError::ClearanceNotFound(999))
    ));

    // Revoked by the secretariat: the officer cannot clear the same traveller again.
    assert!(matches!(
        t.store.record_clearance(&screener("DE"), &new(card.updated_at)).await,
        Err(StoreError::ClearanceOverruled(n)) if n == id
    ));

    // The notice changes: a clearance made before (of another traveller) no longer matches it.
    let other = NewClearance { document: "YC1112223".into(), ..new(card.updated_at) };
    let before = t.store.record_clearance(&screener("DE"), &other).await.unwrap();
    t.clock.fetch_add(60, Ordering::SeqCst);
    t.store.transition(&reviewer(), id, LifecycleEvent::Suspend, Some("checking")).await.unwrap();
    assert!(
        matches!(
            t.store.record_clearance(&screener("DE"), &new(card.updated_at)).await,
            Err(StoreError::NoticeNotFound(_))
        ),
        "a notice not in force is cleared by no one"
    );
    t.clock.fetch_add(60, Ordering::SeqCst);
    t.store.transition(&reviewer(), id, LifecycleEvent::Reinstate, Some("checked")).await.unwrap();
    let now = t.store.notice_cards(&[id]).await.unwrap().rows.remove(0);
    assert_ne!(now.updated_at, before.notice_updated_at, "the notice moved on since it was cleared");
    t.clock.fetch_add(60, Ordering::SeqCst);
    t.store.add_picture(&bureau("FR"), id, "image/png", b"\x89PNG\r\n\x1a\n").await.unwrap();
    let pictured = t.store.notice_cards(&[id]).await.unwrap().rows.remove(0);
    assert_ne!(pictured.updated_at, now.updated_at, "a new picture changes the notice as compared");
    assert_eq!(pictured.pictures.len(), 1);

    let actions: Vec<String> = t.store.audit_records(0, 1000).await.unwrap().into_iter().map(|r| r.action).collect();
    assert_eq!(actions.iter().filter(|a| *a == "clearance.record").count(), 3);
    assert_eq!(actions.iter().filter(|a| *a == "clearance.revoke").count(), 1);
    assert!(actions.contains(&"clearance.list".to_string()));
}

async fn a_search_reads_every_notice_by_its_filters_and_pages_past_an_unreadable_one(t: TestStore) {
    let murder = published(&t, &case("02-ordinary-murder.json")).await[0];
    let fraud = t.store.create_drafts(&bureau("FR"), &case("04-investment-fraud.json")).await.unwrap().notice_ids[0];
    let seed = t.store.create_drafts(&bureau("IR"), &case("01-seed-head-of-state-drone-strike.json")).await.unwrap();
    let all = |search: NoticeSearch| {
        let store = t.store.clone();
        async move { store.search_notices(&search, 100).await.unwrap().0.rows.into_iter().map(|n| n.id).collect::<Vec<_>>() }
    };
    let french = all(NoticeSearch { requested_by: Some("FR".into()), ..Default::default() }).await;
    assert_eq!(french, vec![murder]);
    let red = all(NoticeSearch { kind: Some(NoticeKind::Red), ..Default::default() }).await;
    assert_eq!(&red[5..], [fraud, murder], "newest request first, its last subject first: {red:?}");
    let published_red =
        all(NoticeSearch { state: Some(NoticeState::Published), kind: Some(NoticeKind::Red), ..Default::default() })
            .await;
    assert_eq!(published_red, vec![murder]);
    let now = t.clock.load(Ordering::SeqCst);
    let today = OffsetDateTime::from_unix_timestamp(now).unwrap().date();
    let dated = NoticeSearch { created_from: Some(today), created_to: Some(today), ..Default::default() };
    assert_eq!(all(dated).await.len(), 7);
    let later = NoticeSearch { created_from: today.next_day(), ..Default::default() };
    assert!(all(later).await.is_empty());

    // A subject that no longer reads is named, not dropped, and the read goes on past it.
    let broken = seed.notice_ids[2];
    t.raw_owned(&format!("UPDATE notices SET subject = '{{\"family_name\": 7}}' WHERE id = '{broken}'")).await;
    let iran = NoticeSearch { requested_by: Some("IR".into()), ..Default::default() };
    let (first, last) = t.store.search_notices(&iran, 3).await.unwrap();
    assert_eq!(first.rows.len() + first.unreadable.len(), 3);
    assert_eq!(first.unreadable.iter().map(|u| u.notice.clone()).collect::<Vec<_>>(), vec![broken.to_string()]);
    let (rest, _) = t.store.search_notices(&NoticeSearch { before: last, ..iran.clone() }, 10).await.unwrap();
    assert_eq!(rest.rows.len(), 2, "the two subjects before it: {rest:?}");
    assert!(rest.rows.iter().all(|n| n.request_id == seed.request_id && n.subject_index < 2));

    // A notice in a final state takes no more pictures.
    t.store.transition(&bureau("FR"), murder, LifecycleEvent::Cancel, Some("arrested")).await.unwrap();
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>";
    let late = t.store.add_picture(&bureau("FR"), murder, "image/svg+xml", svg).await;
    assert!(matches!(late, Err(StoreError::NoticeClosed { notice, .. }) if notice == murder), "{late:?}");
}
