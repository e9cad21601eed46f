/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <errno.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "psr-database-private.h"
#include "psr-document.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-locale-private.h"
#include "psr-record.h"
#include "psr-session-docs.h"

/* The documents of a session: convocations and certificates of completion,
 * one per enrolled trainee in that trainee's language (psr-locale.h), and
 * the attendance sheet to print and sign on paper, in the interface
 * language. Everything is read from the store first; the documents are then
 * made one by one into the output folder. Nothing here touches the main
 * loop: a worker thread calls psr_session_documents_write() with a
 * connection of its own. */

#define DIM    PSR_DOCUMENT_DIM
#define INK    PSR_DOCUMENT_INK
#define ACCENT PSR_DOCUMENT_ACCENT

/* Right-to-left mark: a paragraph of a right-to-left document that starts
 * with a name or a number in Latin script still reads from the right. */
#define RLM "\u200f"
/* First strong isolate and its end: what the trainer typed (a place, a
 * name, how to get there) keeps its own direction inside such a
 * paragraph, so that the full stop of a French sentence stays at its end. */
#define FSI "\u2068"
#define PDI "\u2069"

typedef struct
{
  gint64  id;
  GDate   day;
  char   *period;      /* "morning" or "afternoon" */
  char   *starts_at;   /* "HH:MM" */
  char   *ends_at;
} Slot;

typedef struct
{
  gint64  id;
  char   *uuid;
  char   *given_name;
  char   *family_name;
  char   *name;
  char   *language;
} Person;

typedef struct
{
  char       *title;
  char       *curriculum_title;
  char       *place;
  char       *room;
  char       *modality;
  char       *contact;
  gint64      curriculum_id;
  GPtrArray  *slots;       /* of Slot, in time order */
  GPtrArray  *trainees;    /* of Person, enrolled, by name */
  GPtrArray  *trainers;    /* of Person, by name */
  GPtrArray  *objectives;  /* of char * */
} Session;

/* A document in the making, in one language and direction. */
typedef struct
{
  PsrDocument *document;
  gboolean     rtl;
} Writer;

static void
slot_free (Slot *slot)
{
  g_free (slot->period);
  g_free (slot->starts_at);
  g_free (slot->ends_at);
  g_free (slot);
}

static void
person_free (Person *person)
{
  g_free (person->uuid);
  g_free (person->given_name);
  g_free (person->family_name);
  g_free (person->name);
  g_free (person->language);
  g_free (person);
}

static void
session_clear (Session *session)
{
  g_clear_pointer (&session->title, g_free);
  g_clear_pointer (&session->curriculum_title, g_free);
  g_clear_pointer (&session->place, g_free);
  g_clear_pointer (&session->room, g_free);
  g_clear_pointer (&session->modality, g_free);
  g_clear_pointer (&session->contact, g_free);
  g_clear_pointer (&session->slots, g_ptr_array_unref);
  g_clear_pointer (&session->trainees, g_ptr_array_unref);
  g_clear_pointer (&session->trainers, g_ptr_array_unref);
  g_clear_pointer (&session->objectives, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Session, session_clear)

/* Reading ------------------------------------------------------------------ */

static gboolean
finish_rows (PsrDatabase   *db,
             sqlite3_stmt  *stmt,
             int            rc,
             GError       **error)
{
  if (rc != SQLITE_DONE)
    psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
read_header (PsrDatabase  *db,
             gint64        session_id,
             Session      *session,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT s.title, c.title, s.place, s.room, c.modality, c.contact,"
                               " c.id"
                               " FROM sessions s JOIN curricula c ON c.id = s.curriculum_id"
                               " WHERE s.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The session no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return finish_rows (db, stmt, rc, error);

  session->title = g_strstrip (psr_record_column_text (stmt, 0));
  session->curriculum_title = g_strstrip (psr_record_column_text (stmt, 1));
  session->place = g_strstrip (psr_record_column_text (stmt, 2));
  session->room = g_strstrip (psr_record_column_text (stmt, 3));
  session->modality = psr_record_column_text (stmt, 4);
  session->contact = g_strstrip (psr_record_column_text (stmt, 5));
  session->curriculum_id = sqlite3_column_int64 (stmt, 6);
  sqlite3_reset (stmt);

  if (*session->title == '\0')
    {
      g_free (session->title);
      session->title = g_strdup (session->curriculum_title);
    }
  return TRUE;
}

static gboolean
read_slots (PsrDatabase  *db,
            gint64        session_id,
            Session      *session,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT id, day, period, starts_at, ends_at FROM session_slots"
                               " WHERE session_id = ?1 ORDER BY day, starts_at, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  session->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Slot *slot = g_new0 (Slot, 1);
      g_autofree char *day = psr_record_column_text (stmt, 1);

      slot->id = sqlite3_column_int64 (stmt, 0);
      g_date_clear (&slot->day, 1);
      g_date_set_parse (&slot->day, day);
      slot->period = psr_record_column_text (stmt, 2);
      slot->starts_at = psr_record_column_text (stmt, 3);
      slot->ends_at = psr_record_column_text (stmt, 4);
      g_ptr_array_add (session->slots, slot);
    }

  return finish_rows (db, stmt, rc, error);
}

static GPtrArray *
read_people (PsrDatabase  *db,
             const char   *sql,
             gint64        session_id,
             GError      **error)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func ((GDestroyNotify) person_free);
  sqlite3_stmt *stmt = psr_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Person *person = g_new0 (Person, 1);

      person->id = sqlite3_column_int64 (stmt, 0);
      person->uuid = psr_record_column_text (stmt, 1);
      person->given_name = g_strstrip (psr_record_column_text (stmt, 2));
      person->family_name = g_strstrip (psr_record_column_text (stmt, 3));
      person->language = psr_record_column_text (stmt, 4);
      if (*person->given_name == '\0' || *person->family_name == '\0')
        person->name = g_strconcat (person->given_name, person->family_name, NULL);
      else
        person->name = g_strdup_printf ("%s %s", person->given_name, person->family_name);
      g_ptr_array_add (people, person);
    }

  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&people);
}

static gboolean
read_objectives (PsrDatabase  *db,
                 Session      *session,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT text FROM curriculum_objectives WHERE curriculum_id = ?1"
                               " ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  session->objectives = g_ptr_array_new_with_free_func (g_free);
  sqlite3_bind_int64 (stmt, 1, session->curriculum_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (session->objectives, g_strstrip (psr_record_column_text (stmt, 0)));

  return finish_rows (db, stmt, rc, error);
}

static gboolean
read_session (PsrDatabase  *db,
              gint64        session_id,
              Session      *session,
              GError      **error)
{
  if (!read_header (db, session_id, session, error) || !read_slots (db, session_id, session, error)
      || !read_objectives (db, session, error))
    return FALSE;

  session->trainees = read_people (db,
                                   "SELECT p.id, p.uuid, p.given_name, p.family_name, p.language"
                                   " FROM enrollments e JOIN people p ON p.id = e.person_id"
                                   " WHERE e.session_id = ?1 AND e.status = 'enrolled'"
                                   " ORDER BY p.family_name COLLATE NOCASE,"
                                   "          p.given_name COLLATE NOCASE, p.id",
                                   session_id, error);
  if (session->trainees == NULL)
    return FALSE;

  session->trainers = read_people (db,
                                   "SELECT p.id, p.uuid, p.given_name, p.family_name, p.language"
                                   " FROM session_trainers t JOIN people p ON p.id = t.person_id"
                                   " WHERE t.session_id = ?1"
                                   " ORDER BY p.family_name COLLATE NOCASE,"
                                   "          p.given_name COLLATE NOCASE, p.id",
                                   session_id, error);
  return session->trainers != NULL;
}

/* Wording ------------------------------------------------------------------ */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static guint
minutes_of (const char *time)
{
  guint hours = 0, minutes = 0;

  if (sscanf (time, "%u:%u", &hours, &minutes) != 2)
    return 0;
  return hours * 60 + minutes;
}

static double
slot_hours (const Slot *slot)
{
  guint starts = minutes_of (slot->starts_at);
  guint ends = minutes_of (slot->ends_at);

  return ends > starts ? (ends - starts) / 60.0 : 0;
}

static double
session_hours (const Session *session)
{
  double hours = 0;

  for (guint i = 0; i < session->slots->len; i++)
    hours += slot_hours (g_ptr_array_index (session->slots, i));
  return hours;
}

static char *
format_time (const char *time)
{
  return psr_format_time (minutes_of (time));
}

static char *
format_times (const Slot *slot)
{
  g_autofree char *starts = format_time (slot->starts_at);
  g_autofree char *ends = format_time (slot->ends_at);

  /* Translators: the times a half-day starts and ends. */
  return g_strdup_printf (C_("times of a half-day", "%s – %s"), starts, ends);
}

static const char *
period_label (const char *period)
{
  if (g_strcmp0 (period, "afternoon") == 0)
    return C_("half-day", "Afternoon");
  return C_("half-day", "Morning");
}

static GDateTime *
date_time_of (const GDate *date)
{
  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
}

static char *
format_day (const GDate *day)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid (day))
    return psr_format_date (day);

  dt = date_time_of (day);
  /* Translators: a day with its weekday, see the manual page of strftime;
   * for example "%A %-d %B %Y" in French. */
  return g_date_time_format (dt, _("%A, %B %-d, %Y"));
}

