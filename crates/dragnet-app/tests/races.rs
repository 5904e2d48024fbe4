//! Races against the application, on SQLite and on PostgreSQL: an edit landing while a submission
//! is checked, and a publication whose caller goes away after the commit. Whatever the order,
//! the report kept is the check of the body kept, no diffusion the check refuses is delivered, and
//! screening and the public list answer exactly what the store holds in force.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{backends, bureau, reviewer};
use dragnet_domain::{NoticeRequest, NoticeState, parse_request};
use dragnet_review::Recommendation;
use dragnet_store::Decision;

const TRIALS: usize = 150;

/// An ordinary fraud sent as a diffusion: the check finds nothing, so it is delivered at once.
const FRAUD_DIFFUSION: &str = include_str!("../../dragnet-review/tests/cases/c11-diffusion-ordinary-fraud.json");

/// The diffusion about someone else in each trial: the same person sent again would be a duplicate
/// of the one delivered before (a finding of its own), and this race is about the edit.
fn clean_json(trial: usize) -> serde_json::Value {
    const SYLLABLES: [&str; 15] =
        ["BA", "DU", "KE", "LO", "MI", "NA", "PO", "RU", "SE", "TI", "VO", "ZA", "GRE", "HOL", "FEN"];
    let mut request: serde_json::Value = serde_json::from_str(FRAUD_DIFFUSION).unwrap();
    let name = format!("{}{}{}", SYLLABLES[trial % 15], SYLLABLES[(trial / 15) % 15], SYLLABLES[(trial + 7) % 15]);
    let subject = &mut request["subjects"][0];
    subject["family_name"] = serde_json::json!(name);
    subject["date_of_birth"] =
        serde_json::json!(format!("{}-{:02}-{:02}", 1940 + trial % 60, 1 + trial % 12, 1 + trial % 28));
    subject["identity_documents"][0]["number"] = serde_json::json!(format!("P{:08}", 10_000_000 + trial * 7919));
    request["reference"] = serde_json::json!(format!("KRK-2024-{trial:04}"));
    request
}

fn clean(trial: usize) -> NoticeRequest {
    parse_request(&clean_json(trial).to_string()).unwrap()
}

/// The same diffusion about a sitting head of state: the check refuses it, so it must be held.
fn refused(trial: usize) -> NoticeRequest {
    let mut request = clean_json(trial);
    request["subjects"][0]["status"] = serde_json::json!(["head_of_state"]);
    parse_request(&request.to_string()).unwrap()
}

