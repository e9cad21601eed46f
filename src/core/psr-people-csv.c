/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "psr-database-private.h"
#include "psr-error.h"
#include "psr-format.h"
#include "psr-people-csv.h"
#include "psr-store-private.h"

/* A header line with more columns is no list of people. */
#define MAX_COLUMNS 256

/* Written out in pieces of this size. */
#define EXPORT_CHUNK (64 * 1024)

typedef struct
{
  guint                 line;
  gboolean              extra;     /* cells past the header's, not all blank */
  gint64                match_id;  /* the existing person with the email, 0 when none */
  PsrPeopleCsvDecision  decision;
} Row;

struct _PsrPeopleCsv
{
  PsrDatabase  *db;
  GStringChunk *chunk;      /* the text of every cell */
  GPtrArray    *headers;    /* const char *, in @chunk */
  int          *mapping;    /* per column */
  GArray       *rows;       /* Row */
  GPtrArray    *cells;      /* const char *, n_rows × n_columns, in @chunk */
  GPtrArray    *problems;   /* PsrPeopleCsvProblem * */
  GPtrArray    *matches;    /* PsrPeopleCsvMatch * */
};

/* The export's header, which the importer recognises too. */
static const char * const export_headers[] = {
  "Given name", "Family name", "Email", "Phone", "Organisation", "Job", "Country", "Language",
  "Notes", NULL,
};

static const PsrPersonField export_fields[] = {
  PSR_PERSON_FIELD_GIVEN_NAME, PSR_PERSON_FIELD_FAMILY_NAME, PSR_PERSON_FIELD_EMAIL,
  PSR_PERSON_FIELD_PHONE, PSR_PERSON_FIELD_ORGANISATION, PSR_PERSON_FIELD_JOB,
  PSR_PERSON_FIELD_COUNTRY, PSR_PERSON_FIELD_LANGUAGE, PSR_PERSON_FIELD_NOTES,
};

G_STATIC_ASSERT (G_N_ELEMENTS (export_fields) == G_N_ELEMENTS (export_headers) - 1);

/* Header names, as normalise_key() leaves them: lower case ASCII letters and
 * digits only. English and French, as spreadsheets and other programs
 * write them. */
static const struct
{
  const char     *key;
  PsrPersonField  field;
} header_names[] = {
  { "givenname", PSR_PERSON_FIELD_GIVEN_NAME },
  { "firstname", PSR_PERSON_FIELD_GIVEN_NAME },
  { "first", PSR_PERSON_FIELD_GIVEN_NAME },
  { "forename", PSR_PERSON_FIELD_GIVEN_NAME },
  { "prenom", PSR_PERSON_FIELD_GIVEN_NAME },
  { "prenoms", PSR_PERSON_FIELD_GIVEN_NAME },
  { "familyname", PSR_PERSON_FIELD_FAMILY_NAME },
  { "lastname", PSR_PERSON_FIELD_FAMILY_NAME },
  { "last", PSR_PERSON_FIELD_FAMILY_NAME },
  { "surname", PSR_PERSON_FIELD_FAMILY_NAME },
  { "nom", PSR_PERSON_FIELD_FAMILY_NAME },
  { "nomdefamille", PSR_PERSON_FIELD_FAMILY_NAME },
  { "nomdusage", PSR_PERSON_FIELD_FAMILY_NAME },
  { "nomdenaissance", PSR_PERSON_FIELD_FAMILY_NAME },
  { "email", PSR_PERSON_FIELD_EMAIL },
  { "emailaddress", PSR_PERSON_FIELD_EMAIL },
  { "mail", PSR_PERSON_FIELD_EMAIL },
  { "courriel", PSR_PERSON_FIELD_EMAIL },
  { "adresseemail", PSR_PERSON_FIELD_EMAIL },
  { "adressemail", PSR_PERSON_FIELD_EMAIL },
  { "adressecourriel", PSR_PERSON_FIELD_EMAIL },
  { "adresseelectronique", PSR_PERSON_FIELD_EMAIL },
  { "phone", PSR_PERSON_FIELD_PHONE },
  { "phonenumber", PSR_PERSON_FIELD_PHONE },
  { "telephone", PSR_PERSON_FIELD_PHONE },
  { "tel", PSR_PERSON_FIELD_PHONE },
  { "mobile", PSR_PERSON_FIELD_PHONE },
  { "portable", PSR_PERSON_FIELD_PHONE },
  { "numerodetelephone", PSR_PERSON_FIELD_PHONE },
  { "organisation", PSR_PERSON_FIELD_ORGANISATION },
  { "organization", PSR_PERSON_FIELD_ORGANISATION },
  { "organisme", PSR_PERSON_FIELD_ORGANISATION },
  { "structure", PSR_PERSON_FIELD_ORGANISATION },
  { "etablissement", PSR_PERSON_FIELD_ORGANISATION },
  { "institution", PSR_PERSON_FIELD_ORGANISATION },
  { "company", PSR_PERSON_FIELD_ORGANISATION },
  { "employer", PSR_PERSON_FIELD_ORGANISATION },
  { "employeur", PSR_PERSON_FIELD_ORGANISATION },
  { "entreprise", PSR_PERSON_FIELD_ORGANISATION },
  { "job", PSR_PERSON_FIELD_JOB },
  { "jobtitle", PSR_PERSON_FIELD_JOB },
  { "position", PSR_PERSON_FIELD_JOB },
  { "fonction", PSR_PERSON_FIELD_JOB },
  { "poste", PSR_PERSON_FIELD_JOB },
  { "metier", PSR_PERSON_FIELD_JOB },
  { "country", PSR_PERSON_FIELD_COUNTRY },
  { "pays", PSR_PERSON_FIELD_COUNTRY },
  { "language", PSR_PERSON_FIELD_LANGUAGE },
  { "preferredlanguage", PSR_PERSON_FIELD_LANGUAGE },
  { "langue", PSR_PERSON_FIELD_LANGUAGE },
  { "languepreferee", PSR_PERSON_FIELD_LANGUAGE },
  { "notes", PSR_PERSON_FIELD_NOTES },
  { "note", PSR_PERSON_FIELD_NOTES },
  { "comment", PSR_PERSON_FIELD_NOTES },
  { "comments", PSR_PERSON_FIELD_NOTES },
  { "commentaire", PSR_PERSON_FIELD_NOTES },
  { "commentaires", PSR_PERSON_FIELD_NOTES },
  { "remarques", PSR_PERSON_FIELD_NOTES },
};

