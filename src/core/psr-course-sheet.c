/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "psr-course-sheet.h"
#include "psr-curriculum.h"
#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-record.h"

/* The public sheet of a curriculum: what Qualiopi's indicator 1 asks a
 * training organisation to publish about each course. Everything is read
 * from the store once, into blocks of Pango markup, so that laying out and
 * drawing never touch the database: a print dialog's callbacks or a worker
 * thread can do them. One object is used by one thread at a time. */

#define BODY_FONT    "Noto Sans, Sans"
#define HEADING_FONT "Cantarell, " BODY_FONT

#define INK    "#1f2328"
#define DIM    "#5f6672"
#define ACCENT "#1a5fb4"
#define RULE   "#c5cedb"
#define PANEL  "#eef2f8"

/* About two centimetres all round; the footer lives in the bottom margin. */
#define MARGIN          56.7
#define MARGIN_BOTTOM   68.0
#define FOOTER_RISE     44.0
#define LIST_INDENT     16.0
#define RULE_GAP        5.0
#define PANEL_PADDING   11.0
#define PANEL_RADIUS    4.0

typedef enum
{
  STYLE_ORGANISATION,
  STYLE_TITLE,
  STYLE_META,
  STYLE_LEAD,
  STYLE_FACTS,
  STYLE_HEADING,
  STYLE_LABEL,
  STYLE_BODY,
  STYLE_MISSING,
  STYLE_ITEM,
} Style;

typedef struct
{
  const char *font;
  const char *colour;
  double      space_before;   /* points, unless first on its page */
  double      line_spacing;   /* a factor of the font's line height; 0 keeps it */
  double      indent;         /* room for the marker of a list item */
  gboolean    keep_with_next;
  gboolean    keep_together;  /* moves whole to the next page rather than split */
  gboolean    rule_below;
} StyleInfo;

static const StyleInfo styles[] = {
  [STYLE_ORGANISATION] = { .font = HEADING_FONT " Bold 10", .colour = ACCENT,
                           .keep_with_next = TRUE },
  [STYLE_TITLE]        = { .font = HEADING_FONT " Bold 22", .colour = INK, .space_before = 6,
                           .keep_with_next = TRUE },
  [STYLE_META]         = { .font = BODY_FONT " 9", .colour = DIM, .space_before = 4,
                           .keep_with_next = TRUE },
  [STYLE_LEAD]         = { .font = BODY_FONT " 11", .colour = INK, .space_before = 14,
                           .line_spacing = 1.08 },
  [STYLE_FACTS]        = { .font = BODY_FONT " 10", .colour = INK, .space_before = 16 },
  [STYLE_HEADING]      = { .font = HEADING_FONT " Bold 12.5", .colour = ACCENT, .space_before = 18,
                           .keep_with_next = TRUE, .rule_below = TRUE },
  [STYLE_LABEL]        = { .font = BODY_FONT " Bold 10", .colour = INK, .space_before = 10,
                           .keep_with_next = TRUE },
  [STYLE_BODY]         = { .font = BODY_FONT " 10", .colour = INK, .space_before = 5,
                           .line_spacing = 1.08 },
  [STYLE_MISSING]      = { .font = BODY_FONT " Italic 10", .colour = DIM, .space_before = 5,
                           .line_spacing = 1.08 },
  [STYLE_ITEM]         = { .font = BODY_FONT " 10", .colour = INK, .space_before = 5,
                           .line_spacing = 1.08, .indent = LIST_INDENT, .keep_together = TRUE },
};

/* One paragraph, list item or panel of the sheet, before layout. */
typedef struct
{
  Style  style;
  char  *markup;   /* NULL for the panel of key facts */
  char  *marker;   /* the bullet or number of a list item */
  GStrv  cells;    /* the panel of key facts: the markup of each column */
} Block;

/* The top and bottom of one line of a block, in points from its top. */
typedef struct
{
  double top;
  double bottom;
} Span;

