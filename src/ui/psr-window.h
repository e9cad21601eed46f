/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-application.h"
#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_WINDOW (psr_window_get_type ())

G_DECLARE_FINAL_TYPE (PsrWindow, psr_window, PSR, WINDOW, AdwApplicationWindow)

#define PSR_WINDOW_N_PAGES 7

/* The pages of the sidebar, in order; Alt+1… follow this order. */
extern const char * const psr_window_page_names[PSR_WINDOW_N_PAGES];

PsrWindow  *psr_window_new          (PsrApplication *application,
                                     PsrDatabase    *database);
void        psr_window_show_page    (PsrWindow      *self,
                                     const char     *name);
const char *psr_window_get_page     (PsrWindow      *self);
void        psr_window_add_toast    (PsrWindow      *self,
                                     AdwToast       *toast);

void        psr_toast               (GtkWidget      *widget,
                                     const char     *message);
void        psr_show_error          (GtkWidget      *widget,
                                     const GError   *error);
void        psr_show_message        (GtkWidget      *widget,
                                     const char     *heading,
                                     const char     *body);
void        psr_dialog_add_choice   (AdwMessageDialog *dialog,
                                     const char       *response,
                                     const char       *label,
                                     AdwResponseAppearance appearance);

/* Called with the line typed, stripped, when the dialog of psr_ask_text()
 * is answered; not called when it is cancelled. */
typedef void (*PsrTextDone) (GtkWidget  *widget,
                             const char *text,
                             gpointer    data);

void        psr_ask_text            (GtkWidget      *widget,
                                     const char     *heading,
                                     const char     *body,
                                     const char     *label,
                                     const char     *text,
                                     const char     *answer,
                                     PsrTextDone     done,
                                     gpointer        data,
                                     GDestroyNotify  destroy);

G_END_DECLS
