/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include "psr-error.h"
#include "psr-people.h"
#include "psr-planning.h"
#include "psr-privacy.h"
#include "psr-sample.h"
#include "psr-sessions.h"
#include "psr-test-utils.h"

#define PERSON_UUID "0e0e0e0e-1111-4222-8333-444455556666"

typedef struct
{
  char        *dir;
  char        *path;
  PsrDatabase *db;
} Fixture;

/* A person with a bit of everything: enrollment, attendance, a signature,
 * a positioning, progress, a rehearsal run, a satisfaction response and an
 * attached certificate; and another person in the same session. */
static const char fixture_sql[] =
  "INSERT INTO scales (id, uuid, name) VALUES (1, '00000000-0000-4000-8000-000000000001', 'Levels');"
  "INSERT INTO scale_levels (id, uuid, scale_id, position, name)"
  " VALUES (1, '00000000-0000-4000-8000-000000000002', 1, 0, 'Beginner');"
  "INSERT INTO frameworks (id, uuid, title, scale_id)"
  " VALUES (1, '00000000-0000-4000-8000-000000000003', 'Framework', 1);"
  "INSERT INTO competencies (id, uuid, framework_id, kind, code, title)"
  " VALUES (1, '00000000-0000-4000-8000-000000000004', 1, 'field', 'F1', 'Welcome');"
  "INSERT INTO curricula (id, uuid, lineage_uuid, title, framework_id)"
  " VALUES (1, '00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000005',"
  " 'Mediation', 1);"
  "INSERT INTO modules (id, uuid, curriculum_id, title)"
  " VALUES (1, '00000000-0000-4000-8000-000000000006', 1, 'Module one');"
  "INSERT INTO scenarios (id, uuid, title)"
  " VALUES (1, '00000000-0000-4000-8000-000000000007', 'Volcano');"
  "INSERT INTO sessions (id, uuid, curriculum_id)"
  " VALUES (1, '00000000-0000-4000-8000-000000000008', 1);"
  "INSERT INTO session_slots (id, uuid, session_id, day, period, starts_at, ends_at)"
  " VALUES (1, '00000000-0000-4000-8000-000000000009', 1, '2026-03-11', 'morning', '09:00',"
  " '12:30');"
  "INSERT INTO people (id, uuid, given_name, family_name, email, phone, notes,"
  " accessibility_needs, accessibility_consent_at)"
  " VALUES (1, '" PERSON_UUID "', 'Zéphyrine', 'Quaglioni', 'zq@quaglioni-mail.example',"
  " '+33 6 98 76 54 32', 'Xylophonist', 'Needs a ramp', '2026-01-05T10:00:00.000Z');"
  "INSERT INTO people (id, uuid, given_name, family_name, email)"
  " VALUES (2, '00000000-0000-4000-8000-00000000000a', 'Other', 'Trainee', 'other@example.org');"
  "INSERT INTO enrollments (uuid, session_id, person_id)"
  " VALUES ('00000000-0000-4000-8000-00000000000b', 1, 1),"
  " ('00000000-0000-4000-8000-00000000000c', 1, 2);"
  "INSERT INTO attendance (uuid, slot_id, person_id, status)"
  " VALUES ('00000000-0000-4000-8000-00000000000d', 1, 1, 'present'),"
  " ('00000000-0000-4000-8000-00000000000e', 1, 2, 'present');"
  "INSERT INTO signatures (uuid, session_id, slot_id, person_id, person_uuid, role, strokes,"
  " signed_at, previous_hash, hash)"
  " VALUES ('00000000-0000-4000-8000-00000000000f', 1, 1, 1, '" PERSON_UUID "', 'trainee',"
  " CAST ('[[[0.1,0.2],[0.3,0.4]]]' AS BLOB), '2026-03-11T08:00:00.000Z', '0', 'hash-1');"
  "INSERT INTO positionings (uuid, session_id, person_id, competency_id, moment, rater, level_id)"
  " VALUES ('00000000-0000-4000-8000-000000000010', 1, 1, 1, 'before', 'trainee', 1);"
  "INSERT INTO module_progress (uuid, person_id, module_id, session_id, status, completed_at)"
  " VALUES ('00000000-0000-4000-8000-000000000011', 1, 1, 1, 'completed',"
  " '2026-03-11T12:00:00.000Z');"
  "INSERT INTO rehearsal_runs (uuid, person_id, scenario_id, started_at, path)"
  " VALUES ('00000000-0000-4000-8000-000000000012', 1, 1, '2026-03-11T10:00:00.000Z',"
  " '[\"start\",\"end\"]');"
  "INSERT INTO satisfaction_responses (id, uuid, session_id, person_id, kind)"
  " VALUES (1, '00000000-0000-4000-8000-000000000013', 1, 1, 'hot');"
  "INSERT INTO satisfaction_answers (response_id, question, rating, comment)"
  " VALUES (1, 'overall', 5, 'Lovely day');"
  "INSERT INTO attachments (uuid, session_id, person_id, kind, filename, mime_type, data)"
  " VALUES ('00000000-0000-4000-8000-000000000014', 1, 1, 'certificate', '../certificate.pdf',"
  " 'application/pdf', CAST ('%PDF-1.4 certificate of Quaglioni' AS BLOB));";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = psr_test_make_dir ();
  fixture->path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (fixture->path, &error);
  g_assert_no_error (error);
  psr_test_exec (fixture->db, fixture_sql);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static JsonArray *
