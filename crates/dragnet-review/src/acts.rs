//! What a summary of facts says was done, read by meaning: an attack and by what means, who acted
//! for whom, and against whom, from the classes of words in `acts.toml`, sentence by sentence.

use crate::policy::ActWords;
use crate::text::{Phrase, Words};

/// What the summary shows of the act, each with the words that showed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActReading {
    /// An attack from the air, by drone or aircraft, by any weapon: means and act in one sentence.
    pub air_strike: Option<String>,
    /// An attack by a state's forces or agents: actor and act in one sentence.
    pub state_attack: Option<String>,
    /// The accused described as acting for a state ("officials of the government").
    pub state_agents: Option<String>,
    pub military_target: Option<String>,
    pub civilian_target: Option<String>,
    pub victims: Option<String>,
}

impl ActReading {
    /// A strike from the air, or an armed attack by a state's forces not aimed at civilians: the
    /// words that show it. Whether it has a military character is for the rules to say.
    pub fn military_operation(&self) -> Option<String> {
        if let Some(strike) = &self.air_strike {
            return Some(strike.clone());
        }
        if self.against_civilians() {
            return None;
        }
        let attack = self.state_attack.as_ref()?;
        Some(match &self.military_target {
            Some(target) => format!("{attack} … {target}"),
            None => attack.clone(),
        })
    }

    /// The attack was aimed at civilians: a civilian target is named and no military one, or an
    /// attack on the ground killed people the summary does not call soldiers.
    pub fn against_civilians(&self) -> bool {
        self.military_target.is_none()
            && (self.civilian_target.is_some() || (self.air_strike.is_none() && self.victims.is_some()))
    }

    /// The civilians as the summary names them.
    pub fn civilians(&self) -> Option<&str> {
        self.civilian_target.as_deref().or(self.victims.as_deref())
    }

    /// Who the summary shows acting for a state, in its own words.
    pub fn state_actor(&self) -> Option<&str> {
        self.state_attack.as_deref().or(self.state_agents.as_deref())
    }
}
/// The sentences of a text: split at full stops, semicolons, question and exclamation marks and
/// line breaks, so that words are put together only where one sentence puts them.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split(['.', ';', '!', '?', '؟', '؛', '\n']).filter(|sentence| !sentence.trim().is_empty())
}

fn first<'a>(words: &Words<'a>, phrases: &[Phrase]) -> Option<&'a str> {
    phrases.iter().find_map(|phrase| words.find(phrase))
}

/// Reads `summary` for acts, actors and targets.
pub fn read(summary: &str, acts: &ActWords) -> ActReading {
    let mut reading = ActReading::default();
    let whole = Words::new(summary);
    reading.state_agents = first(&whole, &acts.state_agents).map(str::to_string);
    reading.military_target = first(&whole, &acts.military_target).map(str::to_string);
    reading.civilian_target = first(&whole, &acts.civilian_target).map(str::to_string);
    reading.victims = first(&whole, &acts.victims).map(str::to_string);
    for sentence in sentences(summary) {
        let words = Words::new(sentence);
        let Some(attack) = first(&words, &acts.attack) else { continue };
        if reading.air_strike.is_none()
            && let Some(means) = first(&words, &acts.air_means)
        {
            reading.air_strike = Some(format!("{means} … {attack}"));
        }
        if reading.state_attack.is_none()
            && let Some(actor) = first(&words, &acts.state_forces)
        {
            reading.state_attack = Some(format!("{actor} … {attack}"));
        }
    }
    reading
}