static char *
format_short_day (const GDate *day)
{
  g_autoptr(GDateTime) dt = NULL;

  if (!g_date_valid (day))
    return psr_format_date (day);

  dt = date_time_of (day);
  /* Translators: a day in the heading of a column of the attendance
   * sheet, see the manual page of strftime; for example "%a %-d %b" in
   * French. */
  return g_date_time_format (dt, _("%a, %b %-d"));
}

static char *
format_dates (const Session *session)
{
  const Slot *first, *last;

  if (session->slots->len == 0)
    return g_strdup (_("Dates to be confirmed"));

  first = g_ptr_array_index (session->slots, 0);
  last = g_ptr_array_index (session->slots, session->slots->len - 1);
  return psr_format_date_range (&first->day, &last->day);
}

/* "14", "3,5": the locale's separators, as many decimals as needed. */
static char *
format_number (double value)
{
  int decimals = 2;

  if (value == floor (value))
    decimals = 0;
  else if (value * 10 == floor (value * 10))
    decimals = 1;

  return g_strdup_printf ("%'.*f", decimals, value);
}

static char *
format_hours (double hours)
{
  g_autofree char *number = format_number (hours);

  /* The plural follows the next whole number, so that 1.5 reads "hours". */
  return g_strdup_printf (ngettext ("%s hour", "%s hours", (gulong) ceil (hours)), number);
}

static char *
format_half_days (guint n)
{
  return g_strdup_printf (ngettext ("%u half-day", "%u half-days", n), n);
}

static char *
format_place (const Session *session)
{
  if (*session->place != '\0' && *session->room != '\0')
    /* Translators: a place and the room in it, such as "Cité des sciences,
     * Salle Jean-Perrin". */
    return g_strdup_printf (C_("place and room", "%s, %s"), session->place, session->room);
  if (*session->room != '\0')
    return g_strdup (session->room);
  return g_strdup (session->place);
}

static char *
make_footer (const char *organisation,
             const char *title,
             gboolean    rtl)
{
  if (*organisation == '\0')
    return g_markup_printf_escaped ("%s%s", rtl ? RLM : "", title);

  return g_markup_printf_escaped ("%s%s  ·  %s", rtl ? RLM : "", organisation, title);
}

static char *
today_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));

  return psr_format_date (today);
}

/* Blocks, in the direction of the document's language ----------------------- */

static void
writer_add_markup (Writer           *writer,
                   PsrDocumentStyle  style,
                   const char       *markup)
{
  g_autofree char *directed = g_strconcat (writer->rtl ? RLM : "", markup, NULL);

  psr_document_add_markup (writer->document, style, directed);
}

static void
writer_add_text (Writer           *writer,
                 PsrDocumentStyle  style,
                 const char       *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  writer_add_markup (writer, style, markup);
}

/* A name or a title to put in a sentence, isolated in a right-to-left
 * document. */
static char *
isolate (Writer     *writer,
         const char *text)
{
  return writer->rtl ? g_strconcat (FSI, text, PDI, NULL) : g_strdup (text);
}

/* Escapes what the trainer typed, isolated in a right-to-left document. */
static char *
content_markup (Writer     *writer,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (!writer->rtl)
    return g_steal_pointer (&escaped);
  return g_strconcat (FSI, escaped, PDI, NULL);
}

static void
writer_add_content (Writer           *writer,
                    PsrDocumentStyle  style,
                    const char       *text)
{
  g_autofree char *markup = content_markup (writer, text);

  writer_add_markup (writer, style, markup);
}

static void
writer_add_paragraphs (Writer           *writer,
                       PsrDocumentStyle  style,
                       const char       *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      writer_add_content (writer, style, lines[i]);
}

static void
writer_add_item (Writer     *writer,
                 const char *markup)
{
  g_autofree char *directed = g_strconcat (writer->rtl ? RLM : "", markup, NULL);

  psr_document_add_item (writer->document, PSR_DOCUMENT_STYLE_ITEM, "•", directed);
}

static void
writer_add_facts (Writer *writer,
                  GStrv   cells)
{
  for (guint i = 0; writer->rtl && cells[i] != NULL; i++)
    {
      char *directed = g_strconcat (RLM, cells[i], NULL);

      g_free (cells[i]);
      cells[i] = directed;
    }
  psr_document_add_facts (writer->document, (const char * const *) cells);
}

static void
writer_add_header (Writer                          *writer,
                   const PsrSessionDocumentOptions *options,
                   const char                      *title,
                   const char                      *meta)
{
  const char *organisation = or_empty (options->info != NULL ? options->info->organisation : NULL);

  if (*organisation != '\0')
    writer_add_text (writer, PSR_DOCUMENT_STYLE_ORGANISATION, organisation);
  writer_add_text (writer, PSR_DOCUMENT_STYLE_TITLE, title);
  writer_add_text (writer, PSR_DOCUMENT_STYLE_META, meta);
}

static PsrDocument *
new_document (const PsrSessionDocumentOptions *options,
              const char                      *title,
              const Session                   *session,
              gboolean                         rtl)
{
  const char *organisation = or_empty (options->info != NULL ? options->info->organisation : NULL);
  g_autofree char *footer = make_footer (organisation, session->title, rtl);

  return psr_document_new (title, footer);
}

/* Convocation ---------------------------------------------------------------- */

/* One item per day, with its half-days under it. */
static void
add_schedule (Writer        *writer,
              const Session *session)
{
  g_autoptr(GString) lines = NULL;

  writer_add_text (writer, PSR_DOCUMENT_STYLE_HEADING, _("Schedule"));
  if (session->slots->len == 0)
    {
      writer_add_text (writer, PSR_DOCUMENT_STYLE_MISSING, _("Dates to be confirmed"));
      return;
    }

  for (guint i = 0; i < session->slots->len; i++)
    {
      const Slot *slot = g_ptr_array_index (session->slots, i);
      const Slot *next = i + 1 < session->slots->len ? g_ptr_array_index (session->slots, i + 1)
                                                     : NULL;
      g_autofree char *times = format_times (slot);
      g_autofree char *line = NULL;

      if (lines == NULL)
        {
          g_autofree char *day = format_day (&slot->day);
          g_autofree char *heading = g_markup_printf_escaped ("<b>%s</b>", day);

          lines = g_string_new (heading);
        }

      line = g_markup_printf_escaped ("\n<span foreground='" DIM "'>%s  ·  %s</span>",
                                      period_label (slot->period), times);
      g_string_append (lines, line);

      if (next == NULL || g_date_compare (&slot->day, &next->day) != 0)
        {
          writer_add_item (writer, lines->str);
          g_string_free (g_steal_pointer (&lines), TRUE);
        }
    }
}

