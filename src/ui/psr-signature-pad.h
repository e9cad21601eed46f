/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PSR_TYPE_SIGNATURE_PAD (psr_signature_pad_get_type ())

G_DECLARE_FINAL_TYPE (PsrSignaturePad, psr_signature_pad, PSR, SIGNATURE_PAD, GtkWidget)

/* The width of the signing area for a height of 1: strokes are stored
 * from 0 to 1 across this area, so that they are drawn again with the
 * proportions they were drawn with. */
#define PSR_SIGNATURE_PAD_ASPECT 2.5

GtkWidget *psr_signature_pad_new         (void);
/* The strokes drawn, a GPtrArray of GArray of PsrPoint (psr-sessions.h);
 * an empty array when nothing was drawn. */
GPtrArray *psr_signature_pad_get_strokes (PsrSignaturePad *self);
/* Shows @strokes (NULL to clear), as a signature to look at or to start
 * from. */
void       psr_signature_pad_set_strokes (PsrSignaturePad *self,
                                          GPtrArray       *strokes);
void       psr_signature_pad_clear       (PsrSignaturePad *self);
gboolean   psr_signature_pad_is_empty    (PsrSignaturePad *self);

G_END_DECLS
