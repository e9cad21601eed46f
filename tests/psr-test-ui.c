/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "psr-test-ui.h"

void
psr_test_ui_iterate (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

GtkWidget *
psr_test_ui_find_descendant (GtkWidget *widget,
                             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = psr_test_ui_find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
psr_test_ui_find_named (GtkWidget  *widget,
                        const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      if ((found = psr_test_ui_find_named (child, name)) != NULL)
        return found;
    }

  return NULL;
}

AdwMessageDialog *
psr_test_ui_find_dialog (const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (window), response))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}
