import os
import subprocess
import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/15"


def test_production_settings_pass_djangos_deploy_checks(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "learn.example.org",
        "DATA_DIR": str(tmp_path),
        "REDIS_URL": REDIS_URL,
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "",
        "ALLOWED_HOSTS": "learn.example.org",
        "DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def production(tmp_path, code, **extra):
    """Run ``code`` under the production settings; returns its stdout."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "learn.example.org",
        "DATA_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "REDIS_URL", "TRUSTED_PROXY_COUNT", "SECURE_HSTS_PRELOAD"):
        env.pop(name, None)
    env.update(extra)
    script = "import django; django.setup(); from django.conf import settings\n" + code
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip()


def deploy_check(tmp_path, **extra):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-key-for-the-check",
        "ALLOWED_HOSTS": "learn.example.org",
        "DATA_DIR": str(tmp_path),
    }
    for name in ("DATABASE_URL", "REDIS_URL"):
        env.pop(name, None)
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_redis_url_gives_a_shared_redis_cache_that_round_trips(tmp_path):
    key = f"deploy-check-{uuid.uuid4().hex}"
    out = production(
        tmp_path,
        "from django.core.cache import cache\n"
        "print(settings.CACHES['default']['BACKEND'])\n"
        f"cache.set({key!r}, 41, 30); cache.incr({key!r})\n"
        f"print(cache.get({key!r})); cache.delete({key!r})\n",
        REDIS_URL=REDIS_URL,
    )
    assert out.splitlines() == ["django.core.cache.backends.redis.RedisCache", "42"]


def test_without_redis_url_the_deploy_check_warns_that_rate_limits_are_per_process(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "core.W001" in result.stderr and "REDIS_URL" in result.stderr


def test_trusted_proxy_count_comes_from_the_environment(tmp_path):
    code = "print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    assert production(tmp_path, code) == "0"
    assert production(tmp_path, code, TRUSTED_PROXY_COUNT="2") == "2"


def test_trusted_proxy_count_is_honoured_for_a_forwarded_chain(tmp_path):
    out = production(
        tmp_path,
        "from django.test import RequestFactory\n"
        "from cms.core.client_ip import client_ip\n"
        "request = RequestFactory().get('/', REMOTE_ADDR='10.0.0.2',"
        " HTTP_X_FORWARDED_FOR='6.6.6.6, 203.0.113.7, 10.0.0.1')\n"
        "print(client_ip(request))",
        TRUSTED_PROXY_COUNT="2",
    )
    assert out == "203.0.113.7"


def test_hsts_preload_is_off_unless_switched_on(tmp_path):
    code = "print(settings.SECURE_HSTS_PRELOAD, settings.SECURE_HSTS_SECONDS > 0)"
    assert production(tmp_path, code) == "False True"
    assert production(tmp_path, code, SECURE_HSTS_PRELOAD="true") == "True True"
    # Off is a deliberate default, so the deploy check stays green either way.
    assert deploy_check(tmp_path, REDIS_URL=REDIS_URL).returncode == 0
    assert deploy_check(tmp_path, REDIS_URL=REDIS_URL, SECURE_HSTS_PRELOAD="true").returncode == 0
