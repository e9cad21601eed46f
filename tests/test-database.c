/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <time.h>
#include <utime.h>
#include <unistd.h>

#include "psr-error.h"
#include "psr-test-utils.h"

#define MIGRATIONS "/fr/universcience/Passerelle/core/migrations/"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = psr_test_make_dir ();
  /* A folder that does not exist yet: opening must create it. */
  fixture->path = g_build_filename (fixture->dir, "data", "passerelle.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static PsrDatabase *
open_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (db);
  return db;
}

static void
insert_person (PsrDatabase *db,
               const char  *given_name,
               const char  *email,
               GError     **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "INSERT INTO people (uuid, given_name, family_name, email) VALUES (?1, ?2, 'Test', ?3)", NULL);

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, given_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, email, -1, SQLITE_TRANSIENT);
  psr_database_step_done (db, stmt, error);
}

/* Opens a plain SQLite handle, outside of the store, to set files up. */
static sqlite3 *
raw_open (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  GStatBuf st;

  g_assert_cmpint (g_stat (fixture->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (psr_database_get_version (db), ==, psr_database_latest_version ());
  g_assert_cmpint (psr_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "PRAGMA application_id"), ==, 0x50535231);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM pragma_journal_mode"
                                           " WHERE journal_mode = 'wal'"), ==, 1);
  g_assert_true (psr_database_is_empty (db));

  /* The -wal beside it is as private as the database. */
  insert_person (db, "Camille", NULL, NULL);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

    g_assert_cmpint (g_stat (wal, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_false (psr_database_is_empty (db));
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  static const char *tables[] = {
    "settings", "scales", "scale_levels", "frameworks", "competencies", "curricula",
    "curriculum_objectives", "objective_competencies", "modules", "module_competencies",
    "scenarios", "scenario_audiences", "scenario_phases", "scenario_competencies",
    "module_scenarios", "rehearsal_nodes", "rehearsal_choices", "scenarios_fts", "people",
    "people_fts", "sessions", "session_slots", "session_trainers", "enrollments", "attendance",
    "signatures", "attachments", "module_progress", "rehearsal_runs", "positionings",
    "satisfaction_responses", "satisfaction_answers", "complaints", "improvement_actions",
  };
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = psr_database_prepare (db,
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", &error);

      g_assert_no_error (error);
      sqlite3_bind_text (stmt, 1, tables[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_int (stmt, 0) != 1)
        g_error ("Table %s is missing", tables[i]);
      sqlite3_reset (stmt);
    }

  /* Every record of the domain has a UUID and its timestamps. */
  g_assert_cmpint (psr_test_query_int (db,
    "SELECT count(*) FROM sqlite_schema s WHERE s.type = 'table' AND s.sql LIKE '%uuid%'"
    " AND NOT EXISTS (SELECT 1 FROM pragma_table_info(s.name) WHERE name = 'created_at')"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Builds a file at each released version, as that version of Passerelle
 * left it, and checks that opening brings it to the latest, after a backup. */
static void
test_migrate_from_each_version (Fixture       *fixture,
                                gconstpointer  data)
{
  g_auto(GStrv) names = g_resources_enumerate_children (MIGRATIONS, 0, NULL);
  guint n_migrations;

  g_assert_nonnull (names);
  n_migrations = g_strv_length (names);
  g_assert_cmpuint (n_migrations, ==, psr_database_latest_version ());
  qsort (names, n_migrations, sizeof (char *), compare_names);

  for (guint version = 0; version <= n_migrations; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", fixture->dir, version);
      g_autoptr(PsrDatabase) db = NULL;
      g_autoptr(GPtrArray) backups = NULL;
      sqlite3 *raw = raw_open (path);

      for (guint i = 0; i < version; i++)
        {
          g_autofree char *resource = g_strconcat (MIGRATIONS, names[i], NULL);
          g_autoptr(GBytes) script = g_resources_lookup_data (resource, 0, NULL);
          g_autofree char *pragma = g_strdup_printf ("PRAGMA application_id = %d;"
                                                     " PRAGMA user_version = %u",
                                                     0x50535231, i + 1);

          raw_exec (raw, g_bytes_get_data (script, NULL));
          raw_exec (raw, pragma);
        }
      sqlite3_close (raw);

      db = open_ok (path);
      g_assert_cmpint (psr_database_get_version (db), ==, psr_database_latest_version ());
      g_assert_cmpint (psr_test_query_int (db, "PRAGMA integrity_check = 1") , ==, 0);

      backups = psr_database_list_backups (path);
      /* Nothing to save in an empty file nor in an up-to-date one. */
      g_assert_cmpuint (backups->len, ==, version > 0 && version < n_migrations ? 1 : 0);
    }
}

static void
test_migration_failure_rolls_back (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PsrDatabase) db = NULL;
  sqlite3 *raw;

  /* A stray table with a name the first migration creates makes it fail
   * half-way: nothing of it may stay. */
  raw = raw_open (fixture->path);
  raw_exec (raw, "PRAGMA application_id = 1347637809; CREATE TABLE people (x)");
  sqlite3_close (raw);
  before = psr_test_file_checksum (fixture->path);

  db = psr_database_open (fixture->path, &error);
  g_assert_null (db);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_FAILED);

  raw = raw_open (fixture->path);
  {
    sqlite3_stmt *stmt = NULL;

    sqlite3_prepare_v2 (raw, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
  }
  sqlite3_close (raw);
  after = psr_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
expect_constraint (PsrDatabase *db,
                   const char  *sql)
{
  g_autoptr(GError) error = NULL;

  psr_database_exec (db, sql, &error);
  if (!g_error_matches (error, PSR_ERROR, PSR_ERROR_CONSTRAINT))
    g_error ("Expected a constraint error from: %s (got %s)", sql,
             error != NULL ? error->message : "no error");
}

static void
test_constraints (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;

  psr_test_exec (db,
    "INSERT INTO frameworks (id, uuid, title) VALUES (1, '00000000-0000-4000-8000-000000000001', 'F');"
    "INSERT INTO frameworks (id, uuid, title) VALUES (2, '00000000-0000-4000-8000-000000000002', 'G');"
    "INSERT INTO competencies (id, uuid, framework_id, kind, title)"
    " VALUES (1, '00000000-0000-4000-8000-000000000011', 1, 'field', 'Animer');"
    "INSERT INTO competencies (id, uuid, framework_id, parent_id, kind, title)"
    " VALUES (2, '00000000-0000-4000-8000-000000000012', 1, 1, 'competency', 'Accueillir');");

  /* The tree keeps its levels, inside one framework. */
  expect_constraint (db, "INSERT INTO competencies (uuid, framework_id, parent_id, kind, title)"
                         " VALUES ('00000000-0000-4000-8000-000000000013', 1, 1, 'indicator', 'x')");
  expect_constraint (db, "INSERT INTO competencies (uuid, framework_id, parent_id, kind, title)"
                         " VALUES ('00000000-0000-4000-8000-000000000014', 2, 1, 'competency', 'x')");
  expect_constraint (db, "INSERT INTO competencies (uuid, framework_id, kind, title)"
                         " VALUES ('00000000-0000-4000-8000-000000000015', 1, 'competency', 'x')");
  expect_constraint (db, "UPDATE competencies SET parent_id = 2 WHERE id = 2");

  /* A rehearsal's choices stay inside their scenario. */
  psr_test_exec (db, "INSERT INTO scenarios (id, uuid, title) VALUES"
                     " (2, '00000000-0000-4000-8000-000000000025', 'Lumière');"
                     "INSERT INTO rehearsal_nodes (id, uuid, scenario_id, name) VALUES"
                     " (1, '00000000-0000-4000-8000-000000000026', 2, 'start'),"
                     " (2, '00000000-0000-4000-8000-000000000027', 2, 'end')");
  psr_test_exec (db, "INSERT INTO rehearsal_choices (uuid, node_id, text, target_node_id)"
                     " VALUES ('00000000-0000-4000-8000-000000000028', 1, 'Écouter', 2)");

  /* A subtree goes with its root, while nothing uses it. */
  psr_test_exec (db,
    "INSERT INTO competencies (id, uuid, framework_id, kind, title)"
    " VALUES (3, '00000000-0000-4000-8000-000000000016', 2, 'field', 'Concevoir');"
    "INSERT INTO competencies (id, uuid, framework_id, parent_id, kind, title)"
    " VALUES (4, '00000000-0000-4000-8000-000000000017', 2, 3, 'competency', 'Écrire');"
    "INSERT INTO competencies (id, uuid, framework_id, parent_id, kind, title)"
    " VALUES (5, '00000000-0000-4000-8000-000000000018', 2, 4, 'indicator', 'Rédige');"
    "DELETE FROM frameworks WHERE id = 2");
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM competencies"
                                           " WHERE framework_id = 2"), ==, 0);

  /* A competency in use cannot be deleted, nor its field. */
  psr_test_exec (db, "INSERT INTO scenarios (id, uuid, title) VALUES"
                     " (1, '00000000-0000-4000-8000-000000000021', 'Volcans');"
                     "INSERT INTO scenario_competencies VALUES (1, 2)");
  expect_constraint (db, "DELETE FROM competencies WHERE id = 2");
  expect_constraint (db, "DELETE FROM competencies WHERE id = 1");

  psr_test_exec (db, "INSERT INTO rehearsal_nodes (id, uuid, scenario_id, name) VALUES"
                     " (3, '00000000-0000-4000-8000-000000000030', 1, 'ailleurs')");
  expect_constraint (db, "INSERT INTO rehearsal_choices (uuid, node_id, text, target_node_id)"
                         " VALUES ('00000000-0000-4000-8000-000000000029', 1, 'Fuir', 3)");

  /* Records need a UUID, a title, values from their lists. */
  expect_constraint (db, "INSERT INTO scenarios (uuid, title) VALUES ('short', 'x')");
  expect_constraint (db, "INSERT INTO scenarios (uuid, title) VALUES"
                         " ('00000000-0000-4000-8000-000000000022', '  ')");
  expect_constraint (db, "INSERT INTO scenarios (uuid, title, format) VALUES"
                         " ('00000000-0000-4000-8000-000000000023', 'x', 'rave')");
  expect_constraint (db, "INSERT INTO scenarios (uuid, title, age_min, age_max) VALUES"
                         " ('00000000-0000-4000-8000-000000000024', 'x', 12, 8)");

  /* People: a name; unique emails whatever the case; health data needs consent. */
  insert_person (db, "Amina", "amina@example.org", &error);
  g_assert_no_error (error);
  insert_person (db, "Amina", "AMINA@example.org", &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  expect_constraint (db, "INSERT INTO people (uuid) VALUES ('00000000-0000-4000-8000-000000000031')");
  expect_constraint (db, "INSERT INTO people (uuid, given_name, accessibility_needs) VALUES"
                         " ('00000000-0000-4000-8000-000000000032', 'Léa', 'Fauteuil')");

  /* Sessions: capacity above the minimum, a reason to cancel, half-days. */
  psr_test_exec (db, "INSERT INTO curricula (id, uuid, lineage_uuid, title) VALUES"
                     " (1, '00000000-0000-4000-8000-000000000041',"
                     "  '00000000-0000-4000-8000-000000000042', 'Animer un atelier')");
  expect_constraint (db, "INSERT INTO sessions (uuid, curriculum_id, capacity, min_trainees)"
                         " VALUES ('00000000-0000-4000-8000-000000000051', 1, 4, 5)");
  expect_constraint (db, "INSERT INTO sessions (uuid, curriculum_id, status) VALUES"
                         " ('00000000-0000-4000-8000-000000000052', 1, 'cancelled')");
  psr_test_exec (db, "INSERT INTO sessions (id, uuid, curriculum_id) VALUES"
                     " (1, '00000000-0000-4000-8000-000000000053', 1)");
  expect_constraint (db, "INSERT INTO session_slots (uuid, session_id, day, period, starts_at,"
                         " ends_at) VALUES ('00000000-0000-4000-8000-000000000061', 1,"
                         " '2026-11-24', 'evening', '18:00', '20:00')");
  expect_constraint (db, "INSERT INTO session_slots (uuid, session_id, day, period, starts_at,"
                         " ends_at) VALUES ('00000000-0000-4000-8000-000000000062', 1,"
                         " '24/11/2026', 'morning', '09:00', '12:00')");
  psr_test_exec (db, "INSERT INTO session_slots (uuid, session_id, day, period, starts_at,"
                     " ends_at) VALUES ('00000000-0000-4000-8000-000000000063', 1,"
                     " '2026-11-25', 'morning', '09:30', '12:30')");
  g_assert_cmpint (psr_test_query_int (db, "SELECT starts_on = '2026-11-25' FROM sessions"), ==, 1);

  /* The curriculum a session ran cannot disappear under it. */
  expect_constraint (db, "DELETE FROM curricula WHERE id = 1");
}

static void
test_rollback (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;

  /* A change that fails half-way leaves nothing behind. */
  g_assert_true (psr_database_begin (db, &error));
  insert_person (db, "Inès", "ines@example.org", &error);
  g_assert_no_error (error);
  insert_person (db, "Inès", "ines@example.org", &error);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);
  psr_database_rollback (db);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 0);

  /* Nested changes are savepoints: the inner one rolls back alone. */
  g_assert_true (psr_database_begin (db, &error));
  insert_person (db, "Outer", NULL, &error);
  g_assert_true (psr_database_begin (db, &error));
  insert_person (db, "Inner", NULL, &error);
  psr_database_rollback (db);
  g_assert_true (psr_database_commit (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"
                                           " WHERE given_name = 'Outer'"), ==, 1);
}

static void
assert_refused_untouched (const char *path,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = psr_test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  g_autoptr(GPtrArray) backups = NULL;

  g_assert_null (db);
  g_assert_error (error, PSR_ERROR, code);
  g_assert_nonnull (error->message);
  after = psr_test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  backups = psr_database_list_backups (path);
  g_assert_cmpuint (backups->len, ==, 0);
}

static void
test_newer_version_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             psr_database_latest_version () + 1);
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  sqlite3 *raw;

  g_clear_object (&db);
  raw = raw_open (fixture->path);
  raw_exec (raw, pragma);
  raw_exec (raw, "PRAGMA journal_mode = DELETE");
  sqlite3_close (raw);

  assert_refused_untouched (fixture->path, PSR_ERROR_TOO_NEW);
}