/* A block laid out for the page width of the last pagination. */
typedef struct
{
  PangoLayout *layout;
  PangoLayout *marker;
  GPtrArray   *cells;
  GArray      *lines;   /* of Span; the panel is one unbreakable line */
} Laid;

/* The lines of a block that go on one page. */
typedef struct
{
  guint  page;
  guint  block;
  guint  first_line;
  guint  n_lines;
  double y;         /* where the top of the first line goes on the page */
} Fragment;

/* Where the text goes on a page. */
typedef struct
{
  double x;
  double width;
  double top;
  double bottom;
} Frame;

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
  GObject    parent_instance;

  char      *title;
  char      *footer;      /* markup */
  GPtrArray *blocks;      /* of Block, in reading order */

  /* From the last pagination. */
  double     width;
  double     height;
  GPtrArray *laid;        /* of Laid, one per block */
  GArray    *fragments;   /* of Fragment, in page order */
  guint      n_pages;
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
block_free (Block *block)
{
  g_free (block->markup);
  g_free (block->marker);
  g_strfreev (block->cells);
  g_free (block);
}

static void
laid_free (Laid *laid)
{
  g_clear_object (&laid->layout);
  g_clear_object (&laid->marker);
  g_clear_pointer (&laid->cells, g_ptr_array_unref);
  g_clear_pointer (&laid->lines, g_array_unref);
  g_free (laid);
}

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

  g_free (self->title);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->laid, g_ptr_array_unref);
  g_array_unref (self->fragments);

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
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
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
                               " accessibility, modality, status, duration_hours, price_cents,"
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

/* Blocks ------------------------------------------------------------------ */

