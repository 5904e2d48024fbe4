//! Chinese, Korean and Japanese names in their several romanisations: a Latin word cut into the
//! syllables of pinyin and Wade–Giles, of the Revised, McCune–Reischauer and customary Korean
//! spellings, or of Hepburn and Kunrei, and each syllable brought to a key that those systems share
//! (`Zhang`/`Chang`, `Xiao`/`Hsiao`, `Gim`/`Kim`, `Jeong`/`Chong`/`Jung`, `Shouhei`/`Syohei`,
//! `Itou`/`Itoh`/`Ito`).

/// Chinese initials in pinyin and Wade–Giles (longest first), with the key each shares.
const CHINESE_INITIALS: [(&str, &str); 28] = [
    ("zh", "C"),
    ("ch", "C"),
    ("sh", "S"),
    ("ts", "Z"),
    ("tz", "Z"),
    ("hs", "X"),
    ("ss", "s"),
    ("b", "P"),
    ("p", "P"),
    ("m", "m"),
    ("f", "f"),
    ("d", "T"),
    ("t", "T"),
    ("n", "n"),
    ("l", "l"),
    ("g", "K"),
    ("k", "K"),
    ("h", "h"),
    ("j", "C"),
    ("q", "C"),
    ("x", "X"),
    ("r", "R"),
    ("z", "Z"),
    ("c", "Z"),
    ("s", "s"),
    ("y", "y"),
    ("w", "w"),
    ("", ""),
];

/// Chinese finals in both systems (longest first), with the key each shares.
const CHINESE_FINALS: [(&str, &str); 42] = [
    ("iang", "iang"),
    ("iong", "iung"),
    ("iung", "iung"),
    ("uang", "uang"),
    ("ang", "ang"),
    ("eng", "eng"),
    ("ing", "ing"),
    ("ong", "ung"),
    ("ung", "ung"),
    ("erh", "er"),
    ("ieh", "ie"),
    ("ien", "ian"),
    ("ian", "ian"),
    ("iao", "iao"),
    ("uai", "uai"),
    ("uan", "uan"),
    ("uei", "ui"),
    ("ueh", "ue"),
    ("ai", "ai"),
    ("an", "an"),
    ("ao", "ao"),
    ("ei", "ei"),
    ("en", "en"),
    ("er", "er"),
    ("ia", "ia"),
    ("ie", "ie"),
    ("ih", "i"),
    ("in", "in"),
    ("io", "io"),
    ("iu", "iu"),
    ("ou", "ou"),
    ("ua", "ua"),
    ("ue", "ue"),
    ("ui", "ui"),
    ("un", "un"),
    ("uo", "o"),
    ("eh", "ie"),
    ("a", "a"),
    ("e", "o"),
    ("i", "i"),
    ("o", "o"),
    ("u", "u"),
];

/// Korean initials in the three spellings (longest first), with their keys: the systems differ
/// mostly in voicing (`g`/`k`, `j`/`ch`) and in doubling.
const KOREAN_INITIALS: [(&str, &str); 22] = [
    ("tch", "C"),
    ("kk", "K"),
    ("tt", "T"),
    ("pp", "P"),
    ("ss", "S"),
    ("jj", "C"),
    ("ch", "C"),
    ("sh", "S"),
    ("g", "K"),
    ("k", "K"),
    ("n", "n"),
    ("d", "T"),
    ("t", "T"),
    ("r", "L"),
    ("l", "L"),
    ("m", "m"),
    ("b", "P"),
    ("p", "P"),
    ("s", "S"),
    ("j", "C"),
    ("h", "h"),
    ("", ""),
];

/// Korean vowels (longest first) and their keys. The spellings do not agree on ㅓ, ㅗ, ㅜ and ㅡ
/// (Revised eo, o, u, eu; McCune–Reischauer o, o, u, u; customary u for eo, oo for u), nor on
/// ㅕ, ㅛ, ㅠ (yeo, yo, yu; `young` for yeong): each set shares one key.
const KOREAN_VOWELS: [(&str, &str); 26] = [
    ("yae", "ye"),
    ("yeo", "yo"),
    ("you", "yo"),
    ("wae", "we"),
    ("ae", "e"),
    ("ya", "ya"),
    ("eo", "o"),
    ("ye", "ye"),
    ("wa", "wa"),
    ("oe", "we"),
    ("yoo", "yo"),
    ("yo", "yo"),
    ("wo", "wo"),
    ("we", "we"),
    ("wi", "wi"),
    ("yu", "yo"),
    ("eu", "o"),
    ("ui", "ui"),
    ("oo", "o"),
    ("ee", "i"),
    ("ou", "o"),
    ("a", "a"),
    ("e", "e"),
    ("o", "o"),
    ("u", "o"),
    ("i", "i"),
];

