/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-target.h"
#include "psr-error.h"
#include "psr-test-utils.h"
#include "psr-twee.h"

/* Imports each input as the rehearsal of one scenario, in one database kept
 * for the whole run. A refused input must come with a message and change
 * nothing; an accepted one must export, import into a second scenario and
 * export again to the same text, but for the lines naming the scenario. */

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
  psr_test_exec (database,
                 "INSERT INTO scenarios (uuid, title) VALUES"
                 " ('3f0c8a52-6d1e-4b8f-9a7c-2e5d1b0f4a61', 'First'),"
                 " ('b7e2d9c4-1a3f-4e6b-8c5d-7f9a0b2c3d4e', 'Second')");
  return database;
}

static gint64
count_rows (PsrDatabase *db)
{
  return psr_test_query_int (db,
                             "SELECT (SELECT count(*) FROM rehearsal_nodes)"
                             " + (SELECT count(*) FROM rehearsal_choices)");
}

static char *
export_text (PsrDatabase *db,
             gint64       scenario_id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  psr_twee_export (db, scenario_id, output, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* From the first passage after StoryData on: the same for both scenarios. */
static const char *
passages (const char *twee)
{
  const char *end = strstr (twee, "\n}\n\n");

  g_assert_nonnull (end);
  return end + 4;
}

static void
clear_rehearsals (PsrDatabase *db)
{
  psr_test_exec (db, "DELETE FROM rehearsal_nodes");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PsrDatabase *db = get_database ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gint64 before = count_rows (db);

  if (!psr_twee_import (db, 1, bytes, &error))
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, PSR_ERROR);
      g_assert_cmpint (count_rows (db), ==, before);
      return 0;
    }

  g_assert_no_error (error);
  first = export_text (db, 1);
  again = g_bytes_new_static (first, strlen (first));
  psr_twee_import (db, 2, again, &error);
  g_assert_no_error (error);
  second = export_text (db, 2);
  g_assert_cmpstr (passages (first), ==, passages (second));
  clear_rehearsals (db);
  return 0;
}
