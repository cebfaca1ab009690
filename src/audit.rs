//! The diff engine: requested permissions × disclosed permissions → findings, plus the advisory
//! rules that judge requests and policies against the permission catalog.
//!
//! Pure: no I/O, no printing. The same inputs and policy always give the same findings in the
//! same order.
//!
//! A rule is one file, `src/audit/<rule_id>.rs` (dashes become underscores): its `RULE` value
//! holds its id, default severity, summary, explanation and checks, its message functions build
//! every text it reports, and its unit tests sit beside it. [`registry!`] below is the only list
//! of rules: [`Rule`], [`Rule::ALL`], scopes, `permaudit rules`, the README's rule section, SARIF
//! `rules[]` and which command runs which check are all derived from it.

pub mod coverage;
mod matching;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::Serialize;

use crate::model::{Disclosure, Location, Message, ParsedInput, Platform, Request, Severity};
use crate::policy::Policy;

/// Declares the rule modules and derives [`Rule`] from them, in documentation order. Adding a
/// rule is one new file and one line here.
macro_rules! registry {
    ($($variant:ident => $module:ident,)*) => {
        $(mod $module;)*

        /// A rule. Ids are kebab-case and never renamed once released; the order is the
        /// documentation order and breaks ties between findings at one position.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        pub enum Rule {
            $($variant,)*
        }

        impl Rule {
            /// Every rule, in the order they are documented.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's definition, from its own file.
            fn def(self) -> &'static RuleDef {
                match self {
                    $(Rule::$variant => &$module::RULE,)*
                }
            }

            /// The module a rule lives in, for the test that ties file names to ids.
            #[cfg(test)]
            fn module(self) -> &'static str {
                match self {
                    $(Rule::$variant => stringify!($module),)*
                }
            }
        }
    };
}

registry! {
    Undeclared => undeclared,
    Unused => unused,
    PolicyOutdated => policy_outdated,
    UnobtainablePermission => unobtainable_permission,
    RestrictedPermission => restricted_permission,
    DeprecatedPermission => deprecated_permission,
    UnknownPermission => unknown_permission,
    EmptyPurpose => empty_purpose,
    MissingCompanion => missing_companion,
    DuplicateDisclosure => duplicate_disclosure,
    MissingTranslation => missing_translation,
    IgnoredBuildSetting => ignored_build_setting,
    UnauditedPlatform => unaudited_platform,
    UnreadSource => unread_source,
    GeneratedMismatch => generated_mismatch,
    UnresolvedBuildValue => unresolved_build_value,
}

/// Judges the app's requests (against the policy, or alone).
type AppCheck = fn(&Context<'_>) -> Vec<Finding>;
/// Judges the policy's rows alone.
type PolicyCheck = fn(&Policy) -> Vec<Finding>;

/// Everything about one rule, written once in the rule's file as its `RULE`.
#[derive(Debug)]
pub struct RuleDef {
    /// Stable id, as written in reports and configuration.
    id: &'static str,
    /// Severity used unless configuration says otherwise.
    severity: Severity,
    /// One line for tables and SARIF `shortDescription`.
    summary: &'static str,
    /// What the rule catches, why it matters and how to fix it.
    explanation: &'static str,
    /// Run by `check` on the app's requests.
    app: Option<AppCheck>,
    /// Run by `policy lint` on the policy, and by `check` on the rows of audited platforms.
    policy: Option<PolicyCheck>,
    /// `app` judges a request on its own, without the policy or a purpose string, so
    /// `permaudit explain` can show what a request of a permission would draw.
    advisory: bool,
    /// A finding on a disclosure states the same fact as one on a request of that permission
    /// (it is about the permission, not about the row's text), so `check` reports it once, at
    /// the request.
    same_fact_both_sides: bool,
}

/// Which command judges a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// `permaudit check`: the app against the policy.
    Check,
    /// Both commands: `policy lint` judges the policy alone, `check` the app and the policy.
    Both,
}

impl Scope {
    /// How the README and `permaudit rules` name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Check => "check",
            Scope::Both => "check, policy lint",
        }
    }
}

