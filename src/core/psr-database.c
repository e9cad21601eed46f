/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "psr-core-resources.h"
#include "psr-database-private.h"
#include "psr-error.h"

/* "PSR1": marks a file as a Passerelle database, whatever its version. */
#define PSR_APPLICATION_ID 0x50535231

#define MIGRATIONS_PATH "/fr/universcience/Passerelle/core/migrations/"

/* Released migrations are never edited: a change to the schema is a new file
 * appended here and to the resource file. */
static const char * const migrations[] = {
  "0001-initial.sql",
  "0002-signature-anchor.sql",
  "0003-anonymous-counts.sql",
  "0004-content-translations.sql",
  "0005-activity-indexes.sql",
};

struct _PsrDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;
  guint       transaction_depth;
};

G_DEFINE_FINAL_TYPE (PsrDatabase, psr_database, G_TYPE_OBJECT)

gboolean
psr_set_error_from_sqlite (GError  **error,
                           sqlite3  *db,
                           int       rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PSR_ERROR, PSR_ERROR_BUSY,
                   _("The database is in use by another program. Close the other program, "
                     "then try again."));
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, PSR_ERROR, PSR_ERROR_READ_ONLY,
                   _("The database cannot be written to. Check that the file and its folder "
                     "are not read-only."));
      break;

    case SQLITE_FULL:
      g_set_error (error, PSR_ERROR, PSR_ERROR_DISK_FULL,
                   _("The disk is full. Free some space, then try again; nothing was changed."));
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PSR_ERROR, PSR_ERROR_DAMAGED,
                   _("The database file is damaged or is not a Passerelle database. "
                     "Restore a backup to go on."));
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN,
                   _("The database file cannot be opened. Check that it exists and that "
                     "you are allowed to read it."));
      break;

    case SQLITE_CONSTRAINT:
      switch (rc)
        {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                       _("A record with the same identifier already exists (%s)."), detail);
          break;

        case SQLITE_CONSTRAINT_FOREIGNKEY:
          g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                       _("This change would break a link between records: another record still "
                         "points to this one, or this one points to a record that does not exist. "
                         "Nothing was changed."));
          break;

        case SQLITE_CONSTRAINT_NOTNULL:
          g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                       _("A required value is missing (%s)."), detail);
          break;

        default:
          g_set_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT,
                       _("A value is not allowed here (%s)."), detail);
          break;
        }
      break;

    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_NOMEM)
        g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("Not enough memory to go on."));
      else
        g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED,
                     _("The disk could not be read or written. Check the disk, then try "
                       "again (%s)."), detail);
      break;

    default:
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED,
                   _("The database reported an error: %s."), detail);
      break;
    }

  return FALSE;
}

char *
psr_uuid_new (void)
{
  return g_uuid_string_random ();
}

char *
psr_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

  /* Milliseconds, as the schema's defaults write them. */
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (now) / 1000);
}

char *
psr_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "passerelle", "passerelle.db", NULL);
}

int
psr_database_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

