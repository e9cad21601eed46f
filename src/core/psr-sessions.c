/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-locale-private.h"
#include "psr-sessions.h"
#include "psr-store-private.h"

/* The previous hash of the first signature of a session. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* What the canonical serialisation of a signature starts with, so that a
 * later format changes the hashes instead of colliding with them. */
#define SIGNATURE_FORMAT "passerelle-signature-1\n"

/* Stored strokes larger than this are not a signature. */
#define STROKES_MAX_BYTES (256 * 1024)

/* Coordinates are stored as integers of 1/10000. */
#define STROKES_SCALE 10000

#define PERSON_NAME "trim(p.given_name || ' ' || p.family_name)"
#define SESSION_TITLE "coalesce(nullif(s.title, ''), c.title)"

/* What a change applies to: the row leads to its session. */
typedef struct
{
  const char *sql;      /* ?1 the row → its session's id */
  const char *missing;  /* translatable: the row does not exist */
} Target;

static const Target session_target = {
  "SELECT id FROM sessions WHERE id = ?1",
  N_("This session no longer exists. Choose another one in the list of sessions."),
};

static const Target slot_target = {
  "SELECT session_id FROM session_slots WHERE id = ?1",
  N_("This half-day no longer exists. Open the session again to see its half-days."),
};

static const Target enrollment_target = {
  "SELECT session_id FROM enrollments WHERE id = ?1",
  N_("This enrollment no longer exists. Open the session again to see its trainees."),
};

static const Target attachment_target = {
  "SELECT session_id FROM attachments WHERE id = ?1 AND session_id IS NOT NULL",
  N_("This file is no longer attached. Open the session again to see its files."),
};

static const char * const session_field_sql[PSR_SESSION_N_FIELDS] = {
  [PSR_SESSION_FIELD_TITLE] = "UPDATE sessions SET title = ?2 WHERE id = ?1",
  [PSR_SESSION_FIELD_PLACE] = "UPDATE sessions SET place = ?2 WHERE id = ?1",
  [PSR_SESSION_FIELD_ROOM] = "UPDATE sessions SET room = ?2 WHERE id = ?1",
  [PSR_SESSION_FIELD_NOTES] = "UPDATE sessions SET notes = ?2 WHERE id = ?1",
};

/* The waiting list of a session (?1) back to the positions 1 … n, in order. */
static const char renumber_waiting_sql[] =
  "UPDATE enrollments SET waiting_position = r.rank"
  " FROM (SELECT id, row_number() OVER (ORDER BY waiting_position, id) AS rank"
  "       FROM enrollments WHERE session_id = ?1 AND status = 'waiting') AS r"
  " WHERE enrollments.id = r.id AND enrollments.waiting_position != r.rank";

static const char is_trainer_sql[] =
  "SELECT 1 FROM session_trainers WHERE session_id = ?1 AND person_id = ?2";

/* Codes -------------------------------------------------------------------- */

static const char * const session_status_codes[] = {
  "planned", "confirmed", "running", "done", "cancelled", NULL
};
static const char * const period_codes[] = { "morning", "afternoon", NULL };
static const char * const enrollment_status_codes[] = {
  "enrolled", "waiting", "cancelled", "no-show", NULL
};
/* PSR_ATTENDANCE_UNKNOWN is not stored. */
static const char * const attendance_status_codes[] = {
  "", "present", "late", "absent", "excused", NULL
};
static const char * const role_codes[] = { "trainee", "trainer", NULL };
static const char * const attachment_kind_codes[] = {
  "attendance-sheet", "convocation", "certificate", "other", NULL
};

static int
code_index (const char * const *codes,
            const char         *code)
{
  for (int i = 0; code != NULL && codes[i] != NULL; i++)
    if (g_str_equal (codes[i], code))
      return i;

  return -1;
}

const char *
psr_session_status_to_code (PsrSessionStatus status)
{
  g_return_val_if_fail (status <= PSR_SESSION_CANCELLED, NULL);
  return session_status_codes[status];
}

int
psr_session_status_from_code (const char *code)
{
  return code_index (session_status_codes, code);
}

const char *
psr_period_to_code (PsrPeriod period)
{
  g_return_val_if_fail (period <= PSR_PERIOD_AFTERNOON, NULL);
  return period_codes[period];
}

int
psr_period_from_code (const char *code)
{
  return code_index (period_codes, code);
}

const char *
psr_enrollment_status_to_code (PsrEnrollmentStatus status)
{
  g_return_val_if_fail (status <= PSR_ENROLLMENT_NO_SHOW, NULL);
  return enrollment_status_codes[status];
}

int
psr_enrollment_status_from_code (const char *code)
{
  return code_index (enrollment_status_codes, code);
}

const char *
psr_attendance_status_to_code (PsrAttendanceStatus status)
{
  g_return_val_if_fail (status <= PSR_ATTENDANCE_EXCUSED, NULL);
  return status == PSR_ATTENDANCE_UNKNOWN ? NULL : attendance_status_codes[status];
}

int
psr_attendance_status_from_code (const char *code)
{
  if (code == NULL)
    return PSR_ATTENDANCE_UNKNOWN;

  return code_index (attendance_status_codes, code);
}

const char *
psr_attachment_kind_to_code (PsrAttachmentKind kind)
{
  g_return_val_if_fail (kind <= PSR_ATTACHMENT_OTHER, NULL);
  return attachment_kind_codes[kind];
}

