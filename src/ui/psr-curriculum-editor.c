/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-autosave.h"
#include "psr-competencies.h"
#include "psr-competency-picker.h"
#include "psr-course-sheet.h"
#include "psr-curricula.h"
#include "psr-curriculum-editor.h"
#include "psr-curriculum.h"
#include "psr-format.h"
#include "psr-printing.h"
#include "psr-markdown.h"
#include "psr-record-model.h"
#include "psr-rows.h"
#include "psr-scenario.h"
#include "psr-translation-editor.h"
#include "psr-window.h"

/* One version of a curriculum, saved as it is typed, with the checks of
 * Qualiopi beside it. A published or archived version is shown read-only:
 * its sessions ran it as it is. */

/* Saving waits for a pause in typing, so that a word is one change. */
#define SAVE_DELAY_MS 400

typedef enum
{
  DIRTY_DURATION = 1 << PSR_CURRICULUM_N_FIELDS,
  DIRTY_PRICE    = 1 << (PSR_CURRICULUM_N_FIELDS + 1),
} Dirty;

typedef struct
{
  PsrCurriculumField  field;
  const char         *title;
  const char         *description;
} TextField;

/* The long texts of a curriculum, in the order of the course sheet. */
static const TextField text_fields[] = {
  { PSR_CURRICULUM_FIELD_SUMMARY, N_("Summary"), N_("What the course is about, in a few lines.") },
  { PSR_CURRICULUM_FIELD_AUDIENCE, N_("Audience"), N_("Who the course is for.") },
  { PSR_CURRICULUM_FIELD_PREREQUISITES, N_("Prerequisites"),
    N_("What trainees need to know or have done beforehand.") },
  { PSR_CURRICULUM_FIELD_TEACHING_METHODS, N_("Teaching Methods"),
    N_("How the course is taught: workshops, role play, visits, resources.") },
  { PSR_CURRICULUM_FIELD_EVALUATION_METHODS, N_("Evaluation of Skills"),
    N_("How the skills acquired are evaluated.") },
  { PSR_CURRICULUM_FIELD_ACCESS_TERMS, N_("Access Terms"),
    N_("How to enrol, and how the course can be funded.") },
  { PSR_CURRICULUM_FIELD_ACCESSIBILITY, N_("Accessibility"),
    N_("How people with disabilities can follow the course.") },
};

static const char * const modalities[] = { "in-person", "remote", "blended" };
static const char * const methods[] = { "theory", "practice", "mixed" };

struct _PsrCurriculumEditor
{
  GtkBox          parent_instance;

  PsrDatabase    *database;
  PsrCurriculum  *curriculum;
  gint64          id;
  gboolean        filling;
  PsrAutosave     autosave;

  GtkWidget      *texts[PSR_CURRICULUM_N_FIELDS];
  AdwEntryRow    *title_row;
  GtkSpinButton  *duration_spin;
  AdwComboRow    *modality_row;
  GtkSpinButton  *price_spin;
  AdwComboRow    *language_row;

  AdwWindowTitle *window_title;
  GtkWidget      *form;
  GtkWidget      *read_only_box;
  GtkLabel       *read_only_label;
  GtkListBox     *checks_list;
  AdwPreferencesGroup *course_group;
  GtkBox         *texts_box;
  GtkListBox     *objectives_list;
  GtkListBox     *modules_list;
  GtkWidget      *add_objective_button;
  GtkWidget      *add_module_button;
};

G_DEFINE_FINAL_TYPE (PsrCurriculumEditor, psr_curriculum_editor, GTK_TYPE_BOX)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void refresh                   (PsrCurriculumEditor *self);
static void make_module_row_movable (PsrCurriculumEditor *self,
                                       GtkWidget           *row);