static void
psr_database_finalize (GObject *object)
{
  PsrDatabase *self = (PsrDatabase *)object;

  /* Statements first: sqlite3_close refuses a handle with live statements. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      if (self->transaction_depth > 0)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (self->db);
    }
  g_free (self->path);

  G_OBJECT_CLASS (psr_database_parent_class)->finalize (object);
}

static void
psr_database_class_init (PsrDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_database_finalize;

  /* Registered here rather than by a constructor, which a static library
   * would leave out of the programs that link it. */
  psr_core_register_resource ();
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
psr_database_init (PsrDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
}

sqlite3 *
psr_database_get_handle (PsrDatabase *self)
{
  g_return_val_if_fail (PSR_IS_DATABASE (self), NULL);

  return self->db;
}

const char *
psr_database_get_path (PsrDatabase *self)
{
  g_return_val_if_fail (PSR_IS_DATABASE (self), NULL);

  return self->path;
}

/* Statements are prepared once and kept: the caller must not finalize them,
 * and must not hold one across another use of the same SQL. */
sqlite3_stmt *
psr_database_prepare (PsrDatabase  *self,
                      const char   *sql,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      psr_set_error_from_sqlite (error, self->db, rc);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
psr_database_step_done (PsrDatabase   *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      psr_set_error_from_sqlite (error, self->db, rc);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

/* For fixed statements of the project only (pragmas, transaction control,
 * migration scripts): values always go through psr_database_prepare(). */
gboolean
psr_database_exec (PsrDatabase  *self,
                   const char   *sql,
                   GError      **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return psr_set_error_from_sqlite (error, self->db, rc);

  return TRUE;
}

void
psr_database_set_busy_timeout (PsrDatabase *self,
                               int          milliseconds)
{
  g_return_if_fail (PSR_IS_DATABASE (self));

  sqlite3_busy_timeout (self->db, milliseconds);
}

gint64
psr_database_last_id (PsrDatabase *self)
{
  return sqlite3_last_insert_rowid (self->db);
}

/* Nested calls become savepoints, so a helper that needs a transaction can
 * be called both alone and inside a larger change. */
gboolean
psr_database_begin (PsrDatabase  *self,
                    GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (self), FALSE);

  if (!psr_database_exec (self, self->transaction_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT psr",
                          error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

gboolean
psr_database_commit (PsrDatabase  *self,
                     GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (!psr_database_exec (self, self->transaction_depth == 1 ? "COMMIT" : "RELEASE psr", error))
    {
      psr_database_rollback (self);
      return FALSE;
    }

  self->transaction_depth--;
  return TRUE;
}

void
psr_database_rollback (PsrDatabase *self)
{
  g_return_if_fail (PSR_IS_DATABASE (self));
  g_return_if_fail (self->transaction_depth > 0);

  if (self->transaction_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO psr; RELEASE psr", NULL, NULL, NULL);

  self->transaction_depth--;
}

static gboolean
query_int (sqlite3     *db,
           const char  *sql,
           int         *value,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return psr_set_error_from_sqlite (error, db, rc);

  return TRUE;
}

int
psr_database_get_version (PsrDatabase *self)
{
  int version = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (self), 0);

  query_int (self->db, "PRAGMA user_version", &version, NULL);
  return version;
}

gboolean
psr_database_is_empty (PsrDatabase *self)
{
  int empty = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (self), TRUE);

  query_int (self->db,
             "SELECT NOT EXISTS (SELECT 1 FROM frameworks) AND NOT EXISTS (SELECT 1 FROM curricula)"
             " AND NOT EXISTS (SELECT 1 FROM scenarios) AND NOT EXISTS (SELECT 1 FROM people)"
             " AND NOT EXISTS (SELECT 1 FROM sessions)",
             &empty, NULL);
  return empty != 0;
}

/* Creates the file with owner-only permissions before SQLite sees it, so the
 * database (and its -wal and -shm, which SQLite gives the same mode) is never
 * readable by others, not even for an instant. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, PSR_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? PSR_ERROR_READ_ONLY
                                                                 : PSR_ERROR_CANT_OPEN,
                   _("Could not create “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  g_close (fd, NULL);
  return TRUE;
}

static gboolean
ensure_private_folder (const char  *path,
                       GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PSR_ERROR, PSR_ERROR_CANT_OPEN,
                   _("Could not create the folder “%s”: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
migrate (PsrDatabase  *self,
         int           from,
         GError      **error)
{
  for (int version = from + 1; version <= (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *resource = g_strconcat (MIGRATIONS_PATH, migrations[version - 1], NULL);
      g_autofree char *pragmas = NULL;
      g_autoptr(GBytes) script = NULL;
      g_autoptr(GError) local_error = NULL;

      script = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
      if (script == NULL)
        g_error ("Migration %s is missing from the resources: %s", resource,
                 local_error->message);

      if (!psr_database_begin (self, error))
        return FALSE;

      /* Integers of our own, not input: safe to put in the text. */
      pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d",
                                 PSR_APPLICATION_ID, version);

      if (!psr_database_exec (self, g_bytes_get_data (script, NULL), error)
          || !psr_database_exec (self, pragmas, error)
          || !psr_database_commit (self, error))
        {
          if (self->transaction_depth > 0)
            psr_database_rollback (self);
          /* Translators: an explanation of the error follows. */
          g_prefix_error (error, _("The database could not be updated to the new version: "));
          return FALSE;
        }

      g_debug ("Database %s migrated to version %d", self->path, version);
    }

  return TRUE;
}

/* Reads what the file says it is without writing anything, so that a file we
 * refuse is left exactly as it was. */
static gboolean
check_identity (sqlite3     *db,
                int         *version,
                GError     **error)
{
  int application_id = 0;
  int tables = 0;

  if (!query_int (db, "PRAGMA application_id", &application_id, error)
      || !query_int (db, "PRAGMA user_version", version, error)
      || !query_int (db, "SELECT count(*) FROM sqlite_schema", &tables, error))
    return FALSE;

  if ((application_id != 0 && application_id != PSR_APPLICATION_ID)
      || (application_id == 0 && tables > 0))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_DAMAGED,
                   _("This file is not a Passerelle database."));
      return FALSE;
    }

  if (*version > psr_database_latest_version ())
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_TOO_NEW,
                   _("This database was written by a newer version of Passerelle. "
                     "Update Passerelle to open it; the file was left unchanged."));
      return FALSE;
    }

  return TRUE;
}

