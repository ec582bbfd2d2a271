//! The inline SVG timeline of a story: events placed on a date axis, undated ones apart.

use super::{esc, seg};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt::Write;
use storyline_store::views::EventView;

/// SVG width in user units.
const WIDTH: i64 = 800;
/// Left and right margin of the date axis.
const MARGIN: i64 = 50;
/// Where the undated group is drawn, when there is one.
const UNDATED_X: i64 = 740;
/// Y of the axis line.
const AXIS_Y: i64 = 80;
/// Vertical step between events sharing a place on the axis.
const STACK: i64 = 16;
/// Most levels stacked above one place; further events overlap the top one.
const MAX_LEVEL: i64 = 4;

/// The first day a TIMEX3 date value covers (`2022-01-21`, `2022-01`, `2022`, `2022-W08`,
/// or a date-time), or `None` for values that name no calendar period.
pub(crate) fn first_day(value: &str) -> Option<NaiveDate> {
    let head = value.get(..10).unwrap_or(value);
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Some(d);
    }
    let mut parts = value.splitn(2, '-');
    let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
    match parts.next() {
        None => NaiveDate::from_ymd_opt(year, 1, 1),
        Some(rest) => match rest.strip_prefix('W') {
            Some(week) => {
                NaiveDate::from_isoywd_opt(year, week.get(..2)?.parse().ok()?, chrono::Weekday::Mon)
            }
            None => NaiveDate::from_ymd_opt(year, rest.get(..2)?.parse().ok()?, 1),
        },
    }
}

/// One point of the timeline.
fn point(out: &mut String, x: i64, y: i64, ev: &EventView, class: &str) {
    let date = ev.event.date.as_deref().unwrap_or("undated");
    let _ = write!(
        out,
        r#"<a href="/events/{id}"><title>{date}: {title}</title><circle class="{class}" cx="{x}" cy="{y}" r="6"/></a>"#,
        id = seg(&ev.event.id),
        date = esc(date),
        title = esc(&ev.event.title),
    );
}

/// The SVG of a timeline of `events`; empty when there are none.
pub(crate) fn svg(events: &[EventView]) -> String {
    if events.is_empty() {
        return String::new();
    }
    let dated: Vec<(NaiveDate, &EventView)> = events
        .iter()
        .filter_map(|e| Some((first_day(e.event.date.as_deref()?)?, e)))
        .collect();
    let undated: Vec<&EventView> = events
        .iter()
        .filter(|e| e.event.date.as_deref().and_then(first_day).is_none())
        .collect();
    let right = if undated.is_empty() {
        WIDTH - MARGIN
    } else {
        UNDATED_X - 2 * MARGIN
    };
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="timeline" viewBox="0 0 {WIDTH} 130" role="img" aria-labelledby="tl-title"><title id="tl-title">Timeline: {} dated, {} undated events</title>"#,
        dated.len(),
        undated.len()
    );
    // The axis ends are labelled with the events' own values (`2022-W08`), escaped.
    let label = |e: &EventView| esc(e.event.date.as_deref().unwrap_or(""));
    let first = dated.iter().min_by_key(|d| d.0);
    let last = dated.iter().max_by_key(|d| d.0);
    if let (Some(&(lo, lo_ev)), Some(&(hi, hi_ev))) = (first, last) {
        let days = (hi - lo).num_days().max(1);
        let _ = write!(
            out,
            r#"<line class="axis" x1="{MARGIN}" y1="{AXIS_Y}" x2="{right}" y2="{AXIS_Y}"/><text class="tick" x="{MARGIN}" y="{ty}" text-anchor="start">{}</text>"#,
            label(lo_ev),
            ty = AXIS_Y + 30,
        );
        if hi != lo {
            let _ = write!(
                out,
                r#"<text class="tick" x="{right}" y="{ty}" text-anchor="end">{}</text>"#,
                label(hi_ev),
                ty = AXIS_Y + 30,
            );
        }
        let mut stacked: BTreeMap<i64, i64> = BTreeMap::new();
        for (day, ev) in &dated {
            let x = MARGIN + (*day - lo).num_days() * (right - MARGIN) / days;
            let level = stacked.entry(x).or_insert(0);
            point(
                &mut out,
                x,
                AXIS_Y - (*level).min(MAX_LEVEL) * STACK,
                ev,
                "event",
            );
            *level += 1;
        }
    }
    if !undated.is_empty() {
        let _ = write!(
            out,
            r#"<text class="tick" x="{UNDATED_X}" y="{ty}" text-anchor="middle">undated</text>"#,
            ty = AXIS_Y + 30,
        );
        for (n, ev) in (0i64..).zip(&undated) {
            point(
                &mut out,
                UNDATED_X,
                AXIS_Y - n.min(MAX_LEVEL) * STACK,
                ev,
                "event undated",
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timex_values_map_to_their_first_day() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
        assert_eq!(first_day("2021-03-09"), d(2021, 3, 9));
        assert_eq!(first_day("2021-03-09T14:30"), d(2021, 3, 9));
        assert_eq!(first_day("2021-03"), d(2021, 3, 1));
        assert_eq!(first_day("2021"), d(2021, 1, 1));
        assert_eq!(first_day("2021-W02"), d(2021, 1, 11));
        assert_eq!(first_day("PAST_REF"), None);
        assert_eq!(first_day("XXXX-XX-XX"), None);
        assert_eq!(first_day("2021-13"), None);
    }
}
