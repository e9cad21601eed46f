/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * The store of training sessions: planning (slots, trainers, place),
 * conflicts, enrollment with a waiting list, attendance, signatures
 * (émargement) chained per session, and attached files.
 *
 * Every function that changes something is one transaction that marks the
 * session as changed: it is done whole, or it fails with a translated
 * GError of the PSR_ERROR domain that says what to do, and nothing changes.
 *
 * Errors: PSR_ERROR_NOT_FOUND when the row no longer exists,
 * PSR_ERROR_INVALID for a bad value or a change the rules refuse (a
 * capacity below the enrolled trainees, a signature outside its slot…),
 * PSR_ERROR_CONSTRAINT when a record to link does not exist or signatures
 * forbid the change, and the other codes of the store.
 *
 * Days are GDate (the calendar day of the place), times of day minutes
 * from midnight (0 … 1439) in the local time of the place, which is the
 * time zone of the computer. Instants are GDateTime.
 *
 * The seats of a session are taken by its enrolled trainees and its
 * no-shows (a no-show keeps the seat: the session ran with it booked).
 * Waiting trainees are promoted in the order of their waiting position,
 * automatically, whenever a seat frees (cancellation, raised capacity).
 */

/* Codes -------------------------------------------------------------------- */

typedef enum
{
  PSR_SESSION_PLANNED,
  PSR_SESSION_CONFIRMED,
  PSR_SESSION_RUNNING,
  PSR_SESSION_DONE,
  PSR_SESSION_CANCELLED,
} PsrSessionStatus;

typedef enum
{
  PSR_PERIOD_MORNING,
  PSR_PERIOD_AFTERNOON,
} PsrPeriod;

typedef enum
{
  PSR_ENROLLMENT_ENROLLED,
  PSR_ENROLLMENT_WAITING,
  PSR_ENROLLMENT_CANCELLED,
  PSR_ENROLLMENT_NO_SHOW,
} PsrEnrollmentStatus;

/* PSR_ATTENDANCE_UNKNOWN: nothing recorded yet (not stored). */
typedef enum
{
  PSR_ATTENDANCE_UNKNOWN,
  PSR_ATTENDANCE_PRESENT,
  PSR_ATTENDANCE_LATE,
  PSR_ATTENDANCE_ABSENT,
  PSR_ATTENDANCE_EXCUSED,
} PsrAttendanceStatus;

typedef enum
{
  PSR_SIGNATURE_TRAINEE,
  PSR_SIGNATURE_TRAINER,
} PsrSignatureRole;

typedef enum
{
  PSR_ATTACHMENT_ATTENDANCE_SHEET,
  PSR_ATTACHMENT_CONVOCATION,
  PSR_ATTACHMENT_CERTIFICATE,
  PSR_ATTACHMENT_OTHER,
} PsrAttachmentKind;

/* The codes as the database stores them ("planned", "morning",
 * "enrolled", "present", "trainee", "attendance-sheet"…), and back; the
 * _from_code functions return -1 for an unknown code (and
 * PSR_ATTENDANCE_UNKNOWN for NULL). psr_session_get_status() of
 * psr-session.h gives such a code. */
const char *psr_session_status_to_code     (PsrSessionStatus     status);
int         psr_session_status_from_code   (const char          *code);
const char *psr_period_to_code             (PsrPeriod            period);
int         psr_period_from_code           (const char          *code);
const char *psr_enrollment_status_to_code  (PsrEnrollmentStatus  status);
int         psr_enrollment_status_from_code (const char         *code);
const char *psr_attendance_status_to_code  (PsrAttendanceStatus  status);
int         psr_attendance_status_from_code (const char         *code);
const char *psr_attachment_kind_to_code    (PsrAttachmentKind    kind);

/* Translated names, to show: "Planned", "Morning", "Waiting", "Present"… */
const char *psr_session_status_label       (PsrSessionStatus     status);
const char *psr_period_label               (PsrPeriod            period);
const char *psr_enrollment_status_label    (PsrEnrollmentStatus  status);
const char *psr_attendance_status_label    (PsrAttendanceStatus  status);

/* The usual times of a half-day, in minutes from midnight: 09:00–12:30 in
 * the morning, 13:30–17:00 in the afternoon. */