/* Language cells, normalised, in English and French, beside the codes of
 * psr_languages() themselves. */
static const struct
{
  const char *key;
  const char *code;
} language_names[] = {
  { "french", "fr" }, { "francais", "fr" },
  { "english", "en" }, { "anglais", "en" },
  { "spanish", "es" }, { "espagnol", "es" }, { "espanol", "es" },
  { "german", "de" }, { "allemand", "de" }, { "deutsch", "de" },
  { "italian", "it" }, { "italien", "it" }, { "italiano", "it" },
  { "portuguese", "pt" }, { "portugais", "pt" }, { "portugues", "pt" },
  { "dutch", "nl" }, { "neerlandais", "nl" }, { "nederlands", "nl" },
  { "arabic", "ar" }, { "arabe", "ar" },
};

/* Preview ------------------------------------------------------------------ */

static void
problem_free (PsrPeopleCsvProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
match_free (PsrPeopleCsvMatch *match)
{
  g_free (match->person_name);
  g_free (match->email);
  g_free (match);
}

static void
people_csv_free (PsrPeopleCsv *csv)
{
  g_clear_object (&csv->db);
  g_clear_pointer (&csv->chunk, g_string_chunk_free);
  g_clear_pointer (&csv->headers, g_ptr_array_unref);
  g_clear_pointer (&csv->mapping, g_free);
  g_clear_pointer (&csv->rows, g_array_unref);
  g_clear_pointer (&csv->cells, g_ptr_array_unref);
  g_clear_pointer (&csv->problems, g_ptr_array_unref);
  g_clear_pointer (&csv->matches, g_ptr_array_unref);
}

G_DEFINE_BOXED_TYPE (PsrPeopleCsv, psr_people_csv, psr_people_csv_ref, psr_people_csv_unref)

PsrPeopleCsv *
psr_people_csv_ref (PsrPeopleCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);

  return g_rc_box_acquire (csv);
}

void
psr_people_csv_unref (PsrPeopleCsv *csv)
{
  g_return_if_fail (csv != NULL);

  g_rc_box_release_full (csv, (GDestroyNotify) people_csv_free);
}

static PsrPeopleCsv *
people_csv_new (PsrDatabase *db)
{
  PsrPeopleCsv *csv = g_rc_box_new0 (PsrPeopleCsv);

  csv->db = g_object_ref (db);
  csv->chunk = g_string_chunk_new (64 * 1024);
  csv->headers = g_ptr_array_new ();
  csv->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  csv->cells = g_ptr_array_new ();
  csv->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  csv->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);
  return csv;
}

/* Text --------------------------------------------------------------------- */

/* Lower case ASCII letters and digits, accents and everything else
 * dropped: "Adresse e-mail" → "adresseemail", "Prénom" → "prenom". */
static char *
normalise_key (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *key = g_string_new (NULL);

  if (decomposed == NULL)
    return g_string_free (key, FALSE);

  for (const char *p = decomposed; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_tolower (*p));

  return g_string_free (key, FALSE);
}

