/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-format.h"
#include "psr-people-csv.h"
#include "psr-people-import.h"
#include "psr-people.h"
#include "psr-person-editor.h"
#include "psr-person.h"
#include "psr-planning.h"
#include "psr-trainees-page.h"
#include "psr-window.h"

/* Trainees and trainers: a list that builds only the rows it shows, so
 * that 100,000 people cost what 100 do, searched as one types; the page
 * of one person; import from and export to spreadsheets. */
struct _PsrTraineesPage
{
  AdwBin           parent_instance;

  PsrDatabase     *database;

  GtkSearchEntry  *search_entry;
  GtkToggleButton *trainers_button;
  GtkStack        *list_stack;
  GtkListView     *list_view;
  GtkLabel        *count_label;
  PsrPersonEditor *editor;
};

G_DEFINE_FINAL_TYPE (PsrTraineesPage, psr_trainees_page, ADW_TYPE_BIN)

static GtkStack *
get_stack (PsrTraineesPage *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *trainer = gtk_label_new (_("Trainer"));

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), details);

  gtk_widget_set_valign (trainer, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (trainer, "caption");
  gtk_widget_add_css_class (trainer, "accent");

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), trainer);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  PsrPerson *person = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (text);
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  GtkWidget *trainer = gtk_widget_get_next_sibling (text);
  const char *parts[3];
  g_autofree char *line = NULL;
  guint n = 0;

  if (person == NULL)
    return;

  /* What tells two people of the same name apart, as far as it is known. */
  if (*psr_person_get_organisation (person) != '\0')
    parts[n++] = psr_person_get_organisation (person);
  if (*psr_person_get_country (person) != '\0')
    parts[n++] = psr_person_get_country (person);
  parts[n++] = psr_language_label (psr_person_get_language (person));

  /* Translators: what follows a person's name in the list, joined, as in
   * "Palais de la découverte · Belgique · French". */
  line = n == 3 ? g_strdup_printf (_("%s · %s · %s"), parts[0], parts[1], parts[2])
       : n == 2 ? g_strdup_printf (_("%s · %s"), parts[0], parts[1])
                : g_strdup (parts[0]);

  gtk_label_set_text (GTK_LABEL (name), psr_record_get_title (PSR_RECORD (person)));
  gtk_label_set_text (GTK_LABEL (details), line);
  gtk_widget_set_visible (trainer, psr_person_get_is_trainer (person));
}

void
psr_trainees_page_reload (PsrTraineesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *number = NULL;
  g_autofree char *count = NULL;
  const char *search;
  guint n_people;

  g_return_if_fail (PSR_IS_TRAINEES_PAGE (self));

  if (self->database == NULL)
    return;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  people = psr_planning_search_people (self->database, search,
                                       gtk_toggle_button_get_active (self->trainers_button),
                                       &error);
  if (people == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  n_people = g_list_model_get_n_items (people);
  number = psr_format_count (n_people);
  /* Translators: how many people the list shows, as in "100,000 people". */
  count = g_strdup_printf (ngettext ("%s person", "%s people", n_people), number);
  gtk_label_set_text (self->count_label, count);

  selection = gtk_no_selection_new (g_object_ref (people));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    n_people > 0 ? "list"
                                    : *search != '\0' || gtk_toggle_button_get_active (
                                        self->trainers_button) ? "no-results"
                                                               : "empty");
}

