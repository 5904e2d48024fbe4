//! What a notice asks of the officer who finds its subject: the action its kind and its judicial
//! purpose call for, as a code the pages and the API say in their own words.

use serde::Serialize;

use crate::request::{NoticeKind, NoticeRequest};

/// What to do when the subject of a notice is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// A wanted person: provisional arrest where national law allows, with a view to extradition or
    /// surrender (red notices, and diffusions that seek extradition).
    Arrest,
    /// A missing person, often a child: see that they are safe, do not detain them, report.
    Protect,
    /// Information only: identity, whereabouts, activities; no coercive measure on the notice.
    Inform,
    /// A warning of a person's criminal activities: precautions, no arrest on the notice.
    Warn,
    /// A serious and imminent threat: alert now, national procedure.
    Alert,
    /// Assets linked to the person's crimes: non-coercive measures only.
    TraceAssets,
    /// Under UN Security Council sanctions: travel ban and asset freeze as national law provides.
    Sanctions,
}

impl Action {
    pub const ALL: [Action; 7] = [
        Action::Arrest,
        Action::Protect,
        Action::Inform,
        Action::Warn,
        Action::Alert,
        Action::TraceAssets,
        Action::Sanctions,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Arrest => "arrest",
            Action::Protect => "protect",
            Action::Inform => "inform",
            Action::Warn => "warn",
            Action::Alert => "alert",
            Action::TraceAssets => "trace_assets",
            Action::Sanctions => "sanctions",
        }
    }

    /// The action in English, as the API's `action_text` says it.
    pub fn english(self) -> &'static str {
        match self {
            Action::Arrest => {
                "Wanted: arrest provisionally where national law allows, with a view to extradition or surrender, \
                 and tell the requesting bureau at once. A notice is not an arrest warrant."
            }
            Action::Protect => {
                "Missing person: make sure they are safe, do not detain them, and tell the requesting bureau at once \
                 where they were found."
            }
            Action::Inform => {
                "Information sought: do not detain on this notice; note who they are, where they go and with whom, \
                 and tell the requesting bureau."
            }
            Action::Warn => {
                "Warning: do not detain on this notice; take the precautions it calls for and tell the requesting \
                 bureau."
            }
            Action::Alert => {
                "Serious and imminent threat: alert your supervisor now, follow national procedure, and tell the \
                 requesting bureau."
            }
            Action::TraceAssets => {
                "Assets sought: non-coercive measures only; note what links the person to assets and tell the \
                 requesting bureau."
            }
            Action::Sanctions => {
                "UN Security Council sanctions: apply the travel ban and asset freeze as national law provides, and \
                 tell your national bureau."
            }
        }
    }
}

/// What a notice of `kind` asks, given its request's judicial part: a diffusion asks for an arrest
/// only when its requester seeks extradition, and otherwise for information.
pub fn action_of(kind: NoticeKind, request: &NoticeRequest) -> Action {
    match kind {
        NoticeKind::Red => Action::Arrest,
        NoticeKind::Yellow => Action::Protect,
        NoticeKind::Blue | NoticeKind::Black | NoticeKind::Purple => Action::Inform,
        NoticeKind::Green => Action::Warn,
        NoticeKind::Orange => Action::Alert,
        NoticeKind::Silver => Action::TraceAssets,
        NoticeKind::UnSpecial => Action::Sanctions,
        NoticeKind::Diffusion => {
            let seeks_extradition = request.judicial.as_ref().is_some_and(|j| !j.extradition_sought_from.is_empty());
            if seeks_extradition { Action::Arrest } else { Action::Inform }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(kind: &str, judicial: &str) -> NoticeRequest {
        let to = if kind == "diffusion" { r#", "to": ["DE"]"# } else { "" };
        let text = format!(
            r#"{{"kind": "{kind}", "requested_by": "FR", "subjects": [{{"family_name": "DOE", "forenames": "Jane"}}]{to}{judicial}}}"#
        );
        crate::parse_request(&text).unwrap()
    }

    #[test]
    fn each_kind_asks_for_its_own_action() {
        let plain = |kind: &str| action_of(NoticeKind::parse(kind).unwrap(), &request(kind, ""));
        assert_eq!(plain("yellow"), Action::Protect);
        assert_eq!(plain("blue"), Action::Inform);
        assert_eq!(plain("green"), Action::Warn);
        assert_eq!(plain("orange"), Action::Alert);
        assert_eq!(plain("silver"), Action::TraceAssets);
        assert_eq!(plain("diffusion"), Action::Inform);
        let extradition = r#", "judicial": {"purpose": "prosecution", "extradition_sought_from": ["*"]}"#;
        assert_eq!(action_of(NoticeKind::Diffusion, &request("diffusion", extradition)), Action::Arrest);
        assert_eq!(Action::ALL.iter().map(|a| a.as_str()).collect::<std::collections::HashSet<_>>().len(), 7);
    }
}
