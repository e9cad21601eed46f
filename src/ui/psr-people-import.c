/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-format.h"
#include "psr-people-csv.h"
#include "psr-people-import.h"
#include "psr-rows.h"
#include "psr-window.h"

/* The import of people from a spreadsheet: the file is read in a thread,
 * then shown as it would be imported, with its columns to map, its rows
 * to fix and the people already here; nothing is written before Import,
 * and then all of it or nothing. The preview works on a connection of
 * its own, used by one thread at a time. */
struct _PsrPeopleImport
{
  AdwWindow            parent_instance;

  char                *database_path;
  GFile               *file;
  PsrPeopleCsv        *csv;
  GCancellable        *cancellable;
  gboolean             working;

  AdwWindowTitle      *window_title;
  GtkWidget           *import_button;
  GtkStack            *stack;
  AdwStatusPage       *working_page;
  AdwStatusPage       *error_page;
  GtkLabel            *summary_label;
  AdwPreferencesGroup *problems_group;
  GtkListBox          *problems_list;
  AdwPreferencesGroup *columns_group;
  AdwPreferencesGroup *matches_group;
  GtkListBox          *matches_list;
  GPtrArray           *column_rows;
};

G_DEFINE_FINAL_TYPE (PsrPeopleImport, psr_people_import, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A preview lists this many rows at most of each kind: the rest is
 * counted. */
#define MAX_LISTED 100

static void fill_preview (PsrPeopleImport *self);

static void
append_more (GtkListBox *list,
             guint       n_more)
{
  g_autofree char *text = NULL;
  GtkWidget *row;

  if (n_more == 0)
    return;

  /* Translators: rows of a file not listed in the preview. */
  text = g_strdup_printf (ngettext ("And %u more row", "And %u more rows", n_more), n_more);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_append (list, row);
}

static void
show_error (PsrPeopleImport *self,
            const GError    *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (self->import_button, FALSE);
}

/* Columns ---------------------------------------------------------------------- */

static void
mapping_changed_cb (AdwComboRow     *row,
                    GParamSpec      *pspec,
                    PsrPeopleImport *self)
{
  g_autoptr(GError) error = NULL;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  guint selected = adw_combo_row_get_selected (row);
  int field = selected == 0 ? PSR_PEOPLE_CSV_IGNORED : (int) selected - 1;

  if (self->csv == NULL || self->working
      || psr_people_csv_get_mapping (self->csv, column) == field)
    return;

  if (!psr_people_csv_set_mapping (self->csv, column, field, &error))
    {
      show_error (self, error);
      return;
    }

  /* A field takes one column: the others' choices may have changed. */
  g_idle_add_once ((GSourceOnceFunc) fill_preview, self);
}

static void
fill_columns (PsrPeopleImport *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
  guint n_columns = psr_people_csv_get_n_columns (self->csv);

  gtk_string_list_append (fields, _("Not imported"));
  for (guint field = 0; field < PSR_PERSON_N_FIELDS; field++)
    gtk_string_list_append (fields, psr_person_field_label (field));

  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_ptr_array_set_size (self->column_rows, 0);

  for (guint column = 0; column < n_columns; column++)
    {
      GtkWidget *row = adw_combo_row_new ();
      const char *header = psr_people_csv_get_header (self->csv, column);
      const char *example = psr_people_csv_get_n_rows (self->csv) > 0
                              ? psr_people_csv_get_cell (self->csv, 0, column) : "";
      int field = psr_people_csv_get_mapping (self->csv, column);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *header != '\0' ? header : _("Column without a heading"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), example);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), field < 0 ? 0 : field + 1);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (column));
      g_signal_connect (row, "notify::selected", G_CALLBACK (mapping_changed_cb), self);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
}

/* Rows ---------------------------------------------------------------------------- */

