/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-overview.h"
#include "psr-person.h"
#include "psr-planning.h"
#include "psr-record-model.h"
#include "psr-test-utils.h"

/* Opening the store and loading the overview on a large database: what a
 * trainer waits for at every start. Prints one line per figure, in ms,
 * the median of several runs, and the references measured on a bare
 * SQLite connection to the same file: the list of every trainee in the
 * same order, and counting the trainees, the least the overview shows.
 * The recent activity, part of the overview, is also timed alone; then the
 * Trainees page's search, as a name is typed one letter at a time.
 *
 *   bench-overview [DATABASE]
 *
 * Without a database, generates one of 100,000 trainees, 10,000 scenarios
 * and 2,000 sessions first. */

#define RUNS 9

/* A name typed one letter at a time. */
static const char * const keystrokes[] = { "m", "ma", "mar", "mart", "marti", "martin" };

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

static sqlite3_stmt *
prepare_bare (sqlite3    *bare,
              const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (bare, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  return stmt;
}

static guint
step_all (sqlite3_stmt *stmt)
{
  guint n_rows = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_rows++;
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return n_rows;
}

static char *
generate_large (const char *dir)
{
  PsrGenerateOptions options = { 100000, 10000, 2000, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);

  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_print ("# generated %u trainees, %u scenarios, %u sessions in %.1f s\n", options.trainees,
           options.scenarios, options.sessions, g_timer_elapsed (timer, NULL));
  return path;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  double open_ms[RUNS], overview_ms[RUNS], activity_ms[RUNS], list_ms[RUNS], bare_list_ms[RUNS];
  double count_ms[RUNS], search_ms[RUNS], slowest_ms[RUNS];
  double keystroke_ms[G_N_ELEMENTS (keystrokes)][RUNS];
  sqlite3 *bare = NULL;
  sqlite3_stmt *list_stmt, *count_stmt;
  guint n_people;
  GDate today;

  if (argc > 1)
    {
      path = g_strdup (argv[1]);
    }
  else
    {
      dir = psr_test_make_dir ();
      path = generate_large (dir);
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  g_assert_cmpint (sqlite3_open_v2 (path, &bare, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  list_stmt = prepare_bare (bare,
                            "SELECT id FROM people"
                            " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE");
  count_stmt = prepare_bare (bare, "SELECT count(*) FROM people WHERE is_trainer = 0");
  n_people = step_all (list_stmt);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
      g_autoptr(PsrOverview) overview = NULL;
      g_autoptr(PsrRecordModel) people = NULL;
      g_autoptr(GPtrArray) activities = NULL;

      g_assert_no_error (error);
      open_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      g_timer_start (timer);
      overview = psr_overview_load (db, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (psr_overview_get_n_trainees (overview), >, 0);
      overview_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      /* Its recent activity alone, part of the figure above. */
      g_timer_start (timer);
      activities = psr_activity_list_recent (db, NULL, PSR_OVERVIEW_ACTIVITY_MAX, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (activities->len, >, 0);
      activity_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      /* The list of every trainee, and the rows a window shows at first. */
      g_timer_start (timer);
      people = psr_record_model_new (db, PSR_TYPE_PERSON);
      psr_record_model_reload (people, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (people)), ==, n_people);
      for (guint i = 0; i < 50; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (people), i));
      list_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      /* Each keystroke: the search, and the rows a window shows. */
      search_ms[run] = slowest_ms[run] = 0;
      for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
        {
          g_autoptr(GListModel) found = NULL;
          double ms;

          g_timer_start (timer);
          found = psr_planning_search_people (db, keystrokes[k], FALSE, &error);
          g_assert_no_error (error);
          for (guint i = 0; i < MIN (50, g_list_model_get_n_items (found)); i++)
            g_object_unref (g_list_model_get_item (found, i));
          ms = g_timer_elapsed (timer, NULL) * 1000;
          if (k == 0)
            g_assert_cmpuint (g_list_model_get_n_items (found), >, 0);
          keystroke_ms[k][run] = ms;
          search_ms[run] += ms / G_N_ELEMENTS (keystrokes);
          slowest_ms[run] = MAX (slowest_ms[run], ms);
        }

      g_timer_start (timer);
      step_all (list_stmt);
      bare_list_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      g_timer_start (timer);
      step_all (count_stmt);
      count_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
    }

  g_print ("open-store-ms %.2f\n", median (open_ms));
  g_print ("load-overview-ms %.2f\n", median (overview_ms));
  g_print ("recent-activity-ms %.2f\n", median (activity_ms));
  g_print ("bare-count-trainees-ms %.2f\n", median (count_ms));
  g_print ("list-%u-people-first-50-rows-ms %.2f\n", n_people, median (list_ms));
  g_print ("bare-list-%u-people-ms %.2f\n", n_people, median (bare_list_ms));
  g_print ("search-people-per-keystroke-ms %.2f\n", median (search_ms));
  g_print ("search-people-slowest-keystroke-ms %.2f\n", median (slowest_ms));
  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    g_print ("search-people-%s-ms %.2f\n", keystrokes[k], median (keystroke_ms[k]));

  sqlite3_finalize (list_stmt);
  sqlite3_finalize (count_stmt);
  sqlite3_close (bare);
  if (dir != NULL)
    psr_test_remove_dir (dir);
  return 0;
}
