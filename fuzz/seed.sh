#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from testdata/ and, when set, $PERMAUDIT_CORPUS.
# The seed corpora are build products (gitignored); run this before `cargo fuzz run`.
set -euo pipefail
cd "$(dirname "$0")"
corpus=${PERMAUDIT_CORPUS:-}
seed() { # target, find-args...
  local target=$1; shift
  mkdir -p "corpus/$target"
  find ../testdata ${corpus:+"$corpus"} -type f "$@" -size -1024k -exec cp -t "corpus/$target/" --backup=numbered {} + 2>/dev/null || true
}
seed manifest \( -name '*.xml' \)
seed plist \( -name '*.plist' \)
seed detect \( -name '*.xml' -o -name '*.plist' \)
seed policy \( -name '*.yaml' \)
cp ../policy/m5.yaml corpus/policy/
seed import \( -path '*/policies/*' -o -name '*.txt' -path '*seeds*' \)
cp ../testdata/policies/* corpus/import/ 2>/dev/null || true
[ -n "${PERMAUDIT_SEEDS:-}" ] && cp "$PERMAUDIT_SEEDS"/*.txt corpus/import/ || true
mkdir -p corpus/check
for m in ../testdata/android/*.xml; do
  for p in ../testdata/ios/*.plist; do
    { cat "$m"; printf '\xff'; cat "$p"; printf '\xff'; cat ../testdata/policies-yaml/short-names.yaml; } > "corpus/check/$(basename "$m")-$(basename "$p")"
  done
done
seed config \( -name '.permaudit.yaml' -o -name 'permaudit.yaml' -o -path '*config/*.yaml' \)
mkdir -p corpus/baseline
printf '{"version":1,"findings":[{"rule":"undeclared","platform":"android","permission":"android.permission.CAMERA","path":"app/AndroidManifest.xml"}]}' > corpus/baseline/one.json
# xcode: the sample project's files joined at 0xFF in the order the target writes them, then
# every pbxproj alone (the target reads a lone pbxproj as the first file).
mkdir -p corpus/xcode
x=../testdata/xcode-app
{ cat "$x/Tally.xcodeproj/project.pbxproj"; printf '\xff'; cat "$x/Config/Shared.xcconfig"; printf '\xff'; cat "$x/Tally/Info.plist"; printf '\xff'; cat "$x/Tally/zh-Hans.lproj/InfoPlist.strings"; } > corpus/xcode/tally
seed xcode \( -name 'project.pbxproj' -o -name '*.xcconfig' -o -name 'InfoPlist.strings' -o -name '*.xcstrings' \)
# gradle: the sample app's files joined at 0xFF in the order the target writes them, then every
# build script and merger report alone.
mkdir -p corpus/gradle
g=../testdata/m5-app/android
{ cat "$g/settings.gradle"; printf '\xff'; cat "$g/app/build.gradle"; printf '\xff'; cat "$g/app/src/main/AndroidManifest.xml"; printf '\xff'; cat "$g/app/src/play/AndroidManifest.xml"; printf '\xff'; cat "$g/push/build.gradle"; printf '\xff'; cat "$g/push/src/main/AndroidManifest.xml"; } > corpus/gradle/m5
seed gradle \( -name '*.gradle' -o -name '*.gradle.kts' -o -name 'manifest-merger-*-report.txt' \)
# The binary targets: bare AXML manifests, App Bundle module manifests (protobuf, taken out of
# the corpus bundles) and whole archives.
seed axml \( -path '*axml/*' -name '*.xml' \)
seed archive \( -name '*.apk' -o -name '*.aab' -o -name '*.ipa' \)
mkdir -p corpus/proto_manifest
if [ -n "$corpus" ]; then
  find "$corpus" -name '*.aab' -exec python3 - corpus/proto_manifest {} + <<'PY'
import os, sys, zipfile
out = sys.argv[1]
for i, bundle in enumerate(sys.argv[2:]):
    with zipfile.ZipFile(bundle) as z:
        for name in z.namelist():
            if name.endswith("/manifest/AndroidManifest.xml"):
                dest = os.path.join(out, f"{i}-{name.split('/')[0]}")
                with open(dest, "wb") as f:
                    f.write(z.read(name))
PY
fi
echo "seeded: $(for t in corpus/*; do printf '%s=%s ' "${t#corpus/}" "$(ls "$t" | wc -l)"; done)"
