/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-document-info.h"

G_BEGIN_DECLS

/* What the print dialog and the PDF writer need of a laid-out document,
 * whatever its type: a course sheet, a scenario sheet, the documents of a
 * session. */
typedef guint    (*PsrPaginateFunc) (gpointer   document,
                                     cairo_t   *cr,
                                     double     width,
                                     double     height);
typedef void     (*PsrDrawPageFunc) (gpointer   document,
                                     cairo_t   *cr,
                                     double     width,
                                     double     height,
                                     guint      page);
typedef gboolean (*PsrWritePdfFunc) (gpointer   document,
                                     const char *path,
                                     GError   **error);

/* The organisation and its disability referent, from the preferences, for
 * the documents: valid until the next call. */
const PsrDocumentInfo *psr_printing_get_document_info (GtkWidget       *widget);

/* Prints @document on A4 through the print dialog; @document is freed
 * with @free_func once the job no longer needs it. */
void psr_print_document (GtkWidget       *widget,
                         const char      *job_name,
                         gboolean         landscape,
                         gpointer         document,
                         GDestroyNotify   free_func,
                         PsrPaginateFunc  paginate,
                         PsrDrawPageFunc  draw_page);

/* Asks where to save @document as @file_name, then writes it in a thread
 * and says @done in a toast; @document is freed with @free_func. */
void psr_save_pdf       (GtkWidget       *widget,
                         const char      *title,
                         const char      *file_name,
                         const char      *done,
                         gpointer         document,
                         GDestroyNotify   free_func,
                         PsrWritePdfFunc  write_pdf);

G_END_DECLS