void        psr_period_default_times       (PsrPeriod            period,
                                            guint               *starts_at,
                                            guint               *ends_at);

/* Sessions ------------------------------------------------------------------ */

#define PSR_SESSION_DEFAULT_MINIMUM 5

typedef enum
{
  PSR_SESSION_FIELD_TITLE,
  PSR_SESSION_FIELD_PLACE,
  PSR_SESSION_FIELD_ROOM,
  PSR_SESSION_FIELD_NOTES,
  PSR_SESSION_N_FIELDS,
} PsrSessionField;

/**
 * PsrSessionDetails:
 * @id: the row id
 * @uuid: for exchange and the command line
 * @curriculum_id: the curriculum version it runs
 * @curriculum_title: that version's title
 * @title: the session's own title, empty when it takes the curriculum's
 * @display_title: the title to show: @title, or the curriculum's
 * @place: where (an address or a venue's name), may be empty
 * @room: the room in @place, may be empty
 * @notes: free text, may be empty
 * @capacity: seats, 1 or more
 * @min_trainees: the fewest enrolled trainees to run it
 * @status: where it stands
 * @cancel_reason: why it was cancelled, empty unless cancelled
 * @starts_on: the day of its first slot, invalid while it has none
 * @ends_on: the day of its last slot, invalid while it has none
 * @n_enrolled: trainees taking a seat (enrolled and no-shows)
 * @n_waiting: trainees on the waiting list
 * @n_signatures: signatures recorded, trainees' and trainers'
 *
 * A session, as its page shows it.
 */
typedef struct
{
  gint64            id;
  char             *uuid;
  gint64            curriculum_id;
  char             *curriculum_title;
  char             *title;
  char             *display_title;
  char             *place;
  char             *room;
  char             *notes;
  guint             capacity;
  guint             min_trainees;
  PsrSessionStatus  status;
  char             *cancel_reason;
  GDate             starts_on;
  GDate             ends_on;
  guint             n_enrolled;
  guint             n_waiting;
  guint             n_signatures;
} PsrSessionDetails;

#define PSR_TYPE_SESSION_DETAILS (psr_session_details_get_type ())

GType              psr_session_details_get_type (void) G_GNUC_CONST;
PsrSessionDetails *psr_session_details_copy     (const PsrSessionDetails *details);
void               psr_session_details_free     (PsrSessionDetails       *details);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSessionDetails, psr_session_details_free)

/* A planned session of the curriculum version, without slots or trainers,
 * with @capacity seats (1 or more: the caller passes the default of the
 * preferences) and a minimum of PSR_SESSION_DEFAULT_MINIMUM trainees (or
 * @capacity when it is smaller). Its title is the curriculum's until one
 * is set. Refused for an archived curriculum. Returns its id, 0 on error. */
gint64      psr_session_create           (PsrDatabase         *db,
                                          gint64               curriculum_id,
                                          guint                capacity,
                                          GError             **error);

/* NULL on error. */
PsrSessionDetails *psr_session_get_details (PsrDatabase       *db,
                                            gint64             id,
                                            GError           **error);

/* The texts, stripped of spaces around them; NULL for empty. An empty
 * title gives the session the curriculum's back. */
gboolean    psr_session_set_field        (PsrDatabase         *db,
                                          gint64               id,
                                          PsrSessionField      field,
                                          const char          *value,
                                          GError             **error);
/* 1 or more, not below the minimum nor the seats already taken (refused
 * with a message that says how many). Raising it promotes as many waiting
 * trainees as seats free, in order. */
gboolean    psr_session_set_capacity     (PsrDatabase         *db,
                                          gint64               id,
                                          guint                capacity,
                                          GError             **error);
/* 0 … the capacity. */
gboolean    psr_session_set_minimum      (PsrDatabase         *db,
                                          gint64               id,
                                          guint                min_trainees,
                                          GError             **error);
/* Any status to any other. PSR_SESSION_CANCELLED needs a @reason that is
 * not blank (it is stored stripped), and is kept, enrollments included, so
 * that the session can be restored; @reason is ignored for the other
 * statuses, and leaving "cancelled" forgets it. */
gboolean    psr_session_set_status       (PsrDatabase         *db,
                                          gint64               id,
                                          PsrSessionStatus     status,
                                          const char          *reason,
                                          GError             **error);