impl Rule {
    /// Stable id, as written in reports and configuration.
    pub fn id(self) -> &'static str {
        self.def().id
    }

    /// Severity used unless configuration says otherwise.
    pub fn default_severity(self) -> Severity {
        self.def().severity
    }

    /// Which command judges the rule: derived from the checks it has.
    pub fn scope(self) -> Scope {
        if self.def().policy.is_some() {
            Scope::Both
        } else {
            Scope::Check
        }
    }

    /// One line for tables and SARIF `shortDescription`.
    pub fn summary(self) -> &'static str {
        self.def().summary
    }

    /// What the rule catches, why it matters and how to fix it.
    pub fn explanation(self) -> &'static str {
        self.def().explanation
    }

    /// Looks a rule up by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// One problem, ready to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The rule that reported it.
    pub rule: Rule,
    /// Severity after configuration.
    pub severity: Severity,
    /// Platform of the permission.
    pub platform: Platform,
    /// Canonical permission id.
    pub permission: String,
    /// Where to look: the request for `undeclared`, the policy row for `unused`.
    pub location: Location,
    /// What is wrong and how to fix it, in English: the text JSON, SARIF and baselines keep.
    pub message: String,
    /// The same message as a catalog id and arguments, for reports in other languages.
    pub text: Message,
    /// The Gradle variants the finding holds for, sorted; empty when the audit has no
    /// variants (or the finding is not about one). A finding common to every audited variant
    /// is reported once, listing them all.
    pub variants: Vec<String>,
    /// The policy the finding was judged against (as displayed), when the run audits its
    /// variants against more than one policy (the config's `policies:`); `None` otherwise.
    pub policy: Option<String>,
}

impl Finding {
    /// Replaces the message, keeping the English text in step with it.
    pub fn set_text(&mut self, text: Message) {
        self.message = crate::i18n::Lang::En.plain(&text);
        self.text = text;
    }

    /// The order reports use: by file, then position, then rule and permission, so output is
    /// stable whatever order inputs were discovered in.
    pub fn sort_key(&self) -> impl Ord + '_ {
        (
            &self.location.path,
            self.location.line.unwrap_or(0),
            self.location.column.unwrap_or(0),
            self.platform,
            self.rule,
            &self.permission,
            &self.message,
        )
    }
}

/// The level a rule reports at, after configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The rule does not report.
    Off,
    /// The rule reports at this severity.
    On(Severity),
}

/// How the audit judges, beyond the policy itself. The defaults are the documented behaviour;
/// configuration (config file, flags) only ever changes them explicitly. Build it with
/// `Settings::default()` and change fields, so new switches keep their documented default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Per-rule level; a rule not listed reports at its default severity.
    pub levels: BTreeMap<Rule, Level>,
    /// Successor-aware matching (default on; config key `successor-matching`, off with
    /// `--strict-names`): a disclosed deprecated permission covers its successors and the
    /// reverse, with a `policy-outdated` note instead of `undeclared` + `unused`.
    pub successor_matching: bool,
    /// Severity of `undeclared` for Android permissions whose protection level is `normal`
    /// (install-time); `None` means the same as every other `undeclared`. Config key
    /// `undeclared-normal`, flag `--undeclared-normal`. Each finding it changes says so in its
    /// message, so the lowering is never silent.
    pub undeclared_normal: Option<Severity>,
    /// Only these rules run (`--select`); `None` runs every rule. A selection beats the
    /// config's levels: a rule left out is off even if the config turns it on.
    pub select: Option<BTreeSet<Rule>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: BTreeMap::new(),
            successor_matching: true,
            undeclared_normal: None,
            select: None,
        }
    }
}

impl Settings {
    /// The level `rule` reports at.
    pub fn level(&self, rule: Rule) -> Level {
        if self.select.as_ref().is_some_and(|s| !s.contains(&rule)) {
            return Level::Off;
        }
        self.levels
            .get(&rule)
            .copied()
            .unwrap_or(Level::On(rule.default_severity()))
    }

    /// The severity `undeclared-normal` gives `finding`, if it applies: an `undeclared` Android
    /// permission that the catalog knows as install-time (`normal`).
    fn undeclared_normal_override(&self, finding: &Finding) -> Option<Severity> {
        let severity = self.undeclared_normal?;
        (finding.rule == Rule::Undeclared
            && matching::is_normal(finding.platform, &finding.permission))
        .then_some(severity)
    }

    /// Applies the per-rule levels: drops findings of rules that are off and sets severities.
    pub fn apply(&self, findings: &mut Vec<Finding>) {
        findings.retain_mut(|f| match self.level(f.rule) {
            Level::Off => false,
            Level::On(severity) => {
                f.severity = self.undeclared_normal_override(f).unwrap_or(severity);
                true
            }
        });
    }
}

/// Audits with the default settings; see [`audit_with`].
pub fn audit(inputs: &[ParsedInput], policy: &Policy) -> Vec<Finding> {
    audit_with(inputs, policy, &Settings::default())
}

