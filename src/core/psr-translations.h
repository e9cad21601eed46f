/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "psr-database.h"

G_BEGIN_DECLS

/*
 * Translations of the text of curricula, modules, scenarios and
 * competencies, one field at a time.
 *
 * A record is named by its kind ("curriculum", "module", "scenario" or
 * "competency") and its UUID. Its own text is the original, in its
 * original language: the record's language for a scenario or a
 * curriculum, its curriculum's for a module, its framework's for a
 * competency. A translation is into another language of psr_languages().
 *
 * Every function that changes something is one transaction: it is done
 * whole, or it fails with a translated GError of the PSR_ERROR domain, and
 * nothing changes. PSR_ERROR_NOT_FOUND when the record does not exist,
 * PSR_ERROR_INVALID for a bad kind, field, language or text.
 */

/**
 * PsrTranslatableField:
 * @code: the field, as its column is named ("room_layout")
 * @label: what the field is called, untranslated: show it with _()
 * @multiline: whether the text runs over several lines
 *
 * A text field that can be translated.
 */
typedef struct
{
  const char *code;
  const char *label;
  gboolean    multiline;
} PsrTranslatableField;

/* The translatable fields of @kind, in the order of its form; NULL, with
 * @n_fields 0, for an unknown kind. */
const PsrTranslatableField *psr_translation_fields (const char *kind,
                                                    guint      *n_fields);

/* The original language of the record (a language code); NULL on error. */
char       *psr_translation_get_original_language (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   GError      **error);

/* The record's own text of each translatable field: field code → text
 * (never NULL); NULL on error. */
GHashTable *psr_translation_get_originals         (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   GError      **error);

/* The translated fields of the record in @language: field code → text,
 * only those translated; NULL on error. */
GHashTable *psr_translation_get                   (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   const char   *language,
                                                   GError      **error);

/* The languages the record has a translation in, in the order of
 * psr_languages(); NULL on error. */
GStrv       psr_translation_list_languages        (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   GError      **error);

/* Translates one field into @language, a code of psr_languages() other
 * than the original language. A NULL or blank @text clears the
 * translation of that field. */
gboolean    psr_translation_set                   (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   const char   *language,
                                                   const char   *field,
                                                   const char   *text,
                                                   GError      **error);

/* Removes every translated field of the record in @language. */
gboolean    psr_translation_remove_language       (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   const char   *language,
                                                   GError      **error);

/* What to show of @field in @language: its translation, or, when it has
 * none (or @language is the original one), the original text with
 * @is_fallback set to TRUE when @language is not the original language.
 * NULL on error. */
char       *psr_translation_resolve               (PsrDatabase  *db,
                                                   const char   *kind,
                                                   const char   *uuid,
                                                   const char   *field,
                                                   const char   *language,
                                                   gboolean     *is_fallback,
                                                   GError      **error);

G_END_DECLS
