#!/usr/bin/env bash
# Installs the orchestrators (Apache Airflow and DVC, pinned in requirements-orchestration.txt)
# into the virtualenv .venv-orch, which tests/python/test_airflow.py and test_dvc.py use.
# They get their own virtualenv because Airflow pins much of what it depends on, and the
# project's test oracles (.venv) must not move with it. Safe to run again: it reinstalls
# only when the requirements changed. .ci/run calls it; without it those tests skip.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv-orch
PYTHON=${PYTHON:-python3}
if [[ ! -x $VENV/bin/python ]]; then
  "$PYTHON" -m venv "$VENV"
fi
stamp=$VENV/.requirements-orchestration.sha256
want=$(sha256sum requirements-orchestration.txt | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  start=$SECONDS
  "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-orchestration.txt
  echo "$want" > "$stamp"
  echo "setup_orchestration: installed Airflow and DVC into $VENV in $((SECONDS - start))s"
fi
