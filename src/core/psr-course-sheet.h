/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "psr-database.h"
#include "psr-document-info.h"

G_BEGIN_DECLS

/* An A4 page, in points. */
#define PSR_COURSE_SHEET_A4_WIDTH  595.276
#define PSR_COURSE_SHEET_A4_HEIGHT 841.89

#define PSR_TYPE_COURSE_SHEET (psr_course_sheet_get_type ())

G_DECLARE_FINAL_TYPE (PsrCourseSheet, psr_course_sheet, PSR, COURSE_SHEET, GObject)

PsrCourseSheet *psr_course_sheet_new        (PsrDatabase            *db,
                                             gint64                  curriculum_id,
                                             const PsrDocumentInfo  *info,
                                             GError                **error);
PsrCourseSheet *psr_course_sheet_new_in_language (PsrDatabase            *db,
                                                  gint64                  curriculum_id,
                                                  const PsrDocumentInfo  *info,
                                                  const char             *language,
                                                  GError                **error);
const char     *psr_course_sheet_get_title  (PsrCourseSheet         *self);
guint           psr_course_sheet_paginate   (PsrCourseSheet         *self,
                                             cairo_t                *cr,
                                             double                  width,
                                             double                  height);
void            psr_course_sheet_draw_page  (PsrCourseSheet         *self,
                                             cairo_t                *cr,
                                             double                  width,
                                             double                  height,
                                             guint                   page);
gboolean        psr_course_sheet_write_pdf  (PsrCourseSheet         *self,
                                             const char             *path,
                                             GError                **error);

G_END_DECLS