const char *
psr_session_status_label (PsrSessionStatus status)
{
  switch (status)
    {
    case PSR_SESSION_PLANNED:
      return C_("session status", "Planned");
    case PSR_SESSION_CONFIRMED:
      return C_("session status", "Confirmed");
    case PSR_SESSION_RUNNING:
      return C_("session status", "Running");
    case PSR_SESSION_DONE:
      return C_("session status", "Done");
    case PSR_SESSION_CANCELLED:
      return C_("session status", "Cancelled");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
psr_period_label (PsrPeriod period)
{
  switch (period)
    {
    case PSR_PERIOD_MORNING:
      return C_("half-day", "Morning");
    case PSR_PERIOD_AFTERNOON:
      return C_("half-day", "Afternoon");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
psr_enrollment_status_label (PsrEnrollmentStatus status)
{
  switch (status)
    {
    case PSR_ENROLLMENT_ENROLLED:
      return C_("enrollment status", "Enrolled");
    case PSR_ENROLLMENT_WAITING:
      return C_("enrollment status", "Waiting");
    case PSR_ENROLLMENT_CANCELLED:
      return C_("enrollment status", "Cancelled");
    case PSR_ENROLLMENT_NO_SHOW:
      return C_("enrollment status", "Did not come");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
psr_attendance_status_label (PsrAttendanceStatus status)
{
  switch (status)
    {
    case PSR_ATTENDANCE_UNKNOWN:
      return C_("attendance", "Not recorded");
    case PSR_ATTENDANCE_PRESENT:
      return C_("attendance", "Present");
    case PSR_ATTENDANCE_LATE:
      return C_("attendance", "Late");
    case PSR_ATTENDANCE_ABSENT:
      return C_("attendance", "Absent");
    case PSR_ATTENDANCE_EXCUSED:
      return C_("attendance", "Excused");
    default:
      g_return_val_if_reached (NULL);
    }
}

void
psr_period_default_times (PsrPeriod  period,
                          guint     *starts_at,
                          guint     *ends_at)
{
  g_return_if_fail (period <= PSR_PERIOD_AFTERNOON);

  if (starts_at != NULL)
    *starts_at = period == PSR_PERIOD_MORNING ? 9 * 60 : 13 * 60 + 30;
  if (ends_at != NULL)
    *ends_at = period == PSR_PERIOD_MORNING ? 12 * 60 + 30 : 17 * 60;
}

/* Boxed types -------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (PsrSessionDetails, psr_session_details,
                     psr_session_details_copy, psr_session_details_free)
G_DEFINE_BOXED_TYPE (PsrSlot, psr_slot, psr_slot_copy, psr_slot_free)
G_DEFINE_BOXED_TYPE (PsrSessionPerson, psr_session_person,
                     psr_session_person_copy, psr_session_person_free)
G_DEFINE_BOXED_TYPE (PsrCalendarEntry, psr_calendar_entry,
                     psr_calendar_entry_copy, psr_calendar_entry_free)
G_DEFINE_BOXED_TYPE (PsrConflict, psr_conflict, psr_conflict_copy, psr_conflict_free)
G_DEFINE_BOXED_TYPE (PsrEnrollment, psr_enrollment, psr_enrollment_copy, psr_enrollment_free)
G_DEFINE_BOXED_TYPE (PsrAttendanceGrid, psr_attendance_grid,
                     psr_attendance_grid_copy, psr_attendance_grid_free)
G_DEFINE_BOXED_TYPE (PsrSignature, psr_signature, psr_signature_copy, psr_signature_free)
G_DEFINE_BOXED_TYPE (PsrChainReport, psr_chain_report,
                     psr_chain_report_copy, psr_chain_report_free)
G_DEFINE_BOXED_TYPE (PsrAttachment, psr_attachment, psr_attachment_copy, psr_attachment_free)

PsrSessionDetails *
psr_session_details_copy (const PsrSessionDetails *details)
{
  PsrSessionDetails *copy;

  g_return_val_if_fail (details != NULL, NULL);

  copy = g_memdup2 (details, sizeof *details);
  copy->uuid = g_strdup (details->uuid);
  copy->curriculum_title = g_strdup (details->curriculum_title);
  copy->title = g_strdup (details->title);
  copy->display_title = g_strdup (details->display_title);
  copy->place = g_strdup (details->place);
  copy->room = g_strdup (details->room);
  copy->notes = g_strdup (details->notes);
  copy->cancel_reason = g_strdup (details->cancel_reason);
  return copy;
}

void
psr_session_details_free (PsrSessionDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->uuid);
  g_free (details->curriculum_title);
  g_free (details->title);
  g_free (details->display_title);
  g_free (details->place);
  g_free (details->room);
  g_free (details->notes);
  g_free (details->cancel_reason);
  g_free (details);
}

PsrSlot *
psr_slot_copy (const PsrSlot *slot)
{
  PsrSlot *copy;

  g_return_val_if_fail (slot != NULL, NULL);

  copy = g_memdup2 (slot, sizeof *slot);
  copy->uuid = g_strdup (slot->uuid);
  return copy;
}

void
psr_slot_free (PsrSlot *slot)
{
  if (slot == NULL)
    return;

  g_free (slot->uuid);
  g_free (slot);
}

PsrSessionPerson *
psr_session_person_copy (const PsrSessionPerson *person)
{
  PsrSessionPerson *copy;

  g_return_val_if_fail (person != NULL, NULL);

  copy = g_memdup2 (person, sizeof *person);
  copy->uuid = g_strdup (person->uuid);
  copy->display_name = g_strdup (person->display_name);
  return copy;
}

void
psr_session_person_free (PsrSessionPerson *person)
{
  if (person == NULL)
    return;

  g_free (person->uuid);
  g_free (person->display_name);
  g_free (person);
}

static GPtrArray *
slots_copy (GPtrArray *slots)
{
  GPtrArray *copy = g_ptr_array_new_full (slots->len, (GDestroyNotify) psr_slot_free);

  for (guint i = 0; i < slots->len; i++)
    g_ptr_array_add (copy, psr_slot_copy (g_ptr_array_index (slots, i)));

  return copy;
}

PsrCalendarEntry *
psr_calendar_entry_copy (const PsrCalendarEntry *entry)
{
  PsrCalendarEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = g_memdup2 (entry, sizeof *entry);
  copy->display_title = g_strdup (entry->display_title);
  copy->place = g_strdup (entry->place);
  copy->room = g_strdup (entry->room);
  copy->slots = slots_copy (entry->slots);
  return copy;
}

void
psr_calendar_entry_free (PsrCalendarEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->display_title);
  g_free (entry->place);
  g_free (entry->room);
  g_clear_pointer (&entry->slots, g_ptr_array_unref);
  g_free (entry);
}

PsrConflict *
psr_conflict_copy (const PsrConflict *conflict)
{
  PsrConflict *copy;

  g_return_val_if_fail (conflict != NULL, NULL);

  copy = g_memdup2 (conflict, sizeof *conflict);
  copy->message = g_strdup (conflict->message);
  return copy;
}

void
psr_conflict_free (PsrConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->message);
  g_free (conflict);
}

PsrEnrollment *
psr_enrollment_copy (const PsrEnrollment *enrollment)
{
  PsrEnrollment *copy;

  g_return_val_if_fail (enrollment != NULL, NULL);

  copy = g_memdup2 (enrollment, sizeof *enrollment);
  copy->display_name = g_strdup (enrollment->display_name);
  copy->language = g_strdup (enrollment->language);
  copy->cancel_reason = g_strdup (enrollment->cancel_reason);
  return copy;
}

void
psr_enrollment_free (PsrEnrollment *enrollment)
{
  if (enrollment == NULL)
    return;

  g_free (enrollment->display_name);
  g_free (enrollment->language);
  g_free (enrollment->cancel_reason);
  g_free (enrollment);
}

static GPtrArray *
enrollments_copy (GPtrArray *enrollments)
{
  GPtrArray *copy = g_ptr_array_new_full (enrollments->len, (GDestroyNotify) psr_enrollment_free);

  for (guint i = 0; i < enrollments->len; i++)
    g_ptr_array_add (copy, psr_enrollment_copy (g_ptr_array_index (enrollments, i)));

  return copy;
}

PsrAttendanceGrid *
psr_attendance_grid_copy (const PsrAttendanceGrid *grid)
{
  PsrAttendanceGrid *copy;
  guint n_cells;

  g_return_val_if_fail (grid != NULL, NULL);

  n_cells = grid->trainees->len * grid->slots->len;
  copy = g_new0 (PsrAttendanceGrid, 1);
  copy->slots = slots_copy (grid->slots);
  copy->trainees = enrollments_copy (grid->trainees);
  copy->cells = g_new0 (PsrAttendanceCell, n_cells);
  copy->countersigned_at = g_new0 (GDateTime *, grid->slots->len);

  for (guint i = 0; i < n_cells; i++)
    {
      copy->cells[i].status = grid->cells[i].status;
      if (grid->cells[i].signed_at != NULL)
        copy->cells[i].signed_at = g_date_time_ref (grid->cells[i].signed_at);
    }

  for (guint i = 0; i < grid->slots->len; i++)
    if (grid->countersigned_at[i] != NULL)
      copy->countersigned_at[i] = g_date_time_ref (grid->countersigned_at[i]);

  return copy;
}

void
psr_attendance_grid_free (PsrAttendanceGrid *grid)
{
  if (grid == NULL)
    return;

  for (guint i = 0; i < grid->trainees->len * grid->slots->len; i++)
    g_clear_pointer (&grid->cells[i].signed_at, g_date_time_unref);

  for (guint i = 0; i < grid->slots->len; i++)
    g_clear_pointer (&grid->countersigned_at[i], g_date_time_unref);

  g_free (grid->cells);
  g_free (grid->countersigned_at);
  g_ptr_array_unref (grid->slots);
  g_ptr_array_unref (grid->trainees);
  g_free (grid);
}

const PsrAttendanceCell *
psr_attendance_grid_get_cell (const PsrAttendanceGrid *grid,
                              guint                    trainee,
                              guint                    slot)
{
  g_return_val_if_fail (grid != NULL, NULL);
  g_return_val_if_fail (trainee < grid->trainees->len, NULL);
  g_return_val_if_fail (slot < grid->slots->len, NULL);

  return &grid->cells[trainee * grid->slots->len + slot];
}

static GPtrArray *
strokes_copy (const GPtrArray *strokes)
{
  GPtrArray *copy = psr_strokes_new ();

  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index ((GPtrArray *) strokes, i);
      GArray *points = g_array_sized_new (FALSE, FALSE, sizeof (PsrPoint), stroke->len);

      g_array_append_vals (points, stroke->data, stroke->len);
      g_ptr_array_add (copy, points);
    }

  return copy;
}

PsrSignature *
psr_signature_copy (const PsrSignature *signature)
{
  PsrSignature *copy;

  g_return_val_if_fail (signature != NULL, NULL);

  copy = g_memdup2 (signature, sizeof *signature);
  copy->uuid = g_strdup (signature->uuid);
  copy->display_name = g_strdup (signature->display_name);
  copy->signed_at = signature->signed_at != NULL ? g_date_time_ref (signature->signed_at) : NULL;
  copy->late_reason = g_strdup (signature->late_reason);
  copy->strokes = strokes_copy (signature->strokes);
  return copy;
}

void
psr_signature_free (PsrSignature *signature)
{
  if (signature == NULL)
    return;

  g_free (signature->uuid);
  g_free (signature->display_name);
  g_clear_pointer (&signature->signed_at, g_date_time_unref);
  g_free (signature->late_reason);
  g_clear_pointer (&signature->strokes, g_ptr_array_unref);
  g_free (signature);
}

PsrChainReport *
psr_chain_report_copy (const PsrChainReport *report)
{
  PsrChainReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = g_memdup2 (report, sizeof *report);
  copy->message = g_strdup (report->message);
  return copy;
}

void
psr_chain_report_free (PsrChainReport *report)
{
  if (report == NULL)
    return;

  g_free (report->message);
  g_free (report);
}

PsrAttachment *
psr_attachment_copy (const PsrAttachment *attachment)
{
  PsrAttachment *copy;

  g_return_val_if_fail (attachment != NULL, NULL);

  copy = g_memdup2 (attachment, sizeof *attachment);
  copy->filename = g_strdup (attachment->filename);
  copy->mime_type = g_strdup (attachment->mime_type);
  if (attachment->created_at != NULL)
    copy->created_at = g_date_time_ref (attachment->created_at);
  return copy;
}

void
psr_attachment_free (PsrAttachment *attachment)
{
  if (attachment == NULL)
    return;

  g_free (attachment->filename);
  g_free (attachment->mime_type);
  g_clear_pointer (&attachment->created_at, g_date_time_unref);
  g_free (attachment);
}

/* Helpers ------------------------------------------------------------------ */

/* Days are stored as YYYY-MM-DD, times of day as HH:MM. */
static void
format_day (const GDate *day,
            char         text[11])
{
  g_snprintf (text, 11, "%04u-%02u-%02u", g_date_get_year (day), g_date_get_month (day),
              g_date_get_day (day));
}

static void
parse_day (GDate      *date,
           const char *text)
{
  guint year, month, day;

  g_date_clear (date, 1);
  /* g_date_set_parse () would read it by the locale. */
  if (text != NULL && sscanf (text, "%4u-%2u-%2u", &year, &month, &day) == 3
      && g_date_valid_dmy (day, month, year))
    g_date_set_dmy (date, day, month, year);
}

static void
format_time (guint minutes,
             char  text[6])
{
  g_snprintf (text, 6, "%02u:%02u", (minutes / 60) % 100, minutes % 60);
}

static guint
parse_time (const char *text)
{
  guint hours = 0, minutes = 0;

  if (text != NULL)
    sscanf (text, "%2u:%2u", &hours, &minutes);

  return hours * 60 + minutes;
}

static GDateTime *
parse_instant (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  return text != NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;
}

/* As the schema's defaults write instants: UTC, milliseconds. */
static char *
format_instant (GDateTime *instant)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (instant);
  g_autofree char *seconds = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%S");

  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (utc) / 1000);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return g_strdup (text != NULL ? text : "");
}

/* The index of the code in a column among @codes, the first for a code
 * that is not there (the schema's checks keep that from happening). */
static int
column_code (sqlite3_stmt       *stmt,
             int                 column,
             const char * const *codes)
{
  return MAX (code_index (codes, (const char *) sqlite3_column_text (stmt, column)), 0);
}

/* A copy of @text stripped of spaces around it, "" for NULL. */
static char *
stripped (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
is_blank (const char *text)
{
  return text == NULL || psr_store_is_blank (text);
}

/* The one integer of the one row of @sql for @id. */
static gboolean
query_int64 (PsrDatabase  *db,
             const char   *sql,
             gint64        id,
             gint64       *value,
             GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;

  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The one integer of @sql for ?1 and ?2, 0 without a row. */
static gboolean
query_pair_int (PsrDatabase  *db,
                const char   *sql,
                gint64        first,
                gint64        second,
                gint64       *value,
                GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, first, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, second);
  rc = sqlite3_step (stmt);
  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static char *
person_name (PsrDatabase  *db,
             gint64        person_id,
             GError      **error)
{
  sqlite3_stmt *stmt;
  char *name;

  stmt = psr_store_prepare_with_id (db,
    "SELECT " PERSON_NAME " FROM people p WHERE p.id = ?1", person_id, error);
  if (stmt == NULL
      || !psr_store_step_row (db, stmt,
                              _("This person no longer exists. Choose another one in the list of "
                                "people."),
                              error))
    return NULL;

  name = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...) G_GNUC_PRINTF (3, 4);

/* Sets a PSR_ERROR with a message made from @format; returns FALSE. */
static gboolean
fail (GError     **error,
      int          code,
      const char  *format,
      ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (PSR_ERROR, code, format, args));
  va_end (args);
  return FALSE;
}

static gboolean check_session_exists (PsrDatabase  *db,
                                      gint64        session_id,
                                      GError      **error);

/* Changes ------------------------------------------------------------------ */

/* Opens the transaction of a change to a row of @target, once it is known
 * to exist. */
static gboolean
begin_change (PsrDatabase   *db,
              const Target  *target,
              gint64         id,
              gint64        *session_id,
              GError       **error)
{
  sqlite3_stmt *stmt;

  if (!psr_database_begin (db, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, target->sql, id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(target->missing), error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  *session_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Closes what begin_change() opened: commits when @done, with the session
 * marked as changed, or rolls back (the error is already set). */
static gboolean
end_change (PsrDatabase  *db,
            gint64        session_id,
            gboolean      done,
            GError      **error)
{
  if (!done
      || !psr_store_run_with_id (db,
                                 "UPDATE sessions SET updated_at = " PSR_STORE_NOW " WHERE id = ?1",
                                 session_id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* What the rules of seats need to know of a session. */
typedef struct
{
  PsrSessionStatus status;
  guint            capacity;
  guint            min_trainees;
  guint            taken;
  guint            waiting;
} Seats;

static gboolean
read_seats (PsrDatabase  *db,
            gint64        session_id,
            Seats        *seats,
            GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = psr_store_prepare_with_id (db,
    "SELECT s.status, s.capacity, s.min_trainees,"
    " (SELECT count(*) FROM enrollments e"
    "  WHERE e.session_id = s.id AND e.status IN ('enrolled', 'no-show')),"
    " (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'waiting')"
    " FROM sessions s WHERE s.id = ?1", session_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(session_target.missing), error))
    return FALSE;

  seats->status = column_code (stmt, 0, session_status_codes);
  seats->capacity = sqlite3_column_int (stmt, 1);
  seats->min_trainees = sqlite3_column_int (stmt, 2);
  seats->taken = sqlite3_column_int (stmt, 3);
  seats->waiting = sqlite3_column_int (stmt, 4);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Gives the free seats of the session to the first on its waiting list, in
 * order, and closes up the list. */
static gboolean
promote_waiting (PsrDatabase  *db,
                 gint64        session_id,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  Seats seats;

  if (!read_seats (db, session_id, &seats, error))
    return FALSE;

  if (seats.waiting > 0 && seats.taken < seats.capacity)
    {
      stmt = psr_store_prepare_with_id (db,
        "UPDATE enrollments SET status = 'enrolled', waiting_position = NULL,"
        " updated_at = " PSR_STORE_NOW
        " WHERE id IN (SELECT id FROM enrollments WHERE session_id = ?1 AND status = 'waiting'"
        "              ORDER BY waiting_position, id LIMIT ?2)", session_id, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 2, seats.capacity - seats.taken);
      if (!psr_database_step_done (db, stmt, error))
        return FALSE;
    }

  return psr_store_run_with_id (db, renumber_waiting_sql, session_id, error);
}

/* Sessions are planned from a curriculum version that is not archived. */
static gboolean
check_curriculum (PsrDatabase  *db,
                  gint64        curriculum_id,
                  GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean archived;

  stmt = psr_store_prepare_with_id (db, "SELECT status = 'archived' FROM curricula WHERE id = ?1",
                                    curriculum_id, error);
  if (stmt == NULL
      || !psr_store_step_row (db, stmt,
                              _("This curriculum no longer exists. Choose another one in the list "
                                "of curricula."),
                              error))
    return FALSE;

  archived = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  if (archived)
    return psr_store_invalid (error,
                              _("This version of the curriculum is archived. Plan the session "
                                "from its current version."));

  return TRUE;
}

/* Sessions ------------------------------------------------------------------ */

gint64
psr_session_create (PsrDatabase  *db,
                    gint64        curriculum_id,
                    guint         capacity,
                    GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (capacity < 1)
    {
      psr_store_invalid (error, _("A session has 1 seat or more. Enter another capacity."));
      return 0;
    }

  if (!psr_database_begin (db, error))
    return 0;

  if (!check_curriculum (db, curriculum_id, error)
      || (stmt = psr_database_prepare (db,
            "INSERT INTO sessions (uuid, curriculum_id, capacity, min_trainees)"
            " VALUES (?1, ?2, ?3, ?4)", error)) == NULL)
    {
      psr_database_rollback (db);
      return 0;
    }

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, curriculum_id);
  sqlite3_bind_int64 (stmt, 3, capacity);
  sqlite3_bind_int64 (stmt, 4, MIN (capacity, PSR_SESSION_DEFAULT_MINIMUM));
  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  id = psr_database_last_id (db);
  return psr_database_commit (db, error) ? id : 0;
}

PsrSessionDetails *
psr_session_get_details (PsrDatabase  *db,
                         gint64        id,
                         GError      **error)
{
  PsrSessionDetails *details;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT s.id, s.uuid, s.curriculum_id, c.title, s.title, " SESSION_TITLE ","
    " s.place, s.room, s.notes, s.capacity, s.min_trainees, s.status, s.cancel_reason,"
    " s.starts_on, s.ends_on,"
    " (SELECT count(*) FROM enrollments e"
    "  WHERE e.session_id = s.id AND e.status IN ('enrolled', 'no-show')),"
    " (SELECT count(*) FROM enrollments e WHERE e.session_id = s.id AND e.status = 'waiting'),"
    " (SELECT count(*) FROM signatures g WHERE g.session_id = s.id)"
    " FROM sessions s JOIN curricula c ON c.id = s.curriculum_id WHERE s.id = ?1", id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(session_target.missing), error))
    return NULL;

  details = g_new0 (PsrSessionDetails, 1);
  details->id = sqlite3_column_int64 (stmt, 0);
  details->uuid = column_text (stmt, 1);
  details->curriculum_id = sqlite3_column_int64 (stmt, 2);
  details->curriculum_title = column_text (stmt, 3);
  details->title = column_text (stmt, 4);
  details->display_title = column_text (stmt, 5);
  details->place = column_text (stmt, 6);
  details->room = column_text (stmt, 7);
  details->notes = column_text (stmt, 8);
  details->capacity = sqlite3_column_int (stmt, 9);
  details->min_trainees = sqlite3_column_int (stmt, 10);
  details->status = column_code (stmt, 11, session_status_codes);
  details->cancel_reason = column_text (stmt, 12);
  parse_day (&details->starts_on, (const char *) sqlite3_column_text (stmt, 13));
  parse_day (&details->ends_on, (const char *) sqlite3_column_text (stmt, 14));
  details->n_enrolled = sqlite3_column_int (stmt, 15);
  details->n_waiting = sqlite3_column_int (stmt, 16);
  details->n_signatures = sqlite3_column_int (stmt, 17);
  sqlite3_reset (stmt);
  return details;
}

gboolean
psr_session_set_field (PsrDatabase      *db,
                       gint64            id,
                       PsrSessionField   field,
                       const char       *value,
                       GError          **error)
{
  g_autofree char *text = stripped (value);
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (field < PSR_SESSION_N_FIELDS, FALSE);

  if (!begin_change (db, &session_target, id, &session_id, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db, session_field_sql[field], id, error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return end_change (db, session_id, psr_database_step_done (db, stmt, error), error);
}

gboolean
psr_session_set_capacity (PsrDatabase  *db,
                          gint64        id,
                          guint         capacity,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 session_id;
  Seats seats;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (capacity < 1)
    return psr_store_invalid (error, _("A session has 1 seat or more. Enter another capacity."));

  if (!begin_change (db, &session_target, id, &session_id, error))
    return FALSE;

  if (!read_seats (db, session_id, &seats, error))
    return end_change (db, session_id, FALSE, error);

  if (capacity < seats.taken)
    {
      fail (error, PSR_ERROR_INVALID,
            ngettext ("%u trainee holds a seat: the session cannot have fewer seats. Cancel "
                      "enrollments first, or enter %u or more.",
                      "%u trainees hold a seat: the session cannot have fewer seats. Cancel "
                      "enrollments first, or enter %u or more.",
                      seats.taken),
            seats.taken, seats.taken);
      return end_change (db, session_id, FALSE, error);
    }

  if (capacity < seats.min_trainees)
    {
      fail (error, PSR_ERROR_INVALID,
            _("The session needs at least %u trainees to run: it cannot have fewer seats. "
              "Lower the minimum first."),
            seats.min_trainees);
      return end_change (db, session_id, FALSE, error);
    }

  stmt = psr_store_prepare_with_id (db, "UPDATE sessions SET capacity = ?2 WHERE id = ?1", id,
                                    error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_int64 (stmt, 2, capacity);
  done = psr_database_step_done (db, stmt, error) && promote_waiting (db, session_id, error);
  return end_change (db, session_id, done, error);
}

gboolean
psr_session_set_minimum (PsrDatabase  *db,
                         gint64        id,
                         guint         min_trainees,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 session_id;
  Seats seats;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &session_target, id, &session_id, error))
    return FALSE;

  if (!read_seats (db, session_id, &seats, error))
    return end_change (db, session_id, FALSE, error);

  if (min_trainees > seats.capacity)
    {
      fail (error, PSR_ERROR_INVALID,
            ngettext ("The session has %u seat: it cannot need more trainees than that. "
                      "Raise its capacity first.",
                      "The session has %u seats: it cannot need more trainees than that. "
                      "Raise its capacity first.",
                      seats.capacity),
            seats.capacity);
      return end_change (db, session_id, FALSE, error);
    }

  stmt = psr_store_prepare_with_id (db, "UPDATE sessions SET min_trainees = ?2 WHERE id = ?1", id,
                                    error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_int64 (stmt, 2, min_trainees);
  return end_change (db, session_id, psr_database_step_done (db, stmt, error), error);
}

gboolean
psr_session_set_status (PsrDatabase       *db,
                        gint64             id,
                        PsrSessionStatus   status,
                        const char        *reason,
                        GError           **error)
{
  g_autofree char *text = NULL;
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (status > PSR_SESSION_CANCELLED)
    return psr_store_invalid (error, _("This is not a status of session. Choose one in the list."));

  if (status == PSR_SESSION_CANCELLED)
    {
      text = stripped (reason);
      if (is_blank (text))
        return psr_store_invalid (error,
                                  _("A cancelled session needs a reason, for the trainees and the "
                                    "quality records. Type one, then try again."));
    }

  if (!begin_change (db, &session_target, id, &session_id, error))
    return FALSE;

  stmt = psr_store_prepare_with_id (db,
    "UPDATE sessions SET status = ?2, cancel_reason = ?3 WHERE id = ?1", id, error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_text (stmt, 2, session_status_codes[status], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
  return end_change (db, session_id, psr_database_step_done (db, stmt, error), error);
}

static gboolean
insert_slot (PsrDatabase  *db,
             gint64        session_id,
             const char   *day,
             const char   *period,
             const char   *starts_at,
             const char   *ends_at,
             GError      **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO session_slots (session_id, uuid, day, period, starts_at, ends_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, starts_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, ends_at, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (db, stmt, error);
}

/* The slots of @from copied to @to, @shift days later. */
static gboolean
copy_slots (PsrDatabase  *db,
            gint64        from,
            gint64        to,
            int           shift,
            GError      **error)
{
  g_autoptr(GPtrArray) slots = psr_session_list_slots (db, from, error);

  if (slots == NULL)
    return FALSE;

  for (guint i = 0; i < slots->len; i++)
    {
      PsrSlot *slot = g_ptr_array_index (slots, i);
      GDate day = slot->day;
      char day_text[11], starts_at[6], ends_at[6];

      if (shift >= 0)
        g_date_add_days (&day, shift);
      else
        g_date_subtract_days (&day, -shift);

      format_day (&day, day_text);
      format_time (slot->starts_at, starts_at);
      format_time (slot->ends_at, ends_at);
      if (!insert_slot (db, to, day_text, period_codes[slot->period], starts_at, ends_at, error))
        return FALSE;
    }

  return TRUE;
}

gint64
psr_session_duplicate (PsrDatabase  *db,
                       gint64        id,
                       const GDate  *first_day,
                       GError      **error)
{
  g_autoptr(PsrSessionDetails) source = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;
  gint64 copy_id;
  int shift = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!psr_database_begin (db, error))
    return 0;

  source = psr_session_get_details (db, id, error);
  if (source == NULL || !check_curriculum (db, source->curriculum_id, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  if (g_date_valid (&source->starts_on))
    {
      if (first_day == NULL || !g_date_valid (first_day))
        {
          psr_database_rollback (db);
          psr_store_invalid (error, _("Choose the first day of the copy, then try again."));
          return 0;
        }

      shift = g_date_days_between (&source->starts_on, first_day);
    }

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO sessions (uuid, curriculum_id, title, place, room, notes, capacity, min_trainees)"
    " SELECT ?2, curriculum_id, title, place, room, notes, capacity, min_trainees"
    " FROM sessions WHERE id = ?1", id, error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return 0;
    }

  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  copy_id = psr_database_last_id (db);

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO session_trainers (session_id, person_id)"
    " SELECT ?2, person_id FROM session_trainers WHERE session_id = ?1", id, error);
  if (stmt == NULL)
    {
      psr_database_rollback (db);
      return 0;
    }

  sqlite3_bind_int64 (stmt, 2, copy_id);
  if (!psr_database_step_done (db, stmt, error) || !copy_slots (db, id, copy_id, shift, error))
    {
      psr_database_rollback (db);
      return 0;
    }

  return psr_database_commit (db, error) ? copy_id : 0;
}

gboolean
psr_session_delete (PsrDatabase  *db,
                    gint64        id,
                    GError      **error)
{
  gint64 session_id;
  gint64 n_signatures;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &session_target, id, &session_id, error))
    return FALSE;

  if (!query_int64 (db, "SELECT count(*) FROM signatures WHERE session_id = ?1", id,
                    &n_signatures, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  if (n_signatures > 0)
    {
      psr_database_rollback (db);
      return fail (error, PSR_ERROR_CONSTRAINT,
                   ngettext ("This session has %u signature, which must be kept as proof of "
                             "attendance: it cannot be deleted. Cancel it instead.",
                             "This session has %u signatures, which must be kept as proof of "
                             "attendance: it cannot be deleted. Cancel it instead.",
                             (gulong) n_signatures),
                   (guint) n_signatures);
    }

  /* Its slots, trainers, enrollments, attendance and files go with it. */
  if (!psr_store_run_with_id (db, "DELETE FROM sessions WHERE id = ?1", id, error))
    {
      psr_database_rollback (db);
      return FALSE;
    }

  return psr_database_commit (db, error);
}

/* Slots --------------------------------------------------------------------- */

#define SLOT_COLUMNS "sl.id, sl.uuid, sl.session_id, sl.day, sl.period, sl.starts_at, sl.ends_at"
/* Mornings before afternoons. */
#define SLOT_ORDER "sl.day, sl.period DESC, sl.starts_at, sl.id"

static PsrSlot *
slot_from_row (sqlite3_stmt *stmt,
               int           first)
{
  PsrSlot *slot = g_new0 (PsrSlot, 1);

  slot->id = sqlite3_column_int64 (stmt, first);
  slot->uuid = column_text (stmt, first + 1);
  slot->session_id = sqlite3_column_int64 (stmt, first + 2);
  parse_day (&slot->day, (const char *) sqlite3_column_text (stmt, first + 3));
  slot->period = column_code (stmt, first + 4, period_codes);
  slot->starts_at = parse_time ((const char *) sqlite3_column_text (stmt, first + 5));
  slot->ends_at = parse_time ((const char *) sqlite3_column_text (stmt, first + 6));
  return slot;
}

static void
append_slot (sqlite3_stmt *stmt,
             gpointer      data)
{
  g_ptr_array_add (data, slot_from_row (stmt, 0));
}

GPtrArray *
psr_session_list_slots (PsrDatabase  *db,
                        gint64        session_id,
                        GError      **error)
{
  g_autoptr(GPtrArray) slots = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_slot_free);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!check_session_exists (db, session_id, error))
    return NULL;

  stmt = psr_store_prepare_with_id (db,
    "SELECT " SLOT_COLUMNS " FROM session_slots sl WHERE sl.session_id = ?1"
    " ORDER BY " SLOT_ORDER, session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_slot, slots, error))
    return NULL;

  return g_steal_pointer (&slots);
}

PsrSlot *
psr_slot_get (PsrDatabase  *db,
              gint64        slot_id,
              GError      **error)
{
  sqlite3_stmt *stmt;
  PsrSlot *slot;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT " SLOT_COLUMNS " FROM session_slots sl WHERE sl.id = ?1", slot_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(slot_target.missing), error))
    return NULL;

  slot = slot_from_row (stmt, 0);
  sqlite3_reset (stmt);
  return slot;
}

/* Refuses when the session (?1) already has the half-day, but for the slot
 * @except. */
static gboolean
check_half_day_free (PsrDatabase  *db,
                     gint64        session_id,
                     const GDate  *day,
                     PsrPeriod     period,
                     gint64        except,
                     GError      **error)
{
  g_autofree char *date = NULL;
  char day_text[11];
  sqlite3_stmt *stmt;
  int rc;

  format_day (day, day_text);
  stmt = psr_store_prepare_with_id (db,
    "SELECT 1 FROM session_slots WHERE session_id = ?1 AND day = ?2 AND period = ?3 AND id != ?4",
    session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, day_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period_codes[period], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, except);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  date = psr_format_date (day);
  if (period == PSR_PERIOD_MORNING)
    return fail (error, PSR_ERROR_INVALID,
                 _("The session already has the morning of %s. Choose another half-day."), date);

  return fail (error, PSR_ERROR_INVALID,
               _("The session already has the afternoon of %s. Choose another half-day."), date);
}

/* The signatures of a slot keep it as it was signed. */
static gboolean
refuse_if_signed (PsrDatabase  *db,
                  gint64        slot_id,
                  GError      **error)
{
  gint64 n_signatures;

  if (!query_int64 (db, "SELECT count(*) FROM signatures WHERE slot_id = ?1", slot_id,
                    &n_signatures, error))
    return FALSE;

  if (n_signatures == 0)
    return TRUE;

  return fail (error, PSR_ERROR_CONSTRAINT,
               ngettext ("This half-day has %u signature, which must stay as it was signed: "
                         "it cannot be moved or removed.",
                         "This half-day has %u signatures, which must stay as they were signed: "
                         "it cannot be moved or removed.",
                         (gulong) n_signatures),
               (guint) n_signatures);
}

gint64
psr_session_add_slot (PsrDatabase  *db,
                      gint64        session_id,
                      const GDate  *day,
                      PsrPeriod     period,
                      GError      **error)
{
  char day_text[11], starts_at[6], ends_at[6];
  guint starts, ends;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (period <= PSR_PERIOD_AFTERNOON, 0);

  if (day == NULL || !g_date_valid (day))
    {
      psr_store_invalid (error, _("Choose the day of the half-day, then try again."));
      return 0;
    }

  psr_period_default_times (period, &starts, &ends);
  format_day (day, day_text);
  format_time (starts, starts_at);
  format_time (ends, ends_at);

  if (!begin_change (db, &session_target, session_id, &session_id, error))
    return 0;

  if (!check_half_day_free (db, session_id, day, period, 0, error)
      || !insert_slot (db, session_id, day_text, period_codes[period], starts_at, ends_at, error))
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  id = psr_database_last_id (db);
  return end_change (db, session_id, TRUE, error) ? id : 0;
}

gboolean
psr_slot_set (PsrDatabase  *db,
              gint64        slot_id,
              const GDate  *day,
              PsrPeriod     period,
              guint         starts_at,
              guint         ends_at,
              GError      **error)
{
  char day_text[11], starts_text[6], ends_text[6];
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (period <= PSR_PERIOD_AFTERNOON, FALSE);

  if (day == NULL || !g_date_valid (day))
    return psr_store_invalid (error, _("Choose the day of the half-day, then try again."));

  if (starts_at >= 24 * 60 || ends_at >= 24 * 60)
    return psr_store_invalid (error,
                              _("A time of day is between 00:00 and 23:59. Enter another one."));

  if (starts_at >= ends_at)
    return psr_store_invalid (error,
                              _("A half-day ends after it starts. Check its times, then try "
                                "again."));

  format_day (day, day_text);
  format_time (starts_at, starts_text);
  format_time (ends_at, ends_text);

  if (!begin_change (db, &slot_target, slot_id, &session_id, error))
    return FALSE;

  if (!refuse_if_signed (db, slot_id, error)
      || !check_half_day_free (db, session_id, day, period, slot_id, error)
      || (stmt = psr_store_prepare_with_id (db,
            "UPDATE session_slots SET day = ?2, period = ?3, starts_at = ?4, ends_at = ?5,"
            " updated_at = " PSR_STORE_NOW " WHERE id = ?1", slot_id, error)) == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_text (stmt, 2, day_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, period_codes[period], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, starts_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ends_text, -1, SQLITE_TRANSIENT);
  return end_change (db, session_id, psr_database_step_done (db, stmt, error), error);
}

gboolean
psr_slot_remove (PsrDatabase  *db,
                 gint64        slot_id,
                 GError      **error)
{
  gint64 session_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &slot_target, slot_id, &session_id, error))
    return FALSE;

  done = refuse_if_signed (db, slot_id, error)
         && psr_store_run_with_id (db, "DELETE FROM session_slots WHERE id = ?1", slot_id, error);
  return end_change (db, session_id, done, error);
}

/* Trainers ------------------------------------------------------------------ */

static void
append_person (sqlite3_stmt *stmt,
               gpointer      data)
{
  PsrSessionPerson *person = g_new0 (PsrSessionPerson, 1);

  person->person_id = sqlite3_column_int64 (stmt, 0);
  person->uuid = column_text (stmt, 1);
  person->display_name = column_text (stmt, 2);
  g_ptr_array_add (data, person);
}

GPtrArray *
psr_session_list_trainers (PsrDatabase  *db,
                           gint64        session_id,
                           GError      **error)
{
  g_autoptr(GPtrArray) people = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!check_session_exists (db, session_id, error))
    return NULL;

  people = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_session_person_free);
  stmt = psr_store_prepare_with_id (db,
    "SELECT p.id, p.uuid, " PERSON_NAME " FROM session_trainers t"
    " JOIN people p ON p.id = t.person_id WHERE t.session_id = ?1"
    " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id",
    session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_person, people, error))
    return NULL;

  return g_steal_pointer (&people);
}

/* A trainer of the session may not be one of its trainees, and the other
 * way round. */
static gboolean
add_trainer (PsrDatabase  *db,
             gint64        session_id,
             gint64        person_id,
             GError      **error)
{
  g_autofree char *name = NULL;
  sqlite3_stmt *stmt;
  gint64 is_trainer;
  gint64 enrolled;

  name = person_name (db, person_id, error);
  if (name == NULL)
    {
      /* A person to link, not the row changed. */
      if (error != NULL && *error != NULL && (*error)->code == PSR_ERROR_NOT_FOUND)
        (*error)->code = PSR_ERROR_CONSTRAINT;
      return FALSE;
    }

  if (!query_int64 (db, "SELECT is_trainer FROM people WHERE id = ?1", person_id, &is_trainer,
                    error)
      || !query_pair_int (db,
                          "SELECT 1 FROM enrollments WHERE session_id = ?1 AND person_id = ?2"
                          " AND status != 'cancelled'", session_id, person_id, &enrolled, error))
    return FALSE;

  if (!is_trainer)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is not marked as a trainer. Mark them as a trainer in their record first."),
                 name);

  if (enrolled)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is enrolled in this session as a trainee. Cancel that enrollment first."),
                 name);

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO session_trainers (session_id, person_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
    session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, person_id);
  return psr_database_step_done (db, stmt, error);
}

gboolean
psr_session_set_trainers (PsrDatabase   *db,
                          gint64         session_id,
                          const gint64  *person_ids,
                          gsize          n_people,
                          GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (person_ids != NULL || n_people == 0, FALSE);

  if (!begin_change (db, &session_target, session_id, &session_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, "DELETE FROM session_trainers WHERE session_id = ?1",
                                session_id, &local_error);
  for (gsize i = 0; done && i < n_people; i++)
    done = add_trainer (db, session_id, person_ids[i], &local_error);

  if (!done)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return end_change (db, session_id, done, error);
}

/* Calendar ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray  *entries;
  GHashTable *by_session;  /* gint64 * → PsrCalendarEntry *, owned by @entries */
} CalendarData;

static void
add_calendar_row (sqlite3_stmt *stmt,
                  gpointer      data)
{
  CalendarData *calendar = data;
  gint64 session_id = sqlite3_column_int64 (stmt, 0);
  PsrCalendarEntry *entry = g_hash_table_lookup (calendar->by_session, &session_id);

  if (entry == NULL)
    {
      entry = g_new0 (PsrCalendarEntry, 1);
      entry->session_id = session_id;
      entry->display_title = column_text (stmt, 1);
      entry->status = column_code (stmt, 2, session_status_codes);
      entry->place = column_text (stmt, 3);
      entry->room = column_text (stmt, 4);
      entry->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_slot_free);
      g_ptr_array_add (calendar->entries, entry);
      g_hash_table_insert (calendar->by_session, &entry->session_id, entry);
    }

  g_ptr_array_add (entry->slots, slot_from_row (stmt, 5));
}

GPtrArray *
psr_sessions_list_between (PsrDatabase  *db,
                           const GDate  *first,
                           const GDate  *last,
                           GError      **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) by_session = NULL;
  CalendarData calendar;
  char first_text[11], last_text[11];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (first != NULL && g_date_valid (first), NULL);
  g_return_val_if_fail (last != NULL && g_date_valid (last), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_calendar_entry_free);
  by_session = g_hash_table_new (g_int64_hash, g_int64_equal);
  calendar.entries = entries;
  calendar.by_session = by_session;

  format_day (first, first_text);
  format_day (last, last_text);

  /* Through the index of slots by day: as cheap for a week as for a month,
   * whatever the number of sessions. */
  stmt = psr_database_prepare (db,
    "SELECT s.id, " SESSION_TITLE ", s.status, s.place, s.room, " SLOT_COLUMNS
    " FROM session_slots sl INDEXED BY session_slots_day"
    " JOIN sessions s ON s.id = sl.session_id"
    " JOIN curricula c ON c.id = s.curriculum_id"
    " WHERE sl.day BETWEEN ?1 AND ?2"
    " ORDER BY " SLOT_ORDER, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, first_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, last_text, -1, SQLITE_TRANSIENT);
  if (!psr_store_foreach_row (db, stmt, add_calendar_row, &calendar, error))
    return NULL;

  return g_steal_pointer (&entries);
}

/* Conflicts ----------------------------------------------------------------- */

/* Each query gives rows of: the person (0 for a room), their name, the
 * other session, its title, then a slot of this session (?1) that
 * overlaps one of the other's, with its day, ordered so that the rows of
 * one person and other session follow each other, first slot first. */

#define OVERLAPPING \
  " JOIN session_slots b ON b.day = a.day AND b.session_id != a.session_id" \
  "  AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at" \
  " JOIN sessions s ON s.id = b.session_id AND s.status != 'cancelled'" \
  " JOIN curricula c ON c.id = s.curriculum_id"

static const char trainer_conflicts_sql[] =
  "SELECT t1.person_id, " PERSON_NAME ", s.id, " SESSION_TITLE ", a.id, a.day"
  " FROM session_slots a"
  " JOIN session_trainers t1 ON t1.session_id = a.session_id"
  OVERLAPPING
  " JOIN session_trainers t2 ON t2.session_id = s.id AND t2.person_id = t1.person_id"
  " JOIN people p ON p.id = t1.person_id"
  " WHERE a.session_id = ?1"
  " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id, s.id,"
  " a.day, a.period DESC, a.id";

static const char room_conflicts_sql[] =
  "SELECT 0, '', s.id, " SESSION_TITLE ", a.id, a.day"
  " FROM sessions me"
  " JOIN session_slots a ON a.session_id = me.id"
  OVERLAPPING
  " WHERE me.id = ?1 AND trim(me.place) != ''"
  "  AND s.place = me.place COLLATE NOCASE AND s.room = me.room COLLATE NOCASE"
  " ORDER BY s.id, a.day, a.period DESC, a.id";

static const char trainee_conflicts_sql[] =
  "SELECT e1.person_id, " PERSON_NAME ", s.id, " SESSION_TITLE ", a.id, a.day"
  " FROM session_slots a"
  " JOIN enrollments e1 ON e1.session_id = a.session_id AND e1.status = 'enrolled'"
  OVERLAPPING
  " JOIN enrollments e2 ON e2.session_id = s.id AND e2.person_id = e1.person_id"
  "  AND e2.status = 'enrolled'"
  " JOIN people p ON p.id = e1.person_id"
  " WHERE a.session_id = ?1"
  " ORDER BY p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, p.id, s.id,"
  " a.day, a.period DESC, a.id";

typedef struct
{
  PsrConflictKind  kind;
  GPtrArray       *conflicts;
  PsrConflict     *current;
  gint64           last_slot;
  char            *place;    /* of this session, for rooms */
  char            *name;     /* of the current person */
  char            *other;    /* the title of the current other session */
  GDate            day;      /* the first day of the current conflict */
} ConflictData;

static char *
conflict_message (ConflictData *data)
{
  g_autofree char *date = psr_format_date (&data->day);
  guint others = data->current->n_slots - 1;

  switch (data->kind)
    {
    case PSR_CONFLICT_TRAINER_BUSY:
      if (others == 0)
        return g_strdup_printf (_("%s also trains “%s” at the same time, on %s"),
                                data->name, data->other, date);
      return g_strdup_printf (ngettext ("%s also trains “%s” at the same time, on %s and %u "
                                        "other half-day",
                                        "%s also trains “%s” at the same time, on %s and %u "
                                        "other half-days", others),
                              data->name, data->other, date, others);

    case PSR_CONFLICT_ROOM_BUSY:
      if (others == 0)
        return g_strdup_printf (_("%s is also booked for “%s” at the same time, on %s"),
                                data->place, data->other, date);
      return g_strdup_printf (ngettext ("%s is also booked for “%s” at the same time, on %s "
                                        "and %u other half-day",
                                        "%s is also booked for “%s” at the same time, on %s "
                                        "and %u other half-days", others),
                              data->place, data->other, date, others);

    case PSR_CONFLICT_TRAINEE_BUSY:
      if (others == 0)
        return g_strdup_printf (_("%s is also enrolled in “%s” at the same time, on %s"),
                                data->name, data->other, date);
      return g_strdup_printf (ngettext ("%s is also enrolled in “%s” at the same time, on "
                                        "%s and %u other half-day",
                                        "%s is also enrolled in “%s” at the same time, on "
                                        "%s and %u other half-days", others),
                              data->name, data->other, date, others);

    case PSR_CONFLICT_BELOW_MINIMUM:
    case PSR_CONFLICT_ABOVE_CAPACITY:
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
finish_conflict (ConflictData *data)
{
  if (data->current == NULL)
    return;

  data->current->message = conflict_message (data);
  g_ptr_array_add (data->conflicts, g_steal_pointer (&data->current));
  g_clear_pointer (&data->name, g_free);
  g_clear_pointer (&data->other, g_free);
}

static void
add_conflict_row (sqlite3_stmt *stmt,
                  gpointer      user_data)
{
  ConflictData *data = user_data;
  gint64 person_id = sqlite3_column_int64 (stmt, 0);
  gint64 other_id = sqlite3_column_int64 (stmt, 2);
  gint64 slot_id = sqlite3_column_int64 (stmt, 4);

  if (data->current != NULL
      && data->current->person_id == person_id && data->current->other_session_id == other_id)
    {
      /* A slot may overlap two of the other session's. */
      if (slot_id != data->last_slot)
        data->current->n_slots++;
      data->last_slot = slot_id;
      return;
    }

  finish_conflict (data);

  data->current = g_new0 (PsrConflict, 1);
  data->current->kind = data->kind;
  data->current->person_id = person_id;
  data->current->other_session_id = other_id;
  data->current->slot_id = slot_id;
  data->current->n_slots = 1;
  data->last_slot = slot_id;
  data->name = column_text (stmt, 1);
  data->other = column_text (stmt, 3);
  parse_day (&data->day, (const char *) sqlite3_column_text (stmt, 5));
}

static gboolean
find_conflicts (PsrDatabase   *db,
                gint64         session_id,
                const char    *sql,
                ConflictData  *data,
                GError       **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, sql, session_id, error);

  if (stmt == NULL || !psr_store_foreach_row (db, stmt, add_conflict_row, data, error))
    return FALSE;

  finish_conflict (data);
  return TRUE;
}

static void
add_count_conflict (GPtrArray        *conflicts,
                    PsrConflictKind   kind,
                    char             *message)
{
  PsrConflict *conflict = g_new0 (PsrConflict, 1);

  conflict->kind = kind;
  conflict->message = message;
  g_ptr_array_add (conflicts, conflict);
}

GPtrArray *
psr_session_list_conflicts (PsrDatabase  *db,
                            gint64        session_id,
                            GError      **error)
{
  g_autoptr(PsrSessionDetails) details = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *place = NULL;
  static const struct
  {
    PsrConflictKind  kind;
    const char      *sql;
  } queries[] = {
    { PSR_CONFLICT_TRAINER_BUSY, trainer_conflicts_sql },
    { PSR_CONFLICT_ROOM_BUSY, room_conflicts_sql },
    { PSR_CONFLICT_TRAINEE_BUSY, trainee_conflicts_sql },
  };

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  details = psr_session_get_details (db, session_id, error);
  if (details == NULL)
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_conflict_free);
  if (details->status == PSR_SESSION_CANCELLED)
    return g_steal_pointer (&conflicts);

  if (*details->room != '\0')
    /* Translators: a place and a room in it. */
    place = g_strdup_printf (C_("place and room", "%s, %s"), details->place, details->room);
  else
    place = g_strdup (details->place);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      ConflictData data = { .kind = queries[i].kind, .conflicts = conflicts, .place = place };

      if (!find_conflicts (db, session_id, queries[i].sql, &data, error))
        return NULL;
    }

  if (details->n_enrolled < details->min_trainees && details->status != PSR_SESSION_DONE)
    add_count_conflict (conflicts, PSR_CONFLICT_BELOW_MINIMUM,
                        g_strdup_printf (ngettext ("%u trainee enrolled, fewer than the %u the "
                                                   "session needs to run",
                                                   "%u trainees enrolled, fewer than the %u the "
                                                   "session needs to run",
                                                   details->n_enrolled),
                                         details->n_enrolled, details->min_trainees));

  if (details->n_enrolled > details->capacity)
    add_count_conflict (conflicts, PSR_CONFLICT_ABOVE_CAPACITY,
                        g_strdup_printf (ngettext ("%u trainee enrolled, more than the %u "
                                                   "seats of the session",
                                                   "%u trainees enrolled, more than the %u "
                                                   "seats of the session",
                                                   details->n_enrolled),
                                         details->n_enrolled, details->capacity));

  return g_steal_pointer (&conflicts);
}

