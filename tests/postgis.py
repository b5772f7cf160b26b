"""A throwaway PostgreSQL + PostGIS cluster for the store tests: initdb into a temporary folder,
started on a free local port, stopped and removed at the end of the session. PostgreSQL refuses
to run as root, so as root it runs as the `postgres` OS user (Debian's packages create it).
Debian packages: postgresql, postgresql-15-postgis-3 (scripts/setup.sh --dev installs them).
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy as sa

# Locally, HTZ_SKIP_POSTGIS=1 skips the PostGIS half of the store tests; CI never sets it, so a
# machine without PostgreSQL fails them there.
SKIP_ENV = "HTZ_SKIP_POSTGIS"


def bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql postgresql-15-postgis-3")
    return Path(initdb).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self) -> None:
        self.base = Path(tempfile.mkdtemp(prefix="htz-pg-"))
        self.base.chmod(0o755)
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.base, "postgres", "postgres")
        self.bin = bindir()
        self.port = free_port()
        self.names = (f"htz_test_{i}" for i in itertools.count())
        self._run("initdb", "-D", str(self.base / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C")
        opts = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        self._run("pg_ctl", "-D", str(self.base / "data"), "-o", opts, "-l", str(self.base / "log"), "-w", "start")
        self._sql("postgres", "CREATE DATABASE htz_template")
        self._sql("htz_template", "CREATE EXTENSION postgis")

    def _run(self, tool: str, *args: str) -> None:
        subprocess.run([*self.as_user, str(self.bin / tool), *args], check=True, capture_output=True)

    def url(self, db: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{db}"

    def _sql(self, db: str, statement: str) -> None:
        engine = sa.create_engine(self.url(db), isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text(statement))
        engine.dispose()

    def new_database(self) -> str:
        """A fresh database with PostGIS (copied from a template: fast); its URL."""
        name = next(self.names)
        self._sql("postgres", f"CREATE DATABASE {name} TEMPLATE htz_template")
        return self.url(name)

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.base / "data"), "-m", "immediate", "stop")
        shutil.rmtree(self.base, ignore_errors=True)