static GtkWindow *
get_window (PsrCurriculumEditor *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

static gboolean
is_draft (PsrCurriculumEditor *self)
{
  return self->curriculum != NULL
         && g_strcmp0 (psr_curriculum_get_status (self->curriculum), "draft") == 0;
}

static guint
index_of (const char * const *values,
          guint               n_values,
          const char         *value)
{
  for (guint i = 0; i < n_values; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;

  return 0;
}

static char *
get_text (GtkWidget *widget)
{
  GtkTextIter start, end;
  GtkTextBuffer *buffer;

  if (GTK_IS_EDITABLE (widget))
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_text (GtkWidget  *widget,
          const char *text)
{
  if (GTK_IS_EDITABLE (widget))
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
}

/* Saving ------------------------------------------------------------------ */

static gboolean
save_dirty (PsrCurriculumEditor *self)
{
  g_autoptr(GError) error = NULL;
  guint dirty = psr_autosave_take (&self->autosave);
  gboolean ok = TRUE;

  if (dirty == 0 || self->id == 0)
    return ok;

  for (guint field = 0; ok && field < PSR_CURRICULUM_N_FIELDS; field++)
    if (dirty & (1 << field))
      {
        g_autofree char *text = get_text (self->texts[field]);

        ok = psr_curriculum_set_field (self->database, self->id, field, text, &error);
      }

  if (ok && (dirty & DIRTY_DURATION))
    ok = psr_curriculum_set_duration (self->database, self->id,
                                      gtk_spin_button_get_value (self->duration_spin), &error);

  if (ok && (dirty & DIRTY_PRICE))
    ok = psr_curriculum_set_price (self->database, self->id,
                                   (gint64) (gtk_spin_button_get_value (self->price_spin) * 100
                                             + 0.5),
                                   &error);

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);

  refresh (self);
  return ok;
}

static void
autosave_cb (gpointer user_data)
{
  save_dirty (user_data);
}

static void
mark_dirty (PsrCurriculumEditor *self,
            guint                flags)
{
  if (!self->filling)
    psr_autosave_mark (&self->autosave, flags);
}

static void
field_changed_cb (PsrCurriculumEditor *self,
                  gpointer             widget_or_buffer)
{
  for (guint field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    {
      GtkWidget *widget = self->texts[field];

      if (widget == widget_or_buffer
          || (GTK_IS_TEXT_VIEW (widget)
              && gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)) == widget_or_buffer))
        mark_dirty (self, 1 << field);
    }
}

static void
duration_changed_cb (PsrCurriculumEditor *self)
{
  mark_dirty (self, DIRTY_DURATION);
}

static void
price_changed_cb (PsrCurriculumEditor *self)
{
  mark_dirty (self, DIRTY_PRICE);
}

static void
choice_changed (PsrCurriculumEditor *self,
                AdwComboRow         *row)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->filling || self->id == 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  if (row == self->modality_row)
    ok = psr_curriculum_set_modality (self->database, self->id, modalities[selected], &error);
  else
    ok = psr_curriculum_set_field (self->database, self->id, PSR_CURRICULUM_FIELD_LANGUAGE,
                                   psr_languages ()[selected], &error);

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
modality_changed_cb (PsrCurriculumEditor *self)
{
  choice_changed (self, self->modality_row);
}

static void
language_changed_cb (PsrCurriculumEditor *self)
{
  choice_changed (self, self->language_row);
}

/* Showing ------------------------------------------------------------------ */

static void
fill_checks (PsrCurriculumEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checks = psr_curriculum_check (self->database, self->id, &error);

  if (checks == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_rows_show_checks (self->checks_list, checks, _("Everything Qualiopi asks for is filled in"));
}

/* A row's actions, in a menu: a row stays readable at 360 px. When not
 * @editable, only "Translate…" is left: translating a module does not
 * change its curriculum's version, as for the curriculum itself. */
static GtkWidget *
create_row_menu (const char *prefix,
                 gint64      id,
                 gboolean    with_competencies,
                 gboolean    editable)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) moves = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  struct { const char *label; const char *action; GMenu *section; } items[] = {
    { _("_Edit…"), "edit", menu },
    { _("_Competencies…"), "competencies", menu },
    { _("_Scenarios…"), "scenarios", menu },
    { _("_Translate…"), "translate", menu },
    { _("Move _Up"), "move-up", moves },
    { _("Move _Down"), "move-down", moves },
    { _("_Remove"), "remove", moves },
  };
  gboolean is_module = g_str_equal (prefix, "module");

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autofree char *action = g_strdup_printf ("editor.%s-%s", prefix, items[i].action);
      gboolean translate = g_str_equal (items[i].action, "translate");
      g_autoptr(GMenuItem) item = NULL;

      if ((!with_competencies && g_str_equal (items[i].action, "competencies"))
          || (!is_module && (g_str_equal (items[i].action, "scenarios") || translate))
          || (!editable && !translate))
        continue;

      item = g_menu_item_new (items[i].label, NULL);
      g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
      g_menu_append_item (items[i].section, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (moves)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Actions"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Actions"), -1);
  return button;
}

static char *
describe_competencies (PsrCurriculumEditor *self,
                       GArray              *ids)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  if (ids == NULL || ids->len == 0)
    return g_strdup (_("Linked to no competency"));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PsrRecord) competency = psr_record_load (self->database, PSR_TYPE_COMPETENCY,
                                                         g_array_index (ids, gint64, i), NULL);

      if (competency != NULL)
        g_string_append_printf (codes, "%s%s", codes->len > 0 ? ", " : "",
                                psr_competency_get_code (PSR_COMPETENCY (competency)));
    }

  /* Translators: the codes of the competencies an objective is linked to,
   * such as "2.1, 2.3". */
  return g_strdup_printf (ngettext ("Competency: %s", "Competencies: %s", ids->len), codes->str);
}

static void
fill_objectives (PsrCurriculumEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) objectives = psr_curriculum_list_objectives (self->database, self->id,
                                                                    &error);

  psr_rows_clear (self->objectives_list);
  if (objectives == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < objectives->len; i++)
    {
      PsrObjective *objective = g_ptr_array_index (objectives, i);
      g_autofree char *subtitle = describe_competencies (self, objective->competency_ids);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), objective->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (is_draft (self))
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   create_row_menu ("objective", objective->id, TRUE, TRUE));
      gtk_list_box_append (self->objectives_list, row);
    }
}

static const char *
method_label (const char *method)
{
  if (g_strcmp0 (method, "theory") == 0)
    return C_("teaching method", "Theory");
  if (g_strcmp0 (method, "practice") == 0)
    return C_("teaching method", "Practice");
  return C_("teaching method", "Mixed");
}

static GtkWidget *
create_module_row (gpointer item,
                   gpointer user_data)
{
  PsrCurriculumEditor *self = user_data;
  PsrModule *module = item;
  g_autofree char *hours = psr_format_hours (psr_module_get_duration_hours (module));
  guint n_competencies = psr_module_get_n_competencies (module);
  guint n_scenarios = psr_module_get_n_scenarios (module);
  g_autofree char *competencies = g_strdup_printf (ngettext ("%u competency", "%u competencies",
                                                             n_competencies),
                                                   n_competencies);
  g_autofree char *scenarios = g_strdup_printf (ngettext ("%u scenario", "%u scenarios",
                                                          n_scenarios),
                                                n_scenarios);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: duration, method, competencies and scenarios of a module,
   * as in "3.5 h · Practice · 2 competencies · 1 scenario". */
  subtitle = g_strdup_printf (_("%s · %s · %s · %s"), hours,
                              method_label (psr_module_get_method (module)), competencies,
                              scenarios);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 psr_record_get_title (PSR_RECORD (module)));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "id",
                     GSIZE_TO_POINTER (psr_record_get_id (PSR_RECORD (module))));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_row_menu ("module", psr_record_get_id (PSR_RECORD (module)),
                                              TRUE, is_draft (self)));
  if (is_draft (self))
    make_module_row_movable (self, row);
  return row;
}

