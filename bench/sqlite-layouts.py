#!/usr/bin/env python3
"""Intake's SQLite work alone, for several table layouts: what each event costs the database when
event ids and case references are random (UUIDs) rather than sequential.

Inserts CASES referral cases (30 % with a second event, as fristvakt-bench service does) into a
fresh WAL database with synchronous=FULL (8 KiB pages, a 64 MiB cache and no checkpoint, as the
service's writer during a backlog), BATCH events per transaction, each event row with its case's
state upserted, and prints the wall time and events/s. Python's own overhead is in every figure
alike; compare the layouts with each other, not with the service.

Layouts:
  text          the layout before: event(id TEXT UNIQUE, case_ref TEXT) with an index on case_ref, and
                case_state keyed by case_ref (WITHOUT ROWID)
  integer       cases numbered in arrival order: event(id TEXT UNIQUE, case_no INTEGER) with an
                index on case_no, and case_state keyed by case_no
  integer-hash  as integer, the id's uniqueness index on a 64-bit hash of the id instead
  integer-bare  as integer, with no index on the id at all (uniqueness kept elsewhere)
  built         the layout fristvakt uses: integer-bare, plus one row per transaction holding
                its events' id hashes and case numbers (event_key), from which the writer
                keeps the id index in memory (docs/operations.md, "The database's layout")

Usage: bench/sqlite-layouts.py LAYOUT CASES [BATCH] [uuid|sequential]
"""
import os
import random
import sqlite3
import struct
import sys
import tempfile
import time
import uuid

layout, cases = sys.argv[1], int(sys.argv[2])
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
ids = sys.argv[4] if len(sys.argv) > 4 else "uuid"
random.seed(1)

schemas = {
    "text": """
        CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_ref TEXT, body TEXT NOT NULL,
                            file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
        CREATE INDEX event_case ON event(case_ref);
        CREATE TABLE case_state (case_ref TEXT PRIMARY KEY, state BLOB NOT NULL) WITHOUT ROWID;""",
    "integer": """
        CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, case_no INTEGER, body TEXT NOT NULL,
                            file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
        CREATE INDEX event_case ON event(case_no);
        CREATE TABLE case_state (case_no INTEGER PRIMARY KEY, case_ref TEXT NOT NULL, state BLOB NOT NULL);""",
    "integer-hash": """
        CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, id_hash INTEGER NOT NULL, case_no INTEGER,
                            body TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
        CREATE INDEX event_case ON event(case_no);
        CREATE INDEX event_id_hash ON event(id_hash);
        CREATE TABLE case_state (case_no INTEGER PRIMARY KEY, case_ref TEXT NOT NULL, state BLOB NOT NULL);""",
    "built": """
        CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, case_no INTEGER, body TEXT NOT NULL,
                            file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
        CREATE INDEX event_case ON event(case_no);
        CREATE TABLE case_state (case_no INTEGER PRIMARY KEY, case_ref TEXT NOT NULL, state BLOB);
        CREATE TABLE event_key (intake INTEGER PRIMARY KEY, keys BLOB NOT NULL);""",
    "integer-bare": """
        CREATE TABLE event (seq INTEGER PRIMARY KEY, id TEXT NOT NULL, case_no INTEGER, body TEXT NOT NULL,
                            file TEXT NOT NULL, line INTEGER NOT NULL, intake INTEGER NOT NULL);
        CREATE INDEX event_case ON event(case_no);
        CREATE TABLE case_state (case_no INTEGER PRIMARY KEY, case_ref TEXT NOT NULL, state BLOB NOT NULL);""",
}


def reference(prefix, number):
    return str(uuid.UUID(int=random.getrandbits(128))) if ids == "uuid" else f"{prefix}{number}"


rows = []  # (event id, case reference, case number)
for number in range(cases):
    case_ref = reference("H-", number)
    rows.append((reference("r", number), case_ref, number))
    if number % 10 < 3:
        rows.append((reference("a", number), case_ref, number))
state = b"x" * 60

with tempfile.TemporaryDirectory() as folder:
    db = sqlite3.connect(os.path.join(folder, "layout.sqlite"), isolation_level=None)
    # As the service's writer during a backlog: 8 KiB pages, a 64 MiB page cache, checkpoints held.
    db.execute("PRAGMA page_size=8192")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA cache_size=-65536")
    db.execute("PRAGMA wal_autocheckpoint=0")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript(schemas[layout])
    by_text = layout == "text"
    start = time.time()
    for first in range(0, len(rows), batch):
        chunk = rows[first:first + batch]
        bodies = [
            '{"id":"%s","type":"referral.received","case":"%s","date":"2026-11-27","unit":"U1"}' % (i, c)
            for i, c, _ in chunk
        ]
        db.execute("BEGIN IMMEDIATE")
        if by_text:
            db.executemany(
                "INSERT INTO event (id, case_ref, body, file, line, intake) VALUES (?, ?, ?, 'bench-00001.jsonl', 1, 1)",
                [(i, c, b) for (i, c, _), b in zip(chunk, bodies)])
            db.executemany(
                "INSERT INTO case_state (case_ref, state) VALUES (?, ?) "
                "ON CONFLICT(case_ref) DO UPDATE SET state = excluded.state", [(c, state) for _, c, _ in chunk])
        else:
            if layout == "integer-hash":
                db.executemany(
                    "INSERT INTO event (id, id_hash, case_no, body, file, line, intake) "
                    "VALUES (?, ?, ?, ?, 'bench-00001.jsonl', 1, 1)",
                    [(i, hash(i), n, b) for (i, _, n), b in zip(chunk, bodies)])
            else:
                db.executemany(
                    "INSERT INTO event (id, case_no, body, file, line, intake) VALUES (?, ?, ?, 'bench-00001.jsonl', 1, 1)",
                    [(i, n, b) for (i, _, n), b in zip(chunk, bodies)])
            db.executemany(
                "INSERT INTO case_state (case_no, case_ref, state) VALUES (?, ?, ?) "
                "ON CONFLICT(case_no) DO UPDATE SET state = excluded.state", [(n, c, state) for _, c, n in chunk])
            if layout == "built":
                keys = b"".join(struct.pack("<QI", hash(i) & 0xFFFF_FFFF_FFFF_FFFF, n) for i, _, n in chunk)
                db.execute("INSERT INTO event_key (intake, keys) VALUES (?, ?)", (first, keys))
        db.execute("COMMIT")
    elapsed = time.time() - start
    print(f"{layout}, {ids} ids, {cases} cases, {len(rows)} events, {batch} per transaction: "
          f"{elapsed:.2f} s, {len(rows) / elapsed:,.0f} events/s")
