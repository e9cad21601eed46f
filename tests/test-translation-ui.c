/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-application.h"
#include "psr-competencies-page.h"
#include "psr-competency.h"
#include "psr-curriculum-editor.h"
#include "psr-module.h"
#include "psr-sample.h"
#include "psr-scenario-editor.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"
#include "psr-translation-editor.h"
#include "psr-translations.h"

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

static char *
first_scenario (PsrDatabase *db)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = psr_database_prepare (db, "SELECT uuid FROM scenarios ORDER BY id LIMIT 1",
                                             &error);
  char *uuid;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return uuid;
}

static char *
stored_kind (PsrDatabase *db,
             const char  *kind,
             const char  *uuid,
             const char  *language,
             const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = psr_translation_get (db, kind, uuid, language, &error);

  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (texts, field));
}

static char *
stored (PsrDatabase *db,
        const char  *uuid,
        const char  *language,
        const char  *field)
{
  return stored_kind (db, "scenario", uuid, language, field);
}

/* The first label that shows @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

/* Typing a translation saves it after a pause; another language, chosen
 * in the list, keeps its own; closing saves what is left. */
static void
test_type_translation (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("type.db");
  g_autofree char *uuid = first_scenario (db);
  g_autoptr(GHashTable) originals = NULL;
  g_autofree char *text = NULL;
  PsrTranslationEditor *editor;
  GtkWidget *title, *objectives;
  g_autoptr(GError) error = NULL;

  originals = psr_translation_get_originals (db, "scenario", uuid, &error);
  g_assert_no_error (error);

  editor = psr_translation_editor_new (db, "scenario", uuid);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  psr_test_ui_iterate (200);

  /* The original is shown beside the translation. */
  g_assert_true (shows_label (GTK_WIDGET (editor), g_hash_table_lookup (originals, "title")));

  /* The first language offered is English: the sample is in French. */
  title = psr_test_ui_find_named (GTK_WIDGET (editor), "translation-title");
  g_assert_nonnull (title);
  g_assert_true (GTK_IS_EDITABLE (title));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "");
  gtk_editable_set_text (GTK_EDITABLE (title), "Erupting Volcanoes");

  /* Not before the pause in typing… */
  text = stored (db, uuid, "en", "title");
  g_assert_null (text);
  psr_test_ui_iterate (800);
  text = stored (db, uuid, "en", "title");
  g_assert_cmpstr (text, ==, "Erupting Volcanoes");
  g_clear_pointer (&text, g_free);

  /* A long field is a text view. */
  objectives = psr_test_ui_find_named (GTK_WIDGET (editor), "translation-objectives");
  g_assert_true (GTK_IS_TEXT_VIEW (objectives));

  psr_translation_editor_set_language (editor, "de");
  psr_test_ui_iterate (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (objectives)),
                            "Beobachten\nErklären", -1);

  /* Closed at once: what was typed is saved all the same. */
  gtk_window_close (GTK_WINDOW (editor));
  psr_test_ui_iterate (100);
  g_assert_null (editor);
  text = stored (db, uuid, "de", "objectives");
  g_assert_cmpstr (text, ==, "Beobachten\nErklären");
  g_clear_pointer (&text, g_free);
  text = stored (db, uuid, "en", "title");
  g_assert_cmpstr (text, ==, "Erupting Volcanoes");
  g_clear_pointer (&text, g_free);

  /* Opened again, it shows the language already begun. */
  editor = psr_translation_editor_new (db, "scenario", uuid);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  psr_test_ui_iterate (200);
  title = psr_test_ui_find_named (GTK_WIDGET (editor), "translation-title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "Erupting Volcanoes");
  gtk_window_destroy (GTK_WINDOW (editor));
  psr_test_ui_iterate (100);
  g_assert_null (editor);
}