static Block *
add_block (PsrCourseSheet *self,
           Style           style,
           char           *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->markup = markup;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static void
add_text (PsrCourseSheet *self,
          Style           style,
          const char     *text)
{
  add_block (self, style, g_markup_escape_text (text, -1));
}

static void
add_missing (PsrCourseSheet *self)
{
  add_text (self, STYLE_MISSING, _("Not specified"));
}

/* Each line its own block: page breaks may fall between them, and they get
 * the space of paragraphs. */
static void
add_paragraphs (PsrCourseSheet *self,
                Style           style,
                const char     *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      add_text (self, style, lines[i]);
}

static Block *
add_item (PsrCourseSheet *self,
          const char     *marker,
          char           *markup)
{
  Block *block = add_block (self, STYLE_ITEM, markup);

  block->marker = g_strdup (marker);
  return block;
}

static void
add_fields (PsrCourseSheet   *self,
            const Curriculum *curriculum,
            const Field      *fields,
            guint             n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *text = curriculum->text[fields[i].column];

      if (*text == '\0' && !fields[i].required)
        continue;

      add_text (self, STYLE_HEADING, _(fields[i].label));
      if (*text == '\0')
        add_missing (self);
      else
        add_paragraphs (self, STYLE_BODY, text);
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

/* One column of the panel of key facts: a small label, the value, and an
 * optional detail under it. */
static char *
make_fact (const char *label,
           const char *value,
           const char *colour,
           const char *detail)
{
  g_autofree char *caps = g_utf8_strup (label, -1);
  g_autofree char *head = NULL;
  g_autofree char *tail = NULL;

  head = g_markup_printf_escaped ("<span font='" BODY_FONT " Bold 7.5' foreground='" DIM "'"
                                  " letter_spacing='700'>%s</span>\n"
                                  "<span font='" HEADING_FONT " Bold 14' foreground='%s'>%s</span>",
                                  caps, colour, value);
  if (detail == NULL)
    return g_steal_pointer (&head);

  tail = g_markup_printf_escaped ("\n<span font='" BODY_FONT " 9' foreground='" DIM "'>%s</span>",
                                  detail);
  return g_strconcat (head, tail, NULL);
}

static char *
make_duration_fact (const Curriculum *curriculum)
{
  g_autofree char *hours = NULL;
  g_autofree char *modules = NULL;

  if (curriculum->duration_hours <= 0)
    return make_fact (_("Duration"), _("Not specified"), DIM, NULL);

  hours = format_hours (curriculum->duration_hours);
  if (curriculum->n_modules > 0)
    modules = g_strdup_printf (ngettext ("%u module", "%u modules", curriculum->n_modules),
                               curriculum->n_modules);
  return make_fact (_("Duration"), hours, INK, modules);
}

static void
add_facts (PsrCourseSheet   *self,
           const Curriculum *curriculum)
{
  g_autofree char *price = format_price (curriculum);
  Block *block = add_block (self, STYLE_FACTS, NULL);

  block->cells = g_new0 (char *, 4);
  block->cells[0] = make_duration_fact (curriculum);
  block->cells[1] = make_fact (_("Modality"),
                               translate_value (modalities, curriculum->text[COLUMN_MODALITY]),
                               INK, NULL);
  block->cells[2] = make_fact (_("Price"), price, INK, NULL);
}

static void
add_header (PsrCourseSheet   *self,
            const Curriculum *curriculum,
            const char       *organisation)
{
  if (*organisation != '\0')
    add_text (self, STYLE_ORGANISATION, organisation);
  add_text (self, STYLE_TITLE, curriculum->text[COLUMN_TITLE]);
  add_block (self, STYLE_META, make_meta (curriculum));
  add_paragraphs (self, STYLE_LEAD, curriculum->text[COLUMN_SUMMARY]);
  add_facts (self, curriculum);
}

static void
append_markup (Block      *block,
               const char *markup)
{
  char *joined = g_strconcat (block->markup, markup, NULL);

  g_free (block->markup);
  block->markup = joined;
}

/* Each objective with the competencies it is linked to, one per line under
 * it, smaller. */
static gboolean
add_objectives (PsrCourseSheet  *self,
                PsrDatabase     *db,
                gint64           curriculum_id,
                GError         **error)
{
  sqlite3_stmt *stmt;
  Block *item = NULL;
  gint64 current = 0;
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

  add_text (self, STYLE_HEADING, _("Operational objectives"));
  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_int64 (stmt, 0) != current)
        {
          current = sqlite3_column_int64 (stmt, 0);
          item = add_item (self, "•",
                           g_markup_escape_text ((const char *) sqlite3_column_text (stmt, 1), -1));
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        {
          g_autofree char *line =
            g_markup_printf_escaped ("\n<span size='small' foreground='" DIM "'>"
                                     "<b>%s</b>  %s</span>",
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3));
          append_markup (item, line);
        }
    }

  if (item == NULL)
    add_missing (self);

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
add_modules (PsrCourseSheet  *self,
             PsrDatabase     *db,
             gint64           curriculum_id,
             GError         **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = psr_database_prepare (db,
                               "SELECT title, duration_hours, method FROM modules"
                               " WHERE curriculum_id = ?1 ORDER BY position, id",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, curriculum_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *marker = g_strdup_printf ("%u.", ++n);

      if (n == 1)
        add_text (self, STYLE_HEADING, _("Program"));
      add_item (self, marker, make_module ((const char *) sqlite3_column_text (stmt, 0),
                                           sqlite3_column_double (stmt, 1),
                                           (const char *) sqlite3_column_text (stmt, 2)));
    }

  return finish_rows (db, stmt, rc, error);
}

static void
add_referent (PsrCourseSheet        *self,
              const PsrDocumentInfo *info)
{
  const char *name = or_empty (info->referent_name);
  const char *contact = or_empty (info->referent_contact);
  g_autofree char *text = NULL;

  add_text (self, STYLE_LABEL, _("Disability referent"));
  if (*name == '\0' && *contact == '\0')
    {
      add_missing (self);
      return;
    }

  if (*name != '\0' && *contact != '\0')
    text = g_strconcat (name, "\n", contact, NULL);
  else
    text = g_strdup (*name != '\0' ? name : contact);
  add_text (self, STYLE_BODY, text);
}

static char *
make_footer (const char *organisation,
             const char *title)
{
  if (*organisation == '\0')
    return g_markup_escape_text (title, -1);

  return g_markup_printf_escaped ("%s  ·  %s", organisation, title);
}

PsrCourseSheet *
psr_course_sheet_new (PsrDatabase            *db,
                      gint64                  curriculum_id,
                      const PsrDocumentInfo  *info,
                      GError                **error)
{
  static const PsrDocumentInfo no_info = { NULL, NULL, NULL };
  g_autoptr(PsrCourseSheet) self = NULL;
  g_auto(Curriculum) curriculum = { { NULL } };
  const char *organisation;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (info == NULL)
    info = &no_info;
  organisation = or_empty (info->organisation);

  if (!read_curriculum (db, curriculum_id, &curriculum, error))
    return NULL;

  self = g_object_new (PSR_TYPE_COURSE_SHEET, NULL);
  self->title = g_strdup (curriculum.text[COLUMN_TITLE]);
  self->footer = make_footer (organisation, self->title);

  add_header (self, &curriculum, organisation);
  add_fields (self, &curriculum, fields_before, G_N_ELEMENTS (fields_before));
  if (!add_objectives (self, db, curriculum_id, error)
      || !add_modules (self, db, curriculum_id, error))
    return NULL;
  add_fields (self, &curriculum, fields_after, G_N_ELEMENTS (fields_after));
  add_referent (self, info);

  return g_steal_pointer (&self);
}

const char *
psr_course_sheet_get_title (PsrCourseSheet *self)
{
  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), NULL);

  return self->title;
}

