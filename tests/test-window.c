/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include "psr-application.h"
#include "psr-competencies-page.h"
#include "psr-curricula-page.h"
#include "psr-curriculum-editor.h"
#include "psr-moodle-csv.h"
#include "psr-package.h"
#include "psr-record.h"
#include "psr-scenario-editor.h"
#include "psr-scenario.h"
#include "psr-scenarios-page.h"
#include "psr-overview-page.h"
#include "psr-sample.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"
#include "psr-window.h"

static PsrApplication *app;
static char *dir;

static PsrDatabase *
open_database (const char *name,
               gboolean    with_sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  if (with_sample)
    {
      g_autoptr(GDateTime) today = g_date_time_new_now_local ();

      g_assert_true (psr_sample_load (db, today, &error));
      g_assert_no_error (error);
    }
  return db;
}

static PsrWindow *
new_window (PsrDatabase *db)
{
  PsrWindow *window = psr_window_new (app, db);

  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  return window;
}

static void
test_pages (void)
{
  g_autoptr(PsrDatabase) db = open_database ("pages.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkListBox *sidebar = GTK_LIST_BOX (psr_test_ui_find_descendant (GTK_WIDGET (window), GTK_TYPE_LIST_BOX));

  for (guint i = 0; i < PSR_WINDOW_N_PAGES; i++)
    {
      const char *name = psr_window_page_names[i];
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", name);
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                   action);
      GtkListBoxRow *row;

      /* Every page has its shortcut, and a row of the sidebar reachable by Tab. */
      g_assert_true (g_strv_contains ((const char * const *) accels, accel));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", name);
      psr_test_ui_iterate (50);
      g_assert_cmpstr (psr_window_get_page (window), ==, name);

      row = gtk_list_box_get_selected_row (sidebar);
      g_assert_nonnull (row);
      g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (row)), ==, name);
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
    }

  /* An unknown page falls back to the overview. */
  psr_window_show_page (window, "nowhere");
  g_assert_cmpstr (psr_window_get_page (window), ==, "overview");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first descendant of @widget with the style @name; NULL if none. */
static GtkWidget *
find_styled (GtkWidget  *widget,
             const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_has_css_class (child, name))
        return child;
      if ((found = find_styled (child, name)) != NULL)
        return found;
    }

  return NULL;
}

/* The Quality page shows the indicators of the sample's sessions done,
 * copies them, and opens a session from its results. */
static void
test_quality (void)
{
  g_autoptr(PsrDatabase) db = open_database ("quality.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkWidget *indicators;
  GtkWidget *sessions;
  GtkWidget *copy;
  GtkWidget *label;
  GtkWidget *row;
  GdkContentProvider *content;
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text;

  psr_window_show_page (window, "quality");
  psr_test_ui_iterate (50);

  indicators = psr_test_ui_find_named (GTK_WIDGET (window), "quality-indicators");
  g_assert_nonnull (indicators);
  g_assert_true (gtk_widget_get_mapped (indicators));

  /* The first row, the satisfaction rate, shows a percentage, not a note
   * that answers are missing. */
  row = gtk_widget_get_first_child (indicators);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  label = find_styled (row, "indicator-value");
  g_assert_true (GTK_IS_LABEL (label));
  text = gtk_label_get_label (GTK_LABEL (label));
  g_assert_true (g_ascii_isdigit (text[0]));
  g_assert_nonnull (strchr (text, '%'));

  copy = psr_test_ui_find_named (GTK_WIDGET (window), "quality-copy");
  g_assert_nonnull (copy);
  g_assert_true (gtk_widget_get_sensitive (copy));
  g_signal_emit_by_name (copy, "clicked");
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (copy));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_nonnull (strstr (g_value_get_string (&value), "Satisfaction rate: "));
  g_assert_nonnull (strstr (g_value_get_string (&value), text));

  /* A session's row opens it on the Sessions page. */
  sessions = psr_test_ui_find_named (GTK_WIDGET (window), "quality-sessions");
  g_assert_nonnull (sessions);
  row = gtk_widget_get_first_child (sessions);
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)), ==, "win.open-session");
  g_signal_emit_by_name (row, "activate");
  psr_test_ui_iterate (50);
  g_assert_cmpstr (psr_window_get_page (window), ==, "sessions");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