const KOREAN_FINALS: [(&str, &str); 8] =
    [("ng", "N"), ("k", "K"), ("g", "K"), ("n", "n"), ("t", "T"), ("l", "L"), ("m", "m"), ("p", "P")];

/// A word longer than this is not one name of up to three syllables.
const LONGEST: usize = 18;
/// Segmentations kept per word: enough for the real ambiguities (`sangun`: sang-un, san-gun).
const MOST_KEYS: usize = 6;

/// One reading of a word as syllables: which language's, how many syllables, and a hash of the
/// syllables' shared spellings, packed in one word so that parts compare them cheaply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SyllableKey(u64);

/// The languages whose romanisations are read as syllables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syllabary {
    Chinese,
    Korean,
    Japanese,
}

impl SyllableKey {
    fn new(spelling: &str) -> SyllableKey {
        let language: u64 = match &spelling[..2] {
            "c:" => 0,
            "k:" => 1,
            _ => 2,
        };
        let syllables = spelling.matches('.').count().min(15) as u64;
        // FNV-1a: stable from run to run, unlike the standard library's seeded hasher.
        let hash =
            spelling.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
        SyllableKey(language << 62 | syllables << 58 | hash >> 6)
    }

    pub fn syllabary(self) -> Syllabary {
        match self.0 >> 62 {
            0 => Syllabary::Chinese,
            1 => Syllabary::Korean,
            _ => Syllabary::Japanese,
        }
    }

    pub fn syllables(self) -> usize {
        ((self.0 >> 58) & 0xf) as usize
    }

    pub fn bits(self) -> u64 {
        self.0
    }
}