static void
fill_modules (PsrCurriculumEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) modules = psr_curriculum_list_modules (self->database, self->id, &error);

  if (modules == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_list_box_bind_model (self->modules_list, modules, create_module_row, self, NULL);
}

static void
set_editable (PsrCurriculumEditor *self,
              gboolean             editable)
{
  for (guint field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    {
      GtkWidget *widget = self->texts[field];

      if (widget == NULL)
        continue;
      if (GTK_IS_EDITABLE (widget))
        gtk_editable_set_editable (GTK_EDITABLE (widget), editable);
      else
        gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), editable);
    }

  /* Whole rows, as for the drop-downs: their titles dim alike. */
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->duration_spin),
                                                     ADW_TYPE_ACTION_ROW),
                            editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->modality_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_row), editable);
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (self->price_spin),
                                                     ADW_TYPE_ACTION_ROW),
                            editable);
  gtk_widget_set_visible (self->add_objective_button, editable);
  gtk_widget_set_visible (self->add_module_button, editable);
}

static void
update_header (PsrCurriculumEditor *self)
{
  const char *status = psr_curriculum_get_status (self->curriculum);
  g_autofree char *subtitle = NULL;

  /* Translators: version and status of a curriculum, as in "Version 2 · Draft". */
  subtitle = g_strdup_printf (_("Version %u · %s"), psr_curriculum_get_version (self->curriculum),
                              psr_curriculum_status_label (status));
  adw_window_title_set_title (self->window_title,
                              psr_record_get_title (PSR_RECORD (self->curriculum)));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_visible (self->read_only_box, !is_draft (self));
  gtk_label_set_text (self->read_only_label,
                      g_strcmp0 (status, "archived") == 0
                        ? _("This version is archived and read-only. Make a new version to "
                            "change the curriculum.")
                        : _("This version is published and read-only: sessions keep the "
                            "program they ran. Make a new version to change it."));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.publish",
                                 g_strcmp0 (status, "published") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive",
                                 g_strcmp0 (status, "published") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.new-version", !is_draft (self));
}

/* Reloads what the store says: after every change, and after an error. */
static void
refresh (PsrCurriculumEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrRecord) curriculum = NULL;

  if (self->id == 0)
    return;

  curriculum = psr_record_load (self->database, PSR_TYPE_CURRICULUM, self->id, &error);
  if (curriculum == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  g_set_object (&self->curriculum, PSR_CURRICULUM (curriculum));
  update_header (self);
  fill_checks (self);
}

static void
fill_form (PsrCurriculumEditor *self)
{
  gint64 price = psr_curriculum_get_price_cents (self->curriculum);

  self->filling = TRUE;
  for (guint field = 0; field < PSR_CURRICULUM_N_FIELDS; field++)
    if (self->texts[field] != NULL)
      set_text (self->texts[field], psr_curriculum_get_text (self->curriculum, field));

  gtk_spin_button_set_value (self->duration_spin,
                             psr_curriculum_get_duration_hours (self->curriculum));
  gtk_spin_button_set_value (self->price_spin, price < 0 ? 0 : price / 100.0);
  adw_combo_row_set_selected (self->modality_row,
                              index_of (modalities, G_N_ELEMENTS (modalities),
                                        psr_curriculum_get_modality (self->curriculum)));
  adw_combo_row_set_selected (self->language_row,
                              index_of (psr_languages (), g_strv_length ((char **) psr_languages ()),
                                        psr_curriculum_get_language (self->curriculum)));
  self->filling = FALSE;

  set_editable (self, is_draft (self));
}

void
psr_curriculum_editor_load (PsrCurriculumEditor *self,
                            gint64               curriculum_id)
{
  g_return_if_fail (PSR_IS_CURRICULUM_EDITOR (self));

  save_dirty (self);
  self->id = curriculum_id;
  refresh (self);
  if (self->curriculum == NULL)
    return;

  fill_form (self);
  fill_objectives (self);
  fill_modules (self);
}

gint64
psr_curriculum_editor_get_id (PsrCurriculumEditor *self)
{
  g_return_val_if_fail (PSR_IS_CURRICULUM_EDITOR (self), 0);

  return self->id;
}

void
psr_curriculum_editor_set_database (PsrCurriculumEditor *self,
                                    PsrDatabase         *database)
{
  g_return_if_fail (PSR_IS_CURRICULUM_EDITOR (self));

  g_set_object (&self->database, database);
}

/* Curriculum actions -------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);

  save_dirty (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
set_status (PsrCurriculumEditor *self,
            const char          *status)
{
  g_autoptr(GError) error = NULL;

  if (!save_dirty (self))
    return;

  if (!psr_curriculum_set_status (self->database, self->id, status, &error))
    psr_show_error (GTK_WIDGET (self), error);

  psr_curriculum_editor_load (self, self->id);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (PSR_CURRICULUM_EDITOR (widget), "published");
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_status (PSR_CURRICULUM_EDITOR (widget), "archived");
}

static void
new_version_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = psr_curriculum_new_version (self->database, self->id, &error);

  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_curriculum_editor_load (self, id);
}

/* The course sheet ---------------------------------------------------------- */

