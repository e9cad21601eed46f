/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>

#include "psr-application.h"
#include "psr-autosave.h"
#include "psr-competencies.h"
#include "psr-format.h"
#include "psr-ics.h"
#include "psr-person.h"
#include "psr-planning.h"
#include "psr-printing.h"
#include "psr-progress.h"
#include "psr-rows.h"
#include "psr-session-docs.h"
#include "psr-session-editor.h"
#include "psr-sessions.h"
#include "psr-signature-pad.h"
#include "psr-window.h"

/* One session: its details saved as they are typed, its half-days,
 * trainers and trainees, the attendance of each half-day with the
 * signatures, and its documents. Conflicts show at the top, as soon as
 * a change makes one. */
struct _PsrSessionEditor
{
  GtkBox               parent_instance;

  PsrDatabase         *database;
  gint64               id;
  PsrSessionDetails   *details;
  /* While the form is filled from the database, its changes are not
   * changes of the person. */
  gboolean             filling;
  /* PsrSessionField bits waiting to be saved. */
  PsrAutosave          autosave;

  AdwWindowTitle      *window_title;
  GtkLabel            *chain_label;
  GtkWidget           *cancelled_box;
  GtkLabel            *cancelled_label;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox          *conflicts_list;
  AdwPreferencesGroup *details_group;
  GtkListBox          *slots_list;
  GtkListBox          *trainers_list;
  AdwPreferencesGroup *trainees_group;
  GtkListBox          *trainees_list;
  GtkListBox          *attendance_list;
  AdwPreferencesGroup *documents_group;
  GtkListBox          *positioning_list;

  GtkWidget           *document_rows[PSR_SESSION_DOCUMENT_CERTIFICATES + 1];
  GtkListBox          *attachments_list;
  GCancellable        *cancellable;

  GtkWidget           *texts[PSR_SESSION_N_FIELDS];
  GtkSpinButton       *capacity_spin;
  GtkSpinButton       *minimum_spin;
  GtkLabel            *status_label;
};

G_DEFINE_FINAL_TYPE (PsrSessionEditor, psr_session_editor, GTK_TYPE_BOX)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define SAVE_DELAY_MS 500

static void refresh          (PsrSessionEditor *self);
static void fill_positioning (PsrSessionEditor *self);
static void fill_attachments (PsrSessionEditor *self);

/* Helpers ---------------------------------------------------------------------- */

/* An icon button for a row, with its tooltip and accessible name. */
static GDateTime *
slot_instant (const PsrSlot *slot,
              guint          minutes)
{
  return g_date_time_new_local (g_date_get_year (&slot->day), g_date_get_month (&slot->day),
                                g_date_get_day (&slot->day), minutes / 60, minutes % 60, 0);
}

/* "Tuesday, March 10 · Morning". */
static char *
describe_slot (const PsrSlot *slot)
{
  g_autoptr(GDateTime) day = slot_instant (slot, 12 * 60);
  /* Translators: the day of a half-day of a session, as in "Tuesday, March
   * 10"; see the manual page of strftime. */
  g_autofree char *date = g_date_time_format (day, C_("half-day", "%A, %B %-d"));

  /* Translators: a day and its half-day, as in "Tuesday, March 10 · Morning". */
  return g_strdup_printf (_("%s · %s"), date, psr_period_label (slot->period));
}

static char *
describe_times (const PsrSlot *slot)
{
  g_autofree char *starts = psr_format_time (slot->starts_at);
  g_autofree char *ends = psr_format_time (slot->ends_at);

  return g_strdup_printf (_("%s – %s"), starts, ends);
}

static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (instant);

  /* Translators: when a signature was made, as in "March 10, 09:12"; see
   * the manual page of strftime. */
  return g_date_time_format (local, _("%B %-d, %H:%M"));
}

/* Whether the half-day can be signed now by its trainees: from a little
 * before it starts until it ends, as the store checks again. */
static gboolean
slot_is_open (const PsrSlot *slot,
              GDateTime     *now)
{
  g_autoptr(GDateTime) opens = slot_instant (slot, slot->starts_at);
  g_autoptr(GDateTime) closes = slot_instant (slot, slot->ends_at);
  g_autoptr(GDateTime) early = g_date_time_add_minutes (opens, -PSR_SIGNING_EARLY_MINUTES);

  return g_date_time_compare (now, early) >= 0 && g_date_time_compare (now, closes) <= 0;
}

static gboolean
slot_is_over (const PsrSlot *slot,
              GDateTime     *now)
{
  g_autoptr(GDateTime) closes = slot_instant (slot, slot->ends_at);

  return g_date_time_compare (now, closes) > 0;
}

static GPtrArray *
list_or_warn (PsrSessionEditor *self,
              GPtrArray        *array,
              GError           *error)
{
  if (array == NULL)
    psr_show_error (GTK_WIDGET (self), error);
  return array;
}

/* Saving the details ---------------------------------------------------------- */

static void
save_dirty (PsrSessionEditor *self)
{
  guint dirty = psr_autosave_take (&self->autosave);

  for (guint field = 0; field < PSR_SESSION_N_FIELDS; field++)
    {
      g_autoptr(GError) error = NULL;

      if ((dirty & (1u << field)) == 0)
        continue;

      if (!psr_session_set_field (self->database, self->id, field,
                                  gtk_editable_get_text (GTK_EDITABLE (self->texts[field])),
                                  &error))
        psr_show_error (GTK_WIDGET (self), error);
    }
}

static void
autosave_cb (gpointer user_data)
{
  save_dirty (user_data);
  refresh (user_data);
}

static void
text_changed_cb (PsrSessionEditor *self,
                 GtkEditable      *row)
{
  guint flags = 0;

  if (self->filling || self->id == 0)
    return;

  for (guint field = 0; field < PSR_SESSION_N_FIELDS; field++)
    if (self->texts[field] == GTK_WIDGET (row))
      flags |= 1u << field;

  psr_autosave_mark (&self->autosave, flags);
}

