/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <glib/gi18n.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "psr-locale.h"

/* The language of a document, whatever the language of the interface: a
 * convocation goes out in the trainee's language while the trainer works
 * in theirs. Making a document switches the calling thread only, so that
 * the interface, on its own thread, carries on in its language:
 *
 * - formatting (LC_TIME, LC_NUMERIC, LC_CTYPE) through uselocale() with a
 *   locale of that language found among the installed ones;
 * - messages by reading the compiled catalogue of that language directly,
 *   from the folder the text domain is bound to. The C library's gettext()
 *   cannot be used here: the LANGUAGE environment variable, which desktops
 *   and the Flatpak set, overrides any locale for the whole process, and
 *   changing the environment of a running program with threads is unsafe.
 *
 * When no installed locale or no catalogue is found for a language, the
 * document is made in English, text and formats alike, rather than half
 * translated. */

struct _PsrLocale
{
  GObject      parent_instance;

  char        *language;      /* what the document is in: "fr", "pt_BR", "en" */
  locale_t     locale;        /* (locale_t) 0 when none was found */
  GMappedFile *file;          /* the catalogue; NULL for English */
  const char  *data;
  gsize        size;
  gboolean     swapped;
  guint32      n_strings;
  guint32      originals;
  guint32      translations;
  char        *plural;        /* the C expression of Plural-Forms */
  guint        n_plurals;
};

G_DEFINE_FINAL_TYPE (PsrLocale, psr_locale, G_TYPE_OBJECT)

/* What a thread is making documents in, innermost last. */
typedef struct
{
  PsrLocale *locale;
  locale_t   saved;
} Frame;

static void
frames_free (gpointer data)
{
  g_array_unref (data);
}

static GPrivate current_frames = G_PRIVATE_INIT (frames_free);

/* The country whose conventions a language's documents follow when only the
 * language is known. */
static const struct
{
  const char *language;
  const char *territory;
} default_territories[] = {
  { "ar", "EG" }, { "de", "DE" }, { "en", "GB" }, { "es", "ES" }, { "fr", "FR" },
  { "it", "IT" }, { "nl", "NL" }, { "pt", "PT" },
};

#define MO_MAGIC         0x950412de
#define MO_MAGIC_SWAPPED 0xde120495

static void
psr_locale_finalize (GObject *object)
{
  PsrLocale *self = PSR_LOCALE (object);

  g_free (self->language);
  g_free (self->plural);
  g_clear_pointer (&self->file, g_mapped_file_unref);
  if (self->locale != (locale_t) 0)
    freelocale (self->locale);

  G_OBJECT_CLASS (psr_locale_parent_class)->finalize (object);
}

static void
psr_locale_class_init (PsrLocaleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = psr_locale_finalize;
}

static void
psr_locale_init (PsrLocale *self)
{
  self->n_plurals = 2;
}

/* Catalogue --------------------------------------------------------------- */

static guint32
read_word (PsrLocale *self,
           guint32    offset)
{
  guint32 word;

  if (offset > self->size || self->size - offset < 4)
    return 0;

  memcpy (&word, self->data + offset, 4);
  return self->swapped ? GUINT32_SWAP_LE_BE (word) : word;
}

/* The string at entry @index of the table at @table, or NULL when the file
 * does not hold it whole. Strings are followed by a NUL in the file. */
static const char *
read_string (PsrLocale *self,
             guint32    table,
             guint32    index,
             guint32   *length)
{
  guint32 entry = table + index * 8;
  guint32 len = read_word (self, entry);
  guint32 offset = read_word (self, entry + 4);

  if (offset >= self->size || self->size - offset <= len || self->data[offset + len] != '\0')
    return NULL;

  *length = len;
  return self->data + offset;
}

/* The originals are sorted as strcmp() sorts them; a plural entry's
 * original is its singular, a NUL, then its plural, so the singular alone
 * finds it. */
