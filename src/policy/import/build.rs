//! Building the policy: the imported rows become a validated [`Policy`] with every disclosure
//! located at its document line.

use super::importer::Importer;
use super::resolve::Perm;
use super::text;
use super::{content, list};
use crate::model::{Disclosure, Location, Platform};
use crate::policy::{Policy, Row};

/// A row that made it into the policy, or was left out with its reasons.
#[derive(Debug, Clone)]
pub(super) struct OutRow {
    pub(super) platform: Platform,
    pub(super) line: u32,
    pub(super) name: Option<String>,
    pub(super) description: Option<String>,
    pub(super) purpose: Option<String>,
    pub(super) perms: Vec<(Perm, Location)>,
    /// The label the permissions were matched by, when no identifier named them.
    pub(super) by_label: Option<String>,
    /// Why (part of) the row is missing, for the YAML comment.
    pub(super) doubts: Vec<String>,
    /// The table's heading, on the first row of each table.
    pub(super) table_heading: Option<String>,
}

impl Importer<'_> {
    /// The validated policy: rows with at least one permission, each disclosure located at
    /// its document line.
    pub(super) fn policy(&self) -> Policy {
        let mut rows = Vec::new();
        for platform in [Platform::Android, Platform::Ios, Platform::Macos] {
            for (index, out) in self
                .rows
                .iter()
                .filter(|r| r.platform == platform && !r.perms.is_empty())
                .enumerate()
            {
                rows.push(Row {
                    platform,
                    index,
                    name: out.name.clone(),
                    description: out.description.clone(),
                    purpose: out.purpose.clone(),
                    permissions: out
                        .perms
                        .iter()
                        .map(|(p, location)| Disclosure {
                            platform,
                            permission: p.canonical.clone(),
                            row: index,
                            row_name: out.name.clone(),
                            location: location.clone(),
                        })
                        .collect(),
                });
            }
        }
        Policy {
            name: self.title(),
            source: Some(self.display.to_owned()),
            file: Some(self.display.to_owned()),
            rows,
        }
    }

    /// The document's title: its `<title>`, its first heading, or its first line of text.
    fn title(&self) -> String {
        let from_title = find_between(self.doc, "<title>", "</title>").map(text::clean);
        let from_heading = self.lines.iter().find_map(|(_, l)| {
            // A list run into its heading's line: the heading is the text before the
            // first item.
            let l = content::collapsed_items(l)
                .first()
                .map_or(*l, |item| &l[item.clone()]);
            list::heading_text(l).map(|start| text::clean(&l[start..]))
        });
        // A table's header or cell (`权限名称 |`) is no title, nor a row's own line (a list
        // that opens the page with `1.查找设备上的帐号`): such a page is named by its file.
        let first_line = self
            .lines
            .iter()
            .enumerate()
            .map(|(i, (_, l))| (i, text::clean(l)))
            .find(|(_, l)| !l.is_empty())
            .filter(|(i, l)| {
                !l.contains('|') && !self.rows.iter().any(|r| r.line as usize == i + 1)
            })
            .map(|(_, l)| l);
        [from_title, from_heading, first_line]
            .into_iter()
            .flatten()
            .find(|t| !t.is_empty())
            .map(|t| t.chars().take(120).collect())
            .unwrap_or_else(|| self.display.to_owned())
    }
}

fn find_between<'a>(doc: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let lower = doc.get(..doc.len().min(64 * 1024))?.to_ascii_lowercase();
    let start = lower.find(open)? + open.len();
    let end = start + lower[start..].find(close)?;
    doc.get(start..end)
}
