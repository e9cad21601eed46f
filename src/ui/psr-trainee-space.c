/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "psr-competencies.h"
#include "psr-curricula.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-locale-private.h"
#include "psr-lock.h"
#include "psr-markdown.h"
#include "psr-module.h"
#include "psr-people.h"
#include "psr-planning.h"
#include "psr-progress.h"
#include "psr-record.h"
#include "psr-rehearsal-player.h"
#include "psr-rows.h"
#include "psr-satisfaction.h"
#include "psr-scenarios.h"
#include "psr-session.h"
#include "psr-sessions.h"
#include "psr-signature-pad.h"
#include "psr-speaking.h"
#include "psr-translations.h"
#include "psr-trainee-space.h"
#include "psr-window.h"

typedef enum
{
  VIEW_EMPTY,
  VIEW_SESSIONS,
  VIEW_PICK,
  VIEW_HOME,
  VIEW_POSITIONING,
  VIEW_MODULES,
  VIEW_MODULE,
  VIEW_REHEARSALS,
  VIEW_SURVEY,
  VIEW_LOCK,
} View;

/* The application's actions that would leave the space. */
static const char * const guarded_actions[] = { "quit", "preferences" };

typedef struct
{
  PsrSurveyAnswer *answer;
  GtkToggleButton *ratings[5];
  GtkWidget       *comment;  /* AdwEntryRow or GtkTextView */
} SurveyItem;

struct _PsrTraineeSpace
{
  AdwApplicationWindow  parent_instance;

  PsrDatabase          *database;
  GDateTime            *now;
  GPtrArray            *sessions;     /* PsrSessionDetails of today */
  GPtrArray            *follow_ups;   /* PsrSessionDetails awaiting follow-up answers */
  PsrSessionDetails    *session;      /* the one chosen */
  gboolean              follow_up;    /* chosen for its follow-up survey */
  GPtrArray            *slots;        /* its PsrSlot */
  PsrEnrollment        *trainee;      /* who picked their name */
  char                 *language;     /* their preferred language, a code */
  PsrLocale            *locale;       /* its catalogue and formats; NULL: the interface's */
  gboolean              speaking;     /* whether it is pushed on this thread */
  View                  view;
  View                  view_before_lock;
  gint64                module_id;
  GPtrArray            *survey_items;
  GPtrArray            *disabled_actions;
  gboolean              filling;
  gboolean              checking;
  gboolean              unlocked;
  gint64                wait_until;   /* monotonic time, 0 when free */
  guint                 countdown_source;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkWidget            *back_button;
  GtkWidget            *leave_button;
  GtkStack             *stack;
  GtkListBox           *sessions_list;
  GtkListBox           *trainees_list;
  GtkLabel             *hello_label;
  GtkLabel             *home_session_label;
  GtkListBox           *home_list;
  GtkWidget            *done_button;
  GtkScrolledWindow    *detail_scrolled;
  GtkLabel             *detail_title;
  GtkLabel             *detail_description;
  GtkBox               *detail_box;
  AdwPasswordEntryRow  *passphrase_row;
  GtkLabel             *lock_message;
  GtkWidget            *unlock_button;
  GtkWidget            *lock_cancel_button;
};

G_DEFINE_FINAL_TYPE (PsrTraineeSpace, psr_trainee_space, ADW_TYPE_APPLICATION_WINDOW)

enum {
  UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The follow-up survey is offered from this many days after a session's
 * last day, until a year after it. */
#define FOLLOW_UP_FIRST_DAY 30
#define FOLLOW_UP_LAST_DAY  365

static void show_home (PsrTraineeSpace *self);
static void show_survey (PsrTraineeSpace *self,
                         PsrSurveyKind    kind);

/* Helpers ---------------------------------------------------------------------- */

static GDateTime *
get_now (PsrTraineeSpace *self)
{
  return self->now != NULL ? g_date_time_ref (self->now) : g_date_time_new_now_local ();
}

static void
get_today (PsrTraineeSpace *self,
           GDate           *today)
{
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GDateTime) local = g_date_time_to_local (now);

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
}

static GDateTime *
slot_instant (const PsrSlot *slot,
              guint          minutes)
{
  return g_date_time_new_local (g_date_get_year (&slot->day), g_date_get_month (&slot->day),
                                g_date_get_day (&slot->day), minutes / 60, minutes % 60, 0);
}

static int
compare_to_slot (GDateTime     *now,
                 const PsrSlot *slot,
                 guint          minutes)
{
  g_autoptr(GDateTime) instant = slot_instant (slot, minutes);

  return g_date_time_compare (now, instant);
}

static void
show_error (PsrTraineeSpace *self,
            const GError    *error)
{
  g_debug ("%s", error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
toast (PsrTraineeSpace *self,
       const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The trainee's language -------------------------------------------------------- */

/* Once a trainee has picked their name, everything the space shows them is
 * in their preferred language, whatever the interface's (psr-speaking.h):
 * what is built between speak_trainee_language() and
 * speak_interface_language(). The views of everybody (the sessions, the
 * names) and the trainer's (leaving) stay in the interface language. */
static void
speak_trainee_language (PsrTraineeSpace *self)
{
  if (!self->speaking)
    psr_speaking_begin (self->locale);
  self->speaking = TRUE;
}

static void
speak_interface_language (PsrTraineeSpace *self)
{
  if (self->speaking)
    psr_speaking_end (self->locale);
  self->speaking = FALSE;
}

static void
set_trainee (PsrTraineeSpace     *self,
             const PsrEnrollment *enrollment)
{
  g_autoptr(PsrPersonDetails) details = NULL;

  speak_interface_language (self);
  g_clear_pointer (&self->trainee, psr_enrollment_free);
  g_clear_object (&self->locale);
  g_clear_pointer (&self->language, g_free);
  if (enrollment == NULL)
    return;

  self->trainee = psr_enrollment_copy (enrollment);
  details = psr_person_get_details (self->database, enrollment->person_id, NULL);
  if (details != NULL && details->language != NULL && *details->language != '\0')
    {
      self->language = g_strdup (details->language);
      self->locale = psr_locale_new (details->language);
    }
}

static GtkTextDirection
get_trainee_direction (PsrTraineeSpace *self)
{
  return psr_speaking_get_direction (self->view != VIEW_LOCK ? self->locale : NULL);
}

/* After a view is built: laid out in the direction of its language. */
static void
update_direction (PsrTraineeSpace *self)
{
  psr_speaking_set_direction (GTK_WIDGET (self), get_trainee_direction (self));
}

static void
clear_detail (PsrTraineeSpace *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->detail_box))) != NULL)
    gtk_box_remove (self->detail_box, child);
  g_ptr_array_set_size (self->survey_items, 0);
}

static GtkWidget *
create_boxed_list (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  return list;
}

/* A row that opens something when activated: by its action, or by the
 * list's row-activated. */
static GtkWidget *
create_row (const char *name,
            const char *icon_name,
            const char *title,
            const char *subtitle,
            gboolean    opens)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_set_icon_name (ADW_ACTION_ROW (row), icon_name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), opens);
  if (opens)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

static void
set_row_done (GtkWidget *row)
{
  GtkWidget *check = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

  gtk_widget_add_css_class (check, "success");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
}

static GtkWidget *
create_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

/* The sessions and follow-up surveys a trainee chooses from. */
static guint
count_choices (PsrTraineeSpace *self)
{
  return (self->sessions != NULL ? self->sessions->len : 0)
         + (self->follow_ups != NULL ? self->follow_ups->len : 0);
}

