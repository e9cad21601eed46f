/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curricula-page.h"
#include "psr-curricula.h"
#include "psr-curriculum-editor.h"
#include "psr-format.h"
#include "psr-window.h"

/* The training offer: the newest version of each curriculum, and the
 * editor of one. */
struct _PsrCurriculaPage
{
  AdwBin              parent_instance;

  PsrDatabase        *database;
  GListModel         *curricula;

  GtkSearchEntry     *search_entry;
  GtkStack           *list_stack;
  GtkListBox         *list_box;
  PsrCurriculumEditor *editor;
};

G_DEFINE_FINAL_TYPE (PsrCurriculaPage, psr_curricula_page, ADW_TYPE_BIN)

static GtkStack *
get_stack (PsrCurriculaPage *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PsrCurriculum *curriculum = item;
  g_autofree char *hours = psr_format_hours (psr_curriculum_get_duration_hours (curriculum));
  g_autofree char *subtitle = NULL;
  guint n_modules = psr_curriculum_get_n_modules (curriculum);
  g_autofree char *modules = g_strdup_printf (ngettext ("%u module", "%u modules", n_modules),
                                              n_modules);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *status = gtk_label_new (psr_curriculum_status_label (
    psr_curriculum_get_status (curriculum)));

  /* Translators: version, duration and modules of a curriculum, as in
   * "Version 2 · 14 h · 4 modules". */
  subtitle = g_strdup_printf (_("Version %u · %s · %s"), psr_curriculum_get_version (curriculum),
                              hours, modules);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 psr_record_get_title (PSR_RECORD (curriculum)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));

  g_object_set_data (G_OBJECT (row), "id",
                     GSIZE_TO_POINTER (psr_record_get_id (PSR_RECORD (curriculum))));
  return row;
}

void
psr_curricula_page_reload (PsrCurriculaPage *self)
{
  const char *search;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) curricula = NULL;

  g_return_if_fail (PSR_IS_CURRICULA_PAGE (self));

  if (self->database == NULL)
    return;

  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  curricula = psr_curricula_list_latest (self->database, search, &error);
  if (curricula == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_set_object (&self->curricula, curricula);
  gtk_list_box_bind_model (self->list_box, curricula, create_row, NULL, NULL);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (curricula) > 0 ? "list"
                                    : *search != '\0'                        ? "no-results"
                                                                             : "empty");
}

void
psr_curricula_page_set_database (PsrCurriculaPage *self,
                                 PsrDatabase      *database)
{
  g_return_if_fail (PSR_IS_CURRICULA_PAGE (self));

  if (g_set_object (&self->database, database))
    {
      psr_curriculum_editor_set_database (self->editor, database);
      /* Loaded when shown (psr_window_show_page()): a start loads only the
       * page it opens on. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        psr_curricula_page_reload (self);
    }
}

static void
open_curriculum (PsrCurriculaPage *self,
                 gint64            id)
{
  psr_curriculum_editor_load (self->editor, id);
  gtk_stack_set_visible_child_name (get_stack (self), "editor");
}

static void
row_activated_cb (PsrCurriculaPage *self,
                  GtkListBoxRow    *row)
{
  open_curriculum (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id")));
}

static void
search_changed_cb (PsrCurriculaPage *self)
{
  psr_curricula_page_reload (self);
}

static void
editor_closed_cb (PsrCurriculaPage *self)
{
  psr_curricula_page_reload (self);
  gtk_stack_set_visible_child_name (get_stack (self), "list");
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PsrCurriculaPage *self = PSR_CURRICULA_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = psr_curriculum_create (self->database, _("New curriculum"), &error);

  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  open_curriculum (self, id);
}

static void
psr_curricula_page_dispose (GObject *object)
{
  PsrCurriculaPage *self = (PsrCurriculaPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_CURRICULA_PAGE);
  g_clear_object (&self->curricula);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_curricula_page_parent_class)->dispose (object);
}

static void
psr_curricula_page_class_init (PsrCurriculaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_curricula_page_dispose;

  g_type_ensure (PSR_TYPE_CURRICULUM_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-curricula-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculaPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculaPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculaPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculaPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_closed_cb);

  gtk_widget_class_install_action (widget_class, "curricula.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "curricula.new",
                                       NULL);
}

static void
psr_curricula_page_init (PsrCurriculaPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