static void
seats_changed_cb (PsrSessionEditor *self,
                  GtkSpinButton    *spin)
{
  g_autoptr(GError) error = NULL;
  guint value = gtk_spin_button_get_value_as_int (spin);
  gboolean ok;

  if (self->filling || self->id == 0)
    return;

  if (spin == self->capacity_spin)
    ok = psr_session_set_capacity (self->database, self->id, value, &error);
  else
    ok = psr_session_set_minimum (self->database, self->id, value, &error);

  if (!ok)
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

/* Filling the page ------------------------------------------------------------ */

static void
fill_header (PsrSessionEditor *self)
{
  PsrSessionDetails *details = self->details;
  g_autofree char *dates = NULL;
  g_autofree char *subtitle = NULL;

  if (g_date_valid (&details->starts_on))
    dates = psr_format_date_range (&details->starts_on, &details->ends_on);
  else
    dates = g_strdup (_("Not scheduled yet"));

  /* Translators: the dates of a session and its status, as in "March 10 –
   * 12, 2026 · Confirmed". */
  subtitle = g_strdup_printf (_("%s · %s"), dates, psr_session_status_label (details->status));
  adw_window_title_set_title (self->window_title, details->display_title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_label_set_text (self->status_label, psr_session_status_label (details->status));

  gtk_widget_set_visible (self->cancelled_box, details->status == PSR_SESSION_CANCELLED);
  if (details->status == PSR_SESSION_CANCELLED)
    {
      g_autofree char *text = g_strdup_printf (_("This session was cancelled: %s"),
                                               details->cancel_reason);

      gtk_label_set_text (self->cancelled_label, text);
    }
}

static void
fill_details (PsrSessionEditor *self)
{
  PsrSessionDetails *details = self->details;
  const char *values[PSR_SESSION_N_FIELDS] = {
    [PSR_SESSION_FIELD_TITLE] = details->title,
    [PSR_SESSION_FIELD_PLACE] = details->place,
    [PSR_SESSION_FIELD_ROOM] = details->room,
    [PSR_SESSION_FIELD_NOTES] = details->notes,
  };

  self->filling = TRUE;
  for (guint field = 0; field < PSR_SESSION_N_FIELDS; field++)
    if ((psr_autosave_get_dirty (&self->autosave) & (1u << field)) == 0)
      gtk_editable_set_text (GTK_EDITABLE (self->texts[field]), values[field]);
  gtk_spin_button_set_value (self->capacity_spin, details->capacity);
  gtk_spin_button_set_value (self->minimum_spin, details->min_trainees);
  self->filling = FALSE;
}

static void
fill_conflicts (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = psr_session_list_conflicts (self->database, self->id, &error);

  psr_rows_clear (self->conflicts_list);
  if (list_or_warn (self, conflicts, error) == NULL)
    return;

  for (guint i = 0; i < conflicts->len; i++)
    {
      PsrConflict *conflict = g_ptr_array_index (conflicts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Conflict"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->conflicts_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), conflicts->len > 0);
}

static void
fill_slots (PsrSessionEditor *self,
            GPtrArray        *slots)
{
  psr_rows_clear (self->slots_list);

  for (guint i = 0; i < slots->len; i++)
    {
      PsrSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *title = describe_slot (slot);
      g_autofree char *times = describe_times (slot);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), times);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 psr_rows_icon_button ("document-edit-symbolic", _("Change Times"),
                                                    "session.slot-edit", slot->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 psr_rows_icon_button ("user-trash-symbolic", _("Remove Half-Day"),
                                                    "session.slot-remove", slot->id));
      gtk_list_box_append (self->slots_list, row);
    }
}

static void
fill_trainers (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trainers = psr_session_list_trainers (self->database, self->id, &error);

  psr_rows_clear (self->trainers_list);
  if (list_or_warn (self, trainers, error) == NULL)
    return;

  for (guint i = 0; i < trainers->len; i++)
    {
      PsrSessionPerson *trainer = g_ptr_array_index (trainers, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trainer->display_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 psr_rows_icon_button ("list-remove-symbolic", _("Remove Trainer"),
                                                    "session.trainer-remove", trainer->person_id));
      gtk_list_box_append (self->trainers_list, row);
    }
}

static char *
describe_enrollment (const PsrEnrollment *enrollment)
{
  switch (enrollment->status)
    {
    case PSR_ENROLLMENT_WAITING:
      /* Translators: a trainee's place on the waiting list. */
      return g_strdup_printf (_("Waiting list, number %u"), enrollment->waiting_position);

    case PSR_ENROLLMENT_CANCELLED:
      /* Translators: a cancelled enrollment and its reason. */
      return g_strdup_printf (_("Cancelled: %s"), enrollment->cancel_reason);

    case PSR_ENROLLMENT_ENROLLED:
    case PSR_ENROLLMENT_NO_SHOW:
    default:
      return g_strdup_printf ("%s · %s", psr_enrollment_status_label (enrollment->status),
                              psr_language_label (enrollment->language));
    }
}

static void
fill_trainees (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrollments = psr_session_list_enrollments (self->database, self->id,
                                                                   &error);
  g_autofree char *description = NULL;

  psr_rows_clear (self->trainees_list);
  if (list_or_warn (self, enrollments, error) == NULL)
    return;

  /* Translators: the seats of a session taken, and its waiting list. */
  description = g_strdup_printf (ngettext ("%u of %u seat taken, %u waiting",
                                           "%u of %u seats taken, %u waiting",
                                           self->details->capacity),
                                 self->details->n_enrolled, self->details->capacity,
                                 self->details->n_waiting);
  adw_preferences_group_set_description (self->trainees_group, description);

  for (guint i = 0; i < enrollments->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (enrollments, i);
      g_autofree char *subtitle = describe_enrollment (enrollment);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), enrollment->display_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (enrollment->status == PSR_ENROLLMENT_CANCELLED)
        gtk_widget_add_css_class (row, "dim-label");

      if (enrollment->status == PSR_ENROLLMENT_ENROLLED)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   psr_rows_icon_button ("action-unavailable-symbolic",
                                                      _("Mark as No-Show"),
                                                      "session.no-show", enrollment->id));
      else if (enrollment->status == PSR_ENROLLMENT_NO_SHOW)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   psr_rows_icon_button ("edit-undo-symbolic", _("Mark as Come"),
                                                      "session.come", enrollment->id));
      if (enrollment->status != PSR_ENROLLMENT_CANCELLED)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   psr_rows_icon_button ("list-remove-symbolic",
                                                      _("Cancel Enrollment"),
                                                      "session.unenroll", enrollment->id));
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   psr_rows_icon_button ("list-add-symbolic", _("Enroll Again"),
                                                      "session.reenroll", enrollment->person_id));
      gtk_list_box_append (self->trainees_list, row);
    }
}

/* Attendance ------------------------------------------------------------------ */

static const PsrAttendanceStatus attendance_choices[] = {
  PSR_ATTENDANCE_UNKNOWN, PSR_ATTENDANCE_PRESENT, PSR_ATTENDANCE_LATE, PSR_ATTENDANCE_ABSENT,
  PSR_ATTENDANCE_EXCUSED,
};

static void
attendance_selected_cb (GtkDropDown      *drop_down,
                        GParamSpec       *pspec,
                        PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  gint64 slot_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (drop_down), "slot-id"));
  gint64 person_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (drop_down), "person-id"));
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (self->filling || selected >= G_N_ELEMENTS (attendance_choices))
    return;

  if (!psr_attendance_set (self->database, slot_id, person_id, attendance_choices[selected],
                           &error))
    psr_show_error (GTK_WIDGET (self), error);

  /* Not now: the drop-down is still emitting. */
  g_idle_add_once ((GSourceOnceFunc) refresh, self);
}

static GtkWidget *
create_attendance_drop_down (PsrSessionEditor        *self,
                             const PsrSlot           *slot,
                             const PsrEnrollment     *trainee,
                             const PsrAttendanceCell *cell)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *label = NULL;
  GtkWidget *drop_down;

  for (guint i = 0; i < G_N_ELEMENTS (attendance_choices); i++)
    gtk_string_list_append (names, psr_attendance_status_label (attendance_choices[i]));

  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (attendance_choices); i++)
    if (attendance_choices[i] == cell->status)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);

  /* Translators: the accessible name of the attendance of a trainee. */
  label = g_strdup_printf (_("Attendance of %s"), trainee->display_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
  gtk_widget_set_valign (drop_down, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (drop_down), "slot-id", GSIZE_TO_POINTER (slot->id));
  g_object_set_data (G_OBJECT (drop_down), "person-id", GSIZE_TO_POINTER (trainee->person_id));
  g_signal_connect_object (drop_down, "notify::selected", G_CALLBACK (attendance_selected_cb),
                           self, 0);
  return drop_down;
}

static GtkWidget *
create_sign_button (const char *label,
                    const char *accessible,
                    gint64      slot_id,
                    gint64      person_id,
                    const char *role,
                    const char *name)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_name (button, "sign-button");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.sign");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(xxss)", slot_id, person_id, role,
                                    name);
  return button;
}

static void
add_trainee_rows (PsrSessionEditor        *self,
                  AdwExpanderRow          *expander,
                  const PsrAttendanceGrid *grid,
                  guint                    column,
                  gboolean                 open)
{
  PsrSlot *slot = g_ptr_array_index (grid->slots, column);
  gboolean cancelled = self->details->status == PSR_SESSION_CANCELLED;

  for (guint i = 0; i < grid->trainees->len; i++)
    {
      PsrEnrollment *trainee = g_ptr_array_index (grid->trainees, i);
      const PsrAttendanceCell *cell = psr_attendance_grid_get_cell (grid, i, column);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), trainee->display_name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      if (cell->signed_at != NULL)
        {
          g_autofree char *when = format_instant (cell->signed_at);
          g_autofree char *text = g_strdup_printf (_("Signed on %s"), when);
          GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

          gtk_widget_add_css_class (icon, "success");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Signed"), -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
        }
      else if (open && !cancelled)
        {
          /* Translators: the accessible name of the button with which a
           * trainee signs a half-day. */
          g_autofree char *accessible = g_strdup_printf (_("Sign for %s"), trainee->display_name);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     create_sign_button (_("Sign"), accessible, slot->id,
                                                         trainee->person_id, "trainee",
                                                         trainee->display_name));
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not signed"));

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 create_attendance_drop_down (self, slot, trainee, cell));
      adw_expander_row_add_row (expander, row);
    }
}

