//! The gazetteer's TSV format.

use crate::Place;

/// A malformed gazetteer line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// The line does not have five tab-separated fields.
    #[error("line {line}: expected 5 tab-separated fields, found {found}")]
    Fields {
        /// 1-based line number.
        line: usize,
        /// Fields found.
        found: usize,
    },
    /// The id or population is not a number.
    #[error("line {line}: {field} is not a number: {value:?}")]
    Number {
        /// 1-based line number.
        line: usize,
        /// Which field.
        field: &'static str,
        /// The text found.
        value: String,
    },
}

/// Parses `id  country  population  name  alternate|names` lines; blank lines are skipped.
pub(crate) fn places(text: &str) -> Result<Vec<Place>, ParseError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| place(i + 1, l))
        .collect()
}

fn place(line: usize, text: &str) -> Result<Place, ParseError> {
    let fields: Vec<&str> = text.split('\t').collect();
    let [id, country, population, name, alternates] = fields.as_slice() else {
        return Err(ParseError::Fields {
            line,
            found: fields.len(),
        });
    };
    let number = |field: &'static str, value: &str| ParseError::Number {
        line,
        field,
        value: value.to_string(),
    };
    Ok(Place {
        id: id.parse().map_err(|_| number("id", id))?,
        country: Some(country.to_string()).filter(|c| !c.is_empty()),
        population: population
            .parse()
            .map_err(|_| number("population", population))?,
        name: name.to_string(),
        alternates: alternates
            .split('|')
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_reports_bad_ones() {
        let ok = places("7\tZZ\t120\tBrightwater\tBrihtwaetr|Old Bright\n\n8\t\t0\tNorthreach\t\n");
        let ok = ok.unwrap_or_default();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].alternates, ["Brihtwaetr", "Old Bright"]);
        assert_eq!(ok[1].country, None);
        assert!(ok[1].alternates.is_empty());
        assert_eq!(
            places("7\tZZ\t1\tBrightwater"),
            Err(ParseError::Fields { line: 1, found: 4 })
        );
        assert!(matches!(
            places("x\tZZ\t1\tA\t"),
            Err(ParseError::Number { field: "id", .. })
        ));
    }
}
