#!/usr/bin/env python3
"""Manage sign-in accounts (the store of launcher.py: [auth] db in config.toml, or $HTZ_AUTH_DB).

    scripts/users.py add NAME --role viewer|editor|admin   # password from standard input
    scripts/users.py passwd NAME                           # new password from standard input
    scripts/users.py list
    scripts/users.py remove NAME

A password is never taken from the command line (it would show in `ps` and the shell history):
it is read without echo on a terminal (asked twice), else from the first line of standard input.
"""

from __future__ import annotations

import argparse
import getpass
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import auth, config  # noqa: E402

MIN_LENGTH = 8


def read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Again: ") != first:
            sys.exit("the two passwords differ")
    else:
        first = sys.stdin.readline().rstrip("\r\n")
    if len(first) < MIN_LENGTH:
        sys.exit(f"a password needs at least {MIN_LENGTH} characters")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an account (password from standard input)")
    add.add_argument("name")
    add.add_argument("--role", choices=auth.ROLES, required=True)
    sub.add_parser("list", help="list accounts")
    sub.add_parser("remove", help="remove an account (its sessions end)").add_argument("name")
    sub.add_parser("passwd", help="set a new password (the account's sessions end)").add_argument("name")
    args = parser.parse_args(argv)

    accounts = auth.accounts_from_config(config.load())
    if args.command == "list":
        for u in accounts.store.users():
            print(f"{u.name}\t{u.role}\t{time.strftime('%Y-%m-%d %H:%M', time.localtime(u.created))}")
        return 0
    if args.command == "remove":
        if not accounts.store.remove_user(args.name):
            sys.exit(f"no account named {args.name!r}")
        print(f"removed {args.name}")
        return 0
    if args.command == "add" and accounts.store.user(args.name):
        sys.exit(f"an account named {args.name!r} exists (use passwd)")
    if args.command == "passwd" and not accounts.store.user(args.name):
        sys.exit(f"no account named {args.name!r}")
    password = read_password()
    if args.command == "add":
        accounts.add_user(args.name, args.role, password)
        print(f"added {args.name} ({args.role})")
    else:
        accounts.set_password(args.name, password)
        print(f"new password set for {args.name}; its sessions have ended")
    return 0


if __name__ == "__main__":
    sys.exit(main())
