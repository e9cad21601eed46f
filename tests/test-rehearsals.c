/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <string.h>

#include "psr-error.h"
#include "psr-rehearsals.h"
#include "psr-sample.h"
#include "psr-scenarios.h"
#include "psr-test-utils.h"
#include "psr-twee.h"

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
  g_autofree char *path = NULL;

  fixture->dir = psr_test_make_dir ();
  path = g_build_filename (fixture->dir, "passerelle.db", NULL);
  fixture->db = psr_database_open (path, &error);
  g_assert_no_error (error);
}

/* With the two sample scenarios that carry a rehearsal. */
static void
fixture_set_up_sample (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_local (2026, 3, 11, 15, 0, 0);

  fixture_set_up (fixture, data);
  g_assert_true (psr_sample_load (fixture->db, today, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->db);
  psr_test_remove_dir (fixture->dir);
  g_free (fixture->dir);
}

/* Helpers ------------------------------------------------------------------ */

static gint64
create (PsrDatabase *db,
        const char  *title)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_scenario_create (db, title, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_node (PsrDatabase      *db,
          gint64            scenario_id,
          PsrRehearsalKind  kind,
          const char       *name)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_rehearsal_node_add (db, scenario_id, kind, name, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_choice (PsrDatabase *db,
            gint64       node_id,
            const char  *text,
            gint64       target_id)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_rehearsal_choice_add (db, node_id, text, target_id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Every row of the scenario and its rehearsal, as text. */
static char *
snapshot (PsrDatabase *db,
          gint64       scenario_id)
{
  static const char * const queries[] = {
    "SELECT * FROM scenarios WHERE id = ?1",
    "SELECT * FROM rehearsal_nodes WHERE scenario_id = ?1 ORDER BY id",
    "SELECT c.* FROM rehearsal_choices c JOIN rehearsal_nodes n ON n.id = c.node_id"
    " WHERE n.scenario_id = ?1 ORDER BY c.id",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt = psr_database_prepare (db, queries[q], &error);

      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, scenario_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, i);

              g_string_append_printf (out, "%s|", text != NULL ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      sqlite3_reset (stmt);
    }

  return g_string_free (out, FALSE);
}

/* What the editor shows: the nodes in order with their flags and texts,
 * their choices in order, each with the name of its target. The positions
 * are checked to be 0 … n-1. */
static char *
describe (PsrDatabase *db,
          gint64       scenario_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = psr_rehearsal_list_nodes (db, scenario_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);
      g_autoptr(GPtrArray) choices = psr_rehearsal_list_choices (db, node->id, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (node->position, ==, i);
      g_assert_cmpint (strlen (node->uuid), ==, 36);
      g_string_append_printf (out, "%s%s %s\n%s\n%s\n", node->is_start ? "*" : "",
                              node->kind == PSR_REHEARSAL_ENDING ? "ending" : "situation",
                              node->name, node->text, node->debrief);
      for (guint j = 0; j < choices->len; j++)
        {
          PsrRehearsalChoice *choice = g_ptr_array_index (choices, j);
          const char *target = "(nowhere)";

          g_assert_cmpuint (choice->position, ==, j);
          for (guint k = 0; k < nodes->len; k++)
            if (((PsrRehearsalNode *) g_ptr_array_index (nodes, k))->id == choice->target_id)
              target = ((PsrRehearsalNode *) g_ptr_array_index (nodes, k))->name;
          g_string_append_printf (out, "  - %s / %s -> %s\n", choice->text, choice->feedback,
                                  target);
        }
    }

  return g_string_free (out, FALSE);
}

static char *
node_names (PsrDatabase *db,
            gint64       scenario_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = psr_rehearsal_list_nodes (db, scenario_id, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      g_assert_cmpuint (node->position, ==, i);
      g_strv_builder_add (builder, node->name);
    }
  names = g_strv_builder_end (builder);
  return g_strjoinv (",", names);
}

static char *
choice_texts (PsrDatabase *db,
              gint64       node_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = psr_rehearsal_list_choices (db, node_id, &error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) texts = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < choices->len; i++)
    {
      PsrRehearsalChoice *choice = g_ptr_array_index (choices, i);

      g_assert_cmpuint (choice->position, ==, i);
      g_strv_builder_add (builder, choice->text);
    }
  texts = g_strv_builder_end (builder);
  return g_strjoinv (",", texts);
}

static char *
check_messages (PsrDatabase *db,
                gint64       scenario_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = psr_rehearsal_check (db, scenario_id, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < checks->len; i++)
    {
      PsrCheck *check = g_ptr_array_index (checks, i);

      g_string_append_printf (out, "%s %s\n", check->severity == PSR_CHECK_WARNING ? "W" : "I",
                              check->message);
    }

  return g_string_free (out, FALSE);
}

static gint64
scenario_with_rehearsal (PsrDatabase *db,
                         guint        nth)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db,
    "SELECT DISTINCT scenario_id FROM rehearsal_nodes ORDER BY scenario_id", &error);
  gint64 id = 0;

  g_assert_no_error (error);
  for (guint i = 0; i <= nth; i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      id = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_reset (stmt);
  return id;
}

/* Tests -------------------------------------------------------------------- */

static void
test_nodes (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRehearsalNode) node = NULL;
  g_autofree char *names = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 arrival, tension, end;

  g_assert_cmpstr (names = node_names (fixture->db, scenario), ==, "");
  g_clear_pointer (&names, g_free);

  arrival = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "  Arrival ");
  tension = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Tension");
  end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  g_assert_cmpstr (names = node_names (fixture->db, scenario), ==, "Arrival,Tension,End");
  g_clear_pointer (&names, g_free);

  node = psr_rehearsal_get_node (fixture->db, end, &error);
  g_assert_no_error (error);
  g_assert_cmpint (node->kind, ==, PSR_REHEARSAL_ENDING);
  g_assert_false (node->is_start);
  g_assert_cmpstr (node->text, ==, "");
  g_clear_pointer (&node, psr_rehearsal_node_free);

  g_assert_true (psr_rehearsal_node_set (fixture->db, end, " The end ", "They leave.",
                                         "Listen first.", &error));
  g_assert_no_error (error);
  node = psr_rehearsal_get_node (fixture->db, end, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (node->name, ==, "The end");
  g_assert_cmpstr (node->text, ==, "They leave.");
  g_assert_cmpstr (node->debrief, ==, "Listen first.");
  g_clear_pointer (&node, psr_rehearsal_node_free);

  /* Keeping its own name is no clash; NULL texts are empty. */
  g_assert_true (psr_rehearsal_node_set (fixture->db, tension, "Tension", NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (psr_rehearsal_node_move (fixture->db, end, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (names = node_names (fixture->db, scenario), ==, "The end,Arrival,Tension");
  g_clear_pointer (&names, g_free);
  g_assert_true (psr_rehearsal_node_move (fixture->db, end, 99, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (names = node_names (fixture->db, scenario), ==, "Arrival,Tension,The end");
  g_clear_pointer (&names, g_free);

  /* A situation becomes an ending and back; the start stays a situation. */
  g_assert_true (psr_rehearsal_node_set_kind (fixture->db, tension, PSR_REHEARSAL_ENDING, &error));
  g_assert_no_error (error);
  node = psr_rehearsal_get_node (fixture->db, tension, &error);
  g_assert_cmpint (node->kind, ==, PSR_REHEARSAL_ENDING);
  g_clear_pointer (&node, psr_rehearsal_node_free);
  g_assert_true (psr_rehearsal_node_set_kind (fixture->db, tension, PSR_REHEARSAL_SITUATION,
                                              &error));
  g_assert_no_error (error);
  g_assert_false (psr_rehearsal_node_set_kind (fixture->db, arrival, PSR_REHEARSAL_ENDING, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  node = psr_rehearsal_get_node (fixture->db, arrival, &error);
  g_assert_cmpint (node->kind, ==, PSR_REHEARSAL_SITUATION);
  g_assert_true (node->is_start);
  g_clear_pointer (&node, psr_rehearsal_node_free);

  g_assert_true (psr_rehearsal_node_remove (fixture->db, tension, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (names = node_names (fixture->db, scenario), ==, "Arrival,The end");
  g_clear_pointer (&names, g_free);

  g_assert_false (psr_rehearsal_node_remove (fixture->db, tension, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (psr_rehearsal_get_node (fixture->db, tension, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (psr_rehearsal_node_add (fixture->db, 9999, PSR_REHEARSAL_SITUATION, "X",
                                           &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The scenario goes with its rehearsal. */
  g_assert_true (psr_scenario_delete (fixture->db, scenario, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM rehearsal_nodes"), ==, 0);
}

static void
test_choices (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *texts = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 arrival = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Arrival");
  gint64 end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  gint64 a, b, c;
  PsrRehearsalChoice *choice;

  a = add_choice (fixture->db, arrival, " Smile ", end);
  b = add_choice (fixture->db, arrival, "Frown", 0);
  c = add_choice (fixture->db, arrival, "Wait", arrival);
  g_assert_cmpstr (texts = choice_texts (fixture->db, arrival), ==, "Smile,Frown,Wait");
  g_clear_pointer (&texts, g_free);

  choices = psr_rehearsal_list_choices (fixture->db, arrival, &error);
  g_assert_no_error (error);
  choice = g_ptr_array_index (choices, 0);
  g_assert_cmpint (choice->id, ==, a);
  g_assert_cmpint (choice->target_id, ==, end);
  g_assert_cmpstr (choice->feedback, ==, "");
  g_assert_cmpint (strlen (choice->uuid), ==, 36);
  g_assert_cmpint (((PsrRehearsalChoice *) g_ptr_array_index (choices, 1))->target_id, ==, 0);
  g_clear_pointer (&choices, g_ptr_array_unref);

  g_assert_true (psr_rehearsal_choice_set (fixture->db, b, "Frown at them", "Too harsh.", end,
                                           &error));
  g_assert_no_error (error);
  choices = psr_rehearsal_list_choices (fixture->db, arrival, &error);
  g_assert_no_error (error);
  choice = g_ptr_array_index (choices, 1);
  g_assert_cmpstr (choice->text, ==, "Frown at them");
  g_assert_cmpstr (choice->feedback, ==, "Too harsh.");
  g_assert_cmpint (choice->target_id, ==, end);
  g_clear_pointer (&choices, g_ptr_array_unref);

  g_assert_true (psr_rehearsal_choice_move (fixture->db, c, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (texts = choice_texts (fixture->db, arrival), ==, "Wait,Smile,Frown at them");
  g_clear_pointer (&texts, g_free);

  g_assert_true (psr_rehearsal_choice_remove (fixture->db, a, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (texts = choice_texts (fixture->db, arrival), ==, "Wait,Frown at them");
  g_clear_pointer (&texts, g_free);
  g_assert_false (psr_rehearsal_choice_remove (fixture->db, a, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Removing a node leaves the choices leading to it dangling. */
  g_assert_true (psr_rehearsal_node_remove (fixture->db, end, &error));
  g_assert_no_error (error);
  choices = psr_rehearsal_list_choices (fixture->db, arrival, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 2);
  g_assert_cmpint (((PsrRehearsalChoice *) g_ptr_array_index (choices, 1))->target_id, ==, 0);

  /* The choices of a removed node go with it. */
  g_assert_true (psr_rehearsal_node_remove (fixture->db, arrival, &error));
  g_assert_no_error (error);
  g_assert_cmpint (psr_test_query_int (fixture->db, "SELECT count(*) FROM rehearsal_choices"),
                   ==, 0);
}

static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const refused[] = {
    "", "   ", "Arrival", " Arrival\t", "[left", "a|b", "go->there", "back<-here",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 other = create (fixture->db, "Other");
  gint64 tension;

  add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Arrival");
  tension = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "Tension");
  /* A name is unique within its scenario only; case counts. */
  add_node (fixture->db, other, PSR_REHEARSAL_SITUATION, "Arrival");
  add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "arrival");

  before = snapshot (fixture->db, scenario);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *now = NULL;

      g_assert_cmpint (psr_rehearsal_node_add (fixture->db, scenario, PSR_REHEARSAL_ENDING,
                                               refused[i], &error), ==, 0);
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);

      g_assert_false (psr_rehearsal_node_set (fixture->db, tension, refused[i], "new text",
                                              "new debrief", &error));
      g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
      g_clear_error (&error);

      g_assert_cmpstr (now = snapshot (fixture->db, scenario), ==, before);
    }
  g_assert_cmpint (psr_rehearsal_node_add (fixture->db, scenario, PSR_REHEARSAL_ENDING, NULL,
                                           &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  after = snapshot (fixture->db, scenario);
  g_assert_cmpstr (after, ==, before);
}

static void
test_start (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRehearsalNode) start = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 end, first, second;

  g_assert_null (psr_rehearsal_get_start (fixture->db, scenario, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An ending is never the start: the first situation is. */
  end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  g_assert_null (psr_rehearsal_get_start (fixture->db, scenario, &error));
  g_clear_error (&error);
  first = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "First");
  second = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Second");
  start = psr_rehearsal_get_start (fixture->db, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (start->id, ==, first);
  g_assert_true (start->is_start);
  g_clear_pointer (&start, psr_rehearsal_node_free);

  before = snapshot (fixture->db, scenario);
  g_assert_false (psr_rehearsal_node_set_start (fixture->db, end, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (after = snapshot (fixture->db, scenario), ==, before);
  g_clear_pointer (&after, g_free);

  g_assert_true (psr_rehearsal_node_set_start (fixture->db, second, &error));
  g_assert_no_error (error);
  start = psr_rehearsal_get_start (fixture->db, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (start->id, ==, second);
  g_clear_pointer (&start, psr_rehearsal_node_free);
  g_assert_cmpint (psr_test_query_int (fixture->db,
                                       "SELECT count(*) FROM rehearsal_nodes WHERE is_start"),
                   ==, 1);
  /* Again: nothing to move. */
  g_assert_true (psr_rehearsal_node_set_start (fixture->db, second, &error));
  g_assert_no_error (error);

  /* Without its start, the rehearsal has none until the author picks one;
   * the next situation added is it. */
  g_assert_true (psr_rehearsal_node_remove (fixture->db, second, &error));
  g_assert_no_error (error);
  g_assert_null (psr_rehearsal_get_start (fixture->db, scenario, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  second = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Second");
  start = psr_rehearsal_get_start (fixture->db, scenario, &error);
  g_assert_no_error (error);
  g_assert_cmpint (start->id, ==, second);
}

static void
test_checks (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *messages = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 arrival, tension, lost, end, calm;
  gint64 wait;

  /* No rehearsal, no remark. */
  g_assert_cmpstr (messages = check_messages (fixture->db, scenario), ==, "");
  g_clear_pointer (&messages, g_free);
  g_assert_null (psr_rehearsal_check (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  arrival = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Arrival");
  tension = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Tension");
  lost = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Lost");
  end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  calm = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "Calm");
  add_choice (fixture->db, arrival, "Raise your voice", tension);
  wait = add_choice (fixture->db, arrival, "Wait and see what happens next in the room, quietly",
                     0);
  add_choice (fixture->db, tension, "Leave", end);
  add_choice (fixture->db, lost, "Give up", end);

  g_assert_cmpstr (messages = check_messages (fixture->db, scenario), ==,
                   "W No choice leads from the start to the situation “Lost”\n"
                   "W No choice leads from the start to the ending “Calm”\n"
                   "W The choice “Wait and see what happens next in the…” of “Arrival” "
                   "leads nowhere: choose where it leads\n"
                   "I The ending “End” has no debrief: say what to remember\n"
                   "I The ending “Calm” has no debrief: say what to remember\n");
  g_clear_pointer (&messages, g_free);

  g_assert_true (psr_rehearsal_choice_set (fixture->db, wait, "Wait", NULL, calm, &error));
  g_assert_no_error (error);
  g_assert_true (psr_rehearsal_node_set (fixture->db, end, "End", "", "Stay calm.", &error));
  g_assert_no_error (error);
  g_assert_true (psr_rehearsal_node_set (fixture->db, calm, "Calm", "", "Well done.", &error));
  g_assert_no_error (error);
  g_assert_true (psr_rehearsal_node_remove (fixture->db, lost, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (messages = check_messages (fixture->db, scenario), ==, "");
  g_clear_pointer (&messages, g_free);

  /* A situation without a choice; then a removed target. */
  lost = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Lost");
  add_choice (fixture->db, tension, "Get lost", lost);
  g_assert_true (psr_rehearsal_node_remove (fixture->db, calm, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (messages = check_messages (fixture->db, scenario), ==,
                   "W The situation “Lost” has no choice: add one, or make it an ending\n"
                   "W The choice “Wait” of “Arrival” leads nowhere: choose where it "
                   "leads\n");
  g_clear_pointer (&messages, g_free);

  /* Without a start, that is the one remark on the way through. */
  g_assert_true (psr_rehearsal_node_remove (fixture->db, arrival, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (messages = check_messages (fixture->db, scenario), ==,
                   "W The rehearsal has no start: choose the situation it starts with\n"
                   "W The situation “Lost” has no choice: add one, or make it an ending\n");
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *before_other = NULL;
  g_autofree char *after = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 other = create (fixture->db, "Other");
  gint64 arrival = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Arrival");
  gint64 end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  gint64 elsewhere = add_node (fixture->db, other, PSR_REHEARSAL_ENDING, "Elsewhere");
  gint64 choice = add_choice (fixture->db, arrival, "Smile", end);

  before = snapshot (fixture->db, scenario);
  before_other = snapshot (fixture->db, other);

  /* A choice cannot lead to another scenario's node, nor to nothing that exists. */
  g_assert_cmpint (psr_rehearsal_choice_add (fixture->db, arrival, "Go", elsewhere, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_choice_set (fixture->db, choice, "Go", "", elsewhere, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_choice_set (fixture->db, choice, "Go", "", 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  /* A choice needs a text. */
  g_assert_cmpint (psr_rehearsal_choice_add (fixture->db, arrival, " \n", end, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_choice_set (fixture->db, choice, "", "feedback", end, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_INVALID);
  g_clear_error (&error);

  /* Rows that do not exist. */
  g_assert_cmpint (psr_rehearsal_choice_add (fixture->db, 9999, "Go", 0, &error), ==, 0);
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_choice_set (fixture->db, 9999, "Go", "", 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_choice_move (fixture->db, 9999, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_node_move (fixture->db, 9999, 0, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_node_set_start (fixture->db, 9999, &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (psr_rehearsal_node_set (fixture->db, 9999, "X", "", "", &error));
  g_assert_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpstr (after = snapshot (fixture->db, scenario), ==, before);
  g_clear_pointer (&after, g_free);
  g_assert_cmpstr (after = snapshot (fixture->db, other), ==, before_other);
}

/* Each change touches the scenario, as its other changes do. */
static void
test_marks_scenario (Fixture       *fixture,
                     gconstpointer  data)
{
  static const char reset_sql[] =
    "UPDATE scenarios SET updated_at = '2000-01-01T00:00:00.000Z'";
  static const char changed_sql[] =
    "SELECT count(*) FROM scenarios WHERE updated_at != '2000-01-01T00:00:00.000Z'";
  g_autoptr(GError) error = NULL;
  gint64 scenario = create (fixture->db, "Rehearsal");
  gint64 arrival, end, choice;

  psr_test_exec (fixture->db, reset_sql);
  arrival = add_node (fixture->db, scenario, PSR_REHEARSAL_SITUATION, "Arrival");
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 1);

  psr_test_exec (fixture->db, reset_sql);
  end = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "End");
  psr_test_exec (fixture->db, reset_sql);
  choice = add_choice (fixture->db, arrival, "Go", end);
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 1);

  psr_test_exec (fixture->db, reset_sql);
  g_assert_true (psr_rehearsal_choice_set (fixture->db, choice, "Go on", "Yes", end, &error));
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 1);

  psr_test_exec (fixture->db, reset_sql);
  g_assert_true (psr_rehearsal_node_move (fixture->db, end, 0, &error));
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 1);

  psr_test_exec (fixture->db, reset_sql);
  g_assert_true (psr_rehearsal_node_remove (fixture->db, end, &error));
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 1);
  g_assert_no_error (error);

  /* A refused change leaves it as it was. */
  psr_test_exec (fixture->db, reset_sql);
  g_assert_false (psr_rehearsal_node_set (fixture->db, arrival, "", "", "", &error));
  g_clear_error (&error);
  g_assert_cmpint (psr_test_query_int (fixture->db, changed_sql), ==, 0);
}

/* What the editor shows comes back whole from Twine. */
static void
test_twee_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  for (guint nth = 0; nth < 2; nth++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *original = NULL;
      g_autofree char *copied = NULL;
      gint64 scenario = scenario_with_rehearsal (fixture->db, nth);
      gint64 copy = create (fixture->db, "Copy");
      gint64 extra;

      /* Texts over several lines, a debrief for a situation too. */
      extra = add_node (fixture->db, scenario, PSR_REHEARSAL_ENDING, "Late « fin »");
      g_assert_true (psr_rehearsal_node_set (fixture->db, extra, "Late « fin »",
                                             "First line.\n\nFeedback: not a feedback\n"
                                             "[[not a link]]",
                                             "Remember:\nthis.", &error));
      g_assert_no_error (error);
      add_choice (fixture->db, extra, "Start over", extra);

      original = describe (fixture->db, scenario);
      g_assert_true (psr_twee_export (fixture->db, scenario, output, &error));
      g_assert_no_error (error);
      g_assert_true (g_output_stream_close (output, NULL, &error));
      bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));

      g_assert_true (psr_twee_import (fixture->db, copy, bytes, &error));
      g_assert_no_error (error);
      copied = describe (fixture->db, copy);
      g_assert_cmpstr (copied, ==, original);
    }
}

static void
test_play (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRehearsalPath) path = psr_rehearsal_path_new ();
  g_autoptr(PsrRehearsalPath) copy = NULL;
  g_autoptr(PsrRehearsalNode) node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *copy_json = NULL;
  gint64 scenario = scenario_with_rehearsal (fixture->db, 0);
  JsonArray *steps;
  sqlite3_stmt *stmt;
  guint n_choices = 0;

  g_assert_cmpstr (json = psr_rehearsal_path_to_json (path), ==, "[]");
  g_clear_pointer (&json, g_free);

  /* Always the first choice, to an ending. */
  node = psr_rehearsal_get_start (fixture->db, scenario, &error);
  g_assert_no_error (error);
  while (node->kind == PSR_REHEARSAL_SITUATION)
    {
      g_autoptr(GPtrArray) choices = psr_rehearsal_list_choices (fixture->db, node->id, &error);
      PsrRehearsalChoice *choice;

      g_assert_no_error (error);
      g_assert_cmpuint (choices->len, >, 0);
      choice = g_ptr_array_index (choices, 0);
      psr_rehearsal_path_add (path, node->uuid, choice->uuid);
      n_choices++;
      g_assert_cmpuint (n_choices, <, 20);
      g_clear_pointer (&node, psr_rehearsal_node_free);
      node = psr_rehearsal_get_node (fixture->db, choice->target_id, &error);
      g_assert_no_error (error);
    }
  psr_rehearsal_path_add (path, node->uuid, NULL);
  g_assert_cmpuint (psr_rehearsal_path_get_length (path), ==, n_choices + 1);

  json = psr_rehearsal_path_to_json (path);
  copy = psr_rehearsal_path_copy (path);
  g_assert_cmpstr (copy_json = psr_rehearsal_path_to_json (copy), ==, json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  steps = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (steps), ==, n_choices + 1);
  for (guint i = 0; i <= n_choices; i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);

      g_assert_cmpint (strlen (json_object_get_string_member (step, "node")), ==, 36);
      if (i < n_choices)
        g_assert_cmpint (strlen (json_object_get_string_member (step, "choice")), ==, 36);
      else
        g_assert_true (json_object_get_null_member (step, "choice"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (steps, n_choices),
                                                  "node"), ==, node->uuid);

  /* What rehearsal_runs accepts. */
  stmt = psr_database_prepare (fixture->db, "SELECT json_valid (?1)", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);

  psr_rehearsal_path_clear (path);
  g_assert_cmpuint (psr_rehearsal_path_get_length (path), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, set_up, func) \
  g_test_add (path, Fixture, NULL, set_up, func, fixture_tear_down)

  ADD ("/rehearsals/nodes", fixture_set_up, test_nodes);
  ADD ("/rehearsals/choices", fixture_set_up, test_choices);
  ADD ("/rehearsals/names", fixture_set_up, test_names);
  ADD ("/rehearsals/start", fixture_set_up, test_start);
  ADD ("/rehearsals/checks", fixture_set_up, test_checks);
  ADD ("/rehearsals/refusals", fixture_set_up, test_refusals);
  ADD ("/rehearsals/marks-scenario", fixture_set_up, test_marks_scenario);
  ADD ("/rehearsals/twee-round-trip", fixture_set_up_sample, test_twee_round_trip);
  ADD ("/rehearsals/play", fixture_set_up_sample, test_play);

#undef ADD

  return g_test_run ();
}
