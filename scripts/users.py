#!/usr/bin/env python3
"""Manage sign-in accounts (in the data store: [store] url in config.toml, or $HTZ_STORE_URL).

    scripts/users.py add NAME --role viewer|editor|admin   # password from standard input
    scripts/users.py passwd NAME                           # new password from standard input
    scripts/users.py role NAME --role viewer|editor|admin
    scripts/users.py disable NAME                          # cannot sign in; its sessions end
    scripts/users.py enable NAME
    scripts/users.py list
    scripts/users.py remove NAME

Each change is written to the store's audit log with who made it (--by, default the OS user).
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
VIA = "scripts/users.py"


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


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return "unknown"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--by", default=os_user(), help="who makes the change (the audit log)")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add an account (password from standard input)")
    add.add_argument("name")
    add.add_argument("--role", choices=auth.ROLES, required=True)
    role = sub.add_parser("role", help="change an account's role")
    role.add_argument("name")
    role.add_argument("--role", choices=auth.ROLES, required=True)
    sub.add_parser("list", help="list accounts")
    sub.add_parser("remove", help="remove an account (its sessions end)").add_argument("name")
    sub.add_parser("passwd", help="set a new password (the account's sessions end)").add_argument("name")
    sub.add_parser("disable", help="the account cannot sign in; its sessions end").add_argument("name")
    sub.add_parser("enable", help="undo disable").add_argument("name")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    accounts = auth.accounts_from_config(config.load())
    if args.command == "list":
        for u in accounts.store.users():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(u.created))
            print(f"{u.name}\t{u.role}\t{when}" + ("\tdisabled" if u.disabled else ""))
        return 0
    known = accounts.store.user(args.name)
    if args.command == "add":
        if known:
            sys.exit(f"an account named {args.name!r} exists (use passwd)")
        accounts.add_user(args.name, args.role, read_password(), by=args.by, via=VIA)
        print(f"added {args.name} ({args.role})")
        return 0
    if not known:
        sys.exit(f"no account named {args.name!r}")
    if args.command == "remove":
        accounts.remove_user(args.name, by=args.by, via=VIA)
        print(f"removed {args.name}")
    elif args.command == "role":
        accounts.set_role(args.name, args.role, by=args.by, via=VIA)
        print(f"{args.name}: {known.role} → {args.role}")
    elif args.command in ("disable", "enable"):
        accounts.set_disabled(args.name, args.command == "disable", by=args.by, via=VIA)
        print(f"{args.command}d {args.name}")
    else:
        accounts.set_password(args.name, read_password(), by=args.by, via=VIA)
        print(f"new password set for {args.name}; its sessions have ended")
    return 0


if __name__ == "__main__":
    sys.exit(main())