static void
add_referent (Writer                          *writer,
              const PsrSessionDocumentOptions *options)
{
  const char *name = or_empty (options->info != NULL ? options->info->referent_name : NULL);
  const char *contact = or_empty (options->info != NULL ? options->info->referent_contact : NULL);

  writer_add_text (writer, PSR_DOCUMENT_STYLE_HEADING, _("Disability referent"));
  writer_add_text (writer, PSR_DOCUMENT_STYLE_BODY,
                   _("If a disability or a health condition calls for any adjustment, please "
                     "contact our disability referent before the session: everything said "
                     "stays confidential."));
  if (*name == '\0' && *contact == '\0')
    {
      psr_document_add_missing (writer->document);
      return;
    }

  if (*name != '\0')
    writer_add_content (writer, PSR_DOCUMENT_STYLE_LABEL, name);
  if (*contact != '\0')
    writer_add_content (writer, PSR_DOCUMENT_STYLE_BODY, contact);
}

static PsrDocument *
make_convocation (const Session                   *session,
                  const Person                    *trainee,
                  const PsrSessionDocumentOptions *options,
                  gboolean                         rtl)
{
  g_autoptr(PsrDocument) document = NULL;
  Writer writer = { NULL, rtl };
  g_autofree char *title = g_strdup (_("Convocation"));
  g_autofree char *dates = format_dates (session);
  g_autofree char *hours = format_hours (session_hours (session));
  g_autofree char *half_days = format_half_days (session->slots->len);
  g_autofree char *place = format_place (session);
  g_autofree char *given_name = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *hello = NULL;
  g_autofree char *registered = NULL;
  g_auto(GStrv) cells = g_new0 (char *, 4);

  writer.document = document = new_document (options, title, session, rtl);
  writer_add_header (&writer, options, title, trainee->name);

  given_name = isolate (&writer, *trainee->given_name != '\0' ? trainee->given_name
                                                              : trainee->name);
  title_text = isolate (&writer, session->title);
  hello = g_strdup_printf (_("Hello %s,"), given_name);
  /* Translators: %s is the title of the training. */
  registered = g_strdup_printf (_("You are registered for the training “%s”. Here is what you "
                                  "need to know to join us."),
                                title_text);
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_LEAD, hello);
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_BODY, registered);

  cells[0] = psr_document_make_fact (_("Dates"), dates, session->slots->len == 0, NULL);
  cells[1] = psr_document_make_fact (_("Duration"), hours, FALSE, half_days);
  if (session->slots->len > 0)
    {
      const Slot *first = g_ptr_array_index (session->slots, 0);
      g_autofree char *starts = format_time (first->starts_at);
      g_autofree char *day = format_day (&first->day);

      /* Translators: on a convocation, above the time the training starts. */
      cells[2] = psr_document_make_fact (_("Welcome at"), starts, FALSE, day);
    }
  else
    cells[2] = psr_document_make_fact (_("Welcome at"), _("To be confirmed"), TRUE, NULL);
  writer_add_facts (&writer, cells);

  add_schedule (&writer, session);

  writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING, _("Place and access"));
  if (*place != '\0')
    writer_add_content (&writer, PSR_DOCUMENT_STYLE_LABEL, place);
  else
    writer_add_text (&writer, PSR_DOCUMENT_STYLE_MISSING, _("To be confirmed"));
  if (*or_empty (options->access) != '\0')
    writer_add_paragraphs (&writer, PSR_DOCUMENT_STYLE_BODY, options->access);

  if (*or_empty (options->to_bring) != '\0')
    {
      writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING, _("What to bring"));
      writer_add_paragraphs (&writer, PSR_DOCUMENT_STYLE_BODY, options->to_bring);
    }

  if (session->trainers->len > 0)
    {
      writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING,
                       ngettext ("Trainer", "Trainers", session->trainers->len));
      for (guint i = 0; i < session->trainers->len; i++)
        {
          const Person *trainer = g_ptr_array_index (session->trainers, i);
          g_autofree char *markup = content_markup (&writer, trainer->name);

          writer_add_item (&writer, markup);
        }
    }

  add_referent (&writer, options);

  if (*session->contact != '\0')
    {
      writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING, _("Questions"));
      writer_add_paragraphs (&writer, PSR_DOCUMENT_STYLE_BODY, session->contact);
    }

  writer_add_text (&writer, PSR_DOCUMENT_STYLE_LEAD, _("We look forward to welcoming you."));
  return g_steal_pointer (&document);
}

/* Certificate ---------------------------------------------------------------- */

typedef struct
{
  char     *code;
  char     *title;
  char     *before;
  char     *after;
  gboolean  before_by_trainer;
  gboolean  after_by_trainer;
} Rating;

static void
rating_free (Rating *rating)
{
  g_free (rating->code);
  g_free (rating->title);
  g_free (rating->before);
  g_free (rating->after);
  g_free (rating);
}

/* The trainee's signed half-days of the session. */
static gboolean
count_signed (PsrDatabase  *db,
              gint64        session_id,
              gint64        person_id,
              guint        *n_signed,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT count(DISTINCT g.slot_id) FROM signatures g"
                               " JOIN session_slots s ON s.id = g.slot_id"
                               " WHERE g.session_id = ?1 AND s.session_id = ?1"
                               " AND g.person_id = ?2 AND g.role = 'trainee'",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *n_signed = sqlite3_column_int (stmt, 0);
      rc = sqlite3_step (stmt);
    }
  return finish_rows (db, stmt, rc, error);
}

/* Per competency, the levels before and after: the trainer's rating when
 * there is one, the trainee's own otherwise. */
static GPtrArray *
read_ratings (PsrDatabase  *db,
              gint64        session_id,
              gint64        person_id,
              GError      **error)
{
  g_autoptr(GPtrArray) ratings = g_ptr_array_new_with_free_func ((GDestroyNotify) rating_free);
  sqlite3_stmt *stmt;
  gint64 current = 0;
  Rating *rating = NULL;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT c.id, c.code, c.title, p.moment, p.rater, l.name"
                               " FROM positionings p"
                               " JOIN competencies c ON c.id = p.competency_id"
                               " JOIN scale_levels l ON l.id = p.level_id"
                               " WHERE p.session_id = ?1 AND p.person_id = ?2"
                               " ORDER BY c.code, c.title, c.id, p.rater DESC",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, session_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gboolean after = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), "after") == 0;
      gboolean by_trainer =
        g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), "trainer") == 0;
      char **level;

      if (rating == NULL || sqlite3_column_int64 (stmt, 0) != current)
        {
          current = sqlite3_column_int64 (stmt, 0);
          rating = g_new0 (Rating, 1);
          rating->code = g_strstrip (psr_record_column_text (stmt, 1));
          rating->title = g_strstrip (psr_record_column_text (stmt, 2));
          g_ptr_array_add (ratings, rating);
        }

      /* Trainers' rows come first for each competency. */
      level = after ? &rating->after : &rating->before;
      if (*level != NULL)
        continue;
      *level = psr_record_column_text (stmt, 5);
      if (after)
        rating->after_by_trainer = by_trainer;
      else
        rating->before_by_trainer = by_trainer;
    }

  if (!finish_rows (db, stmt, rc, error))
    return NULL;
  return g_steal_pointer (&ratings);
}

static const char *
nature_of (const char *modality)
{
  if (g_strcmp0 (modality, "remote") == 0)
    return _("Training action, remote");
  if (g_strcmp0 (modality, "blended") == 0)
    return _("Training action, blended (in person and remote)");
  return _("Training action, in person");
}

