/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-error.h"
#include "psr-sample.h"
#include "psr-test-utils.h"
#include "psr-twee.h"

/* Rehearsals in Twee 3, both ways, on real databases. */

typedef struct
{
  char        *dir;
  PsrDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

static gint64
rehearsed_scenario (PsrDatabase *db,
                    guint        index)
{
  return psr_test_query_int (db, index == 0
                             ? "SELECT min (scenario_id) FROM rehearsal_nodes"
                             : "SELECT max (scenario_id) FROM rehearsal_nodes");
}

static gint64
bare_scenario (PsrDatabase *db)
{
  return psr_test_query_int (db,
                             "SELECT min (id) FROM scenarios WHERE id NOT IN"
                             " (SELECT scenario_id FROM rehearsal_nodes)");
}

static char *
export_text (PsrDatabase *db,
             gint64       scenario_id)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (psr_twee_export (db, scenario_id, output, &error));
  g_assert_no_error (error);
  g_output_stream_close (output, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
import_text (PsrDatabase  *db,
             gint64        scenario_id,
             const char   *text,
             GError      **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return psr_twee_import (db, scenario_id, bytes, error);
}

/* One line per row of @sql, its columns joined by '|'; ?1 is @id. */
static char *
dump (PsrDatabase *db,
      const char  *sql,
      gint64       id)
{
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "",
                                (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_reset (stmt);
  return g_string_free (text, FALSE);
}

/* The rehearsal without ids nor UUIDs: what a file can carry. */
static char *
dump_rehearsal (PsrDatabase *db,
                gint64       scenario_id)
{
  g_autofree char *nodes = dump (db,
    "SELECT position, name, kind, is_start, text, debrief FROM rehearsal_nodes"
    " WHERE scenario_id = ?1 ORDER BY position", scenario_id);
  g_autofree char *choices = dump (db,
    "SELECT n.name, c.position, c.text, c.feedback, coalesce (t.name, '-')"
    " FROM rehearsal_choices c JOIN rehearsal_nodes n ON n.id = c.node_id"
    " LEFT JOIN rehearsal_nodes t ON t.id = c.target_node_id"
    " WHERE n.scenario_id = ?1 ORDER BY n.position, c.position", scenario_id);

  return g_strconcat (nodes, "--\n", choices, NULL);
}

/* The whole of the rehearsal tables, UUIDs included. */
static char *
dump_all (PsrDatabase *db)
{
  g_autofree char *nodes = dump (db,
    "SELECT id, uuid, scenario_id, name, kind, is_start, text, debrief, position"
    " FROM rehearsal_nodes WHERE ?1 ORDER BY id", 1);
  g_autofree char *choices = dump (db,
    "SELECT id, uuid, node_id, position, text, feedback, target_node_id"
    " FROM rehearsal_choices WHERE ?1 ORDER BY id", 1);

  return g_strconcat (nodes, "--\n", choices, NULL);
}

/* Leaves out the lines that name the scenario: its title and its IFID. */
static char *
without_identity (const char *twee)
{
  g_auto(GStrv) lines = g_strsplit (twee, "\n", -1);
  GString *text = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0 && g_str_equal (lines[i - 1], ":: StoryTitle"))
        continue;
      if (g_str_has_prefix (lines[i], "  \"ifid\": "))
        continue;
      g_string_append_printf (text, "%s\n", lines[i]);
    }

  return g_string_free (text, FALSE);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  gint64 target = bare_scenario (db);

  g_assert_cmpint (target, >, 0);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 source = rehearsed_scenario (db, i);
      g_autofree char *first = export_text (db, source);
      g_autofree char *second = NULL;
      g_autofree char *source_dump = dump_rehearsal (db, source);
      g_autofree char *target_dump = NULL;
      g_autofree char *first_bare = NULL;
      g_autofree char *second_bare = NULL;
      g_autofree char *uuids = NULL;
      g_autofree char *uuids_after = NULL;
      g_autofree char *ifid = NULL;
      g_autofree char *uuid = NULL;

      g_assert_true (g_str_has_prefix (first, ":: StoryTitle\n"));
      g_assert_nonnull (strstr (first, "\"format\": \"Harlowe\""));
      g_assert_nonnull (strstr (first, " [ending]\n"));
      g_assert_nonnull (strstr (first, "\nDebrief:\n"));
      g_assert_nonnull (strstr (first, "\nFeedback: "));
      g_assert_null (strstr (first, "\"position\""));

      /* Twine's IFIDs are in capitals. */
      uuid = dump (db, "SELECT upper (uuid) FROM scenarios WHERE id = ?1", source);
      g_strchomp (uuid);
      ifid = g_strdup_printf ("\"ifid\": \"%s\"", uuid);
      g_assert_nonnull (strstr (first, ifid));

      g_assert_true (import_text (db, target, first, &error));
      g_assert_no_error (error);
      target_dump = dump_rehearsal (db, target);
      g_assert_cmpstr (source_dump, ==, target_dump);

      second = export_text (db, target);
      first_bare = without_identity (first);
      second_bare = without_identity (second);
      g_assert_cmpstr (first_bare, ==, second_bare);
      g_assert_cmpstr (first, !=, second);

      /* Back into the same scenario: nothing changes, not even the
       * nodes' UUIDs, which rehearsal runs refer to. */
      uuids = dump (db, "SELECT name, uuid FROM rehearsal_nodes WHERE scenario_id = ?1"
                    " ORDER BY position", source);
      g_assert_true (import_text (db, source, first, &error));
      g_assert_no_error (error);
      uuids_after = dump (db, "SELECT name, uuid FROM rehearsal_nodes WHERE scenario_id = ?1"
                          " ORDER BY position", source);
      g_assert_cmpstr (uuids, ==, uuids_after);
      g_free (target_dump);
      target_dump = dump_rehearsal (db, source);
      g_assert_cmpstr (source_dump, ==, target_dump);
    }
}

