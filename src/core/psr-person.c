/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Passerelle"

#include "config.h"

#include "psr-person.h"

/* A trainee or a trainer: trainers are people marked as such. */
struct _PsrPerson
{
  PsrRecord parent_instance;

  char     *given_name;
  char     *family_name;
  char     *email;
  char     *organisation;
  char     *country;
  char     *language;
  gboolean  is_trainer;
};

G_DEFINE_FINAL_TYPE (PsrPerson, psr_person, PSR_TYPE_RECORD)

enum {
  PROP_0,
  PROP_GIVEN_NAME,
  PROP_FAMILY_NAME,
  PROP_EMAIL,
  PROP_ORGANISATION,
  PROP_COUNTRY,
  PROP_LANGUAGE,
  PROP_IS_TRAINER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
psr_person_load (PsrRecord    *record,
                 sqlite3_stmt *stmt)
{
  PsrPerson *self = PSR_PERSON (record);

  self->given_name = psr_record_column_text (stmt, 5);
  self->family_name = psr_record_column_text (stmt, 6);
  self->email = psr_record_column_text (stmt, 7);
  self->organisation = psr_record_column_text (stmt, 8);
  self->country = psr_record_column_text (stmt, 9);
  self->language = psr_record_column_text (stmt, 10);
  self->is_trainer = sqlite3_column_int (stmt, 11) != 0;
}

static void
psr_person_finalize (GObject *object)
{
  PsrPerson *self = (PsrPerson *)object;

  g_free (self->given_name);
  g_free (self->family_name);
  g_free (self->email);
  g_free (self->organisation);
  g_free (self->country);
  g_free (self->language);

  G_OBJECT_CLASS (psr_person_parent_class)->finalize (object);
}

static void
psr_person_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PsrPerson *self = PSR_PERSON (object);

  switch (prop_id)
    {
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;

    case PROP_FAMILY_NAME:
      g_value_set_string (value, self->family_name);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ORGANISATION:
      g_value_set_string (value, self->organisation);
      break;

    case PROP_COUNTRY:
      g_value_set_string (value, self->country);
      break;

    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    case PROP_IS_TRAINER:
      g_value_set_boolean (value, self->is_trainer);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
psr_person_class_init (PsrPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PsrRecordClass *record_class = PSR_RECORD_CLASS (klass);

  object_class->finalize = psr_person_finalize;
  object_class->get_property = psr_person_get_property;

  record_class->kind = "person";
  record_class->select_sql =
    "SELECT id, uuid, created_at, updated_at, trim(given_name || ' ' || family_name),"
    " given_name, family_name, coalesce(email, ''), organisation, country, language, is_trainer"
    " FROM people WHERE id = ?1";
  record_class->list_sql =
    "SELECT id FROM people ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE";
  record_class->titles_sql =
    "SELECT uuid, trim(given_name || ' ' || family_name) FROM people"
    " ORDER BY family_name COLLATE NOCASE, given_name COLLATE NOCASE";
  record_class->find_sql = "SELECT id FROM people WHERE uuid = ?1";
  record_class->load = psr_person_load;

  properties[PROP_GIVEN_NAME] =
    g_param_spec_string ("given-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAMILY_NAME] =
    g_param_spec_string ("family-name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ORGANISATION] =
    g_param_spec_string ("organisation", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNTRY] =
    g_param_spec_string ("country", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_TRAINER] =
    g_param_spec_boolean ("is-trainer", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
psr_person_init (PsrPerson *self)
{
}

const char *
psr_person_get_given_name (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->given_name;
}

const char *
psr_person_get_family_name (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->family_name;
}

const char *
psr_person_get_email (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->email;
}

const char *
psr_person_get_organisation (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->organisation;
}

const char *
psr_person_get_country (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->country;
}

const char *
psr_person_get_language (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), NULL);
  return self->language;
}

gboolean
psr_person_get_is_trainer (PsrPerson *self)
{
  g_return_val_if_fail (PSR_IS_PERSON (self), FALSE);
  return self->is_trainer;
}