static PsrCourseSheet *
build_sheet (PsrCurriculumEditor  *self,
             GError              **error)
{
  save_dirty (self);
  return psr_course_sheet_new (self->database, self->id,
                               psr_printing_get_document_info (GTK_WIDGET (self)), error);
}

static void
translate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);

  if (self->curriculum == NULL)
    return;

  /* The translator sees the original as it was last typed. */
  save_dirty (self);
  psr_translation_editor_present (widget, self->database, "curriculum",
                                  psr_record_get_uuid (PSR_RECORD (self->curriculum)));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_autoptr(GError) error = NULL;
  PsrCourseSheet *sheet = build_sheet (PSR_CURRICULUM_EDITOR (widget), &error);

  if (sheet == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  psr_print_document (widget, psr_course_sheet_get_title (sheet), FALSE, sheet, g_object_unref,
                      (PsrPaginateFunc) psr_course_sheet_paginate,
                      (PsrDrawPageFunc) psr_course_sheet_draw_page);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PsrCourseSheet *sheet = build_sheet (self, &error);

  if (sheet == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  /* Translators: the file name of a course sheet; %s is the curriculum's title. */
  name = g_strdup_printf (_("%s - course sheet.pdf"),
                          psr_record_get_title (PSR_RECORD (self->curriculum)));
  psr_save_pdf (widget, _("Save the Course Sheet"), name, _("Course sheet saved"), sheet,
                g_object_unref, (PsrWritePdfFunc) psr_course_sheet_write_pdf);
}

/* Text dialogs --------------------------------------------------------------- */

typedef void (*TextDone) (PsrCurriculumEditor *self,
                          gint64               id,
                          const char          *text);

static void
text_dialog_response_cb (AdwMessageDialog    *dialog,
                         const char          *response,
                         PsrCurriculumEditor *self)
{
  AdwEntryRow *row = g_object_get_data (G_OBJECT (dialog), "row");
  TextDone done = g_object_get_data (G_OBJECT (dialog), "done");
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "id"));

  if (g_strcmp0 (response, "save") == 0)
    done (self, id, gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
text_changed_cb (AdwEntryRow      *row,
                 AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog, "save", *text != '\0');
}

/* Asks for one line of text, then calls @done with it. */
static void
ask_text (PsrCurriculumEditor *self,
          const char          *heading,
          const char          *label,
          const char          *text,
          gint64               id,
          TextDone             done)
{
  GtkWidget *dialog = adw_message_dialog_new (get_window (self), heading, NULL);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 280, -1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "row", row);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_object_set_data (G_OBJECT (dialog), "id", GSIZE_TO_POINTER (id));
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), dialog);
  text_changed_cb (ADW_ENTRY_ROW (row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (text_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

/* Competency picker ---------------------------------------------------------- */

/* The competencies and indicators of the curriculum's framework, and with
 * @with_levels a target level for each; @done gets the links before and
 * after. */
static void
pick_competencies (PsrCurriculumEditor     *self,
                   gint64                   owner_id,
                   GArray                  *selected,
                   gboolean                 with_levels,
                   PsrCompetencyPickerDone  done)
{
  gint64 framework = psr_curriculum_get_framework_id (self->curriculum);

  if (framework == 0)
    {
      psr_show_message (GTK_WIDGET (self), _("No Competency Framework"),
                        _("This curriculum is built on no framework. Create or import one on "
                          "the Competencies page first."));
      return;
    }

  psr_competency_picker_present (GTK_WIDGET (self), self->database, framework, owner_id,
                                 selected, with_levels, done);
}

/* Objectives ----------------------------------------------------------------- */

static void
objective_added (PsrCurriculumEditor *self,
                 gint64               id,
                 const char          *text)
{
  g_autoptr(GError) error = NULL;

  if (psr_objective_add (self->database, self->id, text, &error) == 0)
    psr_show_error (GTK_WIDGET (self), error);
  fill_objectives (self);
  refresh (self);
}

static void
objective_edited (PsrCurriculumEditor *self,
                  gint64               id,
                  const char          *text)
{
  g_autoptr(GError) error = NULL;

  if (!psr_objective_set_text (self->database, id, text, &error))
    psr_show_error (GTK_WIDGET (self), error);
  fill_objectives (self);
  refresh (self);
}

static PsrObjective *
find_objective (PsrCurriculumEditor *self,
                gint64               id)
{
  g_autoptr(GPtrArray) objectives = psr_curriculum_list_objectives (self->database, self->id,
                                                                    NULL);

  for (guint i = 0; objectives != NULL && i < objectives->len; i++)
    {
      PsrObjective *objective = g_ptr_array_index (objectives, i);

      if (objective->id == id)
        return psr_objective_copy (objective);
    }

  return NULL;
}

static void
objective_add_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ask_text (PSR_CURRICULUM_EDITOR (widget), _("New Objective"),
            _("Trainees will be able to…"), "", 0, objective_added);
}

static void
objective_edit_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(PsrObjective) objective = find_objective (self, g_variant_get_int64 (parameter));

  if (objective != NULL)
    ask_text (self, _("Edit Objective"), _("Trainees will be able to…"), objective->text,
              objective->id, objective_edited);
}

static void
objective_links_picked (GtkWidget *owner,
                        gint64     objective_id,
                        GArray    *before,
                        GArray    *after)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (owner);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < after->len; i++)
    {
      gint64 id = g_array_index (after, PsrModuleCompetency, i).competency_id;

      if (psr_competency_picker_find_link (before, id) == NULL)
        ok = psr_objective_link_competency (self->database, objective_id, id, &error);
    }

  for (guint i = 0; ok && i < before->len; i++)
    {
      gint64 id = g_array_index (before, PsrModuleCompetency, i).competency_id;

      if (psr_competency_picker_find_link (after, id) == NULL)
        ok = psr_objective_unlink_competency (self->database, objective_id, id, &error);
    }

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  fill_objectives (self);
  refresh (self);
}

