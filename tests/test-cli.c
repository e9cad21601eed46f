/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

/* The command line as scripts use it: exit 0 on success, 1 on an error
 * with a message on stderr, 2 on wrong usage. */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static int
run (const char  *database,
     char       **out,
     char       **err,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("PASSERELLE_CLI");
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  if (database != NULL)
    {
      g_ptr_array_add (argv, (char *) "--database");
      g_ptr_array_add (argv, (char *) database);
    }

  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run (NULL, &out, NULL, "--help", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "framework|curriculum|scenario|session|person list"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (NULL, &out, NULL, "--version", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "passerelle-cli " PACKAGE_VERSION));

  g_assert_cmpint (run (fixture->path, NULL, &err, NULL), ==, 2);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "dance", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "person", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "person", "dance", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "generate", "--trainees", "many", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (NULL, NULL, &err, "--frobnicate", NULL), ==, 2);

  /* Wrong usage touches nothing, not even to create the database. */
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
test_demo_and_list (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "person", "list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "person", "list", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 40);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 2);
      g_assert_true (g_uuid_string_is_valid (fields[0]));
      g_assert_cmpstr (fields[1], !=, "");
    }

  for (const char * const *kind = (const char *[]) { "framework", "curriculum", "scenario",
                                                      "session", NULL };
       *kind != NULL; kind++)
    {
      g_clear_pointer (&out, g_free);
      g_assert_cmpint (run (fixture->path, &out, NULL, *kind, "list", NULL), ==, 0);
      g_assert_cmpstr (out, !=, "");
    }

  /* Twice is an error, reported, and changes nothing. */
  g_assert_cmpint (run (fixture->path, NULL, &err, "demo", NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
}

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *err = NULL;
  g_autofree char *bogus = g_build_filename (fixture->dir, "bogus.backup", NULL);

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "backup", NULL), ==, 0);
  backup = g_strstrip (g_steal_pointer (&out));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run (fixture->path, &out, NULL, "backups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, backup));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "restore", backup, NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_true (g_file_set_contents (bogus, "garbage", -1, NULL));
  g_assert_cmpint (run (fixture->path, NULL, &err, "restore", bogus, NULL), ==, 1);
  g_assert_cmpstr (err, !=, "");
}

static void
test_refuses_damaged (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fixture->path, "This is not a database, and it is long "
                                      "enough to have a header of its own, really.", -1, NULL));
  before = psr_test_file_checksum (fixture->path);
  g_assert_cmpint (run (fixture->path, NULL, &err, "person", "list", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "damaged"));
  after = psr_test_file_checksum (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_generate (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "generate", "--trainees", "300",
                        "--scenarios", "40", "--sessions", "10", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "list", NULL), ==, 0);
  lines = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 40);
}

static void
test_curriculum_sheet (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "sheet.pdf", NULL);
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "curriculum", "list", NULL), ==, 0);
  fields = g_strsplit (out, "\t", 2);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "curriculum", "sheet", fields[0], pdf, NULL),
                   ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (run (fixture->path, NULL, &err, "curriculum", "sheet",
                        "00000000-0000-4000-8000-000000000000", pdf, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "curriculum", "sheet", fields[0], NULL), ==, 2);
}

/* Moodle's competency framework CSV, both ways: the UUID of the framework to
 * export is needed only when there are several. */