/// Judges the app against the policy (`permaudit check`): every rule's app check, and every
/// rule's policy check on the rows that matter to the audit, so a placeholder policy cannot
/// pass. A row matters when it discloses something the app requests (a row the app does not use
/// is already `unused`, whose fix is to remove it). A policy finding that repeats a request
/// finding of the same rule and permission is left out (reported once, at the request), and
/// the built-in policy's own known findings are acknowledged in `policy/m5.acknowledged.yaml`
/// (`permaudit policy lint` still shows them).
pub fn audit_with(inputs: &[ParsedInput], policy: &Policy, settings: &Settings) -> Vec<Finding> {
    audit_policies(inputs, &[policy], &|_| 0, settings)
}

/// The Gradle variant `input` is one build of, if it is one: a variant read from the sources
/// or a merged manifest, or an APK or AAB whose merger report names its variant.
pub fn variant_of(input: &ParsedInput) -> Option<&str> {
    matches!(
        input.kind,
        crate::model::InputKind::GradleVariant
            | crate::model::InputKind::MergedManifest
            | crate::model::InputKind::Apk
            | crate::model::InputKind::Aab
    )
    .then_some(input.build.as_deref())
    .flatten()
}

/// Rules judged over every variant audited against one policy together rather than variant
/// by variant: a policy row is stale only when no build that ships with the policy requests
/// it (one document serves all of them).
fn pooled(rule: Rule) -> bool {
    rule == Rule::Unused
}

/// `settings` narrowed to the enabled rules that `keep` accepts.
fn only(settings: &Settings, keep: impl Fn(Rule) -> bool) -> Settings {
    let mut narrowed = settings.clone();
    narrowed.select = Some(
        Rule::ALL
            .iter()
            .copied()
            .filter(|r| settings.level(*r) != Level::Off && keep(*r))
            .collect(),
    );
    narrowed
}

/// [`audit_with`] for an app whose Gradle variants ship with different policies: each variant
/// is judged on its own against `policies[policy_of(variant)]`; the inputs that are not
/// variants (an iOS app, a loose manifest) against `policies[0]`, the default, together with
/// the variants that use it. Rules about the policy's rows as a whole (`unused`) are judged
/// once per policy over all its variants. Identical findings of several variants are reported
/// once, listing them, and only ever merged within one policy. With more than one policy,
/// every finding names the one it was judged against.
pub fn audit_policies(
    inputs: &[ParsedInput],
    policies: &[&Policy],
    policy_of: &dyn Fn(&str) -> usize,
    settings: &Settings,
) -> Vec<Finding> {
    let Some(default) = policies.first() else {
        return Vec::new();
    };
    let label = |p: usize, mut f: Finding| {
        if policies.len() > 1 {
            f.policy = policies.get(p).map(|x| x.display_path().to_owned());
        }
        f
    };
    let mut variants: Vec<&str> = inputs.iter().filter_map(variant_of).collect();
    variants.sort_unstable();
    variants.dedup();
    if variants.is_empty() {
        let findings = audit_once(inputs, default, settings)
            .into_iter()
            .map(|f| label(0, f))
            .collect();
        return finish(findings, settings);
    }
    let mut groups: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for v in &variants {
        let p = policy_of(v);
        groups
            .entry(if p < policies.len() { p } else { 0 })
            .or_default()
            .push(*v);
    }
    let shared: Vec<ParsedInput> = inputs
        .iter()
        .filter(|i| variant_of(i).is_none())
        .cloned()
        .collect();
    type Key = (usize, Rule, Platform, String, Location, String);
    let mut seen: Vec<(usize, Finding, Vec<String>)> = Vec::new();
    let mut index: BTreeMap<Key, usize> = BTreeMap::new();
    let mut add = |p: usize, f: Finding, vs: &[&str]| {
        let key = (
            p,
            f.rule,
            f.platform,
            f.permission.clone(),
            f.location.clone(),
            f.message.clone(),
        );
        match index.get(&key) {
            Some(&i) => seen[i].2.extend(vs.iter().map(|v| (*v).to_owned())),
            None => {
                index.insert(key, seen.len());
                seen.push((p, f, vs.iter().map(|v| (*v).to_owned()).collect()));
            }
        }
    };
    // No variant uses the default policy: the shared inputs are judged against it alone.
    if !groups.contains_key(&0) && !shared.is_empty() {
        for f in audit_once(&shared, default, settings) {
            add(0, f, &[]);
        }
    }
    let per_variant = only(settings, |r| !pooled(r));
    let per_policy = only(settings, pooled);
    for (&p, vs) in &groups {
        let policy = policies[p];
        let with_shared = |keep: &dyn Fn(&str) -> bool| -> Vec<ParsedInput> {
            inputs
                .iter()
                .filter(|i| match variant_of(i) {
                    Some(v) => keep(v),
                    None => p == 0,
                })
                .cloned()
                .collect()
        };
        for v in vs {
            let subset = with_shared(&|x| x == *v);
            for f in audit_once(&subset, policy, &per_variant) {
                add(p, f, &[*v]);
            }
        }
        let subset = with_shared(&|x| vs.contains(&x));
        for f in audit_once(&subset, policy, &per_policy) {
            add(p, f, vs.as_slice());
        }
    }
    let findings = seen
        .into_iter()
        .map(|(p, mut f, mut vs)| {
            // Findings about other platforms come from inputs every variant shares.
            if f.platform == Platform::Android {
                vs.sort_unstable();
                vs.dedup();
                f.variants = vs;
            }
            label(p, f)
        })
        .collect();
    finish(findings, settings)
}

