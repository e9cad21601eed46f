/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "psr-course-sheet.h"
#include "psr-curriculum.h"
#include "psr-database-private.h"
#include "psr-document.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-locale.h"
#include "psr-record.h"
#include "psr-translations.h"

/* The public sheet of a curriculum: what Qualiopi's indicator 1 asks a
 * training organisation to publish about each course. Everything is read
 * from the store once into a PsrDocument, so that laying out and drawing
 * never touch the database: a print dialog's callbacks or a worker thread
 * can do them. One object is used by one thread at a time. A sheet in a
 * translation has its labels in that language, and takes each translated
 * field, the original of the others. */

#define DIM PSR_DOCUMENT_DIM

/* The columns of the query in read_curriculum (), in order. */
enum {
  COLUMN_TITLE,
  COLUMN_SUMMARY,
  COLUMN_AUDIENCE,
  COLUMN_PREREQUISITES,
  COLUMN_TEACHING_METHODS,
  COLUMN_EVALUATION_METHODS,
  COLUMN_ACCESS_TERMS,
  COLUMN_ACCESS_DELAY,
  COLUMN_CONTACT,
  COLUMN_ACCESSIBILITY,
  COLUMN_MODALITY,
  COLUMN_STATUS,
  COLUMN_LANGUAGE,
  COLUMN_UUID,
  N_TEXT_COLUMNS,
  COLUMN_DURATION = N_TEXT_COLUMNS,
  COLUMN_PRICE,
  COLUMN_VERSION,
  COLUMN_N_MODULES,
};

typedef struct
{
  char     *text[N_TEXT_COLUMNS];
  double    duration_hours;
  gboolean  price_known;
  gint64    price_cents;
  guint     version;
  guint     n_modules;
} Curriculum;

typedef struct
{
  const char *label;
  int         column;
  gboolean    required;
} Field;

typedef struct
{
  const char *value;
  const char *label;
} Label;

struct _PsrCourseSheet
{
  GObject      parent_instance;

  PsrDocument *document;
  PsrLocale   *locale;      /* NULL: the interface's language */
};

G_DEFINE_FINAL_TYPE (PsrCourseSheet, psr_course_sheet, G_TYPE_OBJECT)

/* Qualiopi's indicator 1 requires prerequisites, objectives, duration, access
 * terms and delay, price, contact, methods, evaluation and accessibility: a
 * blank one is shown as such. The audience and summary are only omitted. */
static const Field fields_before[] = {
  { N_("Audience"), COLUMN_AUDIENCE, FALSE },
  { N_("Prerequisites"), COLUMN_PREREQUISITES, TRUE },
};

static const Field fields_after[] = {
  { N_("Teaching methods"), COLUMN_TEACHING_METHODS, TRUE },
  { N_("How skills are evaluated"), COLUMN_EVALUATION_METHODS, TRUE },
  { N_("Access terms"), COLUMN_ACCESS_TERMS, TRUE },
  { N_("Access delay"), COLUMN_ACCESS_DELAY, TRUE },
  { N_("Contact"), COLUMN_CONTACT, TRUE },
  { N_("Accessibility for people with disabilities"), COLUMN_ACCESSIBILITY, TRUE },
};

static const Label modalities[] = {
  { "in-person", N_("In person") },
  { "remote", N_("Remote") },
  { "blended", N_("Blended") },
  { NULL, NULL },
};

static const Label methods[] = {
  { "theory", N_("Theory") },
  { "practice", N_("Practice") },
  { "mixed", N_("Theory and practice") },
  { NULL, NULL },
};

