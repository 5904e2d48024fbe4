//! Names in any script brought to comparable forms: a Latin spelling, and a consonant skeleton
//! that Arabic and Persian (written without short vowels) share with their Latin transliterations.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Whether a part was written in a script that leaves out short vowels (Arabic, Persian, Hebrew):
/// only its skeleton can be compared with a Latin spelling.
pub fn is_abjad(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0590}'..='\u{05FF}' | '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// The consonant class of an Arabic or Persian letter; `None` for letters that stand for vowels,
/// glottal stops or nothing a Latin spelling writes consistently.
fn arabic_class(c: char) -> Option<char> {
    Some(match c {
        'ب' | 'پ' => 'B',
        'ت' | 'ط' | 'د' | 'ض' => 'T',
        'ث' | 'س' | 'ص' | 'ز' | 'ذ' | 'ظ' | 'ش' | 'چ' => 'S',
        'ج' | 'ژ' => 'J',
        'ح' | 'خ' | 'ه' | 'ة' => 'H',
        'ر' => 'R',
        'غ' | 'ق' | 'ک' | 'ك' | 'گ' => 'K',
        'ف' => 'F',
        'ل' => 'L',
        'م' => 'M',
        'ن' => 'N',
        _ => return None,
    })
}

/// Hebrew letters by the same classes; vowel letters (א ה ו י ע) stand for nothing.
fn hebrew_class(c: char) -> Option<char> {
    Some(match c {
        'ב' | 'פ' | 'ף' => 'B',
        'ת' | 'ט' | 'ד' => 'T',
        'ס' | 'ש' | 'צ' | 'ץ' | 'ז' => 'S',
        'ג' | 'ק' | 'כ' | 'ך' => 'K',
        'ח' => 'H',
        'ר' => 'R',
        'ל' => 'L',
        'מ' | 'ם' => 'M',
        'נ' | 'ן' => 'N',
        _ => return None,
    })
}

/// The skeleton of a part written in Arabic, Persian or Hebrew script.
fn abjad_skeleton(text: &str) -> String {
    let letters: Vec<char> = text.nfd().filter(|c| !is_combining_mark(*c)).collect();
    let mut skeleton = String::new();
    for (i, c) in letters.iter().enumerate() {
        // A final ه or ة is the "-eh"/"-a" ending that Latin spellings write as a vowel.
        if matches!(c, 'ه' | 'ة') && i + 1 == letters.len() && i > 0 {
            continue;
        }
        if let Some(class) = arabic_class(*c).or_else(|| hebrew_class(*c))
            && !skeleton.ends_with(class)
        {
            skeleton.push(class);
        }
    }
    skeleton
}