check_buttons_named (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) || (GTK_IS_BUTTON (child) && !GTK_IS_LIST_BOX_ROW (child)))
        {
          const char *label = GTK_IS_MENU_BUTTON (child)
                                ? gtk_menu_button_get_label (GTK_MENU_BUTTON (child))
                                : gtk_button_get_label (GTK_BUTTON (child));

          /* An icon-only button must say what it does. */
          if (label == NULL && gtk_widget_get_tooltip_text (child) == NULL
              && gtk_widget_get_parent (child) != NULL
              && !GTK_IS_MENU_BUTTON (gtk_widget_get_parent (child))
              /* Parts of composite widgets, which GTK names itself. */
              && !GTK_IS_DROP_DOWN (gtk_widget_get_parent (child))
              && !GTK_IS_SPIN_BUTTON (gtk_widget_get_parent (child))
              && g_strcmp0 (G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)),
                            "GtkWindowControls") != 0)
            g_error ("A button without label nor tooltip: %s in %s", G_OBJECT_TYPE_NAME (child),
                     G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)));
        }
      check_buttons_named (child);
    }
}

static void
test_accessible (void)
{
  g_autoptr(PsrDatabase) db = open_database ("accessible.db", TRUE);
  PsrWindow *window = new_window (db);

  check_buttons_named (GTK_WIDGET (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow (void)
{
  g_autoptr(PsrDatabase) db = open_database ("narrow.db", TRUE);
  PsrWindow *window = new_window (db);
  AdwLeaflet *leaflet = ADW_LEAFLET (psr_test_ui_find_descendant (GTK_WIDGET (window), ADW_TYPE_LEAFLET));

  g_assert_false (adw_leaflet_get_folded (leaflet));

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  psr_test_ui_iterate (300);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360 + 100);

  /* Folded: back to the page list, then forward to a page. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  psr_test_ui_iterate (400);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "trainees");
  psr_test_ui_iterate (400);
  g_assert_cmpstr (psr_window_get_page (window), ==, "trainees");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_sample_from_empty (void)
{
  g_autoptr(PsrDatabase) db = open_database ("empty.db", FALSE);
  PsrWindow *window = new_window (db);
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_OVERVIEW_PAGE);
  GtkStack *stack = GTK_STACK (psr_test_ui_find_descendant (page, GTK_TYPE_STACK));

  psr_window_show_page (window, "overview");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "summary");
  g_assert_false (psr_database_is_empty (db));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The overview's recent activity: the sample's signatures, grouped per
 * half-day, newest first; a row of a session opens it; nothing yet, a
 * note says so. */
static void
test_overview_activity (void)
{
  g_autoptr(PsrDatabase) db = open_database ("activity.db", TRUE);
  g_autoptr(PsrDatabase) quiet = open_database ("quiet.db", FALSE);
  PsrWindow *window = new_window (db);
  GtkWidget *list;
  GtkWidget *session_row = NULL;
  GtkWidget *placeholder;
  gboolean signed_row = FALSE;
  guint n_rows = 0;

  psr_window_show_page (window, "overview");
  psr_test_ui_iterate (50);
  list = psr_test_ui_find_named (GTK_WIDGET (window), "overview-activity");
  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *title;

      if (!ADW_IS_ACTION_ROW (row))
        continue;

      n_rows++;
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), " at "));
      if (strstr (title, "trainees signed the attendance sheet") != NULL)
        signed_row = TRUE;
      if (session_row == NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)))
        session_row = row;
    }
  g_assert_cmpuint (n_rows, >, 1);
  g_assert_cmpuint (n_rows, <=, 8);
  g_assert_true (signed_row);

  g_assert_nonnull (session_row);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (session_row)), ==,
                   "win.open-session");
  g_signal_emit_by_name (session_row, "activate");
  psr_test_ui_iterate (50);
  g_assert_cmpstr (psr_window_get_page (window), ==, "sessions");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A curriculum alone: the overview shows, with nothing happened yet. */
  psr_test_exec (quiet,
                 "INSERT INTO curricula (uuid, lineage_uuid, title) VALUES"
                 " ('10000000-0000-4000-8000-000000000001',"
                 "  '10000000-0000-4000-8000-0000000000a1', 'Animer un atelier')");
  window = new_window (quiet);
  psr_window_show_page (window, "overview");
  psr_test_ui_iterate (50);
  list = psr_test_ui_find_named (GTK_WIDGET (window), "overview-activity");
  g_assert_nonnull (list);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  placeholder = gtk_widget_get_first_child (list);
  g_assert_true (GTK_IS_LABEL (placeholder));
  g_assert_true (gtk_widget_get_mapped (placeholder));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (placeholder)), ==, "Nothing happened yet");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_dialogs (void)
{
  g_autoptr(PsrDatabase) db = open_database ("dialogs.db", TRUE);
  PsrWindow *window = new_window (db);
  guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());
  GtkShortcutsWindow *help;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before + 1);
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before + 2);

  /* The shortcuts window is built with the main window, hidden. */
  help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  g_assert_nonnull (help);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (help)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  psr_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (help)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The open dialog that offers @response. */
