/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-application.h"
#include "psr-error.h"
#include "psr-preferences-window.h"
#include "psr-ui-resources.h"
#include "psr-window.h"

struct _PsrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  PsrDatabase    *database;
  char           *database_path;
};

G_DEFINE_FINAL_TYPE (PsrApplication, psr_application, ADW_TYPE_APPLICATION)

static void open_database (PsrApplication *self,
                           const char     *path);

PsrApplication *
psr_application_new (const char        *application_id,
                     GApplicationFlags  flags)
{
  return g_object_new (PSR_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", "/fr/universcience/Passerelle",
                       NULL);
}

PsrDatabase *
psr_application_get_database (PsrApplication *self)
{
  g_return_val_if_fail (PSR_IS_APPLICATION (self), NULL);

  return self->database;
}

GSettings *
psr_application_get_settings (PsrApplication *self)
{
  g_return_val_if_fail (PSR_IS_APPLICATION (self), NULL);

  return self->settings;
}

static PsrWindow *
get_main_window (PsrApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return PSR_IS_WINDOW (window) ? PSR_WINDOW (window) : NULL;
}

static void
daily_backup_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PsrApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = psr_database_backup_file_finish (result, &error);
  PsrWindow *window;

  if (backup != NULL)
    {
      g_debug ("Daily backup written to %s", backup);
      return;
    }

  g_warning ("Daily backup failed: %s", error->message);
  window = get_main_window (self);
  if (window != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The daily backup failed: %s"),
                                                  error->message);

      psr_window_add_toast (window, adw_toast_new (message));
    }
}

/* Once the window has settled: copying a large database competes with
 * the first frames for the disk and the processor, even in a thread. A
 * start too short for it leaves it to the next. */
#define DAILY_BACKUP_DELAY_SECONDS 5

static gboolean
daily_backup_timeout_cb (gpointer user_data)
{
  PsrApplication *self = user_data;

  /* In a thread, on a connection of its own. */
  if (self->database != NULL
      && psr_database_needs_daily_backup (psr_database_get_path (self->database)))
    psr_database_backup_file_async (psr_database_get_path (self->database), NULL,
                                    daily_backup_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
show_main_window (PsrApplication *self)
{
  PsrWindow *window = psr_window_new (self, self->database);

  gtk_window_present (GTK_WINDOW (window));
  g_timeout_add_seconds_full (G_PRIORITY_LOW, DAILY_BACKUP_DELAY_SECONDS, daily_backup_timeout_cb,
                              g_object_ref (self), g_object_unref);
}

static void
open_other_file_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(PsrApplication) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_database (self, path);
    }

  gtk_native_dialog_destroy (chooser);
  g_application_release (G_APPLICATION (self));
}

static void
choose_other_file (PsrApplication *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open a Passerelle Database"), NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Passerelle databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "backup");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (open_other_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Newest first; a damaged backup is skipped, never restored. */
static gboolean
restore_latest_backup (const char  *path,
                       GError     **error)
{
  g_autoptr(GPtrArray) backups = psr_database_list_backups (path);

  for (guint i = 0; i < backups->len; i++)
    {
      g_clear_error (error);
      if (psr_database_restore (path, g_ptr_array_index (backups, i), error))
        return TRUE;
    }

  return FALSE;
}

static void open_error_response_cb (AdwMessageDialog *dialog,
                                    const char       *response,
                                    gpointer          user_data);

static void
show_open_error (PsrApplication *self,
                 const char     *path,
                 const GError   *error)
{
  g_autoptr(GPtrArray) backups = psr_database_list_backups (path);
  AdwMessageDialog *dialog;
  gboolean can_restore;

  can_restore = backups->len > 0 && !g_error_matches (error, PSR_ERROR, PSR_ERROR_BUSY)
                && !g_error_matches (error, PSR_ERROR, PSR_ERROR_TOO_NEW);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Your Data Could Not Be Opened"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, _("%s\n\nFile: %s"), error->message, path);
  adw_message_dialog_add_responses (dialog,
                                    "quit", _("_Quit"),
                                    "open", _("_Open Another File…"),
                                    NULL);
  adw_message_dialog_set_close_response (dialog, "quit");

  if (g_error_matches (error, PSR_ERROR, PSR_ERROR_BUSY))
    {
      adw_message_dialog_add_response (dialog, "retry", _("_Try Again"));
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }
  else if (can_restore)
    {
      adw_message_dialog_add_response (dialog, "restore", _("_Restore Latest Backup"));
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
    }

  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (open_error_response_cb), self);

  /* The dialog may be the only window: keep the application alive. */
  g_application_hold (G_APPLICATION (self));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  PsrApplication *self = user_data;
  g_autofree char *path = g_strdup (g_object_get_data (G_OBJECT (dialog), "path"));

  if (g_strcmp0 (response, "retry") == 0)
    {
      open_database (self, path);
    }
  else if (g_strcmp0 (response, "restore") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (restore_latest_backup (path, &error))
        open_database (self, path);
      else
        show_open_error (self, path, error);
    }
  else if (g_strcmp0 (response, "open") == 0)
    {
      choose_other_file (self);
    }

  g_application_release (G_APPLICATION (self));
}