/// A few turns of the scheduler, so that the edit lands before, during and after the submission.
async fn jitter(turns: usize) {
    for _ in 0..turns {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_submission_keeps_the_check_of_the_body_it_stored_whatever_edit_races_it() {
    let policy = dragnet_review::Policy::built_in();
    assert_eq!(dragnet_review::check(&clean(0), &policy).recommendation, Recommendation::Clear);
    assert_eq!(dragnet_review::check(&refused(0), &policy).recommendation, Recommendation::Refuse);
    for backend in backends().await {
        let app = backend.app().await;
        let (pl, secretariat) = (bureau("PL"), reviewer("reviewer.one"));
        let mut seen = std::collections::BTreeMap::<&str, usize>::new();
        for trial in 0..TRIALS {
            let id = app.create_request(&pl, &clean(trial)).await.unwrap().request_id;
            let (submitter, editor, bureau_a, bureau_b) = (app.clone(), app.clone(), pl.clone(), pl.clone());
            let submit = tokio::spawn(async move {
                jitter(trial % 7).await;
                submitter.submit_request(&bureau_a, id).await
            });
            let edit = tokio::spawn(async move {
                jitter(trial % 11).await;
                editor.edit_request(&bureau_b, id, &refused(trial)).await
            });
            let submitted = submit.await.unwrap();
            let edited = edit.await.unwrap();
            assert!(submitted.is_ok(), "{}: trial {trial}: {submitted:?}", backend.name);

            let record = app.read_request(&secretariat, id).await.unwrap();
            let held = dragnet_review::check(&record.request, &policy).subjects[0].recommendation;
            let notice = &record.notices[0];
            let kept = notice.recommendation.map(|r| r.as_str()).unwrap_or_default();
            assert_eq!(
                kept,
                held.as_str(),
                "{}: trial {trial}: the report kept is not the stored body's",
                backend.name
            );
            let report = notice.report.as_ref().expect("a submitted notice has its report");
            assert_eq!(report["recommendation"], held.as_str(), "{}: trial {trial}", backend.name);
            if notice.state == NoticeState::Published {
                assert_ne!(held, Recommendation::Refuse, "{}: trial {trial}: delivered unchecked", backend.name);
            }
            let order = if edited.is_ok() { "edited, then submitted" } else { "submitted, then the edit refused" };
            *seen.entry(order).or_default() += 1;
        }
        eprintln!("{}: {seen:?}", backend.name);
        backend.finish().await;
    }
}

/// A red notice request naming `count` people, agreed to as public extracts.
fn many_subjects(count: usize, trial: usize) -> NoticeRequest {
    let subjects: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            serde_json::json!({"family_name": format!("ROSSI{trial}X{i}"), "forenames": "Marco", "sex": "M",
            "date_of_birth": "1980-05-17", "nationalities": ["IT"], "physical": {"height_cm": 180}})
        })
        .collect();
    let request = serde_json::json!({
        "kind": "red", "requested_by": "IT", "public_extract": true, "subjects": subjects,
        "offence": {"summary": "On 3 March 2026 in Milan the subjects robbed a bank at gunpoint and shot a guard.",
                    "date": "2026-03-03", "place": "Milan", "country": "IT"},
        "charges": [{"title": "Armed robbery", "law": "Codice penale, art. 628", "max_penalty": {"kind": "imprisonment", "months": 240}}],
        "judicial": {"purpose": "prosecution", "extradition_sought_from": ["*"],
                     "warrant": {"reference": "MI-26-1", "issued_on": "2026-03-10", "authority": "GIP Milano"}}
    });
    parse_request(&request.to_string()).unwrap()
}