static void
add_trainer_rows (PsrSessionEditor *self,
                  AdwExpanderRow   *expander,
                  const PsrSlot    *slot,
                  GPtrArray        *trainers,
                  GDateTime        *now)
{
  g_autoptr(GPtrArray) signatures = psr_slot_list_signatures (self->database, slot->id, NULL);
  gboolean can_sign = (slot_is_open (slot, now) || slot_is_over (slot, now))
                      && self->details->status != PSR_SESSION_CANCELLED;

  for (guint i = 0; trainers != NULL && i < trainers->len; i++)
    {
      PsrSessionPerson *trainer = g_ptr_array_index (trainers, i);
      GtkWidget *row = adw_action_row_new ();
      PsrSignature *signature = NULL;
      g_autofree char *title = NULL;

      for (guint j = 0; signatures != NULL && j < signatures->len; j++)
        {
          PsrSignature *candidate = g_ptr_array_index (signatures, j);

          if (candidate->role == PSR_SIGNATURE_TRAINER && candidate->person_id == trainer->person_id)
            signature = candidate;
        }

      /* Translators: the row of a trainer in the attendance of a half-day. */
      title = g_strdup_printf (_("%s, trainer"), trainer->display_name);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

      if (signature != NULL)
        {
          g_autofree char *when = format_instant (signature->signed_at);
          g_autofree char *text = NULL;

          if (*signature->late_reason != '\0')
            /* Translators: a countersignature made after its half-day, and why. */
            text = g_strdup_printf (_("Countersigned on %s, late: %s"), when,
                                    signature->late_reason);
          else
            text = g_strdup_printf (_("Countersigned on %s"), when);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
        }
      else if (can_sign)
        {
          g_autofree char *accessible = g_strdup_printf (_("Countersign for %s"),
                                                         trainer->display_name);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     create_sign_button (_("Countersign"), accessible, slot->id,
                                                         trainer->person_id, "trainer",
                                                         trainer->display_name));
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not countersigned"));

      adw_expander_row_add_row (expander, row);
    }
}

static void
fill_attendance (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrAttendanceGrid) grid = psr_session_get_attendance (self->database, self->id,
                                                                  &error);
  g_autoptr(GPtrArray) trainers = psr_session_list_trainers (self->database, self->id, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  psr_rows_clear (self->attendance_list);
  if (grid == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  self->filling = TRUE;
  for (guint column = 0; column < grid->slots->len; column++)
    {
      PsrSlot *slot = g_ptr_array_index (grid->slots, column);
      g_autofree char *title = describe_slot (slot);
      g_autofree char *subtitle = NULL;
      gboolean open = slot_is_open (slot, now);
      GtkWidget *expander = adw_expander_row_new ();
      guint n_signed = 0;

      for (guint i = 0; i < grid->trainees->len; i++)
        n_signed += psr_attendance_grid_get_cell (grid, i, column)->signed_at != NULL;

      /* Translators: how many trainees signed a half-day, and whether a
       * trainer countersigned it. */
      subtitle = g_strdup_printf (ngettext ("%u of %u trainee signed%s",
                                            "%u of %u trainees signed%s", grid->trainees->len),
                                  n_signed, grid->trainees->len,
                                  grid->countersigned_at[column] != NULL
                                    ? _(", countersigned")
                                    : open ? _(", open for signing now") : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), open);

      add_trainee_rows (self, ADW_EXPANDER_ROW (expander), grid, column, open);
      add_trainer_rows (self, ADW_EXPANDER_ROW (expander), slot, trainers, now);
      gtk_list_box_append (self->attendance_list, expander);
    }
  self->filling = FALSE;
}

static void
verify_chain (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrChainReport) report = psr_session_verify_signatures (self->database, self->id,
                                                                    &error);

  if (report == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->chain_label), !report->intact);
  if (!report->intact)
    {
      g_autofree char *text = g_strdup_printf (
        _("The signatures of this session were changed outside Passerelle: %s. Keep the "
          "paper attendance sheets and tell the person in charge of quality."),
        report->message);

      gtk_label_set_text (self->chain_label, text);
    }
}

static void
refresh (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  PsrSessionDetails *details;

  if (self->database == NULL || self->id == 0)
    return;

  details = psr_session_get_details (self->database, self->id, &error);
  if (details == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->details, psr_session_details_free);
  self->details = details;

  slots = psr_session_list_slots (self->database, self->id, &error);
  if (slots == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  fill_header (self);
  fill_details (self);
  fill_conflicts (self);
  fill_slots (self, slots);
  fill_trainers (self);
  fill_trainees (self);
  fill_attendance (self);
  fill_positioning (self);
  fill_attachments (self);
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_list),
                          gtk_widget_get_first_child (GTK_WIDGET (self->attachments_list)) != NULL);
}

void
psr_session_editor_load (PsrSessionEditor *self,
                         gint64            session_id)
{
  g_return_if_fail (PSR_IS_SESSION_EDITOR (self));

  if (self->id != 0)
    save_dirty (self);

  self->id = session_id;
  psr_autosave_discard (&self->autosave);
  refresh (self);
  verify_chain (self);
}

gint64
psr_session_editor_get_id (PsrSessionEditor *self)
{
  g_return_val_if_fail (PSR_IS_SESSION_EDITOR (self), 0);

  return self->id;
}

void
psr_session_editor_set_database (PsrSessionEditor *self,
                                 PsrDatabase      *database)
{
  g_return_if_fail (PSR_IS_SESSION_EDITOR (self));

  if (g_set_object (&self->database, database))
    self->id = 0;
}