/* Enrollment ---------------------------------------------------------------- */

static gboolean read_person_enrollment (PsrDatabase  *db,
                                        gint64        session_id,
                                        gint64        person_id,
                                        int          *status,
                                        GError      **error);

/* Why the person cannot be enrolled in the session, if they cannot. */
static gboolean
check_enrollable (PsrDatabase   *db,
                  gint64         session_id,
                  gint64         person_id,
                  const Seats   *seats,
                  int            enrollment,
                  GError       **error)
{
  g_autofree char *name = person_name (db, person_id, error);
  gint64 is_trainer;

  if (name == NULL
      || !query_pair_int (db, is_trainer_sql,
                          session_id, person_id, &is_trainer, error))
    return FALSE;

  if (seats->status == PSR_SESSION_CANCELLED)
    return psr_store_invalid (error,
                              _("This session is cancelled: trainees can no longer be enrolled. "
                                "Restore it first."));

  if (seats->status == PSR_SESSION_DONE)
    return psr_store_invalid (error,
                              _("This session is over: trainees can no longer be enrolled."));

  if (is_trainer)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is a trainer of this session and cannot be enrolled in it."), name);

  switch (enrollment)
    {
    case PSR_ENROLLMENT_ENROLLED:
      return fail (error, PSR_ERROR_INVALID, _("%s is already enrolled in this session."), name);

    case PSR_ENROLLMENT_WAITING:
      return fail (error, PSR_ERROR_INVALID,
                   _("%s is already on the waiting list of this session."), name);

    case PSR_ENROLLMENT_NO_SHOW:
      return fail (error, PSR_ERROR_INVALID,
                   _("%s is already enrolled in this session, marked as not come."), name);

    default:
      return TRUE;
    }
}