/* A planned copy of the session: curriculum, title, place, room, notes,
 * capacity, minimum, trainers, and its slots (with their times) shifted so
 * that the first falls on @first_day. Neither its enrollments nor its
 * attendance nor its signatures. @first_day may be NULL for a session
 * without slots. Refused when the curriculum version is archived (plan
 * from its current version instead). Returns the id of the copy, 0 on
 * error. */
gint64      psr_session_duplicate        (PsrDatabase         *db,
                                          gint64               id,
                                          const GDate         *first_day,
                                          GError             **error);

/* With its slots, trainers, enrollments, attendance and attachments.
 * Refused with PSR_ERROR_CONSTRAINT once it has a signature: cancel it
 * instead. */
gboolean    psr_session_delete           (PsrDatabase         *db,
                                          gint64               id,
                                          GError             **error);

/* Slots --------------------------------------------------------------------- */

/**
 * PsrSlot:
 * @id: the row id
 * @uuid: for exchange
 * @session_id: the session it belongs to
 * @day: its calendar day
 * @period: morning or afternoon
 * @starts_at: in minutes from midnight, local time
 * @ends_at: in minutes from midnight, after @starts_at
 *
 * A half-day of a session.
 */
typedef struct
{
  gint64     id;
  char      *uuid;
  gint64     session_id;
  GDate      day;
  PsrPeriod  period;
  guint      starts_at;
  guint      ends_at;
} PsrSlot;

#define PSR_TYPE_SLOT (psr_slot_get_type ())

GType    psr_slot_get_type (void) G_GNUC_CONST;
PsrSlot *psr_slot_copy     (const PsrSlot *slot);
void     psr_slot_free     (PsrSlot       *slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSlot, psr_slot_free)

/* The slots of the session by day and period, as PsrSlot (the array frees
 * them); NULL on error. */
GPtrArray  *psr_session_list_slots       (PsrDatabase         *db,
                                          gint64               session_id,
                                          GError             **error);
/* NULL on error. */
PsrSlot    *psr_slot_get                 (PsrDatabase         *db,
                                          gint64               slot_id,
                                          GError             **error);
/* The half-day @period of @day, with its default times
 * (psr_period_default_times()); refused when the session already has it.
 * Returns its id, 0 on error. */
gint64      psr_session_add_slot         (PsrDatabase         *db,
                                          gint64               session_id,
                                          const GDate         *day,
                                          PsrPeriod            period,
                                          GError             **error);
/* Moves or reschedules a slot: @starts_at < @ends_at, both below 24:00
 * (1440). Refused once the slot has a signature, or when the session
 * already has the half-day. */
gboolean    psr_slot_set                 (PsrDatabase         *db,
                                          gint64               slot_id,
                                          const GDate         *day,
                                          PsrPeriod            period,
                                          guint                starts_at,
                                          guint                ends_at,
                                          GError             **error);
/* With its attendance; refused once it has a signature. */
gboolean    psr_slot_remove              (PsrDatabase         *db,
                                          gint64               slot_id,
                                          GError             **error);

/* Trainers ------------------------------------------------------------------ */

/**
 * PsrSessionPerson:
 * @person_id: the person's row id
 * @uuid: the person's UUID
 * @display_name: given and family name
 *
 * A trainer of a session.
 */
typedef struct
{
  gint64  person_id;
  char   *uuid;
  char   *display_name;
} PsrSessionPerson;

#define PSR_TYPE_SESSION_PERSON (psr_session_person_get_type ())

GType             psr_session_person_get_type (void) G_GNUC_CONST;
PsrSessionPerson *psr_session_person_copy     (const PsrSessionPerson *person);
void              psr_session_person_free     (PsrSessionPerson       *person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSessionPerson, psr_session_person_free)

/* The trainers of the session by family name, as PsrSessionPerson (the
 * array frees them); NULL on error. */
GPtrArray  *psr_session_list_trainers    (PsrDatabase         *db,
                                          gint64               session_id,
                                          GError             **error);
/* Replaces the trainers with the @n_people of @person_ids (duplicates
 * count once), every one a person marked as a trainer and not enrolled in
 * the session (PSR_ERROR_INVALID otherwise; PSR_ERROR_CONSTRAINT for a
 * person who no longer exists). */