/// The skeleton of a Latin spelling (lower-case ASCII): consonants by class, vowels left out,
/// so that `mehr`, `mihr` and `مهر` agree, as do `qasem`, `ghasem` and `قاسم`.
fn latin_skeleton(latin: &str, foreign_v: bool) -> String {
    let bytes = latin.as_bytes();
    let mut skeleton = String::new();
    let push = |class: char, skeleton: &mut String| {
        if !skeleton.ends_with(class) {
            skeleton.push(class);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let rest = &latin[i..];
        let next = bytes.get(i + 1).copied();
        let (class, width) = if rest.starts_with("sch") || rest.starts_with("tch") {
            (Some('S'), 3)
        } else if rest.starts_with("dzh") {
            (Some('J'), 3)
        } else {
            match (bytes[i], next) {
                (b's' | b'c', Some(b'h')) => (Some('S'), 2),
                (b'z', Some(b'h')) => (Some('J'), 2),
                (b'd', Some(b'h')) => (Some('S'), 2),
                (b'k', Some(b'h')) => (Some('H'), 2),
                (b'g', Some(b'h')) => (Some('K'), 2),
                (b'p', Some(b'h')) => (Some('F'), 2),
                (b't', Some(b'h')) => (Some('T'), 2),
                (b'd', Some(b'j')) => (Some('J'), 2),
                (b't', Some(b's' | b'z')) => (Some('S'), 2),
                (b'c', Some(b'k')) => (Some('K'), 2),
                (b'q', Some(b'u')) => (Some('K'), 2),
                (b'f', Some(b'f')) if i + 2 == bytes.len() && i > 0 && bytes[i - 1] == b'o' => (None, 2), // Ivanoff: -ov
                (b'c', Some(b'e' | b'i' | b'y')) => (Some('S'), 1),
                (b'b' | b'p', _) => (Some('B'), 1),
                (b'c' | b'k' | b'q' | b'g', _) => (Some('K'), 1),
                (b'd' | b't', _) => (Some('T'), 1),
                (b'x', _) => {
                    push('K', &mut skeleton);
                    (Some('S'), 1)
                }
                (b's' | b'z', _) => (Some('S'), 1),
                // Arabic script writes a foreign v as ف; a Persian or Arabic v or w is the letter و, left out.
                (b'v', _) if foreign_v => (Some('F'), 1),
                (b'j', _) => (Some('J'), 1),
                (b'f', _) => (Some('F'), 1),
                (b'l', _) => (Some('L'), 1),
                (b'm', _) => (Some('M'), 1),
                (b'n', _) => (Some('N'), 1),
                (b'r', _) => (Some('R'), 1),
                // An h ending a word after a vowel (Fatimah) is the vowel's, not a consonant.
                (b'h', None) if i > 0 && b"aeiouy".contains(&bytes[i - 1]) => (None, 1),
                (b'h', _) => (Some('H'), 1),
                _ => (None, 1), // vowels, y, w, v and anything else
            }
        };
        if let Some(class) = class {
            push(class, &mut skeleton);
        }
        i += width;
    }
    skeleton
}

/// A part's Latin spelling: lower-case ASCII letters and digits.
pub fn latin(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    ascii.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// A part's consonant skeleton, from its own script where that script has no short vowels.
pub fn skeleton(text: &str) -> String {
    if is_abjad(text) { abjad_skeleton(text) } else { latin_skeleton(&latin(text), false) }
}

/// The skeleton with the classes Arabic script confuses for foreign names merged (j with g and k,
/// f with p, b and v), for comparing an abjad spelling with a Latin one.
fn coarse(skeleton: &str) -> String {
    let mut coarse = String::new();
    for class in skeleton.chars() {
        let class = match class {
            'J' => 'K',
            'F' => 'B',
            class => class,
        };
        if !coarse.ends_with(class) {
            coarse.push(class);
        }
    }
    coarse
}

/// The coarse skeletons a part may have when written in Arabic script: one for an abjad part;
/// for a Latin part one with a v read as Persian و and one with a v read as foreign ف.
pub fn coarse_skeletons(text: &str) -> Vec<String> {
    if is_abjad(text) {
        return vec![coarse(&abjad_skeleton(text))];
    }
    let latin = latin(text);
    let mut skeletons = vec![coarse(&latin_skeleton(&latin, false))];
    let foreign = coarse(&latin_skeleton(&latin, true));
    if foreign != skeletons[0] {
        skeletons.push(foreign);
    }
    skeletons
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_arabic_spellings_share_a_skeleton() {
        for (a, b) in [
            ("mehr", "مهر"),
            ("qasem", "قاسم"),
            ("ghasem", "قاسم"),
            ("qasi", "قاصی"),
            ("ali", "علی"),
            ("mohammad", "محمد"),
            ("muhammad", "مُحَمَّد"),
            ("fatemeh", "فاطمه"),
            ("fatimah", "فاطمة"),
            ("hossein", "حسین"),
            ("shawqi", "شوقي"),
            ("chaouki", "شوقي"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        }
    }

    #[test]
    fn latin_variants_share_a_skeleton() {
        for (a, b) in
            [("mohamed", "muhammad"), ("ivanov", "ivanoff"), ("ivanov", "iwanow"), ("tchaikovsky", "chaikovskii")]
        {
            assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        }
        assert_ne!(skeleton("smith"), skeleton("schmidt").replace('T', ""));
    }

    #[test]
    fn foreign_names_in_arabic_script_meet_their_latin_spelling() {
        for (a, b) in [
            ("pavlov", "بافلوف"),
            ("grainger", "كرينجير"),
            ("rigby", "ريجبي"),
            ("roxburgh", "ركسبورغ"),
            ("vahid", "وحید"),
        ] {
            let (a, b) = (coarse_skeletons(a), coarse_skeletons(b));
            assert!(a.iter().any(|s| b.contains(s)), "{a:?} / {b:?}");
        }
    }

    #[test]
    fn other_scripts_come_to_latin() {
        assert_eq!(latin("Путин"), "putin");
        assert_eq!(latin("Σωκράτης"), "sokrates");
        assert_eq!(latin("Ørsted"), "orsted");
        assert!(is_abjad("علی") && is_abjad("נתניהו") && !is_abjad("Ali"));
    }
}