void
psr_trainees_page_set_database (PsrTraineesPage *self,
                                PsrDatabase     *database)
{
  g_return_if_fail (PSR_IS_TRAINEES_PAGE (self));

  if (g_set_object (&self->database, database))
    {
      psr_person_editor_set_database (self->editor, database);
      /* Loaded when shown (psr_window_show_page()): a start loads only the
       * page it opens on. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        psr_trainees_page_reload (self);
    }
}

void
psr_trainees_page_open (PsrTraineesPage *self,
                        gint64           person_id)
{
  g_return_if_fail (PSR_IS_TRAINEES_PAGE (self));

  psr_person_editor_load (self->editor, person_id);
  gtk_stack_set_visible_child_name (get_stack (self), "person");
}

static void
person_activated_cb (PsrTraineesPage *self,
                     guint            position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(PsrRecord) person = g_list_model_get_item (model, position);

  if (person != NULL)
    psr_trainees_page_open (self, psr_record_get_id (person));
}

static void
search_changed_cb (PsrTraineesPage *self)
{
  psr_trainees_page_reload (self);
}

static void
editor_closed_cb (PsrTraineesPage *self)
{
  psr_trainees_page_reload (self);
  gtk_stack_set_visible_child_name (get_stack (self), "list");
}

static void
new_person_done (GtkWidget  *widget,
                 const char *name,
                 gpointer    data)
{
  PsrTraineesPage *self = PSR_TRAINEES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *given = NULL;
  const char *space = strrchr (name, ' ');
  gint64 id;

  /* "Amina Benali": the last word is the family name, as most people
   * type it; both can be changed on the page. */
  given = space != NULL ? g_strndup (name, space - name) : NULL;
  id = psr_person_create (self->database, given, space != NULL ? space + 1 : name, &error);
  if (id == 0)
    {
      psr_show_error (widget, error);
      return;
    }

  psr_trainees_page_open (self, id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  psr_ask_text (widget, _("New Person"), NULL, _("Given and family name"), NULL, _("_Add"),
                new_person_done, NULL, NULL);
}

static void
import_done_cb (PsrPeopleImport *import,
                PsrTraineesPage *self)
{
  psr_trainees_page_reload (self);
}

void
psr_trainees_page_import_file (PsrTraineesPage *self,
                               GFile           *file)
{
  PsrPeopleImport *import;

  g_return_if_fail (PSR_IS_TRAINEES_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  import = psr_people_import_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                  self->database, file);
  g_signal_connect_object (import, "imported", G_CALLBACK (import_done_cb), self, 0);
  gtk_window_present (GTK_WINDOW (import));
}

static void
import_file_cb (GtkNativeDialog *chooser,
                int              response,
                PsrTraineesPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    psr_trainees_page_import_file (self, file);

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import People"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spreadsheets saved as CSV"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_file_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Writing 100,000 rows takes a moment: a thread does it, on a connection
 * of its own. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GError) error = NULL;

  if ((db = psr_database_open (task_data, &error)) == NULL
      || (output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable,
                                   &error)) == NULL
      || !psr_people_csv_export (db, NULL, 0, G_OUTPUT_STREAM (output), cancellable, &error)
      || !g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    psr_show_error (GTK_WIDGET (object), error);
  else
    psr_toast (GTK_WIDGET (object), _("People exported"));
}

static void
export_file_cb (GtkNativeDialog *chooser,
                int              response,
                PsrTraineesPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      task = g_task_new (self, NULL, exported_cb, NULL);
      g_task_set_task_data (task, g_strdup (psr_database_get_path (self->database)), g_free);
      g_object_set_data_full (G_OBJECT (task), "file", g_steal_pointer (&file), g_object_unref);
      g_task_run_in_thread (task, export_thread);
      psr_toast (GTK_WIDGET (self), _("Exporting people…"));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export People"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* Translators: the file name of the export of people. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("people.csv"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_file_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
psr_trainees_page_dispose (GObject *object)
{
  PsrTraineesPage *self = (PsrTraineesPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_TRAINEES_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_trainees_page_parent_class)->dispose (object);
}

static void
psr_trainees_page_class_init (PsrTraineesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_trainees_page_dispose;

  g_type_ensure (PSR_TYPE_PERSON_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-trainees-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, trainers_button);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineesPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_closed_cb);

  gtk_widget_class_install_action (widget_class, "trainees.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "trainees.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "trainees.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "trainees.new",
                                       NULL);
}

static void
psr_trainees_page_init (PsrTraineesPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
}
