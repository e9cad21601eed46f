/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-database.h"
#include "psr-lock.h"
#include "psr-preferences-window.h"
#include "psr-window.h"

struct _PsrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *organisation_row;
  AdwEntryRow          *referent_name_row;
  AdwEntryRow          *referent_contact_row;
  GtkSpinButton        *capacity_spin;
  AdwPreferencesGroup  *backups_group;
  AdwPreferencesGroup  *space_group;
  AdwActionRow         *passphrase_row;

  PsrDatabase          *database;
  gboolean              changing;
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

/* Trainee space passphrase --------------------------------------------------- */

static void
update_passphrase_row (PsrPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  gboolean set;

  gtk_widget_set_visible (GTK_WIDGET (self->space_group), self->database != NULL);
  if (self->database == NULL)
    return;

  set = psr_lock_has_passphrase (self->database, &error);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->passphrase_row),
                                 set || error != NULL ? _("Change Passphrase…")
                                                      : _("Set Passphrase…"));
  adw_action_row_set_subtitle (self->passphrase_row,
                               error != NULL ? error->message
                               : set ? _("Set: leaving the trainee space takes it")
                                     : _("Not set yet: asked when the trainee space first opens"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !self->changing);
}

typedef struct
{
  char          *path;
  char          *current;  /* NULL when no passphrase is set */
  char          *passphrase;
  PsrLockResult  result;
  guint          wait;
} ChangeJob;

static void
erase_free (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
change_job_free (ChangeJob *job)
{
  g_free (job->path);
  erase_free (job->current);
  erase_free (job->passphrase);
  g_free (job);
}

/* The hashes are slow on purpose: checked and made off the main loop, on a
 * connection of the thread's own. */
static void
change_job_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ChangeJob *job = task_data;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = psr_database_open (job->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->result = PSR_LOCK_OPEN;
  if (job->current != NULL)
    {
      job->result = psr_lock_verify (db, job->current, NULL, &job->wait, &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  if (job->result == PSR_LOCK_OPEN && !psr_lock_set_passphrase (db, job->passphrase, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
change_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  PsrPreferencesWindow *self = PSR_PREFERENCES_WINDOW (object);
  ChangeJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->changing = FALSE;
  update_passphrase_row (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (job->result == PSR_LOCK_WAIT)
    {
      g_autofree char *body = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Too many wrong passphrases. Try again in %u s.",
                     "Too many wrong passphrases. Try again in %u s.", job->wait),
        job->wait);

      psr_show_message (GTK_WIDGET (self), _("Passphrase Not Changed"), body);
    }
  else if (job->result == PSR_LOCK_WRONG)
    {
      psr_show_message (GTK_WIDGET (self), _("Passphrase Not Changed"),
                        _("The current passphrase is wrong."));
    }
  else
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (job->current != NULL
                                                         ? _("Passphrase changed")
                                                         : _("Passphrase set")));
    }
}

typedef struct
{
  PsrPreferencesWindow *self;
  AdwMessageDialog     *dialog;
  GtkEditable          *current;  /* NULL when no passphrase is set */
  GtkEditable          *first;
  GtkEditable          *second;
  GtkLabel             *hint;
} ChangeDialog;

static void
change_dialog_free (gpointer  data,
                    GClosure *closure)
{
  ChangeDialog *change = data;

  g_object_unref (change->self);
  g_free (change);
}

static void
change_dialog_update (ChangeDialog *change)
{
  const char *first = gtk_editable_get_text (change->first);
  const char *second = gtk_editable_get_text (change->second);
  g_autofree char *stripped = g_strstrip (g_strdup (first));
  gboolean ready = FALSE;

  gtk_widget_remove_css_class (GTK_WIDGET (change->hint), "error");
  if (g_utf8_strlen (first, -1) < PSR_LOCK_MIN_LENGTH || *stripped == '\0')
    {
      g_autofree char *hint = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "At least %d character", "At least %d characters",
                     PSR_LOCK_MIN_LENGTH),
        PSR_LOCK_MIN_LENGTH);

      gtk_label_set_text (change->hint, hint);
    }
  else if (g_strcmp0 (first, second) != 0)
    {
      gtk_label_set_text (change->hint, *second != '\0' ? _("The two passphrases differ")
                                                        : _("Type it again to confirm"));
      if (*second != '\0')
        gtk_widget_add_css_class (GTK_WIDGET (change->hint), "error");
    }
  else if (change->current != NULL && *gtk_editable_get_text (change->current) == '\0')
    {
      gtk_label_set_text (change->hint, _("Type the current passphrase"));
    }
  else
    {
      gtk_label_set_text (change->hint, "");
      ready = TRUE;
    }

  adw_message_dialog_set_response_enabled (change->dialog, "change", ready);
}

