#!/usr/bin/env bash
# Peak memory and wall time of `permaudit check` on the worst hostile inputs.
# Usage: tests/hostile/measure.sh            (builds the release binary first)
# Prints one row per input: exit code, wall seconds, peak RSS in MB. Aim: < 1 s, < 64 MB each.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --quiet
bin=$PWD/target/release/permaudit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import os, struct, sys
w = sys.argv[1]
NS = "http://schemas.android.com/apk/res/android"
def put(name, data):
    p = os.path.join(w, name); os.makedirs(os.path.dirname(p), exist_ok=True)
    open(p, "wb").write(data if isinstance(data, bytes) else data.encode())
line = '<uses-permission android:name="android.permission.CAMERA"/>\n'
big = f'<manifest xmlns:android="{NS}">\n' + line * (100 * 1024 * 1024 // len(line)) + '</manifest>\n'
put("huge-100MB.xml", big)
lim = f'<manifest xmlns:android="{NS}">\n' + line * ((8 * 1024 * 1024 - 100) // len(line)) + '</manifest>\n'
put("at-limit-8MB.xml", lim)
put("deep-100k.xml", f'<manifest xmlns:android="{NS}">' + "<a>" * 100000 + "</a>" * 100000 + "</manifest>")
lol = '<!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98+i)} "' + f"&{chr(97+i)};" * 10 + '">' for i in range(9)) + "]>"
put("billion-laughs.xml", lol + f'<manifest xmlns:android="{NS}"><uses-permission android:name="&j;"/></manifest>')
put("xxe.xml", '<!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
    f'<manifest xmlns:android="{NS}"><uses-permission android:name="&x;"/></manifest>')
def bplist(objs):
    out = b"bplist00"; offs = []
    for o in objs: offs.append(len(out)); out += o
    t = len(out)
    for o in offs: out += struct.pack(">I", o)
    return out + b"\0" * 6 + bytes([4, 2]) + struct.pack(">QQQ", len(objs), 0, t)
r = lambda i: struct.pack(">H", i)
key = b"\x5f\x10\x18NSCameraUsageDescription"
objs = [b"\xd1" + r(1) + r(2), key] + [b"\xa2" + r(3 + i) + r(3 + i) for i in range(60)] + [b"\x51x"]
put("bplist-shared-2^60.plist", bplist(objs))
objs = [b"\xd1" + r(1) + r(2), key] + [b"\xa1" + r(3 + i) for i in range(20000)] + [b"\x51x"]
put("bplist-chain-20k.plist", bplist(objs))
put("bplist-cyclic.plist", bplist([b"\xd1" + r(1) + r(2), key, b"\xa1" + r(2)]))
y = "name: bomb\n" + "".join(f"x{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9 if i else ["CAMERA"] * 9) + "]\n" for i in range(12))
put("alias-bomb.yaml", y)
import zipfile
with zipfile.ZipFile(os.path.join(w, "zip-bomb-200MB.apk"), "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("AndroidManifest.xml", "w") as f:
        block = b"\0" * (1 << 20)
        for _ in range(200):
            f.write(block)
with zipfile.ZipFile(os.path.join(w, "many-entries.apk"), "w", zipfile.ZIP_STORED) as z:
    for i in range(250000):
        z.writestr(f"e{i}", b"")
with zipfile.ZipFile(os.path.join(w, "entries-at-limit.apk"), "w", zipfile.ZIP_STORED) as z:
    for i in range(100000):
        z.writestr(f"e{i}", b"")

# Archive sums and dense manifests (issue 15): each piece stays under its per-file or
# per-entry cap; only the run's budget (max-total-inflated, max-requests, max-nodes) stops them.
def varint(n):
    out = b""
    while True:
        b = n & 0x7F; n >>= 7
        if n: out += bytes([b | 0x80])
        else: return out + bytes([b])
def field(tag, payload):
    if isinstance(payload, str): payload = payload.encode()
    return varint(tag << 3 | 2) + varint(len(payload)) + payload
def pb_node(element, line):
    return field(1, element) + field(3, varint(1 << 3) + varint(line))
def pb_module(count, name="android.permission.CAMERA"):
    attr = field(1, NS) + field(2, "name") + field(3, name) + varint(5 << 3) + varint(0x01010003)
    child = field(5, pb_node(field(3, "uses-permission") + field(4, attr), 2))
    return pb_node(field(3, "manifest") + child * count, 1)
module = pb_module(300000)
def aab(path, modules):
    with zipfile.ZipFile(os.path.join(w, path), "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(modules):
            z.writestr(f"m{i}/manifest/AndroidManifest.xml", module)
aab("aab-1x300k.aab", 1)
aab("aab-5x300k.aab", 5)
aab("aab-40x300k.aab", 40)
# A module of 1.5 million elements that request nothing (node budget, not request budget).
empty = field(5, pb_node(field(3, "meta-data"), 2))
with zipfile.ZipFile(os.path.join(w, "aab-nodes-1.5M.aab"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("base/manifest/AndroidManifest.xml", pb_node(field(3, "manifest") + empty * 1500000, 1))
# A text manifest of 180,000 requests under the 8 MiB size limit.
short = '<uses-permission android:name="a.b.C"/>\n'
put("dense-180k.xml", f'<manifest xmlns:android="{NS}">\n' + short * 180000 + '</manifest>\n')

# Policy documents for `policy import` (issue 16): a document on one line at the size limit,
# deep HTML nesting, a million `key：` fields, a DOCX zip bomb, a DOCX nesting a million tables,
# a malformed PDF.
put("policy-one-line-16MB.txt", ("CAMERA 相机：拍照 | 权限名称：相册 Privacy - " * 400000).encode()[: 16 * 1024 * 1024 - 1])
put("policy-deep.html", "<table><tr><td>" * 300000 + "CAMERA")
put("policy-colons.txt", "权限名称：" * 1000000)
with zipfile.ZipFile(os.path.join(w, "policy-bomb.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        block = b"<w:p>" + b" " * (1 << 20)
        for _ in range(200):
            f.write(block)
with zipfile.ZipFile(os.path.join(w, "policy-deep.docx"), "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("word/document.xml", b"<w:tbl><w:tr><w:tc>" * 700000)
# Documents of many rows: 450,000 list items, and 450,000 run into 250 lines (both refused
# past MAX_CONTENT_ROWS).
put("policy-450k-items.md", "- android.permission.CAMERA x\n" * 450000)
put("policy-collapsed.md", ("> android.permission.CAMERA **x** " * 1800 + "\n") * 250)
# At the line limit, the costliest lines: a flattened table of unknown labels, numbered items.
put("policy-flattened-50k.txt", "Permission\nPurpose\nPlatform\n" + "Unknown thing\nDoes a thing for you\nAndroid/iOS\n" * 16600)
put("policy-numbered-50k.txt", "1.拍摄照片和视频\n允许拍照\n" + "".join(f"{i + 2}.未知标签 允许应用做事\n" for i in range(49990)))
put("policy-900k-lines.txt", "Unknown thing\nDoes a thing for you\nAndroid/iOS\n" * 300000)
put("policy-long-word-8MB.txt", "CAMERA permission\n" + "A" * 8_000_000 + "\n")
put("policy-malformed.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\n" + b"2 0 obj << /Kids [2 0 R] >> endobj\n" * 100000 + b"trailer << /Root 1 0 R >>")
PY

printf '%-28s %5s %9s %9s\n' input exit seconds peak_MB
run() { # label, args...
  local label=$1; shift
  local code=0
  /usr/bin/time -o "$work/time" -f '%e %M' "$bin" check "$@" >/dev/null 2>&1 || code=$?
  read -r secs kb < <(tail -n1 "$work/time")
  printf '%-28s %5s %9s %9s\n' "$label" "$code" "$secs" "$(awk -v k="$kb" 'BEGIN{printf "%.1f", k/1024}')"
}
for f in huge-100MB.xml deep-100k.xml billion-laughs.xml xxe.xml bplist-shared-2^60.plist bplist-chain-20k.plist bplist-cyclic.plist; do
  run "$f" "$work/$f"
done
run "zip-bomb-200MB.apk" "$work/zip-bomb-200MB.apk"
run "many-entries.apk (250k)" "$work/many-entries.apk"
run "entries-at-limit.apk (100k)" "$work/entries-at-limit.apk"
run "at-limit-8MB.xml" "$work/at-limit-8MB.xml" --fail-on never
run "dense-180k.xml" "$work/dense-180k.xml"
run "aab-1x300k.aab (26 MiB)" "$work/aab-1x300k.aab"
run "aab-5x300k.aab (sum)" "$work/aab-5x300k.aab"
run "aab-40x300k.aab (sum)" "$work/aab-40x300k.aab"
run "aab-nodes-1.5M.aab" "$work/aab-nodes-1.5M.aab"
run "alias-bomb.yaml (policy)" testdata/m5-app --policy "$work/alias-bomb.yaml"
run_import() { # label, file
  local code=0
  /usr/bin/time -o "$work/time" -f '%e %M' "$bin" policy import --allow-unresolved "$work/$2" >/dev/null 2>&1 || code=$?
  read -r secs kb < <(tail -n1 "$work/time")
  printf '%-28s %5s %9s %9s\n' "$1" "$code" "$secs" "$(awk -v k="$kb" 'BEGIN{printf "%.1f", k/1024}')"
}
for f in policy-one-line-16MB.txt policy-deep.html policy-colons.txt policy-bomb.docx policy-deep.docx policy-malformed.pdf policy-450k-items.md policy-collapsed.md policy-flattened-50k.txt policy-numbered-50k.txt policy-900k-lines.txt policy-long-word-8MB.txt; do
  run_import "$f (import)" "$f"
done