static void
add_ratings (Writer    *writer,
             GPtrArray *ratings)
{
  writer_add_text (writer, PSR_DOCUMENT_STYLE_HEADING, _("Skills evaluation"));
  if (ratings->len == 0)
    {
      writer_add_text (writer, PSR_DOCUMENT_STYLE_MISSING,
                       _("No skills evaluation was recorded for this trainee."));
      return;
    }

  writer_add_text (writer, PSR_DOCUMENT_STYLE_BODY,
                   _("Levels of the competency framework, before and after the training. The "
                     "trainer’s assessment is given where there is one, otherwise the trainee’s "
                     "own."));
  for (guint i = 0; i < ratings->len; i++)
    {
      const Rating *rating = g_ptr_array_index (ratings, i);
      g_autofree char *before = g_strdup_printf (_("Before: %s"),
                                                 rating->before != NULL ? rating->before
                                                                        : _("not rated"));
      g_autofree char *after = g_strdup_printf (_("After: %s"),
                                                rating->after != NULL ? rating->after
                                                                      : _("not rated"));
      g_autofree char *markup = NULL;

      if (*rating->code != '\0')
        markup = g_markup_printf_escaped ("<b>%s</b>  %s\n<span foreground='" DIM "'>%s  ·  %s"
                                          "</span>",
                                          rating->code, rating->title, before, after);
      else
        markup = g_markup_printf_escaped ("%s\n<span foreground='" DIM "'>%s  ·  %s</span>",
                                          rating->title, before, after);
      writer_add_item (writer, markup);
    }
}

static PsrDocument *
make_certificate (const Session                   *session,
                  const Person                    *trainee,
                  guint                            n_signed,
                  GPtrArray                       *ratings,
                  const PsrSessionDocumentOptions *options,
                  gboolean                         rtl)
{
  const char *organisation = or_empty (options->info != NULL ? options->info->organisation : NULL);
  g_autoptr(PsrDocument) document = NULL;
  Writer writer = { NULL, rtl };
  g_autofree char *title = g_strdup (_("Certificate of completion"));
  g_autofree char *dates = format_dates (session);
  g_autofree char *hours = format_hours (session_hours (session));
  g_autofree char *half_days = format_half_days (session->slots->len);
  g_autofree char *place = format_place (session);
  g_autofree char *organisation_text = NULL;
  g_autofree char *name_text = NULL;
  g_autofree char *title_text = NULL;
  g_autofree char *certifies = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *rate_detail = NULL;
  g_autofree char *made = NULL;
  g_autofree char *today = today_text ();
  g_auto(GStrv) cells = g_new0 (char *, 4);
  guint n_slots = session->slots->len;

  writer.document = document = new_document (options, title, session, rtl);
  writer_add_header (&writer, options, title, session->title);

  organisation_text = isolate (&writer, organisation);
  name_text = isolate (&writer, trainee->name);
  title_text = isolate (&writer, session->title);
  if (*organisation != '\0')
    /* Translators: %1$s is the training organisation, %2$s the trainee,
     * %3$s the title of the training. */
    certifies = g_strdup_printf (_("%1$s certifies that %2$s took part in the training “%3$s”."),
                                 organisation_text, name_text, title_text);
  else
    /* Translators: %1$s is the trainee, %2$s the title of the training. */
    certifies = g_strdup_printf (_("This certifies that %1$s took part in the training “%2$s”."),
                                 name_text, title_text);
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_LEAD, certifies);

  if (n_slots > 0)
    {
      rate = psr_format_percent ((double) n_signed / n_slots);
      /* Translators: %u half-days signed out of the session's %u. */
      rate_detail = g_strdup_printf (ngettext ("%u of %u half-day signed",
                                               "%u of %u half-days signed", n_slots),
                                     n_signed, n_slots);
    }

  cells[0] = psr_document_make_fact (_("Dates"), dates, n_slots == 0, NULL);
  cells[1] = psr_document_make_fact (_("Duration"), hours, FALSE, half_days);
  cells[2] = psr_document_make_fact (_("Attendance"), rate != NULL ? rate : _("Not specified"),
                                     rate == NULL, rate_detail);
  writer_add_facts (&writer, cells);

  writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING, _("Nature of the training"));
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_BODY, nature_of (session->modality));
  if (*place != '\0')
    writer_add_content (&writer, PSR_DOCUMENT_STYLE_BODY, place);

  writer_add_text (&writer, PSR_DOCUMENT_STYLE_HEADING, _("Objectives"));
  for (guint i = 0; i < session->objectives->len; i++)
    {
      g_autofree char *markup = content_markup (&writer,
                                                g_ptr_array_index (session->objectives, i));

      writer_add_item (&writer, markup);
    }
  if (session->objectives->len == 0)
    psr_document_add_missing (document);

  add_ratings (&writer, ratings);

  /* Translators: %s is a date. */
  made = g_strdup_printf (_("Made on %s."), today);
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_LEAD, made);
  writer_add_text (&writer, PSR_DOCUMENT_STYLE_LABEL,
                   _("Signature and stamp of the training organisation"));
  return g_steal_pointer (&document);
}

/* Attendance sheet ------------------------------------------------------------ */

#define SHEET_FONT    "Noto Sans, Sans"
#define SHEET_HEADING "Cantarell, " SHEET_FONT
#define SHEET_RULE    "#c5cedb"
#define SHEET_PANEL   "#eef2f8"
#define SHEET_MARGIN  36.0
#define SHEET_ROW     38.0
#define SHEET_SECTION 24.0
#define SHEET_TITLE   45.0
#define SHEET_PAD     5.0
#define SHEET_FOOTER  48.0

typedef enum
{
  ROW_SECTION,
  ROW_PERSON,
} RowKind;

typedef struct
{
  RowKind       kind;
  const char   *label;     /* a section's name */
  const Person *person;
  const char   *role;      /* "trainee" or "trainer" */
} Row;

typedef struct
{
  guint first_slot;
  guint n_slots;
  guint first_row;
  guint n_rows;
} SheetPage;

typedef struct
{
  const Session *session;
  const char    *organisation;
  GArray        *rows;        /* of Row */
  GArray        *pages;       /* of SheetPage */
  GHashTable    *signatures;  /* "slot person role" → GBytes of strokes */
  GHashTable    *attendance;  /* "slot person" → status */
  double         width;
  double         height;
  guint          slots_per_page;
  /* From pagination. */
  double         table_top;
  double         header_height;
  double         column;
} Sheet;

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->rows, g_array_unref);
  g_clear_pointer (&sheet->pages, g_array_unref);
  g_clear_pointer (&sheet->signatures, g_hash_table_unref);
  g_clear_pointer (&sheet->attendance, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sheet, sheet_clear)

static gboolean
read_marks (PsrDatabase  *db,
            gint64        session_id,
            Sheet        *sheet,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  sheet->signatures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) g_bytes_unref);
  sheet->attendance = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  stmt = psr_database_prepare (db,
                               "SELECT slot_id, person_id, role, strokes FROM signatures"
                               " WHERE session_id = ?1 AND person_id IS NOT NULL",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sheet->signatures,
                         g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s",
                                          (gint64) sqlite3_column_int64 (stmt, 0),
                                          (gint64) sqlite3_column_int64 (stmt, 1),
                                          (const char *) sqlite3_column_text (stmt, 2)),
                         g_bytes_new (sqlite3_column_blob (stmt, 3),
                                      sqlite3_column_bytes (stmt, 3)));
  if (!finish_rows (db, stmt, rc, error))
    return FALSE;

  stmt = psr_database_prepare (db,
                               "SELECT a.slot_id, a.person_id, a.status FROM attendance a"
                               " JOIN session_slots s ON s.id = a.slot_id"
                               " WHERE s.session_id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (sheet->attendance,
                         g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                          (gint64) sqlite3_column_int64 (stmt, 0),
                                          (gint64) sqlite3_column_int64 (stmt, 1)),
                         psr_record_column_text (stmt, 2));
  return finish_rows (db, stmt, rc, error);
}