/* Actions: the session --------------------------------------------------------- */

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);

  save_dirty (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
set_status (PsrSessionEditor *self,
            PsrSessionStatus  status,
            const char       *reason)
{
  g_autoptr(GError) error = NULL;

  save_dirty (self);
  if (!psr_session_set_status (self->database, self->id, status, reason, &error))
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
status_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  int status = psr_session_status_from_code (g_variant_get_string (parameter, NULL));

  if (status >= 0)
    set_status (PSR_SESSION_EDITOR (widget), status, NULL);
}

static void
cancel_reason_done (GtkWidget  *widget,
                    const char *reason,
                    gpointer    data)
{
  set_status (PSR_SESSION_EDITOR (widget), PSR_SESSION_CANCELLED, reason);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  psr_ask_text (widget, _("Cancel Session?"),
                _("Its trainees stay enrolled, so that it can be restored. Say why it is "
                  "cancelled: the reason is kept with the session."),
                _("Reason"), NULL, _("Cancel _Session"), cancel_reason_done, NULL, NULL);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;

  if (!psr_session_delete (self->database, self->id, &error))
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  self->id = 0;
  psr_autosave_discard (&self->autosave);
  psr_toast (GTK_WIDGET (self), _("Session deleted"));
  g_signal_emit (self, signals[CLOSED], 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  GtkWidget *dialog = adw_message_dialog_new (
    GTK_WINDOW (gtk_widget_get_root (widget)), _("Delete Session?"),
    _("Its half-days, enrollments and attendance are deleted with it. A session with "
      "signatures cannot be deleted: cancel it instead."));

  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "delete", _("_Delete"),
                         ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A day to choose, in a dialog: for a new half-day and for a copy. */
typedef void (*DayDone) (PsrSessionEditor *self,
                         const GDate      *day,
                         guint             choice);

static void
day_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 PsrSessionEditor *self)
{
  GtkCalendar *calendar = g_object_get_data (G_OBJECT (dialog), "calendar");
  GtkDropDown *choices = g_object_get_data (G_OBJECT (dialog), "choices");
  DayDone done = g_object_get_data (G_OBJECT (dialog), "done");
  g_autoptr(GDateTime) picked = NULL;
  GDate day;

  if (g_strcmp0 (response, "answer") != 0)
    return;

  picked = gtk_calendar_get_date (calendar);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (picked), g_date_time_get_month (picked),
                  g_date_time_get_year (picked));
  done (self, &day, choices != NULL ? gtk_drop_down_get_selected (choices) : 0);
}

static void
ask_day (PsrSessionEditor   *self,
         const char         *heading,
         const char         *body,
         const char * const *choices,
         const char         *answer,
         DayDone             done)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (calendar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Day"), -1);
  gtk_box_append (GTK_BOX (box), calendar);
  g_object_set_data (G_OBJECT (dialog), "calendar", calendar);

  if (choices != NULL)
    {
      GtkWidget *drop_down = gtk_drop_down_new_from_strings (choices);

      gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Half-Day"), -1);
      gtk_box_append (GTK_BOX (box), drop_down);
      g_object_set_data (G_OBJECT (dialog), "choices", drop_down);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "answer", answer, ADW_RESPONSE_SUGGESTED);
  g_object_set_data (G_OBJECT (dialog), "done", done);
  g_signal_connect_object (dialog, "response", G_CALLBACK (day_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
duplicate_day_done (PsrSessionEditor *self,
                    const GDate      *day,
                    guint             choice)
{
  g_autoptr(GError) error = NULL;
  gint64 id = psr_session_duplicate (self->database, self->id, day, &error);

  if (id == 0)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  psr_session_editor_load (self, id);
  psr_toast (GTK_WIDGET (self), _("Session duplicated"));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);

  save_dirty (self);
  ask_day (self, _("Duplicate Session"),
           _("The copy has the same place, trainers and half-days, moved to start on the day "
             "you choose. Trainees are not copied."),
           NULL, _("_Duplicate"), duplicate_day_done);
}

/* Actions: half-days ------------------------------------------------------------ */

static void
slot_day_done (PsrSessionEditor *self,
               const GDate      *day,
               guint             choice)
{
  g_autoptr(GError) error = NULL;

  if (psr_session_add_slot (self->database, self->id, day,
                            choice == 1 ? PSR_PERIOD_AFTERNOON : PSR_PERIOD_MORNING, &error) == 0)
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
slot_add_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  const char *periods[] = { psr_period_label (PSR_PERIOD_MORNING),
                            psr_period_label (PSR_PERIOD_AFTERNOON), NULL };

  ask_day (PSR_SESSION_EDITOR (widget), _("Add Half-Day"), NULL, periods, _("_Add"),
           slot_day_done);
}

/* "9:05", "09:05" or "9h05" → minutes from midnight; G_MAXUINT when the
 * text is no time of day. */
static guint
parse_time (const char *text)
{
  guint hours, minutes;
  char separator, rest;

  if (sscanf (text, " %u %c %u %c", &hours, &separator, &minutes, &rest) != 3
      || (separator != ':' && separator != 'h' && separator != 'H' && separator != '.')
      || hours > 23 || minutes > 59)
    return G_MAXUINT;

  return hours * 60 + minutes;
}

static void
slot_times_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PsrSessionEditor *self)
{
  GtkEditable *starts = g_object_get_data (G_OBJECT (dialog), "starts");
  GtkEditable *ends = g_object_get_data (G_OBJECT (dialog), "ends");
  gint64 slot_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "slot-id"));
  g_autoptr(PsrSlot) slot = NULL;
  g_autoptr(GError) error = NULL;
  guint starts_at, ends_at;

  if (g_strcmp0 (response, "answer") != 0)
    return;

  starts_at = parse_time (gtk_editable_get_text (starts));
  ends_at = parse_time (gtk_editable_get_text (ends));
  slot = psr_slot_get (self->database, slot_id, &error);
  if (slot == NULL)
    psr_show_error (GTK_WIDGET (self), error);
  else if (starts_at == G_MAXUINT || ends_at == G_MAXUINT)
    psr_show_message (GTK_WIDGET (self), _("Times Not Changed"),
                      _("Type the times as hours and minutes, such as 09:00 or 13:30."));
  else if (!psr_slot_set (self->database, slot_id, &slot->day, slot->period, starts_at, ends_at,
                          &error))
    psr_show_error (GTK_WIDGET (self), error);

  refresh (self);
}

static GtkWidget *
add_time_row (GtkListBox *list,
              const char *title,
              guint       minutes)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *text = g_strdup_printf ("%02u:%02u", minutes / 60, minutes % 60);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
  gtk_list_box_append (list, row);
  return row;
}

static void
slot_edit_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSlot) slot = psr_slot_get (self->database, g_variant_get_int64 (parameter), &error);
  g_autofree char *title = NULL;
  GtkWidget *dialog, *list;

  if (slot == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  title = describe_slot (slot);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("Change Times"),
                                   title);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_object_set_data (G_OBJECT (dialog), "starts",
                     add_time_row (GTK_LIST_BOX (list), _("Starts at"), slot->starts_at));
  g_object_set_data (G_OBJECT (dialog), "ends",
                     add_time_row (GTK_LIST_BOX (list), _("Ends at"), slot->ends_at));
  g_object_set_data (G_OBJECT (dialog), "slot-id", GSIZE_TO_POINTER (slot->id));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "answer", _("_Save"),
                         ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (slot_times_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
slot_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_slot_remove (self->database, g_variant_get_int64 (parameter), &error))
    psr_show_error (widget, error);
  refresh (self);
}

/* Actions: people ------------------------------------------------------------------ */

typedef void (*PersonDone) (PsrSessionEditor *self,
                            gint64            person_id);

typedef struct
{
  PsrSessionEditor   *editor;
  GtkSingleSelection *selection;
  gboolean            trainers_only;
  PersonDone          done;
} PersonPick;

static void
person_pick_free (gpointer  data,
                  GClosure *closure)
{
  PersonPick *pick = data;

  g_object_unref (pick->editor);
  g_object_unref (pick->selection);
  g_free (pick);
}

static void
person_search_cb (GtkSearchEntry *entry,
                  PersonPick     *pick)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = psr_planning_search_people (
    pick->editor->database, gtk_editable_get_text (GTK_EDITABLE (entry)), pick->trainers_only,
    &error);

  if (people == NULL)
    {
      psr_show_error (GTK_WIDGET (pick->editor), error);
      return;
    }

  gtk_single_selection_set_model (pick->selection, people);
}

static void
person_pick_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PersonPick       *pick)
{
  PsrRecord *person = gtk_single_selection_get_selected_item (pick->selection);

  if (g_strcmp0 (response, "answer") == 0 && person != NULL)
    pick->done (pick->editor, psr_record_get_id (person));
}

static void
person_activated_cb (GtkListView      *list,
                     guint             position,
                     AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "answer");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
person_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
person_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  PsrPerson *person = gtk_list_item_get_item (item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *details = gtk_widget_get_next_sibling (name);
  const char *organisation;

  if (person == NULL)
    return;

  organisation = psr_person_get_organisation (person);
  gtk_label_set_text (GTK_LABEL (name), psr_record_get_title (PSR_RECORD (person)));
  gtk_label_set_text (GTK_LABEL (details), *organisation != '\0'
                                             ? organisation
                                             : psr_language_label (psr_person_get_language (person)));
}