gboolean    psr_session_set_trainers     (PsrDatabase         *db,
                                          gint64               session_id,
                                          const gint64        *person_ids,
                                          gsize                n_people,
                                          GError             **error);

/* Calendar ------------------------------------------------------------------ */

/**
 * PsrCalendarEntry:
 * @session_id: the session
 * @display_title: its title to show
 * @status: where it stands (cancelled sessions are listed too)
 * @place: where, may be empty
 * @room: the room, may be empty
 * @slots: its PsrSlot that fall in the range asked, by day and period
 *
 * A session as a month or week view draws it.
 */
typedef struct
{
  gint64            session_id;
  char             *display_title;
  PsrSessionStatus  status;
  char             *place;
  char             *room;
  GPtrArray        *slots;
} PsrCalendarEntry;

#define PSR_TYPE_CALENDAR_ENTRY (psr_calendar_entry_get_type ())

GType             psr_calendar_entry_get_type (void) G_GNUC_CONST;
PsrCalendarEntry *psr_calendar_entry_copy     (const PsrCalendarEntry *entry);
void              psr_calendar_entry_free     (PsrCalendarEntry       *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrCalendarEntry, psr_calendar_entry_free)

/* The sessions with a slot from @first to @last (both included), as
 * PsrCalendarEntry ordered by their first slot in the range (the array
 * frees them); NULL on error. */
GPtrArray  *psr_sessions_list_between    (PsrDatabase         *db,
                                          const GDate         *first,
                                          const GDate         *last,
                                          GError             **error);

/* Conflicts ----------------------------------------------------------------- */

typedef enum
{
  PSR_CONFLICT_TRAINER_BUSY,
  PSR_CONFLICT_ROOM_BUSY,
  PSR_CONFLICT_TRAINEE_BUSY,
  PSR_CONFLICT_BELOW_MINIMUM,
  PSR_CONFLICT_ABOVE_CAPACITY,
} PsrConflictKind;

/**
 * PsrConflict:
 * @kind: what clashes
 * @message: a translated sentence, without a final period
 * @other_session_id: the session it clashes with, 0 for the counts
 * @person_id: the trainer or trainee booked twice, 0 otherwise
 * @slot_id: the first slot of this session that clashes, 0 for the counts
 * @n_slots: how many slots of this session clash with the other session
 *
 * Something wrong with the planning of a session.
 */
typedef struct
{
  PsrConflictKind  kind;
  char            *message;
  gint64           other_session_id;
  gint64           person_id;
  gint64           slot_id;
  guint            n_slots;
} PsrConflict;

#define PSR_TYPE_CONFLICT (psr_conflict_get_type ())

GType        psr_conflict_get_type (void) G_GNUC_CONST;
PsrConflict *psr_conflict_copy     (const PsrConflict *conflict);
void         psr_conflict_free     (PsrConflict       *conflict);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrConflict, psr_conflict_free)

/* The conflicts of a session with the other sessions that are not
 * cancelled, as PsrConflict (the array frees them), one per other session
 * and person (or room), in this order: trainers booked elsewhere at an
 * overlapping time (same day, overlapping times), the same place and room
 * (compared without case; never for an empty place) booked elsewhere,
 * enrolled trainees enrolled elsewhere, then fewer enrolled trainees than
 * the minimum (not for a session done) or more than the capacity. A
 * cancelled session has none. Empty when all is well; NULL on error.
 * Computed on demand through indexes: cheap enough to call when the
 * session is shown. */
GPtrArray  *psr_session_list_conflicts   (PsrDatabase         *db,
                                          gint64               session_id,
                                          GError             **error);

/* Enrollment ---------------------------------------------------------------- */

/**
 * PsrEnrollment:
 * @id: the row id, for the functions below
 * @person_id: the trainee
 * @display_name: given and family name
 * @language: the trainee's language code
 * @status: where the enrollment stands
 * @waiting_position: from 1, the place on the waiting list; 0 unless waiting
 * @cancel_reason: why it was cancelled, empty unless cancelled
 *
 * A trainee's enrollment in a session.
 */
typedef struct
{
  gint64               id;
  gint64               person_id;
  char                *display_name;
  char                *language;
  PsrEnrollmentStatus  status;
  guint                waiting_position;
  char                *cancel_reason;
} PsrEnrollment;

