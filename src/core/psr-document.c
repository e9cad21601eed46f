/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "psr-document.h"
#include "psr-error.h"
#include "psr-locale-private.h"

/* The layout engine of the printed documents: blocks of Pango markup in
 * reading order, laid out on A4 with the house style, broken into pages
 * between lines, drawn on any cairo context (a print dialog's or a PDF
 * surface) and written as PDF in one step. The documents read their data
 * once and only feed blocks here, so that laying out and drawing never touch
 * the database. One object is used by one thread at a time. */

#define BODY_FONT    "Noto Sans, Sans"
#define HEADING_FONT "Cantarell, " BODY_FONT

#define INK    PSR_DOCUMENT_INK
#define DIM    PSR_DOCUMENT_DIM
#define ACCENT PSR_DOCUMENT_ACCENT
#define RULE   "#c5cedb"
#define PANEL  "#eef2f8"

/* About two centimetres all round; the footer lives in the bottom margin. */
#define MARGIN          56.7
#define MARGIN_BOTTOM   68.0
#define MARGIN_COMPACT  42.5
#define MARGIN_BOTTOM_COMPACT 56.0
#define FOOTER_RISE     44.0
#define LIST_INDENT     16.0
#define STEP_INDENT     58.0
#define RULE_GAP        5.0
#define PANEL_PADDING   11.0
#define PANEL_RADIUS    4.0

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
  [PSR_DOCUMENT_STYLE_ORGANISATION] = { .font = HEADING_FONT " Bold 10", .colour = ACCENT,
                           .keep_with_next = TRUE },
  [PSR_DOCUMENT_STYLE_TITLE]        = { .font = HEADING_FONT " Bold 22", .colour = INK, .space_before = 6,
                           .keep_with_next = TRUE },
  [PSR_DOCUMENT_STYLE_META]         = { .font = BODY_FONT " 9", .colour = DIM, .space_before = 4,
                           .keep_with_next = TRUE },
  [PSR_DOCUMENT_STYLE_LEAD]         = { .font = BODY_FONT " 11", .colour = INK, .space_before = 14,
                           .line_spacing = 1.08 },
  [PSR_DOCUMENT_STYLE_FACTS]        = { .font = BODY_FONT " 10", .colour = INK, .space_before = 16 },
  [PSR_DOCUMENT_STYLE_HEADING]      = { .font = HEADING_FONT " Bold 12.5", .colour = ACCENT, .space_before = 18,
                           .keep_with_next = TRUE, .rule_below = TRUE },
  [PSR_DOCUMENT_STYLE_LABEL]        = { .font = BODY_FONT " Bold 10", .colour = INK, .space_before = 10,
                           .keep_with_next = TRUE },
  [PSR_DOCUMENT_STYLE_BODY]         = { .font = BODY_FONT " 10", .colour = INK, .space_before = 5,
                           .line_spacing = 1.08 },
  [PSR_DOCUMENT_STYLE_MISSING]      = { .font = BODY_FONT " Italic 10", .colour = DIM, .space_before = 5,
                           .line_spacing = 1.08 },
  [PSR_DOCUMENT_STYLE_ITEM]         = { .font = BODY_FONT " 10", .colour = INK, .space_before = 5,
                           .line_spacing = 1.08, .indent = LIST_INDENT, .keep_together = TRUE },
  [PSR_DOCUMENT_STYLE_STEP]         = { .font = BODY_FONT " 10", .colour = INK, .space_before = 9,
                           .line_spacing = 1.08, .indent = STEP_INDENT },
};

