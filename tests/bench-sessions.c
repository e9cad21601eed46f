/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

/* The planning of a large database: the conflicts shown when a session is
 * opened, and the sessions of a month or a week for the calendar. Prints
 * one line per figure, in ms. */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  PsrGenerateOptions options = { 10000, 100, 2000, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GDate) first = NULL;
  g_autoptr(GDate) last = NULL;
  sqlite3_stmt *stmt;
  guint n_conflicts = 0;
  double month_ms, week_ms;

  db = psr_database_open (path, &error);
  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);

  stmt = psr_database_prepare (db, "SELECT id FROM sessions ORDER BY id", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GPtrArray) conflicts = NULL;
      double ms;

      g_timer_start (timer);
      conflicts = psr_session_list_conflicts (db, g_array_index (ids, gint64, i), &error);
      ms = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      n_conflicts += conflicts->len;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);

  /* The busiest month of the planning, and its first week. */
  first = g_date_new ();
  g_date_set_julian (first, psr_test_query_int (db,
    "SELECT julianday(day) - 1721424.5 FROM session_slots GROUP BY substr(day, 1, 7)"
    " ORDER BY count(*) DESC, day LIMIT 1"));
  g_date_set_day (first, 1);
  last = g_date_copy (first);
  g_date_add_months (last, 1);
  g_date_subtract_days (last, 1);

  g_timer_start (timer);
  g_ptr_array_unref (psr_sessions_list_between (db, first, last, &error));
  month_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);

  g_date_subtract_days (last, g_date_get_day (last) - 7);
  g_timer_start (timer);
  g_ptr_array_unref (psr_sessions_list_between (db, first, last, &error));
  week_ms = g_timer_elapsed (timer, NULL) * 1000;
  g_assert_no_error (error);

  g_print ("# %u sessions, %u conflicts in all\n", ids->len, n_conflicts);
  g_print ("session-conflicts-median-ms %.2f\n", g_array_index (times, double, times->len / 2));
  g_print ("session-conflicts-max-ms %.2f\n", g_array_index (times, double, times->len - 1));
  g_print ("calendar-month-ms %.2f\n", month_ms);
  g_print ("calendar-week-ms %.2f\n", week_ms);

  g_clear_object (&db);
  psr_test_remove_dir (dir);
  return 0;
}
