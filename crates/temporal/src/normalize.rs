//! Normalisers: turn the fields of a rule match (captures + fixed params) into a TIMEX3 value,
//! using the creation time, the last date of the text and the tense of the clause.

use crate::calendar::{Point, Season, Unit};
use crate::rules::Function;
use crate::tense::Tense;
use chrono::{Datelike, Duration, NaiveDate};
use std::collections::BTreeMap;

/// Fields of one match: capture values by name, fixed params underneath.
pub(crate) type Fields = BTreeMap<String, String>;

/// What the normalisers may look at besides the match.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Context {
    /// Document creation time.
    pub(crate) dct: Option<NaiveDate>,
    /// The last date resolved in the text before this expression.
    pub(crate) reference: Option<Point>,
    /// Tense of the clause.
    pub(crate) tense: Tense,
}

/// A normalised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Normalised {
    pub(crate) value: String,
    /// The calendar point, when the value is one (it becomes the reference for later text).
    pub(crate) point: Option<Point>,
    /// What a relative value was resolved against.
    pub(crate) anchor: Option<&'static str>,
}

impl Normalised {
    fn point(point: Point, anchor: Option<&'static str>) -> Normalised {
        Normalised {
            value: point.value(),
            point: Some(point),
            anchor,
        }
    }

    fn text(value: impl Into<String>, anchor: Option<&'static str>) -> Normalised {
        Normalised {
            value: value.into(),
            point: None,
            anchor,
        }
    }
}

const DCT: Option<&str> = Some("dct");
const TEXT: Option<&str> = Some("text");

/// Runs the normaliser of a rule.
pub(crate) fn normalise(function: Function, fields: &Fields, cx: &Context) -> Option<Normalised> {
    match function {
        Function::Date => date(fields, cx),
        Function::Relative => relative(fields, cx),
        Function::Anchored => anchored(fields, cx),
        Function::Ago => ago(fields, cx),
        Function::Shift => shift(fields, cx),
        Function::Duration => duration(fields),
        Function::Literal => fields
            .get("value")
            .map(|v| Normalised::text(v.clone(), None)),
        Function::Set => set(fields),
    }
}

fn int(fields: &Fields, key: &str) -> Option<i64> {
    fields.get(key).and_then(|v| v.parse().ok())
}

fn small(fields: &Fields, key: &str) -> Option<u32> {
    fields.get(key).and_then(|v| v.parse().ok())
}

fn unit(fields: &Fields) -> Option<Unit> {
    fields.get("unit").and_then(|u| Unit::parse(u))
}

/// Absolute or partly specified calendar fields, with an optional time of day.
fn date(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let calendar = calendar(fields, cx);
    match time_of_day(fields) {
        None => calendar,
        Some(time) => {
            let (day, anchor) = match &calendar {
                Some(c) => (
                    c.point.and_then(Point::day).map(|d| Point::Day(d).value()),
                    c.anchor,
                ),
                // A bare clock time belongs to the day last talked about, else the DCT's.
                None => match (cx.reference.and_then(Point::day), cx.dct) {
                    (Some(day), _) => (Some(Point::Day(day).value()), TEXT),
                    (None, dct) => (dct.map(|d| Point::Day(d).value()), DCT),
                },
            };
            if calendar.is_some() && day.is_none() {
                return calendar;
            }
            let day = day.unwrap_or_else(|| "XXXX-XX-XX".to_string());
            Some(Normalised::text(format!("{day}T{time}"), anchor))
        }
    }
}