static void
change_dialog_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           ChangeDialog     *change)
{
  PsrPreferencesWindow *self = change->self;
  g_autoptr(GTask) task = NULL;
  ChangeJob *job;

  if (g_strcmp0 (response, "change") != 0 || self->database == NULL || self->changing)
    return;

  job = g_new0 (ChangeJob, 1);
  job->path = g_strdup (psr_database_get_path (self->database));
  job->current = change->current != NULL ? g_strdup (gtk_editable_get_text (change->current))
                                          : NULL;
  job->passphrase = g_strdup (gtk_editable_get_text (change->first));

  self->changing = TRUE;
  update_passphrase_row (self);
  task = g_task_new (self, NULL, change_done_cb, NULL);
  g_task_set_source_tag (task, change_dialog_response_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) change_job_free);
  g_task_run_in_thread (task, change_job_thread);
}

static GtkWidget *
add_password_row (GtkWidget  *list,
                  const char *name,
                  const char *title)
{
  GtkWidget *row = adw_password_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
change_passphrase_activated_cb (PsrPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  ChangeDialog *change;
  GtkWidget *dialog, *box, *list, *hint, *current = NULL, *first, *second;
  gboolean set;

  if (self->database == NULL || self->changing)
    return;

  set = psr_lock_has_passphrase (self->database, &error);
  if (error != NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  body = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE,
                 "Trainees cannot leave the trainee space without this passphrase. Choose at "
                 "least %d character, and keep it to the trainers.",
                 "Trainees cannot leave the trainee space without this passphrase. Choose at "
                 "least %d characters, and keep it to the trainers.",
                 PSR_LOCK_MIN_LENGTH),
    PSR_LOCK_MIN_LENGTH);
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   set ? _("Change the Trainer’s Passphrase")
                                       : _("Set the Trainer’s Passphrase"),
                                   body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  list = gtk_list_box_new ();
  hint = gtk_label_new (NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 280, -1);
  if (set)
    current = add_password_row (list, "current-passphrase", _("Current Passphrase"));
  first = add_password_row (list, "new-passphrase", _("New Passphrase"));
  second = add_password_row (list, "new-passphrase-again", _("New Passphrase Again"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (second), TRUE);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "change", set ? _("_Change") : _("_Set"),
                         ADW_RESPONSE_SUGGESTED);

  change = g_new0 (ChangeDialog, 1);
  change->self = g_object_ref (self);
  change->dialog = ADW_MESSAGE_DIALOG (dialog);
  change->current = current != NULL ? GTK_EDITABLE (current) : NULL;
  change->first = GTK_EDITABLE (first);
  change->second = GTK_EDITABLE (second);
  change->hint = GTK_LABEL (hint);
  if (current != NULL)
    g_signal_connect_swapped (current, "changed", G_CALLBACK (change_dialog_update), change);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (change_dialog_update), change);
  g_signal_connect_swapped (second, "changed", G_CALLBACK (change_dialog_update), change);
  g_signal_connect_data (dialog, "response", G_CALLBACK (change_dialog_response_cb), change,
                         change_dialog_free, 0);
  change_dialog_update (change);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (current != NULL ? current : first);
}

void
psr_preferences_window_set_database (PsrPreferencesWindow *self,
                                     PsrDatabase          *database)
{
  g_return_if_fail (PSR_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (database == NULL || PSR_IS_DATABASE (database));

  g_set_object (&self->database, database);
  update_passphrase_row (self);
}

static void
psr_preferences_window_dispose (GObject *object)
{
  PsrPreferencesWindow *self = PSR_PREFERENCES_WINDOW (object);

  g_clear_object (&self->database);
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
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, space_group);
  gtk_widget_class_bind_template_child (widget_class, PsrPreferencesWindow, passphrase_row);
  gtk_widget_class_bind_template_callback (widget_class, change_passphrase_activated_cb);
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
  update_passphrase_row (self);
}