#define PSR_TYPE_ENROLLMENT (psr_enrollment_get_type ())

GType          psr_enrollment_get_type (void) G_GNUC_CONST;
PsrEnrollment *psr_enrollment_copy     (const PsrEnrollment *enrollment);
void           psr_enrollment_free     (PsrEnrollment       *enrollment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrEnrollment, psr_enrollment_free)

/* Seats taken and waiting list of a session. */
typedef struct
{
  guint enrolled;
  guint waiting;
  guint cancelled;
  guint no_show;
} PsrEnrollmentCounts;

/* Enrolls the person while a seat is free, else puts them last on the
 * waiting list; @status, when not NULL, tells which. A cancelled
 * enrollment is enrolled again the same way. Refused for a person already
 * enrolled, waiting or marked no-show, for a trainer of the session, and
 * for a cancelled or finished session. Returns the enrollment's id, 0 on
 * error. */
gint64      psr_session_enroll           (PsrDatabase         *db,
                                          gint64               session_id,
                                          gint64               person_id,
                                          PsrEnrollmentStatus *status,
                                          GError             **error);
/* Needs a @reason that is not blank (stored stripped). An enrolled
 * trainee's seat goes to the first on the waiting list; a waiting
 * trainee leaves the list, which closes up. Refused when already
 * cancelled. */
gboolean    psr_enrollment_cancel        (PsrDatabase         *db,
                                          gint64               enrollment_id,
                                          const char          *reason,
                                          GError             **error);
/* Marks an enrolled trainee as not come (@no_show TRUE), or back as
 * enrolled (FALSE). The seat stays taken either way. */
gboolean    psr_enrollment_set_no_show   (PsrDatabase         *db,
                                          gint64               enrollment_id,
                                          gboolean             no_show,
                                          GError             **error);
/* The enrollments of a session as PsrEnrollment (the array frees them):
 * enrolled and no-shows by name, then the waiting list in order, then the
 * cancelled by name; NULL on error. */
GPtrArray  *psr_session_list_enrollments (PsrDatabase         *db,
                                          gint64               session_id,
                                          GError             **error);
gboolean    psr_session_count_enrollments (PsrDatabase        *db,
                                           gint64              session_id,
                                           PsrEnrollmentCounts *counts,
                                           GError            **error);

/* Attendance ---------------------------------------------------------------- */

/* The status of an enrolled trainee (enrolled or no-show) for a slot of
 * their session; PSR_ATTENDANCE_UNKNOWN forgets it. Absent and excused are
 * refused for a slot the trainee signed. */
gboolean    psr_attendance_set           (PsrDatabase         *db,
                                          gint64               slot_id,
                                          gint64               person_id,
                                          PsrAttendanceStatus  status,
                                          GError             **error);

/**
 * PsrAttendanceCell:
 * @status: recorded by the trainer, or PSR_ATTENDANCE_UNKNOWN
 * @signed_at: when the trainee signed the slot, NULL when not signed
 *
 * One trainee for one slot.
 */
typedef struct
{
  PsrAttendanceStatus  status;
  GDateTime           *signed_at;
} PsrAttendanceCell;

/**
 * PsrAttendanceGrid:
 * @slots: the PsrSlot of the session, the columns
 * @trainees: its PsrEnrollment enrolled or no-show, by name: the rows
 * @cells: @trainees->len × @slots->len cells, row after row: read them
 *   with psr_attendance_grid_get_cell()
 * @countersigned_at: per slot, when the first trainer countersigned it,
 *   NULL when no trainer did
 *
 * The attendance of a session.
 */
typedef struct
{
  GPtrArray          *slots;
  GPtrArray          *trainees;
  PsrAttendanceCell  *cells;
  GDateTime         **countersigned_at;
} PsrAttendanceGrid;

#define PSR_TYPE_ATTENDANCE_GRID (psr_attendance_grid_get_type ())

GType              psr_attendance_grid_get_type (void) G_GNUC_CONST;
PsrAttendanceGrid *psr_attendance_grid_copy     (const PsrAttendanceGrid *grid);
void               psr_attendance_grid_free     (PsrAttendanceGrid       *grid);
const PsrAttendanceCell *
                   psr_attendance_grid_get_cell (const PsrAttendanceGrid *grid,
                                                 guint                    trainee,
                                                 guint                    slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrAttendanceGrid, psr_attendance_grid_free)