/// The calendar part of [`date`].
fn calendar(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let year = int(fields, "year").and_then(|y| i32::try_from(y).ok());
    if let Some(decade) = int(fields, "decade").and_then(|d| i32::try_from(d).ok()) {
        return Some(Normalised::point(Point::Decade(decade), None));
    }
    if let Some(century) = int(fields, "century").and_then(|c| i32::try_from(c).ok()) {
        return Some(Normalised::point(Point::Century(century - 1), None));
    }
    let holiday = fields.get("holiday").and_then(|h| h.split_once('-'));
    let movable = holiday.and_then(|(m, rule)| {
        let (wd, n) = rule.split_once('#')?;
        Some((
            m.parse::<u32>().ok()?,
            wd.parse::<u32>().ok()?,
            n.parse::<i32>().ok()?,
        ))
    });
    let (month, day) = match holiday {
        Some((m, d)) => (m.parse().ok(), d.parse().ok()),
        None => (small(fields, "month"), small(fields, "day")),
    };
    let make: Box<dyn Fn(i32) -> Option<Point>> = if let Some((m, wd, n)) = movable {
        if year.is_none() && cx.dct.is_none() {
            return Some(Normalised::text(format!("XXXX-{m:02}-XX"), None));
        }
        Box::new(move |y| nth_weekday(y, m, wd, n).map(Point::Day))
    } else if let Some(m) = month {
        match day {
            Some(d) => Box::new(move |y| NaiveDate::from_ymd_opt(y, m, d).map(Point::Day)),
            None => Box::new(move |y| (1..=12).contains(&m).then_some(Point::Month(y, m))),
        }
    } else if let Some(q) = small(fields, "quarter") {
        Box::new(move |y| (1..=4).contains(&q).then_some(Point::Quarter(y, q)))
    } else if let Some(h) = small(fields, "half") {
        Box::new(move |y| (1..=2).contains(&h).then_some(Point::Half(y, h)))
    } else if let Some(s) = fields.get("season").and_then(|s| Season::parse(s)) {
        Box::new(move |y| Some(Point::Season(y, s)))
    } else if let Some(wd) = small(fields, "weekday") {
        return Some(weekday(wd, cx));
    } else {
        return year.map(|y| Normalised::point(Point::Year(y), None));
    };
    match year {
        Some(y) => make(y).map(|p| Normalised::point(p, None)),
        None => Some(infer_year(&make, cx)),
    }
}

/// How far after the creation time a yearless date may lie unless the clause is in the future
/// tense: news mostly looks back, but `Nov. 6` in an article of Nov. 2 is four days ahead.
const LOOK_AHEAD_DAYS: i64 = 120;

/// The `n`th weekday `wd` (1 = Monday) of a month; `n = -1` is the last one.
fn nth_weekday(year: i32, month: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    let weekday = chrono::Weekday::try_from(u8::try_from(wd.checked_sub(1)?).ok()?).ok()?;
    if n > 0 {
        return NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(n).ok()?);
    }
    let next_month = Point::Month(year, month).shift(1)?.first_day()?;
    (1..=7)
        .map(|back| next_month - Duration::days(back))
        .find(|d| d.weekday() == weekday)
}

/// Picks the year of a yearless point: in a future clause the first occurrence not yet over,
/// otherwise the last one starting before the look-ahead horizon.
fn infer_year(make: &dyn Fn(i32) -> Option<Point>, cx: &Context) -> Normalised {
    let Some(dct) = cx.dct else {
        let partial = make(2000).map(Point::value).unwrap_or_default();
        return Normalised::text(
            format!("XXXX{}", partial.get(4..).unwrap_or_default()),
            None,
        );
    };
    let candidates: Vec<Point> = (dct.year() - 1..=dct.year() + 1).filter_map(make).collect();
    let span = |p: &Point| Some((p.first_day()?, p.last_day()?));
    let horizon = dct + Duration::days(LOOK_AHEAD_DAYS);
    let chosen = candidates
        .iter()
        .rev()
        .find(|p| span(p).is_some_and(|(first, _)| first <= horizon));
    match chosen {
        Some(p) => Normalised::point(*p, DCT),
        None => Normalised::text("XXXX", None),
    }
}

/// A bare weekday: the nearest such day before (past) or after (future) the creation time.
fn weekday(wd: u32, cx: &Context) -> Normalised {
    let Some(dct) = cx.dct else {
        return Normalised::text(format!("XXXX-WXX-{wd}"), None);
    };
    let today = i64::from(dct.weekday().number_from_monday());
    let target = i64::from(wd);
    let days = match cx.tense {
        Tense::Future => (target - today).rem_euclid(7),
        Tense::Past => -(today - target).rem_euclid(7),
        // No cue: news reports the past, except that the next day is more likely than six days ago.
        Tense::Unknown => match (target - today).rem_euclid(7) {
            1 => 1,
            _ => -(today - target).rem_euclid(7),
        },
    };
    Normalised::point(Point::Day(dct + Duration::days(days)), DCT)
}

/// `HH:MM` or a part of day code (`MO`), when the fields hold a time.
fn time_of_day(fields: &Fields) -> Option<String> {
    if let Some(pod) = fields.get("pod") {
        return Some(pod.clone());
    }
    let mut hour = small(fields, "hour")?;
    let minute = small(fields, "minute").unwrap_or(0);
    match fields.get("ampm").map(String::as_str) {
        Some("PM") if hour < 12 => hour += 12,
        Some("AM") if hour == 12 => hour = 0,
        _ => {}
    }
    (hour <= 24 && minute < 60).then(|| format!("{hour:02}:{minute:02}"))
}