static void
test_damaged_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.db", NULL);
  guint8 garbage[8192];
  sqlite3 *raw;

  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0700), ==, 0);
  g_free (fixture->path);
  fixture->path = g_build_filename (fixture->dir, "garbage.db", NULL);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fixture->path, (const char *) garbage, sizeof garbage,
                                      NULL));
  assert_refused_untouched (fixture->path, PSR_ERROR_DAMAGED);

  /* A sound SQLite file of another program is not ours to change. */
  raw = raw_open (foreign);
  raw_exec (raw, "CREATE TABLE notes (text); INSERT INTO notes VALUES ('hello')");
  sqlite3_close (raw);
  assert_refused_untouched (foreign, PSR_ERROR_DAMAGED);
}

static void
test_read_only_refused (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);

  /* The superuser writes through any permission: nothing to test then. */
  if (geteuid () == 0)
    {
      g_test_skip ("file permissions do not apply to the superuser");
      return;
    }

  g_clear_object (&db);
  g_assert_cmpint (g_chmod (fixture->path, 0400), ==, 0);
  assert_refused_untouched (fixture->path, PSR_ERROR_READ_ONLY);
}

static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = raw_open (fixture->path);

  /* Another program in the middle of writing. */
  raw_exec (other, "BEGIN IMMEDIATE");
  psr_database_set_busy_timeout (db, 50);
  g_assert_false (psr_database_begin (db, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_BUSY);
  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);

  g_clear_error (&error);
  g_assert_true (psr_database_begin (db, &error));
  g_assert_true (psr_database_commit (db, &error));
  g_assert_no_error (error);
}