/* Lines that would read as markup, written in the database by other means,
 * go through a file and back unchanged. */
static void
test_escapes (Fixture       *fixture,
              gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  gint64 source = rehearsed_scenario (db, 0);
  gint64 target = bare_scenario (db);
  g_autofree char *text = NULL;
  g_autofree char *source_dump = NULL;
  g_autofree char *target_dump = NULL;

  psr_test_exec (db,
                 "UPDATE rehearsal_nodes SET text = ':: Not a header' || char (10) ||"
                 " 'Debrief:' || char (10) || 'Feedback: not one' || char (10) ||"
                 " '[[Not a link]]' || char (10) || '\\:: backslash' || char (10) ||"
                 " '  indented', debrief = 'A' || char (10) || char (10) || 'B'"
                 " WHERE is_start = 1");
  psr_test_exec (db,
                 "UPDATE rehearsal_choices SET feedback = 'one' || char (10) || char (10)"
                 " || 'three', text = 'go -> there | here'"
                 " WHERE position = 0");
  source_dump = dump_rehearsal (db, source);

  text = export_text (db, source);
  g_assert_nonnull (strstr (text, "\n\\:: Not a header\n\\Debrief:\n\\Feedback: not one\n"
                                  "\\[[Not a link]]\n\\\\:: backslash\n  indented\n"));
  g_assert_nonnull (strstr (text, "\nFeedback: one\nFeedback: \nFeedback: three\n[[go -> there"
                                  " | here->"));

  g_assert_true (import_text (db, target, text, &error));
  g_assert_no_error (error);
  target_dump = dump_rehearsal (db, target);
  g_assert_cmpstr (source_dump, ==, target_dump);
}

/* As Twine 2 writes a story: StoryTitle and StoryData first, layout after
 * the names, the story's script and stylesheet, CRLF line ends, and links
 * in each of the forms its editor draws. */
