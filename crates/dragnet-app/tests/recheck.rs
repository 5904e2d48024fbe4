//! New rules check again what is in force, on SQLite and on PostgreSQL: a server started with a
//! policy that now bars a published notice suspends it and tells its bureau, once, whichever
//! server starts first; a second start with the same rules finds nothing to do.

mod common;

use common::{backends, bureau, reviewer};
use dragnet_domain::{NoticeState, parse_request};
use dragnet_review::{Policy, PolicyTexts};
use dragnet_store::Decision;

const FRAUD: &str = include_str!("../../../testdata/compliance-dev/04-investment-fraud.json");

/// The built-in rules with a new version of the predominance test whose threshold is 1 sign: what
/// was one sign for a reviewer is now a refusal. (A policy file may not set 1; this builds one
/// past the reader's floor only to make the change tell.)
fn stricter() -> Policy {
    let built_in = PolicyTexts::built_in();
    let predominance = built_in.predominance.replace("version = \"2026-12-01.1\"", "version = \"2026-12-02.1\"");
    let mut policy = Policy::parse(PolicyTexts { predominance: &predominance, ..built_in }).unwrap();
    policy.predominance.threshold = 1;
    policy
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_rules_suspend_what_they_now_bar_and_tell_its_bureau_once() {
    for backend in backends().await {
        let app = backend.app().await;
        let (fr, secretariat) = (bureau("FR"), reviewer("reviewer.one"));
        let mut request = parse_request(FRAUD).unwrap();
        request.requested_by = dragnet_domain::Requester::parse("FR").unwrap();
        request.third_party = Default::default();
        request.judicial.as_mut().unwrap().in_absentia = true;
        let id = app.create_request(&fr, &request).await.unwrap().request_id;
        let submitted = app.submit_request(&fr, id).await.unwrap();
        assert_eq!(submitted.recommendation, dragnet_review::Recommendation::Review, "{}", backend.name);
        app.decide(&secretariat, id, Decision::Publish, "one sign, weighed", None).await.unwrap();
        assert_eq!(app.recheck_for_new_rules().await.unwrap(), 1, "the first start under these rules checks");
        assert_eq!(app.recheck_for_new_rules().await.unwrap(), 0, "and marks them checked");
        let notice = app.store.read_request(&secretariat.actor, id).await.unwrap().notices[0].clone();
        assert_eq!(notice.state, NoticeState::Published, "the same rules change nothing");

        let stricter_server = dragnet_app::App::load(backend.store.clone(), stricter()).await.unwrap();
        assert_eq!(stricter_server.recheck_for_new_rules().await.unwrap(), 1);
        let notice = app.store.read_request(&secretariat.actor, id).await.unwrap().notices[0].clone();
        assert_eq!(notice.state, NoticeState::Suspended, "{}", backend.name);
        assert!(notice.recheck.as_deref().unwrap().contains("now recommends refusal"), "{:?}", notice.recheck);
        stricter_server.catch_up().await.unwrap();
        assert!(stricter_server.views.screening.search(&[request.subjects[0].clone()], None, 0.7, 10)[0].is_empty());
        let told = app.store.notifications(&fr.actor, "FR", 0, 100).await.unwrap();
        assert_eq!(told.iter().filter(|n| n.kind == "rechecked").count(), 1, "{told:?}");
        assert_eq!(stricter_server.recheck_for_new_rules().await.unwrap(), 0, "once");
        backend.finish().await;
    }
}

/// Two countries object at the same moment, through two servers: whichever recheck reads first,
/// the report kept is the check of everything known, both objections in it.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn objections_lodged_at_once_on_two_servers_are_both_in_the_report_kept() {
    const TRIALS: usize = 12;
    for backend in backends().await {
        let (one, two) = (backend.app().await, backend.another_server().await);
        let (fr, secretariat) = (bureau("FR"), reviewer("reviewer.one"));
        for trial in 0..TRIALS {
            let mut request = parse_request(FRAUD).unwrap();
            request.requested_by = dragnet_domain::Requester::parse("FR").unwrap();
            request.third_party = Default::default();
            request.reference = Some(format!("RACE-{trial}"));
            request.subjects[0].family_name = Some(format!("RACE{}", ["BA", "DU", "KE", "LO", "MI", "NA"][trial % 6]));
            request.subjects[0].date_of_birth =
                Some(dragnet_domain::PartialDate::parse(&format!("{}-02-03", 1950 + trial)).unwrap());
            request.subjects[0].identity_documents.clear();
            let id = one.create_request(&fr, &request).await.unwrap().request_id;
            one.submit_request(&fr, id).await.unwrap();
            one.decide(&secretariat, id, Decision::Publish, "ordinary", None).await.unwrap();
            let notice = one.store.read_request(&secretariat.actor, id).await.unwrap().notices[0].id;
            two.catch_up().await.unwrap();
            let (a, b) = (one.clone(), two.clone());
            let de =
                tokio::spawn(
                    async move { a.lodge_objection(&bureau("DE"), notice, "A German objection.", None).await },
                );
            let se =
                tokio::spawn(
                    async move { b.lodge_objection(&bureau("SE"), notice, "A Swedish objection.", None).await },
                );
            de.await.unwrap().unwrap();
            se.await.unwrap().unwrap();
            let kept = one.store.read_request(&secretariat.actor, id).await.unwrap().notices[0].clone();
            let report = serde_json::to_string(kept.report.as_ref().unwrap()).unwrap();
            assert!(
                report.contains("DE objects") && report.contains("SE objects"),
                "{}: trial {trial}: the report kept misses an objection: {report}",
                backend.name
            );
            assert!(kept.recheck.is_some(), "{}: trial {trial}", backend.name);
        }
        backend.finish().await;
    }
}