array_member (JsonObject *object,
              const char *name,
              guint       length)
{
  JsonArray *array = json_object_get_array_member (object, name);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, length);
  return array;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = psr_privacy_export_person (fixture->db, 1, &error);
  JsonObject *object;
  JsonObject *person;
  JsonObject *signature;
  JsonObject *response;
  JsonArray *strokes;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "passerelle-person-1");

  person = json_object_get_object_member (object, "person");
  g_assert_cmpstr (json_object_get_string_member (person, "uuid"), ==, PERSON_UUID);
  g_assert_cmpstr (json_object_get_string_member (person, "given_name"), ==, "Zéphyrine");
  g_assert_cmpstr (json_object_get_string_member (person, "email"), ==,
                   "zq@quaglioni-mail.example");
  g_assert_cmpstr (json_object_get_string_member (person, "accessibility_needs"), ==,
                   "Needs a ramp");
  g_assert_cmpstr (json_object_get_string_member (person, "accessibility_consent_at"), ==,
                   "2026-01-05T10:00:00.000Z");

  array_member (object, "enrollments", 1);
  array_member (object, "trainer_of", 0);
  array_member (object, "attendance", 1);
  array_member (object, "positionings", 1);
  array_member (object, "module_progress", 1);
  array_member (object, "attachments", 1);

  signature = json_array_get_object_element (array_member (object, "signatures", 1), 0);
  strokes = json_object_get_array_member (signature, "strokes");
  g_assert_nonnull (strokes);
  g_assert_cmpuint (json_array_get_length (strokes), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (signature, "day"), ==, "2026-03-11");

  g_assert_nonnull (json_object_get_array_member (
    json_array_get_object_element (array_member (object, "rehearsal_runs", 1), 0), "path"));

  response = json_array_get_object_element (array_member (object, "satisfaction_responses", 1), 0);
  g_assert_cmpstr (json_object_get_string_member (response, "kind"), ==, "hot");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (response, "answers")),
                    ==, 1);

  /* Nothing about the other trainee. */
  g_assert_null (psr_privacy_export_person (fixture->db, 99, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

static void
test_export_folder (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_path = g_build_filename (fixture->dir, "export", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autofree char *json_path = g_build_filename (folder_path, "person.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *document_path = NULL;
  g_autofree char *document = NULL;
  JsonObject *attachment;
  const char *file;

  g_assert_true (psr_privacy_export_to_folder (fixture->db, 1, folder, &error));
  g_assert_no_error (error);

  json_parser_load_from_file (parser, json_path, &error);
  g_assert_no_error (error);
  attachment = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                  "attachments"), 0);
  file = json_object_get_string_member (attachment, "file");
  /* Inside the folder, whatever the stored name said. */
  g_assert_cmpstr (file, ==, "documents/00000000-certificate.pdf");

  document_path = g_build_filename (folder_path, file, NULL);
  g_file_get_contents (document_path, &document, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (document, ==, "%PDF-1.4 certificate of Quaglioni");
}

/* Whether @needle is anywhere in the bytes of the file at @path (absent
 * files hold nothing). */
static gboolean
file_holds (const char *path,
            const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  for (gsize i = 0; i + strlen (needle) <= length; i++)
    if (memcmp (contents + i, needle, strlen (needle)) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
database_holds (Fixture    *fixture,
                const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  return file_holds (fixture->path, needle) || file_holds (wal, needle);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GListModel) other = NULL;
  const char *traces[] = {
    "Quaglioni", "quaglioni", "QUAGLIONI", "zq@quaglioni-mail.example", "Zéphyrine", "zephyrine",
    "Xylophonist", "Needs a ramp", "+33 6 98 76 54 32", PERSON_UUID, "certificate of",
    "[[[0.1,0.2]",
  };

  /* Some builds of SQLite overwrite deleted content: not all of them. */
  psr_test_exec (fixture->db, "PRAGMA secure_delete = OFF");

  /* The test can fail: the traces are there before. */
  psr_test_exec (fixture->db, "PRAGMA wal_checkpoint (TRUNCATE)");
  g_assert_true (database_holds (fixture, "Quaglioni"));
  g_assert_true (database_holds (fixture, "zq@quaglioni-mail.example"));

  g_assert_true (psr_privacy_erase_person (fixture->db, 1, &error));
  g_assert_no_error (error);

  /* What stays, anonymous. */
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count FROM anonymous_attendance"
                                       " WHERE session_id = 1 AND slot_id = 1 AND status = 'present'"),
                   ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count FROM anonymous_enrollments"
                                       " WHERE session_id = 1 AND status = 'enrolled'"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM signatures WHERE person_id IS NULL"
                                       " AND length (strokes) = 0 AND person_uuid = ''"
                                       " AND erased_at IS NOT NULL AND hash = 'hash-1'"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM satisfaction_responses"
                                       " WHERE person_id IS NULL"), ==, 1);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM satisfaction_answers"),
                   ==, 1);

  /* What goes. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT (SELECT count(*) FROM enrollments)"
                                       " + (SELECT count(*) FROM attendance)"), ==, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT (SELECT count(*) FROM positionings)"
                                       " + (SELECT count(*) FROM module_progress)"
                                       " + (SELECT count(*) FROM rehearsal_runs)"
                                       " + (SELECT count(*) FROM attachments)"), ==, 0);

  /* The search index forgot them, and still knows the others. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM people_fts WHERE people_fts MATCH"
                                       " 'quaglioni OR zephyrine'"), ==, 0);
  found = psr_planning_search_people (fixture->db, "Quaglioni", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (found), ==, 0);
  other = psr_planning_search_people (fixture->db, "trainee", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (other), ==, 1);
  psr_test_exec (fixture->db, "INSERT INTO people_fts (people_fts) VALUES ('integrity-check')");

  /* Nothing left in the bytes of the file, nor of its log. */
  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    if (database_holds (fixture, traces[i]))
      g_error ("The database file still holds “%s”", traces[i]);

  /* And after closing, as the next program opens it. */
  g_clear_object (&fixture->db);
  for (guint i = 0; i < G_N_ELEMENTS (traces); i++)
    g_assert_false (database_holds (fixture, traces[i]));
}