/* "Remove This Language" asks first, then removes only that language. */
static void
test_remove_language (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("remove.db");
  g_autofree char *uuid = first_scenario (db);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) languages = NULL;
  PsrTranslationEditor *editor;
  AdwMessageDialog *dialog;
  GtkWidget *title;

  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "Volcanoes", &error));
  g_assert_true (psr_translation_set (db, "scenario", uuid, "es", "title", "Volcanes", &error));
  g_assert_no_error (error);

  editor = psr_translation_editor_new (db, "scenario", uuid);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  psr_test_ui_iterate (200);
  psr_translation_editor_set_language (editor, "es");
  psr_test_ui_iterate (100);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "translation.remove-language",
                                             NULL));
  psr_test_ui_iterate (200);
  dialog = psr_test_ui_find_dialog ("remove");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  psr_test_ui_iterate (200);

  title = psr_test_ui_find_named (GTK_WIDGET (editor), "translation-title");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, "");
  languages = psr_translation_list_languages (db, "scenario", uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (languages, ((const char *[]) { "en", NULL }));

  gtk_window_destroy (GTK_WINDOW (editor));
  psr_test_ui_iterate (100);
  g_assert_null (editor);
}

static PsrTranslationEditor *
find_translation_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_TRANSLATION_EDITOR (window) && gtk_widget_get_mapped (window))
        return PSR_TRANSLATION_EDITOR (window);
    }

  return NULL;
}

/* "Translate…" in the scenario editor's menu opens the window on it, over
 * the editor's window. */
static void
test_scenario_editor_menu (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("menu.db");
  gint64 id = psr_test_query_int (db, "SELECT min(id) FROM scenarios");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = g_object_new (PSR_TYPE_SCENARIO_EDITOR, NULL);
  PsrTranslationEditor *translation;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  psr_scenario_editor_set_database (PSR_SCENARIO_EDITOR (editor), db);
  psr_scenario_editor_load (PSR_SCENARIO_EDITOR (editor), id);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  g_assert_null (find_translation_editor ());

  g_assert_true (gtk_widget_activate_action (editor, "editor.translate", NULL));
  psr_test_ui_iterate (200);
  translation = find_translation_editor ();
  g_assert_nonnull (translation);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (translation)) == GTK_WINDOW (window));
  g_assert_nonnull (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-title"));

  gtk_window_destroy (GTK_WINDOW (translation));
  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* A translated scenario's sheet is saved in the language chosen among the
 * original and the translations. */
static void
test_sheet_language (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("sheet-language.db");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = first_scenario (db);
  gint64 id = psr_test_query_int (db, "SELECT min(id) FROM scenarios");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = g_object_new (PSR_TYPE_SCENARIO_EDITOR, NULL);
  AdwMessageDialog *dialog;
  GtkWidget *drop_down;
  GListModel *languages;

  psr_test_exec (db, "UPDATE scenarios SET language = 'fr'");
  g_assert_true (psr_translation_set (db, "scenario", uuid, "en", "title", "In English", &error));
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), editor);
  psr_scenario_editor_set_database (PSR_SCENARIO_EDITOR (editor), db);
  psr_scenario_editor_load (PSR_SCENARIO_EDITOR (editor), id);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);

  g_assert_true (gtk_widget_activate_action (editor, "editor.save-pdf", NULL));
  psr_test_ui_iterate (200);
  dialog = psr_test_ui_find_dialog ("continue");
  g_assert_nonnull (dialog);
  drop_down = psr_test_ui_find_named (GTK_WIDGET (dialog), "sheet-language");
  g_assert_nonnull (drop_down);
  languages = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));
  g_assert_cmpuint (g_list_model_get_n_items (languages), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (languages), 0), ==, "French");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (languages), 1), ==, "English");

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* And in the curriculum editor's, on the curriculum's fields. */
static void
test_curriculum_editor_menu (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("curriculum-menu.db");
  gint64 id = psr_test_query_int (db, "SELECT min(id) FROM curricula");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = g_object_new (PSR_TYPE_CURRICULUM_EDITOR, NULL);
  PsrTranslationEditor *translation;

  gtk_window_set_child (GTK_WINDOW (window), editor);
  psr_curriculum_editor_set_database (PSR_CURRICULUM_EDITOR (editor), db);
  psr_curriculum_editor_load (PSR_CURRICULUM_EDITOR (editor), id);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);

  g_assert_true (gtk_widget_activate_action (editor, "editor.translate", NULL));
  psr_test_ui_iterate (200);
  translation = find_translation_editor ();
  g_assert_nonnull (translation);
  g_assert_nonnull (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-summary"));
  g_assert_null (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-theme"));

  gtk_window_destroy (GTK_WINDOW (translation));
  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* The actions of @model and of its sections, in order, into @actions. */
static void
collect_actions (GMenuModel *model,
                 GPtrArray  *actions)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      char *action = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_ptr_array_add (actions, action);
      if (section != NULL)
        collect_actions (section, actions);
    }
}