static void
set_view (PsrTraineeSpace *self,
          View             view)
{
  static const char * const pages[] = {
    [VIEW_EMPTY] = "empty", [VIEW_SESSIONS] = "sessions", [VIEW_PICK] = "pick",
    [VIEW_HOME] = "home", [VIEW_POSITIONING] = "detail", [VIEW_MODULES] = "detail",
    [VIEW_MODULE] = "detail", [VIEW_REHEARSALS] = "detail", [VIEW_SURVEY] = "detail",
    [VIEW_LOCK] = "lock",
  };
  gboolean can_go_back = view > VIEW_HOME
                         || (view == VIEW_PICK && count_choices (self) > 1);

  self->view = view;
  gtk_widget_set_tooltip_text (self->back_button, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  gtk_widget_set_tooltip_text (self->leave_button, _("Leave Trainee Space"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->leave_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Leave Trainee Space"), -1);
  gtk_button_set_label (GTK_BUTTON (self->done_button), _("_Done"));
  gtk_widget_set_tooltip_text (self->done_button, _("Let the next trainee choose their name"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->home_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What to do"), -1);
  gtk_stack_set_visible_child_name (self->stack, pages[view]);
  gtk_widget_set_visible (self->back_button, can_go_back);
  gtk_widget_set_visible (self->leave_button, view != VIEW_LOCK && view != VIEW_EMPTY);

  if (self->session != NULL && view >= VIEW_PICK && view != VIEW_LOCK)
    {
      adw_window_title_set_title (self->window_title, self->session->display_title);
      adw_window_title_set_subtitle (self->window_title,
                                     self->trainee != NULL && view > VIEW_PICK
                                       ? self->trainee->display_name
                                       : _("Trainee Space"));
    }
  else
    {
      adw_window_title_set_title (self->window_title, _("Trainee Space"));
      adw_window_title_set_subtitle (self->window_title, NULL);
    }

  if (gtk_stack_get_visible_child (self->stack) == GTK_WIDGET (self->detail_scrolled))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->detail_scrolled), 0);
}

static void
set_detail (PsrTraineeSpace *self,
            View             view,
            const char      *title,
            const char      *description)
{
  clear_detail (self);
  gtk_label_set_text (self->detail_title, title);
  gtk_label_set_text (self->detail_description, description != NULL ? description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_description), description != NULL);
  set_view (self, view);
}

/* The half-day open for signing now, if any. */
static const PsrSlot *
find_open_slot (PsrTraineeSpace *self,
                GDateTime       *now)
{
  for (guint i = 0; self->slots != NULL && i < self->slots->len; i++)
    {
      const PsrSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GDateTime) early = NULL;
      g_autoptr(GDateTime) opens = slot_instant (slot, slot->starts_at);

      early = g_date_time_add_minutes (opens, -PSR_SIGNING_EARLY_MINUTES);
      if (g_date_time_compare (now, early) >= 0 && compare_to_slot (now, slot, slot->ends_at) <= 0)
        return slot;
    }

  return NULL;
}

static gboolean
is_last_day (PsrTraineeSpace *self)
{
  GDate today;

  if (self->session->status != PSR_SESSION_RUNNING && self->session->status != PSR_SESSION_DONE)
    return FALSE;
  if (!g_date_valid (&self->session->ends_on))
    return FALSE;

  get_today (self, &today);
  return g_date_compare (&today, &self->session->ends_on) >= 0;
}

/* Sessions of today ------------------------------------------------------------- */

static gboolean
add_session (PsrTraineeSpace *self,
             gint64           id,
             GError         **error)
{
  PsrSessionDetails *details;

  for (guint i = 0; i < self->sessions->len; i++)
    if (((PsrSessionDetails *) g_ptr_array_index (self->sessions, i))->id == id)
      return TRUE;

  details = psr_session_get_details (self->database, id, error);
  if (details == NULL)
    return FALSE;
  if (details->status == PSR_SESSION_CANCELLED)
    psr_session_details_free (details);
  else
    g_ptr_array_add (self->sessions, details);
  return TRUE;
}

/* The enrolled trainees of @session_id who have not answered its
 * follow-up survey, as PsrEnrollment; NULL on error. */
static GPtrArray *
list_follow_up_trainees (PsrTraineeSpace *self,
                         gint64           session_id,
                         GError         **error)
{
  g_autoptr(GPtrArray) enrollments = psr_session_list_enrollments (self->database, session_id,
                                                                   error);
  g_autoptr(GPtrArray) pending = NULL;

  if (enrollments == NULL)
    return NULL;

  pending = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_enrollment_free);
  for (guint i = 0; i < enrollments->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (enrollments, i);
      g_autoptr(GPtrArray) response = NULL;
      g_autoptr(GError) local_error = NULL;

      if (enrollment->status != PSR_ENROLLMENT_ENROLLED)
        continue;

      response = psr_survey_get_response (self->database, session_id, enrollment->person_id,
                                          PSR_SURVEY_FOLLOW_UP, &local_error);
      if (response != NULL)
        continue;
      if (!g_error_matches (local_error, PSR_ERROR, PSR_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_ptr_array_add (pending, psr_enrollment_copy (enrollment));
    }

  return g_steal_pointer (&pending);
}

/* The sessions done whose last day was FOLLOW_UP_FIRST_DAY to
 * FOLLOW_UP_LAST_DAY days ago, with trainees yet to answer the follow-up
 * survey. */
static gboolean
load_follow_ups (PsrTraineeSpace *self,
                 const GDate     *today,
                 GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  GDate first = *today, last = *today;

  g_date_subtract_days (&first, FOLLOW_UP_LAST_DAY);
  g_date_subtract_days (&last, FOLLOW_UP_FIRST_DAY);
  entries = psr_sessions_list_between (self->database, &first, &last, error);
  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      PsrCalendarEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(PsrSessionDetails) details = NULL;
      g_autoptr(GPtrArray) pending = NULL;
      gboolean known = FALSE;

      if (entry->status != PSR_SESSION_DONE)
        continue;
      for (guint j = 0; j < self->follow_ups->len && !known; j++)
        known = ((PsrSessionDetails *) g_ptr_array_index (self->follow_ups, j))->id
                == entry->session_id;
      if (known)
        continue;

      details = psr_session_get_details (self->database, entry->session_id, error);
      if (details == NULL)
        return FALSE;
      if (details->status != PSR_SESSION_DONE || !g_date_valid (&details->ends_on)
          || g_date_compare (&details->ends_on, &first) < 0
          || g_date_compare (&details->ends_on, &last) > 0)
        continue;

      pending = list_follow_up_trainees (self, details->id, error);
      if (pending == NULL)
        return FALSE;
      if (pending->len > 0)
        g_ptr_array_add (self->follow_ups, g_steal_pointer (&details));
    }

  return TRUE;
}

/* The sessions with a half-day today, then those marked running. */
static gboolean
load_sessions (PsrTraineeSpace *self,
               GError         **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GListModel) upcoming = NULL;
  GDate today;

  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_session_details_free);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  self->follow_ups = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_session_details_free);

  get_today (self, &today);
  entries = psr_sessions_list_between (self->database, &today, &today, error);
  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      PsrCalendarEntry *entry = g_ptr_array_index (entries, i);

      if (entry->status != PSR_SESSION_CANCELLED
          && !add_session (self, entry->session_id, error))
        return FALSE;
    }

  upcoming = psr_planning_list_sessions (self->database, PSR_PLANNING_UPCOMING, &today, NULL,
                                         error);
  if (upcoming == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (upcoming); i++)
    {
      g_autoptr(PsrSession) session = g_list_model_get_item (upcoming, i);

      if (g_strcmp0 (psr_session_get_status (session),
                     psr_session_status_to_code (PSR_SESSION_RUNNING)) == 0
          && !add_session (self, psr_record_get_id (PSR_RECORD (session)), error))
        return FALSE;
    }

  return load_follow_ups (self, &today, error);
}

static void
fill_trainees (PsrTraineeSpace *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrollments = self->follow_up
                                       ? list_follow_up_trainees (self, self->session->id, &error)
                                       : psr_session_list_enrollments (self->database,
                                                                       self->session->id, &error);

  psr_rows_clear (self->trainees_list);
  if (enrollments == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < enrollments->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (enrollments, i);
      GtkWidget *row, *avatar;

      if (enrollment->status != PSR_ENROLLMENT_ENROLLED)
        continue;

      row = create_row ("trainee", NULL, enrollment->display_name, NULL, TRUE);
      avatar = adw_avatar_new (48, enrollment->display_name, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (avatar), GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
      g_object_set_data_full (G_OBJECT (row), "enrollment", psr_enrollment_copy (enrollment),
                              (GDestroyNotify) psr_enrollment_free);
      gtk_list_box_append (self->trainees_list, row);
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->trainees_list)) == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nobody is enrolled in this session yet"));
      gtk_list_box_append (self->trainees_list, row);
    }
}

static void
show_pick (PsrTraineeSpace *self)
{
  set_trainee (self, NULL);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  fill_trainees (self);
  set_view (self, VIEW_PICK);
}

static void
choose_session (PsrTraineeSpace         *self,
                const PsrSessionDetails *session,
                gboolean                 follow_up)
{
  g_clear_pointer (&self->session, psr_session_details_free);
  self->session = psr_session_details_copy (session);
  self->follow_up = follow_up;
  show_pick (self);
}

static char *
describe_session (const PsrSessionDetails *session)
{
  g_autofree char *dates = NULL;

  if (!g_date_valid (&session->starts_on))
    return g_strdup (session->place);

  dates = psr_format_date_range (&session->starts_on, &session->ends_on);
  if (*session->room != '\0')
    /* Translators: a session's dates and room, as in "March 10 – 12, 2026 · Room 2". */
    return g_strdup_printf (_("%s · %s"), dates, session->room);
  return g_steal_pointer (&dates);
}

/* Back to the start: today's sessions, or the names of the only one. */
static void
show_start (PsrTraineeSpace *self)
{
  g_autoptr(GError) error = NULL;

  set_trainee (self, NULL);
  g_clear_pointer (&self->session, psr_session_details_free);
  self->follow_up = FALSE;
  clear_detail (self);

  if (!load_sessions (self, &error))
    {
      show_error (self, error);
      g_clear_pointer (&self->sessions, g_ptr_array_unref);
      self->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_session_details_free);
      g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
      self->follow_ups = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_session_details_free);
    }

  psr_rows_clear (self->sessions_list);
  if (count_choices (self) == 0)
    {
      set_view (self, VIEW_EMPTY);
      return;
    }
  if (self->sessions->len == 1 && self->follow_ups->len == 0)
    {
      choose_session (self, g_ptr_array_index (self->sessions, 0), FALSE);
      return;
    }

  for (guint i = 0; i < self->sessions->len; i++)
    {
      PsrSessionDetails *session = g_ptr_array_index (self->sessions, i);
      g_autofree char *subtitle = describe_session (session);
      GtkWidget *row = create_row ("session", "x-office-calendar-symbolic",
                                   session->display_title, subtitle, TRUE);

      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->sessions_list, row);
    }
  for (guint i = 0; i < self->follow_ups->len; i++)
    {
      PsrSessionDetails *session = g_ptr_array_index (self->follow_ups, i);
      g_autofree char *dates = describe_session (session);
      /* Translators: a row of the trainee space offering a past session's
       * follow-up survey: "Follow-up survey · March 10 – 12, 2026 · Room 2". */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"),
                                                   psr_survey_kind_label (PSR_SURVEY_FOLLOW_UP),
                                                   dates);
      GtkWidget *row = create_row ("follow-up", "emblem-favorite-symbolic",
                                   session->display_title, subtitle, TRUE);

      g_object_set_data (G_OBJECT (row), "index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (row), "follow-up", GINT_TO_POINTER (TRUE));
      gtk_list_box_append (self->sessions_list, row);
    }
  set_view (self, VIEW_SESSIONS);
}