/// Unit + offset (or a named weekday, month or season with a direction) from the creation time.
fn relative(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let offset = int(fields, "offset").unwrap_or(0);
    let unit = unit(fields);
    let Some(dct) = cx.dct else {
        return Some(Normalised::text(underspecified(fields, unit), None));
    };
    let point = if let Some(wd) = small(fields, "weekday") {
        let today = i64::from(dct.weekday().number_from_monday());
        let target = i64::from(wd);
        let days = match offset.signum() {
            -1 => -((today - target - 1).rem_euclid(7) + 1),
            1 => (target - today - 1).rem_euclid(7) + 1,
            _ => target - today,
        };
        Point::Day(dct + Duration::days(days))
    } else if unit == Some(Unit::Year) && fields.contains_key("month") {
        Point::Month(dct.year(), small(fields, "month")?).shift(12 * offset)?
    } else if unit == Some(Unit::Year) && fields.contains_key("quarter") {
        Point::Quarter(dct.year(), small(fields, "quarter")?).shift(4 * offset)?
    } else if unit == Some(Unit::Year) && fields.contains_key("half") {
        Point::Half(dct.year(), small(fields, "half")?).shift(2 * offset)?
    } else if unit == Some(Unit::Weekend) && offset == 0 {
        // `the weekend`: the last one begun by the creation time.
        let this = Point::containing(dct, Unit::Weekend);
        if this.first_day()? > dct {
            this.shift(-1)?
        } else {
            this
        }
    } else if let Some(m) = small(fields, "month") {
        let this = Point::Month(dct.year(), m);
        match offset.signum() {
            -1 if m >= dct.month() => this.shift(-12)?,
            1 if m <= dct.month() => this.shift(12)?,
            _ => this,
        }
    } else if let Some(season) = fields.get("season").and_then(|s| Season::parse(s)) {
        let this = Point::Season(dct.year(), season);
        let (first, last) = (this.first_day()?, this.last_day()?);
        match offset.signum() {
            -1 if last >= dct => this.shift(-1)?,
            1 if first <= dct => this.shift(1)?,
            _ => this,
        }
    } else {
        Point::containing(dct, unit?).shift(offset)?
    };
    Some(with_part_of_day(point, fields, DCT))
}

/// The value of `point`, with a part of day appended when the fields name one.
fn with_part_of_day(point: Point, fields: &Fields, anchor: Option<&'static str>) -> Normalised {
    match (time_of_day(fields), point.day()) {
        (Some(time), Some(day)) => {
            Normalised::text(format!("{}T{time}", Point::Day(day).value()), anchor)
        }
        _ => Normalised::point(point, anchor),
    }
}

/// The value of a relative expression when there is no creation time.
fn underspecified(fields: &Fields, unit: Option<Unit>) -> String {
    if let Some(wd) = small(fields, "weekday") {
        return format!("XXXX-WXX-{wd}");
    }
    if let Some(m) = small(fields, "month") {
        return format!("XXXX-{m:02}");
    }
    if let Some(season) = fields.get("season") {
        return format!("XXXX-{season}");
    }
    let value = unit.map_or("XXXX-XX-XX", Unit::underspecified).to_string();
    match time_of_day(fields) {
        Some(time) => format!("XXXX-XX-XXT{time}"),
        None => value,
    }
}

/// Unit + offset from the last date of the text (the creation time when there is none).
fn anchored(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let offset = int(fields, "offset").unwrap_or(0);
    let unit = unit(fields)?;
    let (reference, anchor) = reference(cx)?;
    let point = match reference {
        Point::Day(d) => Point::containing(d, unit).shift(offset),
        other => other.coarsen(unit).and_then(|p| p.shift(offset)),
    };
    Some(match point {
        Some(p) => Normalised::point(p, anchor),
        None => Normalised::text(unit.underspecified(), None),
    })
}

/// The reference for narrative expressions: the last date in the text, else the creation time.
fn reference(cx: &Context) -> Option<(Point, Option<&'static str>)> {
    match (cx.reference, cx.dct) {
        (Some(p), _) => Some((p, TEXT)),
        (None, Some(d)) => Some((Point::Day(d), DCT)),
        (None, None) => None,
    }
}