static sqlite3 *
open_handle (const char  *path,
             int          flags,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      psr_set_error_from_sqlite (error, db, rc);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

/**
 * psr_database_open:
 * @path: the database file; created with its folder when missing
 * @error: return location for a #PsrError
 *
 * Opens the database and brings its schema to the latest version, after a
 * backup. A file that is damaged, foreign, read-only or from a newer version
 * is refused and left untouched.
 */
PsrDatabase *
psr_database_open (const char  *path,
                   GError     **error)
{
  g_autoptr(PsrDatabase) self = NULL;
  int version = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ensure_private_folder (path, error))
    return NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && !create_private_file (path, error))
    return NULL;

  self = g_object_new (PSR_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  self->db = open_handle (path, SQLITE_OPEN_READWRITE, error);
  if (self->db == NULL)
    return NULL;

  if (sqlite3_db_readonly (self->db, "main") == 1)
    {
      psr_set_error_from_sqlite (error, self->db, SQLITE_READONLY);
      return NULL;
    }

  if (!check_identity (self->db, &version, error))
    return NULL;

  if (!psr_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (version < psr_database_latest_version ())
    {
      /* An empty file has nothing to save yet. */
      if (version > 0)
        {
          g_autofree char *backup = psr_database_backup (self, error);

          if (backup == NULL)
            {
              /* Translators: an explanation of the error follows. */
              g_prefix_error (error, _("No backup could be made before updating the database: "));
              return NULL;
            }
        }

      if (!migrate (self, version, error))
        return NULL;
    }

  /* Only now that the file is known to be ours and up to date: switching
   * the journal writes to its header. */
  if (!psr_database_exec (self, "PRAGMA journal_mode = WAL", error))
    return NULL;

  return g_steal_pointer (&self);
}

static char *
backup_prefix (const char *path)
{
  return g_strconcat (path, ".", NULL);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) b, *(const char * const *) a);
}

/* Newest first. Names sort by their timestamp. */
GPtrArray *
psr_database_list_backups (const char *path)
{
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = backup_prefix (base);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_steal_pointer (&backups);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_prefix (name, prefix) && g_str_has_suffix (name, ".backup"))
        g_ptr_array_add (backups, g_build_filename (folder, name, NULL));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* A backup interrupted by the end of its process (the session closed, the
 * power cut) leaves its partial copy, as large as the database. Those of
 * @path not written to for a while are gone with the next backup; a copy
 * another process is making now is left alone. */
#define PARTIAL_BACKUP_STALE_SECONDS (10 * 60)

static void
remove_stale_partials (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = backup_prefix (base);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix)
          || (!g_str_has_suffix (name, ".backup.partial")
              && !g_str_has_suffix (name, ".backup.partial-journal")))
        continue;

      file = g_build_filename (folder, name, NULL);
      if (g_stat (file, &st) == 0 && now - st.st_mtime > PARTIAL_BACKUP_STALE_SECONDS
          && g_unlink (file) != 0)
        g_warning ("Could not remove the unfinished backup %s: %s", file, g_strerror (errno));
    }
}

static void
prune_backups (const char *path)
{
  g_autoptr(GPtrArray) backups = psr_database_list_backups (path);

  remove_stale_partials (path);

  for (guint i = PSR_DATABASE_BACKUPS_KEPT; i < backups->len; i++)
    {
      if (g_unlink (g_ptr_array_index (backups, i)) != 0)
        g_warning ("Could not remove the old backup %s: %s",
                   (const char *) g_ptr_array_index (backups, i), g_strerror (errno));
    }
}

static char *
new_backup_path (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Microseconds keep two backups of the same second apart, and the names
   * in the order they were made. */
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S-%f");

  return g_strdup_printf ("%s.%s.backup", path, stamp);
}

/* Copies with SQLite's online backup into a temporary file renamed at the
 * end, so a backup interrupted half-way never looks like a finished one. */
