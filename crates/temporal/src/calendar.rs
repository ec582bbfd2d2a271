//! Calendar points at several granularities, their arithmetic and their TIMEX3 values.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// A calendar unit as used by rules (`D`, `W`, `WE`, `M`, `Q`, `H`, `Y`, `DE`, `CE`) and by
/// durations (`HOUR`, `MIN`, `S` are clock units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Weekend,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// Parses a unit code of the lexicon.
    pub(crate) fn parse(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MIN" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "WE" => Unit::Weekend,
            "W" => Unit::Week,
            "M" => Unit::Month,
            "Q" => Unit::Quarter,
            "HALF" => Unit::Half,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// True for hours, minutes and seconds.
    pub(crate) fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }

    /// The designator in a TIMEX3 duration (`P3D`, `PT2H`).
    pub(crate) fn duration_code(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Weekend => "WE",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Half => "H",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    /// The value of a point of this unit whose position is unknown (`XXXX-WXX`).
    pub(crate) fn underspecified(self) -> &'static str {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => "XXXX-XX-XX",
            Unit::Weekend => "XXXX-WXX-WE",
            Unit::Week => "XXXX-WXX",
            Unit::Month => "XXXX-XX",
            Unit::Quarter => "XXXX-QX",
            Unit::Half => "XXXX-HX",
            Unit::Year => "XXXX",
            Unit::Decade => "XXX",
            Unit::Century => "XX",
        }
    }
}

/// A season of the year (TIMEX3 `SP`, `SU`, `FA`, `WI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    /// Parses a season code.
    pub(crate) fn parse(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }

    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// First month of the season (winter starts in December of the year before).
    fn first_month(self) -> u32 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Fall => 9,
            Season::Winter => 12,
        }
    }
}

/// A position on the calendar at some granularity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Point {
    /// One day.
    Day(NaiveDate),
    /// ISO week (ISO year, week number).
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    /// A month (year, 1-12).
    Month(i32, u32),
    /// A quarter (year, 1-4).
    Quarter(i32, u32),
    /// A half year (year, 1-2).
    Half(i32, u32),
    /// A season of a year.
    Season(i32, Season),
    /// A year.
    Year(i32),
    /// A decade, by its first three digits (199 for the 1990s).
    Decade(i32),
    /// A century, by its first two digits (19 for the 1900s).
    Century(i32),
}