static void
curriculum_clear (Curriculum *curriculum)
{
  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    g_clear_pointer (&curriculum->text[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Curriculum, curriculum_clear)

static void
psr_course_sheet_finalize (GObject *object)
{
  PsrCourseSheet *self = PSR_COURSE_SHEET (object);

  g_clear_object (&self->document);
  g_clear_object (&self->locale);

  G_OBJECT_CLASS (psr_course_sheet_parent_class)->finalize (object);
}

static void
psr_course_sheet_class_init (PsrCourseSheetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_course_sheet_finalize;
}

static void
psr_course_sheet_init (PsrCourseSheet *self)
{
}

/* Reading and wording ---------------------------------------------------- */

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
translate_value (const Label *labels,
                 const char  *value)
{
  for (; labels->value != NULL; labels++)
    if (g_str_equal (labels->value, value))
      return _(labels->label);

  return value;
}

/* With as many decimals as the value has, up to two, and the locale's
 * separators: "14", "3,5". */
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
format_price (const Curriculum *curriculum)
{
  g_autofree char *amount = NULL;

  if (!curriculum->price_known)
    return g_strdup (_("On request"));
  if (curriculum->price_cents == 0)
    return g_strdup (_("Free"));

  /* The locale groups thousands and chooses the decimal separator. */
  amount = g_strdup_printf ("%'.2f", curriculum->price_cents / 100.0);
  /* Translators: a price in euros; %s is the amount with its cents, for
   * example "%s €" in French. */
  return g_strdup_printf (_("€%s"), amount);
}

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
read_curriculum (PsrDatabase  *db,
                 gint64        id,
                 Curriculum   *curriculum,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT title, summary, audience, prerequisites, teaching_methods,"
                               " evaluation_methods, access_terms, access_delay, contact,"
                               " accessibility, modality, status, language, uuid, duration_hours,"
                               " price_cents,"
                               " version, (SELECT count(*) FROM modules"
                               "           WHERE modules.curriculum_id = curricula.id)"
                               " FROM curricula WHERE id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PSR_ERROR, PSR_ERROR_NOT_FOUND, _("The curriculum no longer exists."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return finish_rows (db, stmt, rc, error);

  for (guint i = 0; i < N_TEXT_COLUMNS; i++)
    curriculum->text[i] = g_strstrip (psr_record_column_text (stmt, i));
  curriculum->duration_hours = sqlite3_column_double (stmt, COLUMN_DURATION);
  curriculum->price_known = sqlite3_column_type (stmt, COLUMN_PRICE) != SQLITE_NULL;
  curriculum->price_cents = sqlite3_column_int64 (stmt, COLUMN_PRICE);
  curriculum->version = sqlite3_column_int (stmt, COLUMN_VERSION);
  curriculum->n_modules = sqlite3_column_int (stmt, COLUMN_N_MODULES);
  sqlite3_reset (stmt);

  return TRUE;
}

/* Replaces the text of each field translated into @language; sets
 * @is_partial when a field filled in has no translation. */
static gboolean
translate_curriculum (PsrDatabase  *db,
                      Curriculum   *curriculum,
                      const char   *language,
                      gboolean     *is_partial,
                      GError      **error)
{
  g_autoptr(GHashTable) translated = NULL;
  /* As psr_translation_fields () names them. */
  static const int columns[] = {
    COLUMN_TITLE, COLUMN_SUMMARY, COLUMN_AUDIENCE, COLUMN_PREREQUISITES, COLUMN_TEACHING_METHODS,
    COLUMN_EVALUATION_METHODS, COLUMN_ACCESS_TERMS, COLUMN_ACCESS_DELAY, COLUMN_CONTACT,
    COLUMN_ACCESSIBILITY,
  };
  static const char * const codes[] = {
    "title", "summary", "audience", "prerequisites", "teaching_methods", "evaluation_methods",
    "access_terms", "access_delay", "contact", "accessibility",
  };

  translated = psr_translation_get (db, "curriculum", curriculum->text[COLUMN_UUID], language,
                                    error);
  if (translated == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      const char *text = g_hash_table_lookup (translated, codes[i]);
      char **field = &curriculum->text[columns[i]];

      if (text != NULL && *text != '\0')
        {
          g_free (*field);
          *field = g_strstrip (g_strdup (text));
        }
      else if (**field != '\0')
        *is_partial = TRUE;
    }

  return TRUE;
}

/* Blocks ------------------------------------------------------------------ */

static void
add_fields (PsrDocument      *document,
            const Curriculum *curriculum,
            const Field      *fields,
            guint             n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = curriculum->text[fields[i].column];

      if (*text == '\0' && !fields[i].required)
        continue;

      psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, _(fields[i].label));
      if (*text == '\0')
        psr_document_add_missing (document);
      else
        psr_document_add_paragraphs (document, PSR_DOCUMENT_STYLE_BODY, text);
    }
}

