#!/usr/bin/env bash
# Step 1 of the Action: a private virtual environment with the permaudit wheel, its bin folder
# put on the job's PATH. pip fetches a prebuilt wheel; nothing is compiled. PIP_* variables
# (an index mirror, PIP_FIND_LINKS) apply as usual; .ci/run points them at the wheel it built.
set -euo pipefail
: "${PERMAUDIT_VERSION:?the version input is empty}"
venv="${RUNNER_TEMP:?RUNNER_TEMP is not set}/permaudit-venv"
python3 -m venv "$venv"
bin="$venv/bin"
[ -d "$bin" ] || bin="$venv/Scripts" # Windows runners
"$bin/python" -m pip install --quiet --disable-pip-version-check --only-binary permaudit \
  "permaudit==$PERMAUDIT_VERSION"
"$bin/permaudit" --version
echo "$bin" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