/* NULL on error. */
PsrAttendanceGrid *psr_session_get_attendance (PsrDatabase    *db,
                                               gint64          session_id,
                                               GError        **error);

/* Signatures ---------------------------------------------------------------- */

/*
 * Strokes: a signature is drawn as strokes, each a run of points where the
 * pen touched, with x and y from 0 (left, top) to 1 (right, bottom) of the
 * signing area. In C, a GPtrArray of GArray of PsrPoint. Stored as compact
 * JSON, see docs/attendance-signatures.md: [[[x,y],[x,y]],[[x,y]]] with at
 * most 4 decimals, no spaces. Valid strokes have 1 … PSR_STROKES_MAX_STROKES
 * strokes, each with 1 point or more, 2 … PSR_STROKES_MAX_POINTS points in
 * all, every coordinate within 0 … 1.
 */

#define PSR_STROKES_MAX_STROKES 200
#define PSR_STROKES_MAX_POINTS  10000

typedef struct
{
  double x;
  double y;
} PsrPoint;

/* An empty array of strokes to fill with psr_strokes_add_point(). */
GPtrArray  *psr_strokes_new              (void);
/* Appends a point to the last stroke, or starts a new stroke with it when
 * @new_stroke is TRUE or there is none yet. */
void        psr_strokes_add_point        (GPtrArray           *strokes,
                                          gboolean             new_stroke,
                                          double               x,
                                          double               y);
/* PSR_ERROR_INVALID, with a translated reason, for strokes that are not
 * valid (empty, a single point, out of bounds, too many). */
gboolean    psr_strokes_validate         (const GPtrArray     *strokes,
                                          GError             **error);
/* The canonical form of valid strokes (coordinates rounded to 4
 * decimals); NULL on error. */
GBytes     *psr_strokes_encode           (const GPtrArray     *strokes,
                                          GError             **error);
/* Reads and validates the stored form; NULL on error. */
GPtrArray  *psr_strokes_decode           (GBytes              *bytes,
                                          GError             **error);

/* How long before its start a slot may be signed by its trainees and
 * trainers: 15 minutes. */
#define PSR_SIGNING_EARLY_MINUTES 15

/* One signature of one slot by one person: there is no way to sign
 * several slots at once.
 *
 * A trainee (@role PSR_SIGNATURE_TRAINEE, enrolled in the session) signs
 * only while the slot runs: from PSR_SIGNING_EARLY_MINUTES before its
 * start to its end, both included, on its day, in local time; never before
 * nor after, whatever @late_reason says (it must be NULL or blank); not
 * while marked as a no-show. The slot's attendance becomes "present",
 * unless the trainer recorded "present" or "late".
 *
 * A trainer of the session (@role PSR_SIGNATURE_TRAINER) countersigns the
 * slot in the same window, or after it with a @late_reason that is not
 * blank (stored stripped; kept with an on-time signature too).
 *
 * Refused for a future slot, a slot the person already signed in that
 * role, a cancelled session and invalid strokes. @now is the time to
 * check and record (NULL for the current time), so that tests can fix
 * the clock. Each signature is chained to the previous one of the session
 * and anchored in the session (see psr_session_verify_signatures()).
 * Returns the signature's id, 0 on error. */
gint64      psr_slot_sign                (PsrDatabase         *db,
                                          gint64               slot_id,
                                          gint64               person_id,
                                          PsrSignatureRole     role,
                                          const GPtrArray     *strokes,
                                          const char          *late_reason,
                                          GDateTime           *now,
                                          GError             **error);

/**
 * PsrSignature:
 * @id: the row id
 * @uuid: for exchange
 * @slot_id: the slot signed
 * @person_id: who signed, 0 when the person has since been deleted
 * @display_name: their name then, empty when deleted
 * @role: trainee or trainer
 * @signed_at: when
 * @late_reason: why a trainer signed after the slot, may be empty
 * @strokes: the drawing, a GPtrArray of GArray of PsrPoint
 *
 * A signature, to draw again.
 */
typedef struct
{
  gint64            id;
  char             *uuid;
  gint64            slot_id;
  gint64            person_id;
  char             *display_name;
  PsrSignatureRole  role;
  GDateTime        *signed_at;
  char             *late_reason;
  GPtrArray        *strokes;
} PsrSignature;