static const char *
lookup (PsrLocale  *self,
        const char *msgid,
        guint32    *length)
{
  guint32 low = 0;
  guint32 high = self->n_strings;

  if (self->file == NULL)
    return NULL;

  while (low < high)
    {
      guint32 middle = low + (high - low) / 2;
      guint32 original_length;
      const char *original = read_string (self, self->originals, middle, &original_length);
      int order;

      if (original == NULL)
        return NULL;

      order = strcmp (msgid, original);
      if (order == 0)
        return read_string (self, self->translations, middle, length);
      if (order < 0)
        high = middle;
      else
        low = middle + 1;
    }

  return NULL;
}

static void
read_plural_forms (PsrLocale *self)
{
  guint32 length;
  const char *header = lookup (self, "", &length);
  const char *line;
  const char *n_plurals;
  const char *plural;
  const char *end;

  if (header == NULL || (line = strstr (header, "Plural-Forms:")) == NULL)
    return;

  n_plurals = strstr (line, "nplurals=");
  plural = strstr (line, "plural=");
  /* "nplurals=" also contains "plural=". */
  while (plural != NULL && plural > line && plural[-1] == 'n')
    plural = strstr (plural + 1, "plural=");
  if (n_plurals == NULL || plural == NULL)
    return;

  self->n_plurals = MAX (1, (guint) g_ascii_strtoull (n_plurals + strlen ("nplurals="), NULL, 10));
  plural += strlen ("plural=");
  end = plural + strcspn (plural, ";\n");
  self->plural = g_strndup (plural, end - plural);
}

