//! The whole `check` path in memory: a manifest, a plist and a policy cut from one input
//! (separated by 0xFF bytes, which valid UTF-8 never contains), audited and rendered in every
//! format. Exercises the joins between stages, not just each parser.
#![no_main]

use libfuzzer_sys::fuzz_target;
use permaudit::check::CheckOutcome;
use permaudit::report::RenderOptions;
use permaudit::report::export::Format;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |&b| b == 0xFF);
    let manifest = parts.next().unwrap_or_default();
    let plist = parts.next().unwrap_or_default();
    let policy = parts.next().unwrap_or_default();

    let policy = match std::str::from_utf8(policy) {
        Ok(text) if !text.trim().is_empty() => match permaudit::policy::parse(text, Some("p.yaml"))
        {
            Ok(p) => p,
            Err(_) => return,
        },
        _ => permaudit::policy::builtin(),
    };
    let mut inputs = Vec::new();
    // Kept as a run keeps what it reads, so the renderers quote the hostile lines too.
    let sources = permaudit::source::SourceMap::default();
    for (path, bytes) in [("AndroidManifest.xml", manifest), ("Info.plist", plist)] {
        sources.keep(path, bytes.to_vec());
        if let Ok(parsed) = permaudit::input::parse(path, bytes) {
            inputs.push(parsed);
        }
    }
    let findings = permaudit::audit::audit(&inputs, &policy);
    let coverage = permaudit::audit::coverage::coverage(&inputs, &policy, true);
    let outcome = CheckOutcome {
        policy,
        inputs,
        findings,
        policy_diagnostics: Vec::new(),
        config: None,
        config_why: String::new(),
        policy_why: String::new(),
        fail_on: permaudit::config::FailOn::Error,
        lang: permaudit::i18n::Lang::En,
        suppression: Default::default(),
        coverage,
        today: permaudit::config::Date::today_utc(),
        selected: None,
        command: permaudit::check::Command::Check,
        requests: Default::default(),
        variant_policies: Vec::new(),
        sources,
    };
    for lang in [permaudit::i18n::Lang::En, permaudit::i18n::Lang::Zh] {
        let options = RenderOptions {
            lang,
            ..RenderOptions::default()
        };
        for format in Format::ALL {
            format.render(&outcome, options).expect("render");
        }
    }
});