fn audit_once(inputs: &[ParsedInput], policy: &Policy, settings: &Settings) -> Vec<Finding> {
    let ctx = Context::new(inputs, policy, settings);
    let mut findings = Vec::new();
    for def in enabled(settings) {
        if let Some(check) = def.app {
            findings.extend(check(&ctx));
        }
    }
    let at_requests: BTreeSet<(Rule, Platform, String)> = findings
        .iter()
        .map(|f| (f.rule, f.platform, f.permission.clone()))
        .collect();
    let relevant = ctx.relevant_rows();
    for def in enabled(settings) {
        let Some(check) = def.policy else { continue };
        findings.extend(check(&relevant).into_iter().filter(|f| {
            let repeats = def.same_fact_both_sides
                && at_requests.contains(&(f.rule, f.platform, f.permission.clone()));
            let known = f.location.path == crate::policy::BUILTIN_PATH && builtin_acknowledged(f);
            !repeats && !known
        }));
    }
    finish(findings, settings)
}

/// Judges a policy alone (`permaudit policy lint`): every rule's policy check.
pub fn lint_policy(policy: &Policy, settings: &Settings) -> Vec<Finding> {
    let findings = enabled(settings)
        .filter_map(|def| def.policy)
        .flat_map(|check| check(policy))
        .collect();
    finish(findings, settings)
}

/// The advisories a request for `permission` alone would draw (the app checks of rules marked
/// `advisory`), for `permaudit explain`.
pub fn advisories_for(platform: Platform, permission: &str, settings: &Settings) -> Vec<Finding> {
    let kind = match platform {
        Platform::Android => crate::model::InputKind::Manifest,
        Platform::Ios | Platform::Macos => crate::model::InputKind::Plist,
    };
    let inputs = [ParsedInput {
        path: String::new(),
        kind,
        requests: vec![Request::at(permission, Location::file(""))],
        removals: Vec::new(),
        build: None,
        apple_platform: None,
        notes: Vec::new(),
    }];
    let empty = Policy {
        name: String::new(),
        source: None,
        file: None,
        rows: Vec::new(),
    };
    let ctx = Context::new(&inputs, &empty, settings);
    let findings = enabled(settings)
        .filter(|def| def.advisory)
        .filter_map(|def| def.app)
        .flat_map(|check| check(&ctx))
        .collect();
    finish(findings, settings)
}

/// The definitions of the rules that report at all: a rule turned off is not run.
fn enabled(settings: &Settings) -> impl Iterator<Item = &'static RuleDef> + '_ {
    Rule::ALL
        .iter()
        .filter(|r| settings.level(**r) != Level::Off)
        .map(|r| r.def())
}

/// One finding of `policy lint` on the built-in policy, acknowledged for `check`.
#[cfg(test)]
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Acknowledged {
    rule: String,
    platform: Platform,
    permission: String,
    /// Why it stays: the built-in policy reproduces its source document's table as published.
    #[allow(dead_code)]
    reason: String,
}

/// `policy/m5.acknowledged.yaml`, beside the built-in policy it belongs to: the source of
/// [`BUILTIN_KNOWN`], read only by the test that keeps the two equal.
#[cfg(test)]
const BUILTIN_ACKNOWLEDGED: &str = include_str!("../policy/m5.acknowledged.yaml");