static void
test_erase_trainer (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  psr_test_exec (fixture->db,
                 "UPDATE people SET is_trainer = 1 WHERE id = 2;"
                 "INSERT INTO session_trainers (session_id, person_id) VALUES (1, 2);"
                 "INSERT INTO positionings (uuid, session_id, person_id, competency_id, moment,"
                 " rater, rater_id, level_id) VALUES ('00000000-0000-4000-8000-000000000020', 1,"
                 " 1, 1, 'before', 'trainer', 2, 1)");

  /* A trainer cannot be deleted, but can be erased. */
  g_assert_false (psr_person_delete (fixture->db, 2, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (psr_privacy_erase_person (fixture->db, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM session_trainers"), ==, 0);
  /* Their rating of a trainee stays, without them. */
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM positionings WHERE rater = 'trainer'"
                                       " AND rater_id IS NULL"), ==, 1);

  g_assert_false (psr_privacy_erase_person (fixture->db, 2, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

/* Two erasures in the same slot add up. */
static void
test_erase_counts_add_up (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (psr_privacy_erase_person (fixture->db, 1, &error));
  g_assert_true (psr_privacy_erase_person (fixture->db, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count FROM anonymous_attendance"
                                       " WHERE slot_id = 1 AND status = 'present'"), ==, 2);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT sum (count) FROM anonymous_enrollments"), ==, 2);
}

static int
run_cli (Fixture     *fixture,
         char       **out,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  int status;

  g_assert_nonnull (g_getenv ("PASSERELLE_CLI"));
  g_ptr_array_add (argv, (char *) g_getenv ("PASSERELLE_CLI"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, fixture->path);
  va_start (args, out);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_STDERR_TO_DEV_NULL | (out == NULL ? G_SPAWN_STDOUT_TO_DEV_NULL : 0),
                NULL, NULL, out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *json = g_build_filename (fixture->dir, "zephyrine.json", NULL);
  g_autofree char *document = g_build_filename (fixture->dir, "zephyrine-documents",
                                                "00000000-certificate.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_cmpint (run_cli (fixture, NULL, "person", "export", PERSON_UUID, json, NULL), ==, 0);
  g_assert_true (g_file_get_contents (json, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "\"zq@quaglioni-mail.example\""));
  g_assert_nonnull (strstr (text, "\"zephyrine-documents/00000000-certificate.pdf\""));
  g_assert_true (g_file_test (document, G_FILE_TEST_IS_REGULAR));

  g_assert_cmpint (run_cli (fixture, NULL, "person", "erase", PERSON_UUID, NULL), ==, 0);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM people"), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, "person", "erase", PERSON_UUID, NULL), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, "person", "export", PERSON_UUID, json, NULL), ==, 1);
  g_assert_cmpint (run_cli (fixture, NULL, "person", "erase", NULL), ==, 2);
}

static gboolean
chain_intact (PsrDatabase *db,
              gint64       session_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrChainReport) report = psr_session_verify_signatures (db, session_id, &error);

  g_assert_no_error (error);
  return report->intact;
}

/* Signatures really signed, through the store: once their signer is
 * erased, the chain still verifies, and still catches a change made to
 * another signature. */
static void
test_erase_keeps_chain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *dir = psr_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sample.db", NULL);
  g_autoptr(PsrDatabase) db = psr_database_open (path, &error);
  gint64 person, session;

  g_assert_no_error (error);
  g_assert_true (psr_sample_load (db, now, &error));
  g_assert_no_error (error);

  person = psr_test_query_int (db, "SELECT min(person_id) FROM signatures WHERE role = 'trainee'");
  session = psr_test_query_int (db, "SELECT min(session_id) FROM signatures WHERE person_id = "
                                    "(SELECT min(person_id) FROM signatures WHERE role = 'trainee')");
  g_assert_true (chain_intact (db, session));

  g_assert_true (psr_privacy_erase_person (db, person, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM signatures"
                                           " WHERE erased_at IS NOT NULL"), >, 0);
  g_assert_true (chain_intact (db, session));

  psr_test_exec (db, "UPDATE signatures SET signed_at = '2020-01-01T00:00:00.000Z'"
                     " WHERE id = (SELECT max(id) FROM signatures WHERE erased_at IS NULL"
                     "             AND session_id = (SELECT min(session_id) FROM signatures"
                     "                               WHERE erased_at IS NOT NULL))");
  g_assert_false (chain_intact (db, psr_test_query_int (db, "SELECT min(session_id) FROM"
                                                            " signatures WHERE erased_at IS NOT NULL")));

  g_clear_object (&db);
  psr_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/privacy/export", test_export);
  ADD ("/privacy/export-folder", test_export_folder);
  ADD ("/privacy/erase", test_erase);
  ADD ("/privacy/erase-trainer", test_erase_trainer);
  ADD ("/privacy/erase-counts-add-up", test_erase_counts_add_up);
  ADD ("/privacy/cli", test_cli);
  g_test_add_func ("/privacy/erase-keeps-chain", test_erase_keeps_chain);

#undef ADD

  return g_test_run ();
}