static int
field_for_header (const char *header)
{
  g_autofree char *key = normalise_key (header);

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (strcmp (key, header_names[i].key) == 0)
      return header_names[i].field;

  return PSR_PEOPLE_CSV_IGNORED;
}

/* The code of psr_languages() that @cell names ("fr", "FR", "fr-FR",
 * "French", "Français"…), NULL when none. */
static const char *
language_code (const char *cell)
{
  const char * const *codes = psr_languages ();
  g_autofree char *key = normalise_key (cell);

  /* "fr-FR", "fr_CA": the language before the region. */
  if (strlen (key) == 4 && (cell[2] == '-' || cell[2] == '_'))
    key[2] = '\0';

  for (guint i = 0; codes[i] != NULL; i++)
    if (strcmp (key, codes[i]) == 0)
      return codes[i];

  for (guint i = 0; i < G_N_ELEMENTS (language_names); i++)
    if (strcmp (key, language_names[i].key) == 0)
      return language_names[i].code;

  return NULL;
}

static gboolean
check_size (guint64   size,
            GError  **error)
{
  if (size <= PSR_PEOPLE_CSV_MAX_SIZE)
    return TRUE;

  g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
               _("The file is larger than %u MiB: it is not a list of people. Split it, then "
                 "import each part."),
               PSR_PEOPLE_CSV_MAX_SIZE / (1024 * 1024));
  return FALSE;
}

static gboolean
not_text (GError **error)
{
  return psr_store_invalid (error, _("This file is not text: it cannot be a list of people. "
                                     "Save the list as CSV from the spreadsheet, then import "
                                     "that file."));
}

/* The file as UTF-8, without BOM: UTF-8, UTF-16 with a BOM, or else
 * Windows-1252, as spreadsheets save “CSV” in western Europe. */
static char *
decode_text (GBytes  *contents,
             gsize   *length,
             GError **error)
{
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  g_autofree char *text = NULL;
  gsize written = 0;

  if (!check_size (size, error))
    return NULL;

  if (size >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE)
                    || ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      /* iconv reads the BOM and drops it. */
      text = g_convert (data, size, "UTF-8", "UTF-16", NULL, &written, NULL);
      if (text == NULL)
        {
          not_text (error);
          return NULL;
        }
    }
  else
    {
      if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
        {
          data += 3;
          size -= 3;
        }

      if (g_utf8_validate_len (data, size, NULL))
        {
          text = g_strndup (data, size);
          written = size;
        }
      else if (memchr (data, '\0', size) == NULL)
        {
          text = g_convert (data, size, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
          if (text == NULL)
            {
              psr_store_invalid (error, _("This file is neither UTF-8 nor Windows-1252 text. "
                                          "Save it as “CSV UTF-8” from the spreadsheet, then "
                                          "import it again."));
              return NULL;
            }
        }
    }

  if (text == NULL || memchr (text, '\0', written) != NULL)
    {
      not_text (error);
      return NULL;
    }

  *length = written;
  return g_steal_pointer (&text);
}

/* Reading ------------------------------------------------------------------ */

typedef struct
{
  const char *p;
  const char *end;
  guint       line;  /* the physical line of p, from 1 */
  char        separator;
} Reader;

/* CRLF, LF and a lone CR each end a physical line. */
static gboolean
skip_line_break (Reader *reader)
{
  if (reader->p < reader->end && *reader->p == '\r')
    {
      reader->p++;
      if (reader->p < reader->end && *reader->p == '\n')
        reader->p++;
    }
  else if (reader->p < reader->end && *reader->p == '\n')
    reader->p++;
  else
    return FALSE;

  reader->line++;
  return TRUE;
}

/* The separator that the header record (from @text) has most of outside
 * quotes: comma, semicolon or tab; comma when it has none. */
static char
sniff_separator (const char *text,
                 const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\n' || *p == '\r')
        break;
      else if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

static gboolean
at_field_end (Reader *reader)
{
  return reader->p == reader->end || *reader->p == reader->separator
         || *reader->p == '\r' || *reader->p == '\n';
}

/* A quoted field: quotes inside are doubled, line breaks inside become LF.
 * Text after the closing quote is kept, as spreadsheets do. */
static gboolean
read_quoted (Reader   *reader,
             GString  *field,
             GError  **error)
{
  guint opened = reader->line;

  reader->p++;
  for (;;)
    {
      if (reader->p == reader->end)
        {
          g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                       _("Line %u: a cell opens with a quote that is never closed. Close it, "
                         "or remove it, then import the file again."), opened);
          return FALSE;
        }

      if (*reader->p == '"' && reader->p + 1 < reader->end && reader->p[1] == '"')
        {
          g_string_append_c (field, '"');
          reader->p += 2;
        }
      else if (*reader->p == '"')
        {
          reader->p++;
          break;
        }
      else if (skip_line_break (reader))
        g_string_append_c (field, '\n');
      else
        g_string_append_c (field, *reader->p++);
    }

  while (!at_field_end (reader))
    g_string_append_c (field, *reader->p++);

  return TRUE;
}

