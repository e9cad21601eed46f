/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included after <glib/gi18n.h> by the sources whose strings end up in
 * printed documents: their _(), C_() and ngettext() then follow the
 * language of the document this thread is making (psr_locale_push()), and
 * the interface language otherwise. xgettext still finds the strings under
 * their usual keywords. */

#include <glib/gi18n.h>
#include <string.h>

#include "psr-locale.h"

#undef _
#define _(String) psr_locale_gettext (String)
#undef C_
#define C_(Context, String) psr_locale_pgettext (Context "\004" String, strlen (Context) + 1)
#undef ngettext
#define ngettext(Msgid, Plural, N) psr_locale_ngettext (Msgid, Plural, N)