static void
set_colour (cairo_t    *cr,
            const char *spec)
{
  PangoColor colour = { 0, 0, 0 };

  pango_color_parse (&colour, spec);
  cairo_set_source_rgb (cr, colour.red / 65535., colour.green / 65535., colour.blue / 65535.);
}

static PangoLayout *
sheet_layout (cairo_t    *cr,
              const char *font,
              double      width,
              const char *markup)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_auto_dir (layout, TRUE);
  pango_layout_set_font_description (layout, description);
  if (width > 0)
    {
      pango_layout_set_width (layout, pango_units_from_double (width));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return height / (double) PANGO_SCALE;
}

/* Text at x, y, centred vertically in a box of @height. */
static void
show_text (cairo_t    *cr,
           const char *font,
           const char *colour,
           double      x,
           double      y,
           double      width,
           double      height,
           PangoAlignment alignment,
           const char *markup)
{
  g_autoptr(PangoLayout) layout = sheet_layout (cr, font, width, markup);
  double text_height = layout_height (layout);

  pango_layout_set_alignment (layout, alignment);
  if (height > 0 && text_height > height)
    {
      pango_layout_set_height (layout, pango_units_from_double (height));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      text_height = layout_height (layout);
    }
  set_colour (cr, colour);
  cairo_move_to (cr, x, height > 0 ? y + (height - text_height) / 2 : y);
  pango_cairo_show_layout (cr, layout);
}

static char *
make_column_heading (const Slot *slot)
{
  g_autofree char *day = format_short_day (&slot->day);
  g_autofree char *times = format_times (slot);

  return g_markup_printf_escaped ("<b>%s</b>\n<span size='small'>%s\n%s</span>", day,
                                  period_label (slot->period), times);
}

static double
column_header_height (const Sheet *sheet,
                      cairo_t     *cr,
                      double       column)
{
  double height = 0;

  for (guint i = 0; i < sheet->session->slots->len; i++)
    {
      g_autofree char *markup = make_column_heading (g_ptr_array_index (sheet->session->slots, i));
      g_autoptr(PangoLayout) layout = sheet_layout (cr, SHEET_FONT " 8.5", column - 2 * SHEET_PAD,
                                                    markup);

      height = MAX (height, layout_height (layout));
    }

  return MAX (height + 2 * SHEET_PAD, SHEET_SECTION);
}

static double
name_column_width (const Sheet *sheet)
{
  return sheet->width > sheet->height ? 180 : 150;
}

static char *
make_meta (const Sheet *sheet)
{
  const Session *session = sheet->session;
  g_autofree char *dates = format_dates (session);
  g_autofree char *place = format_place (session);

  if (*place == '\0')
    return g_markup_printf_escaped ("<b>%s</b>  ·  %s", session->title, dates);
  return g_markup_printf_escaped ("<b>%s</b>  ·  %s  ·  %s", session->title, dates, place);
}

static double
row_height (const Row *row)
{
  return row->kind == ROW_SECTION ? SHEET_SECTION : SHEET_ROW;
}

/* Pages of rows, then pages of columns when there are more half-days than
 * fit across. */
static void
paginate_sheet (Sheet   *sheet,
                cairo_t *cr)
{
  guint n_slots = sheet->session->slots->len;
  double bottom = sheet->height - SHEET_MARGIN - SHEET_FOOTER;
  g_autofree char *meta = make_meta (sheet);
  g_autoptr(PangoLayout) meta_layout = sheet_layout (cr, SHEET_FONT " 9",
                                                     sheet->width - 2 * SHEET_MARGIN, meta);

  sheet->column = (sheet->width - 2 * SHEET_MARGIN - name_column_width (sheet))
                  / MAX (1, MIN (n_slots, sheet->slots_per_page));
  sheet->header_height = column_header_height (sheet, cr, sheet->column);
  sheet->table_top = SHEET_MARGIN + SHEET_TITLE + layout_height (meta_layout) + 14;

  sheet->pages = g_array_new (FALSE, FALSE, sizeof (SheetPage));
  for (guint first_slot = 0; first_slot < MAX (n_slots, 1); first_slot += sheet->slots_per_page)
    for (guint first_row = 0; first_row < sheet->rows->len;)
      {
        SheetPage page = { first_slot, MIN (sheet->slots_per_page, n_slots - first_slot),
                           first_row, 0 };
        double y = sheet->table_top + sheet->header_height;

        while (first_row + page.n_rows < sheet->rows->len
               && (page.n_rows == 0
                   || y + row_height (&g_array_index (sheet->rows, Row, first_row + page.n_rows))
                      <= bottom))
          y += row_height (&g_array_index (sheet->rows, Row, first_row + page.n_rows++));

        /* A section's heading is not left alone at the bottom of a page. */
        if (page.n_rows > 1 && first_row + page.n_rows < sheet->rows->len
            && g_array_index (sheet->rows, Row, first_row + page.n_rows - 1).kind == ROW_SECTION)
          page.n_rows--;
        g_array_append_val (sheet->pages, page);
        first_row += page.n_rows;
      }
}

/* The strokes as stored: [[[x,y],[x,y]],[[x,y]]], x and y from 0 to 1 of
 * the signing area. FALSE when they do not read. */
static gboolean
draw_strokes (cairo_t *cr,
              GBytes  *strokes,
              double   x,
              double   y,
              double   width,
              double   height)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize size;
  const char *data = g_bytes_get_data (strokes, &size);
  JsonNode *root;
  JsonArray *array;

  if (data == NULL || !json_parser_load_from_data (parser, data, size, NULL)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return FALSE;

  array = json_node_get_array (root);
  cairo_save (cr);
  set_colour (cr, INK);
  cairo_set_line_width (cr, 0.8);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *stroke = json_array_get_element (array, i);
      JsonArray *points;

      if (!JSON_NODE_HOLDS_ARRAY (stroke))
        continue;
      points = json_node_get_array (stroke);
      for (guint j = 0; j < json_array_get_length (points); j++)
        {
          JsonNode *point = json_array_get_element (points, j);
          JsonArray *xy;
          double px, py;

          if (!JSON_NODE_HOLDS_ARRAY (point))
            continue;
          xy = json_node_get_array (point);
          if (json_array_get_length (xy) != 2)
            continue;
          px = x + CLAMP (json_array_get_double_element (xy, 0), 0, 1) * width;
          py = y + CLAMP (json_array_get_double_element (xy, 1), 0, 1) * height;
          if (j == 0)
            cairo_move_to (cr, px, py);
          cairo_line_to (cr, px, py);
        }
      cairo_stroke (cr);
    }
  cairo_restore (cr);
  return TRUE;
}

static const char *
attendance_label (const char *status)
{
  if (g_strcmp0 (status, "absent") == 0)
    return C_("attendance", "Absent");
  if (g_strcmp0 (status, "excused") == 0)
    return C_("attendance", "Excused");
  return NULL;
}

