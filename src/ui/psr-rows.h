/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Rows of the boxed lists the pages are made of. */

/* Removes every row of @list (its placeholder stays). */
void       psr_rows_clear           (GtkListBox *list);
/* What @list says while it has no row. */
void       psr_rows_set_placeholder (GtkListBox *list,
                                     const char *text);
/* @checks (PsrCheck of psr-curricula.h) as rows, warnings marked; one row
 * saying @all_good when there is none. */
void       psr_rows_show_checks     (GtkListBox *list,
                                     GPtrArray  *checks,
                                     const char *all_good);
/* A flat icon button for a row, with its tooltip and accessible name,
 * that activates @action with the row's id. */
GtkWidget *psr_rows_icon_button     (const char *icon,
                                     const char *label,
                                     const char *action,
                                     gint64      id);

G_END_DECLS