static void
objective_competencies_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(PsrObjective) objective = find_objective (self, g_variant_get_int64 (parameter));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (PsrModuleCompetency));

  if (objective == NULL)
    return;

  for (guint i = 0; objective->competency_ids != NULL && i < objective->competency_ids->len; i++)
    {
      PsrModuleCompetency link = { g_array_index (objective->competency_ids, gint64, i), 0 };

      g_array_append_val (links, link);
    }

  pick_competencies (self, objective->id, links, FALSE, objective_links_picked);
}

static void
objective_move (PsrCurriculumEditor *self,
                gint64               id,
                int                  offset)
{
  g_autoptr(PsrObjective) objective = find_objective (self, id);
  g_autoptr(GError) error = NULL;

  if (objective == NULL || (int) objective->position + offset < 0)
    return;

  if (!psr_objective_move (self->database, id, objective->position + offset, &error))
    psr_show_error (GTK_WIDGET (self), error);
  fill_objectives (self);
}

static void
objective_move_up_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  objective_move (PSR_CURRICULUM_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
objective_move_down_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  objective_move (PSR_CURRICULUM_EDITOR (widget), g_variant_get_int64 (parameter), 1);
}

static void
objective_remove_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_objective_remove (self->database, g_variant_get_int64 (parameter), &error))
    psr_show_error (GTK_WIDGET (self), error);
  fill_objectives (self);
  refresh (self);
}

/* Modules -------------------------------------------------------------------- */

typedef struct
{
  PsrCurriculumEditor *editor;
  gint64               id;
  AdwEntryRow         *title_row;
  GtkSpinButton       *duration_spin;
  AdwComboRow         *method_row;
  GtkTextBuffer       *objectives;
  GtkTextBuffer       *content;
  GtkLabel            *preview;
} ModuleDialog;

static void
module_dialog_free (gpointer  data,
                    GClosure *closure)
{
  ModuleDialog *dialog = data;

  g_object_unref (dialog->editor);
  g_free (dialog);
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
content_changed_cb (GtkTextBuffer *buffer,
                    ModuleDialog  *dialog)
{
  g_autofree char *markdown = buffer_text (buffer);
  g_autofree char *markup = psr_markdown_to_pango (markdown);

  gtk_label_set_markup (dialog->preview, markup);
  gtk_widget_set_visible (GTK_WIDGET (dialog->preview), *markup != '\0');
}

static void
module_response_cb (AdwMessageDialog *message_dialog,
                    const char       *response,
                    ModuleDialog     *dialog)
{
  PsrCurriculumEditor *self = dialog->editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *objectives = NULL;
  g_autofree char *content = NULL;
  PsrDatabase *db = self->database;

  if (g_strcmp0 (response, "save") != 0)
    return;

  objectives = buffer_text (dialog->objectives);
  content = buffer_text (dialog->content);

  if (!psr_module_set_field (db, dialog->id, PSR_MODULE_FIELD_TITLE,
                             gtk_editable_get_text (GTK_EDITABLE (dialog->title_row)), &error)
      || !psr_module_set_field (db, dialog->id, PSR_MODULE_FIELD_OBJECTIVES, objectives, &error)
      || !psr_module_set_field (db, dialog->id, PSR_MODULE_FIELD_CONTENT, content, &error)
      || !psr_module_set_duration (db, dialog->id, gtk_spin_button_get_value (dialog->duration_spin),
                                   &error)
      || !psr_module_set_method (db, dialog->id,
                                 methods[adw_combo_row_get_selected (dialog->method_row)], &error))
    psr_show_error (GTK_WIDGET (self), error);

  fill_modules (self);
  refresh (self);
}

static GtkTextBuffer *
append_text_area (GtkBox     *box,
                  const char *title,
                  const char *text,
                  gboolean    editable)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (title);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view = gtk_text_view_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), view);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), editable);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 80);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  gtk_box_append (box, label);
  gtk_box_append (box, scrolled);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static void