static void
session_activated_cb (PsrTraineeSpace *self,
                      GtkListBoxRow   *row)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "index"));
  gboolean follow_up = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "follow-up"));
  GPtrArray *sessions = follow_up ? self->follow_ups : self->sessions;

  if (sessions != NULL && index < sessions->len)
    choose_session (self, g_ptr_array_index (sessions, index), follow_up);
}

static void
trainee_activated_cb (PsrTraineeSpace *self,
                      GtkListBoxRow   *row)
{
  PsrEnrollment *enrollment = g_object_get_data (G_OBJECT (row), "enrollment");
  g_autoptr(GError) error = NULL;

  if (enrollment == NULL)
    return;

  set_trainee (self, enrollment);
  speak_trainee_language (self);
  if (self->follow_up)
    {
      /* A past session: its follow-up survey is all there is to do. */
      show_survey (self, PSR_SURVEY_FOLLOW_UP);
    }
  else
    {
      g_clear_pointer (&self->slots, g_ptr_array_unref);
      self->slots = psr_session_list_slots (self->database, self->session->id, &error);
      if (self->slots == NULL)
        show_error (self, error);
      show_home (self);
    }
  speak_interface_language (self);
  update_direction (self);
}

/* Home ------------------------------------------------------------------------- */

/* The trainee's signature of @slot, NULL when they did not sign it. */
static PsrSignature *
find_signature (PsrTraineeSpace *self,
                const PsrSlot   *slot)
{
  g_autoptr(GPtrArray) signatures = psr_slot_list_signatures (self->database, slot->id, NULL);

  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      PsrSignature *signature = g_ptr_array_index (signatures, i);

      if (signature->role == PSR_SIGNATURE_TRAINEE
          && signature->person_id == self->trainee->person_id)
        return psr_signature_copy (signature);
    }

  return NULL;
}

static char *
describe_slot (const PsrSlot *slot)
{
  g_autofree char *date = psr_format_date (&slot->day);
  g_autofree char *starts = psr_format_time (slot->starts_at);
  g_autofree char *ends = psr_format_time (slot->ends_at);

  /* Translators: a half-day, as in "March 10, 2026 · Morning · 09:00 – 12:30". */
  return g_strdup_printf (_("%s · %s · %s – %s"), date, psr_period_label (slot->period), starts,
                          ends);
}

static void
add_sign_row (PsrTraineeSpace *self,
              GDateTime       *now)
{
  const PsrSlot *slot = find_open_slot (self, now);
  g_autoptr(PsrSignature) signature = NULL;
  g_autofree char *when = NULL;
  GtkWidget *row;

  if (slot == NULL)
    return;

  when = describe_slot (slot);
  signature = find_signature (self, slot);
  if (signature == NULL)
    {
      row = create_row ("sign-row", "document-edit-symbolic",
                        slot->period == PSR_PERIOD_MORNING ? _("Sign for This Morning")
                                                           : _("Sign for This Afternoon"),
                        when, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.sign");
    }
  else
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (signature->signed_at);
      g_autofree char *time = psr_format_time (g_date_time_get_hour (local) * 60
                                               + g_date_time_get_minute (local));
      /* Translators: when the trainee signed the half-day, as in "Signed at 09:12". */
      g_autofree char *signed_at = g_strdup_printf (_("Signed at %s"), time);

      row = create_row ("sign-row", "document-edit-symbolic", signed_at, when, FALSE);
      set_row_done (row);
    }
  gtk_list_box_append (self->home_list, row);
}

typedef enum
{
  MOMENT_NONE = -1,
  MOMENT_BEFORE = PSR_MOMENT_BEFORE,
  MOMENT_AFTER = PSR_MOMENT_AFTER,
} Moment;

/* How many competencies the trainee rated themself on at @moment. */
static guint
count_own_ratings (PsrTraineeSpace *self,
                   PsrMoment        moment,
                   guint           *n_competencies)
{
  g_autoptr(GPtrArray) rows = psr_session_list_positionings (self->database, self->session->id,
                                                             self->trainee->person_id, NULL);
  guint n_rated = 0;

  *n_competencies = rows != NULL ? rows->len : 0;
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      PsrPositioningRow *row = g_ptr_array_index (rows, i);

      n_rated += row->ratings[moment][PSR_RATER_TRAINEE].level_id != 0;
    }

  return n_rated;
}

/* See the rule in psr-trainee-space.h. */
static Moment
current_moment (PsrTraineeSpace *self,
                GDateTime       *now)
{
  const PsrSlot *first, *last;
  gboolean before, after;
  guint n_competencies, n_rated;

  if (self->slots == NULL || self->slots->len == 0)
    return MOMENT_BEFORE;

  first = g_ptr_array_index (self->slots, 0);
  last = g_ptr_array_index (self->slots, self->slots->len - 1);
  before = compare_to_slot (now, first, first->ends_at) < 0;
  after = compare_to_slot (now, last, last->starts_at) >= 0;

  if (before && after)
    {
      n_rated = count_own_ratings (self, PSR_MOMENT_BEFORE, &n_competencies);
      return n_rated < n_competencies ? MOMENT_BEFORE : MOMENT_AFTER;
    }
  if (before)
    return MOMENT_BEFORE;
  if (after)
    return MOMENT_AFTER;
  return MOMENT_NONE;
}

