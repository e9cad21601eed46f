/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-competencies-page.h"
#include "psr-curricula-page.h"
#include "psr-overview-page.h"
#include "psr-quality-page.h"
#include "psr-sample.h"
#include "psr-scenarios-page.h"
#include "psr-sessions-page.h"
#include "psr-trainee-space.h"
#include "psr-trainees-page.h"
#include "psr-window.h"

struct _PsrWindow
{
  AdwApplicationWindow  parent_instance;

  PsrDatabase          *database;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar_list;
  GtkStack             *stack;
  AdwWindowTitle       *page_title;
  GtkWidget            *back_button;
  PsrOverviewPage      *overview_page;
  PsrCompetenciesPage  *competencies_page;
  PsrCurriculaPage     *curricula_page;
  PsrQualityPage       *quality_page;
  PsrScenariosPage     *scenarios_page;
  PsrSessionsPage      *sessions_page;
  PsrTraineesPage      *trainees_page;
};

G_DEFINE_FINAL_TYPE (PsrWindow, psr_window, ADW_TYPE_APPLICATION_WINDOW)

const char * const psr_window_page_names[PSR_WINDOW_N_PAGES] = {
  "overview", "sessions", "curricula", "scenarios", "trainees", "competencies", "quality",
};

PsrWindow *
psr_window_new (PsrApplication *application,
                PsrDatabase    *database)
{
  PsrWindow *self;

  g_return_val_if_fail (PSR_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PSR_IS_DATABASE (database), NULL);

  self = g_object_new (PSR_TYPE_WINDOW, "application", application, NULL);
  self->database = g_object_ref (database);
  self->settings = g_object_ref (psr_application_get_settings (application));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  psr_overview_page_set_database (self->overview_page, database);
  psr_competencies_page_set_database (self->competencies_page, database);
  psr_curricula_page_set_database (self->curricula_page, database);
  psr_quality_page_set_database (self->quality_page, database);
  psr_scenarios_page_set_database (self->scenarios_page, database);
  psr_sessions_page_set_database (self->sessions_page, database);
  psr_trainees_page_set_database (self->trainees_page, database);
  psr_window_show_page (self, g_settings_get_string (self->settings, "last-page"));
  /* Start on the content, not on the sidebar, when the window is narrow. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  return self;
}

static gboolean
is_page_name (const char *name)
{
  for (guint i = 0; i < PSR_WINDOW_N_PAGES; i++)
    if (g_strcmp0 (psr_window_page_names[i], name) == 0)
      return TRUE;

  return FALSE;
}

static void
select_sidebar_row (PsrWindow  *self,
                    const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (GTK_IS_LIST_BOX_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

/* The stack a page slides with from its list to the item opened, if it
 * opens items: the first that slides, outermost first. */
static GtkStack *
find_page_stack (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_STACK (child)
        && gtk_stack_get_transition_type (GTK_STACK (child))
             == GTK_STACK_TRANSITION_TYPE_SLIDE_LEFT_RIGHT)
      return GTK_STACK (child);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *stack = find_page_stack (child);

      if (stack != NULL)
        return stack;
    }

  return NULL;
}

/* On a narrow window, the way back to the list of pages shows on a page's
 * list, not over an item opened from it: that has its own way back, and
 * two back buttons one above the other would not say which goes where. */
static void
update_back_button (PsrWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->stack);
  GtkStack *stack = page != NULL ? find_page_stack (page) : NULL;
  gboolean item_open = stack != NULL
                       && gtk_stack_get_visible_child (stack)
                            != gtk_widget_get_first_child (GTK_WIDGET (stack));

  gtk_widget_set_visible (self->back_button, adw_leaflet_get_folded (self->leaflet) && !item_open);
}

void
psr_window_show_page (PsrWindow  *self,
                      const char *name)
{
  GtkStackPage *page;

  g_return_if_fail (PSR_IS_WINDOW (self));

  if (!is_page_name (name))
    name = psr_window_page_names[0];

  gtk_stack_set_visible_child_name (self->stack, name);
  page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));
  select_sidebar_row (self, name);

  /* Another page, or the command line, may have changed the data. */
  if (g_strcmp0 (name, "overview") == 0)
    psr_overview_page_reload (self->overview_page);
  else if (g_strcmp0 (name, "competencies") == 0)
    psr_competencies_page_reload (self->competencies_page);
  else if (g_strcmp0 (name, "curricula") == 0)
    psr_curricula_page_reload (self->curricula_page);
  else if (g_strcmp0 (name, "scenarios") == 0)
    psr_scenarios_page_reload (self->scenarios_page);
  else if (g_strcmp0 (name, "sessions") == 0)
    psr_sessions_page_reload (self->sessions_page);
  else if (g_strcmp0 (name, "trainees") == 0)
    psr_trainees_page_reload (self->trainees_page);
  else if (g_strcmp0 (name, "quality") == 0)
    psr_quality_page_reload (self->quality_page);
}