gint64
psr_session_enroll (PsrDatabase          *db,
                    gint64                session_id,
                    gint64                person_id,
                    PsrEnrollmentStatus  *status,
                    GError              **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  PsrEnrollmentStatus new_status;
  sqlite3_stmt *stmt;
  gint64 existing, last_position;
  int enrollment;
  gint64 id;
  Seats seats;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);

  if (!begin_change (db, &session_target, session_id, &session_id, error))
    return 0;

  if (!read_seats (db, session_id, &seats, error)
      || !read_person_enrollment (db, session_id, person_id, &enrollment, error)
      || !check_enrollable (db, session_id, person_id, &seats, enrollment, error)
      || !query_pair_int (db, "SELECT id FROM enrollments WHERE session_id = ?1 AND person_id = ?2",
                          session_id, person_id, &existing, error)
      || !query_int64 (db,
                       "SELECT coalesce(max(waiting_position), 0) FROM enrollments"
                       " WHERE session_id = ?1 AND status = 'waiting'",
                       session_id, &last_position, error))
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  /* Nobody jumps the waiting list. */
  new_status = seats.taken < seats.capacity && seats.waiting == 0
               ? PSR_ENROLLMENT_ENROLLED : PSR_ENROLLMENT_WAITING;

  /* A cancelled enrollment comes back rather than a second row. */
  if (existing != 0)
    stmt = psr_store_prepare_with_id (db,
      "UPDATE enrollments SET status = ?2, waiting_position = ?3, cancel_reason = '',"
      " enrolled_at = " PSR_STORE_NOW ", updated_at = " PSR_STORE_NOW " WHERE id = ?1",
      existing, error);
  else
    stmt = psr_store_prepare_with_id (db,
      "INSERT INTO enrollments (session_id, status, waiting_position, person_id, uuid)"
      " VALUES (?1, ?2, ?3, ?4, ?5)", session_id, error);

  if (stmt == NULL)
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  sqlite3_bind_text (stmt, 2, enrollment_status_codes[new_status], -1, SQLITE_STATIC);
  if (new_status == PSR_ENROLLMENT_WAITING)
    sqlite3_bind_int64 (stmt, 3, last_position + 1);
  else
    sqlite3_bind_null (stmt, 3);

  if (existing == 0)
    {
      sqlite3_bind_int64 (stmt, 4, person_id);
      sqlite3_bind_text (stmt, 5, uuid, -1, SQLITE_TRANSIENT);
    }

  if (!psr_database_step_done (db, stmt, error))
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  id = existing != 0 ? existing : psr_database_last_id (db);
  if (!end_change (db, session_id, TRUE, error))
    return 0;

  if (status != NULL)
    *status = new_status;

  return id;
}

