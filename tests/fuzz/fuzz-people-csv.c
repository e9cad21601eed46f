/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "fuzz-target.h"
#include "psr-error.h"
#include "psr-people-csv.h"
#include "psr-test-utils.h"

/* Reads each input as a list of people into one database, kept for the
 * whole run. A refused input must come with a message and change nothing;
 * a preview without bad rows must apply, with counts that add up to its
 * rows, then export and read again without bad rows. What was imported is
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
  /* Someone already there, for the matches. */
  psr_test_exec (database,
                 "INSERT INTO people (id, uuid, given_name, family_name, email)"
                 " VALUES (1, '00000000-0000-4000-8000-000000000001', 'Marie', 'Curie',"
                 " 'marie@example.fr')");
  return database;
}

static gint64
count_people (PsrDatabase *db)
{
  return psr_test_query_int (db, "SELECT count(*) FROM people");
}

static GBytes *
export_bytes (PsrDatabase *db)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  psr_people_csv_export (db, NULL, 0, output, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  PsrDatabase *db = get_database ();
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autoptr(PsrPeopleCsv) again = NULL;
  g_autoptr(GBytes) exported = NULL;
  PsrPeopleCsvCounts counts;
  gint64 before = count_people (db);

  csv = psr_people_csv_read (db, bytes, &error);
  if (csv == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, PSR_ERROR);
      g_assert_cmpint (count_people (db), ==, before);
      return 0;
    }

  /* Every cell is readable, every line within the file. */
  for (guint row = 0; row < psr_people_csv_get_n_rows (csv); row++)
    {
      g_assert_cmpuint (psr_people_csv_get_row_line (csv, row), >=, 2);
      for (guint column = 0; column < psr_people_csv_get_n_columns (csv); column++)
        g_assert_true (g_utf8_validate (psr_people_csv_get_cell (csv, row, column), -1, NULL));
    }

  psr_people_csv_set_all_decisions (csv, PSR_PEOPLE_CSV_MERGE);
  if (!psr_people_csv_apply (csv, &counts, &error))
    {
      g_assert_nonnull (error);
      g_assert_cmpuint (error->domain, ==, PSR_ERROR);
      g_assert_cmpint (count_people (db), ==, before);
      return 0;
    }

  g_assert_cmpuint (counts.added + counts.merged + counts.kept, ==, psr_people_csv_get_n_rows (csv));
  g_assert_cmpint (count_people (db), ==, before + counts.added);

  /* What was imported exports to a file that reads without bad rows. */
  exported = export_bytes (db);
  again = psr_people_csv_read (db, exported, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (psr_people_csv_get_problems (again)->len, ==, 0);
  g_clear_pointer (&again, psr_people_csv_unref);

  psr_test_exec (db, "DELETE FROM people WHERE id != 1;"
                     "UPDATE people SET given_name = 'Marie', family_name = 'Curie', phone = '',"
                     " organisation = '', job = '', country = '', language = 'fr', notes = ''"
                     " WHERE id = 1");
  return 0;
}