/* One paragraph, list item or panel of the document, before layout. */
typedef struct
{
  PsrDocumentStyle  style;
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

struct _PsrDocument
{
  GObject    parent_instance;

  char      *title;
  char      *footer;      /* markup */
  GPtrArray *blocks;      /* of Block, in reading order */
  gboolean   compact;

  /* From the last pagination. */
  double     width;
  double     height;
  GPtrArray *laid;        /* of Laid, one per block */
  GArray    *fragments;   /* of Fragment, in page order */
  guint      n_pages;
};

G_DEFINE_FINAL_TYPE (PsrDocument, psr_document, G_TYPE_OBJECT)

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
psr_document_finalize (GObject *object)
{
  PsrDocument *self = PSR_DOCUMENT (object);

  g_free (self->title);
  g_free (self->footer);
  g_ptr_array_unref (self->blocks);
  g_clear_pointer (&self->laid, g_ptr_array_unref);
  g_array_unref (self->fragments);

  G_OBJECT_CLASS (psr_document_parent_class)->finalize (object);
}

static void
psr_document_class_init (PsrDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_document_finalize;
}

/* What psr_document_set_compact() changes: a factor of the font sizes of
 * the styles and of the space between blocks; lines are also set solid. */
#define COMPACT_FONT  0.9
#define COMPACT_SPACE 0.55

static void
psr_document_init (PsrDocument *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->fragments = g_array_new (FALSE, FALSE, sizeof (Fragment));
}

/**
 * psr_document_new:
 * @title: the title, for the PDF's metadata
 * @footer_markup: what the footer of every page says, before the page number
 *
 * Returns: (transfer full): an empty document
 */
PsrDocument *
psr_document_new (const char *title,
                  const char *footer_markup)
{
  PsrDocument *self = g_object_new (PSR_TYPE_DOCUMENT, NULL);

  self->title = g_strdup (title != NULL ? title : "");
  self->footer = g_strdup (footer_markup != NULL ? footer_markup : "");
  return self;
}

/**
 * psr_document_set_compact:
 * @self: a document
 * @compact: whether to set it tighter
 *
 * A working document, such as a scenario sheet to take into the room, is
 * set in smaller type with less space between blocks than a public one.
 * The panel of key facts keeps its size.
 */
void
psr_document_set_compact (PsrDocument *self,
                          gboolean     compact)
{
  g_return_if_fail (PSR_IS_DOCUMENT (self));

  self->compact = compact;
  g_clear_pointer (&self->laid, g_ptr_array_unref);
}

const char *
psr_document_get_title (PsrDocument *self)
{
  g_return_val_if_fail (PSR_IS_DOCUMENT (self), NULL);

  return self->title;
}

/* Blocks ------------------------------------------------------------------ */

static Block *
add_block (PsrDocument      *self,
           PsrDocumentStyle  style,
           char             *markup)
{
  Block *block = g_new0 (Block, 1);

  block->style = style;
  block->markup = markup;
  g_ptr_array_add (self->blocks, block);
  return block;
}

void
psr_document_add_markup (PsrDocument      *self,
                         PsrDocumentStyle  style,
                         const char       *markup)
{
  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (markup != NULL);

  add_block (self, style, g_strdup (markup));
}

void
psr_document_add_text (PsrDocument      *self,
                       PsrDocumentStyle  style,
                       const char       *text)
{
  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  add_block (self, style, g_markup_escape_text (text, -1));
}

void
psr_document_add_missing (PsrDocument *self)
{
  psr_document_add_text (self, PSR_DOCUMENT_STYLE_MISSING, _("Not specified"));
}

/**
 * psr_document_add_paragraphs:
 * @self: a document
 * @style: the style of each paragraph
 * @text: plain text
 *
 * Adds each non-blank line of @text as a block of its own: page breaks may
 * fall between them, and they get the space of paragraphs.
 */
void
psr_document_add_paragraphs (PsrDocument      *self,
                             PsrDocumentStyle  style,
                             const char       *text)
{
  g_auto(GStrv) lines = NULL;

  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      psr_document_add_text (self, style, lines[i]);
}

void
psr_document_add_item (PsrDocument      *self,
                       PsrDocumentStyle  style,
                       const char       *marker_markup,
                       const char       *markup)
{
  Block *block;

  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (marker_markup != NULL && markup != NULL);

  block = add_block (self, style, g_strdup (markup));
  block->marker = g_strdup (marker_markup);
}

/* Extends the last block, for example with the lines under a list item. */
void
psr_document_append_markup (PsrDocument *self,
                            const char  *markup)
{
  Block *block;
  char *joined;

  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (self->blocks->len > 0);

  block = g_ptr_array_index (self->blocks, self->blocks->len - 1);
  g_return_if_fail (block->markup != NULL);
  joined = g_strconcat (block->markup, markup, NULL);
  g_free (block->markup);
  block->markup = joined;
}

/* A panel of key facts: one column per cell, each made with
 * psr_document_make_fact(). */
void
psr_document_add_facts (PsrDocument       *self,
                        const char *const *cells)
{
  Block *block;

  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (cells != NULL && cells[0] != NULL);

  block = add_block (self, PSR_DOCUMENT_STYLE_FACTS, NULL);
  block->cells = g_strdupv ((char **) cells);
}


/* One column of the panel of key facts: a small label, the value, and an
 * optional detail under it. */
char *
psr_document_make_fact (const char *label,
                        const char *value,
                        gboolean    dim,
                        const char *detail)
{
  const char *colour = dim ? DIM : INK;
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

/* Layout ------------------------------------------------------------------ */

static Frame
make_frame (PsrDocument *self,
            double       width,
            double       height)
{
  double margin = self->compact ? MARGIN_COMPACT : MARGIN;
  double bottom = self->compact ? MARGIN_BOTTOM_COMPACT : MARGIN_BOTTOM;
  Frame frame = {
    margin, MAX (width - 2 * margin, 1), margin, MAX (height - bottom, margin + 1),
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
               double      scale,
               double      line_spacing,
               double      width,
               const char *markup)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_auto_dir (layout, TRUE);
  if (scale != 1.0)
    pango_font_description_set_size (description,
                                     pango_font_description_get_size (description) * scale);
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
      PangoLayout *cell = create_layout (cr, styles[PSR_DOCUMENT_STYLE_FACTS].font, 1.0, 0,
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
               gboolean     compact,
               double       width)
{
  const StyleInfo *style = &styles[block->style];
  double scale = compact ? COMPACT_FONT : 1.0;
  Laid *laid;

  if (block->cells != NULL)
    return lay_out_facts (cr, block, width);

  laid = g_new0 (Laid, 1);
  laid->layout = create_layout (cr, style->font, scale, compact ? 0 : style->line_spacing,
                                width - (block->marker != NULL ? style->indent : 0),
                                block->markup);
  if (block->marker != NULL)
    laid->marker = create_layout (cr, style->font, scale, 0, -1, block->marker);

  laid->lines = measure_lines (laid->layout);
  if (style->rule_below)
    g_array_index (laid->lines, Span, laid->lines->len - 1).bottom += RULE_GAP;

  return laid;
}

static const Span *
span_at (PsrDocument *self,
         guint           block,
         guint           line)
{
  Laid *laid = g_ptr_array_index (self->laid, block);

  return &g_array_index (laid->lines, Span, line);
}

static guint
n_lines_of (PsrDocument *self,
            guint           block)
{
  Laid *laid = g_ptr_array_index (self->laid, block);

  return laid->lines->len;
}

static const StyleInfo *
style_of (PsrDocument *self,
          guint           block)
{
  Block *b = g_ptr_array_index (self->blocks, block);

  return &styles[b->style];
}

static double
space_before (PsrDocument *self,
              guint        block)
{
  return style_of (self, block)->space_before * (self->compact ? COMPACT_SPACE : 1.0);
}

/* The height a block needs at the bottom of a page to start there: two
 * lines, so that none is left alone, or all of a list item (an objective
 * stays with its competencies), or all of a heading and the start of what
 * it heads. */
static double
start_height (PsrDocument *self,
              guint           block)
{
  const StyleInfo *style = style_of (self, block);
  guint n_lines = n_lines_of (self, block);
  guint needed = style->keep_with_next || style->keep_together ? n_lines : MIN (n_lines, 2);
  double height = span_at (self, block, needed - 1)->bottom - span_at (self, block, 0)->top;

  if (style->keep_with_next && block + 1 < self->blocks->len)
    height += space_before (self, block + 1) + start_height (self, block + 1);

  return height;
}

static void
add_fragment (PsrDocument *self,
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
place_block (PsrDocument *self,
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
 * psr_document_paginate:
 * @self: a document
 * @cr: the context it will be drawn on
 * @width: the width of the whole sheet of paper, in the units of @cr
 * @height: its height
 *
 * Lays the document out with its own margins and decides the page breaks:
 * between lines, never inside one, and never after a heading.
 *
 * Returns: the number of pages
 */
guint
psr_document_paginate (PsrDocument *self,
                           cairo_t        *cr,
                           double          width,
                           double          height)
{
  Frame frame = make_frame (self, width, height);
  gboolean page_is_empty = TRUE;
  double y = frame.top;

  g_return_val_if_fail (PSR_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  g_clear_pointer (&self->laid, g_ptr_array_unref);
  self->laid = g_ptr_array_new_with_free_func ((GDestroyNotify) laid_free);
  g_array_set_size (self->fragments, 0);
  self->width = width;
  self->height = height;
  self->n_pages = 1;

  for (guint i = 0; i < self->blocks->len; i++)
    g_ptr_array_add (self->laid, lay_out_block (cr, g_ptr_array_index (self->blocks, i), self->compact,
                                                frame.width));

  for (guint i = 0; i < self->blocks->len; i++)
    {
      double gap = page_is_empty ? 0 : space_before (self, i);

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
draw_text (PsrDocument *self,
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
draw_footer (PsrDocument *self,
             cairo_t        *cr,
             const Frame    *frame,
             double          height,
             guint           page)
{
  /* Translators: in the footer of a document: the page, and how many. */
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, self->n_pages);
  g_autofree char *markup = g_markup_escape_text (text, -1);
  const char *font = BODY_FONT " 8";
  g_autoptr(PangoLayout) number = create_layout (cr, font, 1.0, 0, -1, markup);
  double number_width = layout_width (number);
  g_autoptr(PangoLayout) name = create_layout (cr, font, 1.0, 0,
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
 * psr_document_draw_page:
 * @self: a document
 * @cr: the context to draw on
 * @width: the width of the whole sheet of paper, in the units of @cr
 * @height: its height
 * @page: the page to draw, from 0
 *
 * Draws one page as psr_document_paginate() laid it out, paginating
 * first if it has not been for this size.
 */
void
psr_document_draw_page (PsrDocument *self,
                            cairo_t        *cr,
                            double          width,
                            double          height,
                            guint           page)
{
  Frame frame = make_frame (self, width, height);

  g_return_if_fail (PSR_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);

  if (self->laid == NULL || width != self->width || height != self->height)
    psr_document_paginate (self, cr, width, height);

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
draw_document (PsrDocument  *self,
               cairo_surface_t *surface)
{
  cairo_t *cr = cairo_create (surface);
  guint n_pages = psr_document_paginate (self, cr, PSR_DOCUMENT_A4_WIDTH,
                                             PSR_DOCUMENT_A4_HEIGHT);
  cairo_status_t status;

  for (guint page = 0; page < n_pages; page++)
    {
      psr_document_draw_page (self, cr, PSR_DOCUMENT_A4_WIDTH, PSR_DOCUMENT_A4_HEIGHT,
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
 * psr_document_to_pdf:
 * @self: a document
 * @error: return location for a #PSR_ERROR
 *
 * Lays the document out on A4 and makes it a PDF in memory. Its strings
 * (page numbers) follow the language pushed on this thread, if any
 * (psr_locale_push()).
 *
 * Returns: (transfer full): the PDF, or %NULL with @error set
 */
GBytes *
psr_document_to_pdf (PsrDocument  *self,
                     GError      **error)
{
  g_autoptr(GByteArray) pdf = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (PSR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_bytes, pdf, PSR_DOCUMENT_A4_WIDTH,
                                                 PSR_DOCUMENT_A4_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Passerelle " PACKAGE_VERSION);
  status = draw_document (self, surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_FAILED, _("The document could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf));
}

/**
 * psr_document_save_file:
 * @contents: a document made in memory, such as a PDF
 * @path: the file to write
 * @error: return location for a #PSR_ERROR
 *
 * Replaces @path by @contents in one step: on failure, @path is left as it
 * was.
 *
 * Returns: whether the file was written
 */
gboolean
psr_document_save_file (GBytes      *contents,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = g_bytes_get_data (contents, &size);
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 &local_error))
    {
      display_name = g_filename_display_name (path);
      g_set_error (error, PSR_ERROR, error_code_for_file (local_error),
                   _("The document could not be saved as “%s”: %s"), display_name,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * psr_document_write_pdf:
 * @self: a document
 * @path: the PDF file to write
 * @error: return location for a #PSR_ERROR
 *
 * Writes the document as an A4 PDF. The document is made in memory and the
 * file replaced in one step: on failure, @path is left as it was.
 *
 * Returns: whether the file was written
 */
gboolean
psr_document_write_pdf (PsrDocument  *self,
                            const char      *path,
                            GError         **error)
{
  g_autoptr(GBytes) pdf = NULL;

  g_return_val_if_fail (PSR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pdf = psr_document_to_pdf (self, error);
  return pdf != NULL && psr_document_save_file (pdf, path, error);
}