/// Waits for the views to hold exactly the store's notices in force and public extracts.
async fn views_match_the_store(app: &dragnet_app::App, what: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    loop {
        let in_force: BTreeSet<_> =
            app.store.notices_in_force().await.unwrap().rows.into_iter().map(|n| n.id).collect();
        let public = app.store.public_extracts().await.unwrap().rows.len();
        let screened = in_force.iter().all(|id| app.views.screening.contains(*id));
        if screened && app.views.screening.len() == in_force.len() && app.views.public.len() == public {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: the store holds {} in force and {public} public; screening has {}, the public list {}",
            in_force.len(),
            app.views.screening.len(),
            app.views.public.len()
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_publication_whose_caller_goes_away_still_reaches_screening() {
    for backend in backends().await {
        let app = backend.app().await;
        let (it, secretariat) = (bureau("IT"), reviewer("reviewer.one"));
        for trial in 0..12 {
            let id = app.create_request(&it, &many_subjects(40, trial)).await.unwrap().request_id;
            app.submit_request(&it, id).await.unwrap();
            // The caller gives up at some point of the publication: before the commit, after it,
            // or while the views are being brought up to it. What the store holds is what counts.
            let patience = Duration::from_millis(trial as u64 * 6);
            let decided =
                tokio::time::timeout(patience, app.decide(&secretariat, id, Decision::Publish, "ordinary crime", None))
                    .await;
            views_match_the_store(&app, &format!("{}: trial {trial} ({decided:?})", backend.name)).await;
        }
        // One publication seen through (on a busy machine every one above may have been given up
        // before its commit), then a cancellation given up on at once: it leaves screening too.
        let id = app.create_request(&it, &many_subjects(3, 99)).await.unwrap().request_id;
        app.submit_request(&it, id).await.unwrap();
        app.decide(&secretariat, id, Decision::Publish, "ordinary crime", None).await.unwrap();
        views_match_the_store(&app, &format!("{}: a publication seen through", backend.name)).await;
        let published = app.store.notices_in_force().await.unwrap().rows;
        let gone = published[0].id;
        let _ = tokio::time::timeout(
            Duration::ZERO,
            app.move_notice(&secretariat, gone, dragnet_domain::LifecycleEvent::Cancel, "withdrawn warrant"),
        )
        .await;
        let _ = app.move_notice(&secretariat, gone, dragnet_domain::LifecycleEvent::Cancel, "withdrawn warrant").await;
        views_match_the_store(&app, &format!("{}: after a cancellation", backend.name)).await;
        assert!(!app.views.screening.contains(gone));
        backend.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_edit_on_one_server_is_checked_by_the_next_submission_on_another() {
    for backend in backends().await {
        let (one, other) = (backend.app().await, backend.another_server().await);
        let (admin, pl) = (common::principal("admin", dragnet_domain::Role::Administrator, None), bureau("PL"));
        for round in 0..5 {
            // A sitting head of state is entered through one server; the diffusion about them,
            // submitted through the other the moment the entry is stored, must be held.
            let family = format!("WISNIEWSKI{round}");
            let line = format!("Paweł|{family}\thead_of_state\tPresident\tPL\t1980-01-01\t2025-08-06");
            one.add_office_holder(&admin, &line).await.unwrap();
            let mut request: serde_json::Value = serde_json::from_str(FRAUD_DIFFUSION).unwrap();
            request["subjects"][0]["family_name"] = serde_json::json!(family);
            let id = other.create_request(&pl, &parse_request(&request.to_string()).unwrap()).await.unwrap().request_id;
            let submitted = other.submit_request(&pl, id).await.unwrap();
            assert_eq!(
                submitted.recommendation,
                Recommendation::Refuse,
                "{}: round {round}: the other server checked without the register entry",
                backend.name
            );
            assert_eq!(submitted.moved[0].1, NoticeState::InReview, "{}: round {round}: delivered", backend.name);
        }
        backend.finish().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_register_altered_past_the_store_does_not_stop_the_views() {
    let backend = backends().await.remove(0);
    let app = backend.app().await;
    let admin = common::principal("admin", dragnet_domain::Role::Administrator, None);
    app.add_office_holder(&admin, "Jean|DUFRESNE\thead_of_state\tPresident\tFR\t\t2026-01-01").await.unwrap();
    // Someone with the database file rewrites a line so that it no longer reads.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", backend.location)).await.unwrap();
    sqlx::query("UPDATE office_holders SET line = 'not a register line'").execute(&pool).await.unwrap();
    pool.close().await;
    // The next edit makes every follower read the register again: it cannot, and goes on.
    app.add_office_holder(&admin, "Anne|MARTIN\tminister\tMinister of Justice\tFR\t\t2026-01-01").await.unwrap();
    let (it, secretariat) = (bureau("IT"), reviewer("reviewer.one"));
    let id = app.create_request(&it, &many_subjects(2, 7)).await.unwrap().request_id;
    app.submit_request(&it, id).await.unwrap();
    app.decide(&secretariat, id, Decision::Publish, "ordinary crime", None).await.unwrap();
    views_match_the_store(&app, "after the register was altered").await;
    assert_eq!(app.views.screening.len(), 2);
    // And the follower is not stuck on the record it could not apply: it reaches the head.
    let (head, _) = app.store.audit_head().await.unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(3);
    while app.progress().applied < head {
        assert!(std::time::Instant::now() < deadline, "the follower is stuck at {:?}", app.progress());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(app.progress().failures, 0, "passes failed: {:?}", app.progress());
    backend.finish().await;
}
