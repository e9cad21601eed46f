/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psr-test-utils.h"

/* Kills passerelle-cli with SIGKILL at random moments while it imports
 * frameworks, hundreds of times. After each kill the database must pass
 * SQLite's integrity check, hold every import the command reported done,
 * and hold no import half-way: a framework is there whole or not at all. */

#define RUNS 200

typedef struct
{
  char  *dir;
  char  *path;
  char  *csv;
  GRand *rand;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->csv = g_test_build_filename (G_TEST_DIST, "data", "moodle-framework.csv", NULL);
  /* A fixed seed by default: a failure can be run again as it was. */
  fixture->rand = g_rand_new_with_seed (g_test_rand_int ());
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->csv);
  g_rand_free (fixture->rand);
}

/* Runs an import, kills it after @delay_us unless it is done, and returns
 * what it printed: the UUID of the framework once it is committed. */
static char *
import_and_kill (Fixture *fixture,
                 gulong   delay_us)
{
  const char *argv[] = { g_getenv ("PASSERELLE_CLI"), "--database", fixture->path,
                         "framework", "import", fixture->csv, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  GPid pid;
  int out_fd, status;
  char buffer[512];
  gssize n;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  g_usleep (delay_us);
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  while ((n = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (out, buffer, n);
  close (out_fd);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_kill_during_import (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gint64 nodes;
  gulong full_us;
  guint killed = 0;

  /* One import left to finish: the size of a whole framework, and how long
   * it takes on this machine, in this build. */
  first = import_and_kill (fixture, 5 * G_USEC_PER_SEC);
  g_assert_nonnull (strchr (first, '\t'));
  {
    g_autoptr(PsrDatabase) db = psr_database_open (fixture->path, &error);

    g_assert_no_error (error);
    nodes = psr_test_query_int (db, "SELECT count(*) FROM competencies");
    g_assert_cmpint (nodes, >, 0);
  }

  /* Time a second whole import, to kill the others anywhere in theirs. */
  {
    const char *argv[] = { g_getenv ("PASSERELLE_CLI"), "--database", fixture->path,
                           "framework", "import", fixture->csv, NULL };
    int status;

    g_timer_start (timer);
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    full_us = g_timer_elapsed (timer, NULL) * G_USEC_PER_SEC;
  }

  for (guint run = 0; run < RUNS; run++)
    {
      /* From before the database is open to after the commit. */
      g_autofree char *out = import_and_kill (fixture,
                                              g_rand_int_range (fixture->rand, 0,
                                                                full_us * 3 / 2 + 1));
      g_autoptr(PsrDatabase) db = NULL;
      g_auto(GStrv) fields = NULL;
      g_autofree char *check = NULL;
      sqlite3_stmt *stmt;

      if (*out != '\0')
        {
          fields = g_strsplit (out, "\t", 2);
          g_assert_true (g_uuid_string_is_valid (fields[0]));
          g_ptr_array_add (reported, g_strdup (fields[0]));
        }
      else
        {
          killed++;
        }

      db = psr_database_open (fixture->path, &error);
      g_assert_no_error (error);

      stmt = psr_database_prepare (db, "PRAGMA integrity_check", &error);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      check = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      g_assert_cmpstr (check, ==, "ok");

      /* Whole or absent, never half-way. */
      g_assert_cmpint (psr_test_query_int (db,
        "SELECT count(*) FROM frameworks f"
        " WHERE (SELECT count(*) FROM competencies c WHERE c.framework_id = f.id) != "
        "       (SELECT count(*) FROM competencies c WHERE c.framework_id ="
        "          (SELECT min(id) FROM frameworks))"), ==, 0);
    }

  /* Every import reported done is there. */
  {
    g_autoptr(PsrDatabase) db = psr_database_open (fixture->path, &error);

    for (guint i = 0; i < reported->len; i++)
      {
        sqlite3_stmt *stmt = psr_database_prepare (db,
          "SELECT count(*) FROM frameworks WHERE uuid = ?1", &error);

        sqlite3_bind_text (stmt, 1, g_ptr_array_index (reported, i), -1, SQLITE_TRANSIENT);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        if (sqlite3_column_int (stmt, 0) != 1)
          g_error ("The import %s was reported done but is missing",
                   (const char *) g_ptr_array_index (reported, i));
        sqlite3_reset (stmt);
      }
  }

  g_test_message ("%u runs: %u imports reported done, %u killed before reporting", RUNS,
                  reported->len, killed);
  /* The delays must hit both sides, or the test proves nothing. */
  g_assert_cmpuint (reported->len, >, 0);
  g_assert_cmpuint (killed, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crash/kill-during-import", Fixture, NULL, fixture_set_up, test_kill_during_import,
              fixture_tear_down);

  return g_test_run ();
}
