/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "psr-database.h"
#include "psr-document-info.h"

G_BEGIN_DECLS

/**
 * PsrSessionDocumentKind:
 * @PSR_SESSION_DOCUMENT_CONVOCATIONS: one convocation per enrolled trainee,
 *   in the trainee's language
 * @PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET: one attendance sheet to print and
 *   sign, in the interface language
 * @PSR_SESSION_DOCUMENT_CERTIFICATES: one certificate of completion per
 *   enrolled trainee, in the trainee's language
 */
typedef enum
{
  PSR_SESSION_DOCUMENT_CONVOCATIONS,
  PSR_SESSION_DOCUMENT_ATTENDANCE_SHEET,
  PSR_SESSION_DOCUMENT_CERTIFICATES,
} PsrSessionDocumentKind;

/**
 * PsrSessionDocumentOptions:
 * @info: (nullable): the organisation and its disability referent
 * @access: (nullable): how to get to the place, for convocations
 * @to_bring: (nullable): what trainees should bring, for convocations
 *
 * What the documents of a session say that the store does not hold: the
 * caller fills it in (the app from its preferences, the command line from
 * its options). Any member may be %NULL or empty.
 */
typedef struct
{
  const PsrDocumentInfo *info;
  const char            *access;
  const char            *to_bring;
} PsrSessionDocumentOptions;

/* @done of @total documents are written. */
typedef void (*PsrSessionDocumentProgress) (guint    done,
                                            guint    total,
                                            gpointer user_data);

GStrv psr_session_documents_write (PsrDatabase                       *db,
                                   gint64                             session_id,
                                   PsrSessionDocumentKind             kind,
                                   const PsrSessionDocumentOptions   *options,
                                   const char                        *directory,
                                   PsrSessionDocumentProgress         progress,
                                   gpointer                           user_data,
                                   GCancellable                      *cancellable,
                                   GError                           **error);

/* One trainee's convocation or certificate of the session, written to
 * @path; PSR_ERROR_NOT_FOUND when @person_id is not enrolled. */
gboolean psr_session_trainee_document_write (PsrDatabase                      *db,
                                             gint64                            session_id,
                                             gint64                            person_id,
                                             PsrSessionDocumentKind            kind,
                                             const PsrSessionDocumentOptions  *options,
                                             const char                       *path,
                                             GError                          **error);

/*
 * The same documents, to print: laid out on the pages of a print job (or
 * of any cairo surface, in points, A4), one after the other. The
 * attendance sheet is landscape when it has more than four half-days;
 * each trainee's document is in the trainee's language.
 */
typedef struct _PsrSessionPrint PsrSessionPrint;

PsrSessionPrint *psr_session_print_new          (PsrDatabase                     *db,
                                                 gint64                           session_id,
                                                 PsrSessionDocumentKind           kind,
                                                 const PsrSessionDocumentOptions *options,
                                                 GError                         **error);
void             psr_session_print_free         (PsrSessionPrint                 *print);
gboolean         psr_session_print_is_landscape (PsrSessionPrint                 *print);
/* Lays the documents out with @cr (for its fonts) on pages of @width ×
 * @height points; returns the number of pages. */
guint            psr_session_print_paginate     (PsrSessionPrint                 *print,
                                                 cairo_t                         *cr,
                                                 double                           width,
                                                 double                           height);
void             psr_session_print_draw_page    (PsrSessionPrint                 *print,
                                                 cairo_t                         *cr,
                                                 double                           width,
                                                 double                           height,
                                                 guint                            page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PsrSessionPrint, psr_session_print_free)

G_END_DECLS