/// The keys of every way `latin` (lower-case ASCII) cuts into one to three Chinese syllables, into
/// one to three Korean ones, and into Japanese ones, sorted.
pub fn syllable_keys(latin: &str) -> Vec<SyllableKey> {
    let mut keys: Vec<SyllableKey> = spellings(latin).iter().map(|s| SyllableKey::new(s)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The spellings behind the keys: `c:`, `k:` and `j:` then each syllable's shared spelling and a dot.
fn spellings(latin: &str) -> Vec<String> {
    let mut keys = Vec::new();
    if latin.len() < 2 || latin.len() > LONGEST || !latin.bytes().all(|b| b.is_ascii_lowercase()) {
        return keys;
    }
    let mut key = String::with_capacity(32);
    key.push_str("c:");
    cut_chinese(latin, 0, 0, &mut key, &mut keys);
    key.clear();
    key.push_str("k:");
    cut_korean(latin, 0, 0, &mut key, &mut keys);
    key.clear();
    key.push_str("j:");
    cut_japanese(latin, 0, &mut key, &mut keys);
    keys
}

/// Ends a cut: a whole word read as syllables gives a key; else, if there is room for another
/// syllable, says so.
fn finished(latin: &str, at: usize, count: usize, key: &str, keys: &mut Vec<String>) -> bool {
    if at == latin.len() {
        if count > 0 && keys.len() < MOST_KEYS * 2 {
            keys.push(key.to_string());
        }
        return true;
    }
    count == 3
}

/// Every cut of `latin[at..]` into Chinese syllables. Only the first syllable of a word may begin
/// with a vowel (pinyin writes `Xi'an` with a mark, and `y` or `w` for i and u).
fn cut_chinese(latin: &str, at: usize, count: usize, key: &mut String, keys: &mut Vec<String>) {
    if finished(latin, at, count, key, keys) {
        return;
    }
    let rest = &latin[at..];
    for (initial, initial_key) in
        CHINESE_INITIALS.iter().filter(|(i, _)| rest.starts_with(i) && (at == 0 || !i.is_empty()))
    {
        let after = &rest[initial.len()..];
        for (fin, fin_key) in CHINESE_FINALS.iter().filter(|(f, _)| after.starts_with(f)) {
            let (mut initial_key, mut fin_key) = (*initial_key, *fin_key);
            // Wade–Giles `tzu`, `ssu` are pinyin `zi`, `si`; `j` before anything but i and u is pinyin `r`;
            // pinyin `yi`, `you`, `yan`, `ye` are Wade–Giles `i`, `yu`, `yen`, `yeh`.
            match (*initial, *fin) {
                ("tz" | "ss", "u") => fin_key = "i",
                ("j", f) if !f.starts_with(['i', 'u']) => initial_key = "R",
                ("y", "i") => initial_key = "",
                ("y", "ou") => fin_key = "u",
                ("y", "an" | "en") => fin_key = "ian",
                ("y", "e" | "eh") => fin_key = "ie",
                _ => {}
            }
            let before = key.len();
            key.push_str(initial_key);
            key.push_str(fin_key);
            key.push('.');
            cut_chinese(latin, at + initial.len() + fin.len(), count + 1, key, keys);
            key.truncate(before);
        }
    }
}

/// Every cut of `latin[at..]` into Korean syllables.
fn cut_korean(latin: &str, at: usize, count: usize, key: &mut String, keys: &mut Vec<String>) {
    if finished(latin, at, count, key, keys) {
        return;
    }
    let rest = &latin[at..];
    for (initial, initial_key) in KOREAN_INITIALS.iter().filter(|(i, _)| rest.starts_with(i)) {
        // A name's first ㄹ is said, and often written, as n (Ra and Na, Ryu and Nyu).
        let initial_key = if at == 0 && *initial_key == "L" { "n" } else { initial_key };
        let after = &rest[initial.len()..];
        for (vowel, vowel_key) in KOREAN_VOWELS.iter().filter(|(v, _)| after.starts_with(v)) {
            let open = at + initial.len() + vowel.len();
            let before = key.len();
            key.push_str(initial_key);
            key.push_str(vowel_key);
            let stem = key.len();
            key.push('.');
            cut_korean(latin, open, count + 1, key, keys);
            for (fin, fin_key) in KOREAN_FINALS.iter().filter(|(f, _)| latin[open..].starts_with(f)) {
                key.truncate(stem);
                key.push_str(fin_key);
                key.push('.');
                cut_korean(latin, open + fin.len(), count + 1, key, keys);
            }
            key.truncate(before);
        }
    }
}

/// Japanese syllables as Hepburn and Kunrei write them (longest first), with the Kunrei spelling as
/// the key: `shi`/`si`, `chi`/`ti`, `tsu`/`tu`, `fu`/`hu`, `ji`/`zi`, `sha`/`sya`, `cha`/`tya`, `ja`/`zya`.
const JAPANESE_SYLLABLES: [(&str, &str); 54] = [
    ("sha", "sya"),
    ("shu", "syu"),
    ("sho", "syo"),
    ("shi", "si"),
    ("cha", "tya"),
    ("chu", "tyu"),
    ("cho", "tyo"),
    ("chi", "ti"),
    ("tsu", "tu"),
    ("jya", "zya"),
    ("jyu", "zyu"),
    ("jyo", "zyo"),
    ("ja", "zya"),
    ("ju", "zyu"),
    ("jo", "zyo"),
    ("ji", "zi"),
    ("fu", "hu"),
    ("kya", "kya"),
    ("kyu", "kyu"),
    ("kyo", "kyo"),
    ("gya", "gya"),
    ("gyu", "gyu"),
    ("gyo", "gyo"),
    ("nya", "nya"),
    ("nyu", "nyu"),
    ("nyo", "nyo"),
    ("hya", "hya"),
    ("hyu", "hyu"),
    ("hyo", "hyo"),
    ("mya", "mya"),
    ("myu", "myu"),
    ("myo", "myo"),
    ("rya", "rya"),
    ("ryu", "ryu"),
    ("ryo", "ryo"),
    ("bya", "bya"),
    ("byu", "byu"),
    ("byo", "byo"),
    ("pya", "pya"),
    ("pyu", "pyu"),
    ("pyo", "pyo"),
    ("sya", "sya"),
    ("syu", "syu"),
    ("syo", "syo"),
    ("tya", "tya"),
    ("tyu", "tyu"),
    ("tyo", "tyo"),
    ("zya", "zya"),
    ("zyu", "zyu"),
    ("zyo", "zyo"),
    ("wa", "wa"),
    ("ya", "ya"),
    ("yu", "yu"),
    ("yo", "yo"),
];
const JAPANESE_CONSONANTS: &str = "kstnhmrgzdbp";
/// A Japanese name of more syllables than this is not one name.
const MOST_JAPANESE_SYLLABLES: usize = 8;

/// Every cut of `latin[at..]` into Japanese syllables. A long vowel may be written doubled, with
/// `u` or `h` after an o, or not at all (`Itou`, `Itoo`, `Itoh`, `Ito`), so after an o or u the next
/// letter may be read as the vowel's length and left out; a doubled consonant (`kk`, `tch`) is one
/// sound held, and `m` before b, m or p is the syllabic n.
fn cut_japanese(latin: &str, at: usize, key: &mut String, keys: &mut Vec<String>) {
    let count = key.matches('.').count();
    if at == latin.len() {
        if count > 0 && keys.len() < MOST_KEYS * 3 {
            keys.push(key.clone());
        }
        return;
    }
    if count == MOST_JAPANESE_SYLLABLES || keys.len() >= MOST_KEYS * 3 {
        return;
    }
    let rest = &latin[at..];
    let bytes = rest.as_bytes();
    let previous_vowel = key.as_bytes().get(key.len().wrapping_sub(2)).copied();
    let next_is_vowel = bytes.get(1).is_some_and(|b| b"aeiou".contains(b));
    let lengthens = match (previous_vowel, bytes[0]) {
        (Some(b'o'), b'u' | b'o') | (Some(b'u'), b'u') => true,
        (Some(b'o'), b'h') => !next_is_vowel,
        _ => false,
    };
    if lengthens {
        cut_japanese(latin, at + 1, key, keys);
    }
    let before = key.len();
    // A held consonant (k, s, t, p; the t of tch): the first of the two is left out of the key.
    if bytes.len() >= 2 && b"kstp".contains(&bytes[0]) && (bytes[1] == bytes[0] || rest.starts_with("tch")) {
        key.push('Q');
        cut_japanese_syllable(latin, at + 1, key, keys);
        key.truncate(before);
        return;
    }
    let syllabic_n = bytes[0] == b'n' && !next_is_vowel && bytes.get(1) != Some(&b'y');
    if syllabic_n || (bytes[0] == b'm' && bytes.get(1).is_some_and(|b| b"bmp".contains(b))) {
        key.push_str("n.");
        cut_japanese(latin, at + 1, key, keys);
        key.truncate(before);
    }
    cut_japanese_syllable(latin, at, key, keys);
}

fn cut_japanese_syllable(latin: &str, at: usize, key: &mut String, keys: &mut Vec<String>) {
    let rest = &latin[at..];
    let before = key.len();
    if let Some((written, syllable)) = JAPANESE_SYLLABLES.iter().find(|(w, _)| rest.starts_with(w)) {
        key.push_str(syllable);
        key.push('.');
        cut_japanese(latin, at + written.len(), key, keys);
        key.truncate(before);
        return;
    }
    let bytes = rest.as_bytes();
    let (consonant, vowel_at) = match bytes[0] {
        b'a' | b'e' | b'i' | b'o' | b'u' => (None, 0),
        c if JAPANESE_CONSONANTS.as_bytes().contains(&c) || c == b'f' || c == b'j' => (Some(c), 1),
        _ => return,
    };
    let Some(&vowel) = bytes.get(vowel_at).filter(|v| b"aeiou".contains(v)) else { return };
    if let Some(consonant) = consonant {
        key.push(consonant as char);
    }
    key.push(vowel as char);
    key.push('.');
    cut_japanese(latin, at + vowel_at + 1, key, keys);
    key.truncate(before);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alike(a: &str, b: &str) -> bool {
        let b = syllable_keys(b);
        syllable_keys(a).iter().any(|k| b.contains(k))
    }

    #[test]
    fn pinyin_meets_wade_giles() {
        for (a, b) in [
            ("zhang", "chang"),
            ("xiaoping", "hsiaoping"),
            ("zi", "tzu"),
            ("si", "ssu"),
            ("ren", "jen"),
            ("guo", "kuo"),
            ("duo", "to"),
            ("zhi", "chih"),
            ("jiang", "chiang"),
            ("qiang", "chiang"),
            ("yan", "yen"),
            ("xiong", "hsiung"),
            ("gui", "kuei"),
            ("ge", "ko"),
        ] {
            assert!(alike(a, b), "{a} {:?} / {b} {:?}", spellings(a), spellings(b));
        }
        assert!(!alike("zhang", "wang"));
        assert!(!alike("li", "lu"));
    }

    #[test]
    fn korean_spellings_meet() {
        for (a, b) in [
            ("gim", "kim"),
            ("jeong", "chong"),
            ("jeong", "jung"),
            ("seo", "so"),
            ("bak", "pak"),
            ("minjun", "minjoon"),
            ("yeongsu", "yongsu"),
            ("eunhee", "unhi"),
            ("ryu", "nyu"),
            ("gyeo", "kyo"),
            ("gyu", "gyoo"),
        ] {
            assert!(alike(a, b), "{a} {:?} / {b} {:?}", spellings(a), spellings(b));
        }
        assert!(!alike("kim", "kang"));
        assert!(!alike("park", "pyun"));
        assert!(!alike("minjun", "minjae"));
    }

    #[test]
    fn hepburn_meets_kunrei_and_long_vowels_fold() {
        for (a, b) in [
            ("shouhei", "syohei"),
            ("itou", "itoh"),
            ("itou", "ito"),
            ("tsuchiya", "tutiya"),
            ("fumio", "humio"),
            ("junichirou", "zyunitiro"),
            ("homma", "honma"),
            ("hattori", "hatori"),
            ("yuuki", "yuki"),
        ] {
            assert!(alike(a, b), "{a} {:?} / {b} {:?}", spellings(a), spellings(b));
        }
        assert!(!alike("sato", "saito"));
        assert!(!alike("kato", "kano"));
    }

    #[test]
    fn other_words_have_no_or_few_keys() {
        assert!(syllable_keys("schwarzenegger").is_empty());
        assert!(syllable_keys("x").is_empty());
        assert!(syllable_keys("abcdefghijklmnopqrstu").is_empty());
    }
}
