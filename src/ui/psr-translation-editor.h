/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "psr-database.h"

G_BEGIN_DECLS

#define PSR_TYPE_TRANSLATION_EDITOR (psr_translation_editor_get_type ())

G_DECLARE_FINAL_TYPE (PsrTranslationEditor, psr_translation_editor, PSR, TRANSLATION_EDITOR,
                      AdwWindow)

/* A window to translate the text of a record (@kind and @uuid as in
 * psr-translations.h) field by field, the original beside each field,
 * saved as it is typed. Each field of the translation is named
 * "translation-" followed by the field's code. */
PsrTranslationEditor *psr_translation_editor_new     (PsrDatabase *db,
                                                      const char  *kind,
                                                      const char  *uuid);
/* Writes what was typed and not saved yet. */
void                  psr_translation_editor_save    (PsrTranslationEditor *self);
/* Shows the translation into @language, a code of psr_languages() other
 * than the original language. */
void                  psr_translation_editor_set_language (PsrTranslationEditor *self,
                                                           const char           *language);

/* A new editor, modal over the window of @parent. */
void                  psr_translation_editor_present (GtkWidget   *parent,
                                                      PsrDatabase *db,
                                                      const char  *kind,
                                                      const char  *uuid);

G_END_DECLS
