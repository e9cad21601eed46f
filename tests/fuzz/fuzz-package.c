/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-target.h"
#include "psr-error.h"
#include "psr-package.h"
#include "psr-test-utils.h"

/* Reads each input as a package into one database, kept for the whole run.
 * A refused input must come with a message and change nothing; an accepted
 * one is applied, exported and read back with nothing left to do. What was
 * imported is then deleted, so that the database stays small. */

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
                             "SELECT (SELECT count(*) FROM scenarios)"
                             " + (SELECT count(*) FROM scenario_phases)"
                             " + (SELECT count(*) FROM scenario_audiences)"
                             " + (SELECT count(*) FROM rehearsal_nodes)"
                             " + (SELECT count(*) FROM rehearsal_choices)");
}

static void
check_round_trip (PsrDatabase *db)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;

  psr_package_export (db, NULL, 0, output, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));

  plan = psr_package_read (db, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_package_plan_get_n_new (plan), ==, 0);
  g_assert_cmpuint (psr_package_plan_get_n_updates (plan), ==, 0);
  g_assert_cmpuint (psr_package_plan_get_n_conflicts (plan), ==, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PsrDatabase *db = get_database ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPackagePlan) plan = NULL;
  gint64 before = count_rows (db);

  plan = psr_package_read (db, bytes, &error);
  if (plan == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, PSR_ERROR);
      g_assert_cmpint (count_rows (db), ==, before);
      return 0;
    }

  g_assert_no_error (error);
  psr_package_apply (db, plan, PSR_PACKAGE_TAKE_INCOMING, &error);
  g_assert_no_error (error);
  check_round_trip (db);

  psr_test_exec (db, "DELETE FROM scenarios");
  g_assert_cmpint (count_rows (db), ==, before);
  return 0;
}
