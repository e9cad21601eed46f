/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include "psr-application.h"
#include "psr-people-import.h"
#include "psr-people.h"
#include "psr-person-editor.h"
#include "psr-progress.h"
#include "psr-sample.h"
#include "psr-test-ui.h"
#include "psr-test-utils.h"
#include "psr-trainees-page.h"
#include "psr-window.h"

static PsrApplication *app;
static char *dir;

static PsrDatabase *
open_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PsrDatabase *db = psr_database_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (psr_sample_load (db, now, &error));
  g_assert_no_error (error);
  return db;
}

static PsrWindow *
show_trainees (PsrDatabase  *db,
               GtkWidget   **page)
{
  PsrWindow *window = psr_window_new (app, db);

  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  psr_window_show_page (window, "trainees");
  psr_test_ui_iterate (100);
  *page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_TRAINEES_PAGE);
  return window;
}

static guint
n_listed (GtkWidget *page)
{
  GtkWidget *list = psr_test_ui_find_descendant (page, GTK_TYPE_LIST_VIEW);

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

/* The list searches as one types; a person's page saves their fields as
 * they are typed, and marks an email that is not one without saving it. */
static void
test_person (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("person.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPersonDetails) details = NULL;
  GtkWidget *page, *entry, *editor, *row = NULL;
  PsrWindow *window = show_trainees (db, &page);
  gint64 id;

  g_assert_cmpuint (n_listed (page), ==,
                    psr_test_query_int (db, "SELECT count(*) FROM people"));
  entry = psr_test_ui_find_descendant (page, GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "beck");
  psr_test_ui_iterate (400);
  g_assert_cmpuint (n_listed (page), ==, 1);

  id = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Becker'");
  psr_trainees_page_open (PSR_TRAINEES_PAGE (page), id);
  psr_test_ui_iterate (100);
  editor = psr_test_ui_find_descendant (page, PSR_TYPE_PERSON_EDITOR);

  /* The email row: the third entry row of the page. */
  for (GtkWidget *child = psr_test_ui_find_descendant (editor, ADW_TYPE_ENTRY_ROW);
       child != NULL && row == NULL; child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), "Email") == 0)
      row = child;
  g_assert_nonnull (row);

  gtk_editable_set_text (GTK_EDITABLE (row), "jonas.becker(at)example");
  for (guint i = 0; i < 50 && !gtk_widget_has_css_class (row, "error"); i++)
    psr_test_ui_iterate (100);
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  details = psr_person_get_details (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->email, ==, "jonas.becker@example.net");
  g_clear_pointer (&details, psr_person_details_free);

  gtk_editable_set_text (GTK_EDITABLE (row), "jonas@example.org");
  /* Saved after a pause, however slow the machine. */
  for (guint i = 0; i < 50 && psr_test_query_int (db, "SELECT count(*) FROM people"
                                                      " WHERE email = 'jonas@example.org'") == 0;
       i++)
    psr_test_ui_iterate (100);
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  details = psr_person_get_details (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (details->email, ==, "jonas@example.org");

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

static PsrModuleProgress *
get_progress (PsrDatabase *db,
              gint64       person_id,
              gint64       curriculum_id,
              gint64       module_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = psr_person_list_module_progress (db, person_id, curriculum_id,
                                                                  &error);

  g_assert_no_error (error);
  for (guint i = 0; i < modules->len; i++)
    {
      PsrModuleProgress *progress = g_ptr_array_index (modules, i);

      if (progress->module_id == module_id)
        return psr_module_progress_copy (progress);
    }

  g_assert_not_reached ();
}

/* Opens the first module of the page, as a click on its row would, and
 * returns the dialog it asks in. */
static AdwMessageDialog *
open_first_module (GtkWidget *editor)
{
  GtkWidget *row = psr_test_ui_find_named (editor, "module-progress");
  AdwMessageDialog *dialog = NULL;

  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  gtk_widget_activate (row);
  for (guint i = 0; i < 50 && (dialog = psr_test_ui_find_dialog ("save")) == NULL; i++)
    psr_test_ui_iterate (100);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  psr_test_ui_iterate (100);
}

/* A trainer records where a trainee stands in a module and the evidence
 * of their work; a blank note clears the notes, and the status stays. */
static void
test_person_evidence (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("person-evidence.db");
  g_autoptr(PsrModuleProgress) progress = NULL;
  GtkWidget *page, *editor, *row;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;
  AdwMessageDialog *dialog;
  PsrWindow *window = show_trainees (db, &page);
  gint64 id, curriculum, module;

  id = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Becker'");
  curriculum = psr_test_query_int (db, "SELECT s.curriculum_id FROM sessions s"
                                       " JOIN enrollments e ON e.session_id = s.id"
                                       " WHERE e.status = 'enrolled' AND s.status <> 'cancelled'"
                                       " AND e.person_id = (SELECT id FROM people"
                                       " WHERE family_name = 'Becker') LIMIT 1");
  module = psr_test_query_int (db, "SELECT id FROM modules WHERE curriculum_id = (SELECT"
                                   " s.curriculum_id FROM sessions s JOIN enrollments e"
                                   " ON e.session_id = s.id WHERE e.status = 'enrolled'"
                                   " AND s.status <> 'cancelled' AND e.person_id = (SELECT id"
                                   " FROM people WHERE family_name = 'Becker') LIMIT 1)"
                                   " ORDER BY position LIMIT 1");
  g_assert_cmpint (curriculum, >, 0);
  g_assert_cmpint (module, >, 0);
  psr_trainees_page_open (PSR_TRAINEES_PAGE (page), id);
  psr_test_ui_iterate (100);
  editor = psr_test_ui_find_descendant (page, PSR_TYPE_PERSON_EDITOR);

  /* Completed, with notes typed over several lines. */
  dialog = open_first_module (editor);
  adw_combo_row_set_selected (ADW_COMBO_ROW (psr_test_ui_find_descendant (GTK_WIDGET (dialog),
                                                                          ADW_TYPE_COMBO_ROW)),
                              PSR_PROGRESS_COMPLETED);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    psr_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, "  Led the cloud workshop alone.\nSheet in the file.\n", -1);
  answer (dialog, "save");
  progress = get_progress (db, id, curriculum, module);
  g_assert_cmpint (progress->status, ==, PSR_PROGRESS_COMPLETED);
  g_assert_nonnull (progress->completed_at);
  g_assert_cmpstr (progress->evidence, ==, "Led the cloud workshop alone.\nSheet in the file.");
  g_clear_pointer (&progress, psr_module_progress_free);

  /* The row says it; the focus is back on it. */
  row = psr_test_ui_find_named (editor, "module-progress");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Led the cloud workshop alone. Sheet in the file."));
  g_assert_true (gtk_root_get_focus (gtk_widget_get_root (row)) == row);

  /* Opened again, the notes are there; cancelling changes nothing. */
  dialog = open_first_module (editor);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    psr_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "Led the cloud workshop alone.\nSheet in the file.");
  gtk_text_buffer_set_text (buffer, "Not kept", -1);
  answer (dialog, "cancel");
  progress = get_progress (db, id, curriculum, module);
  g_assert_cmpstr (progress->evidence, ==, "Led the cloud workshop alone.\nSheet in the file.");
  g_clear_pointer (&progress, psr_module_progress_free);

  /* Blank notes clear them; the module stays completed. */
  dialog = open_first_module (editor);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (
    psr_test_ui_find_descendant (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_set_text (buffer, " \n\t ", -1);
  answer (dialog, "save");
  progress = get_progress (db, id, curriculum, module);
  g_assert_cmpint (progress->status, ==, PSR_PROGRESS_COMPLETED);
  g_assert_cmpstr (progress->evidence, ==, "");
  g_clear_pointer (&progress, psr_module_progress_free);
  row = psr_test_ui_find_named (editor, "module-progress");
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Led the cloud"));

  /* Reopened: back to in progress, the date forgotten. */
  dialog = open_first_module (editor);
  adw_combo_row_set_selected (ADW_COMBO_ROW (psr_test_ui_find_descendant (GTK_WIDGET (dialog),
                                                                          ADW_TYPE_COMBO_ROW)),
                              PSR_PROGRESS_IN_PROGRESS);
  answer (dialog, "save");
  progress = get_progress (db, id, curriculum, module);
  g_assert_cmpint (progress->status, ==, PSR_PROGRESS_IN_PROGRESS);
  g_assert_null (progress->completed_at);

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* The file chooser a native one falls back to without a portal. */
static GtkFileChooser *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return GTK_FILE_CHOOSER (window);
    }

  return NULL;
}

/* A trainee's page saves their convocation of a session, through a file
 * chooser, as a PDF. */
static void
test_person_documents (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("person-documents.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *path = g_build_filename (dir, "jonas-convocation.pdf", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GtkWidget *page, *editor;
  GtkFileChooser *chooser;
  PsrWindow *window = show_trainees (db, &page);
  gint64 id, session;

  id = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Becker'");
  session = psr_test_query_int (db, "SELECT min(session_id) FROM enrollments"
                                    " WHERE status = 'enrolled' AND person_id = "
                                    "(SELECT id FROM people WHERE family_name = 'Becker')");
  g_assert_cmpint (session, >, 0);
  psr_trainees_page_open (PSR_TRAINEES_PAGE (page), id);
  psr_test_ui_iterate (100);
  editor = psr_test_ui_find_descendant (page, PSR_TYPE_PERSON_EDITOR);
  g_assert_nonnull (psr_test_ui_find_named (editor, "session-documents"));

  g_assert_true (gtk_widget_activate_action (editor, "person.save-document", "(xi)", session,
                                             (gint32) 0));
  psr_test_ui_iterate (200);
  chooser = find_file_chooser ();
  if (chooser == NULL)
    {
      g_test_skip ("the file chooser is not a dialog here");
      gtk_window_destroy (GTK_WINDOW (window));
      psr_test_ui_iterate (100);
      return;
    }
  g_assert_true (gtk_file_chooser_set_current_folder (chooser, folder, &error));
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, "jonas-convocation.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);

  /* Written in a thread. */
  for (guint i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    psr_test_ui_iterate (100);
  psr_test_ui_iterate (200);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4);
  g_assert_true (memcmp (contents, "%PDF", 4) == 0);

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

static PsrPeopleImport *
find_import (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PSR_IS_PEOPLE_IMPORT (window))
        return PSR_PEOPLE_IMPORT (window);
    }

  return NULL;
}

static GtkWidget *
find_import_button (PsrPeopleImport *import)
{
  return psr_test_ui_find_named (GTK_WIDGET (import), "import-button");
}

static PsrPeopleImport *
preview (GtkWidget  *page,
         const char *name,
         const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PsrPeopleImport *import;
  GtkStack *stack;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  psr_trainees_page_import_file (PSR_TRAINEES_PAGE (page), file);
  psr_test_ui_iterate (100);
  import = find_import ();
  g_assert_nonnull (import);
  /* Read in a thread: until then, Import waits. */
  stack = GTK_STACK (psr_test_ui_find_descendant (GTK_WIDGET (import), GTK_TYPE_STACK));
  for (guint i = 0; i < 100 && strcmp (gtk_stack_get_visible_child_name (stack), "working") == 0;
       i++)
    psr_test_ui_iterate (100);
  return import;
}

/* A file with a bad row cannot be imported until it is fixed; a good one
 * adds its people, and keeps the one already here. */
static void
test_import (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("import.db");
  gint64 before = psr_test_query_int (db, "SELECT count(*) FROM people");
  GtkWidget *page, *button;
  PsrWindow *window = show_trainees (db, &page);
  PsrPeopleImport *import;

  import = preview (page, "bad.csv",
                    "Prénom;Nom;Courriel\r\n"
                    "Léa;Fontaine;lea@example.org\r\n"
                    ";;pas-une-adresse\r\n");
  button = find_import_button (import);
  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));
  gtk_window_destroy (GTK_WINDOW (import));
  psr_test_ui_iterate (100);
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, before);

  import = preview (page, "good.csv",
                    "First name,Last name,Email\n"
                    "Léa,Fontaine,lea@example.org\n"
                    "Jonas,Becker,jonas.becker@example.net\n");
  button = find_import_button (import);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_widget_activate (button);
  for (guint i = 0; i < 100 && find_import () != NULL; i++)
    psr_test_ui_iterate (100);
  g_assert_null (find_import ());
  g_assert_cmpint (psr_test_query_int (db, "SELECT count(*) FROM people"), ==, before + 1);
  g_assert_cmpint (psr_test_query_int (db,
                                       "SELECT count(*) FROM people WHERE family_name = 'Becker'"),
                   ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (100);
}

