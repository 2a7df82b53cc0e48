"""Which database is the archive, and the permission check every govarchive page makes.

``govarchive serve`` names the archive in the plugin configuration; a Datasette started by
hand (``datasette archive.db``) finds it as the first database with a notices table.
"""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import NotFound

PLUGIN_NAME = "govarchive"


def configured_database(datasette) -> str | None:
    return (datasette.plugin_config(PLUGIN_NAME) or {}).get("database")


def limit(datasette, name: str, default: int) -> int:
    """A bound of the plugin configuration (``count_up_to``, ``facet_rows``), else the default."""
    value = (datasette.plugin_config(PLUGIN_NAME) or {}).get(name)
    return int(value) if value is not None else default


def is_archive(datasette, database: str | None) -> bool:
    configured = configured_database(datasette)
    return configured is None or configured == database


async def archive_database(datasette):
    """The database holding notices: the configured one, else the first with a notices table."""
    name = configured_database(datasette)
    if name:
        candidates = [datasette.databases[name]] if name in datasette.databases else []
    else:
        candidates = [
            db for n, db in datasette.databases.items() if n != "_internal" and not db.is_memory
        ]
    for db in candidates:
        if await db.table_exists("notices"):
            return db
    return None


async def archive_for(datasette, request, table: str = "notices"):
    """The archive database, once the actor may view ``table`` in it (else 403/404)."""
    db = await archive_database(datasette)
    if db is None:
        raise NotFound("This Datasette serves no govarchive archive (no notices table).")
    await datasette.ensure_permissions(
        request.actor,
        [("view-table", (db.name, table)), ("view-database", db.name), "view-instance"],
    )
    return db


def notice_path(datasette, notice_id: Any, version: int | None = None) -> str:
    path = datasette.urls.path(f"/-/notice/{int(notice_id)}")
    return f"{path}?version={int(version)}" if version is not None else path


async def rows(db, sql: str, params=None, **kwargs) -> list[dict[str, Any]]:
    return [dict(row) for row in (await db.execute(sql, params or [], **kwargs)).rows]
