/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <json-glib/json-glib.h>

#include "psr-application.h"
#include "psr-kind.h"
#include "psr-rehearsal-editor.h"
#include "psr-rehearsal-player.h"
#include "psr-rehearsals.h"
#include "psr-sample.h"
#include "psr-scenario.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"

static PsrApplication *app;
static char *dir;

static PsrDatabase *
open_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psr_sample_load (db, today, &error));
  g_assert_no_error (error);
  return db;
}

typedef struct
{
  PsrDatabase *db;
  gint64       with_rehearsal;
  gint64       without_rehearsal;
} Scenarios;

static void
find_scenario_cb (const char *uuid,
                  const char *title,
                  gpointer    user_data)
{
  Scenarios *found = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = psr_kind_find_id (found->db, PSR_TYPE_SCENARIO, uuid, &error);
  g_autoptr(GPtrArray) nodes = psr_rehearsal_list_nodes (found->db, id, &error);

  g_assert_no_error (error);
  if (nodes->len > 0 && found->with_rehearsal == 0)
    found->with_rehearsal = id;
  if (nodes->len == 0 && found->without_rehearsal == 0)
    found->without_rehearsal = id;
}

static Scenarios
find_scenarios (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  Scenarios found = { db, 0, 0 };

  g_assert_true (psr_kind_foreach_title (db, PSR_TYPE_SCENARIO, find_scenario_cb, &found,
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpint (found.with_rehearsal, >, 0);
  g_assert_cmpint (found.without_rehearsal, >, 0);
  return found;
}

/* The first widget that shows, of @type, with the CSS class or name
 * @name (NULL for any). */
static GtkWidget *
find_shown (GtkWidget  *widget,
            GType       type,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (name == NULL || gtk_widget_has_css_class (child, name)
              || g_strcmp0 (gtk_widget_get_name (child), name) == 0))
        return child;
      if ((found = find_shown (child, type, name)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_action_button (child, action)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_child_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
finished_cb (PsrRehearsalPlayer *player,
             const char         *path,
             char              **out)
{
  g_free (*out);
  *out = g_strdup (path);
}

/* Always the first choice, then Continue, up to an ending. Returns the
 * number of choices made. */
static guint
play_first_choices (GtkWidget   *player,
                    char       **path)
{
  guint n_choices = 0;

  while (*path == NULL)
    {
      GtkWidget *choice = find_shown (player, GTK_TYPE_BUTTON, "rehearsal-choice");
      GtkWidget *next;

      g_assert_nonnull (choice);
      /* Reachable by Tab, and what the keyboard lands on. */
      g_assert_true (gtk_widget_get_focusable (choice));
      g_assert_true (gtk_widget_has_focus (choice));
      g_signal_emit_by_name (choice, "clicked");
      n_choices++;
      psr_test_ui_iterate (20);

      /* The feedback, with Continue. */
      g_assert_null (find_shown (player, GTK_TYPE_BUTTON, "rehearsal-choice"));
      next = find_shown (player, GTK_TYPE_BUTTON, "continue");
      g_assert_nonnull (next);
      g_assert_true (gtk_widget_has_focus (next));
      g_signal_emit_by_name (next, "clicked");
      psr_test_ui_iterate (20);
      g_assert_cmpuint (n_choices, <, 20);
    }

  return n_choices;
}

static void
test_player (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("player.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(PsrRehearsalNode) ending = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *first_path = NULL;
  Scenarios scenarios = find_scenarios (db);
  PsrRehearsalPlayer *player = psr_rehearsal_player_new (db, scenarios.with_rehearsal);
  JsonArray *steps;
  JsonObject *last;
  guint n_choices;

  g_signal_connect (player, "finished", G_CALLBACK (finished_cb), &path);
  gtk_window_present (GTK_WINDOW (player));
  psr_test_ui_iterate (200);

  n_choices = play_first_choices (GTK_WIDGET (player), &path);
  g_assert_cmpuint (n_choices, >, 0);

  /* The path: each choice made, then the ending. */
  g_assert_true (json_parser_load_from_data (parser, path, -1, &error));
  g_assert_no_error (error);
  steps = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (steps), ==, n_choices + 1);
  last = json_array_get_object_element (steps, n_choices);
  g_assert_true (json_object_get_null_member (last, "choice"));

  /* The ending's debrief shows, with the choices made. */
  nodes = psr_rehearsal_list_nodes (db, scenarios.with_rehearsal, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < nodes->len; i++)
    {
      PsrRehearsalNode *node = g_ptr_array_index (nodes, i);

      if (g_str_equal (node->uuid, json_object_get_string_member (last, "node")))
        ending = psr_rehearsal_node_copy (node);
    }
  g_assert_nonnull (ending);
  g_assert_cmpint (ending->kind, ==, PSR_REHEARSAL_ENDING);
  g_assert_cmpstr (ending->debrief, !=, "");
  g_assert_true (shows_label (GTK_WIDGET (player), ending->debrief));
  g_assert_nonnull (find_shown (GTK_WIDGET (player), ADW_TYPE_ACTION_ROW, NULL));

  /* Play Again goes the same way. */
  first_path = g_steal_pointer (&path);
  gtk_widget_activate_action (GTK_WIDGET (player), "player.restart", NULL);
  psr_test_ui_iterate (20);
  g_assert_cmpuint (play_first_choices (GTK_WIDGET (player), &path), ==, n_choices);
  g_assert_cmpstr (path, ==, first_path);

  /* Escape closes. */
  g_object_ref (player);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (player), "window.close", NULL));
  psr_test_ui_iterate (50);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (player)));
  g_assert_finalize_object (player);
}