static void
pick_person (PsrSessionEditor *self,
             const char       *heading,
             const char       *answer,
             gboolean          trainers_only,
             PersonDone        done)
{
  PersonPick *pick = g_new0 (PersonPick, 1);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *dialog, *box, *search, *scrolled, *list;

  pick->editor = g_object_ref (self);
  pick->trainers_only = trainers_only;
  pick->done = done;
  pick->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (pick->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (person_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (person_bind_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (pick->selection)),
                            g_steal_pointer (&factory));
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  trainers_only ? _("Trainers") : _("People"), -1);

  search = gtk_search_entry_new ();
  g_object_set (search, "placeholder-text",
                trainers_only ? _("Search trainers") : _("Search by name, email or organisation"),
                NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search people"), -1);
  gtk_search_entry_set_key_capture_widget (GTK_SEARCH_ENTRY (search), list);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scrolled);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                   NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "answer", answer, ADW_RESPONSE_SUGGESTED);
  g_signal_connect (search, "search-changed", G_CALLBACK (person_search_cb), pick);
  g_signal_connect (list, "activate", G_CALLBACK (person_activated_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (person_pick_response_cb), pick,
                         person_pick_free, 0);
  person_search_cb (GTK_SEARCH_ENTRY (search), pick);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (search);
}

static void
trainer_picked (PsrSessionEditor *self,
                gint64            person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trainers = psr_session_list_trainers (self->database, self->id, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; trainers != NULL && i < trainers->len; i++)
    g_array_append_val (ids, ((PsrSessionPerson *) g_ptr_array_index (trainers, i))->person_id);
  g_array_append_val (ids, person_id);

  if (trainers == NULL
      || !psr_session_set_trainers (self->database, self->id, (const gint64 *) ids->data,
                                    ids->len, &error))
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
trainer_add_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pick_person (PSR_SESSION_EDITOR (widget), _("Add Trainer"), _("_Add"), TRUE, trainer_picked);
}

static void
trainer_remove_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  gint64 removed = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trainers = psr_session_list_trainers (self->database, self->id, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; trainers != NULL && i < trainers->len; i++)
    {
      gint64 id = ((PsrSessionPerson *) g_ptr_array_index (trainers, i))->person_id;

      if (id != removed)
        g_array_append_val (ids, id);
    }

  if (trainers == NULL
      || !psr_session_set_trainers (self->database, self->id, (const gint64 *) ids->data,
                                    ids->len, &error))
    psr_show_error (widget, error);
  refresh (self);
}

static void
trainee_picked (PsrSessionEditor *self,
                gint64            person_id)
{
  g_autoptr(GError) error = NULL;
  PsrEnrollmentStatus status;

  if (psr_session_enroll (self->database, self->id, person_id, &status, &error) == 0)
    psr_show_error (GTK_WIDGET (self), error);
  else if (status == PSR_ENROLLMENT_WAITING)
    psr_toast (GTK_WIDGET (self), _("The session is full: added to the waiting list"));
  refresh (self);
}

static void
enroll_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pick_person (PSR_SESSION_EDITOR (widget), _("Enroll Trainee"), _("_Enroll"), FALSE,
               trainee_picked);
}

static void
reenroll_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  trainee_picked (PSR_SESSION_EDITOR (widget), g_variant_get_int64 (parameter));
}

static void
unenroll_done (GtkWidget  *widget,
               const char *reason,
               gpointer    data)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_enrollment_cancel (self->database, GPOINTER_TO_SIZE (data), reason, &error))
    psr_show_error (widget, error);
  refresh (self);
}

static void
unenroll_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  psr_ask_text (widget, _("Cancel Enrollment?"),
                _("The seat goes to the first trainee on the waiting list. Say why the "
                  "enrollment is cancelled."),
                _("Reason"), NULL, _("Cancel _Enrollment"), unenroll_done,
                GSIZE_TO_POINTER (g_variant_get_int64 (parameter)), NULL);
}

static void
set_no_show (PsrSessionEditor *self,
             gint64            enrollment_id,
             gboolean          no_show)
{
  g_autoptr(GError) error = NULL;

  if (!psr_enrollment_set_no_show (self->database, enrollment_id, no_show, &error))
    psr_show_error (GTK_WIDGET (self), error);
  refresh (self);
}

static void
no_show_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  set_no_show (PSR_SESSION_EDITOR (widget), g_variant_get_int64 (parameter), TRUE);
}

static void
come_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  set_no_show (PSR_SESSION_EDITOR (widget), g_variant_get_int64 (parameter), FALSE);
}

/* Signing --------------------------------------------------------------------------- */

typedef struct
{
  PsrSessionEditor *editor;
  gint64            slot_id;
  gint64            person_id;
  PsrSignatureRole  role;
  PsrSignaturePad  *pad;
  AdwEntryRow      *reason_row;
  AdwMessageDialog *dialog;
} Signing;

static void
signing_free (gpointer  data,
              GClosure *closure)
{
  Signing *signing = data;

  g_object_unref (signing->editor);
  g_free (signing);
}

static void
signing_update (Signing *signing)
{
  gboolean ready = !psr_signature_pad_is_empty (signing->pad);

  if (signing->reason_row != NULL)
    {
      g_autofree char *reason = g_strstrip (g_strdup (
        gtk_editable_get_text (GTK_EDITABLE (signing->reason_row))));

      ready &= *reason != '\0';
    }

  adw_message_dialog_set_response_enabled (signing->dialog, "sign", ready);
}

static void
signing_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     Signing          *signing)
{
  PsrSessionEditor *self = signing->editor;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;

  if (g_strcmp0 (response, "sign") != 0)
    return;

  if (signing->reason_row != NULL)
    reason = gtk_editable_get_text (GTK_EDITABLE (signing->reason_row));

  if (psr_slot_sign (self->database, signing->slot_id, signing->person_id, signing->role,
                     psr_signature_pad_get_strokes (signing->pad), reason, NULL, &error) == 0)
    psr_show_error (GTK_WIDGET (self), error);
  else
    psr_toast (GTK_WIDGET (self), signing->role == PSR_SIGNATURE_TRAINER ? _("Countersigned")
                                                                         : _("Signed"));
  refresh (self);
}