show_module_dialog (PsrCurriculumEditor *self,
                    PsrModule           *module)
{
  ModuleDialog *dialog = g_new0 (ModuleDialog, 1);
  GtkWidget *message = adw_message_dialog_new (get_window (self), _("Module"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *duration_row = adw_action_row_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *preview_title = gtk_label_new (_("Content as Trainees See It"));
  g_autoptr(GtkStringList) method_names = gtk_string_list_new (NULL);

  dialog->editor = g_object_ref (self);
  dialog->id = psr_record_get_id (PSR_RECORD (module));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  dialog->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->title_row), _("Title"));
  gtk_editable_set_text (GTK_EDITABLE (dialog->title_row),
                         psr_record_get_title (PSR_RECORD (module)));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->title_row));

  dialog->duration_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 200, 0.5));
  gtk_spin_button_set_digits (dialog->duration_spin, 1);
  gtk_spin_button_set_value (dialog->duration_spin, psr_module_get_duration_hours (module));
  gtk_widget_set_valign (GTK_WIDGET (dialog->duration_spin), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (duration_row), _("Duration in Hours"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (duration_row), GTK_WIDGET (dialog->duration_spin));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (duration_row),
                                         GTK_WIDGET (dialog->duration_spin));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dialog->duration_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Duration in Hours"), -1);
  gtk_list_box_append (GTK_LIST_BOX (list), duration_row);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    gtk_string_list_append (method_names, method_label (methods[i]));
  dialog->method_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (dialog->method_row), _("Method"));
  adw_combo_row_set_model (dialog->method_row, G_LIST_MODEL (method_names));
  adw_combo_row_set_selected (dialog->method_row,
                              index_of (methods, G_N_ELEMENTS (methods),
                                        psr_module_get_method (module)));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (dialog->method_row));
  gtk_box_append (GTK_BOX (box), list);

  dialog->objectives = append_text_area (GTK_BOX (box), _("_Objectives"),
                                         psr_module_get_objectives (module), is_draft (self));
  dialog->content = append_text_area (GTK_BOX (box), _("_Content, in Markdown"),
                                      psr_module_get_content (module), is_draft (self));

  gtk_label_set_xalign (GTK_LABEL (preview_title), 0);
  gtk_widget_add_css_class (preview_title, "heading");
  gtk_box_append (GTK_BOX (box), preview_title);
  dialog->preview = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (dialog->preview, TRUE);
  gtk_label_set_xalign (dialog->preview, 0);
  gtk_label_set_selectable (dialog->preview, TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (dialog->preview));
  g_signal_connect (dialog->content, "changed", G_CALLBACK (content_changed_cb), dialog);
  content_changed_cb (dialog->content, dialog);

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (message), scrolled);

  if (is_draft (self))
    {
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (message),
                                        "cancel", _("_Cancel"),
                                        "save", _("_Save"),
                                        NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (message), "save",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (message), "save");
    }
  else
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "cancel", _("_Close"));
    }
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (message), "cancel");
  gtk_widget_set_sensitive (list, is_draft (self));
  g_signal_connect_data (message, "response", G_CALLBACK (module_response_cb), dialog,
                         module_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (message));
}

static PsrModule *
load_module (PsrCurriculumEditor *self,
             gint64               id)
{
  g_autoptr(GError) error = NULL;
  PsrRecord *module = psr_record_load (self->database, PSR_TYPE_MODULE, id, &error);

  if (module == NULL)
    psr_show_error (GTK_WIDGET (self), error);
  return (PsrModule *) module;
}

static void
module_activated_cb (PsrCurriculumEditor *self,
                     GtkListBoxRow       *row)
{
  g_autoptr(PsrModule) module = load_module (self, GPOINTER_TO_SIZE (
    g_object_get_data (G_OBJECT (row), "id")));

  if (module != NULL)
    show_module_dialog (self, module);
}

static void
module_add_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrModule) module = NULL;
  gint64 id = psr_module_add (self->database, self->id, _("New module"), &error);

  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  fill_modules (self);
  refresh (self);
  module = load_module (self, id);
  if (module != NULL)
    show_module_dialog (self, module);
}

static void
module_edit_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(PsrModule) module = load_module (self, g_variant_get_int64 (parameter));

  if (module != NULL)
    show_module_dialog (self, module);
}

static void
module_links_picked (GtkWidget *owner,
                     gint64     module_id,
                     GArray    *before,
                     GArray    *after)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (owner);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;

  /* Setting a link again changes its target level. */
  for (guint i = 0; ok && i < after->len; i++)
    {
      PsrModuleCompetency *link = &g_array_index (after, PsrModuleCompetency, i);
      const PsrModuleCompetency *was = psr_competency_picker_find_link (before,
                                                                        link->competency_id);

      if (was == NULL || was->target_level_id != link->target_level_id)
        ok = psr_module_set_competency (self->database, module_id, link->competency_id,
                                        link->target_level_id, &error);
    }

  for (guint i = 0; ok && i < before->len; i++)
    {
      gint64 id = g_array_index (before, PsrModuleCompetency, i).competency_id;

      if (psr_competency_picker_find_link (after, id) == NULL)
        ok = psr_module_unset_competency (self->database, module_id, id, &error);
    }

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  fill_modules (self);
  refresh (self);
}

static void
module_competencies_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) links = psr_module_list_competencies (self->database, id, &error);

  if (links == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  pick_competencies (self, id, links, TRUE, module_links_picked);
}

static void
module_translate_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(PsrModule) module = load_module (self, g_variant_get_int64 (parameter));

  if (module != NULL)
    psr_translation_editor_present (widget, self->database, "module",
                                    psr_record_get_uuid (PSR_RECORD (module)));
}

static void
module_move (PsrCurriculumEditor *self,
             gint64               id,
             int                  offset)
{
  g_autoptr(PsrModule) module = load_module (self, id);
  g_autoptr(GError) error = NULL;

  if (module == NULL || (int) psr_module_get_position (module) + offset < 0)
    return;

  if (!psr_module_move (self->database, id, psr_module_get_position (module) + offset, &error))
    psr_show_error (GTK_WIDGET (self), error);
  fill_modules (self);
}

static void
module_move_up_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  module_move (PSR_CURRICULUM_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
module_move_down_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  module_move (PSR_CURRICULUM_EDITOR (widget), g_variant_get_int64 (parameter), 1);
}

static void
module_remove_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_module_remove (self->database, g_variant_get_int64 (parameter), &error))
    psr_show_error (GTK_WIDGET (self), error);
  fill_modules (self);
  refresh (self);
}

/* Scenarios of a module: a searchable list, since a library holds
 * thousands of them. Ticks live in a set, as rows are recycled. */

typedef struct
{
  PsrCurriculumEditor *editor;
  gint64               module_id;
  GHashTable          *before;
  GHashTable          *chosen;
} ScenarioPick;

