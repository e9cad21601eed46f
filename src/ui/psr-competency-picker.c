/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-competencies.h"
#include "psr-competency-picker.h"
#include "psr-window.h"

/* A dialog to tick the competencies and indicators of a framework, or of
 * every framework, and with levels choose a target level for each: what
 * curricula, modules and scenarios link to. */

const PsrModuleCompetency *
psr_competency_picker_find_link (GArray *links,
                                 gint64  competency_id)
{
  for (guint i = 0; links != NULL && i < links->len; i++)
    if (g_array_index (links, PsrModuleCompetency, i).competency_id == competency_id)
      return &g_array_index (links, PsrModuleCompetency, i);

  return NULL;
}

static void
pick_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GtkWidget        *owner)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "checks");
  GPtrArray *levels = g_object_get_data (G_OBJECT (dialog), "levels");
  GArray *before = g_object_get_data (G_OBJECT (dialog), "before");
  PsrCompetencyPickerDone done = g_object_get_data (G_OBJECT (dialog), "done");
  gint64 owner_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "owner"));
  g_autoptr(GArray) after = g_array_new (FALSE, FALSE, sizeof (PsrModuleCompetency));

  if (g_strcmp0 (response, "save") != 0)
    return;

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      GtkDropDown *level = g_object_get_data (G_OBJECT (check), "level");
      PsrModuleCompetency link = { 0, 0 };
      guint selected;

      if (!gtk_check_button_get_active (check))
        continue;

      link.competency_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "id"));
      /* The first choice of the drop-down is "no target level". */
      selected = level != NULL ? gtk_drop_down_get_selected (level) : 0;
      if (levels != NULL && selected > 0 && selected <= levels->len)
        link.target_level_id = ((PsrScaleLevel *) g_ptr_array_index (levels, selected - 1))->id;
      g_array_append_val (after, link);
    }

  done (owner, owner_id, before, after);
}

static GtkWidget *
create_level_drop_down (GPtrArray  *levels,
                        gint64      selected_id,
                        const char *competency)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *label = g_strdup_printf (_("Target level for %s"), competency);
  GtkWidget *drop_down;
  guint selected = 0;

  gtk_string_list_append (names, _("No target level"));
  for (guint i = 0; i < levels->len; i++)
    {
      PsrScaleLevel *level = g_ptr_array_index (levels, i);

      gtk_string_list_append (names, level->name);
      if (level->id == selected_id)
        selected = i + 1;
    }

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (drop_down, _("Target level"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  return drop_down;
}

/* The rows of one framework's competencies and indicators, in its order. */
static gboolean
append_framework (GtkListBox   *list,
                  GPtrArray    *checks,
                  PsrDatabase  *db,
                  gint64        framework_id,
                  GArray       *selected,
                  GPtrArray    *levels,
                  GError      **error)
{
  g_autoptr(GListModel) nodes = psr_competency_search (db, framework_id, "", error);

  if (nodes == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (nodes); i++)
    {
      g_autoptr(PsrCompetency) node = g_list_model_get_item (nodes, i);
      gint64 id = psr_record_get_id (PSR_RECORD (node));
      const PsrModuleCompetency *link = psr_competency_picker_find_link (selected, id);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s %s", psr_competency_get_code (node),
                                                psr_record_get_title (PSR_RECORD (node)));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

      /* Fields group the rest; they are not linked themselves. */
      if (psr_competency_get_kind (node) == PSR_COMPETENCY_FIELD)
        {
          gtk_widget_add_css_class (row, "heading");
        }
      else
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), link != NULL);
          gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          g_object_set_data (G_OBJECT (check), "id", GSIZE_TO_POINTER (id));
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          if (levels != NULL && levels->len > 0)
            {
              GtkWidget *level = create_level_drop_down (levels,
                                                         link != NULL ? link->target_level_id : 0,
                                                         psr_competency_get_code (node));

              adw_action_row_add_suffix (ADW_ACTION_ROW (row), level);
              g_object_set_data (G_OBJECT (check), "level", level);
            }
          g_ptr_array_add (checks, check);
        }
      gtk_list_box_append (list, row);
    }

  return TRUE;
}

/* Lets the user tick the competencies and indicators of @framework_id (0
 * for every framework, each under its name), and with @with_levels (one
 * framework only) choose a target level for each. @done gets the links
 * before and after, unless @owner is gone by then. */
void
psr_competency_picker_present (GtkWidget               *owner,
                               PsrDatabase             *db,
                               gint64                   framework_id,
                               gint64                   owner_id,
                               GArray                  *selected,
                               gboolean                 with_levels,
                               PsrCompetencyPickerDone  done)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GListModel) frameworks = NULL;
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  GtkWidget *dialog, *list, *scrolled;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (PSR_IS_DATABASE (db));
  g_return_if_fail (!with_levels || framework_id != 0);

  if (with_levels && (levels = psr_framework_list_levels (db, framework_id, &error)) == NULL)
    {
      psr_show_error (owner, error);
      return;
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_ref_sink (list);

  if (framework_id != 0)
    {
      if (!append_framework (GTK_LIST_BOX (list), checks, db, framework_id, selected, levels,
                             &error))
        {
          psr_show_error (owner, error);
          g_object_unref (list);
          return;
        }
    }
  else if ((frameworks = psr_framework_list (db, &error)) == NULL)
    {
      psr_show_error (owner, error);
      g_object_unref (list);
      return;
    }
  else
    {
      guint n_frameworks = g_list_model_get_n_items (frameworks);

      for (guint i = 0; i < n_frameworks; i++)
        {
          g_autoptr(PsrRecord) framework = g_list_model_get_item (frameworks, i);

          /* Codes repeat from one framework to the next: name each. */
          if (n_frameworks > 1)
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                             psr_record_get_title (framework));
              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              gtk_widget_add_css_class (row, "title-4");
              gtk_list_box_append (GTK_LIST_BOX (list), row);
            }
          if (!append_framework (GTK_LIST_BOX (list), checks, db, psr_record_get_id (framework),
                                 selected, NULL, &error))
            {
              psr_show_error (owner, error);
              g_object_unref (list);
              return;
            }
        }
    }

  if (checks->len == 0)
    {
      g_object_unref (list);
      psr_show_message (owner, _("No Competency Framework"),
                        _("There is no competency to link yet. Create or import a framework "
                          "on the Competencies page first."));
      return;
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  g_object_unref (list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (owner)), _("Competencies"),
                                   NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data_full (G_OBJECT (dialog), "checks", g_steal_pointer (&checks),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "levels", g_steal_pointer (&levels),
                          (GDestroyNotify) g_ptr_array_unref);
  g_object_set_data_full (G_OBJECT (dialog), "before",
                          selected != NULL ? g_array_ref (selected)
                                           : g_array_new (FALSE, FALSE,
                                                          sizeof (PsrModuleCompetency)),
                          (GDestroyNotify) g_array_unref);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_object_set_data (G_OBJECT (dialog), "owner", GSIZE_TO_POINTER (owner_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (pick_response_cb), owner, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