static void
sign_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrSlot) slot = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  const char *role, *name;
  Signing *signing;
  GtkWidget *dialog, *box, *clear;
  gint64 slot_id, person_id;

  g_variant_get (parameter, "(xx&s&s)", &slot_id, &person_id, &role, &name);
  slot = psr_slot_get (self->database, slot_id, &error);
  if (slot == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  signing = g_new0 (Signing, 1);
  signing->editor = g_object_ref (self);
  signing->slot_id = slot_id;
  signing->person_id = person_id;
  signing->role = g_str_equal (role, "trainer") ? PSR_SIGNATURE_TRAINER : PSR_SIGNATURE_TRAINEE;
  signing->pad = PSR_SIGNATURE_PAD (psr_signature_pad_new ());

  title = describe_slot (slot);
  /* Translators: who signs, and which half-day, as in "Amina Benali\nTuesday,
   * March 10 · Morning". */
  body = g_strdup_printf (_("%s\n%s"), name, title);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   signing->role == PSR_SIGNATURE_TRAINER ? _("Countersign")
                                                                          : _("Sign"),
                                   body);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (signing->pad));
  /* A button of the dialog would close it: clearing starts again. */
  clear = gtk_button_new_with_mnemonic (_("C_lear"));
  gtk_widget_set_halign (clear, GTK_ALIGN_END);
  gtk_widget_add_css_class (clear, "flat");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (psr_signature_pad_clear), signing->pad);
  gtk_box_append (GTK_BOX (box), clear);

  /* After the half-day, only a trainer signs, and says why so late. */
  if (signing->role == PSR_SIGNATURE_TRAINER && slot_is_over (slot, now))
    {
      GtkWidget *list = gtk_list_box_new ();

      signing->reason_row = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (signing->reason_row),
                                     _("Why sign after the half-day?"));
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (signing->reason_row));
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_box_append (GTK_BOX (box), list);
      g_signal_connect_swapped (signing->reason_row, "changed", G_CALLBACK (signing_update),
                                signing);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "sign",
                                    signing->role == PSR_SIGNATURE_TRAINER ? _("C_ountersign")
                                                                           : _("_Sign"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  signing->dialog = ADW_MESSAGE_DIALOG (dialog);
  g_signal_connect_swapped (signing->pad, "notify::empty", G_CALLBACK (signing_update), signing);
  g_signal_connect_data (dialog, "response", G_CALLBACK (signing_response_cb), signing,
                         signing_free, 0);
  signing_update (signing);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Positioning ---------------------------------------------------------------------- */

static void
fill_positioning (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PsrPositioningSummary) summary = psr_session_get_positioning_summary (
    self->database, self->id, &error);
  GtkWidget *row;

  psr_rows_clear (self->positioning_list);
  if (summary == NULL)
    {
      psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (guint i = 0; i < summary->competencies->len; i++)
    {
      PsrCompetencyGap *gap = g_ptr_array_index (summary->competencies, i);
      g_autofree char *title = *gap->code != '\0'
                                 ? g_strdup_printf ("%s %s", gap->code, gap->title)
                                 : g_strdup (gap->title);
      g_autofree char *subtitle = NULL;

      if (gap->n_rated > 0)
        {
          g_autofree char *share = psr_format_percent (gap->progressed_share);

          /* Translators: how a session's trainees progressed on a
           * competency: the average gain in levels of the scale, the share
           * who progressed, and how many were rated before and after, as in
           * "+0.8 level on average · 60% progressed · 5 rated". */
          subtitle = g_strdup_printf (ngettext ("%+.1f level on average · %s progressed · %u rated",
                                                "%+.1f level on average · %s progressed · %u rated",
                                                gap->n_rated),
                                      gap->average_gap, share, gap->n_rated);
        }
      else
        subtitle = g_strdup (_("Nobody rated before and after yet"));

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->positioning_list, row);
    }

  if (summary->competencies->len == 0)
    {
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("The curriculum links no competency to rate"));
      gtk_list_box_append (self->positioning_list, row);
      return;
    }

  if (summary->missing_before->len > 0 || summary->missing_after->len > 0)
    {
      g_autofree char *before = g_strdup_printf (
        ngettext ("%u trainee not rated before", "%u trainees not rated before",
                  summary->missing_before->len), summary->missing_before->len);
      g_autofree char *after = g_strdup_printf (
        ngettext ("%u not rated after", "%u not rated after", summary->missing_after->len),
        summary->missing_after->len);
      g_autofree char *text = g_strdup_printf (_("%s · %s"), before, after);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("To do"), -1);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->positioning_list, row);
    }
}

typedef struct
{
  PsrSessionEditor *editor;
  GPtrArray        *trainees;
  GPtrArray        *competencies;
  GPtrArray        *levels;
  GtkDropDown      *trainee;
  GtkDropDown      *moment;
  GPtrArray        *choices;
} Rating;

static void
rating_free (gpointer  data,
             GClosure *closure)
{
  Rating *rating = data;

  g_object_unref (rating->editor);
  g_ptr_array_unref (rating->trainees);
  g_ptr_array_unref (rating->competencies);
  g_ptr_array_unref (rating->levels);
  g_ptr_array_unref (rating->choices);
  g_free (rating);
}

static void
rating_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    Rating           *rating)
{
  PsrSessionEditor *self = rating->editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) trainers = NULL;
  PsrEnrollment *trainee;
  PsrMoment moment;
  gint64 trainer_id = 0;

  if (g_strcmp0 (response, "save") != 0)
    return;

  trainee = g_ptr_array_index (rating->trainees, gtk_drop_down_get_selected (rating->trainee));
  moment = gtk_drop_down_get_selected (rating->moment) == 0 ? PSR_MOMENT_BEFORE
                                                            : PSR_MOMENT_AFTER;
  trainers = psr_session_list_trainers (self->database, self->id, NULL);
  if (trainers != NULL && trainers->len > 0)
    trainer_id = ((PsrSessionPerson *) g_ptr_array_index (trainers, 0))->person_id;

  for (guint i = 0; i < rating->competencies->len; i++)
    {
      PsrPositioningCompetency *competency = g_ptr_array_index (rating->competencies, i);
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (rating->choices, i));
      gboolean ok;

      /* The first choice is "not rated". */
      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        ok = psr_positioning_clear (self->database, self->id, trainee->person_id, competency->id,
                                    moment, PSR_RATER_TRAINER, &error);
      else
        ok = psr_positioning_set (self->database, self->id, trainee->person_id, competency->id,
                                  moment, PSR_RATER_TRAINER, trainer_id,
                                  ((PsrScaleLevel *) g_ptr_array_index (rating->levels,
                                                                        selected - 1))->id,
                                  NULL, &error);
      if (!ok)
        {
          psr_show_error (GTK_WIDGET (self), error);
          break;
        }
    }

  refresh (self);
}

static void
rate_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GtkStringList) trainee_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) level_names = gtk_string_list_new (NULL);
  const char *moments[] = { _("Before the session"), _("After the session"), NULL };
  Rating *rating;
  GtkWidget *dialog, *list, *row;

  enrollments = psr_session_list_enrollments (self->database, self->id, &error);
  if (enrollments == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  rating = g_new0 (Rating, 1);
  rating->editor = g_object_ref (self);
  rating->trainees = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_enrollment_free);
  rating->choices = g_ptr_array_new ();
  for (guint i = 0; i < enrollments->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (enrollments, i);

      if (enrollment->status == PSR_ENROLLMENT_ENROLLED)
        {
          g_ptr_array_add (rating->trainees, psr_enrollment_copy (enrollment));
          gtk_string_list_append (trainee_names, enrollment->display_name);
        }
    }
  rating->competencies = psr_session_list_positioning_competencies (self->database, self->id,
                                                                   &error);
  rating->levels = rating->competencies != NULL
                     ? psr_session_list_positioning_levels (self->database, self->id, &error)
                     : NULL;
  if (rating->levels == NULL)
    {
      psr_show_error (widget, error);
      rating_free (rating, NULL);
      return;
    }

  if (rating->trainees->len == 0 || rating->competencies->len == 0 || rating->levels->len == 0)
    {
      psr_show_message (widget, _("Nothing to Rate"),
                        rating->trainees->len == 0
                          ? _("Enroll trainees first.")
                          : _("The curriculum of this session links no competency with a "
                              "scale. Link its objectives or modules to competencies on the "
                              "Curricula page."));
      rating_free (rating, NULL);
      return;
    }

  gtk_string_list_append (level_names, _("Not rated"));
  for (guint i = 0; i < rating->levels->len; i++)
    gtk_string_list_append (level_names,
                            ((PsrScaleLevel *) g_ptr_array_index (rating->levels, i))->name);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Trainee"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (trainee_names));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  rating->trainee = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (trainee_names)),
                                                      NULL));
  g_object_bind_property (row, "selected", rating->trainee, "selected", G_BINDING_SYNC_CREATE);

  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("When"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (gtk_string_list_new (moments)));
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  rating->moment = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (moments));
  g_object_bind_property (row, "selected", rating->moment, "selected", G_BINDING_SYNC_CREATE);

  for (guint i = 0; i < rating->competencies->len; i++)
    {
      PsrPositioningCompetency *competency = g_ptr_array_index (rating->competencies, i);
      GtkDropDown *choice = GTK_DROP_DOWN (gtk_drop_down_new (
        G_LIST_MODEL (g_object_ref (level_names)), NULL));

      row = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), competency->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (level_names));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), competency->code);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_object_bind_property (row, "selected", choice, "selected", G_BINDING_SYNC_CREATE);
      g_object_ref_sink (choice);
      g_ptr_array_add (rating->choices, choice);
    }
  g_ptr_array_set_free_func (rating->choices, g_object_unref);
  g_object_ref_sink (rating->trainee);
  g_object_ref_sink (rating->moment);
  g_object_set_data_full (G_OBJECT (list), "trainee", rating->trainee, g_object_unref);
  g_object_set_data_full (G_OBJECT (list), "moment", rating->moment, g_object_unref);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Rate as Trainer"),
                                   _("Your rating of the trainee, beside their own. Where both "
                                     "exist, yours counts for the gain."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  psr_dialog_add_choice (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rating_response_cb), rating, rating_free,
                         0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Documents ------------------------------------------------------------------------- */

static const struct
{
  const char *title;
  const char *subtitle;
  const char *done;
} document_labels[] = {
  [PSR_SESSION_DOCUMENT_CONVOCATIONS] = {
    N_("Convocations"),
    N_("One for each trainee, in the trainee’s language"),
    N_("Convocations saved"),
  },
  [PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET] = {
    N_("Attendance Sheet"),
    N_("To print and sign on paper when the screen cannot be used"),
    N_("Attendance sheet saved"),
  },
  [PSR_SESSION_DOCUMENT_CERTIFICATES] = {
    N_("Certificates of Completion"),
    N_("One for each trainee, with the attendance rate from the signatures"),
    N_("Certificates saved"),
  },
};

typedef struct
{
  char                   *path;
  gint64                  session_id;
  PsrSessionDocumentKind  kind;
  char                   *directory;
  char                   *organisation;
  char                   *referent_name;
  char                   *referent_contact;
  GtkWidget              *row;
} DocumentJob;

static void
document_job_free (gpointer data)
{
  DocumentJob *job = data;

  g_free (job->path);
  g_free (job->directory);
  g_free (job->organisation);
  g_free (job->referent_name);
  g_free (job->referent_contact);
  g_clear_object (&job->row);
  g_free (job);
}

typedef struct
{
  GtkWidget *row;
  guint      done;
  guint      total;
} DocumentProgress;

static gboolean
show_progress_cb (gpointer data)
{
  DocumentProgress *progress = data;
  g_autofree char *text = NULL;

  /* Translators: documents of a session being written, as in "Writing 3 of
   * 12…". */
  text = g_strdup_printf (_("Writing %u of %u…"), progress->done, progress->total);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (progress->row), text);
  g_object_unref (progress->row);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
document_progress_cb (guint    done,
                      guint    total,
                      gpointer user_data)
{
  DocumentJob *job = user_data;
  DocumentProgress *progress = g_new0 (DocumentProgress, 1);

  progress->row = g_object_ref (job->row);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke (NULL, show_progress_cb, progress);
}

/* Laying out a dozen PDFs takes seconds: a thread does it, on a connection
 * of its own. */
static void
write_documents_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  DocumentJob *job = task_data;
  g_autoptr(PsrDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) files = NULL;
  PsrDocumentInfo info = { job->organisation, job->referent_name, job->referent_contact };
  PsrSessionDocumentOptions options = { &info, NULL, NULL };

  db = psr_database_open (job->path, &error);
  if (db != NULL)
    files = psr_session_documents_write (db, job->session_id, job->kind, &options,
                                         job->directory, document_progress_cb, job, cancellable,
                                         &error);

  if (files == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, g_strv_length (files));
}

