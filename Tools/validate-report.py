#!/usr/bin/env python3
"""Validates a slim-report JSON document against Formats/report-schema.json.

usage: validate-report.py SCHEMA REPORT.json   (needs the jsonschema package)
"""
import json
import sys

import jsonschema


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 64
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        report = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(report), key=lambda e: list(e.path))
    for error in errors:
        print(f"{sys.argv[2]}: {'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
    if not errors:
        print(f"{sys.argv[2]}: valid against {sys.argv[1]}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