/// An amount of units before (`offset=-1`) or after the creation time; a year before a
/// quarter or month just mentioned keeps that granularity (`a year ago` after `the quarter`).
fn ago(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let unit = unit(fields)?;
    let Some(dct) = cx.dct else {
        return Some(Normalised::text(unit.underspecified(), None));
    };
    let n = amount(fields)? * int(fields, "offset").unwrap_or(-1);
    let point = match cx.reference {
        Some(p @ (Point::Quarter(..) | Point::Half(..))) if unit == Unit::Year => {
            p.shift_by(n, unit)?
        }
        _ => Point::Day(dct).shift_by(n, unit)?,
    };
    Some(Normalised::point(point, DCT))
}

/// An amount of units before or after the last date of the text.
fn shift(fields: &Fields, cx: &Context) -> Option<Normalised> {
    let unit = unit(fields)?;
    let n = amount(fields)? * int(fields, "offset").unwrap_or(1);
    let Some((reference, anchor)) = reference(cx) else {
        return Some(Normalised::text(unit.underspecified(), None));
    };
    Some(match reference.shift_by(n, unit) {
        Some(p) => Normalised::point(p, anchor),
        None => Normalised::text(unit.underspecified(), None),
    })
}

/// A whole amount (`a` counts as one).
fn amount(fields: &Fields) -> Option<i64> {
    match fields.get("amount") {
        None => Some(1),
        Some(a) => a.parse().ok(),
    }
}

/// `P3D`, `PT2H`, `PXY`; quarters in months, decades and centuries in years, weekends in days
/// (corpus usage).
fn duration(fields: &Fields) -> Option<Normalised> {
    let unit = unit(fields)?;
    let amount = match (fields.get("amount"), fields.get("upper")) {
        (_, Some(_)) | (None, None) => "X".to_string(),
        (Some(a), None) if a.parse::<f64>().is_ok() || a == "X" => a.clone(),
        (Some(_), None) => "X".to_string(),
    };
    let scaled = |factor: f64, code: &str| match amount.parse::<f64>() {
        Ok(n) => format!("P{}{code}", n * factor),
        Err(_) => format!("PX{code}"),
    };
    if fields.contains_key("half") {
        if let Some(value) = and_a_half(&amount, unit) {
            return Some(Normalised::text(value, None));
        }
    }
    let value = match unit {
        Unit::Weekend => scaled(2.0, "D"),
        Unit::Quarter => scaled(3.0, "M"),
        Unit::Decade => scaled(10.0, "Y"),
        Unit::Century => scaled(100.0, "Y"),
        u if u.is_clock() => format!("PT{amount}{}", u.duration_code()),
        u => format!("P{amount}{}", u.duration_code()),
    };
    Some(Normalised::text(value, None))
}

/// `N and a half` units, the half written in the next smaller unit (`P2Y6M`, `PT1M30S`).
fn and_a_half(amount: &str, unit: Unit) -> Option<String> {
    let n: u64 = amount.parse().ok()?;
    Some(match unit {
        Unit::Year => format!("P{n}Y6M"),
        Unit::Month => format!("P{n}M15D"),
        Unit::Week => format!("P{n}W3DT12H"),
        Unit::Day => format!("P{n}DT12H"),
        Unit::Hour => format!("PT{n}H30M"),
        Unit::Minute => format!("PT{n}M30S"),
        _ => return None,
    })
}