static void
open_folder_cb (AdwToast *toast,
                gpointer  user_data)
{
  const char *uri = g_object_get_data (G_OBJECT (toast), "uri");

  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static void
documents_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (object);
  DocumentJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (job->directory);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwToast *toast;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (job->row), _(document_labels[job->kind].subtitle));
  gtk_widget_set_sensitive (job->row, TRUE);

  if (g_task_propagate_int (G_TASK (result), &error) < 0 || error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        psr_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (!PSR_IS_WINDOW (root))
    return;

  toast = adw_toast_new (_(document_labels[job->kind].done));
  adw_toast_set_button_label (toast, _("_Open Folder"));
  g_object_set_data_full (G_OBJECT (toast), "uri", g_file_get_uri (folder), g_free);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (open_folder_cb), NULL);
  psr_window_add_toast (PSR_WINDOW (root), toast);
}

static void
documents_folder_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  DocumentJob *job = user_data;
  PsrSessionEditor *self = g_object_get_data (G_OBJECT (chooser), "editor");
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GTask) task = NULL;

  if (response != GTK_RESPONSE_ACCEPT
      || (folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL
      || (job->directory = g_file_get_path (folder)) == NULL)
    {
      document_job_free (job);
      gtk_native_dialog_destroy (chooser);
      return;
    }

  gtk_widget_set_sensitive (job->row, FALSE);
  task = g_task_new (self, self->cancellable, documents_written_cb, NULL);
  g_task_set_task_data (task, job, document_job_free);
  g_task_run_in_thread (task, write_documents_thread);
  gtk_native_dialog_destroy (chooser);
}

static void
documents_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  guint kind = g_variant_get_int32 (parameter);
  const PsrDocumentInfo *info = psr_printing_get_document_info (widget);
  DocumentJob *job;
  GtkFileChooserNative *chooser;

  if (kind > PSR_SESSION_DOCUMENT_CERTIFICATES)
    return;

  save_dirty (self);
  job = g_new0 (DocumentJob, 1);
  job->path = g_strdup (psr_database_get_path (self->database));
  job->session_id = self->id;
  job->kind = kind;
  job->organisation = g_strdup (info->organisation);
  job->referent_name = g_strdup (info->referent_name);
  job->referent_contact = g_strdup (info->referent_contact);
  job->row = g_object_ref (self->document_rows[kind]);

  chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Documents"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "editor", g_object_ref (self), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (documents_folder_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  guint kind = g_variant_get_int32 (parameter);
  PsrSessionDocumentOptions options = { psr_printing_get_document_info (widget), NULL, NULL };
  g_autoptr(GError) error = NULL;
  PsrSessionPrint *print;

  if (kind > PSR_SESSION_DOCUMENT_CERTIFICATES)
    return;

  save_dirty (self);
  print = psr_session_print_new (self->database, self->id, kind, &options, &error);
  if (print == NULL)
    {
      psr_show_error (widget, error);
      return;
    }

  psr_print_document (widget, _(document_labels[kind].title),
                      psr_session_print_is_landscape (print), print,
                      (GDestroyNotify) psr_session_print_free,
                      (PsrPaginateFunc) psr_session_print_paginate,
                      (PsrDrawPageFunc) psr_session_print_draw_page);
}

static void
calendar_file_cb (GtkNativeDialog  *chooser,
                  int               response,
                  PsrSessionEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL
      && (path = g_file_get_path (file)) != NULL)
    {
      if (psr_ics_write (self->database, self->id, path, &error))
        psr_toast (GTK_WIDGET (self), _("Calendar file saved"));
      else
        psr_show_error (GTK_WIDGET (self), error);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export to Calendar"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  /* A file name: the session's title, then the extension of calendars. */
  name = g_strdup_printf ("%s.ics", self->details->display_title);
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (calendar_file_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Scanned sheets --------------------------------------------------------------- */

static void
fill_attachments (PsrSessionEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) attachments = psr_session_list_attachments (self->database, self->id,
                                                                   &error);

  psr_rows_clear (self->attachments_list);
  if (list_or_warn (self, attachments, error) == NULL)
    return;

  for (guint i = 0; i < attachments->len; i++)
    {
      PsrAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size (attachment->size);
      g_autofree char *when = format_instant (attachment->created_at);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), size, when);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), attachment->filename);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 psr_rows_icon_button ("document-save-symbolic", _("Save a Copy"),
                                                    "session.attachment-save", attachment->id));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 psr_rows_icon_button ("user-trash-symbolic", _("Remove File"),
                                                    "session.attachment-remove", attachment->id));
      gtk_list_box_append (self->attachments_list, row);
    }
}