static void
draw_cell (const Sheet *sheet,
           cairo_t     *cr,
           const Row   *row,
           const Slot  *slot,
           double       x,
           double       y,
           double       width)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s", slot->id,
                                          row->person->id, row->role);
  g_autofree char *attendance_key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                                     slot->id, row->person->id);
  GBytes *strokes = g_hash_table_lookup (sheet->signatures, key);
  const char *label;

  if (strokes != NULL)
    {
      if (!draw_strokes (cr, strokes, x + 2 * SHEET_PAD, y + SHEET_PAD, width - 4 * SHEET_PAD,
                         SHEET_ROW - 2 * SHEET_PAD))
        {
          g_autofree char *markup = g_markup_escape_text (_("Signed on screen"), -1);

          show_text (cr, SHEET_FONT " Italic 8", DIM, x + SHEET_PAD, y, width - 2 * SHEET_PAD,
                     SHEET_ROW, PANGO_ALIGN_CENTER, markup);
        }
      return;
    }

  label = attendance_label (g_hash_table_lookup (sheet->attendance, attendance_key));
  if (label != NULL && g_str_equal (row->role, "trainee"))
    {
      g_autofree char *markup = g_markup_escape_text (label, -1);

      show_text (cr, SHEET_FONT " Italic 8", DIM, x + SHEET_PAD, y, width - 2 * SHEET_PAD,
                 SHEET_ROW, PANGO_ALIGN_CENTER, markup);
    }
}