static void
add_positioning_row (PsrTraineeSpace *self,
                     GDateTime       *now)
{
  Moment moment = current_moment (self, now);
  g_autofree char *subtitle = NULL;
  guint n_competencies, n_rated;
  GtkWidget *row;

  n_rated = count_own_ratings (self, moment == MOMENT_AFTER ? PSR_MOMENT_AFTER : PSR_MOMENT_BEFORE,
                               &n_competencies);
  if (n_competencies == 0)
    return;

  if (moment == MOMENT_NONE)
    {
      row = create_row ("positioning-row", "starred-symbolic", _("Position Myself"),
                        _("You will position yourself again on the last day of the session"),
                        FALSE);
      gtk_list_box_append (self->home_list, row);
      return;
    }

  /* Translators: how many competencies the trainee rated, as in "Before
   * the session: 2 of 5 competencies rated". */
  subtitle = g_strdup_printf (moment == MOMENT_BEFORE
                                ? ngettext ("Before the session: %u of %u competency rated",
                                            "Before the session: %u of %u competencies rated",
                                            n_competencies)
                                : ngettext ("After the session: %u of %u competency rated",
                                            "After the session: %u of %u competencies rated",
                                            n_competencies),
                              n_rated, n_competencies);
  row = create_row ("positioning-row", "starred-symbolic", _("Position Myself"), subtitle,
                    TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.positioning");
  gtk_list_box_append (self->home_list, row);
}

static void
add_modules_row (PsrTraineeSpace *self)
{
  g_autoptr(GPtrArray) modules = psr_person_list_module_progress (self->database,
                                                                 self->trainee->person_id,
                                                                 self->session->curriculum_id,
                                                                 NULL);
  g_autofree char *subtitle = NULL;
  guint n_completed = 0;
  GtkWidget *row;

  if (modules == NULL || modules->len == 0)
    return;

  for (guint i = 0; i < modules->len; i++)
    n_completed += ((PsrModuleProgress *) g_ptr_array_index (modules, i))->status
                   == PSR_PROGRESS_COMPLETED;

  /* Translators: as in "2 of 6 modules completed". */
  subtitle = g_strdup_printf (ngettext ("%u of %u module completed",
                                        "%u of %u modules completed", modules->len),
                              n_completed, modules->len);
  row = create_row ("modules-row", "accessories-dictionary-symbolic", _("My Modules"), subtitle,
                    TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.modules");
  gtk_list_box_append (self->home_list, row);
}

/* Content in the trainee's language --------------------------------------------- */

/* The trainee's preferred language; NULL when it cannot be read. */
static char *
get_trainee_language (PsrTraineeSpace *self)
{
  return g_strdup (self->language);
}

/* What to show of a field of a module, a scenario or a competency (@kind,
 * @uuid): its translation into @language, or else its original text. When
 * it is the original in another language, *@shown_in (if still NULL)
 * becomes the original language, for the page to say so. */
static char *
translate_field (PsrTraineeSpace  *self,
                 const char       *language,
                 const char       *uuid,
                 const char       *kind,
                 const char       *field,
                 const char       *original,
                 char            **shown_in)
{
  gboolean is_fallback = FALSE;
  char *text;

  if (language == NULL || original == NULL || *original == '\0')
    return g_strdup (original);

  text = psr_translation_resolve (self->database, kind, uuid, field, language, &is_fallback, NULL);
  if (text == NULL)
    return g_strdup (original);
  if (is_fallback && *shown_in == NULL)
    *shown_in = psr_translation_get_original_language (self->database, kind, uuid, NULL);
  return text;
}

/* Once on a page, when some of its content is not translated. */
static void
add_translation_note (PsrTraineeSpace *self,
                      const char      *language,
                      const char      *shown_in)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (language == NULL || shown_in == NULL)
    return;

  /* Translators: on a page of the trainee space; the first %s is the
   * trainee's language, the second the original one ("French"). */
  text = g_strdup_printf (_("Not translated into %s yet: shown in %s"),
                          psr_language_label (language), psr_language_label (shown_in));
  label = gtk_label_new (text);
  gtk_widget_set_name (label, "translation-note");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (self->detail_box, label);
}

typedef struct
{
  gint64  scenario_id;
  char   *title;
  char   *module;
  char   *shown_in;     /* the original language when not translated */
} Rehearsal;

static void
rehearsal_free (Rehearsal *rehearsal)
{
  g_free (rehearsal->title);
  g_free (rehearsal->module);
  g_free (rehearsal->shown_in);
  g_free (rehearsal);
}

/* The scenarios with a rehearsal of the curriculum's modules, each once. */
static GPtrArray *
list_rehearsals (PsrTraineeSpace  *self,
                 GError          **error)
{
  g_autoptr(GPtrArray) rehearsals = g_ptr_array_new_with_free_func ((GDestroyNotify) rehearsal_free);
  g_autoptr(GListModel) modules = psr_curriculum_list_modules (self->database,
                                                              self->session->curriculum_id,
                                                              error);
  g_autofree char *language = get_trainee_language (self);

  if (modules == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(PsrRecord) module = g_list_model_get_item (modules, i);
      g_autoptr(GListModel) scenarios = psr_module_list_scenarios (self->database,
                                                                   psr_record_get_id (module),
                                                                   error);

      if (scenarios == NULL)
        return NULL;

      for (guint j = 0; j < g_list_model_get_n_items (scenarios); j++)
        {
          g_autoptr(PsrRecord) scenario = g_list_model_get_item (scenarios, j);
          gint64 id = psr_record_get_id (scenario);
          guint n_situations = 0, n_endings = 0;
          gboolean seen = FALSE;
          Rehearsal *rehearsal;

          for (guint k = 0; k < rehearsals->len; k++)
            seen |= ((Rehearsal *) g_ptr_array_index (rehearsals, k))->scenario_id == id;
          if (seen)
            continue;
          if (!psr_scenario_count_rehearsal (self->database, id, &n_situations, &n_endings, error))
            return NULL;
          if (n_situations == 0)
            continue;

          rehearsal = g_new0 (Rehearsal, 1);
          rehearsal->scenario_id = id;
          rehearsal->title = translate_field (self, language, psr_record_get_uuid (scenario),
                                              "scenario", "title",
                                              psr_record_get_title (scenario),
                                              &rehearsal->shown_in);
          rehearsal->module = translate_field (self, language, psr_record_get_uuid (module),
                                               "module", "title", psr_record_get_title (module),
                                               &rehearsal->shown_in);
          g_ptr_array_add (rehearsals, rehearsal);
        }
    }

  return g_steal_pointer (&rehearsals);
}

static void
add_rehearsals_row (PsrTraineeSpace *self)
{
  g_autoptr(GPtrArray) rehearsals = list_rehearsals (self, NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *row;

  if (rehearsals == NULL || rehearsals->len == 0)
    return;

  /* Translators: as in "3 rehearsals to play". */
  subtitle = g_strdup_printf (ngettext ("%u rehearsal to play",
                                        "%u rehearsals to play", rehearsals->len),
                              rehearsals->len);
  row = create_row ("rehearsals-row", "media-playback-start-symbolic", _("Rehearsals"), subtitle,
                    TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.rehearsals");
  gtk_list_box_append (self->home_list, row);
}

static void
add_survey_row (PsrTraineeSpace *self)
{
  g_autoptr(GPtrArray) response = NULL;
  GtkWidget *row;

  if (!is_last_day (self))
    return;

  response = psr_survey_get_response (self->database, self->session->id,
                                      self->trainee->person_id, PSR_SURVEY_END, NULL);
  row = create_row ("survey-row", "emblem-favorite-symbolic", _("Satisfaction Survey"),
                    response != NULL ? _("Answered, thank you. You can still change your answers.")
                                     : _("Tell us what you thought of the training"),
                    TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.survey");
  gtk_list_box_append (self->home_list, row);
}

static void
show_home (PsrTraineeSpace *self)
{
  g_autoptr(GDateTime) now = get_now (self);
  g_autofree char *hello = NULL;
  g_autofree char *date = NULL;
  GtkWidget *first;
  GDate today;

  if (self->trainee == NULL)
    {
      show_start (self);
      return;
    }

  clear_detail (self);
  psr_rows_clear (self->home_list);
  /* Translators: the welcome of the trainee's home, with their name. */
  hello = g_strdup_printf (_("Hello, %s"), self->trainee->display_name);
  gtk_label_set_text (self->hello_label, hello);
  get_today (self, &today);
  date = psr_format_date (&today);
  gtk_label_set_text (self->home_session_label, date);

  add_sign_row (self, now);
  add_positioning_row (self, now);
  add_modules_row (self);
  add_rehearsals_row (self);
  add_survey_row (self);

  first = gtk_widget_get_first_child (GTK_WIDGET (self->home_list));
  gtk_widget_set_visible (GTK_WIDGET (self->home_list), first != NULL);
  set_view (self, VIEW_HOME);
  gtk_widget_grab_focus (first != NULL && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (first))
                           ? first
                           : self->done_button);
}

/* Signing ------------------------------------------------------------------------ */

typedef struct
{
  PsrTraineeSpace  *space;
  gint64            slot_id;
  PsrSignaturePad  *pad;
  AdwMessageDialog *dialog;
} Signing;

static void
signing_free (gpointer  data,
              GClosure *closure)
{
  Signing *signing = data;

  g_object_unref (signing->space);
  g_free (signing);
}

static void
signing_update (Signing *signing)
{
  adw_message_dialog_set_response_enabled (signing->dialog, "sign",
                                           !psr_signature_pad_is_empty (signing->pad));
}

static void
signing_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Signing          *signing)
{
  PsrTraineeSpace *self = signing->space;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "sign") != 0 || self->trainee == NULL)
    return;

  speak_trainee_language (self);
  if (psr_slot_sign (self->database, signing->slot_id, self->trainee->person_id,
                     PSR_SIGNATURE_TRAINEE, psr_signature_pad_get_strokes (signing->pad), NULL,
                     self->now, &error) == 0)
    show_error (self, error);
  else
    toast (self, _("Signed"));
  show_home (self);
  speak_interface_language (self);
  update_direction (self);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  g_autoptr(GDateTime) now = get_now (self);
  const PsrSlot *slot = self->trainee != NULL ? find_open_slot (self, now) : NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *box, *clear;
  Signing *signing;
  int width, height;

  if (slot == NULL)
    {
      show_home (self);
      return;
    }

  signing = g_new0 (Signing, 1);
  signing->space = g_object_ref (self);
  signing->slot_id = slot->id;
  signing->pad = PSR_SIGNATURE_PAD (psr_signature_pad_new ());

  when = describe_slot (slot);
  /* Translators: who signs, and which half-day, as in "Amina Benali\nTuesday,
   * March 10 · Morning · 09:00 – 12:30". */
  body = g_strdup_printf (_("%s\n%s"), self->trainee->display_name, when);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Sign"), body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (signing->pad));
  /* A button of the dialog would close it: clearing starts again. */
  clear = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_widget_add_css_class (clear, "flat");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (psr_signature_pad_clear), signing->pad);
  gtk_box_append (GTK_BOX (box), clear);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "sign",
                                    _("_Sign"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  signing->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_swapped (signing->pad, "notify::empty", G_CALLBACK (signing_update), signing);
  g_signal_connect_data (dialog, "response", G_CALLBACK (signing_response_cb), signing,
                         signing_free, 0);
  signing_update (signing);
  /* Room to sign, but no wider than the space on a narrow screen. */
  width = gtk_widget_get_width (widget);
  if (width <= 0)
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (dialog), width > 0 ? CLAMP (width, 300, 560) : 560,
                               -1);
  psr_speaking_set_direction (dialog, get_trainee_direction (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Positioning -------------------------------------------------------------------- */

static void
level_selected_cb (AdwComboRow     *row,
                   GParamSpec      *pspec,
                   PsrTraineeSpace *self)
{
  GPtrArray *levels = g_object_get_data (G_OBJECT (row), "levels");
  gint64 competency_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "competency"));
  PsrMoment moment = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "moment"));
  guint selected = adw_combo_row_get_selected (row);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->filling || self->trainee == NULL)
    return;

  speak_trainee_language (self);
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    ok = psr_positioning_clear (self->database, self->session->id, self->trainee->person_id,
                                competency_id, moment, PSR_RATER_TRAINEE, &error);
  else
    ok = psr_positioning_set (self->database, self->session->id, self->trainee->person_id,
                              competency_id, moment, PSR_RATER_TRAINEE, 0,
                              ((PsrScaleLevel *) g_ptr_array_index (levels, selected - 1))->id,
                              self->now, &error);
  if (!ok)
    show_error (self, error);
  speak_interface_language (self);
}