static void
test_twine (Fixture       *fixture,
            gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GError) error = NULL;
  gint64 target = bare_scenario (db);
  g_autofree char *rehearsal = NULL;
  const char *twee =
    ":: StoryTitle\r\n"
    "Un visiteur pressé\r\n"
    "\r\n"
    "\r\n"
    ":: StoryData\r\n"
    "{\r\n"
    "  \"ifid\": \"7B2F6F1C-4C3E-4D7A-9A51-2E0C2A1D8B33\",\r\n"
    "  \"format\": \"Harlowe\",\r\n"
    "  \"format-version\": \"3.3.8\",\r\n"
    "  \"start\": \"Accueil\",\r\n"
    "  \"tag-colors\": {\r\n"
    "    \"ending\": \"red\"\r\n"
    "  },\r\n"
    "  \"zoom\": 1\r\n"
    "}\r\n"
    "\r\n"
    "\r\n"
    ":: Story JavaScript [script]\r\n"
    "window.x = 1;\r\n"
    "\r\n"
    ":: Story Stylesheet [stylesheet]\r\n"
    "body { color: red; }\r\n"
    "\r\n"
    ":: Accueil {\"position\":\"100,100\",\"size\":\"100,100\"}\r\n"
    "Un visiteur vous demande où sont les toilettes.\r\n"
    "Il a l'air pressé.\r\n"
    "\r\n"
    "Feedback: Vous répondez d'abord au besoin.\r\n"
    "[[Vous l'y conduisez->Fin heureuse]]\r\n"
    "[[Fin heureuse<-Vous lui montrez le plan]]\r\n"
    "Feedback: Il part sans attendre.\r\n"
    "[[Vous commencez votre exposé|Fin {brève}]]\r\n"
    "[[Relance]]\r\n"
    "\r\n"
    "\r\n"
    ":: Relance [travail] {\"position\":\"300,100\",\"size\":\"100,100\"}\r\n"
    "Il revient.\r\n"
    "  [[ Encore ->  Accueil ]]  \r\n"
    "\r\n"
    ":: Fin heureuse [ending fin] {\"position\":\"500,100\"}\r\n"
    "Il vous remercie.\r\n"
    "\r\n"
    "Debrief:\r\n"
    "Répondre au besoin d'abord.\r\n"
    "\r\n"
    "Ensuite, proposer.\r\n"
    "\r\n"
    ":: Fin \\{brève\\} [ending]\r\n"
    "Il est parti.\r\n";

  g_assert_true (import_text (db, target, twee, &error));
  g_assert_no_error (error);

  rehearsal = dump_rehearsal (db, target);
  g_assert_cmpstr (rehearsal, ==,
    "0|Accueil|situation|1|Un visiteur vous demande où sont les toilettes.\nIl a l'air pressé.|\n"
    "1|Relance|situation|0|Il revient.|\n"
    "2|Fin heureuse|ending|0|Il vous remercie.|Répondre au besoin d'abord.\n\nEnsuite, proposer.\n"
    "3|Fin {brève}|ending|0|Il est parti.|\n"
    "--\n"
    "Accueil|0|Vous l'y conduisez|Vous répondez d'abord au besoin.|Fin heureuse\n"
    "Accueil|1|Vous lui montrez le plan||Fin heureuse\n"
    "Accueil|2|Vous commencez votre exposé|Il part sans attendre.|Fin {brève}\n"
    "Accueil|3|Relance||Relance\n"
    "Relance|0|Encore||Accueil\n");

  /* Without StoryData, the passage named Start is where it starts. */
  g_assert_true (import_text (db, target,
                              ":: Begin\nNot here.\n[[Go->Start]]\n\n:: Start\nHere.\n"
                              "[[Back->Begin]]\n", &error));
  g_assert_no_error (error);
  g_free (rehearsal);
  rehearsal = dump_rehearsal (db, target);
  g_assert_cmpstr (rehearsal, ==,
    "0|Begin|situation|0|Not here.|\n"
    "1|Start|situation|1|Here.|\n"
    "--\n"
    "Begin|0|Go||Start\n"
    "Start|0|Back||Begin\n");
}