/* A cell as stored: stripped of spaces around it, without the apostrophe
 * that an export puts before what a spreadsheet would take as a formula. */
static void
clean_cell (GString *field)
{
  g_strstrip (field->str);
  g_string_set_size (field, strlen (field->str));

  if (field->len >= 2 && field->str[0] == '\'' && strchr ("=+-@\t\r", field->str[1]) != NULL)
    {
      g_string_erase (field, 0, 1);
      g_strstrip (field->str);
      g_string_set_size (field, strlen (field->str));
    }
}

/* The cells of the next record into @fields (GString *, reused: @n_fields
 * of them are filled); FALSE on error. */
static gboolean
read_record (Reader     *reader,
             GPtrArray  *fields,
             guint      *n_fields,
             GError    **error)
{
  *n_fields = 0;
  for (;;)
    {
      GString *field;

      if (*n_fields == fields->len)
        g_ptr_array_add (fields, g_string_new (NULL));
      field = g_ptr_array_index (fields, *n_fields);
      g_string_truncate (field, 0);
      (*n_fields)++;

      if (reader->p < reader->end && *reader->p == '"')
        {
          if (!read_quoted (reader, field, error))
            return FALSE;
        }
      else
        {
          const char *start = reader->p;

          while (!at_field_end (reader))
            reader->p++;
          g_string_append_len (field, start, reader->p - start);
        }

      clean_cell (field);
      if (reader->p == reader->end || *reader->p != reader->separator)
        break;
      reader->p++;
    }
  skip_line_break (reader);

  return TRUE;
}

static gboolean
record_is_blank (GPtrArray *fields,
                 guint      n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (((GString *) g_ptr_array_index (fields, i))->len > 0)
      return FALSE;

  return TRUE;
}

static void
free_field (gpointer data)
{
  g_string_free (data, TRUE);
}

static gboolean
read_rows (PsrPeopleCsv  *csv,
           const char    *text,
           gsize          length,
           GError       **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (free_field);
  Reader reader = { text, text + length, 1, ',' };
  guint n_columns = 0;
  guint n_fields;

  /* The header: the first record that is not blank. */
  while (n_columns == 0)
    {
      if (reader.p == reader.end)
        return psr_store_invalid (error, _("This file is empty: a list of people starts with a "
                                           "line of column names, such as “First name”, “Last "
                                           "name” and “Email”."));

      reader.separator = sniff_separator (reader.p, reader.end);
      if (!read_record (&reader, fields, &n_fields, error))
        return FALSE;
      if (!record_is_blank (fields, n_fields))
        n_columns = n_fields;
    }

  if (n_columns > MAX_COLUMNS)
    {
      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   _("The first line has more than %u columns: this is not a list of people."),
                   MAX_COLUMNS);
      return FALSE;
    }

  csv->mapping = g_new (int, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = ((GString *) g_ptr_array_index (fields, i))->str;
      int field = field_for_header (header);

      g_ptr_array_add (csv->headers, g_string_chunk_insert (csv->chunk, header));

      /* The first column of a field takes it. */
      for (guint j = 0; j < i && field != PSR_PEOPLE_CSV_IGNORED; j++)
        if (csv->mapping[j] == field)
          field = PSR_PEOPLE_CSV_IGNORED;
      csv->mapping[i] = field;
    }

  while (reader.p < reader.end)
    {
      Row row = { reader.line, FALSE, 0, PSR_PEOPLE_CSV_KEEP };

      if (!read_record (&reader, fields, &n_fields, error))
        return FALSE;
      if (record_is_blank (fields, n_fields))
        continue;

      for (guint i = 0; i < n_columns; i++)
        g_ptr_array_add (csv->cells,
                         i < n_fields
                         ? g_string_chunk_insert_const (csv->chunk,
                                                        ((GString *) g_ptr_array_index (fields, i))->str)
                         : (char *) "");
      for (guint i = n_columns; i < n_fields; i++)
        row.extra |= ((GString *) g_ptr_array_index (fields, i))->len > 0;

      g_array_append_val (csv->rows, row);
    }

  return TRUE;
}

/* Checking ----------------------------------------------------------------- */

static const char *
cell (PsrPeopleCsv *csv,
      guint         row,
      int           column)
{
  if (column < 0)
    return "";

  return g_ptr_array_index (csv->cells, row * csv->headers->len + column);
}

