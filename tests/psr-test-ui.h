/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Runs the main loop for a while, as a person would wait. */
void              psr_test_ui_iterate         (guint       milliseconds);
/* The first descendant of @widget of @type, depth first; NULL if none. */
GtkWidget        *psr_test_ui_find_descendant (GtkWidget  *widget,
                                               GType       type);
/* The first descendant named @name that shows; NULL if none. */
GtkWidget        *psr_test_ui_find_named      (GtkWidget  *widget,
                                               const char *name);
/* The dialog that shows and has @response; NULL if none. */
AdwMessageDialog *psr_test_ui_find_dialog     (const char *response);

G_END_DECLS