/* The status of the enrollment, once its change is begun. */
static gboolean
read_enrollment_status (PsrDatabase          *db,
                        gint64                enrollment_id,
                        PsrEnrollmentStatus  *status,
                        GError              **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db,
                                                  "SELECT status FROM enrollments WHERE id = ?1",
                                                  enrollment_id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, _(enrollment_target.missing), error))
    return FALSE;

  *status = column_code (stmt, 0, enrollment_status_codes);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
psr_enrollment_cancel (PsrDatabase  *db,
                       gint64        enrollment_id,
                       const char   *reason,
                       GError      **error)
{
  g_autofree char *text = stripped (reason);
  PsrEnrollmentStatus status;
  sqlite3_stmt *stmt;
  gint64 session_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (is_blank (text))
    return psr_store_invalid (error,
                              _("A cancelled enrollment needs a reason, for the quality records. "
                                "Type one, then try again."));

  if (!begin_change (db, &enrollment_target, enrollment_id, &session_id, error))
    return FALSE;

  if (!read_enrollment_status (db, enrollment_id, &status, error))
    return end_change (db, session_id, FALSE, error);

  if (status == PSR_ENROLLMENT_CANCELLED)
    {
      psr_store_invalid (error, _("This enrollment is already cancelled."));
      return end_change (db, session_id, FALSE, error);
    }

  stmt = psr_store_prepare_with_id (db,
    "UPDATE enrollments SET status = 'cancelled', waiting_position = NULL, cancel_reason = ?2,"
    " updated_at = " PSR_STORE_NOW " WHERE id = ?1", enrollment_id, error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  done = psr_database_step_done (db, stmt, error) && promote_waiting (db, session_id, error);
  return end_change (db, session_id, done, error);
}

gboolean
psr_enrollment_set_no_show (PsrDatabase  *db,
                            gint64        enrollment_id,
                            gboolean      no_show,
                            GError      **error)
{
  PsrEnrollmentStatus status;
  sqlite3_stmt *stmt;
  gint64 session_id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &enrollment_target, enrollment_id, &session_id, error))
    return FALSE;

  if (!read_enrollment_status (db, enrollment_id, &status, error))
    return end_change (db, session_id, FALSE, error);

  if (status != PSR_ENROLLMENT_ENROLLED && status != PSR_ENROLLMENT_NO_SHOW)
    {
      psr_store_invalid (error,
                         _("Only an enrolled trainee can be marked as not come. Enroll them "
                           "first."));
      return end_change (db, session_id, FALSE, error);
    }

  stmt = psr_store_prepare_with_id (db,
    "UPDATE enrollments SET status = ?2, updated_at = " PSR_STORE_NOW
    " WHERE id = ?1 AND status != ?2", enrollment_id, error);
  if (stmt == NULL)
    return end_change (db, session_id, FALSE, error);

  sqlite3_bind_text (stmt, 2, no_show ? "no-show" : "enrolled", -1, SQLITE_STATIC);
  return end_change (db, session_id, psr_database_step_done (db, stmt, error), error);
}

#define ENROLLMENT_COLUMNS \
  "e.id, e.person_id, " PERSON_NAME ", p.language, e.status, e.waiting_position, e.cancel_reason"
#define ENROLLMENT_ORDER \
  "CASE e.status WHEN 'waiting' THEN 1 WHEN 'cancelled' THEN 2 ELSE 0 END, e.waiting_position," \
  " p.family_name COLLATE NOCASE, p.given_name COLLATE NOCASE, e.id"

static void
append_enrollment (sqlite3_stmt *stmt,
                   gpointer      data)
{
  PsrEnrollment *enrollment = g_new0 (PsrEnrollment, 1);

  enrollment->id = sqlite3_column_int64 (stmt, 0);
  enrollment->person_id = sqlite3_column_int64 (stmt, 1);
  enrollment->display_name = column_text (stmt, 2);
  enrollment->language = column_text (stmt, 3);
  enrollment->status = column_code (stmt, 4, enrollment_status_codes);
  enrollment->waiting_position = sqlite3_column_int (stmt, 5);
  enrollment->cancel_reason = column_text (stmt, 6);
  g_ptr_array_add (data, enrollment);
}

static gboolean
check_session_exists (PsrDatabase  *db,
                      gint64        session_id,
                      GError      **error)
{
  sqlite3_stmt *stmt = psr_store_prepare_with_id (db, session_target.sql, session_id, error);

  if (stmt == NULL || !psr_store_step_row (db, stmt, _(session_target.missing), error))
    return FALSE;

  sqlite3_reset (stmt);
  return TRUE;
}