static void
open_database (PsrApplication *self,
               const char     *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrDatabase) database = psr_database_open (path, &error);

  if (database == NULL)
    {
      g_warning ("Could not open %s: %s", path, error->message);
      show_open_error (self, path, error);
      return;
    }

  g_set_object (&self->database, database);
  show_main_window (self);
}

static void
psr_application_activate (GApplication *app)
{
  PsrApplication *self = PSR_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->database != NULL)
    {
      show_main_window (self);
      return;
    }

  if (self->database_path == NULL)
    {
      const char *override = g_getenv ("PASSERELLE_DATABASE");

      self->database_path = override != NULL && *override != '\0' ? g_strdup (override)
                                                                   : psr_database_default_path ();
    }

  open_database (self, self->database_path);
}

static int
psr_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  PsrApplication *self = PSR_APPLICATION (app);
  g_autofree char *database = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "Passerelle", PACKAGE_VERSION);
      return 0;
    }

  /* Another database is another instance: a running window keeps its own. */
  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      self->database_path = g_steal_pointer (&database);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  PsrApplication *self = user_data;
  static const char *developers[] = { "Universcience", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Passerelle"),
                        "application-icon", BASE_APPLICATION_ID,
                        "developer-name", "Universcience",
                        "version", PACKAGE_VERSION,
                        "website", "https://www.cite-sciences.fr/",
                        "copyright", "© 2026 Universcience",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line. */
                        "translator-credits", _("translator-credits"),
                        "release-notes-version", PACKAGE_VERSION,
                        "release-notes",
                        _("<p>The first release of Passerelle.</p>"
                          "<ul>"
                          "<li>The competency framework: browse, edit, reorder and archive it, "
                          "and exchange it with Moodle</li>"
                          "<li>Curricula and modules, with versions, the checks Qualiopi asks "
                          "for and the public course sheet</li>"
                          "<li>The scenario library, searched as you type, and packages of "
                          "scenarios to exchange between centers</li>"
                          "<li>An overview of the training offer, upcoming sessions and slots "
                          "waiting for their attendance</li>"
                          "<li>Sample data of the École de la médiation to explore the "
                          "application</li>"
                          "<li>Automatic daily backups, and a backup before every update of "
                          "the database</li>"
                          "<li>A command line tool for administrators and scripts</li>"
                          "</ul>"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  PsrApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  PsrPreferencesWindow *preferences = psr_preferences_window_new (self->settings);

  psr_preferences_window_set_database (preferences, self->database);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
psr_application_startup (GApplication *app)
{
  PsrApplication *self = PSR_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *trainee_space_accels[] = { "<Control><Shift>t", NULL };

  G_APPLICATION_CLASS (psr_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.trainee-space",
                                         trainee_space_accels);

  for (guint i = 0; i < PSR_WINDOW_N_PAGES; i++)
    {
      g_autofree char *accel = g_strdup_printf ("<Alt>%u", i + 1);
      g_autofree char *action = g_strdup_printf ("win.show-page('%s')", psr_window_page_names[i]);
      const char *accels[] = { accel, NULL };

      gtk_application_set_accels_for_action (GTK_APPLICATION (self), action, accels);
    }
}

static void
psr_application_finalize (GObject *object)
{
  PsrApplication *self = (PsrApplication *)object;

  g_clear_object (&self->settings);
  g_clear_object (&self->database);
  g_free (self->database_path);

  G_OBJECT_CLASS (psr_application_parent_class)->finalize (object);
}

static void
psr_application_class_init (PsrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = psr_application_finalize;
  app_class->activate = psr_application_activate;
  app_class->startup = psr_application_startup;
  app_class->handle_local_options = psr_application_handle_local_options;

  /* Registered here rather than by a constructor, which a static library
   * would leave out of the programs that link it. */
  psr_ui_register_resource ();
}

static void
psr_application_init (PsrApplication *self)
{
  static const GOptionEntry options[] = {
    { "database", 'd', G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of your own"), N_("PATH") },
    { "version", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
      N_("Show the version and quit"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (BASE_APPLICATION_ID);
  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), NULL);
}