static void
scenario_pick_free (gpointer  data,
                    GClosure *closure)
{
  ScenarioPick *pick = data;

  g_object_unref (pick->editor);
  g_hash_table_unref (pick->before);
  g_hash_table_unref (pick->chosen);
  g_free (pick);
}

static void
scenario_toggled_cb (GtkCheckButton *check,
                     ScenarioPick   *pick)
{
  gint64 *id = g_object_get_data (G_OBJECT (check), "id");

  if (id == NULL)
    return;

  if (gtk_check_button_get_active (check))
    g_hash_table_add (pick->chosen, g_memdup2 (id, sizeof *id));
  else
    g_hash_table_remove (pick->chosen, id);
}

static void
setup_scenario_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   ScenarioPick             *pick)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 6);
  g_signal_connect (check, "toggled", G_CALLBACK (scenario_toggled_cb), pick);
  gtk_list_item_set_child (item, check);
}

static void
bind_scenario_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  ScenarioPick             *pick)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  PsrRecord *scenario = gtk_list_item_get_item (item);
  gint64 id = psr_record_get_id (scenario);

  /* No toggled handling while the row takes its new item. */
  g_object_set_data (G_OBJECT (check), "id", NULL);
  gtk_label_set_text (GTK_LABEL (gtk_check_button_get_child (GTK_CHECK_BUTTON (check))),
                      psr_record_get_title (scenario));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               g_hash_table_contains (pick->chosen, &id));
  g_object_set_data_full (G_OBJECT (check), "id", g_memdup2 (&id, sizeof id), g_free);
}

static void
scenario_search_cb (GtkSearchEntry  *entry,
                    GtkStringFilter *filter)
{
  gtk_string_filter_set_search (filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
scenario_pick_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           ScenarioPick     *pick)
{
  PsrCurriculumEditor *self = pick->editor;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gint64 *id;
  gboolean ok = TRUE;

  if (g_strcmp0 (response, "save") != 0)
    return;

  g_hash_table_iter_init (&iter, pick->chosen);
  while (ok && g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (pick->before, id))
      ok = psr_module_add_scenario (self->database, pick->module_id, *id, &error);

  g_hash_table_iter_init (&iter, pick->before);
  while (ok && g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    if (!g_hash_table_contains (pick->chosen, id))
      ok = psr_module_remove_scenario (self->database, pick->module_id, *id, &error);

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  fill_modules (self);
}

static void
module_scenarios_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PsrCurriculumEditor *self = PSR_CURRICULUM_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) current = NULL;
  g_autoptr(PsrRecordModel) library = psr_record_model_new (self->database, PSR_TYPE_SCENARIO);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkStringFilter *filter;
  GtkFilterListModel *filtered;
  ScenarioPick *pick;
  GtkWidget *dialog, *box, *search, *scrolled, *list;

  current = psr_module_list_scenarios (self->database, g_variant_get_int64 (parameter), &error);
  if (current == NULL || !psr_record_model_reload (library, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  pick = g_new0 (ScenarioPick, 1);
  pick->editor = g_object_ref (self);
  pick->module_id = g_variant_get_int64 (parameter);
  pick->before = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  pick->chosen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(PsrRecord) scenario = g_list_model_get_item (current, i);
      gint64 id = psr_record_get_id (scenario);

      g_hash_table_add (pick->before, g_memdup2 (&id, sizeof id));
      g_hash_table_add (pick->chosen, g_memdup2 (&id, sizeof id));
    }

  filter = gtk_string_filter_new (gtk_property_expression_new (PSR_TYPE_RECORD, NULL, "title"));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_steal_pointer (&library)),
                                        GTK_FILTER (filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_scenario_cb), pick);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_scenario_cb), pick);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))),
                            g_steal_pointer (&factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Scenarios"), -1);

  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text", _("Search scenarios"), NULL);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (scenario_search_cb), filter, 0);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_widget_add_css_class (scrolled, "card");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);

  dialog = adw_message_dialog_new (get_window (self), _("Scenarios Used for Practice"), NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (scenario_pick_response_cb), pick,
                         scenario_pick_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (search);
}

/* Modules move by drag and drop, by Alt+Up and Alt+Down, and from their
 * menu. */
static GdkContentProvider *
module_drag_prepare_cb (GtkDragSource *source,
                        double         x,
                        double         y,
                        GtkWidget     *row)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"));

  return gdk_content_provider_new_typed (G_TYPE_INT64, id);
}

static gboolean
module_drop_cb (GtkDropTarget       *target,
                const GValue        *value,
                double               x,
                double               y,
                PsrCurriculumEditor *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_autoptr(PsrModule) destination = load_module (self, GPOINTER_TO_SIZE (
    g_object_get_data (G_OBJECT (row), "id")));
  g_autoptr(GError) error = NULL;

  if (destination == NULL)
    return FALSE;

  if (!psr_module_move (self->database, g_value_get_int64 (value),
                        psr_module_get_position (destination), &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return FALSE;
    }

  fill_modules (self);
  return TRUE;
}

static void
make_module_row_movable (PsrCurriculumEditor *self,
                           GtkWidget           *row)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (module_drag_prepare_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (source));
  g_signal_connect_object (target, "drop", G_CALLBACK (module_drop_cb), self, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (target));

  for (guint i = 0; i < 2; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (
        gtk_keyval_trigger_new (i == 0 ? GDK_KEY_Up : GDK_KEY_Down, GDK_ALT_MASK),
        gtk_named_action_new (i == 0 ? "editor.module-move-up" : "editor.module-move-down"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (
        GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "id"))));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), shortcut);
    }
  gtk_widget_add_controller (row, shortcuts);
}