static void
test_framework_csv (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *moodle = g_test_build_filename (G_TEST_DIST, "data", "moodle-framework.csv",
                                                   NULL);
  g_autofree char *exported = g_build_filename (fixture->dir, "exported.csv", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "framework", "import", moodle, NULL), ==, 0);
  fields = g_strsplit (g_strstrip (out), "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (g_uuid_string_is_valid (fields[0]));
  g_assert_cmpstr (fields[1], ==, "Médiation scientifique");

  g_assert_cmpint (run (fixture->path, NULL, NULL, "framework", "export", exported, NULL), ==, 0);
  g_assert_true (g_file_get_contents (exported, &csv, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv, "\"Parent ID number\",\"ID number\","));
  g_assert_nonnull (strstr (csv, "\nANIM-1,ANIM-1-1,"));

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "framework", "import", exported, NULL), ==, 0);
  g_assert_cmpint (run (fixture->path, NULL, &err, "framework", "export", exported, NULL), ==, 2);
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, NULL, "framework", "export", exported, fields[0],
                        NULL), ==, 0);
  g_assert_cmpint (run (fixture->path, NULL, &err, "framework", "export", exported,
                        "00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "framework", "import", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  /* A broken file is refused with its line, and changes nothing. */
  g_assert_cmpint (run (fixture->path, &before, NULL, "framework", "list", NULL), ==, 0);
  g_assert_true (g_file_set_contents (broken, "Parent ID number,ID number\n,X\n", -1, NULL));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, &err, "framework", "import", broken, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: Line 1: "));
  g_assert_cmpint (run (fixture->path, &after, NULL, "framework", "list", NULL), ==, 0);
  g_assert_cmpstr (before, ==, after);
}

static void
test_scenario_search (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *all = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "search", NULL), ==, 2);
  g_assert_cmpstr (err, !=, "");
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "search", "a", "b", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "person", "search", "a", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  /* No result is no error. */
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "search", "lumière", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "search", "LUMIERE", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_true (g_uuid_string_is_valid (fields[0]));
  g_assert_cmpstr (fields[1], ==, "L'odyssée de la lumière");
  g_clear_pointer (&out, g_free);

  /* Best first: the scenario with the word in its title. */
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "search", "abeil", NULL), ==, 0);
  g_assert_nonnull (strchr (out, '\t'));
  g_assert_true (g_str_has_prefix (strchr (out, '\t') + 1, "Enquête au rucher"));
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "search", "l'air \" NEAR(", NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);

  /* An empty query lists every scenario. */
  g_assert_cmpint (run (fixture->path, &all, NULL, "scenario", "list", NULL), ==, 0);
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "search", "", NULL), ==, 0);
  g_assert_cmpuint (strlen (out), ==, strlen (all));
}

/* Exchange packages: export, import into another database, refuse a
 * damaged one without changing anything. */
static void
test_package (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *other = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *package = g_build_filename (fixture->dir, "scenarios.passerelle", NULL);
  g_autofree char *broken = g_build_filename (fixture->dir, "broken.passerelle", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, NULL, NULL, "package", "export", package, NULL), ==, 0);
  g_assert_true (g_file_get_contents (package, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"passerelle-package\""));

  g_assert_cmpint (run (other, &out, NULL, "package", "import", package, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "New: 12, updated: 0, unchanged: 0\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (other, &out, NULL, "package", "import", package, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "New: 0, updated: 0, unchanged: 12\n");
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run (other, NULL, &err, "package", "export", package,
                        "00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (other, NULL, &err, "package", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (other, NULL, &err, "package", "import", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (other, &before, NULL, "scenario", "list", NULL), ==, 0);
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"passerelle-package\"}", -1, NULL));
  g_assert_cmpint (run (other, &out, &err, "package", "import", broken, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
  g_assert_cmpint (run (other, &after, NULL, "scenario", "list", NULL), ==, 0);
  g_assert_cmpstr (before, ==, after);
}

/* The printable sheet of a scenario: a PDF, no file for an unknown UUID. */
static void
test_scenario_sheet (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "scenario.pdf", NULL);
  g_autofree char *unknown = g_build_filename (fixture->dir, "unknown.pdf", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "list", NULL), ==, 0);
  fields = g_strsplit (out, "\t", 2);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "sheet", fields[0], pdf, NULL),
                   ==, 0);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "sheet",
                        "00000000-0000-4000-8000-000000000000", unknown, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "sheet", fields[0], NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  /* In a language: any known one, translated or not; a wrong one is an
   * error, a missing one a wrong usage. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "scenario", "sheet", fields[0], pdf,
                        "--language", "en", NULL), ==, 0);
  g_assert_nonnull (strstr (out, pdf));
  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "sheet", fields[0], unknown,
                        "--language", "xx", NULL), ==, 1);
  g_assert_false (g_file_test (unknown, G_FILE_TEST_EXISTS));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "scenario", "sheet", fields[0], pdf,
                        "--language", NULL), ==, 2);
}

/* A session with one half-day signed by its trainee and its trainer;
 * returns its UUID. */