static char *
first_node_name (PsrDatabase *db,
                 gint64       scenario_id,
                 gboolean    *is_start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = psr_rehearsal_list_nodes (db, scenario_id, &error);
  PsrRehearsalNode *node;

  g_assert_no_error (error);
  g_assert_cmpuint (nodes->len, ==, 1);
  node = g_ptr_array_index (nodes, 0);
  *is_start = node->is_start;
  return g_strdup (node->name);
}

static void
test_editor (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("editor.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GPtrArray) choices = NULL;
  g_autofree char *name = NULL;
  Scenarios scenarios = find_scenarios (db);
  PsrRehearsalEditor *editor = psr_rehearsal_editor_new (db, scenarios.without_rehearsal);
  GtkWidget *name_row;
  gboolean is_start = FALSE;

  gtk_window_present (GTK_WINDOW (editor));
  psr_test_ui_iterate (200);

  /* No rehearsal yet: an invitation to write one or import it. */
  g_assert_nonnull (find_shown (GTK_WIDGET (editor), ADW_TYPE_STATUS_PAGE, NULL));
  /* Nothing to play yet. */
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (editor),
                                                               "rehearsal.play")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "rehearsal.add-situation",
                                             NULL));
  psr_test_ui_iterate (50);
  g_assert_null (find_shown (GTK_WIDGET (editor), ADW_TYPE_STATUS_PAGE, NULL));
  g_free (first_node_name (db, scenarios.without_rehearsal, &is_start));
  g_assert_true (is_start);

  /* Renamed, saved after a pause in typing. */
  name_row = find_shown (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW, NULL);
  g_assert_nonnull (name_row);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Welcome desk");
  psr_test_ui_iterate (800);
  g_assert_cmpstr (name = first_node_name (db, scenarios.without_rehearsal, &is_start), ==,
                   "Welcome desk");
  g_clear_pointer (&name, g_free);
  g_assert_true (shows_label (GTK_WIDGET (editor), "Welcome desk"));

  /* A choice, added to the situation shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "rehearsal.add-choice", NULL));
  psr_test_ui_iterate (50);
  nodes = psr_rehearsal_list_nodes (db, scenarios.without_rehearsal, &error);
  g_assert_no_error (error);
  choices = psr_rehearsal_list_choices (db, ((PsrRehearsalNode *) g_ptr_array_index (nodes, 0))->id,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (choices->len, ==, 1);
  g_assert_cmpint (((PsrRehearsalChoice *) g_ptr_array_index (choices, 0))->target_id, ==, 0);

  /* Saved on leaving, without waiting. */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Welcome");
  g_object_ref (editor);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_cmpstr (name = first_node_name (db, scenarios.without_rehearsal, &is_start), ==,
                   "Welcome");
  gtk_window_destroy (GTK_WINDOW (editor));
  psr_test_ui_iterate (50);
  g_assert_finalize_object (editor);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The application sets up the resources, the style and libadwaita. */
  dir = psr_test_make_dir ();
  app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/rehearsal-ui/player", test_player);
  g_test_add_func ("/rehearsal-ui/editor", test_editor);

  status = g_test_run ();
  g_clear_object (&app);
  psr_test_remove_dir (dir);
  g_free (dir);
  return status;
}