static char *
make_meta (const Curriculum *curriculum)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDate) today = g_date_new_dmy (g_date_time_get_day_of_month (now),
                                           g_date_time_get_month (now),
                                           g_date_time_get_year (now));
  g_autofree char *date = psr_format_date (today);
  g_autofree char *version = g_strdup_printf (_("Version %u"), curriculum->version);
  /* Translators: when the course sheet was made; %s is a date. */
  g_autofree char *made = g_strdup_printf (_("Sheet made on %s"), date);

  return g_markup_printf_escaped ("%s  ·  %s  ·  %s", version,
                                  psr_curriculum_status_label (curriculum->text[COLUMN_STATUS]),
                                  made);
}

static char *
make_duration_fact (const Curriculum *curriculum)
{
  g_autofree char *hours = NULL;
  g_autofree char *modules = NULL;

  if (curriculum->duration_hours <= 0)
    return psr_document_make_fact (_("Duration"), _("Not specified"), TRUE, NULL);

  hours = format_hours (curriculum->duration_hours);
  if (curriculum->n_modules > 0)
    modules = g_strdup_printf (ngettext ("%u module", "%u modules", curriculum->n_modules),
                               curriculum->n_modules);
  return psr_document_make_fact (_("Duration"), hours, FALSE, modules);
}

static void
add_facts (PsrDocument      *document,
           const Curriculum *curriculum)
{
  g_autofree char *price = format_price (curriculum);
  g_auto(GStrv) cells = g_new0 (char *, 4);

  cells[0] = make_duration_fact (curriculum);
  cells[1] = psr_document_make_fact (_("Modality"),
                                     translate_value (modalities,
                                                      curriculum->text[COLUMN_MODALITY]),
                                     FALSE, NULL);
  cells[2] = psr_document_make_fact (_("Price"), price, FALSE, NULL);
  psr_document_add_facts (document, (const char * const *) cells);
}

static void
add_header (PsrDocument      *document,
            const Curriculum *curriculum,
            const char       *organisation)
{
  g_autofree char *meta = make_meta (curriculum);

  if (*organisation != '\0')
    psr_document_add_text (document, PSR_DOCUMENT_STYLE_ORGANISATION, organisation);
  psr_document_add_text (document, PSR_DOCUMENT_STYLE_TITLE, curriculum->text[COLUMN_TITLE]);
  psr_document_add_markup (document, PSR_DOCUMENT_STYLE_META, meta);
  psr_document_add_paragraphs (document, PSR_DOCUMENT_STYLE_LEAD, curriculum->text[COLUMN_SUMMARY]);
  add_facts (document, curriculum);
}

/* Each objective with the competencies it is linked to, one per line under
 * it, smaller. */
static gboolean
add_objectives (PsrDocument  *document,
                PsrDatabase  *db,
                gint64        curriculum_id,
                GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 current = 0;
  guint n = 0;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT o.id, o.text, c.code, c.title"
                               " FROM curriculum_objectives o"
                               " LEFT JOIN objective_competencies oc ON oc.objective_id = o.id"
                               " LEFT JOIN competencies c ON c.id = oc.competency_id"
                               " WHERE o.curriculum_id = ?1"
                               " ORDER BY o.position, o.id, c.code, c.title",
                               error);
  if (stmt == NULL)
    return FALSE;

  psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, _("Operational objectives"));
  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != current)
        {
          g_autofree char *markup =
            g_markup_escape_text ((const char *) sqlite3_column_text (stmt, 1), -1);

          current = sqlite3_column_int64 (stmt, 0);
          n++;
          psr_document_add_item (document, PSR_DOCUMENT_STYLE_ITEM, "•", markup);
        }
      /* The rows of one objective follow each other: its item is the last block. */
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_autofree char *line =
            g_markup_printf_escaped ("\n<span size='small' foreground='" DIM "'>"
                                     "<b>%s</b>  %s</span>",
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3));

          psr_document_append_markup (document, line);
        }
    }

  if (n == 0)
    psr_document_add_missing (document);

  return finish_rows (db, stmt, rc, error);
}

static char *
make_module (const char *title,
             double      hours,
             const char *method)
{
  g_autofree char *number = format_number (hours);
  /* Translators: the duration of a module, in hours, abbreviated. */
  g_autofree char *duration = g_strdup_printf (_("%s h"), number);
  const char *method_label = translate_value (methods, method);

  if (hours <= 0)
    return g_markup_printf_escaped ("<b>%s</b>\n<span size='small' foreground='" DIM "'>%s</span>",
                                    title, method_label);

  return g_markup_printf_escaped ("<b>%s</b>\n<span size='small' foreground='" DIM "'>"
                                  "%s  ·  %s</span>",
                                  title, duration, method_label);
}


