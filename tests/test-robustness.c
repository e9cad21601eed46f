/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "psr-error.h"
#include "psr-moodle-csv.h"
#include "psr-sample.h"
#include "psr-scenarios.h"
#include "psr-test-utils.h"

/* What a trainer's machine does to a database beyond Passerelle's control:
 * a disk that fills up in the middle of a large write, another program
 * that holds the database locked. Each gives its clear error, and the
 * database keeps exactly what it had and stays sound. (A damaged file and
 * a read-only one: tests/test-database.c.) */

typedef struct
{
  char        *dir;
  char        *path;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
assert_sound (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, "PRAGMA integrity_check", &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_reset (stmt);
}

/* A framework of @n_fields fields of 5 competencies each, with long
 * descriptions: a few megabytes to write. */
static GBytes *
make_large_framework (guint n_fields)
{
  GString *csv = g_string_new ("\"Parent ID number\",\"ID number\",\"Short name\",Description,"
                               "\"Description format\",\"Scale values\",\"Scale configuration\","
                               "\"Rule type (optional)\",\"Rule outcome (optional)\","
                               "\"Rule config (optional)\","
                               "\"Cross-referenced competency ID numbers\","
                               "\"Exported ID (optional)\",\"Is framework\",Taxonomy\n"
                               ",LARGE,\"Large\",\"\",2,\"Découverte,Maîtrise\","
                               "\"[{\"\"scaleid\"\":\"\"1\"\"},"
                               "{\"\"id\"\":1,\"\"scaledefault\"\":1,\"\"proficient\"\":0},"
                               "{\"\"id\"\":2,\"\"scaledefault\"\":0,\"\"proficient\"\":1}]\","
                               ",,,,,1,\"domain,competency,indicator\"\n");
  g_autofree char *description = g_strnfill (400, 'd');

  for (guint f = 1; f <= n_fields; f++)
    {
      g_string_append_printf (csv, ",F%u,\"Field %u\",\"%s\",2,,,,0,null,,,,\n",
                              f, f, description);
      for (guint c = 1; c <= 5; c++)
        g_string_append_printf (csv, "F%u,F%u.%u,\"Competency %u.%u\",\"%s\",2,,,,0,null,,,,\n",
                                f, f, c, f, c, description);
    }

  return g_string_free_to_bytes (csv);
}

/* Disk full ---------------------------------------------------------------- */

/* SQLite's max_page_count stands for a small disk: the file may not grow
 * past it, as if the disk were full. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) large = make_large_framework (400);
  g_autofree char *before = psr_test_content_checksum (fixture->db);
  g_autofree char *after = NULL;
  g_autofree char *limit = NULL;
  g_autoptr(GError) error = NULL;
  gint64 frameworks = psr_test_query_int (fixture->db, "SELECT count(*) FROM frameworks");
  gint64 pages = psr_test_query_int (fixture->db, "PRAGMA page_count");

  g_assert_cmpuint (g_bytes_get_size (large), >, 1000000);
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 16);
  psr_test_exec (fixture->db, limit);

  g_assert_cmpint (psr_moodle_csv_import (fixture->db, large, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_clear_error (&error);

  after = psr_test_content_checksum (fixture->db);
  g_assert_cmpstr (after, ==, before);
  assert_sound (fixture->db);

  /* The database goes on: a small change still fits… */
  g_assert_true (psr_scenario_set_field (fixture->db,
                                         psr_test_query_int (fixture->db,
                                                             "SELECT min(id) FROM scenarios"),
                                         PSR_SCENARIO_FIELD_THEME, "Volcans", &error));
  g_assert_no_error (error);

  /* …and once there is room again, the same import is done whole. */
  psr_test_exec (fixture->db, "PRAGMA max_page_count = 1073741823");
  g_assert_cmpint (psr_moodle_csv_import (fixture->db, large, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM frameworks"), ==,
                   frameworks + 1);
  assert_sound (fixture->db);
}

/* Locked by another program ------------------------------------------------ */

/* Another program: this test started again with --hold-lock PATH. It
 * writes to the database in a transaction, says so on its standard
 * output, keeps the transaction open until its standard input closes, then
 * gives its change up. */
static int
hold_lock (const char *path)
{
  sqlite3 *db = NULL;
  char byte;
  int status = 1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK
      && sqlite3_exec (db, "BEGIN EXCLUSIVE; UPDATE scenarios SET theme = 'locked'", NULL, NULL,
                       NULL) == SQLITE_OK
      && write (STDOUT_FILENO, "r", 1) == 1
      && read (STDIN_FILENO, &byte, 1) >= 0
      && sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK)
    status = 0;

  sqlite3_close (db);
  return status;
}

static const char *program;

/* Returns the pid of the other program; closing @to_child ends it. */
static GPid
lock_in_other_process (const char *path,
                       int        *to_child)
{
  const char *argv[] = { program, "--hold-lock", path, NULL };
  g_autoptr(GError) error = NULL;
  int from_child;
  char byte;
  GPid pid;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, to_child, &from_child, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (from_child, &byte, 1), ==, 1);
  close (from_child);
  return pid;
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 scenario_id = psr_test_query_int (fixture->db, "SELECT min(id) FROM scenarios");
  g_autofree char *before = psr_test_content_checksum (fixture->db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  int to_child, status;
  GPid pid;

  pid = lock_in_other_process (fixture->path, &to_child);

  /* The busy timeout is waited, then the trainer is told. */
  psr_database_set_busy_timeout (fixture->db, 300);
  timer = g_timer_new ();
  g_assert_false (psr_scenario_set_field (fixture->db, scenario_id, PSR_SCENARIO_FIELD_THEME,
                                          "Volcans", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another program"));
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), >=, 0.25);
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, 5.0);
  g_clear_error (&error);

  /* The other program gives up its change, and ends. */
  close (to_child);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  after = psr_test_content_checksum (fixture->db);
  g_assert_cmpstr (after, ==, before);
  assert_sound (fixture->db);

  /* Then the same change goes through. */
  g_assert_true (psr_scenario_set_field (fixture->db, scenario_id, PSR_SCENARIO_FIELD_THEME,
                                         "Volcans", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--hold-lock"))
    return hold_lock (argv[2]);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  program = argv[0];

  g_test_add ("/robustness/disk-full", Fixture, NULL, fixture_set_up, test_disk_full,
              fixture_tear_down);
  g_test_add ("/robustness/locked", Fixture, NULL, fixture_set_up, test_locked,
              fixture_tear_down);

  return g_test_run ();
}