static gboolean
open_catalogue (PsrLocale  *self,
                const char *directory,
                const char *name)
{
  g_autofree char *path = g_build_filename (directory, name, "LC_MESSAGES",
                                            GETTEXT_PACKAGE ".mo", NULL);
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
  guint32 magic;

  if (file == NULL || g_mapped_file_get_length (file) < 28)
    return FALSE;

  self->data = g_mapped_file_get_contents (file);
  self->size = g_mapped_file_get_length (file);
  memcpy (&magic, self->data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return FALSE;

  self->swapped = magic == MO_MAGIC_SWAPPED;
  self->n_strings = read_word (self, 8);
  self->originals = read_word (self, 12);
  self->translations = read_word (self, 16);
  if (self->n_strings > self->size / 16)
    return FALSE;

  self->file = g_steal_pointer (&file);
  read_plural_forms (self);
  return TRUE;
}

/* The folder the app bound its text domain to, so that a build run from its
 * tree finds the catalogues it compiled. */
static const char *
catalogue_directory (void)
{
  const char *directory = bindtextdomain (GETTEXT_PACKAGE, NULL);

  return directory != NULL ? directory : LOCALEDIR;
}

/* Plural forms ------------------------------------------------------------ */

/* A reader of the C expressions of Plural-Forms, such as
 * "n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : …". */
typedef struct
{
  const char *p;
  gulong      n;
  gboolean    failed;
} Expression;

static gulong parse_ternary (Expression *e);

static gboolean
accept (Expression *e,
        const char *token)
{
  gsize length = strlen (token);

  while (g_ascii_isspace (*e->p))
    e->p++;
  if (strncmp (e->p, token, length) != 0)
    return FALSE;
  /* "<" is not the start of "<=", nor "!" of "!=", nor "=" … */
  if (length == 1 && strchr ("<>!=", token[0]) != NULL && e->p[1] == '=')
    return FALSE;
  e->p += length;
  return TRUE;
}

static gulong
parse_primary (Expression *e)
{
  gulong value;

  if (accept (e, "!"))
    return !parse_primary (e);
  if (accept (e, "("))
    {
      value = parse_ternary (e);
      if (!accept (e, ")"))
        e->failed = TRUE;
      return value;
    }
  if (accept (e, "n"))
    return e->n;
  if (g_ascii_isdigit (*e->p))
    {
      char *end;

      value = g_ascii_strtoull (e->p, &end, 10);
      e->p = end;
      return value;
    }

  e->failed = TRUE;
  return 0;
}

static gulong
parse_product (Expression *e)
{
  gulong value = parse_primary (e);

  while (!e->failed)
    {
      gulong right;

      if (accept (e, "*"))
        value *= parse_primary (e);
      else if (accept (e, "/"))
        value = (right = parse_primary (e)) != 0 ? value / right : 0;
      else if (accept (e, "%"))
        value = (right = parse_primary (e)) != 0 ? value % right : 0;
      else
        break;
    }
  return value;
}

static gulong
parse_sum (Expression *e)
{
  gulong value = parse_product (e);

  while (!e->failed)
    {
      if (accept (e, "+"))
        value += parse_product (e);
      else if (accept (e, "-"))
        value -= parse_product (e);
      else
        break;
    }
  return value;
}

static gulong
parse_comparison (Expression *e)
{
  gulong value = parse_sum (e);

  while (!e->failed)
    {
      if (accept (e, "<="))
        value = value <= parse_sum (e);
      else if (accept (e, ">="))
        value = value >= parse_sum (e);
      else if (accept (e, "<"))
        value = value < parse_sum (e);
      else if (accept (e, ">"))
        value = value > parse_sum (e);
      else
        break;
    }
  return value;
}

static gulong
parse_equality (Expression *e)
{
  gulong value = parse_comparison (e);

  while (!e->failed)
    {
      if (accept (e, "=="))
        value = value == parse_comparison (e);
      else if (accept (e, "!="))
        value = value != parse_comparison (e);
      else
        break;
    }
  return value;
}

static gulong
parse_and (Expression *e)
{
  gulong value = parse_equality (e);

  while (!e->failed && accept (e, "&&"))
    {
      gulong right = parse_equality (e);

      value = value && right;
    }
  return value;
}

static gulong
parse_or (Expression *e)
{
  gulong value = parse_and (e);

  while (!e->failed && accept (e, "||"))
    {
      gulong right = parse_and (e);

      value = value || right;
    }
  return value;
}

/* Both branches are read, since reading is evaluating here: the
 * expressions have no side effects. */
static gulong
parse_ternary (Expression *e)
{
  gulong condition = parse_or (e);
  gulong yes, no;

  if (e->failed || !accept (e, "?"))
    return condition;

  yes = parse_ternary (e);
  if (!accept (e, ":"))
    {
      e->failed = TRUE;
      return 0;
    }
  no = parse_ternary (e);
  return condition ? yes : no;
}

static guint
plural_form (PsrLocale *self,
             gulong     n)
{
  Expression e = { self->plural, n, FALSE };
  gulong form;

  if (self->plural == NULL)
    return n == 1 ? 0 : 1;

  form = parse_ternary (&e);
  if (e.failed || form >= self->n_plurals)
    return n == 1 ? 0 : 1;
  return form;
}

/* Locales ----------------------------------------------------------------- */

static const char *
default_territory (const char *language)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_territories); i++)
    if (g_str_equal (default_territories[i].language, language))
      return default_territories[i].territory;

  return NULL;
}

/* Formats only: messages are read from the catalogue. */
static locale_t
open_locale (const char *name)
{
  g_autofree char *full = g_strconcat (name, ".UTF-8", NULL);

  return newlocale (LC_CTYPE_MASK | LC_NUMERIC_MASK | LC_TIME_MASK | LC_MESSAGES_MASK, full,
                    (locale_t) 0);
}

