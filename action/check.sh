#!/usr/bin/env bash
# Step 2 of the Action: one `permaudit check` that prints annotations (or the chosen format),
# writes the SARIF file, the Markdown step summary and any further reports, and keeps
# permaudit's exit code (1 on findings at or above fail-on fails the step; the SARIF upload
# still runs). This is the command line the README's GitHub Actions recipe runs.
set -euo pipefail
set -f # paths and report names are words, not globs
args=(check --format "${PERMAUDIT_FORMAT:-github}")
[ -z "${PERMAUDIT_POLICY:-}" ] || args+=(--policy "$PERMAUDIT_POLICY")
[ -z "${PERMAUDIT_CONFIG:-}" ] || args+=(--config "$PERMAUDIT_CONFIG")
[ -z "${PERMAUDIT_FAIL_ON:-}" ] || args+=(--fail-on "$PERMAUDIT_FAIL_ON")
[ -z "${PERMAUDIT_SARIF:-}" ] || args+=(--output "sarif=$PERMAUDIT_SARIF")
if [ "${PERMAUDIT_SUMMARY:-true}" = true ]; then
  args+=(--output "markdown=${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}")
fi
for spec in ${PERMAUDIT_FORMATS:-}; do
  args+=(--output "$spec")
done
# shellcheck disable=SC2206 # word splitting of the paths input is the point
paths=(${PERMAUDIT_PATHS:-.})
[ ${#paths[@]} -gt 0 ] || paths=(.)
out="${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
set +e
permaudit "${args[@]}" -- "${paths[@]}"
code=$?
set -e
echo "exit-code=$code" >> "$out"
# Exit 2 (unreadable input) writes no reports: then there is nothing to upload.
if [ -n "${PERMAUDIT_SARIF:-}" ] && [ -f "$PERMAUDIT_SARIF" ]; then
  echo "sarif-file=$PERMAUDIT_SARIF" >> "$out"
else
  echo "sarif-file=" >> "$out"
fi
exit "$code"
