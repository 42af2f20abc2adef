"""docker-compose.yaml, the local Airflow users expect: no Docker engine runs here, so it is
checked by loading it (PyYAML, anchors and merge keys resolved) and asserting the structure
that makes it work with this checkout, and by a Compose implementation's own `config -q`
where one is installed (`docker compose`, else the standalone `docker-compose`)."""
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import SOURCE_DIR

COMPOSE = SOURCE_DIR / "docker-compose.yaml"
AIRFLOW_SERVICES = ["airflow-init", "airflow-apiserver", "airflow-scheduler", "airflow-dag-processor"]
MOUNT = "/opt/automend"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def pinned_airflow_version():
    text = (SOURCE_DIR / "requirements-orchestration.txt").read_text()
    return re.search(r"^apache-airflow==(\S+)$", text, re.M).group(1)


def default_of(value):
    """The default of a ${VAR:-default} value, or the value itself."""
    m = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
    return m.group(1) if m else value


def test_airflow_image_is_pinned_to_the_tested_version(compose):
    version = pinned_airflow_version()
    dockerfile = (SOURCE_DIR / "docker" / "airflow.Dockerfile").read_text()
    assert f"ARG AIRFLOW_IMAGE=apache/airflow:{version}\n" in dockerfile
    for name in AIRFLOW_SERVICES:
        service = compose["services"][name]
        assert service["build"]["args"]["AIRFLOW_IMAGE"] == f"apache/airflow:{version}", name
        assert (SOURCE_DIR / service["build"]["context"] / service["build"]["dockerfile"]).is_file()
        assert service["image"].endswith(f":{version}")
    assert re.fullmatch(r"postgres:\d+(\.\d+)?", compose["services"]["postgres"]["image"])


def test_image_build_context_holds_what_the_dockerfile_copies():
    dockerfile = (SOURCE_DIR / "docker" / "airflow.Dockerfile").read_text()
    ignore = (SOURCE_DIR / ".dockerignore").read_text().split()
    for src in re.findall(r"^COPY (\S+) ", dockerfile, re.M):
        assert (SOURCE_DIR / src).exists(), src
        assert f"!{src}" in ignore, src


def test_services_share_the_checkout_the_database_and_the_program_settings(compose):
    services = compose["services"]
    assert set(AIRFLOW_SERVICES) | {"postgres"} <= set(services)
    for name in AIRFLOW_SERVICES:
        s = services[name]
        env = s["environment"]
        assert f".:{MOUNT}" in s["volumes"], name
        assert env["AIRFLOW__CORE__DAGS_FOLDER"] == f"{MOUNT}/dags"
        assert env["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
        assert "@postgres/" in env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
        api = re.fullmatch(r"http://([\w-]+):8080/execution/", env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
        assert api and api.group(1) == "airflow-apiserver"
        assert env["AUTOMEND_WORKDIR"] == MOUNT
        config = default_of(env["AUTOMEND_CONFIG"])
        assert config.startswith(MOUNT + "/") and (SOURCE_DIR / config[len(MOUNT) + 1:]).is_file()
        assert default_of(env["AUTOMEND_BIN"]) == "/usr/local/bin/automend"
        assert s["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert (SOURCE_DIR / "dags" / "iac_payload_pipeline.py").is_file()


def test_init_runs_once_and_the_rest_wait_for_it(compose):
    services = compose["services"]
    init = services["airflow-init"]
    assert init["command"] == ["db", "migrate"] and init["restart"] == "no"
    expected = {"airflow-apiserver": "api-server", "airflow-scheduler": "scheduler",
                "airflow-dag-processor": "dag-processor"}
    for name, command in expected.items():
        assert services[name]["command"] == command
        assert services[name]["depends_on"]["airflow-init"]["condition"] == \
            "service_completed_successfully"
        assert "healthcheck" in services[name]
    assert any(p.endswith(":8080") for p in services["airflow-apiserver"]["ports"])


def compose_command():
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    if shutil.which("docker-compose") and subprocess.run(["docker-compose", "version"],
                                                         capture_output=True).returncode == 0:
        return ["docker-compose"]
    return None


def test_compose_config_accepts_the_file():
    command = compose_command()
    if not command:
        pytest.skip("neither `docker compose` nor `docker-compose` works here; the structure "
                    "is checked by the tests above")
    proc = subprocess.run([*command, "-f", str(COMPOSE), "config", "-q"], cwd=SOURCE_DIR,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    resolved = yaml.safe_load(subprocess.run([*command, "-f", str(COMPOSE), "config"],
                                             cwd=SOURCE_DIR, capture_output=True, text=True,
                                             check=True).stdout)
    assert set(AIRFLOW_SERVICES) <= set(resolved["services"])