/* The column of each field, -1 when none. */
static void
columns_of_fields (PsrPeopleCsv *csv,
                   int           columns[PSR_PERSON_N_FIELDS])
{
  for (guint f = 0; f < PSR_PERSON_N_FIELDS; f++)
    columns[f] = -1;

  for (guint i = 0; i < csv->headers->len; i++)
    if (csv->mapping[i] != PSR_PEOPLE_CSV_IGNORED)
      columns[csv->mapping[i]] = i;
}

static void
add_problem (PsrPeopleCsv *csv,
             guint         row,
             char         *message)
{
  PsrPeopleCsvProblem *problem = g_new0 (PsrPeopleCsvProblem, 1);

  problem->row = row;
  problem->line = g_array_index (csv->rows, Row, row).line;
  problem->message = message;
  g_ptr_array_add (csv->problems, problem);
}

/* The reason why a row cannot be imported, NULL when it can. @emails maps
 * the emails of the rows before it (lower case) to their line. */
static char *
check_row (PsrPeopleCsv  *csv,
           guint          index,
           const int      columns[PSR_PERSON_N_FIELDS],
           GHashTable    *emails)
{
  Row *row = &g_array_index (csv->rows, Row, index);
  const char *email = cell (csv, index, columns[PSR_PERSON_FIELD_EMAIL]);
  const char *language = cell (csv, index, columns[PSR_PERSON_FIELD_LANGUAGE]);

  if (row->extra)
    return g_strdup (_("This row has more cells than the first line has columns. Check the "
                       "separators of this row."));

  if (*cell (csv, index, columns[PSR_PERSON_FIELD_GIVEN_NAME]) == '\0'
      && *cell (csv, index, columns[PSR_PERSON_FIELD_FAMILY_NAME]) == '\0')
    return g_strdup (_("This row has no name. Fill in a first or last name, or delete the row."));

  if (*email != '\0')
    {
      g_autofree char *key = NULL;
      gpointer first_line;

      if (!psr_person_email_is_valid (email))
        return g_strdup_printf (_("“%s” is not an email address. Correct it, or leave it empty."),
                                email);

      key = g_ascii_strdown (email, -1);
      if (g_hash_table_lookup_extended (emails, key, NULL, &first_line))
        return g_strdup_printf (_("The email “%s” is already on line %u: a person appears only "
                                  "once. Delete one of the two rows."),
                                email, GPOINTER_TO_UINT (first_line));
      g_hash_table_insert (emails, g_steal_pointer (&key), GUINT_TO_POINTER (row->line));
    }

  if (*language != '\0' && language_code (language) == NULL)
    return g_strdup_printf (_("“%s” is not a language Passerelle knows. Write French, English, "
                              "Spanish, German, Italian, Portuguese, Dutch or Arabic, or their "
                              "codes (fr, en…)."),
                            language);

  return NULL;
}

static gboolean
add_match (PsrPeopleCsv  *csv,
           guint          index,
           const char    *email,
           GError       **error)
{
  Row *row = &g_array_index (csv->rows, Row, index);
  g_autoptr(GError) local_error = NULL;
  PsrPeopleCsvMatch *match;
  sqlite3_stmt *stmt;
  gint64 id;
  int rc;

  id = psr_person_find_by_email (csv->db, email, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (id == 0)
    {
      row->match_id = 0;
      return TRUE;
    }

  /* A decision is kept for the same person only. */
  if (row->match_id != id)
    row->decision = PSR_PEOPLE_CSV_KEEP;
  row->match_id = id;

  stmt = psr_store_prepare_with_id (csv->db,
    "SELECT trim(given_name || ' ' || family_name), email FROM people WHERE id = ?1", id, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return psr_set_error_from_sqlite (error, psr_database_get_handle (csv->db), rc);
    }

  match = g_new0 (PsrPeopleCsvMatch, 1);
  match->row = index;
  match->line = row->line;
  match->person_id = id;
  match->person_name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  match->email = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  match->decision = row->decision;
  sqlite3_reset (stmt);
  g_ptr_array_add (csv->matches, match);
  return TRUE;
}

/* Finds the bad rows and the matches for the current mapping. */
static gboolean
check_rows (PsrPeopleCsv  *csv,
            GError       **error)
{
  g_autoptr(GHashTable) emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[PSR_PERSON_N_FIELDS];

  g_ptr_array_set_size (csv->problems, 0);
  g_ptr_array_set_size (csv->matches, 0);
  columns_of_fields (csv, columns);

  for (guint i = 0; i < csv->rows->len; i++)
    {
      char *reason = check_row (csv, i, columns, emails);
      const char *email = cell (csv, i, columns[PSR_PERSON_FIELD_EMAIL]);

      if (reason != NULL)
        {
          g_array_index (csv->rows, Row, i).match_id = 0;
          add_problem (csv, i, reason);
        }
      else if (*email != '\0' && !add_match (csv, i, email, error))
        return FALSE;
    }

  return TRUE;
}

/* Reading: public API ------------------------------------------------------ */

PsrPeopleCsv *
psr_people_csv_read (PsrDatabase  *db,
                     GBytes       *contents,
                     GError      **error)
{
  g_autoptr(PsrPeopleCsv) csv = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  text = decode_text (contents, &length, error);
  if (text == NULL)
    return NULL;

  csv = people_csv_new (db);
  if (!read_rows (csv, text, length, error) || !check_rows (csv, error))
    return NULL;

  return g_steal_pointer (&csv);
}

PsrPeopleCsv *
psr_people_csv_read_file (PsrDatabase  *db,
                          GFile        *file,
                          GError      **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) contents = NULL;

  g_return_val_if_fail (PSR_IS_DATABASE (db), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL || !check_size (g_file_info_get_size (info), error))
    return NULL;

  contents = g_file_load_bytes (file, NULL, NULL, error);
  if (contents == NULL)
    return NULL;

  return psr_people_csv_read (db, contents, error);
}