/* Layout ------------------------------------------------------------------ */

static Frame
make_frame (double width,
            double height)
{
  Frame frame = {
    MARGIN, MAX (width - 2 * MARGIN, 1), MARGIN, MAX (height - MARGIN_BOTTOM, MARGIN + 1),
  };

  return frame;
}

static void
set_source_colour (cairo_t    *cr,
                   const char *spec)
{
  PangoColor colour = { 0, 0, 0 };

  pango_color_parse (&colour, spec);
  cairo_set_source_rgb (cr, colour.red / 65535., colour.green / 65535., colour.blue / 65535.);
}

/* A negative width does not wrap. Pango picks the direction of each
 * paragraph from its text, so a right-to-left title is laid out right. */
static PangoLayout *
create_layout (cairo_t    *cr,
               const char *font,
               double      line_spacing,
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
  pango_layout_set_line_spacing (layout, line_spacing);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static gboolean
is_right_to_left (PangoLayout *layout)
{
  return pango_layout_get_direction (layout, 0) == PANGO_DIRECTION_RTL;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return logical.width / (double) PANGO_SCALE;
}

static GArray *
measure_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);

  do
    {
      int top, bottom;
      Span span;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      span.top = top / (double) PANGO_SCALE;
      span.bottom = bottom / (double) PANGO_SCALE;
      g_array_append_val (lines, span);
    }
  while (pango_layout_iter_next_line (iter));

  return lines;
}

static Laid *
lay_out_facts (cairo_t     *cr,
               const Block *block,
               double       width)
{
  Laid *laid = g_new0 (Laid, 1);
  guint n_cells = g_strv_length (block->cells);
  double column = (width - 2 * PANEL_PADDING) / n_cells;
  Span span = { 0, 0 };

  laid->cells = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_cells; i++)
    {
      PangoLayout *cell = create_layout (cr, styles[STYLE_FACTS].font, 0,
                                         column - PANEL_PADDING, block->cells[i]);
      int height;

      pango_layout_get_size (cell, NULL, &height);
      span.bottom = MAX (span.bottom, height / (double) PANGO_SCALE);
      g_ptr_array_add (laid->cells, cell);
    }

  span.bottom += 2 * PANEL_PADDING;
  laid->lines = g_array_new (FALSE, FALSE, sizeof (Span));
  g_array_append_val (laid->lines, span);
  return laid;
}

