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