guint
psr_people_csv_get_n_columns (PsrPeopleCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->headers->len;
}

const char *
psr_people_csv_get_header (PsrPeopleCsv *csv,
                           guint         column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (column < csv->headers->len, NULL);

  return g_ptr_array_index (csv->headers, column);
}

int
psr_people_csv_get_mapping (PsrPeopleCsv *csv,
                            guint         column)
{
  g_return_val_if_fail (csv != NULL, PSR_PEOPLE_CSV_IGNORED);
  g_return_val_if_fail (column < csv->headers->len, PSR_PEOPLE_CSV_IGNORED);

  return csv->mapping[column];
}

gboolean
psr_people_csv_set_mapping (PsrPeopleCsv  *csv,
                            guint          column,
                            int            field,
                            GError       **error)
{
  g_return_val_if_fail (csv != NULL, FALSE);
  g_return_val_if_fail (column < csv->headers->len, FALSE);
  g_return_val_if_fail (field >= PSR_PEOPLE_CSV_IGNORED && field < PSR_PERSON_N_FIELDS, FALSE);

  if (field != PSR_PEOPLE_CSV_IGNORED)
    for (guint i = 0; i < csv->headers->len; i++)
      if (csv->mapping[i] == field)
        csv->mapping[i] = PSR_PEOPLE_CSV_IGNORED;
  csv->mapping[column] = field;

  return check_rows (csv, error);
}

guint
psr_people_csv_get_n_rows (PsrPeopleCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);

  return csv->rows->len;
}

guint
psr_people_csv_get_row_line (PsrPeopleCsv *csv,
                             guint         row)
{
  g_return_val_if_fail (csv != NULL, 0);
  g_return_val_if_fail (row < csv->rows->len, 0);

  return g_array_index (csv->rows, Row, row).line;
}

const char *
psr_people_csv_get_cell (PsrPeopleCsv *csv,
                         guint         row,
                         guint         column)
{
  g_return_val_if_fail (csv != NULL, NULL);
  g_return_val_if_fail (row < csv->rows->len, NULL);
  g_return_val_if_fail (column < csv->headers->len, NULL);

  return cell (csv, row, column);
}

GPtrArray *
psr_people_csv_get_problems (PsrPeopleCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);

  return csv->problems;
}

GPtrArray *
psr_people_csv_get_matches (PsrPeopleCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);

  return csv->matches;
}

void
psr_people_csv_set_decision (PsrPeopleCsv         *csv,
                             guint                 match,
                             PsrPeopleCsvDecision  decision)
{
  PsrPeopleCsvMatch *item;

  g_return_if_fail (csv != NULL);
  g_return_if_fail (match < csv->matches->len);
  g_return_if_fail (decision == PSR_PEOPLE_CSV_KEEP || decision == PSR_PEOPLE_CSV_MERGE);

  item = g_ptr_array_index (csv->matches, match);
  item->decision = decision;
  g_array_index (csv->rows, Row, item->row).decision = decision;
}

void
psr_people_csv_set_all_decisions (PsrPeopleCsv         *csv,
                                  PsrPeopleCsvDecision  decision)
{
  g_return_if_fail (csv != NULL);

  for (guint i = 0; i < csv->matches->len; i++)
    psr_people_csv_set_decision (csv, i, decision);
}

/* Applying ----------------------------------------------------------------- */

/* The cell of @field in @row, NULL when no column has it or it is blank;
 * a language as its code. */
static const char *
value_of (PsrPeopleCsv *csv,
          guint         row,
          const int     columns[PSR_PERSON_N_FIELDS],
          PsrPersonField field)
{
  const char *text = cell (csv, row, columns[field]);

  if (*text == '\0')
    return NULL;
  if (field == PSR_PERSON_FIELD_LANGUAGE)
    return language_code (text);

  return text;
}