static void
attach_file_cb (GtkNativeDialog  *chooser,
                int               response,
                PsrSessionEditor *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response != GTK_RESPONSE_ACCEPT
      || (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) == NULL)
    goto out;

  /* Checked before it is read: a scan is a few megabytes, not more. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &error);
  if (info != NULL && g_file_info_get_size (info) > PSR_ATTACHMENT_MAX_SIZE)
    {
      psr_show_message (GTK_WIDGET (self), _("File Too Large"),
                        _("Scan the sheet at a lower resolution, or as a PDF, then attach it "
                          "again."));
      goto out;
    }

  if (info == NULL || (bytes = g_file_load_bytes (file, NULL, NULL, &error)) == NULL
      || psr_session_attach (self->database, self->id, PSR_ATTACHMENT_ATTENDANCE_SHEET,
                             g_file_info_get_display_name (info),
                             g_file_info_get_content_type (info), bytes, &error) == 0)
    psr_show_error (GTK_WIDGET (self), error);
  else
    psr_toast (GTK_WIDGET (self), _("Scanned sheet attached"));
  fill_attachments (self);

out:
  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
attach_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Attach a Scanned Sheet"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Attach"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scans and PDF files"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (attach_file_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attachment_saved_cb (GtkNativeDialog  *chooser,
                     int               response,
                     PsrSessionEditor *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (chooser), "attachment-id"));
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT
      && (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    {
      bytes = psr_attachment_get_data (self->database, id, &error);
      if (bytes == NULL
          || !g_file_replace_contents (file, g_bytes_get_data (bytes, NULL),
                                       g_bytes_get_size (bytes), NULL, FALSE,
                                       G_FILE_CREATE_NONE, NULL, NULL, &error))
        psr_show_error (GTK_WIDGET (self), error);
      else
        psr_toast (GTK_WIDGET (self), _("Copy saved"));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (self);
}

static void
attachment_save_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GPtrArray) attachments = psr_session_list_attachments (self->database, self->id, NULL);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Save a Copy"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      PsrAttachment *attachment = g_ptr_array_index (attachments, i);

      if (attachment->id == id)
        gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), attachment->filename);
    }
  g_object_set_data (G_OBJECT (chooser), "attachment-id", GSIZE_TO_POINTER (id));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (attachment_saved_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
attachment_remove_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PsrSessionEditor *self = PSR_SESSION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!psr_attachment_remove (self->database, g_variant_get_int64 (parameter), &error))
    psr_show_error (widget, error);
  fill_attachments (self);
}

static void
build_documents_group (PsrSessionEditor *self)
{
  GtkWidget *calendar_row = adw_action_row_new ();
  GtkWidget *attach_row = adw_action_row_new ();
  GtkWidget *button;

  for (guint kind = 0; kind < G_N_ELEMENTS (document_labels); kind++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *print = gtk_button_new_from_icon_name ("printer-symbolic");
      /* Translators: the tooltip of the button that prints a kind of
       * document, as in "Print Convocations". */
      g_autofree char *print_label = g_strdup_printf (_("Print %s"),
                                                      _(document_labels[kind].title));

      gtk_widget_set_valign (print, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (print, "flat");
      gtk_widget_set_tooltip_text (print, print_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (print), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      print_label, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (print), "session.print");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (print), "i", kind);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), print);

      button = gtk_button_new_with_mnemonic (_("_Save…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.documents");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "i", kind);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(document_labels[kind].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(document_labels[kind].subtitle));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->documents_group, row);
      self->document_rows[kind] = row;
    }

  button = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.calendar");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (calendar_row), _("Calendar"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (calendar_row),
                               _("The half-days as events, for calendar apps"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (calendar_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (calendar_row), button);
  adw_preferences_group_add (self->documents_group, calendar_row);

  button = gtk_button_new_with_mnemonic (_("_Attach…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.attach");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (attach_row), _("Scanned Sheets"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (attach_row),
                               _("Signed paper sheets, kept with the session"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (attach_row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (attach_row), button);
  adw_preferences_group_add (self->documents_group, attach_row);

  self->attachments_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->attachments_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->attachments_list), "boxed-list");
  gtk_widget_set_margin_top (GTK_WIDGET (self->attachments_list), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->attachments_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Scanned Sheets"), -1);
  adw_preferences_group_add (self->documents_group, GTK_WIDGET (self->attachments_list));
}

/* Building the form ---------------------------------------------------------------- */

static void
add_text_row (PsrSessionEditor *self,
              PsrSessionField   field,
              const char       *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (self->details_group, row);
  self->texts[field] = row;
  g_signal_connect_swapped (row, "changed", G_CALLBACK (text_changed_cb), self);
}

static GtkSpinButton *
add_spin_row (PsrSessionEditor *self,
              const char       *title,
              const char       *subtitle,
              double            lower)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, 500, 1);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  adw_preferences_group_add (self->details_group, row);
  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (seats_changed_cb), self);
  return GTK_SPIN_BUTTON (spin);
}

static void
build_details_group (PsrSessionEditor *self)
{
  GtkWidget *status_row = adw_action_row_new ();

  add_text_row (self, PSR_SESSION_FIELD_TITLE, _("Title"));
  add_text_row (self, PSR_SESSION_FIELD_PLACE, _("Place"));
  add_text_row (self, PSR_SESSION_FIELD_ROOM, _("Room"));
  self->capacity_spin = add_spin_row (self, _("Seats"), _("Trainees beyond them wait"), 1);
  self->minimum_spin = add_spin_row (self, _("Minimum"), _("Trainees needed to run it"), 0);
  add_text_row (self, PSR_SESSION_FIELD_NOTES, _("Notes"));

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (status_row), _("Status"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (status_row), GTK_WIDGET (self->status_label));
  adw_preferences_group_add (self->details_group, status_row);
}

static void
psr_session_editor_dispose (GObject *object)
{
  PsrSessionEditor *self = (PsrSessionEditor *)object;

  if (psr_autosave_get_dirty (&self->autosave) != 0 && self->database != NULL && self->id != 0)
    save_dirty (self);
  psr_autosave_discard (&self->autosave);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), PSR_TYPE_SESSION_EDITOR);
  g_clear_pointer (&self->details, psr_session_details_free);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (psr_session_editor_parent_class)->dispose (object);
}

static void
psr_session_editor_class_init (PsrSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const struct {
    const char *name;
    const char *parameter;
    GtkWidgetActionActivateFunc activate;
  } actions[] = {
    { "session.close", NULL, close_action },
    { "session.status", "s", status_action },
    { "session.cancel", NULL, cancel_action },
    { "session.duplicate", NULL, duplicate_action },
    { "session.delete", NULL, delete_action },
    { "session.slot-add", NULL, slot_add_action },
    { "session.slot-edit", "x", slot_edit_action },
    { "session.slot-remove", "x", slot_remove_action },
    { "session.trainer-add", NULL, trainer_add_action },
    { "session.trainer-remove", "x", trainer_remove_action },
    { "session.enroll", NULL, enroll_action },
    { "session.reenroll", "x", reenroll_action },
    { "session.unenroll", "x", unenroll_action },
    { "session.no-show", "x", no_show_action },
    { "session.come", "x", come_action },
    { "session.sign", "(xxss)", sign_action },
    { "session.documents", "i", documents_action },
    { "session.rate", NULL, rate_action },
    { "session.print", "i", print_action },
    { "session.calendar", NULL, calendar_action },
    { "session.attach", NULL, attach_action },
    { "session.attachment-save", "x", attachment_save_action },
    { "session.attachment-remove", "x", attachment_remove_action },
  };

  object_class->dispose = psr_session_editor_dispose;

  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/universcience/Passerelle/"
                                               "psr-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, chain_label);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, cancelled_box);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, cancelled_label);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, details_group);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, slots_list);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, trainers_list);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, trainees_group);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, trainees_list);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, attendance_list);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, PsrSessionEditor, positioning_list);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i].name, actions[i].parameter,
                                     actions[i].activate);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "session.close", NULL);
}

static void
psr_session_editor_init (PsrSessionEditor *self)
{
  psr_autosave_init (&self->autosave, SAVE_DELAY_MS, autosave_cb, self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_details_group (self);
  build_documents_group (self);
  psr_rows_set_placeholder (self->slots_list, _("No half-days yet"));
  psr_rows_set_placeholder (self->trainers_list, _("No trainers yet"));
  psr_rows_set_placeholder (self->trainees_list, _("No trainees yet"));
  psr_rows_set_placeholder (self->attendance_list, _("Add half-days to record attendance"));
}