static void
draw_rule (cairo_t *cr,
           double   x1,
           double   y1,
           double   x2,
           double   y2)
{
  set_colour (cr, SHEET_RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
}

static void
draw_sheet_page (const Sheet     *sheet,
                 cairo_t         *cr,
                 guint            number)
{
  const SheetPage *page = &g_array_index (sheet->pages, SheetPage, number);
  const Session *session = sheet->session;
  double left = SHEET_MARGIN;
  double right = sheet->width - SHEET_MARGIN;
  double names = name_column_width (sheet);
  double column = sheet->column;
  double top = sheet->table_top;
  double header = sheet->header_height;
  double table_right = left + names + page->n_slots * column;
  double footer_top = sheet->height - SHEET_MARGIN - SHEET_FOOTER;
  g_autofree char *meta = make_meta (sheet);
  g_autofree char *title = g_markup_escape_text (_("Attendance sheet"), -1);
  g_autofree char *name = g_markup_printf_escaped ("<b>%s</b>", _("Name"));
  g_autofree char *note = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *page_text = NULL;
  double y;

  if (*sheet->organisation != '\0')
    {
      g_autofree char *organisation = g_markup_escape_text (sheet->organisation, -1);

      show_text (cr, SHEET_HEADING " Bold 9", ACCENT, left, SHEET_MARGIN, right - left, 0,
                 PANGO_ALIGN_LEFT, organisation);
    }
  show_text (cr, SHEET_HEADING " Bold 17", INK, left, SHEET_MARGIN + 15, right - left, 0,
             PANGO_ALIGN_LEFT, title);
  show_text (cr, SHEET_FONT " 9", DIM, left, SHEET_MARGIN + SHEET_TITLE, right - left, 0,
             PANGO_ALIGN_LEFT, meta);

  /* The heading of the columns. */
  cairo_rectangle (cr, left, top, table_right - left, header);
  set_colour (cr, SHEET_PANEL);
  cairo_fill (cr);
  show_text (cr, SHEET_FONT " 8.5", INK, left + SHEET_PAD, top, names - 2 * SHEET_PAD, header,
             PANGO_ALIGN_LEFT, name);
  for (guint i = 0; i < page->n_slots; i++)
    {
      g_autofree char *markup =
        make_column_heading (g_ptr_array_index (session->slots, page->first_slot + i));

      show_text (cr, SHEET_FONT " 8.5", INK, left + names + i * column + SHEET_PAD, top,
                 column - 2 * SHEET_PAD, header, PANGO_ALIGN_CENTER, markup);
    }
  draw_rule (cr, left, top, table_right, top);
  for (guint i = 0; i <= page->n_slots; i++)
    draw_rule (cr, left + names + i * column, top, left + names + i * column, top + header);
  draw_rule (cr, left, top, left, top + header);

  /* The rows: a section's name across, a person's name and one box per
   * half-day. */
  y = top + header;
  draw_rule (cr, left, y, table_right, y);
  for (guint r = 0; r < page->n_rows; r++)
    {
      const Row *row = &g_array_index (sheet->rows, Row, page->first_row + r);
      double height = row_height (row);

      if (row->kind == ROW_SECTION)
        {
          g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>", row->label);

          show_text (cr, SHEET_HEADING " Bold 9.5", ACCENT, left + SHEET_PAD, y,
                     table_right - left - 2 * SHEET_PAD, height, PANGO_ALIGN_LEFT, markup);
          draw_rule (cr, left, y, left, y + height);
          draw_rule (cr, table_right, y, table_right, y + height);
        }
      else
        {
          g_autofree char *markup = g_markup_escape_text (row->person->name, -1);

          show_text (cr, SHEET_FONT " 9.5", INK, left + SHEET_PAD, y, names - 2 * SHEET_PAD,
                     height, PANGO_ALIGN_LEFT, markup);
          for (guint i = 0; i < page->n_slots; i++)
            draw_cell (sheet, cr, row, g_ptr_array_index (session->slots, page->first_slot + i),
                       left + names + i * column, y, column);
          draw_rule (cr, left, y, left, y + height);
          for (guint i = 0; i <= page->n_slots; i++)
            draw_rule (cr, left + names + i * column, y, left + names + i * column, y + height);
        }

      y += height;
      draw_rule (cr, left, y, table_right, y);
    }

  /* The footer. */
  note = g_markup_escape_text (_("Each trainee signs each half-day, during it; the trainers sign "
                                 "each half-day too."),
                               -1);
  show_text (cr, SHEET_FONT " 8", DIM, left, footer_top + 6, right - left, 0, PANGO_ALIGN_LEFT,
             note);
  draw_rule (cr, left, sheet->height - SHEET_MARGIN - 8, right, sheet->height - SHEET_MARGIN - 8);
  footer = *sheet->organisation != '\0'
    ? g_markup_printf_escaped ("%s  ·  %s", sheet->organisation, session->title)
    : g_markup_escape_text (session->title, -1);
  show_text (cr, SHEET_FONT " 8", DIM, left, sheet->height - SHEET_MARGIN - 4, right - left - 90,
             0, PANGO_ALIGN_LEFT, footer);
  /* Translators: in the footer of a document: the page, and how many. */
  page_text = g_strdup_printf (_("Page %u of %u"), number + 1, sheet->pages->len);
  show_text (cr, SHEET_FONT " 8", DIM, right - 90, sheet->height - SHEET_MARGIN - 4, 90, 0,
             PANGO_ALIGN_RIGHT, page_text);
}

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
make_attendance_sheet (PsrDatabase                      *db,
                       gint64                            session_id,
                       const Session                    *session,
                       const PsrSessionDocumentOptions  *options,
                       GError                          **error)
{
  g_auto(Sheet) sheet = { 0 };
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  Row row = { 0 };

  sheet.session = session;
  sheet.organisation = or_empty (options->info != NULL ? options->info->organisation : NULL);
  /* Landscape when portrait would make the boxes too narrow to sign. */
  sheet.width = session->slots->len > 4 ? PSR_DOCUMENT_A4_HEIGHT : PSR_DOCUMENT_A4_WIDTH;
  sheet.height = session->slots->len > 4 ? PSR_DOCUMENT_A4_WIDTH : PSR_DOCUMENT_A4_HEIGHT;
  sheet.slots_per_page = session->slots->len > 4 ? 8 : 4;
  if (!read_marks (db, session_id, &sheet, error))
    return NULL;

  sheet.rows = g_array_new (FALSE, FALSE, sizeof (Row));
  row.kind = ROW_SECTION;
  row.label = ngettext ("Trainee", "Trainees", MAX (session->trainees->len, 1));
  g_array_append_val (sheet.rows, row);
  for (guint i = 0; i < session->trainees->len; i++)
    {
      Row person = { ROW_PERSON, NULL, g_ptr_array_index (session->trainees, i), "trainee" };

      g_array_append_val (sheet.rows, person);
    }
  row.label = ngettext ("Trainer", "Trainers", MAX (session->trainers->len, 1));
  g_array_append_val (sheet.rows, row);
  for (guint i = 0; i < session->trainers->len; i++)
    {
      Row person = { ROW_PERSON, NULL, g_ptr_array_index (session->trainers, i), "trainer" };

      g_array_append_val (sheet.rows, person);
    }

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, sheet.width, sheet.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Attendance sheet"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Passerelle " PACKAGE_VERSION);
  cr = cairo_create (surface);
  paginate_sheet (&sheet, cr);
  for (guint i = 0; i < sheet.pages->len; i++)
    {
      draw_sheet_page (&sheet, cr, i);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("The document could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/* Files ------------------------------------------------------------------------ */

/* "convocation-dupont-marie.pdf": letters and digits of the name in ASCII,
 * the rest as dashes; a name with no Latin letter takes the start of the
 * person's UUID. Unique in @taken. */
static char *
file_name_for (const char   *prefix,
               const Person *person,
               GHashTable   *taken)
{
  g_autofree char *joined = g_strdup_printf ("%s %s", person->family_name, person->given_name);
  g_autofree char *ascii = g_str_to_ascii (joined, "C");
  GString *name = g_string_new (prefix);
  gboolean dash = TRUE;
  gsize prefix_length = name->len;
  g_autofree char *base = NULL;
  char *file_name;

  for (const char *p = ascii; *p != '\0' && name->len < 80; p++)
    {
      if (!g_ascii_isalnum (*p))
        {
          dash = TRUE;
          continue;
        }
      if (dash)
        g_string_append_c (name, '-');
      g_string_append_c (name, g_ascii_tolower (*p));
      dash = FALSE;
    }
  if (name->len == prefix_length)
    g_string_append_printf (name, "-%.8s", person->uuid);

  base = g_string_free (name, FALSE);
  file_name = g_strconcat (base, ".pdf", NULL);
  for (guint n = 2; g_hash_table_contains (taken, file_name); n++)
    {
      g_free (file_name);
      file_name = g_strdup_printf ("%s-%u.pdf", base, n);
    }

  g_hash_table_add (taken, g_strdup (file_name));
  return file_name;
}

static gboolean
make_directory (const char  *directory,
                GError     **error)
{
  int saved_errno;
  g_autofree char *display_name = NULL;

  if (g_mkdir_with_parents (directory, 0755) == 0)
    return TRUE;

  saved_errno = errno;
  display_name = g_filename_display_name (directory);
  g_set_error (error, PSR_ERROR,
               saved_errno == EACCES || saved_errno == EROFS ? PSR_ERROR_READ_ONLY
                                                             : PSR_ERROR_CANT_OPEN,
               _("The folder “%s” could not be created: %s"), display_name,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_trainee_document (PsrDatabase                      *db,
                        gint64                            session_id,
                        const Session                    *session,
                        const Person                     *trainee,
                        PsrSessionDocumentKind            kind,
                        const PsrSessionDocumentOptions  *options,
                        const char                       *path,
                        GError                          **error)
{
  g_autoptr(PsrLocale) locale = psr_locale_new (trainee->language);
  gboolean rtl = psr_locale_is_right_to_left (locale);
  g_autoptr(PsrDocument) document = NULL;
  g_autoptr(GPtrArray) ratings = NULL;
  g_autoptr(GBytes) pdf = NULL;
  guint n_signed = 0;

  /* Read before switching: the errors of the store are for the trainer. */
  if (kind == PSR_SESSION_DOCUMENT_CERTIFICATES
      && (!count_signed (db, session_id, trainee->id, &n_signed, error)
          || (ratings = read_ratings (db, session_id, trainee->id, error)) == NULL))
    return FALSE;

  psr_locale_push (locale);
  if (kind == PSR_SESSION_DOCUMENT_CONVOCATIONS)
    document = make_convocation (session, trainee, options, rtl);
  else
    document = make_certificate (session, trainee, n_signed, ratings, options, rtl);
  pdf = psr_document_to_pdf (document, NULL);
  psr_locale_pop (locale);

  if (pdf == NULL)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED,
                   _("The document for %s could not be made."), trainee->name);
      return FALSE;
    }

  return psr_document_save_file (pdf, path, error);
}

/**
 * psr_session_documents_write:
 * @db: the store; in a worker thread, a connection of the thread's own
 * @session_id: the session's row id
 * @kind: which documents
 * @options: (nullable): what the documents say that the store does not hold
 * @directory: the folder to write them in, made when missing
 * @progress: (nullable): called after each document is written
 * @user_data: for @progress
 * @cancellable: (nullable): stops between two documents
 * @error: return location for a #PSR_ERROR, or %G_IO_ERROR_CANCELLED
 *
 * Writes the documents of a session as A4 PDF files in @directory:
 * "convocation-FAMILY-GIVEN.pdf" or "certificate-FAMILY-GIVEN.pdf" for each
 * enrolled trainee, in that trainee's language, or "attendance-sheet.pdf".
 * An existing file of the same name is replaced. A failure or a
 * cancellation leaves the documents already written.
 *
 * Returns: (transfer full): the paths of the files written, or %NULL with
 *   @error set
 */
GStrv
psr_session_documents_write (PsrDatabase                       *db,
                             gint64                             session_id,
                             PsrSessionDocumentKind             kind,
                             const PsrSessionDocumentOptions   *options,
                             const char                        *directory,
                             PsrSessionDocumentProgress         progress,
                             gpointer                           user_data,
                             GCancellable                      *cancellable,
                             GError                           **error)
{
  static const PsrSessionDocumentOptions no_options = { NULL, NULL, NULL };
  g_auto(Session) session = { 0 };
  g_autoptr(GStrvBuilder) paths = g_strv_builder_new ();
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint total;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;

  if (!read_session (db, session_id, &session, error))
    return NULL;

  if (kind != PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET && session.trainees->len == 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("No trainee is enrolled in this session: enroll trainees first."));
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error)
      || !make_directory (directory, error))
    return NULL;

  if (kind == PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET)
    {
      g_autofree char *path = g_build_filename (directory, "attendance-sheet.pdf", NULL);
      g_autoptr(GBytes) pdf = make_attendance_sheet (db, session_id, &session, options, error);

      if (pdf == NULL || !psr_document_save_file (pdf, path, error))
        return NULL;
      g_strv_builder_add (paths, path);
      if (progress != NULL)
        progress (1, 1, user_data);
      return g_strv_builder_end (paths);
    }

  total = session.trainees->len;
  for (guint i = 0; i < total; i++)
    {
      const Person *trainee = g_ptr_array_index (session.trainees, i);
      g_autofree char *file_name = NULL;
      g_autofree char *path = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      file_name = file_name_for (kind == PSR_SESSION_DOCUMENT_CONVOCATIONS ? "convocation"
                                                                           : "certificate",
                                 trainee, taken);
      path = g_build_filename (directory, file_name, NULL);
      if (!write_trainee_document (db, session_id, &session, trainee, kind, options, path, error))
        return NULL;

      g_strv_builder_add (paths, path);
      if (progress != NULL)
        progress (i + 1, total, user_data);
    }

  return g_strv_builder_end (paths);
}

/**
 * psr_session_trainee_document_write:
 * @db: the store; in a worker thread, a connection of the thread's own
 * @session_id: the session's row id
 * @person_id: the trainee's row id, enrolled in the session
 * @kind: %PSR_SESSION_DOCUMENT_CONVOCATIONS or
 *   %PSR_SESSION_DOCUMENT_CERTIFICATES
 * @options: (nullable): what the document says that the store does not hold
 * @path: the PDF file to write, replaced when it exists
 * @error: return location for a #PSR_ERROR
 *
 * Writes one trainee's convocation or certificate of the session, in the
 * trainee's language, as psr_session_documents_write() writes each of them.
 * A person not enrolled in the session (or a no-show) is
 * %PSR_ERROR_NOT_FOUND, and nothing is written.
 *
 * Returns: whether the file was written
 */
gboolean
psr_session_trainee_document_write (PsrDatabase                      *db,
                                    gint64                            session_id,
                                    gint64                            person_id,
                                    PsrSessionDocumentKind            kind,
                                    const PsrSessionDocumentOptions  *options,
                                    const char                       *path,
                                    GError                          **error)
{
  static const PsrSessionDocumentOptions no_options = { NULL, NULL, NULL };
  g_auto(Session) session = { 0 };

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind == PSR_SESSION_DOCUMENT_CONVOCATIONS
                        || kind == PSR_SESSION_DOCUMENT_CERTIFICATES, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    options = &no_options;

  if (!read_session (db, session_id, &session, error))
    return FALSE;

  for (guint i = 0; i < session.trainees->len; i++)
    {
      const Person *trainee = g_ptr_array_index (session.trainees, i);

      if (trainee->id == person_id)
        return write_trainee_document (db, session_id, &session, trainee, kind, options, path,
                                       error);
    }

  g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND,
               _("This person is not enrolled in this session."));
  return FALSE;
}