impl Point {
    /// The point of granularity `unit` holding `day`.
    pub(crate) fn containing(day: NaiveDate, unit: Unit) -> Point {
        let year = day.year();
        match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Point::Day(day),
            Unit::Week => Point::Week(day.iso_week().year(), day.iso_week().week()),
            Unit::Weekend => Point::Weekend(day.iso_week().year(), day.iso_week().week()),
            Unit::Month => Point::Month(year, day.month()),
            Unit::Quarter => Point::Quarter(year, (day.month() - 1) / 3 + 1),
            Unit::Half => Point::Half(year, (day.month() - 1) / 6 + 1),
            Unit::Year => Point::Year(year),
            Unit::Decade => Point::Decade(year.div_euclid(10)),
            Unit::Century => Point::Century(year.div_euclid(100)),
        }
    }

    /// The first day of the point.
    pub(crate) fn first_day(self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(d),
            Point::Week(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Mon),
            Point::Weekend(y, w) => NaiveDate::from_isoywd_opt(y, w, Weekday::Sat),
            Point::Month(y, m) => NaiveDate::from_ymd_opt(y, m, 1),
            Point::Quarter(y, q) => NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
            Point::Half(y, h) => NaiveDate::from_ymd_opt(y, (h - 1) * 6 + 1, 1),
            Point::Season(y, s) => match s {
                Season::Winter => NaiveDate::from_ymd_opt(y - 1, 12, 1),
                _ => NaiveDate::from_ymd_opt(y, s.first_month(), 1),
            },
            Point::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1),
            Point::Decade(d) => NaiveDate::from_ymd_opt(d * 10, 1, 1),
            Point::Century(c) => NaiveDate::from_ymd_opt(c * 100, 1, 1),
        }
    }

    /// The last day of the point.
    pub(crate) fn last_day(self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(d),
            Point::Week(..) => self.first_day().map(|d| d + Duration::days(6)),
            Point::Weekend(..) => self.first_day().map(|d| d + Duration::days(1)),
            Point::Season(..) => self
                .first_day()?
                .checked_add_months(chrono::Months::new(3))
                .and_then(|d| d.pred_opt()),
            _ => self.shift(1)?.first_day().and_then(|d| d.pred_opt()),
        }
    }

    /// The point `n` units of its own granularity later (earlier when negative).
    pub(crate) fn shift(self, n: i64) -> Option<Point> {
        let n32 = i32::try_from(n).ok()?;
        Some(match self {
            Point::Day(d) => Point::Day(d.checked_add_signed(Duration::try_days(n)?)?),
            Point::Week(..) | Point::Weekend(..) => {
                let monday = self.first_day()?
                    - Duration::days(i64::from(
                        self.first_day()?.weekday().num_days_from_monday(),
                    ));
                let moved = monday.checked_add_signed(Duration::try_weeks(n)?)?;
                let week = moved.iso_week();
                match self {
                    Point::Week(..) => Point::Week(week.year(), week.week()),
                    _ => Point::Weekend(week.year(), week.week()),
                }
            }
            Point::Month(y, m) => {
                let index = i64::from(y) * 12 + i64::from(m) - 1 + n;
                Point::Month(
                    i32::try_from(index.div_euclid(12)).ok()?,
                    u32::try_from(index.rem_euclid(12) + 1).ok()?,
                )
            }
            Point::Quarter(y, q) => {
                let index = i64::from(y) * 4 + i64::from(q) - 1 + n;
                Point::Quarter(
                    i32::try_from(index.div_euclid(4)).ok()?,
                    u32::try_from(index.rem_euclid(4) + 1).ok()?,
                )
            }
            Point::Half(y, h) => {
                let index = i64::from(y) * 2 + i64::from(h) - 1 + n;
                Point::Half(
                    i32::try_from(index.div_euclid(2)).ok()?,
                    u32::try_from(index.rem_euclid(2) + 1).ok()?,
                )
            }
            Point::Season(y, s) => Point::Season(y.checked_add(n32)?, s),
            Point::Year(y) => Point::Year(y.checked_add(n32)?),
            Point::Decade(d) => Point::Decade(d.checked_add(n32)?),
            Point::Century(c) => Point::Century(c.checked_add(n32)?),
        })
    }

    /// Moves the point by `n` units of `unit`: a quarter or half moved by years keeps its
    /// granularity (`a year earlier` after `the third quarter`), other points take the unit's.
    pub(crate) fn shift_by(self, n: i64, unit: Unit) -> Option<Point> {
        if unit.is_clock() {
            // Only the date is known: whole days of the clock amount, rounded toward zero.
            let seconds = match unit {
                Unit::Hour => 3600,
                Unit::Minute => 60,
                _ => 1,
            };
            let days = n.checked_mul(seconds)? / 86_400;
            return if days == 0 {
                Some(self)
            } else {
                self.shift_by(days, Unit::Day)
            };
        }
        let factor = match (self, unit) {
            (Point::Quarter(..), Unit::Year) => 4,
            (Point::Half(..), Unit::Year) => 2,
            (Point::Day(d), _) => return Point::containing(d, unit).shift(n),
            _ => return self.coarsen(unit)?.shift(n),
        };
        self.shift(n * factor)
    }

    /// The point of granularity `unit` holding this one, when the unit is at least as coarse.
    pub(crate) fn coarsen(self, unit: Unit) -> Option<Point> {
        let first = self.first_day()?;
        let last = self.last_day()?;
        let candidate = Point::containing(first, unit);
        (candidate == Point::containing(last, unit)).then_some(candidate)
    }

    /// The day when the point is one.
    pub(crate) fn day(self) -> Option<NaiveDate> {
        match self {
            Point::Day(d) => Some(d),
            _ => None,
        }
    }

    /// The TIMEX3 value.
    pub(crate) fn value(self) -> String {
        match self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Season(y, s) => format!("{y:04}-{}", s.code()),
            Point::Year(y) => format!("{y:04}"),
            Point::Decade(d) => format!("{d:03}X"),
            Point::Century(c) => format!("{c:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn values_follow_timeml() {
        let d = day(2022, 2, 18);
        assert_eq!(Point::containing(d, Unit::Week).value(), "2022-W07");
        assert_eq!(Point::containing(d, Unit::Quarter).value(), "2022-Q1");
        assert_eq!(Point::containing(d, Unit::Decade).value(), "202X");
        assert_eq!(Point::containing(d, Unit::Weekend).value(), "2022-W07-WE");
        assert_eq!(Point::Season(2022, Season::Summer).value(), "2022-SU");
    }

    #[test]
    fn shifting_crosses_years() {
        assert_eq!(
            Point::Month(2022, 1).shift(-1),
            Some(Point::Month(2021, 12))
        );
        assert_eq!(
            Point::Quarter(2022, 1).shift(-1),
            Some(Point::Quarter(2021, 4))
        );
        assert_eq!(Point::Week(2021, 52).shift(1), Some(Point::Week(2022, 1)));
        assert_eq!(
            Point::Quarter(1989, 3).shift_by(-1, Unit::Year),
            Some(Point::Quarter(1988, 3))
        );
        assert_eq!(
            Point::Day(day(2022, 1, 20)).shift_by(-1, Unit::Week),
            Some(Point::Week(2022, 2))
        );
    }

    #[test]
    fn bounds_and_coarsening() {
        assert_eq!(Point::Month(2024, 2).last_day(), Some(day(2024, 2, 29)));
        assert_eq!(
            Point::Month(2024, 2).coarsen(Unit::Year),
            Some(Point::Year(2024))
        );
        assert_eq!(Point::Year(2024).coarsen(Unit::Month), None);
        assert_eq!(
            Point::Season(2021, Season::Summer).last_day(),
            Some(day(2021, 8, 31))
        );
    }
}