/* Binds the fields to ?2 … ?10, in the order of PsrPersonField. */
static void
bind_fields (sqlite3_stmt   *stmt,
             PsrPeopleCsv   *csv,
             guint           row,
             const int       columns[PSR_PERSON_N_FIELDS])
{
  for (guint f = 0; f < PSR_PERSON_N_FIELDS; f++)
    {
      const char *value = value_of (csv, row, columns, f);

      if (value != NULL)
        sqlite3_bind_text (stmt, f + 2, value, -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, f + 2);
    }
}

/* The rows to write are staged first, then written with one statement
 * each for the new people and the merged ones: the search index of people
 * then takes them in one go, where a statement per row would have it write
 * and merge its segments once per person. */
static const char create_staging_sql[] =
  "CREATE TEMP TABLE IF NOT EXISTS people_import ("
  " person_id INTEGER, uuid TEXT, given_name TEXT, family_name TEXT, email TEXT, phone TEXT,"
  " organisation TEXT, job TEXT, country TEXT, language TEXT, notes TEXT)";

static const char clear_staging_sql[] = "DELETE FROM temp.people_import";

static const char insert_staged_sql[] =
  "INSERT INTO people (uuid, given_name, family_name, email, phone, organisation, job, country,"
  " language, notes)"
  " SELECT uuid, coalesce (given_name, ''), coalesce (family_name, ''), email,"
  " coalesce (phone, ''), coalesce (organisation, ''), coalesce (job, ''), coalesce (country, ''),"
  " coalesce (language, 'fr'), coalesce (notes, '')"
  " FROM temp.people_import WHERE person_id IS NULL ORDER BY rowid";

/* Every value of the file that is not blank replaces the person's; the
 * email stays theirs. */
static const char merge_staged_sql[] =
  "UPDATE people SET given_name = coalesce (m.given_name, people.given_name),"
  " family_name = coalesce (m.family_name, people.family_name),"
  " phone = coalesce (m.phone, people.phone),"
  " organisation = coalesce (m.organisation, people.organisation),"
  " job = coalesce (m.job, people.job), country = coalesce (m.country, people.country),"
  " language = coalesce (m.language, people.language), notes = coalesce (m.notes, people.notes),"
  " updated_at = " PSR_STORE_NOW
  " FROM temp.people_import m WHERE m.person_id = people.id";

