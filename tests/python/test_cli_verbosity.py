"""--quiet and --verbose as users expect them, on `automend run` over the demo data:
-q leaves stderr and stdout empty on success and shows only errors on failure; the default
shows info lines; -v adds debug lines (config, input hashes, parameters, the report's
files); both together are refused as bad usage. The flags work before or after the
subcommand."""
import re

from conftest import run_automend

LEVEL = re.compile(r"^\S+ (debug|info|warning|error|critical) \[", re.M)


def levels(stderr):
    return set(LEVEL.findall(stderr))


def test_quiet_is_silent_on_success(workdir):
    for args in (["-q", "run"], ["run", "--quiet"]):
        proc = run_automend(args, cwd=workdir)
        assert (proc.stdout, proc.stderr) == ("", ""), args
    proc = run_automend(["-q", "analyze"], cwd=workdir)
    assert (proc.stdout, proc.stderr) == ("", "")
    assert (workdir / "reports" / "index.html").is_file()


def test_default_shows_info_and_verbose_adds_debug(workdir):
    normal = run_automend(["run"], cwd=workdir)
    assert levels(normal.stderr) == {"info"}
    assert "report: wrote reports/index.html" in normal.stderr
    verbose = run_automend(["-v", "run", "--force"], cwd=workdir)
    assert levels(verbose.stderr) == {"info", "debug"}
    assert "run: config config/pipeline.yaml" in verbose.stderr
    assert re.search(r"debug .* preprocess: input data/raw/rows.jsonl \(sha256 [0-9a-f]{16}\)", verbose.stderr)
    assert "report: read logs/schema_report.json" in verbose.stderr
    # The log files follow the same levels.
    assert " debug " in (workdir / "logs" / "run.log").read_text()
    # A summary on stdout only without -q.
    assert "gate funnel" in run_automend(["analyze"], cwd=workdir).stdout


def test_quiet_still_shows_errors(workdir):
    config = workdir / "config" / "pipeline.yaml"
    config.write_text(config.read_text().replace("min_records: 10", "min_records: 1000")
                      .replace("fail_on_anomaly: false", "fail_on_anomaly: true"))
    proc = run_automend(["-q", "run"], cwd=workdir, check=False)
    assert proc.returncode == 1
    assert levels(proc.stderr) == {"error", "critical"}
    assert "automend: Data check failed: stage anomaly_check" in proc.stderr


def test_quiet_and_verbose_together_are_bad_usage(workdir):
    proc = run_automend(["-q", "-v", "run"], cwd=workdir, check=False)
    assert proc.returncode == 2
    assert "--quiet excludes --verbose" in proc.stderr
    assert not (workdir / "logs").exists()
