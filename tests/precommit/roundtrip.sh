#!/usr/bin/env bash
# The real pre-commit round trip (issue 3): a temporary git repository uses this checkout as its
# hook repo; committing a manifest with an undeclared permission is refused and shows the
# finding; once the policy discloses it, the commit passes.
#
# usage: tests/precommit/roundtrip.sh HOOK_ID [HOOK_FOLDER]
#   HOOK_ID permaudit-system needs `permaudit` on PATH; permaudit (language: rust) builds it
#   with cargo. The hook repo revision is this checkout's HEAD, so commit before running it.
#   With HOOK_FOLDER (packaging/pre-commit-mirror: its `permaudit` hook is language: python),
#   that folder is copied into a temporary git repository which becomes the hook repo; pip's
#   usual PIP_* variables (PIP_FIND_LINKS, PIP_NO_INDEX) decide where the wheel comes from.
# The hook environment's first install is timed and printed.
set -euo pipefail
hook="${1:?usage: $0 permaudit-system|permaudit [HOOK_FOLDER]}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
if [ -n "${2:-}" ]; then
  [ -f "$2/.pre-commit-hooks.yaml" ] || { echo "$2 has no .pre-commit-hooks.yaml" >&2; exit 2; }
  mkdir "$work/hooks"
  cp -R "$2/." "$work/hooks/"
  git -C "$work/hooks" init -q
  git -C "$work/hooks" add -A
  git -C "$work/hooks" commit -qm "hook repository"
  root="$work/hooks"
fi
rev="$(git -C "$root" rev-parse HEAD)"
export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$work/cache}"

fail() { echo "pre-commit round trip ($hook): $*" >&2; exit 1; }

cd "$work"
git init -q app
cd app
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: $hook
YAML
cat > .permaudit.yaml <<'YAML'
policy: privacy-policy.yaml
YAML
cat > privacy-policy.yaml <<'YAML'
name: Round-trip policy
android:
  - name: Camera
    permissions: [CAMERA]
    purpose: Scan documents
YAML
mkdir -p app/src/main
cat > app/src/main/AndroidManifest.xml <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.rt">
    <uses-permission android:name="android.permission.CAMERA" />
    <uses-permission android:name="android.permission.RECORD_AUDIO" />
</manifest>
XML
pre-commit install >/dev/null
start=$(date +%s%N)
pre-commit install-hooks >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "the hook environment did not install"; }
ms=$((($(date +%s%N) - start) / 1000000))
printf 'pre-commit round trip (%s): hook environment installed in %d.%d s\n' "$hook" $((ms / 1000)) $((ms % 1000 / 100))
git add -A

if git commit -qm "add manifest" >"$work/first.log" 2>&1; then
  cat "$work/first.log" >&2
  fail "the commit with an undeclared permission was accepted"
fi
grep -q "android.permission.RECORD_AUDIO" "$work/first.log" \
  || { cat "$work/first.log" >&2; fail "the refusal does not show the finding"; }
grep -q "undeclared" "$work/first.log" \
  || { cat "$work/first.log" >&2; fail "the refusal does not name the rule"; }
echo "refused as expected:"
grep "RECORD_AUDIO" "$work/first.log" | head -2

cat >> privacy-policy.yaml <<'YAML'
  - name: Microphone
    permissions: [RECORD_AUDIO]
    purpose: Voice notes
YAML
git add -A
if ! git commit -qm "disclose the microphone" >"$work/second.log" 2>&1; then
  cat "$work/second.log" >&2
  fail "the commit was refused after the policy disclosed the permission"
fi
echo "pre-commit round trip ($hook): passed"