const char *
psr_window_get_page (PsrWindow *self)
{
  g_return_val_if_fail (PSR_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
psr_window_add_toast (PsrWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (PSR_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A toast in the window that holds @widget, if it is in one. */
void
psr_toast (GtkWidget  *widget,
           const char *message)
{
  GtkWidget *window = gtk_widget_get_ancestor (widget, PSR_TYPE_WINDOW);

  if (window != NULL)
    psr_window_add_toast (PSR_WINDOW (window), adw_toast_new (message));
}

/* A refusal of the store, read in a toast: not a fault of the program,
 * hence not a warning. */
void
psr_show_error (GtkWidget    *widget,
                const GError *error)
{
  g_debug ("%s", error->message);
  psr_toast (widget, error->message);
}

/* A message to read and close: for what a toast is too short to say, such
 * as the line of a file to fix. */
void
psr_show_message (GtkWidget  *widget,
                  const char *heading,
                  const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                              body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Cancel and one answer, the default, as most dialogs of the pages ask. */
void
psr_dialog_add_choice (AdwMessageDialog      *dialog,
                       const char            *response,
                       const char            *label,
                       AdwResponseAppearance  appearance)
{
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  if (appearance != ADW_RESPONSE_DESTRUCTIVE)
    adw_message_dialog_set_default_response (dialog, response);
  adw_message_dialog_set_close_response (dialog, "cancel");
}

typedef struct
{
  GtkWidget      *widget;
  AdwEntryRow    *row;
  PsrTextDone     done;
  gpointer        data;
  GDestroyNotify  destroy;
} TextQuestion;

static void
text_question_free (gpointer  data,
                    GClosure *closure)
{
  TextQuestion *question = data;

  if (question->destroy != NULL)
    question->destroy (question->data);
  g_object_unref (question->widget);
  g_free (question);
}

static void
text_question_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           TextQuestion     *question)
{
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "answer") != 0)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (question->row))));
  question->done (question->widget, text, question->data);
}

static void
text_question_changed_cb (AdwEntryRow      *row,
                          AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  adw_message_dialog_set_response_enabled (dialog, "answer", *text != '\0');
}

/* Asks for one line of text that may not be blank, such as the reason of a
 * cancellation, then calls @done with it. */
void
psr_ask_text (GtkWidget      *widget,
              const char     *heading,
              const char     *body,
              const char     *label,
              const char     *text,
              const char     *answer,
              PsrTextDone     done,
              gpointer        data,
              GDestroyNotify  destroy)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                              body);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();
  TextQuestion *question = g_new0 (TextQuestion, 1);

  question->widget = g_object_ref (widget);
  question->row = ADW_ENTRY_ROW (row);
  question->done = done;
  question->data = data;
  question->destroy = destroy;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 280, -1);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "answer", answer, ADW_RESPONSE_SUGGESTED);
  g_signal_connect (row, "changed", G_CALLBACK (text_question_changed_cb), dialog);
  text_question_changed_cb (ADW_ENTRY_ROW (row), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_data (dialog, "response", G_CALLBACK (text_question_response_cb), question,
                         text_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (row);
}

static void
sidebar_row_activated_cb (PsrWindow     *self,
                          GtkListBoxRow *row)
{
  psr_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PsrWindow *self = PSR_WINDOW (widget);

  psr_window_show_page (self, "sessions");
  psr_sessions_page_open (self->sessions_page, g_variant_get_int64 (parameter));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrWindow *self = PSR_WINDOW (widget);

  psr_window_show_page (self, g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (PSR_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
load_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrWindow *self = PSR_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();

  if (!psr_sample_load (self->database, today, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The sample data could not be loaded: %s"),
                                                  error->message);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      return;
    }

  psr_overview_page_reload (self->overview_page);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Sample data loaded")));
}

static void
backup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PsrWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = psr_database_backup_file_finish (result, &error);
  g_autofree char *message = NULL;

  if (backup == NULL)
    message = g_strdup_printf (_("The backup failed: %s"), error->message);
  else
    message = g_strdup (_("Backup saved beside your data"));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.backup", TRUE);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrWindow *self = PSR_WINDOW (widget);

  gtk_widget_action_set_enabled (widget, "win.backup", FALSE);
  psr_database_backup_file_async (psr_database_get_path (self->database), NULL, backup_cb,
                                  g_object_ref (self));
}

static void
trainee_space_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  psr_trainee_space_open (GTK_WINDOW (widget), PSR_WINDOW (widget)->database);
}

static gboolean
psr_window_close_request (GtkWindow *window)
{
  PsrWindow *self = PSR_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_string (self->settings, "last-page", psr_window_get_page (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (psr_window_parent_class)->close_request (window);
}

static void
psr_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_WINDOW);

  G_OBJECT_CLASS (psr_window_parent_class)->dispose (object);
}

static void
psr_window_finalize (GObject *object)
{
  PsrWindow *self = (PsrWindow *)object;

  g_clear_object (&self->database);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (psr_window_parent_class)->finalize (object);
}

static void
psr_window_class_init (PsrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = psr_window_dispose;
  object_class->finalize = psr_window_finalize;
  window_class->close_request = psr_window_close_request;

  g_type_ensure (PSR_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PSR_TYPE_COMPETENCIES_PAGE);
  g_type_ensure (PSR_TYPE_CURRICULA_PAGE);
  g_type_ensure (PSR_TYPE_QUALITY_PAGE);
  g_type_ensure (PSR_TYPE_SCENARIOS_PAGE);
  g_type_ensure (PSR_TYPE_SESSIONS_PAGE);
  g_type_ensure (PSR_TYPE_TRAINEES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/psr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, competencies_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, curricula_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, quality_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, scenarios_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, sessions_page);
  gtk_widget_class_bind_template_child (widget_class, PsrWindow, trainees_page);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-session", "x", open_session_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.load-sample", NULL, load_sample_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.trainee-space", NULL, trainee_space_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
psr_window_init (PsrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (update_back_button), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->stack, "notify::visible-child", G_CALLBACK (update_back_button),
                           self, G_CONNECT_SWAPPED);
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->stack)); page != NULL;
       page = gtk_widget_get_next_sibling (page))
    {
      GtkStack *stack = find_page_stack (page);

      if (stack != NULL)
        g_signal_connect_object (stack, "notify::visible-child", G_CALLBACK (update_back_button),
                                 self, G_CONNECT_SWAPPED);
    }
  update_back_button (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