/* "pt-BR", "pt_BR.UTF-8" and "pt_BR@euro" all become "pt_BR"; "FR", "fr". */
static char *
normalize_language (const char *language)
{
  g_autofree char *copy = g_strdup (language != NULL ? language : "");
  g_autofree char *base = NULL;
  g_auto(GStrv) parts = NULL;

  copy[strcspn (copy, ".@")] = '\0';
  g_strdelimit (copy, "-", '_');
  parts = g_strsplit (g_strstrip (copy), "_", 2);
  if (parts[0] == NULL || *parts[0] == '\0' || g_str_equal (parts[0], "C")
      || g_str_equal (parts[0], "POSIX"))
    return g_strdup ("en");

  base = g_ascii_strdown (parts[0], -1);
  if (parts[1] == NULL || *parts[1] == '\0')
    return g_steal_pointer (&base);

  return g_strdup_printf ("%s_%s", base, parts[1]);
}

/**
 * psr_locale_new:
 * @language: (nullable): a language code, such as a person's preferred
 *   language: "fr", "ar", "pt_BR" or "pt-BR"
 *
 * Finds what it takes to make documents in @language: its catalogue, and
 * an installed locale for its dates and numbers. Never fails: a language
 * with no catalogue or no installed locale, or %NULL, gives English.
 *
 * Returns: (transfer full): the locale
 */
PsrLocale *
psr_locale_new (const char *language)
{
  PsrLocale *self = g_object_new (PSR_TYPE_LOCALE, NULL);
  g_autofree char *name = normalize_language (language);
  g_autofree char *base = g_strndup (name, strcspn (name, "_"));
  const char *territory = default_territory (base);

  self->locale = open_locale (name);
  if (self->locale == (locale_t) 0 && territory != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s_%s", base, territory);

      self->locale = open_locale (full);
    }

  if (self->locale == (locale_t) 0 || g_str_equal (base, "en"))
    {
      if (self->locale == (locale_t) 0)
        {
          g_debug ("No installed locale for “%s”: documents in English", name);
          self->locale = open_locale ("en_GB");
        }
      if (self->locale == (locale_t) 0)
        self->locale = open_locale ("C");
      self->language = g_strdup ("en");
      return self;
    }

  if (!open_catalogue (self, catalogue_directory (), name)
      && (g_str_equal (name, base) || !open_catalogue (self, catalogue_directory (), base)))
    {
      /* Dates in one language around sentences in another would be worse
       * than all in English. */
      g_debug ("No catalogue for “%s”: documents in English", name);
      freelocale (self->locale);
      self->locale = open_locale ("en_GB");
      if (self->locale == (locale_t) 0)
        self->locale = open_locale ("C");
      self->language = g_strdup ("en");
      return self;
    }

  self->language = g_strdup (name);
  return self;
}

/**
 * psr_locale_get_language:
 * @self: a locale
 *
 * Returns: the language documents are made in, "en" when English was
 *   fallen back to
 */
const char *
psr_locale_get_language (PsrLocale *self)
{
  g_return_val_if_fail (PSR_IS_LOCALE (self), NULL);

  return self->language;
}

/**
 * psr_locale_is_right_to_left:
 * @self: a locale
 *
 * Returns: whether the language is written from right to left, so that a
 *   document in it is laid out from the right
 */
gboolean
psr_locale_is_right_to_left (PsrLocale *self)
{
  static const char * const rtl[] = { "ar", "fa", "he", "ur", "ps", "dv", "yi", "ckb", NULL };
  g_autofree char *base = NULL;

  g_return_val_if_fail (PSR_IS_LOCALE (self), FALSE);

  base = g_strndup (self->language, strcspn (self->language, "_"));
  return g_strv_contains (rtl, base);
}

/**
 * psr_locale_push:
 * @self: a locale
 *
 * Makes the calling thread format and translate the strings of documents
 * in the language of @self until the matching psr_locale_pop(). Pushes
 * nest. Other threads are not affected.
 */
