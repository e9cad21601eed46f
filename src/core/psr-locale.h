/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PSR_TYPE_LOCALE (psr_locale_get_type ())

G_DECLARE_FINAL_TYPE (PsrLocale, psr_locale, PSR, LOCALE, GObject)

PsrLocale  *psr_locale_new                (const char *language);
const char *psr_locale_get_language       (PsrLocale  *self);
gboolean    psr_locale_is_right_to_left   (PsrLocale  *self);
void        psr_locale_push               (PsrLocale  *self);
void        psr_locale_pop                (PsrLocale  *self);
PsrLocale  *psr_locale_get_current        (void);

const char *psr_locale_gettext            (const char *msgid) G_GNUC_FORMAT (1);
const char *psr_locale_pgettext           (const char *msgctxtid,
                                           gsize       msgidoffset) G_GNUC_FORMAT (1);
const char *psr_locale_ngettext           (const char *msgid,
                                           const char *msgid_plural,
                                           gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

G_END_DECLS