/// A recurring time: every weekday, month or season, or every N units.
fn set(fields: &Fields) -> Option<Normalised> {
    if let Some(wd) = small(fields, "weekday") {
        return Some(Normalised::text(format!("XXXX-WXX-{wd}"), None));
    }
    if let Some(m) = small(fields, "month") {
        return Some(Normalised::text(format!("XXXX-{m:02}"), None));
    }
    if let Some(season) = fields.get("season") {
        return Some(Normalised::text(format!("XXXX-{season}"), None));
    }
    duration(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn cx(dct: NaiveDate, tense: Tense) -> Context {
        Context {
            dct: Some(dct),
            reference: None,
            tense,
        }
    }

    fn value(function: Function, pairs: &[(&str, &str)], cx: &Context) -> String {
        normalise(function, &fields(pairs), cx).unwrap().value
    }

    #[test]
    fn weekdays_follow_tense() {
        let future = cx(day(2022, 1, 20), Tense::Future);
        assert_eq!(
            value(Function::Date, &[("weekday", "5")], &future),
            "2022-01-21"
        );
        let past = cx(day(2022, 1, 20), Tense::Past);
        assert_eq!(
            value(Function::Date, &[("weekday", "5")], &past),
            "2022-01-14"
        );
        assert_eq!(
            value(Function::Date, &[("weekday", "4")], &past),
            "2022-01-20"
        );
    }

    #[test]
    fn yearless_months_follow_tense() {
        let past = cx(day(2022, 1, 19), Tense::Past);
        assert_eq!(value(Function::Date, &[("month", "12")], &past), "2021-12");
        assert_eq!(
            value(Function::Date, &[("month", "2"), ("day", "3")], &past),
            "2022-02-03"
        );
        let unknown = cx(day(2022, 1, 19), Tense::Unknown);
        assert_eq!(
            value(Function::Date, &[("month", "1"), ("day", "20")], &unknown),
            "2022-01-20"
        );
        let no_dct = Context {
            dct: None,
            reference: None,
            tense: Tense::Past,
        };
        assert_eq!(
            value(Function::Date, &[("month", "12"), ("day", "25")], &no_dct),
            "XXXX-12-25"
        );
    }

    #[test]
    fn movable_holidays() {
        let c = cx(day(1999, 11, 20), Tense::Unknown);
        assert_eq!(
            value(Function::Date, &[("holiday", "11-4#4")], &c),
            "1999-11-25"
        );
        assert_eq!(
            value(
                Function::Date,
                &[("holiday", "05-1#-1"), ("year", "2021")],
                &c
            ),
            "2021-05-31"
        );
        let none = Context {
            dct: None,
            reference: None,
            tense: Tense::Unknown,
        };
        assert_eq!(
            value(Function::Date, &[("holiday", "11-4#4")], &none),
            "XXXX-11-XX"
        );
    }

    #[test]
    fn relative_units_and_times() {
        let c = cx(day(2022, 2, 18), Tense::Unknown);
        assert_eq!(
            value(Function::Relative, &[("unit", "W"), ("offset", "1")], &c),
            "2022-W08"
        );
        assert_eq!(
            value(
                Function::Relative,
                &[("unit", "D"), ("offset", "-1"), ("pod", "NI")],
                &c
            ),
            "2022-02-17TNI"
        );
        assert_eq!(
            value(Function::Relative, &[("month", "11"), ("offset", "-1")], &c),
            "2021-11"
        );
        assert_eq!(
            value(
                Function::Relative,
                &[("weekday", "5"), ("offset", "-1")],
                &c
            ),
            "2022-02-11"
        );
        assert_eq!(
            value(
                Function::Date,
                &[("hour", "3"), ("minute", "30"), ("ampm", "PM")],
                &c
            ),
            "2022-02-18T15:30"
        );
        let none = Context {
            dct: None,
            reference: None,
            tense: Tense::Unknown,
        };
        assert_eq!(
            value(
                Function::Relative,
                &[("unit", "W"), ("offset", "-1")],
                &none
            ),
            "XXXX-WXX"
        );
    }

    #[test]
    fn ago_shift_and_anchoring() {
        let mut c = cx(day(1989, 11, 2), Tense::Past);
        assert_eq!(
            value(Function::Ago, &[("unit", "Y"), ("amount", "3")], &c),
            "1986"
        );
        c.reference = Some(Point::Quarter(1989, 3));
        assert_eq!(
            value(Function::Ago, &[("unit", "Y"), ("amount", "1")], &c),
            "1988-Q3"
        );
        c.reference = Some(Point::Day(day(1989, 10, 5)));
        assert_eq!(
            value(
                Function::Shift,
                &[("unit", "D"), ("amount", "2"), ("offset", "1")],
                &c
            ),
            "1989-10-07"
        );
        assert_eq!(
            value(Function::Anchored, &[("unit", "D"), ("offset", "1")], &c),
            "1989-10-06"
        );
    }

    #[test]
    fn durations_and_sets() {
        let c = cx(day(2022, 1, 1), Tense::Unknown);
        assert_eq!(
            value(Function::Duration, &[("unit", "D"), ("amount", "3")], &c),
            "P3D"
        );
        assert_eq!(
            value(Function::Duration, &[("unit", "H"), ("amount", "2")], &c),
            "PT2H"
        );
        assert_eq!(
            value(Function::Duration, &[("unit", "Y"), ("amount", "X")], &c),
            "PXY"
        );
        assert_eq!(value(Function::Set, &[("weekday", "4")], &c), "XXXX-WXX-4");
        assert_eq!(value(Function::Set, &[("month", "7")], &c), "XXXX-07");
    }
}