static void
test_competencies (void)
{
  g_autoptr(PsrDatabase) db = open_database ("competencies.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_COMPETENCIES_PAGE);
  GtkListView *list;
  GtkSingleSelection *selection;
  AdwMessageDialog *dialog;

  psr_window_show_page (window, "competencies");
  psr_test_ui_iterate (100);
  /* The tree, not the list inside the framework drop-down. */
  list = GTK_LIST_VIEW (gtk_widget_get_ancestor (psr_test_ui_find_descendant (page, GTK_TYPE_TREE_EXPANDER),
                                                 GTK_TYPE_LIST_VIEW));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  /* Every node shows: 4 fields, 20 competencies and their indicators. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), >, 24);

  /* Move the first field down, as Alt+Down does. */
  gtk_single_selection_set_selected (selection, 0);
  gtk_widget_activate_action (page, "competencies.move-down", NULL);
  psr_test_ui_iterate (50);
  g_assert_cmpint (psr_test_query_int (db, "SELECT position FROM competencies WHERE code = '1'"),
                   ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT position FROM competencies WHERE code = '2'"),
                   ==, 0);

  /* A field in use cannot be deleted: the page offers to archive it. */
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list));
  gtk_widget_activate_action (page, "competencies.delete", NULL);
  psr_test_ui_iterate (50);
  dialog = psr_test_ui_find_dialog ("delete");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "delete");
  psr_test_ui_iterate (100);
  dialog = psr_test_ui_find_dialog ("archive");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "archive");
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, "SELECT archived FROM competencies WHERE code = '1'"),
                   ==, 1);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM competencies WHERE code = '1'"),
                   ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_curricula (void)
{
  g_autoptr(PsrDatabase) db = open_database ("curricula.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_CURRICULA_PAGE);
  GtkWidget *editor = psr_test_ui_find_descendant (page, PSR_TYPE_CURRICULUM_EDITOR);
  GtkWidget *title_row;
  gint64 draft, published;

  psr_window_show_page (window, "curricula");
  psr_test_ui_iterate (100);

  /* A new curriculum opens as a draft; what is typed is saved after a pause. */
  gtk_widget_activate_action (page, "curricula.new", NULL);
  psr_test_ui_iterate (100);
  draft = psr_curriculum_editor_get_id (PSR_CURRICULUM_EDITOR (editor));
  g_assert_cmpint (draft, >, 0);
  title_row = psr_test_ui_find_descendant (editor, ADW_TYPE_ENTRY_ROW);
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Animer un débat sur le climat");
  psr_test_ui_iterate (700);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM curricula"
                                           " WHERE title = 'Animer un débat sur le climat'"
                                           " AND status = 'draft'"), ==, 1);

  /* Publishing needs what Qualiopi asks for: refused, still a draft. */
  gtk_widget_activate_action (editor, "editor.publish", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM curricula"
                                           " WHERE status = 'published'"), ==, 3);

  /* A published version changes only through a new version. */
  gtk_widget_activate_action (editor, "editor.close", NULL);
  psr_test_ui_iterate (100);
  published = psr_test_query_int (db, "SELECT id FROM curricula WHERE status = 'published'"
                                      " ORDER BY title LIMIT 1");
  psr_curriculum_editor_load (PSR_CURRICULUM_EDITOR (editor), published);
  psr_test_ui_iterate (100);
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (title_row)));
  gtk_widget_activate_action (editor, "editor.new-version", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_curriculum_editor_get_id (PSR_CURRICULUM_EDITOR (editor)), !=, published);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM curricula"
                                           " WHERE version = 2 AND status = 'draft'"), ==, 1);
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (title_row)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The list that shows records of @type, not the lists inside drop-downs. */
static GtkListView *
find_list_of (GtkWidget *widget,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListView *found;

      if (GTK_IS_LIST_VIEW (child) && gtk_list_view_get_model (GTK_LIST_VIEW (child)) != NULL)
        {
          g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (
            gtk_list_view_get_model (GTK_LIST_VIEW (child))), 0);

          if (first != NULL && G_TYPE_CHECK_INSTANCE_TYPE (first, type))
            return GTK_LIST_VIEW (child);
        }
      if ((found = find_list_of (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The competency filter: the only drop-down with dozens of choices. */
static GtkDropDown *
find_drop_down_longer_than (GtkWidget *widget,
                            guint      n_items)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkDropDown *found;

      if (GTK_IS_DROP_DOWN (child)
          && g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (child))) > n_items)
        return GTK_DROP_DOWN (child);
      if ((found = find_drop_down_longer_than (child, n_items)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_scenarios (void)
{
  g_autoptr(PsrDatabase) db = open_database ("scenarios.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_SCENARIOS_PAGE);
  GtkWidget *entry = psr_test_ui_find_descendant (page, GTK_TYPE_SEARCH_ENTRY);
  GtkDropDown *competency;
  GtkListView *list;

  psr_window_show_page (window, "scenarios");
  psr_test_ui_iterate (100);
  list = find_list_of (page, PSR_TYPE_SCENARIO);
  g_assert_nonnull (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, 12);

  /* As typed, accents and case aside. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "LUMIERE");
  psr_test_ui_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    <, 12);

  gtk_editable_set_text (GTK_EDITABLE (entry), "zzzzqqq");
  psr_test_ui_iterate (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, 0);

  /* The competency filter: its first choice after "any" is competency 1.1. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  psr_test_ui_iterate (400);
  competency = find_drop_down_longer_than (page, 20);
  g_assert_nonnull (competency);
  gtk_drop_down_set_selected (competency, 1);
  psr_test_ui_iterate (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==,
                    psr_test_query_int (db, "SELECT count(*) FROM scenario_competencies sc"
                                            " JOIN competencies c ON c.id = sc.competency_id"
                                            " WHERE c.code = '1.1'"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The entry row titled @title, mnemonic included. */
static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_ENTRY_ROW (child)
          && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_entry_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static void
test_scenario_editor (void)
{
  g_autoptr(PsrDatabase) db = open_database ("scenario-editor.db", TRUE);
  PsrWindow *window = new_window (db);
  GtkWidget *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_SCENARIOS_PAGE);
  GtkWidget *editor = psr_test_ui_find_descendant (page, PSR_TYPE_SCENARIO_EDITOR);
  GtkStack *stack = GTK_STACK (adw_bin_get_child (ADW_BIN (page)));
  g_autofree char *original = NULL;
  g_autofree char *sql = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *title_row, *youngest, *oldest;
  GtkListView *list;
  gint64 id, n_phases, phase, age_min, n_links;
  GtkCheckButton *check;
  gboolean linked;

  psr_window_show_page (window, "scenarios");
  psr_test_ui_iterate (100);
  list = find_list_of (page, PSR_TYPE_SCENARIO);
  g_assert_nonnull (list);

  /* A row of the library opens the scenario in the editor, as a click does. */
  gtk_widget_activate_action (GTK_WIDGET (list), "list.activate-item", "u", 0);
  psr_test_ui_iterate (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "editor");
  id = psr_scenario_editor_get_id (PSR_SCENARIO_EDITOR (editor));
  g_assert_cmpint (id, >, 0);
  title_row = psr_test_ui_find_descendant (editor, ADW_TYPE_ENTRY_ROW);
  original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (title_row)));
  g_assert_cmpstr (original, !=, "");

  /* What is typed is saved after a pause. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Le ciel en bouteille");
  psr_test_ui_iterate (700);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"
                                           " WHERE title = 'Le ciel en bouteille'"), ==, 1);

  /* A blank title is refused on its row, and not saved. */
  gtk_editable_set_text (GTK_EDITABLE (title_row), "  ");
  psr_test_ui_iterate (700);
  g_assert_true (gtk_widget_has_css_class (title_row, "error"));
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"
                                           " WHERE title = 'Le ciel en bouteille'"), ==, 1);

  /* Undo writes the title back as it was before the change. */
  gtk_widget_activate_action (editor, "editor.undo", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"
                                           " WHERE title = 'Le ciel en bouteille'"), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title_row)), ==, original);
  g_assert_false (gtk_widget_has_css_class (title_row, "error"));

  /* Ages the wrong way round are refused on their rows, and not saved. */
  sql = g_strdup_printf ("SELECT coalesce(age_min, -1) FROM scenarios WHERE id = %"
                         G_GINT64_FORMAT, id);
  age_min = psr_test_query_int (db, sql);
  youngest = find_entry_row (editor, "_Youngest Age");
  oldest = find_entry_row (editor, "_Oldest Age");
  g_assert_nonnull (youngest);
  g_assert_nonnull (oldest);
  gtk_editable_set_text (GTK_EDITABLE (oldest), "7");
  gtk_editable_set_text (GTK_EDITABLE (youngest), "12");
  psr_test_ui_iterate (700);
  g_assert_true (gtk_widget_has_css_class (youngest, "error"));
  g_assert_true (gtk_widget_has_css_class (oldest, "error"));
  g_assert_cmpint (psr_test_query_int (db, sql), ==, age_min);
  gtk_editable_set_text (GTK_EDITABLE (oldest), "14");
  psr_test_ui_iterate (700);
  g_assert_false (gtk_widget_has_css_class (youngest, "error"));
  g_assert_cmpint (psr_test_query_int (db, sql), ==, 12);

  /* A phase is added from its dialog, at the end... */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM scenario_phases WHERE scenario_id = %"
                         G_GINT64_FORMAT, id);
  n_phases = psr_test_query_int (db, sql);
  gtk_widget_activate_action (editor, "editor.phase-add", NULL);
  psr_test_ui_iterate (100);
  dialog = psr_test_ui_find_dialog ("save");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (psr_test_ui_find_descendant (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)),
                         "Bilan avec le groupe");
  /* As its button does: answer, then close. */
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_phases + 1);
  phase = psr_test_query_int (db, "SELECT id FROM scenario_phases"
                                  " WHERE title = 'Bilan avec le groupe'");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT position FROM scenario_phases WHERE id = %" G_GINT64_FORMAT,
                         phase);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_phases);

  /* ...moves up as Alt+Up does, and back down by undoing the move. */
  gtk_widget_activate_action (editor, "editor.phase-move-up", "x", phase);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_phases - 1);
  gtk_widget_activate_action (editor, "editor.phase-move-down", "x", phase);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_phases);
  gtk_widget_activate_action (editor, "editor.phase-move-up", "x", phase);
  psr_test_ui_iterate (100);
  gtk_widget_activate_action (editor, "editor.undo", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_phases);

  /* Competencies are ticked in the picker the curricula use, and undone. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM scenario_competencies WHERE scenario_id = %"
                         G_GINT64_FORMAT, id);
  n_links = psr_test_query_int (db, sql);
  gtk_widget_activate_action (editor, "editor.competencies", NULL);
  psr_test_ui_iterate (100);
  dialog = psr_test_ui_find_dialog ("save");
  g_assert_nonnull (dialog);
  check = GTK_CHECK_BUTTON (psr_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON));
  g_assert_nonnull (check);
  linked = gtk_check_button_get_active (check);
  gtk_check_button_set_active (check, !linked);
  adw_message_dialog_response (dialog, "save");
  gtk_window_close (GTK_WINDOW (dialog));
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, linked ? n_links - 1 : n_links + 1);
  gtk_widget_activate_action (editor, "editor.undo", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, sql), ==, n_links);

  /* Back to the library, which shows the scenario again. */
  gtk_widget_activate_action (editor, "editor.close", NULL);
  psr_test_ui_iterate (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_package_conflict (void)
{
  g_autoptr(PsrDatabase) db = open_database ("package.db", TRUE);
  g_autofree char *path = g_build_filename (dir, "all.passerelle", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  PsrWindow *window;
  GtkWidget *page;
  AdwMessageDialog *dialog;

  /* A package of the library, then a local change made after it. */
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (psr_package_export (db, NULL, 0, G_OUTPUT_STREAM (output), &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  psr_test_exec (db, "UPDATE scenarios SET title = 'Changé ici',"
                     " updated_at = '2999-01-01T00:00:00.000Z'"
                     " WHERE id = (SELECT min(id) FROM scenarios)");

  window = new_window (db);
  page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_SCENARIOS_PAGE);
  psr_window_show_page (window, "scenarios");
  psr_scenarios_page_import_file (PSR_SCENARIOS_PAGE (page), file);
  psr_test_ui_iterate (300);

  /* The conflict is shown; nothing is written until the user chooses. */
  dialog = psr_test_ui_find_dialog ("take");
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"
                                           " WHERE title = 'Changé ici'"), ==, 1);
  adw_message_dialog_response (dialog, "take");
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"
                                           " WHERE title = 'Changé ici'"), ==, 0);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM scenarios"), ==, 12);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_moodle_import (void)
{
  g_autoptr(PsrDatabase) db = open_database ("moodle.db", TRUE);
  g_autofree char *path = g_build_filename (dir, "framework.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  PsrWindow *window;
  GtkWidget *page;

  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (psr_moodle_csv_export (db, psr_test_query_int (db, "SELECT min(id) FROM frameworks"),
                                        G_OUTPUT_STREAM (output), &error));
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));

  /* Imported in a thread, then shown: the page lists the new framework. */
  window = new_window (db);
  page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_COMPETENCIES_PAGE);
  psr_window_show_page (window, "competencies");
  psr_competencies_page_import_file (PSR_COMPETENCIES_PAGE (page), file);
  psr_test_ui_iterate (800);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM frameworks"), ==, 2);
  g_assert_true (gtk_widget_get_visible (psr_test_ui_find_descendant (page, GTK_TYPE_DROP_DOWN)));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = psr_test_make_dir ();
  app = psr_application_new (APPLICATION_ID, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/window/pages", test_pages);
  g_test_add_func ("/window/quality", test_quality);
  g_test_add_func ("/window/accessible", test_accessible);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/sample-from-empty", test_sample_from_empty);
  g_test_add_func ("/window/overview-activity", test_overview_activity);
  g_test_add_func ("/window/dialogs", test_dialogs);
  g_test_add_func ("/window/competencies", test_competencies);
  g_test_add_func ("/window/curricula", test_curricula);
  g_test_add_func ("/window/scenarios", test_scenarios);
  g_test_add_func ("/window/scenario-editor", test_scenario_editor);
  g_test_add_func ("/window/package-conflict", test_package_conflict);
  g_test_add_func ("/window/moodle-import", test_moodle_import);

  status = g_test_run ();
  psr_test_remove_dir (dir);
  return status;
}
