/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-people-csv.h"
#include "psr-test-utils.h"

/* Importing every person of a large database from CSV into an empty one:
 * the file is Passerelle's own export, read and applied as the Trainees
 * page does, next to sqlite3's ".import" of the same file into a table of
 * its own (the sqlite3 program, started for it). Prints the medians in ms:
 *
 *   import-people-csv-ms N PASSERELLE SQLITE3-IMPORT
 *
 *   bench-people-import [DATABASE]
 *
 * Without a database, generates one of 100,000 trainees first. */

#define RUNS 3

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof (double), compare_doubles);
  return values[RUNS / 2];
}

static char *
generate_large (const char *dir)
{
  PsrGenerateOptions options = { 100000, 0, 0, 1 };
  char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);

  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

static GBytes *
export_people (const char *path,
               guint      *n_people)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();

  g_assert_no_error (error);
  *n_people = psr_test_query_int (db, "SELECT count(*) FROM people");
  psr_people_csv_export (db, NULL, 0, output, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = argc > 1 ? g_strdup (argv[1]) : generate_large (dir);
  g_autofree char *csv_path = g_build_filename (dir, "people.csv", NULL);
  g_autoptr(GBytes) csv = NULL;
  double passerelle_ms[RUNS], sqlite_ms[RUNS];
  guint n_people;

  csv = export_people (path, &n_people);
  g_file_set_contents (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), &error);
  g_assert_no_error (error);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *name = g_strdup_printf ("import-%u.db", run);
      g_autofree char *raw_name = g_strdup_printf ("sqlite3-%u.db", run);
      g_autofree char *target = g_build_filename (dir, name, NULL);
      g_autofree char *raw_target = g_build_filename (dir, raw_name, NULL);
      const char *sqlite_argv[] = { "sqlite3", raw_target, "-cmd", ".mode csv", NULL, NULL };
      g_autofree char *import = g_strdup_printf (".import '%s' people", csv_path);
      g_autoptr(PsrDatabase) db = psr_database_open (target, &error);
      g_autoptr(PsrPeopleCsv) preview = NULL;
      g_autoptr(GTimer) timer = NULL;
      int status;

      g_assert_no_error (error);
      timer = g_timer_new ();
      preview = psr_people_csv_read (db, csv, &error);
      g_assert_no_error (error);
      psr_people_csv_apply (preview, NULL, &error);
      g_assert_no_error (error);
      passerelle_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, n_people);

      sqlite_argv[4] = import;
      g_timer_start (timer);
      g_spawn_sync (NULL, (char **) sqlite_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                    NULL, &status, &error);
      g_assert_no_error (error);
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
      sqlite_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
    }

  g_print ("# people  passerelle-ms  sqlite3-import-ms (median of %u runs)\n", RUNS);
  g_print ("import-people-csv-ms %u %.1f %.1f\n", n_people, median (passerelle_ms),
           median (sqlite_ms));

  psr_test_remove_dir (dir);
  return 0;
}
