/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "psr-locale.h"

G_BEGIN_DECLS

/*
 * Windows that speak someone else's language than the interface's: the
 * trainee space and what it opens speak the trainee's. Their sources
 * include psr-locale-private.h, so that what they build between
 * psr_speaking_begin() and psr_speaking_end() is written in @locale
 * (psr-locale.h), and they mirror their widgets for it.
 *
 * A %NULL @locale stands for the interface language: nothing changes.
 */

void             psr_speaking_begin         (PsrLocale        *locale);
void             psr_speaking_end           (PsrLocale        *locale);

/* The direction of @locale's writing; GTK_TEXT_DIR_NONE, the interface's,
 * for %NULL. */
GtkTextDirection psr_speaking_get_direction (PsrLocale        *locale);
/* Lays out @widget and everything it holds in @direction: GTK follows a
 * widget's own direction, not its parent's. */
void             psr_speaking_set_direction (GtkWidget        *widget,
                                             GtkTextDirection  direction);

G_END_DECLS