static void
positioning_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) competencies = NULL;
  g_autoptr(GPtrArray) levels = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *language = NULL;
  g_autofree char *shown_in = NULL;
  Moment moment;
  GtkWidget *list;

  if (self->trainee == NULL)
    return;

  moment = current_moment (self, now);
  competencies = psr_session_list_positioning_competencies (self->database, self->session->id,
                                                            &error);
  if (competencies != NULL)
    levels = psr_session_list_positioning_levels (self->database, self->session->id, &error);
  if (levels != NULL)
    rows = psr_session_list_positionings (self->database, self->session->id,
                                          self->trainee->person_id, &error);
  if (rows == NULL || moment == MOMENT_NONE)
    {
      if (error != NULL)
        show_error (self, error);
      show_home (self);
      return;
    }

  language = get_trainee_language (self);
  for (guint i = 0; i < competencies->len; i++)
    {
      PsrPositioningCompetency *competency = g_ptr_array_index (competencies, i);
      char *title = translate_field (self, language, competency->uuid, "competency", "title",
                                     competency->title, &shown_in);

      g_free (competency->title);
      competency->title = title;
    }

  set_detail (self, VIEW_POSITIONING, _("Position Myself"),
              moment == MOMENT_BEFORE
                ? _("Before the session: how well do you master each competency today? There is "
                    "no wrong answer.")
                : _("After the session: how well do you master each competency now? There is no "
                    "wrong answer."));
  add_translation_note (self, language, shown_in);

  gtk_string_list_append (names, _("Not rated"));
  for (guint i = 0; i < levels->len; i++)
    gtk_string_list_append (names, ((PsrScaleLevel *) g_ptr_array_index (levels, i))->name);

  list = create_boxed_list (_("Competencies"));
  self->filling = TRUE;
  for (guint i = 0; i < competencies->len; i++)
    {
      PsrPositioningCompetency *competency = g_ptr_array_index (competencies, i);
      g_autofree char *title = *competency->code != '\0'
                                 ? g_strdup_printf ("%s %s", competency->code, competency->title)
                                 : g_strdup (competency->title);
      GtkWidget *row = adw_combo_row_new ();
      guint selected = 0;

      for (guint j = 0; j < rows->len; j++)
        {
          PsrPositioningRow *positioning = g_ptr_array_index (rows, j);
          gint64 level_id = positioning->ratings[moment][PSR_RATER_TRAINEE].level_id;

          if (positioning->competency_id != competency->id || level_id == 0)
            continue;
          for (guint k = 0; k < levels->len; k++)
            if (((PsrScaleLevel *) g_ptr_array_index (levels, k))->id == level_id)
              selected = k + 1;
        }

      gtk_widget_set_name (row, "competency");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* The level under the competency: long names stay readable on a
       * narrow window. */
      adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (row), TRUE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_object_set_data_full (G_OBJECT (row), "levels", g_ptr_array_ref (levels),
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data (G_OBJECT (row), "competency", GSIZE_TO_POINTER (competency->id));
      g_object_set_data (G_OBJECT (row), "moment", GINT_TO_POINTER (moment));
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (level_selected_cb), self, 0);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  self->filling = FALSE;

  gtk_box_append (self->detail_box, list);
  if (gtk_widget_get_first_child (list) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (list));
}

/* Modules ----------------------------------------------------------------------- */

static char *
describe_progress (const PsrModuleProgress *progress)
{
  if (progress->status == PSR_PROGRESS_COMPLETED && progress->completed_at != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (progress->completed_at);
      g_autofree char *day = NULL;
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                      g_date_time_get_year (local));
      day = psr_format_date (&date);
      /* Translators: as in "Completed on March 10, 2026". */
      return g_strdup_printf (_("Completed on %s"), day);
    }

  return g_strdup (psr_progress_status_label (progress->status));
}

static void
modules_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *language = NULL;
  g_autofree char *shown_in = NULL;
  GtkWidget *list;

  if (self->trainee == NULL)
    return;

  language = get_trainee_language (self);
  modules = psr_person_list_module_progress (self->database, self->trainee->person_id,
                                             self->session->curriculum_id, &error);
  if (modules == NULL)
    {
      show_error (self, error);
      return;
    }

  for (guint i = 0; i < modules->len; i++)
    {
      PsrModuleProgress *progress = g_ptr_array_index (modules, i);
      g_autoptr(PsrRecord) module = psr_record_load (self->database, PSR_TYPE_MODULE,
                                                     progress->module_id, NULL);

      g_ptr_array_add (titles, module == NULL
                                 ? g_strdup (progress->title)
                                 : translate_field (self, language, psr_record_get_uuid (module),
                                                    "module", "title", progress->title,
                                                    &shown_in));
    }

  set_detail (self, VIEW_MODULES, _("My Modules"),
              _("Read each module, then say where you stand."));
  add_translation_note (self, language, shown_in);
  list = create_boxed_list (_("Modules"));
  for (guint i = 0; i < modules->len; i++)
    {
      PsrModuleProgress *progress = g_ptr_array_index (modules, i);
      g_autofree char *status = describe_progress (progress);
      /* Translators: a module's number and title, as in "2. Welcoming a group". */
      g_autofree char *title = g_strdup_printf (_("%u. %s"), progress->position + 1,
                                                (const char *) g_ptr_array_index (titles, i));
      GtkWidget *row = create_row ("module", progress->status == PSR_PROGRESS_COMPLETED
                                               ? "emblem-ok-symbolic"
                                               : "accessories-dictionary-symbolic",
                                   title, status, TRUE);

      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.open-module");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", progress->module_id);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->detail_box, list);
  if (gtk_widget_get_first_child (list) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (list));
}

static GtkWidget *
create_markdown (const char *markdown)
{
  g_autofree char *markup = psr_markdown_to_pango (markdown);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "trainee-reading");
  return label;
}

static void
add_section (PsrTraineeSpace *self,
             const char      *title,
             const char      *markdown)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = create_heading (title);

  gtk_widget_remove_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "title-2");
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), create_markdown (markdown));
  gtk_box_append (self->detail_box, box);
}

static void open_module (PsrTraineeSpace *self,
                         gint64           module_id);

static void
set_progress_clicked_cb (GtkButton       *button,
                         PsrTraineeSpace *self)
{
  PsrProgressStatus status = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "status"));
  g_autoptr(GError) error = NULL;

  if (self->trainee == NULL)
    return;

  speak_trainee_language (self);
  if (!psr_module_progress_set (self->database, self->trainee->person_id, self->module_id, status,
                                NULL, self->now, &error))
    show_error (self, error);
  else
    toast (self, status == PSR_PROGRESS_COMPLETED ? _("Module completed") : _("Module in progress"));
  open_module (self, self->module_id);
  speak_interface_language (self);
  update_direction (self);
}

static GtkWidget *
create_progress_button (PsrTraineeSpace   *self,
                        const char        *name,
                        const char        *label,
                        PsrProgressStatus  status,
                        gboolean           suggested)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "pill");
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data (G_OBJECT (button), "status", GINT_TO_POINTER (status));
  g_signal_connect_object (button, "clicked", G_CALLBACK (set_progress_clicked_cb), self, 0);
  return button;
}

static void
open_module (PsrTraineeSpace *self,
             gint64           module_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  g_autoptr(PsrRecord) module = NULL;
  g_autofree char *status = NULL;
  g_autofree char *description = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *language = NULL;
  g_autofree char *shown_in = NULL;
  g_autofree char *title = NULL;
  g_autofree char *objectives = NULL;
  g_autofree char *content = NULL;
  const PsrModuleProgress *progress = NULL;
  const char *uuid;
  GtkWidget *buttons;

  modules = psr_person_list_module_progress (self->database, self->trainee->person_id,
                                             self->session->curriculum_id, &error);
  if (modules != NULL)
    module = psr_record_load (self->database, PSR_TYPE_MODULE, module_id, &error);
  if (module == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < modules->len; i++)
    if (((PsrModuleProgress *) g_ptr_array_index (modules, i))->module_id == module_id)
      progress = g_ptr_array_index (modules, i);
  if (progress == NULL)
    return;

  self->module_id = module_id;
  status = describe_progress (progress);
  hours = psr_format_hours (progress->duration_hours);
  /* Translators: a module's status and planned duration, as in "In progress · 3 h". */
  description = g_strdup_printf (_("%s · %s"), status, hours);
  language = get_trainee_language (self);
  uuid = psr_record_get_uuid (module);
  title = translate_field (self, language, uuid, "module", "title", psr_record_get_title (module),
                           &shown_in);
  objectives = translate_field (self, language, uuid, "module", "objectives",
                                psr_module_get_objectives (PSR_MODULE (module)), &shown_in);
  content = translate_field (self, language, uuid, "module", "content",
                             psr_module_get_content (PSR_MODULE (module)), &shown_in);
  set_detail (self, VIEW_MODULE, title, description);
  add_translation_note (self, language, shown_in);

  if (objectives != NULL && *objectives != '\0')
    add_section (self, _("Objectives"), objectives);
  if (content != NULL && *content != '\0')
    add_section (self, _("Content"), content);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (buttons, 12);
  if (progress->status == PSR_PROGRESS_NOT_STARTED)
    gtk_box_append (GTK_BOX (buttons),
                    create_progress_button (self, "start-module", _("_Start"),
                                            PSR_PROGRESS_IN_PROGRESS, FALSE));
  if (progress->status != PSR_PROGRESS_COMPLETED)
    gtk_box_append (GTK_BOX (buttons),
                    create_progress_button (self, "complete-module", _("Mark as _Completed"),
                                            PSR_PROGRESS_COMPLETED, TRUE));
  else
    gtk_box_append (GTK_BOX (buttons),
                    create_progress_button (self, "reopen-module", _("_Not Completed Yet"),
                                            PSR_PROGRESS_IN_PROGRESS, FALSE));
  gtk_box_append (self->detail_box, buttons);
  gtk_widget_grab_focus (gtk_widget_get_last_child (buttons));
}

static void
open_module_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);

  if (self->trainee != NULL)
    open_module (self, g_variant_get_int64 (parameter));
}

/* Rehearsals --------------------------------------------------------------------- */

