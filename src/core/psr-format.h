/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *psr_format_date       (const GDate *date);
char *psr_format_date_range (const GDate *first,
                             const GDate *last);
char *psr_format_count      (guint        count);
char *psr_format_hours      (double       hours);
char *psr_format_time       (guint        minutes);
char *psr_format_percent    (double       fraction);
char *psr_format_instant    (GDateTime   *instant,
                             GDateTime   *now);

/* The languages of teaching and documents, as codes, ending with NULL. */
const char * const *psr_languages      (void);
const char         *psr_language_label (const char *code);

G_END_DECLS