GPtrArray *
psr_session_list_enrollments (PsrDatabase  *db,
                              gint64        session_id,
                              GError      **error)
{
  g_autoptr(GPtrArray) enrollments = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!check_session_exists (db, session_id, error))
    return NULL;

  enrollments = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_enrollment_free);
  stmt = psr_store_prepare_with_id (db,
    "SELECT " ENROLLMENT_COLUMNS " FROM enrollments e JOIN people p ON p.id = e.person_id"
    " WHERE e.session_id = ?1 ORDER BY " ENROLLMENT_ORDER, session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_enrollment, enrollments, error))
    return NULL;

  return g_steal_pointer (&enrollments);
}

gboolean
psr_session_count_enrollments (PsrDatabase          *db,
                               gint64                session_id,
                               PsrEnrollmentCounts  *counts,
                               GError              **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = psr_store_prepare_with_id (db,
    "SELECT sum(e.status = 'enrolled'), sum(e.status = 'waiting'), sum(e.status = 'cancelled'),"
    " sum(e.status = 'no-show')"
    " FROM sessions s LEFT JOIN enrollments e ON e.session_id = s.id"
    " WHERE s.id = ?1 GROUP BY s.id", session_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(session_target.missing), error))
    return FALSE;

  counts->enrolled = sqlite3_column_int (stmt, 0);
  counts->waiting = sqlite3_column_int (stmt, 1);
  counts->cancelled = sqlite3_column_int (stmt, 2);
  counts->no_show = sqlite3_column_int (stmt, 3);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Attendance ---------------------------------------------------------------- */

/* The status of the person's enrollment in the session, -1 without one. */
static gboolean
read_person_enrollment (PsrDatabase  *db,
                        gint64        session_id,
                        gint64        person_id,
                        int          *status,
                        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_store_prepare_with_id (db,
    "SELECT status FROM enrollments WHERE session_id = ?1 AND person_id = ?2", session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, person_id);
  rc = sqlite3_step (stmt);
  *status = rc == SQLITE_ROW
            ? psr_enrollment_status_from_code ((const char *) sqlite3_column_text (stmt, 0))
            : -1;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
has_signed (PsrDatabase       *db,
            gint64             slot_id,
            gint64             person_id,
            PsrSignatureRole   role,
            gboolean          *signed_slot,
            GError           **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_store_prepare_with_id (db,
    "SELECT 1 FROM signatures WHERE slot_id = ?1 AND person_id = ?2 AND role = ?3", slot_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, role_codes[role], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  *signed_slot = rc == SQLITE_ROW;

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return TRUE;
}

static gboolean
write_attendance (PsrDatabase          *db,
                  gint64                slot_id,
                  gint64                person_id,
                  PsrAttendanceStatus   status,
                  GError              **error)
{
  g_autofree char *uuid = psr_uuid_new ();
  sqlite3_stmt *stmt;

  if (status == PSR_ATTENDANCE_UNKNOWN)
    {
      stmt = psr_store_prepare_with_id (db,
        "DELETE FROM attendance WHERE slot_id = ?1 AND person_id = ?2", slot_id, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 2, person_id);
      return psr_database_step_done (db, stmt, error);
    }

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO attendance (slot_id, person_id, uuid, status) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (slot_id, person_id) DO UPDATE SET status = excluded.status,"
    " recorded_at = " PSR_STORE_NOW ", updated_at = " PSR_STORE_NOW
    " WHERE status != excluded.status", slot_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, person_id);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, attendance_status_codes[status], -1, SQLITE_STATIC);
  return psr_database_step_done (db, stmt, error);
}

gboolean
psr_attendance_set (PsrDatabase          *db,
                    gint64                slot_id,
                    gint64                person_id,
                    PsrAttendanceStatus   status,
                    GError              **error)
{
  gboolean signed_slot = FALSE;
  gint64 session_id;
  int enrollment;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (status <= PSR_ATTENDANCE_EXCUSED, FALSE);

  if (!begin_change (db, &slot_target, slot_id, &session_id, error))
    return FALSE;

  if (!read_person_enrollment (db, session_id, person_id, &enrollment, error)
      || !has_signed (db, slot_id, person_id, PSR_SIGNATURE_TRAINEE, &signed_slot, error))
    return end_change (db, session_id, FALSE, error);

  if (enrollment != PSR_ENROLLMENT_ENROLLED && enrollment != PSR_ENROLLMENT_NO_SHOW)
    {
      psr_store_invalid (error,
                         _("This person is not enrolled in the session: enroll them before "
                           "recording their attendance."));
      return end_change (db, session_id, FALSE, error);
    }

  if (signed_slot && (status == PSR_ATTENDANCE_ABSENT || status == PSR_ATTENDANCE_EXCUSED))
    {
      psr_store_invalid (error,
                         _("This trainee signed this half-day: they cannot be marked absent "
                           "or excused."));
      return end_change (db, session_id, FALSE, error);
    }

  return end_change (db, session_id, write_attendance (db, slot_id, person_id, status, error),
                     error);
}

typedef struct
{
  PsrAttendanceGrid *grid;
  GHashTable        *rows;     /* person id → row + 1 */
  GHashTable        *columns;  /* slot id → column + 1 */
} GridData;

static PsrAttendanceCell *
grid_cell (GridData     *data,
           sqlite3_stmt *stmt)
{
  gint64 slot_id = sqlite3_column_int64 (stmt, 0);
  gint64 person_id = sqlite3_column_int64 (stmt, 1);
  guint row = GPOINTER_TO_UINT (g_hash_table_lookup (data->rows, &person_id));
  guint column = GPOINTER_TO_UINT (g_hash_table_lookup (data->columns, &slot_id));

  if (row == 0 || column == 0)
    return NULL;

  return &data->grid->cells[(row - 1) * data->grid->slots->len + column - 1];
}

static void
add_attendance_row (sqlite3_stmt *stmt,
                    gpointer      user_data)
{
  PsrAttendanceCell *cell = grid_cell (user_data, stmt);

  if (cell != NULL)
    cell->status = column_code (stmt, 2, attendance_status_codes);
}

static void
add_signature_row (sqlite3_stmt *stmt,
                   gpointer      user_data)
{
  GridData *data = user_data;
  gint64 slot_id = sqlite3_column_int64 (stmt, 0);
  const char *role = (const char *) sqlite3_column_text (stmt, 2);
  const char *signed_at = (const char *) sqlite3_column_text (stmt, 3);

  if (g_strcmp0 (role, "trainer") == 0)
    {
      guint column = GPOINTER_TO_UINT (g_hash_table_lookup (data->columns, &slot_id));

      if (column != 0 && data->grid->countersigned_at[column - 1] == NULL)
        data->grid->countersigned_at[column - 1] = parse_instant (signed_at);
    }
  else
    {
      PsrAttendanceCell *cell = grid_cell (data, stmt);

      if (cell != NULL && cell->signed_at == NULL)
        cell->signed_at = parse_instant (signed_at);
    }
}

PsrAttendanceGrid *
psr_session_get_attendance (PsrDatabase  *db,
                            gint64        session_id,
                            GError      **error)
{
  g_autoptr(PsrAttendanceGrid) grid = NULL;
  g_autoptr(GPtrArray) enrollments = NULL;
  g_autoptr(GHashTable) rows = NULL;
  g_autoptr(GHashTable) columns = NULL;
  GPtrArray *slots;
  GridData data;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  enrollments = psr_session_list_enrollments (db, session_id, error);
  if (enrollments == NULL || (slots = psr_session_list_slots (db, session_id, error)) == NULL)
    return NULL;

  grid = g_new0 (PsrAttendanceGrid, 1);
  grid->slots = slots;
  grid->trainees = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_enrollment_free);
  for (guint i = 0; i < enrollments->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (enrollments, i);

      if (enrollment->status == PSR_ENROLLMENT_ENROLLED
          || enrollment->status == PSR_ENROLLMENT_NO_SHOW)
        g_ptr_array_add (grid->trainees, psr_enrollment_copy (enrollment));
    }

  grid->cells = g_new0 (PsrAttendanceCell, grid->trainees->len * slots->len);
  grid->countersigned_at = g_new0 (GDateTime *, slots->len);

  rows = g_hash_table_new (g_int64_hash, g_int64_equal);
  columns = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < grid->trainees->len; i++)
    {
      PsrEnrollment *enrollment = g_ptr_array_index (grid->trainees, i);

      g_hash_table_insert (rows, &enrollment->person_id, GUINT_TO_POINTER (i + 1));
    }
  for (guint i = 0; i < slots->len; i++)
    {
      PsrSlot *slot = g_ptr_array_index (slots, i);

      g_hash_table_insert (columns, &slot->id, GUINT_TO_POINTER (i + 1));
    }

  data.grid = grid;
  data.rows = rows;
  data.columns = columns;

  stmt = psr_store_prepare_with_id (db,
    "SELECT a.slot_id, a.person_id, a.status FROM attendance a"
    " JOIN session_slots sl ON sl.id = a.slot_id WHERE sl.session_id = ?1", session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, add_attendance_row, &data, error))
    return NULL;

  stmt = psr_store_prepare_with_id (db,
    "SELECT slot_id, person_id, role, signed_at FROM signatures WHERE session_id = ?1 ORDER BY id",
    session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, add_signature_row, &data, error))
    return NULL;

  return g_steal_pointer (&grid);
}

/* Strokes ------------------------------------------------------------------- */

GPtrArray *
psr_strokes_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

void
psr_strokes_add_point (GPtrArray *strokes,
                       gboolean   new_stroke,
                       double     x,
                       double     y)
{
  PsrPoint point = { x, y };

  g_return_if_fail (strokes != NULL);

  if (new_stroke || strokes->len == 0)
    g_ptr_array_add (strokes, g_array_new (FALSE, FALSE, sizeof (PsrPoint)));

  g_array_append_val ((GArray *) g_ptr_array_index (strokes, strokes->len - 1), point);
}

static gboolean
too_many_strokes (GError **error)
{
  return psr_store_invalid (error,
                            _("The signature has too many strokes to be stored. Clear it and sign "
                              "again."));
}

gboolean
psr_strokes_validate (const GPtrArray  *strokes,
                      GError          **error)
{
  guint n_points = 0;

  if (strokes == NULL || strokes->len == 0)
    return psr_store_invalid (error, _("The signature is empty. Sign in the box, then try again."));

  if (strokes->len > PSR_STROKES_MAX_STROKES)
    return too_many_strokes (error);

  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index ((GPtrArray *) strokes, i);

      if (stroke == NULL || stroke->len == 0)
        return psr_store_invalid (error,
                                  _("The signature has an empty stroke. Clear it and sign again."));

      n_points += stroke->len;
      if (n_points > PSR_STROKES_MAX_POINTS)
        return psr_store_invalid (error,
                                  _("The signature is too long to be stored. Clear it and sign "
                                    "again."));

      for (guint j = 0; j < stroke->len; j++)
        {
          PsrPoint *point = &g_array_index (stroke, PsrPoint, j);

          /* Written as negations so that NaN fails them too. */
          if (!(point->x >= 0.0 && point->x <= 1.0 && point->y >= 0.0 && point->y <= 1.0))
            return psr_store_invalid (error,
                                      _("The signature goes out of its box. Clear it and sign "
                                        "again."));
        }
    }

  if (n_points < 2)
    return psr_store_invalid (error,
                              _("A dot is not a signature. Sign in the box, then try again."));

  return TRUE;
}

/* 0, 1, or 0. followed by up to 4 digits without trailing zeros. */
static void
append_coordinate (GString *text,
                   double   value)
{
  guint scaled = (guint) lround (value * STROKES_SCALE);
  char digits[5];
  int end = 4;

  if (scaled == 0 || scaled >= STROKES_SCALE)
    {
      g_string_append_c (text, scaled == 0 ? '0' : '1');
      return;
    }

  g_snprintf (digits, sizeof digits, "%04u", scaled);
  while (end > 1 && digits[end - 1] == '0')
    end--;

  g_string_append (text, "0.");
  g_string_append_len (text, digits, end);
}

GBytes *
psr_strokes_encode (const GPtrArray  *strokes,
                    GError          **error)
{
  GString *text;

  if (!psr_strokes_validate (strokes, error))
    return NULL;

  text = g_string_new ("[");
  for (guint i = 0; i < strokes->len; i++)
    {
      GArray *stroke = g_ptr_array_index ((GPtrArray *) strokes, i);

      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '[');

      for (guint j = 0; j < stroke->len; j++)
        {
          PsrPoint *point = &g_array_index (stroke, PsrPoint, j);

          if (j > 0)
            g_string_append_c (text, ',');
          g_string_append_c (text, '[');
          append_coordinate (text, point->x);
          g_string_append_c (text, ',');
          append_coordinate (text, point->y);
          g_string_append_c (text, ']');
        }

      g_string_append_c (text, ']');
    }
  g_string_append_c (text, ']');

  return g_string_free_to_bytes (text);
}

static gboolean
read_number (JsonNode *node,
             double   *value)
{
  GType type;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;

  return TRUE;
}

static gboolean
damaged_strokes (GError **error)
{
  return psr_store_invalid (error,
                            _("The signature cannot be read: its drawing is damaged."));
}

