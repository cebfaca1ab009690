//! Parser micro-benchmarks (criterion): throughput of each decoder on generated inputs.
//! `cargo bench --bench parsers`. The comparison with other tools is `benches/compare.sh`.

#![allow(clippy::unwrap_used)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use permaudit::input::testing::{axml_manifest, proto_manifest, zip};
use permaudit::input::{self, archive};
use permaudit::model::InputKind;

/// A text manifest of about `target` bytes: permission requests, then an application with
/// many components (the shape of a large merged manifest).
pub fn big_manifest(target: usize) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<manifest \
         xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"com.example\">\n",
    );
    for i in 0..200 {
        s.push_str(&format!(
            "    <uses-permission android:name=\"com.example.permission.P{i}\" />\n"
        ));
    }
    s.push_str("    <application android:label=\"Big\">\n");
    let mut i = 0;
    while s.len() < target {
        s.push_str(&format!(
            "        <activity android:name=\".Activity{i}\" android:exported=\"false\">\n\
             \x20           <intent-filter>\n\
             \x20               <action android:name=\"com.example.action.A{i}\" />\n\
             \x20               <category android:name=\"android.intent.category.DEFAULT\" />\n\
             \x20           </intent-filter>\n        </activity>\n"
        ));
        i += 1;
    }
    s.push_str("    </application>\n</manifest>\n");
    s
}

fn parsers(c: &mut Criterion) {
    let text = big_manifest(5 * 1024 * 1024);
    let mut group = c.benchmark_group("text-manifest-5MB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| input::parse("big.xml", text.as_bytes()).unwrap())
    });
    group.finish();

    let names: Vec<String> = (0..60)
        .map(|i| format!("android.permission.P{i}"))
        .collect();
    let uses: Vec<(&str, Option<&str>)> = names.iter().map(|n| (n.as_str(), None)).collect();
    let axml = axml_manifest(false, &uses, &[]);
    let mut group = c.benchmark_group("binary");
    group.throughput(Throughput::Bytes(axml.len() as u64));
    group.bench_function("axml-60-permissions", |b| {
        b.iter(|| {
            input::axml::parse_binary_manifest("m", &axml, InputKind::BinaryManifest).unwrap()
        })
    });
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let pb = proto_manifest(&refs);
    group.bench_function("proto-60-permissions", |b| {
        b.iter(|| input::proto::parse_proto_manifest("m", &pb).unwrap())
    });
    let apk = zip(&[
        ("classes.dex", &[0u8; 4096], true),
        ("AndroidManifest.xml", &axml, true),
    ]);
    group.bench_function("apk-in-memory", |b| {
        b.iter(|| {
            archive::read_archive("a.apk", std::io::Cursor::new(&apk), &archive::LIMITS).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, parsers);
criterion_main!(benches);