static char *
make_signed_session (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  g_autoptr(GDate) day = g_date_new_dmy (10, G_DATE_MARCH, 2026);
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 3, 10, 9, 30, 0);
  g_autoptr(GPtrArray) strokes = psr_strokes_new ();
  g_autoptr(PsrSessionDetails) details = NULL;
  gint64 curriculum, session, slot, trainer, trainee;

  g_assert_no_error (error);
  psr_test_exec (db,
    "INSERT INTO people (uuid, given_name, family_name, is_trainer) VALUES"
    " ('70000000-0000-4000-8000-000000000001', 'Camille', 'Roux', 1),"
    " ('70000000-0000-4000-8000-000000000002', 'Alex', 'Martin', 0)");
  trainer = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Roux'");
  trainee = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Martin'");
  psr_strokes_add_point (strokes, TRUE, 0.1, 0.5);
  psr_strokes_add_point (strokes, FALSE, 0.9, 0.4);

  curriculum = psr_curriculum_create (db, "Accueillir les publics", &error);
  session = psr_session_create (db, curriculum, 12, &error);
  slot = psr_session_add_slot (db, session, day, PSR_PERIOD_MORNING, &error);
  psr_session_set_trainers (db, session, &trainer, 1, &error);
  psr_session_enroll (db, session, trainee, NULL, &error);
  psr_slot_sign (db, slot, trainee, PSR_SIGNATURE_TRAINEE, strokes, NULL, now, &error);
  psr_slot_sign (db, slot, trainer, PSR_SIGNATURE_TRAINER, strokes, NULL, now, &error);
  g_assert_no_error (error);

  details = psr_session_get_details (db, session, &error);
  g_assert_no_error (error);
  return g_strdup (details->uuid);
}

static void
test_session_verify (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *uuid = make_signed_session (fixture->path);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (run (fixture->path, &out, NULL, "session", "verify", uuid, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "2 signatures, all intact\n");

  /* Listed by the UUID the command takes. */
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "session", "list", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, uuid));

  /* The last signature removed behind Passerelle's back. */
  {
    g_autoptr(PsrDatabase) db = psr_database_open (fixture->path, &error);

    g_assert_no_error (error);
    psr_test_exec (db, "DELETE FROM signatures WHERE id = (SELECT max(id) FROM signatures)");
  }
  g_assert_cmpint (run (fixture->path, NULL, &err, "session", "verify", uuid, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "passerelle-cli: "));
  g_assert_nonnull (strstr (err, "2 signatures were recorded, but only 1 remain"));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "session", "verify",
                        "00000000-0000-4000-8000-000000000000", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "session", "verify", NULL), ==, 2);
}

static void
test_report_indicators (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (fixture->path, NULL, &err, "report", "indicators", "last", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "report", "indicators", "2025", "2026", NULL),
                   ==, 2);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture->path, NULL, &err, "report", NULL), ==, 2);
  g_clear_pointer (&err, g_free);

  /* Nothing held: counts of 0, undefined rates left empty. */
  g_assert_cmpint (run (fixture->path, &out, NULL, "report", "indicators", "2025", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "year\t2025\nsessions_held\t0\ntrainees\t0\n"));
  g_assert_nonnull (strstr (out, "\ncompletion_rate\t\n"));
  g_assert_nonnull (strstr (out, "\nhours_delivered\t0.0\n"));
  g_clear_pointer (&out, g_free);

  /* This year, by default: one name<TAB>value per line. */
  g_assert_cmpint (run (fixture->path, &out, NULL, "demo", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run (fixture->path, &out, NULL, "report", "indicators", NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 17);
  g_assert_cmpstr (lines[16], ==, "");
  for (guint i = 0; i < 16; i++)
    g_assert_nonnull (strchr (lines[i], '\t'));
  g_assert_true (g_str_has_prefix (lines[0], "year\t"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli/usage", test_usage);
  ADD ("/cli/demo-and-list", test_demo_and_list);
  ADD ("/cli/backup-restore", test_backup_restore);
  ADD ("/cli/refuses-damaged", test_refuses_damaged);
  ADD ("/cli/generate", test_generate);
  ADD ("/cli/curriculum-sheet", test_curriculum_sheet);
  ADD ("/cli/framework-csv", test_framework_csv);
  ADD ("/cli/scenario-search", test_scenario_search);
  ADD ("/cli/package", test_package);
  ADD ("/cli/scenario-sheet", test_scenario_sheet);
  ADD ("/cli/session-verify", test_session_verify);
  ADD ("/cli/report-indicators", test_report_indicators);

#undef ADD

  return g_test_run ();
}
