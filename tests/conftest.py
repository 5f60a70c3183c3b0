import os
import shutil
import tempfile

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
# Hypothesis keeps its files outside the repository (the tests write only to temporary folders).
os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", os.path.join(tempfile.gettempdir(), "juesuan-hypothesis"))


def pytest_configure(config):
    """Hypothesis keeps no example database in the repository (.hypothesis/): the fuzz test is
    derandomised, so a database would add nothing."""
    from hypothesis import settings

    settings.register_profile("juesuan", database=None)
    settings.load_profile("juesuan")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    """Tests run offline: any attempt to open a socket to another host fails."""
    import socket

    real = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "localhost", "::1") and not host.startswith("/"):
            raise OSError(f"test tried to reach {host}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def project(tmp_path_factory):
    """(root, completed process) of `juesuan report --all` over the project of project_builder.py."""
    from project_builder import make_project, report

    root = make_project(tmp_path_factory.mktemp("project"))
    return root, report(root, "--all", "--jobs", "2")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (the modules that use it skip or fail without it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
