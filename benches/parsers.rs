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
        b.iter(|| archive::read_archive("a.apk", &apk, &archive::LIMITS).unwrap())
    });
    group.finish();
}

/// The sample Xcode app's project grown to about `target` bytes by file references in its
/// main group, the bulk of a real project.pbxproj (sources, assets, frameworks).
fn big_pbxproj(target: usize) -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample =
        std::fs::read_to_string(root.join("testdata/xcode-app/Tally.xcodeproj/project.pbxproj"))
            .unwrap();
    let mut refs = String::new();
    let mut children = String::new();
    let mut i = 0u32;
    while sample.len() + refs.len() + children.len() < target {
        refs.push_str(&format!(
            "\t\tF{i:023X} /* Source{i}.swift */ = {{isa = PBXFileReference; \
             lastKnownFileType = sourcecode.swift; path = Source{i}.swift; sourceTree = \"<group>\"; }};\n"
        ));
        children.push_str(&format!("\t\t\t\tF{i:023X} /* Source{i}.swift */,\n"));
        i += 1;
    }
    sample
        .replacen(
            "/* End PBXFileReference section */",
            &format!("{refs}/* End PBXFileReference section */"),
            1,
        )
        .replacen(
            "\t\t\t\tA20000000000000000000002 /* Tally */,\n",
            &format!("\t\t\t\tA20000000000000000000002 /* Tally */,\n{children}"),
            1,
        )
}

/// Reading an Xcode project: the OpenStep parser alone (MB/s), and the whole project as
/// `check` reads it (pbxproj, xcconfig, Info.plists, strings) from a copy of the sample app
/// with a 300 KB project file.
fn xcode(c: &mut Criterion) {
    use permaudit::input::xcode::{XcodeOptions, openstep, project};
    let text = big_pbxproj(300 * 1024);
    let mut group = c.benchmark_group("xcode-pbxproj-300KB");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("openstep-parse", |b| {
        b.iter(|| {
            let arena = openstep::Bump::new();
            openstep::parse(text.as_bytes(), &arena)
                .map(|n| n.at)
                .unwrap()
        })
    });
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/xcode-app");
    for file in [
        "Config/Shared.xcconfig",
        "Tally/Info.plist",
        "Tally/en.lproj/InfoPlist.strings",
        "Tally/zh-Hans.lproj/InfoPlist.strings",
        "TallyWidget/Info.plist",
    ] {
        let to = dir.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(root.join(file), to).unwrap();
    }
    let xcodeproj = dir.path().join("Tally.xcodeproj");
    std::fs::create_dir_all(&xcodeproj).unwrap();
    std::fs::write(xcodeproj.join("project.pbxproj"), &text).unwrap();
    let options = XcodeOptions::default();
    group.bench_function("read-project", |b| {
        b.iter(|| {
            project::read_project(&xcodeproj, "Tally.xcodeproj", &options, &Default::default())
                .unwrap()
        })
    });
    group.finish();
}

/// A generated 20-module Gradle project (an app with two flavor dimensions, 19 library modules
/// in a dependency chain, each with a build script of a real one's size and a manifest):
/// reading every script's model, and the whole read of the tree's variants as `check` does it.
fn gradle(c: &mut Criterion) {
    use permaudit::input::discover;
    use permaudit::input::gradle::{self, GradleOptions, model};
    let dir = tempfile::tempdir().unwrap();
    let manifest = |perm: &str| {
        format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n\
             <uses-permission android:name=\"{perm}\"/>\n</manifest>\n"
        )
    };
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    let mut settings = String::from("include(\":app\")\n");
    // Filler the shape of a real script: dependencies and android settings not read.
    let filler: String = (0..60)
        .map(|i| format!("    implementation(\"com.example:lib{i}:1.{i}.0\")\n"))
        .collect();
    let mut scripts = Vec::new();
    for m in 1..20 {
        settings.push_str(&format!("include(\":lib{m}\")\n"));
        let next = if m < 19 {
            format!("    api(project(\":lib{}\"))\n", m + 1)
        } else {
            String::new()
        };
        let script = format!(
            "plugins {{ id(\"com.android.library\") }}\nandroid {{\n    namespace = \"org.example.lib{m}\"\n    \
             defaultConfig {{ minSdk = 24 }}\n    buildTypes {{ release {{ isMinifyEnabled = false }} }}\n}}\n\
             dependencies {{\n{next}{filler}}}\n"
        );
        write(&format!("lib{m}/build.gradle.kts"), &script);
        write(
            &format!("lib{m}/src/main/AndroidManifest.xml"),
            &manifest(&format!("org.example.permission.P{m}")),
        );
        scripts.push(script);
    }
    let app = format!(
        "plugins {{ id(\"com.android.application\") }}\nandroid {{\n    namespace = \"org.example.app\"\n    \
         defaultConfig {{ applicationId = \"org.example.app\"; manifestPlaceholders[\"k\"] = \"v\" }}\n    \
         flavorDimensions += listOf(\"market\", \"tier\")\n    productFlavors {{\n        \
         create(\"play\") {{ dimension = \"market\" }}\n        create(\"china\") {{ dimension = \"market\" }}\n        \
         create(\"free\") {{ dimension = \"tier\" }}\n        create(\"paid\") {{ dimension = \"tier\" }}\n    }}\n}}\n\
         dependencies {{\n    implementation(project(\":lib1\"))\n{filler}}}\n"
    );
    write("app/build.gradle.kts", &app);
    write(
        "app/src/main/AndroidManifest.xml",
        &manifest("android.permission.CAMERA"),
    );
    write("settings.gradle.kts", &settings);
    scripts.push(app);
    let bytes: u64 = scripts.iter().map(|s| s.len() as u64).sum::<u64>() + settings.len() as u64;
    let mut group = c.benchmark_group("gradle-20-modules");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("read-models", |b| {
        b.iter(|| {
            model::read_settings("settings.gradle.kts", settings.as_bytes()).unwrap();
            for s in &scripts {
                model::read_module("build.gradle.kts", s.as_bytes()).unwrap();
            }
        })
    });
    let root = dir.path().to_path_buf();
    group.bench_function("read-variants", |b| {
        b.iter(|| {
            let files = discover::discover(std::slice::from_ref(&root)).unwrap();
            let (inputs, errors, _) =
                gradle::read_projects(files, &GradleOptions::default(), &Default::default());
            assert!(errors.is_empty() && inputs.len() == 4);
        })
    });
    group.finish();
}

/// What the project readers add to a pre-commit run, which names the staged files: a native
/// manifest alone (no marker, so the readers only look at names), and each kind's config with
/// what it pulls in (package.json, plugin.xml, C# sources, merged native files).
fn generated(c: &mut Criterion) {
    use permaudit::input::discover::InputFile;
    use permaudit::input::projects::{ProjectOptions, read_projects};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut group = c.benchmark_group("project-readers");
    for (name, file) in [
        (
            "native-manifest-only",
            "m5-app/android/app/src/main/AndroidManifest.xml",
        ),
        ("expo-app.json", "generated/expo-app/app.json"),
        ("uniapp-manifest.json", "generated/uniapp-app/manifest.json"),
        ("cordova-config.xml", "generated/cordova-app/config.xml"),
        ("maui-csproj", "generated/maui-app/MauiApp.csproj"),
    ] {
        let files = vec![InputFile {
            display: file.to_owned(),
            path: root.join(file),
        }];
        let options = ProjectOptions::default();
        group.bench_function(name, |b| b.iter(|| read_projects(files.clone(), &options)));
    }
    group.finish();
}

criterion_group!(benches, parsers, xcode, gradle, generated);
criterion_main!(benches);