GPtrArray *
psr_strokes_decode (GBytes  *bytes,
                    GError **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) strokes = NULL;
  JsonArray *root;
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size == 0 || size > STROKES_MAX_BYTES || data == NULL)
    {
      damaged_strokes (error);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, NULL)
      || json_parser_get_root (parser) == NULL
      || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      damaged_strokes (error);
      return NULL;
    }

  root = json_node_get_array (json_parser_get_root (parser));
  if (json_array_get_length (root) > PSR_STROKES_MAX_STROKES)
    {
      too_many_strokes (error);
      return NULL;
    }

  strokes = psr_strokes_new ();
  for (guint i = 0; i < json_array_get_length (root); i++)
    {
      JsonNode *stroke_node = json_array_get_element (root, i);
      JsonArray *stroke;
      GArray *points;

      if (!JSON_NODE_HOLDS_ARRAY (stroke_node))
        {
          damaged_strokes (error);
          return NULL;
        }

      stroke = json_node_get_array (stroke_node);
      points = g_array_sized_new (FALSE, FALSE, sizeof (PsrPoint), json_array_get_length (stroke));
      g_ptr_array_add (strokes, points);

      for (guint j = 0; j < json_array_get_length (stroke); j++)
        {
          JsonNode *point_node = json_array_get_element (stroke, j);
          JsonArray *pair;
          PsrPoint point;

          if (!JSON_NODE_HOLDS_ARRAY (point_node)
              || json_array_get_length (pair = json_node_get_array (point_node)) != 2
              || !read_number (json_array_get_element (pair, 0), &point.x)
              || !read_number (json_array_get_element (pair, 1), &point.y))
            {
              damaged_strokes (error);
              return NULL;
            }

          g_array_append_val (points, point);
        }
    }

  if (!psr_strokes_validate (strokes, error))
    return NULL;

  return g_steal_pointer (&strokes);
}

/* Signatures ---------------------------------------------------------------- */

/* What the hash of a signature covers, each field as its length in bytes,
 * a colon, its bytes and a line feed, so that no two contents read the
 * same: see docs/attendance-signatures.md. */
typedef struct
{
  const char *previous_hash;
  const char *uuid;
  const char *session_uuid;
  const char *slot_uuid;
  const char *person_uuid;
  const char *role;
  const char *signed_at;
  const char *late_reason;
  const guint8 *strokes;
  gsize       strokes_size;
} SignatureContent;

static void
checksum_field (GChecksum    *checksum,
                const guint8 *data,
                gsize         size)
{
  char length[32];

  g_snprintf (length, sizeof length, "%" G_GSIZE_FORMAT ":", size);
  g_checksum_update (checksum, (const guint8 *) length, -1);
  if (size > 0)
    g_checksum_update (checksum, data, size);
  g_checksum_update (checksum, (const guint8 *) "\n", 1);
}

static void
checksum_text (GChecksum  *checksum,
               const char *text)
{
  checksum_field (checksum, (const guint8 *) (text != NULL ? text : ""),
                  text != NULL ? strlen (text) : 0);
}

static char *
signature_hash (const SignatureContent *content)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  g_checksum_update (checksum, (const guint8 *) SIGNATURE_FORMAT, -1);
  checksum_text (checksum, content->previous_hash);
  checksum_text (checksum, content->uuid);
  checksum_text (checksum, content->session_uuid);
  checksum_text (checksum, content->slot_uuid);
  checksum_text (checksum, content->person_uuid);
  checksum_text (checksum, content->role);
  checksum_text (checksum, content->signed_at);
  checksum_text (checksum, content->late_reason);
  checksum_field (checksum, content->strokes, content->strokes_size);
  return g_strdup (g_checksum_get_string (checksum));
}

/* What signing a slot needs to know, read in its transaction. */
typedef struct
{
  gint64  session_id;
  char   *session_uuid;
  char   *slot_uuid;
  char   *status;
  char   *day;
  guint   starts_at;
  guint   ends_at;
  char   *last_hash;
} SigningSlot;

static void
signing_slot_clear (SigningSlot *slot)
{
  g_free (slot->session_uuid);
  g_free (slot->slot_uuid);
  g_free (slot->status);
  g_free (slot->day);
  g_free (slot->last_hash);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SigningSlot, signing_slot_clear)

static gboolean
read_signing_slot (PsrDatabase  *db,
                   gint64        slot_id,
                   SigningSlot  *slot,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = psr_store_prepare_with_id (db,
    "SELECT s.id, s.uuid, sl.uuid, s.status, sl.day, sl.starts_at, sl.ends_at,"
    " s.last_signature_hash"
    " FROM session_slots sl JOIN sessions s ON s.id = sl.session_id WHERE sl.id = ?1",
    slot_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(slot_target.missing), error))
    return FALSE;

  slot->session_id = sqlite3_column_int64 (stmt, 0);
  slot->session_uuid = column_text (stmt, 1);
  slot->slot_uuid = column_text (stmt, 2);
  slot->status = column_text (stmt, 3);
  slot->day = column_text (stmt, 4);
  slot->starts_at = parse_time ((const char *) sqlite3_column_text (stmt, 5));
  slot->ends_at = parse_time ((const char *) sqlite3_column_text (stmt, 6));
  slot->last_hash = column_text (stmt, 7);
  sqlite3_reset (stmt);
  return TRUE;
}

/* @minutes after the midnight of @day, in local time. */
static GDateTime *
local_time (const GDate *day,
            guint        minutes)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();

  return g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                          g_date_get_day (day), minutes / 60, minutes % 60, 0);
}

/* Whether @now is in the window of the slot for @role. */
static gboolean
check_signing_time (const SigningSlot  *slot,
                    PsrSignatureRole    role,
                    const char         *late_reason,
                    GDateTime          *now,
                    GError            **error)
{
  g_autoptr(GDateTime) starts = NULL;
  g_autoptr(GDateTime) opens = NULL;
  g_autoptr(GDateTime) ends = NULL;
  g_autofree char *date = NULL;
  char opens_text[6];
  GDate day;

  parse_day (&day, slot->day);
  if (!g_date_valid (&day))
    return psr_store_invalid (error,
                              _("This half-day has no valid day. Correct it, then try again."));

  starts = local_time (&day, slot->starts_at);
  ends = local_time (&day, slot->ends_at);
  opens = g_date_time_add_minutes (starts, -PSR_SIGNING_EARLY_MINUTES);

  if (g_date_time_compare (now, opens) < 0)
    {
      date = psr_format_date (&day);
      format_time (slot->starts_at >= PSR_SIGNING_EARLY_MINUTES
                   ? slot->starts_at - PSR_SIGNING_EARLY_MINUTES : 0, opens_text);
      return fail (error, PSR_ERROR_INVALID,
                   _("This half-day has not started yet: it can be signed from %s on %s."),
                   opens_text, date);
    }

  if (g_date_time_compare (now, ends) <= 0)
    return TRUE;

  if (role == PSR_SIGNATURE_TRAINEE)
    return psr_store_invalid (error,
                              _("This half-day is over: a trainee can no longer sign it. A trainer "
                                "can countersign it, with the reason for the delay."));

  if (is_blank (late_reason))
    return psr_store_invalid (error,
                              _("This half-day is over: give the reason for signing it late, then "
                                "try again."));

  return TRUE;
}

/* Whether the person may sign the slot in @role. */
static gboolean
check_signer (PsrDatabase       *db,
              gint64             session_id,
              gint64             slot_id,
              gint64             person_id,
              PsrSignatureRole   role,
              char             **person_uuid,
              GError           **error)
{
  g_autofree char *name = person_name (db, person_id, error);
  gboolean signed_slot;
  sqlite3_stmt *stmt;
  gint64 is_trainer;
  int enrollment;

  if (name == NULL)
    return FALSE;

  if (!query_pair_int (db, is_trainer_sql,
                       session_id, person_id, &is_trainer, error)
      || !read_person_enrollment (db, session_id, person_id, &enrollment, error)
      || !has_signed (db, slot_id, person_id, role, &signed_slot, error))
    return FALSE;

  if (role == PSR_SIGNATURE_TRAINER && !is_trainer)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is not a trainer of this session: only its trainers countersign it."), name);

  if (role == PSR_SIGNATURE_TRAINEE && enrollment == PSR_ENROLLMENT_NO_SHOW)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is marked as not come. Mark them as enrolled again, then let them sign."),
                 name);

  if (role == PSR_SIGNATURE_TRAINEE && enrollment != PSR_ENROLLMENT_ENROLLED)
    return fail (error, PSR_ERROR_INVALID,
                 _("%s is not enrolled in this session: only its trainees sign it."), name);

  if (signed_slot && role == PSR_SIGNATURE_TRAINER)
    return fail (error, PSR_ERROR_INVALID, _("%s already countersigned this half-day."), name);

  if (signed_slot)
    return fail (error, PSR_ERROR_INVALID, _("%s already signed this half-day."), name);

  stmt = psr_store_prepare_with_id (db, "SELECT uuid FROM people WHERE id = ?1", person_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, NULL, error))
    return FALSE;

  *person_uuid = column_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
insert_signature (PsrDatabase             *db,
                  gint64                   session_id,
                  gint64                   slot_id,
                  gint64                   person_id,
                  const SignatureContent  *content,
                  const char              *hash,
                  GError                 **error)
{
  sqlite3_stmt *stmt;

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO signatures (session_id, slot_id, person_id, uuid, person_uuid, role, strokes,"
    " signed_at, late_reason, previous_hash, hash)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 2, slot_id);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, content->uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, content->person_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, content->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 7, content->strokes, content->strokes_size, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, content->signed_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 9, content->late_reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 10, content->previous_hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 11, hash, -1, SQLITE_TRANSIENT);
  if (!psr_database_step_done (db, stmt, error))
    return FALSE;

  /* The anchor, in the same transaction. */
  stmt = psr_store_prepare_with_id (db,
    "UPDATE sessions SET signature_count = signature_count + 1, last_signature_hash = ?2"
    " WHERE id = ?1", session_id, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (db, stmt, error);
}

gint64
psr_slot_sign (PsrDatabase       *db,
               gint64             slot_id,
               gint64             person_id,
               PsrSignatureRole   role,
               const GPtrArray   *strokes,
               const char        *late_reason,
               GDateTime         *now,
               GError           **error)
{
  g_auto(SigningSlot) slot = { 0 };
  g_autoptr(GDateTime) clock = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autofree char *reason = stripped (late_reason);
  g_autofree char *person_uuid = NULL;
  g_autofree char *signed_at = NULL;
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *hash = NULL;
  SignatureContent content;
  gsize size;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (role <= PSR_SIGNATURE_TRAINER, 0);

  clock = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();

  if (role == PSR_SIGNATURE_TRAINEE && !is_blank (reason))
    {
      psr_store_invalid (error,
                         _("Only a trainer can sign a half-day late, with a reason. A trainee "
                           "signs while the half-day runs."));
      return 0;
    }

  encoded = psr_strokes_encode (strokes, error);
  if (encoded == NULL)
    return 0;

  if (!psr_database_begin (db, error))
    return 0;

  if (!read_signing_slot (db, slot_id, &slot, error))
    goto failed;

  if (g_str_equal (slot.status, "cancelled"))
    {
      psr_store_invalid (error,
                         _("This session is cancelled: its half-days can no longer be signed."));
      goto failed;
    }

  if (!check_signing_time (&slot, role, reason, clock, error)
      || !check_signer (db, slot.session_id, slot_id, person_id, role, &person_uuid, error))
    goto failed;

  signed_at = format_instant (clock);
  content.previous_hash = slot.last_hash;
  content.uuid = uuid;
  content.session_uuid = slot.session_uuid;
  content.slot_uuid = slot.slot_uuid;
  content.person_uuid = person_uuid;
  content.role = role_codes[role];
  content.signed_at = signed_at;
  content.late_reason = reason;
  content.strokes = g_bytes_get_data (encoded, &size);
  content.strokes_size = size;
  hash = signature_hash (&content);

  if (!insert_signature (db, slot.session_id, slot_id, person_id, &content, hash, error))
    goto failed;

  id = psr_database_last_id (db);

  /* A trainee who signs is there: present, or late if the trainer said so. */
  if (role == PSR_SIGNATURE_TRAINEE)
    {
      g_autofree char *attendance_uuid = psr_uuid_new ();
      sqlite3_stmt *stmt = psr_store_prepare_with_id (db,
        "INSERT INTO attendance (slot_id, person_id, uuid, status) VALUES (?1, ?2, ?3, 'present')"
        " ON CONFLICT (slot_id, person_id) DO UPDATE SET status = 'present',"
        " recorded_at = " PSR_STORE_NOW ", updated_at = " PSR_STORE_NOW
        " WHERE status IN ('absent', 'excused')", slot_id, error);

      if (stmt == NULL)
        goto failed;

      sqlite3_bind_int64 (stmt, 2, person_id);
      sqlite3_bind_text (stmt, 3, attendance_uuid, -1, SQLITE_TRANSIENT);
      if (!psr_database_step_done (db, stmt, error))
        goto failed;
    }

  return end_change (db, slot.session_id, TRUE, error) ? id : 0;

failed:
  psr_database_rollback (db);
  return 0;
}

static void
append_signature (sqlite3_stmt *stmt,
                  gpointer      data)
{
  PsrSignature *signature = g_new0 (PsrSignature, 1);
  g_autoptr(GBytes) strokes = NULL;

  signature->id = sqlite3_column_int64 (stmt, 0);
  signature->uuid = column_text (stmt, 1);
  signature->slot_id = sqlite3_column_int64 (stmt, 2);
  signature->person_id = sqlite3_column_int64 (stmt, 3);
  signature->display_name = column_text (stmt, 4);
  signature->role = column_code (stmt, 5, role_codes);
  signature->signed_at = parse_instant ((const char *) sqlite3_column_text (stmt, 6));
  signature->late_reason = column_text (stmt, 7);

  strokes = g_bytes_new (sqlite3_column_blob (stmt, 8), sqlite3_column_bytes (stmt, 8));
  signature->strokes = psr_strokes_decode (strokes, NULL);
  if (signature->strokes == NULL)
    signature->strokes = psr_strokes_new ();

  g_ptr_array_add (data, signature);
}

GPtrArray *
psr_slot_list_signatures (PsrDatabase  *db,
                          gint64        slot_id,
                          GError      **error)
{
  g_autoptr(GPtrArray) signatures = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db, "SELECT id FROM session_slots WHERE id = ?1", slot_id,
                                    error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(slot_target.missing), error))
    return NULL;
  sqlite3_reset (stmt);

  signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_signature_free);
  stmt = psr_store_prepare_with_id (db,
    "SELECT g.id, g.uuid, g.slot_id, coalesce(g.person_id, 0), coalesce(" PERSON_NAME ", ''),"
    " g.role, g.signed_at, g.late_reason, g.strokes"
    " FROM signatures g LEFT JOIN people p ON p.id = g.person_id"
    " WHERE g.slot_id = ?1 ORDER BY g.id", slot_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_signature, signatures, error))
    return NULL;

  return g_steal_pointer (&signatures);
}