/* Building the form ----------------------------------------------------------- */

static AdwEntryRow *
add_entry_row (PsrCurriculumEditor *self,
               PsrCurriculumField   field,
               const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (self->course_group, row);
  self->texts[field] = row;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (field_changed_cb), self);
  return ADW_ENTRY_ROW (row);
}

static GtkSpinButton *
add_spin_row (PsrCurriculumEditor *self,
              const char          *title,
              const char          *subtitle,
              double               upper,
              double               step,
              guint                digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->course_group, row);
  return GTK_SPIN_BUTTON (spin);
}

static AdwComboRow *
add_combo_row (PsrCurriculumEditor *self,
               const char          *title,
               GtkStringList       *names,
               GCallback            changed)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
  adw_preferences_group_add (self->course_group, row);
  g_signal_connect_swapped (row, "notify::selected", changed, self);
  return ADW_COMBO_ROW (row);
}

static void
build_course_group (PsrCurriculumEditor *self)
{
  const char *modality_names[] = {
    C_("modality", "In person"), C_("modality", "Remote"), C_("modality", "Blended"), NULL,
  };
  g_autoptr(GtkStringList) modality_list = gtk_string_list_new (modality_names);
  g_autoptr(GtkStringList) language_list = gtk_string_list_new (NULL);

  for (const char * const *code = psr_languages (); *code != NULL; code++)
    gtk_string_list_append (language_list, psr_language_label (*code));


  self->title_row = add_entry_row (self, PSR_CURRICULUM_FIELD_TITLE, _("Title"));
  self->duration_spin = add_spin_row (self, _("Duration"), _("In hours"), 2000, 0.5, 1);
  g_signal_connect_swapped (self->duration_spin, "value-changed",
                            G_CALLBACK (duration_changed_cb), self);
  self->modality_row = add_combo_row (self, _("Modality"), modality_list,
                                      G_CALLBACK (modality_changed_cb));
  self->language_row = add_combo_row (self, _("Language of Teaching"), language_list,
                                      G_CALLBACK (language_changed_cb));

  /* Qualiopi asks for a published price: 0 for a free course, no "on
   * request". */
  self->price_spin = add_spin_row (self, _("Price"), _("In euros, 0 when free"), 100000, 10, 2);
  g_signal_connect_swapped (self->price_spin, "value-changed", G_CALLBACK (price_changed_cb),
                            self);

  add_entry_row (self, PSR_CURRICULUM_FIELD_ACCESS_DELAY, _("Access Delay"));
  add_entry_row (self, PSR_CURRICULUM_FIELD_CONTACT, _("Contact"));
}

static void
build_text_groups (PsrCurriculumEditor *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *view = gtk_text_view_new ();

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _(text_fields[i].title));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _(text_fields[i].description));
      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
      gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
      gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(text_fields[i].title), -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_NEVER);
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), scrolled);
      gtk_box_append (self->texts_box, group);

      self->texts[text_fields[i].field] = view;
      g_signal_connect_swapped (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                                G_CALLBACK (field_changed_cb), self);
    }
}

static void
psr_curriculum_editor_dispose (GObject *object)
{
  PsrCurriculumEditor *self = (PsrCurriculumEditor *)object;

  if (psr_autosave_get_dirty (&self->autosave) != 0 && self->database != NULL)
    save_dirty (self);
  psr_autosave_discard (&self->autosave);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_CURRICULUM_EDITOR);
  g_clear_object (&self->curriculum);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_curriculum_editor_parent_class)->dispose (object);
}

static void
psr_curriculum_editor_class_init (PsrCurriculumEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *name;
    const char *parameter;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "editor.close", NULL, close_action },
    { "editor.publish", NULL, publish_action },
    { "editor.archive", NULL, archive_action },
    { "editor.new-version", NULL, new_version_action },
    { "editor.print", NULL, print_action },
    { "editor.save-pdf", NULL, save_pdf_action },
    { "editor.translate", NULL, translate_action },
    { "editor.objective-add", NULL, objective_add_action },
    { "editor.objective-edit", "x", objective_edit_action },
    { "editor.objective-competencies", "x", objective_competencies_action },
    { "editor.objective-move-up", "x", objective_move_up_action },
    { "editor.objective-move-down", "x", objective_move_down_action },
    { "editor.objective-remove", "x", objective_remove_action },
    { "editor.module-add", NULL, module_add_action },
    { "editor.module-edit", "x", module_edit_action },
    { "editor.module-competencies", "x", module_competencies_action },
    { "editor.module-scenarios", "x", module_scenarios_action },
    { "editor.module-translate", "x", module_translate_action },
    { "editor.module-move-up", "x", module_move_up_action },
    { "editor.module-move-down", "x", module_move_down_action },
    { "editor.module-remove", "x", module_remove_action },
  };

  object_class->dispose = psr_curriculum_editor_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-curriculum-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, form);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, read_only_box);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, checks_list);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, course_group);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, texts_box);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, objectives_list);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, modules_list);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, add_objective_button);
  gtk_widget_class_bind_template_child (widget_class, PsrCurriculumEditor, add_module_button);
  gtk_widget_class_bind_template_callback (widget_class, module_activated_cb);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter,
                                     actions[i].activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "editor.print",
                                       NULL);
}

static void
psr_curriculum_editor_init (PsrCurriculumEditor *self)
{
  psr_autosave_init (&self->autosave, SAVE_DELAY_MS, autosave_cb, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  build_course_group (self);
  build_text_groups (self);
  psr_rows_set_placeholder (self->objectives_list, _("No objectives yet"));
  psr_rows_set_placeholder (self->modules_list, _("No modules yet"));
}