/* Modules are not required: a curriculum without them has no programme. */
static gboolean
add_modules (PsrDocument  *document,
             PsrDatabase  *db,
             gint64        curriculum_id,
             const char   *language,
             gboolean     *is_partial,
             GError      **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT title, duration_hours, method, uuid FROM modules"
                               " WHERE curriculum_id = ?1 ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *marker = g_strdup_printf ("%u.", ++n);
      g_autofree char *title = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      g_autofree char *markup = NULL;

      if (language != NULL)
        {
          g_autoptr(GHashTable) translated = NULL;
          const char *text;

          /* Another statement: this one stays on its row. */
          translated = psr_translation_get (db, "module",
                                            (const char *) sqlite3_column_text (stmt, 3),
                                            language, error);
          if (translated == NULL)
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          text = g_hash_table_lookup (translated, "title");
          if (text != NULL && *text != '\0')
            {
              g_free (title);
              title = g_strdup (text);
            }
          else
            *is_partial = TRUE;
        }
      markup = make_module (title, sqlite3_column_double (stmt, 1),
                            (const char *) sqlite3_column_text (stmt, 2));

      if (n == 1)
        psr_document_add_text (document, PSR_DOCUMENT_STYLE_HEADING, _("Program"));
      psr_document_add_item (document, PSR_DOCUMENT_STYLE_ITEM, marker, markup);
    }

  return finish_rows (db, stmt, rc, error);
}

static void
add_referent (PsrDocument           *document,
              const PsrDocumentInfo *info)
{
  const char *name = or_empty (info->referent_name);
  const char *contact = or_empty (info->referent_contact);
  g_autofree char *text = NULL;

  psr_document_add_text (document, PSR_DOCUMENT_STYLE_LABEL, _("Disability referent"));
  if (*name == '\0' && *contact == '\0')
    {
      psr_document_add_missing (document);
      return;
    }

  if (*name != '\0' && *contact != '\0')
    text = g_strconcat (name, "\n", contact, NULL);
  else
    text = g_strdup (*name != '\0' ? name : contact);
  psr_document_add_text (document, PSR_DOCUMENT_STYLE_BODY, text);
}

static char *
make_footer (const char *organisation,
             const char *title)
{
  if (*organisation == '\0')
    return g_markup_escape_text (title, -1);

  return g_markup_printf_escaped ("%s  ·  %s", organisation, title);
}

/**
 * psr_course_sheet_new:
 * @db: the store
 * @curriculum_id: the curriculum's row id
 * @info: (nullable): what to say about the organisation
 * @error: return location for a #PSR_ERROR
 *
 * Reads the curriculum, its objectives and modules, in its own language.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
PsrCourseSheet *
psr_course_sheet_new (PsrDatabase            *db,
                      gint64                  curriculum_id,
                      const PsrDocumentInfo  *info,
                      GError                **error)
{
  return psr_course_sheet_new_in_language (db, curriculum_id, info, NULL, error);
}

/**
 * psr_course_sheet_new_in_language:
 * @db: the store
 * @curriculum_id: the curriculum's row id
 * @info: (nullable): what to say about the organisation
 * @error: return location for a #PSR_ERROR
 *
 * @language: (nullable): a code of psr_languages(), or %NULL for the
 *   curriculum's own language
 * @error: return location for a #PSR_ERROR
 *
 * Reads the curriculum, its objectives and modules. In another language
 * than the curriculum's, the labels are in @language, and so is each field
 * translated into it; the others stay in the original, and the sheet says
 * so.
 *
 * Returns: (transfer full): the sheet, or %NULL with @error set
 */
