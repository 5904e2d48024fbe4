//! What a summary of facts says was done, read by meaning: an attack and by what means, who acted
//! for whom, and against whom, from the classes of words in `acts.toml`, sentence by sentence.

use crate::policy::ActWords;
use crate::text::{Phrase, Words};

/// Two sets of words of one sentence that together show something: the means or the actor, and the act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Together {
    pub who_or_how: String,
    pub act: String,
}

impl Together {
    pub fn quoted(&self) -> String {
        format!("{} … {}", self.who_or_how, self.act)
    }
}

/// What the summary shows of the act, each with the words that showed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActReading {
    /// An attack from the air, by drone or aircraft, by any weapon: means and act in one sentence.
    pub air_strike: Option<Together>,
    /// An attack by a state's forces or agents: actor and act in one sentence.
    pub state_attack: Option<Together>,
    /// The accused described as acting for a state ("officials of the government").
    pub state_agents: Option<String>,
    pub military_target: Option<String>,
    pub civilian_target: Option<String>,
    pub victims: Option<String>,
    /// The first attack or killing anywhere in the summary: without one, nobody attacked anyone.
    pub any_attack: Option<String>,
}

impl ActReading {
    /// A strike from the air, or an armed attack by a state's forces not aimed at civilians: the
    /// words that show it. Whether it has a military character is for the rules to say.
    pub fn military_operation(&self) -> Option<String> {
        if let Some(strike) = &self.air_strike {
            return Some(strike.quoted());
        }
        if self.against_civilians() {
            return None;
        }
        let attack = self.state_attack.as_ref()?.quoted();
        Some(match &self.military_target {
            Some(target) => format!("{attack} … {target}"),
            None => attack,
        })
    }

    /// A state's forces or agents appear as acting in the summary.
    pub fn state_involved(&self) -> bool {
        self.state_attack.is_some() || self.state_agents.is_some()
    }

    /// The attack was aimed at civilians: a civilian target is named and no military one, or an
    /// attack on the ground killed people the summary does not call soldiers.
    pub fn against_civilians(&self) -> bool {
        self.any_attack.is_some()
            && self.military_target.is_none()
            && (self.civilian_target.is_some() || (self.air_strike.is_none() && self.victims.is_some()))
    }

    /// The civilians as the summary names them.
    pub fn civilians(&self) -> Option<&str> {
        self.civilian_target.as_deref().or(self.victims.as_deref())
    }

    /// How the summary describes the accused as acting for a state, in its own words: only a
    /// description of them counts, not forces the summary names (they may be the victims).
    pub fn state_actor(&self) -> Option<&str> {
        self.state_agents.as_deref()
    }

    /// The words of the attack itself.
    pub fn attack(&self) -> Option<&str> {
        self.state_attack.as_ref().or(self.air_strike.as_ref()).map(|t| t.act.as_str()).or(self.any_attack.as_deref())
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

/// The first of `phrases` in `words` and the index of the word it starts at.
fn first_at<'a>(words: &Words<'a>, phrases: &[Phrase]) -> Option<(&'a str, usize)> {
    phrases.iter().find_map(|phrase| {
        let found = words.find(phrase)?;
        let start = found.as_ptr() as usize - words.original.as_ptr() as usize;
        let at = words.words.iter().position(|word| word.start == start)?;
        Some((found, at))
    })
}

/// Reads `summary` for acts, actors and targets.
pub fn read(summary: &str, acts: &ActWords) -> ActReading {
    let mut reading = ActReading::default();
    let whole = Words::new(summary);
    reading.military_target = first(&whole, &acts.military_target).map(str::to_string);
    reading.civilian_target = first(&whole, &acts.civilian_target).map(str::to_string);
    reading.victims = first(&whole, &acts.victims).map(str::to_string);
    reading.any_attack = first(&whole, &acts.attack).or_else(|| first(&whole, &acts.killing)).map(str::to_string);
    for sentence in sentences(summary) {
        let words = Words::new(sentence);
        let pretended = first(&words, &acts.pretence).is_some();
        if reading.state_agents.is_none() && !pretended {
            reading.state_agents = first(&words, &acts.state_agents).map(str::to_string);
        }
        // An act of arms ("fired on", "shelled"), or a killing in general words where the target was military.
        let arms = first_at(&words, &acts.attack);
        let killing = first_at(&words, &acts.killing);
        let act = arms.or(killing.filter(|_| reading.military_target.is_some()));
        let Some((attack, act_at)) = act else { continue };
        if reading.air_strike.is_none()
            && let Some(means) = first(&words, &acts.air_means)
        {
            reading.air_strike = Some(Together { who_or_how: means.to_string(), act: attack.to_string() });
        }
        // The forces act where they are named before the act: "troops shelled", not "killed two soldiers of
        // the army". Arabic writes the verb first.
        let verb_first = sentence.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
        if reading.state_attack.is_none()
            && !pretended
            && let Some((actor, actor_at)) = first_at(&words, &acts.state_forces)
            && (verb_first || actor_at < act_at)
        {
            reading.state_attack = Some(Together { who_or_how: actor.to_string(), act: attack.to_string() });
        }
    }
    reading
}
