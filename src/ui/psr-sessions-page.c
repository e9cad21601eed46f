/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-application.h"
#include "psr-curricula.h"
#include "psr-curriculum.h"
#include "psr-format.h"
#include "psr-planning.h"
#include "psr-session-calendar.h"
#include "psr-session-editor.h"
#include "psr-session.h"
#include "psr-sessions-page.h"
#include "psr-sessions.h"
#include "psr-window.h"

/* The planning: upcoming and past sessions as lists that build only the
 * rows they show, the month and the week as calendars, and one session
 * at a time in the editor. */
struct _PsrSessionsPage
{
  AdwBin              parent_instance;

  PsrDatabase        *database;

  GtkSearchEntry     *search_entry;
  GtkToggleButton    *upcoming_button;
  GtkToggleButton    *past_button;
  GtkToggleButton    *month_button;
  GtkToggleButton    *week_button;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  PsrSessionCalendar *calendar;
  AdwStatusPage      *empty_page;
  PsrSessionEditor   *editor;
};

G_DEFINE_FINAL_TYPE (PsrSessionsPage, psr_sessions_page, ADW_TYPE_BIN)

static GtkStack *
get_stack (PsrSessionsPage *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *status = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), details);

  gtk_widget_set_name (warning, "conflicts");
  gtk_widget_set_valign (warning, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (warning, "warning");
  gtk_widget_set_visible (warning, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Conflicts"), -1);

  gtk_widget_set_valign (status, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_add_css_class (status, "session-status");

  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), warning);
  gtk_box_append (GTK_BOX (box), status);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_item_set_child (item, box);
}

/* The conflicts of a session, shown on its row as the session page lists
 * them: only for the rows on screen, each a few indexed queries. */
static void
show_conflicts (PsrSessionsPage *self,
                PsrSession      *session,
                GtkWidget       *warning)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GString) messages = g_string_new (NULL);

  conflicts = psr_session_list_conflicts (self->database, psr_record_get_id (PSR_RECORD (session)),
                                          NULL);
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      const PsrConflict *conflict = g_ptr_array_index (conflicts, i);

      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, conflict->message);
    }

  gtk_widget_set_visible (warning, messages->len > 0);
  gtk_widget_set_tooltip_text (warning, messages->len > 0 ? messages->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  messages->str, -1);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             PsrSessionsPage          *self)
{
  PsrSession *session = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *details = gtk_widget_get_next_sibling (title);
  GtkWidget *warning = gtk_widget_get_next_sibling (text);
  GtkWidget *status = gtk_widget_get_next_sibling (warning);
  g_autofree char *dates = NULL;
  g_autofree char *seats = NULL;
  g_autofree char *line = NULL;
  const char *place;
  int code;

  if (session == NULL)
    return;

  if (g_date_valid (psr_session_get_starts_on (session)))
    dates = psr_format_date_range (psr_session_get_starts_on (session),
                                   psr_session_get_ends_on (session));
  else
    dates = g_strdup (_("Not scheduled yet"));

  /* Translators: trainees enrolled in a session out of its seats. */
  seats = g_strdup_printf (ngettext ("%u of %u seat taken", "%u of %u seats taken",
                                     psr_session_get_capacity (session)),
                           psr_session_get_n_enrolled (session),
                           psr_session_get_capacity (session));
  place = psr_session_get_place (session);
  /* Translators: the dates of a session, where, and its seats, as in
   * "March 10 – 12, 2026 · Cité des sciences · 8 of 12 seats taken". */
  line = *place != '\0' ? g_strdup_printf (_("%s · %s · %s"), dates, place, seats)
                        : g_strdup_printf (_("%s · %s"), dates, seats);

  code = psr_session_status_from_code (psr_session_get_status (session));
  gtk_label_set_text (GTK_LABEL (title), psr_record_get_title (PSR_RECORD (session)));
  gtk_label_set_text (GTK_LABEL (details), line);
  gtk_label_set_text (GTK_LABEL (status), code >= 0 ? psr_session_status_label (code) : "");
  gtk_widget_remove_css_class (status, "dim-label");
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_add_css_class (status, code == PSR_SESSION_CANCELLED ? "error" : "dim-label");
  show_conflicts (self, session, warning);
}

void
psr_sessions_page_reload (PsrSessionsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sessions = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  const char *search;
  gboolean past;
  GDate today;

  g_return_if_fail (PSR_IS_SESSIONS_PAGE (self));

  if (self->database == NULL)
    return;

  if (gtk_toggle_button_get_active (self->month_button)
      || gtk_toggle_button_get_active (self->week_button))
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), FALSE);
      psr_session_calendar_set_mode (self->calendar,
                                     gtk_toggle_button_get_active (self->month_button)
                                       ? PSR_CALENDAR_MONTH
                                       : PSR_CALENDAR_WEEK);
      gtk_stack_set_visible_child_name (self->list_stack, "calendar");
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), TRUE);
  past = gtk_toggle_button_get_active (self->past_button);
  search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_date_set_time_t (&today, time (NULL));
  sessions = psr_planning_list_sessions (self->database,
                                         past ? PSR_PLANNING_PAST : PSR_PLANNING_UPCOMING,
                                         &today, search, &error);
  if (sessions == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  selection = gtk_no_selection_new (g_object_ref (sessions));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  adw_status_page_set_title (self->empty_page, past ? _("No Past Sessions")
                                                    : _("No Upcoming Sessions"));
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (sessions) > 0 ? "list"
                                    : *search != '\0'                       ? "no-results"
                                                                            : "empty");
}