/// The built-in policy's known findings as (rule id, platform, permission): the entries of
/// `policy/m5.acknowledged.yaml`, compiled in so that a `check` against the built-in policy
/// parses no YAML (parsing that file was a tenth of a pre-commit run). A test keeps this list
/// equal to the file and to what `policy lint` reports.
const BUILTIN_KNOWN: &[(&str, Platform, &str)] = &[
    (
        "restricted-permission",
        Platform::Android,
        "android.permission.READ_CALL_LOG",
    ),
    (
        "restricted-permission",
        Platform::Android,
        "android.permission.SEND_SMS",
    ),
    (
        "restricted-permission",
        Platform::Android,
        "android.permission.REQUEST_INSTALL_PACKAGES",
    ),
    (
        "deprecated-permission",
        Platform::Android,
        "com.android.launcher.permission.INSTALL_SHORTCUT",
    ),
    (
        "deprecated-permission",
        Platform::Android,
        "android.permission.USE_FINGERPRINT",
    ),
    (
        "deprecated-permission",
        Platform::Android,
        "android.permission.BLUETOOTH_ADMIN",
    ),
    (
        "deprecated-permission",
        Platform::Android,
        "android.permission.WRITE_EXTERNAL_STORAGE",
    ),
    (
        "deprecated-permission",
        Platform::Android,
        "android.permission.READ_EXTERNAL_STORAGE",
    ),
    (
        "unobtainable-permission",
        Platform::Android,
        "android.permission.READ_LOGS",
    ),
    (
        "duplicate-disclosure",
        Platform::Android,
        "android.permission.READ_PHONE_STATE",
    ),
    (
        "deprecated-permission",
        Platform::Ios,
        "NSCalendarsUsageDescription",
    ),
];

fn builtin_acknowledged(f: &Finding) -> bool {
    let rule = f.rule.id();
    BUILTIN_KNOWN.iter().any(|&(r, platform, permission)| {
        r == rule && platform == f.platform && permission == f.permission
    })
}

fn finish(mut findings: Vec<Finding>, settings: &Settings) -> Vec<Finding> {
    settings.apply(&mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// A finding at the rule's default severity; [`Settings::apply`] sets the final one.
/// An advisory about Android permissions the catalog marks (`marked` picks the row): one
/// finding per first request of such a permission, worded by `message`.
fn marked_requests(
    ctx: &Context<'_>,
    rule: Rule,
    marked: fn(&crate::catalog::AndroidPermission) -> bool,
    message: fn(&str, &crate::catalog::AndroidPermission) -> Message,
) -> Vec<Finding> {
    ctx.first_requests()
        .filter_map(|(input, r)| {
            let p = marked_android(input.platform(), &r.permission, marked)?;
            Some(finding(
                rule,
                input.platform(),
                &r.permission,
                &r.location,
                message(&r.permission, p),
            ))
        })
        .collect()
}

/// The same advisory on the policy: one finding per disclosure of a marked permission.
fn marked_disclosures(
    policy: &Policy,
    rule: Rule,
    marked: fn(&crate::catalog::AndroidPermission) -> bool,
    message: fn(&Disclosure, &crate::catalog::AndroidPermission) -> Message,
) -> Vec<Finding> {
    policy
        .disclosures()
        .filter_map(|d| {
            let p = marked_android(d.platform, &d.permission, marked)?;
            Some(finding(
                rule,
                d.platform,
                &d.permission,
                &d.location,
                message(d, p),
            ))
        })
        .collect()
}

fn marked_android(
    platform: Platform,
    permission: &str,
    marked: fn(&crate::catalog::AndroidPermission) -> bool,
) -> Option<&'static crate::catalog::AndroidPermission> {
    if platform != Platform::Android {
        return None;
    }
    crate::catalog::catalog()
        .android_permission(permission)
        .filter(|p| marked(p))
}

fn finding(
    rule: Rule,
    platform: Platform,
    permission: &str,
    location: &Location,
    text: Message,
) -> Finding {
    Finding {
        rule,
        severity: rule.default_severity(),
        platform,
        permission: permission.to_owned(),
        location: location.clone(),
        message: crate::i18n::Lang::En.plain(&text),
        text,
        variants: Vec::new(),
        policy: None,
    }
}

/// `a`, `a or b`, `a or b or c`: names of which any one will do.
fn any_of(names: &[&str]) -> Message {
    match names {
        [] => Message::new("msg.nothing"),
        [one] => Message::new("msg.name").text("name", *one),
        [first, rest @ ..] => Message::new("msg.or")
            .text("first", *first)
            .part("rest", any_of(rest)),
    }
}

/// How a policy row is named in messages: its label, else its number.
fn row_label(d: &Disclosure) -> Message {
    row_message(d.row, d.row_name.as_deref())
}

/// A policy row (0-based `row`) as messages name it.
fn row_message(row: usize, name: Option<&str>) -> Message {
    match name {
        Some(n) => Message::new("label.row.named").text("name", n),
        None => Message::new("label.row.numbered").text("n", (row + 1).to_string()),
    }
}

/// What the rules of a `check` share: the inputs, the policy and indexes over both.
struct Context<'a> {
    /// The inputs audited against the policy.
    inputs: Vec<&'a ParsedInput>,
    /// Inputs of a platform the policy has no table for (macOS), listed as not audited.
    unaudited: Vec<&'a ParsedInput>,
    /// Project files reported on with notes only (no requests; see [`InputKind::Project`]).
    ///
    /// [`InputKind::Project`]: crate::model::InputKind::Project
    projects: Vec<&'a ParsedInput>,
    policy: &'a Policy,
    settings: &'a Settings,
    /// Per platform, every permission any audited input requests (the app's own included).
    requested: BTreeMap<Platform, BTreeSet<&'a str>>,
    /// Per platform, every permission the policy discloses.
    disclosed: BTreeMap<Platform, BTreeSet<&'a str>>,
}