typedef struct
{
  const char *twee;
  guint       line;
} Malformed;

static const Malformed malformed[] = {
  { "", 1 },
  { "\n\n", 2 },
  { ":: StoryTitle\nTitle\n", 2 },
  { "Hello\n:: Start\n", 1 },
  { ":: Start\n:: Start\n", 2 },
  { ":: Start\nText\n\n:: Other\n[[Go->Start]]\n:: Other [ending]\n", 6 },
  { ":: Start\n[[Go->Nowhere]]\n", 2 },
  { ":: Start\nText\n[[Go->StoryTitle]]\n\n:: StoryTitle\nT\n", 3 },
  { ":: Begin\nText\n", 2 },
  { ":: StoryData\n{\"start\": \"Missing\"}\n\n:: Begin\n", 1 },
  { ":: StoryData\n{\"start\": 3}\n\n:: Start\n", 1 },
  { ":: StoryData\n{\"start\": \"Begin\"\n\n:: Begin\n", 1 },
  { ":: StoryData\n[1]\n\n:: Begin\n", 1 },
  { ":: Start\n\n::\n", 3 },
  { ":: Start\n::  [ending]\n", 2 },
  { ":: Start [ending\n", 1 },
  { ":: Start [ending] junk\n", 1 },
  { ":: Start\nText\n:: A->B\n", 3 },
  { ":: Start\nText\n:: A|B\n", 3 },
  { ":: Start\n[[->Start]]\n", 2 },
  { ":: Start\nFeedback: alone\n\nText\n", 2 },
  { ":: Start\nFeedback: one\nFeedback: two\n\n[[Go->Start]]\n", 2 },
  { ":: Start\nText\nFeedback: last\n", 3 },
  { ":: Start\nFine\n\xc3\x28 not UTF-8\n", 3 },
  { ":: Start\nA nul \0 byte\n", 2 },
};

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  gint64 scenario_id = rehearsed_scenario (db, 0);
  g_autofree char *before = dump_all (db);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *expected = g_strdup_printf ("Line %u: ", malformed[i].line);
      g_autofree char *after = NULL;
      gsize length = strlen (malformed[i].twee);

      /* The one with a nul byte goes on after it. */
      if (strstr (malformed[i].twee, "nul") != NULL)
        length += 1 + strlen (malformed[i].twee + length + 1);
      bytes = g_bytes_new (malformed[i].twee, length);

      g_test_message ("file %u", i);
      g_assert_false (psr_twee_import (db, scenario_id, bytes, &error));
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, expected));

      after = dump_all (db);
      g_assert_cmpstr (before, ==, after);
    }
}

static void
test_too_large (Fixture       *fixture,
                gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  gint64 scenario_id = rehearsed_scenario (db, 0);
  g_autofree char *before = dump_all (db);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size = PSR_TWEE_MAX_SIZE + 1;
  char *big = g_malloc (size);

  memset (big, '\n', size);
  memcpy (big, ":: Start\n", 9);
  bytes = g_bytes_new_take (big, size);
  g_assert_false (psr_twee_import (db, scenario_id, bytes, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  after = dump_all (db);
  g_assert_cmpstr (before, ==, after);
}

static void
test_missing_scenario (Fixture       *fixture,
                       gconstpointer  data)
{
  PsrDatabase *db = fixture->db;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_false (import_text (db, 999999, ":: Start\n", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (psr_twee_export (db, 999999, output, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/twee/round-trip", test_round_trip);
  ADD ("/twee/escapes", test_escapes);
  ADD ("/twee/twine", test_twine);
  ADD ("/twee/malformed", test_malformed);
  ADD ("/twee/too-large", test_too_large);
  ADD ("/twee/missing-scenario", test_missing_scenario);

#undef ADD

  return g_test_run ();
}
