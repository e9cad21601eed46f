/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

/* An A4 page, in points. */
#define PSR_DOCUMENT_A4_WIDTH  595.276
#define PSR_DOCUMENT_A4_HEIGHT 841.89

/* The colours of the house style, for the markup of blocks. */
#define PSR_DOCUMENT_INK    "#1f2328"
#define PSR_DOCUMENT_DIM    "#5f6672"
#define PSR_DOCUMENT_ACCENT "#1a5fb4"
#define PSR_DOCUMENT_WARN   "#c01c28"

/**
 * PsrDocumentStyle:
 * @PSR_DOCUMENT_STYLE_ORGANISATION: the name of the organisation, above the title
 * @PSR_DOCUMENT_STYLE_TITLE: the title
 * @PSR_DOCUMENT_STYLE_META: a small dim line under the title
 * @PSR_DOCUMENT_STYLE_LEAD: an introductory paragraph
 * @PSR_DOCUMENT_STYLE_FACTS: the panel of key facts (psr_document_add_facts())
 * @PSR_DOCUMENT_STYLE_HEADING: a section heading, ruled below
 * @PSR_DOCUMENT_STYLE_LABEL: a small bold heading
 * @PSR_DOCUMENT_STYLE_BODY: a paragraph
 * @PSR_DOCUMENT_STYLE_MISSING: what stands for a blank field
 * @PSR_DOCUMENT_STYLE_ITEM: a list item with a short marker
 * @PSR_DOCUMENT_STYLE_STEP: a list item with a wide marker, such as a duration
 */
typedef enum
{
  PSR_DOCUMENT_STYLE_ORGANISATION,
  PSR_DOCUMENT_STYLE_TITLE,
  PSR_DOCUMENT_STYLE_META,
  PSR_DOCUMENT_STYLE_LEAD,
  PSR_DOCUMENT_STYLE_FACTS,
  PSR_DOCUMENT_STYLE_HEADING,
  PSR_DOCUMENT_STYLE_LABEL,
  PSR_DOCUMENT_STYLE_BODY,
  PSR_DOCUMENT_STYLE_MISSING,
  PSR_DOCUMENT_STYLE_ITEM,
  PSR_DOCUMENT_STYLE_STEP,
} PsrDocumentStyle;

#define PSR_TYPE_DOCUMENT (psr_document_get_type ())

G_DECLARE_FINAL_TYPE (PsrDocument, psr_document, PSR, DOCUMENT, GObject)

PsrDocument *psr_document_new             (const char        *title,
                                           const char        *footer_markup);
const char  *psr_document_get_title       (PsrDocument       *self);
void         psr_document_set_compact     (PsrDocument       *self,
                                           gboolean           compact);
void         psr_document_add_markup      (PsrDocument       *self,
                                           PsrDocumentStyle   style,
                                           const char        *markup);
void         psr_document_add_text        (PsrDocument       *self,
                                           PsrDocumentStyle   style,
                                           const char        *text);
void         psr_document_add_paragraphs  (PsrDocument       *self,
                                           PsrDocumentStyle   style,
                                           const char        *text);
void         psr_document_add_missing     (PsrDocument       *self);
void         psr_document_add_item        (PsrDocument       *self,
                                           PsrDocumentStyle   style,
                                           const char        *marker_markup,
                                           const char        *markup);
void         psr_document_append_markup   (PsrDocument       *self,
                                           const char        *markup);
void         psr_document_add_facts       (PsrDocument       *self,
                                           const char *const *cells);
char        *psr_document_make_fact       (const char        *label,
                                           const char        *value,
                                           gboolean           dim,
                                           const char        *detail);
guint        psr_document_paginate        (PsrDocument       *self,
                                           cairo_t           *cr,
                                           double             width,
                                           double             height);
void         psr_document_draw_page       (PsrDocument       *self,
                                           cairo_t           *cr,
                                           double             width,
                                           double             height,
                                           guint              page);
gboolean     psr_document_write_pdf       (PsrDocument       *self,
                                           const char        *path,
                                           GError           **error);
GBytes      *psr_document_to_pdf          (PsrDocument       *self,
                                           GError           **error);
gboolean     psr_document_save_file       (GBytes            *contents,
                                           const char        *path,
                                           GError           **error);

G_END_DECLS