static Laid *
lay_out_block (cairo_t     *cr,
               const Block *block,
               double       width)
{
  const StyleInfo *style = &styles[block->style];
  Laid *laid;

  if (block->cells != NULL)
    return lay_out_facts (cr, block, width);

  laid = g_new0 (Laid, 1);
  laid->layout = create_layout (cr, style->font, style->line_spacing,
                                width - (block->marker != NULL ? style->indent : 0),
                                block->markup);
  if (block->marker != NULL)
    laid->marker = create_layout (cr, style->font, 0, -1, block->marker);

  laid->lines = measure_lines (laid->layout);
  if (style->rule_below)
    g_array_index (laid->lines, Span, laid->lines->len - 1).bottom += RULE_GAP;

  return laid;
}

static const Span *
span_at (PsrCourseSheet *self,
         guint           block,
         guint           line)
{
  Laid *laid = g_ptr_array_index (self->laid, block);

  return &g_array_index (laid->lines, Span, line);
}

static guint
n_lines_of (PsrCourseSheet *self,
            guint           block)
{
  Laid *laid = g_ptr_array_index (self->laid, block);

  return laid->lines->len;
}

static const StyleInfo *
style_of (PsrCourseSheet *self,
          guint           block)
{
  Block *b = g_ptr_array_index (self->blocks, block);

  return &styles[b->style];
}

/* The height a block needs at the bottom of a page to start there: two
 * lines, so that none is left alone, or all of a list item (an objective
 * stays with its competencies), or all of a heading and the start of what
 * it heads. */
static double
start_height (PsrCourseSheet *self,
              guint           block)
{
  const StyleInfo *style = style_of (self, block);
  guint n_lines = n_lines_of (self, block);
  guint needed = style->keep_with_next || style->keep_together ? n_lines : MIN (n_lines, 2);
  double height = span_at (self, block, needed - 1)->bottom - span_at (self, block, 0)->top;

  if (style->keep_with_next && block + 1 < self->blocks->len)
    height += style_of (self, block + 1)->space_before + start_height (self, block + 1);

  return height;
}

static void
add_fragment (PsrCourseSheet *self,
              guint           page,
              guint           block,
              guint           first_line,
              guint           end_line,
              double          y)
{
  Fragment fragment = { page, block, first_line, end_line - first_line, y };

  g_array_append_val (self->fragments, fragment);
}

/* Places the lines of a block from y on, breaking between lines where the
 * page is full; returns where the block ends. */
static double
place_block (PsrCourseSheet *self,
             guint           block,
             const Frame    *frame,
             double          y)
{
  guint n_lines = n_lines_of (self, block);
  guint first = 0;

  for (guint line = 1; line < n_lines; line++)
    {
      guint end = line;

      if (y + span_at (self, block, line)->bottom - span_at (self, block, first)->top
          <= frame->bottom)
        continue;

      /* Rather than a paragraph's last line alone at the top of a page. */
      if (line + 1 == n_lines && line - first >= 3)
        end = line - 1;

      add_fragment (self, self->n_pages - 1, block, first, end, y);
      self->n_pages++;
      y = frame->top;
      first = end;
      line = end;
    }

  add_fragment (self, self->n_pages - 1, block, first, n_lines, y);
  return y + span_at (self, block, n_lines - 1)->bottom - span_at (self, block, first)->top;
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
  Frame frame = make_frame (width, height);
  gboolean page_is_empty = TRUE;
  double y = frame.top;

  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  g_clear_pointer (&self->laid, g_ptr_array_unref);
  self->laid = g_ptr_array_new_with_free_func ((GDestroyNotify) laid_free);
  g_array_set_size (self->fragments, 0);
  self->width = width;
  self->height = height;
  self->n_pages = 1;

  for (guint i = 0; i < self->blocks->len; i++)
    g_ptr_array_add (self->laid, lay_out_block (cr, g_ptr_array_index (self->blocks, i),
                                                frame.width));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      double gap = page_is_empty ? 0 : style_of (self, i)->space_before;

      if (!page_is_empty && y + gap + start_height (self, i) > frame.bottom)
        {
          self->n_pages++;
          y = frame.top;
          gap = 0;
        }

      y = place_block (self, i, &frame, y + gap);
      page_is_empty = FALSE;
    }

  return self->n_pages;
}