#define PSR_TYPE_SIGNATURE (psr_signature_get_type ())

GType         psr_signature_get_type (void) G_GNUC_CONST;
PsrSignature *psr_signature_copy     (const PsrSignature *signature);
void          psr_signature_free     (PsrSignature       *signature);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSignature, psr_signature_free)

/* The signatures of a slot in the order signed, as PsrSignature (the array
 * frees them); NULL on error (strokes that no longer read give an empty
 * array of strokes: psr_session_verify_signatures() tells about them). */
GPtrArray  *psr_slot_list_signatures     (PsrDatabase         *db,
                                          gint64               slot_id,
                                          GError             **error);

/**
 * PsrChainReport:
 * @intact: TRUE when every signature is as it was signed
 * @n_signatures: the signatures found
 * @broken_at: the position (from 1) of the first signature that does not
 *   check, or @n_signatures + 1 when signatures were removed from the end;
 *   0 when intact
 * @signature_id: that signature's row id, 0 when it is missing
 * @message: a translated sentence saying what is wrong, NULL when intact
 *
 * What the verification of a session's signatures found.
 */
typedef struct
{
  gboolean  intact;
  guint     n_signatures;
  guint     broken_at;
  gint64    signature_id;
  char     *message;
} PsrChainReport;

#define PSR_TYPE_CHAIN_REPORT (psr_chain_report_get_type ())

GType           psr_chain_report_get_type (void) G_GNUC_CONST;
PsrChainReport *psr_chain_report_copy     (const PsrChainReport *report);
void            psr_chain_report_free     (PsrChainReport       *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrChainReport, psr_chain_report_free)

/* Walks the signatures of the session in the order they were recorded,
 * checks each one's hash against its content and the previous one's hash,
 * then the last hash and the count against the session's anchor: any
 * signature edited, deleted (in the middle or at the end), added or
 * reordered outside Passerelle shows. Returns the report, NULL on error
 * (the database could not be read: not a broken chain). */
PsrChainReport *psr_session_verify_signatures (PsrDatabase   *db,
                                               gint64         session_id,
                                               GError       **error);

/* Attachments --------------------------------------------------------------- */

/* The largest attached file: 20 MiB. */
#define PSR_ATTACHMENT_MAX_SIZE (20 * 1024 * 1024)

/**
 * PsrAttachment:
 * @id: the row id
 * @kind: what the file is
 * @filename: its name, without folders
 * @mime_type: its type, "application/octet-stream" when unknown
 * @size: in bytes
 * @created_at: when it was attached
 *
 * A file attached to a session, without its bytes.
 */
typedef struct
{
  gint64             id;
  PsrAttachmentKind  kind;
  char              *filename;
  char              *mime_type;
  gsize              size;
  GDateTime         *created_at;
} PsrAttachment;

#define PSR_TYPE_ATTACHMENT (psr_attachment_get_type ())

GType          psr_attachment_get_type (void) G_GNUC_CONST;
PsrAttachment *psr_attachment_copy     (const PsrAttachment *attachment);
void           psr_attachment_free     (PsrAttachment       *attachment);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrAttachment, psr_attachment_free)

/* Stores a copy of @data (1 byte … PSR_ATTACHMENT_MAX_SIZE) under
 * @filename (its folders are dropped; not blank). @mime_type may be NULL
 * for unknown. Returns its id, 0 on error. */
gint64      psr_session_attach           (PsrDatabase         *db,
                                          gint64               session_id,
                                          PsrAttachmentKind    kind,
                                          const char          *filename,
                                          const char          *mime_type,
                                          GBytes              *data,
                                          GError             **error);
/* Newest first, as PsrAttachment (the array frees them); NULL on error. */
GPtrArray  *psr_session_list_attachments (PsrDatabase         *db,
                                          gint64               session_id,
                                          GError             **error);
/* The bytes of the file; NULL on error. */
GBytes     *psr_attachment_get_data      (PsrDatabase         *db,
                                          gint64               attachment_id,
                                          GError             **error);
gboolean    psr_attachment_remove        (PsrDatabase         *db,
                                          gint64               attachment_id,
                                          GError             **error);

G_END_DECLS
