/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <stdlib.h>

#include "psr-generate.h"
#include "psr-scenario-search.h"
#include "psr-test-utils.h"

/* Searching the scenario library as a trainer types, on 10,000 scenarios:
 * for each prefix, the search with what a list view shows at first (30
 * rows), next to the bare full-text query on its own connection, which is
 * the floor the search cannot go below. Prints the medians in ms and their
 * ratio. */

#define RUNS         15
#define ROWS_SHOWN   30

static const char * const typed[] = {
  "v", "vo", "vol", "volc", "volca", "lum", "lumi", "clim", "adn", "rob",
};

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

static guint
run_search (PsrDatabase *db,
            const char  *text)
{
  g_autoptr(GError) error = NULL;
  PsrScenarioQuery query = { .text = text, .sort = PSR_SCENARIO_SORT_RELEVANCE };
  g_autoptr(GListModel) model = psr_scenario_search (db, &query, &error);
  guint n_items;

  g_assert_no_error (error);
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < MIN (n_items, ROWS_SHOWN); i++)
    g_object_unref (g_list_model_get_item (model, i));
  return n_items;
}

/* The same words as the search gives FTS5, for a single prefix. */
static guint
run_bare (sqlite3_stmt *stmt,
          const char   *match)
{
  guint n_rows = 0;
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n_rows++;
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return n_rows;
}

int
main (int   argc,
      char *argv[])
{
  PsrGenerateOptions options = { 50, 10000, 10, 1 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(PsrDatabase) db = NULL;
  sqlite3 *bare = NULL;
  sqlite3_stmt *stmt = NULL;

  {
    g_autoptr(GTimer) timer = g_timer_new ();

    db = psr_database_open (path, &error);
    g_assert_no_error (error);
    psr_generate (db, &options, NULL, NULL, &error);
    g_assert_no_error (error);
    g_print ("# generated %u scenarios in %.1f s\n", options.scenarios,
             g_timer_elapsed (timer, NULL));
  }

  g_assert_cmpint (sqlite3_open_v2 (path, &bare, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (bare,
                                       "SELECT rowid FROM scenarios_fts WHERE scenarios_fts MATCH ?1"
                                       " ORDER BY bm25(scenarios_fts)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);

  g_print ("# prefix  results  search+%u-rows-ms  bare-fts5-ms  ratio\n", ROWS_SHOWN);
  for (guint t = 0; t < G_N_ELEMENTS (typed); t++)
    {
      g_autofree char *match = g_strdup_printf ("\"%s\"*", typed[t]);
      double search_ms[RUNS], bare_ms[RUNS];
      guint n_results, n_bare;

      /* Once untimed, so both start from a warm cache. */
      n_results = run_search (db, typed[t]);
      n_bare = run_bare (stmt, match);
      g_assert_cmpuint (n_results, ==, n_bare);

      for (guint run = 0; run < RUNS; run++)
        {
          g_autoptr(GTimer) timer = g_timer_new ();

          run_search (db, typed[t]);
          search_ms[run] = g_timer_elapsed (timer, NULL) * 1000;

          g_timer_start (timer);
          run_bare (stmt, match);
          bare_ms[run] = g_timer_elapsed (timer, NULL) * 1000;
        }

      {
        double search = median (search_ms), floor = median (bare_ms);

        g_print ("%-8s %8u %18.2f %13.2f %6.2f\n", typed[t], n_results, search, floor,
                 floor > 0 ? search / floor : 0);
      }
    }

  sqlite3_finalize (stmt);
  sqlite3_close (bare);
  g_clear_object (&db);
  psr_test_remove_dir (dir);
  return 0;
}
