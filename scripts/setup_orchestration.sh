#!/usr/bin/env bash
# Installs the orchestrators the tests drive for real: Apache Airflow and DVC, pinned in
# requirements-orchestration.txt, into the virtualenv .venv-orch (tests/python/test_airflow.py,
# test_dvc.py). They get their own virtualenv because Airflow pins much of what it depends
# on, and the project's test oracles (.venv) must not move with it. Where no Compose
# implementation works it also installs Debian's docker-compose, so that
# tests/python/test_docker_compose.py has docker-compose.yaml checked by one (`config`
# needs no Docker engine). Safe to run again: it reinstalls only when the requirements
# changed. .ci/run calls it; without it those tests skip with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null &&
   command -v apt-get >/dev/null; then
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  echo "setup_orchestration: installing docker-compose (Debian) to check docker-compose.yaml"
  { $SUDO apt-get update -q >/dev/null &&
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends \
      docker-compose >/dev/null; } ||
    echo "setup_orchestration: docker-compose not installed; its check will skip"
fi

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