void
psr_locale_push (PsrLocale *self)
{
  GArray *frames = g_private_get (&current_frames);
  Frame frame;

  g_return_if_fail (PSR_IS_LOCALE (self));

  if (frames == NULL)
    {
      frames = g_array_new (FALSE, FALSE, sizeof (Frame));
      g_private_set (&current_frames, frames);
    }

  frame.locale = g_object_ref (self);
  frame.saved = uselocale (self->locale);
  g_array_append_val (frames, frame);
}

/**
 * psr_locale_pop:
 * @self: the locale last pushed on this thread
 *
 * Gives the calling thread back the language it had before
 * psr_locale_push().
 */
void
psr_locale_pop (PsrLocale *self)
{
  GArray *frames = g_private_get (&current_frames);
  Frame *frame;

  g_return_if_fail (PSR_IS_LOCALE (self));
  g_return_if_fail (frames != NULL && frames->len > 0);

  frame = &g_array_index (frames, Frame, frames->len - 1);
  g_return_if_fail (frame->locale == self);

  uselocale (frame->saved);
  g_object_unref (frame->locale);
  g_array_set_size (frames, frames->len - 1);
}

static PsrLocale *
current_locale (void)
{
  GArray *frames = g_private_get (&current_frames);

  if (frames == NULL || frames->len == 0)
    return NULL;

  return g_array_index (frames, Frame, frames->len - 1).locale;
}

/**
 * psr_locale_get_current:
 *
 * What the calling thread is writing in, for a window it opens to carry
 * on in the same language (the trainee space's rehearsal player).
 *
 * Returns: (transfer none) (nullable): the innermost language pushed on
 *   this thread, or %NULL when it writes in the interface language
 */
PsrLocale *
psr_locale_get_current (void)
{
  return current_locale ();
}

/**
 * psr_locale_gettext:
 * @msgid: an English message
 *
 * Returns: @msgid in the language of the document this thread is making,
 *   or in the interface language when it is making none
 */
const char *
psr_locale_gettext (const char *msgid)
{
  PsrLocale *locale = current_locale ();
  const char *translation;
  guint32 length;

  if (locale == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);

  translation = lookup (locale, msgid, &length);
  return translation != NULL && length > 0 ? translation : msgid;
}

/**
 * psr_locale_pgettext:
 * @msgctxtid: a context, a byte 4, then an English message
 * @msgidoffset: where the message starts in @msgctxtid
 *
 * The same as psr_locale_gettext() for a message with a context, as C_()
 * calls it.
 *
 * Returns: the message, translated
 */
const char *
psr_locale_pgettext (const char *msgctxtid,
                     gsize       msgidoffset)
{
  PsrLocale *locale = current_locale ();
  const char *translation;
  guint32 length;

  if (locale == NULL)
    return g_dpgettext (GETTEXT_PACKAGE, msgctxtid, msgidoffset);

  translation = lookup (locale, msgctxtid, &length);
  return translation != NULL && length > 0 ? translation : msgctxtid + msgidoffset;
}

/**
 * psr_locale_ngettext:
 * @msgid: an English message for one
 * @msgid_plural: the English message for more
 * @n: how many
 *
 * The same as psr_locale_gettext() for a message with plural forms.
 *
 * Returns: the form of the message for @n, translated
 */
const char *
psr_locale_ngettext (const char *msgid,
                     const char *msgid_plural,
                     gulong      n)
{
  PsrLocale *locale = current_locale ();
  const char *translation;
  guint32 length;
  guint form;

  if (locale == NULL)
    return g_dngettext (GETTEXT_PACKAGE, msgid, msgid_plural, n);

  translation = lookup (locale, msgid, &length);
  if (translation == NULL || length == 0)
    return n == 1 ? msgid : msgid_plural;

  /* The forms follow each other, each ended by a NUL. */
  form = plural_form (locale, n);
  for (const char *end = translation + length; form > 0; form--)
    {
      translation += strlen (translation) + 1;
      if (translation >= end)
        return n == 1 ? msgid : msgid_plural;
    }
  return translation;
}