static void
rehearsal_finished_cb (PsrRehearsalPlayer *player,
                       const char         *path,
                       PsrTraineeSpace    *self)
{
  gint64 scenario_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (player), "scenario"));
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (player), "person"));
  GDateTime *started_at = g_object_get_data (G_OBJECT (player), "started-at");
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GError) error = NULL;

  if (psr_rehearsal_run_record (self->database, person_id, scenario_id, started_at, now, path,
                                &error) == 0)
    show_error (self, error);

  /* The next run starts from here, when the trainee plays again. */
  g_object_set_data_full (G_OBJECT (player), "started-at", g_date_time_ref (now),
                          (GDestroyNotify) g_date_time_unref);
}

static void
rehearsals_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter);

static void
player_destroyed_cb (PsrTraineeSpace *self)
{
  if (self->view != VIEW_REHEARSALS)
    return;

  speak_trainee_language (self);
  rehearsals_action (GTK_WIDGET (self), NULL, NULL);
  speak_interface_language (self);
  update_direction (self);
}

static void
play_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  gint64 scenario_id = g_variant_get_int64 (parameter);
  PsrRehearsalPlayer *player;

  if (self->trainee == NULL)
    return;

  player = psr_rehearsal_player_new (self->database, scenario_id);
  g_object_set_data (G_OBJECT (player), "scenario", GSIZE_TO_POINTER (scenario_id));
  g_object_set_data (G_OBJECT (player), "person", GSIZE_TO_POINTER (self->trainee->person_id));
  g_object_set_data_full (G_OBJECT (player), "started-at", get_now (self),
                          (GDestroyNotify) g_date_time_unref);
  g_signal_connect_object (player, "finished", G_CALLBACK (rehearsal_finished_cb), self, 0);
  g_signal_connect_object (player, "destroy", G_CALLBACK (player_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_set_transient_for (GTK_WINDOW (player), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (player), TRUE);
  gtk_window_present (GTK_WINDOW (player));
}

static void
rehearsals_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rehearsals = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *language = NULL;
  const char *shown_in = NULL;
  GtkWidget *list;

  if (self->trainee == NULL)
    return;

  language = get_trainee_language (self);
  rehearsals = list_rehearsals (self, &error);
  if (rehearsals != NULL)
    runs = psr_person_list_rehearsal_runs (self->database, self->trainee->person_id, &error);
  if (runs == NULL)
    {
      show_error (self, error);
      return;
    }

  set_detail (self, VIEW_REHEARSALS, _("Rehearsals"),
              _("Face a situation of your work and choose what you would do. Each rehearsal you "
                "finish is recorded for your trainer."));
  for (guint i = 0; i < rehearsals->len && shown_in == NULL; i++)
    shown_in = ((Rehearsal *) g_ptr_array_index (rehearsals, i))->shown_in;
  add_translation_note (self, language, shown_in);
  list = create_boxed_list (_("Rehearsals"));
  for (guint i = 0; i < rehearsals->len; i++)
    {
      Rehearsal *rehearsal = g_ptr_array_index (rehearsals, i);
      g_autofree char *subtitle = NULL;
      guint n_finished = 0;
      GtkWidget *row;

      for (guint j = 0; j < runs->len; j++)
        {
          PsrRehearsalRun *run = g_ptr_array_index (runs, j);

          n_finished += run->scenario_id == rehearsal->scenario_id && run->finished_at != NULL;
        }

      if (n_finished > 0)
        /* Translators: a rehearsal's module, and how often the trainee
         * played it to the end, as in "Welcoming a group · played 2 times". */
        subtitle = g_strdup_printf (ngettext ("%s · played %u time",
                                              "%s · played %u times", n_finished),
                                    rehearsal->module, n_finished);
      else
        subtitle = g_strdup (rehearsal->module);

      row = create_row ("rehearsal", "media-playback-start-symbolic", rehearsal->title, subtitle,
                        TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "space.play");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", rehearsal->scenario_id);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->detail_box, list);
  if (gtk_widget_get_first_child (list) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (list));
}

/* Survey ------------------------------------------------------------------------- */

static void
survey_item_free (SurveyItem *item)
{
  psr_survey_answer_free (item->answer);
  g_free (item);
}

static const PsrSurveyAnswer *
find_answer (GPtrArray             *response,
             const PsrSurveyAnswer *question)
{
  for (guint i = 0; response != NULL && i < response->len; i++)
    {
      const PsrSurveyAnswer *answer = g_ptr_array_index (response, i);

      if (answer->question == question->question && answer->subject_id == question->subject_id)
        return answer;
    }

  return NULL;
}

static GtkWidget *
create_rating_buttons (SurveyItem *item,
                       const char *question,
                       guint       rating)
{
  static const char * const satisfaction[] = {
    N_("1 of 5, very dissatisfied"), N_("2 of 5, dissatisfied"), N_("3 of 5, neither"),
    N_("4 of 5, satisfied"), N_("5 of 5, very satisfied"),
  };
  static const char * const frequency[] = {
    N_("1 of 5, not at all"), N_("2 of 5, rarely"), N_("3 of 5, sometimes"),
    N_("4 of 5, often"), N_("5 of 5, very often"),
  };
  const char * const *meanings = item->answer->question == PSR_QUESTION_USED
                                   ? frequency
                                   : satisfaction;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_box_set_homogeneous (GTK_BOX (box), TRUE);
  gtk_widget_add_css_class (box, "rating");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, question,
                                  -1);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      GtkWidget *button = gtk_toggle_button_new_with_label (number);

      gtk_widget_set_name (button, "rating");
      gtk_widget_set_tooltip_text (button, _(meanings[i]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _(meanings[i]), -1);
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), item->ratings[0]);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), rating == i + 1);
      item->ratings[i] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (box), button);
    }

  return box;
}

static void send_survey_clicked_cb (PsrTraineeSpace *self);

static void
show_survey (PsrTraineeSpace *self,
             PsrSurveyKind    kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) questions = NULL;
  g_autoptr(GPtrArray) response = NULL;
  GtkWidget *send;

  questions = psr_survey_list_questions (self->database, self->session->id, kind, &error);
  if (questions == NULL)
    {
      show_error (self, error);
      return;
    }
  response = psr_survey_get_response (self->database, self->session->id,
                                      self->trainee->person_id, kind, NULL);

  if (kind == PSR_SURVEY_FOLLOW_UP)
    set_detail (self, VIEW_SURVEY, _("Follow-Up Survey"),
                _("Some weeks after your training: rate from 1, not at all, to 5, very often. "
                  "Every question is optional."));
  else
    set_detail (self, VIEW_SURVEY, _("Satisfaction Survey"),
                _("Rate from 1, very dissatisfied, to 5, very satisfied. Every question is "
                  "optional."));

  for (guint i = 0; i < questions->len; i++)
    {
      const PsrSurveyAnswer *question = g_ptr_array_index (questions, i);
      const PsrSurveyAnswer *answer = find_answer (response, question);
      SurveyItem *item = g_new0 (SurveyItem, 1);
      GtkWidget *group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
      GtkWidget *heading = create_heading (psr_question_label (question->question));

      item->answer = psr_survey_answer_copy (question);
      g_ptr_array_add (self->survey_items, item);

      gtk_box_append (GTK_BOX (group), heading);
      if (*question->subject != '\0')
        {
          GtkWidget *subject = gtk_label_new (question->subject);

          gtk_label_set_wrap (GTK_LABEL (subject), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (subject), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_xalign (GTK_LABEL (subject), 0);
          gtk_widget_add_css_class (subject, "dim-label");
          gtk_box_append (GTK_BOX (group), subject);
        }

      if (psr_question_is_rating (question->question))
        {
          g_autofree char *accessible = *question->subject != '\0'
                                          ? g_strdup_printf ("%s %s",
                                                             psr_question_label (question->question),
                                                             question->subject)
                                          : g_strdup (psr_question_label (question->question));
          GtkWidget *list = create_boxed_list (accessible);
          GtkWidget *row = adw_entry_row_new ();

          gtk_box_append (GTK_BOX (group),
                          create_rating_buttons (item, accessible,
                                                 answer != NULL ? answer->rating : 0));
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Comment (optional)"));
          if (answer != NULL)
            gtk_editable_set_text (GTK_EDITABLE (row), answer->comment);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
          gtk_box_append (GTK_BOX (group), list);
          item->comment = row;
        }
      else
        {
          GtkWidget *frame = gtk_frame_new (NULL);
          GtkWidget *view = gtk_text_view_new ();

          gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
          gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
          gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 12);
          gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 12);
          gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 12);
          gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 12);
          gtk_widget_set_size_request (view, -1, 96);
          gtk_widget_add_css_class (view, "survey-text");
          gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, heading, NULL,
                                          -1);
          if (answer != NULL)
            gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)),
                                      answer->comment, -1);
          gtk_frame_set_child (GTK_FRAME (frame), view);
          gtk_box_append (GTK_BOX (group), frame);
          item->comment = view;
        }

      gtk_box_append (self->detail_box, group);
    }

  send = gtk_button_new_with_mnemonic (_("_Send My Answers"));
  gtk_widget_set_name (send, "send-survey");
  gtk_widget_set_halign (send, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (send, "pill");
  gtk_widget_add_css_class (send, "suggested-action");
  g_signal_connect_object (send, "clicked", G_CALLBACK (send_survey_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->detail_box, send);
}

static void
survey_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);

  if (self->trainee == NULL || self->follow_up || !is_last_day (self))
    return;

  show_survey (self, PSR_SURVEY_END);
}