static void
fill_problems (PsrPeopleImport *self,
               GPtrArray       *problems)
{
  psr_rows_clear (self->problems_list);

  for (guint i = 0; i < problems->len && i < MAX_LISTED; i++)
    {
      PsrPeopleCsvProblem *problem = g_ptr_array_index (problems, i);
      /* Translators: a line of the imported file, as in "Line 12". */
      g_autofree char *title = g_strdup_printf (_("Line %u"), problem->line);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Row to fix"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->problems_list, row);
    }

  append_more (self->problems_list, problems->len > MAX_LISTED ? problems->len - MAX_LISTED : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);
}

static void
decision_changed_cb (GtkSwitch       *toggle,
                     GParamSpec      *pspec,
                     PsrPeopleImport *self)
{
  guint match = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "match"));

  psr_people_csv_set_decision (self->csv, match,
                               gtk_switch_get_active (toggle) ? PSR_PEOPLE_CSV_MERGE
                                                              : PSR_PEOPLE_CSV_KEEP);
}

static void
fill_matches (PsrPeopleImport *self,
              GPtrArray       *matches)
{
  psr_rows_clear (self->matches_list);

  for (guint i = 0; i < matches->len && i < MAX_LISTED; i++)
    {
      PsrPeopleCsvMatch *match = g_ptr_array_index (matches, i);
      /* Translators: a person already present, their email and the line
       * of the file, as in "amina@example.org · line 12". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · line %u"), match->email, match->line);
      g_autofree char *label = g_strdup_printf (_("Update %s"), match->person_name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *toggle = gtk_switch_new ();

      gtk_switch_set_active (GTK_SWITCH (toggle), match->decision == PSR_PEOPLE_CSV_MERGE);
      gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (toggle, _("Update with the file’s values"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data (G_OBJECT (toggle), "match", GUINT_TO_POINTER (i));
      g_signal_connect (toggle, "notify::active", G_CALLBACK (decision_changed_cb), self);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->person_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
      gtk_list_box_append (self->matches_list, row);
    }

  append_more (self->matches_list, matches->len > MAX_LISTED ? matches->len - MAX_LISTED : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->matches_group), matches->len > 0);
}

static void
fill_preview (PsrPeopleImport *self)
{
  GPtrArray *problems, *matches;
  guint n_rows, n_new;
  g_autofree char *rows = NULL;
  g_autofree char *summary = NULL;

  if (self->csv == NULL)
    return;

  problems = psr_people_csv_get_problems (self->csv);
  matches = psr_people_csv_get_matches (self->csv);
  n_rows = psr_people_csv_get_n_rows (self->csv);
  n_new = n_rows - problems->len - matches->len;
  rows = psr_format_count (n_rows);

  if (problems->len > 0)
    /* Translators: the preview of an import that cannot be done yet. */
    summary = g_strdup_printf (ngettext ("%s row read, of which %u must be fixed before "
                                         "importing.",
                                         "%s rows read, of which %u must be fixed before "
                                         "importing.", n_rows),
                               rows, problems->len);
  else
    /* Translators: the preview of an import: rows read, people new, people
     * already present. */
    summary = g_strdup_printf (ngettext ("%s row read: %u new person, %u already here.",
                                         "%s rows read: %u new people, %u already here.",
                                         n_new),
                               rows, n_new, matches->len);

  gtk_label_set_text (self->summary_label, summary);
  fill_problems (self, problems);
  fill_columns (self);
  fill_matches (self, matches);
  gtk_widget_set_sensitive (self->import_button, problems->len == 0 && n_rows > 0);
  gtk_stack_set_visible_child_name (self->stack, "preview");
}

/* Reading and importing --------------------------------------------------------- */

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PsrPeopleImport *self = source_object;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  PsrPeopleCsv *csv = NULL;

  if ((db = psr_database_open (self->database_path, &error)) != NULL)
    csv = psr_people_csv_read_file (db, self->file, &error);

  if (csv == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, csv, (GDestroyNotify) psr_people_csv_unref);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PsrPeopleImport *self = PSR_PEOPLE_IMPORT (object);
  g_autoptr(GError) error = NULL;

  self->working = FALSE;
  self->csv = g_task_propagate_pointer (G_TASK (result), &error);
  if (self->csv == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error);
      return;
    }

  fill_preview (self);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PsrPeopleCsvCounts *counts = g_new0 (PsrPeopleCsvCounts, 1);
  g_autoptr(GError) error = NULL;

  if (psr_people_csv_apply (task_data, counts, &error))
    g_task_return_pointer (task, counts, g_free);
  else
    {
      g_free (counts);
      g_task_return_error (task, g_steal_pointer (&error));
    }
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  PsrPeopleImport *self = PSR_PEOPLE_IMPORT (object);
  g_autoptr(GError) error = NULL;
  g_autofree PsrPeopleCsvCounts *counts = g_task_propagate_pointer (G_TASK (result), &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *added = NULL;
  g_autofree char *message = NULL;

  self->working = FALSE;
  if (counts == NULL)
    {
      /* Nothing was written: the preview can be changed and tried again. */
      psr_show_error (GTK_WIDGET (self), error);
      fill_preview (self);
      return;
    }

  added = psr_format_count (counts->added);
  /* Translators: the result of an import of people. */
  message = g_strdup_printf (ngettext ("%s person added, %u updated, %u kept",
                                       "%s people added, %u updated, %u kept", counts->added),
                             added, counts->merged, counts->kept);
  g_signal_emit (self, signals[IMPORTED], 0);
  if (parent != NULL)
    psr_toast (GTK_WIDGET (parent), message);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrPeopleImport *self = PSR_PEOPLE_IMPORT (widget);
  g_autoptr(GTask) task = NULL;

  if (self->csv == NULL || self->working)
    return;

  self->working = TRUE;
  gtk_widget_set_sensitive (self->import_button, FALSE);
  adw_status_page_set_title (self->working_page, _("Importing…"));
  gtk_stack_set_visible_child_name (self->stack, "working");

  task = g_task_new (self, NULL, apply_done_cb, NULL);
  g_task_set_task_data (task, psr_people_csv_ref (self->csv),
                        (GDestroyNotify) psr_people_csv_unref);
  g_task_run_in_thread (task, apply_thread);
}

