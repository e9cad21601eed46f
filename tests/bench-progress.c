/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-progress.h"
#include "psr-satisfaction.h"
#include "psr-test-utils.h"

/* What the Overview's "needs action", a trainee's page and the yearly
 * indicators cost on a large database: 100,000 trainees, 2,000 sessions,
 * and attendance filled up to 1,000,000 rows, with signatures for most of
 * the slots over and end-of-session responses from half of the trainees.
 * Prints one line per figure, in ms, the median of several runs.
 *
 *   bench-progress [DATABASE]
 *
 * A DATABASE given is used as it is. */

#define RUNS 9

/* Random UUIDs, in SQL. */
#define UUID "(lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (2)) || '-' || hex (randomblob (2)) || '-'" \
             " || hex (randomblob (6))))"

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
  PsrGenerateOptions options = { 100000, 1000, 2000, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);

  g_assert_no_error (error);
  psr_generate (db, &options, NULL, NULL, &error);
  g_assert_no_error (error);

  psr_test_exec (db, "BEGIN");
  /* Up to 100 people per slot: attendance as a large school would have
   * after years. */
  psr_test_exec (db,
                 "INSERT OR IGNORE INTO attendance (uuid, slot_id, person_id, status)"
                 " SELECT " UUID ", sl.id, ((sl.id * 131 + k.n * 997) % 100000) + 1,"
                 " CASE WHEN k.n % 10 = 0 THEN 'absent' ELSE 'present' END"
                 " FROM session_slots sl,"
                 " (WITH RECURSIVE k (n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 99)"
                 "  SELECT n FROM k) k");
  /* The enrolled trainees signed the slots over, but for one in twenty;
   * a trainer countersigned all but one slot in fifty. */
  psr_test_exec (db,
                 "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes,"
                 " signed_at, previous_hash, hash)"
                 " SELECT " UUID ", s.id, sl.id, e.person_id, 'trainee', x'00',"
                 " sl.day || 'T09:00:00Z', '', hex (randomblob (16))"
                 " FROM sessions s JOIN session_slots sl ON sl.session_id = s.id"
                 " JOIN enrollments e ON e.session_id = s.id AND e.status = 'enrolled'"
                 " WHERE s.status IN ('running', 'done') AND sl.day < date ('now')"
                 " AND (sl.id + e.person_id) % 20 != 0");
  psr_test_exec (db,
                 "INSERT INTO signatures (uuid, session_id, slot_id, person_id, role, strokes,"
                 " signed_at, previous_hash, hash)"
                 " SELECT " UUID ", s.id, sl.id, NULL, 'trainer', x'00',"
                 " sl.day || 'T09:00:00Z', '', hex (randomblob (16))"
                 " FROM sessions s JOIN session_slots sl ON sl.session_id = s.id"
                 " WHERE s.status IN ('running', 'done') AND sl.day < date ('now')"
                 " AND sl.id % 50 != 0");
  psr_test_exec (db,
                 "INSERT INTO satisfaction_responses (uuid, session_id, person_id, kind)"
                 " SELECT " UUID ", e.session_id, e.person_id, 'hot' FROM enrollments e"
                 " JOIN sessions s ON s.id = e.session_id"
                 " WHERE s.status = 'done' AND e.status = 'enrolled' AND e.person_id % 2 = 0");
  psr_test_exec (db,
                 "INSERT INTO satisfaction_answers (response_id, question, rating)"
                 " SELECT id, 'overall', 1 + id % 5 FROM satisfaction_responses");
  psr_test_exec (db, "COMMIT");
  psr_test_exec (db, "ANALYZE");

  g_print ("# generated %u trainees, %u sessions, %" G_GINT64_FORMAT " attendance rows,"
           " %" G_GINT64_FORMAT " signatures in %.1f s\n",
           options.trainees, options.sessions,
           psr_test_query_int (db, "SELECT count(*) FROM attendance"),
           psr_test_query_int (db, "SELECT count(*) FROM signatures"),
           g_timer_elapsed (timer, NULL));
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
  g_autoptr(PsrDatabase) db = NULL;
  double needs_ms[RUNS], indicators_ms[RUNS], summary_ms[RUNS], positioning_ms[RUNS];
  gint64 busiest_trainee, busiest_session;

  if (argc > 1)
    {
      path = g_strdup (argv[1]);
    }
  else
    {
      dir = psr_test_make_dir ();
      path = generate_large (dir);
    }

  db = psr_database_open (path, &error);
  g_assert_no_error (error);
  busiest_trainee = psr_test_query_int (db,
                                        "SELECT person_id FROM enrollments GROUP BY person_id"
                                        " ORDER BY count(*) DESC LIMIT 1");
  busiest_session = psr_test_query_int (db,
                                        "SELECT session_id FROM enrollments GROUP BY session_id"
                                        " ORDER BY count(*) DESC LIMIT 1");

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      g_autoptr(PsrNeedsAction) needs = NULL;
      g_autoptr(PsrTraineeSummary) summary = NULL;
      g_autoptr(PsrPositioningSummary) positioning = NULL;
      PsrIndicators indicators;

      needs = psr_needs_action_load (db, now, &error);
      g_assert_no_error (error);
      needs_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
      if (run == 0)
        g_print ("# needs action: %u unsigned slots in %u sessions, %u trainees without"
                 " positioning before, %u after, %u without a response\n",
                 needs->counts[PSR_NEED_UNSIGNED_SLOTS],
                 needs->session_ids[PSR_NEED_UNSIGNED_SLOTS]->len,
                 needs->counts[PSR_NEED_POSITIONING_BEFORE],
                 needs->counts[PSR_NEED_POSITIONING_AFTER],
                 needs->counts[PSR_NEED_SATISFACTION]);

      g_timer_start (timer);
      g_assert_true (psr_indicators_compute (db, g_date_time_get_year (now), &indicators, &error));
      g_assert_no_error (error);
      indicators_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      g_timer_start (timer);
      summary = psr_trainee_summary_load (db, busiest_trainee, now, &error);
      g_assert_no_error (error);
      summary_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

      g_timer_start (timer);
      positioning = psr_session_get_positioning_summary (db, busiest_session, &error);
      g_assert_no_error (error);
      positioning_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
    }

  g_print ("needs-action-ms %.2f\n", median (needs_ms));
  g_print ("indicators-of-the-year-ms %.2f\n", median (indicators_ms));
  g_print ("trainee-summary-ms %.2f\n", median (summary_ms));
  g_print ("session-positioning-summary-ms %.2f\n", median (positioning_ms));

  g_clear_object (&db);
  if (dir != NULL)
    psr_test_remove_dir (dir);
  return 0;
}