/* Verification -------------------------------------------------------------- */

typedef struct
{
  char           *session_uuid;
  guint           expected;  /* the anchor: how many signatures */
  char           *anchor;    /* and the hash of the last one */
  gboolean        found;     /* whether the session exists */
  char           *previous;  /* the hash the next signature must follow */
  guint           position;
  PsrChainReport *report;
} ChainWalk;

/* "Anne Martin, 12 March 2026 at 09:05", to find the signature on paper. */
static char *
describe_signature (sqlite3_stmt *stmt)
{
  g_autoptr(GDateTime) signed_at = parse_instant ((const char *) sqlite3_column_text (stmt, 12));
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *name = column_text (stmt, 13);
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;
  GDate day;

  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (_("a deleted person"));
    }

  if (signed_at == NULL)
    return g_steal_pointer (&name);

  local = g_date_time_to_local (signed_at);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  date = psr_format_date (&day);
  time = g_date_time_format (local, "%H:%M");
  /* Translators: who signed, on which day, at what time. */
  return g_strdup_printf (C_("signature", "%s, %s at %s"), name, date, time);
}

static void
check_chain_row (sqlite3_stmt *stmt,
                 gpointer      user_data)
{
  ChainWalk *walk = user_data;
  g_autofree char *description = NULL;
  g_autofree char *hash = NULL;
  const char *previous_hash = (const char *) sqlite3_column_text (stmt, 9);
  const char *stored_hash = (const char *) sqlite3_column_text (stmt, 10);
  const char *person_uuid = (const char *) sqlite3_column_text (stmt, 4);
  const char *current_uuid = (const char *) sqlite3_column_text (stmt, 11);
  SignatureContent content;

  /* Every row carries the session and its anchor, so that the walk and
   * the anchor are read from one snapshot of the database. */
  if (!walk->found)
    {
      walk->found = TRUE;
      walk->session_uuid = column_text (stmt, 14);
      walk->expected = sqlite3_column_int (stmt, 15);
      walk->anchor = column_text (stmt, 16);
    }

  /* The session without any signature. */
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return;

  walk->position++;
  walk->report->n_signatures++;
  if (!walk->report->intact)
    return;

  content.previous_hash = previous_hash;
  content.uuid = (const char *) sqlite3_column_text (stmt, 1);
  content.session_uuid = walk->session_uuid;
  content.slot_uuid = (const char *) sqlite3_column_text (stmt, 3);
  content.person_uuid = person_uuid;
  content.role = (const char *) sqlite3_column_text (stmt, 5);
  content.signed_at = (const char *) sqlite3_column_text (stmt, 7);
  content.late_reason = (const char *) sqlite3_column_text (stmt, 8);
  content.strokes = sqlite3_column_blob (stmt, 6);
  content.strokes_size = sqlite3_column_bytes (stmt, 6);
  hash = signature_hash (&content);

  /* The signature of a person whose data was erased (psr-privacy.h) has
   * lost what its hash covered: its link to the one before still holds. */
  if (!sqlite3_column_int (stmt, 17)
      && (g_strcmp0 (hash, stored_hash) != 0
          || (current_uuid != NULL && g_strcmp0 (current_uuid, person_uuid) != 0)))
    {
      description = describe_signature (stmt);
      walk->report->message =
        g_strdup_printf (_("Signature %u (%s) was changed after it was signed: the attendance "
                           "record of this session can no longer be trusted."),
                         walk->position, description);
    }
  else if (g_strcmp0 (previous_hash, walk->previous) != 0)
    {
      description = describe_signature (stmt);
      walk->report->message =
        g_strdup_printf (_("Signature %u (%s) does not follow the one before it: a signature was "
                           "deleted or moved, and the attendance record of this session can no "
                           "longer be trusted."),
                         walk->position, description);
    }
  else
    {
      g_free (walk->previous);
      walk->previous = g_strdup (stored_hash);
      return;
    }

  walk->report->intact = FALSE;
  walk->report->broken_at = walk->position;
  walk->report->signature_id = sqlite3_column_int64 (stmt, 0);
}

PsrChainReport *
psr_session_verify_signatures (PsrDatabase  *db,
                               gint64        session_id,
                               GError      **error)
{
  g_autoptr(PsrChainReport) report = g_new0 (PsrChainReport, 1);
  ChainWalk walk = { 0 };
  sqlite3_stmt *stmt;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  report->intact = TRUE;
  walk.previous = g_strdup (GENESIS_HASH);
  walk.report = report;

  stmt = psr_store_prepare_with_id (db,
    "SELECT g.id, g.uuid, g.session_id, coalesce(sl.uuid, ''), g.person_uuid, g.role, g.strokes,"
    " g.signed_at, g.late_reason, g.previous_hash, g.hash, p.uuid, g.signed_at,"
    " coalesce(" PERSON_NAME ", ''), s.uuid, s.signature_count, s.last_signature_hash,"
    " g.erased_at IS NOT NULL"
    " FROM sessions s LEFT JOIN signatures g ON g.session_id = s.id"
    " LEFT JOIN session_slots sl ON sl.id = g.slot_id"
    " LEFT JOIN people p ON p.id = g.person_id"
    " WHERE s.id = ?1 ORDER BY g.id", session_id, error);
  done = stmt != NULL && psr_store_foreach_row (db, stmt, check_chain_row, &walk, error);

  if (!done || !walk.found)
    {
      if (done)
        g_set_error_literal (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _(session_target.missing));
      g_free (walk.previous);
      g_free (walk.session_uuid);
      g_free (walk.anchor);
      return NULL;
    }

  if (report->intact
      && (report->n_signatures != walk.expected || g_strcmp0 (walk.previous, walk.anchor) != 0))
    {
      report->intact = FALSE;
      report->broken_at = report->n_signatures + 1;
      if (report->n_signatures < walk.expected)
        report->message =
          g_strdup_printf (ngettext ("%u signature was recorded, but only %u remain: the last "
                                     "ones were deleted, and the attendance record of this "
                                     "session can no longer be trusted.",
                                     "%u signatures were recorded, but only %u remain: the last "
                                     "ones were deleted, and the attendance record of this "
                                     "session can no longer be trusted.",
                                     walk.expected),
                           walk.expected, report->n_signatures);
      else
        report->message =
          g_strdup (_("The signatures do not end as the session recorded: a signature was "
                      "deleted, added or changed, and the attendance record of this session can "
                      "no longer be trusted."));
    }

  g_free (walk.previous);
  g_free (walk.session_uuid);
  g_free (walk.anchor);
  return g_steal_pointer (&report);
}

/* Attachments --------------------------------------------------------------- */

gint64
psr_session_attach (PsrDatabase        *db,
                    gint64              session_id,
                    PsrAttachmentKind   kind,
                    const char         *filename,
                    const char         *mime_type,
                    GBytes             *data,
                    GError            **error)
{
  g_autofree char *name = NULL;
  g_autofree char *type = stripped (mime_type);
  g_autofree char *uuid = psr_uuid_new ();
  g_autofree char *limit = NULL;
  const char *base;
  sqlite3_stmt *stmt;
  gsize size = 0;
  gconstpointer bytes;
  gint64 id;

  g_return_val_if_fail (PSR_IS_DATABASE (db), 0);
  g_return_val_if_fail (kind <= PSR_ATTACHMENT_OTHER, 0);

  /* Without the folders of the machine it came from, whatever its system. */
  base = filename != NULL ? filename : "";
  for (const char *c = base; *c != '\0'; c++)
    if (*c == '/' || *c == '\\')
      base = c + 1;
  name = stripped (base);
  if (is_blank (name))
    {
      psr_store_invalid (error, _("The file needs a name. Choose another file."));
      return 0;
    }

  bytes = data != NULL ? g_bytes_get_data (data, &size) : NULL;
  if (size == 0)
    {
      psr_store_invalid (error, _("The file is empty. Choose another file."));
      return 0;
    }

  if (size > PSR_ATTACHMENT_MAX_SIZE)
    {
      limit = g_format_size_full (PSR_ATTACHMENT_MAX_SIZE, G_FORMAT_SIZE_IEC_UNITS);
      fail (error, PSR_ERROR_INVALID,
            _("The file is larger than %s. Scan it again at a lower resolution, then attach it."),
            limit);
      return 0;
    }

  if (is_blank (type))
    {
      g_free (type);
      type = g_strdup ("application/octet-stream");
    }

  if (!begin_change (db, &session_target, session_id, &session_id, error))
    return 0;

  stmt = psr_store_prepare_with_id (db,
    "INSERT INTO attachments (session_id, uuid, kind, filename, mime_type, data)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", session_id, error);
  if (stmt == NULL)
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, attachment_kind_codes[kind], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, type, -1, SQLITE_TRANSIENT);
  /* Written before the statement is reset: no copy needed. */
  sqlite3_bind_blob64 (stmt, 6, bytes, size, SQLITE_STATIC);
  if (!psr_database_step_done (db, stmt, error))
    {
      end_change (db, session_id, FALSE, error);
      return 0;
    }

  id = psr_database_last_id (db);
  return end_change (db, session_id, TRUE, error) ? id : 0;
}

static void
append_attachment (sqlite3_stmt *stmt,
                   gpointer      data)
{
  PsrAttachment *attachment = g_new0 (PsrAttachment, 1);

  attachment->id = sqlite3_column_int64 (stmt, 0);
  attachment->kind = column_code (stmt, 1, attachment_kind_codes);
  attachment->filename = column_text (stmt, 2);
  attachment->mime_type = column_text (stmt, 3);
  attachment->size = sqlite3_column_int64 (stmt, 4);
  attachment->created_at = parse_instant ((const char *) sqlite3_column_text (stmt, 5));
  g_ptr_array_add (data, attachment);
}

GPtrArray *
psr_session_list_attachments (PsrDatabase  *db,
                              gint64        session_id,
                              GError      **error)
{
  g_autoptr(GPtrArray) attachments = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  if (!check_session_exists (db, session_id, error))
    return NULL;

  attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) psr_attachment_free);
  stmt = psr_store_prepare_with_id (db,
    "SELECT id, kind, filename, mime_type, length(data), created_at FROM attachments"
    " WHERE session_id = ?1 ORDER BY created_at DESC, id DESC", session_id, error);
  if (stmt == NULL || !psr_store_foreach_row (db, stmt, append_attachment, attachments, error))
    return NULL;

  return g_steal_pointer (&attachments);
}

GBytes *
psr_attachment_get_data (PsrDatabase  *db,
                         gint64        attachment_id,
                         GError      **error)
{
  sqlite3_stmt *stmt;
  GBytes *bytes;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);

  stmt = psr_store_prepare_with_id (db,
    "SELECT data FROM attachments WHERE id = ?1 AND session_id IS NOT NULL", attachment_id, error);
  if (stmt == NULL || !psr_store_step_row (db, stmt, _(attachment_target.missing), error))
    return NULL;

  bytes = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return bytes;
}

gboolean
psr_attachment_remove (PsrDatabase  *db,
                       gint64        attachment_id,
                       GError      **error)
{
  gint64 session_id;
  gboolean done;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);

  if (!begin_change (db, &attachment_target, attachment_id, &session_id, error))
    return FALSE;

  done = psr_store_run_with_id (db, "DELETE FROM attachments WHERE id = ?1", attachment_id, error);
  return end_change (db, session_id, done, error);
}