/* @person_id is 0 for a new person. */
static gboolean
stage_row (PsrPeopleCsv  *csv,
           guint          row,
           gint64         person_id,
           const int      columns[PSR_PERSON_N_FIELDS],
           GError       **error)
{
  g_autofree char *uuid = person_id == 0 ? psr_uuid_new () : NULL;
  sqlite3_stmt *stmt;

  stmt = psr_database_prepare (csv->db,
    "INSERT INTO temp.people_import (person_id, given_name, family_name, email, phone,"
    " organisation, job, country, language, notes, uuid)"
    " VALUES (nullif (?1, 0), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, person_id);
  bind_fields (stmt, csv, row, columns);
  sqlite3_bind_text (stmt, 11, uuid, -1, SQLITE_TRANSIENT);
  return psr_database_step_done (csv->db, stmt, error);
}

static gboolean
stage_rows (PsrPeopleCsv        *csv,
            const int            columns[PSR_PERSON_N_FIELDS],
            PsrPeopleCsvCounts  *counts,
            GError             **error)
{
  for (guint i = 0; i < csv->rows->len; i++)
    {
      const Row *row = &g_array_index (csv->rows, Row, i);
      const char *email = cell (csv, i, columns[PSR_PERSON_FIELD_EMAIL]);
      g_autoptr(GError) local_error = NULL;
      gint64 existing = 0;

      /* Found again: someone may have been added since the preview. */
      if (*email != '\0')
        {
          existing = psr_person_find_by_email (csv->db, email, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }

      if (existing == 0)
        {
          if (!stage_row (csv, i, 0, columns, error))
            return FALSE;
          counts->added++;
        }
      else if (row->decision == PSR_PEOPLE_CSV_MERGE && row->match_id == existing)
        {
          if (!stage_row (csv, i, existing, columns, error))
            return FALSE;
          counts->merged++;
        }
      else
        counts->kept++;
    }

  return TRUE;
}

static gboolean
apply_rows (PsrPeopleCsv        *csv,
            const int            columns[PSR_PERSON_N_FIELDS],
            PsrPeopleCsvCounts  *counts,
            GError             **error)
{
  sqlite3_stmt *stmt;

  if (!psr_database_exec (csv->db, create_staging_sql, error)
      || !psr_database_exec (csv->db, clear_staging_sql, error)
      || !stage_rows (csv, columns, counts, error))
    return FALSE;

  stmt = psr_database_prepare (csv->db, insert_staged_sql, error);
  if (stmt == NULL || !psr_database_step_done (csv->db, stmt, error))
    return FALSE;

  stmt = psr_database_prepare (csv->db, merge_staged_sql, error);
  if (stmt == NULL || !psr_database_step_done (csv->db, stmt, error))
    return FALSE;

  return psr_database_exec (csv->db, clear_staging_sql, error);
}

gboolean
psr_people_csv_apply (PsrPeopleCsv        *csv,
                      PsrPeopleCsvCounts  *counts,
                      GError             **error)
{
  PsrPeopleCsvCounts done = { 0, 0, 0 };
  int columns[PSR_PERSON_N_FIELDS];

  g_return_val_if_fail (csv != NULL, FALSE);

  if (csv->problems->len > 0)
    {
      PsrPeopleCsvProblem *first = g_ptr_array_index (csv->problems, 0);

      g_set_error (error, PSR_ERROR, PSR_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Line %u: %s Nothing was imported: %u row cannot be imported.",
                                "Line %u: %s Nothing was imported: %u rows cannot be imported.",
                                csv->problems->len),
                   first->line, first->message, csv->problems->len);
      return FALSE;
    }

  columns_of_fields (csv, columns);
  if (columns[PSR_PERSON_FIELD_GIVEN_NAME] < 0 && columns[PSR_PERSON_FIELD_FAMILY_NAME] < 0)
    return psr_store_invalid (error, _("No column holds the names. Choose the column of the first "
                                       "names or of the last names, then import again."));

  if (!psr_database_begin (csv->db, error))
    return FALSE;

  if (!apply_rows (csv, columns, &done, error))
    {
      psr_database_rollback (csv->db);
      return FALSE;
    }

  if (!psr_database_commit (csv->db, error))
    return FALSE;

  if (counts != NULL)
    *counts = done;
  return TRUE;
}

/* Export ------------------------------------------------------------------- */

const char * const *
psr_people_csv_export_headers (void)
{
  return export_headers;
}

/* Quoted when it holds a comma, a quote, a line break or spaces around it;
 * an apostrophe before what a spreadsheet would run as a formula. */
static void
append_cell (GString    *csv,
             const char *text)
{
  gboolean formula = strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0';
  gsize length = strlen (text);
  gboolean quote = strpbrk (text, ",\"\r\n") != NULL
                   || (length > 0 && (g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1])));

  if (quote)
    g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }

  if (quote)
    g_string_append_c (csv, '"');
}

static void
append_record (GString            *csv,
               const char * const *cells,
               guint               n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_cell (csv, cells[i]);
    }
  g_string_append (csv, "\r\n");
}

static gboolean
flush (GString        *csv,
       GOutputStream  *output,
       GCancellable   *cancellable,
       GError        **error)
{
  if (!g_output_stream_write_all (output, csv->str, csv->len, NULL, cancellable, error))
    return FALSE;

  g_string_truncate (csv, 0);
  return TRUE;
}

/* @ids as a JSON array, for json_each(). */
static char *
ids_json (const gint64 *ids,
          guint         n_ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n_ids; i++)
    g_string_append_printf (json, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT, ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

gboolean
psr_people_csv_export (PsrDatabase    *db,
                       const gint64   *ids,
                       guint           n_ids,
                       GOutputStream  *output,
                       GCancellable   *cancellable,
                       GError        **error)
{
  g_autoptr(GString) csv = g_string_sized_new (EXPORT_CHUNK + 4096);
  g_autofree char *selection = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PSR_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  stmt = psr_database_prepare (db,
    "SELECT given_name, family_name, coalesce (email, ''), phone, organisation, job, country,"
    " language, notes FROM people"
    " WHERE ?1 IS NULL OR id IN (SELECT value FROM json_each (?1))"
    " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return FALSE;

  if (ids != NULL)
    {
      selection = ids_json (ids, n_ids);
      sqlite3_bind_text (stmt, 1, selection, -1, SQLITE_STATIC);
    }

  g_string_append (csv, "\xEF\xBB\xBF");
  append_record (csv, export_headers, G_N_ELEMENTS (export_headers) - 1);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cells[G_N_ELEMENTS (export_fields)];

      for (guint i = 0; i < G_N_ELEMENTS (export_fields); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          cells[i] = text != NULL ? text : "";
        }
      append_record (csv, cells, G_N_ELEMENTS (cells));

      if (csv->len >= EXPORT_CHUNK && !flush (csv, output, cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return psr_set_error_from_sqlite (error, psr_database_get_handle (db), rc);

  return flush (csv, output, cancellable, error);
}
