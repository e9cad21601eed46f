/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-database.h"
#include "psr-preferences-window.h"

struct _PsrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *organisation_row;
  AdwEntryRow          *referent_name_row;
  AdwEntryRow          *referent_contact_row;
  GtkSpinButton        *capacity_spin;
  AdwPreferencesGroup  *backups_group;
};

G_DEFINE_FINAL_TYPE (PsrPreferencesWindow, psr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

PsrPreferencesWindow *
psr_preferences_window_new (GSettings *settings)
{
  PsrPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (PSR_TYPE_PREFERENCES_WINDOW, NULL);

  /* Saved as they are typed: there is no Apply button in GNOME preferences. */
  g_settings_bind (settings, "organisation-name", self->organisation_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "disability-referent-name", self->referent_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "disability-referent-contact", self->referent_contact_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "default-capacity", self->capacity_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  return self;
}

static void
psr_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (psr_preferences_window_parent_class)->dispose (object);
}

static void
psr_preferences_window_class_init (PsrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, referent_name_row);
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, referent_contact_row);
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, backups_group);
}

static void
psr_preferences_window_init (PsrPreferencesWindow *self)
{
  g_autofree char *backups = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* How long erased personal data lives on: people have a right to know. */
  backups = g_strdup_printf (ngettext ("Passerelle backs your data up on the first start of "
                                       "each day and keeps the latest %u backup. Personal data "
                                       "erased on request stays in it until a newer backup "
                                       "replaces it.",
                                       "Passerelle backs your data up on the first start of "
                                       "each day and keeps the latest %u backups. Personal data "
                                       "erased on request stays in them until newer backups "
                                       "replace them.",
                                       PSR_DATABASE_BACKUPS_KEPT),
                             PSR_DATABASE_BACKUPS_KEPT);
  adw_preferences_group_set_description (self->backups_group, backups);
}