PsrCourseSheet *
psr_course_sheet_new_in_language (PsrDatabase            *db,
                                  gint64                  curriculum_id,
                                  const PsrDocumentInfo  *info,
                                  const char             *language,
                                  GError                **error)
{
  gboolean is_partial = FALSE;
  gboolean done;
  static const PsrDocumentInfo no_info = { NULL, NULL, NULL };
  g_autoptr(PsrCourseSheet) self = NULL;
  g_auto(Curriculum) curriculum = { { NULL } };
  g_autofree char *footer = NULL;
  const char *organisation;
  PsrDocument *document;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info == NULL)
    info = &no_info;
  organisation = or_empty (info->organisation);

  if (language != NULL && !g_strv_contains (psr_languages (), language))
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("“%s” is not a language Passerelle knows. "
                     "Choose one in the list of languages."),
                   language);
      return NULL;
    }

  if (!read_curriculum (db, curriculum_id, &curriculum, error))
    return NULL;
  if (g_strcmp0 (language, curriculum.text[COLUMN_LANGUAGE]) == 0)
    language = NULL;
  if (language != NULL && !translate_curriculum (db, &curriculum, language, &is_partial, error))
    return NULL;

  self = g_object_new (PSR_TYPE_COURSE_SHEET, NULL);
  if (language != NULL)
    {
      self->locale = psr_locale_new (language);
      psr_locale_push (self->locale);
    }
  footer = make_footer (organisation, curriculum.text[COLUMN_TITLE]);
  self->document = document = psr_document_new (curriculum.text[COLUMN_TITLE], footer);

  add_header (document, &curriculum, organisation);
  add_fields (document, &curriculum, fields_before, G_N_ELEMENTS (fields_before));
  done = add_objectives (document, db, curriculum_id, error)
         && add_modules (document, db, curriculum_id, language, &is_partial, error);
  if (done)
    {
      add_fields (document, &curriculum, fields_after, G_N_ELEMENTS (fields_after));
      add_referent (document, info);
    }
  if (done && is_partial)
    {
      g_autofree char *text =
        /* Translators: on a sheet printed in a translation; %s is the
         * original language ("French"). */
        g_strdup_printf (_("Translated from %s; some parts are in the original language"),
                         psr_language_label (curriculum.text[COLUMN_LANGUAGE]));

      psr_document_add_text (document, PSR_DOCUMENT_STYLE_META, text);
    }
  if (self->locale != NULL)
    psr_locale_pop (self->locale);

  return done ? g_steal_pointer (&self) : NULL;
}

const char *
psr_course_sheet_get_title (PsrCourseSheet *self)
{
  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), NULL);

  return psr_document_get_title (self->document);
}

/**
 * psr_course_sheet_paginate:
 * @self: a course sheet
 * @cr: the context it will be drawn on
 * @width: the width of the whole sheet of paper, in the units of @cr
 * @height: its height
 *
 * Lays the sheet out with its own margins and decides the page breaks:
 * between lines, never inside one, and never after a heading.
 *
 * Returns: the number of pages
 */
guint
psr_course_sheet_paginate (PsrCourseSheet *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  guint pages;

  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), 0);

  if (self->locale != NULL)
    psr_locale_push (self->locale);
  pages = psr_document_paginate (self->document, cr, width, height);
  if (self->locale != NULL)
    psr_locale_pop (self->locale);
  return pages;
}

/**
 * psr_course_sheet_draw_page:
 * @self: a course sheet
 * @cr: the context to draw on
 * @width: the width of the whole sheet of paper, in the units of @cr
 * @height: its height
 * @page: the page to draw, from 0
 *
 * Draws one page as psr_course_sheet_paginate() laid it out, paginating
 * first if it has not been for this size.
 */
void
psr_course_sheet_draw_page (PsrCourseSheet *self,
                            cairo_t        *cr,
                            double          width,
                            double          height,
                            guint           page)
{
  g_return_if_fail (PSR_IS_COURSE_SHEET (self));

  if (self->locale != NULL)
    psr_locale_push (self->locale);
  psr_document_draw_page (self->document, cr, width, height, page);
  if (self->locale != NULL)
    psr_locale_pop (self->locale);
}

/**
 * psr_course_sheet_write_pdf:
 * @self: a course sheet
 * @path: the PDF file to write
 * @error: return location for a #PSR_ERROR
 *
 * Writes the sheet as an A4 PDF. The document is made in memory and the
 * file replaced in one step: on failure, @path is left as it was.
 *
 * Returns: whether the file was written
 */
gboolean
psr_course_sheet_write_pdf (PsrCourseSheet  *self,
                            const char      *path,
                            GError         **error)
{
  gboolean written;

  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), FALSE);

  if (self->locale != NULL)
    psr_locale_push (self->locale);
  written = psr_document_write_pdf (self->document, path, error);
  if (self->locale != NULL)
    psr_locale_pop (self->locale);
  return written;
}
