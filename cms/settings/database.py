"""The database from DATABASE_URL, with SQLite made fit to serve readers while an editor publishes."""

import dj_database_url

# How long an SQLite writer waits for another to finish before "database is locked": a publish rebuilds snapshots,
# the change log and search documents in one transaction, which can take seconds on a busy small machine.
SQLITE_BUSY_TIMEOUT_SECONDS = 20


def database_from_url(url: str, conn_max_age: int = 60) -> dict:
    """Django's settings for the database at ``url``; SQLite gets WAL, a busy timeout and immediate transactions.

    - WAL lets readers go on reading while a writer commits (the default rollback journal blocks them, and a
      stream of readers starves the writer until it gives up).
    - ``transaction_mode="IMMEDIATE"`` takes the write lock when a transaction begins: a deferred transaction that
      read first and writes second cannot wait for another writer (SQLite refuses at once, to avoid a deadlock),
      while an immediate one waits its turn for up to the busy timeout.
    - ``synchronous=NORMAL`` is safe with WAL (a power cut can lose the last commits, never corrupt the file).
    """
    config = dj_database_url.parse(url, conn_max_age=conn_max_age)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            **config.get("OPTIONS", {}),
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    return config