void
psr_sessions_page_set_database (PsrSessionsPage *self,
                                PsrDatabase     *database)
{
  g_return_if_fail (PSR_IS_SESSIONS_PAGE (self));

  if (g_set_object (&self->database, database))
    {
      psr_session_editor_set_database (self->editor, database);
      psr_session_calendar_set_database (self->calendar, database);
      /* Loaded when shown (psr_window_show_page()): a start loads only the
       * page it opens on. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        psr_sessions_page_reload (self);
    }
}

void
psr_sessions_page_open (PsrSessionsPage *self,
                        gint64           session_id)
{
  g_return_if_fail (PSR_IS_SESSIONS_PAGE (self));

  psr_session_editor_load (self->editor, session_id);
  gtk_stack_set_visible_child_name (get_stack (self), "session");
}

static void
session_activated_cb (PsrSessionsPage *self,
                      guint            position)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (self->list_view));
  g_autoptr(PsrRecord) session = g_list_model_get_item (model, position);

  if (session != NULL)
    psr_sessions_page_open (self, psr_record_get_id (session));
}

static void
calendar_session_activated_cb (PsrSessionsPage *self,
                               gint64           session_id)
{
  psr_sessions_page_open (self, session_id);
}

static void
search_changed_cb (PsrSessionsPage *self)
{
  psr_sessions_page_reload (self);
}

static void
view_toggled_cb (PsrSessionsPage *self,
                 GtkToggleButton *button)
{
  /* Once for the button left, once for the one chosen. */
  if (gtk_toggle_button_get_active (button))
    psr_sessions_page_reload (self);
}

static void
editor_closed_cb (PsrSessionsPage *self)
{
  psr_sessions_page_reload (self);
  gtk_stack_set_visible_child_name (get_stack (self), "planning");
}

/* A new session ------------------------------------------------------------- */

static void
new_session_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PsrSessionsPage  *self)
{
  GtkDropDown *drop_down = g_object_get_data (G_OBJECT (dialog), "curricula");
  PsrRecord *curriculum = gtk_drop_down_get_selected_item (drop_down);
  GtkApplication *app;
  g_autoptr(GError) error = NULL;
  guint capacity;
  gint64 id;

  if (g_strcmp0 (response, "create") != 0 || curriculum == NULL)
    return;

  app = gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  capacity = g_settings_get_int (psr_application_get_settings (PSR_APPLICATION (app)),
                                 "default-capacity");
  id = psr_session_create (self->database, psr_record_get_id (curriculum), capacity, &error);
  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_sessions_page_open (self, id);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PsrSessionsPage *self = PSR_SESSIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) curricula = psr_curricula_list_latest (self->database, NULL, &error);
  g_autoptr(GtkExpression) title = NULL;
  GtkWidget *dialog, *drop_down;

  if (curricula == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (g_list_model_get_n_items (curricula) == 0)
    {
      psr_show_message (GTK_WIDGET (self), _("No Curriculum to Run"),
                        _("A session runs a curriculum. Create one on the Curricula page "
                          "first."));
      return;
    }

  title = gtk_property_expression_new (PSR_TYPE_RECORD, NULL, "title");
  drop_down = gtk_drop_down_new (g_object_ref (curricula), g_steal_pointer (&title));
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (drop_down), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Curriculum"), -1);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("New Session"),
                                   _("Choose the curriculum the session runs. You will then add "
                                     "its half-days, trainers and trainees."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), drop_down);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "create", _("C_reate"),
                         ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "curricula", drop_down);
  g_signal_connect (dialog, "response", G_CALLBACK (new_session_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
psr_sessions_page_dispose (GObject *object)
{
  PsrSessionsPage *self = (PsrSessionsPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_SESSIONS_PAGE);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_sessions_page_parent_class)->dispose (object);
}

static void
psr_sessions_page_class_init (PsrSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = psr_sessions_page_dispose;

  g_type_ensure (PSR_TYPE_SESSION_CALENDAR);
  g_type_ensure (PSR_TYPE_SESSION_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, upcoming_button);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, past_button);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, month_button);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, week_button);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, calendar);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, session_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_session_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_closed_cb);

  gtk_widget_class_install_action (widget_class, "sessions.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sessions.new",
                                       NULL);
}

static void
psr_sessions_page_init (PsrSessionsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}