static gboolean
copy_database (sqlite3     *source,
               const char  *destination,
               GError     **error)
{
  g_autofree char *partial = g_strconcat (destination, ".partial", NULL);
  sqlite3_backup *backup;
  sqlite3 *target;
  int rc;

  g_unlink (partial);
  if (!create_private_file (partial, error))
    return FALSE;

  target = open_handle (partial, SQLITE_OPEN_READWRITE, error);
  if (target == NULL)
    {
      g_unlink (partial);
      return FALSE;
    }

  backup = sqlite3_backup_init (target, "main", source, "main");
  if (backup == NULL)
    {
      psr_set_error_from_sqlite (error, target, sqlite3_errcode (target));
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }

  do
    rc = sqlite3_backup_step (backup, 256);
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      psr_set_error_from_sqlite (error, target, rc);
      sqlite3_close (target);
      g_unlink (partial);
      return FALSE;
    }

  /* A copy is a plain file: it must not depend on a -wal beside it. */
  sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (target);

  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("Could not write “%s”: %s"),
                   destination, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

gboolean
psr_database_backup_to (PsrDatabase  *self,
                        const char   *destination,
                        GError      **error)
{
  g_return_val_if_fail (PSR_IS_DATABASE (self), FALSE);

  return copy_database (self->db, destination, error);
}

char *
psr_database_backup (PsrDatabase  *self,
                     GError      **error)
{
  g_autofree char *destination = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (self), NULL);

  destination = new_backup_path (self->path);
  if (!copy_database (self->db, destination, error))
    return NULL;

  prune_backups (self->path);
  return g_steal_pointer (&destination);
}

/* For threads: a connection of its own, read-only. */
char *
psr_database_backup_file (const char  *path,
                          GError     **error)
{
  g_autofree char *destination = new_backup_path (path);
  sqlite3 *source;
  gboolean ok;

  source = open_handle (path, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return NULL;

  ok = copy_database (source, destination, error);
  sqlite3_close (source);
  if (!ok)
    return NULL;

  prune_backups (path);
  return g_steal_pointer (&destination);
}

gboolean
psr_database_needs_daily_backup (const char *path)
{
  g_autoptr(GPtrArray) backups = psr_database_list_backups (path);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *prefix = g_strconcat (path, ".", today, NULL);

  return backups->len == 0 || !g_str_has_prefix (g_ptr_array_index (backups, 0), prefix);
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  char *backup = psr_database_backup_file (task_data, &error);

  if (backup == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, backup, g_free);
}

void
psr_database_backup_file_async (const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, psr_database_backup_file_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

char *
psr_database_backup_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
copy_file (const char  *source,
           const char  *destination,
           GError     **error)
{
  g_autoptr(GFile) from = g_file_new_for_path (source);
  g_autoptr(GFile) to = g_file_new_for_path (destination);

  return g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error);
}

/* The file being replaced is kept, -wal included, under a name of its own:
 * restoring never destroys anything, even a damaged database. */
static gboolean
set_aside (const char  *path,
           GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.%s.before-restore", path, stamp);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (!copy_file (path, aside, error))
    return FALSE;

  if (g_file_test (wal, G_FILE_TEST_EXISTS) && !copy_file (wal, aside_wal, error))
    return FALSE;

  return TRUE;
}

/**
 * psr_database_restore:
 * @path: the database to replace; no connection to it may be open
 * @backup: a backup made by Passerelle
 *
 * Replaces the database by the backup, after checking the backup and keeping
 * the current file aside.
 */
gboolean
psr_database_restore (const char  *path,
                      const char  *backup,
                      GError     **error)
{
  g_autofree char *partial = g_strconcat (path, ".restoring", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *check = NULL;
  sqlite3 *source;
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  gboolean ok;

  source = open_handle (backup, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;

  ok = check_identity (source, &version, error);
  if (ok && sqlite3_prepare_v2 (source, "PRAGMA quick_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (ok && g_strcmp0 (check, "ok") != 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_DAMAGED,
                   _("The backup “%s” is damaged and cannot be restored."), backup);
      ok = FALSE;
    }

  ok = ok && set_aside (path, error) && copy_database (source, partial, error);
  sqlite3_close (source);
  if (!ok)
    return FALSE;

  /* A -wal left from the old file would be replayed over the restored one. */
  g_unlink (wal);
  g_unlink (shm);
  if (g_rename (partial, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}