/* Printing ------------------------------------------------------------------------ */

typedef struct
{
  PsrDocument *document;
  PsrLocale   *locale;
  guint        n_pages;
} PrintedDocument;

struct _PsrSessionPrint
{
  PsrSessionDocumentKind  kind;
  Session                 session;
  Sheet                   sheet;
  char                   *organisation;
  GArray                 *documents;
};

static void
printed_document_clear (PrintedDocument *printed)
{
  g_clear_object (&printed->document);
  g_clear_object (&printed->locale);
}

void
psr_session_print_free (PsrSessionPrint *print)
{
  if (print == NULL)
    return;

  sheet_clear (&print->sheet);
  session_clear (&print->session);
  g_clear_pointer (&print->documents, g_array_unref);
  g_free (print->organisation);
  g_free (print);
}

static gboolean
prepare_sheet (PsrSessionPrint                  *print,
               PsrDatabase                      *db,
               gint64                            session_id,
               GError                          **error)
{
  const Session *session = &print->session;
  Sheet *sheet = &print->sheet;
  Row row = { 0 };

  sheet->session = session;
  sheet->organisation = print->organisation;
  sheet->width = session->slots->len > 4 ? PSR_DOCUMENT_A4_HEIGHT : PSR_DOCUMENT_A4_WIDTH;
  sheet->height = session->slots->len > 4 ? PSR_DOCUMENT_A4_WIDTH : PSR_DOCUMENT_A4_HEIGHT;
  sheet->slots_per_page = session->slots->len > 4 ? 8 : 4;
  if (!read_marks (db, session_id, sheet, error))
    return FALSE;

  sheet->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  row.kind = ROW_SECTION;
  row.label = ngettext ("Trainee", "Trainees", MAX (session->trainees->len, 1));
  g_array_append_val (sheet->rows, row);
  for (guint i = 0; i < session->trainees->len; i++)
    {
      Row person = { ROW_PERSON, NULL, g_ptr_array_index (session->trainees, i), "trainee" };

      g_array_append_val (sheet->rows, person);
    }
  row.label = ngettext ("Trainer", "Trainers", MAX (session->trainers->len, 1));
  g_array_append_val (sheet->rows, row);
  for (guint i = 0; i < session->trainers->len; i++)
    {
      Row person = { ROW_PERSON, NULL, g_ptr_array_index (session->trainers, i), "trainer" };

      g_array_append_val (sheet->rows, person);
    }

  return TRUE;
}

static gboolean
prepare_documents (PsrSessionPrint                  *print,
                   PsrDatabase                      *db,
                   gint64                            session_id,
                   const PsrSessionDocumentOptions  *options,
                   GError                          **error)
{
  print->documents = g_array_new (FALSE, TRUE, sizeof (PrintedDocument));
  g_array_set_clear_func (print->documents, (GDestroyNotify) printed_document_clear);

  for (guint i = 0; i < print->session.trainees->len; i++)
    {
      const Person *trainee = g_ptr_array_index (print->session.trainees, i);
      PrintedDocument printed = { NULL, psr_locale_new (trainee->language), 0 };
      gboolean rtl = psr_locale_is_right_to_left (printed.locale);
      g_autoptr(GPtrArray) ratings = NULL;
      guint n_signed = 0;

      if (print->kind == PSR_SESSION_DOCUMENT_CERTIFICATES
          && (!count_signed (db, session_id, trainee->id, &n_signed, error)
              || (ratings = read_ratings (db, session_id, trainee->id, error)) == NULL))
        {
          printed_document_clear (&printed);
          return FALSE;
        }

      psr_locale_push (printed.locale);
      if (print->kind == PSR_SESSION_DOCUMENT_CONVOCATIONS)
        printed.document = make_convocation (&print->session, trainee, options, rtl);
      else
        printed.document = make_certificate (&print->session, trainee, n_signed, ratings, options,
                                             rtl);
      psr_locale_pop (printed.locale);
      g_array_append_val (print->documents, printed);
    }

  return TRUE;
}

PsrSessionPrint *
psr_session_print_new (PsrDatabase                      *db,
                       gint64                            session_id,
                       PsrSessionDocumentKind            kind,
                       const PsrSessionDocumentOptions  *options,
                       GError                          **error)
{
  static const PsrSessionDocumentOptions no_options = { NULL, NULL, NULL };
  g_autoptr(PsrSessionPrint) print = g_new0 (PsrSessionPrint, 1);

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= PSR_SESSION_DOCUMENT_CERTIFICATES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &no_options;

  print->kind = kind;
  print->organisation = g_strdup (or_empty (options->info != NULL ? options->info->organisation
                                                                  : NULL));
  if (!read_session (db, session_id, &print->session, error))
    return NULL;

  if (kind != PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET && print->session.trainees->len == 0)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("No trainee is enrolled in this session: enroll trainees first."));
      return NULL;
    }

  if (kind == PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET
        ? !prepare_sheet (print, db, session_id, error)
        : !prepare_documents (print, db, session_id, options, error))
    return NULL;

  return g_steal_pointer (&print);
}

gboolean
psr_session_print_is_landscape (PsrSessionPrint *print)
{
  g_return_val_if_fail (print != NULL, FALSE);

  return print->kind == PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET
         && print->sheet.width > print->sheet.height;
}

guint
psr_session_print_paginate (PsrSessionPrint *print,
                            cairo_t         *cr,
                            double           width,
                            double           height)
{
  guint total = 0;

  g_return_val_if_fail (print != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  if (print->kind == PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET)
    {
      g_clear_pointer (&print->sheet.pages, g_array_unref);
      paginate_sheet (&print->sheet, cr);
      return print->sheet.pages->len;
    }

  for (guint i = 0; i < print->documents->len; i++)
    {
      PrintedDocument *printed = &g_array_index (print->documents, PrintedDocument, i);

      psr_locale_push (printed->locale);
      printed->n_pages = psr_document_paginate (printed->document, cr, width, height);
      psr_locale_pop (printed->locale);
      total += printed->n_pages;
    }

  return total;
}

void
psr_session_print_draw_page (PsrSessionPrint *print,
                             cairo_t         *cr,
                             double           width,
                             double           height,
                             guint            page)
{
  g_return_if_fail (print != NULL);
  g_return_if_fail (cr != NULL);

  if (print->kind == PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET)
    {
      if (print->sheet.pages != NULL && page < print->sheet.pages->len)
        draw_sheet_page (&print->sheet, cr, page);
      return;
    }

  for (guint i = 0; i < print->documents->len; i++)
    {
      PrintedDocument *printed = &g_array_index (print->documents, PrintedDocument, i);

      if (page < printed->n_pages)
        {
          psr_locale_push (printed->locale);
          psr_document_draw_page (printed->document, cr, width, height, page);
          psr_locale_pop (printed->locale);
          return;
        }
      page -= printed->n_pages;
    }
}