/* On a narrow window, a person's page has one way back, to the people:
 * the way back to the list of pages shows again with the list. */
static void
test_narrow (void)
{
  g_autoptr(PsrDatabase) db = open_sample ("narrow.db");
  PsrWindow *window = psr_window_new (app, db);
  GtkWidget *page, *back;
  gint64 id = psr_test_query_int (db, "SELECT id FROM people WHERE family_name = 'Becker'");

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  psr_test_ui_iterate (200);
  psr_window_show_page (window, "trainees");
  psr_test_ui_iterate (100);
  page = psr_test_ui_find_descendant (GTK_WIDGET (window), PSR_TYPE_TRAINEES_PAGE);
  back = psr_test_ui_find_named (GTK_WIDGET (window), "pages-back");
  g_assert_nonnull (back);
  for (guint i = 0; i < 50 && !gtk_widget_get_visible (back); i++)
    psr_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (back));

  psr_trainees_page_open (PSR_TRAINEES_PAGE (page), id);
  psr_test_ui_iterate (100);
  g_assert_false (gtk_widget_get_visible (back));

  gtk_widget_activate_action (psr_test_ui_find_descendant (page, PSR_TYPE_PERSON_EDITOR),
                              "person.close", NULL);
  psr_test_ui_iterate (100);
  g_assert_true (gtk_widget_get_visible (back));

  gtk_window_destroy (GTK_WINDOW (window));
  psr_test_ui_iterate (50);
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

  g_test_add_func ("/people-ui/person", test_person);
  g_test_add_func ("/people-ui/person-evidence", test_person_evidence);
  g_test_add_func ("/people-ui/person-documents", test_person_documents);
  g_test_add_func ("/people-ui/import", test_import);
  g_test_add_func ("/people-ui/narrow", test_narrow);

  status = g_test_run ();
  psr_test_remove_dir (dir);
  return status;
}
