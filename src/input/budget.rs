//! The budget of one run: what all the inputs of a `check` may cost together.
//!
//! Per-file and per-entry caps (input size, entry sizes, nesting) bound each piece; they do not
//! bound a run made of many pieces that each stay under them: five App Bundle modules of 26 MiB
//! inflate to 130 MiB from a 6 MB file, and a manifest that is nothing but requests keeps one
//! `Request` per line. So every run also draws from one budget, shared by all the files it reads
//! (and all the threads reading them):
//!
//! | budget | limit | counted |
//! |---|---|---|
//! | `max-total-inflated` | 96 MiB | bytes inflated from archive entries |
//! | `max-requests` | 50,000 | permission requests kept (every input kind) |
//! | `max-nodes` | 1,000,000 | elements and nodes decoded in compiled manifests |
//!
//! A real app requests tens of permissions per manifest (Android defines about a thousand in
//! all) and its archive inflates its manifests to well under a megabyte, so the limits are
//! orders of magnitude above real inputs and keep the worst hostile run near 64 MB and a
//! second (`tests/hostile/measure.sh`). Exceeding one is an input error naming it.

use std::sync::atomic::{AtomicU64, Ordering};

use super::InputError;
use crate::model::Location;

/// One run's budget. Shared by reference; every draw is atomic.
#[derive(Debug)]
pub struct Budget {
    limits: BudgetLimits,
    inflated: AtomicU64,
    requests: AtomicU64,
    nodes: AtomicU64,
}

/// The limits of a [`Budget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetLimits {
    /// Bytes all archive entries of the run may inflate to (`max-total-inflated`).
    pub max_inflated: u64,
    /// Requests all inputs of the run may hold (`max-requests`).
    pub max_requests: u64,
    /// Elements and nodes all compiled manifests of the run may hold (`max-nodes`).
    pub max_nodes: u64,
}

/// The limits permaudit applies.
pub const BUDGET: BudgetLimits = BudgetLimits {
    max_inflated: 96 * 1024 * 1024,
    max_requests: 50_000,
    max_nodes: 1_000_000,
};

impl Default for Budget {
    fn default() -> Self {
        Budget::new(BUDGET)
    }
}

impl Budget {
    /// A fresh budget with these limits.
    pub fn new(limits: BudgetLimits) -> Self {
        Budget {
            limits,
            inflated: AtomicU64::new(0),
            requests: AtomicU64::new(0),
            nodes: AtomicU64::new(0),
        }
    }

    /// Draws `bytes` inflated bytes, for the entry at `at`.
    pub fn inflated(&self, bytes: u64, at: &Location) -> Result<(), InputError> {
        draw(
            &self.inflated,
            bytes,
            self.limits.max_inflated,
            at,
            "bytes inflated from archive entries",
            "max-total-inflated",
        )
    }

    /// Draws one kept request, at `at`.
    pub fn request(&self, at: &Location) -> Result<(), InputError> {
        draw(
            &self.requests,
            1,
            self.limits.max_requests,
            at,
            "permission requests",
            "max-requests",
        )
    }

    /// Draws `count` decoded nodes, at `at`.
    pub fn nodes(&self, count: u64, at: &Location) -> Result<(), InputError> {
        draw(
            &self.nodes,
            count,
            self.limits.max_nodes,
            at,
            "decoded manifest nodes",
            "max-nodes",
        )
    }
}

fn draw(
    counter: &AtomicU64,
    amount: u64,
    limit: u64,
    at: &Location,
    what: &str,
    name: &str,
) -> Result<(), InputError> {
    let before = counter.fetch_add(amount, Ordering::Relaxed);
    if before.saturating_add(amount) > limit {
        return Err(InputError::invalid(
            at.clone(),
            format!(
                "the run's inputs hold more than {limit} {what}, over the per-run budget \
                 ({name} = {limit}); no real app comes near it, refusing a possible resource \
                 exhaustion attack"
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_budget_is_named_when_exceeded() {
        let budget = Budget::new(BudgetLimits {
            max_inflated: 10,
            max_requests: 2,
            max_nodes: 3,
        });
        let at = Location::file("a.aab");
        budget.inflated(10, &at).unwrap();
        let err = budget.inflated(1, &at).unwrap_err().to_string();
        assert!(err.contains("max-total-inflated = 10"), "{err}");
        budget.request(&at).unwrap();
        budget.request(&at).unwrap();
        let err = budget.request(&at).unwrap_err().to_string();
        assert!(err.contains("max-requests = 2"), "{err}");
        budget.nodes(3, &at).unwrap();
        let err = budget.nodes(1, &at).unwrap_err().to_string();
        assert!(err.starts_with("a.aab"), "{err}");
        assert!(err.contains("max-nodes = 3"), "{err}");
    }
}
