/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-application.h"
#include "psr-curriculum-editor.h"
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
stored (PsrDatabase *db,
        const char  *uuid,
        const char  *language,
        const char  *field)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = psr_translation_get (db, "scenario", uuid, language, &error);

  g_assert_no_error (error);
  return g_strdup (g_hash_table_lookup (texts, field));
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

  status = g_test_run ();
  g_clear_object (&app);
  psr_test_remove_dir (dir);
  g_free (dir);
  return status;
}
