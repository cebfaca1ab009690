//! What a document that formed no row still holds, for the error that says so.

use super::super::resolve;
use super::MAX_LINE_BYTES;
use super::lines::Line;
use super::parse::{known_label, label_text, label_then_text, short, strip_marker};

/// What a document that formed no row still holds: where its permission names and known
/// labels are, so the error can say what was seen and why it made no row.
#[derive(Debug, Default)]
pub(crate) struct Sightings {
    /// Permission names and keys (identifiers, Xcode display names) and the first lines (byte
    /// offsets) they are on.
    pub(crate) names: usize,
    pub(crate) name_lines: usize,
    pub(crate) name_at: Vec<usize>,
    /// Lines that are a known label on their own.
    pub(crate) labels: usize,
    pub(crate) label_at: Vec<usize>,
}

/// How many places a [`Sightings`] keeps of each kind.
pub(super) const MAX_SIGHTINGS: usize = 5;

/// The permission names and labels in `lines`.
pub(crate) fn sightings(lines: &[Line]) -> Sightings {
    let mut seen = Sightings::default();
    for line in lines.iter().filter(|l| l.text.len() <= MAX_LINE_BYTES) {
        let body = strip_marker(&line.text).1.trim();
        let tokens = resolve::identifiers(body);
        if !tokens.is_empty() {
            seen.names += tokens.len();
            seen.name_lines += 1;
            if seen.name_at.len() < MAX_SIGHTINGS {
                seen.name_at.push(line.raw.start);
            }
            continue;
        }
        let label = label_then_text(body).map_or_else(|| label_text(body), |(head, _)| head);
        if short(label) && !label.is_empty() && known_label(label) {
            seen.labels += 1;
            if seen.label_at.len() < MAX_SIGHTINGS {
                seen.label_at.push(line.raw.start);
            }
        }
    }
    seen
}