/* The copy a killed backup left is removed by the next backup once it is
 * old; a copy being made now by another process is not. */
static void
test_backup_stale_partial (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *stale = g_strconcat (fixture->path, ".2026-01-05-101010-000001.backup.partial",
                                        NULL);
  g_autofree char *journal = g_strconcat (stale, "-journal", NULL);
  g_autofree char *fresh = g_strconcat (fixture->path, ".2026-01-06-101010-000001.backup.partial",
                                        NULL);
  g_autofree char *backup = NULL;
  struct utimbuf old = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_true (g_file_set_contents (stale, "half a copy", -1, NULL));
  g_assert_true (g_file_set_contents (journal, "its journal", -1, NULL));
  g_assert_true (g_file_set_contents (fresh, "being written", -1, NULL));
  g_assert_cmpint (g_utime (stale, &old), ==, 0);
  g_assert_cmpint (g_utime (journal, &old), ==, 0);

  backup = psr_database_backup (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
}

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GPtrArray) aside = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_path_get_dirname (fixture->path);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf st;

  g_assert_true (psr_database_needs_daily_backup (fixture->path));
  insert_person (db, "Before", NULL, &error);
  backup = psr_database_backup (db, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (backup, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (psr_database_needs_daily_backup (fixture->path));

  insert_person (db, "After", NULL, &error);
  g_clear_object (&db);

  g_assert_true (psr_database_restore (fixture->path, backup, &error));
  g_assert_no_error (error);
  db = open_ok (fixture->path);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"
                                           " WHERE given_name = 'Before'"), ==, 1);
  g_clear_object (&db);

  /* What was replaced is kept aside, with its last changes. */
  dir = g_dir_open (folder, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".before-restore"))
      g_ptr_array_add (aside, g_build_filename (folder, name, NULL));
  g_assert_cmpuint (aside->len, ==, 1);
  db = open_ok (g_ptr_array_index (aside, 0));
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 2);
}

