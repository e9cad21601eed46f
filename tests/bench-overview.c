/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-overview.h"
#include "psr-person.h"
#include "psr-record-model.h"
#include "psr-test-utils.h"

/* Opening the store and loading the overview on a large database: what a
 * trainer waits for at every start. Prints one line per figure, in ms,
 * the median of several runs. */

#define RUNS 9

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

int
main (int   argc,
      char *argv[])
{
  PsrGenerateOptions options = { 100000, 10000, 2000, 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  double open_ms[RUNS], overview_ms[RUNS], list_ms[RUNS];
  GDate today;

  {
    g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
    g_autoptr(GTimer) timer = g_timer_new ();

    g_assert_no_error (error);
    psr_generate (db, &options, NULL, NULL, &error);
    g_assert_no_error (error);
    g_print ("# generated %u trainees, %u scenarios, %u sessions in %.1f s\n", options.trainees,
             options.scenarios, options.sessions, g_timer_elapsed (timer, NULL));
  }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
      g_autoptr(PsrOverview) overview = NULL;
      g_autoptr(PsrRecordModel) people = NULL;

      g_assert_no_error (error);
      open_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      g_timer_start (timer);
      overview = psr_overview_load (db, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (psr_overview_get_n_trainees (overview), >=, options.trainees);
      overview_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      /* The list of every trainee, and the rows a window shows at first. */
      g_timer_start (timer);
      people = psr_record_model_new (db, PSR_TYPE_PERSON);
      psr_record_model_reload (people, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < 50; i++)
        g_object_unref (g_list_model_get_item (G_LIST_MODEL (people), i));
      list_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
    }

  g_print ("open-store-ms %.2f\n", median (open_ms));
  g_print ("load-overview-ms %.2f\n", median (overview_ms));
  g_print ("list-100000-people-first-50-rows-ms %.2f\n", median (list_ms));

  psr_test_remove_dir (dir);
  return 0;
}