static void
send_survey (PsrTraineeSpace *self)
{
  g_autoptr(GPtrArray) answers = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_survey_answer_free);
  g_autoptr(GError) error = NULL;

  if (self->trainee == NULL)
    return;

  for (guint i = 0; i < self->survey_items->len; i++)
    {
      SurveyItem *item = g_ptr_array_index (self->survey_items, i);
      g_autofree char *comment = NULL;
      guint rating = 0;

      for (guint j = 0; j < 5; j++)
        if (item->ratings[j] != NULL && gtk_toggle_button_get_active (item->ratings[j]))
          rating = j + 1;

      if (GTK_IS_TEXT_VIEW (item->comment))
        {
          GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (item->comment));
          GtkTextIter start, end;

          gtk_text_buffer_get_bounds (buffer, &start, &end);
          comment = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
        }
      else
        {
          comment = g_strdup (gtk_editable_get_text (GTK_EDITABLE (item->comment)));
        }

      g_strstrip (comment);
      g_ptr_array_add (answers, psr_survey_answer_new (item->answer->question,
                                                       item->answer->subject_id, rating,
                                                       comment));
    }

  if (psr_survey_record (self->database, self->session->id, self->trainee->person_id,
                         self->follow_up ? PSR_SURVEY_FOLLOW_UP : PSR_SURVEY_END, answers,
                         self->now, &error) == 0)
    {
      show_error (self, error);
      return;
    }

  toast (self, _("Thank you for your answers"));
  if (self->follow_up)
    /* Nothing else to do in a past session: the machine goes to the next. */
    show_start (self);
  else
    show_home (self);
}

static void
send_survey_clicked_cb (PsrTraineeSpace *self)
{
  speak_trainee_language (self);
  send_survey (self);
  speak_interface_language (self);
  update_direction (self);
}

/* Leaving ------------------------------------------------------------------------ */

static void
set_lock_message (PsrTraineeSpace *self,
                  const char      *message)
{
  gtk_label_set_text (self->lock_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->lock_message), message != NULL);
}

static void
update_lock_controls (PsrTraineeSpace *self)
{
  gboolean waiting = self->wait_until > 0;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Away from the entry before it is disabled, so that it stops its cursor. */
  if (waiting && focus != NULL
      && (focus == GTK_WIDGET (self->passphrase_row)
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->passphrase_row))))
    gtk_widget_grab_focus (self->lock_cancel_button);

  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_row), !waiting);
  gtk_widget_set_sensitive (self->unlock_button,
                            !waiting && !self->checking
                            && *gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row)) != '\0');
}

static gboolean
countdown_cb (gpointer user_data)
{
  PsrTraineeSpace *self = user_data;
  gint64 left = self->wait_until - g_get_monotonic_time ();

  if (left <= 0)
    {
      self->wait_until = 0;
      self->countdown_source = 0;
      set_lock_message (self, NULL);
      update_lock_controls (self);
      if (self->view == VIEW_LOCK)
        gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
      return G_SOURCE_REMOVE;
    }
  else
    {
      guint seconds = (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
      g_autofree char *message = g_strdup_printf (
        ngettext ("Too many wrong passphrases. Try again in %u s.",
                  "Too many wrong passphrases. Try again in %u s.", seconds),
        seconds);

      set_lock_message (self, message);
      return G_SOURCE_CONTINUE;
    }
}

/* Refuses every attempt for @seconds, counting them down. */
static void
start_wait (PsrTraineeSpace *self,
            guint            seconds)
{
  g_clear_handle_id (&self->countdown_source, g_source_remove);
  self->wait_until = 0;
  if (seconds == 0)
    return;

  self->wait_until = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  countdown_cb (self);
  /* Often enough that the seconds shown follow the clock. */
  self->countdown_source = g_timeout_add (250, countdown_cb, self);
  update_lock_controls (self);
}

static void
set_app_actions_enabled (PsrTraineeSpace *self,
                         gboolean         enabled)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!enabled && app != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (guarded_actions); i++)
        {
          GAction *action = g_action_map_lookup_action (G_ACTION_MAP (app), guarded_actions[i]);

          if (G_IS_SIMPLE_ACTION (action) && g_action_get_enabled (action))
            {
              g_simple_action_set_enabled (G_SIMPLE_ACTION (action), FALSE);
              g_ptr_array_add (self->disabled_actions, g_object_ref (action));
            }
        }
    }
  else if (enabled)
    {
      for (guint i = 0; i < self->disabled_actions->len; i++)
        g_simple_action_set_enabled (g_ptr_array_index (self->disabled_actions, i), TRUE);
      g_ptr_array_set_size (self->disabled_actions, 0);
    }
}

static void
leave_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);
  g_autoptr(GDateTime) now = get_now (self);
  g_autoptr(GError) error = NULL;
  guint wait;

  if (self->view != VIEW_LOCK)
    self->view_before_lock = self->view;

  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  set_lock_message (self, NULL);
  set_view (self, VIEW_LOCK);
  update_direction (self);

  wait = psr_lock_get_wait (self->database, now, &error);
  if (error != NULL)
    set_lock_message (self, error->message);
  start_wait (self, wait);
  update_lock_controls (self);
  if (wait == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

typedef struct
{
  char      *path;
  char      *passphrase;
  GDateTime *now;
  gboolean   set;
  PsrLockResult result;
  guint      wait;
} LockJob;

static void
lock_job_free (LockJob *job)
{
  g_free (job->path);
  if (job->passphrase != NULL)
    memset (job->passphrase, 0, strlen (job->passphrase));
  g_free (job->passphrase);
  g_clear_pointer (&job->now, g_date_time_unref);
  g_free (job);
}

/* The hash is slow on purpose: it is checked off the main loop, on a
 * connection of the thread's own. */
static void
lock_job_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LockJob *job = task_data;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = psr_database_open (job->path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (job->set)
    {
      if (!psr_lock_set_passphrase (db, job->passphrase, &error))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->result = PSR_LOCK_OPEN;
    }
  else
    {
      job->result = psr_lock_verify (db, job->passphrase, job->now, &job->wait, &error);
      if (error != NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
run_lock_job (gpointer             source,
              PsrDatabase         *database,
              const char          *passphrase,
              GDateTime           *now,
              gboolean             set,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source, NULL, callback, user_data);
  LockJob *job = g_new0 (LockJob, 1);

  job->path = g_strdup (psr_database_get_path (database));
  job->passphrase = g_strdup (passphrase);
  job->now = now != NULL ? g_date_time_ref (now) : NULL;
  job->set = set;
  g_task_set_task_data (task, job, (GDestroyNotify) lock_job_free);
  g_task_run_in_thread (task, lock_job_thread);
}

static void
verified_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (object);
  LockJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->checking = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
  update_lock_controls (self);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      set_lock_message (self, error->message);
      /* A stored passphrase that cannot be read opens nothing: the way out
       * the message gives is to quit, and set a passphrase again. */
      if (g_error_matches (error, PSR_ERROR, PSR_ERROR_DAMAGED))
        set_app_actions_enabled (self, TRUE);
      return;
    }

  switch (job->result)
    {
    case PSR_LOCK_OPEN:
      self->unlocked = TRUE;
      g_clear_handle_id (&self->countdown_source, g_source_remove);
      set_app_actions_enabled (self, TRUE);
      g_signal_emit (self, signals[UNLOCKED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;

    case PSR_LOCK_WRONG:
      set_lock_message (self, _("Wrong passphrase. Try again."));
      start_wait (self, job->wait);
      break;

    case PSR_LOCK_WAIT:
    default:
      start_wait (self, job->wait);
      break;
    }

  if (self->wait_until == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_row));
}

static void
unlock_cb (PsrTraineeSpace *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_row));

  /* The button may be pressed by other means than a click: check again. */
  if (self->checking || self->unlocked || self->wait_until > 0 || *passphrase == '\0')
    return;

  self->checking = TRUE;
  set_lock_message (self, NULL);
  update_lock_controls (self);
  run_lock_job (self, self->database, passphrase, self->now, FALSE, verified_cb, NULL);
}

static void
passphrase_changed_cb (PsrTraineeSpace *self)
{
  update_lock_controls (self);
}

static gboolean
psr_trainee_space_close_request (GtkWindow *window)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (window);

  if (self->unlocked)
    return GTK_WINDOW_CLASS (psr_trainee_space_parent_class)->close_request (window);

  /* Closing is leaving: it takes the passphrase. */
  if (self->view != VIEW_LOCK)
    leave_action (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

/* Navigation ----------------------------------------------------------------------- */

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);

  switch (self->view)
    {
    case VIEW_LOCK:
      g_clear_handle_id (&self->countdown_source, g_source_remove);
      self->wait_until = 0;
      gtk_editable_set_text (GTK_EDITABLE (self->passphrase_row), "");
      if (self->follow_up && self->session != NULL)
        show_pick (self);
      else if (self->view_before_lock == VIEW_HOME && self->trainee != NULL)
        show_home (self);
      else if (self->view_before_lock > VIEW_HOME && self->trainee != NULL)
        show_home (self);
      else
        show_start (self);
      break;

    case VIEW_MODULE:
      modules_action (widget, NULL, NULL);
      break;

    case VIEW_SURVEY:
      if (self->follow_up)
        show_pick (self);
      else
        show_home (self);
      break;

    case VIEW_POSITIONING:
    case VIEW_MODULES:
    case VIEW_REHEARSALS:
      show_home (self);
      break;

    case VIEW_PICK:
      if (count_choices (self) > 1)
        show_start (self);
      break;

    case VIEW_EMPTY:
    case VIEW_SESSIONS:
    case VIEW_HOME:
    default:
      break;
    }
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);

  /* The next trainee sees nothing of this one, and the sessions of the
   * moment: the space may stay open from one day to the next. */
  psr_rows_clear (self->home_list);
  show_start (self);
  if (self->view == VIEW_PICK
      && gtk_widget_get_first_child (GTK_WIDGET (self->trainees_list)) != NULL)
    gtk_widget_grab_focus (gtk_widget_get_first_child (GTK_WIDGET (self->trainees_list)));
}

