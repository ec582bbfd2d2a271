//! Spelling-insensitive keys for names, so transliteration variants fold together:
//! Sergey/Sergei, Antony/Anthony, Zelenskyy/Zelenskiy/Zelensky, Kiev/Kyiv, Donbas/Donbass,
//! Kharkiv/Kharkov. A key is a consonant skeleton after common transliteration rewrites;
//! callers pair it with a similarity check on the folded spelling before merging.

/// Lower-cases and strips diacritics and apostrophes (`Zelenskyy’s` → `zelenskyys`, `Łódź` → `lodz`).
pub fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let folded = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
            'ł' => "l",
            'ñ' | 'ń' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
            'œ' => "oe",
            'ř' => "r",
            'ś' | 'š' | 'ş' => "s",
            'ß' => "ss",
            'ť' | 'ţ' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            '\'' | '’' | '`' | '‘' => "",
            c if c.is_alphanumeric() || c == ' ' => {
                out.push(c);
                continue;
            }
            _ => " ",
        };
        out.push_str(folded);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Transliteration rewrites applied before the skeleton (longest first).
const REWRITES: &[(&str, &str)] = &[
    ("sch", "sh"),
    ("tch", "ch"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ks", "x"),
    ("dzh", "j"),
    ("zh", "j"),
    ("w", "v"),
    ("q", "k"),
    ("c", "k"),
];

/// Key of one word: first letter kept, then the consonants after rewrites, doubled letters
/// collapsed, and a final vowel kept (`y` as `i`) so that gendered forms (`Zakharov`/`Zakharova`) differ.
fn word_key(word: &str) -> String {
    let mut w = word.to_string();
    for (from, to) in REWRITES {
        w = w.replace(from, to);
    }
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out = String::new();
    out.push(if first == 'y' { 'i' } else { first });
    for c in chars {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    if let Some(last) = w.chars().last().filter(|_| w.chars().count() > 1) {
        let last = if last == 'y' { 'i' } else { last };
        if matches!(last, 'a' | 'e' | 'i' | 'o' | 'u') {
            out.push(last);
        }
    }
    out
}

/// Key of a whole name: each word's key, joined by spaces (`Sergei Lavrov` → `srg lvrv`).
pub fn name_key(name: &str) -> String {
    fold_ascii(name)
        .split(' ')
        .map(word_key)
        .filter(|k| !k.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Key of a person's given name (the first word), `None` for a single-word name or an initial.
pub fn given_name_key(name: &str) -> Option<String> {
    let folded = fold_ascii(name);
    let words: Vec<&str> = folded.split(' ').collect();
    match words.as_slice() {
        [first, _, ..] if first.chars().count() > 1 => Some(word_key(first)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration_variants_share_a_key() {
        for (a, b) in [
            ("Sergey Lavrov", "Sergei Lavrov"),
            ("Antony Blinken", "Anthony Blinken"),
            ("Zelenskyy", "Zelensky"),
            ("Zelenskiy", "Zelensky"),
            ("Kiev", "Kyiv"),
            ("Donbas", "Donbass"),
            ("Kharkiv", "Kharkov"),
            ("Volodymyr", "Wolodymyr"),
            ("Zürich", "Zurich"),
            ("Alexei", "Aleksey"),
        ] {
            assert_eq!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn different_names_keep_different_keys() {
        for (a, b) in [
            ("Lavrov", "Lavrentiev"),
            ("Paris", "Peru"),
            ("Maria Zakharova", "Mario Zakharov"),
            ("Kiev", "Kivalo"),
        ] {
            assert_ne!(name_key(a), name_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn given_name_key_needs_two_words() {
        assert_eq!(given_name_key("Blinken"), None);
        assert_eq!(given_name_key("A. Blinken"), None);
        assert_eq!(
            given_name_key("Antony Blinken"),
            given_name_key("Anthony Blinken")
        );
    }
}
