//! A gazetteer of places and their alternate names, so that `Peking` and `Beijing`, `Bombay`
//! and `Mumbai`, or `Danzig` and `Gdańsk` name one place.
//!
//! The built-in data ([`Gazetteer::builtin`]) is `data/gazetteer/places.tsv`, built by
//! `tools/gazetteer/build.py` from GeoNames (CC BY 4.0, see `data/gazetteer/LICENSE`).
//! Names are looked up by their [`storyline_text::fold_ascii`] form.

mod parse;

pub use parse::ParseError;

use std::sync::OnceLock;
use storyline_text::fold_ascii;

/// The committed gazetteer, one place per line.
const BUILTIN: &str = include_str!("../../../data/gazetteer/places.tsv");

/// One place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// GeoNames id.
    pub id: u32,
    /// ISO 3166 country code (`None` for continents).
    pub country: Option<String>,
    /// Population (0 when unknown), used to rank places sharing a name.
    pub population: u64,
    /// Preferred name (`Kyiv`, `Beijing`).
    pub name: String,
    /// Alternate names (`Kiev`, `Peking`); one may also be another place's own name, which
    /// [`Gazetteer::lookup`] ranks first.
    pub alternates: Vec<String>,
}

/// [`fold_ascii`], with a shortcut for plain ASCII names (most of them) that gives the same key.
fn fold(name: &str) -> String {
    let b = name.as_bytes();
    let plain = b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b' ')
        && !name.starts_with(' ')
        && !name.ends_with(' ')
        && !name.contains("  ");
    if plain {
        name.to_ascii_lowercase()
    } else {
        fold_ascii(name)
    }
}

impl Place {
    /// Whether `name` is this place's own or an alternate name, ignoring case, accents and
    /// punctuation.
    pub fn is_called(&self, name: &str) -> bool {
        let key = fold(name);
        std::iter::once(&self.name)
            .chain(&self.alternates)
            .any(|n| fold(n) == key)
    }
}

/// Places and an index from folded names to them.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    /// Folded name → index in `places`, sorted by name, one entry per name.
    index: Vec<(String, usize)>,
}

impl Gazetteer {
    /// Builds a gazetteer from places. A name shared by several places goes to the place whose
    /// own name it is, then to the most populous, then to the lowest id.
    pub fn new(mut places: Vec<Place>) -> Gazetteer {
        places.sort_by_key(|p| p.id);
        // (folded name, is an alternate, minus population, index)
        let mut names: Vec<(String, bool, std::cmp::Reverse<u64>, usize)> = Vec::new();
        for (i, p) in places.iter().enumerate() {
            let rank = std::cmp::Reverse(p.population);
            names.push((fold(&p.name), false, rank, i));
            names.extend(p.alternates.iter().map(|a| (fold(a), true, rank, i)));
        }
        names.retain(|n| !n.0.is_empty());
        names.sort_unstable();
        names.dedup_by(|later, first| later.0 == first.0);
        let index = names.into_iter().map(|(n, _, _, i)| (n, i)).collect();
        Gazetteer { places, index }
    }

    /// Parses the TSV format of `data/gazetteer/places.tsv`: `id  country  population  name
    /// alternate|names`.
    pub fn parse(text: &str) -> Result<Gazetteer, ParseError> {
        parse::places(text).map(Gazetteer::new)
    }

    /// The gazetteer committed with the project (parsed once, on first use).
    pub fn builtin() -> Result<&'static Gazetteer, &'static ParseError> {
        static CELL: OnceLock<Result<Gazetteer, ParseError>> = OnceLock::new();
        CELL.get_or_init(|| Gazetteer::parse(BUILTIN)).as_ref()
    }

    /// The place a name stands for, by its own or an alternate name, ignoring case, accents
    /// and punctuation.
    pub fn lookup(&self, name: &str) -> Option<&Place> {
        let key = fold(name);
        let at = self
            .index
            .binary_search_by(|(n, _)| n.as_str().cmp(&key))
            .ok()?;
        self.index.get(at).and_then(|(_, i)| self.places.get(*i))
    }

    /// The place with a GeoNames id.
    pub fn place(&self, id: u32) -> Option<&Place> {
        let at = self.places.binary_search_by_key(&id, |p| p.id).ok()?;
        self.places.get(at)
    }

    /// Number of places.
    pub fn places(&self) -> usize {
        self.places.len()
    }

    /// Number of distinct names looked up (own and alternate, folded).
    pub fn names(&self) -> usize {
        self.index.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: u32, population: u64, name: &str, alternates: &[&str]) -> Place {
        Place {
            id,
            country: Some("ZZ".into()),
            population,
            name: name.into(),
            alternates: alternates.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn own_names_beat_alternates_and_population_breaks_ties() {
        let g = Gazetteer::new(vec![
            place(3, 10, "Oldmoor", &[]),
            place(1, 5_000, "Brightwater", &["Oldmoor", "Brihtwætr"]),
            place(2, 90, "Brightwater", &[]),
        ]);
        assert_eq!(g.lookup("OLDMOOR").map(|p| p.id), Some(3));
        assert_eq!(g.lookup("brightwater").map(|p| p.id), Some(1));
        assert_eq!(g.lookup("Brihtwaetr").map(|p| p.id), Some(1));
        assert_eq!(g.lookup("Nowhere"), None);
        assert_eq!(g.place(2).map(|p| p.population), Some(90));
        assert_eq!(g.place(1).map(|p| p.is_called("OLDMOOR")), Some(true));
        assert_eq!(g.place(3).map(|p| p.is_called("Brightwater")), Some(false));
        assert_eq!((g.places(), g.names()), (3, 3));
    }

    #[test]
    fn the_ascii_shortcut_folds_like_fold_ascii() {
        for name in [
            "Kyiv",
            "Ho Chi Minh City",
            "Pei-p'ing",
            " Odd  spacing ",
            "Gdańsk",
            "X1",
        ] {
            assert_eq!(fold(name), fold_ascii(name), "{name:?}");
        }
    }

    #[test]
    fn builtin_gazetteer_folds_historic_and_foreign_names() {
        let start = std::time::Instant::now();
        let g = match Gazetteer::builtin() {
            Ok(g) => g,
            Err(e) => panic!("built-in gazetteer: {e}"),
        };
        println!(
            "built-in gazetteer: {} places, {} names, loaded in {:?}",
            g.places(),
            g.names(),
            start.elapsed()
        );
        assert!(g.places() > 30_000);
        for (alternate, name) in [
            ("Peking", "Beijing"),
            ("Bombay", "Mumbai"),
            ("Kiev", "Kyiv"),
            ("Kharkov", "Kharkiv"),
            ("Danzig", "Gdańsk"),
            ("Gdansk", "Gdańsk"),
            ("Leningrad", "Saint Petersburg"),
            ("Saigon", "Ho Chi Minh City"),
            ("Odesa", "Odesa"),
        ] {
            let found = g.lookup(alternate).map(|p| p.name.as_str());
            assert_eq!(found, Some(name), "{alternate}");
        }
        let moscow = g.lookup("Moscow");
        assert_eq!(moscow.and_then(|p| p.country.as_deref()), Some("RU"));
        // An own name outranks another place's alternate, which stays recorded.
        let odessa = g.lookup("Odessa");
        assert_eq!(odessa.and_then(|p| p.country.as_deref()), Some("US"));
        let odesa = g.lookup("Odesa");
        assert!(odesa.is_some_and(|p| p.is_called("Odessa")));
    }
}
