/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-curricula.h"
#include "psr-rows.h"

void
psr_rows_clear (GtkListBox *list)
{
  GtkListBoxRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  /* Rows only: removing the placeholder, a child too, would unset it. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

void
psr_rows_set_placeholder (GtkListBox *list,
                          const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_list_box_set_placeholder (list, label);
}

static GtkWidget *
create_check_row (const char *icon_name,
                  const char *style,
                  const char *meaning,
                  const char *message)
{
  GtkWidget *row = adw_action_row_new ();
  /* The icon says what the row is, or nothing the text does not say. */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", icon_name, "accessible-role",
                                  meaning != NULL ? GTK_ACCESSIBLE_ROLE_IMG
                                                  : GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  gtk_widget_add_css_class (icon, style);
  if (meaning != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, meaning,
                                    -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

void
psr_rows_show_checks (GtkListBox *list,
                      GPtrArray  *checks,
                      const char *all_good)
{
  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (checks != NULL);

  psr_rows_clear (list);
  if (checks->len == 0)
    {
      gtk_list_box_append (list, create_check_row ("emblem-ok-symbolic", "success", NULL,
                                                   all_good));
      return;
    }

  for (guint i = 0; i < checks->len; i++)
    {
      PsrCheck *check = g_ptr_array_index (checks, i);
      gboolean warning = check->severity == PSR_CHECK_WARNING;

      gtk_list_box_append (list, create_check_row (warning ? "dialog-warning-symbolic"
                                                           : "dialog-information-symbolic",
                                                   warning ? "warning" : "dim-label",
                                                   warning ? _("Warning") : _("To fill in"),
                                                   check->message));
    }
}

GtkWidget *
psr_rows_icon_button (const char *icon,
                      const char *label,
                      const char *action,
                      gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
  gtk_widget_add_css_class (button, "flat");
  return button;
}