static void
test_restore_refuses_damaged_backup (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_strconcat (fixture->path, ".2026-01-01-000000-000000.backup", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  insert_person (db, "Kept", NULL, &error);
  g_clear_object (&db);
  g_assert_true (g_file_set_contents (backup, "not a database at all", -1, NULL));
  before = psr_test_file_checksum (fixture->path);

  g_assert_false (psr_database_restore (fixture->path, backup, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_DAMAGED);
  after = psr_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_backup_rotation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *newest = NULL;

  for (guint i = 0; i < PSR_DATABASE_BACKUPS_KEPT + 3; i++)
    {
      g_autoptr(GError) error = NULL;

      g_free (newest);
      newest = psr_database_backup (db, &error);
      g_assert_no_error (error);
    }

  backups = psr_database_list_backups (fixture->path);
  g_assert_cmpuint (backups->len, ==, PSR_DATABASE_BACKUPS_KEPT);
  g_assert_cmpstr (g_ptr_array_index (backups, 0), ==, newest);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_backup_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;

  insert_person (db, "Zoé", NULL, &error);

  /* In a thread, on its own connection, while this one stays open. */
  psr_database_backup_file_async (fixture->path, NULL, backup_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  backup = psr_database_backup_file_finish (result, &error);
  g_assert_no_error (error);
  g_clear_object (&db);
  db = open_ok (backup);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, 1);
}

static void
test_statement_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PsrDatabase) db = open_ok (fixture->path);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *first = psr_database_prepare (db, "SELECT count(*) FROM people", &error);
  sqlite3_stmt *second = psr_database_prepare (db, "SELECT count(*) FROM people", &error);

  g_assert_true (first == second);
  g_assert_null (psr_database_prepare (db, "SELECT nonsense FROM nowhere", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_FAILED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/database/create", test_create);
  ADD ("/database/schema", test_schema);
  ADD ("/database/migrate/from-each-version", test_migrate_from_each_version);
  ADD ("/database/migrate/failure-rolls-back", test_migration_failure_rolls_back);
  ADD ("/database/constraints", test_constraints);
  ADD ("/database/rollback", test_rollback);
  ADD ("/database/refuse/newer-version", test_newer_version_refused);
  ADD ("/database/refuse/damaged", test_damaged_refused);
  ADD ("/database/refuse/read-only", test_read_only_refused);
  ADD ("/database/busy", test_busy);
  ADD ("/database/backup/restore", test_backup_restore);
  ADD ("/database/backup/stale-partial", test_backup_stale_partial);
  ADD ("/database/backup/restore-damaged", test_restore_refuses_damaged_backup);
  ADD ("/database/backup/rotation", test_backup_rotation);
  ADD ("/database/backup/thread", test_backup_async);
  ADD ("/database/statement-cache", test_statement_cache);

#undef ADD

  return g_test_run ();
}