static void
merge_all_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrPeopleImport *self = PSR_PEOPLE_IMPORT (widget);

  if (self->csv == NULL || self->working)
    return;

  psr_people_csv_set_all_decisions (self->csv, PSR_PEOPLE_CSV_MERGE);
  fill_matches (self, psr_people_csv_get_matches (self->csv));
}

static gboolean
psr_people_import_close_request (GtkWindow *window)
{
  PsrPeopleImport *self = PSR_PEOPLE_IMPORT (window);

  /* An import under way finishes: it is one transaction, whole or none. */
  if (self->working && self->csv != NULL)
    return TRUE;

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (psr_people_import_parent_class)->close_request (window);
}

static void
psr_people_import_dispose (GObject *object)
{
  PsrPeopleImport *self = (PsrPeopleImport *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_PEOPLE_IMPORT);
  g_clear_pointer (&self->csv, psr_people_csv_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (psr_people_import_parent_class)->dispose (object);
}

static void
psr_people_import_class_init (PsrPeopleImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = psr_people_import_dispose;
  window_class->close_request = psr_people_import_close_request;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-people-import.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, import_button);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, working_page);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, error_page);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, problems_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, problems_list);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, columns_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, matches_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPeopleImport, matches_list);

  gtk_widget_class_install_action (widget_class, "import.apply", NULL, apply_action);
  gtk_widget_class_install_action (widget_class, "import.merge-all", NULL, merge_all_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
psr_people_import_init (PsrPeopleImport *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->column_rows = g_ptr_array_new ();
}

PsrPeopleImport *
psr_people_import_new (GtkWindow   *parent,
                       PsrDatabase *database,
                       GFile       *file)
{
  PsrPeopleImport *self;
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (database), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (PSR_TYPE_PEOPLE_IMPORT, "transient-for", parent, NULL);
  self->database_path = g_strdup (psr_database_get_path (database));
  self->file = g_object_ref (file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);

  /* Reading 100,000 rows and looking up their emails takes a moment. */
  self->working = TRUE;
  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_run_in_thread (task, read_thread);
  return self;
}
