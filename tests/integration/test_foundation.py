"""Consistency of the pieces users run directly: CLI, docker-compose.yml, README, .ci/run, settings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from marsad import cli, config, esnode

ROOT = Path(__file__).resolve().parents[2]


def test_compose_matches_the_code():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"elasticsearch", "index-init", "api", "crawler"} <= set(services)
    image = services["elasticsearch"]["image"]
    assert image.endswith(":" + config.ES_VERSION.default), "compose must run the pinned Elasticsearch version"
    assert services["elasticsearch"]["environment"]["xpack.security.enabled"] == "false"
    subcommands = set(cli.build_parser()._subparsers._group_actions[0].choices)
    for name in ("index-init", "api", "crawler"):
        assert services[name]["command"][0] in subcommands
        assert services[name]["environment"]["MARSAD_ES_URL"] == "http://elasticsearch:9200"
    assert (ROOT / services["api"]["build"] / "Dockerfile").exists()
    for name, service in services.items():
        env = service.get("environment") or {}
        unknown = [k for k in env if k.startswith("MARSAD_") and k not in config.SETTINGS]
        assert not unknown, f"{name} sets variables Marsad does not read: {unknown}"


def test_ci_runs_the_readme_test_command():
    ci = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text().splitlines()
        if line.strip() and not line.startswith("#") and not re.match(r"(set|cd|export) ", line.strip())
    ]
    readme = (ROOT / "README.md").read_text()
    assert ci[-1] in readme


def test_es_version_is_pinned_with_a_checksum():
    assert config.ES_VERSION.default in esnode.PINNED_SHA512


def test_every_setting_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in config.SETTINGS if name not in readme]
    assert not missing, f"README lacks settings: {missing}"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"MARSAD_ES_REQUEST_TIMEOUT": "soon"}, "MARSAD_ES_REQUEST_TIMEOUT"),
        ({"MARSAD_INDEX_PREFIX": "Bad Prefix"}, "MARSAD_INDEX_PREFIX"),
        ({"MARSAD_ES_URL": "http://127.0.0.1:9,127.0.0.1:9201"}, "MARSAD_ES_URL"),
        ({"MARSAD_ES_URL": " , "}, "MARSAD_ES_URL"),
    ],
)
def test_bad_settings_fail_fast_naming_the_variable(env, message, tmp_path):
    import os

    result = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "index", "init"],
        env={**os.environ, "MARSAD_ES_URL": "http://127.0.0.1:9", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_index_init_against_a_dead_elasticsearch_is_a_clear_error():
    import os

    result = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "index", "init"],
        env={**os.environ, "MARSAD_ES_URL": "http://127.0.0.1:9", "MARSAD_ES_REQUEST_TIMEOUT": "2"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr


def test_delegated_subcommands_get_their_options_in_order():
    """`marsad extract --lang en -` must reach the extract command as written (option, value, path)."""
    import json
    import os

    result = subprocess.run(
        [sys.executable, "-m", "marsad.cli", "extract", "--lang", "ar", "-"],
        input="Orbitel denied selling 5 million user records.",
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["lang"] == "ar", "the --lang value was lost or reordered"