/* Drawing ----------------------------------------------------------------- */

static void
draw_lines (cairo_t        *cr,
            PangoLayout    *layout,
            const Fragment *fragment,
            double          x,
            double          top)
{
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  guint line = 0;

  do
    {
      PangoRectangle logical;
      double baseline;

      if (line >= fragment->first_line && line < fragment->first_line + fragment->n_lines)
        {
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = pango_layout_iter_get_baseline (iter) / (double) PANGO_SCALE;
          cairo_move_to (cr, x + logical.x / (double) PANGO_SCALE, fragment->y + baseline - top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
}

/* The bullet or number goes where the text starts, on its first baseline. */
static void
draw_marker (cairo_t        *cr,
             const Laid     *laid,
             const Frame    *frame,
             const Fragment *fragment)
{
  double shift = (pango_layout_get_baseline (laid->layout)
                  - pango_layout_get_baseline (laid->marker)) / (double) PANGO_SCALE;
  double x = frame->x;

  if (is_right_to_left (laid->layout))
    x = frame->x + frame->width - layout_width (laid->marker);

  pango_cairo_update_layout (cr, laid->marker);
  set_source_colour (cr, ACCENT);
  cairo_move_to (cr, x, fragment->y + shift);
  pango_cairo_show_layout (cr, laid->marker);
}

static void
draw_rule (cairo_t *cr,
           double   x,
           double   y,
           double   width)
{
  set_source_colour (cr, RULE);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, x, y);
  cairo_rel_line_to (cr, width, 0);
  cairo_stroke (cr);
}

static void
draw_text (PsrCourseSheet *self,
           cairo_t        *cr,
           const Frame    *frame,
           const Fragment *fragment)
{
  Block *block = g_ptr_array_index (self->blocks, fragment->block);
  Laid *laid = g_ptr_array_index (self->laid, fragment->block);
  const StyleInfo *style = &styles[block->style];
  double top = span_at (self, fragment->block, fragment->first_line)->top;
  double x = frame->x;

  if (laid->marker != NULL && !is_right_to_left (laid->layout))
    x += style->indent;

  pango_cairo_update_layout (cr, laid->layout);
  set_source_colour (cr, style->colour);
  draw_lines (cr, laid->layout, fragment, x, top);

  if (laid->marker != NULL && fragment->first_line == 0)
    draw_marker (cr, laid, frame, fragment);

  if (style->rule_below && fragment->first_line + fragment->n_lines == laid->lines->len)
    draw_rule (cr, frame->x,
               fragment->y + span_at (self, fragment->block, laid->lines->len - 1)->bottom - top - 1,
               frame->width);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The columns follow the direction of the language the labels are in. */
static void
draw_facts (cairo_t        *cr,
            const Laid     *laid,
            const Frame    *frame,
            const Fragment *fragment)
{
  double height = g_array_index (laid->lines, Span, 0).bottom;
  double column = (frame->width - 2 * PANEL_PADDING) / laid->cells->len;
  gboolean rtl = is_right_to_left (g_ptr_array_index (laid->cells, 0));

  rounded_rectangle (cr, frame->x, fragment->y, frame->width, height, PANEL_RADIUS);
  set_source_colour (cr, PANEL);
  cairo_fill (cr);

  for (guint i = 0; i < laid->cells->len; i++)
    {
      PangoLayout *cell = g_ptr_array_index (laid->cells, i);
      guint slot = rtl ? laid->cells->len - 1 - i : i;
      double x = frame->x + PANEL_PADDING + slot * column;

      if (slot > 0)
        {
          set_source_colour (cr, RULE);
          cairo_rectangle (cr, x - PANEL_PADDING / 2, fragment->y + PANEL_PADDING, 0.6,
                           height - 2 * PANEL_PADDING);
          cairo_fill (cr);
        }

      pango_cairo_update_layout (cr, cell);
      set_source_colour (cr, INK);
      cairo_move_to (cr, x + (slot > 0 ? PANEL_PADDING / 2 : 0), fragment->y + PANEL_PADDING);
      pango_cairo_show_layout (cr, cell);
    }
}

static void
draw_footer (PsrCourseSheet *self,
             cairo_t        *cr,
             const Frame    *frame,
             double          height,
             guint           page)
{
  /* Translators: in the footer of a document: the page, and how many. */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *markup = g_markup_escape_text (text, -1);
  const char *font = BODY_FONT " 8";
  g_autoptr(PangoLayout) number = create_layout (cr, font, 0, -1, markup);
  double number_width = layout_width (number);
  g_autoptr(PangoLayout) name = create_layout (cr, font, 0,
                                               MAX (frame->width - number_width - 24, 1),
                                               self->footer);
  double y = height - FOOTER_RISE;

  draw_rule (cr, frame->x, y, frame->width);

  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  set_source_colour (cr, DIM);
  cairo_move_to (cr, frame->x, y + 5);
  pango_cairo_show_layout (cr, name);
  cairo_move_to (cr, frame->x + frame->width - number_width, y + 5);
  pango_cairo_show_layout (cr, number);
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
  Frame frame = make_frame (width, height);

  g_return_if_fail (PSR_IS_COURSE_SHEET (self));
  g_return_if_fail (cr != NULL);

  if (self->laid == NULL || width != self->width || height != self->height)
    psr_course_sheet_paginate (self, cr, width, height);

  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->fragments->len; i++)
    {
      const Fragment *fragment = &g_array_index (self->fragments, Fragment, i);
      Laid *laid = g_ptr_array_index (self->laid, fragment->block);

      if (fragment->page != page)
        continue;

      if (laid->cells != NULL)
        draw_facts (cr, laid, &frame, fragment);
      else
        draw_text (self, cr, &frame, fragment);
    }
  draw_footer (self, cr, &frame, height, page);
  cairo_restore (cr);
}

/* PDF --------------------------------------------------------------------- */

static cairo_status_t
append_to_bytes (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
draw_document (PsrCourseSheet  *self,
               cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  guint n_pages = psr_course_sheet_paginate (self, cr, PSR_COURSE_SHEET_A4_WIDTH,
                                             PSR_COURSE_SHEET_A4_HEIGHT);
  cairo_status_t status;

  for (guint page = 0; page < n_pages; page++)
    {
      psr_course_sheet_draw_page (self, cr, PSR_COURSE_SHEET_A4_WIDTH, PSR_COURSE_SHEET_A4_HEIGHT,
                                  page);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  return status != CAIRO_STATUS_SUCCESS ? status : cairo_surface_status (surface);
}

static PsrError
error_code_for_file (const GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
    return PSR_ERROR_READ_ONLY;
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    return PSR_ERROR_DISK_FULL;
  return PSR_ERROR_CANT_OPEN;
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
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (PSR_IS_COURSE_SHEET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, PSR_COURSE_SHEET_A4_WIDTH,
                                                 PSR_COURSE_SHEET_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Passerelle " PACKAGE_VERSION);
  status = draw_document (self, surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("The course sheet could not be made: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, (const char *) pdf->data, pdf->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    {
      display_name = g_filename_display_name (path);
      g_set_error (error, PSR_ERROR, error_code_for_file (local_error),
                   _("The course sheet could not be saved as “%s”: %s"), display_name,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}