/// Whether `policy` audits inputs of `platform`. A macOS app is judged only against a `macos`
/// table; without one it is not pooled into iOS but reported as not audited.
pub(crate) fn audits(policy: &Policy, platform: Platform) -> bool {
    platform != Platform::Macos || policy.rows.iter().any(|r| r.platform == Platform::Macos)
}

impl<'a> Context<'a> {
    fn new(all: &'a [ParsedInput], policy: &'a Policy, settings: &'a Settings) -> Self {
        let (projects, all): (Vec<&ParsedInput>, Vec<&ParsedInput>) = all
            .iter()
            .partition(|i| i.kind == crate::model::InputKind::Project);
        let (inputs, unaudited): (Vec<&ParsedInput>, Vec<&ParsedInput>) =
            all.into_iter().partition(|i| audits(policy, i.platform()));
        let mut requested: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
        for input in &inputs {
            let set = requested.entry(input.platform()).or_default();
            set.extend(input.requests.iter().map(|r| r.permission.as_str()));
        }
        let mut disclosed: BTreeMap<Platform, BTreeSet<&str>> = BTreeMap::new();
        for d in policy.disclosures() {
            disclosed
                .entry(d.platform)
                .or_default()
                .insert(&d.permission);
        }
        Context {
            inputs,
            unaudited,
            projects,
            policy,
            settings,
            requested,
            disclosed,
        }
    }

