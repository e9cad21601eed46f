/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-target.h"
#include "psr-error.h"
#include "psr-moodle-csv.h"
#include "psr-test-utils.h"

/* Imports each input into one database, kept for the whole run. A refused
 * input must come with a message and change nothing; an accepted one must
 * export, import and export again to the same text. What was imported is
 * then deleted, so that the database stays small. */

static char *folder;
static PsrDatabase *database;

static void
remove_database (void)
{
  g_clear_object (&database);
  psr_test_remove_dir (folder);
  g_clear_pointer (&folder, g_free);
}

static PsrDatabase *
get_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (database != NULL)
    return database;

  folder = psr_test_make_dir ();
  path = g_build_filename (folder, "fuzz.db", NULL);
  database = psr_database_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_database);

  /* Speed over durability: nothing here has to survive a crash. */
  psr_test_exec (database, "PRAGMA synchronous = OFF");
  return database;
}

static gint64
count_rows (PsrDatabase *db)
{
  return psr_test_query_int (db,
                             "SELECT (SELECT count(*) FROM frameworks)"
                             " + (SELECT count(*) FROM competencies)"
                             " + (SELECT count(*) FROM scales)"
                             " + (SELECT count(*) FROM scale_levels)");
}

static char *
export_text (PsrDatabase *db,
             gint64       framework_id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  psr_moodle_csv_export (db, framework_id, output, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
delete_framework (PsrDatabase *db,
                  gint64       framework_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  gint64 scale_id = 0;

  stmt = psr_database_prepare (db, "SELECT coalesce (scale_id, 0) FROM frameworks WHERE id = ?1",
                               &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, framework_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    scale_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* The tree goes with the framework, the levels with the scale. */
  stmt = psr_database_prepare (db, "DELETE FROM frameworks WHERE id = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, framework_id);
  psr_database_step_done (db, stmt, &error);
  g_assert_no_error (error);

  stmt = psr_database_prepare (db, "DELETE FROM scales WHERE id = ?1", &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, scale_id);
  psr_database_step_done (db, stmt, &error);
  g_assert_no_error (error);
}

static void
check_round_trip (PsrDatabase *db,
                  gint64       framework_id)
{
  g_autofree char *first = export_text (db, framework_id);
  g_autoptr(GBytes) bytes = g_bytes_new_static (first, strlen (first));
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  gint64 again;

  again = psr_moodle_csv_import (db, bytes, &error);
  g_assert_no_error (error);
  second = export_text (db, again);
  g_assert_cmpstr (first, ==, second);
  delete_framework (db, again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PsrDatabase *db = get_database ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (db);
  gint64 framework_id;

  framework_id = psr_moodle_csv_import (db, bytes, &error);
  if (framework_id == 0)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, PSR_ERROR);
      g_assert_cmpint (count_rows (db), ==, before);
      return 0;
    }

  g_assert_no_error (error);
  check_round_trip (db, framework_id);
  delete_framework (db, framework_id);
  g_assert_cmpint (count_rows (db), ==, before);
  return 0;
}