/* The actions of the first menu button under @widget whose menu has
 * @action; NULL if none has. */
static GPtrArray *
find_menu_with (GtkWidget  *widget,
                const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GPtrArray *found;

      if (GTK_IS_MENU_BUTTON (child)
          && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL)
        {
          g_autoptr(GPtrArray) actions = g_ptr_array_new_with_free_func (g_free);

          collect_actions (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)), actions);
          if (g_ptr_array_find_with_equal_func (actions, action, g_str_equal, NULL))
            return g_steal_pointer (&actions);
        }
      found = find_menu_with (child, action);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Each module of a curriculum has "Translate…" in its menu, even once the
 * curriculum is published and nothing else of the module can change; it
 * opens the window on the module's fields, which saves into the module's
 * translations. */
static void
test_module_menu (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("module-menu.db");
  g_autoptr(GError) error = NULL;
  gint64 curriculum_id = psr_test_query_int (db, "SELECT min(id) FROM curricula");
  gint64 module_id = psr_test_query_int (db, "SELECT min(id) FROM modules WHERE curriculum_id ="
                                             " (SELECT min(id) FROM curricula)");
  g_autoptr(PsrRecord) module = psr_record_load (db, PSR_TYPE_MODULE, module_id, &error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *editor = g_object_new (PSR_TYPE_CURRICULUM_EDITOR, NULL);
  g_autoptr(GPtrArray) actions = NULL;
  g_autoptr(GHashTable) originals = NULL;
  g_autofree char *text = NULL;
  PsrTranslationEditor *translation;
  GtkWidget *title;

  g_assert_no_error (error);
  psr_test_exec (db, "UPDATE curricula SET status = 'published'");
  gtk_window_set_child (GTK_WINDOW (window), editor);
  psr_curriculum_editor_set_database (PSR_CURRICULUM_EDITOR (editor), db);
  psr_curriculum_editor_load (PSR_CURRICULUM_EDITOR (editor), curriculum_id);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);

  actions = find_menu_with (editor, "editor.module-translate");
  g_assert_nonnull (actions);
  g_assert_cmpuint (actions->len, ==, 1);
  g_clear_pointer (&actions, g_ptr_array_unref);

  /* A draft's modules keep their other actions beside it. */
  psr_test_exec (db, "UPDATE curricula SET status = 'draft'");
  psr_curriculum_editor_load (PSR_CURRICULUM_EDITOR (editor), curriculum_id);
  psr_test_ui_iterate (200);
  actions = find_menu_with (editor, "editor.module-translate");
  g_assert_nonnull (actions);
  g_assert_true (g_ptr_array_find_with_equal_func (actions, "editor.module-edit", g_str_equal,
                                                   NULL));

  g_assert_null (find_translation_editor ());
  g_assert_true (gtk_widget_activate_action (editor, "editor.module-translate", "x", module_id));
  psr_test_ui_iterate (200);
  translation = find_translation_editor ();
  g_assert_nonnull (translation);
  g_object_add_weak_pointer (G_OBJECT (translation), (gpointer *) &translation);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (translation)) == GTK_WINDOW (window));
  g_assert_nonnull (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-content"));
  g_assert_null (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-summary"));
  originals = psr_translation_get_originals (db, "module", psr_record_get_uuid (module), &error);
  g_assert_no_error (error);
  g_assert_true (shows_label (GTK_WIDGET (translation),
                              g_hash_table_lookup (originals, "objectives")));

  /* The sample is in French: English comes first. */
  title = psr_test_ui_find_named (GTK_WIDGET (translation), "translation-title");
  gtk_editable_set_text (GTK_EDITABLE (title), "The Basics");
  gtk_window_close (GTK_WINDOW (translation));
  psr_test_ui_iterate (100);
  g_assert_null (translation);
  text = stored_kind (db, "module", psr_record_get_uuid (module), "en", "title");
  g_assert_cmpstr (text, ==, "The Basics");

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* The list view under @widget that shows a tree (not the one of a drop
 * down); NULL if none. */
static GtkWidget *
find_tree_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child))
        {
          GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child)));
          g_autoptr(GObject) first = model != NULL ? g_list_model_get_item (model, 0) : NULL;

          if (GTK_IS_TREE_LIST_ROW (first))
            return child;
        }
      found = find_tree_view (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* "Translate…" on the competencies page opens the window on the node
 * selected, be it a field, a competency or an indicator. */
static void
test_competency_menu (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("competency-menu.db");
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (PSR_TYPE_COMPETENCIES_PAGE, NULL);
  g_autoptr(GPtrArray) actions = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *text = NULL;
  g_autofree char *resolved = NULL;
  PsrTranslationEditor *translation;
  GtkSelectionModel *selection;
  GtkWidget *list_view, *description;
  gboolean is_fallback = FALSE;

  gtk_window_set_child (GTK_WINDOW (window), page);
  psr_competencies_page_set_database (PSR_COMPETENCIES_PAGE (page), db);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);

  actions = find_menu_with (page, "competencies.translate");
  g_assert_nonnull (actions);

  /* The first competency under the first field. */
  list_view = find_tree_view (page);
  g_assert_nonnull (list_view);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  for (guint i = 0; uuid == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (selection), i);
      g_autoptr(PsrCompetency) node = gtk_tree_list_row_get_item (row);

      if (psr_competency_get_kind (node) == PSR_COMPETENCY_COMPETENCY)
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          uuid = g_strdup (psr_record_get_uuid (PSR_RECORD (node)));
        }
    }
  g_assert_nonnull (uuid);
  psr_test_ui_iterate (100);

  g_assert_null (find_translation_editor ());
  g_assert_true (gtk_widget_activate_action (page, "competencies.translate", NULL));
  psr_test_ui_iterate (200);
  translation = find_translation_editor ();
  g_assert_nonnull (translation);
  g_object_add_weak_pointer (G_OBJECT (translation), (gpointer *) &translation);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (translation)) == GTK_WINDOW (window));
  g_assert_nonnull (psr_test_ui_find_named (GTK_WIDGET (translation), "translation-title"));

  psr_translation_editor_set_language (translation, "de");
  psr_test_ui_iterate (100);
  description = psr_test_ui_find_named (GTK_WIDGET (translation), "translation-description");
  g_assert_true (GTK_IS_TEXT_VIEW (description));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)),
                            "Ein gutes Klima schaffen", -1);
  psr_test_ui_iterate (800);
  text = stored_kind (db, "competency", uuid, "de", "description");
  g_assert_cmpstr (text, ==, "Ein gutes Klima schaffen");

  /* The title is not translated: shown in German, it is the original. */
  resolved = psr_translation_resolve (db, "competency", uuid, "title", "de", &is_fallback, &error);
  g_assert_no_error (error);
  g_assert_true (is_fallback);
  g_assert_cmpstr (resolved, !=, "");

  gtk_window_destroy (GTK_WINDOW (translation));
  psr_test_ui_iterate (100);
  g_assert_null (translation);
  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
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

  g_test_add_func ("/translation-ui/type", test_type_translation);
  g_test_add_func ("/translation-ui/remove-language", test_remove_language);
  g_test_add_func ("/translation-ui/scenario-editor-menu", test_scenario_editor_menu);
  g_test_add_func ("/translation-ui/curriculum-editor-menu", test_curriculum_editor_menu);
  g_test_add_func ("/translation-ui/sheet-language", test_sheet_language);
  g_test_add_func ("/translation-ui/module-menu", test_module_menu);
  g_test_add_func ("/translation-ui/competency-menu", test_competency_menu);

  status = g_test_run ();
  g_clear_object (&app);
  psr_test_remove_dir (dir);
  g_free (dir);
  return status;
}