    /// Every note the readers left under `rule`, with the input it is on: audited,
    /// unaudited and project inputs alike (each rule keeps the kinds it reports on).
    fn notes(
        &self,
        rule: crate::model::NoteRule,
    ) -> impl Iterator<Item = (&'a ParsedInput, &'a crate::model::InputNote)> + '_ {
        self.inputs
            .iter()
            .chain(&self.unaudited)
            .chain(&self.projects)
            .flat_map(move |&input| {
                input
                    .notes
                    .iter()
                    .filter(move |n| n.rule == rule)
                    .map(move |n| (input, n))
            })
    }

    fn is_requested(&self, platform: Platform, permission: &str) -> bool {
        self.requested
            .get(&platform)
            .is_some_and(|s| s.contains(permission))
    }

    fn is_disclosed(&self, platform: Platform, permission: &str) -> bool {
        self.disclosed
            .get(&platform)
            .is_some_and(|s| s.contains(permission))
    }

    /// The policy reduced to the rows that matter to the audit: those disclosing a permission
    /// the app requests, or (with successor matching) a predecessor or successor of one.
    fn relevant_rows(&self) -> Policy {
        let uses = |platform: Platform, permission: &str| {
            self.is_requested(platform, permission)
                || (self.settings.successor_matching
                    && matching::relatives(platform, permission)
                        .iter()
                        .any(|r| self.is_requested(platform, r)))
        };
        Policy {
            name: self.policy.name.clone(),
            source: self.policy.source.clone(),
            file: self.policy.file.clone(),
            rows: self
                .policy
                .rows
                .iter()
                .filter(|row| {
                    row.permissions
                        .iter()
                        .any(|d| uses(d.platform, &d.permission))
                })
                .cloned()
                .collect(),
        }
    }

    /// The first request of each permission in each input, the app's own excepted: rules about
    /// requests report once per file and permission, where it is first written.
    /// Whether `holds` is true of `permission` or, with successor matching on, of one of its
    /// predecessors or successors: the one matching rule `undeclared` and `unused` share.
    fn with_relatives(
        &self,
        platform: Platform,
        permission: &str,
        holds: impl Fn(&str) -> bool,
    ) -> bool {
        holds(permission)
            || (self.settings.successor_matching
                && matching::relatives(platform, permission)
                    .iter()
                    .any(|r| holds(r)))
    }

    fn first_requests(&self) -> impl Iterator<Item = (&'a ParsedInput, &'a Request)> {
        self.inputs.iter().copied().flat_map(|input| {
            let mut seen = BTreeSet::new();
            input
                .requests
                .iter()
                .filter(move |r| !r.own && seen.insert(r.permission.as_str()))
                .map(move |r| (input, r))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::InputKind;
    use crate::policy;

    fn manifest(permissions: &[(&str, bool)]) -> ParsedInput {
        ParsedInput {
            path: "AndroidManifest.xml".into(),
            kind: InputKind::Manifest,
            requests: permissions
                .iter()
                .enumerate()
                .map(|(i, &(p, own))| Request {
                    permission: p.into(),
                    location: Location::at("AndroidManifest.xml", i as u32 + 2, 5),
                    max_sdk: None,
                    sdk23_only: false,
                    own,
                    purpose: None,
                    localizations: Vec::new(),
                    origin: None,
                })
                .collect(),
            removals: vec![],
            build: None,
            apple_platform: None,
            notes: Vec::new(),
        }
    }

    fn policy() -> Policy {
        policy::parse(
            "name: t\nandroid:\n  - name: Cam\n    permissions: [CAMERA, INTERNET]\n\
             \x20   purpose: Take photos\nios:\n  - permissions: [NSCameraUsageDescription]\n\
             \x20   purpose: Take photos\n",
            Some("p.yaml"),
        )
        .unwrap()
    }

    #[test]
    fn undeclared_unused_and_own() {
        let inputs = [manifest(&[
            ("android.permission.CAMERA", false),
            ("android.permission.VIBRATE", false),
            ("android.permission.VIBRATE", false),
            ("com.example.OWN", true),
        ])];
        let findings = audit(&inputs, &policy());
        let got: Vec<_> = findings
            .iter()
            .map(|f| (f.rule, f.permission.as_str(), f.location.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Rule::Undeclared,
                    "android.permission.VIBRATE",
                    "AndroidManifest.xml:3:5".into()
                ),
                (
                    Rule::Unused,
                    "android.permission.INTERNET",
                    "p.yaml:4:27".into()
                ),
            ]
        );
    }

    #[test]
    fn settings_turn_rules_off_and_change_severity() {
        let inputs = [manifest(&[("android.permission.VIBRATE", false)])];
        let mut settings = Settings::default();
        settings.levels.insert(Rule::Unused, Level::Off);
        settings
            .levels
            .insert(Rule::Undeclared, Level::On(Severity::Warning));
        let findings = audit_with(&inputs, &policy(), &settings);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].rule, Rule::Undeclared);
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn unused_only_for_audited_platforms() {
        let findings = audit(&[manifest(&[])], &policy());
        assert!(findings.iter().all(|f| f.platform == Platform::Android));
        assert_eq!(findings.len(), 2);
        assert!(audit(&[], &policy()).is_empty());
    }

    /// `check` judges the policy's rows that the app uses: a placeholder purpose fails it, a
    /// row nothing requests is left to `unused`, and a fact already reported at the request is
    /// not repeated at the disclosure.
    #[test]
    fn check_runs_the_policy_rules_on_the_rows_in_use() {
        let policy = policy::parse(
            "name: t\nandroid:\n  - permissions: [CAMERA]\n    purpose: \"TODO: why\"\n\
             \x20 - permissions: [READ_SMS]\n    purpose: Verify the login code\n\
             \x20 - permissions: [SEND_SMS]\n\
             ios:\n  - permissions: [NSCameraUsageDescription]\n",
            Some("p.yaml"),
        )
        .unwrap();
        let inputs = [manifest(&[
            ("android.permission.CAMERA", false),
            ("android.permission.READ_SMS", false),
        ])];
        let got: Vec<_> = audit(&inputs, &policy)
            .iter()
            .map(|f| (f.rule, f.permission.clone(), f.location.to_string()))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    Rule::RestrictedPermission,
                    "android.permission.READ_SMS".to_owned(),
                    "AndroidManifest.xml:3:5".to_owned()
                ),
                (
                    Rule::EmptyPurpose,
                    "android.permission.CAMERA".to_owned(),
                    "p.yaml:3:19".to_owned()
                ),
                (
                    Rule::Unused,
                    "android.permission.SEND_SMS".to_owned(),
                    "p.yaml:7:19".to_owned()
                ),
            ],
            "READ_SMS's restriction once, at the request; SEND_SMS's row only as unused; the \
             iOS rows are not judged without an iOS input"
        );
        // The same policy alone: every row is judged.
        let lint: Vec<_> = lint_policy(&policy, &Settings::default())
            .iter()
            .map(|f| (f.rule, f.permission.clone()))
            .collect();
        assert_eq!(lint.len(), 5, "{lint:?}");
    }

    /// `policy/m5.acknowledged.yaml` is exactly what `policy lint` reports on the built-in
    /// policy: an entry can neither go stale nor hide a finding lint does not make.
    #[test]
    fn builtin_acknowledgements_equal_policy_lint() {
        let listed: Vec<Acknowledged> = serde_saphyr::from_str(BUILTIN_ACKNOWLEDGED).unwrap();
        let mut listed: Vec<_> = listed
            .into_iter()
            .inspect(|a| assert!(!a.reason.trim().is_empty()))
            .map(|a| (a.rule, a.platform, a.permission))
            .collect();
        listed.sort();
        let mut linted: Vec<_> = lint_policy(&policy::builtin(), &Settings::default())
            .into_iter()
            .map(|f| (f.rule.id().to_owned(), f.platform, f.permission))
            .collect();
        linted.sort();
        assert_eq!(listed, linted);
        let mut compiled: Vec<_> = BUILTIN_KNOWN
            .iter()
            .map(|&(r, p, perm)| (r.to_owned(), p, perm.to_owned()))
            .collect();
        compiled.sort();
        assert_eq!(
            compiled, listed,
            "BUILTIN_KNOWN differs from policy/m5.acknowledged.yaml"
        );
        assert!(
            lint_policy(&policy::builtin(), &Settings::default())
                .iter()
                .all(builtin_acknowledged)
        );
    }

    #[test]
    fn ids_follow_file_names_and_scopes_follow_checks() {
        let mut seen = BTreeSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id} is not kebab-case"
            );
            assert_eq!(
                id.replace('-', "_"),
                rule.module(),
                "{id} lives in its own file"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
            let def = rule.def();
            assert!(!def.summary.is_empty() && !def.explanation.is_empty());
            assert!(
                def.app.is_some() || def.policy.is_some(),
                "{id} checks nothing"
            );
            assert!(!def.advisory || def.app.is_some());
            assert!(!def.same_fact_both_sides || (def.app.is_some() && def.policy.is_some()));
        }
    }

    /// The registry is the only list of rules: no other source file names several rules by
    /// hand (a `match` over rules, an array of ids), which would have to be kept in step with
    /// it. A rule's own file names only itself; other files may name a rule or two they
    /// treat specially (`undeclared` for acknowledgements, say).
    #[test]
    fn nothing_else_lists_rules_by_hand() {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        // Tests under tests/ name rules as expected output, which is what they are for.
        for dir in ["src", "benches", "fuzz/fuzz_targets"] {
            if root.join(dir).is_dir() {
                walk(&root.join(dir), &mut files);
            }
        }
        assert!(files.len() > 20);
        let registry = root.join("src/audit.rs");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            let named: BTreeSet<&str> = Rule::ALL
                .iter()
                .filter(|r| {
                    let variant = format!("{:?}", r);
                    text.contains(&format!("Rule::{variant}"))
                        || text.contains(&format!("\"{}\"", r.id()))
                })
                .map(|r| r.id())
                .collect();
            let own_file = Rule::ALL
                .iter()
                .any(|r| file.ends_with(format!("src/audit/{}.rs", r.module())));
            let allowed = if file == registry {
                usize::MAX
            } else if own_file {
                1
            } else {
                2
            };
            assert!(
                named.len() <= allowed,
                "{} names the rules {named:?}; derive them from the registry in src/audit.rs \
                 (Rule::ALL and each rule's RULE) instead",
                file.display()
            );
        }
    }
}