/// The mechanism the race above leans on, made to happen: a recheck that read the request before
/// knowledge was recorded, or a notice before a decision moved it, keeps nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recheck_that_read_before_a_change_keeps_nothing() {
    for backend in backends().await {
        let app = backend.app().await;
        let (fr, secretariat) = (bureau("FR"), reviewer("reviewer.one"));
        let mut request = parse_request(FRAUD).unwrap();
        request.requested_by = dragnet_domain::Requester::parse("FR").unwrap();
        let id = app.create_request(&fr, &request).await.unwrap().request_id;
        app.submit_request(&fr, id).await.unwrap();
        let read = app.store.read_request(&secretariat.actor, id).await.unwrap();
        let notice = &read.notices[0];
        let stale = |seen| dragnet_store::Rechecked {
            check: dragnet_store::SubjectCheck {
                notice_id: notice.id,
                recommendation: dragnet_review::Recommendation::Clear,
                report: serde_json::json!({"name": "stale", "recommendation": "clear", "findings": []}),
                held: false,
            },
            why: None,
            suspend: false,
            seen,
        };
        let new = dragnet_store::NewKnowledge {
            subject: None,
            item: dragnet_domain::knowledge::KnownItem::Fact { text: "A fact.".into() },
            source: "a letter".into(),
            known_on: None,
            country: None,
        };
        app.store.record_knowledge(&secretariat.actor, id, &new).await.unwrap();
        let late = app.store.record_rechecks(&secretariat.actor, id, read.version, &[stale(notice.state)]).await;
        assert!(matches!(late, Err(dragnet_store::StoreError::RequestChanged { .. })), "{}: {late:?}", backend.name);

        let read = app.store.read_request(&secretariat.actor, id).await.unwrap();
        app.decide(&secretariat, id, Decision::Publish, "ordinary", None).await.unwrap();
        let moved =
            app.store.record_rechecks(&secretariat.actor, id, read.version, &[stale(NoticeState::InReview)]).await;
        assert!(matches!(moved, Err(dragnet_store::StoreError::RequestChanged { .. })), "{}: {moved:?}", backend.name);
        let kept = app.store.read_request(&secretariat.actor, id).await.unwrap().notices[0].clone();
        assert_ne!(kept.report.unwrap()["name"], "stale", "{}", backend.name);
        backend.finish().await;
    }
}
