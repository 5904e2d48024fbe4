//! `dragnet check REQUEST.json [--json]`: the automated compliance check of one request file,
//! without a server or a database. Exit 0 whatever it recommends; 2 for a file it cannot read.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use dragnet_domain::parse_request;
use dragnet_domain::request::WorkingLanguage;
use dragnet_review::{Policy, PolicyTexts, Report, check};

use serde_json::{Value, json};

use crate::InputError;

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A notice request in Dragnet's JSON format
    pub request: PathBuf,
    /// Print the report as JSON (DESIGN.md's command-line contract)
    #[arg(long)]
    pub json: bool,
    /// A folder of policy files replacing the built-in ones, each file optional:
    /// offences.toml, statuses.toml, contexts.toml, office_holders.tsv, acts.toml, predominance.toml
    #[arg(long, env = "DRAGNET_POLICY", value_name = "DIR")]
    pub policy: Option<PathBuf>,
    /// The language of the findings: en, fr, es or ar (INTERPOL's working languages)
    #[arg(long, default_value = "en", value_parser = parse_language)]
    pub lang: WorkingLanguage,
}

fn parse_language(text: &str) -> Result<WorkingLanguage, String> {
    serde_json::from_value(serde_json::Value::String(text.to_ascii_lowercase()))
        .map_err(|_| format!("{text:?} is not one of en, fr, es, ar"))
}

pub fn run(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let policy = load_policy(args.policy.as_deref())?;
    let text = crate::files::read_text(&args.request, crate::files::MOST_DOCUMENT_BYTES).map_err(InputError)?;
    let request = parse_request(&text).map_err(|err| InputError(format!("{}: {err}", args.request.display())))?;
    let report = check(&request, &policy);
    if args.json {
        println!("{}", serde_json::to_string(&contract_report(&report, args.lang))?);
    } else {
        print!("{}", human_report(&report, args.lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// The built-in policy, with any file found in `dir` taking the place of its built-in version.
pub fn load_policy(dir: Option<&Path>) -> anyhow::Result<Policy> {
    let Some(dir) = dir else { return Ok(Policy::built_in()) };
    if !dir.is_dir() {
        return Err(InputError(format!("--policy {}: not a folder", dir.display())).into());
    }
    let read = |name: &str, built_in: &'static str| -> anyhow::Result<String> {
        let path = dir.join(name);
        if !path.exists() {
            return Ok(built_in.to_string());
        }
        crate::files::read_text(&path, crate::files::MOST_DOCUMENT_BYTES).map_err(|err| InputError(err).into())
    };
    let built_in = PolicyTexts::built_in();
    let offences = read("offences.toml", built_in.offences)?;
    let statuses = read("statuses.toml", built_in.statuses)?;
    let contexts = read("contexts.toml", built_in.contexts)?;
    let office_holders = read("office_holders.tsv", built_in.office_holders)?;
    let acts = read("acts.toml", built_in.acts)?;
    let predominance = read("predominance.toml", built_in.predominance)?;
    let texts = PolicyTexts {
        offences: &offences,
        statuses: &statuses,
        contexts: &contexts,
        office_holders: &office_holders,
        acts: &acts,
        predominance: &predominance,
    };
    Policy::parse(texts).map_err(|err| InputError(format!("policy {}: {err}", dir.display())).into())
}

/// The report in the shape DESIGN.md's contract gives, its findings in `language`.
fn contract_report(report: &Report, language: WorkingLanguage) -> Value {
    let subjects: Vec<Value> = report
        .subjects
        .iter()
        .map(|subject| {
            let findings: Vec<Value> = subject
                .findings
                .iter()
                .map(|finding| {
                    let (basis, message) = finding.in_language(language);
                    json!({"rule": finding.rule, "basis": basis, "severity": finding.severity, "message": message})
                })
                .collect();
            json!({"name": subject.name, "recommendation": subject.recommendation, "findings": findings})
        })
        .collect();
    json!({"recommendation": report.recommendation, "subjects": subjects})
}

fn human_report(report: &Report, language: WorkingLanguage) -> String {
    let mut out = format!("recommendation: {}\n", report.recommendation);
    for (index, subject) in report.subjects.iter().enumerate() {
        out.push_str(&format!("\n{}. {}: {}\n", index + 1, subject.name, subject.recommendation));
        if subject.findings.is_empty() {
            out.push_str("   nothing found\n");
        }
        for finding in &subject.findings {
            let (basis, message) = finding.in_language(language);
            let severity = serde_json::to_value(finding.severity).ok().and_then(|v| v.as_str().map(str::to_string));
            out.push_str(&format!(
                "   {:<10} {} ({})\n              {}\n",
                severity.unwrap_or_default(),
                finding.rule,
                if basis.is_empty() { "-" } else { basis },
                message
            ));
        }
    }
    out
}