/* What a trainee does, in their language. */
static const struct
{
  const char                  *name;
  const char                  *parameter_type;
  GtkWidgetActionActivateFunc  activate;
} trainee_actions[] = {
  { "space.back", NULL, back_action },
  { "space.done", NULL, done_action },
  { "space.sign", NULL, sign_action },
  { "space.positioning", NULL, positioning_action },
  { "space.modules", NULL, modules_action },
  { "space.open-module", "x", open_module_action },
  { "space.rehearsals", NULL, rehearsals_action },
  { "space.play", "x", play_action },
  { "space.survey", NULL, survey_action },
};

static void
activate_in_trainee_language (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (trainee_actions); i++)
    {
      if (!g_str_equal (action_name, trainee_actions[i].name))
        continue;

      speak_trainee_language (self);
      trainee_actions[i].activate (widget, action_name, parameter);
      speak_interface_language (self);
      update_direction (self);
      return;
    }
}

/* Construction --------------------------------------------------------------------- */

PsrTraineeSpace *
psr_trainee_space_new (GtkApplication *application,
                       PsrDatabase    *database)
{
  PsrTraineeSpace *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PSR_IS_DATABASE (database), NULL);

  self = g_object_new (PSR_TYPE_TRAINEE_SPACE, "application", application, NULL);
  self->database = g_object_ref (database);
  set_app_actions_enabled (self, FALSE);
  show_start (self);
  gtk_window_maximize (GTK_WINDOW (self));

  return self;
}

void
psr_trainee_space_set_now (PsrTraineeSpace *self,
                           GDateTime       *now)
{
  g_return_if_fail (PSR_IS_TRAINEE_SPACE (self));

  g_clear_pointer (&self->now, g_date_time_unref);
  self->now = now != NULL ? g_date_time_ref (now) : NULL;
  show_start (self);
}

/* Opening from the main window ------------------------------------------------------ */

static void
space_unlocked_cb (GtkWindow *main_window)
{
  gtk_window_present (main_window);
}

static void
open_space (GtkWindow   *main_window,
            PsrDatabase *database)
{
  PsrTraineeSpace *space = psr_trainee_space_new (gtk_window_get_application (main_window),
                                                  database);

  g_signal_connect_object (space, "unlocked", G_CALLBACK (space_unlocked_cb), main_window,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (space));
  gtk_widget_set_visible (GTK_WIDGET (main_window), FALSE);
}

typedef struct
{
  GtkWindow        *main_window;
  PsrDatabase      *database;
  AdwMessageDialog *dialog;
  GtkEditable      *first;
  GtkEditable      *second;
  GtkLabel         *hint;
} PassphraseSetting;

static void
passphrase_setting_free (gpointer  data,
                         GClosure *closure)
{
  PassphraseSetting *setting = data;

  g_object_unref (setting->main_window);
  g_object_unref (setting->database);
  g_free (setting);
}

static void
passphrase_setting_update (PassphraseSetting *setting)
{
  const char *first = gtk_editable_get_text (setting->first);
  const char *second = gtk_editable_get_text (setting->second);
  g_autofree char *stripped = g_strstrip (g_strdup (first));
  glong length = g_utf8_strlen (first, -1);
  gboolean ready = FALSE;

  if (length < PSR_LOCK_MIN_LENGTH || *stripped == '\0')
    {
      g_autofree char *hint = g_strdup_printf (
        ngettext ("At least %d character", "At least %d characters",
                  PSR_LOCK_MIN_LENGTH),
        PSR_LOCK_MIN_LENGTH);

      gtk_label_set_text (setting->hint, hint);
      gtk_widget_remove_css_class (GTK_WIDGET (setting->hint), "error");
    }
  else if (g_strcmp0 (first, second) != 0)
    {
      gtk_label_set_text (setting->hint, *second != '\0' ? _("The two passphrases differ")
                                                         : _("Type it again to confirm"));
      gtk_widget_remove_css_class (GTK_WIDGET (setting->hint), "error");
      if (*second != '\0')
        gtk_widget_add_css_class (GTK_WIDGET (setting->hint), "error");
    }
  else
    {
      gtk_label_set_text (setting->hint, "");
      ready = TRUE;
    }

  adw_message_dialog_set_response_enabled (setting->dialog, "set", ready);
}

static void
passphrase_set_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GtkWindow *main_window = GTK_WINDOW (object);
  g_autoptr(PsrDatabase) database = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      psr_show_error (GTK_WIDGET (main_window), error);
      return;
    }

  open_space (main_window, database);
}

static void
passphrase_setting_response_cb (AdwMessageDialog  *dialog,
                                const char        *response,
                                PassphraseSetting *setting)
{
  if (g_strcmp0 (response, "set") != 0)
    return;

  run_lock_job (setting->main_window, setting->database, gtk_editable_get_text (setting->first),
                NULL, TRUE, passphrase_set_cb, g_object_ref (setting->database));
}

static void
ask_passphrase (GtkWindow   *main_window,
                PsrDatabase *database)
{
  g_autofree char *body = g_strdup_printf (
    ngettext ("Trainees cannot leave the trainee space without this passphrase. Choose at "
              "least %d character, and keep it to the trainers.",
              "Trainees cannot leave the trainee space without this passphrase. Choose at "
              "least %d characters, and keep it to the trainers.",
              PSR_LOCK_MIN_LENGTH),
    PSR_LOCK_MIN_LENGTH);
  GtkWidget *dialog = adw_message_dialog_new (main_window, _("Set the Trainer’s Passphrase"), body);
  PassphraseSetting *setting = g_new0 (PassphraseSetting, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *first = adw_password_entry_row_new ();
  GtkWidget *second = adw_password_entry_row_new ();
  GtkWidget *hint = gtk_label_new (NULL);

  setting->main_window = g_object_ref (main_window);
  setting->database = g_object_ref (database);
  setting->dialog = ADW_MESSAGE_DIALOG (dialog);
  setting->first = GTK_EDITABLE (first);
  setting->second = GTK_EDITABLE (second);
  setting->hint = GTK_LABEL (hint);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (first), _("Passphrase"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (second), _("Passphrase Again"));
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (second), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), second);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 280, -1);
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_widget_add_css_class (hint, "caption");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), hint);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "set", _("_Set and Open"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect_swapped (first, "changed", G_CALLBACK (passphrase_setting_update), setting);
  g_signal_connect_swapped (second, "changed", G_CALLBACK (passphrase_setting_update), setting);
  g_signal_connect_data (dialog, "response", G_CALLBACK (passphrase_setting_response_cb), setting,
                         passphrase_setting_free, 0);
  passphrase_setting_update (setting);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (first);
}

void
psr_trainee_space_open (GtkWindow   *main_window,
                        PsrDatabase *database)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GTK_IS_WINDOW (main_window));
  g_return_if_fail (PSR_IS_DATABASE (database));

  if (psr_lock_has_passphrase (database, &error))
    open_space (main_window, database);
  else if (error != NULL)
    psr_show_error (GTK_WIDGET (main_window), error);
  else
    ask_passphrase (main_window, database);
}

static void
psr_trainee_space_dispose (GObject *object)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (object);

  g_clear_handle_id (&self->countdown_source, g_source_remove);
  if (self->disabled_actions != NULL)
    set_app_actions_enabled (self, TRUE);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_TRAINEE_SPACE);

  G_OBJECT_CLASS (psr_trainee_space_parent_class)->dispose (object);
}

static void
psr_trainee_space_finalize (GObject *object)
{
  PsrTraineeSpace *self = PSR_TRAINEE_SPACE (object);

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_clear_pointer (&self->session, psr_session_details_free);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->trainee, psr_enrollment_free);
  g_clear_object (&self->locale);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->survey_items, g_ptr_array_unref);
  g_clear_pointer (&self->follow_ups, g_ptr_array_unref);
  g_clear_pointer (&self->disabled_actions, g_ptr_array_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_trainee_space_parent_class)->finalize (object);
}

static void
psr_trainee_space_class_init (PsrTraineeSpaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = psr_trainee_space_dispose;
  object_class->finalize = psr_trainee_space_finalize;
  window_class->close_request = psr_trainee_space_close_request;

  /**
   * PsrTraineeSpace::unlocked:
   *
   * The trainer's passphrase opened the lock; the space is destroyed
   * right after.
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-trainee-space.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, back_button);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, leave_button);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, stack);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, trainees_list);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, hello_label);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, home_session_label);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, home_list);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, done_button);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, detail_scrolled);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, detail_title);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, detail_description);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, detail_box);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, lock_message);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, PsrTraineeSpace, lock_cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, unlock_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);

  gtk_widget_class_install_action (widget_class, "space.leave", NULL, leave_action);
  for (guint i = 0; i < G_N_ELEMENTS (trainee_actions); i++)
    gtk_widget_class_install_action (widget_class, trainee_actions[i].name,
                                     trainee_actions[i].parameter_type,
                                     activate_in_trainee_language);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "space.back",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "space.back", NULL);
}

static void
psr_trainee_space_init (PsrTraineeSpace *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->survey_items = g_ptr_array_new_with_free_func ((GDestroyNotify) survey_item_free);
  self->disabled_actions = g_ptr_array_new_with_free_func (g_object_unref);

  g_signal_connect_object (self->sessions_list, "row-activated",
                           G_CALLBACK (session_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->trainees_list, "row-activated",
                           G_CALLBACK (trainee_activated_cb), self, G_CONNECT_SWAPPED);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
